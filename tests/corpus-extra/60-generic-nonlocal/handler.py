"""`nonlocal`: closure counters and accumulators shared between a function and the
functions nested in it, late-binding reads of a shared variable, two levels of nesting,
and a nested function that raises after changing shared state."""


def make_counter(start):
    count = start

    def bump(step=1):
        nonlocal count
        count += step
        return count

    def peek():
        return count

    return bump, peek


def summarize(records):
    total = 0
    errors = []
    last = None

    def visit(rec):
        nonlocal total, last
        if "amount" not in rec:
            errors.append(rec.get("id"))
            return
        total += rec["amount"]
        last = rec.get("id")

    for rec in records:
        visit(rec)
    return {"total": total, "errors": errors, "last": last}


def outer():
    level = 0

    def middle():
        nonlocal level
        level += 1

        def inner():
            nonlocal level
            level += 10
            return level

        return inner()

    first = middle()
    return [first, level]


def handler(event, context):
    bump, peek = make_counter(event.get("start", 0))
    seen = [bump(), bump(5), peek()]
    result = {"seen": seen, "summary": summarize(event.get("records", [])), "outer": outer()}
    status = "ok"

    def fail(reason):
        nonlocal status
        status = f"failed: {reason}"
        raise ValueError(reason)

    if event.get("fail"):
        try:
            fail("bad input")
        except ValueError:
            result["status"] = status
        fail("fatal")
    result["status"] = status
    return result
