import json


def summarize(order):
    lines = order["lines"]
    total = 0
    for line in lines:
        total += line["qty"] * line.get("price", 1)
    return {"id": order.get("id"), "n": len(lines), "total": total, "vip": "vip" in order}


def handler(event, context):
    results = []
    for record in event["Records"]:
        try:
            order = json.loads(record["body"])
            results.append(summarize(order))
        except Exception as exc:
            results.append({"error": type(exc).__name__, "detail": str(exc)})
    return results
