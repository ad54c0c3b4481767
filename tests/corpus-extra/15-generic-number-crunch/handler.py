import logging

logger = logging.getLogger()


def factorial(n):
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result


def digit_sum(n):
    return sum(int(d) for d in str(abs(n)))


def parse_value(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (int, float)):
        return v
    text = str(v).strip()
    if text.lower() in ("inf", "-inf", "nan"):
        raise ValueError(f"non-finite value {text!r}")
    try:
        return int(text)
    except ValueError:
        return float(text)


def handler(event, context):
    op = event.get("op", "stats")
    values = [parse_value(v) for v in event.get("values", [])]
    logger.info("op=%s values=%s", op, values)
    if op == "factorial":
        n = values[0] if values else 0
        f = factorial(n)
        text = str(f)
        return {
            "n": n,
            "digits": len(text),
            "digitSum": digit_sum(f),
            "mod64": f % 2**64,
            "modPrime": f % (10**9 + 7),
            "last10": text[-10:],
            "first5": text[:5],
            "trailingZeros": len(text) - len(text.rstrip("0")),
            "grouped": f"{f:,}"[:20],
            "negFloorDiv": -f // 10**20,
        }
    elif op == "round":
        return {
            "rounded": [round(v) for v in values],
            "twoPlaces": [round(v, 2) for v in values],
            "tens": [round(v, -1) for v in values],
            "pct": ["%.2f" % v for v in values],
            "general": [f"{v:g}" for v in values],
            "strs": [str(v) for v in values],
        }
    elif op == "divide":
        a, b = values[:2]
        q, r = divmod(a, b)
        return {"q": q, "r": r, "true": a / b, "floor": a // b, "mod": a % b, "power": a ** 3}
    elif op == "convert":
        return {
            "ints": [int(v) for v in values],
            "floats": [float(v) for v in values],
            "bools": [bool(v) for v in values],
            "hexes": [hex(int(v)) for v in values],
            "padded": [str(int(v)).zfill(5) for v in values],
        }
    raise NotImplementedError(f"unknown op {op}")
