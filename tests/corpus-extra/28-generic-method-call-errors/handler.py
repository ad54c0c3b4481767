"""A handler whose event picks a wrongly-called method: CPython 3.11 names methods by their
qualified name (`Cart.add()`, `Item.__init__()`) in binding errors and counts `self` in
"takes N positional arguments"."""
from dataclasses import dataclass


class BadInput(ValueError):
    def __init__(self, field, reason):
        super().__init__(f"{field}: {reason}")
        self.field = field


@dataclass
class Item:
    sku: str
    qty: int = 1


class Cart:
    def __init__(self, owner):
        self.owner = owner
        self.items = []

    def add(self, item, *, note=None):
        self.items.append(item)
        return len(self.items)


def handler(event, context):
    cart = Cart(event.get("owner", "anon"))
    call = event.get("call")
    if call == "missing-arg":
        return cart.add()
    if call == "unknown-keyword":
        return cart.add(Item("a"), colour="red")
    if call == "dataclass-keyword":
        return Item(sku="a", size=3)
    if call == "dataclass-missing":
        return Item()
    if call == "dataclass-too-many":
        return Item("a", 1, 2)
    if call == "init-too-many":
        return Cart("x", "y").owner
    if call == "method-too-many":
        return cart.add(Item("a"), "note")
    if call == "exception-init":
        raise BadInput("qty")
    return {"added": cart.add(Item("b", qty=2), note="ok"), "owner": cart.owner}
