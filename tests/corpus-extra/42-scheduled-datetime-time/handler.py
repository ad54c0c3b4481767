from datetime import datetime, date, time, timedelta, timezone
def handler(event, context):
    d = date.fromisoformat(event["d"])
    t = time(9, 30)
    start = datetime.combine(d, t, tzinfo=timezone.utc)
    end = datetime.combine(d, time.max)
    iso = d.isocalendar()
    return {
        "start": start.isoformat(), "end": end.isoformat(), "t": [str(t), repr(t), t.isoformat(timespec="minutes"), f"{t:%H.%M}", t.replace(minute=5).isoformat()],
        "iso": [iso[0], iso[1], iso[2], iso.week, iso.weekday, iso.year], "ord": d.toordinal(), "fromord": date.fromordinal(d.toordinal() + 1).isoformat(),
        "offset": str(start.utcoffset()), "tzname": start.tzname(), "naive_off": end.utcoffset(), "midnight": datetime.combine(d, datetime.min.time()).isoformat(),
        "cmp": time(8) < time(9, 1), "tt": list(start.timetuple())[:6], "ctime": start.ctime(),
        "bad": time(event.get("h", 1)).isoformat(),
    }
