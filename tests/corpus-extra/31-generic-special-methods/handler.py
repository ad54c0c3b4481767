from dataclasses import dataclass


class Money:
    def __init__(self, cents, currency="USD"):
        self.cents = cents
        self.currency = currency

    def __repr__(self):
        return f"Money({self.cents}, {self.currency!r})"

    def __str__(self):
        return f"{self.cents / 100:.2f} {self.currency}"

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return (self.cents, self.currency) == (other.cents, other.currency)

    def __lt__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents < other.cents

    def __add__(self, other):
        if isinstance(other, int):
            return Money(self.cents + other, self.currency)
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.cents + other.cents, self.currency)

    def __radd__(self, other):
        return self.__add__(other)

    def __neg__(self):
        return Money(-self.cents, self.currency)

    def __bool__(self):
        return self.cents != 0


class Bag:
    def __init__(self, items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __call__(self, x):
        return [i for i in self.items if i == x]


@dataclass
class Tag:
    name: str

    def __str__(self):
        return "#" + self.name


class Plain:
    pass


def handler(event, context):
    amounts = [Money(c) for c in event["cents"]]
    total = sum(amounts)
    bag = Bag(event["cents"])
    empty = Bag([])
    return {
        "repr": repr(amounts[0]),
        "reprs": repr(amounts),
        "str": str(total),
        "fstr": f"{total} / {total!r} / {total!s:>12}",
        "eq": [Money(5) == Money(5), Money(5) == Money(6), Money(5) != Money(5), Money(5) == 5],
        "in": Money(event["cents"][0]) in amounts,
        "sorted": [str(m) for m in sorted(amounts)],
        "max": str(max(amounts)),
        "gt": Money(9) > Money(3),
        "neg": str(-total),
        "bool": [bool(Money(0)), bool(Money(1)), bool(bag), bool(empty), "yes" if empty else "no"],
        "call": bag(event["cents"][0]),
        "tag": [str(Tag("x")), repr(Tag("x")), f"{Tag('y')}"],
        "plain_eq": Plain() == Plain(),
        "percent": "%s and %r" % (total, total),
        "join": ", ".join(str(m) for m in amounts),
    }
