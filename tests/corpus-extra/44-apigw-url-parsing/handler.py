import math
import uuid
from itertools import pairwise, takewhile, cycle, islice
from urllib.parse import urlparse, urljoin, urlunparse, urlsplit


def handler(event, context):
    u = urlparse(event["url"])
    return {
        "parts": [u.scheme, u.netloc, u.path, u.params, u.query, u.fragment],
        "host": u.hostname, "port": u.port, "user": u.username,
        "repr": repr(u), "geturl": u.geturl(), "replaced": u._replace(query="x=1").geturl(),
        "join": urljoin(event["url"], "../other/page?q=2"),
        "unparse": urlunparse(("https", "example.com", "/a", "", "b=1", "top")),
        "split": list(urlsplit("//host/path")),
        "uuid5": str(uuid.uuid5(uuid.NAMESPACE_URL, event["url"])),
        "math": [math.gcd(12, 18), math.prod([1, 2, 3]), math.fsum([0.1] * 10), math.hypot(3, 4), math.comb(5, 2), math.log10(1000), math.isclose(0.1 + 0.2, 0.3)],
        "pairs": list(pairwise([1, 2, 4])), "take": list(takewhile(lambda x: x < 3, [1, 2, 3, 1])), "cyc": list(islice(cycle("ab"), 5)),
    }
