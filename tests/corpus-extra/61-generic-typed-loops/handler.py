"""Loops the converter writes with Rust ranges and enumerate: `for i in range(...)` over
ints (one to three arguments, empty and stepped ranges, break/else, the loop variable
reassigned in the body), `for i, x in enumerate(xs, start)` over lists and generators, and
loops that stay dynamic (a loop variable read after the loop)."""


def windows(values, size):
    out = []
    for start in range(0, len(values), size):
        out.append(values[start:start + size])
    return out


def handler(event, context):
    items = event.get("items", [])
    out = []
    for i in range(len(items)):
        out.append(f"{i}:{items[i]}")
    for attempt in range(1, 4):
        if attempt * 2 > len(items):
            out.append(attempt)
            break
    else:
        out.append("no break")
    for k in range(5, -3):
        out.append(k)
    for step in range(3):
        step += 10
        out.append(step)
    for n, item in enumerate(items, 1):
        out.append([n, item])
    for n, item in enumerate(x.upper() for x in items):
        if n == 1:
            continue
        out.append(f"{n}={item}")
    for pos, (a, b) in enumerate(event.get("pairs", []), len(items)):
        out.append(pos + a * b)
    for last in range(len(items)):
        pass
    result = {"out": out, "windows": windows(items, 2)}
    if items:
        result["last"] = last
    if event.get("bad"):
        for i, v in enumerate(event["bad"]):
            out.append(v)
    return result
