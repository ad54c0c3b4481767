"""Scalar locals the converter gives plain Rust types (bool, i64, f64, String): counters,
running float totals mixed with ints, string building, flags, comparisons and substring
tests on them, and the conversions (str(), float(), len()) with CPython's errors."""


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"


def summarize(words, limit):
    count = 0
    longest = 0
    line = ""
    seen_long = False
    for w in words:
        count += 1
        size = len(w)
        if size > longest:
            longest = size
        if len(line) + size > limit:
            seen_long = True
            line += "|"
        line += w
        line = line + " "
    label = "many" if count > 3 else "few"
    return {"count": count, "longest": longest, "line": line, "seenLong": seen_long, "label": label}


def totals(prices, discount):
    total = 0.0
    steps = 0
    for p in prices:
        price = float(p)
        total += price * 2
        total -= 0.5
        steps += 1
    scaled = total * discount + steps
    average = total / steps if steps else 0.0
    negative = -scaled
    ok = 0.0 < scaled < 1000 and not steps == 0
    return {"total": total, "scaled": scaled, "average": average, "negative": negative,
            "ok": ok, "abs": abs(negative), "steps": steps}


def handler(event, context):
    words = event.get("words", [])
    report = summarize(words, event.get("limit", 10))
    name = str(event.get("name", "anon"))
    greeting = f"hello {name}"
    shout = greeting.upper()
    has_a = "a" in name
    starts = name.startswith("an")
    money = str(Money(event.get("cents", 1234)))
    title = f"{name}"
    number = f"{report['count']}"
    result = {"report": report, "greeting": greeting, "shout": shout, "hasA": has_a,
              "starts": starts, "money": money, "title": title, "number": number,
              "sorted": name < "m", "same": name == greeting}
    if "prices" in event:
        result["totals"] = totals(event["prices"], event.get("discount", 1))
    empty = ""
    if not empty and name:
        result["flags"] = [bool(empty), bool(name), len(empty) == 0]
    return result
