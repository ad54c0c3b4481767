import logging

logger = logging.getLogger()

RULES = [
    ("billing", ("invoice", "receipt", "payment")),
    ("support", ("help", "issue", "broken")),
    ("sales", ("quote", "pricing")),
]
VERDICTS = ("spfVerdict", "dkimVerdict", "spamVerdict", "virusVerdict")


def verdicts_ok(receipt):
    return all(receipt.get(k, {}).get("status") == "PASS" for k in VERDICTS)


def split_sender(sender):
    display, sep, addr = sender.rpartition("<")
    if not sep:
        return "", sender.strip()
    return display.strip().strip('"'), addr.rstrip(">").strip()


def handler(event, context):
    out = []
    for record in event["Records"]:
        ses = record["ses"]
        mail, receipt = ses["mail"], ses["receipt"]
        headers = {h["name"].lower(): h["value"] for h in mail.get("headers", [])}
        common = mail["commonHeaders"]
        subject = common.get("subject", "").strip()
        words = set(subject.casefold().replace(":", " ").replace(",", " ").split())
        queue = next((name for name, keys in RULES if any(k in words for k in keys)), "general")
        display, addr = split_sender(common["from"][0])
        failed = [k.replace("Verdict", "") for k in VERDICTS if receipt.get(k, {}).get("status") != "PASS"]
        out.append({
            "messageId": mail["messageId"],
            "queue": queue,
            "from": addr,
            "displayName": display or None,
            "trusted": verdicts_ok(receipt),
            "failed": failed,
            "priority": headers.get("x-priority", "3").strip()[:1],
            "recipients": len(mail["destination"]),
            "subjectRepr": repr(subject),
            "subjectWords": len(subject.split()),
            "isReply": subject.lower().startswith(("re:", "aw:", "fwd:")),
        })
    disposition = "STOP_RULE" if any(not o["trusted"] for o in out) else "CONTINUE"
    logger.info("disposition %s for %d message(s)", disposition, len(out))
    return {"disposition": disposition, "messages": out}
