//! The generated deploy files pass the real validators: every event source's `template.yaml`
//! passes `cfn-lint` (with the SAM transform), and the CDK snippets type-check with `tsc`
//! against `aws-cdk-lib` from npm. `scripts/test` installs both (cfn-lint in the cache's
//! venv, the npm packages in `tests/deploy/`); without them this test says so and fails in CI.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use depyler_core::catalog;
use depyler_core::package::{convert, ConvertOptions};
use depyler_tests::cache_dir;

const HANDLER: &str = "def handler(event, context):\n    return {\"ok\": True}\n";

fn generate(out: &Path) -> Vec<String> {
    let mut names = Vec::new();
    let mut sources: Vec<&str> = catalog::sources().iter().map(|s| s.id).collect();
    sources.push("unknown");
    for id in sources {
        let opts = ConvertOptions {
            event_type: Some(id.to_string()),
            package_name: Some(format!("fn-{}", id.replace('_', "-"))),
            ..Default::default()
        };
        let project = convert(HANDLER, &opts).unwrap_or_else(|d| panic!("{id}: {d:?}"));
        fs::write(out.join(format!("{id}.yaml")), project.file("template.yaml").unwrap()).unwrap();
        fs::write(out.join(format!("{id}.ts")), project.file("cdk/handler-stack.ts").unwrap()).unwrap();
        names.push(id.to_string());
    }
    names
}

fn tool_missing(what: &str) -> bool {
    eprintln!("deploy_validators: {what} is not installed (scripts/test installs it)");
    std::env::var_os("CI").is_none()
}

#[test]
fn sam_templates_pass_cfn_lint() {
    let cfn_lint = cache_dir().join("venv/bin/cfn-lint");
    if !cfn_lint.exists() {
        assert!(tool_missing("cfn-lint"), "cfn-lint missing in CI");
        return;
    }
    let dir = tempdir("sam");
    let names = generate(&dir);
    let files: Vec<PathBuf> = names.iter().map(|n| dir.join(format!("{n}.yaml"))).collect();
    let out = Command::new(&cfn_lint).args(["--regions", "us-east-1", "--"]).args(&files).output().expect("cfn-lint runs");
    assert!(
        out.status.success(),
        "cfn-lint found problems:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn cdk_snippets_type_check() {
    let deploy = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy");
    let tsc = deploy.join("node_modules/.bin/tsc");
    if !tsc.exists() || !deploy.join("node_modules/aws-cdk-lib").exists() {
        assert!(tool_missing("tsc + aws-cdk-lib (tests/deploy)"), "tsc/aws-cdk-lib missing in CI");
        return;
    }
    let generated = deploy.join("generated");
    let _ = fs::remove_dir_all(&generated);
    fs::create_dir_all(&generated).unwrap();
    generate(&generated);
    let out = Command::new(&tsc).args(["-p", "tsconfig.json"]).current_dir(&deploy).output().expect("tsc runs");
    assert!(
        out.status.success(),
        "tsc found problems:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("depyler-deploy-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}
