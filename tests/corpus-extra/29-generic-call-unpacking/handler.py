from dataclasses import dataclass, field


@dataclass
class Order:
    order_id: str
    amount: float = 0.0
    tags: list = field(default_factory=list)


class Shape:
    def __init__(self, kind, *sides, **meta):
        self.kind = kind
        self.sides = sides
        self.meta = meta

    def describe(self, sep=", ", prefix=""):
        return prefix + self.kind + ": " + sep.join(str(s) for s in self.sides)


class AppError(Exception):
    def __init__(self, *args, code=500):
        super().__init__(*args)
        self.code = code


def total(*amounts, scale=1, **extras):
    return {"sum": sum(amounts) * scale, "extras": extras}


def pair(a, b=2):
    return [a, b]


def handler(event, context):
    kind = event.get("kind")
    if kind == "order":
        order = Order(**event["order"])
        return {"id": order.order_id, "amount": order.amount, "tags": order.tags}
    if kind == "total":
        opts = event.get("opts", {})
        return total(*event["amounts"], **opts)
    if kind == "pair":
        return pair(*event["args"], **event.get("kw", {}))
    if kind == "shape":
        s = Shape(*event["shape"], **event.get("meta", {}))
        fmt = {"sep": "/", "prefix": "> "}
        return {"text": s.describe(**fmt), "meta": s.meta, "n": len(s.sides)}
    if kind == "fmt":
        return "{} {} {name}".format(*event["args"], **event["kw"])
    if kind == "print":
        print(*event["args"], sep="|")
        return max(*event["args"])
    if kind == "error":
        raise AppError(*event["args"], code=400)
    if kind == "value":
        f = total
        return f(1, 2, scale=3, z=1)
    if kind == "merge":
        return dict(**event["a"], **event["b"])
    return None
