import logging

logger = logging.getLogger()


def parse_quantity(value, audit):
    try:
        if isinstance(value, str):
            value = value.strip()
        qty = int(value)
        if qty < 0:
            raise ValueError(f"negative quantity {qty}")
        return qty
    except (TypeError, ValueError) as e:
        audit.append(f"rejected {value!r}: {e}")
        return 0
    finally:
        audit.append(f"checked {value!r}")


def handler(event, context):
    audit = []
    quantities = [parse_quantity(v, audit) for v in event.get("quantities", [])]
    logger.info("audit %s", audit)
    return {"quantities": quantities, "total": sum(quantities), "audit": audit}
