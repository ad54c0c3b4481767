import bisect
import calendar
import fnmatch
import heapq
import html
import os.path
import statistics
from collections import deque
from functools import cmp_to_key

BUCKETS = [10, 50, 100, 500]
LABELS = ["tiny", "small", "medium", "large", "huge"]


class Settings:
    def __init__(self):
        self.mode = "default"


def by_priority_then_name(a, b):
    if a["priority"] != b["priority"]:
        return b["priority"] - a["priority"]
    return (a["name"] > b["name"]) - (a["name"] < b["name"])


def handler(event, context):
    readings = event.get("readings", [])
    window = deque(maxlen=event.get("window", 3))
    moving = []
    for r in readings:
        window.append(r)
        moving.append(sum(window) / len(window))
    recent = deque(readings)
    recent.appendleft("start")
    recent.rotate(1)
    last = recent.pop()
    first = recent.popleft()

    heap = []
    for r in readings:
        heapq.heappush(heap, -r)
    top = [-heapq.heappop(heap) for _ in range(min(3, len(heap)))]
    smallest = list(readings)
    heapq.heapify(smallest)

    sizes = [LABELS[bisect.bisect_right(BUCKETS, r)] for r in readings]
    ordered = []
    for r in readings:
        bisect.insort(ordered, r)

    stats = {}
    try:
        stats["mean"] = statistics.mean(readings)
        stats["median"] = statistics.median(readings)
        stats["mode"] = statistics.mode(readings)
        stats["stdev"] = statistics.stdev(readings)
        stats["pvariance"] = statistics.pvariance(readings)
    except statistics.StatisticsError as e:
        stats["error"] = str(e)

    tasks = sorted(event.get("tasks", []), key=cmp_to_key(by_priority_then_name))
    settings = Settings()
    for key, value in event.get("settings", {}).items():
        setattr(settings, key, value)

    year, month = event.get("period", [2024, 2])
    first_weekday, days = calendar.monthrange(year, month)
    keys = [k for k in event.get("keys", []) if fnmatch.fnmatch(k, event.get("pattern", "*"))]
    folder, name = os.path.split(os.path.normpath(event.get("path", ".")))
    return {
        "moving": moving,
        "window": list(window),
        "window_repr": repr(window),
        "ends": [first, last, len(recent), 5 in recent],
        "top": top,
        "heap": smallest,
        "sizes": sizes,
        "ordered": ordered,
        "stats": stats,
        "tasks": [t["name"] for t in tasks],
        "mode": settings.mode,
        "month": {"first_weekday": first_weekday, "days": days, "leap": calendar.isleap(year)},
        "keys": keys,
        "path": [folder, name],
        "title": html.escape(event.get("title", "")),
    }
