//! The golden case files compiled into a wasm32 test binary and run by wasm-bindgen-test-runner under Node
//! (`make test-wasm`): the same hand-computed values as the host runner, checked inside WASM.
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::wasm_bindgen_test;

const FILES: &[(&str, &str)] = &[
    ("accountability.json", include_str!("cases/accountability.json")),
    ("duties.json", include_str!("cases/duties.json")),
    ("node-smoke-validate.json", include_str!("cases/node-smoke-validate.json")),
    ("node-smoke.json", include_str!("cases/node-smoke.json")),
    ("reform.json", include_str!("cases/reform.json")),
    ("rewards.json", include_str!("cases/rewards.json")),
    ("scoring.json", include_str!("cases/scoring.json")),
    ("table.json", include_str!("cases/table.json")),
    ("validation.json", include_str!("cases/validation.json")),
];

fn fixture(name: &str) -> Option<String> {
    match name {
        "county" => Some(include_str!("cases/fixtures/county.json").to_string()),
        "county-min" => Some(include_str!("cases/fixtures/county-min.json").to_string()),
        "node-smoke-minimal" => Some(include_str!("cases/fixtures/node-smoke-minimal.json").to_string()),
        "policy-default" => Some(include_str!("cases/fixtures/policy-default.json").to_string()),
        _ => None,
    }
}

#[wasm_bindgen_test]
fn golden_cases_in_wasm() {
    let mut count = 0;
    let mut failures = Vec::new();
    for (name, text) in FILES {
        let (n, fails) = common::runner::run_file(text, name, &fixture);
        count += n;
        failures.extend(fails);
    }
    assert!(count >= 3, "no cases found");
    assert!(
        failures.is_empty(),
        "{} of {} cases failed in wasm:\n{}",
        failures.len(),
        count,
        failures.join("\n")
    );
}
