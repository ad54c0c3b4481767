import json
import logging
from contextlib import suppress, nullcontext

logger = logging.getLogger()


class Timer:
    def __init__(self, label, log):
        self.label = label
        self.log = log

    def __enter__(self):
        self.log.append(f"start {self.label}")
        return self

    def __exit__(self, exc_type, exc, tb):
        name = exc_type.__name__ if exc_type else None
        self.log.append(f"stop {self.label} {name}")
        return isinstance(exc, KeyError)


def parse(body):
    with suppress(json.JSONDecodeError, TypeError):
        return json.loads(body)
    return None


def handler(event, context):
    log = []
    results = []
    for item in event.get("items", []):
        with Timer(item.get("id", "?"), log) as t:
            if item.get("stop"):
                break
            if item.get("skip"):
                continue
            results.append({"id": item["id"], "parsed": parse(item.get("body")), "label": t.label})
    with nullcontext(5) as five, Timer("outer", log):
        total = five + len(results)
    if event.get("fail"):
        with Timer("failing", log):
            raise ValueError(event["fail"])
    if event.get("bad"):
        with 3:
            pass
    return {"results": results, "log": log, "total": total}
