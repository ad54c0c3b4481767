//! The examples menu: one handler per main event source, taken from the corpus so the
//! examples are handlers whose Rust output is checked against CPython in the tests.

pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub source: &'static str,
}

macro_rules! corpus {
    ($case:literal) => {
        include_str!(concat!("../../tests/corpus/", $case, "/handler.py"))
    };
}

pub const EXAMPLES: &[Example] = &[
    Example { id: "sqs", title: "SQS: order processor (batch failures)", source: corpus!("03-sqs-order-processor") },
    Example { id: "s3", title: "S3: thumbnail planner", source: corpus!("01-s3-thumbnail-planner") },
    Example { id: "sns", title: "SNS: alert fan-out", source: corpus!("05-sns-alert-fanout") },
    Example { id: "dynamodb", title: "DynamoDB Streams: inventory", source: corpus!("07-dynamodb-inventory-stream") },
    Example { id: "apigw-rest", title: "API Gateway REST: greeter", source: corpus!("11-apigw-rest-greeter") },
    Example { id: "apigw-http", title: "API Gateway HTTP: todos", source: corpus!("12-apigw-http-todos") },
    Example { id: "eventbridge", title: "EventBridge: order router", source: corpus!("16-eventbridge-order-router") },
    Example { id: "kinesis", title: "Kinesis: clickstream", source: corpus!("09-kinesis-clickstream") },
    Example { id: "scheduled", title: "Scheduled: daily report", source: corpus!("18-scheduled-daily-report") },
];

/// What a first visit (or Reset) shows.
pub fn default_example() -> &'static Example {
    &EXAMPLES[0]
}

pub fn by_id(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example must show its own event source in the playground.
    #[test]
    fn each_example_converts_to_its_source() {
        let expected = [
            ("sqs", "sqs"),
            ("s3", "s3"),
            ("sns", "sns"),
            ("dynamodb", "dynamodb"),
            ("apigw-rest", "apigw_rest"),
            ("apigw-http", "apigw_http"),
            ("eventbridge", "eventbridge"),
            ("kinesis", "kinesis"),
            ("scheduled", "cloudwatch_scheduled"),
        ];
        for (id, source) in expected {
            let ex = by_id(id).unwrap();
            let c = crate::api::convert(ex.source, None);
            assert_eq!(c.analysis.event.source, source, "{id}");
            assert!(c.project.is_ok(), "{id}: {:?}", c.diagnostics);
        }
    }
}
