import logging
import os
from datetime import date, datetime, timedelta, timezone

logger = logging.getLogger()

GRACE_DAYS = int(os.environ.get("GRACE_DAYS", "3"))


def month_end(d):
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def handler(event, context):
    if event.get("source") != "com.example.billing":
        raise ValueError(f"unexpected source {event.get('source')!r}")
    detail = event["detail"]
    now = datetime.fromisoformat(event["time"].replace("Z", "+00:00"))
    started = datetime.strptime(detail["periodStart"], "%Y-%m-%d").date()
    end = month_end(started)
    due = end + timedelta(days=GRACE_DAYS)
    days_left = (due - now.date()).days
    usage = detail.get("usage", [])
    hours = sum(u.get("hours", 0) for u in usage)
    weeks, rem = divmod(int(hours), 24 * 7)
    logger.info("account %s period %s due %s", detail["account"], started, due)
    return {
        "account": detail["account"],
        "period": f"{started:%Y-%m-%d}..{end:%Y-%m-%d}",
        "periodLabel": started.strftime("%B %Y"),
        "days": (end - started).days + 1,
        "due": due.isoformat(),
        "dueWeekday": due.strftime("%A"),
        "daysLeft": days_left,
        "overdue": days_left < 0,
        "hours": hours,
        "weeks": weeks,
        "remainderHours": rem,
        "receivedAt": now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "epoch": int(now.timestamp()),
        "nextRun": (now + timedelta(days=1, hours=-2)).isoformat(),
        "byService": {u["service"]: round(u.get("hours", 0) / max(hours, 1) * 100, 1) for u in usage},
    }
