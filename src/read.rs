//! One pass from JSON text to typed records (issue 15 item 1): a pull reader over the text and the
//! [`Read`] trait, which `record!` (shape.rs) and `vocab!` (model.rs) implement for every record and
//! vocabulary from the same description that gives the shape. No `serde_json::Value` is built and no
//! serde deserializer is involved: one small reader serves every record, so the module carries no copy of
//! serde's per-type deserialization code.
//!
//! Two readings of the same text:
//! - **Strict** (the success path of a dossier, [`dossier`]): every limit of the shape is checked while
//!   reading — ids, text lengths, ranges and decimals, list and map sizes, vocabularies — and anything the
//!   shape walk would report, even as a warning (an unknown member, a `null`, a blank optional member),
//!   fails the read. Only then does the engine take the tolerant path: parse to a value under the size and
//!   depth limits, walk it collecting every error with its JSON Pointer (`validation`), and answer exactly
//!   as before.
//! - **Lenient** (`shape::from_text`, [`from_checked_value`]): the types only, for a document the shape walk has
//!   already accepted (a policy pack, a pruned dossier): an unknown member is skipped, a `null` member is
//!   absent.
//!
//! Why the two paths cannot disagree: the strict read succeeds only on input for which the walk finds no
//! error and no warning, and the typed record is then the one the tolerant path builds. Its numbers are
//! read as the tolerant path reads them (correctly rounded; a year must be written as a whole number, the
//! tolerant path would also accept `2025.0`). Depth needs no scan: the read recurses only into the
//! containers the model declares (at most six deep), an unknown member fails (strict) or is skipped
//! without recursion (lenient), so the read never follows the input's own depth; deeper text fails the
//! strict read and meets the depth limit on the tolerant path.
//!
//! `tests/data_path.rs` (`the_one_pass_read_agrees_with_the_tolerant_walk`) checks the agreement on every
//! dossier of the golden cases, each mutated many times; `tests/generated.rs` that every record's
//! example reads back.

use crate::limits;
use crate::model::Dossier;
use crate::shape::{Field, Read, Reader, Ty};
use serde_json::Value;

/// The dossier read straight from its text, if it is clean: within the size limit, of the model's exact
/// shape, and conforming to every limit of `validation::DOSSIER`. `None`: take the tolerant path.
pub fn dossier(text: &str) -> Option<Dossier> {
    if text.len() > limits::MAX_INPUT_BYTES {
        return None;
    }
    let mut r = Reader::new(text, true);
    let d = Dossier::read(&mut r, &crate::validation::DOSSIER)?;
    r.end()?;
    Some(d)
}

/// The record read from a value the shape walk accepted (with warnings at most): members the walk
/// ignores (unknown ones, `null`s and blank optionals) are dropped first, then the value is read through
/// its text, so the module carries one reader (from text), not a second one from values.
pub fn from_checked_value<T: Read>(v: &Value, ty: &Ty) -> Option<T> {
    let mut x = v.clone();
    prune(&mut x, ty);
    let text = serde_json::to_string(&x).ok()?;
    crate::patch::dismantle(x);
    crate::shape::from_text(&text)
}

/// Remove what the walk treats as absent or ignores: unknown members, `null` members and blank optional
/// members. Recursion follows the static shape (a few levels), never the input's depth.
pub fn prune(v: &mut Value, ty: &Ty) {
    match (ty, v) {
        (Ty::Obj(fields), Value::Object(m)) => {
            m.retain(|k, x| match fields.iter().find(|f| f.name == k) {
                None => false,
                Some(_) if x.is_null() => false,
                Some(f) => {
                    !(!f.required
                        && crate::validation::blank_means_missing(&f.ty)
                        && x.as_str().is_some_and(|s| s.trim().is_empty()))
                }
            });
            for f in fields.iter() {
                if let Some(x) = m.get_mut(f.name) {
                    prune(x, &f.ty);
                }
            }
        }
        (Ty::List(item, _), Value::Array(a)) => {
            for x in a.iter_mut() {
                prune(x, item);
            }
        }
        (Ty::Map(item), Value::Object(m)) => {
            for x in m.values_mut() {
                prune(x, item);
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------------
// Every error in one round (issue 14): the cross-record rules on the parts of a dossier that parsed.

/// Lists whose records others refer to by id: a broken record of theirs is repaired in place (its id
/// kept when it is readable), so references to it still resolve and no index moves.
const REFERENCED: &[&str] = &["leaders", "localities", "incidents"];

/// Lists whose records open cases (rectifications and circumstances refer to the cases by id).
const CASE_SOURCES: &[&str] = &["incidents", "inspections", "hotspots", "referrals"];

/// A dossier made of the parts of `v` that passed the shape walk, for the cross-record rules while the
/// shape errors are answered: a member with an error is dropped when optional; a record with a
/// required member in error is repaired with neutral values when others refer to it (a leader, a
/// locality, an incident), else left out (its list's later indices are mapped back by `Salvaged::path`).
pub struct Salvaged {
    pub dossier: Dossier,
    /// Per list: the input index of each record kept.
    kept: Vec<(&'static str, Vec<usize>)>,
    /// A record that opens cases was repaired or left out: references to cases may not resolve.
    pub cases_unsure: bool,
}

impl Salvaged {
    /// The pointer of the input for a pointer into the salvaged dossier.
    pub fn path(&self, p: &str) -> String {
        let segs = crate::issue::pointer_segments(p);
        let (Some(top), Some(i)) = (segs.first(), segs.get(1).and_then(|s| s.parse::<usize>().ok())) else {
            return p.to_string();
        };
        let Some((_, kept)) = self.kept.iter().find(|(l, _)| l == top) else { return p.to_string() };
        let Some(orig) = kept.get(i) else { return p.to_string() };
        let mut out = String::new();
        crate::issue::push_token(&mut out, top);
        crate::issue::push_token(&mut out, &orig.to_string());
        for s in segs.iter().skip(2) {
            crate::issue::push_token(&mut out, s);
        }
        out
    }
}

fn field_of<'a>(ty: &'a Ty, name: &str) -> Option<&'a Field> {
    match ty {
        Ty::Obj(fields) => fields.iter().find(|f| f.name == name),
        _ => None,
    }
}

/// A neutral value for a required member of a repaired record (never the cause of a cross-record
/// error: an id no one uses, the dossier's own `as_of`, the least severity).
fn neutral(list: &str, field: &str, i: usize, as_of: &Value) -> Option<Value> {
    Some(match (list, field) {
        (_, "id") => Value::String(format!("\u{1}{}/{}", list, i)),
        ("leaders", "role") => Value::from("member"),
        ("localities", "level") => Value::from("county"),
        ("incidents", "date") => as_of.clone(),
        ("incidents", "category") => Value::from("criminal_case"),
        ("incidents", "severity") => Value::from("general"),
        _ => return None,
    })
}

/// The salvaged dossier of `v` given the walk's `errors`; `None` when what is broken is what every
/// cross-record rule needs (`as_of`, `year`, the unit's required members, or a list others refer to).
pub fn salvage(v: &Value, errors: &[crate::issue::Issue]) -> Option<Salvaged> {
    use crate::validation::DOSSIER;
    let mut x = v.clone();
    prune(&mut x, &DOSSIER);
    let as_of = x.get("as_of").cloned()?;
    let mut drop: Vec<(&'static str, usize)> = Vec::new();
    let mut cases_unsure = false;
    for e in errors {
        let segs = crate::issue::pointer_segments(&e.path);
        let top = segs.first()?;
        let tf = field_of(&DOSSIER, top)?;
        match &tf.ty {
            Ty::List(item, _) => {
                let list: &'static str = tf.name;
                let Some(i) = segs.get(1).and_then(|s| s.parse::<usize>().ok()) else {
                    // The list itself is wrong: without it, references into it cannot be checked.
                    if REFERENCED.contains(&list) {
                        return None;
                    }
                    cases_unsure |= CASE_SOURCES.contains(&list);
                    if let Some(m) = x.as_object_mut() {
                        m.remove(list);
                    }
                    continue;
                };
                let rec = x.get_mut(list).and_then(|l| l.get_mut(i))?;
                let member = segs.get(2).and_then(|f| field_of(item, f).map(|fd| (f, fd)));
                match member {
                    Some((f, fd)) if !fd.required => {
                        remove_member(rec, f, &fd.ty, segs.get(3));
                        continue;
                    }
                    _ => {}
                }
                cases_unsure |= CASE_SOURCES.contains(&list);
                if !REFERENCED.contains(&list) {
                    drop.push((list, i));
                    continue;
                }
                // Repair in place: every required member in error (or the whole record) gets a neutral
                // value; the id is kept when readable.
                let Ty::Obj(fields) = item else { return None };
                if !rec.is_object() {
                    *rec = Value::Object(serde_json::Map::new());
                }
                let m = rec.as_object_mut()?;
                for fd in fields.iter().filter(|f| f.required) {
                    let bad = match segs.get(2) {
                        Some(f) => f == fd.name,
                        None => true,
                    } || !m.contains_key(fd.name);
                    let keep_id = fd.name == "id" && segs.get(2).map(String::as_str) != Some("id");
                    if bad && !(keep_id && m.get("id").is_some_and(Value::is_string)) {
                        m.insert(fd.name.to_string(), neutral(list, fd.name, i, &as_of)?);
                    }
                }
            }
            Ty::Obj(fields) => {
                let member =
                    segs.get(1).and_then(|f| fields.iter().find(|fd| fd.name == f).map(|fd| (f, fd)));
                match member {
                    Some((f, fd)) if !fd.required => {
                        if let Some(o) = x.get_mut(top.as_str()) {
                            remove_member(o, f, &fd.ty, segs.get(2));
                        }
                    }
                    // The unit's required members are what the rules read.
                    _ if !tf.required => {
                        if let Some(m) = x.as_object_mut() {
                            m.remove(top.as_str());
                        }
                    }
                    _ => return None,
                }
            }
            // `as_of` or `year`.
            _ => return None,
        }
    }
    let mut kept = Vec::new();
    let lists: std::collections::BTreeSet<&'static str> = drop.iter().map(|(l, _)| *l).collect();
    for list in lists {
        let gone: std::collections::BTreeSet<usize> =
            drop.iter().filter(|(l, _)| *l == list).map(|(_, i)| *i).collect();
        if let Some(Value::Array(a)) = x.get_mut(list) {
            let n = a.len();
            let mut k = 0;
            a.retain(|_| {
                k += 1;
                !gone.contains(&(k - 1))
            });
            kept.push((list, (0..n).filter(|i| !gone.contains(i)).collect()));
        }
    }
    let dossier = from_checked_value::<Dossier>(&x, &DOSSIER)?;
    crate::patch::dismantle(x);
    Some(Salvaged { dossier, kept, cases_unsure })
}

/// Drop member `f` of the record `rec` (for a map, only its key `key` when the error names one).
fn remove_member(rec: &mut Value, f: &str, ty: &Ty, key: Option<&String>) {
    let Some(m) = rec.as_object_mut() else { return };
    match (ty, key) {
        (Ty::Map(_), Some(k)) => {
            if let Some(Value::Object(inner)) = m.get_mut(f) {
                inner.remove(k.as_str());
            }
        }
        _ => {
            m.remove(f);
        }
    }
}
