"""S3 CSV sales report: for each uploaded CSV (its body stands in for s3.get_object, carried in
the event under "objects"), parse the rows with csv.DictReader, aggregate units and revenue per
region, and write a CSV report with csv.writer plus a CSV of rejected rows with csv.DictWriter,
both into io.StringIO buffers."""
import csv
import io
import json
import logging
from urllib.parse import unquote_plus

logger = logging.getLogger()
logger.setLevel(logging.INFO)

REQUIRED = ["region", "product", "units", "price"]


def load_rows(text, delimiter, strict):
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter, skipinitialspace=True, strict=strict)
    columns = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ValueError("missing columns: " + ", ".join(missing))
    good = []
    rejected = []
    for row in reader:
        if None in row:
            rejected.append({"line": reader.line_num, "reason": "extra fields", "raw": "|".join(row[None])})
            continue
        if row["units"] is None or row["price"] is None:
            rejected.append({"line": reader.line_num, "reason": "short row", "raw": row["region"]})
            continue
        try:
            units = int(row["units"])
            price = float(row["price"])
        except ValueError as exc:
            rejected.append({"line": reader.line_num, "reason": str(exc), "raw": row["product"]})
            continue
        good.append((row["region"].strip() or "unknown", row["product"], units, price, row.get("note", "")))
    return good, rejected


def build_report(good):
    totals = {}
    for region, product, units, price, note in good:
        entry = totals.setdefault(region, {"units": 0, "revenue": 0.0, "products": set(), "notes": []})
        entry["units"] += units
        entry["revenue"] += units * price
        entry["products"].add(product)
        if note:
            entry["notes"].append(note)
    with io.StringIO() as buf:
        writer = csv.writer(buf)
        sizes = [writer.writerow(["region", "units", "revenue", "products", "notes"])]
        for region in sorted(totals):
            t = totals[region]
            sizes.append(writer.writerow([region, t["units"], round(t["revenue"], 2), len(t["products"]), "; ".join(t["notes"]) or None]))
        writer.writerow(["TOTAL", sum(t["units"] for t in totals.values()), round(sum(t["revenue"] for t in totals.values()), 2), None, True])
        text = buf.getvalue()
        closed_inside = buf.closed
    return text, sizes, closed_inside, buf.closed


def rejected_csv(rejected):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["line", "reason"], extrasaction="ignore", quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rejected)
    return out.getvalue()


def handler(event, context):
    objects = event.get("objects", {})
    delimiter = event.get("delimiter", ",")
    strict = event.get("strict", False)
    reports = []
    for record in event["Records"]:
        key = unquote_plus(record["s3"]["object"]["key"])
        text = objects[key]
        try:
            good, rejected = load_rows(text, delimiter, strict)
        except csv.Error as exc:
            logger.warning("malformed CSV %s: %s", key, exc)
            reports.append({"key": key, "status": 400, "error": "csv.Error: " + str(exc)})
            continue
        report, sizes, closed_inside, closed_after = build_report(good)
        lines = report.splitlines()
        reread = list(csv.reader(io.StringIO(report)))
        buf = io.StringIO(report)
        first = buf.readline()
        buf.seek(0)
        reports.append({
            "key": key,
            "status": 200,
            "report": report,
            "rows": len(good),
            "rejected": rejected_csv(rejected),
            "sizes": sizes,
            "lines": len(lines),
            "reread": reread,
            "header": first,
            "all_lines": buf.readlines(),
            "tell": buf.tell(),
            "closed": [closed_inside, closed_after],
        })
    return {"statusCode": 200, "body": json.dumps({"reports": reports}), "count": len(reports)}
