import json

scale = lambda x, factor=2: x * factor


class Report:
    def render(self, rows, sep=", "):
        fmt = lambda row, *cols, upper=False, **opts: sep.join(
            (str(row.get(c, opts.get("missing", "-"))).upper() if upper else str(row.get(c, opts.get("missing", "-"))))
            for c in cols
        )
        return [fmt(r, "id", "name", upper=True, missing="?") for r in rows]


def handler(event, context):
    prefix = event.get("prefix", ">")

    def label(item, *tags, width=8, **extra):
        text = f"{prefix} {item['name']:<{width}}"
        if tags:
            text += " [" + ",".join(tags) + "]"
        for k in sorted(extra):
            text += f" {k}={extra[k]}"
        return text

    def pick(a, b=None, *, key):
        return {"a": a, "b": b, "key": key}

    action = event.get("action")
    if action == "label":
        return [label(i, *i.get("tags", []), **i.get("extra", {})) for i in event["items"]]
    if action == "scale":
        return [scale(1), scale(2, 5), scale(x=3, factor=4)]
    if action == "report":
        return Report().render(event["rows"])
    if action == "pick":
        return pick(*event["args"], **event["kw"])
    if action == "lambda-error":
        f = lambda y: y
        return f(*event["args"])
    if action == "module-lambda-error":
        return scale()
    if action == "nested-error":
        return label()
    if action == "sort":
        by = event.get("by", "name")
        return sorted(event["items"], key=lambda i, k=by: i[k])
    return None
