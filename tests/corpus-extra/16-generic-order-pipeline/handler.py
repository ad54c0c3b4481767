import copy
import json
import logging

logger = logging.getLogger()

CATALOG = {"A-1": 10.0, "B-2": 4.25, "C-3": 99.99}


class PipelineError(Exception):
    pass


class StepFailed(PipelineError):
    pass


def apply_discount(total, percent=0, cap=None):
    amount = total * percent / 100
    if cap is not None and amount > cap:
        amount = cap
    return round(total - amount, 2)


def step_validate(order, strict=False):
    missing = [k for k in ("id", "lines") if k not in order]
    if missing:
        raise StepFailed("missing " + ", ".join(missing))
    if strict and not order["lines"]:
        raise StepFailed("no lines")
    return order


def step_price(order, catalog, default_price=None):
    lines = []
    for line in order["lines"]:
        sku = line["sku"]
        try:
            price = catalog[sku]
        except KeyError as e:
            if default_price is None:
                raise StepFailed(f"unknown sku {sku}") from e
            price = default_price
        qty = line.get("qty", 1)
        if qty <= 0:
            continue
        lines.append((sku, qty, round(price * qty, 2)))
    total = sum(amount for _, _, amount in lines)
    return {"lines": [{"sku": s, "qty": q, "amount": a} for s, q, a in lines], "total": total}


def handler(event, context):
    order = copy.deepcopy(event.get("order", {}))
    options = {"strict": False, "percent": 0, "cap": None, "maxAttempts": 3}
    options.update(event.get("options", {}))
    fail_times = event.get("failTimes", 0)
    audit = []
    result = None
    attempt = 0
    while attempt < options["maxAttempts"]:
        attempt += 1
        priced = None
        fatal = False
        try:
            if attempt <= fail_times:
                raise TimeoutError(f"attempt {attempt} timed out")
            priced = step_price(
                step_validate(order, strict=options["strict"]),
                CATALOG,
                default_price=options.get("defaultPrice"),
            )
        except TimeoutError as e:
            audit.append(str(e))
        except PipelineError as e:
            audit.append(f"fatal: {e}")
            result = {"status": "failed", "reason": str(e), "kind": type(e).__name__}
            fatal = True
        finally:
            audit.append(f"end attempt {attempt}")
        if fatal:
            break
        if priced is None:
            continue
        total = apply_discount(priced["total"], percent=options["percent"], cap=options["cap"])
        result = {"status": "ok", "total": total, "lines": priced["lines"]}
        break
    if result is None:
        result = {"status": "gave-up"}
    result["attempts"] = attempt
    result["audit"] = audit
    result["receipt"] = json.dumps({"id": order.get("id"), "status": result["status"]}, indent=2)
    meta = order.setdefault("meta", {})
    meta.setdefault("source", "direct")
    result["meta"] = meta
    result["untouched"] = "meta" not in event.get("order", {})
    result["customer"] = order["customer"]["name"]
    return result
