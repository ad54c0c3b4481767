import json
import os

RATE = int(os.environ.get("RATE_PER_SENDER", "2"))


class SenderBudget:
    def __init__(self, sender, limit=RATE):
        self.sender = sender
        self.limit = limit
        self.used = 0
        self.rejected = []

    @property
    def remaining(self):
        return max(self.limit - self.used, 0)

    def take(self, message_id):
        if self.used >= self.limit:
            self.rejected.append(message_id)
            return False
        self.used += 1
        return True

    def summary(self):
        return {"sender": self.sender, "used": self.used, "remaining": self.remaining, "rejected": self.rejected}


def handler(event, context):
    budgets = {}
    accepted = []
    for record in event["Records"]:
        body = json.loads(record["body"])
        sender = body.get("sender", "anonymous")
        budget = budgets.get(sender)
        if budget is None:
            budget = budgets[sender] = SenderBudget(sender)
        if budget.take(record["messageId"]):
            accepted.append(record["messageId"])
    return {
        "accepted": accepted,
        "senders": [b.summary() for _, b in sorted(budgets.items())],
        "batchItemFailures": [{"itemIdentifier": m} for b in budgets.values() for m in b.rejected],
    }
