import heapq
from operator import attrgetter, itemgetter, methodcaller
import operator
from dataclasses import dataclass
from functools import reduce


@dataclass
class Row:
    name: str
    score: int


def handler(event, context):
    rows = event["rows"]
    objs = [Row(r["name"], r["score"]) for r in rows]
    return {
        "by_score": [r["name"] for r in sorted(rows, key=itemgetter("score", "name"))],
        "pairs": list(map(itemgetter(0, 2), [[1, 2, 3], [4, 5, 6]])),
        "top2": [r.name for r in heapq.nlargest(2, objs, key=attrgetter("score"))],
        "low": heapq.nsmallest(2, [r["score"] for r in rows]),
        "upper": list(map(methodcaller("upper"), ["a", "b"])),
        "sum": reduce(operator.add, [r["score"] for r in rows], 0),
        "missing": itemgetter("zzz")(rows[0]) if event.get("bad") else None,
    }
