//! Deploy files of a generated project: SAM `template.yaml` (its event source matches the
//! inferred one), `build.sh` (spec 9.2), a CDK snippet and the project README.

use crate::annotations::{Architecture, LambdaAnnotations, LambdaRuntime};
use crate::catalog::EventSource;

fn arch(ann: &LambdaAnnotations) -> (&'static str, &'static str) {
    match ann.architecture {
        Architecture::Arm64 => ("arm64", "ARM_64"),
        Architecture::X86_64 => ("x86_64", "X86_64"),
    }
}

fn runtime(ann: &LambdaAnnotations) -> (&'static str, &'static str) {
    match ann.runtime {
        LambdaRuntime::ProvidedAl2 => ("provided.al2", "PROVIDED_AL2"),
        LambdaRuntime::ProvidedAl2023 => ("provided.al2023", "PROVIDED_AL2023"),
    }
}

/// Resources the event source needs, and the function's `Events:` entry.
fn sam_event(id: &str, ann: &LambdaAnnotations) -> (String, String) {
    let batch = if ann.batch_failure_reporting {
        "\n            FunctionResponseTypes:\n              - ReportBatchItemFailures"
    } else {
        ""
    };
    let (resources, event) = match id {
        "s3" => (
            "  Bucket:\n    Type: AWS::S3::Bucket\n".to_string(),
            "        S3Event:\n          Type: S3\n          Properties:\n            Bucket: !Ref Bucket\n            Events: s3:ObjectCreated:*\n".to_string(),
        ),
        "sqs" => (
            "  Queue:\n    Type: AWS::SQS::Queue\n".to_string(),
            format!("        SqsEvent:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Queue.Arn\n            BatchSize: 10{batch}\n"),
        ),
        "sns" => (
            "  Topic:\n    Type: AWS::SNS::Topic\n".to_string(),
            "        SnsEvent:\n          Type: SNS\n          Properties:\n            Topic: !Ref Topic\n".to_string(),
        ),
        "dynamodb" => (
            "  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n      StreamSpecification:\n        StreamViewType: NEW_AND_OLD_IMAGES\n".to_string(),
            format!("        StreamEvent:\n          Type: DynamoDB\n          Properties:\n            Stream: !GetAtt Table.StreamArn\n            StartingPosition: LATEST{batch}\n"),
        ),
        "kinesis" => (
            "  Stream:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n".to_string(),
            format!("        StreamEvent:\n          Type: Kinesis\n          Properties:\n            Stream: !GetAtt Stream.Arn\n            StartingPosition: LATEST{batch}\n"),
        ),
        "apigw_rest" => (
            String::new(),
            "        ApiEvent:\n          Type: Api\n          Properties:\n            Path: /{proxy+}\n            Method: ANY\n".to_string(),
        ),
        "apigw_http" => (String::new(), "        HttpApiEvent:\n          Type: HttpApi\n".to_string()),
        "eventbridge" => (
            String::new(),
            "        RuleEvent:\n          Type: EventBridgeRule\n          Properties:\n            Pattern:\n              source:\n                - prefix: \"\"\n".to_string(),
        ),
        "cloudwatch_scheduled" => (
            String::new(),
            "        ScheduleEvent:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 day)\n".to_string(),
        ),
        "cloudwatch_logs" => (
            "  LogGroup:\n    Type: AWS::Logs::LogGroup\n".to_string(),
            "        LogsEvent:\n          Type: CloudWatchLogs\n          Properties:\n            LogGroupName: !Ref LogGroup\n            FilterPattern: \"\"\n".to_string(),
        ),
        "cognito" => (
            "  UserPool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      LambdaConfig: {}\n".to_string(),
            "        CognitoEvent:\n          Type: Cognito\n          Properties:\n            UserPool: !Ref UserPool\n            Trigger: PreSignUp\n".to_string(),
        ),
        _ => (String::new(), String::new()),
    };
    (resources, event)
}

pub fn template_yaml(name: &str, source: Option<&EventSource>, ann: &LambdaAnnotations) -> String {
    let (arch, _) = arch(ann);
    let (runtime, _) = runtime(ann);
    let id = source.map(|s| s.id).unwrap_or("unknown");
    let (resources, events) = sam_event(id, ann);
    let tracing = if ann.tracing { "Active" } else { "PassThrough" };
    let url = if id == "function_url" {
        "      FunctionUrlConfig:\n        AuthType: AWS_IAM\n"
    } else {
        ""
    };
    let events = if events.is_empty() {
        let why = match id {
            "alb" => "an ALB target group (AWS::ElasticLoadBalancingV2::TargetGroup with TargetType: lambda)",
            "ses" => "an SES receipt rule (AWS::SES::ReceiptRule with a Lambda action)",
            "firehose" => "a Firehose delivery stream's ProcessingConfiguration",
            "function_url" => "the function URL above",
            _ => "a direct invocation (no event source)",
        };
        format!("      # Invoked by {why}.\n")
    } else {
        format!("      Events:\n{events}")
    };
    format!(
        "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nDescription: {name} (generated by Depyler Lambda)\n\nGlobals:\n  Function:\n    Runtime: {runtime}\n    Architectures:\n      - {arch}\n    MemorySize: {mem}\n    Timeout: {timeout}\n    Tracing: {tracing}\n\nResources:\n{resources}  HandlerFunction:\n    Type: AWS::Serverless::Function\n    Metadata:\n      BuildMethod: rust-cargolambda\n    Properties:\n      CodeUri: .\n      Handler: bootstrap\n      Environment:\n        Variables:\n          RUST_LOG: info\n{url}{events}",
        mem = ann.memory_size,
        timeout = ann.timeout,
    )
}

pub fn build_sh(name: &str, ann: &LambdaAnnotations) -> String {
    let (flag, musl) = match ann.architecture {
        Architecture::Arm64 => ("--arm64", "aarch64-unknown-linux-musl"),
        Architecture::X86_64 => ("--x86-64", "x86_64-unknown-linux-musl"),
    };
    format!(
        "#!/usr/bin/env bash\n# Builds the deployment package with cargo-lambda (the release profile in Cargo.toml\n# carries the size settings: opt-level, LTO, codegen-units, panic, strip).\n#\n#   ./build.sh          a static musl bootstrap ({musl}): no dynamic loader and no\n#                       shared libc pages, so ~60 % less peak memory and a faster cold start\n#                       than the glibc build (measured by Depyler Lambda's scripts/bench)\n#   ./build.sh --glibc  the glibc build, as `cargo lambda build --release {flag}` and\n#                       `sam build` make it\nset -euo pipefail\ncd \"$(dirname \"$0\")\"\nif [ \"${{1:-}}\" = --glibc ]; then\n  cargo lambda build --release {flag} --output-format zip\nelse\n  if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx {musl}; then\n    rustup target add {musl}\n  fi\n  cargo lambda build --release --target {musl} --output-format zip\nfi\nzip=target/lambda/{name}/bootstrap.zip\ncp \"$zip\" {name}.zip\necho \"Lambda package: {name}.zip ($(du -h {name}.zip | cut -f1))\"\n"
    )
}

pub fn cdk_ts(name: &str, ann: &LambdaAnnotations) -> String {
    let (_, arch) = arch(ann);
    let (_, runtime) = runtime(ann);
    let tracing = if ann.tracing {
        "\n      tracing: lambda.Tracing.ACTIVE,"
    } else {
        ""
    };
    format!(
        "// CDK (aws-cdk-lib v2) construct for the function; build first with ./build.sh.\nimport * as cdk from 'aws-cdk-lib';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nimport {{ Construct }} from 'constructs';\n\nexport class HandlerStack extends cdk.Stack {{\n  constructor(scope: Construct, id: string, props?: cdk.StackProps) {{\n    super(scope, id, props);\n    new lambda.Function(this, 'Handler', {{\n      runtime: lambda.Runtime.{runtime},\n      architecture: lambda.Architecture.{arch},\n      handler: 'bootstrap',\n      code: lambda.Code.fromAsset('target/lambda/{name}'),\n      memorySize: {mem},\n      timeout: cdk.Duration.seconds({timeout}),{tracing}\n      environment: {{\n        RUST_LOG: 'info',\n      }},\n    }});\n  }}\n}}\n",
        mem = ann.memory_size,
        timeout = ann.timeout,
    )
}

pub fn readme(name: &str, source: Option<&EventSource>) -> String {
    let event = source
        .map(|s| s.display_name)
        .unwrap_or("a direct invocation (plain JSON)");
    format!(
        "# {name}\n\nGenerated by Depyler Lambda from `handler.py` (kept here for reference). Event source: {event}.\n\n```sh\n./build.sh                                # static musl bootstrap.zip for Graviton (least memory)\ncargo lambda build --release --arm64      # the glibc build (what `sam build` makes)\ncargo lambda watch                        # local emulator\ncargo lambda invoke --data-file events/sample.json\nsam build && sam deploy --guided          # template.yaml\n```\n\n`src/main.rs` is the handler; `src/py/` gives it Python's semantics (same results, same\nexceptions as Lambda errors).\n"
    )
}
