import json

BATCH_SIZE = 3


def chunks(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def keys_of(records):
    for record in records:
        keys = record["dynamodb"].get("Keys", {})
        yield {name: next(iter(value.values())) for name, value in keys.items()}


def handler(event, context):
    keys = list(keys_of(event["Records"]))
    batches = [json.dumps({"Keys": batch}, sort_keys=True) for batch in chunks(keys)]
    return {"batches": batches, "count": len(keys)}
