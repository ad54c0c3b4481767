def handler(event, context):
    first, *rest = event["items"]
    *init, last = event["items"]
    a, *mid, z = event["items"]
    out = {"first": first, "rest": rest, "init": init, "last": last, "mid": mid}
    for head, *tail in event["rows"]:
        out[head] = tail
    try:
        x, *y, w = [1]
    except ValueError as e:
        out["err"] = str(e)
    return out
