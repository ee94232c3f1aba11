//! Validation: every record a portal may submit, checked against one declarative shape per kind that
//! also generates the JSON Schema (so `schema(kind)` and `validate(kind, …)` cannot drift apart), then
//! the cross-record rules of the dossier (unique ids, references, dates not after `as_of`). All problems
//! are reported at once, each with its JSON Pointer.

use crate::engine::Kind;
use crate::exact::{Decimal, DecimalError};
use crate::issue::{Code, Issue};
use crate::model;
use serde_json::{json, Map, Value};

/// Documented maxima. Each is enforced with its own error and tested at the limit and one past it.
pub mod limits {
    /// Bytes of JSON text for one dossier, record or policy (4 MiB).
    pub const MAX_INPUT_BYTES: usize = 4 << 20;
    /// Bytes of JSON text for one `evaluateMany` batch (64 MiB).
    pub const MAX_BATCH_BYTES: usize = 64 << 20;
    /// Dossiers in one `evaluateMany` batch.
    pub const MAX_BATCH: usize = 10_000;
    /// Nesting depth of any JSON input (a dossier needs 6).
    pub const MAX_DEPTH: usize = 32;
    /// Items in any one list of a dossier.
    pub const MAX_LIST: usize = 5_000;
    /// Characters of a free-text field.
    pub const MAX_TEXT: usize = 2_000;
    /// Characters of an id.
    pub const MAX_ID: usize = 64;
    /// Operations in one JSON Patch.
    pub const MAX_PATCH_OPS: usize = 1_000;
    /// Bytes (as JSON text) one JSON Patch may copy, move, remove, replace or compare in all (32 MiB):
    /// bounds the work of copy amplification. The patched dossier itself stays within `MAX_INPUT_BYTES`.
    pub const MAX_PATCH_WORK: usize = 32 << 20;
    /// Bytes of JSON text in one answer (32 MiB: 5,000 cases at the list limit need about 19 MB); a larger
    /// answer is `answer_too_large`.
    pub const MAX_ANSWER_BYTES: usize = 32 << 20;
    /// Bytes of JSON text in one `evaluateMany` answer (128 MiB); items past it answer `answer_too_large`.
    pub const MAX_BATCH_ANSWER_BYTES: usize = 128 << 20;
}

fn issue_nojson(zh: &str, en: &str) -> Vec<Issue> {
    vec![Issue::error(Code::NotJson, "", zh, en)]
}

/// Is the value nested deeper than `max`? Iterative, so it never recurses. (Text deeper than serde_json's
/// own limit of 128 never becomes a value: the parser stops first.)
fn depth_exceeds(v: &Value, max: usize) -> bool {
    let mut stack: Vec<(&Value, usize)> = vec![(v, 1)];
    while let Some((x, d)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match x {
            Value::Array(a) => Box::new(a.iter()),
            Value::Object(m) => Box::new(m.values()),
            _ => continue,
        };
        if d > max {
            return true;
        }
        stack.extend(children.filter(|c| c.is_array() || c.is_object()).map(|c| (c, d + 1)));
    }
    false
}

fn too_deep() -> Vec<Issue> {
    vec![Issue::error(
        Code::TooDeep,
        "",
        format!("嵌套层级超过上限 {}", limits::MAX_DEPTH),
        format!("nesting deeper than the limit of {}", limits::MAX_DEPTH),
    )]
}

/// `input_too_large` for `n` bytes against `max`.
pub fn too_large(n: usize, max: usize) -> Vec<Issue> {
    vec![Issue::error(
        Code::InputTooLarge,
        "",
        format!("输入过大:{} 字节,上限 {} 字节", n, max),
        format!("input too large: {} bytes, the limit is {}", n, max),
    )]
}

/// JSON text → value, under the size and depth limits. Numbers are read as `JSON.parse` reads them: a
/// whole number written `2025.0`, `2.025e3` or `20250e-1` is the integer 2025. A lone UTF-16 surrogate
/// (`JSON.stringify` writes one as `\ud800`; Rust strings cannot hold it) is `lone_surrogate` at the
/// JSON Pointer of its field; any other syntax error is `not_json` at the pointer where it was found.
pub fn parse_json(text: Option<&str>, max_bytes: usize) -> Result<Value, Vec<Issue>> {
    let Some(t) = text else {
        return Err(issue_nojson(
            "输入不是 JSON 值(undefined、循环引用或 BigInt)",
            "the input is not a JSON value (undefined, a cycle or a BigInt)",
        ));
    };
    if t.len() > max_bytes {
        return Err(too_large(t.len(), max_bytes));
    }
    if let Some(at) = lone_surrogate(t) {
        let path = pointer_at(t, at);
        let field = crate::issue::pointer_segments(&path).pop().unwrap_or_default();
        return Err(vec![Issue::error(
            Code::LoneSurrogate,
            path,
            format!("字段“{}”的文本含有不成对的 UTF-16 代理字符(残缺的表情或生僻字),请重新输入", short(&field)),
            format!("the text of the field “{}” holds an unpaired UTF-16 surrogate (a broken emoji or character); please enter it again", short(&field)),
        )]);
    }
    let mut v: Value = serde_json::from_str(t).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            return too_deep();
        }
        let path = pointer_at(t, offset_of(t, e.line(), e.column()));
        vec![Issue::error(
            Code::NotJson,
            path,
            format!("输入不是合法的 JSON(第 {} 行第 {} 列)", e.line(), e.column()),
            format!("the input is not valid JSON (line {}, column {})", e.line(), e.column()),
        )]
    })?;
    if depth_exceeds(&v, limits::MAX_DEPTH) {
        return Err(too_deep());
    }
    whole_numbers(&mut v);
    Ok(v)
}

/// Integral floats become integers, as in JavaScript (one number type): `2025.0` is `2025`. Iterative.
fn whole_numbers(v: &mut Value) {
    let mut stack: Vec<&mut Value> = vec![v];
    while let Some(x) = stack.pop() {
        match x {
            Value::Number(n) if n.is_f64() => {
                if let Some(f) = n.as_f64() {
                    // Within ±2^53 every whole f64 is exactly an i64.
                    if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 {
                        *x = Value::from(f as i64);
                    }
                }
            }
            Value::Array(a) => stack.extend(a.iter_mut()),
            Value::Object(m) => stack.extend(m.values_mut()),
            _ => {}
        }
    }
}

/// Byte offset of a 1-based (line, column) position of serde_json.
fn offset_of(t: &str, line: usize, column: usize) -> usize {
    let start: usize = t.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column.saturating_sub(1)).min(t.len())
}

/// Byte offset of the first `\uXXXX` escape that is an unpaired surrogate inside a string, if any.
fn lone_surrogate(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let hex = |i: usize| -> Option<u32> { u32::from_str_radix(t.get(i..i + 4)?, 16).ok() };
    let mut i = 0;
    let mut in_str = false;
    while let Some(&c) = b.get(i) {
        match (in_str, c) {
            (false, b'"') => in_str = true,
            (true, b'"') => in_str = false,
            (true, b'\\') => {
                if b.get(i + 1) == Some(&b'u') {
                    if let Some(u) = hex(i + 2) {
                        if (0xD800..0xDC00).contains(&u) {
                            let low = if b.get(i + 6) == Some(&b'\\') && b.get(i + 7) == Some(&b'u') { hex(i + 8) } else { None };
                            if !low.is_some_and(|l| (0xDC00..0xE000).contains(&l)) {
                                return Some(i);
                            }
                            i += 12;
                            continue;
                        }
                        if (0xDC00..0xE000).contains(&u) {
                            return Some(i);
                        }
                    }
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The JSON Pointer of the value (or the member name) at byte `target` of JSON text, by one iterative
/// scan that keeps the path of open containers: messages point at the field, never at a column of text
/// the caller did not write (bindings stringify objects).
pub fn pointer_at(t: &str, target: usize) -> String {
    struct Frame {
        object: bool,
        token: String,
        index: usize,
        expect_key: bool,
    }
    let join = |frames: &[Frame]| -> String {
        let mut p = String::new();
        for f in frames {
            push_token(&mut p, &f.token);
        }
        p
    };
    let b = t.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if i >= target && !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
            return join(&stack);
        }
        match c {
            b'{' => stack.push(Frame { object: true, token: String::new(), index: 0, expect_key: true }),
            b'[' => stack.push(Frame { object: false, token: "0".into(), index: 0, expect_key: false }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    if f.object {
                        f.expect_key = true;
                    } else {
                        f.index += 1;
                        f.token = f.index.to_string();
                    }
                }
            }
            b':' => {
                if let Some(f) = stack.last_mut() {
                    f.expect_key = false;
                }
            }
            b'"' => {
                let mut j = i + 1;
                while let Some(&d) = b.get(j) {
                    match d {
                        b'\\' => j += 2,
                        b'"' => break,
                        _ => j += 1,
                    }
                }
                let end = (j + 1).min(b.len());
                let is_key = stack.last().is_some_and(|f| f.object && f.expect_key);
                if is_key {
                    let key = decode_lossy(t.get(i + 1..j.min(t.len())).unwrap_or(""));
                    if let Some(f) = stack.last_mut() {
                        f.token = key;
                    }
                }
                if target < end {
                    return join(&stack);
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    join(&stack)
}

/// A JSON string body with its escapes resolved; a lone surrogate becomes U+FFFD.
fn decode_lossy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut units: Vec<u16> = Vec::new();
    let mut chars = s.chars();
    let flush = |units: &mut Vec<u16>, out: &mut String| {
        out.extend(char::decode_utf16(units.drain(..)).map(|r| r.unwrap_or('\u{FFFD}')));
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            flush(&mut units, &mut out);
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let h: String = chars.by_ref().take(4).collect();
                match u16::from_str_radix(&h, 16) {
                    Ok(u) => units.push(u),
                    Err(_) => out.push('\u{FFFD}'),
                }
            }
            Some(e) => {
                flush(&mut units, &mut out);
                out.push(match e {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    other => other,
                });
            }
            None => {}
        }
    }
    flush(&mut units, &mut out);
    out
}

pub use crate::issue::pointer_segments;

// ---------------------------------------------------------------------------------------------------
// The shape language.

/// The type of one JSON value.
pub enum Ty {
    /// Free text up to `MAX_TEXT` characters.
    Text,
    /// A non-empty id up to `MAX_ID` characters.
    Id,
    Date,
    Year,
    Bool,
    /// A decimal number in [min, max], at most `exact::MAX_SCALE` places.
    Num(f64, f64),
    /// A whole number in [min, max].
    Int(i64, i64),
    Enum(&'static [&'static str]),
    /// A number in [min, max], or the string `"n/a"`.
    NumOrNa(f64, f64),
    List(&'static Ty, usize),
    Obj(&'static [Field]),
    /// An object with free keys (ids), each value of this type.
    Map(&'static Ty),
    /// A `{ zh, en }` text.
    Bilingual,
    /// Anything (checked elsewhere).
    Any,
}

pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
}

const fn req(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, required: true }
}
const fn opt(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, required: false }
}

const NUM_ANY: Ty = Ty::Num(-1e9, 1e9);

const UNIT_F: &[Field] = &[
    req("id", Ty::Id),
    opt("name", Ty::Text),
    req("kind", Ty::Enum(model::UNIT_KINDS)),
    opt("level", Ty::Enum(model::LEVELS)),
    opt("parent", Ty::Id),
];
pub static UNIT: Ty = Ty::Obj(UNIT_F);
static LOCALITY: Ty = Ty::Obj(&[req("id", Ty::Id), opt("name", Ty::Text), req("level", Ty::Enum(model::LEVELS)), opt("parent", Ty::Id)]);
pub static LEADER: Ty = Ty::Obj(&[
    req("id", Ty::Id),
    opt("name", Ty::Text),
    req("role", Ty::Enum(model::ROLES)),
    opt("post", Ty::Text),
    opt("domains", Ty::List(&Ty::Id, 100)),
    opt("since", Ty::Date),
    opt("until", Ty::Date),
]);
const LEADING_GROUP_F: &[Field] = &[
    opt("leader", Ty::Id),
    opt("deputies", Ty::List(&Ty::Id, 100)),
    opt("office_in", Ty::Text),
    opt("budget_line", Ty::Bool),
    opt("office_director", Ty::Id),
];
static ACTIVITY: Ty = Ty::Obj(&[
    req("id", Ty::Id),
    req("type", Ty::Enum(model::ACTIVITY_TYPES)),
    req("date", Ty::Date),
    opt("by", Ty::Id),
    opt("to", Ty::Id),
    opt("incident", Ty::Id),
    opt("covers_pingan", Ty::Bool),
    opt("includes_plan", Ty::Bool),
    opt("four_together", Ty::List(&Ty::Enum(model::TOGETHER), 4)),
    opt("to_leading_group", Ty::Bool),
    opt("reported_to", Ty::List(&Ty::Enum(model::RECIPIENTS), 3)),
    opt("note", Ty::Text),
]);
/// A decision (art. 7(4), 8(5), 9(2)): major ones need a risk assessment on or before their date.
static DECISION: Ty = Ty::Obj(&[
    req("id", Ty::Id),
    req("date", Ty::Date),
    req("major", Ty::Bool),
    opt("assessed_on", Ty::Date),
    opt("domain", Ty::Id),
    opt("by", Ty::Id),
    opt("note", Ty::Text),
]);
static TARGET: Ty = Ty::Obj(&[req("metric", Ty::Id), opt("target", NUM_ANY)]);
pub static LETTER: Ty = Ty::Obj(&[
    req("id", Ty::Id),
    req("year", Ty::Year),
    req("superior", Ty::Id),
    req("subordinate", Ty::Id),
    req("date", Ty::Date),
    opt("signed_by", Ty::Obj(&[opt("superior", Ty::List(&Ty::Id, 20)), opt("subordinate", Ty::List(&Ty::Id, 20))])),
    opt("targets", Ty::List(&TARGET, 200)),
]);
static BONUS: Ty = Ty::Obj(&[req("id", Ty::Id), opt("item", Ty::Text), req("points", Ty::Num(0.0, 100.0))]);
const ASSESSMENT_F: &[Field] = &[
    opt("decided_on", Ty::Date),
    opt("indicators", Ty::Map(&Ty::NumOrNa(-1e9, 1e9))),
    opt("process", Ty::Map(&Ty::Text)),
    opt("bonus", Ty::List(&BONUS, 100)),
];
pub static ASSESSMENT: Ty = Ty::Obj(ASSESSMENT_F);
pub static INCIDENT: Ty = Ty::Obj(&[
    req("id", Ty::Id),
    req("date", Ty::Date),
    req("category", Ty::Enum(model::CATEGORIES)),
    req("severity", Ty::Enum(model::SEVERITIES)),
    opt("locality", Ty::Id),
    opt("sector", Ty::Id),
    opt("domain", Ty::Id),
    opt("impact", Ty::Enum(model::IMPACTS)),
    opt("alleges", Ty::Enum(model::ALLEGES)),
    opt("note", Ty::Text),
]);
static INSPECTION: Ty = Ty::Obj(&[
    req("id", Ty::Id),
    req("date", Ty::Date),
    req("finding", Ty::Enum(model::FINDINGS)),
    opt("rectified", Ty::Bool),
    opt("alleges", Ty::Enum(model::ALLEGES)),
    opt("note", Ty::Text),
]);
static HOTSPOT: Ty = Ty::Obj(&[
    req("id", Ty::Id),
    req("date", Ty::Date),
    req("public_concern", Ty::Enum(model::CONCERNS)),
    opt("effective_measures", Ty::Bool),
    opt("rebound", Ty::Bool),
    opt("alleges", Ty::Enum(model::ALLEGES)),
    opt("note", Ty::Text),
]);
static REFERRAL: Ty = Ty::Obj(&[req("id", Ty::Id), req("date", Ty::Date), opt("reason", Ty::Text), opt("alleges", Ty::Enum(model::ALLEGES))]);
static RECTIFICATION: Ty = Ty::Obj(&[req("case", Ty::Text), req("accepted_on", Ty::Date)]);
static CIRCUMSTANCE: Ty = Ty::Obj(&[
    req("case", Ty::Text),
    req("kind", Ty::Enum(model::CIRCUMSTANCE_KINDS)),
    opt("what", Ty::Enum(model::CIRCUMSTANCE_WHATS)),
]);
const HISTORY_F: &[Field] = &[
    opt(
        "assessments",
        Ty::List(&Ty::Obj(&[req("year", Ty::Year), req("grade", Ty::Enum(model::GRADES)), opt("vetoed", Ty::Bool), opt("total", Ty::Num(0.0, 1000.0))]), 300),
    ),
    opt("advanced_unit_cycles", Ty::List(&Ty::Year, 300)),
    opt("merits", Ty::List(&Ty::Obj(&[req("cycle", Ty::Year), req("award", Ty::Enum(model::AWARDS))]), 300)),
    opt("pingan_named", Ty::List(&Ty::Year, 300)),
    opt("pingan_work_since", Ty::Year),
    opt("outstanding_contribution", Ty::Bool),
];
pub static DOSSIER: Ty = Ty::Obj(&[
    req("as_of", Ty::Date),
    req("year", Ty::Year),
    req("unit", Ty::Obj(UNIT_F)),
    opt("localities", Ty::List(&LOCALITY, 1_000)),
    opt("leaders", Ty::List(&LEADER, 1_000)),
    opt("leading_group", Ty::Obj(LEADING_GROUP_F)),
    opt("activities", Ty::List(&ACTIVITY, limits::MAX_LIST)),
    opt("letters", Ty::List(&LETTER, limits::MAX_LIST)),
    opt("decisions", Ty::List(&DECISION, limits::MAX_LIST)),
    opt("assessment", Ty::Obj(ASSESSMENT_F)),
    opt("incidents", Ty::List(&INCIDENT, limits::MAX_LIST)),
    opt("inspections", Ty::List(&INSPECTION, limits::MAX_LIST)),
    opt("hotspots", Ty::List(&HOTSPOT, limits::MAX_LIST)),
    opt("referrals", Ty::List(&REFERRAL, limits::MAX_LIST)),
    opt("rectifications", Ty::List(&RECTIFICATION, limits::MAX_LIST)),
    opt("circumstances", Ty::List(&CIRCUMSTANCE, limits::MAX_LIST)),
    opt("history", Ty::Obj(HISTORY_F)),
]);

// The policy pack's shape (checked before its semantic rules in `policy::check`).
const BASIS_F: &[Field] = &[
    req("source", Ty::Id),
    req("article", Ty::Int(1, 1000)),
    opt("clause", Ty::Int(1, 100)),
    opt("item", Ty::Int(1, 100)),
    req("summary", Ty::Bilingual),
];
const BASIS: Ty = Ty::Obj(BASIS_F);
const ORIGINS: &[&str] = &["measures", "neighbouring_rule", "practice", "policy_choice"];
const PARAM_F: &[Field] = &[req("value", Ty::Num(-1e9, 1e9)), req("origin", Ty::Enum(ORIGINS)), req("basis", BASIS)];
const PARAM: Ty = Ty::Obj(PARAM_F);
static POLICY_PARAMS: &[Field] = &[
    req("meetings_min_per_year", PARAM),
    req("research_min_per_year", PARAM),
    req("analyses_min_per_year", PARAM),
    opt("min_tenure_days", PARAM),
    opt("handover_window_days", PARAM),
    req("repeat_count", PARAM),
    req("repeat_window_days", PARAM),
    req("circular_rectify_days", PARAM),
    req("yellow_card_rectify_days", PARAM),
    req("plan_due_working_days", PARAM),
    req("listed_rectify_days", PARAM),
    req("listed_bar_days", PARAM),
    req("veto_bar_days", PARAM),
    req("cycle_years", PARAM),
    req("third_class_consecutive", PARAM),
    req("second_class_min_years", PARAM),
    req("second_class_requires_prior_third_class", Ty::Obj(&[req("value", Ty::Bool), req("origin", Ty::Enum(ORIGINS)), req("basis", BASIS)])),
];
static INDICATOR: Ty = Ty::Obj(&[
    req("id", Ty::Id),
    req("kind", Ty::Enum(&["result", "process"])),
    req("weight", Ty::Num(0.0, 100.0)),
    opt("zero_at", Ty::Num(-1e9, 1e9)),
    opt("full_at", Ty::Num(-1e9, 1e9)),
    opt("unit", Ty::Text),
    req("name", Ty::Bilingual),
    req("basis", BASIS),
]);
const AMOUNT: Ty = Ty::Num(0.0, 1000.0);
const SCHEME_F: &[Field] = &[
    req("illustrative", Ty::Bool),
    req("note", Ty::Bilingual),
    req("indicators", Ty::List(&INDICATOR, 100)),
    req("grades", Ty::List(&Ty::Obj(&[req("grade", Ty::Id), req("fraction", Ty::Num(0.0, 1.0))]), 26)),
    req("bands", Ty::List(&Ty::Obj(&[req("grade", Ty::Enum(model::GRADES)), req("min", Ty::Num(0.0, 1000.0))]), 3)),
    req("bands_basis", BASIS),
    req("bonus", Ty::Obj(&[req("item_min", AMOUNT), req("item_max", AMOUNT), req("cap", AMOUNT), req("basis", BASIS)])),
    req(
        "deductions",
        Ty::Obj(&[
            req("cap", AMOUNT),
            req("incident", Ty::Obj(&[
                req("general", AMOUNT),
                req("larger", AMOUNT),
                req("major", AMOUNT),
                req("especially_major", AMOUNT),
            ])),
            req("inspection_finding", AMOUNT),
            req("unrectified_multiplier", AMOUNT),
            req("circular", AMOUNT),
            req("incident_basis", BASIS),
            req("inspection_basis", BASIS),
            req("circular_basis", BASIS),
            req("cap_basis", BASIS),
        ]),
    ),
    req(
        "derived",
        Ty::Obj(&[
            req("indicator", Ty::Id),
            req("steps", Ty::List(&Ty::Obj(&[req("max_findings", Ty::Int(0, 100_000)), req("grade", Ty::Id)]), 26)),
            req("otherwise", Ty::Id),
            req("basis", BASIS),
        ]),
    ),
    req("method_basis", BASIS),
];
const EVIDENCE_F: &[Field] = &[
    req("check", Ty::Enum(&["activity_count", "designation", "incident_response", "handover", "decision_assessment"])),
    opt("activities", Ty::List(&Ty::Enum(model::ACTIVITY_TYPES), 20)),
    opt("min", Ty::Int(0, 10_000)),
    opt("min_param", Ty::Id),
    opt("by", Ty::Enum(&["self", "unit"])),
    opt("scope", Ty::Enum(&["year", "ever"])),
    opt("flag", Ty::Enum(&["covers_pingan", "includes_plan", "four_together", "to_leading_group", "reported_up"])),
    opt("severities", Ty::List(&Ty::Enum(model::SEVERITIES), 4)),
    opt("domain_only", Ty::Bool),
];
static DUTY: Ty = Ty::Obj(&[
    req("id", Ty::Id),
    req("role", Ty::Enum(model::ROLES)),
    req("article", Ty::Int(1, 1000)),
    opt("clause", Ty::Int(1, 100)),
    opt("item", Ty::Int(1, 100)),
    req("summary", Ty::Bilingual),
    req("checkable", Ty::Bool),
    opt("units", Ty::Enum(&["locality", "department"])),
    opt("evidence", Ty::Obj(EVIDENCE_F)),
    opt("finding", Ty::Enum(crate::issue::CODE_STRS)),
]);
static UNIT_CHECK: Ty = Ty::Obj(&[
    req("code", Ty::Enum(crate::issue::CODE_STRS)),
    req("article", Ty::Int(1, 1000)),
    opt("clause", Ty::Int(1, 100)),
    opt("item", Ty::Int(1, 100)),
    req("summary", Ty::Bilingual),
]);
pub static POLICY: Ty = Ty::Obj(&[
    req("id", Ty::Id),
    req("version", Ty::Text),
    req("title", Ty::Bilingual),
    req("effective_from", Ty::Date),
    req("note", Ty::Bilingual),
    req("parameters", Ty::Obj(POLICY_PARAMS)),
    opt("holidays", Ty::List(&Ty::Date, 1_000)),
    req("scheme", Ty::Obj(SCHEME_F)),
    req("tripod", Ty::Obj(&[
        req("levels", Ty::List(&Ty::Obj(&[req("years", Ty::Int(1, 1000)), req("tripod", Ty::Enum(&["none", "pingan", "bronze", "silver", "gold"]))]), 20)),
        req("star_every", Ty::Int(0, 1000)),
        req("basis", BASIS),
    ])),
    req("duties", Ty::List(&DUTY, 500)),
    req("unit_checks", Ty::List(&UNIT_CHECK, 100)),
]);

pub fn shape_of(kind: Kind) -> &'static Ty {
    match kind {
        Kind::Dossier => &DOSSIER,
        Kind::Unit => &UNIT,
        Kind::Leader => &LEADER,
        Kind::Incident => &INCIDENT,
        Kind::Letter => &LETTER,
        Kind::Assessment => &ASSESSMENT,
        Kind::Policy => &POLICY,
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn expected_name(ty: &Ty) -> (&'static str, &'static str) {
    match ty {
        Ty::Text | Ty::Id => ("字符串", "a string"),
        Ty::Date => ("YYYY-MM-DD 日期", "a YYYY-MM-DD date"),
        Ty::Year => ("年份(整数)", "a year (whole number)"),
        Ty::Bool => ("布尔值", "a boolean"),
        Ty::Num(..) => ("数字", "a number"),
        Ty::Int(..) => ("整数", "a whole number"),
        Ty::Enum(_) => ("枚举值", "one of the listed values"),
        Ty::NumOrNa(..) => ("数字或 \"n/a\"", "a number or \"n/a\""),
        Ty::List(..) => ("数组", "an array"),
        Ty::Obj(_) | Ty::Map(_) => ("对象", "an object"),
        Ty::Bilingual => ("{zh, en} 文本", "a {zh, en} text"),
        Ty::Any => ("值", "a value"),
    }
}

fn wrong_type(path: &str, ty: &Ty, v: &Value) -> Issue {
    let (zh, en) = expected_name(ty);
    Issue::error(Code::WrongType, path, format!("应为{},实为 {}", zh, type_name(v)), format!("expected {}, found {}", en, type_name(v)))
}

fn check_decimal(path: &str, x: f64, min: f64, max: f64, out: &mut Vec<Issue>) {
    match Decimal::from_f64(x) {
        Err(DecimalError::TooManyDecimals) => out.push(Issue::error(
            Code::TooManyDecimals,
            path,
            format!("小数位数超过 {} 位", crate::exact::MAX_SCALE),
            format!("more than {} decimal places", crate::exact::MAX_SCALE),
        )),
        Err(_) => out.push(out_of_range(path, min, max)),
        Ok(_) if x < min || x > max => out.push(out_of_range(path, min, max)),
        Ok(_) => {}
    }
}

fn out_of_range(path: &str, min: f64, max: f64) -> Issue {
    let (a, b) = (num_text(min), num_text(max));
    Issue::error(Code::OutOfRange, path, format!("数值须在 {} 至 {} 之间", a, b), format!("the value must lie between {} and {}", a, b))
}

/// A limit as text, without core's float formatting.
fn num_text(x: f64) -> String {
    Decimal::from_f64(x).map(|d| d.to_string()).unwrap_or_else(|_| serde_json::to_string(&x).unwrap_or_default())
}

fn check_text(path: &str, s: &str, max: usize, out: &mut Vec<Issue>) {
    if s.len() > max && s.chars().count() > max {
        out.push(Issue::error(Code::TooLong, path, format!("文本超过 {} 个字符", max), format!("text longer than {} characters", max)));
    }
}

/// Walk `v` against `ty`, pushing every problem (errors and warnings) found.
pub fn check_shape(v: &Value, ty: &Ty, base: &str, out: &mut Vec<Issue>) {
    let mut path = String::with_capacity(64);
    path.push_str(base);
    walk(v, ty, &mut path, out);
}

use crate::issue::push_token;

fn push_index(path: &mut String, i: usize) -> usize {
    use std::fmt::Write;
    let len = path.len();
    let _ = write!(path, "/{}", i);
    len
}

/// The walk itself: one path buffer grows and shrinks, so nothing is allocated until a problem is found.
fn walk(v: &Value, ty: &Ty, path: &mut String, out: &mut Vec<Issue>) {
    crate::work::tick(1);
    match (ty, v) {
        (Ty::Any, _) => {}
        (Ty::Text, Value::String(s)) => check_text(path, s, limits::MAX_TEXT, out),
        (Ty::Id, Value::String(s)) => {
            if s.chars().all(char::is_whitespace) {
                out.push(Issue::error(Code::Required, path.as_str(), "编号不能为空", "an id cannot be empty"));
            }
            check_text(path, s, limits::MAX_ID, out);
        }
        (Ty::Date, Value::String(s)) => {
            if crate::date::Date::parse(s).is_none() {
                out.push(Issue::error(
                    Code::BadDate,
                    path.as_str(),
                    format!("“{}”不是有效日期(应为 YYYY-MM-DD 的真实日期)", short(s)),
                    format!("“{}” is not a real calendar date in YYYY-MM-DD form", short(s)),
                ));
            }
        }
        (Ty::Year, Value::Number(n)) => match n.as_i64() {
            Some(y) if (crate::date::MIN_YEAR as i64..=crate::date::MAX_YEAR as i64).contains(&y) => {}
            _ => out.push(out_of_range(path, crate::date::MIN_YEAR as f64, crate::date::MAX_YEAR as f64)),
        },
        (Ty::Bool, Value::Bool(_)) => {}
        (Ty::Num(min, max), Value::Number(n)) | (Ty::NumOrNa(min, max), Value::Number(n)) => {
            check_decimal(path, n.as_f64().unwrap_or(f64::NAN), *min, *max, out)
        }
        (Ty::NumOrNa(..), Value::String(s)) if s == "n/a" => {}
        (Ty::Int(min, max), Value::Number(n)) => match n.as_i64() {
            Some(i) if i >= *min && i <= *max => {}
            _ => out.push(out_of_range(path, *min as f64, *max as f64)),
        },
        (Ty::Enum(values), Value::String(s)) => {
            if !values.contains(&s.as_str()) {
                out.push(Issue::error(
                    Code::BadEnum,
                    path.as_str(),
                    format!("“{}”不是允许的取值;可用:{}", short(s), values.join("、")),
                    format!("“{}” is not allowed; one of: {}", short(s), values.join(", ")),
                ));
            }
        }
        (Ty::List(item, max), Value::Array(a)) => {
            if a.len() > *max {
                out.push(Issue::error(
                    Code::TooMany,
                    path.as_str(),
                    format!("列表有 {} 项,上限 {} 项", a.len(), max),
                    format!("the list has {} items; the limit is {}", a.len(), max),
                ));
                return;
            }
            for (i, x) in a.iter().enumerate() {
                let len = push_index(path, i);
                walk(x, item, path, out);
                path.truncate(len);
            }
        }
        (Ty::Map(item), Value::Object(m)) => {
            if m.len() > 200 {
                out.push(Issue::error(Code::TooMany, path.as_str(), "键过多(上限 200)", "too many keys (limit 200)"));
                return;
            }
            for (k, x) in m {
                let len = push_token(path, k);
                check_text(path, k, limits::MAX_ID, out);
                walk(x, item, path, out);
                path.truncate(len);
            }
        }
        (Ty::Bilingual, Value::Object(m)) => {
            for k in ["zh", "en"] {
                let len = push_token(path, k);
                match m.get(k) {
                    Some(Value::String(s)) => check_text(path, s, limits::MAX_TEXT, out),
                    Some(other) => out.push(wrong_type(path, &Ty::Text, other)),
                    None => out.push(required(path)),
                }
                path.truncate(len);
            }
        }
        (Ty::Obj(fields), Value::Object(m)) => {
            for f in fields.iter() {
                let len = push_token(path, f.name);
                match m.get(f.name) {
                    None | Some(Value::Null) if f.required => out.push(required(path)),
                    None | Some(Value::Null) => {}
                    Some(x) => walk(x, &f.ty, path, out),
                }
                path.truncate(len);
            }
            for k in m.keys() {
                if !fields.iter().any(|f| f.name == k) {
                    let len = push_token(path, k);
                    out.push(Issue::warning(
                        Code::UnknownField,
                        path.as_str(),
                        format!("未知字段“{}”,将被忽略", short(k)),
                        format!("unknown field “{}” is ignored", short(k)),
                    ));
                    path.truncate(len);
                }
            }
        }
        (t, x) => out.push(wrong_type(path, t, x)),
    }
}

fn short(s: &str) -> String {
    if s.chars().count() > 40 {
        let t: String = s.chars().take(40).collect();
        format!("{}…", t)
    } else {
        s.to_string()
    }
}

pub fn required(path: &str) -> Issue {
    Issue::error(Code::Required, path, "必填项缺失", "this field is required")
}

// ---------------------------------------------------------------------------------------------------
// JSON Schema from the same shapes.

fn schema_of(ty: &Ty) -> Value {
    match ty {
        Ty::Text => json!({ "type": "string", "maxLength": limits::MAX_TEXT }),
        Ty::Id => json!({ "type": "string", "minLength": 1, "maxLength": limits::MAX_ID }),
        Ty::Date => json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
        Ty::Year => json!({ "type": "integer", "minimum": crate::date::MIN_YEAR, "maximum": crate::date::MAX_YEAR }),
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Num(min, max) => json!({ "type": "number", "minimum": min, "maximum": max }),
        Ty::Int(min, max) => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Ty::Enum(v) => json!({ "type": "string", "enum": v }),
        Ty::NumOrNa(min, max) => json!({ "oneOf": [{ "type": "number", "minimum": min, "maximum": max }, { "const": "n/a" }] }),
        Ty::List(item, max) => json!({ "type": "array", "maxItems": max, "items": schema_of(item) }),
        Ty::Map(item) => json!({ "type": "object", "maxProperties": 200, "additionalProperties": schema_of(item) }),
        Ty::Bilingual => json!({ "type": "object", "required": ["zh", "en"], "properties": { "zh": { "type": "string" }, "en": { "type": "string" } } }),
        Ty::Any => json!({}),
        Ty::Obj(fields) => {
            let mut props = Map::new();
            for f in fields.iter() {
                props.insert(f.name.to_string(), schema_of(&f.ty));
            }
            let req: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.name).collect();
            json!({ "type": "object", "required": req, "properties": props, "additionalProperties": true })
        }
    }
}

/// JSON Schema (draft 2020-12) of a record kind, generated from the shape `validate` applies.
pub fn json_schema(kind: Kind) -> Value {
    let mut s = schema_of(shape_of(kind));
    if let Value::Object(m) = &mut s {
        m.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
        m.insert("$id".into(), json!(format!("urn:pingan:schema:{}", Kind::ALL.iter().find(|n| Kind::parse(n) == Some(kind)).unwrap_or(&"record"))));
        m.insert("title".into(), json!(format!("pingan {}", Kind::ALL.iter().find(|n| Kind::parse(n) == Some(kind)).unwrap_or(&"record"))));
    }
    s
}

// ---------------------------------------------------------------------------------------------------
// Cross-record rules, on the typed model (indices in paths are the input's own).

use crate::date::Date;
use crate::model::{AssessmentInput, Dossier, Leader, Letter, Unit};
use crate::policy::{IndicatorKind, Policy};
use std::collections::BTreeSet;

fn after_as_of(path: String, d: Date, as_of: Date) -> Issue {
    Issue::error(
        Code::DateAfterAsOf,
        path,
        format!("日期 {} 晚于截止日期 as_of {}", d, as_of),
        format!("the date {} lies after as_of {}", d, as_of),
    )
}

fn unresolved(path: String, what_zh: &str, what_en: &str, id: &str) -> Issue {
    Issue::error(
        Code::UnresolvedRef,
        path,
        format!("引用的{}“{}”不存在", what_zh, short(id)),
        format!("the referenced {} “{}” does not exist", what_en, short(id)),
    )
}

fn unique<'a>(list: impl Iterator<Item = &'a str>, base: &str, field: &str, out: &mut Vec<Issue>) {
    let ids: Vec<&str> = list.collect();
    unique_ids(&ids, base, field, out);
}

/// The non-generic body of [`unique`]: one copy of the set code however many lists call it.
#[inline(never)]
fn unique_ids(ids: &[&str], base: &str, field: &str, out: &mut Vec<Issue>) {
    let mut seen = BTreeSet::new();
    for (i, id) in ids.iter().copied().enumerate() {
        if !seen.insert(id) {
            out.push(Issue::error(
                Code::DuplicateId,
                format!("{}/{}/{}", base, i, field),
                format!("编号“{}”在列表中重复", short(id)),
                format!("the id “{}” appears twice in this list", short(id)),
            ));
        }
    }
}

/// A unit on its own: a locality needs its level, and a parent unless it is the province (art. 3).
pub fn check_unit(u: &Unit, base: &str, out: &mut Vec<Issue>) {
    if u.kind == model::UnitKind::Locality {
        match u.level {
            None => out.push(required(&format!("{}/level", base))),
            Some(model::Level::Province) => {}
            Some(_) if u.parent.is_none() => out.push(required(&format!("{}/parent", base))),
            Some(_) => {}
        }
    }
}

pub fn check_leader(l: &Leader, base: &str, out: &mut Vec<Issue>) {
    if let (Some(s), Some(u)) = (l.since, l.until) {
        if u < s {
            out.push(Issue::error(Code::DateOrder, format!("{}/until", base), "离任日期早于任职日期", "until lies before since"));
        }
    }
}

pub fn check_letter(l: &Letter, base: &str, out: &mut Vec<Issue>) {
    if l.date.year() > l.year {
        out.push(Issue::error(
            Code::YearMismatch,
            format!("{}/date", base),
            format!("签订日期在 {} 年之后", l.year),
            format!("signed after the letter's year {}", l.year),
        ));
    }
    if l.superior == l.subordinate {
        out.push(Issue::error(Code::UnresolvedRef, format!("{}/subordinate", base), "责任书双方不能相同", "the two sides of a letter must differ"));
    }
}

/// The assessment's inputs against the policy's indicators (missing ones are errors, api.md).
pub fn check_assessment(a: &AssessmentInput, p: &Policy, base: &str, out: &mut Vec<Issue>) {
    let derived = p.scheme.derived.indicator.as_str();
    for kind in [IndicatorKind::Result, IndicatorKind::Process] {
        let mut given = 0;
        for ind in p.scheme.indicators.iter().filter(|i| i.kind == kind) {
            let present = match kind {
                IndicatorKind::Result => a.indicators.get(&ind.id).map(|v| *v != model::Input::Text("n/a".into())),
                IndicatorKind::Process => a.process.get(&ind.id).map(|g| g != "n/a"),
            };
            match present {
                Some(true) => given += 1,
                Some(false) => {}
                None if kind == IndicatorKind::Process && ind.id == derived => given += 1,
                None => {
                    let section = if kind == IndicatorKind::Result { "indicators" } else { "process" };
                    out.push(Issue::error(
                        Code::Required,
                        crate::issue::ptr(&crate::issue::ptr(base, section), &ind.id),
                        format!("缺少指标“{}”(不适用时填 \"n/a\")", ind.name.zh),
                        format!("the indicator “{}” is missing (give \"n/a\" when it does not apply)", ind.name.en),
                    ));
                    given += 1;
                }
            }
        }
        if given == 0 && p.scheme.indicators.iter().any(|i| i.kind == kind) {
            let section = if kind == IndicatorKind::Result { "indicators" } else { "process" };
            out.push(Issue::error(
                Code::OutOfRange,
                format!("{}/{}", base, section),
                "同类指标不能全部为 n/a(权重无处分配)",
                "not every indicator of a kind may be n/a (its weight would have nowhere to go)",
            ));
        }
    }
    for k in a.indicators.keys() {
        if !p.scheme.indicators.iter().any(|i| i.kind == IndicatorKind::Result && &i.id == k) {
            out.push(Issue::warning(
                Code::UnknownField,
                crate::issue::ptr(&format!("{}/indicators", base), k),
                format!("政策中没有结果性指标“{}”,将被忽略", short(k)),
                format!("the policy has no result indicator “{}”; it is ignored", short(k)),
            ));
        }
    }
    for (k, g) in &a.process {
        let path = crate::issue::ptr(&format!("{}/process", base), k);
        if !p.scheme.indicators.iter().any(|i| i.kind == IndicatorKind::Process && &i.id == k) {
            out.push(Issue::warning(
                Code::UnknownField,
                path,
                format!("政策中没有过程性指标“{}”,将被忽略", short(k)),
                format!("the policy has no process indicator “{}”; it is ignored", short(k)),
            ));
        } else if g != "n/a" && !p.scheme.grades.iter().any(|s| &s.grade == g) {
            let all: Vec<&str> = p.scheme.grades.iter().map(|s| s.grade.as_str()).collect();
            out.push(Issue::error(
                Code::BadEnum,
                path,
                format!("等次“{}”无效;可用:{}、n/a", short(g), all.join("、")),
                format!("grade “{}” is not in the policy; one of: {}, n/a", short(g), all.join(", ")),
            ));
        }
    }
    let b = &p.scheme.bonus;
    for (i, item) in a.bonus.iter().enumerate() {
        let path = format!("{}/bonus/{}/points", base, i);
        match Decimal::from_f64(item.points).ok().and_then(|d| d.to_hundredths()) {
            None => out.push(Issue::error(Code::TooManyDecimals, path, "加分至多两位小数", "bonus points take at most two decimals")),
            Some(h) if h < crate::policy::hundredths(b.item_min) || h > crate::policy::hundredths(b.item_max) => {
                out.push(out_of_range(&path, b.item_min, b.item_max).with_basis(b.basis.clone()))
            }
            Some(_) => {}
        }
    }
    unique(a.bonus.iter().map(|x| x.id.as_str()), &format!("{}/bonus", base), "id", out);
}

/// Every cross-record rule of a dossier. `case_ids` are the cases its triggers open (for references
/// from rectifications and circumstances).
pub fn check_dossier(d: &Dossier, p: &Policy, case_ids: &[String], out: &mut Vec<Issue>) {
    let as_of = d.as_of;
    if d.year > as_of.year() {
        out.push(Issue::error(
            Code::YearMismatch,
            "/year",
            format!("考核年度 {} 晚于 as_of 所在年度", d.year),
            format!("the dossier's year {} lies after the year of as_of", d.year),
        ));
    }
    check_unit(&d.unit, "/unit", out);
    let mut dates: Vec<(String, Date)> = Vec::new();
    let loc_ids: BTreeSet<&str> = d.localities.iter().map(|l| l.id.as_str()).collect();
    let leader_ids: BTreeSet<&str> = d.leaders.iter().map(|l| l.id.as_str()).collect();
    let incident_ids: BTreeSet<&str> = d.incidents.iter().map(|l| l.id.as_str()).collect();
    let known_loc = |id: &str| id == d.unit.id || loc_ids.contains(id);
    if let Some(parent) = &d.unit.parent {
        if !loc_ids.contains(parent.as_str()) {
            out.push(unresolved("/unit/parent".into(), "上级地方", "parent locality", parent));
        }
    }
    unique(d.localities.iter().map(|x| x.id.as_str()), "/localities", "id", out);
    for (i, l) in d.localities.iter().enumerate() {
        if let Some(pa) = &l.parent {
            if !known_loc(pa) {
                out.push(unresolved(format!("/localities/{}/parent", i), "上级地方", "parent locality", pa));
            }
        }
    }
    unique(d.leaders.iter().map(|x| x.id.as_str()), "/leaders", "id", out);
    for (i, l) in d.leaders.iter().enumerate() {
        check_leader(l, &format!("/leaders/{}", i), out);
        if let Some(s) = l.since {
            dates.push((format!("/leaders/{}/since", i), s));
        }
        if let Some(u) = l.until {
            dates.push((format!("/leaders/{}/until", i), u));
        }
    }
    let leader_ref = |path: String, id: &str, out: &mut Vec<Issue>| {
        if !leader_ids.contains(id) {
            out.push(unresolved(path, "领导", "leader", id));
        }
    };
    if let Some(g) = &d.leading_group {
        if let Some(l) = &g.leader {
            leader_ref("/leading_group/leader".into(), l, out);
        }
        for (i, x) in g.deputies.iter().enumerate() {
            leader_ref(format!("/leading_group/deputies/{}", i), x, out);
        }
        if let Some(x) = &g.office_director {
            leader_ref("/leading_group/office_director".into(), x, out);
        }
    }
    unique(d.activities.iter().map(|x| x.id.as_str()), "/activities", "id", out);
    for (i, a) in d.activities.iter().enumerate() {
        dates.push((format!("/activities/{}/date", i), a.date));
        if let Some(b) = &a.by {
            leader_ref(format!("/activities/{}/by", i), b, out);
        }
        if let Some(t) = &a.to {
            leader_ref(format!("/activities/{}/to", i), t, out);
        }
        if let Some(x) = &a.incident {
            if !incident_ids.contains(x.as_str()) {
                out.push(unresolved(format!("/activities/{}/incident", i), "案(事)件", "incident", x));
            }
        }
    }
    unique(d.letters.iter().map(|x| x.id.as_str()), "/letters", "id", out);
    for (i, l) in d.letters.iter().enumerate() {
        let base = format!("/letters/{}", i);
        check_letter(l, &base, out);
        dates.push((format!("{}/date", base), l.date));
        if l.subordinate == d.unit.id {
            if !known_loc(&l.superior) {
                out.push(unresolved(format!("{}/superior", base), "上级地方", "superior locality", &l.superior));
            }
            for (j, s) in l.signed_by.subordinate.iter().enumerate() {
                leader_ref(format!("{}/signed_by/subordinate/{}", base, j), s, out);
            }
        } else if l.superior == d.unit.id {
            for (j, s) in l.signed_by.superior.iter().enumerate() {
                leader_ref(format!("{}/signed_by/superior/{}", base, j), s, out);
            }
        } else {
            out.push(Issue::error(
                Code::UnresolvedRef,
                format!("{}/subordinate", base),
                "责任书的一方须为本单位",
                "one side of a letter must be this unit",
            ));
        }
    }
    unique(d.decisions.iter().map(|x| x.id.as_str()), "/decisions", "id", out);
    for (i, x) in d.decisions.iter().enumerate() {
        dates.push((format!("/decisions/{}/date", i), x.date));
        if let Some(a) = x.assessed_on {
            dates.push((format!("/decisions/{}/assessed_on", i), a));
        }
        if let Some(b) = &x.by {
            leader_ref(format!("/decisions/{}/by", i), b, out);
        }
    }
    if let Some(a) = &d.assessment {
        if let Some(x) = a.decided_on {
            dates.push(("/assessment/decided_on".into(), x));
        }
        check_assessment(a, p, "/assessment", out);
    }
    unique(d.incidents.iter().map(|x| x.id.as_str()), "/incidents", "id", out);
    for (i, x) in d.incidents.iter().enumerate() {
        dates.push((format!("/incidents/{}/date", i), x.date));
        if let Some(l) = &x.locality {
            if !known_loc(l) {
                out.push(unresolved(format!("/incidents/{}/locality", i), "地方", "locality", l));
            }
        }
    }
    unique(d.inspections.iter().map(|x| x.id.as_str()), "/inspections", "id", out);
    for (i, x) in d.inspections.iter().enumerate() {
        dates.push((format!("/inspections/{}/date", i), x.date));
    }
    unique(d.hotspots.iter().map(|x| x.id.as_str()), "/hotspots", "id", out);
    for (i, x) in d.hotspots.iter().enumerate() {
        dates.push((format!("/hotspots/{}/date", i), x.date));
    }
    unique(d.referrals.iter().map(|x| x.id.as_str()), "/referrals", "id", out);
    for (i, x) in d.referrals.iter().enumerate() {
        dates.push((format!("/referrals/{}/date", i), x.date));
    }
    let failed_case = format!("25.4/{}", d.year);
    let known_cases: BTreeSet<&str> = case_ids.iter().map(String::as_str).collect();
    let case_known = |c: &str| c == failed_case || known_cases.contains(c);
    for (i, r) in d.rectifications.iter().enumerate() {
        dates.push((format!("/rectifications/{}/accepted_on", i), r.accepted_on));
        if !case_known(&r.case) {
            out.push(unresolved(format!("/rectifications/{}/case", i), "追究案件", "case", &r.case));
        }
    }
    for (i, c) in d.circumstances.iter().enumerate() {
        if !case_known(&c.case) {
            out.push(unresolved(format!("/circumstances/{}/case", i), "追究案件", "case", &c.case));
        }
    }
    for (i, m) in d.history.merits.iter().enumerate() {
        if !d.history.advanced_unit_cycles.contains(&m.cycle) {
            out.push(Issue::warning(
                Code::UnresolvedRef,
                format!("/history/merits/{}/cycle", i),
                format!("{} 年不在先进单位评选周期中", m.cycle),
                format!("{} is not among the advanced-unit cycles", m.cycle),
            ));
        }
    }
    for (path, date) in dates {
        if date > as_of {
            out.push(after_as_of(path, date, as_of));
        }
    }
}
