from dataclasses import dataclass, field, fields, replace


@dataclass(frozen=True)
class Cfg:
    name: str
    retries: int = 3
    tags: tuple = ()


def handler(event, context):
    c = Cfg(event["name"])
    d = replace(c, retries=event.get("retries", 5))
    table = str.maketrans("abc", "xyz", "!")
    return {
        "d": repr(d), "same": c == replace(c), "names": [f.name for f in fields(Cfg)], "inst": [f.name for f in fields(d)],
        "tr": event["text"].translate(table), "tr2": "hello".translate({ord("l"): "L", ord("o"): None}),
        "ascii": ascii(event["text"]), "mt": str.maketrans({"a": "1"}), "bad": replace(c, colour=1) if event.get("bad") else None,
    }
