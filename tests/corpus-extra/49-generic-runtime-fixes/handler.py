import base64
import gzip
import hashlib
from datetime import datetime, timedelta
from decimal import Decimal

MISSING = object()
REQUIRED = {"order_id", "amount"}


class MissingField(KeyError):
    pass


def field(record, name, default=MISSING):
    value = record.get(name, default)
    if value is MISSING:
        raise MissingField(name)
    return value


def kind(value):
    if isinstance(value, bool):
        return "flag"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str | None):
        return "text-or-none"
    return "other"


def parse_blob(blob):
    lines = gzip.decompress(base64.b64decode(blob)).strip().splitlines()
    pairs = []
    for line in lines:
        key, sep, value = line.partition(b"=")
        if not sep or line.lstrip().startswith((b"#", b";")):
            continue
        pairs.append([key.strip().decode(), value.strip().upper().decode()])
    return lines, pairs


def bytes_report(lines):
    joined = b"|".join(lines)
    digest = hashlib.sha256(joined).digest()
    raw = b"  id:%05d;tag:%s;hex:%x;pct:%d%%  " % (42, b"abc", 255, 7)
    head, _, tail = raw.strip().rpartition(b";")
    return {
        "token": base64.urlsafe_b64encode(digest).rstrip(b"=").decode(),
        "raw": raw.decode(),
        "split": [p.decode() for p in raw.split()],
        "fields": [p.decode() for p in raw.strip().split(b";", 2)],
        "rsplit": [p.decode() for p in joined.rsplit(b"|", 1)],
        "head_tail": [head.decode(), tail.decode()],
        "replaced": joined.replace(b"=", b": ", 2).decode(),
        "find": [joined.find(b"="), joined.rfind(b"="), joined.index(b"|"), joined.count(b"a"), joined.find(61)],
        "checks": [b"2024".isdigit(), b"abc".isalpha(), b"ab1".isalnum(), b" \t\n".isspace(), b"abc".islower(), b"ABC".isupper(), b"".isdigit()],
        "ends": [joined.endswith(b"x"), joined.startswith((b"zz", joined[:3]))],
        "zfill": [b"-7".zfill(5).decode(), b"12".zfill(1).decode()],
        "hex": [digest[:4].hex(), digest[:5].hex(":"), digest[:5].hex("-", 2), digest[:5].hex(b" ", -2)],
        "lstrip": b"xxyhello".lstrip(b"xy").decode(),
        "keepends": [p.decode() for p in b"a\r\nb\nc".splitlines(True)],
        "lower": b"MiXeD".lower().decode(),
    }


def handler(event, context):
    lines, pairs = parse_blob(event["blob"])
    record = event["record"]
    report = bytes_report(lines)
    price = Decimal(str(record.get("price", "19.99")))
    start = datetime(2024, 1, 5, 10, 30, 15)
    span = timedelta(hours=int(record.get("hours", 50)))
    weeks, rest = divmod(span, timedelta(days=1))
    tt = start.timetuple()
    try:
        divmod(span, 7)
        divmod_error = None
    except TypeError as e:
        divmod_error = str(e)
    keys = record.keys()
    result = {
        "pairs": pairs,
        "bytes": report,
        "money": ["%.2f" % price, "%d" % price, "%5.1f" % Decimal("2.2"), "%08.3f|%+d" % (price, price)],
        "divmod": [weeks, str(rest), divmod_error],
        "timetuple": [tt.tm_year, tt.tm_mon, tt.tm_mday, tt.tm_hour, tt.tm_yday, tt.tm_wday, tt[5], list(tt), repr(tt)],
        "views": [REQUIRED <= keys, keys >= REQUIRED, {"order_id"} < keys, keys == set(record), keys <= REQUIRED],
        "kinds": {k: kind(v) for k, v in record.items()},
        "union": [repr(int | str), repr(int | None), isinstance(None, int | None), isinstance(3.5, int | str)],
        "sentinel": [field(record, "note", None), MISSING is MISSING, MISSING == object()],
    }
    result["order_id"] = field(record, "order_id")
    result["amount"] = field(record, "amount")
    return result
