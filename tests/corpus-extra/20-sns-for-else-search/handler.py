import json

PRIORITY_WORDS = ("outage", "breach", "down")


def handler(event, context):
    results = []
    for record in event["Records"]:
        message = record["Sns"]["Message"]
        words = message.lower().split()
        for position, word in enumerate(words):
            if word.strip(".,!") in PRIORITY_WORDS:
                results.append({"id": record["Sns"]["MessageId"], "priority": "high", "trigger": word, "at": position})
                break
        else:
            results.append({"id": record["Sns"]["MessageId"], "priority": "normal", "words": len(words)})
    return {"results": results, "body": json.dumps(results)}
