from dataclasses import asdict, dataclass, field


@dataclass
class LineItem:
    sku: str
    qty: int = 1
    price: float = 0.0

    def total(self):
        return round(self.qty * self.price, 2)


@dataclass
class Cart:
    owner: str
    items: list = field(default_factory=list)
    coupons: list = field(default_factory=list)


def handler(event, context):
    cart = Cart(owner=event["owner"])
    for raw in event.get("items", []):
        cart.items.append(LineItem(raw["sku"], qty=raw.get("qty", 1), price=raw.get("price", 0.0)))
    cart.coupons.extend(sorted(set(event.get("coupons", []))))
    data = asdict(cart)
    data["total"] = round(sum(item.total() for item in cart.items), 2)
    data["count"] = len(cart.items)
    return data
