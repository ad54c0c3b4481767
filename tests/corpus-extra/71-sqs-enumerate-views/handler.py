def handler(event, context):
    seen = []
    for i, rec in enumerate(event["Records"]):
        seen.append([i, rec["messageId"]])
    labels = []
    for n, rec2 in enumerate(event.get("Records", []), 1):
        labels.append(str(n) + ":" + rec2.get("body", "-"))
        n = n * 1000
        labels.append(n)
    for k, rec3 in enumerate(event["Records"], -2):
        if "attributes" in rec3:
            labels.append(k)
    else:
        labels.append("done")
    return {"seen": seen, "labels": labels}
