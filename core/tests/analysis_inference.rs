//! Event-source inference on handlers written for these tests (not the corpus), in the
//! styles real handlers use: aliases, helpers, `.get()` chains, `in` tests, enumerate,
//! return shapes, literals. Each must land on its source through general rules.

use depyler_core::{analyze, AnalyzeOptions};

fn infer(src: &str) -> (String, f64) {
    let a = analyze(src, &AnalyzeOptions::default());
    assert!(!a.has_errors(), "{:?}", a.diagnostics);
    (a.event.source.clone(), a.event.confidence)
}

fn assert_source(src: &str, want: &str) -> f64 {
    let (got, conf) = infer(src);
    assert_eq!(got, want, "confidence {conf} for:\n{src}");
    assert!((0.0..=1.0).contains(&conf));
    conf
}

// ---- spec §2.2 pattern table -------------------------------------------------------

#[test]
fn spec_pattern_table() {
    let rows = [
        ("event['Records'][0]['s3']", "s3"),
        ("event['requestContext']['http']", "apigw_http"),
        ("event['Records'][0]['Sns']", "sns"),
        ("event['Records'][0]['dynamodb']", "dynamodb"),
        ("event['detail-type']", "eventbridge"),
    ];
    for (expr, want) in rows {
        let src = format!("def handler(event, context):\n    x = {expr}\n    return x\n");
        let conf = assert_source(&src, want);
        assert!(conf >= 0.5, "{expr}: {conf}");
    }
}

// ---- s3 ----------------------------------------------------------------------------

#[test]
fn s3_with_helper_and_get_chain() {
    let src = r#"
import urllib.parse

def keys_of(evt):
    out = []
    for rec in evt.get("Records") or []:
        obj = rec.get("s3", {}).get("object", {})
        out.append(urllib.parse.unquote_plus(obj.get("key", "")))
    return out

def handler(event, context):
    return {"keys": keys_of(event)}
"#;
    assert_source(src, "s3");
}

#[test]
fn s3_event_name_prefix_literal() {
    let src = r#"
def lambda_handler(event, context):
    rec = event['Records'][0]
    if rec['eventName'].startswith('ObjectRemoved:'):
        return 'deleted'
    return rec['s3']['bucket']['name']
"#;
    let conf = assert_source(src, "s3");
    assert!(conf > 0.9, "{conf}");
}

// ---- sqs ---------------------------------------------------------------------------

#[test]
fn sqs_via_helper_functions_and_enumerate() {
    let src = r#"
import json

def parse(msg):
    return json.loads(msg["body"])

def handle_one(message):
    payload = parse(message)
    return payload["id"]

def handler(event, context):
    failures = []
    for i, message in enumerate(event["Records"]):
        try:
            handle_one(message)
        except Exception:
            failures.append({"itemIdentifier": message["messageId"]})
    return {"batchItemFailures": failures}
"#;
    let a = analyze(src, &AnalyzeOptions::default());
    assert_eq!(a.event.source, "sqs");
    assert!(
        a.event
            .evidence
            .iter()
            .any(|e| e.path == "Records[].body" && e.line == 5),
        "{:?}",
        a.event.evidence
    );
    // Per-record try/except without the annotation → batch failure reporting hint.
    assert!(
        a.optimizations
            .iter()
            .any(|o| o.kind == "batch_failure_reporting" && o.line == Some(14)),
        "{:?}",
        a.optimizations
    );
}

#[test]
fn sqs_receipt_handle_alias_and_membership() {
    let src = r#"
def handler(event, context):
    records = event.get("Records", [])
    handles = [r["receiptHandle"] for r in records]
    if "messageAttributes" in records[0]:
        pass
    return len(handles)
"#;
    assert_source(src, "sqs");
}

// ---- sns ---------------------------------------------------------------------------

#[test]
fn sns_message_through_alias() {
    let src = r#"
import json

def handler(event, context):
    for record in event["Records"]:
        note = record["Sns"]
        body = json.loads(note["Message"])
        print(note.get("Subject"), body)
"#;
    assert_source(src, "sns");
}

// ---- dynamodb ----------------------------------------------------------------------

#[test]
fn dynamodb_event_name_literals_and_keys() {
    let src = r#"
def handler(event, context):
    inserted = 0
    for rec in event['Records']:
        if rec['eventName'] in ('INSERT', 'MODIFY'):
            image = rec['dynamodb']['NewImage']
            inserted += 1
    return inserted
"#;
    assert_source(src, "dynamodb");
}

#[test]
fn dynamodb_constant_argument_resolves_get() {
    let src = r#"
def image(record, which="NewImage"):
    return record["dynamodb"].get(which) or {}

def handler(event, context):
    return [image(r) for r in event["Records"]]
"#;
    let a = analyze(src, &AnalyzeOptions::default());
    assert_eq!(a.event.source, "dynamodb");
    assert!(
        a.annotations
            .pre_warm_paths
            .contains(&"Records[].dynamodb.NewImage".to_owned()),
        "{:?}",
        a.annotations.pre_warm_paths
    );
}

// ---- kinesis -----------------------------------------------------------------------

#[test]
fn kinesis_base64_data() {
    let src = r#"
import base64

def handler(event, context):
    out = []
    for r in event["Records"]:
        out.append(base64.b64decode(r["kinesis"]["data"]))
    return {"count": len(out), "last": event["Records"][-1]["kinesis"]["sequenceNumber"]}
"#;
    assert_source(src, "kinesis");
}

// ---- API Gateway REST / HTTP, ALB, function URL ---------------------------------

#[test]
fn apigw_rest_path_parameters_and_resource() {
    let src = r#"
import json

def handler(event, context):
    if event["httpMethod"] == "GET" and event["resource"] == "/users/{id}":
        uid = event["pathParameters"]["id"]
        return {"statusCode": 200, "body": json.dumps({"id": uid})}
    return {"statusCode": 405, "body": ""}
"#;
    assert_source(src, "apigw_rest");
}

#[test]
fn apigw_rest_identity_source_ip() {
    let src = r#"
def handler(event, context):
    ip = event["requestContext"]["identity"]["sourceIp"]
    qs = event.get("multiValueQueryStringParameters") or {}
    return {"statusCode": 200, "body": ip}
"#;
    assert_source(src, "apigw_rest");
}

#[test]
fn apigw_http_raw_path_and_route_key() {
    let src = r#"
def handler(event, context):
    ctx = event["requestContext"]
    method = ctx["http"]["method"]
    if event["routeKey"] == "GET /ping":
        return {"statusCode": 200, "body": "pong", "cookies": ["a=b"]}
    return {"statusCode": 404, "body": event["rawPath"]}
"#;
    assert_source(src, "apigw_http");
}

#[test]
fn alb_by_request_context_elb() {
    let src = r#"
def handler(event, context):
    tg = event["requestContext"]["elb"]["targetGroupArn"]
    return {"statusCode": 200, "statusDescription": "200 OK", "body": tg, "isBase64Encoded": False}
"#;
    assert_source(src, "alb");
}

#[test]
fn alb_by_return_shape_only() {
    // No resource/stage/pathParameters; the response carries statusDescription.
    let src = r#"
def ok(body):
    return {"statusCode": 200, "statusDescription": "200 OK", "headers": {}, "body": body}

def handler(event, context):
    if event.get("httpMethod") == "GET" and event.get("path") == "/":
        return ok("home")
    return ok(event.get("body") or "")
"#;
    assert_source(src, "alb");
}

#[test]
fn function_url_by_lambda_url_hint() {
    let src = r#"
def handler(event, context):
    domain = event["requestContext"]["domainName"]
    if "lambda-url" not in domain:
        raise ValueError("expected a function URL")
    return {"statusCode": 200, "body": event["rawPath"]}
"#;
    assert_source(src, "function_url");
}

#[test]
fn http_shape_without_hint_is_http_api_with_function_url_runner_up() {
    let src = r#"
def handler(event, context):
    return {"statusCode": 200, "body": event["requestContext"]["http"]["path"]}
"#;
    let a = analyze(src, &AnalyzeOptions::default());
    assert_eq!(a.event.source, "apigw_http");
    assert_eq!(
        a.event.alternatives.first().map(|x| x.source.as_str()),
        Some("function_url")
    );
}

// ---- EventBridge, schedules, logs, cognito, ses, firehose -------------------------

#[test]
fn eventbridge_custom_detail() {
    let src = r#"
def handler(event, context):
    detail = event["detail"]
    kind = event["detail-type"]
    return {"kind": kind, "order": detail["orderId"], "src": event["source"]}
"#;
    assert_source(src, "eventbridge");
}

#[test]
fn scheduled_by_literal_comparison() {
    let src = r#"
def handler(event, context):
    if event.get("detail-type") == "Scheduled Event":
        return {"ran_at": event["time"]}
    return None
"#;
    assert_source(src, "cloudwatch_scheduled");
}

#[test]
fn scheduled_by_aws_events_source() {
    let src = r#"
def handler(event, context):
    assert event["source"] == "aws.events"
    return event["resources"][0]
"#;
    assert_source(src, "cloudwatch_scheduled");
}

#[test]
fn cloudwatch_logs_via_helper() {
    let src = r#"
import base64, gzip, json

def unpack(e):
    return json.loads(gzip.decompress(base64.b64decode(e["awslogs"]["data"])))

def handler(event, context):
    data = unpack(event)
    return len(data["logEvents"])
"#;
    assert_source(src, "cloudwatch_logs");
}

#[test]
fn cognito_post_confirmation() {
    let src = r#"
def handler(event, context):
    if event["triggerSource"] == "PostConfirmation_ConfirmSignUp":
        attrs = event["request"]["userAttributes"]
        print(attrs.get("email"), event["userPoolId"])
    return event
"#;
    assert_source(src, "cognito");
}

#[test]
fn ses_mail_headers() {
    let src = r#"
def handler(event, context):
    for rec in event["Records"]:
        mail = rec["ses"]["mail"]
        if "unsubscribe" in mail["commonHeaders"]["subject"].lower():
            return {"disposition": "STOP_RULE"}
    return {"disposition": "CONTINUE"}
"#;
    assert_source(src, "ses");
}

#[test]
fn firehose_lowercase_records() {
    let src = r#"
import base64

def handler(event, context):
    output = []
    for record in event["records"]:
        data = base64.b64decode(record["data"])
        output.append({"recordId": record["recordId"], "result": "Ok", "data": base64.b64encode(data).decode()})
    return {"records": output}
"#;
    assert_source(src, "firehose");
}

// ---- unknown ----------------------------------------------------------------------

#[test]
fn plain_dict_handlers_are_unknown() {
    for src in [
        "def handler(event, context):\n    return {'sum': event['a'] + event['b']}\n",
        "def handler(event, context):\n    name = event.get('name', 'world')\n    return f'hello {name}'\n",
        "def handler(event, context):\n    return {k: v for k, v in event.items() if v}\n",
        "def handler(event, context):\n    return None\n",
        // `body`/`id` alone are too weak to claim an AWS source.
        "def handler(event, context):\n    return {'echo': event.get('body'), 'id': event.get('id')}\n",
    ] {
        let (got, conf) = infer(src);
        assert_eq!(got, "unknown", "{src}");
        assert!(conf >= 0.5, "{src}: {conf}");
    }
}

#[test]
fn ambiguous_records_are_not_a_confident_guess() {
    // Body-or-Sns records: no single source is clearly right.
    let src = r#"
def handler(event, context):
    out = []
    for r in event["Records"]:
        out.append(r.get("body") or r.get("Sns", {}).get("Message"))
    return out
"#;
    let a = analyze(src, &AnalyzeOptions::default());
    assert!(
        a.event.source == "unknown" || a.event.confidence < 0.8,
        "{:?}",
        a.event
    );
}

// ---- confidence behaves like evidence strength ------------------------------------

#[test]
fn more_agreeing_evidence_means_more_confidence() {
    let weak = "def handler(event, context):\n    return event['Records'][0]['body']\n";
    let strong = "def handler(event, context):\n    r = event['Records'][0]\n    return r['body'], r['messageId'], r['receiptHandle'], r['attributes']['ApproximateReceiveCount']\n";
    let (s1, c1) = infer(weak);
    let (s2, c2) = infer(strong);
    assert_eq!((s1.as_str(), s2.as_str()), ("sqs", "sqs"));
    assert!(c2 > c1, "{c1} vs {c2}");
}

// ---- annotation and CLI overrides --------------------------------------------------

#[test]
fn annotation_wins_and_keeps_generic() {
    let src = "# @depyler: event_type = \"EventBridgeEvent<OrderEvent>\"\ndef handler(event, context):\n    return event['Records'][0]['s3']\n";
    let a = analyze(src, &AnalyzeOptions::default());
    assert_eq!(a.event.source, "eventbridge");
    assert!(a.event.from_annotation);
    assert_eq!(a.event.generic_param.as_deref(), Some("OrderEvent"));
    assert_eq!(
        a.event.rust_type,
        "aws_lambda_events::event::eventbridge::EventBridgeEvent<OrderEvent>"
    );
    assert_eq!(
        a.event.alternatives.first().map(|x| x.source.as_str()),
        Some("s3")
    );
}

#[test]
fn cli_event_type_wins_over_annotation() {
    let src = "# @depyler: event_type = sns\ndef handler(event, context):\n    return 1\n";
    let opts = AnalyzeOptions {
        handler: None,
        event_type: Some("SqsEvent".into()),
    };
    let a = analyze(src, &opts);
    assert_eq!(a.event.source, "sqs");
    assert!(a.event.from_annotation);
    let bad = AnalyzeOptions {
        handler: None,
        event_type: Some("Pigeon".into()),
    };
    assert!(analyze(src, &bad).has_errors());
}

#[test]
fn annotation_unknown_forces_value() {
    let src = "# @depyler: event_type = unknown\ndef handler(event, context):\n    return event['Records'][0]['s3']\n";
    let a = analyze(src, &AnalyzeOptions::default());
    assert_eq!(a.event.source, "unknown");
    assert_eq!(a.event.rust_type, "serde_json::Value");
    assert!(a.event.from_annotation);
}
