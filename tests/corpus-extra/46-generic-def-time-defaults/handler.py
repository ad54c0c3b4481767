import time

LIMIT = 3
SEEN = []


def remember(item, bucket=[]):
    bucket.append(item)
    return list(bucket)


def tally(key, counts={}, *, step=1):
    counts[key] = counts.get(key, 0) + step
    return dict(counts)


def limited(n, limit=LIMIT):
    return min(n, limit)


class Cart:
    def add(self, sku, into=[]):
        into.append(sku)
        return len(into)


def handler(event, context):
    global LIMIT
    LIMIT = 100
    out = [remember(x) for x in event["items"]]
    t = [tally(k) for k in event["items"]] + [tally("z", step=5)]
    c = Cart()
    return {"remember": out, "tally": t, "limited": limited(50), "cart": [c.add("a"), Cart().add("b")], "f": remember.__name__}
