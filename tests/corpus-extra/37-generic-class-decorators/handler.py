from abc import ABC, abstractmethod
from dataclasses import dataclass, field, FrozenInstanceError
from functools import cached_property, total_ordering


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @property
    @abstractmethod
    def name(self):
        ...

    def describe(self):
        return f"{self.name} with area {self.area():.2f}"


class Square(Shape):
    def __init__(self, side):
        self._side = side
        self.computed = 0

    @property
    def side(self):
        return self._side

    @side.setter
    def side(self, value):
        if value <= 0:
            raise ValueError("side must be positive")
        self._side = value

    @property
    def name(self):
        return "square"

    def area(self):
        return self._side ** 2

    @cached_property
    def perimeter(self):
        self.computed += 1
        return 4 * self._side


@dataclass(frozen=True)
class Point:
    x: int
    y: int = 0


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    tags: list = field(default_factory=list)


@total_ordering
class Grade:
    def __init__(self, score):
        self.score = score

    def __eq__(self, other):
        return self.score == other.score

    def __lt__(self, other):
        return self.score < other.score


def handler(event, context):
    kind = event.get("kind")
    if kind == "abstract":
        return Shape().describe()
    sq = Square(event.get("side", 2))
    out = {"describe": sq.describe(), "p": [sq.perimeter, sq.perimeter, sq.computed]}
    sq.side = event.get("new_side", 3)
    out["after"] = [sq.side, sq.area(), sq.perimeter]
    p = Point(1, 2)
    out["points"] = [repr(p), p == Point(1, 2), len({p, Point(1, 2), Point(2)}), hash(p) == hash(Point(1, 2))]
    try:
        p.x = 5
    except FrozenInstanceError as exc:
        out["frozen"] = [type(exc).__name__, str(exc), isinstance(exc, AttributeError)]
    versions = sorted([Version(1, 2), Version(1, 0), Version(0, 9)])
    out["versions"] = [f"{v.major}.{v.minor}" for v in versions]
    out["cmp"] = [Version(1) < Version(1, 1), Version(2) >= Version(1, 5)]
    grades = [Grade(3), Grade(1), Grade(2)]
    out["grades"] = [g.score for g in sorted(grades)] + [Grade(2) >= Grade(2), Grade(3) > Grade(1), Grade(1) <= Grade(0)]
    if kind == "bad-side":
        sq.side = -1
    return out
