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
        format!("输入过大：{} 字节，上限 {} 字节", n, max),
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
            "输入不是 JSON 值（undefined、循环引用或 BigInt）",
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
            format!("字段“{}”的文本含有不成对的 UTF-16 代理字符（残缺的表情或生僻字），请重新输入", short(&field)),
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
            format!("输入不是合法的 JSON（第 {} 行第 {} 列）", e.line(), e.column()),
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
                            let low = if b.get(i + 6) == Some(&b'\\') && b.get(i + 7) == Some(&b'u') {
                                hex(i + 8)
                            } else {
                                None
                            };
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

/// The type of one JSON value. The shapes of the records are declared with their structs (`shape::record!`
/// in model.rs, policy.rs), never by hand here.
#[derive(Clone, Copy, Debug, PartialEq)]
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
    /// One value of a labelled vocabulary (model.rs): errors name the allowed values by their labels.
    Vocab(&'static [model::Label]),
    /// A number in [min, max], or the string `"n/a"`.
    NumOrNa(f64, f64),
    List(&'static Ty, usize),
    Obj(&'static [Field]),
    /// An object with free keys (ids), each value of this type.
    Map(&'static Ty),
    /// An object keyed by every value of a vocabulary (each key required, no other key), each value of
    /// this type (a policy's deduction per incident severity).
    Keyed(&'static [model::Label], &'static Ty),
    /// An object whose fields depend on the value of its tag field (a duty's evidence rule by `check`).
    Tagged(&'static Tagged),
    /// A `{ zh, en }` text.
    Bilingual,
    /// Anything (checked elsewhere).
    Any,
}

/// Keys of one map (an assessment's `indicators` or `process`).
pub const MAX_MAP_KEYS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
}

/// An internally tagged object: the tag field's name, its labelled values, and the fields of each
/// value's variant (`variants[i]` for `labels[i]`; the tag itself is not among them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tagged {
    pub tag: &'static str,
    pub labels: &'static [model::Label],
    pub variants: &'static [&'static [Field]],
}

impl Tagged {
    /// The fields of the variant whose tag value is `value`.
    pub fn variant(&self, value: &str) -> Option<&'static [Field]> {
        let i = self.labels.iter().position(|l| l.value == value)?;
        self.variants.get(i).copied()
    }
}

/// A required field (for shapes built outside `record!`, e.g. a single input).
pub const fn req(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, required: true }
}
/// An optional field.
pub const fn opt(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, required: false }
}

use crate::shape::Shape;

// The shapes `validate`, `schema(kind)` and the typed read share, each generated with its record.
pub static UNIT: Ty = *<model::Unit as Shape>::TY;
pub static LEADER: Ty = *<model::Leader as Shape>::TY;
pub static LETTER: Ty = *<model::Letter as Shape>::TY;
pub static ASSESSMENT: Ty = *<model::AssessmentInput as Shape>::TY;
pub static INCIDENT: Ty = *<model::Incident as Shape>::TY;
pub static DOSSIER: Ty = *<model::Dossier as Shape>::TY;
/// The policy pack's shape (checked before its semantic rules in `policy::check`).
pub static POLICY: Ty = *<crate::policy::Policy as Shape>::TY;

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

/// Field labels for messages: `"parent.field"` (the record list or object the field sits in) or a bare
/// `"field"`, with its Chinese and English names. Defined once; `field_label` reads it.
pub const FIELD_LABELS: &[(&str, &str, &str)] = &[
    ("unit.id", "单位代码", "unit code"),
    ("unit.name", "单位名称", "unit name"),
    ("unit.kind", "单位类别", "kind of unit"),
    ("unit.level", "行政层级", "level"),
    ("unit.parent", "上级地方", "parent locality"),
    ("localities.id", "地方代码", "locality code"),
    ("localities.name", "地方名称", "locality name"),
    ("localities.parent", "上级地方", "parent locality"),
    ("leaders.id", "领导编号", "leader id"),
    ("leaders.name", "姓名", "name"),
    ("leading_group.leader", "领导小组组长", "leading group's head"),
    ("leading_group.deputies", "领导小组副组长", "leading group's deputy heads"),
    ("activities.id", "活动编号", "activity id"),
    ("activities.by", "主持或参加的领导", "leader who took part"),
    ("activities.to", "报告对象", "leader reported to"),
    ("activities.incident", "相关案（事）件", "related incident"),
    ("letters.id", "责任书编号", "letter id"),
    ("letters.year", "责任书年度", "letter's year"),
    ("letters.date", "签订日期", "date signed"),
    ("letters.superior", "上级（发包方）", "superior side"),
    ("letters.subordinate", "下级（承包方）", "subordinate side"),
    ("signed_by.superior", "上级签字领导", "superior signatory"),
    ("signed_by.subordinate", "下级签字领导", "subordinate signatory"),
    ("targets.metric", "目标指标", "target metric"),
    ("targets.target", "目标值", "target value"),
    ("decisions.id", "决策编号", "decision id"),
    ("decisions.date", "决策日期", "decision date"),
    ("decisions.by", "提出决策的领导", "leader who proposed it"),
    ("incidents.id", "案（事）件编号", "incident id"),
    ("incidents.date", "发生日期", "date of the incident"),
    ("inspections.id", "明察暗访编号", "inspection id"),
    ("inspections.date", "检查日期", "inspection date"),
    ("hotspots.id", "治安热点编号", "hotspot id"),
    ("hotspots.date", "发现日期", "date found"),
    ("referrals.id", "移送编号", "referral id"),
    ("referrals.date", "移送日期", "referral date"),
    ("rectifications.case", "整改的追究案件", "case rectified"),
    ("circumstances.case", "相关追究案件", "case"),
    ("circumstances.kind", "情节性质", "kind of circumstance"),
    ("circumstances.what", "具体情节", "circumstance"),
    ("assessments.year", "考核年度", "year assessed"),
    ("assessments.grade", "考核等次", "grade"),
    ("merits.cycle", "评选周期", "cycle"),
    ("merits.award", "奖励", "award"),
    ("bonus.id", "加分项编号", "bonus item id"),
    ("bonus.item", "加分事项", "bonus item"),
    ("bonus.points", "加分分值", "bonus points"),
    ("as_of", "统计截止日期", "as-of date"),
    ("year", "年度", "year"),
    ("id", "编号", "id"),
    ("name", "名称", "name"),
    ("kind", "类别", "kind"),
    ("level", "行政层级", "level"),
    ("parent", "上级地方", "parent locality"),
    ("role", "职责角色", "role"),
    ("post", "职务", "post"),
    ("domains", "分管领域", "domains"),
    ("domain", "所属领域", "domain"),
    ("since", "任职日期", "in post since"),
    ("until", "离任日期", "in post until"),
    ("office_in", "办公室设在", "office placed in"),
    ("budget_line", "列入财政预算", "budget line"),
    ("office_director", "平安办主任", "office director"),
    ("type", "活动类型", "type of activity"),
    ("date", "日期", "date"),
    ("covers_pingan", "涉及平安建设", "covers Ping'an work"),
    ("includes_plan", "含年度计划", "includes the plan"),
    ("four_together", "四同", "four together"),
    ("to_leading_group", "向领导小组报告", "reported to the leading group"),
    ("reported_to", "报送对象", "reported to"),
    ("note", "备注", "note"),
    ("major", "是否重大决策", "major decision"),
    ("assessed_on", "稳评日期", "date of the risk assessment"),
    ("decided_on", "考核决定日期", "date of the assessment decision"),
    ("indicators", "结果性指标", "result indicators"),
    ("process", "过程性指标", "process indicators"),
    ("bonus", "加分项", "bonus items"),
    ("category", "案（事）件类别", "category"),
    ("severity", "严重程度", "severity"),
    ("locality", "发生地", "locality"),
    ("sector", "行业", "sector"),
    ("impact", "危害程度", "impact"),
    ("alleges", "涉嫌情形", "alleges"),
    ("finding", "检查结论", "finding"),
    ("rectified", "是否已整改", "rectified"),
    ("public_concern", "群众关注程度", "public concern"),
    ("effective_measures", "是否有效整治", "effective measures"),
    ("rebound", "是否反弹", "rebound"),
    ("reason", "移送原因", "reason"),
    ("accepted_on", "整改验收日期", "date rectification was accepted"),
    ("advanced_unit_cycles", "先进单位评选周期", "advanced-unit cycles"),
    ("pingan_named", "命名平安年度", "years named Ping'an"),
    ("pingan_work_since", "平安建设起始年度", "Ping'an work since"),
    ("outstanding_contribution", "是否有突出贡献", "outstanding contribution"),
    ("unit", "单位", "unit"),
    ("leading_group", "领导小组", "leading group"),
    ("signed_by", "签字领导", "signatories"),
    ("targets", "目标", "targets"),
    ("history", "历史记录", "history"),
    ("assessment", "考核", "assessment"),
    ("points", "分值", "points"),
];

/// The record list a single record of `kind` would sit in (so `validate("incident", r)` labels its
/// fields as a dossier's incidents are labelled).
pub fn root_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Unit => "unit",
        Kind::Leader => "leaders",
        Kind::Incident => "incidents",
        Kind::Letter => "letters",
        Kind::Assessment => "assessment",
        Kind::Dossier | Kind::Policy => "",
    }
}

/// The label of the field a pointer names: its last name (list indices skipped), looked up under the
/// name before it (or `root` for a record's own fields), then on its own. Policy packs are not labelled.
pub fn field_label(path: &str, root: &str) -> Option<(&'static str, &'static str)> {
    if root == "policy" {
        return None;
    }
    let segs = pointer_segments(path);
    let names: Vec<&str> =
        segs.iter().map(String::as_str).filter(|s| !s.bytes().all(|b| b.is_ascii_digit())).collect();
    let field = *names.last()?;
    let parent = if names.len() >= 2 { names.get(names.len() - 2).copied().unwrap_or("") } else { root };
    // A key of the indicator or process map is the indicator's id (labelled from the policy elsewhere).
    if matches!(parent, "indicators" | "process") {
        return None;
    }
    let find = |k: &str| FIELD_LABELS.iter().find(|(n, _, _)| *n == k).map(|(_, zh, en)| (*zh, *en));
    find(&format!("{}.{}", parent, field)).or_else(|| find(field))
}

/// `(zh, en)` prefixes naming the field: "严重程度" / "severity ", or empty when unknown.
fn named(path: &str, root: &str) -> (String, String) {
    match field_label(path, root) {
        Some((zh, en)) => (zh.to_string(), format!("{} ", en)),
        None => (String::new(), String::new()),
    }
}

/// What a field should hold, in plain words.
fn expected_name(ty: &Ty) -> (&'static str, &'static str) {
    match ty {
        Ty::Text => ("文字", "text"),
        Ty::Id => ("编号或代码（文字）", "an id (text)"),
        Ty::Date => ("日期（如 2025-06-30）", "a date such as 2025-06-30"),
        Ty::Year => ("年份（整数）", "a year (whole number)"),
        Ty::Bool => ("“是”或“否”", "yes or no"),
        Ty::Num(..) => ("数字", "a number"),
        Ty::Int(..) => ("整数", "a whole number"),
        Ty::Enum(_) | Ty::Vocab(_) => ("列表中的一项", "one of the listed values"),
        Ty::NumOrNa(..) => ("数字，不适用时填“n/a”", "a number, or n/a when it does not apply"),
        Ty::List(..) => ("一组（列表）", "a list"),
        Ty::Obj(_) | Ty::Map(_) | Ty::Keyed(..) | Ty::Tagged(_) => ("一组字段", "a group of fields"),
        Ty::Bilingual => ("中英文两段文字", "a text in Chinese and English"),
        Ty::Any => ("值", "a value"),
    }
}

fn wrong_type(path: &str, ty: &Ty, root: &str) -> Issue {
    let (zh, en) = expected_name(ty);
    let (fz, fe) = named(path, root);
    let en_text =
        if fe.is_empty() { format!("expected {}", en) } else { format!("{}should be {}", capital(&fe), en) };
    Issue::error(Code::WrongType, path, format!("{}应填写{}", fz, zh), en_text)
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The allowed values of a vocabulary by their labels: "一般、较大、重大、特别重大".
fn allowed(values: &[model::Label]) -> (String, String) {
    let zh: Vec<&str> = values.iter().map(|l| l.zh).collect();
    let en: Vec<&str> = values.iter().map(|l| l.en).collect();
    (zh.join("、"), en.join(", "))
}

fn bad_vocab(path: &str, values: &[model::Label], root: &str) -> Issue {
    let (zh, en) = allowed(values);
    let (fz, fe) = named(path, root);
    let en_text = if fe.is_empty() {
        format!("must be one of: {}", en)
    } else {
        format!("{}must be one of: {}", capital(&fe), en)
    };
    Issue::error(Code::BadEnum, path, format!("{}应为以下之一：{}", fz, zh), en_text)
}

fn check_decimal(path: &str, x: f64, min: f64, max: f64, root: &str, out: &mut Vec<Issue>) {
    match Decimal::from_f64(x) {
        Err(DecimalError::TooManyDecimals) => {
            let (fz, fe) = named(path, root);
            out.push(Issue::error(
                Code::TooManyDecimals,
                path,
                format!(
                    "{}的小数位数超过 {} 位",
                    if fz.is_empty() { "数值".to_string() } else { fz },
                    crate::exact::MAX_SCALE
                ),
                format!(
                    "{}has more than {} decimal places",
                    if fe.is_empty() { "the value ".to_string() } else { fe },
                    crate::exact::MAX_SCALE
                ),
            ))
        }
        Err(_) => out.push(out_of_range_in(path, min, max, root)),
        Ok(_) if x < min || x > max => out.push(out_of_range_in(path, min, max, root)),
        Ok(_) => {}
    }
}

fn out_of_range(path: &str, min: f64, max: f64) -> Issue {
    out_of_range_in(path, min, max, "")
}

/// `out_of_range` naming the field: "目标值须在 0 至 100 之间".
pub fn out_of_range_in(path: &str, min: f64, max: f64, root: &str) -> Issue {
    let (a, b) = (num_text(min), num_text(max));
    let (fz, fe) = named(path, root);
    Issue::error(
        Code::OutOfRange,
        path,
        format!("{}须在 {} 至 {} 之间", if fz.is_empty() { "数值".to_string() } else { fz }, a, b),
        format!(
            "{}must lie between {} and {}",
            if fe.is_empty() { "the value ".to_string() } else { fe },
            a,
            b
        ),
    )
}

/// A limit as text, without core's float formatting.
fn num_text(x: f64) -> String {
    Decimal::from_f64(x)
        .map(|d| d.to_string())
        .unwrap_or_else(|_| serde_json::to_string(&x).unwrap_or_default())
}

fn check_text(path: &str, s: &str, max: usize, out: &mut Vec<Issue>) {
    if s.len() > max && s.chars().count() > max {
        out.push(Issue::error(
            Code::TooLong,
            path,
            format!("文字超过 {} 个字", max),
            format!("text longer than {} characters", max),
        ));
    }
}

/// Walk `v` against `ty`, pushing every problem (errors and warnings) found.
pub fn check_shape(v: &Value, ty: &Ty, base: &str, out: &mut Vec<Issue>) {
    check_shape_in(v, ty, base, if std::ptr::eq(ty, &POLICY) { "policy" } else { "" }, out);
}

/// `check_shape` for a single record whose fields are labelled as those of `root` (see [`root_of`]).
pub fn check_shape_in(v: &Value, ty: &Ty, base: &str, root: &str, out: &mut Vec<Issue>) {
    let mut path = String::with_capacity(64);
    path.push_str(base);
    walk(v, ty, &mut path, root, out);
}

use crate::issue::push_token;

fn push_index(path: &mut String, i: usize) -> usize {
    use std::fmt::Write;
    let len = path.len();
    let _ = write!(path, "/{}", i);
    len
}

/// Does an empty string stand for "not filled in" in a field of this type? (layui and Vue models send
/// `""` for an untouched input or select.) Free text may be empty.
pub(crate) fn blank_means_missing(ty: &Ty) -> bool {
    !matches!(ty, Ty::Text | Ty::Any | Ty::Bilingual)
}

/// The walk itself: one path buffer grows and shrinks, so nothing is allocated until a problem is found.
fn walk(v: &Value, ty: &Ty, path: &mut String, root: &str, out: &mut Vec<Issue>) {
    crate::work::tick(1);
    match (ty, v) {
        (Ty::Any, _) => {}
        (t, Value::String(s)) if blank_means_missing(t) && s.trim().is_empty() => {
            out.push(required_for(path, t, root))
        }
        (Ty::Text, Value::String(s)) => check_text(path, s, limits::MAX_TEXT, out),
        (Ty::Id, Value::String(s)) => check_text(path, s, limits::MAX_ID, out),
        (Ty::Date, Value::String(s)) => {
            if crate::date::Date::parse(s).is_none() {
                let (fz, fe) = named(path, root);
                out.push(Issue::error(
                    Code::BadDate,
                    path.as_str(),
                    format!("{}“{}”不是有效日期（应为 YYYY-MM-DD 的真实日期）", fz, short(s)),
                    format!("{}“{}” is not a real calendar date in YYYY-MM-DD form", capital(&fe), short(s)),
                ));
            }
        }
        (Ty::Year, Value::Number(n)) => match n.as_i64() {
            Some(y) if (crate::date::MIN_YEAR as i64..=crate::date::MAX_YEAR as i64).contains(&y) => {}
            _ => out.push(out_of_range_in(
                path,
                crate::date::MIN_YEAR as f64,
                crate::date::MAX_YEAR as f64,
                root,
            )),
        },
        (Ty::Bool, Value::Bool(_)) => {}
        (Ty::Num(min, max), Value::Number(n)) | (Ty::NumOrNa(min, max), Value::Number(n)) => {
            check_decimal(path, n.as_f64().unwrap_or(f64::NAN), *min, *max, root, out)
        }
        (Ty::NumOrNa(..), Value::String(s)) if s == "n/a" => {}
        (Ty::Int(min, max), Value::Number(n)) => match n.as_i64() {
            Some(i) if i >= *min && i <= *max => {}
            _ => out.push(out_of_range_in(path, *min as f64, *max as f64, root)),
        },
        (Ty::Vocab(values), Value::String(s)) => {
            if !values.iter().any(|l| l.value == s) {
                out.push(bad_vocab(path, values, root));
            }
        }
        (Ty::Enum(values), Value::String(s)) => {
            if !values.contains(&s.as_str()) {
                out.push(Issue::error(
                    Code::BadEnum,
                    path.as_str(),
                    format!("“{}”不是允许的取值；可用：{}", short(s), values.join("、")),
                    format!("“{}” is not allowed; one of: {}", short(s), values.join(", ")),
                ));
            }
        }
        (Ty::List(item, max), Value::Array(a)) => {
            if a.len() > *max {
                out.push(Issue::error(
                    Code::TooMany,
                    path.as_str(),
                    format!("列表有 {} 项，上限 {} 项", a.len(), max),
                    format!("the list has {} items; the limit is {}", a.len(), max),
                ));
                return;
            }
            for (i, x) in a.iter().enumerate() {
                let len = push_index(path, i);
                walk(x, item, path, root, out);
                path.truncate(len);
            }
        }
        (Ty::Map(item), Value::Object(m)) => {
            if m.len() > MAX_MAP_KEYS {
                out.push(Issue::error(
                    Code::TooMany,
                    path.as_str(),
                    "项目过多（上限 200 项）",
                    "too many keys (limit 200)",
                ));
                return;
            }
            for (k, x) in m {
                let len = push_token(path, k);
                check_text(path, k, limits::MAX_ID, out);
                walk(x, item, path, root, out);
                path.truncate(len);
            }
        }
        (Ty::Bilingual, Value::Object(m)) => {
            for k in ["zh", "en"] {
                let len = push_token(path, k);
                match m.get(k) {
                    Some(Value::String(s)) => check_text(path, s, limits::MAX_TEXT, out),
                    Some(_) => out.push(wrong_type(path, &Ty::Text, root)),
                    None => out.push(required(path)),
                }
                path.truncate(len);
            }
        }
        (Ty::Obj(fields), Value::Object(m)) => walk_fields(m, fields, None, path, root, out),
        (Ty::Keyed(keys, item), Value::Object(m)) => {
            for l in keys.iter() {
                let len = push_token(path, l.value);
                match m.get(l.value) {
                    None | Some(Value::Null) => out.push(required_for(path, item, root)),
                    Some(x) => walk(x, item, path, root, out),
                }
                path.truncate(len);
            }
            for k in m.keys() {
                if !keys.iter().any(|l| l.value == k) {
                    let len = push_token(path, k);
                    let (zh, en) = allowed(keys);
                    out.push(Issue::error(
                        Code::BadEnum,
                        path.as_str(),
                        format!("“{}”不是允许的项目；可用：{}", short(k), zh),
                        format!("“{}” is not allowed here; one of: {}", short(k), en),
                    ));
                    path.truncate(len);
                }
            }
        }
        (Ty::Tagged(t), Value::Object(m)) => {
            let len = push_token(path, t.tag);
            let tag = Ty::Vocab(t.labels);
            let mut fields = None;
            match m.get(t.tag) {
                None | Some(Value::Null) => out.push(required_for(path, &tag, root)),
                Some(Value::String(s)) if s.trim().is_empty() => out.push(required_for(path, &tag, root)),
                Some(Value::String(s)) => match t.variant(s) {
                    Some(f) => fields = Some(f),
                    None => out.push(bad_vocab(path, t.labels, root)),
                },
                Some(_) => out.push(wrong_type(path, &tag, root)),
            }
            path.truncate(len);
            if let Some(fields) = fields {
                walk_fields(m, fields, Some(t.tag), path, root, out);
            }
        }
        (t, _) => out.push(wrong_type(path, t, root)),
    }
}

/// The fields of an object (or of a tagged object's variant, whose `tag` is a known field too): each
/// required one present, each present one of its type, unknown ones warned about.
fn walk_fields(
    m: &Map<String, Value>,
    fields: &[Field],
    tag: Option<&str>,
    path: &mut String,
    root: &str,
    out: &mut Vec<Issue>,
) {
    for f in fields.iter() {
        let len = push_token(path, f.name);
        match m.get(f.name) {
            None | Some(Value::Null) if f.required => out.push(required_for(path, &f.ty, root)),
            None | Some(Value::Null) => {}
            // An untouched optional input or select of a form (`""`) is an absent field.
            Some(Value::String(s)) if !f.required && blank_means_missing(&f.ty) && s.trim().is_empty() => {}
            Some(x) => walk(x, &f.ty, path, root, out),
        }
        path.truncate(len);
    }
    for k in m.keys() {
        if Some(k.as_str()) != tag && !fields.iter().any(|f| f.name == k) {
            let len = push_token(path, k);
            out.push(Issue::warning(
                Code::UnknownField,
                path.as_str(),
                format!("未知字段“{}”，将被忽略", short(k)),
                format!("unknown field “{}” is ignored", short(k)),
            ));
            path.truncate(len);
        }
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

/// `required` for a field of type `ty`: a select ("请选择严重程度") or an input ("请填写发生日期").
fn required_for(path: &str, ty: &Ty, root: &str) -> Issue {
    match field_label(path, root) {
        Some((zh, en)) if matches!(ty, Ty::Vocab(_) | Ty::Enum(_) | Ty::Bool) => {
            Issue::error(Code::Required, path, format!("请选择{}", zh), format!("please choose the {}", en))
        }
        Some((zh, en)) => {
            Issue::error(Code::Required, path, format!("请填写{}", zh), format!("please fill in the {}", en))
        }
        None => Issue::error(Code::Required, path, "此项必填", "this field is required"),
    }
}

/// Remove the optional members that hold a blank string where the shape wants a non-text value (what
/// `walk` accepts as absent), so the typed read sees them as absent too. Recursion follows the static
/// shape (at most a few levels), never the input's depth.
pub fn strip_blank_optionals(v: &mut Value, ty: &Ty) {
    match (ty, v) {
        (Ty::Obj(fields), Value::Object(m)) => {
            for f in fields.iter() {
                let blank = !f.required
                    && blank_means_missing(&f.ty)
                    && m.get(f.name).is_some_and(|x| x.as_str().is_some_and(|s| s.trim().is_empty()));
                if blank {
                    m.remove(f.name);
                } else if let Some(x) = m.get_mut(f.name) {
                    strip_blank_optionals(x, &f.ty);
                }
            }
        }
        (Ty::List(item, _), Value::Array(a)) if matches!(item, Ty::Obj(_)) => {
            for x in a.iter_mut() {
                strip_blank_optionals(x, item);
            }
        }
        _ => {}
    }
}

/// Does the value hold a blank optional that `strip_blank_optionals` would remove?
pub fn has_blank_optionals(v: &Value, ty: &Ty) -> bool {
    match (ty, v) {
        (Ty::Obj(fields), Value::Object(m)) => fields.iter().any(|f| match m.get(f.name) {
            Some(Value::String(s)) => !f.required && blank_means_missing(&f.ty) && s.trim().is_empty(),
            Some(x) => has_blank_optionals(x, &f.ty),
            None => false,
        }),
        (Ty::List(item, _), Value::Array(a)) if matches!(item, Ty::Obj(_)) => {
            a.iter().any(|x| has_blank_optionals(x, item))
        }
        _ => false,
    }
}

pub fn required(path: &str) -> Issue {
    required_for(path, &Ty::Text, "")
}

/// `required` naming the field as a field of `root` (single records).
pub fn required_in(path: &str, root: &str) -> Issue {
    required_for(path, &Ty::Text, root)
}

// ---------------------------------------------------------------------------------------------------
// JSON Schema from the same shapes.

fn schema_of(ty: &Ty) -> Value {
    match ty {
        Ty::Text => json!({ "type": "string", "maxLength": limits::MAX_TEXT }),
        Ty::Id => json!({ "type": "string", "minLength": 1, "maxLength": limits::MAX_ID }),
        Ty::Date => json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
        Ty::Year => {
            json!({ "type": "integer", "minimum": crate::date::MIN_YEAR, "maximum": crate::date::MAX_YEAR })
        }
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Num(min, max) => json!({ "type": "number", "minimum": min, "maximum": max }),
        Ty::Int(min, max) => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Ty::Enum(v) => json!({ "type": "string", "enum": v }),
        Ty::Vocab(v) => json!({ "type": "string", "enum": v.iter().map(|l| l.value).collect::<Vec<_>>() }),
        Ty::NumOrNa(min, max) => {
            json!({ "oneOf": [{ "type": "number", "minimum": min, "maximum": max }, { "const": "n/a" }] })
        }
        Ty::List(item, max) => json!({ "type": "array", "maxItems": max, "items": schema_of(item) }),
        Ty::Map(item) => {
            json!({ "type": "object", "maxProperties": 200, "additionalProperties": schema_of(item) })
        }
        Ty::Bilingual => {
            json!({ "type": "object", "required": ["zh", "en"], "properties": { "zh": { "type": "string" }, "en": { "type": "string" } } })
        }
        Ty::Any => json!({}),
        Ty::Obj(fields) => {
            let mut props = Map::new();
            for f in fields.iter() {
                props.insert(f.name.to_string(), schema_of(&f.ty));
            }
            let req: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.name).collect();
            json!({ "type": "object", "required": req, "properties": props, "additionalProperties": true })
        }
        Ty::Keyed(keys, item) => {
            let props: Map<String, Value> =
                keys.iter().map(|l| (l.value.to_string(), schema_of(item))).collect();
            let req: Vec<&str> = keys.iter().map(|l| l.value).collect();
            json!({ "type": "object", "required": req, "properties": props, "additionalProperties": false })
        }
        // The tag's values in `properties`, and one branch per value with that variant's fields
        // (`oneOf`: the tag's `const` makes exactly one branch apply).
        Ty::Tagged(t) => {
            let values: Vec<&str> = t.labels.iter().map(|l| l.value).collect();
            let branches: Vec<Value> = t
                .labels
                .iter()
                .zip(t.variants.iter())
                .map(|(l, fields)| {
                    let mut props = Map::new();
                    props.insert(t.tag.to_string(), json!({ "const": l.value }));
                    for f in fields.iter() {
                        props.insert(f.name.to_string(), schema_of(&f.ty));
                    }
                    let mut req = vec![t.tag];
                    req.extend(fields.iter().filter(|f| f.required).map(|f| f.name));
                    json!({ "required": req, "properties": props })
                })
                .collect();
            json!({
                "type": "object",
                "required": [t.tag],
                "properties": { t.tag: { "type": "string", "enum": values } },
                "oneOf": branches,
                "additionalProperties": true
            })
        }
    }
}

/// JSON Schema (draft 2020-12) of a record kind, generated from the shape `validate` applies.
pub fn json_schema(kind: Kind) -> Value {
    let mut s = schema_of(shape_of(kind));
    if let Value::Object(m) = &mut s {
        m.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
        m.insert(
            "$id".into(),
            json!(format!(
                "urn:pingan:schema:{}",
                Kind::ALL.iter().find(|n| Kind::parse(n) == Some(kind)).unwrap_or(&"record")
            )),
        );
        m.insert(
            "title".into(),
            json!(format!(
                "pingan {}",
                Kind::ALL.iter().find(|n| Kind::parse(n) == Some(kind)).unwrap_or(&"record")
            )),
        );
    }
    s
}

// ---------------------------------------------------------------------------------------------------
// Cross-record rules, on the typed model (indices in paths are the input's own).

use crate::date::Date;
use crate::model::{AssessmentInput, Dossier, Leader, Letter, Unit};
use crate::policy::{IndicatorKind, Policy};
use std::collections::BTreeSet;

pub fn after_as_of(path: String, d: Date, as_of: Date) -> Issue {
    after_as_of_in(path, d, as_of, "")
}

/// `date_after_as_of` naming the field as one of `root` (single records).
pub fn after_as_of_in(path: String, d: Date, as_of: Date, root: &str) -> Issue {
    let (fz, fe) = named(&path, root);
    let fz = if fz.is_empty() { "日期".to_string() } else { fz };
    let fe = if fe.is_empty() { "the date".to_string() } else { capital(fe.trim_end()) };
    Issue::error(
        Code::DateAfterAsOf,
        path,
        format!("{}（{}）晚于统计截止日期（{}）", fz, d, as_of),
        format!("{} ({}) lies after the as-of date ({})", fe, d, as_of),
    )
}

pub fn unresolved(path: String, what_zh: &str, what_en: &str, id: &str) -> Issue {
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
                format!("编号“{}”在列表中重复，请改为不同的编号", short(id)),
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
            out.push(Issue::error(
                Code::DateOrder,
                format!("{}/until", base),
                "离任日期早于任职日期",
                "the date left lies before the date in post",
            ));
        }
    }
}

pub fn check_letter(l: &Letter, base: &str, out: &mut Vec<Issue>) {
    if l.date.year() > l.year {
        out.push(Issue::error(
            Code::YearMismatch,
            format!("{}/date", base),
            format!("签订日期晚于责任书年度（{} 年）", l.year),
            format!("signed after the letter's year {}", l.year),
        ));
    }
    if l.superior == l.subordinate {
        out.push(Issue::error(
            Code::UnresolvedRef,
            format!("{}/subordinate", base),
            "责任书双方不能相同",
            "the two sides of a letter must differ",
        ));
    }
}

/// The name of a process indicator (its id when the policy does not know it).
fn process_name(p: &Policy, id: &str) -> (String, String) {
    match p.scheme.indicators.iter().find(|i| i.id == id) {
        Some(i) => (format!("“{}”", i.name.zh), format!("“{}”", i.name.en)),
        None => (format!("“{}”", short(id)), format!("“{}”", short(id))),
    }
}

/// The assessment's inputs against the policy's indicators (missing ones are errors, api.md).
pub fn check_assessment(a: &AssessmentInput, p: &Policy, base: &str, out: &mut Vec<Issue>) {
    let derived = p.scheme.derived.indicator.as_str();
    for kind in [IndicatorKind::Result, IndicatorKind::Process] {
        let mut given = 0;
        for ind in p.scheme.indicators.iter().filter(|i| i.kind == kind) {
            let present = match kind {
                IndicatorKind::Result => {
                    a.indicators.get(&ind.id).map(|v| *v != model::Input::Text("n/a".into()))
                }
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
                        format!("请填写指标“{}”（不适用时填“n/a”）", ind.name.zh),
                        format!(
                            "please fill in the indicator “{}” (n/a when it does not apply)",
                            ind.name.en
                        ),
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
                "同类指标不能全部填“n/a”（否则其权重无处分配）",
                "not every indicator of a kind may be n/a (its weight would have nowhere to go)",
            ));
        }
    }
    for k in a.indicators.keys() {
        if !p.scheme.indicators.iter().any(|i| i.kind == IndicatorKind::Result && &i.id == k) {
            out.push(Issue::warning(
                Code::UnknownField,
                crate::issue::ptr(&format!("{}/indicators", base), k),
                format!("考核方案中没有结果性指标“{}”，将被忽略", short(k)),
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
                format!("考核方案中没有过程性指标“{}”，将被忽略", short(k)),
                format!("the policy has no process indicator “{}”; it is ignored", short(k)),
            ));
        } else if g != "n/a" && !p.scheme.grades.iter().any(|s| &s.grade == g) {
            let all: Vec<&str> = p.scheme.grades.iter().map(|s| s.grade.as_str()).collect();
            out.push(Issue::error(
                Code::BadEnum,
                path,
                format!("{}的等次应为以下之一：{}，不适用时填“n/a”", process_name(p, k).0, all.join("、")),
                format!("the grade of {} must be one of: {}, or n/a", process_name(p, k).1, all.join(", ")),
            ));
        }
    }
    let b = &p.scheme.bonus;
    for (i, item) in a.bonus.iter().enumerate() {
        let path = format!("{}/bonus/{}/points", base, i);
        match Decimal::from_f64(item.points).ok().and_then(|d| d.to_hundredths()) {
            None => out.push(Issue::error(
                Code::TooManyDecimals,
                path,
                "加分分值至多保留两位小数",
                "bonus points take at most two decimals",
            )),
            Some(h)
                if h < crate::policy::hundredths(b.item_min) || h > crate::policy::hundredths(b.item_max) =>
            {
                out.push(out_of_range(&path, b.item_min, b.item_max).with_basis(b.basis.clone()))
            }
            Some(_) => {}
        }
    }
    unique(a.bonus.iter().map(|x| x.id.as_str()), &format!("{}/bonus", base), "id", out);
}

/// Every cross-record rule of a dossier. `case_ids` are the cases its triggers open (for references
/// from rectifications and circumstances).
/// `date_after_as_of` for `d` into `out` when it lies after `as_of` (the path is made only then).
fn late(out: &mut Vec<Issue>, as_of: Date, d: Date, path: impl FnOnce() -> String) {
    if d > as_of {
        out.push(after_as_of(path(), d, as_of));
    }
}

pub fn check_dossier(d: &Dossier, p: &Policy, case_ids: &[String], out: &mut Vec<Issue>) {
    let as_of = d.as_of;
    if d.year > as_of.year() {
        out.push(Issue::error(
            Code::YearMismatch,
            "/year",
            format!("考核年度 {} 晚于统计截止日期所在年度（{} 年）", d.year, as_of.year()),
            format!("the dossier's year {} lies after the year of the as-of date ({})", d.year, as_of.year()),
        ));
    }
    check_unit(&d.unit, "/unit", out);
    // Dates after `as_of`, reported after every other rule (their paths are made only for them).
    let mut dates: Vec<Issue> = Vec::new();
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
            late(&mut dates, as_of, s, || format!("/leaders/{}/since", i));
        }
        if let Some(u) = l.until {
            late(&mut dates, as_of, u, || format!("/leaders/{}/until", i));
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
        late(&mut dates, as_of, a.date, || format!("/activities/{}/date", i));
        if let Some(b) = &a.by {
            leader_ref(format!("/activities/{}/by", i), b, out);
        }
        if let Some(t) = &a.to {
            leader_ref(format!("/activities/{}/to", i), t, out);
        }
        if let Some(x) = &a.incident {
            if !incident_ids.contains(x.as_str()) {
                out.push(unresolved(format!("/activities/{}/incident", i), "案（事）件", "incident", x));
            }
        }
    }
    unique(d.letters.iter().map(|x| x.id.as_str()), "/letters", "id", out);
    for (i, l) in d.letters.iter().enumerate() {
        let base = format!("/letters/{}", i);
        check_letter(l, &base, out);
        late(&mut dates, as_of, l.date, || format!("{}/date", base));
        if l.subordinate == d.unit.id {
            if !known_loc(&l.superior) {
                out.push(unresolved(
                    format!("{}/superior", base),
                    "上级地方",
                    "superior locality",
                    &l.superior,
                ));
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
        late(&mut dates, as_of, x.date, || format!("/decisions/{}/date", i));
        if let Some(a) = x.assessed_on {
            late(&mut dates, as_of, a, || format!("/decisions/{}/assessed_on", i));
        }
        if let Some(b) = &x.by {
            leader_ref(format!("/decisions/{}/by", i), b, out);
        }
    }
    if let Some(a) = &d.assessment {
        if let Some(x) = a.decided_on {
            late(&mut dates, as_of, x, || "/assessment/decided_on".into());
        }
        check_assessment(a, p, "/assessment", out);
    }
    unique(d.incidents.iter().map(|x| x.id.as_str()), "/incidents", "id", out);
    for (i, x) in d.incidents.iter().enumerate() {
        late(&mut dates, as_of, x.date, || format!("/incidents/{}/date", i));
        if let Some(l) = &x.locality {
            if !known_loc(l) {
                out.push(unresolved(format!("/incidents/{}/locality", i), "地方", "locality", l));
            }
        }
    }
    unique(d.inspections.iter().map(|x| x.id.as_str()), "/inspections", "id", out);
    for (i, x) in d.inspections.iter().enumerate() {
        late(&mut dates, as_of, x.date, || format!("/inspections/{}/date", i));
    }
    unique(d.hotspots.iter().map(|x| x.id.as_str()), "/hotspots", "id", out);
    for (i, x) in d.hotspots.iter().enumerate() {
        late(&mut dates, as_of, x.date, || format!("/hotspots/{}/date", i));
    }
    unique(d.referrals.iter().map(|x| x.id.as_str()), "/referrals", "id", out);
    for (i, x) in d.referrals.iter().enumerate() {
        late(&mut dates, as_of, x.date, || format!("/referrals/{}/date", i));
    }
    let failed_case = format!("25.4/{}", d.year);
    let known_cases: BTreeSet<&str> = case_ids.iter().map(String::as_str).collect();
    let case_known = |c: &str| c == failed_case || known_cases.contains(c);
    for (i, r) in d.rectifications.iter().enumerate() {
        late(&mut dates, as_of, r.accepted_on, || format!("/rectifications/{}/accepted_on", i));
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
    out.extend(dates);
}
