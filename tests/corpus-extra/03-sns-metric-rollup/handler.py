import json
import logging

logger = logging.getLogger(__name__)


def percentile(values, pct):
    ordered = sorted(values)
    if not ordered:
        return None
    k = (len(ordered) - 1) * pct / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo), 3)


def summarize(name, points, unit="Count"):
    values = [p["value"] for p in points if p.get("value") is not None]
    if not values:
        return {"metric": name, "unit": unit, "samples": 0}
    mean = sum(values) / len(values)
    above = sum(1 for v in values if v > mean)
    return {
        "metric": name,
        "unit": unit,
        "samples": len(values),
        "min": min(values),
        "max": max(values),
        "sum": sum(values),
        "mean": round(mean, 2),
        "p90": percentile(values, 90),
        "line": "{:<12}|{:>8}|{:>10.3f}".format(name[:12], len(values), mean),
        "above": "%-7s %5.1f%% above mean" % (unit, 100.0 * above / len(values)),
    }


def handler(event, context):
    reports = []
    for index, record in enumerate(event.get("Records", []), start=1):
        sns = record["Sns"]
        try:
            payload = json.loads(sns["Message"])
        except ValueError:
            logger.warning("record %d is not JSON", index)
            reports.append({"index": index, "subject": sns.get("Subject"), "skipped": True})
            continue
        units = payload.get("units", {})
        metrics = payload.get("metrics", {})
        summaries = [summarize(name, pts, unit=units.get(name, "Count")) for name, pts in metrics.items()]
        summaries.sort(key=lambda s: (s["samples"], s["metric"]), reverse=True)
        attrs = sns.get("MessageAttributes") or {}
        reports.append({
            "index": index,
            "subject": sns.get("Subject"),
            "topic": sns["TopicArn"].rsplit(":", 1)[-1],
            "env": attrs.get("env", {}).get("Value", "unknown"),
            "summaries": summaries,
            "busiest": max(summaries, key=lambda s: s["samples"])["metric"] if summaries else None,
            "names": ",".join(s["metric"] for s in summaries),
        })
    flat = [s for r in reports for s in r.get("summaries", [])]
    pairs = list(zip([s["metric"] for s in flat], [s.get("max") for s in flat]))
    return {"reports": reports, "maxima": pairs, "total": sum(s["samples"] for s in flat)}
