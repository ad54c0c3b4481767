import json
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from enum import Enum, IntEnum


class Sev(IntEnum):
    LOW = 1
    HIGH = 3


class Tier(str, Enum):
    GOLD = "gold"
    SILVER = "silver"


class Sku:
    def __init__(self, code):
        self.code = code

    def __eq__(self, other):
        return isinstance(other, Sku) and self.code.lower() == other.code.lower()

    def __hash__(self):
        return hash(self.code.lower())


class Slot:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


class OnlyEq:
    def __eq__(self, other):
        return True


@dataclass
class Item:
    name: str


def handler(event, context):
    kind = event.get("kind", "ok")
    if kind == "dataclass-key":
        return len({Item("a"), Item("a")})
    if kind == "eq-without-hash":
        return {OnlyEq(): 1}
    if kind == "naive-vs-aware":
        return max([datetime(2024, 1, 1), datetime(2024, 1, 1, tzinfo=timezone.utc)]).isoformat()
    s = Sev(event.get("sev", 3))
    skus = [Sku(c) for c in event.get("codes", ["a", "A", "b"])]
    return {
        "unique": len(set(skus)),
        "dict_keys": len({k: 1 for k in skus}),
        "sev": [int(s), float(s), hex(s), "%d|%x" % (s, s), "abcd"[s], list(range(s)), s * 2, s == 3],
        "slot": ["abcdef"[Slot(2)], [10, 20, 30][Slot(1)], bin(Slot(5))],
        "json": json.dumps({Tier.GOLD: 1, Sev.LOW: Tier.SILVER}, sort_keys=False),
        "sqrt": [str(Decimal(x).sqrt()) for x in event.get("roots", ["2", "0.25", "1E+3"])],
        "eq_dt": datetime(2024, 1, 1) == datetime(2024, 1, 1, tzinfo=timezone.utc),
    }
