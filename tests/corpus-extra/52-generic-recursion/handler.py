"""Recursion: a recursive tree walk (function and method), mutual recursion, and recursion
too deep for CPython's limit, which is a RecursionError the handler catches."""


class Node:
    def __init__(self, name, children):
        self.name = name
        self.children = [Node(c["name"], c.get("children", [])) for c in children]

    def count(self):
        return 1 + sum(child.count() for child in self.children)


def depth(tree):
    kids = tree.get("children", [])
    return 1 + (max(depth(k) for k in kids) if kids else 0)


def flatten(tree, prefix=""):
    path = f"{prefix}/{tree['name']}"
    out = [path]
    for child in tree.get("children", []):
        out.extend(flatten(child, path))
    return out


def countdown(n):
    if n == 0:
        return 0
    return countdown(n - 1) + 1


def ping(n):
    return "done" if n <= 0 else pong(n - 1)


def pong(n):
    return ping(n - 1)


def handler(event, context):
    tree = event["tree"]
    result = {
        "depth": depth(tree),
        "paths": flatten(tree),
        "nodes": Node(tree["name"], tree.get("children", [])).count(),
        "pingpong": ping(event.get("bounces", 10)),
    }
    try:
        result["countdown"] = countdown(event.get("n", 100))
    except RecursionError as e:
        result["countdown"] = f"RecursionError: {e}"
    if event.get("uncaught"):
        countdown(100000)
    return result
