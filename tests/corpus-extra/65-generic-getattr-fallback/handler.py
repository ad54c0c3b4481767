"""A class __getattr__ that serves missing attributes from a dict (hasattr/getattr see it, its AttributeError escapes)."""


class Config:
    def __init__(self, data):
        self._data = data

    def __getattr__(self, name):
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(f"no setting {name!r}")


def handler(event, context):
    c = Config(event["settings"])
    out = {"region": c.region, "has": hasattr(c, "missing"), "got": getattr(c, "missing", "dflt")}
    if event.get("strict"):
        return c.missing
    return out
