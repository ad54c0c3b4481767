class HttpError(Exception):
    status = 500

    def __init__(self, status, message, *, detail=None):
        super().__init__(message)
        self.status = status
        self.detail = detail


class NotFound(HttpError):
    def __init__(self, what):
        super().__init__(404, f"{what} not found", detail={"what": what})


class Gone(NotFound):
    pass


class Conflict(HttpError):
    pass


def handler(event, context):
    kind = event.get("kind")
    try:
        if kind == "nf":
            raise NotFound(event["name"])
        if kind == "gone":
            raise Gone("old")
        if kind == "conflict":
            raise Conflict(409, "dup", detail="x")
        if kind == "bare":
            raise Conflict
        if kind == "escape":
            raise Gone("thing")
    except HttpError as err:
        if kind == "escape":
            raise
        return {"status": err.status, "msg": str(err), "detail": err.detail, "args": list(err.args), "type": type(err).__name__}
    return None
