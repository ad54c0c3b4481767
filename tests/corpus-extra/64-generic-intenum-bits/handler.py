"""IntEnum members in bitwise operators (|, &, ^, <<, ~, **, reflected) and a class __invert__."""

from enum import IntEnum


class Perm(IntEnum):
    R = 4
    W = 2
    X = 1


class Mask:
    def __init__(self, v):
        self.v = v

    def __invert__(self):
        return Mask(~self.v)


def handler(event, context):
    rw = Perm.R | Perm.W
    return {"rw": rw, "notR": ~Perm.R, "and": Perm.R & 6, "ror": 1 | Perm.W, "xor": Perm.R ^ Perm.X,
            "shift": Perm.W << 2, "pow": Perm.W ** 3, "mask": (~Mask(5)).v, "type": type(rw).__name__}
