def handler(event, context):
    sizes = [r["s3"]["object"].get("size") for r in event["Records"]]
    buckets = {s["s3"]["bucket"]["name"] for s in event.get("Records", []) if "s3" in s}
    keys = {t["s3"]["object"]["key"]: t["s3"]["object"].get("size", 0) for t in event["Records"]}
    return {"sizes": sizes, "buckets": sorted(buckets), "keys": keys}
