"""DynamoDB-style JSON handling: json.loads with parse_float=Decimal and object_pairs_hook,
a json.JSONEncoder subclass for Decimal used through cls=, exception chaining with
`raise ... from`, and integers beyond 64 bits in the response (FIFO sequence numbers)."""

import json
from decimal import Decimal


class DecimalEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return int(o) if o == o.to_integral_value() else float(o)
        return super().default(o)


class BadRecord(Exception):
    pass


def parse(body):
    try:
        return json.loads(body, parse_float=Decimal)
    except json.JSONDecodeError as e:
        raise BadRecord(f"not JSON: {e.msg}") from e


def handler(event, context):
    results = []
    for record in event["Records"]:
        try:
            item = parse(record["body"])
        except BadRecord as e:
            results.append({"error": str(e), "cause": type(e.__cause__).__name__})
            continue
        total = sum((line["price"] * line["qty"] for line in item.get("lines", [])), Decimal("0"))
        keys = json.loads(record["body"], object_pairs_hook=lambda pairs: [k for k, _ in pairs])
        results.append({
            "total": json.dumps({"total": total}, cls=DecimalEncoder),
            "keys": keys,
            "sequence": int(record["attributes"]["SequenceNumber"]),
            "next": int(record["attributes"]["SequenceNumber"]) + 1,
            "ratio": float(total) / 3 if total else 0.0,
        })
    if event.get("strict"):
        json.dumps({"seen": {1}}, cls=DecimalEncoder)
    return {"results": results, "big": 2**80, "neg": -(2**64) - 5, "small": 1e16, "tiny": 1e-7}
