import base64
import json
import logging

logger = logging.getLogger()

COLUMNS = ("id", "name", "qty", "price", "active")


def fnv1a64(data):
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) % 2**64
    return h


def transform(line):
    parts = [p.strip() for p in line.rstrip("\r\n").split(",")]
    if len(parts) != len(COLUMNS):
        raise ValueError(f"expected {len(COLUMNS)} columns, got {len(parts)}")
    row = dict(zip(COLUMNS, parts))
    row["id"] = int(row["id"])
    row["qty"] = int(row["qty"])
    row["price"] = float(row["price"])
    row["active"] = row["active"].lower() in ("true", "1", "y")
    row["value"] = round(row["qty"] * row["price"], 2)
    return row


def handler(event, context):
    out = []
    counts = {"Ok": 0, "Dropped": 0, "ProcessingFailed": 0}
    for rec in event["records"]:
        raw = base64.b64decode(rec["data"])
        text = raw.decode("utf-8")
        if not text.strip() or text.startswith("#"):
            result = {"recordId": rec["recordId"], "result": "Dropped", "data": rec["data"]}
        else:
            try:
                row = transform(text)
            except ValueError as e:
                logger.error("record %s: %s", rec["recordId"], e)
                result = {"recordId": rec["recordId"], "result": "ProcessingFailed", "data": rec["data"]}
            else:
                h = fnv1a64(raw)
                row["hash"] = f"{h:016x}"
                row["partition"] = h % 16
                row["name"] = row["name"].title()
                line = json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n"
                result = {"recordId": rec["recordId"], "result": "Ok", "data": base64.b64encode(line.encode("utf-8")).decode("ascii")}
        counts[result["result"]] += 1
        out.append(result)
    logger.info("firehose batch %s", counts)
    return {"records": out}
