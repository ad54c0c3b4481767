"""Parameters every call passes a literal of one type get that Rust type (status codes,
labels, flags, rates), with keyword arguments and defaults; parameters that also receive
other values, that the body reassigns, that a closure reads, or of functions used as values
stay dynamic."""

import json


def respond(status, payload, cors=True):
    headers = {"Content-Type": "application/json"}
    if cors:
        headers["Access-Control-Allow-Origin"] = "*"
    return {"statusCode": status, "headers": headers, "body": json.dumps(payload)}


def tag(label, count):
    return f"{label}:{count}"


def scale(value, factor=1.5):
    return value * factor


def normalise(text):
    text = text.strip()
    return text.lower()


def pick(key):
    return lambda d: d.get(key)


def shout(word):
    return word.upper()


def handler(event, context):
    path = event.get("path", "/")
    if path == "/health":
        return respond(200, {"ok": True}, cors=False)
    if path != "/items":
        return respond(404, {"error": f"no route for {path}"})
    items = event.get("items", [])
    names = sorted(items, key=pick("name"))
    summary = {
        "tags": [tag("item", len(items)), tag(label="total", count=sum(i.get("qty", 0) for i in items))],
        "scaled": [scale(2), scale(2, 3.0)],
        "normal": normalise("  MiXeD  "),
        "names": [n.get("name") for n in names],
        "shout": list(map(shout, ["a", "b"])),
    }
    if event.get("dynamic"):
        summary["dynamic"] = tag(event["dynamic"], 1)
    return respond(200, summary)
