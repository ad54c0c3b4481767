def handler(event, context):
    ids = [r["userId"] for r in event["Records"]]
    s = set(ids)
    s.add(event.get("extra", 64))
    return {"unique": list(set(ids)), "small": list({3, 1, 2}), "repr": repr(s), "added": list(s), "tuples": list({(1, 2), (0, 5), (3, 3)}),
            "fs": repr(frozenset([33, 1, 17])), "union": list(set(ids) | {100, 2}), "mixed": sorted({"b", "a"}), "comp": [x for x in {i * 7 % 20 for i in range(15)}]}
