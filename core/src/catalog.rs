//! What we know about AWS event sources, as data.
//!
//! Inference never tests for a source by name: it scores the facts it extracted from
//! the handler against the [`Pattern`]s of every entry here. Adding a source means
//! adding a row, not code.
//!
//! Conventions:
//! - `rust_type`/`response_type` are full paths into the `aws_lambda_events` crate
//!   (`aws_lambda_events::event::<module>::<Type>`); `feature` is the cargo feature
//!   that enables the event type's module. (Kinesis/DynamoDB batch responses live in
//!   the `streams` module and need that feature too.)
//! - Pattern paths use the extractor's notation: keys joined by `.`, `[]` for "an
//!   element of this list" (`event['Records'][0]['s3']` → `Records[].s3`), and the
//!   pseudo-root `return.` for keys of dicts the handler returns.
//! - An access pattern matches every access it is a prefix of, so deeper accesses that
//!   agree with the shape add up. The pattern list doubles as the source's schema: an
//!   access whose first two keys fit no pattern is evidence *against* the source
//!   (see `inference`). Weight 0.0 rows exist only to declare such known fields.
//! - Weights: ~3 decisive, ~2 strong, ~1 moderate, ≤0.5 shared between sources.

/// How a pattern matches an extracted fact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Matcher {
    /// The handler reads (or tests `in`, or writes) this path.
    Access,
    /// A string literal compared with the value at the path (`==`, `!=`, `in (..)`).
    Equals(&'static str),
    /// The literal is a prefix of real values (`startswith`, or the literal itself
    /// extends this prefix, e.g. `"ObjectCreated:Put"`).
    Prefix(&'static str),
    /// The literal contains this text (`"lambda-url" in event[...]['domainName']`).
    Contains(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pattern {
    /// Access path; for literal matchers `*` means "compared with any event value".
    pub path: &'static str,
    pub matcher: Matcher,
    pub weight: f64,
}

#[derive(Debug)]
pub struct EventSource {
    pub id: &'static str,
    pub display_name: &'static str,
    pub rust_type: &'static str,
    pub feature: &'static str,
    pub response_type: Option<&'static str>,
    /// SAM `Events:` `Type`, or None where SAM has no event source for it.
    pub sam_event: Option<&'static str>,
    /// A real-shaped payload (upstream aws_lambda_events fixtures where available).
    pub sample_event: &'static str,
    /// Names accepted for `event_type = ...` besides the id (compared ignoring case,
    /// `_`, `-`, a leading module path and a generic argument).
    pub aliases: &'static [&'static str],
    pub patterns: &'static [Pattern],
}

const fn a(path: &'static str, weight: f64) -> Pattern {
    Pattern {
        path,
        matcher: Matcher::Access,
        weight,
    }
}
const fn eq(path: &'static str, value: &'static str, weight: f64) -> Pattern {
    Pattern {
        path,
        matcher: Matcher::Equals(value),
        weight,
    }
}
const fn pre(path: &'static str, value: &'static str, weight: f64) -> Pattern {
    Pattern {
        path,
        matcher: Matcher::Prefix(value),
        weight,
    }
}
const fn has(path: &'static str, value: &'static str, weight: f64) -> Pattern {
    Pattern {
        path,
        matcher: Matcher::Contains(value),
        weight,
    }
}

macro_rules! sample {
    ($name:literal) => {
        include_str!(concat!("catalog/events/", $name, ".json"))
    };
}

static SOURCES: &[EventSource] = &[
    EventSource {
        id: "s3",
        display_name: "Amazon S3 notification",
        rust_type: "aws_lambda_events::event::s3::S3Event",
        feature: "s3",
        response_type: None,
        sam_event: Some("S3"),
        sample_event: sample!("s3"),
        aliases: &["S3Event", "S3Notification"],
        patterns: &[
            a("Records", 0.3),
            a("Records[].s3", 3.5),
            a("Records[].s3.bucket", 0.3),
            a("Records[].s3.bucket.name", 0.5),
            a("Records[].s3.object", 0.3),
            a("Records[].s3.object.key", 0.5),
            a("Records[].s3.object.size", 0.2),
            a("Records[].eventName", 0.2),
            a("Records[].eventTime", 0.3),
            a("Records[].userIdentity", 0.3),
            a("Records[].requestParameters", 0.5),
            a("Records[].responseElements", 0.5),
            a("Records[].eventSource", 0.1),
            a("Records[].awsRegion", 0.1),
            a("Records[].eventVersion", 0.0),
            a("Records[].glacierEventData", 0.5),
            pre("Records[].eventName", "ObjectCreated:", 1.5),
            pre("Records[].eventName", "ObjectRemoved:", 1.5),
            pre("Records[].eventName", "ObjectRestore:", 1.0),
            eq("*", "aws:s3", 1.5),
        ],
    },
    EventSource {
        id: "sqs",
        display_name: "Amazon SQS queue",
        rust_type: "aws_lambda_events::event::sqs::SqsEvent",
        feature: "sqs",
        response_type: Some("aws_lambda_events::event::sqs::SqsBatchResponse"),
        sam_event: Some("SQS"),
        sample_event: sample!("sqs"),
        aliases: &["SqsEvent", "SQSMessage"],
        patterns: &[
            a("Records", 0.3),
            a("Records[].body", 1.5),
            a("Records[].messageId", 2.0),
            a("Records[].receiptHandle", 2.5),
            a("Records[].md5OfBody", 2.0),
            a("Records[].md5OfMessageAttributes", 2.0),
            a("Records[].messageAttributes", 1.5),
            a("Records[].attributes", 1.0),
            a("Records[].attributes.ApproximateReceiveCount", 1.0),
            a("Records[].attributes.SentTimestamp", 0.5),
            a("Records[].attributes.MessageGroupId", 0.5),
            a("Records[].eventSourceARN", 0.3),
            a("Records[].eventSource", 0.1),
            a("Records[].awsRegion", 0.1),
            a("return.batchItemFailures", 1.5),
            eq("*", "aws:sqs", 1.5),
        ],
    },
    EventSource {
        id: "sns",
        display_name: "Amazon SNS topic",
        rust_type: "aws_lambda_events::event::sns::SnsEvent",
        feature: "sns",
        response_type: None,
        sam_event: Some("SNS"),
        sample_event: sample!("sns"),
        aliases: &["SnsEvent", "SnsMessage"],
        patterns: &[
            a("Records", 0.3),
            a("Records[].Sns", 3.5),
            a("Records[].Sns.Message", 0.5),
            a("Records[].Sns.Subject", 0.5),
            a("Records[].Sns.TopicArn", 0.5),
            a("Records[].Sns.MessageAttributes", 0.3),
            a("Records[].Sns.MessageId", 0.2),
            a("Records[].Sns.Timestamp", 0.2),
            a("Records[].EventSource", 0.5),
            a("Records[].EventSubscriptionArn", 1.0),
            a("Records[].EventVersion", 0.2),
            eq("*", "aws:sns", 1.5),
        ],
    },
    EventSource {
        id: "dynamodb",
        display_name: "Amazon DynamoDB stream",
        rust_type: "aws_lambda_events::event::dynamodb::Event",
        feature: "dynamodb",
        response_type: Some("aws_lambda_events::event::streams::DynamoDbEventResponse"),
        sam_event: Some("DynamoDB"),
        sample_event: sample!("dynamodb"),
        aliases: &["DynamodbEvent", "DynamoDBStreamEvent", "DynamodbStream"],
        patterns: &[
            a("Records", 0.3),
            a("Records[].dynamodb", 3.5),
            a("Records[].dynamodb.NewImage", 0.5),
            a("Records[].dynamodb.OldImage", 0.5),
            a("Records[].dynamodb.Keys", 0.5),
            a("Records[].dynamodb.SequenceNumber", 0.2),
            a("Records[].dynamodb.StreamViewType", 0.5),
            a("Records[].dynamodb.ApproximateCreationDateTime", 0.2),
            a("Records[].dynamodb.SizeBytes", 0.2),
            a("Records[].eventName", 0.3),
            a("Records[].eventID", 0.2),
            a("Records[].eventSourceARN", 0.3),
            a("Records[].eventSource", 0.1),
            a("Records[].eventVersion", 0.0),
            a("Records[].awsRegion", 0.1),
            a("Records[].userIdentity", 0.2),
            eq("Records[].eventName", "INSERT", 1.5),
            eq("Records[].eventName", "MODIFY", 1.5),
            eq("Records[].eventName", "REMOVE", 1.5),
            eq("*", "aws:dynamodb", 1.5),
            a("return.batchItemFailures", 1.0),
        ],
    },
    EventSource {
        id: "kinesis",
        display_name: "Amazon Kinesis data stream",
        rust_type: "aws_lambda_events::event::kinesis::KinesisEvent",
        feature: "kinesis",
        response_type: Some("aws_lambda_events::event::streams::KinesisEventResponse"),
        sam_event: Some("Kinesis"),
        sample_event: sample!("kinesis"),
        aliases: &["KinesisEvent", "KinesisStreamEvent"],
        patterns: &[
            a("Records", 0.3),
            a("Records[].kinesis", 3.5),
            a("Records[].kinesis.data", 0.5),
            a("Records[].kinesis.sequenceNumber", 0.5),
            a("Records[].kinesis.partitionKey", 0.5),
            a("Records[].kinesis.approximateArrivalTimestamp", 0.3),
            a("Records[].kinesis.kinesisSchemaVersion", 0.2),
            a("Records[].eventID", 0.2),
            a("Records[].eventSourceARN", 0.3),
            a("Records[].eventName", 0.1),
            a("Records[].eventSource", 0.1),
            a("Records[].eventVersion", 0.0),
            a("Records[].awsRegion", 0.1),
            a("Records[].invokeIdentityArn", 0.5),
            eq("*", "aws:kinesis", 1.5),
            a("return.batchItemFailures", 1.0),
        ],
    },
    EventSource {
        id: "apigw_rest",
        display_name: "API Gateway REST API (proxy, payload v1)",
        rust_type: "aws_lambda_events::event::apigw::ApiGatewayProxyRequest",
        feature: "apigw",
        response_type: Some("aws_lambda_events::event::apigw::ApiGatewayProxyResponse"),
        sam_event: Some("Api"),
        sample_event: sample!("apigw_rest"),
        aliases: &[
            "ApiGatewayProxyRequest",
            "APIGatewayProxyEvent",
            "ApiGateway",
            "apigw",
            "RestApi",
        ],
        patterns: &[
            a("resource", 2.5),
            a("httpMethod", 1.0),
            a("path", 0.8),
            a("pathParameters", 0.5),
            a("queryStringParameters", 0.3),
            a("multiValueQueryStringParameters", 0.8),
            a("multiValueHeaders", 0.5),
            a("headers", 0.1),
            a("body", 0.1),
            a("isBase64Encoded", 0.1),
            a("stageVariables", 0.8),
            a("requestContext.stage", 0.8),
            a("requestContext.identity", 1.5),
            a("requestContext.resourcePath", 2.0),
            a("requestContext.httpMethod", 2.0),
            a("requestContext.resourceId", 2.0),
            a("requestContext.path", 1.0),
            a("requestContext.extendedRequestId", 1.0),
            a("requestContext.requestTimeEpoch", 0.5),
            a("requestContext.requestId", 0.2),
            a("requestContext.authorizer", 0.3),
            a("requestContext.authorizer.claims", 1.0),
            a("requestContext.accountId", 0.1),
            a("requestContext.apiId", 0.5),
            a("requestContext.protocol", 0.3),
            a("requestContext.domainName", 0.2),
            a("requestContext.requestTime", 0.3),
            a("return.statusCode", 0.3),
            a("return.headers", 0.1),
            a("return.body", 0.1),
            a("return.isBase64Encoded", 0.1),
            a("return.multiValueHeaders", 0.5),
        ],
    },
    EventSource {
        id: "apigw_http",
        display_name: "API Gateway HTTP API (payload v2)",
        rust_type: "aws_lambda_events::event::apigw::ApiGatewayV2httpRequest",
        feature: "apigw",
        response_type: Some("aws_lambda_events::event::apigw::ApiGatewayV2httpResponse"),
        sam_event: Some("HttpApi"),
        sample_event: sample!("apigw_http"),
        aliases: &[
            "ApiGatewayV2httpRequest",
            "APIGatewayProxyEventV2",
            "HttpApi",
            "apigw_v2",
            "apigwv2",
        ],
        patterns: &[
            a("version", 0.2),
            a("routeKey", 2.0),
            a("rawPath", 2.5),
            a("rawQueryString", 2.5),
            a("cookies", 2.0),
            a("headers", 0.1),
            a("queryStringParameters", 0.3),
            a("pathParameters", 0.5),
            a("stageVariables", 0.8),
            a("body", 0.1),
            a("isBase64Encoded", 0.1),
            a("requestContext.http", 3.0),
            a("requestContext.routeKey", 1.5),
            a("requestContext.stage", 0.8),
            a("requestContext.authorizer", 0.3),
            a("requestContext.authorizer.jwt", 2.0),
            a("requestContext.authorizer.lambda", 1.0),
            a("requestContext.authorizer.iam", 0.5),
            a("requestContext.domainName", 0.2),
            a("requestContext.domainPrefix", 0.5),
            a("requestContext.requestId", 0.2),
            a("requestContext.apiId", 0.5),
            a("requestContext.accountId", 0.1),
            a("requestContext.time", 0.3),
            a("requestContext.timeEpoch", 0.5),
            a("return.statusCode", 0.3),
            a("return.cookies", 1.5),
            a("return.headers", 0.1),
            a("return.body", 0.1),
            a("return.isBase64Encoded", 0.1),
        ],
    },
    EventSource {
        id: "alb",
        display_name: "Application Load Balancer target",
        rust_type: "aws_lambda_events::event::alb::AlbTargetGroupRequest",
        feature: "alb",
        response_type: Some("aws_lambda_events::event::alb::AlbTargetGroupResponse"),
        sam_event: None,
        sample_event: sample!("alb"),
        aliases: &["AlbTargetGroupRequest", "ALBEvent", "LoadBalancer", "elb"],
        patterns: &[
            a("requestContext.elb", 3.0),
            a("requestContext.elb.targetGroupArn", 0.5),
            a("httpMethod", 1.0),
            a("path", 0.8),
            a("queryStringParameters", 0.3),
            a("multiValueQueryStringParameters", 0.8),
            a("multiValueHeaders", 0.5),
            a("headers", 0.1),
            a("body", 0.1),
            a("isBase64Encoded", 0.1),
            a("return.statusDescription", 2.0),
            a("return.statusCode", 0.3),
            a("return.headers", 0.1),
            a("return.body", 0.1),
            a("return.isBase64Encoded", 0.1),
            a("return.multiValueHeaders", 0.5),
        ],
    },
    EventSource {
        id: "function_url",
        display_name: "Lambda function URL",
        rust_type: "aws_lambda_events::event::lambda_function_urls::LambdaFunctionUrlRequest",
        feature: "lambda_function_urls",
        response_type: Some(
            "aws_lambda_events::event::lambda_function_urls::LambdaFunctionUrlResponse",
        ),
        sam_event: None,
        sample_event: sample!("function_url"),
        aliases: &["LambdaFunctionUrlRequest", "FunctionUrl", "LambdaUrl"],
        // Same payload as an HTTP API, so shared fields weigh a little less than there:
        // without a function-URL-only hint the HTTP API wins and function_url is the
        // runner-up, which is why the corpus pins it with an annotation.
        patterns: &[
            a("version", 0.2),
            a("routeKey", 0.0),
            a("rawPath", 2.0),
            a("rawQueryString", 2.0),
            a("cookies", 1.5),
            a("headers", 0.1),
            a("queryStringParameters", 0.3),
            a("body", 0.1),
            a("isBase64Encoded", 0.1),
            a("requestContext.http", 2.5),
            a("requestContext.routeKey", 0.0),
            a("requestContext.stage", 0.0),
            a("requestContext.authorizer", 0.3),
            a("requestContext.authorizer.iam", 1.0),
            a("requestContext.domainName", 0.2),
            a("requestContext.domainPrefix", 0.5),
            a("requestContext.requestId", 0.2),
            a("requestContext.apiId", 0.3),
            a("requestContext.accountId", 0.1),
            a("requestContext.time", 0.3),
            a("requestContext.timeEpoch", 0.5),
            has("*", "lambda-url", 4.0),
            a("return.statusCode", 0.3),
            a("return.cookies", 1.2),
            a("return.headers", 0.1),
            a("return.body", 0.1),
            a("return.isBase64Encoded", 0.1),
        ],
    },
    EventSource {
        id: "eventbridge",
        display_name: "Amazon EventBridge event",
        rust_type: "aws_lambda_events::event::eventbridge::EventBridgeEvent",
        feature: "eventbridge",
        response_type: None,
        sam_event: Some("EventBridgeRule"),
        sample_event: sample!("eventbridge"),
        aliases: &[
            "EventBridgeEvent",
            "CloudWatchEvent",
            "EventBridge",
            "events",
        ],
        patterns: &[
            a("version", 0.0),
            a("id", 0.3),
            a("detail-type", 2.5),
            a("source", 0.5),
            a("account", 0.3),
            a("time", 0.3),
            a("region", 0.2),
            a("resources", 0.3),
            a("detail", 1.5),
            a("replay-name", 1.0),
            pre("source", "aws.", 1.0),
        ],
    },
    EventSource {
        id: "cloudwatch_scheduled",
        display_name: "EventBridge / CloudWatch Events schedule",
        rust_type: "aws_lambda_events::event::cloudwatch_events::CloudWatchEvent",
        feature: "cloudwatch_events",
        response_type: None,
        sam_event: Some("Schedule"),
        sample_event: sample!("cloudwatch_scheduled"),
        aliases: &["ScheduledEvent", "Schedule", "Scheduled", "cron"],
        patterns: &[
            a("version", 0.0),
            a("id", 0.3),
            a("detail-type", 1.0),
            a("source", 0.5),
            a("account", 0.3),
            a("time", 0.5),
            a("region", 0.2),
            a("resources", 0.5),
            a("detail", 0.2),
            eq("detail-type", "Scheduled Event", 4.0),
            eq("source", "aws.events", 2.0),
        ],
    },
    EventSource {
        id: "cloudwatch_logs",
        display_name: "CloudWatch Logs subscription",
        rust_type: "aws_lambda_events::event::cloudwatch_logs::LogsEvent",
        feature: "cloudwatch_logs",
        response_type: None,
        sam_event: Some("CloudWatchLogs"),
        sample_event: sample!("cloudwatch_logs"),
        aliases: &["LogsEvent", "CloudwatchLogsEvent", "Logs"],
        patterns: &[a("awslogs", 3.0), a("awslogs.data", 1.0)],
    },
    EventSource {
        id: "cognito",
        display_name: "Cognito user pool trigger",
        rust_type: "aws_lambda_events::event::cognito::CognitoEventUserPoolsPreSignup",
        feature: "cognito",
        // Cognito triggers answer with the (mutated) event itself.
        response_type: Some("aws_lambda_events::event::cognito::CognitoEventUserPoolsPreSignup"),
        sam_event: Some("Cognito"),
        sample_event: sample!("cognito"),
        aliases: &[
            "CognitoEventUserPoolsPreSignup",
            "CognitoUserPoolEvent",
            "CognitoEvent",
            "PreSignUpTriggerEvent",
        ],
        patterns: &[
            a("triggerSource", 3.0),
            a("userPoolId", 1.5),
            a("userName", 0.8),
            a("callerContext", 1.5),
            a("version", 0.0),
            a("region", 0.1),
            a("request", 0.3),
            a("request.userAttributes", 2.0),
            a("request.validationData", 1.0),
            a("request.clientMetadata", 0.5),
            a("request.groupConfiguration", 1.0),
            a("response", 0.3),
            a("response.autoConfirmUser", 1.5),
            a("response.autoVerifyEmail", 1.0),
            a("response.autoVerifyPhone", 1.0),
            a("response.claimsOverrideDetails", 1.5),
            pre("triggerSource", "PreSignUp_", 1.0),
            pre("triggerSource", "PostConfirmation_", 1.0),
            pre("triggerSource", "PreAuthentication_", 1.0),
            pre("triggerSource", "PostAuthentication_", 1.0),
            pre("triggerSource", "TokenGeneration_", 1.0),
            pre("triggerSource", "CustomMessage_", 1.0),
            pre("triggerSource", "UserMigration_", 1.0),
        ],
    },
    EventSource {
        id: "ses",
        display_name: "Amazon SES receipt rule",
        rust_type: "aws_lambda_events::event::ses::SimpleEmailEvent",
        feature: "ses",
        response_type: Some("aws_lambda_events::event::ses::SimpleEmailDisposition"),
        sam_event: None,
        sample_event: sample!("ses"),
        aliases: &["SimpleEmailEvent", "SesEvent"],
        patterns: &[
            a("Records", 0.3),
            a("Records[].ses", 3.5),
            a("Records[].ses.mail", 0.5),
            a("Records[].ses.receipt", 0.5),
            a("Records[].eventSource", 0.1),
            a("Records[].eventVersion", 0.0),
            eq("*", "aws:ses", 1.5),
            a("return.disposition", 1.5),
            pre("return.disposition", "STOP_RULE", 1.0),
        ],
    },
    EventSource {
        id: "firehose",
        display_name: "Kinesis Data Firehose transformation",
        rust_type: "aws_lambda_events::event::firehose::KinesisFirehoseEvent",
        feature: "firehose",
        response_type: Some("aws_lambda_events::event::firehose::KinesisFirehoseResponse"),
        sam_event: None,
        sample_event: sample!("firehose"),
        aliases: &["KinesisFirehoseEvent", "FirehoseEvent"],
        patterns: &[
            a("records", 1.0),
            a("records[].recordId", 2.0),
            a("records[].data", 0.5),
            a("records[].approximateArrivalTimestamp", 0.3),
            a("records[].kinesisRecordMetadata", 1.0),
            a("invocationId", 1.0),
            a("deliveryStreamArn", 2.0),
            a("sourceKinesisStreamArn", 1.0),
            a("region", 0.1),
            a("return.records", 0.5),
            a("return.recordId", 1.0),
            eq("return.result", "ProcessingFailed", 1.5),
            eq("return.result", "Dropped", 1.0),
        ],
    },
];

pub fn sources() -> &'static [EventSource] {
    SOURCES
}

pub fn by_id(id: &str) -> Option<&'static EventSource> {
    SOURCES.iter().find(|s| s.id == id)
}

/// Map an `event_type` annotation value to a source: an id, an alias, or an
/// aws_lambda_events type path, optionally with a generic argument
/// (`EventBridgeEvent<OrderEvent>`).
pub fn resolve_annotation(value: &str) -> Option<&'static EventSource> {
    let (base, _) = split_generic(value);
    let base = base.rsplit("::").next().unwrap_or(base);
    let wanted = normalize(base);
    if wanted.is_empty() {
        return None;
    }
    SOURCES
        .iter()
        .find(|s| normalize(s.id) == wanted || s.aliases.iter().any(|al| normalize(al) == wanted))
}

/// `EventBridgeEvent<OrderEvent>` → (`EventBridgeEvent`, Some(`OrderEvent`)).
pub fn split_generic(value: &str) -> (&str, Option<&str>) {
    let value = value.trim();
    match (value.find('<'), value.rfind('>')) {
        (Some(open), Some(close)) if close > open => {
            let inner = value[open + 1..close].trim();
            (value[..open].trim(), (!inner.is_empty()).then_some(inner))
        }
        _ => (value, None),
    }
}

/// Case-, `_`- and `-`-insensitive form, so `APIGatewayProxyRequest`,
/// `ApiGatewayProxyRequest` and `api_gateway_proxy_request` are one name.
fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EV: &str = "aws_lambda_events::event::";

    const REQUIRED: &[&str] = &[
        "s3",
        "sqs",
        "sns",
        "dynamodb",
        "kinesis",
        "apigw_rest",
        "apigw_http",
        "alb",
        "function_url",
        "eventbridge",
        "cloudwatch_scheduled",
        "cloudwatch_logs",
        "cognito",
        "ses",
        "firehose",
    ];

    #[test]
    fn covers_required_ids_with_valid_samples() {
        for id in REQUIRED {
            let s = by_id(id).unwrap_or_else(|| panic!("missing {id}"));
            assert!(s.rust_type.starts_with(EV), "{id}");
            assert!(s.response_type.is_none_or(|r| r.starts_with(EV)), "{id}");
            let v: serde_json::Value =
                serde_json::from_str(s.sample_event).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(v.is_object(), "{id}");
            assert!(!s.patterns.is_empty());
            assert!(s.patterns.iter().all(|p| (0.0..=5.0).contains(&p.weight)));
        }
        let mut ids: Vec<_> = sources().iter().map(|s| s.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), sources().len(), "duplicate ids");
    }

    /// Every non-`return.` access pattern must name a field that exists in the sample
    /// payload or be a documented optional field; catches typos like `Records[].sns`.
    #[test]
    fn access_patterns_start_with_sample_top_level_keys() {
        for s in sources() {
            let v: serde_json::Value = serde_json::from_str(s.sample_event).unwrap();
            for p in s.patterns.iter().filter(|p| p.matcher == Matcher::Access) {
                if p.path.starts_with("return.") {
                    continue;
                }
                let top = p.path.split(['.', '[']).next().unwrap_or("");
                // Optional fields the chosen samples happen to omit.
                let known_optional = [
                    "replay-name",
                    "sourceKinesisStreamArn",
                    "cookies",
                    "multiValueQueryStringParameters",
                    "multiValueHeaders",
                    "stageVariables",
                    "queryStringParameters",
                    "pathParameters",
                    "headers",
                    "body",
                    "isBase64Encoded",
                    "resource",
                    "requestContext",
                    "version",
                    "id",
                    "account",
                    "replay-name",
                ];
                assert!(
                    v.get(top).is_some() || known_optional.contains(&top),
                    "{}: pattern {} not in sample",
                    s.id,
                    p.path
                );
            }
        }
    }

    #[test]
    fn resolves_annotation_spellings() {
        let cases = [
            ("sns", "sns"),
            ("SqsEvent", "sqs"),
            ("SQSEvent", "sqs"),
            ("APIGatewayProxyRequest", "apigw_rest"),
            ("ApiGatewayProxyRequest", "apigw_rest"),
            ("ApiGatewayV2httpRequest", "apigw_http"),
            ("EventBridgeEvent<OrderEvent>", "eventbridge"),
            ("aws_lambda_events::event::s3::S3Event", "s3"),
            ("function_url", "function_url"),
            ("cloudwatch_scheduled", "cloudwatch_scheduled"),
            ("KinesisFirehoseEvent", "firehose"),
            ("DynamoDBStreamEvent", "dynamodb"),
        ];
        for (v, id) in cases {
            assert_eq!(resolve_annotation(v).map(|s| s.id), Some(id), "{v}");
        }
        assert!(resolve_annotation("CarrierPigeon").is_none());
        assert!(resolve_annotation("").is_none());
        assert!(
            resolve_annotation("Event").is_none(),
            "too generic to mean DynamoDB"
        );
        assert!(resolve_annotation("<>").is_none());
    }

    #[test]
    fn generic_split() {
        assert_eq!(
            split_generic("EventBridgeEvent<OrderEvent>"),
            ("EventBridgeEvent", Some("OrderEvent"))
        );
        assert_eq!(split_generic("SqsEvent"), ("SqsEvent", None));
        assert_eq!(split_generic("X<>"), ("X", None));
        assert_eq!(split_generic("X>y<"), ("X>y<", None));
    }
}
