# @depyler: batch_failure_reporting = true
import json
import logging
import os

logger = logging.getLogger()
logger.setLevel(logging.INFO)

CURRENCY = os.environ.get("CURRENCY", "USD")
MAX_AMOUNT_CENTS = int(os.environ.get("MAX_AMOUNT_CENTS", "500000"))


class PaymentError(Exception):
    pass


class CardDeclined(PaymentError):
    """The issuer (or our checksum) said no."""


class LimitExceeded(PaymentError):
    pass


def to_cents(amount):
    if isinstance(amount, str):
        amount = amount.strip().replace(",", "")
    value = float(amount)
    if value < 0:
        raise ValueError(f"negative amount {value!r}")
    return int(round(value * 100))


def luhn_ok(number):
    digits = [int(c) for c in number if c.isdigit()]
    checksum = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        checksum += d
    return len(digits) >= 12 and checksum % 10 == 0


def fingerprint(text):
    h = 14695981039346656037
    for ch in text:
        h = (h ^ ord(ch)) * 1099511628211 % 2**64
    return f"{h:016x}"


def charge(payment):
    cents = to_cents(payment["amount"])
    if cents > MAX_AMOUNT_CENTS:
        raise LimitExceeded(f"amount {cents} exceeds limit {MAX_AMOUNT_CENTS}")
    card = payment.get("card", "")
    if not luhn_ok(card):
        raise CardDeclined("card failed checksum: ****" + card[-4:])
    dollars, rest = divmod(cents, 100)
    return {"cents": cents, "display": f"{CURRENCY} {dollars:,}.{rest:02d}", "fp": fingerprint(card)}


def handler(event, context):
    failures = []
    results = []
    stats = {"ok": 0, "declined": 0, "invalid": 0}
    for record in event["Records"]:
        message_id = record["messageId"]
        try:
            payment = json.loads(record["body"])
            outcome = charge(payment)
        except json.JSONDecodeError as e:
            stats["invalid"] += 1
            results.append({"id": message_id, "error": f"bad json: {e.msg} (pos {e.pos})"})
            failures.append({"itemIdentifier": message_id})
        except (ValueError, TypeError, KeyError) as e:
            stats["invalid"] += 1
            results.append({"id": message_id, "error": f"{type(e).__name__}: {e}"})
            failures.append({"itemIdentifier": message_id})
        except PaymentError as e:
            stats["declined"] += 1
            results.append({"id": message_id, "error": str(e), "kind": type(e).__name__})
        else:
            stats["ok"] += 1
            results.append({"id": message_id, **outcome})
        finally:
            logger.info("processed %s", message_id)
    logger.info("stats %s", stats)
    return {"batchItemFailures": failures, "results": results, "stats": stats}
