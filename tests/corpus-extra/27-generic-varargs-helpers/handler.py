"""Helpers with *args / **kwargs and keyword-only parameters, called with extra positional
and keyword arguments."""
import json


def respond(status, *parts, sep=" ", **headers):
    body = sep.join(str(p) for p in parts)
    return {"statusCode": status, "headers": dict(sorted(headers.items())), "body": body}


def total(*amounts):
    return round(sum(amounts), 2)


def tag(name, **attrs):
    inner = ",".join(f"{k}={v}" for k, v in attrs.items())
    return f"{name}[{inner}]" if attrs else name


def first_or(default, *values):
    for v in values:
        if v:
            return v
    return default


def describe(*args, **kwargs):
    return {"args": list(args), "kwargs": kwargs, "types": [type(a).__name__ for a in args], "n": len(args) + len(kwargs)}


def handler(event, context):
    items = event.get("items", [])
    prices = [i["price"] for i in items]
    if not items:
        return respond(404, "no", "items", sep="-", Content_Type="text/plain")
    summary = {
        "total": total(prices[0], prices[-1], 0.1),
        "none": total(),
        "tags": [tag("item"), tag("item", sku=items[0]["sku"], qty=len(items))],
        "pick": [first_or("dflt"), first_or("dflt", "", None, "x", "y")],
        "described": describe(1, "two", [3], flag=True, name=event.get("name")),
        "empty": describe(),
    }
    return respond(200, json.dumps(summary, sort_keys=True), X_Count=str(len(items)), Content_Type="application/json")
