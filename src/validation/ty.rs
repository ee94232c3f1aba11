//! The shape language: the type of one JSON value (`Ty`), declared with each record by `shape::record!`.

use crate::model;

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
