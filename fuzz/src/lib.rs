//! What the fuzz targets do with their bytes, in one place (tests/limits.rs `replay` mirrors the input
//! handling so a regression replays without cargo-fuzz). Every target feeds the contract-v1 JSON-text
//! API (`pingan::api`) exactly as the browser binding does, then checks more than "no panic":
//!
//! * every answer is a JSON object with a boolean `ok`; `ok: false` carries well-formed error issues;
//! * `validate("dossier")` accepts exactly what `evaluate` accepts;
//! * an accepted dossier's ledger sums exactly (Σ lines = base + bonus − deductions, total = max(0, …)),
//!   `score` is `evaluate`'s assessment, and `whatIf` with `[]` changes nothing;
//! * a policy `checkPolicy` accepts also builds an `Engine`, and that engine scores the fixtures soundly.
//!
//! A failed check panics, which libFuzzer reports as a crash with the input saved under
//! fuzz/artifacts/<target>/; scripts/fuzz.sh turns each into tests/regressions/<target>-<hash>.json.
//!
//! Inputs: `evaluate` and `policy` read the bytes as text (lossy UTF-8). `what_if` splits the text at
//! the first U+001E (record separator) into dossier and patch (no separator: the patch is `[]`).
//! `validate` takes the record kind from the first byte (modulo the seven kinds, in `KINDS` order) and
//! the rest as text. `what_if_ops` builds a patch from its bytes (structure-aware: copy / move / add /
//! remove / replace / test ops on pointers that exist in the document as it is patched); `limits` builds
//! a large but valid dossier at the list limits from its bytes (how many leaders, incidents, inspections,
//! activities … and which). Both check that every limit holds on what the engine produced.
//!
//! Every target runs on a thread with a 1 MiB stack, the stack wasm32 gets (issue 12): a recursion on
//! input depth that native's 8 MiB would absorb overflows here, as it would in the page.

use libfuzzer_sys::arbitrary::Unstructured;

#[path = "../../tests/common/limits_dossier.rs"]
mod limits_dossier;
use pingan::limits;
use pingan::{api, Engine};
use serde_json::{json, Value};

/// Stack of a wasm32 module built by rustc (the linker default, 1 MiB).
pub const WASM_STACK: usize = 1 << 20;

/// Run `f` on a thread with the wasm stack; a panic there is re-raised here (a finding).
pub fn on_wasm_stack(f: impl FnOnce() + Send + 'static) {
    let t = std::thread::Builder::new().stack_size(WASM_STACK).spawn(f);
    match t {
        Ok(h) => {
            if let Err(p) = h.join() {
                std::panic::resume_unwind(p);
            }
        }
        Err(e) => panic!("cannot start the fuzz thread: {}", e),
    }
}

pub const COUNTY: &str = include_str!("../../tests/cases/fixtures/county.json");
pub const SAMPLE: &str = include_str!("../../www/data/sample-county.json");
pub const KINDS: [&str; 7] = ["dossier", "unit", "leader", "incident", "letter", "assessment", "policy"];

thread_local! {
    static ENGINE: Engine = match api::engine(None) {
        Ok(e) => e,
        Err(e) => panic!("the default engine does not load: {}", e),
    };
}

fn with_engine<R>(f: impl FnOnce(&Engine) -> R) -> R {
    ENGINE.with(f)
}

fn clip(s: &str) -> String {
    s.chars().take(2000).collect()
}

/// The answer as JSON; panics (a finding) when it is not a well-formed envelope or passes the ceiling.
pub fn answer(what: &str, text: &str) -> Value {
    assert!(text.len() <= limits::MAX_BATCH_ANSWER_BYTES, "{}: the answer passes every ceiling ({} bytes)", what, text.len());
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("{}: the answer is not JSON ({}): {}", what, e, clip(text)),
    };
    let Some(ok) = v.get("ok").and_then(Value::as_bool) else {
        panic!("{}: the answer has no boolean ok: {}", what, clip(text))
    };
    if !ok {
        let errs = v.get("errors").and_then(Value::as_array).cloned().unwrap_or_default();
        assert!(!errs.is_empty(), "{}: ok:false without errors: {}", what, clip(text));
        for e in &errs {
            let well_formed = e.get("code").is_some_and(Value::is_string)
                && e.get("severity").and_then(Value::as_str) == Some("error")
                && e.get("path").and_then(Value::as_str).is_some_and(|p| p.is_empty() || p.starts_with('/'))
                && e.pointer("/message/zh").is_some_and(Value::is_string)
                && e.pointer("/message/en").is_some_and(Value::is_string);
            assert!(well_formed, "{}: malformed error issue {}", what, e);
        }
    }
    v
}

fn h(v: &Value) -> i64 {
    (v.as_f64().unwrap_or(f64::NAN) * 100.0).round() as i64
}

/// The ledger of an assessment sums exactly, and the caps and grades hold.
pub fn check_ledger(what: &str, a: &Value) {
    let lines = a.get("lines").and_then(Value::as_array).cloned().unwrap_or_default();
    let sum: i64 = lines.iter().map(|l| h(&l["points"])).sum();
    let (base, bonus, ded, total) = (h(&a["base"]), h(&a["bonus"]), h(&a["deductions"]), h(&a["total"]));
    assert_eq!(sum, base + bonus - ded, "{}: the lines do not sum: {}", what, a);
    let of = |kinds: &[&str]| -> i64 { lines.iter().filter(|l| kinds.iter().any(|k| l["kind"] == *k)).map(|l| h(&l["points"])).sum() };
    assert_eq!(of(&["result", "process"]), base, "{}: base is not its lines: {}", what, a);
    assert_eq!(of(&["bonus"]), bonus, "{}: bonus is not its lines: {}", what, a);
    assert_eq!(-of(&["deduction"]), ded, "{}: deductions are not their lines: {}", what, a);
    assert_eq!(total, (base + bonus - ded).max(0), "{}: total is not max(0, base + bonus - deductions): {}", what, a);
    if a["vetoed"] == true {
        assert_eq!(a["grade"], "fail", "{}: vetoed but not fail: {}", what, a);
    }
}

/// The checks every dossier text gets, against one engine.
pub fn dossier_checks(e: &Engine, text: &str) {
    let t = Some(text);
    let ev = answer("evaluate", &api::evaluate(e, t));
    let va: Value = serde_json::from_str(&api::validate(e, Some("dossier"), t)).unwrap_or(Value::Null);
    assert_eq!(va["ok"], ev["ok"], "validate(dossier) and evaluate disagree: {} vs {}", va, clip(&ev.to_string()));
    let sc = answer("score", &api::score(e, t));
    compact_checks(e, t);
    tape_checks("evaluate", api::evaluate_at_as(e, t, None), &ev);
    tape_checks("score", api::score_of(e, t), &sc);
    answer("toReach", &api::to_reach(e, t, Some("excellent")));
    if ev["ok"] != true {
        assert_eq!(sc["ok"], false, "score accepted what evaluate refused");
        return;
    }
    match ev.get("assessment") {
        Some(a) if a.is_object() => {
            check_ledger("evaluate", a);
            let mut s = sc.clone();
            if let Value::Object(m) = &mut s {
                m.remove("ok");
                m.remove("warnings");
            }
            assert_eq!(&s, a, "score differs from evaluate's assessment");
        }
        _ => assert_eq!(sc["ok"], false, "score answered without an assessment: {}", clip(&sc.to_string())),
    }
    let w = answer("whatIf []", &api::what_if(e, t, Some("[]")));
    assert_eq!(w["ok"], true, "whatIf [] refused an accepted dossier: {}", clip(&w.to_string()));
    assert_eq!(w["changes"], Value::Array(Vec::new()), "whatIf [] reports changes");
    assert_eq!(w["before"], w["after"], "whatIf []: before != after");
}

/// The compact score's parts (what the bindings make the JS object from) carry its text's answer: the
/// text itself where the parts do not apply, else as many lines, the same total and whole ids.
fn compact_checks(e: &Engine, t: Option<&str>) {
    let text = api::score_compact(e, t);
    match api::score_compact_parts(e, t) {
        api::Compact::Text(x) => assert_eq!(x, text, "the compact parts' text differs from score_compact"),
        api::Compact::Parts(p) => {
            let c = answer("score compact", &text);
            let lines = c["lines"].as_array().map_or(0, Vec::len);
            assert_eq!(p.id_units.len(), lines, "compact parts: {} ids for {} lines", p.id_units.len(), lines);
            assert_eq!(p.numbers.len(), 7 + 4 * lines, "compact parts: {} numbers", p.numbers.len());
            assert_eq!(p.numbers.first().map(|x| Value::from(*x)), Some(c["total"].clone()), "compact parts' total");
            let units: u32 = p.id_units.iter().sum();
            assert_eq!(p.ids.encode_utf16().count(), units as usize, "compact parts' ids are not whole");
        }
    }
}

/// Numbers as the doubles JS holds (`Value` tells `5` from `5.0`; `JSON.parse` does not).
fn doubles(v: &Value) -> Value {
    // iterative: a fuzzed answer may nest as deep as its input allows
    let mut out = v.clone();
    let mut todo = vec![&mut out];
    while let Some(x) = todo.pop() {
        match x {
            Value::Number(n) => *x = n.as_f64().map_or(Value::Null, Value::from),
            Value::Array(a) => todo.extend(a.iter_mut()),
            Value::Object(m) => todo.extend(m.values_mut()),
            _ => {}
        }
    }
    out
}

/// What the bindings make the JS object from (a tape) reads back as the text answer parses.
fn tape_checks(what: &str, a: api::Answer, text_answer: &Value) {
    if let api::Answer::Tape(t) = a {
        let got = pingan::internals::tape::read(&t).unwrap_or_else(|| panic!("{}: the tape does not read back", what));
        assert!(doubles(&got) == doubles(text_answer), "{}: the tape's object differs from the text's", what);
    }
}

/// Target `evaluate`: the bytes as a dossier.
pub fn evaluate(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    with_engine(|e| dossier_checks(e, &text));
}

/// Target `policy`: the bytes as a policy pack, through `checkPolicy` and `new Engine(p)`; an accepted
/// pack must score the fixtures soundly.
pub fn policy(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let c = answer("checkPolicy", &api::check_policy(Some(&text)));
    let built = api::engine(Some(Some(&text)));
    assert_eq!(c["ok"] == true, built.is_ok(), "checkPolicy and Engine disagree: {}", clip(&c.to_string()));
    match built {
        Ok(e) => {
            for d in [COUNTY, SAMPLE] {
                dossier_checks(&e, d);
                for g in ["pass", "good", "excellent"] {
                    answer("toReach", &api::to_reach(&e, Some(d), Some(g)));
                }
                answer("eligibility", &api::eligibility(&e, Some(d), Some("L1"), Some("2026-01-01")));
            }
            answer("policy_of", &format!("{{\"ok\":true,\"p\":{}}}", api::policy_of(&e)));
        }
        Err(errs) => {
            let v: Value = serde_json::from_str(&errs).unwrap_or_else(|x| panic!("Engine error is not JSON ({}): {}", x, clip(&errs)));
            assert!(v.as_array().is_some_and(|a| !a.is_empty()), "Engine error without issues: {}", clip(&errs));
        }
    }
}

/// Target `what_if`: dossier, U+001E, patch.
pub fn what_if(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (d, p) = text.split_once('\u{1e}').unwrap_or((&text, "[]"));
    with_engine(|e| {
        let w = answer("whatIf", &api::what_if(e, Some(d), Some(p)));
        if w["ok"] == true {
            for side in ["before", "after"] {
                if let Some(a) = w[side].get("assessment").filter(|a| a.is_object()) {
                    check_ledger(side, a);
                }
            }
            if w["changes"].as_array().is_some_and(Vec::is_empty) {
                // No reported change: the headline figures must agree.
                for k in ["/assessment/total", "/assessment/grade", "/rewards/pingan"] {
                    assert_eq!(w["before"].pointer(k), w["after"].pointer(k), "whatIf reports no change but {} moved", k);
                }
            }
        }
    });
}

/// Target `validate`: the first byte picks the kind, the rest is the record.
pub fn validate(data: &[u8]) {
    let Some((k, rest)) = data.split_first() else { return };
    let kind = KINDS[*k as usize % KINDS.len()];
    let text = String::from_utf8_lossy(rest);
    with_engine(|e| {
        let out = api::validate(e, Some(kind), Some(&text));
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|x| panic!("validate answer is not JSON ({}): {}", x, clip(&out)));
        assert!(v["ok"].is_boolean() && v["errors"].is_array() && v["warnings"].is_array(), "validate answer malformed: {}", clip(&out));
        assert_eq!(v["ok"] == true, v["errors"].as_array().is_some_and(Vec::is_empty), "ok disagrees with errors: {}", clip(&out));
        if kind == "dossier" {
            let ev = answer("evaluate", &api::evaluate(e, Some(&text)));
            assert_eq!(ev["ok"], v["ok"], "validate(dossier) and evaluate disagree");
        }
        let std = api::standard_validate(e, kind, Some(&text), "en");
        let s: Value = serde_json::from_str(&std).unwrap_or_else(|x| panic!("standard_validate answer is not JSON ({}): {}", x, clip(&std)));
        assert_eq!(s.get("value").is_some(), v["ok"] == true, "Standard Schema and validate disagree: {} vs {}", clip(&std), clip(&out));
        let sch: Value = serde_json::from_str(&api::schema(Some(kind))).unwrap_or(Value::Null);
        assert!(sch.is_object(), "schema({}) is not an object", kind);
    });
}

/// Pointers of the values in `v` (breadth first, at most `max`), for choosing op paths.
fn pointers(v: &Value, max: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut queue = std::collections::VecDeque::from([(String::new(), v)]);
    while let Some((p, x)) = queue.pop_front() {
        if out.len() >= max {
            break;
        }
        match x {
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate().take(8) {
                    let q = pingan::issue::ptr(&p, i);
                    out.push(q.clone());
                    queue.push_back((q, c));
                }
            }
            Value::Object(m) => {
                for (k, c) in m.iter().take(16) {
                    let q = pingan::issue::ptr(&p, k);
                    out.push(q.clone());
                    queue.push_back((q, c));
                }
            }
            _ => {}
        }
    }
    out
}

fn pick<'a, T>(u: &mut Unstructured, xs: &'a [T]) -> Option<&'a T> {
    let i = u.choose_index(xs.len()).ok()?;
    xs.get(i)
}

/// Target `what_if_ops`: a patch of up to 64 ops built from the bytes, each on a pointer that exists
/// in the document as patched so far (or a child of one), with copy and move favoured: the ops that
/// amplified and deepened documents (issue 12). Checks: a Result envelope; when the patch applies, the
/// patched document is within the size and depth limits; whatIf agrees with patch::apply.
pub fn what_if_ops(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let mut doc: Value = serde_json::from_str(COUNTY).unwrap_or(Value::Null);
    if u.arbitrary::<bool>().unwrap_or(false) {
        doc["x"] = json!({});
    }
    if u.arbitrary::<bool>().unwrap_or(false) {
        doc["junk"] = json!("a".repeat(u.int_in_range(0..=3_000_000usize).unwrap_or(0)));
    }
    let mut ops = Vec::new();
    let mut shadow = doc.clone();
    let n = u.int_in_range(0..=64usize).unwrap_or(0);
    for _ in 0..n {
        let ps = pointers(&shadow, 256);
        let Some(path) = pick(&mut u, &ps).cloned() else { break };
        let Some(from) = pick(&mut u, &ps).cloned() else { break };
        let child = match u.int_in_range(0..=3u8).unwrap_or(0) {
            0 => path.clone(),
            1 => format!("{}/-", path),
            2 => format!("{}/x", path),
            _ => format!("{}/{}", path, u.int_in_range(0..=9u8).unwrap_or(0)),
        };
        let value = match u.int_in_range(0..=3u8).unwrap_or(0) {
            0 => json!({}),
            1 => json!([]),
            2 => json!("v"),
            _ => shadow.pointer(&from).cloned().unwrap_or(Value::Null),
        };
        let op = match u.int_in_range(0..=9u8).unwrap_or(0) {
            0..=3 => json!({"op": "copy", "from": from, "path": child}),
            4..=5 => json!({"op": "move", "from": from, "path": child}),
            6 => json!({"op": "add", "path": child, "value": value}),
            7 => json!({"op": "remove", "path": path}),
            8 => json!({"op": "replace", "path": path, "value": value}),
            _ => json!({"op": "test", "path": path, "value": value}),
        };
        ops.push(op);
        // Keep the shadow (for choosing pointers) only while the patch still applies.
        if let Ok(next) = pingan::internals::patch::apply(&shadow, &json!([ops.last()])) {
            shadow = next;
        }
    }
    let patch = Value::Array(ops);
    let applied = pingan::internals::patch::apply(&doc, &patch);
    if let Ok(out) = &applied {
        let e = pingan::internals::patch::extent(out, usize::MAX);
        assert!(e.depth <= limits::MAX_DEPTH, "a patch produced a document {} deep", e.depth);
        assert!(e.bytes <= limits::MAX_INPUT_BYTES + 64, "a patch produced a document of {} bytes", e.bytes);
    }
    let (d, p) = (doc.to_string(), patch.to_string());
    with_engine(|e| {
        let w = answer("whatIf ops", &api::what_if(e, Some(&d), Some(&p)));
        if applied.is_err() && p.len() <= limits::MAX_INPUT_BYTES {
            assert_eq!(w["ok"], false, "whatIf answered a patch that does not apply");
        }
    });
}

/// Target `limits`: a large valid dossier from the bytes — up to 1,000 leaders (roles, tenures ending
/// on a chosen day), up to 5,000 records in each list (incidents of every severity, inspections,
/// hotspots, referrals, activities bound to incidents and leaders), `as_of` up to three years on.
/// Checks: a Result envelope within the answer ceiling, and an accepted one is linear in the input
/// (`answer ≤ ANSWER_PER_INPUT_BYTE × input + ANSWER_BASE`, README "Limits").
pub fn limits(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let (d, leaders) = limits_dossier::limits_dossier(
        include_str!("../../tests/cases/fixtures/county-min.json"),
        limits::MAX_LIST,
        &mut |max| u.int_in_range(0..=max).unwrap_or(0),
    );
    let text = d.to_string();
    if text.len() > limits::MAX_INPUT_BYTES {
        return;
    }
    with_engine(|e| {
        let out = api::evaluate(e, Some(&text));
        let v = answer("evaluate (limits)", &out);
        assert!(out.len() <= limits::MAX_ANSWER_BYTES, "answer of {} bytes passes the ceiling", out.len());
        if v["ok"] == true && leaders <= pingan::api::LINEAR_LEADERS {
            let bound = pingan::api::ANSWER_PER_INPUT_BYTE * text.len() + pingan::api::ANSWER_BASE;
            assert!(out.len() <= bound, "answer {} bytes > bound {} for input {}", out.len(), bound, text.len());
        }
    });
}
