# @depyler: batch_failure_reporting = true
import json
import logging

logger = logging.getLogger()


class RetryableError(Exception):
    def __init__(self, message, delay=30):
        super().__init__(message)
        self.delay = delay


def process(body):
    if body.get("status") == "throttled":
        raise RetryableError(f"downstream throttled {body.get('id')}", delay=body.get("retryAfter", 30))
    if "id" not in body:
        raise ValueError("message without id")
    return body["id"]


def handler(event, context):
    failures = []
    done = []
    delays = []
    for record in event["Records"]:
        try:
            done.append(process(json.loads(record["body"])))
        except RetryableError as e:
            logger.warning("retry %s in %ss: %s", record["messageId"], e.delay, e)
            delays.append(e.delay)
            failures.append({"itemIdentifier": record["messageId"]})
        except ValueError as e:
            logger.error("dropping %s: %s", record["messageId"], e)
    return {"batchItemFailures": failures, "done": done, "maxDelay": max(delays, default=0)}
