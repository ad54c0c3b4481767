import json
import os

TAX_RATES = {"CA": 0.0725, "NY": 0.04, "TX": 0.0625}
DEFAULT_CURRENCY = os.environ.get("CURRENCY", "USD")


class BadRequest(Exception):
    pass


def respond(status, body, headers=None, pretty=False):
    base = {"Content-Type": "application/json"}
    if headers:
        base.update(headers)
    if pretty:
        text = json.dumps(body, indent=2, sort_keys=True)
    else:
        text = json.dumps(body, separators=(",", ":"))
    return {"statusCode": status, "headers": base, "body": text}


def line_total(price, qty=1, discount=0.0):
    return round(price * qty * (1 - discount), 2)


def build_invoice(items, state, currency=DEFAULT_CURRENCY, rounding=2):
    lines = []
    for n, item in enumerate(items, 1):
        try:
            price = float(item["price"])
            qty = int(item.get("qty", 1))
        except KeyError as e:
            raise BadRequest(f"item {n} is missing {e}")
        except ValueError as e:
            raise BadRequest(f"item {n}: {e}")
        sku = item.get("sku", "?").upper()
        lines.append({"n": n, "sku": sku, "total": line_total(price, qty=qty, discount=item.get("discount", 0.0))})
    subtotal = round(sum(line["total"] for line in lines), rounding)
    rate = TAX_RATES.get(state.upper(), 0.0)
    tax = round(subtotal * rate, rounding)
    return {
        "lines": lines,
        "subtotal": subtotal,
        "tax": tax,
        "total": round(subtotal + tax, rounding),
        "currency": currency,
        "label": f"{currency} {subtotal + tax:,.2f}",
        "rate": f"{rate:.2%}",
        "skus": "/".join(sorted({line["sku"] for line in lines})),
    }


def handler(event, context):
    method = event["httpMethod"]
    params = event.get("queryStringParameters") or {}
    path = event.get("pathParameters") or {}
    if method != "POST":
        return respond(405, {"error": f"method {method} not allowed"}, headers={"Allow": "POST"})
    try:
        body = json.loads(event.get("body") or "{}")
    except json.JSONDecodeError as e:
        return respond(400, {"error": "invalid JSON", "detail": e.msg, "line": e.lineno, "col": e.colno})
    try:
        invoice = build_invoice(body.get("items", []), path.get("state", "??"), currency=params.get("currency", DEFAULT_CURRENCY))
    except BadRequest as e:
        return respond(400, {"error": str(e)})
    invoice["customer"] = body.get("customer", "anonymous").strip().title()
    invoice["requestId"] = event["requestContext"]["requestId"]
    return respond(200, invoice, pretty=params.get("pretty") == "1")
