from typing import NamedTuple, TypedDict, Optional


class Point(NamedTuple):
    """A point."""
    x: int
    y: int = 0
    label: Optional[str] = None


class Order(TypedDict, total=False):
    id: str
    qty: int


def handler(event, context):
    p = Point(event["x"], label="a")
    q = Point(**event.get("q", {"x": 1}))
    o = Order(id=event.get("id", "o1"), qty=2)
    x, y, label = p
    return {
        "p": list(p), "repr": repr(p), "q": q._asdict(), "fields": list(Point._fields), "replace": p._replace(y=9).y,
        "o": o, "type": type(o).__name__, "unpack": [x, y, label], "eq": p == (event["x"], 0, "a"), "idx": p[0],
    }
