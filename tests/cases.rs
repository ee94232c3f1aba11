//! Host runner for the JSON case files in tests/cases/ (the Node binding tests run the same files through
//! pkg/node, and tests/wasm.rs runs them compiled to wasm32). Each case names a contract-v1 call, its
//! arguments, and what the answer must contain.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use pingan::api;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("cases")
}

fn fixture(name: &str) -> Option<String> {
    std::fs::read_to_string(dir().join("fixtures").join(format!("{}.json", name))).ok()
}

#[test]
fn json_cases() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let (n, fails) = common::runner::run_file(&text, name, &fixture);
        count += n;
        failures.extend(fails);
    }
    assert!(count >= 3, "no cases found");
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), count, failures.join("\n"));
}

#[test]
fn policy_fixture_is_the_embedded_pack() {
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(dir().join("fixtures").join("policy-default.json")).unwrap_or_default(),
    )
    .unwrap_or(Value::Null);
    let embedded: Value = serde_json::from_str(&api::default_policy()).unwrap_or(Value::Null);
    assert!(
        fixture == embedded,
        "tests/cases/fixtures/policy-default.json drifted from src/policy/zhejiang.json"
    );
}
