def handler(event, context):
    query = event.get("queryStringParameters") or {}
    headers = event.get("headers") or {}
    tags = event.get("tags") or []
    name = query.get("name", "world")
    n = len(tags)
    first = tags[0] if n else None
    return {
        "statusCode": 200,
        "name": name,
        "lang": headers.get("Accept-Language"),
        "auth": "Authorization" in headers,
        "n": n,
        "first": first,
        "path": event["path"],
    }
