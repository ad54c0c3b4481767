import logging
import os

logger = logging.getLogger()

ADMIN_GROUPS = set(os.environ.get("ADMIN_GROUPS", "admins,ops").split(","))
BANNED_DOMAINS = ("example.invalid", "spam.test")


class AccessDenied(Exception):
    pass


def handler(event, context):
    if not event.get("triggerSource", "").startswith("TokenGeneration_"):
        logger.info("nothing to do for %s", event.get("triggerSource"))
        return event
    request = event["request"]
    attrs = request["userAttributes"]
    email = attrs.get("email", "")
    domain = email.rpartition("@")[2].casefold()
    if domain in BANNED_DOMAINS:
        raise AccessDenied(f"sign-in blocked for {email}")
    groups = (request.get("groupConfiguration") or {}).get("groupsToOverride", [])
    roles = sorted({g.split("-", 1)[0].lower() for g in groups})
    is_admin = bool(ADMIN_GROUPS & set(groups))
    claims = {"custom_" + k[len("custom:"):]: str(v) for k, v in attrs.items() if k.startswith("custom:")}
    claims.update({
        "roles": " ".join(roles),
        "admin": str(is_admin).lower(),
        "tier": attrs.get("custom:tier", "free").upper(),
        "groupCount": str(len(groups)),
    })
    suppress = [k for k in ("phone_number", "address", "birthdate") if k in attrs]
    metadata = request.get("clientMetadata") or {}
    if metadata.get("impersonate"):
        claims["act"] = metadata.pop("impersonate")
    event["response"]["claimsOverrideDetails"] = {
        "claimsToAddOrOverride": claims,
        "claimsToSuppress": suppress,
        "groupOverrideDetails": {
            "groupsToOverride": sorted(groups, key=lambda g: (len(g), g)),
            "preferredRole": (request.get("groupConfiguration") or {}).get("preferredRole"),
        },
    }
    return event
