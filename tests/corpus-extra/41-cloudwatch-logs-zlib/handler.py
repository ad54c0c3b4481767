import base64
import gzip
import json
import zlib


def handler(event, context):
    raw = base64.b64decode(event["data"])
    try:
        text = zlib.decompress(raw, 16 + zlib.MAX_WBITS).decode()
    except zlib.error as exc:
        return {"error": str(exc)}
    body = json.loads(text)
    z = zlib.compress(b"hello hello hello")
    return {
        "body": body, "crc": zlib.crc32(text.encode()), "adler": zlib.adler32(b"hello"), "crc2": zlib.crc32(b"world", 5),
        "roundtrip": zlib.decompress(z).decode(), "auto": zlib.decompress(raw, 47).decode() == text,
        "raw": zlib.decompress(zlib.compress(b"abc")[2:-4], -15).decode(), "zhead": zlib.compress(b"x", 9)[:2].hex(), "zhead6": z[:2].hex(),
        "trunc": str(run(lambda: zlib.decompress(z[:-3]))), "badhead": str(run(lambda: zlib.decompress(b"abc"))),
    }


def run(f):
    try:
        return f()
    except zlib.error as e:
        return e
