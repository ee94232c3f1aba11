//! Contract v1 as JSON text in, JSON text out: the `Result<T>` envelope of api.md (`ok`, the body,
//! `warnings` / `errors`) around the engine. Plain Rust, so host tests and the fuzzer drive exactly what
//! the browser drives; `bindings` only moves text across the boundary.

use crate::engine::{Engine, Kind};
use crate::issue::{Code, Issue};
use crate::validation::{self, limits};
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize)]
struct Ok<'a, T: Serialize> {
    ok: bool,
    #[serde(flatten)]
    body: &'a T,
    warnings: &'a [Issue],
}

#[derive(Serialize)]
struct Failed<'a> {
    ok: bool,
    errors: &'a [Issue],
}

fn to_text<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| {
        r#"{"ok":false,"errors":[{"code":"arithmetic","severity":"error","path":"","message":{"zh":"结果无法序列化","en":"the result could not be serialised"}}]}"#.to_string()
    })
}

/// `{ ok: true, …body, warnings }`.
pub fn ok<T: Serialize>(body: &T, warnings: &[Issue]) -> String {
    to_text(&Ok { ok: true, body, warnings })
}

/// `{ ok: false, errors }`.
pub fn failed(errors: &[Issue]) -> String {
    to_text(&Failed { ok: false, errors })
}

fn answer<T: Serialize>(r: Result<(T, Vec<Issue>), Vec<Issue>>) -> String {
    match r {
        Ok((body, warnings)) => ok(&body, &warnings),
        Err(errors) => failed(&errors),
    }
}

/// Parse caller text under the documented limits (size, nesting depth) into a JSON value.
pub fn parse(text: Option<&str>, max_bytes: usize) -> Result<Value, Vec<Issue>> {
    validation::parse_json(text, max_bytes)
}

pub fn version() -> String {
    let p = crate::policy::default_policy().ok();
    let body = serde_json::json!({
        "crate": env!("CARGO_PKG_VERSION"),
        "policy": p.as_ref().map(|p| serde_json::json!({
            "id": p.id, "version": p.version, "title": p.title, "effective_from": p.effective_from
        })),
    });
    to_text(&body)
}

pub fn default_policy() -> String {
    // The embedded text is itself the plain object (it round-trips through `new Engine(p)`).
    match serde_json::from_str::<Value>(crate::policy::DEFAULT_POLICY_JSON) {
        Ok(v) => to_text(&v),
        Err(_) => "null".into(),
    }
}

pub fn check_policy(text: Option<&str>) -> String {
    #[derive(Serialize)]
    struct Body<'a> {
        policy: &'a Value,
    }
    let v = match parse(text, limits::MAX_INPUT_BYTES) {
        Ok(v) => v,
        Err(e) => return failed(&e),
    };
    match crate::engine::load_policy(&v) {
        Ok((_, warnings)) => ok(&Body { policy: &v }, &warnings),
        Err(errors) => failed(&errors),
    }
}

/// Build an engine from optional policy text (`None`: the embedded pack). `Err` holds the JSON array
/// of issues (the `.errors` of the Error the constructor throws).
pub fn engine(policy: Option<Option<&str>>) -> Result<Engine, String> {
    let r = match policy {
        None => Engine::new_default(),
        Some(text) => match parse(text, limits::MAX_INPUT_BYTES) {
            Ok(v) => Engine::from_value(&v),
            Err(e) => Err(e),
        },
    };
    r.map_err(|e| to_text(&e))
}

pub fn policy_of(e: &Engine) -> String {
    to_text(e.policy())
}

pub fn schema(kind: Option<&str>) -> String {
    match kind.and_then(Kind::parse) {
        Some(k) => to_text(&crate::validation::json_schema(k)),
        None => to_text(&unknown_kind(kind)),
    }
}

fn unknown_kind(kind: Option<&str>) -> Vec<Issue> {
    vec![Issue::error(
        Code::UnknownKind,
        "",
        format!("未知的记录类型 {:?};可用:{}", kind.unwrap_or(""), Kind::ALL.join("、")),
        format!("unknown record kind {:?}; one of: {}", kind.unwrap_or(""), Kind::ALL.join(", ")),
    )]
}

/// `{ ok, errors, warnings }` — validation always answers both lists.
pub fn validate(e: &Engine, kind: Option<&str>, text: Option<&str>) -> String {
    #[derive(Serialize)]
    struct V<'a> {
        ok: bool,
        errors: &'a [Issue],
        warnings: &'a [Issue],
    }
    let (errors, warnings) = match kind.and_then(Kind::parse) {
        None => (unknown_kind(kind), Vec::new()),
        Some(k) => match parse(text, limits::MAX_INPUT_BYTES) {
            Ok(v) => e.validate(k, &v),
            Err(errs) => (errs, Vec::new()),
        },
    };
    to_text(&V { ok: errors.is_empty(), errors: &errors, warnings: &warnings })
}

/// Standard Schema v1 result: `{ value }` or `{ issues: [{ message, path: [segments] }] }`.
pub fn standard_validate(e: &Engine, kind: &str, text: Option<&str>, lang: &str) -> String {
    let (errors, _) = match Kind::parse(kind) {
        None => (unknown_kind(Some(kind)), Vec::new()),
        Some(k) => match parse(text, limits::MAX_INPUT_BYTES) {
            Ok(v) => {
                let (errs, w) = e.validate(k, &v);
                if errs.is_empty() {
                    return to_text(&serde_json::json!({ "value": v }));
                }
                (errs, w)
            }
            Err(errs) => (errs, Vec::new()),
        },
    };
    let issues: Vec<Value> = errors
        .iter()
        .map(|i| {
            let msg = if lang == "en" { &i.message.en } else { &i.message.zh };
            let path: Vec<Value> = validation::pointer_segments(&i.path)
                .into_iter()
                .map(|s| match s.parse::<u64>() {
                    Ok(n) if !s.starts_with('0') || s == "0" => Value::from(n),
                    _ => Value::from(s),
                })
                .collect();
            serde_json::json!({ "message": msg, "path": path, "code": i.code })
        })
        .collect();
    to_text(&serde_json::json!({ "issues": issues }))
}

pub fn evaluate(e: &Engine, text: Option<&str>) -> String {
    answer(parse(text, limits::MAX_INPUT_BYTES).and_then(|v| e.evaluate_value(&v)))
}

pub fn score(e: &Engine, text: Option<&str>) -> String {
    answer(parse(text, limits::MAX_INPUT_BYTES).and_then(|v| e.score_value(&v)))
}

/// The batch answer is written item by item: each report is serialised as soon as it is made and only
/// its ranking line is kept, so memory stays that of one dossier plus the answer text.
pub fn evaluate_many(e: &Engine, text: Option<&str>) -> String {
    let v = match parse(text, limits::MAX_BATCH_BYTES) {
        Ok(v) => v,
        Err(errors) => return failed(&errors),
    };
    let items = match e.batch(&v) {
        Ok(items) => items,
        Err(errors) => return failed(&errors),
    };
    let mut lines = Vec::with_capacity(items.len());
    let mut out = String::with_capacity(items.len() * 16_384 + 64);
    out.push_str(r#"{"ok":true,"results":["#);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match e.evaluate_value(item) {
            Ok((report, warnings)) => {
                if let Some(a) = &report.assessment {
                    lines.push(crate::engine::RankLine { unit: report.unit.id.clone(), total: a.total, grade: a.grade, rank: 0 });
                }
                out.push_str(&ok(&report, &warnings));
            }
            Err(errors) => out.push_str(&failed(&errors)),
        }
    }
    out.push_str(r#"],"ranking":"#);
    out.push_str(&to_text(&crate::engine::rank(lines)));
    out.push_str(r#","warnings":[]}"#);
    out
}

pub fn what_if(e: &Engine, dossier: Option<&str>, patch: Option<&str>) -> String {
    let r = parse(dossier, limits::MAX_INPUT_BYTES).and_then(|d| {
        let p = parse(patch, limits::MAX_INPUT_BYTES).map_err(|errs| {
            errs.into_iter().map(|mut i| {
                i.path = format!("/patch{}", i.path);
                i
            }).collect::<Vec<_>>()
        })?;
        e.what_if_value(&d, &p)
    });
    answer(r)
}

pub fn to_reach(e: &Engine, dossier: Option<&str>, grade: Option<&str>) -> String {
    answer(parse(dossier, limits::MAX_INPUT_BYTES).and_then(|d| e.to_reach_value(&d, grade)))
}

pub fn eligibility(e: &Engine, dossier: Option<&str>, subject: Option<&str>, date: Option<&str>) -> String {
    answer(parse(dossier, limits::MAX_INPUT_BYTES).and_then(|d| e.eligibility_value(&d, subject, date)))
}

/// Prepare a dossier once for repeated what-if scoring; `Err` holds the envelope `{ ok: false, errors }`.
pub fn prepare(e: &Engine, text: Option<&str>) -> Result<crate::engine::Prepared, String> {
    parse(text, limits::MAX_INPUT_BYTES).and_then(|v| e.prepare(&v)).map_err(|errs| failed(&errs))
}

pub fn prepared_score(p: &crate::engine::Prepared) -> String {
    match p.score() {
        Ok(a) => ok(&a, p.warnings()),
        Err(e) => failed(&e),
    }
}

pub fn prepared_score_with(p: &mut crate::engine::Prepared, indicator: Option<&str>, value: Option<&str>) -> String {
    let v = match parse(value, limits::MAX_INPUT_BYTES) {
        Ok(v) => v,
        Err(e) => return failed(&e),
    };
    match p.score_with(indicator.unwrap_or_default(), &v) {
        Ok(a) => ok(&a, &[]),
        Err(e) => failed(&e),
    }
}

pub fn prepared_what_if(p: &mut crate::engine::Prepared, patch: Option<&str>) -> String {
    answer(parse(patch, limits::MAX_INPUT_BYTES).and_then(|v| p.what_if(&v)))
}

/// `tableTemplate()`: `{ headers: [{ key, zh, en }] }` for the engine's scheme (issue 16).
pub fn table_template(e: &Engine) -> String {
    to_text(&crate::table::template(e.policy()))
}

/// `fromTable(rows, { year, as_of })`: the sheet's rows as dossiers, with the issues of its bad cells.
pub fn from_table(e: &Engine, rows: Option<&str>, options: Option<&str>) -> String {
    let r = parse(rows, limits::MAX_BATCH_BYTES).and_then(|rows| {
        let o = parse(options, limits::MAX_INPUT_BYTES).map_err(|errs| {
            errs.into_iter().map(|mut i| {
                i.path = format!("/options{}", i.path);
                i
            }).collect::<Vec<_>>()
        })?;
        crate::table::from_table(e, &rows, &o)
    });
    answer(r)
}

/// `reform(dossiers, policy)`: every dossier under the engine's pack and under `policy`.
pub fn reform(e: &Engine, dossiers: Option<&str>, policy: Option<&str>) -> String {
    let r = parse(dossiers, limits::MAX_BATCH_BYTES).and_then(|d| {
        let p = parse(policy, limits::MAX_INPUT_BYTES).map_err(|errs| {
            errs.into_iter().map(|mut i| {
                i.path = format!("/policy{}", i.path);
                i
            }).collect::<Vec<_>>()
        })?;
        crate::reform::reform(e, &d, &p)
    });
    answer(r)
}
