import base64
import gzip
import json
import logging

logger = logging.getLogger()


def parse_report(message):
    fields = {}
    for chunk in message.strip().split("\t"):
        key, sep, value = chunk.partition(": ")
        if sep:
            fields[key.strip()] = value.strip()
    return fields


def handler(event, context):
    payload = json.loads(gzip.decompress(base64.b64decode(event["awslogs"]["data"])))
    if payload["messageType"] == "CONTROL_MESSAGE":
        return {"control": True, "events": len(payload.get("logEvents", []))}
    durations = []
    memory = []
    request_ids = []
    other = 0
    for ev in payload["logEvents"]:
        msg = ev["message"]
        if not msg.startswith("REPORT "):
            other += 1
            continue
        fields = parse_report(msg[len("REPORT "):])
        durations.append(float(fields["Duration"].split()[0]))
        memory.append(int(fields.get("Max Memory Used", "0 MB").rsplit(" ", 1)[0]))
        request_ids.append(fields.get("RequestId", "?")[:8])
    ordered = sorted(durations)
    slowest = max(zip(durations, request_ids))
    return {
        "group": payload["logGroup"],
        "stream": payload["logStream"].split("]")[-1],
        "reports": len(durations),
        "other": other,
        "median": ordered[len(ordered) // 2],
        "max": f"{max(durations):>8.1f}",
        "table": [f"{d:>8}|{m:<4}|" for d, m in zip(durations, memory)],
        "avgMemory": f"{sum(memory) / len(memory):.1f} MB",
        "slowest": {"ms": slowest[0], "request": slowest[1]},
        "over100": [rid for d, rid in zip(durations, request_ids) if d > 100],
    }
