import functools
import json
import logging
from functools import lru_cache, wraps

logger = logging.getLogger()
CALLS = []


def log_calls(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        CALLS.append(func.__name__)
        result = func(*args, **kwargs)
        CALLS.append(f"{func.__name__} -> {result!r}")
        return result

    return wrapper


def retry(times=2, on=(ValueError,)):
    def decorate(func):
        def attempt(*args, **kwargs):
            last = None
            for n in range(times):
                try:
                    return func(*args, **kwargs)
                except on as exc:
                    CALLS.append(f"retry {n + 1}: {exc}")
                    last = exc
            raise last

        return attempt

    return decorate


def api_response(func):
    def wrapper(event, context):
        try:
            body = func(event, context)
            return {"statusCode": 200, "body": json.dumps(body)}
        except KeyError as exc:
            return {"statusCode": 400, "body": json.dumps({"missing": str(exc)})}

    return wrapper


@lru_cache(maxsize=None)
def fib(n):
    CALLS.append(f"fib({n})")
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@functools.lru_cache
def square(x):
    CALLS.append(f"square({x})")
    return x * x


ATTEMPTS = {"n": 0}


@retry(times=3)
def flaky(limit):
    ATTEMPTS["n"] += 1
    if ATTEMPTS["n"] < limit:
        raise ValueError(f"attempt {ATTEMPTS['n']}")
    return ATTEMPTS["n"]


@log_calls
def add(a, b=1):
    return a + b


@api_response
@log_calls
def handler(event, context):
    CALLS.clear()
    ATTEMPTS["n"] = 0
    out = {
        "fib": fib(event["n"]),
        "squares": [square(x) for x in event.get("xs", [])],
        "add": [add(1), add(2, b=5)],
        "name": add.__name__,
        "flaky": flaky(event.get("limit", 2)),
    }
    out["calls"] = list(CALLS)
    return out
