import json
from enum import Enum, IntEnum, StrEnum, auto, unique


class Status(str, Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    ENABLED = "active"


@unique
class Color(Enum):
    RED = 1
    GREEN = 2

    def label(self):
        return self.name.lower()

    @property
    def hexa(self):
        return {1: "#f00", 2: "#0f0"}[self.value]

    @staticmethod
    def default():
        return Color.RED


class Level(IntEnum):
    LOW = auto()
    HIGH = auto()


class Kind(StrEnum):
    ALPHA = auto()
    BETA = "bee"


def handler(event, context):
    status = Status(event.get("status", "active"))
    color = Color[event.get("color", "RED")]
    level = Level(event.get("level", 1))
    out = {
        "status": status,
        "status_str": str(status),
        "status_f": f"{status}|{status!r}|{status.value:>8}|{status:>20}",
        "is_active": status == "active",
        "alias": Status.ENABLED is Status.ACTIVE,
        "members": [s.name for s in Status],
        "len": len(Status),
        "color": [color.name, color.value, color.label(), color.hexa, str(color), repr(color), f"{color:>12}"],
        "default": Color.default().name,
        "plain_eq": [Color.RED == 1, Color.RED == Color.RED, Color.RED != Color.GREEN],
        "level": [level + 1, level > Level.LOW, str(level), f"{level:>3}", level * 2, sorted(Level)[0].name],
        "kind": [Kind.ALPHA, str(Kind.BETA), f"{Kind.BETA:>5}", Kind.ALPHA == "alpha"],
        "lookup": {Status.ACTIVE: 1}["active"],
        "dumps": json.dumps({"s": status, "l": level, "k": Kind.BETA}),
        "in": Color.RED in Color,
        "isinstance": [isinstance(color, Color), isinstance(status, Color), isinstance(status, str), isinstance(level, int), isinstance(color, int)],
        "type": type(color).__name__,
        "by_members": Status.__members__["ENABLED"].name,
        "upper": status.upper(),
    }
    if event.get("dump_plain"):
        return {"c": color}
    return out
