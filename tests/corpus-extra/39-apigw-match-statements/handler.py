import json
from dataclasses import dataclass
from enum import Enum


class Method(str, Enum):
    GET = "GET"
    POST = "POST"


@dataclass
class Item:
    sku: str
    qty: int = 1


def classify(value):
    match value:
        case None:
            return "none"
        case True | False:
            return "bool"
        case int(n) if n < 0:
            return f"negative {n}"
        case int() | float():
            return "number"
        case str() as s if not s:
            return "empty string"
        case str(s):
            return f"string {s!r}"
        case [] | ():
            return "empty sequence"
        case [x]:
            return f"one {x}"
        case [first, *middle, last]:
            return f"{first}..{last} ({len(middle)} between)"
        case {"type": "item", "sku": sku, **rest}:
            return f"item {sku} +{sorted(rest)}"
        case {"type": kind}:
            return f"typed {kind}"
        case {}:
            return "mapping"
        case _:
            return "other"


def route(method, path):
    match (Method(method), path.strip("/").split("/")):
        case (Method.GET, ["items"]):
            return "list"
        case (Method.GET, ["items", item_id]):
            return f"get {item_id}"
        case (Method.POST, ["items", *rest]) if not rest:
            return "create"
        case (_, ["health" | "ping"]):
            return "up"
        case _:
            return "404"


def handler(event, context):
    values = event.get("values", [])
    out = {"classes": [classify(v) for v in values]}
    out["routes"] = [route(m, p) for m, p in event.get("routes", [])]
    item = Item(event.get("sku", "A"), event.get("qty", 2))
    match item:
        case Item(sku="A", qty=q) if q > 1:
            out["item"] = f"many A: {q}"
        case Item(s, 1):
            out["item"] = f"one {s}"
        case Item(sku=s):
            out["item"] = f"some {s}"
    return out
