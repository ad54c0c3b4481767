import json


def attempts(record):
    attrs = record.get("attributes", {})
    return int(attrs.get("ApproximateReceiveCount", "1"))


def describe(record):
    body = record["body"]
    if body is None:
        return {"id": record["messageId"], "kind": "empty"}
    doc = json.loads(body)
    kind = "order" if "orderId" in doc else "other"
    tags = "messageAttributes" in record
    return {"id": record["messageId"], "kind": kind, "tagged": tags, "tries": attempts(record)}


def handler(event, context):
    records = event.get("Records", [])
    seen = []
    failures = []
    for record in records:
        try:
            seen.append(describe(record))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            failures.append({"error": type(exc).__name__, "detail": str(exc)})
    first = event["Records"][0]["eventSource"] if len(event["Records"]) > 0 else None
    last = event["Records"][-1].get("awsRegion", "?")
    return {"count": len(records), "first": first, "last": last, "seen": seen, "failures": failures}
