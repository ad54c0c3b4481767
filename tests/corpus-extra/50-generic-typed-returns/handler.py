"""Module functions whose every return has one scalar type get a Rust return type:
str/bool/int/float helpers called positionally and by keyword, used as values (sort keys,
map), recursive and mutually recursive, with early returns inside try/except; and helpers
that must stay dynamic (falling off the end, returning inside try/finally, mixed types)."""

import logging

logger = logging.getLogger()


def label(kind, prefix="evt"):
    if kind == "create":
        return f"{prefix}:created"
    if kind.startswith("del"):
        return prefix + ":removed"
    return str(kind)


def is_large(size, limit=100):
    return size > limit


def depth(n):
    if n <= 0:
        return 0
    return depth(n - 1) + 1


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def ratio(a, b):
    try:
        return float(a) / float(b) * 1.0
    except ZeroDivisionError:
        return 0.0


def weight(word):
    return len(word) * 1.5


def parse_flag(value):
    try:
        return value.lower() in ("1", "true", "yes")
    finally:
        logger.info("parsed %s", value)


def maybe(value):
    if value:
        return "yes"


def mixed(value):
    if value:
        return 1
    return "none"


def handler(event, context):
    kinds = event.get("kinds", [])
    labels = [label(k) for k in kinds]
    named = label(kind="create", prefix="obj")
    sizes = event.get("sizes", [])
    large = [s for s in sizes if is_large(s, limit=event.get("limit", 100))]
    words = sorted(event.get("words", []), key=weight)
    weights = list(map(weight, words))
    first = label(kinds[0]) if kinds else "none"
    total = depth(event.get("depth", 3))
    return {
        "labels": labels,
        "named": named,
        "large": large,
        "words": words,
        "weights": weights,
        "first": first,
        "firstIsCreated": first == "evt:created",
        "depth": total,
        "even": is_even(event.get("depth", 3)),
        "ratio": ratio(event.get("a", 1), event.get("b", 0)),
        "flag": parse_flag(event.get("flag", "no")),
        "maybe": [maybe(True), maybe(False)],
        "mixed": [mixed(1), mixed(0)],
    }
