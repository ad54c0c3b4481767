import logging
import os
from datetime import datetime, timedelta, timezone

logger = logging.getLogger()
logger.setLevel(logging.INFO)

RETENTION = {"logs": 30, "tmp": 1, "backups": 90}


def parse_overrides(text):
    out = {}
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, days = part.partition("=")
        if not sep:
            raise ValueError("bad override %r" % part)
        out[name.strip()] = int(days)
    return out


def handler(event, context):
    if event.get("detail-type") != "Scheduled Event":
        logger.warning("ignoring %s", event.get("detail-type"))
        return {"skipped": True, "detailType": event.get("detail-type")}
    now = datetime.strptime(event["time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    policy = {**RETENTION, **parse_overrides(os.environ.get("RETENTION_OVERRIDES", ""))}
    resources = event.get("resources", [])
    rule = resources[0].rsplit("/", 1)[-1] if resources else None
    plan = []
    cutoffs = {}
    for name, days in sorted(policy.items(), key=lambda kv: (kv[1], kv[0])):
        cutoff = now - timedelta(days=days)
        cutoffs[name] = int(cutoff.timestamp())
        plan.append("%-8s keep %3d day(s), delete before %s" % (name, days, cutoff.strftime("%Y-%m-%d %H:%M")))
    oldest = min(cutoffs, key=cutoffs.get)
    logger.info("rule %s: %d policies", rule, len(plan))
    return {
        "rule": rule,
        "runAt": now.isoformat(),
        "weekday": now.strftime("%a"),
        "dayOfYear": int(now.strftime("%j")),
        "quarter": (now.month - 1) // 3 + 1,
        "plan": plan,
        "oldest": oldest,
        "oldestCutoff": datetime.fromtimestamp(cutoffs[oldest], tz=timezone.utc).isoformat(),
        "account": os.environ["AWS_REGION"] + ":" + event.get("account", "?"),
        "function": context.function_name,
        "lowOnTime": context.get_remaining_time_in_millis() < 5000,
    }
