//! The shapes of the record kinds and their walk: every problem of a value against its shape, at once,
//! each with its JSON Pointer (unknown members are warnings).

use super::messages::{
    allowed, bad_vocab, capital, named, out_of_range_in, required, required_for, short, wrong_type,
};
use crate::exact::{Decimal, DecimalError};
use crate::issue::{Code, Issue};
use crate::limits;
use crate::limits::MAX_MAP_KEYS;
use crate::model;
use crate::model::Kind;
use crate::shape::{Field, Ty};
use serde_json::{Map, Value};

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

pub(crate) use crate::shape::blank_means_missing;

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
