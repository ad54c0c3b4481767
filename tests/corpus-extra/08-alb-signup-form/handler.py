import base64
import logging
from urllib.parse import parse_qs

logger = logging.getLogger()

TRUTHY = ("1", "true", "yes", "on")
BLOCKED_TLDS = (".test", ".invalid", ".example")


def to_bool(value):
    return str(value).strip().lower() in TRUTHY


def reply(status, text, reason="OK", encode=False):
    body = base64.b64encode(text.encode("utf-8")).decode("ascii") if encode else text
    return {
        "statusCode": status,
        "statusDescription": f"{status} {reason}",
        "isBase64Encoded": encode,
        "headers": {"Content-Type": "text/plain; charset=utf-8"},
        "body": body,
    }


def handler(event, context):
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        body = base64.b64decode(body).decode("utf-8")
    ctype, _, params = headers.get("content-type", "").partition(";")
    if ctype.strip() != "application/x-www-form-urlencoded":
        return reply(415, f"unsupported content type {ctype!r}", reason="Unsupported Media Type")
    form = parse_qs(body)
    fields = {k: v[0].strip(" \t*") for k, v in form.items()}
    email = fields.get("email", "").casefold()
    name = " ".join(w.capitalize() for w in fields.get("name", "").split())
    errors = []
    if email.count("@") != 1:
        errors.append("email must contain exactly one @")
    local, _, domain = email.partition("@")
    if domain.endswith(BLOCKED_TLDS):
        errors.append(f"domain {domain} is not allowed")
    try:
        age = int(fields.get("age", ""))
    except ValueError as e:
        age = None
        errors.append(str(e))
    if errors:
        logger.warning("rejected signup: %s", errors)
        return reply(400, "\n".join(errors), reason="Bad Request")
    summary = [
        f"name={name}",
        f"user={local}",
        f"domain={domain}",
        f"age={age:>3}",
        f"adult={age >= 18}",
        f"subscribe={to_bool(fields.get('subscribe', 'no'))}",
        f"charset={params.strip().partition('=')[2] or 'n/a'}",
        f"extras={','.join(sorted(k for k in fields if k not in ('email', 'name', 'age', 'subscribe')))}",
    ]
    return reply(200, "\n".join(summary), encode=True)
