import json
from urllib.parse import parse_qs, urlencode

CATALOG = [
    {"sku": "101", "name": "Crème brûlée kit", "tags": ["food", "sweet"], "price": 24.5},
    {"sku": "7", "name": "ñandú plush", "tags": ["toy"], "price": 15},
    {"sku": "2201", "name": "Straße map of Berlin", "tags": ["travel", "paper"], "price": 9.99},
    {"sku": "33", "name": "cotton candy machine", "tags": ["food", "sweet", "kitchen"], "price": 59},
    {"sku": "404", "name": "Plush whale", "tags": ["toy", "sea"], "price": 19.25},
    {"sku": "5", "name": "sea salt caramels", "tags": ["food", "sweet", "sea"], "price": 7.5},
    {"sku": "66", "name": "STRASSE sign", "tags": ["decor"], "price": 12},
]


def matches(item, terms, tags):
    hay = item["name"].casefold()
    return all(t in hay for t in terms) and (not tags or any(tag in item["tags"] for tag in tags))


def handler(event, context):
    qs = parse_qs(event.get("rawQueryString", ""), keep_blank_values=True)
    q = qs.get("q", [""])[0]
    terms = [t for t in q.casefold().split() if t]
    tags = set(qs.get("tag", []))
    page = int(qs.get("page", ["1"])[0])
    size = int(qs.get("size", ["3"])[0])
    order = qs.get("order", ["name"])[0]
    hits = [item for item in CATALOG if matches(item, terms, tags)]
    reverse = order.startswith("-")
    field = order.lstrip("-")
    hits.sort(key=lambda it: it[field], reverse=reverse)
    start = (page - 1) * size
    window = hits[start:start + size]
    skus = [it["sku"] for it in hits]
    body = {
        "query": q,
        "terms": terms,
        "tags": sorted(tags),
        "count": len(hits),
        "page": page,
        "items": [
            {"sku": it["sku"].zfill(6), "name": it["name"], "title": it["name"].title(), "price": it["price"]}
            for it in window
        ],
        "reversedSkus": skus[::-1],
        "everyOther": skus[::-2],
        "lastTwo": skus[-2:],
        "middle": skus[1:-1],
        "initials": "".join(it["name"][0] for it in hits),
        "vowels": sum(it["name"].lower().count("a") for it in hits),
    }
    if start + size < len(hits):
        body["next"] = "/search?" + urlencode({"q": q, "page": page + 1, "size": size, "tag": sorted(tags)}, doseq=True)
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json; charset=utf-8", "x-query": json.dumps(q)},
        "body": json.dumps(body, ensure_ascii=False, separators=(",", ":")),
    }
