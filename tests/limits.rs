//! Every documented limit (src/limits.rs, src/exact.rs `MAX_SCALE`, the list bounds of the
//! dossier's shape) tested at the limit — accepted, or at least not refused for that limit — and one past
//! it, refused with its own error code, through the contract-v1 API (`pingan::api`). Then the garbage
//! inputs of issue 2 at the Rust level, and the replay of fuzzer finds kept in tests/regressions/.
#![cfg(not(target_arch = "wasm32"))]

use pingan::api;
use pingan::limits;
use pingan::Engine;
use serde_json::{json, Value};
use std::path::Path;

#[path = "common/limits_dossier.rs"]
mod limits_dossier;

fn engine() -> Engine {
    api::engine(None).unwrap_or_else(|e| panic!("the default engine must load: {}", e))
}

fn county() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/fixtures/county.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap_or_default()).unwrap_or(Value::Null)
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| {
        panic!("answer is not JSON ({}): {}", e, text.chars().take(500).collect::<String>())
    })
}

fn codes(answer: &Value) -> Vec<String> {
    answer["errors"]
        .as_array()
        .map(|es| es.iter().filter_map(|e| e["code"].as_str().map(String::from)).collect())
        .unwrap_or_default()
}

/// ok:false with an error of `code` (at `path`, when given).
#[track_caller]
fn refused(answer: &str, code: &str, path: Option<&str>) {
    let v = parse(answer);
    assert_eq!(
        v["ok"],
        false,
        "expected a refusal with {}: {}",
        code,
        answer.chars().take(600).collect::<String>()
    );
    let hit = v["errors"]
        .as_array()
        .is_some_and(|es| es.iter().any(|e| e["code"] == code && path.map_or(true, |p| e["path"] == p)));
    assert!(
        hit,
        "expected error {} at {:?}, got {}",
        code,
        path,
        v["errors"].to_string().chars().take(600).collect::<String>()
    );
}

/// Not refused for this limit: either ok:true or no error of `code` (and never a panic).
#[track_caller]
fn not_refused_for(answer: &str, code: &str) -> Value {
    let v = parse(answer);
    assert!(v["ok"].is_boolean(), "no ok flag: {}", answer.chars().take(300).collect::<String>());
    assert!(
        !codes(&v).iter().any(|c| c == code),
        "refused with {} at the limit: {}",
        code,
        v["errors"].to_string().chars().take(600).collect::<String>()
    );
    v
}

#[track_caller]
fn accepted(answer: &str) -> Value {
    let v = parse(answer);
    assert_eq!(
        v["ok"],
        true,
        "refused at the limit: {}",
        v["errors"].to_string().chars().take(800).collect::<String>()
    );
    v
}

/// `text` padded with trailing spaces (still the same JSON) to exactly `n` bytes.
fn padded(text: &str, n: usize) -> String {
    assert!(text.len() <= n);
    let mut s = String::with_capacity(n);
    s.push_str(text);
    s.extend(std::iter::repeat(' ').take(n - text.len()));
    s
}

const TOTAL: f64 = 77.07; // county.json scores 77.07 (tests/cases/scoring.json)

// ------------------------------------------------------------------------------------------------
// Input size.

#[test]
fn input_bytes_at_the_limit_and_one_past() {
    let e = engine();
    let c = county().to_string();
    let at = padded(&c, limits::MAX_INPUT_BYTES);
    let past = padded(&c, limits::MAX_INPUT_BYTES + 1);
    let v = accepted(&api::evaluate(&e, Some(&at)));
    assert_eq!(v["assessment"]["total"], json!(TOTAL));
    refused(&api::evaluate(&e, Some(&past)), "input_too_large", Some(""));
    // Every entry point that reads one record applies it.
    accepted(&api::score(&e, Some(&at)));
    refused(&api::score(&e, Some(&past)), "input_too_large", None);
    accepted(&api::validate(&e, Some("dossier"), Some(&at)));
    refused(&api::validate(&e, Some("dossier"), Some(&past)), "input_too_large", None);
    accepted(&api::to_reach(&e, Some(&at), Some("good")));
    refused(&api::to_reach(&e, Some(&past), Some("good")), "input_too_large", None);
    accepted(&api::eligibility(&e, Some(&at), Some("L1"), Some("2026-01-01")));
    refused(&api::eligibility(&e, Some(&past), Some("L1"), Some("2026-01-01")), "input_too_large", None);
    accepted(&api::what_if(&e, Some(&at), Some(&padded("[]", limits::MAX_INPUT_BYTES))));
    refused(&api::what_if(&e, Some(&past), Some("[]")), "input_too_large", None);
    refused(
        &api::what_if(&e, Some(&c), Some(&padded("[]", limits::MAX_INPUT_BYTES + 1))),
        "input_too_large",
        Some("/patch"),
    );
    // Policies too.
    let p = api::default_policy();
    accepted(&api::check_policy(Some(&padded(&p, limits::MAX_INPUT_BYTES))));
    refused(&api::check_policy(Some(&padded(&p, limits::MAX_INPUT_BYTES + 1))), "input_too_large", None);
    assert!(api::engine(Some(Some(&padded(&p, limits::MAX_INPUT_BYTES)))).is_ok());
    let err = api::engine(Some(Some(&padded(&p, limits::MAX_INPUT_BYTES + 1)))).err().unwrap_or_default();
    assert!(err.contains("input_too_large"), "{}", err);
}

#[test]
fn batch_bytes_at_the_limit_and_one_past() {
    let e = engine();
    let batch = format!("[{}]", county());
    let v = accepted(&api::evaluate_many(&e, Some(&padded(&batch, limits::MAX_BATCH_BYTES))));
    assert_eq!(v["results"][0]["assessment"]["total"], json!(TOTAL));
    refused(
        &api::evaluate_many(&e, Some(&padded(&batch, limits::MAX_BATCH_BYTES + 1))),
        "input_too_large",
        Some(""),
    );
}

#[test]
fn batch_count_at_the_limit_and_one_past() {
    let e = engine();
    // Small dossiers (a unit outside the measures, no assessment) keep 10,000 evaluations quick in debug.
    let small =
        json!({ "as_of": "2025-12-31", "year": 2025, "unit": { "id": "U", "kind": "other" } }).to_string();
    let batch = |n: usize| format!("[{}]", vec![small.as_str(); n].join(","));
    let v = accepted(&api::evaluate_many(&e, Some(&batch(limits::MAX_BATCH))));
    assert_eq!(v["results"].as_array().map(Vec::len), Some(limits::MAX_BATCH));
    assert!(v["results"].as_array().is_some_and(|r| r.iter().all(|x| x["ok"] == true)));
    refused(&api::evaluate_many(&e, Some(&batch(limits::MAX_BATCH + 1))), "too_many", Some(""));
}

// ------------------------------------------------------------------------------------------------
// Nesting depth.

fn nested_arrays(n: usize) -> String {
    format!("{}{}", "[".repeat(n), "]".repeat(n))
}

/// A dossier whose deepest value is `depth` levels down (the dossier object itself is level 1).
fn dossier_at_depth(depth: usize) -> String {
    let mut d = county();
    d["extra"] = json!(null);
    let text = d.to_string();
    text.replacen("\"extra\":null", &format!("\"extra\":{}", nested_arrays(depth - 1)), 1)
}

#[test]
fn depth_at_the_limit_and_one_past() {
    let e = engine();
    let at = dossier_at_depth(limits::MAX_DEPTH);
    let past = dossier_at_depth(limits::MAX_DEPTH + 1);
    let v = accepted(&api::evaluate(&e, Some(&at)));
    assert_eq!(v["assessment"]["total"], json!(TOTAL));
    assert!(v["warnings"]
        .as_array()
        .is_some_and(|w| w.iter().any(|i| i["code"] == "unknown_field" && i["path"] == "/extra")));
    refused(&api::evaluate(&e, Some(&past)), "too_deep", Some(""));
    refused(&api::validate(&e, Some("dossier"), Some(&past)), "too_deep", None);
    refused(&api::score(&e, Some(&past)), "too_deep", None);
    // Bare values, objects and patches.
    not_refused_for(&api::evaluate(&e, Some(&nested_arrays(limits::MAX_DEPTH))), "too_deep");
    refused(&api::evaluate(&e, Some(&nested_arrays(limits::MAX_DEPTH + 1))), "too_deep", None);
    let objects = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    not_refused_for(&api::evaluate(&e, Some(&objects(limits::MAX_DEPTH))), "too_deep");
    refused(&api::evaluate(&e, Some(&objects(limits::MAX_DEPTH + 1))), "too_deep", None);
    let c = county().to_string();
    let patch =
        |n: usize| format!("[{{\"op\":\"add\",\"path\":\"/extra\",\"value\":{}}}]", nested_arrays(n - 2));
    accepted(&api::what_if(&e, Some(&c), Some(&patch(limits::MAX_DEPTH))));
    refused(&api::what_if(&e, Some(&c), Some(&patch(limits::MAX_DEPTH + 1))), "too_deep", Some("/patch"));
    // Brackets inside strings are not nesting.
    let mut d = county();
    d["unit"]["name"] = json!("[".repeat(500));
    accepted(&api::evaluate(&e, Some(&d.to_string())));
}

// ------------------------------------------------------------------------------------------------
// List lengths.

fn item(list: &str, i: usize) -> Value {
    let day = format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
    match list {
        "activities" => json!({ "id": format!("X{}", i), "type": "other", "date": day }),
        "letters" => {
            json!({ "id": format!("X{}", i), "year": 2025, "superior": "330100", "subordinate": "330106", "date": day })
        }
        "incidents" => {
            json!({ "id": format!("X{}", i), "date": day, "category": "criminal_case", "severity": "general" })
        }
        "inspections" => {
            json!({ "id": format!("X{}", i), "date": day, "finding": "issue", "rectified": true })
        }
        "hotspots" => json!({ "id": format!("X{}", i), "date": day, "public_concern": "low" }),
        "referrals" => json!({ "id": format!("X{}", i), "date": day }),
        "rectifications" => json!({ "case": "25.4/2025", "accepted_on": day }),
        "circumstances" => json!({ "case": "25.4/2025", "kind": "mitigating", "what": "cooperation" }),
        "leaders" => json!({ "id": format!("X{}", i), "role": "member", "domains": ["d"] }),
        "localities" => json!({ "id": format!("X{}", i), "level": "township", "parent": "330106" }),
        _ => Value::Null,
    }
}

fn with_list(list: &str, n: usize) -> String {
    let mut d = county();
    let mut items: Vec<Value> = match list {
        "leaders" | "localities" => d[list].as_array().cloned().unwrap_or_default(),
        _ => Vec::new(),
    };
    let have = items.len();
    items.extend((0..n.saturating_sub(have)).map(|i| item(list, i)));
    d[list] = Value::Array(items);
    d.to_string()
}

#[test]
fn every_dossier_list_at_its_limit_and_one_past() {
    let e = engine();
    let lists: &[(&str, usize)] = &[
        ("activities", limits::MAX_LIST),
        ("letters", limits::MAX_LIST),
        ("incidents", limits::MAX_LIST),
        ("inspections", limits::MAX_LIST),
        ("hotspots", limits::MAX_LIST),
        ("referrals", limits::MAX_LIST),
        ("rectifications", limits::MAX_LIST),
        ("circumstances", limits::MAX_LIST),
        ("leaders", 1_000),
        ("localities", 1_000),
    ];
    for (list, max) in lists {
        let at = with_list(list, *max);
        assert!(at.len() <= limits::MAX_INPUT_BYTES, "{} at its limit is {} bytes", list, at.len());
        let v = parse(&api::validate(&e, Some("dossier"), Some(&at)));
        assert_eq!(
            v["ok"],
            true,
            "{} with {} items refused: {}",
            list,
            max,
            v["errors"].to_string().chars().take(600).collect::<String>()
        );
        refused(
            &api::validate(&e, Some("dossier"), Some(&with_list(list, max + 1))),
            "too_many",
            Some(&format!("/{}", list)),
        );
        refused(&api::evaluate(&e, Some(&with_list(list, max + 1))), "too_many", Some(&format!("/{}", list)));
    }
}

#[test]
fn a_full_list_is_evaluated_not_only_validated() {
    // The heaviest realistic full list: 5,000 inspection findings (each a deduction line, capped).
    let e = engine();
    let v = accepted(&api::evaluate(&e, Some(&with_list("inspections", limits::MAX_LIST))));
    assert_eq!(v["assessment"]["deductions"].as_f64(), Some(30.0));
    assert_eq!(
        v["assessment"]["lines"].as_array().map(|l| l.iter().filter(|x| x["kind"] == "deduction").count()),
        Some(limits::MAX_LIST + 1)
    );
    // 5,000 referrals: 5,000 cases replayed.
    let v = accepted(&api::evaluate(&e, Some(&with_list("referrals", limits::MAX_LIST))));
    let referral_cases =
        v["accountability"]["cases"].as_array().map(|c| c.iter().filter(|x| x["clause"] == "25.6").count());
    assert_eq!(referral_cases, Some(limits::MAX_LIST));
}

#[test]
fn nested_lists_at_their_limits_and_one_past() {
    let e = engine();
    let cases: &[(&str, usize, Value)] = &[
        ("/assessment/bonus", 100, json!({ "id": "B", "item": "x", "points": 0.5 })),
        ("/leaders/3/domains", 100, json!("d")),
        ("/leading_group/deputies", 100, json!("L2")),
        ("/letters/0/signed_by/subordinate", 20, json!("L1")),
        ("/letters/0/targets", 200, json!({ "metric": "m", "target": 1 })),
        ("/history/assessments", 300, json!({ "year": 2020, "grade": "good" })),
        ("/history/advanced_unit_cycles", 300, json!(2019)),
        ("/history/merits", 300, json!({ "cycle": 2019, "award": "commendation" })),
        ("/history/pingan_named", 300, json!(2020)),
    ];
    for (path, max, x) in cases {
        let build = |n: usize| {
            let mut d = county();
            let items: Vec<Value> = (0..n)
                .map(|i| {
                    let mut v = x.clone();
                    if v.get("id").is_some() {
                        v["id"] = json!(format!("B{}", i));
                    }
                    v
                })
                .collect();
            if let Some(slot) = d.pointer_mut(path) {
                *slot = Value::Array(items);
            } else if let Some((parent, last)) = path.rsplit_once('/') {
                if let Some(Value::Object(m)) = d.pointer_mut(parent) {
                    m.insert(last.to_string(), Value::Array(items));
                }
            }
            d.to_string()
        };
        not_refused_for(&api::validate(&e, Some("dossier"), Some(&build(*max))), "too_many");
        refused(&api::validate(&e, Some("dossier"), Some(&build(max + 1))), "too_many", Some(path));
    }
    // Keys of the indicator and process maps (200).
    for section in ["indicators", "process"] {
        let build = |n: usize| {
            let mut d = county();
            let m = d["assessment"][section].as_object_mut().map(|m| {
                let have = m.len();
                for i in 0..n - have {
                    m.insert(format!("k{}", i), if section == "indicators" { json!(1) } else { json!("A") });
                }
                m.len()
            });
            assert_eq!(m, Some(n));
            d.to_string()
        };
        not_refused_for(&api::validate(&e, Some("dossier"), Some(&build(200))), "too_many");
        refused(
            &api::validate(&e, Some("dossier"), Some(&build(201))),
            "too_many",
            Some(&format!("/assessment/{}", section)),
        );
    }
}

#[test]
fn patch_ops_at_the_limit_and_one_past() {
    let e = engine();
    let c = county().to_string();
    let ops = |n: usize| format!("[{}]", vec![r#"{"op":"test","path":"/year","value":2025}"#; n].join(","));
    let v = accepted(&api::what_if(&e, Some(&c), Some(&ops(limits::MAX_PATCH_OPS))));
    assert_eq!(v["changes"], json!([]));
    refused(&api::what_if(&e, Some(&c), Some(&ops(limits::MAX_PATCH_OPS + 1))), "too_many", Some("/patch"));
}

// ------------------------------------------------------------------------------------------------
// Text and id lengths (characters, not bytes).

#[test]
fn text_length_at_the_limit_and_one_past() {
    let e = engine();
    for ch in ["a", "西"] {
        for (path, max) in [
            ("/unit/name", limits::MAX_TEXT),
            ("/leaders/0/post", limits::MAX_TEXT),
            ("/referrals/0/reason", limits::MAX_TEXT),
        ] {
            let build = |n: usize| {
                let mut d = county();
                d["referrals"] = json!([{ "id": "F1", "date": "2025-08-01", "reason": "r" }]);
                if let Some(slot) = d.pointer_mut(path) {
                    *slot = json!(ch.repeat(n));
                }
                d.to_string()
            };
            accepted(&api::evaluate(&e, Some(&build(max))));
            refused(&api::evaluate(&e, Some(&build(max + 1))), "too_long", Some(path));
        }
    }
}

#[test]
fn id_length_at_the_limit_and_one_past() {
    let e = engine();
    for ch in ["a", "西"] {
        let build = |n: usize| {
            let mut d = county();
            let id = ch.repeat(n);
            d["incidents"] =
                json!([{ "id": id, "date": "2025-04-03", "category": "public_safety", "severity": "major" }]);
            d["leaders"][3]["id"] = json!(id);
            d["activities"][17]["by"] = json!(id);
            d["activities"][19]["by"] = json!(id);
            d.to_string()
        };
        let v = accepted(&api::evaluate(&e, Some(&build(limits::MAX_ID))));
        // The case id carries the incident id whole.
        assert_eq!(
            v["accountability"]["cases"][0]["id"],
            json!(format!("25.3/{}", ch.repeat(limits::MAX_ID)))
        );
        let v = parse(&api::evaluate(&e, Some(&build(limits::MAX_ID + 1))));
        refused(&v.to_string(), "too_long", Some("/incidents/0/id"));
        refused(&v.to_string(), "too_long", Some("/leaders/3/id"));
        refused(&v.to_string(), "too_long", Some("/activities/17/by"));
    }
    // Map keys are ids too.
    let mut d = county();
    d["assessment"]["indicators"]["k".repeat(limits::MAX_ID)] = json!(1);
    not_refused_for(&api::validate(&e, Some("dossier"), Some(&d.to_string())), "too_long");
    d["assessment"]["indicators"]["k".repeat(limits::MAX_ID + 1)] = json!(1);
    refused(&api::validate(&e, Some("dossier"), Some(&d.to_string())), "too_long", None);
}

// ------------------------------------------------------------------------------------------------
// Numbers: decimal places, magnitude, years.

#[test]
fn decimals_at_the_limit_and_one_past() {
    let e = engine();
    assert_eq!(pingan::exact::MAX_SCALE, 9);
    let build =
        |x: &str| county().to_string().replace("\"satisfaction\":93.7", &format!("\"satisfaction\":{}", x));
    assert!(build("1").contains("\"satisfaction\":1"));
    let v = accepted(&api::evaluate(&e, Some(&build("93.123456789"))));
    assert_eq!(v["assessment"]["lines"][0]["input"], json!(93.123456789));
    refused(
        &api::evaluate(&e, Some(&build("93.1234567891"))),
        "too_many_decimals",
        Some("/assessment/indicators/satisfaction"),
    );
    // Trailing zeros are not places.
    accepted(&api::evaluate(&e, Some(&build("93.1234567890"))));
    // A binary-float artefact (0.1 + 0.2) is refused, not silently rounded.
    refused(&api::evaluate(&e, Some(&build("0.30000000000000004"))), "too_many_decimals", None);
    // Bonus points take two decimals.
    let bonus = |x: &str| county().to_string().replace("\"points\":1.5", &format!("\"points\":{}", x));
    accepted(&api::evaluate(&e, Some(&bonus("1.25"))));
    refused(
        &api::evaluate(&e, Some(&bonus("1.255"))),
        "too_many_decimals",
        Some("/assessment/bonus/1/points"),
    );
    // toReach and whatIf answer at nine places too.
    accepted(&api::to_reach(&e, Some(&build("93.123456789")), Some("excellent")));
    accepted(&api::what_if(
        &e,
        Some(&county().to_string()),
        Some(r#"[{"op":"replace","path":"/assessment/indicators/satisfaction","value":95.123456789}]"#),
    ));
    refused(
        &api::what_if(
            &e,
            Some(&county().to_string()),
            Some(r#"[{"op":"replace","path":"/assessment/indicators/satisfaction","value":95.1234567891}]"#),
        ),
        "too_many_decimals",
        None,
    );
}

#[test]
fn magnitudes_at_the_limit_and_one_past() {
    let e = engine();
    let build =
        |x: &str| county().to_string().replace("\"satisfaction\":93.7", &format!("\"satisfaction\":{}", x));
    for x in ["1000000000", "-1000000000", "999999999.999999999"] {
        let v = accepted(&api::evaluate(&e, Some(&build(x))));
        assert!(v["assessment"]["total"].is_number());
    }
    for x in ["1000000001", "-1000000001", "1e15", "1e300", "-1e300", "1.5e20"] {
        refused(
            &api::evaluate(&e, Some(&build(x))),
            "out_of_range",
            Some("/assessment/indicators/satisfaction"),
        );
    }
    // Bonus items: 0 ≤ points ≤ 100 by shape, then the policy's item range.
    let bonus = |x: &str| county().to_string().replace("\"points\":1.5", &format!("\"points\":{}", x));
    refused(&api::evaluate(&e, Some(&bonus("100.01"))), "out_of_range", Some("/assessment/bonus/1/points"));
    refused(&api::evaluate(&e, Some(&bonus("-0.01"))), "out_of_range", Some("/assessment/bonus/1/points"));
}

/// Reported to the lead: a huge number whose shortest form has a long mantissa (f64::MAX prints as
/// 1.7976931348623157e308) is refused as `too_many_decimals` (the mantissa's 16 places are counted
/// before the exponent is applied) where `out_of_range` is meant. Un-ignore once src/exact.rs is fixed.
#[test]

fn huge_numbers_with_long_mantissas_are_out_of_range() {
    let e = engine();
    let build =
        |x: &str| county().to_string().replace("\"satisfaction\":93.7", &format!("\"satisfaction\":{}", x));
    for x in ["-1.7976931348623157e308", "1.7976931348623157e308", "1.2345678901e20"] {
        refused(
            &api::evaluate(&e, Some(&build(x))),
            "out_of_range",
            Some("/assessment/indicators/satisfaction"),
        );
    }
}

#[test]
fn years_at_the_limit_and_one_past() {
    let e = engine();
    let (min, max) = (pingan::date::MIN_YEAR, pingan::date::MAX_YEAR);
    let d = |y: i32| {
        json!({ "as_of": format!("{}-12-31", y), "year": y, "unit": { "id": "U", "kind": "other" } })
            .to_string()
    };
    accepted(&api::evaluate(&e, Some(&d(min))));
    accepted(&api::evaluate(&e, Some(&d(max))));
    refused(&api::evaluate(&e, Some(&d(max + 1))), "bad_date", Some("/as_of"));
    refused(&api::evaluate(&e, Some(&d(max + 1))), "out_of_range", Some("/year"));
    refused(&api::evaluate(&e, Some(&d(min - 1))), "out_of_range", Some("/year"));
    // A replay that runs past the last year still answers: a veto on 2200-12-31 bars into 2201.
    let mut c = county();
    c["as_of"] = json!("2200-12-31");
    c["year"] = json!(2200);
    c["assessment"] = Value::Null;
    c["incidents"] = json!([{ "id": "I1", "date": "2200-12-31", "category": "public_safety", "severity": "especially_major" }]);
    let text = c.to_string().replace("\"assessment\":null,", "");
    let v = accepted(&api::evaluate(&e, Some(&text)));
    assert!(v["accountability"]["bars"]
        .as_array()
        .is_some_and(|b| b.iter().any(|x| x["until"] == "2201-12-31")));
}

// ------------------------------------------------------------------------------------------------
// Garbage in (issue 2), at the Rust level: refused with errors, and the same engine goes on answering.

#[test]
fn garbage_is_refused_and_the_engine_keeps_answering() {
    let e = engine();
    let good = county().to_string();
    let deep = nested_arrays(5_000);
    let huge = format!("\"{}\"", "x".repeat(10 * 1024 * 1024));
    let garbage: Vec<(&str, Option<&str>, &str)> = vec![
        ("null", Some("null"), ""),
        ("a number", Some("42"), ""),
        ("a string", Some("\"x\""), ""),
        ("an array", Some("[]"), ""),
        ("an empty object", Some("{}"), "required"),
        ("5,000-deep nesting", Some(deep.as_str()), "too_deep"),
        ("a 10 MB string", Some(huge.as_str()), "input_too_large"),
        ("invalid JSON", Some("{\"as_of\": "), "not_json"),
        ("a trailing comma", Some("{\"a\":1,}"), "not_json"),
        ("empty text", Some(""), "not_json"),
        ("NaN", Some("NaN"), "not_json"),
        ("Infinity", Some("Infinity"), "not_json"),
        ("-Infinity", Some("-Infinity"), "not_json"),
        ("1e999", Some("1e999"), "not_json"),
        ("undefined", Some("undefined"), "not_json"),
        ("a lone surrogate escape (issue 12: reported at its field)", Some("\"\\ud800\""), "lone_surrogate"),
        ("no value at all (undefined / a cycle / a BigInt in JS)", None, "not_json"),
    ];
    for (what, text, code) in &garbage {
        for (name, out) in [
            ("evaluate", api::evaluate(&e, *text)),
            ("score", api::score(&e, *text)),
            ("validate", api::validate(&e, Some("dossier"), *text)),
            ("toReach", api::to_reach(&e, *text, Some("good"))),
            ("eligibility", api::eligibility(&e, *text, Some("L1"), Some("2026-01-01"))),
            ("whatIf", api::what_if(&e, *text, Some("[]"))),
            ("whatIf patch", api::what_if(&e, Some(&good), *text)),
            ("checkPolicy", api::check_policy(*text)),
            ("evaluateMany", api::evaluate_many(&e, *text)),
        ] {
            let v = parse(&out);
            // evaluateMany accepts an empty array; whatIf accepts the empty patch "[]".
            let fine_here = (*text == Some("[]")) && (name == "evaluateMany" || name == "whatIf patch");
            if fine_here {
                continue;
            }
            assert_eq!(v["ok"], false, "{} on {}: {}", name, what, out.chars().take(300).collect::<String>());
            let errs = v["errors"].as_array().cloned().unwrap_or_default();
            assert!(!errs.is_empty(), "{} on {}: no errors", name, what);
            // The record-level code only where the text is read as a dossier; parse-level codes everywhere.
            let parse_level = matches!(*code, "too_deep" | "input_too_large" | "not_json");
            // (A 10 MB text is within evaluateMany's 64 MiB batch limit.)
            let batch_fits = name == "evaluateMany" && *code == "input_too_large";
            if !code.is_empty()
                && !batch_fits
                && (parse_level || !matches!(name, "checkPolicy" | "evaluateMany" | "whatIf patch"))
            {
                assert!(
                    codes(&v).iter().any(|c| c == code),
                    "{} on {}: expected {}, got {:?}",
                    name,
                    what,
                    code,
                    codes(&v)
                );
            }
        }
        assert!(api::engine(Some(*text)).is_err(), "engine() accepted {}", what);
        // The same engine answers a valid dossier correctly afterwards.
        let v = accepted(&api::evaluate(&e, Some(&good)));
        assert_eq!(v["assessment"]["total"], json!(TOTAL), "after {}", what);
    }
    // And byte for byte as a fresh engine does.
    assert_eq!(api::evaluate(&e, Some(&good)), api::evaluate(&engine(), Some(&good)));
}

#[test]
fn unknown_kinds_grades_subjects_and_dates_are_refused() {
    let e = engine();
    let good = county().to_string();
    refused(&api::validate(&e, Some("nope"), Some(&good)), "unknown_kind", None);
    refused(&api::validate(&e, None, Some(&good)), "unknown_kind", None);
    refused(&api::to_reach(&e, Some(&good), Some("best")), "unknown_grade", None);
    refused(&api::to_reach(&e, Some(&good), None), "unknown_grade", None);
    refused(&api::eligibility(&e, Some(&good), Some("nobody"), Some("2026-01-01")), "unknown_subject", None);
    refused(&api::eligibility(&e, Some(&good), Some("L1"), Some("2026-02-30")), "bad_date", None);
    refused(&api::eligibility(&e, Some(&good), Some("L1"), None), "bad_date", None);
    let v = parse(&api::schema(Some("nope")));
    assert!(v.is_array() || v.get("errors").is_some() || v.get("code").is_some() || v.is_object(), "{}", v);
    accepted(&api::evaluate(&e, Some(&good)));
}

// ------------------------------------------------------------------------------------------------
// Fuzzer finds: every file in tests/regressions/ is replayed (scripts/fuzz.sh writes them).
//
// Format: { "target": "evaluate" | "policy" | "what_if" | "validate", "input": "<text>" } or, for an
// input that is not valid UTF-8, "input_base64". The replay feeds the input exactly as the fuzz
// target does (fuzz/src/lib.rs documents the splitting) and requires a JSON answer.

#[test]
fn fuzz_regressions_replay() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|x| x.ok().map(|x| x.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files.sort();
    let e = engine();
    for f in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap_or_default())
            .unwrap_or_else(|x| panic!("{}: {}", f.display(), x));
        let bytes: Vec<u8> = match (case["input"].as_str(), case["input_base64"].as_str()) {
            (Some(s), _) => s.as_bytes().to_vec(),
            (None, Some(b)) => base64(b),
            _ => panic!("{}: no input", f.display()),
        };
        let target = case["target"].as_str().unwrap_or("");
        for out in replay(&e, target, &bytes) {
            let v = parse(&out);
            assert!(
                v["ok"].is_boolean() || v.get("type").is_some(),
                "{}: {}",
                f.display(),
                out.chars().take(300).collect::<String>()
            );
        }
        // The engine is still sound afterwards.
        let v = accepted(&api::evaluate(&e, Some(&county().to_string())));
        assert_eq!(v["assessment"]["total"], json!(TOTAL), "{}", f.display());
    }
    eprintln!("replayed {} fuzz regression(s) from tests/regressions/", files.len());
}

/// The fuzz targets' input handling, duplicated here so a regression replays without cargo-fuzz
/// (keep in step with fuzz/fuzz_targets/*.rs).
fn replay(e: &Engine, target: &str, bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    match target {
        "evaluate" => vec![
            api::evaluate(e, Some(&text)),
            api::score(e, Some(&text)),
            api::to_reach(e, Some(&text), Some("excellent")),
        ],
        "policy" => {
            let mut out = vec![api::check_policy(Some(&text))];
            if let Ok(x) = api::engine(Some(Some(&text))) {
                out.push(api::evaluate(&x, Some(&county().to_string())));
            }
            out
        }
        "what_if" => {
            let (d, p) = text.split_once('\u{1e}').unwrap_or((&text, "[]"));
            vec![api::what_if(e, Some(d), Some(p))]
        }
        "validate" => {
            let kinds = ["dossier", "unit", "leader", "incident", "letter", "assessment", "policy"];
            let (k, rest) = bytes.split_first().map(|(k, r)| (*k as usize, r)).unwrap_or((0, &[]));
            let rest = String::from_utf8_lossy(rest).into_owned();
            vec![api::validate(e, Some(kinds[k % kinds.len()]), Some(&rest))]
        }
        // The dossier the `limits` target builds from these bytes (tests/common/limits_dossier.rs, shared
        // with fuzz/src/lib.rs), evaluated within the time bound: limits-timeout-bc3e0ba044bb (1,000
        // leaders, thousands of cases each targeting every principal) took ~30 s before issue 12's shared
        // target lists; now it answers `answer_too_large` from the answer's lower bound.
        "limits" => {
            let mut b = limits_dossier::Bytes(bytes);
            let fixture = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/fixtures/county-min.json"),
            )
            .unwrap_or_default();
            let (d, _) =
                limits_dossier::limits_dossier(&fixture, limits::MAX_LIST, &mut |m| b.int_in_range(m));
            let text = d.to_string();
            if text.len() > limits::MAX_INPUT_BYTES {
                return Vec::new();
            }
            pingan::internals::work::take();
            let t0 = std::time::Instant::now();
            let out = api::evaluate(e, Some(&text));
            let (took, steps) = (t0.elapsed(), pingan::internals::work::take());
            assert!(out.len() <= limits::MAX_ANSWER_BYTES, "the answer passes the ceiling");
            // The work bound (machine-independent) and a loose clock: it took ~30 s in release before.
            let wbound = pingan::internals::work::STEPS_PER_INPUT_BYTE * text.len() as u64
                + pingan::internals::work::STEPS_BASE;
            assert!(steps <= wbound, "limits replay: {} steps > {}", steps, wbound);
            let secs = if cfg!(debug_assertions) { 60.0 } else { 10.0 };
            assert!(took.as_secs_f64() < secs, "limits replay took {:?}", took);
            vec![out]
        }
        // The structure-aware `what_if_ops` builds its patch with the fuzz crate (fuzz/src/lib.rs); replay
        // it with `cargo +nightly fuzz run what_if_ops <file>`.
        "what_if_ops" => Vec::new(),
        other => panic!("unknown fuzz target {}", other),
    }
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes().filter_map(val) {
        acc = (acc << 6) | c;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------
// Issue 12: every limit holds on every document the engine works on; bounded answers; small breaks.

fn county_min() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/fixtures/county-min.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap_or_default()).unwrap_or(Value::Null)
}

fn what_if(e: &Engine, d: &Value, patch: &Value) -> String {
    api::what_if(e, Some(&d.to_string()), Some(&patch.to_string()))
}

#[test]
fn a_patch_cannot_nest_past_the_depth_limit() {
    // Each copy puts /x into its own innermost object: depth 2^(k+1) after op k (issue 12's reproducer).
    let e = engine();
    let mut d = county_min();
    d["x"] = json!({});
    let ops: Vec<Value> =
        (0..12).map(|k| json!({"op": "copy", "from": "/x", "path": "/x".repeat((1 << k) + 1)})).collect();
    // Op 4 would put a 16-deep object under 17 segments: 33 > 32.
    refused(&what_if(&e, &d, &json!(ops)), "too_deep", Some("/patch/4"));
    // Four ops stay at depth 17: the patched dossier evaluates.
    let first4: Vec<Value> = ops.iter().take(4).cloned().collect();
    accepted(&what_if(&e, &d, &json!(first4)));
    // Depth by `add` and `replace` of a deep value is checked the same way (a patch's own text may nest
    // a value 30 deep: the patch array and the op object take two levels of the input limit).
    d["x"] = json!({"y": {"z": {}}});
    let nest = |n: usize| (0..n).fold(json!(1), |v, _| json!([v]));
    refused(
        &what_if(&e, &d, &json!([{"op": "add", "path": "/x/y/z/w", "value": nest(29)}])),
        "too_deep",
        Some("/patch/0"),
    );
    refused(
        &what_if(&e, &d, &json!([{"op": "replace", "path": "/x/y/z", "value": nest(30)}])),
        "too_deep",
        Some("/patch/0"),
    );
    accepted(&what_if(&e, &d, &json!([{"op": "replace", "path": "/x/y/z", "value": nest(29)}])));
    accepted(&what_if(&e, &d, &json!([{"op": "add", "path": "/x/y/z/w", "value": nest(28)}])));
}

#[test]
fn a_patch_cannot_grow_the_dossier_past_the_size_limit() {
    let e = engine();
    let mut d = county_min();
    d["junk"] = json!("a".repeat(3_900_000));
    let ops: Vec<Value> =
        (0..11).map(|n| json!({"op": "copy", "from": "", "path": format!("/c{}", n)})).collect();
    refused(&what_if(&e, &d, &json!(ops)), "input_too_large", Some("/patch/0"));
    // A 1 MiB field copied until it passes 4 MiB: the dossier and two copies fit, the third does not.
    let mut d = county_min();
    d["junk"] = json!("a".repeat(1 << 20));
    let ops: Vec<Value> =
        (0..4).map(|n| json!({"op": "copy", "from": "/junk", "path": format!("/c{}", n)})).collect();
    refused(&what_if(&e, &d, &json!(ops)), "input_too_large", Some("/patch/2"));
    // Copy, remove, copy again: the work budget (limits::MAX_PATCH_WORK) ends the loop.
    let mut ops = Vec::new();
    for _ in 0..500 {
        ops.push(json!({"op": "copy", "from": "/junk", "path": "/c"}));
        ops.push(json!({"op": "remove", "path": "/c"}));
    }
    let v = parse(&what_if(&e, &d, &json!(ops)));
    assert_eq!(codes(&v), vec!["input_too_large"]);
    let at = v["errors"][0]["path"].as_str().unwrap_or("");
    let k: usize = at.trim_start_matches("/patch/").parse().unwrap_or(usize::MAX);
    // Each copy and each remove measures 1 MiB: the budget of 32 MiB is spent at op 31.
    assert_eq!(k, (limits::MAX_PATCH_WORK >> 20) - 1, "{}", at);
}

#[test]
fn a_patch_cannot_pass_a_list_limit() {
    let e = engine();
    let mut d = county_min();
    let leaders: Vec<Value> =
        (0..1000).map(|i| json!({"id": format!("P{}", i), "role": "member", "domains": ["x"]})).collect();
    d["leaders"] = json!(leaders);
    refused(
        &what_if(&e, &d, &json!([{"op": "copy", "from": "/leaders/0", "path": "/leaders/-"}])),
        "too_many",
        Some("/patch/0"),
    );
    let mut d = county_min();
    let acts: Vec<Value> = (0..limits::MAX_LIST)
        .map(|i| json!({"id": format!("A{}", i), "type": "team_meeting", "date": "2025-03-01"}))
        .collect();
    d["activities"] = json!(acts);
    refused(
        &what_if(
            &e,
            &d,
            &json!([{"op": "add", "path": "/activities/0", "value": {"id": "Z", "type": "team_meeting", "date": "2025-03-01"}}]),
        ),
        "too_many",
        Some("/patch/0"),
    );
}

#[test]
fn answers_stay_under_the_ceiling_or_say_so() {
    // 100 principals and 5,000 serious-disorder inspections, as_of two years on (issue 12): every
    // listed-supervision and veto step bars the unit and every target. Bars are merged per subject,
    // kind and measure; the answer is a Result within the ceiling, never null.
    let e = engine();
    let mut d = county_min();
    d["as_of"] = json!("2027-12-31");
    d["leaders"] =
        json!((0..100).map(|i| json!({"id": format!("L{}", i), "role": "principal"})).collect::<Vec<_>>());
    d["inspections"] = json!((0..5000)
        .map(|i| json!({"id": format!("N{}", i), "date": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28), "finding": "serious_disorder"}))
        .collect::<Vec<_>>());
    let text = api::evaluate(&e, Some(&d.to_string()));
    assert!(text.len() <= limits::MAX_ANSWER_BYTES);
    refused(&text, "answer_too_large", Some(""));
    // With 2 principals the same records answer, and the bars are merged: one honours bar per measure
    // on the unit (the inspections' bars overlap), so no more than one bar per subject, kind and measure.
    d["leaders"] = json!([{"id": "L0", "role": "principal"}, {"id": "L1", "role": "principal"}]);
    let v = accepted(&api::evaluate(&e, Some(&d.to_string())));
    let bars = v["accountability"]["bars"].as_array().cloned().unwrap_or_default();
    // 3 subjects (the unit, L0, L1): honours for the unit, commendation and promotion for each leader,
    // each for listed supervision and for the veto.
    assert_eq!(
        bars.len(),
        2 * (1 + 2 * 2),
        "{}",
        serde_json::to_string(&bars).unwrap_or_default().chars().take(800).collect::<String>()
    );
    let merged: u64 =
        bars.iter().filter(|b| b["subject"] == "330106").filter_map(|b| b["case_count"].as_u64()).sum();
    assert_eq!(merged, 2 * 5000, "every case's listed-supervision and veto bars are counted");
    // The archive refers to bars by index.
    let refs = v["archive"][0]["bars"].as_array().cloned().unwrap_or_default();
    assert_eq!(refs.len(), 4);
    assert!(refs
        .iter()
        .all(|i| i.as_u64().and_then(|i| bars.get(i as usize)).is_some_and(|b| b["subject"] == "L0")));
}

#[test]
fn every_batch_item_is_held_to_the_dossier_limit() {
    let e = engine();
    let mut big = county();
    big["junk"] = json!("a".repeat(limits::MAX_INPUT_BYTES));
    let batch = json!([county(), big, county()]);
    let v = parse(&api::evaluate_many(&e, Some(&batch.to_string())));
    assert_eq!(v["ok"], true);
    let oks: Vec<Value> =
        v["results"].as_array().map(|r| r.iter().map(|x| x["ok"].clone()).collect()).unwrap_or_default();
    assert_eq!(oks, vec![json!(true), json!(false), json!(true)]);
    assert_eq!(v["results"][1]["errors"][0]["code"], "input_too_large");
    assert_eq!(v["ranking"].as_array().map(Vec::len), Some(2));
}

#[test]
fn whole_numbers_read_as_json_parse_reads_them() {
    let e = engine();
    let text = county_min().to_string();
    for y in ["2025.0", "2.025e3", "20250e-1", "2025e0", "202500E-2"] {
        let t = text.replacen("\"year\":2025", &format!("\"year\":{}", y), 1);
        assert_ne!(t, text);
        let v = accepted(&api::evaluate(&e, Some(&t)));
        assert_eq!(v["year"], 2025, "{}", y);
    }
    let t = text.replacen("\"year\":2025", "\"year\":2025.5", 1);
    refused(&api::evaluate(&e, Some(&t)), "out_of_range", Some("/year"));
}

#[test]
fn a_lone_surrogate_is_reported_at_its_field() {
    let e = engine();
    let text = county_min().to_string().replacen("\"name\":\"西湖区\"", "\"name\":\"西湖\\ud800区\"", 1);
    refused(&api::evaluate(&e, Some(&text)), "lone_surrogate", Some("/unit/name"));
    let text = county_min().to_string().replacen("\"id\":\"L2\"", "\"id\":\"L2\\udc00\"", 1);
    refused(&api::evaluate(&e, Some(&text)), "lone_surrogate", Some("/leaders/1/id"));
    // A key with a lone surrogate: the pointer names the member itself.
    let text = county_min().to_string().replacen("{\"as_of\"", "{\"k\\ud83d\":1,\"as_of\"", 1);
    refused(&api::evaluate(&e, Some(&text)), "lone_surrogate", Some("/k\u{FFFD}"));
    // A proper pair is text like any other.
    let text =
        county_min().to_string().replacen("\"name\":\"西湖区\"", "\"name\":\"西湖\\ud83d\\ude00区\"", 1);
    accepted(&api::evaluate(&e, Some(&text)));
    // Any other syntax error points at where it was found.
    let text = county_min().to_string().replacen(
        "\"kind\":\"locality\",\"level\":\"county\"",
        "\"kind\":\"locality\",\"level\":county",
        1,
    );
    refused(&api::evaluate(&e, Some(&text)), "not_json", Some("/unit/level"));
}

#[test]
fn indicator_ids_are_escaped_in_pointers() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/fixtures/policy-default.json");
    let mut pack: Value =
        serde_json::from_str(&std::fs::read_to_string(p).unwrap_or_default()).unwrap_or(Value::Null);
    let first = pack["scheme"]["indicators"]
        .as_array_mut()
        .and_then(|a| a.iter_mut().find(|i| i["kind"] == "result"));
    let Some(ind) = first else { panic!("the default pack has a result indicator") };
    let old = ind["id"].as_str().unwrap_or("").to_string();
    ind["id"] = json!("a/b~c");
    let e = api::engine(Some(Some(&pack.to_string()))).unwrap_or_else(|e| panic!("pack: {}", e));
    let mut d = county();
    if let Some(m) = d["assessment"]["indicators"].as_object_mut() {
        m.remove(&old);
    }
    refused(&api::evaluate(&e, Some(&d.to_string())), "required", Some("/assessment/indicators/a~1b~0c"));
    d["assessment"]["indicators"]["a/b~c"] = json!(1);
    let v = accepted(&api::evaluate(&e, Some(&d.to_string())));
    assert!(v["assessment"]["lines"].as_array().is_some_and(|l| l.iter().any(|x| x["indicator"] == "a/b~c")));
}

#[test]
fn schema_of_an_unknown_kind_is_an_envelope() {
    let v = parse(&api::schema(Some("nope")));
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"][0]["code"], "unknown_kind");
    assert_eq!(parse(&api::schema(None))["errors"][0]["code"], "unknown_kind");
}

/// Issue 12's bar storm (tests/node/lib/hostile.mjs `barStorm`): `leaders` principals and `n`
/// serious-disorder inspections, `as_of` two years on, so every case climbs to the veto and targets
/// every principal at every step.
fn bar_storm(leaders: usize, n: usize) -> Value {
    let mut d = county_min();
    d["as_of"] = json!("2027-12-31");
    d["leaders"] = json!((0..leaders)
        .map(|i| json!({"id": format!("L{}", i), "role": "principal"}))
        .collect::<Vec<_>>());
    d["inspections"] = json!((0..n)
        .map(|i| json!({"id": format!("N{}", i), "date": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28), "finding": "serious_disorder"}))
        .collect::<Vec<_>>());
    d
}

#[test]
fn bar_storms_stay_within_the_answer_and_work_bounds() {
    // Issue 12: 100 principals × 5,000 serious disorders took 10–16 s to answer answer_too_large; the
    // target lists are shared, bars merged per list, and the answer's lower bound refuses it before
    // the archive is built. Every answer: within the ceiling; an accepted one within the documented
    // linear bound; the counted steps within the work bound.
    let e = engine();
    for (leaders, n, accept) in [(2, 5000, true), (50, 2000, true), (100, 5000, false), (1000, 5000, false)] {
        let text = bar_storm(leaders, n).to_string();
        pingan::internals::work::take();
        let out = api::evaluate(&e, Some(&text));
        let steps = pingan::internals::work::take();
        let what = format!("{} principals × {} serious disorders", leaders, n);
        assert!(out.len() <= limits::MAX_ANSWER_BYTES, "{}: {} bytes", what, out.len());
        let wbound = pingan::internals::work::STEPS_PER_INPUT_BYTE * text.len() as u64
            + pingan::internals::work::STEPS_BASE;
        assert!(steps <= wbound, "{}: {} steps > {}", what, steps, wbound);
        if accept {
            let v = accepted(&out);
            let bound = pingan::api::ANSWER_PER_INPUT_BYTE * text.len() + pingan::api::ANSWER_BASE;
            assert!(out.len() <= bound, "{}: answer {} bytes > {}", what, out.len(), bound);
            // One bar per subject, kind and measure: the unit's honours and each leader's commendation
            // and promotion, for listed supervision and for the veto (periods all overlap).
            assert_eq!(
                v["accountability"]["bars"].as_array().map(Vec::len),
                Some(2 * (1 + 2 * leaders)),
                "{}",
                what
            );
            let cases = v["accountability"]["cases"].as_array().cloned().unwrap_or_default();
            assert_eq!(cases.len(), n, "{}", what);
            // Every step still lists every principal (contract v1), and the archive every case.
            let all: Vec<Value> = (0..leaders).map(|i| json!(format!("L{}", i))).collect();
            for c in &cases {
                for s in c["steps"].as_array().into_iter().flatten() {
                    assert_eq!(s["targets"].as_array(), Some(&all), "{}: {}", what, c["id"]);
                }
            }
            for a in v["archive"].as_array().into_iter().flatten() {
                assert_eq!(a["cases"].as_array().map(Vec::len), Some(n), "{}", what);
            }
        } else {
            refused(&out, "answer_too_large", Some(""));
            // Score needs neither the target lists nor the leaders' bars: it stays exact and answers.
            let s = parse(&api::score(&e, Some(&text)));
            assert!(s["ok"].is_boolean(), "{}: {}", what, s);
        }
    }
    // Afterwards the engine answers as a new one does.
    assert_eq!(
        api::evaluate(&e, Some(&county().to_string())),
        api::evaluate(&engine(), Some(&county().to_string()))
    );
}

#[test]
fn the_answer_floor_is_a_lower_bound() {
    // `accountability::answer_floor` only counts bytes that are certainly written: for accepted storms
    // of every size it stays below the answer's real length.
    let e = engine();
    for (leaders, n) in [(1, 10), (3, 200), (7, 1000), (20, 500)] {
        let text = bar_storm(leaders, n).to_string();
        let out = api::evaluate(&e, Some(&text));
        accepted(&out);
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let d = e.load(&v).map(|(d, _)| d).unwrap_or_else(|x| panic!("{:?}", x));
        let acc = pingan::internals::accountability::replay_all(
            &d,
            e.policy(),
            &pingan::internals::accountability::triggers(&d, e.policy()),
        );
        let floor = pingan::internals::accountability::answer_floor(&acc);
        assert!(floor < out.len(), "{} × {}: floor {} ≥ answer {}", leaders, n, floor, out.len());
        if n >= 500 {
            // And not uselessly low where the cases dominate the answer.
            assert!(
                floor > out.len() / 4,
                "{} × {}: floor {} is far below the answer {}",
                leaders,
                n,
                floor,
                out.len()
            );
        }
    }
}
