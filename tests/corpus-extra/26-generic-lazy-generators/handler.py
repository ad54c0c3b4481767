"""Generator helpers whose laziness shows in the result: the body and its consumer
interleave, a consumer stops early, an exception arrives after some items, an endless
generator, `yield from`, `return` inside a generator."""
import itertools

trace = []


def numbered(items, start=1):
    for item in items:
        trace.append(f"gen {item}")
        yield start, item
        start += 1
    trace.append("gen done")


def parse_all(raw):
    for text in raw:
        if not text.strip():
            return
        yield int(text)


def counter(step):
    n = 0
    while True:
        yield n
        n += step


def flatten(groups):
    for group in groups:
        yield from group
    yield "end"


def pairs(d):
    yield from sorted(d.items())


def handler(event, context):
    trace.clear()
    seen = []
    for index, item in numbered(event.get("items", [])):
        trace.append(f"use {item}")
        seen.append(index)
        if item == event.get("stopAt"):
            break
    parsed = []
    error = None
    try:
        for value in parse_all(event.get("raw", [])):
            parsed.append(value * 2)
    except ValueError as exc:
        error = str(exc)
    evens = list(itertools.islice(counter(2), 4))
    gen = counter(5)
    first, second = next(gen), next(gen)
    labelled = dict(zip(event.get("items", []), counter(10)))
    return {
        "seen": seen,
        "trace": list(trace),
        "parsed": parsed,
        "error": error,
        "evens": evens,
        "firstTwo": [first, second],
        "labelled": labelled,
        "flat": list(flatten(event.get("groups", []))),
        "pairs": [list(p) for p in pairs(event.get("meta", {}))],
        "anyBig": any(v > 100 for v in counter(40)),
        "total": sum(value for _, value in numbered([3, 4, 5])),
    }
