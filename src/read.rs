//! One pass from JSON text to typed records (issue 15 item 1).
//!
//! The success path reads the text straight into the typed model (`serde_json::from_str::<Dossier>`:
//! no `serde_json::Value` is built), then proves that the typed record conforms to the very shape
//! `validation` checks (`conforms`: the record is serialised into a checker driven by the shape table, so
//! the shapes stay the one description of the limits). Only when either step fails does the engine take
//! the tolerant path: parse to a value under the size and depth limits, walk it collecting every error
//! with its JSON Pointer (`validation`), and answer exactly as before.
//!
//! Why the two paths cannot disagree: the fast path succeeds only on input for which the walk finds no
//! error and no warning, and the typed record is then the same one the tolerant path builds.
//! - Unknown members: the model's records `deny_unknown_fields`, so any unknown member (a warning of the
//!   walk) fails the fast path.
//! - What serde accepts but the shapes do not (a blank or overlong id, text past `MAX_TEXT`, a number
//!   out of range or with too many decimals, a year out of range, too many items, a value outside a
//!   text vocabulary, a required member filled by a serde default): `conforms` refuses it.
//! - What the walk treats as absent (`null`, a blank optional `""`): serde refuses it, or `conforms`
//!   does (a blank id).
//! - A whole number written `2025.0` for a year: serde refuses it (the tolerant path reads it as 2025).
//! - Limits: the text's size is checked first. Depth needs no scan: every container the typed read
//!   enters is one the model declares (at most six deep), an unknown member fails before its value is
//!   read, and `Input` takes only a number or a string, so the read never recurses on the input's own
//!   depth; deeper text fails the fast path and meets the depth limit on the tolerant one.
//!
//! `tests/data_path.rs` (`the_one_pass_read_agrees_with_the_tolerant_walk`) checks the agreement on every
//! dossier of the golden cases, each mutated many times.

use crate::limits;
use crate::model::Dossier;
use crate::shape::{obj, Field, Ty};
use serde::ser::{self, Impossible, Serialize};
use serde_json::Value;

/// The dossier read straight from its text, if it is clean: within the size limit, of the model's exact
/// shape, and conforming to every limit of `validation::DOSSIER`. `None`: take the tolerant path.
pub fn dossier(text: &str) -> Option<Dossier> {
    if text.len() > limits::MAX_INPUT_BYTES {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let d: Dossier = obj(&mut de).ok()?;
    de.end().ok()?;
    conforms(&d, &crate::validation::DOSSIER).then_some(d)
}

/// Does the typed value satisfy every limit of the shape `ty` (the walk would find nothing)?
pub fn conforms<T: Serialize>(v: &T, ty: &Ty) -> bool {
    v.serialize(Check { ty }).is_ok()
}

/// The record read from a value the shape walk accepted (with warnings at most): members the walk
/// ignores (unknown ones, `null`s and blank optionals) are dropped first, then the value is read through
/// its text, so the module carries one deserializer per type (from text), not a second one from values.
pub fn from_checked_value<T: serde::de::DeserializeOwned>(v: &Value, ty: &Ty) -> Option<T> {
    let mut x = v.clone();
    prune(&mut x, ty);
    let text = serde_json::to_string(&x).ok()?;
    crate::patch::dismantle(x);
    let mut de = serde_json::Deserializer::from_str(&text);
    let r = obj(&mut de).ok()?;
    de.end().ok()?;
    Some(r)
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
// The conformance check: a `Serializer` that walks the shape while the typed value describes itself.

/// The value does not conform (which limit is not said: the tolerant path says it).
#[derive(Debug)]
pub struct Mismatch;

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("does not conform")
    }
}

impl std::error::Error for Mismatch {}

impl ser::Error for Mismatch {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Mismatch
    }
}

/// `Ok(true)`: a value is present; `Ok(false)`: absent (`None`).
type R = Result<bool, Mismatch>;

fn yes(ok: bool) -> R {
    if ok {
        Ok(true)
    } else {
        Err(Mismatch)
    }
}

/// Text longer than `max` characters (bytes first: most text is short).
fn too_long(s: &str, max: usize) -> bool {
    s.len() > max && s.chars().count() > max
}

fn text(ty: &Ty, s: &str) -> R {
    if std::ptr::eq(ty, &KEY) {
        return yes(!too_long(s, limits::MAX_ID));
    }
    if crate::validation::blank_means_missing(ty) && s.chars().all(char::is_whitespace) {
        return Err(Mismatch);
    }
    yes(match ty {
        Ty::Any => true,
        Ty::Text => !too_long(s, limits::MAX_TEXT),
        Ty::Id => !too_long(s, limits::MAX_ID),
        Ty::Date => crate::date::Date::parse(s).is_some(),
        Ty::Vocab(values) => values.iter().any(|l| l.value == s),
        Ty::Enum(values) => values.contains(&s),
        Ty::NumOrNa(..) => s == "n/a",
        _ => false,
    })
}

fn number(ty: &Ty, x: f64) -> R {
    yes(match ty {
        Ty::Any => true,
        Ty::Num(min, max) | Ty::NumOrNa(min, max) => {
            crate::exact::Decimal::from_f64(x).is_ok() && x >= *min && x <= *max
        }
        _ => false,
    })
}

fn integer(ty: &Ty, i: i64) -> R {
    match ty {
        Ty::Year => yes((i64::from(crate::date::MIN_YEAR)..=i64::from(crate::date::MAX_YEAR)).contains(&i)),
        Ty::Int(min, max) => yes(i >= *min && i <= *max),
        _ => number(ty, i as f64),
    }
}

struct Check<'t> {
    ty: &'t Ty,
}

pub struct Seq<'t> {
    item: &'t Ty,
}

pub struct Obj<'t> {
    fields: &'t [Field],
    seen: u64,
    next: usize,
}

pub struct Map<'t> {
    item: &'t Ty,
}

macro_rules! via_i64 {
    ($($f:ident: $t:ty),*) => {
        $(fn $f(self, v: $t) -> R {
            match i64::try_from(v) {
                Ok(i) => integer(self.ty, i),
                Err(_) => Err(Mismatch),
            }
        })*
    };
}

impl<'t> ser::Serializer for Check<'t> {
    type Ok = bool;
    type Error = Mismatch;
    type SerializeSeq = Seq<'t>;
    type SerializeTuple = Impossible<bool, Mismatch>;
    type SerializeTupleStruct = Impossible<bool, Mismatch>;
    type SerializeTupleVariant = Impossible<bool, Mismatch>;
    type SerializeMap = Map<'t>;
    type SerializeStruct = Obj<'t>;
    type SerializeStructVariant = Impossible<bool, Mismatch>;

    fn serialize_bool(self, _: bool) -> R {
        yes(matches!(self.ty, Ty::Bool | Ty::Any))
    }
    via_i64!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
             serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    fn serialize_f32(self, v: f32) -> R {
        number(self.ty, f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> R {
        number(self.ty, v)
    }
    fn serialize_char(self, c: char) -> R {
        text(self.ty, c.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, s: &str) -> R {
        text(self.ty, s)
    }
    fn collect_str<T: std::fmt::Display + ?Sized>(self, v: &T) -> R {
        // The model's one `Display` value is `Date`, a real date by construction: nothing to print.
        if matches!(self.ty, Ty::Date) {
            return Ok(true);
        }
        text(self.ty, &v.to_string())
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Err(Mismatch)
    }
    fn serialize_none(self) -> R {
        Ok(false)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_unit(self) -> R {
        Err(Mismatch)
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Err(Mismatch)
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, variant: &'static str) -> R {
        // A vocabulary's enum and its label list are made by one macro (model.rs), in one order.
        match self.ty {
            Ty::Vocab(values) if values.get(index as usize).is_some_and(|l| l.value == variant) => Ok(true),
            _ => text(self.ty, variant),
        }
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> R {
        Err(Mismatch)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'t>, Mismatch> {
        match self.ty {
            Ty::List(item, max) if len.is_some_and(|n| n <= *max) => Ok(Seq { item }),
            _ => Err(Mismatch),
        }
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Map<'t>, Mismatch> {
        match self.ty {
            Ty::Map(item) if len.is_some_and(|n| n <= crate::limits::MAX_MAP_KEYS) => Ok(Map { item }),
            _ => Err(Mismatch),
        }
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Obj<'t>, Mismatch> {
        match self.ty {
            // Bit i of `seen` is field i: a shape of more than 64 fields is never read this way.
            Ty::Obj(fields) if fields.len() <= 64 => Ok(Obj { fields, seen: 0, next: 0 }),
            _ => Err(Mismatch),
        }
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Mismatch> {
        Err(Mismatch)
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = bool;
    type Error = Mismatch;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Mismatch> {
        // A list item is never absent (the walk calls a `null` item a type error).
        yes(v.serialize(Check { ty: self.item })?).map(|_| ())
    }
    fn end(self) -> R {
        Ok(true)
    }
}

impl ser::SerializeMap for Map<'_> {
    type Ok = bool;
    type Error = Mismatch;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Mismatch> {
        // A key is text of at most `MAX_ID` characters (the walk checks nothing else of it).
        k.serialize(Check { ty: &KEY }).map(|_| ())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Mismatch> {
        yes(v.serialize(Check { ty: self.item })?).map(|_| ())
    }
    fn end(self) -> R {
        Ok(true)
    }
}

/// The type of a map key (told apart by address in `text`): any text of at most `MAX_ID` characters,
/// blank included.
static KEY: Ty = Ty::Any;

impl ser::SerializeStruct for Obj<'_> {
    type Ok = bool;
    type Error = Mismatch;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Mismatch> {
        // A member the shape does not know would be a drift between model and shape: not clean.
        // The model declares its fields in the shape's order: look from the one after the last first.
        let n = self.fields.len();
        let i =
            (0..n).map(|k| (self.next + k) % n).find(|&i| self.fields.get(i).is_some_and(|f| f.name == key));
        let i = i.ok_or(Mismatch)?;
        self.next = i + 1;
        let f = self.fields.get(i).ok_or(Mismatch)?;
        if v.serialize(Check { ty: &f.ty })? {
            self.seen |= 1u64 << i;
        }
        Ok(())
    }
    fn skip_field(&mut self, _: &'static str) -> Result<(), Mismatch> {
        Ok(())
    }
    fn end(self) -> R {
        let all = self.fields.iter().enumerate().all(|(i, f)| !f.required || self.seen & (1u64 << i) != 0);
        yes(all)
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
