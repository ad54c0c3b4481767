"""Iterator classes (`__iter__` returning self, `__next__` raising StopIteration), the old
sequence protocol (`__getitem__` until IndexError), copy/deepcopy of class instances and
deques, and the equality rules of OrderedDict (order matters) and Counter (zero counts
are missing counts)."""

import copy
from collections import Counter, OrderedDict, deque
from dataclasses import dataclass, field


class Pager:
    def __init__(self, items, size):
        self.items = items
        self.size = size
        self.pos = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.pos >= len(self.items):
            raise StopIteration
        page = self.items[self.pos:self.pos + self.size]
        self.pos += self.size
        return page


class Squares:
    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError("done")
        return i * i


class Broken:
    def __iter__(self):
        return 42


@dataclass
class Cart:
    owner: str
    items: list = field(default_factory=list)


def handler(event, context):
    pages = list(Pager(event["items"], event.get("size", 2)))
    firsts = [p[0] for p in Pager(event["items"], 3)]
    squares = list(Squares(event.get("n", 4)))
    total = sum(Squares(3))
    cart = Cart("ann", ["apple"])
    shallow = copy.copy(cart)
    deep = copy.deepcopy(cart)
    deep.items.append("pear")
    shallow.owner = "bob"
    shared = {"cart": cart, "again": cart}
    cloned = copy.deepcopy(shared)
    window = deque([[1], [2]], maxlen=3)
    window_copy = copy.deepcopy(window)
    window_copy[0].append(9)
    result = {
        "pages": pages, "firsts": firsts, "squares": squares, "total": total,
        "cart": [cart.owner, cart.items, shallow.owner, deep.items, shallow is cart, deep == cart],
        "sharedKept": cloned["cart"] is cloned["again"] and cloned["cart"] is not cart,
        "window": [list(window), list(window_copy), window_copy.maxlen],
        "ordered": [OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {"b": 2, "a": 1}],
        "counter": [Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == {"a": 1, "b": 0}],
    }
    if event.get("broken"):
        for _ in Broken():
            pass
    return result
