//! Single records in context (issue 14.5): `validate(kind, record, { as_of, localities, leaders })`.
//!
//! - The cross-field rules of one record (date order, a letter's year, a locality's level and parent)
//!   read the record leniently, so they are reported together with its shape errors in one round.
//! - `as_of`: every date of the record must lie on or before it (`date_after_as_of`).
//! - `localities` (ids, or `{ id, level?, parent? }` objects) and `leaders` (ids or `{ id }` objects):
//!   references must resolve (`unresolved_ref`): a unit's `parent`, an incident's `locality`, a letter's
//!   `superior`, and the signatories of a letter's subordinate side (the side a portal's own unit signs
//!   for; the superior's signatories belong to the level above and are not in the portal's list).
//! - Rates are 0–100 (`out_of_range`, single records only: a dossier keeps its magnitude limits): a result indicator whose policy `unit` is `%` and whose `zero_at`
//!   and `full_at` both lie in 0–100 is a rate (in the Zhejiang pack: `satisfaction`,
//!   `dispute_resolution`; the year-on-year changes run from +10 to −10 and are not rates); its input in
//!   an assessment and a letter's target for it must lie in 0–100.
//! - Locality ids made only of digits are read as GB/T 2260 division codes and checked as warnings
//!   (`division_code`): 6 digits (9 or 12 for a township), a known province prefix, a level that agrees
//!   with the code (`330000` province, `330100` city, `330106` county), and a parent that agrees (a
//!   county's code starts with its city's four digits, a city's with its province's two, a township's
//!   with its county's six).

use crate::date::Date;
use crate::issue::{Code, Issue};
use crate::model::Level;
use crate::policy::{IndicatorKind, Policy};
use crate::validation::{self, unresolved};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Locality entries of the context (ids past this are ignored: bounded work).
const MAX_CONTEXT: usize = 100_000;

/// A locality of the context: its level and parent.
pub type LocalityEntry = (Option<Level>, Option<String>);

#[derive(Clone, Debug, Default)]
pub struct RecordContext {
    pub as_of: Option<Date>,
    /// id → (level, parent)
    pub localities: Option<BTreeMap<String, LocalityEntry>>,
    pub leaders: Option<BTreeSet<String>>,
}

fn opt_err(path: &str, zh: &str, en: &str) -> Issue {
    Issue::error(Code::WrongType, path, zh, en)
}

impl RecordContext {
    /// Read `{ as_of?, localities?, leaders? }` from the options (other keys ignored here).
    pub fn from_value(v: &Value) -> Result<RecordContext, Vec<Issue>> {
        let mut c = RecordContext::default();
        let mut errors = Vec::new();
        let Value::Object(m) = v else { return Ok(c) };
        match m.get("as_of") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => match Date::parse(s) {
                Some(d) => c.as_of = Some(d),
                None => errors.push(Issue::error(
                    Code::BadDate,
                    "/options/as_of",
                    "统计截止日期应为 YYYY-MM-DD 的真实日期",
                    "the as-of date must be a real YYYY-MM-DD date",
                )),
            },
            Some(_) => errors.push(opt_err(
                "/options/as_of",
                "统计截止日期应填写日期（如 2025-12-31）",
                "the as-of date must be a date such as 2025-12-31",
            )),
        }
        let id_of = |x: &Value| -> Option<String> {
            match x {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("id").and_then(Value::as_str).map(String::from),
                _ => None,
            }
        };
        match m.get("localities") {
            None | Some(Value::Null) => {}
            Some(Value::Array(a)) => {
                let mut map = BTreeMap::new();
                for x in a.iter().take(MAX_CONTEXT) {
                    if let Some(id) = id_of(x) {
                        let level = x.get("level").and_then(Value::as_str).and_then(Level::parse);
                        let parent = x.get("parent").and_then(Value::as_str).map(String::from);
                        map.insert(id, (level, parent));
                    }
                }
                c.localities = Some(map);
            }
            Some(_) => errors.push(opt_err(
                "/options/localities",
                "地方列表应为代码或 { id, parent } 的列表",
                "localities must be a list of ids or { id, parent } objects",
            )),
        }
        match m.get("leaders") {
            None | Some(Value::Null) => {}
            Some(Value::Array(a)) => c.leaders = Some(a.iter().take(MAX_CONTEXT).filter_map(id_of).collect()),
            Some(_) => errors.push(opt_err(
                "/options/leaders",
                "领导列表应为编号或 { id } 的列表",
                "leaders must be a list of ids or { id } objects",
            )),
        }
        if errors.is_empty() {
            Ok(c)
        } else {
            Err(errors)
        }
    }
}

fn text<'a>(v: &'a Value, p: &str) -> Option<&'a str> {
    v.pointer(p).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

fn date(v: &Value, p: &str) -> Option<Date> {
    text(v, p).and_then(Date::parse)
}

/// The date fields of a single record of a kind.
fn dates_of(kind: crate::model::Kind) -> &'static [&'static str] {
    use crate::model::Kind;
    match kind {
        Kind::Leader => &["/since", "/until"],
        Kind::Incident | Kind::Letter => &["/date"],
        Kind::Assessment => &["/decided_on"],
        _ => &[],
    }
}

/// Cross-field rules of a single record, read leniently (they run whatever its shape errors are).
pub fn cross_fields(kind: crate::model::Kind, v: &Value, out: &mut Vec<Issue>) {
    use crate::model::Kind;
    match kind {
        Kind::Unit if text(v, "/kind") == Some("locality") => {
            let level = text(v, "/level");
            match level {
                None if v
                    .get("level")
                    .map_or(true, |x| x.is_null() || x.as_str().is_some_and(|s| s.trim().is_empty())) =>
                {
                    out.push(Issue::error(
                        Code::Required,
                        "/level",
                        "地方单位请选择行政层级",
                        "please choose the level of a locality",
                    ))
                }
                Some(l)
                    if l != "province"
                        && crate::model::label_of(crate::model::LEVELS, l).is_some()
                        && text(v, "/parent").is_none() =>
                {
                    out.push(Issue::error(
                        Code::Required,
                        "/parent",
                        "请填写上级地方（省级以外的地方都有上级）",
                        "please fill in the parent locality (every locality below the province has one)",
                    ))
                }
                _ => {}
            }
        }
        Kind::Leader => {
            if let (Some(s), Some(u)) = (date(v, "/since"), date(v, "/until")) {
                if u < s {
                    out.push(Issue::error(
                        Code::DateOrder,
                        "/until",
                        "离任日期早于任职日期",
                        "the date left lies before the date in post",
                    ));
                }
            }
        }
        Kind::Letter => {
            if let (Some(d), Some(y)) = (date(v, "/date"), v.get("year").and_then(Value::as_i64)) {
                if i64::from(d.year()) > y {
                    out.push(Issue::error(
                        Code::YearMismatch,
                        "/date",
                        format!("签订日期晚于责任书年度（{} 年）", y),
                        format!("signed after the letter's year {}", y),
                    ));
                }
            }
            if let (Some(a), Some(b)) = (text(v, "/superior"), text(v, "/subordinate")) {
                if a == b {
                    out.push(Issue::error(
                        Code::UnresolvedRef,
                        "/subordinate",
                        "责任书双方不能相同",
                        "the two sides of a letter must differ",
                    ));
                }
            }
        }
        _ => {}
    }
}

/// The rate indicators of a policy (see the module doc).
pub fn rate_indicators(p: &Policy) -> Vec<&str> {
    p.scheme
        .indicators
        .iter()
        .filter(|i| i.kind == IndicatorKind::Result && i.unit.as_deref() == Some("%"))
        .filter(|i| [i.zero_at, i.full_at].iter().all(|x| x.is_some_and(|x| (0.0..=100.0).contains(&x))))
        .map(|i| i.id.as_str())
        .collect()
}

fn rate_issue(path: String, name: &crate::issue::Text, x: f64) -> Issue {
    let n = crate::exact::Decimal::from_f64(x).map(|d| d.to_string()).unwrap_or_default();
    Issue::error(
        Code::OutOfRange,
        path,
        format!("“{}”是百分比，应在 0 至 100 之间（填写的是 {}）", name.zh, n),
        format!("“{}” is a percentage and must lie between 0 and 100 ({} given)", name.en, n),
    )
}

/// Rates in 0–100: an assessment's indicator inputs (at `base/indicators/…`).
pub fn check_rates_assessment(a: &Value, p: &Policy, base: &str, out: &mut Vec<Issue>) {
    let Some(Value::Object(m)) = a.get("indicators") else { return };
    for id in rate_indicators(p) {
        if let (Some(x), Some(ind)) =
            (m.get(id).and_then(Value::as_f64), p.scheme.indicators.iter().find(|i| i.id == id))
        {
            if !(0.0..=100.0).contains(&x) {
                out.push(rate_issue(crate::issue::ptr(&format!("{}/indicators", base), id), &ind.name, x));
            }
        }
    }
}

/// Rates in 0–100: a letter's targets for rate indicators (at `base/targets/i/target`).
pub fn check_rates_letter(l: &Value, p: &Policy, base: &str, out: &mut Vec<Issue>) {
    let Some(Value::Array(ts)) = l.get("targets") else { return };
    let rates = rate_indicators(p);
    for (i, t) in ts.iter().enumerate() {
        let (Some(metric), Some(x)) =
            (t.get("metric").and_then(Value::as_str), t.get("target").and_then(Value::as_f64))
        else {
            continue;
        };
        if rates.contains(&metric) && !(0.0..=100.0).contains(&x) {
            if let Some(ind) = p.scheme.indicators.iter().find(|i| i.id == metric) {
                out.push(rate_issue(format!("{}/targets/{}/target", base, i), &ind.name, x));
            }
        }
    }
}

/// The context rules for one record (`as_of`, references).
pub fn check_context(kind: crate::model::Kind, v: &Value, c: &RecordContext, out: &mut Vec<Issue>) {
    use crate::model::Kind;
    if let Some(as_of) = c.as_of {
        for p in dates_of(kind) {
            if let Some(d) = date(v, p) {
                if d > as_of {
                    out.push(validation::after_as_of_in(p.to_string(), d, as_of, validation::root_of(kind)));
                }
            }
        }
    }
    if let Some(locs) = &c.localities {
        let refs: &[(&str, &str, &str)] = match kind {
            Kind::Unit => &[("/parent", "上级地方", "parent locality")],
            Kind::Incident => &[("/locality", "发生地", "locality")],
            Kind::Letter => &[("/superior", "上级地方", "superior locality")],
            _ => &[],
        };
        for (p, zh, en) in refs {
            if let Some(id) = text(v, p) {
                if !locs.contains_key(id) {
                    out.push(unresolved(p.to_string(), zh, en, id));
                }
            }
        }
    }
    if let (Some(leaders), Kind::Letter) = (&c.leaders, kind) {
        if let Some(Value::Array(a)) = v.pointer("/signed_by/subordinate") {
            for (j, x) in a.iter().enumerate() {
                if let Some(id) = x.as_str().filter(|s| !s.trim().is_empty()) {
                    if !leaders.contains(id) {
                        out.push(unresolved(format!("/signed_by/subordinate/{}", j), "领导", "leader", id));
                    }
                }
            }
        }
    }
    // Division codes: the record's own locality ids, and the context's tree.
    match kind {
        Kind::Unit => {
            if let Some(id) = text(v, "/id") {
                let level = text(v, "/level").and_then(Level::parse);
                let is_locality = text(v, "/kind") == Some("locality");
                if is_locality {
                    division(id, level, text(v, "/parent"), "/id", out);
                }
            }
        }
        Kind::Incident => {
            if let Some(id) = text(v, "/locality") {
                division(id, None, None, "/locality", out);
            }
        }
        _ => {}
    }
    if let (Some(locs), Kind::Unit) = (&c.localities, kind) {
        // The parent the record names, checked against its own parent in the list.
        if let Some(p) = text(v, "/parent") {
            if let Some((level, pp)) = locs.get(p) {
                division(p, *level, pp.as_deref(), "/parent", out);
            }
        }
    }
}

/// The GB/T 2260 province prefixes (two digits).
const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
    "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
];

/// The level a division code names, if it is shaped like one.
fn code_level(id: &str) -> Option<Level> {
    match id.len() {
        6 if id.ends_with("0000") => Some(Level::Province),
        6 if id.ends_with("00") => Some(Level::City),
        6 => Some(Level::County),
        9 | 12 => Some(Level::Township),
        _ => None,
    }
}

fn division_warning(path: &str, zh: String, en: String) -> Issue {
    Issue::warning(Code::DivisionCode, path, zh, en)
}

/// Check one locality id that consists of digits as a GB/T 2260 division code (warnings only).
pub fn division(id: &str, level: Option<Level>, parent: Option<&str>, path: &str, out: &mut Vec<Issue>) {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return;
    }
    let Some(own) = code_level(id) else {
        out.push(division_warning(
            path,
            format!("代码“{}”像行政区划代码，但区划代码应为 6 位数字（乡镇、街道为 9 位或 12 位），请核对", id),
            format!("“{}” looks like a division code, but those have 6 digits (9 or 12 for a township); please check", id),
        ));
        return;
    };
    if !PROVINCES.contains(&id.get(..2).unwrap_or("")) {
        out.push(division_warning(
            path,
            format!("代码“{}”的前两位不是省级行政区划代码，请核对", id),
            format!("the first two digits of “{}” are not a province's division code; please check", id),
        ));
        return;
    }
    if let Some(l) = level {
        if l != own {
            out.push(division_warning(
                path,
                format!("代码“{}”是{}级区划代码，与所选行政层级（{}）不符，请核对", id, own.zh(), l.zh()),
                format!("“{}” is the division code of a {}, which does not agree with the level chosen ({}); please check", id, own.en(), l.en()),
            ));
        }
    }
    let Some(pa) = parent.filter(|p| p.bytes().all(|b| b.is_ascii_digit()) && code_level(p).is_some()) else {
        return;
    };
    let keep = match own {
        Level::Province => return,
        Level::City => 2,
        Level::County => 4,
        Level::Township => 6,
    };
    let agrees = id.get(..keep).is_some_and(|a| pa.get(..keep) == Some(a)) && pa.len() <= id.len();
    if !agrees {
        out.push(division_warning(
            path,
            format!("代码“{}”与上级地方“{}”不一致（下级代码应以上级代码的前 {} 位开头），请核对", id, pa, keep),
            format!("“{}” does not agree with its parent “{}” (it should start with the parent's first {} digits); please check", id, pa, keep),
        ));
    }
}

/// The division checks of a dossier's locality tree (the unit and its localities).
pub fn check_dossier_divisions(d: &crate::model::Dossier, out: &mut Vec<Issue>) {
    if d.unit.kind == crate::model::UnitKind::Locality {
        division(&d.unit.id, d.unit.level, d.unit.parent.as_deref(), "/unit/id", out);
    }
    for (i, l) in d.localities.iter().enumerate() {
        division(&l.id, Some(l.level), l.parent.as_deref(), &format!("/localities/{}/id", i), out);
    }
}
