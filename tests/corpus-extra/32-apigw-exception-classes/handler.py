import json


class AppError(Exception):
    """Base of the errors this API reports."""

    status = 500
    code = "internal"

    def __init__(self, message, *, detail=None):
        super().__init__(message)
        self.detail = detail

    @property
    def title(self):
        return self.code.replace("_", " ").title()

    def to_response(self):
        body = {"error": self.code, "message": str(self), "title": self.title}
        if self.detail is not None:
            body["detail"] = self.detail
        return {"statusCode": self.status, "body": json.dumps(body)}

    @staticmethod
    def describe(status):
        return f"HTTP {status}"


class NotFound(AppError):
    status = 404
    code = "not_found"

    def __init__(self, what):
        super().__init__(f"{what} was not found", detail={"what": what})


class Invalid(AppError):
    status = 400
    code = "invalid_input"

    def __str__(self):
        return f"invalid: {self.args[0]}"


class Quiet(Exception):
    def __str__(self):
        return "quiet please"

    def __repr__(self):
        return "Quiet()"


def handler(event, context):
    action = event.get("action")
    try:
        if action == "missing":
            raise NotFound(event["id"])
        if action == "invalid":
            raise Invalid("bad field", detail=event.get("field"))
        if action == "quiet":
            raise Quiet("x")
        if action == "escape":
            raise Invalid("escaped")
        if action == "class":
            return [NotFound.status, AppError.code, Invalid.describe(418), AppError.describe(NotFound.status)]
    except Quiet as q:
        return {"str": str(q), "repr": repr(q), "f": f"{q}|{q!r}"}
    except AppError as err:
        if action == "escape":
            raise
        return err.to_response()
    return {"statusCode": 200}
