import logging
import os
from urllib.parse import unquote_plus

logger = logging.getLogger()
logger.setLevel(logging.INFO)

ALLOWED_EXT = tuple(os.environ.get("ALLOWED_EXT", ".csv,.json").split(","))
SKIP_PREFIXES = ("tmp/", "_staging/", "logs/")
MAX_LARGEST = int(os.getenv("MAX_LARGEST", "3"))
UNITS = ["B", "KiB", "MiB", "GiB", "TiB"]


def human_size(n, precision=1):
    size = float(n)
    i = 0
    while size >= 1024 and i < len(UNITS) - 1:
        size /= 1024
        i += 1
    if i == 0:
        return f"{n} B"
    if precision == 2:
        return f"{size:.2f} {UNITS[i]}"
    return f"{size:.1f} {UNITS[i]}"


def describe(record):
    s3 = record["s3"]
    key = unquote_plus(s3["object"]["key"])
    size = s3["object"].get("size", 0)
    folder, _, name = key.rpartition("/")
    stem, dot, ext = name.rpartition(".")
    return {
        "bucket": s3["bucket"]["name"],
        "key": key,
        "folder": folder or "/",
        "name": name,
        "stem": stem if dot else name,
        "ext": (dot + ext).lower() if dot else "",
        "size": size,
        "human": human_size(size),
    }


def handler(event, context):
    records = event["Records"]
    by_folder = {}
    skipped = []
    accepted = []
    for record in records:
        event_name = record.get("eventName", "")
        if not event_name.startswith("ObjectCreated:"):
            skipped.append({"reason": "not-a-create", "event": event_name})
            continue
        info = describe(record)
        if info["key"].startswith(SKIP_PREFIXES) or info["name"].startswith("."):
            skipped.append({"reason": "skipped-prefix", "key": info["key"]})
            continue
        if not info["name"].lower().endswith(ALLOWED_EXT):
            skipped.append({"reason": "extension", "key": info["key"], "ext": info["ext"] or None})
            continue
        by_folder.setdefault(info["folder"], []).append(info["name"])
        accepted.append(info)
    largest = sorted(accepted, key=lambda i: (-i["size"], i["key"]))[:MAX_LARGEST]
    total = sum(i["size"] for i in accepted)
    exts = sorted({i["ext"] for i in accepted})
    buckets = sorted(set(i["bucket"] for i in accepted))
    logger.info("accepted %d of %d objects (%s)", len(accepted), len(records), human_size(total))
    return {
        "accepted": len(accepted),
        "skipped": skipped,
        "folders": {k: sorted(v, key=lambda s: s.casefold()) for k, v in sorted(by_folder.items())},
        "largest": [f"{i['key']} ({i['human']})" for i in largest],
        "stems": [i["stem"].replace("_", " ").title() for i in accepted],
        "totalBytes": f"{total:,}",
        "totalHuman": human_size(total, precision=2),
        "extensions": exts,
        "buckets": buckets,
        "summary": "%d object(s) in %d folder(s): %s" % (len(accepted), len(by_folder), ", ".join(exts) or "none"),
    }
