import json


def handler(event, context):
    body = json.loads(event.get("body") or "{}")
    errors = []

    def require(field, kind, minimum=None):
        value = body.get(field)
        if value is None:
            errors.append(f"{field}: required")
            return None
        if not isinstance(value, kind):
            errors.append(f"{field}: expected {kind.__name__}")
            return None
        if minimum is not None and value < minimum:
            errors.append(f"{field}: must be >= {minimum}")
        return value

    name = require("name", str)
    age = require("age", int, minimum=0)
    require("email", str)
    if errors:
        return {"statusCode": 422, "body": json.dumps({"errors": errors})}
    return {"statusCode": 200, "body": json.dumps({"hello": name, "nextBirthday": age + 1})}
