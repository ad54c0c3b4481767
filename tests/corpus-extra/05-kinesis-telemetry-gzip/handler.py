import base64
import gzip
import json
import os
from datetime import datetime, timedelta, timezone

THRESHOLD = float(os.environ.get("TEMP_THRESHOLD", "75.5"))
MAX_READINGS = int(os.environ.get("MAX_READINGS", "50"))


def decode(record):
    raw = base64.b64decode(record["kinesis"]["data"])
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return json.loads(raw.decode("utf-8"))


def handler(event, context):
    devices = {}
    errors = []
    alerts = []
    for rec in event["Records"]:
        seq = rec["kinesis"]["sequenceNumber"]
        try:
            doc = decode(rec)
        except (ValueError, UnicodeDecodeError, OSError) as e:
            errors.append({"seq": seq[-6:], "error": type(e).__name__})
            continue
        readings = doc.get("readings", [])
        i = 0
        while i < len(readings):
            r = readings[i]
            i += 1
            if r.get("temp") is None:
                continue
            if i > MAX_READINGS or r["temp"] > 1000:
                errors.append({"seq": seq[-6:], "error": f"stopped at reading {i}"})
                break
            devices.setdefault(doc["device"], []).append(r["temp"])
        ts = datetime.fromtimestamp(rec["kinesis"]["approximateArrivalTimestamp"], tz=timezone.utc)
        hot = next((r for r in readings if (r.get("temp") or 0) > THRESHOLD), None)
        if hot is not None:
            at = ts + timedelta(seconds=hot.get("offset", 0))
            alerts.append({"device": doc["device"], "temp": hot["temp"], "at": at.isoformat(), "minute": at.strftime("%H:%M")})
    summary = {
        dev: {
            "n": len(t),
            "avg": round(sum(t) / len(t), 1),
            "allOk": all(x <= THRESHOLD for x in t),
            "anyHot": any(x > THRESHOLD for x in t),
            "spread": max(t) - min(t),
        }
        for dev, t in sorted(devices.items())
    }
    first_hot = next((d for d, s in summary.items() if s["anyHot"]), "none")
    return {"devices": summary, "alerts": alerts, "errors": errors, "firstHot": first_hot}
