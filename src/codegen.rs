//! The files rendered from the record declarations (issue 15.2): the TypeScript declarations of the
//! input records (`src/records.d.ts`, appended to pkg/*/pingan.d.ts with the hand-written API types of
//! `src/types.d.ts`) and the vocabularies with their labels as an ES module (`www/vocabularies.js`).
//! Both are committed; `tests/generated.rs` fails when they differ from what is rendered here, and
//! `PINGAN_REGENERATE=1 cargo test --test generated` rewrites them.
//!
//! Nothing here is reachable from the WebAssembly exports.

use crate::issue::CODE_STRS;
use crate::model::{self, Label};
use crate::policy;
use crate::shape::{Field, Ty};
use crate::shape::{Record, Vocabulary};
use serde_json::{json, Map, Value};
use std::fmt::Write;

/// One declaration of the TypeScript file.
pub enum Decl {
    /// `export type Name = "a" | "b";` for a labelled vocabulary.
    Union { ts: &'static str, doc: &'static str, values: &'static [Label] },
    /// `export type Name = "a" | "b";` for a list of codes.
    Codes { ts: &'static str, doc: &'static str, values: &'static [&'static str] },
    /// `export interface Name { … }` for a record, or `export type Name = | { tag: … } | …` for a tagged one.
    Record { ts: &'static str, doc: &'static str, docs: &'static [&'static str], ty: &'static Ty },
    /// `export interface Name<T = default> { … }`: a record and its twins that differ only in some
    /// fields' types (`PolicyParam`, `PolicyParam<boolean>`): those fields are `T`.
    Generic {
        ts: &'static str,
        doc: &'static str,
        docs: &'static [&'static str],
        ty: &'static Ty,
        twins: &'static [(&'static str, &'static Ty)],
    },
}

const fn union<T: Vocabulary>() -> Decl {
    Decl::Union { ts: T::TS, doc: T::DOC, values: T::ALL }
}

const fn record<T: Record>() -> Decl {
    Decl::Record { ts: T::TS, doc: T::DOC, docs: T::DOCS, ty: T::TY }
}

/// The declarations of `src/records.d.ts`, in order: every vocabulary of the input, then the dossier's
/// records, then the policy pack's. A record not listed here is written inline where it is used.
pub const DECLS: &[Decl] = &[
    union::<model::UnitKind>(),
    union::<model::Level>(),
    union::<model::Role>(),
    union::<model::Category>(),
    union::<model::Severity>(),
    union::<model::Impact>(),
    union::<model::ActivityType>(),
    union::<model::Together>(),
    Decl::Union {
        ts: "Recipient",
        doc: " Whom a leading group's yearly summary is reported to (art. 14(2)).\n",
        values: model::RECIPIENTS,
    },
    union::<model::Finding>(),
    union::<model::Concern>(),
    union::<model::Alleges>(),
    union::<model::CircumstanceKind>(),
    union::<model::CircumstanceWhat>(),
    union::<model::Grade>(),
    union::<model::Award>(),
    union::<model::Tripod>(),
    union::<policy::Origin>(),
    union::<policy::IndicatorKind>(),
    Decl::Union {
        ts: "EvidenceCheck",
        doc: " The kinds of evidence rule of a duty.\n",
        values: policy::CHECKS,
    },
    union::<policy::By>(),
    union::<policy::Scope>(),
    union::<policy::Flag>(),
    union::<policy::Units>(),
    Decl::Codes {
        ts: "IssueCode",
        doc: " Every issue code (`Issue.code`; a duty's `finding`, a unit check's `code`).\n",
        values: CODE_STRS,
    },
    record::<model::Unit>(),
    record::<model::Locality>(),
    record::<model::Leader>(),
    record::<model::LeadingGroup>(),
    record::<model::Activity>(),
    record::<model::Decision>(),
    record::<model::Signatures>(),
    record::<model::Target>(),
    record::<model::Letter>(),
    record::<model::BonusItem>(),
    record::<model::AssessmentInput>(),
    record::<model::Incident>(),
    record::<model::Inspection>(),
    record::<model::Hotspot>(),
    record::<model::Referral>(),
    record::<model::Rectification>(),
    record::<model::Circumstance>(),
    record::<model::PastAssessment>(),
    record::<model::Merit>(),
    record::<model::History>(),
    record::<model::Dossier>(),
    record::<crate::issue::Basis>(),
    Decl::Generic {
        ts: <policy::Param as Record>::TS,
        doc: <policy::Param as Record>::DOC,
        docs: <policy::Param as Record>::DOCS,
        ty: <policy::Param as crate::shape::Shape>::TY,
        twins: &[(<policy::BoolParam as Record>::TS, <policy::BoolParam as crate::shape::Shape>::TY)],
    },
    record::<policy::Parameters>(),
    record::<policy::Indicator>(),
    record::<policy::GradeStep>(),
    record::<policy::Band>(),
    record::<policy::BonusRule>(),
    record::<policy::DeductionRule>(),
    record::<policy::DerivedGradeStep>(),
    record::<policy::DerivedGrade>(),
    record::<policy::Scheme>(),
    record::<policy::TripodLevel>(),
    record::<policy::TripodLadder>(),
    record::<policy::Evidence>(),
    record::<policy::Duty>(),
    record::<policy::UnitCheck>(),
    record::<policy::Policy>(),
];

/// The names declared for shapes: a shape equal to one of these is written by its name.
fn names() -> Vec<(Ty, &'static str)> {
    let mut out = Vec::new();
    for d in DECLS {
        match d {
            Decl::Union { ts, values, .. } => out.push((Ty::Vocab(values), *ts)),
            Decl::Codes { ts, values, .. } => out.push((Ty::Enum(values), *ts)),
            Decl::Record { ts, ty, .. } => out.push((**ty, *ts)),
            Decl::Generic { ts, ty, twins, .. } => {
                out.push((**ty, *ts));
                out.extend(twins.iter().map(|(n, t)| (**t, *n)));
            }
        }
    }
    out
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A doc comment, indented, or nothing.
fn jsdoc(out: &mut String, doc: &str, indent: &str) {
    let lines: Vec<&str> = doc.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    match lines.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(out, "{}/** {} */", indent, one);
        }
        many => {
            let _ = writeln!(out, "{}/**", indent);
            for l in many {
                let _ = writeln!(out, "{} * {}", indent, l);
            }
            let _ = writeln!(out, "{} */", indent);
        }
    }
}

/// The TypeScript of a value of shape `ty`, and whether it is a union (to parenthesise in `T[]`).
fn ts_of(ty: &Ty, names: &[(Ty, &'static str)]) -> (String, bool) {
    if !matches!(ty, Ty::Text | Ty::Id | Ty::Date | Ty::Year | Ty::Bool | Ty::Num(..) | Ty::Int(..)) {
        if let Some((_, n)) = names.iter().find(|(t, _)| t == ty) {
            return (n.to_string(), false);
        }
    }
    let union = |values: Vec<&str>| -> (String, bool) {
        let many = values.len() > 1;
        (values.iter().map(|v| quoted(v)).collect::<Vec<_>>().join(" | "), many)
    };
    match ty {
        Ty::Text | Ty::Id => ("string".into(), false),
        Ty::Date => ("DateString".into(), false),
        Ty::Year | Ty::Num(..) | Ty::Int(..) => ("number".into(), false),
        Ty::Bool => ("boolean".into(), false),
        Ty::Enum(v) => union(v.to_vec()),
        Ty::Vocab(v) => union(v.iter().map(|l| l.value).collect()),
        Ty::NumOrNa(..) => ("number | \"n/a\"".into(), true),
        Ty::List(item, _) => {
            let (t, u) = ts_of(item, names);
            (if u { format!("({})[]", t) } else { format!("{}[]", t) }, false)
        }
        Ty::Obj(fields) => (inline(fields, None, names), false),
        Ty::Map(item) => (format!("Record<string, {}>", ts_of(item, names).0), false),
        Ty::Keyed(keys, item) => {
            let k = ts_of(&Ty::Vocab(keys), names).0;
            (format!("Record<{}, {}>", k, ts_of(item, names).0), false)
        }
        Ty::Tagged(t) => {
            let branches: Vec<String> = t
                .labels
                .iter()
                .zip(t.variants.iter())
                .map(|(l, f)| inline(f, Some((t.tag, l.value)), names))
                .collect();
            (branches.join(" | "), t.labels.len() > 1)
        }
        Ty::Bilingual => ("Text".into(), false),
        Ty::Any => ("unknown".into(), false),
    }
}

fn member(f: &Field, ty: &str) -> String {
    format!("{}{}: {}", f.name, if f.required { "" } else { "?" }, ty)
}

/// `{ a: T; b?: U }` (with a tag member first for a variant of a tagged record).
fn inline(fields: &[Field], tag: Option<(&str, &str)>, names: &[(Ty, &'static str)]) -> String {
    let mut parts: Vec<String> = tag.map(|(k, v)| format!("{}: {}", k, quoted(v))).into_iter().collect();
    parts.extend(fields.iter().map(|f| member(f, &ts_of(&f.ty, names).0)));
    if parts.is_empty() {
        "{}".into()
    } else {
        format!("{{ {} }}", parts.join("; "))
    }
}

/// The members of an interface, one a line, each with its doc comment.
fn members(out: &mut String, fields: &[Field], docs: &[&str], types: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        jsdoc(out, docs.get(i).copied().unwrap_or(""), "  ");
        let _ = writeln!(out, "  {};", member(f, types.get(i).map(String::as_str).unwrap_or("unknown")));
    }
}

/// `export type Name = "a" | "b";`, on continuation lines of at most 110 columns when it is longer.
fn type_union(out: &mut String, ts: &str, values: &[String]) {
    let one = format!("export type {} = {};", ts, values.join(" | "));
    if one.chars().count() <= 110 {
        out.push_str(&one);
        out.push('\n');
        return;
    }
    let _ = write!(out, "export type {} =", ts);
    let mut line = String::new();
    for v in values {
        if !line.is_empty() && line.chars().count() + v.chars().count() + 3 > 108 {
            let _ = write!(out, "\n {}", line);
            line.clear();
        }
        line.push_str(" | ");
        line.push_str(v);
    }
    let _ = writeln!(out, "\n {};", line);
}

/// `src/records.d.ts`: the TypeScript declarations of every input record and vocabulary.
pub fn typescript() -> String {
    let names = names();
    let mut out = String::from(
        "// Generated from the record declarations (shape::record! in src/model.rs, src/policy.rs, src/issue.rs) by\n\
         // `PINGAN_REGENERATE=1 cargo test --test generated`: do not edit. wasm-bindgen appends it to pkg/*/pingan.d.ts\n\
         // beside src/types.d.ts (the engine's API and answers), which supplies `Text` and `DateString`.\n",
    );
    for d in DECLS {
        out.push('\n');
        match d {
            Decl::Union { ts, doc, values } => {
                jsdoc(&mut out, doc, "");
                let v: Vec<String> = values.iter().map(|l| quoted(l.value)).collect();
                type_union(&mut out, ts, &v);
            }
            Decl::Codes { ts, doc, values } => {
                jsdoc(&mut out, doc, "");
                let v: Vec<String> = values.iter().map(|s| quoted(s)).collect();
                type_union(&mut out, ts, &v);
            }
            Decl::Record { ts, doc, docs, ty } => {
                jsdoc(&mut out, doc, "");
                match ty {
                    Ty::Obj(fields) => {
                        let _ = writeln!(out, "export interface {} {{", ts);
                        let types: Vec<String> = fields.iter().map(|f| ts_of(&f.ty, &names).0).collect();
                        members(&mut out, fields, docs, &types);
                        out.push_str("}\n");
                    }
                    Ty::Tagged(t) => {
                        let branches: Vec<String> = t
                            .labels
                            .iter()
                            .zip(t.variants.iter())
                            .map(|(l, f)| format!("  | {}", inline(f, Some((t.tag, l.value)), &names)))
                            .collect();
                        let _ = writeln!(out, "export type {} =\n{};", ts, branches.join("\n"));
                    }
                    other => {
                        let _ = writeln!(out, "export type {} = {};", ts, ts_of(other, &[]).0);
                    }
                }
            }
            Decl::Generic { ts, doc, docs, ty, twins } => {
                jsdoc(&mut out, doc, "");
                let Ty::Obj(fields) = ty else { continue };
                let mut types: Vec<String> = fields.iter().map(|f| ts_of(&f.ty, &names).0).collect();
                let mut default = String::new();
                for (_, twin) in twins.iter() {
                    let Ty::Obj(other) = twin else { continue };
                    for (i, (a, b)) in fields.iter().zip(other.iter()).enumerate() {
                        if a.ty != b.ty {
                            if let Some(t) = types.get_mut(i) {
                                default = std::mem::replace(t, "T".into());
                            }
                        }
                    }
                }
                let _ = writeln!(out, "export interface {}<T = {}> {{", ts, default);
                members(&mut out, fields, docs, &types);
                out.push_str("}\n");
            }
        }
    }
    out
}

/// `www/vocabularies.js`: every vocabulary's labels for the elements' fallback (before the engine loads).
pub fn vocabularies_js() -> String {
    let mut out = String::from(
        "// Generated from the vocabularies of the library (src/model.rs, src/policy.rs) by\n\
         // `PINGAN_REGENERATE=1 cargo test --test generated`: do not edit. The engine's `vocabularies()` answers\n\
         // the same; this module has no side effect on import.\n\n\
         /** The labels of every vocabulary value: `{ vocabulary: { value: { zh, en } } }`. */\n\
         export const LABELS = {\n",
    );
    for (name, list) in crate::api::VOCABULARIES {
        let _ = writeln!(out, "  {}: {{", quoted(name));
        for l in list.iter() {
            let _ =
                writeln!(out, "    {}: {{ zh: {}, en: {} }},", quoted(l.value), quoted(l.zh), quoted(l.en));
        }
        out.push_str("  },\n");
    }
    out.push_str(
        "};\n\n\
         /** The same as the engine's `vocabularies()`: `{ vocabulary: [{ value, zh, en }] }`, in order. */\n\
         export function vocabularies() {\n\
         \x20 const out = {};\n\
         \x20 for (const name of Object.keys(LABELS)) {\n\
         \x20   out[name] = Object.keys(LABELS[name]).map((value) => ({ value, zh: LABELS[name][value].zh, en: LABELS[name][value].en }));\n\
         \x20 }\n\
         \x20 return out;\n\
         }\n",
    );
    out
}

/// A value of shape `ty` with every field present (the maximal record), for the tests that prove the
/// shape, the serde types and the TypeScript agree. `pick` chooses among a tagged record's variants and a
/// vocabulary's values.
pub fn example(ty: &Ty, pick: usize) -> Value {
    let nth = |n: usize| if n == 0 { 0 } else { pick % n };
    match ty {
        Ty::Text => json!("文字"),
        Ty::Id => json!("x1"),
        Ty::Date => json!("2025-06-30"),
        Ty::Year => json!(2025),
        Ty::Bool => json!(true),
        Ty::Num(min, max) => json!(if *min <= 0.5 && 0.5 <= *max { 0.5 } else { *min }),
        Ty::Int(min, max) => json!(if *min <= 1 && 1 <= *max { 1 } else { *min }),
        Ty::Enum(v) => json!(v.get(nth(v.len())).copied().unwrap_or("")),
        Ty::Vocab(v) => json!(v.get(nth(v.len())).map(|l| l.value).unwrap_or("")),
        Ty::NumOrNa(..) => {
            if pick % 2 == 0 {
                json!(0.5)
            } else {
                json!("n/a")
            }
        }
        Ty::List(item, _) => json!([example(item, pick)]),
        Ty::Obj(fields) => fields_example(fields, pick),
        Ty::Map(item) => json!({ "k1": example(item, pick) }),
        Ty::Keyed(keys, item) => {
            Value::Object(keys.iter().map(|l| (l.value.to_string(), example(item, pick))).collect())
        }
        Ty::Tagged(t) => {
            let i = nth(t.labels.len());
            let mut v = t.variants.get(i).map(|f| fields_example(f, pick)).unwrap_or_else(|| json!({}));
            if let (Value::Object(m), Some(l)) = (&mut v, t.labels.get(i)) {
                m.insert(t.tag.to_string(), json!(l.value));
            }
            v
        }
        Ty::Bilingual => json!({ "zh": "中文", "en": "English" }),
        Ty::Any => Value::Null,
    }
}

fn fields_example(fields: &[Field], pick: usize) -> Value {
    let m: Map<String, Value> = fields.iter().map(|f| (f.name.to_string(), example(&f.ty, pick))).collect();
    Value::Object(m)
}
