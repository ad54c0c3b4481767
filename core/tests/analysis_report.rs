//! The analysis report as a whole: JSON shape, diagnostics, handler errors,
//! optimisation hints, robustness.

use depyler_core::{analyze, AnalyzeOptions, Severity};

#[test]
fn json_shape_matches_the_issue() {
    let src = "# @depyler: memory_size = 256\ndef handler(event, context):\n    return event['Records'][0]['s3']['bucket']['name']\n";
    let a = analyze(src, &AnalyzeOptions::default());
    let v = serde_json::to_value(&a).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "handler",
            "event",
            "annotations",
            "diagnostics",
            "optimizations"
        ]
    );
    assert_eq!(v["handler"]["name"], "handler");
    assert_eq!(v["handler"]["line"], 2);
    assert_eq!(v["event"]["source"], "s3");
    assert_eq!(
        v["event"]["rust_type"],
        "aws_lambda_events::event::s3::S3Event"
    );
    assert!(v["event"]["confidence"].as_f64().unwrap() > 0.5);
    assert_eq!(
        v["event"]["evidence"][0]["path"],
        "Records[].s3.bucket.name"
    );
    assert_eq!(v["event"]["evidence"][0]["line"], 3);
    assert!(v["event"]["alternatives"].is_array());
    assert_eq!(v["event"]["from_annotation"], false);
    assert_eq!(v["annotations"]["memory_size"], 256);
    assert_eq!(v["annotations"]["runtime"], "provided.al2023");
    assert_eq!(v["annotations"]["architecture"], "arm64");
    assert!(a.module.is_some(), "parsed module is handed to conversion");
}

#[test]
fn bad_annotation_is_a_warning_and_analysis_continues() {
    let src = "# @depyler: lambda_runtime = python3.12\n# @depyler: timeout = 0\ndef handler(event, context):\n    return event['awslogs']['data']\n";
    let a = analyze(src, &AnalyzeOptions::default());
    assert!(!a.has_errors());
    assert_eq!(a.diagnostics.len(), 2);
    assert!(a
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Warning));
    assert_eq!((a.diagnostics[0].line, a.diagnostics[1].line), (1, 2));
    assert_eq!(a.event.source, "cloudwatch_logs");
    assert_eq!(a.annotations.timeout, 15);
}

#[test]
fn syntax_error_is_an_error_with_position() {
    let a = analyze(
        "def handler(event, context)\n    return 1\n",
        &AnalyzeOptions::default(),
    );
    assert!(a.has_errors());
    let d = &a.diagnostics[0];
    assert_eq!(d.line, 1);
    assert!(d.column > 1);
    assert!(a.handler.is_none() && a.event.source == "unknown");
}

#[test]
fn missing_or_ambiguous_handler_is_an_error() {
    let a = analyze(
        "def a(event, context):\n    pass\ndef b(event, context):\n    pass\n",
        &AnalyzeOptions::default(),
    );
    assert!(a.has_errors());
    assert!(a.diagnostics[0].message.contains("a (line 1), b (line 3)"));
    let ok = analyze(
        "def a(event, context):\n    pass\ndef b(event, context):\n    return event['triggerSource']\n",
        &AnalyzeOptions { handler: Some("b".into()), event_type: None },
    );
    assert!(!ok.has_errors());
    assert_eq!(ok.event.source, "cognito");
}

#[test]
fn optimisation_hints() {
    let src = "# @depyler: cold_start_optimize = false\n# @depyler: architecture = x86_64\n\
               def handler(event, context):\n    return {'batchItemFailures': [r['messageId'] for r in event['Records']]}\n";
    let a = analyze(src, &AnalyzeOptions::default());
    let kinds: Vec<&str> = a.optimizations.iter().map(|o| o.kind.as_str()).collect();
    assert!(kinds.contains(&"cold_start_optimize"), "{kinds:?}");
    assert!(kinds.contains(&"architecture"));
    assert!(kinds.contains(&"batch_failure_reporting"));
    assert!(
        !kinds.contains(&"pre_warm_paths"),
        "pre-warming is part of cold_start_optimize"
    );
}

#[test]
fn never_panics_on_odd_input() {
    let inputs = [
        "",
        "\u{feff}",
        "def handler(event, context):\n    return event[event[event]]\n",
        "def handler(event, context):\n    handler(event, context)\n    return handler(event['x'], 1)\n",
        "def f(x):\n    return g(x['a'])\ndef g(y):\n    return f(y['b'])\ndef handler(event, context):\n    return f(event)\n",
        "def handler(event, context):\n    a, *b = event\n    (c := event['Records'])\n    return [x async for x in c]\n",
        "def handler(*args, **kw):\n    pass\n",
        "def handler():\n    pass\n",
        "class handler:\n    pass\n",
        "lambda_handler = 3\n",
        "def handler(event, context):\n    match event:\n        case {'Records': r}:\n            return r\n",
    ];
    for src in inputs {
        let _ = analyze(src, &AnalyzeOptions::default());
    }
    let deep = format!(
        "def handler(event, context):\n    return {}event{}\n",
        "(".repeat(300),
        ")".repeat(300)
    );
    let a = analyze(&deep, &AnalyzeOptions::default());
    assert!(a.has_errors());
    let long_chain = format!(
        "def handler(event, context):\n    return event{}\n",
        "['k']".repeat(2000)
    );
    let _ = analyze(&long_chain, &AnalyzeOptions::default());
}
