//! Contract v1 as JSON text in, JSON text out: the `Result<T>` envelope of api.md (`ok`, the body,
//! `warnings` / `errors`) around the engine. Plain Rust, so host tests and the fuzzer drive exactly what
//! the browser drives; `bindings` only moves text across the boundary.

use crate::engine::{Engine, Kind, Source};
use crate::issue::{Code, Issue};
use crate::limits;
use crate::validation;
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

/// The documented answer bound (README "Limits"): an accepted answer is at most
/// `ANSWER_PER_INPUT_BYTE × input bytes + ANSWER_BASE` for a dossier with at most `LINEAR_LEADERS`
/// leaders. The part that is not linear is what contract v1 asks per case and target leader (each
/// step's `targets`, each archive entry's `cases`): cases × leaders. `MAX_ANSWER_BYTES` bounds every
/// answer. Checked by tests/properties.rs and the `limits` fuzz target.
pub const ANSWER_PER_INPUT_BYTE: usize = 256;
pub const ANSWER_BASE: usize = 256 << 10;
pub const LINEAR_LEADERS: usize = 10;

/// JSON text of `v`, or `None` past `max` bytes: serialising stops there, so an answer never costs
/// more than the ceiling in time or memory. The tape's writer in its text mode (`tape::json`): the
/// bytes serde_json writes, with one serialisation of each answer type in the module.
pub fn to_text_capped<T: Serialize + ?Sized>(v: &T, max: usize) -> Option<String> {
    crate::tape::json(v, max)
}

/// `{ ok: false, errors: [answer_too_large] }` for an answer past `max` bytes.
pub fn answer_too_large(max: usize) -> String {
    to_text(&Failed { ok: false, errors: &[crate::work::answer_too_large(max)] })
}

fn to_text<T: Serialize + ?Sized>(v: &T) -> String {
    to_text_capped(v, limits::MAX_ANSWER_BYTES).unwrap_or_else(|| answer_too_large(limits::MAX_ANSWER_BYTES))
}

/// An answer for a binding that makes the JS object itself: a [`Tape`](crate::tape::Tape) (in WASM a
/// fraction of writing the text and `JSON.parse`: ARCHITECTURE.md, "The boundary"), or the text where
/// the tape does not carry it (an answer near the ceiling, an `f32`).
pub enum Answer {
    Tape(crate::tape::Tape),
    Text(String),
}

/// How an answer leaves: as JSON text (`String`: the Rust API, the `*Json` exports, the fuzzer) or as
/// an [`Answer`]. The same value either way; the bindings' objects equal `JSON.parse` of the text
/// (tests/node/tape.test.mjs).
pub trait Out {
    fn of<T: Serialize + ?Sized>(v: &T) -> Self;
}

impl Out for String {
    fn of<T: Serialize + ?Sized>(v: &T) -> String {
        to_text(v)
    }
}

impl Out for Answer {
    fn of<T: Serialize + ?Sized>(v: &T) -> Answer {
        match crate::tape::write(v, limits::MAX_ANSWER_BYTES) {
            Some(t) => Answer::Tape(t),
            None => Answer::Text(to_text(v)),
        }
    }
}

/// How many words the module's tapes have sent (the bindings' JS table must hold as many).
pub fn tape_words() -> usize {
    crate::tape::words()
}

/// Forget the tapes' words (the bindings' JS table was lost).
pub fn tape_reset() {
    crate::tape::reset()
}

/// `{ ok: true, …body, warnings }`, or `answer_too_large` past the answer ceiling.
pub fn ok<T: Serialize>(body: &T, warnings: &[Issue]) -> String {
    ok_as(body, warnings)
}

fn ok_as<O: Out, T: Serialize>(body: &T, warnings: &[Issue]) -> O {
    O::of(&Ok { ok: true, body, warnings })
}

/// `{ ok: false, errors }`.
pub fn failed(errors: &[Issue]) -> String {
    failed_as(errors)
}

fn failed_as<O: Out>(errors: &[Issue]) -> O {
    O::of(&Failed { ok: false, errors })
}

/// A bare issue array (the `.errors` of the Error `new Engine(pack)` throws).
pub fn issues_text(errors: &[Issue]) -> String {
    to_text(errors)
}

/// The `validate` answer for an argument that never got to validation: `{ ok: false, errors, warnings: [] }`.
pub fn validation_failed(errors: &[Issue]) -> String {
    #[derive(Serialize)]
    struct V<'a> {
        ok: bool,
        errors: &'a [Issue],
        warnings: &'a [Issue],
    }
    to_text(&V { ok: false, errors, warnings: &[] })
}

/// The compact score answer `{ ok: true, …, lines, warnings }`, written by hand (issue 15 item 3): its
/// numbers are hundredths, printed without float formatting, and no serde is on the hot path. The same
/// text as [`CompactScore`]'s `Serialize` writes (a unit test holds the two to the byte).
///
/// [`CompactScore`]: crate::assessment::CompactScore
pub fn ok_compact(c: &crate::assessment::CompactScore, warnings: &[Issue]) -> String {
    let mut out = String::with_capacity(64 + 64 * c.lines.len());
    out.push_str("{\"ok\":true,\"total\":");
    push_points(&mut out, c.total);
    out.push_str(",\"base\":");
    push_points(&mut out, c.base);
    out.push_str(",\"bonus\":");
    push_points(&mut out, c.bonus);
    out.push_str(",\"deductions\":");
    push_points(&mut out, c.deductions);
    out.push_str(",\"grade\":\"");
    out.push_str(c.grade.as_str());
    out.push_str("\",\"grade_by_score\":\"");
    out.push_str(c.grade_by_score.as_str());
    out.push_str(if c.vetoed { "\",\"vetoed\":true" } else { "\",\"vetoed\":false" });
    if let Some(v) = c.veto_case {
        out.push_str(",\"veto_case\":");
        push_json_str(&mut out, v);
    }
    out.push_str(",\"lines\":[");
    for (i, l) in c.lines.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"id\":");
        push_json_str(&mut out, l.id);
        out.push_str(",\"kind\":\"");
        out.push_str(l.kind.as_str());
        out.push_str("\",\"points\":");
        push_points(&mut out, l.points);
        if let Some(w) = l.weight {
            out.push_str(",\"weight\":");
            push_points(&mut out, w);
        }
        out.push_str(if l.derived { ",\"derived\":true}" } else { "}" });
    }
    out.push_str("],\"warnings\":");
    if warnings.is_empty() {
        out.push_str("[]}");
    } else {
        match to_text_capped(warnings, limits::MAX_ANSWER_BYTES) {
            Some(w) => out.push_str(&w),
            None => return answer_too_large(limits::MAX_ANSWER_BYTES),
        }
        out.push('}');
    }
    if out.len() > limits::MAX_ANSWER_BYTES {
        return answer_too_large(limits::MAX_ANSWER_BYTES);
    }
    out
}

/// A compact answer for a binding that builds the answer object itself (in WASM, building it in JS
/// from numbers takes a fraction of writing its text and `JSON.parse`: ARCHITECTURE.md, "The
/// boundary"), or its text where that path is the contract's (a failure, warnings, a veto case, an
/// answer that may pass `MAX_ANSWER_BYTES`).
pub enum Compact {
    Parts(CompactParts),
    Text(String),
}

/// [`ok_compact`]'s answer as numbers and text, value for value. `numbers`: total, base, bonus,
/// deductions, grade and grade_by_score (indices in [`compact_words`]), vetoed (0 or 1); then per line
/// its kind (an index in [`compact_words`]), points, weight (NaN: none) and derived (0 or 1). `ids`:
/// the lines' ids one after another, each `id_units[k]` UTF-16 units long.
pub struct CompactParts {
    pub numbers: Vec<f64>,
    pub ids: String,
    pub id_units: Vec<u32>,
}

/// The words the compact parts index: the line kinds, then the grades.
pub fn compact_words() -> impl Iterator<Item = &'static str> {
    use crate::assessment::LineKind;
    let kinds = [LineKind::Result, LineKind::Process, LineKind::Bonus, LineKind::Deduction];
    kinds.into_iter().map(LineKind::as_str).chain(crate::model::GRADES.iter().map(|l| l.value))
}

/// A line kind's index in [`compact_words`] (their declaration order; a unit test holds it).
fn kind_index(k: crate::assessment::LineKind) -> f64 {
    f64::from(k as u8)
}

/// A grade's index in [`compact_words`]: after the four kinds, in `GRADES` order.
fn grade_index(g: crate::model::Grade) -> f64 {
    f64::from(4 + g as u8)
}

/// UTF-16 units of `s` (its bytes when it is ASCII, as ids are).
fn utf16_units(s: &str) -> u32 {
    (if s.is_ascii() { s.len() } else { s.encode_utf16().count() }) as u32
}

/// The parts of [`ok_compact`]'s answer, or its text where the parts do not carry it.
pub fn compact_parts(c: &crate::assessment::CompactScore, warnings: &[Issue]) -> Compact {
    // An upper bound of the text's length: a line's fixed text and two numbers are under 120 bytes,
    // and an escaped id at most 6 bytes a byte.
    let bound = 320 + c.lines.iter().map(|l| 120 + 6 * l.id.len()).sum::<usize>();
    if !warnings.is_empty() || c.veto_case.is_some() || bound > limits::MAX_ANSWER_BYTES {
        return Compact::Text(ok_compact(c, warnings));
    }
    let mut numbers = Vec::with_capacity(7 + 4 * c.lines.len());
    numbers.extend_from_slice(&[
        c.total.as_f64(),
        c.base.as_f64(),
        c.bonus.as_f64(),
        c.deductions.as_f64(),
        grade_index(c.grade),
        grade_index(c.grade_by_score),
        f64::from(u8::from(c.vetoed)),
    ]);
    let mut ids = String::with_capacity(c.lines.iter().map(|l| l.id.len()).sum());
    let mut id_units = Vec::with_capacity(c.lines.len());
    for l in &c.lines {
        numbers.extend_from_slice(&[
            kind_index(l.kind),
            l.points.as_f64(),
            l.weight.map_or(f64::NAN, crate::exact::Points::as_f64),
            f64::from(u8::from(l.derived)),
        ]);
        ids.push_str(l.id);
        id_units.push(utf16_units(l.id));
    }
    Compact::Parts(CompactParts { numbers, ids, id_units })
}

/// Hundredths as serde_json prints their f64 in every other answer (`-1.25`, `9.1`, `20.0`): the same
/// bytes, without its float formatting. From 10^13 on (no score comes near), serde_json's own text.
fn push_points(out: &mut String, p: crate::exact::Points) {
    use std::fmt::Write;
    let a = p.0.unsigned_abs();
    if a >= 1_000_000_000_000_000 {
        out.push_str(&to_text_capped(&p.as_f64(), 64).unwrap_or_else(|| "null".into()));
        return;
    }
    if p.0 < 0 {
        out.push('-');
    }
    let _ = write!(out, "{}.", a / 100);
    let f = a % 100;
    out.push(char::from(b'0' + (f / 10) as u8));
    if f % 10 != 0 {
        out.push(char::from(b'0' + (f % 10) as u8));
    }
}

/// A JSON string, escaped as serde_json escapes it ([`crate::tape::push_json_str`]).
fn push_json_str(out: &mut String, s: &str) {
    let mut b = Vec::with_capacity(s.len() + 2);
    crate::tape::push_json_str(&mut b, s);
    out.push_str(std::str::from_utf8(&b).unwrap_or_default());
}

fn answer<T: Serialize>(r: Result<(T, Vec<Issue>), Vec<Issue>>) -> String {
    answer_as(r)
}

fn answer_as<O: Out, T: Serialize>(r: Result<(T, Vec<Issue>), Vec<Issue>>) -> O {
    match r {
        Ok((body, warnings)) => ok_as(&body, &warnings),
        Err(errors) => failed_as(&errors),
    }
}

/// `too_deep` at the root (the bindings' answer when `JSON.stringify` ran out of stack on a value).
pub fn too_deep() -> Vec<Issue> {
    validation::too_deep()
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
    // The embedded text is itself the plain object (it round-trips through `new Engine(p)`), already in
    // the form a value is written in (build.rs): handed out as it is, nothing parsed.
    crate::policy::DEFAULT_POLICY_JSON.to_string()
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
        None => failed(&unknown_kind(kind)),
    }
}

fn unknown_kind(kind: Option<&str>) -> Vec<Issue> {
    vec![Issue::error(
        Code::UnknownKind,
        "",
        format!(
            "未知的记录类型“{}”；可用：{}",
            crate::issue::short(kind.unwrap_or(""), 40),
            Kind::ALL.join("、")
        ),
        format!(
            "unknown record kind “{}”; one of: {}",
            crate::issue::short(kind.unwrap_or(""), 40),
            Kind::ALL.join(", ")
        ),
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
        // A dossier's check is its load (engine/load.rs): clean text takes the one-pass read.
        Some(Kind::Dossier) => match e.load_text(text) {
            Ok((_, w)) => (Vec::new(), w),
            Err(errs) => (errs, Vec::new()),
        },
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
    standard_issues(&errors, lang)
}

/// Standard Schema v1 `{ issues: [{ message, path: [segments], code }] }`.
pub fn standard_issues(errors: &[Issue], lang: &str) -> String {
    let issues: Vec<Value> = errors
        .iter()
        .map(|i| {
            let msg = if lang == "en" { &i.message.en } else { &i.message.zh };
            let path: Vec<Value> = crate::issue::pointer_segments(&i.path)
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

/// The options object of rev. 2: `{ at: "YYYY-MM-DD" }` (absent, `null` or `{}`: none). Errors point
/// into it as `/options/…`.
pub fn options_at(text: Option<&str>) -> Result<Option<crate::date::Date>, Vec<Issue>> {
    let Some(t) = text else { return Ok(None) };
    let v = parse(Some(t), limits::MAX_INPUT_BYTES).map_err(|errs| {
        errs.into_iter()
            .map(|mut i| {
                i.path = format!("/options{}", i.path);
                i
            })
            .collect::<Vec<_>>()
    })?;
    match &v {
        Value::Null => Ok(None),
        Value::Object(m) => match m.get("at") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => crate::date::Date::parse(s).map(Some).ok_or_else(|| {
                vec![Issue::error(
                    Code::BadDate,
                    "/options/at",
                    "回放日期须为 YYYY-MM-DD 格式的真实日期",
                    "the replay date must be a real YYYY-MM-DD date",
                )]
            }),
            Some(_) => Err(vec![Issue::error(
                Code::WrongType,
                "/options/at",
                "回放日期应为 YYYY-MM-DD 格式的文字",
                "the replay date must be a YYYY-MM-DD string",
            )]),
        },
        _ => Err(vec![Issue::error(
            Code::WrongType,
            "/options",
            "选项应为对象，例如 { at: \"2025-06-30\" }",
            "options must be an object, e.g. { at: \"2025-06-30\" }",
        )]),
    }
}

pub fn evaluate(e: &Engine, text: Option<&str>) -> String {
    evaluate_at(e, text, None)
}

/// `evaluate(dossier, { at })`.
pub fn evaluate_at(e: &Engine, text: Option<&str>, options: Option<&str>) -> String {
    evaluate_at_as(e, text, options)
}

/// [`evaluate_at`] as text or as an [`Answer`].
pub fn evaluate_at_as<O: Out>(e: &Engine, text: Option<&str>, options: Option<&str>) -> O {
    answer_as(options_at(options).and_then(|at| e.evaluate_text_at(text, at)))
}

pub fn score(e: &Engine, text: Option<&str>) -> String {
    score_of(e, text)
}

/// [`score`] as text or as an [`Answer`].
pub fn score_of<O: Out>(e: &Engine, text: Option<&str>) -> O {
    answer_as(e.score_text(text))
}

/// `score(dossier, { compact: true })`: ids and numbers only (names and bases: [`labels`]).
pub fn score_compact(e: &Engine, text: Option<&str>) -> String {
    score_compact_as(e, text, ok_compact, |t| t)
}

/// `score(d, { compact: true })` as [`Compact`] parts, for the bindings to build the object from.
pub fn score_compact_parts(e: &Engine, text: Option<&str>) -> Compact {
    score_compact_as(e, text, compact_parts, Compact::Text)
}

/// Writes a compact answer as text ([`ok_compact`]) or as parts ([`compact_parts`]).
type CompactAnswer<R> = fn(&crate::assessment::CompactScore, &[Issue]) -> R;

fn score_compact_as<R>(
    e: &Engine,
    text: Option<&str>,
    answer: CompactAnswer<R>,
    failure: fn(String) -> R,
) -> R {
    // The dossier is dropped after the answer is written, not before: its many small blocks then go
    // back to the allocator after the answer's one larger block is taken (glibc consolidates its
    // free lists when a large block is asked for just after many small ones were freed).
    let (d, warnings) = match e.load_text(text) {
        Ok(x) => x,
        Err(errors) => return failure(failed(&errors)),
    };
    let out = match e.score_as(&d, crate::assessment::Detail::Ids) {
        Ok(a) => answer(&crate::assessment::CompactScore::of(&a), &warnings),
        Err(errors) => failure(failed(&errors)),
    };
    drop(d);
    out
}

/// `engine.labels()`: the names and bases the compact answers leave out, once.
pub fn labels(e: &Engine) -> String {
    to_text(&crate::assessment::labels(e.policy()))
}

/// The batch answer (JSON text of the whole batch in one string): every item must stay within the
/// per-dossier limits (`MAX_INPUT_BYTES` as JSON text, measured item by item), and fails only itself.
pub fn evaluate_many(e: &Engine, text: Option<&str>) -> String {
    let v = match parse(text, limits::MAX_BATCH_BYTES) {
        Ok(v) => v,
        Err(errors) => return failed(&errors),
    };
    let items = match e.batch(&v) {
        Ok(items) => items,
        Err(errors) => return failed(&errors),
    };
    let items = items.iter().map(|item| {
        let n = crate::patch::extent(item, limits::MAX_INPUT_BYTES + 1).bytes;
        if n > limits::MAX_INPUT_BYTES {
            Err(validation::too_large(n, limits::MAX_INPUT_BYTES))
        } else {
            Ok(item)
        }
    });
    many(e, items)
}

/// `evaluateMany` from texts converted one by one, as one JSON text (the native path).
pub fn evaluate_many_items(e: &Engine, items: impl Iterator<Item = Result<String, Vec<Issue>>>) -> String {
    whole_batch(|emit| evaluate_many_each(e, items, emit))
}

/// `evaluateMany` from texts converted one by one (the binding's path): `Err` is that item's failure.
/// Each item's answer text goes to `emit` as soon as it is written, so a caller that hands it on at
/// once (the binding parses it into a JS array) keeps one answer in wasm memory, not the batch's; the
/// result is the ranking's JSON text.
pub fn evaluate_many_each(
    e: &Engine,
    items: impl Iterator<Item = Result<String, Vec<Issue>>>,
    emit: impl FnMut(&str),
) -> String {
    let mut w = Batch::new(emit);
    for item in items {
        match item {
            Ok(_) if w.full() => w.push_too_large(),
            Ok(t) => w.push(e.evaluate_text_at(Some(&t), None)),
            Err(errors) => w.push(Err(errors)),
        }
    }
    w.finish()
}

fn many<'v>(e: &Engine, items: impl Iterator<Item = Result<&'v Value, Vec<Issue>>>) -> String {
    whole_batch(|emit| {
        let mut w = Batch::new(emit);
        for item in items {
            match item {
                Ok(_) if w.full() => w.push_too_large(),
                Ok(v) => w.push(e.evaluate_value(v)),
                Err(errors) => w.push(Err(errors)),
            }
        }
        w.finish()
    })
}

/// `{ ok: true, results: […], ranking, warnings: [] }` around the items `run` emits.
fn whole_batch(run: impl FnOnce(&mut dyn FnMut(&str)) -> String) -> String {
    let mut out = String::with_capacity(1 << 16);
    out.push_str(BATCH_HEAD);
    let mut first = true;
    let ranking = run(&mut |t: &str| {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(t);
    });
    out.push_str(r#"],"ranking":"#);
    out.push_str(&ranking);
    out.push_str(r#","warnings":[]}"#);
    out
}

const BATCH_HEAD: &str = r#"{"ok":true,"results":["#;

/// The batch answer, written item by item: each report is serialised as soon as it is made (under the
/// per-answer ceiling) and only its ranking line is kept. Past `MAX_BATCH_ANSWER_BYTES` in all (the
/// bytes of the whole answer text, counted as the items are emitted), the remaining items answer
/// `answer_too_large` each, so the batch answer stays bounded too.
struct Batch<F: FnMut(&str)> {
    emit: F,
    used: usize,
    lines: Vec<crate::engine::RankLine>,
    stop: bool,
}

impl<F: FnMut(&str)> Batch<F> {
    fn new(emit: F) -> Batch<F> {
        Batch { emit, used: BATCH_HEAD.len(), lines: Vec::new(), stop: false }
    }
    /// Past the batch ceiling: later items are not evaluated at all (bounded work too).
    fn full(&self) -> bool {
        self.stop || self.used >= limits::MAX_BATCH_ANSWER_BYTES
    }
    fn put(&mut self, text: &str) {
        // The comma before every item but the first.
        self.used += text.len() + usize::from(self.used > BATCH_HEAD.len());
        (self.emit)(text);
    }
    fn push_too_large(&mut self) {
        self.put(&answer_too_large(limits::MAX_BATCH_ANSWER_BYTES));
    }
    fn push(&mut self, r: Result<(crate::engine::Report, Vec<Issue>), Vec<Issue>>) {
        let room = limits::MAX_BATCH_ANSWER_BYTES.saturating_sub(self.used).min(limits::MAX_ANSWER_BYTES);
        let text = match r {
            Ok((report, warnings)) => {
                match to_text_capped(&Ok { ok: true, body: &report, warnings: &warnings }, room) {
                    Some(t) => {
                        if let Some(a) = &report.assessment {
                            self.lines.push(crate::engine::RankLine {
                                unit: report.unit.id.clone(),
                                total: a.total,
                                grade: a.grade,
                                rank: 0,
                            });
                        }
                        t
                    }
                    None => {
                        // Past the room left in the batch (not only past the per-answer ceiling): stop.
                        self.stop = room < limits::MAX_ANSWER_BYTES;
                        answer_too_large(room)
                    }
                }
            }
            Err(errors) => to_text_capped(&Failed { ok: false, errors: &errors }, room)
                .unwrap_or_else(|| answer_too_large(room)),
        };
        self.put(&text);
    }
    fn finish(self) -> String {
        to_text(&crate::engine::rank(self.lines))
    }
}

pub fn what_if(e: &Engine, dossier: Option<&str>, patch: Option<&str>) -> String {
    what_if_at(e, dossier, patch, None)
}

/// `whatIf(dossier, patch, { at })`.
pub fn what_if_at(e: &Engine, dossier: Option<&str>, patch: Option<&str>, options: Option<&str>) -> String {
    what_if_at_as(e, dossier, patch, options)
}

/// [`what_if_at`] as text or as an [`Answer`].
pub fn what_if_at_as<O: Out>(
    e: &Engine,
    dossier: Option<&str>,
    patch: Option<&str>,
    options: Option<&str>,
) -> O {
    let at = match options_at(options) {
        Ok(at) => at,
        Err(errs) => return failed_as(&errs),
    };
    let r = match parse(patch, limits::MAX_INPUT_BYTES) {
        Ok(p) => e.what_if_of(Source::Text(dossier), &p, at),
        // The dossier's own syntax errors come first, as they always did.
        Err(errs) => Err(parse(dossier, limits::MAX_INPUT_BYTES).err().unwrap_or_else(|| {
            errs.into_iter()
                .map(|mut i| {
                    i.path = format!("/patch{}", i.path);
                    i
                })
                .collect::<Vec<_>>()
        })),
    };
    answer_as(r)
}

pub fn to_reach(e: &Engine, dossier: Option<&str>, grade: Option<&str>) -> String {
    answer(e.to_reach_of(Source::Text(dossier), grade))
}

pub fn eligibility(e: &Engine, dossier: Option<&str>, subject: Option<&str>, date: Option<&str>) -> String {
    eligibility_at(e, dossier, subject, date, None)
}

/// `eligibility(dossier, subject, date, { at })`.
pub fn eligibility_at(
    e: &Engine,
    dossier: Option<&str>,
    subject: Option<&str>,
    date: Option<&str>,
    options: Option<&str>,
) -> String {
    answer(options_at(options).and_then(|at| e.eligibility_of(Source::Text(dossier), subject, date, at)))
}

/// Prepare a dossier once for repeated what-if scoring; `Err` holds the envelope `{ ok: false, errors }`.
pub fn prepare(e: &Engine, text: Option<&str>) -> Result<crate::engine::Prepared, String> {
    prepare_at(e, text, None)
}

/// `prepare(dossier, { at })`.
pub fn prepare_at(
    e: &Engine,
    text: Option<&str>,
    options: Option<&str>,
) -> Result<crate::engine::Prepared, String> {
    options_at(options).and_then(|at| e.prepare_of(Source::Text(text), at)).map_err(|errs| failed(&errs))
}

pub fn prepared_score(p: &crate::engine::Prepared) -> String {
    prepared_score_as(p)
}

/// [`prepared_score`] as text or as an [`Answer`].
pub fn prepared_score_as<O: Out>(p: &crate::engine::Prepared) -> O {
    match p.score() {
        Ok(a) => ok_as(&a, p.warnings()),
        Err(e) => failed_as(&e),
    }
}

pub fn prepared_score_with(
    p: &mut crate::engine::Prepared,
    indicator: Option<&str>,
    value: Option<&str>,
) -> String {
    let v = match parse(value, limits::MAX_INPUT_BYTES) {
        Ok(v) => v,
        Err(e) => return failed(&e),
    };
    prepared_score_with_as(p, indicator, &v)
}

/// `scoreWith` (contract v1's answer) on a value already converted, as text or as an [`Answer`].
pub fn prepared_score_with_as<O: Out>(
    p: &mut crate::engine::Prepared,
    indicator: Option<&str>,
    v: &Value,
) -> O {
    match p.score_with(indicator.unwrap_or_default(), v) {
        Ok(a) => ok_as(&a, &[]),
        Err(e) => failed_as(&e),
    }
}

/// `prepared.score({ compact: true })`.
pub fn prepared_score_compact(p: &mut crate::engine::Prepared) -> String {
    prepared_compact_as(p, None, ok_compact, |t| t)
}

/// `prepared.score({ compact: true })` as [`Compact`] parts.
pub fn prepared_score_compact_parts(p: &mut crate::engine::Prepared) -> Compact {
    prepared_compact_as(p, None, compact_parts, Compact::Text)
}

/// `scoreWith(indicator, value, { compact: true })` as [`Compact`] parts.
pub fn prepared_score_with_parts(
    p: &mut crate::engine::Prepared,
    indicator: Option<&str>,
    value: &Value,
) -> Compact {
    prepared_compact_as(p, Some((indicator.unwrap_or_default(), value)), compact_parts, Compact::Text)
}

/// A compact answer of the handle (`step`: `scoreWith`'s indicator and value, else its own score) as
/// text or as parts: `answer` writes a success, `failure` takes a failure's text.
fn prepared_compact_as<R>(
    p: &mut crate::engine::Prepared,
    step: Option<(&str, &Value)>,
    answer: CompactAnswer<R>,
    failure: fn(String) -> R,
) -> R {
    // A move answers no warnings (the handle's were given with its first score).
    let warnings = if step.is_some() { Vec::new() } else { p.warnings().to_vec() };
    let scored = match step {
        Some((indicator, value)) => p.score_with_compact(indicator, value),
        None => p.score_compact(),
    };
    match scored {
        Ok(a) => answer(&a, &warnings),
        Err(e) => failure(failed(&e)),
    }
}

/// `scoreWith` on a value already converted (the bindings read a number or a string directly).
pub fn prepared_score_with_value(
    p: &mut crate::engine::Prepared,
    indicator: Option<&str>,
    value: &Value,
    compact: bool,
) -> String {
    let indicator = indicator.unwrap_or_default();
    if compact {
        prepared_compact_as(p, Some((indicator, value)), ok_compact, |t| t)
    } else {
        prepared_score_with_as(p, Some(indicator), value)
    }
}

pub fn prepared_what_if(p: &mut crate::engine::Prepared, patch: Option<&str>) -> String {
    prepared_what_if_as(p, patch)
}

/// [`prepared_what_if`] as text or as an [`Answer`].
pub fn prepared_what_if_as<O: Out>(p: &mut crate::engine::Prepared, patch: Option<&str>) -> O {
    answer_as(parse(patch, limits::MAX_INPUT_BYTES).and_then(|v| p.what_if(&v)))
}

/// `tableTemplate()`: `{ headers: [{ key, zh, en }] }` for the engine's scheme (issue 16).
pub fn table_template(e: &Engine) -> String {
    to_text(&crate::table::template(e.policy()))
}

/// `fromTable(rows, { year, as_of })`: the sheet's rows as dossiers, with the issues of its bad cells.
pub fn from_table(e: &Engine, rows: Option<&str>, options: Option<&str>) -> String {
    let r = parse(rows, limits::MAX_BATCH_BYTES).and_then(|rows| {
        let o = parse(options, limits::MAX_INPUT_BYTES).map_err(|errs| {
            errs.into_iter()
                .map(|mut i| {
                    i.path = format!("/options{}", i.path);
                    i
                })
                .collect::<Vec<_>>()
        })?;
        crate::table::from_table(e, &rows, &o)
    });
    answer(r)
}

/// `reform(dossiers, policy)`: every dossier under the engine's pack and under `policy`.
pub fn reform(e: &Engine, dossiers: Option<&str>, policy: Option<&str>) -> String {
    let r = parse(dossiers, limits::MAX_BATCH_BYTES).and_then(|d| {
        let p = parse(policy, limits::MAX_INPUT_BYTES).map_err(|errs| {
            errs.into_iter()
                .map(|mut i| {
                    i.path = format!("/policy{}", i.path);
                    i
                })
                .collect::<Vec<_>>()
        })?;
        crate::reform::reform(e, &d, &p)
    });
    answer(r)
}

/// Every vocabulary by its exported name (`vocabularies()` in JS).
pub const VOCABULARIES: &[(&str, &[crate::shape::Label])] = &[
    ("unit_kind", crate::model::UNIT_KINDS),
    ("level", crate::model::LEVELS),
    ("role", crate::model::ROLES),
    ("post", crate::model::POSTS),
    ("domain", crate::model::DOMAINS),
    ("activity", crate::model::ACTIVITY_TYPES),
    ("recipient", crate::model::RECIPIENTS),
    ("together", crate::model::TOGETHER),
    ("category", crate::model::CATEGORIES),
    ("severity", crate::model::SEVERITIES),
    ("impact", crate::model::IMPACTS),
    ("finding", crate::model::FINDINGS),
    ("concern", crate::model::CONCERNS),
    ("alleges", crate::model::ALLEGES),
    ("circumstance_kind", crate::model::CIRCUMSTANCE_KINDS),
    ("circumstance_what", crate::model::CIRCUMSTANCE_WHATS),
    ("grade", crate::model::GRADES),
    ("award", crate::model::AWARDS),
    ("status", crate::model::STATUSES),
    ("measure", crate::model::MEASURES),
    ("what", crate::model::BARS),
    ("case_status", crate::model::CASE_STATUSES),
    ("tripod", crate::model::TRIPODS),
    ("kind", crate::model::LINE_KINDS),
    ("clause", crate::model::CLAUSES),
    // The policy pack's (src/policy.rs).
    ("origin", crate::policy::ORIGINS),
    ("indicator_kind", crate::policy::INDICATOR_KINDS),
    ("check", crate::policy::CHECKS),
    ("by", crate::policy::BYS),
    ("scope", crate::policy::SCOPES),
    ("flag", crate::policy::FLAGS),
    ("units", crate::policy::UNITS),
];

/// `vocabularies()`: every vocabulary of the library, `{ name: [{ value, zh, en }] }` (model.rs).
pub fn vocabularies() -> String {
    let m: serde_json::Map<String, Value> = VOCABULARIES
        .iter()
        .map(|(name, list)| ((*name).to_string(), serde_json::to_value(list).unwrap_or(Value::Null)))
        .collect();
    to_text(&m)
}

/// Read the hooks of an options object (`{ messages, dictionary }`); `Err` is the failure list.
pub fn config_of(text: Option<&str>) -> Result<crate::config::Config, Vec<Issue>> {
    let Some(t) = text else { return Ok(crate::config::Config::default()) };
    let v = parse(Some(t), limits::MAX_INPUT_BYTES)?;
    match v {
        Value::Null | Value::Object(_) => crate::config::Config::from_value(&v),
        _ => Err(vec![Issue::error(
            Code::WrongType,
            "/options",
            "选项应为对象，例如 { messages, dictionary }",
            "options must be an object, e.g. { messages, dictionary }",
        )]),
    }
}

/// `engine.configure({ messages, dictionary })`: `{ ok, errors }`; nothing changes when it fails.
pub fn configure(e: &mut Engine, text: Option<&str>) -> String {
    match config_of(text) {
        Ok(c) => {
            e.configure(c);
            validation_failed(&[]).replacen("false", "true", 1)
        }
        Err(errors) => validation_failed(&errors),
    }
}

/// `validate(kind, record, { as_of, localities, leaders, messages?, dictionary? })` (issue 14.5); the
/// hooks given here apply to this call only.
pub fn validate_with(e: &Engine, kind: Option<&str>, text: Option<&str>, options: Option<&str>) -> String {
    #[derive(Serialize)]
    struct V<'a> {
        ok: bool,
        errors: &'a [Issue],
        warnings: &'a [Issue],
    }
    let opts = match options.map(|t| parse(Some(t), limits::MAX_INPUT_BYTES)) {
        None => Value::Null,
        Some(Ok(v @ (Value::Null | Value::Object(_)))) => v,
        Some(Ok(_)) => {
            return validation_failed(&[Issue::error(
                Code::WrongType,
                "/options",
                "选项应为对象，例如 { as_of, localities, leaders }",
                "options must be an object, e.g. { as_of, localities, leaders }",
            )])
        }
        Some(Err(errs)) => return validation_failed(&errs),
    };
    let ctx = match crate::context::RecordContext::from_value(&opts) {
        Ok(c) => c,
        Err(errs) => return validation_failed(&errs),
    };
    let mut engine = e.clone();
    match crate::config::Config::from_value(&opts) {
        Ok(c) if !c.is_empty() => engine.configure(c),
        Ok(_) => {}
        Err(errs) => return validation_failed(&errs),
    }
    let (errors, warnings) = match kind.and_then(Kind::parse) {
        None => (unknown_kind(kind), Vec::new()),
        Some(k) => match parse(text, limits::MAX_INPUT_BYTES) {
            Ok(v) => engine.validate_in(k, &v, &ctx),
            Err(errs) => (errs, Vec::new()),
        },
    };
    to_text(&V { ok: errors.is_empty(), errors: &errors, warnings: &warnings })
}

#[cfg(test)]
mod tests {
    /// `defaultPolicy()` hands out the compiled-in pack as it is (build.rs wrote it as a value is written).
    #[test]
    fn default_policy_is_the_compiled_in_text() {
        assert_eq!(super::default_policy(), crate::policy::DEFAULT_POLICY_JSON);
    }

    /// The hand-written compact answer is the text serde writes for the same score, to the byte: every
    /// member in order, every number (whole, tenths, hundredths, negative, past 10^13), ids escaped (a
    /// quote, a backslash, control characters, CJK).
    #[test]
    fn compact_answer_is_the_serde_text() {
        use crate::assessment::{CompactLine, CompactScore, LineKind};
        use crate::exact::Points;
        use crate::model::Grade;
        let line = |id, kind, points, weight, derived| CompactLine {
            id,
            kind,
            points: Points(points),
            weight,
            derived,
        };
        let lines = vec![
            line("satisfaction", LineKind::Result, 909, Some(Points(2000)), false),
            line("leadership_duties", LineKind::Process, 1000, Some(Points(1050)), true),
            line("b\"1\\x\u{1}\u{1f}\n\t\r\u{8}\u{c}/", LineKind::Bonus, 250, None, false),
            line("incident/事件", LineKind::Deduction, -125, None, false),
            line("circular/x", LineKind::Deduction, -10, None, false),
        ];
        for (veto, warnings) in
            [(None, vec![]), (Some("25.2/I1"), vec![crate::validation::required("/unit")])]
        {
            let c = CompactScore {
                total: Points(1_234_567_891_234_567_891),
                base: Points(6733),
                bonus: Points(99_999_999_999_999),
                deductions: Points(0),
                grade: Grade::Fail,
                grade_by_score: Grade::Pass,
                vetoed: veto.is_some(),
                veto_case: veto,
                lines: lines.clone(),
            };
            assert_eq!(super::ok_compact(&c, &warnings), super::ok(&c, &warnings));
            // The parts carry the same answer, value for value (read back as src/compact.js does),
            // where they are used: no warnings, no veto case.
            match super::compact_parts(&c, &warnings) {
                super::Compact::Text(t) => {
                    assert!(veto.is_some() && t == super::ok_compact(&c, &warnings))
                }
                super::Compact::Parts(p) => {
                    assert!(veto.is_none());
                    let text: serde_json::Value =
                        serde_json::from_str(&super::ok_compact(&c, &warnings)).unwrap(); // ok: test
                    assert_eq!(parts_value(&p), text);
                }
            }
        }
    }

    /// What src/compact.js builds from the parts, built here from the layout api::CompactParts documents.
    fn parts_value(p: &super::CompactParts) -> serde_json::Value {
        use serde_json::{json, Value};
        let words: Vec<&str> = super::compact_words().collect();
        let n = &p.numbers;
        let num = |x: f64| json!(x);
        let (mut at, mut lines) = (0usize, vec![]);
        let units: Vec<u16> = p.ids.encode_utf16().collect();
        for (k, u) in p.id_units.iter().enumerate() {
            let id = String::from_utf16(&units[at..at + *u as usize]).unwrap(); // ok: test
            at += *u as usize;
            let i = 7 + 4 * k;
            let mut line = json!({ "id": id, "kind": words[n[i] as usize], "points": num(n[i + 1]) });
            if !n[i + 2].is_nan() {
                line["weight"] = num(n[i + 2]);
            }
            if n[i + 3] == 1.0 {
                line["derived"] = Value::Bool(true);
            }
            lines.push(line);
        }
        assert_eq!(n.len(), 7 + 4 * lines.len());
        json!({ "ok": true, "total": num(n[0]), "base": num(n[1]), "bonus": num(n[2]),
            "deductions": num(n[3]), "grade": words[n[4] as usize], "grade_by_score": words[n[5] as usize],
            "vetoed": n[6] == 1.0, "lines": lines, "warnings": [] })
    }

    /// The parts' indices are the words' positions: kinds in declaration order, then `GRADES`.
    #[test]
    fn compact_words_are_indexed_by_declaration_order() {
        use crate::assessment::LineKind;
        use crate::model::Grade;
        let words: Vec<&str> = super::compact_words().collect();
        for k in [LineKind::Result, LineKind::Process, LineKind::Bonus, LineKind::Deduction] {
            assert_eq!(words[super::kind_index(k) as usize], k.as_str());
        }
        for g in [Grade::Excellent, Grade::Good, Grade::Pass, Grade::Fail] {
            assert_eq!(words[super::grade_index(g) as usize], g.as_str());
        }
        assert_eq!(words.len(), 4 + crate::model::GRADES.len());
    }
}
