//! One description per record (issue 15.2). Every input record — the dossier's and the policy pack's —
//! is declared once, with [`record!`]: the macro writes the serde struct (or internally tagged enum) and
//! its shape ([`Ty`], the language `validate` walks and `schema(kind)` renders), and the TypeScript and
//! JavaScript files of the package are rendered from those shapes (`codegen`). So the struct, the
//! shape, the JSON Schema and the TypeScript cannot disagree:
//!
//! - `req` fields are required in the shape and have no serde default; a `req` field of type
//!   `Option<…>` does not compile (serde would read a missing one as `None`).
//! - `opt` fields are optional in the shape and get `#[serde(default)]` (`opt("f")` for
//!   `#[serde(default = "f")]`).
//! - A field's shape is its type's ([`Shape`]: a vocabulary enum is its vocabulary, a record is its
//!   fields), refined where the JSON needs more: `[id]`, `[num(0.0, 100.0)]`, `[list(100, id)]`, written
//!   once beside the field. A refinement only compiles on a type it fits (`id` on text, `num` on a
//!   number, `list` on a `Vec`).
//! - `skip` fields are not part of the JSON (`#[serde(skip)]`).
//!
//! ```text
//! record! {
//!     /// A unit (api.md "The dossier").
//!     #[derive(Clone, Debug, Serialize, Deserialize)]
//!     pub struct Unit as "UnitRecord" {
//!         req id: String [id],
//!         opt name: String,
//!         req kind: UnitKind,
//!         opt parent: Option<String> [id],
//!     }
//! }
//! ```

use serde::Serialize;

// ---------------------------------------------------------------------------------------------------
// The shape language.

/// One value of a vocabulary with its labels: the JSON value, and what office staff read (zh) and the
/// English gloss. Every vocabulary of the library is defined once, in model.rs or policy.rs (issue 14.4,
/// 15.2), and exported to JS by `vocabularies()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub value: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// The type of one JSON value. The shapes of the records are declared with their structs ([`record!`] in
/// model.rs, policy.rs), never by hand.
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
    /// One value of a labelled vocabulary (`vocab!`): errors name the allowed values by their labels.
    Vocab(&'static [Label]),
    /// A number in [min, max], or the string `"n/a"`.
    NumOrNa(f64, f64),
    List(&'static Ty, usize),
    Obj(&'static [Field]),
    /// An object with free keys (ids), each value of this type.
    Map(&'static Ty),
    /// An object keyed by every value of a vocabulary (each key required, no other key), each value of
    /// this type (a policy's deduction per incident severity).
    Keyed(&'static [Label], &'static Ty),
    /// An object whose fields depend on the value of its tag field (a duty's evidence rule by `check`).
    Tagged(&'static Tagged),
    /// A `{ zh, en }` text.
    Bilingual,
    /// Anything (checked elsewhere).
    Any,
}

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
    pub labels: &'static [Label],
    pub variants: &'static [&'static [Field]],
}

impl Tagged {
    /// The fields of the variant whose tag value is `value`.
    pub fn variant(&self, value: &str) -> Option<&'static [Field]> {
        let i = self.labels.iter().position(|l| l.value == value)?;
        self.variants.get(i).copied()
    }
}

// ---------------------------------------------------------------------------------------------------
// Shapes of the types, and the declaration of records.

/// A type that has a shape in JSON.
pub trait Shape {
    const TY: &'static Ty;
    /// `Option<T>`: a missing field of this type reads as `None`, so the field cannot be `req`.
    const OPTIONAL: bool = false;
}

/// A record declared by [`record!`]: its TypeScript name and documentation.
pub trait Record: Shape {
    /// The name of its TypeScript declaration.
    const TS: &'static str;
    /// Its doc comment.
    const DOC: &'static str;
    /// The doc comment of each field of its shape, in order (`""` when none). Empty for a tagged enum.
    const DOCS: &'static [&'static str];
}

/// A vocabulary enum (`vocab!` in model.rs): its values with labels, and its TypeScript name.
pub trait Vocabulary: Shape {
    const ALL: &'static [Label];
    const TS: &'static str;
    const DOC: &'static str;
}

/// The shape of a required field: compile-time proof that its type is not `Option`.
pub const fn mandatory<T: Shape>(ty: Ty) -> Ty {
    assert!(!T::OPTIONAL, "a `req` field cannot be an Option: serde reads a missing one as None");
    ty
}

/// The refinements a field's type admits ([`record!`]'s `[…]`): each is defined only for the types it
/// fits, so `[id]` on a number does not compile.
pub struct R<T: ?Sized>(core::marker::PhantomData<T>);

/// Text in the JSON (`String`, `Option<String>`).
#[allow(dead_code)] // only a bound: a refinement compiles on the types it fits
pub trait Textual {}
impl Textual for String {}
impl Textual for std::rc::Rc<str> {}
impl<T: Textual> Textual for Option<T> {}

/// A whole number in the JSON.
#[allow(dead_code)] // only a bound: a refinement compiles on the types it fits
pub trait Whole {}
impl Whole for i32 {}
impl Whole for u32 {}
impl<T: Whole> Whole for Option<T> {}

/// A decimal number in the JSON.
#[allow(dead_code)] // only a bound: a refinement compiles on the types it fits
pub trait Decimal {}
impl Decimal for f64 {}
impl<T: Decimal> Decimal for Option<T> {}

/// A list in the JSON, and its item type.
pub trait Listy {
    type Item;
}
impl<T> Listy for Vec<T> {
    type Item = T;
}

/// An object with free keys in the JSON, its value type, and its keys when they are a vocabulary.
pub trait Mapped {
    type Value;
    const KEYS: Option<&'static [Label]>;
}
impl<V> Mapped for std::collections::BTreeMap<String, V> {
    type Value = V;
    const KEYS: Option<&'static [Label]> = None;
}
impl<K: Vocabulary, V> Mapped for std::collections::BTreeMap<K, V> {
    type Value = V;
    const KEYS: Option<&'static [Label]> = Some(K::ALL);
}

impl<T: Textual + ?Sized> R<T> {
    /// A non-empty id up to `limits::MAX_ID` characters.
    pub const fn id() -> Ty {
        Ty::Id
    }
    /// Text kept as a string that must be one of a labelled vocabulary's values.
    pub const fn vocab(values: &'static [Label]) -> Ty {
        Ty::Vocab(values)
    }
}

impl<T: Whole + ?Sized> R<T> {
    /// A whole number in [min, max].
    pub const fn int(min: i64, max: i64) -> Ty {
        Ty::Int(min, max)
    }
    /// A year (`date::MIN_YEAR` to `date::MAX_YEAR`).
    pub const fn year() -> Ty {
        Ty::Year
    }
}

impl<T: Decimal + ?Sized> R<T> {
    /// A decimal number in [min, max], at most `exact::MAX_SCALE` places.
    pub const fn num(min: f64, max: f64) -> Ty {
        Ty::Num(min, max)
    }
}

/// An object whose keys are free (`Ty::Map`) or the values of a vocabulary, all required (`Ty::Keyed`).
pub const fn map_of(keys: Option<&'static [Label]>, item: &'static Ty) -> Ty {
    match keys {
        None => Ty::Map(item),
        Some(k) => Ty::Keyed(k, item),
    }
}

impl Shape for String {
    const TY: &'static Ty = &Ty::Text;
}
/// Shared text: the same JSON string.
impl Shape for std::rc::Rc<str> {
    const TY: &'static Ty = &Ty::Text;
}
impl Shape for bool {
    const TY: &'static Ty = &Ty::Bool;
}
impl Shape for f64 {
    const TY: &'static Ty = &Ty::Num(-1e9, 1e9);
}
impl Shape for i32 {
    const TY: &'static Ty = &Ty::Int(i32::MIN as i64, i32::MAX as i64);
}
impl Shape for u32 {
    const TY: &'static Ty = &Ty::Int(0, u32::MAX as i64);
}
impl Shape for crate::date::Date {
    const TY: &'static Ty = &Ty::Date;
}
impl<T: Shape> Shape for Option<T> {
    const TY: &'static Ty = T::TY;
    const OPTIONAL: bool = true;
}
impl<T: Shape> Shape for Vec<T> {
    const TY: &'static Ty = &Ty::List(T::TY, crate::limits::MAX_LIST);
}
impl<V: Shape> Shape for std::collections::BTreeMap<String, V> {
    const TY: &'static Ty = &Ty::Map(V::TY);
}
impl<K: Vocabulary, V: Shape> Shape for std::collections::BTreeMap<K, V> {
    const TY: &'static Ty = &Ty::Keyed(K::ALL, V::TY);
}

/// Declare a record: the serde struct (or internally tagged enum) and its shape, from one description.
/// See the module documentation for the field syntax.
///
/// A tagged enum: `pub enum Evidence as "DutyEvidence", CHECKS by "check" { Variant => "value", "中文",
/// "English" { fields… }, Unit => "value", "中文", "English", … }` — each variant's fields are required
/// or optional in its own shape (`Ty::Tagged`), and `CHECKS` is the tag's labelled vocabulary.
macro_rules! record {
    // ---- the fields of a struct or of a variant, one at a time: [kind] [fields] [shape] [docs] tokens…
    (@fields $k:tt [$($f:tt)*] [$($s:tt)*] [$($d:tt)*]
        $(# $fa:tt)* req $field:ident $(as $json:literal)? : $fty:ty $([$($rf:tt)*])? $(, $($rest:tt)*)?
    ) => {
        $crate::shape::record!(@fields $k
            [$($f)* ([$(# $fa)* $(#[serde(rename = $json)])?] $field $fty)]
            [$($s)* $crate::shape::Field {
                name: $crate::shape::record!(@name $field $($json)?),
                ty: $crate::shape::mandatory::<$fty>($crate::shape::record!(@ty $fty; $($($rf)*)?)),
                required: true,
            },]
            [$($d)* $crate::shape::record!(@doc $(# $fa)*),]
            $($($rest)*)?
        );
    };
    (@fields $k:tt [$($f:tt)*] [$($s:tt)*] [$($d:tt)*]
        $(# $fa:tt)* opt $(($def:literal))? $field:ident $(as $json:literal)? : $fty:ty $([$($rf:tt)*])?
        $(, $($rest:tt)*)?
    ) => {
        $crate::shape::record!(@fields $k
            [$($f)* ([$(# $fa)* #[serde(default $(= $def)?)] $(#[serde(rename = $json)])?] $field $fty)]
            [$($s)* $crate::shape::Field {
                name: $crate::shape::record!(@name $field $($json)?),
                ty: $crate::shape::record!(@ty $fty; $($($rf)*)?),
                required: false,
            },]
            [$($d)* $crate::shape::record!(@doc $(# $fa)*),]
            $($($rest)*)?
        );
    };
    (@fields $k:tt [$($f:tt)*] [$($s:tt)*] [$($d:tt)*]
        $(# $fa:tt)* skip $field:ident : $fty:ty $(, $($rest:tt)*)?
    ) => {
        $crate::shape::record!(@fields $k [$($f)* ([$(# $fa)* #[serde(skip)]] $field $fty)] [$($s)*] [$($d)*]
            $($($rest)*)?);
    };
    // ---- the end of a struct's fields
    (@fields [struct $name:ident $ts:literal [$($sa:tt)*]]
        [$(([$($fa:tt)*] $fname:ident $fty:ty))*] [$($s:tt)*] [$($d:tt)*]
    ) => {
        $($sa)*
        pub struct $name { $($($fa)* pub $fname: $fty,)* }
        impl $crate::shape::Shape for $name {
            const TY: &'static $crate::shape::Ty = &$crate::shape::Ty::Obj(&[$($s)*]);
        }
        impl $crate::shape::Record for $name {
            const TS: &'static str = $ts;
            const DOC: &'static str = $crate::shape::record!(@doc $($sa)*);
            const DOCS: &'static [&'static str] = &[$($d)*];
        }
    };
    // ---- the end of a variant's fields: back to the variants
    (@fields [variant $ctx:tt [$($v:tt)*] [$($vs:tt)*] [$($l:tt)*] [$($va:tt)*] $var:ident $tag:literal
        $zh:literal $en:literal [$($rest:tt)*]]
        [$(([$($fa:tt)*] $fname:ident $fty:ty))*] [$($s:tt)*] [$($d:tt)*]
    ) => {
        $crate::shape::record!(@variants $ctx
            [$($v)* $($va)* #[serde(rename = $tag)] $var { $($($fa)* $fname: $fty,)* },]
            [$($vs)* &[$($s)*],]
            [$($l)* $crate::shape::Label { value: $tag, zh: $zh, en: $en },]
            $($rest)*
        );
    };
    // ---- the variants of a tagged enum: [ctx] [variants] [variant shapes] [labels] tokens…
    (@variants $ctx:tt [$($v:tt)*] [$($vs:tt)*] [$($l:tt)*]
        $(# $va:tt)* $var:ident => $tag:literal, $zh:literal, $en:literal { $($body:tt)* } $(, $($rest:tt)*)?
    ) => {
        $crate::shape::record!(@fields
            [variant $ctx [$($v)*] [$($vs)*] [$($l)*] [$(# $va)*] $var $tag $zh $en [$($($rest)*)?]]
            [] [] [] $($body)*
        );
    };
    (@variants $ctx:tt [$($v:tt)*] [$($vs:tt)*] [$($l:tt)*]
        $(# $va:tt)* $var:ident => $tag:literal, $zh:literal, $en:literal $(, $($rest:tt)*)?
    ) => {
        $crate::shape::record!(@variants $ctx
            [$($v)* $(# $va)* #[serde(rename = $tag)] $var,]
            [$($vs)* &[],]
            [$($l)* $crate::shape::Label { value: $tag, zh: $zh, en: $en },]
            $($($rest)*)?
        );
    };
    (@variants [$name:ident $ts:literal $labels:ident $key:literal [$($sa:tt)*]]
        [$($v:tt)*] [$($vs:tt)*] [$($l:tt)*]
    ) => {
        $($sa)*
        #[serde(tag = $key)]
        pub enum $name { $($v)* }
        /// The values of the tag, with labels.
        pub const $labels: &[$crate::shape::Label] = &[$($l)*];
        impl $crate::shape::Shape for $name {
            const TY: &'static $crate::shape::Ty = &$crate::shape::Ty::Tagged(&$crate::shape::Tagged {
                tag: $key,
                labels: $labels,
                variants: &[$($vs)*],
            });
        }
        impl $crate::shape::Record for $name {
            const TS: &'static str = $ts;
            const DOC: &'static str = $crate::shape::record!(@doc $($sa)*);
            const DOCS: &'static [&'static str] = &[];
        }
    };
    // ---- a field's JSON name, its shape, the doc comment of attributes
    (@name $field:ident) => { stringify!($field) };
    (@name $field:ident $json:literal) => { $json };
    (@ty $t:ty;) => { *<$t as $crate::shape::Shape>::TY };
    (@ty $t:ty; list($max:expr)) => {
        $crate::shape::Ty::List(<<$t as $crate::shape::Listy>::Item as $crate::shape::Shape>::TY, $max)
    };
    (@ty $t:ty; list($max:expr, $($inner:tt)+)) => {
        $crate::shape::Ty::List(&$crate::shape::record!(@ty <$t as $crate::shape::Listy>::Item; $($inner)+), $max)
    };
    (@ty $t:ty; map($($inner:tt)+)) => {
        $crate::shape::map_of(
            <$t as $crate::shape::Mapped>::KEYS,
            &$crate::shape::record!(@ty <$t as $crate::shape::Mapped>::Value; $($inner)+),
        )
    };
    (@ty $t:ty; $refine:ident $(($($arg:expr),* $(,)?))?) => {
        $crate::shape::R::<$t>::$refine($($($arg),*)?)
    };
    (@doc) => { "" };
    (@doc # [doc = $doc:literal] $($rest:tt)*) => { concat!($doc, "\n", $crate::shape::record!(@doc $($rest)*)) };
    (@doc # $other:tt $($rest:tt)*) => { $crate::shape::record!(@doc $($rest)*) };
    // ---- entries
    ($(# $sa:tt)* pub struct $name:ident as $ts:literal { $($body:tt)* }) => {
        $crate::shape::record!(@fields [struct $name $ts [$(# $sa)*]] [] [] [] $($body)*);
    };
    ($(# $sa:tt)* pub enum $name:ident as $ts:literal, $labels:ident by $key:literal { $($body:tt)* }) => {
        $crate::shape::record!(@variants [$name $ts $labels $key [$(# $sa)*]] [] [] [] $($body)*);
    };
}
pub(crate) use record;

// ---------------------------------------------------------------------------------------------------
// Records only from objects, vocabularies only from strings.
//
// serde's derived records also read a JSON array positionally (`"unit": ["U1", "", "locality"]`), and its
// derived enums the object form `{ "locality": null }`; the walk calls both a type error. The model's
// vocabularies read strings only (model.rs), and every record of the dossier is read through `obj`,
// `opt_obj` or `objs`, which hand serde a deserializer that reads a record as a map (serde_json's maps
// are objects only).

/// A value read from a JSON string without copying it (serde's `Cow<str>` always allocates): dates and
/// vocabulary values, the most frequent strings of a dossier. `None` from `f`: not a value of `what`.
pub fn from_str_with<'de, D: serde::Deserializer<'de>, T>(
    d: D,
    what: &'static str,
    f: fn(&str) -> Option<T>,
) -> Result<T, D::Error> {
    struct V<T> {
        what: &'static str,
        f: fn(&str) -> Option<T>,
    }
    impl<'de, T> serde::de::Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, fm: &mut std::fmt::Formatter) -> std::fmt::Result {
            fm.write_str(self.what)
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
            (self.f)(s).ok_or_else(|| E::custom(self.what))
        }
    }
    d.deserialize_str(V { what, f })
}

/// A date from its JSON string, `YYYY-MM-DD`, a real calendar day (date.rs `Date::parse`).
impl<'de> serde::Deserialize<'de> for crate::date::Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        from_str_with(d, "a calendar date", crate::date::Date::parse)
    }
}

/// A deserializer that reads a record (a struct) as a map; everything else as `D` does.
pub struct ObjOnly<D>(pub D);

macro_rules! forward {
    ($($f:ident($($a:ident: $t:ty),*)),* $(,)?) => {
        $(fn $f<V: serde::de::Visitor<'de>>(self, $($a: $t,)* v: V) -> Result<V::Value, D::Error> {
            self.0.$f($($a,)* v)
        })*
    };
}

impl<'de, D: serde::Deserializer<'de>> serde::Deserializer<'de> for ObjOnly<D> {
    type Error = D::Error;
    forward!(
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(), deserialize_i32(),
        deserialize_i64(), deserialize_u8(), deserialize_u16(), deserialize_u32(), deserialize_u64(),
        deserialize_f32(), deserialize_f64(), deserialize_char(), deserialize_str(), deserialize_string(),
        deserialize_bytes(), deserialize_byte_buf(), deserialize_option(), deserialize_unit(),
        deserialize_unit_struct(name: &'static str), deserialize_newtype_struct(name: &'static str),
        deserialize_seq(), deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize), deserialize_map(),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
        deserialize_identifier(), deserialize_ignored_any(),
    );
    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(v)
    }
}

/// A record, from an object only.
pub fn obj<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    T::deserialize(ObjOnly(d))
}

/// An optional record (`null`: none), from an object only.
pub fn opt_obj<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a record or null")
        }
        fn visit_none<E>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Option<T>, D2::Error> {
            obj(d).map(Some)
        }
    }
    d.deserialize_option(V(std::marker::PhantomData))
}

/// A list of records, each from an object only.
pub fn objs<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    struct Seed<T>(std::marker::PhantomData<T>);
    impl<'de, T: serde::Deserialize<'de>> serde::de::DeserializeSeed<'de> for Seed<T> {
        type Value = T;
        fn deserialize<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<T, D2::Error> {
            obj(d)
        }
    }
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of records")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            // No capacity from the input's own claim (serde caps its hint too).
            let mut out = Vec::new();
            while let Some(x) = seq.next_element_seed(Seed(std::marker::PhantomData))? {
                out.push(x);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(V(std::marker::PhantomData))
}
