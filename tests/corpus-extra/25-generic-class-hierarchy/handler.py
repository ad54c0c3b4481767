"""Pricing rules as a small class hierarchy: class attributes, single inheritance with
super(), @staticmethod / @classmethod, dataclass inheritance, and `:=`."""
import json
import logging
from dataclasses import dataclass, field, asdict

logger = logging.getLogger()
logger.setLevel(logging.INFO)
PREFIX = "rule:"


class Rule:
    kind = "base"
    priority = 0
    registry_name = PREFIX.upper() + "BASE"

    def __init__(self, name, amount=0):
        self.name = name
        self.amount = amount

    @staticmethod
    def clamp(value, low=0, high=100):
        return max(low, min(high, value))

    @classmethod
    def from_dict(cls, data):
        return cls(data["name"], data.get("amount", 0))

    def apply(self, price):
        return price

    def describe(self):
        return f"{self.kind}:{self.name}(p={self.priority})"


class PercentOff(Rule):
    kind = "percent"
    priority = 2

    def apply(self, price):
        pct = self.clamp(self.amount)
        return round(price * (100 - pct) / 100, 2)


class FixedOff(Rule):
    kind = "fixed"
    priority = 1

    def __init__(self, name, amount=0, floor=0.0):
        super().__init__(name, amount)
        self.floor = floor

    def apply(self, price):
        return max(self.floor, super().apply(price) - self.amount)

    def describe(self):
        return super().describe() + f"[floor={self.floor}]"


class Capped(PercentOff):
    cap = 5

    def apply(self, price):
        off = price - super().apply(price)
        return round(price - min(off, self.cap), 2)


@dataclass
class Line:
    sku: str
    price: float
    qty: int = 1


@dataclass
class TaggedLine(Line):
    tags: list = field(default_factory=list)
    qty: int = 2


KINDS = {"percent": PercentOff, "fixed": FixedOff, "capped": Capped}


def build_rule(spec):
    if (kind := spec.get("kind")) not in KINDS:
        raise ValueError(f"unknown rule kind: {kind!r}")
    return KINDS[kind].from_dict(spec)


def handler(event, context):
    rules = sorted((build_rule(s) for s in event.get("rules", [])), key=lambda r: -r.priority)
    lines = []
    for raw in event.get("lines", []):
        if tags := raw.get("tags"):
            lines.append(TaggedLine(raw["sku"], raw["price"], tags=tags))
        else:
            lines.append(Line(raw["sku"], raw["price"], raw.get("qty", 1)))
    total = 0
    priced = []
    for line in lines:
        price = line.price
        for rule in rules:
            price = rule.apply(price)
        total += price * line.qty
        priced.append({**asdict(line), "final": price, "tagged": isinstance(line, TaggedLine), "isLine": isinstance(line, Line)})
    remaining = list(rules)
    drained = []
    while (rule := remaining.pop() if remaining else None) is not None:
        drained.append(rule.kind)
    logger.info("priced %d lines", len(priced))
    return {
        "rules": [r.describe() for r in rules],
        "kinds": [type(r).__name__ for r in rules],
        "isRule": [isinstance(r, Rule) for r in rules],
        "cappedIsPercent": [isinstance(r, PercentOff) for r in rules],
        "lines": priced,
        "total": round(total, 2),
        "drained": drained,
        "attrs": [Rule.kind, PercentOff.kind, Capped.cap, Capped.priority, Rule.registry_name, Rule.clamp(150)],
        "eq": TaggedLine("a", 1.0) == TaggedLine("a", 1.0, ["x"]),
        "repr": repr(TaggedLine("a", 1.0)),
        "static": [Capped.clamp(-3), PercentOff(name="x").clamp(42, high=40)],
        "body": json.dumps(event.get("meta", {}), sort_keys=True),
    }
