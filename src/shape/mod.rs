//! One description per record (issue 15.2). Every input record — the dossier's and the policy pack's —
//! is declared once, with [`record!`]: the macro writes the struct (or internally tagged enum), its
//! shape ([`Ty`], the language `validate` walks and `schema(kind)` renders) and its reader from JSON text
//! ([`Read`], read.rs beside this file: the one reader of the module, no serde deserializer), and the
//! TypeScript and JavaScript files of the package are rendered from those shapes (`codegen`). So the
//! struct, the shape, the reader, the JSON Schema and the TypeScript cannot disagree:
//!
//! - `req` fields are required in the shape and by the reader; a `req` field of type `Option<…>` does
//!   not compile (a missing one would read as `None`).
//! - `opt` fields are optional in the shape; the reader fills a missing one with its `Default`
//!   (`opt(f)`: with `f()`).
//! - A field's shape is its type's ([`Shape`]: a vocabulary enum is its vocabulary, a record is its
//!   fields), refined where the JSON needs more: `[id]`, `[num(0.0, 100.0)]`, `[list(100, id)]`, written
//!   once beside the field. A refinement only compiles on a type it fits (`id` on text, `num` on a
//!   number, `list` on a `Vec`).
//! - `skip` fields are not part of the JSON (`#[serde(skip)]`; the reader fills them with `Default`).
//! - Records serialise with serde's `Serialize` (the answers echo them); they are read only by [`Read`],
//!   from objects only, each member once.
//!
//! ```text
//! record! {
//!     /// A unit (api.md "The dossier").
//!     #[derive(Clone, Debug, Serialize)]
//!     pub struct Unit as "UnitRecord" {
//!         req id: String [id],
//!         opt name: String,
//!         req kind: UnitKind,
//!         opt parent: Option<String> [id],
//!     }
//! }
//! ```

use serde::Serialize;

mod read;
pub use read::{from_text, number_ok, Key, Read, Reader};

/// The text of "not applicable" where a number is expected (`Ty::NumOrNa`; `model::Input`).
pub const NOT_APPLICABLE: &str = "n/a";

/// Does an empty string stand for "not filled in" in a field of this type? (layui and Vue models send
/// `""` for an untouched input or select.) Free text may be empty.
pub fn blank_means_missing(ty: &Ty) -> bool {
    !matches!(ty, Ty::Text | Ty::Any | Ty::Bilingual)
}

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
    // Each field is kept as ([attributes] name type [how it is read]).
    (@fields $k:tt [$($f:tt)*] [$($s:tt)*] [$($d:tt)*]
        $(# $fa:tt)* req $field:ident $(as $json:literal)? : $fty:ty $([$($rf:tt)*])? $(, $($rest:tt)*)?
    ) => {
        $crate::shape::record!(@fields $k
            [$($f)* ([$(# $fa)* $(#[serde(rename = $json)])?] $field $fty
                [req $crate::shape::record!(@name $field $($json)?), $crate::shape::record!(@ty $fty; $($($rf)*)?)])]
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
        $(# $fa:tt)* opt $(($def:ident))? $field:ident $(as $json:literal)? : $fty:ty $([$($rf:tt)*])?
        $(, $($rest:tt)*)?
    ) => {
        $crate::shape::record!(@fields $k
            [$($f)* ([$(# $fa)* $(#[serde(rename = $json)])?] $field $fty
                [opt $crate::shape::record!(@name $field $($json)?), $crate::shape::record!(@ty $fty; $($($rf)*)?),
                    $crate::shape::record!(@default $($def)?)])]
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
        $crate::shape::record!(@fields $k [$($f)* ([$(# $fa)* #[serde(skip)]] $field $fty [skip])] [$($s)*] [$($d)*]
            $($($rest)*)?);
    };
    // ---- the end of a struct's fields
    (@fields [struct $name:ident $ts:literal [$($sa:tt)*]]
        [$(([$($fa:tt)*] $fname:ident $fty:ty [$($rd:tt)*]))*] [$($s:tt)*] [$($d:tt)*]
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
        /// From an object only, each member once, under the shape above (read.rs).
        impl $crate::shape::Read for $name {
            fn read(r: &mut $crate::shape::Reader<'_>, _: &$crate::shape::Ty) -> Option<Self> {
                $(#[allow(unused_mut, unused_variables)] let mut $fname: Option<$fty> = None;)*
                r.object(|r, key| {
                    $($crate::shape::record!(@member r key $fname $fty [$($rd)*]);)*
                    r.unknown()
                })?;
                Some($name { $($fname: $crate::shape::record!(@finish $fname [$($rd)*]),)* })
            }
        }
    };
    // ---- the end of a variant's fields: back to the variants
    (@fields [variant $ctx:tt [$($v:tt)*] [$($vs:tt)*] [$($l:tt)*] [$($rv:tt)*] [$($va:tt)*] $var:ident $tag:literal
        $zh:literal $en:literal [$($rest:tt)*]]
        [$(([$($fa:tt)*] $fname:ident $fty:ty [$($rd:tt)*]))*] [$($s:tt)*] [$($d:tt)*]
    ) => {
        $crate::shape::record!(@variants $ctx
            [$($v)* $($va)* #[serde(rename = $tag)] $var { $($($fa)* $fname: $fty,)* },]
            [$($vs)* &[$($s)*],]
            [$($l)* $crate::shape::Label { value: $tag, zh: $zh, en: $en },]
            [$($rv)* ($tag |r: &mut $crate::shape::Reader<'_>, tag: &str| -> Option<Self> {
                $(#[allow(unused_mut, unused_variables)] let mut $fname: Option<$fty> = None;)*
                r.object(|r, key| {
                    if key == tag {
                        return r.skip();
                    }
                    $($crate::shape::record!(@member r key $fname $fty [$($rd)*]);)*
                    r.unknown()
                })?;
                Some(Self::$var { $($fname: $crate::shape::record!(@finish $fname [$($rd)*]),)* })
            })]
            $($rest)*
        );
    };
    // ---- the variants of a tagged enum: [ctx] [variants] [variant shapes] [labels] [reads] tokens…
    (@variants $ctx:tt [$($v:tt)*] [$($vs:tt)*] [$($l:tt)*] [$($rv:tt)*]
        $(# $va:tt)* $var:ident => $tag:literal, $zh:literal, $en:literal { $($body:tt)* } $(, $($rest:tt)*)?
    ) => {
        $crate::shape::record!(@fields
            [variant $ctx [$($v)*] [$($vs)*] [$($l)*] [$($rv)*] [$(# $va)*] $var $tag $zh $en [$($($rest)*)?]]
            [] [] [] $($body)*
        );
    };
    (@variants $ctx:tt [$($v:tt)*] [$($vs:tt)*] [$($l:tt)*] [$($rv:tt)*]
        $(# $va:tt)* $var:ident => $tag:literal, $zh:literal, $en:literal $(, $($rest:tt)*)?
    ) => {
        $crate::shape::record!(@variants $ctx
            [$($v)* $(# $va)* #[serde(rename = $tag)] $var,]
            [$($vs)* &[],]
            [$($l)* $crate::shape::Label { value: $tag, zh: $zh, en: $en },]
            [$($rv)* ($tag |r: &mut $crate::shape::Reader<'_>, tag: &str| -> Option<Self> {
                r.object(|r, key| if key == tag { r.skip() } else { r.unknown() })?;
                Some(Self::$var)
            })]
            $($($rest)*)?
        );
    };
    (@variants [$name:ident $ts:literal $labels:ident $key:literal [$($sa:tt)*]]
        [$($v:tt)*] [$($vs:tt)*] [$($l:tt)*] [$(($tagv:literal $reader:expr))*]
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
        /// From an object only, its variant by its tag (wherever the tag stands among the members).
        impl $crate::shape::Read for $name {
            fn read(r: &mut $crate::shape::Reader<'_>, _: &$crate::shape::Ty) -> Option<Self> {
                if r.strict() {
                    return None; // no dossier record is tagged: only the tolerant path reads one
                }
                let tag = r.tag($key)?;
                $(if tag == $tagv {
                    return ($reader)(r, $key);
                })*
                None
            }
        }
    };
    // ---- reading one member into its slot, and the field's value at the end
    (@member $r:ident $key:ident $fname:ident $fty:ty [req $json:expr, $tyx:expr]) => {
        $crate::shape::record!(@member $r $key $fname $fty [opt $json, $tyx, ()])
    };
    (@member $r:ident $key:ident $fname:ident $fty:ty [opt $json:expr, $tyx:expr, $def:expr]) => {
        if $key == $json {
            const TY: $crate::shape::Ty = $tyx;
            if $fname.is_some() {
                return None;
            }
            $fname = Some(<$fty as $crate::shape::Read>::read($r, &TY)?);
            return Some(());
        }
    };
    (@member $r:ident $key:ident $fname:ident $fty:ty [skip]) => {};
    (@finish $fname:ident [req $json:expr, $tyx:expr]) => {
        match $fname {
            Some(v) => v,
            None => return None,
        }
    };
    (@finish $fname:ident [opt $json:expr, $tyx:expr, $def:expr]) => {
        match $fname {
            Some(v) => v,
            None => $def,
        }
    };
    (@finish $fname:ident [skip]) => {
        ::core::default::Default::default()
    };
    (@default) => { ::core::default::Default::default() };
    (@default $def:ident) => { $def() };
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
        $crate::shape::record!(@variants [$name $ts $labels $key [$(# $sa)*]] [] [] [] [] $($body)*);
    };
}
pub(crate) use record;
