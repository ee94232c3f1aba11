//! Answers as a tape: what the bindings make a JS object from instead of JSON text and `JSON.parse`
//! (issue 15 item 6, ARCHITECTURE.md "The boundary"). A [`serde::Serializer`] writes the value as ops
//! (object, array, close, literal, number, string), its numbers as doubles and its strings as one text;
//! src/compact.js (`pinganTape`) walks the ops without recursion. Field names, enum words and the
//! policy's shared texts ([`SHARED`]) are sent once per module and then named by index, so evaluate's
//! answer decodes a third of its text and parses none.
//!
//! The object is the one `JSON.parse` would make of serde_json's text for the same value: a number is the
//! double serde_json's shortest text parses back to (the same double), a non-finite one `null`, keys in
//! the same order. What the tape cannot write that way (a map key that is not text or an integer)
//! stops it, and the caller answers with the text instead; so does an answer whose JSON text might pass
//! the ceiling, so that `answer_too_large` is decided by the text alone.
//!
//! The same writer in its text mode ([`json`]) writes serde_json's bytes: the crate's JSON answers
//! (`api::to_text_capped`) go through it, so each answer type is serialised by one function in the module.

use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

/// The newtype name that marks a string as shared policy text (issue.rs `Shared`): worth a word.
pub const SHARED: &str = "\u{0}pingan::shared";

/// Op tags (the low 3 bits; the rest is an index). `pinganTape` reads the same numbers.
pub const NUMBER: u32 = 0;
pub const WORD: u32 = 1;
pub const STRING: u32 = 2;
pub const OBJECT: u32 = 3;
pub const ARRAY: u32 = 4;
pub const CLOSE: u32 = 5;
/// Index 0 `null`, 1 `true`, 2 `false`.
pub const LITERAL: u32 = 6;
/// A string that becomes the next word (index = the module's word count before it).
pub const NEW_WORD: u32 = 7;

/// At most this many words per module, each at most `MAX_WORD_BYTES`: the table stays under 512 KB
/// whatever texts a policy brings; past it, strings are sent as text (slower, the same answer).
const MAX_WORDS: usize = 4096;
const MAX_WORD_BYTES: usize = 128;

/// One answer as ops, numbers and strings.
#[derive(Debug, Default)]
pub struct Tape {
    pub ops: Vec<u32>,
    pub numbers: Vec<f64>,
    /// The strings the ops name by `STRING` or `NEW_WORD`, one after another.
    pub text: String,
    /// Each string's length in UTF-16 units (how JS cuts `text`).
    pub units: Vec<u32>,
    /// The module's word count when this tape was written: the JS table must have as many.
    pub first_new: u32,
}

/// 64-bit FxHash over the bytes (word-at-a-time): the words' keys.
#[derive(Default)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let mut w = [0u8; 8];
        for (d, s) in w.iter_mut().zip(chunks.remainder()) {
            *d = *s;
        }
        self.add(u64::from_le_bytes(w) ^ (bytes.len() as u64) << 56);
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

fn hash(s: &str) -> u64 {
    let mut h = Fx::default();
    h.write(s.as_bytes());
    h.finish()
}

/// The module's words: their text (as JS has them, in order) and each one's index by its hash. Two
/// words with one hash: the second is sent as text.
#[derive(Default)]
struct Words {
    list: Vec<(Box<str>, u32)>,
    index: HashMap<u64, u32, BuildHasherDefault<Fx>>,
    /// The last word seen at each of `SEEN` slots by the address and length of the text it came from:
    /// field keys and enum words are static text and the pack's texts stay put, so most words are found
    /// here without hashing them (a profile of `evaluate` had a tenth of its time in the hash lookup).
    /// A hit is checked against the word's text (an address freed and reused for other text is then a
    /// miss), except where both the text and the word's were static (`fixed`): static text never moves.
    seen: Vec<(usize, usize, u32, bool)>,
}

/// Slots of [`Words::seen`] (a power of two).
const SEEN: usize = 512;
const _: () = assert!(SEEN.is_power_of_two() && SEEN <= 1 << 16);

/// The slot of the text at `at`: the top log2(`SEEN`) bits of its address times a golden-ratio constant.
#[inline(always)]
fn slot(at: usize) -> usize {
    ((at as u32).wrapping_mul(0x9e37_79b9) >> (32 - SEEN.trailing_zeros())) as usize
}

impl Words {
    /// The index of `s` if it is a word (its escaped JSON length with it).
    fn find(&mut self, s: &str, fixed: bool) -> Option<(u32, u32)> {
        let at = s.as_ptr() as usize;
        if let Some(&(a, n, i, was_fixed)) = self.seen.get(slot(at)) {
            if a == at && n == s.len() {
                if let Some((_, esc)) =
                    self.list.get(i as usize).filter(|(w, _)| fixed && was_fixed || **w == *s)
                {
                    return Some((i, *esc));
                }
            }
        }
        let i = *self.index.get(&hash(s))?;
        let esc = self.list.get(i as usize).filter(|(w, _)| **w == *s)?.1;
        self.remember(s, i, fixed);
        Some((i, esc))
    }
    /// Note where the text of word `i` was (see `seen`).
    fn remember(&mut self, s: &str, i: u32, fixed: bool) {
        if self.seen.is_empty() {
            self.seen = vec![(0, 0, 0, false); SEEN];
        }
        let at = s.as_ptr() as usize;
        if let Some(e) = self.seen.get_mut(slot(at)) {
            *e = (at, s.len(), i, fixed);
        }
    }
    /// Forget the words from `n` on (a tape that was not sent).
    fn truncate(&mut self, n: usize) {
        for (w, _) in self.list.get(n..).unwrap_or_default() {
            self.index.remove(&hash(w));
        }
        self.list.truncate(n);
        for e in self.seen.iter_mut().filter(|e| e.2 as usize >= n) {
            *e = (0, 0, 0, false);
        }
    }
}

thread_local! {
    static WORDS: RefCell<Words> = RefCell::default();
}

/// Forget every word (the JS table was lost: a build that threw).
pub fn reset() {
    WORDS.with(|w| *w.borrow_mut() = Words::default());
}

/// How many words the module has sent (the JS table holds as many).
pub fn words() -> usize {
    WORDS.with(|w| w.borrow().list.len())
}

/// The tape of `v`, or `None` where it cannot be the same object as `JSON.parse` of its text, or its
/// text could pass `max` bytes.
pub fn write<T: Serialize + ?Sized>(v: &T, max: usize) -> Option<Tape> {
    WORDS.with(|cell| {
        let mut words = cell.borrow_mut();
        let first = words.list.len();
        let t = Tape { first_new: u32::try_from(first).ok()?, ..Tape::default() };
        let mut w = W { out: Sink::Tape(t, &mut words), bound: 0, max, shared: false, open: Vec::new() };
        match v.serialize(&mut w) {
            Ok(()) => match w.out {
                Sink::Tape(t, _) => Some(t),
                Sink::Json(_) => None,
            },
            Err(Stop) => {
                words.truncate(first);
                None
            }
        }
    })
}

/// The JSON text of `v` byte for byte as `serde_json::to_string` writes it (tests hold the two equal),
/// or `None` past `max` bytes: the same writer in its other mode, so each answer type has one
/// serialisation in the module, not one per output.
pub fn json<T: Serialize + ?Sized>(v: &T, max: usize) -> Option<String> {
    // A typical answer's size at once (a score answer is ~6 KB), not a dozen doublings.
    let buf = Vec::with_capacity(max.min(8 << 10));
    let mut w = W { out: Sink::Json(buf), bound: 0, max, shared: false, open: Vec::new() };
    v.serialize(&mut w).ok()?;
    match w.out {
        Sink::Json(b) => String::from_utf8(b).ok(),
        Sink::Tape(..) => None,
    }
}

/// Why a tape stopped (no message: the caller writes the text instead).
#[derive(Debug)]
pub struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("tape stopped")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

/// An integer as the nearest double (`as` rounds to nearest, as `JSON.parse` does the digits).
struct Wide(f64);

impl From<i64> for Wide {
    fn from(v: i64) -> Wide {
        Wide(v as f64)
    }
}

impl From<i128> for Wide {
    fn from(v: i128) -> Wide {
        Wide(v as f64)
    }
}

impl From<u128> for Wide {
    fn from(v: u128) -> Wide {
        Wide(v as f64)
    }
}

/// Where the writer puts the value: a tape (with the module's words), or JSON text.
enum Sink<'a> {
    Tape(Tape, &'a mut Words),
    Json(Vec<u8>),
}

/// What the JSON text expects next inside an open container (for its commas and colons).
#[derive(Clone, Copy)]
enum Open {
    FirstItem,
    Item,
    FirstKey,
    Key,
    Value,
}

/// The writer. In a tape, `bound` is at least the JSON text's length so far (a number counts 26
/// bytes, a string its escaped length): past `max` the tape stops. As JSON the text itself is held
/// to `max`.
struct W<'a> {
    out: Sink<'a>,
    bound: usize,
    max: usize,
    /// The next string is shared policy text (inside a [`SHARED`] newtype).
    shared: bool,
    /// The JSON text's open containers (unused in a tape).
    open: Vec<Open>,
}

/// A string's JSON length (quotes and escapes as serde_json writes them, at most) and UTF-16 length.
/// Eight bytes at a time where none needs escaping (most of an answer's text; a profile of `evaluate`
/// had a tenth of writing its tape here byte by byte), byte by byte in the rest.
fn measure(s: &str) -> (usize, usize) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (mut esc, mut units) = (2, 0);
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        let w = u64::from_le_bytes(b);
        // Some byte below 0x20, or `"` or `\`: exact as "some", the bytes themselves are counted below.
        let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
        let special =
            below(w, 0x20) | below(w ^ (ONES * u64::from(b'"')), 1) | below(w ^ (ONES * u64::from(b'\\')), 1);
        if special != 0 {
            let (e, u) = measure_bytes(c);
            esc += e;
            units += u;
            continue;
        }
        // A UTF-16 unit per byte that does not continue a character (10xxxxxx), two for a four-byte one.
        let cont = w & !(w << 1) & HIGH;
        let four = w & (w << 1) & (w << 2) & (w << 3) & HIGH;
        esc += 8;
        units += 8 - cont.count_ones() as usize + four.count_ones() as usize;
    }
    let (e, u) = measure_bytes(chunks.remainder());
    (esc + e, units + u)
}

/// [`measure`] of some bytes one at a time (without the quotes).
fn measure_bytes(bytes: &[u8]) -> (usize, usize) {
    let (mut esc, mut units) = (0, 0);
    for &b in bytes {
        esc += match b {
            0..=0x1f => 6,
            b'"' | b'\\' => 2,
            _ => 1,
        };
        units += usize::from(b & 0xc0 != 0x80) + usize::from(b >= 0xf0);
    }
    (esc, units)
}

/// A JSON string, escaped as serde_json escapes it (`\"`, `\\`, the short escapes, `\u00XX`).
pub fn push_json_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(s.as_bytes().get(run..i).unwrap_or_default());
        run = i + 1;
        if esc.is_empty() {
            // A control character (below 0x20): `\u00` and two lower-case hex digits.
            let hex = |d: u8| if d < 10 { b'0' + d } else { b'a' + d - 10 };
            out.extend_from_slice(b"\\u00");
            out.push(hex(b >> 4));
            out.push(hex(b & 15));
        } else {
            out.extend_from_slice(esc);
        }
    }
    out.extend_from_slice(s.as_bytes().get(run..).unwrap_or_default());
    out.push(b'"');
}

impl W<'_> {
    #[inline(always)]
    fn grow(&mut self, n: usize) -> Result<(), Stop> {
        self.bound = self.bound.saturating_add(n);
        if self.bound > self.max {
            return Err(Stop);
        }
        Ok(())
    }
    /// JSON text: the comma or colon before the next key or value, and what comes after it.
    fn sep(b: &mut Vec<u8>, open: &mut [Open]) {
        let Some(top) = open.last_mut() else { return };
        let (c, next) = match *top {
            Open::FirstItem => (None, Open::Item),
            Open::Item => (Some(b','), Open::Item),
            Open::FirstKey => (None, Open::Value),
            Open::Key => (Some(b','), Open::Value),
            Open::Value => (Some(b':'), Open::Key),
        };
        b.extend(c);
        *top = next;
    }
    /// Writes one piece of JSON text (after its separator), held to `max`.
    fn put(&mut self, piece: impl FnOnce(&mut Vec<u8>)) -> Result<(), Stop> {
        if let Sink::Json(b) = &mut self.out {
            Self::sep(b, &mut self.open);
            piece(b);
            if b.len() > self.max {
                return Err(Stop);
            }
        }
        Ok(())
    }
    #[inline(always)]
    fn op(&mut self, tag: u32, index: usize) -> Result<(), Stop> {
        let i = u32::try_from(index).ok().filter(|i| *i < 1 << 29).ok_or(Stop)?;
        if let Sink::Tape(t, _) = &mut self.out {
            t.ops.push(tag | i << 3);
        }
        Ok(())
    }
    /// A double; a non-finite one is `null`, as serde_json writes it.
    fn float(&mut self, x: f64) -> Result<(), Stop> {
        if !x.is_finite() {
            return self.literal(0);
        }
        if let Sink::Json(_) = self.out {
            use serde_json::ser::Formatter;
            return self.put(|b| {
                let _ = serde_json::ser::CompactFormatter.write_f64(b, x);
            });
        }
        self.grow(26)?;
        self.number(x)
    }
    #[inline(always)]
    fn number(&mut self, x: f64) -> Result<(), Stop> {
        if let Sink::Tape(t, _) = &mut self.out {
            t.ops.push(NUMBER);
            t.numbers.push(x);
        }
        Ok(())
    }
    /// An integer: its digits as text; in a tape the nearest double, as `JSON.parse` makes of them.
    /// As an `i64` where it fits: wasm converts and divides those in one instruction, an `i128` by a
    /// library call (a profile of `evaluate` had 1.5 % of writing its tape in `__floattidf`).
    fn int(&mut self, v: i128) -> Result<(), Stop> {
        match i64::try_from(v) {
            Ok(x) => self.digits(x),
            Err(_) => self.digits(v),
        }
    }
    fn digits<I: fmt::Display + Copy + Into<Wide>>(&mut self, v: I) -> Result<(), Stop> {
        if let Sink::Json(_) = self.out {
            use std::io::Write;
            return self.put(|b| {
                let _ = write!(b, "{}", v);
            });
        }
        self.grow(41)?;
        self.number(v.into().0)
    }
    fn literal(&mut self, i: u32) -> Result<(), Stop> {
        if let Sink::Json(_) = self.out {
            let word: &[u8] = [&b"null"[..], b"true", b"false"].get(i as usize).copied().unwrap_or(b"null");
            return self.put(|b| b.extend_from_slice(word));
        }
        self.grow(6)?;
        self.op(LITERAL, i as usize)
    }
    fn close(&mut self) -> Result<(), Stop> {
        if let Sink::Json(b) = &mut self.out {
            let end = match self.open.pop() {
                Some(Open::FirstItem | Open::Item) => b']',
                _ => b'}',
            };
            b.push(end);
            return if b.len() > self.max { Err(Stop) } else { Ok(()) };
        }
        self.grow(1)?;
        self.op(CLOSE, 0)
    }
    fn open(&mut self, tag: u32) -> Result<(), Stop> {
        if let Sink::Json(_) = self.out {
            let (c, o) = if tag == OBJECT { (b'{', Open::FirstKey) } else { (b'[', Open::FirstItem) };
            self.put(|b| b.push(c))?;
            self.open.push(o);
            return Ok(());
        }
        self.grow(2)?;
        self.op(tag, 0)
    }
    /// A string sent as text.
    fn text(&mut self, tag: u32, s: &str, esc: usize, units: usize) -> Result<(), Stop> {
        self.grow(esc + 1)?;
        let Sink::Tape(t, _) = &mut self.out else { return Ok(()) };
        let n = t.units.len();
        t.units.push(u32::try_from(units).map_err(|_| Stop)?);
        t.text.push_str(s);
        self.op(tag, n)
    }
    fn string(&mut self, s: &str) -> Result<(), Stop> {
        if let Sink::Json(_) = self.out {
            return self.put(|b| push_json_str(b, s));
        }
        let (esc, units) = measure(s);
        self.text(STRING, s, esc, units)
    }
    /// A string that recurs from answer to answer (a field name, an enum word, a policy text); `fixed`:
    /// it is static text (a name serde hands over as `&'static str`).
    fn word(&mut self, s: &str, fixed: bool) -> Result<(), Stop> {
        let Sink::Tape(_, words) = &mut self.out else { return self.string(s) };
        if let Some((i, esc)) = words.find(s, fixed) {
            self.grow(esc as usize + 1)?;
            return self.op(WORD, i as usize);
        }
        let (esc, units) = measure(s);
        let h = hash(s);
        let fits = s.len() <= MAX_WORD_BYTES && words.list.len() < MAX_WORDS;
        if !fits || words.index.contains_key(&h) {
            return self.text(STRING, s, esc, units);
        }
        let i = u32::try_from(words.list.len()).map_err(|_| Stop)?;
        words.index.insert(h, i);
        words.list.push((s.into(), esc as u32));
        words.remember(s, i, fixed);
        self.text(NEW_WORD, s, esc, units)
    }
}

/// The `serialize_<integer>` methods of a serializer, each handing its value to one method (`$how`),
/// widened first where `as` names a type (so `$how` is one function, not one per integer type).
macro_rules! integers {
    ($how:ident as $wide:ty: $($method:ident($t:ty)),*) => {$(
        fn $method(self, v: $t) -> Result<(), Stop> {
            self.$how(<$wide>::from(v))
        }
    )*};
    ($how:ident: $($method:ident($t:ty)),*) => {$(
        fn $method(self, v: $t) -> Result<(), Stop> {
            self.$how(v)
        }
    )*};
}

impl<'a, 'b> ser::Serializer for &'a mut W<'b> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Stop> {
        self.literal(if v { 1 } else { 2 })
    }
    integers!(int as i128: serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64), serialize_i128(i128),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64));
    fn serialize_u128(self, v: u128) -> Result<(), Stop> {
        match i128::try_from(v) {
            Ok(i) => self.int(i),
            Err(_) => self.digits(v),
        }
    }
    /// serde_json prints an `f32` by its own shortest text; `JSON.parse` reads that text as the
    /// double nearest to it, which is not the `f64` the `f32` widens to.
    fn serialize_f32(self, v: f32) -> Result<(), Stop> {
        use serde_json::ser::Formatter;
        if !v.is_finite() {
            return self.literal(0);
        }
        let mut digits = Vec::new();
        let _ = serde_json::ser::CompactFormatter.write_f32(&mut digits, v);
        if let Sink::Json(_) = self.out {
            return self.put(|b| b.extend_from_slice(&digits));
        }
        let x = std::str::from_utf8(&digits).ok().and_then(|t| t.parse::<f64>().ok()).unwrap_or(f64::NAN);
        self.float(x)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Stop> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Stop> {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Stop> {
        if std::mem::take(&mut self.shared) {
            return self.word(v, false);
        }
        self.string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Stop> {
        self.open(ARRAY)?;
        for b in v {
            self.int((*b).into())?;
        }
        self.close()
    }
    fn serialize_none(self) -> Result<(), Stop> {
        self.literal(0)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Stop> {
        self.literal(0)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        self.literal(0)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Stop> {
        self.word(variant, true)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, v: &T) -> Result<(), Stop> {
        // By address first: the constant is one in the linked module, so no compare of its bytes.
        self.shared = std::ptr::eq(name, SHARED) || name == SHARED;
        let r = v.serialize(&mut *self);
        self.shared = false;
        r
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        self.open(OBJECT)?;
        self.word(variant, true)?;
        v.serialize(&mut *self)?;
        self.close()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Stop> {
        self.open(ARRAY)?;
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Stop> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Stop> {
        self.open(OBJECT)?;
        self.word(variant, true)?;
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Stop> {
        self.open(OBJECT)?;
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Stop> {
        self.open(OBJECT)?;
        self.word(variant, true)?;
        self.serialize_map(None)
    }
}

/// A container's members, then its closes: a sequence or tuple `[ … ]` one; a tuple or struct variant
/// `{ variant: [ … ] }` / `{ variant: { … } }` two. A struct's members are named, by static words.
macro_rules! members {
    ($($trait:ident :: $method:ident ($($key:ident)?), $closes:literal;)*) => {$(
        impl ser::$trait for &mut W<'_> {
            type Ok = ();
            type Error = Stop;
            fn $method<T: Serialize + ?Sized>(&mut self, $($key: &'static str,)? v: &T) -> Result<(), Stop> {
                $(self.word($key, true)?;)?
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Stop> {
                for _ in 0..$closes {
                    self.close()?;
                }
                Ok(())
            }
        }
    )*};
}

members! {
    SerializeSeq::serialize_element(), 1;
    SerializeTuple::serialize_element(), 1;
    SerializeTupleStruct::serialize_field(), 1;
    SerializeTupleVariant::serialize_field(), 2;
    SerializeStruct::serialize_field(key), 1;
    SerializeStructVariant::serialize_field(key), 2;
}

impl ser::SerializeMap for &mut W<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Stop> {
        k.serialize(Key(self))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Stop> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Stop> {
        self.close()
    }
}

/// A map key: text, or an integer written as its digits (what serde_json accepts and writes the same
/// way in every version); anything else stops the tape.
struct Key<'a, 'b>(&'a mut W<'b>);

impl Key<'_, '_> {
    fn digits(self, d: impl fmt::Display) -> Result<(), Stop> {
        self.0.string(&d.to_string())
    }
}

impl ser::Serializer for Key<'_, '_> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = ser::Impossible<(), Stop>;
    type SerializeTuple = ser::Impossible<(), Stop>;
    type SerializeTupleStruct = ser::Impossible<(), Stop>;
    type SerializeTupleVariant = ser::Impossible<(), Stop>;
    type SerializeMap = ser::Impossible<(), Stop>;
    type SerializeStruct = ser::Impossible<(), Stop>;
    type SerializeStructVariant = ser::Impossible<(), Stop>;

    fn serialize_str(self, v: &str) -> Result<(), Stop> {
        self.0.string(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Stop> {
        self.0.string(v.encode_utf8(&mut [0; 4]))
    }
    integers!(digits: serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64), serialize_i128(i128),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64), serialize_u128(u128));
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Stop> {
        self.0.word(variant, true)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_none(self) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_unit(self) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        Err(Stop)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Stop> {
        Err(Stop)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Err(Stop)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Err(Stop)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Stop> {
        Err(Stop)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Err(Stop)
    }
}

/// The tape read back into a `serde_json::Value`, as `pinganTape` reads it into a JS object (with
/// `words`, the module's table): the tests' way to hold the two paths equal.
#[cfg(not(target_arch = "wasm32"))]
pub fn read(t: &Tape) -> Option<serde_json::Value> {
    use serde_json::{Map, Value};
    let words: Vec<String> = WORDS.with(|w| w.borrow().list.iter().map(|(s, _)| s.to_string()).collect());
    let mut words: Vec<String> = words.get(..t.first_new as usize)?.to_vec();
    let mut dynamic = Vec::new();
    let mut at = 0;
    let utf16: Vec<u16> = t.text.encode_utf16().collect();
    for &u in &t.units {
        dynamic.push(String::from_utf16(utf16.get(at..at + u as usize)?).ok()?);
        at += u as usize;
    }
    enum Open {
        Obj(Map<String, Value>, Option<String>),
        Arr(Vec<Value>),
    }
    let (mut stack, mut numbers, mut root) = (Vec::<Open>::new(), t.numbers.iter(), None);
    for &op in &t.ops {
        let i = (op >> 3) as usize;
        let v = match op & 7 {
            NUMBER => Value::from(*numbers.next()?),
            WORD => Value::from(words.get(i)?.clone()),
            STRING => Value::from(dynamic.get(i)?.clone()),
            NEW_WORD => {
                words.push(dynamic.get(i)?.clone());
                Value::from(dynamic.get(i)?.clone())
            }
            OBJECT => {
                stack.push(Open::Obj(Map::new(), None));
                continue;
            }
            ARRAY => {
                stack.push(Open::Arr(Vec::new()));
                continue;
            }
            CLOSE => match stack.pop()? {
                Open::Obj(m, _) => Value::Object(m),
                Open::Arr(a) => Value::Array(a),
            },
            _ => [Value::Null, Value::Bool(true), Value::Bool(false)].get(i)?.clone(),
        };
        match stack.last_mut() {
            None => root = Some(v),
            Some(Open::Arr(a)) => a.push(v),
            Some(Open::Obj(_, k @ None)) => *k = Some(v.as_str()?.to_string()),
            Some(Open::Obj(m, k)) => {
                m.insert(k.take()?, v);
            }
        }
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers as the doubles JS holds (serde_json's `Value` tells `5` from `5.0`; JS does not).
    fn doubles(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::Number(n) => n.as_f64().map_or(Value::Null, |x| serde_json::json!(x)),
            Value::Array(a) => Value::Array(a.into_iter().map(doubles).collect()),
            Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, doubles(v))).collect()),
            v => v,
        }
    }

    fn same<T: Serialize>(v: &T) -> Result<(), &'static str> {
        let t = write(v, 1 << 20).ok_or("no tape")?;
        let text = serde_json::to_string(v).map_err(|_| "no text")?;
        let back = read(&t).ok_or("the tape does not read back")?;
        assert_eq!(doubles(back), doubles(serde_json::from_str(&text).map_err(|_| "text not JSON")?));
        Ok(())
    }

    /// The eight-at-a-time `measure` counts what the byte-by-byte one does, on text that mixes ASCII,
    /// escapes, CJK and four-byte characters at every offset of a chunk.
    #[test]
    fn measure_counts_as_bytewise() {
        let pieces = [
            "a", "\"", "\\", "\n", "\u{1}", "\u{1f}", " ", "~", "\u{7f}", "é", "平安", "𝒳", "😀", "abcdefgh",
        ];
        let mut seed = 7u32;
        for _ in 0..4000 {
            let mut t = String::new();
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            for k in 0..(seed >> 16) % 24 {
                let r = seed.rotate_left(k * 5) ^ k.wrapping_mul(2_654_435_761);
                t.push_str(pieces[(r % pieces.len() as u32) as usize]);
            }
            let (e, u) = measure_bytes(t.as_bytes());
            assert_eq!(measure(&t), (e + 2, u), "{t:?}");
            assert_eq!(u, t.encode_utf16().count(), "{t:?}");
        }
    }

    #[test]
    fn a_tape_reads_back_as_its_json_text_parses() -> Result<(), &'static str> {
        let v = serde_json::json!({
            "a": [1, -0.0, 1.5e300, "x\"y\\z\u{1}", {"中文": "😀", "k": null}],
            "b": true, "c": false, "d": {}, "e": [], "n": 12345678901234567890u64,
        });
        same(&v)?;
        same(&vec![Some(1u8), None])?;
        same(&std::collections::BTreeMap::from([(3u32, "three"), (10, "ten")]))?;
        same(&f64::NAN)?;
        same(&"plain")?;
        Ok(())
    }

    /// The text mode writes serde_json's bytes.
    fn text_same<T: Serialize + ?Sized>(v: &T) {
        assert_eq!(json(v, 1 << 20), serde_json::to_string(v).ok());
    }

    #[test]
    fn the_text_is_serde_jsons_to_the_byte() -> Result<(), &'static str> {
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(i8, String),
            Struct { a: Option<f64>, b: Vec<()> },
        }
        #[derive(serde::Serialize)]
        struct R<'a> {
            e: Vec<E>,
            t: (char, bool, &'a str),
            #[serde(flatten)]
            m: std::collections::BTreeMap<i64, f32>,
            u: (),
        }
        let r = R {
            e: vec![
                E::Unit,
                E::New(7),
                E::Tuple(-3, "a\"b".into()),
                E::Struct { a: Some(-0.0), b: vec![(), ()] },
                E::Struct { a: None, b: vec![] },
            ],
            t: ('中', false, "\u{0}\u{8}\u{c}\n\r\t\u{1f}\u{7f}\u{2028}😀\\/"),
            m: std::collections::BTreeMap::from([(-1, 0.1), (2, 16_777_217.0), (3, f32::NAN), (4, 1e-7)]),
            u: (),
        };
        text_same(&r);
        text_same(&serde_json::json!({
            "floats": [0.1, 1.5e300, -0.0, 1e-7, 5e-324, 123456789.125, 1e21, 1e20, 20.0, -1.25, f64::MAX],
            "ints": [0, -1, i64::MIN, u64::MAX, 9007199254740993u64], "empty": [{}, [], ""], "null": null,
        }));
        text_same(&[u128::MAX, 1 << 100]);
        text_same(&[i128::MIN]);
        text_same(&f64::INFINITY);
        text_same("plain");
        // held to `max`, exactly: `["x"]` is 5 bytes
        assert!(json(&["x"], 5).is_some() && json(&["x"], 4).is_none());
        assert!(json(&vec!["x"; 100], 100).is_none());
        Ok(())
    }

    #[test]
    fn words_are_sent_once_then_named() -> Result<(), &'static str> {
        reset();
        #[derive(serde::Serialize)]
        struct R {
            kind: K,
            #[serde(rename = "kind2")]
            other: K,
        }
        #[derive(serde::Serialize)]
        enum K {
            #[serde(rename = "pass")]
            Pass,
        }
        let r = R { kind: K::Pass, other: K::Pass };
        let a = write(&r, 1 << 20).ok_or("no tape")?;
        assert_eq!(a.ops.iter().filter(|o| *o & 7 == NEW_WORD).count(), 3); // kind, pass, kind2
        assert_eq!(a.ops.iter().filter(|o| *o & 7 == WORD).count(), 1); // pass again
        let b = write(&r, 1 << 20).ok_or("no tape")?;
        assert_eq!(b.first_new, 3);
        assert!(b.ops.iter().all(|o| *o & 7 != NEW_WORD && *o & 7 != STRING));
        assert_eq!(read(&b), Some(serde_json::json!({"kind": "pass", "kind2": "pass"})));
        Ok(())
    }

    #[test]
    fn a_tape_that_stops_leaves_no_words_behind() -> Result<(), &'static str> {
        reset();
        #[derive(serde::Serialize)]
        struct R {
            first: u8,
            second: std::collections::BTreeMap<bool, u8>,
        }
        let r = R { first: 1, second: [(true, 1)].into() };
        assert!(write(&r, 1 << 20).is_none());
        assert_eq!(WORDS.with(|w| w.borrow().list.len()), 0);
        // past the bound: stops, whatever the answer
        assert!(write(&vec!["x"; 100], 100).is_none());
        assert!(write(&vec!["x"; 10], 100).is_some());
        // `first` was found by its address before the stop: it is sent anew, not named by a lost index
        #[derive(serde::Serialize)]
        struct S {
            first: u8,
        }
        let t = write(&S { first: 1 }, 1 << 20).ok_or("no tape")?;
        assert_eq!(t.ops.iter().filter(|o| *o & 7 == NEW_WORD).count(), 1);
        assert_eq!(read(&t), Some(serde_json::json!({ "first": 1.0 })));
        Ok(())
    }

    /// Shared text found by address is checked against the word: a freed text's address reused for
    /// other text of the same length is a new word, never the old one.
    #[test]
    fn a_reused_address_is_not_the_old_word() -> Result<(), &'static str> {
        reset();
        struct Sh(std::rc::Rc<str>);
        impl serde::Serialize for Sh {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_newtype_struct(SHARED, &*self.0)
            }
        }
        for k in 0..50 {
            let text: std::rc::Rc<str> = format!("text {k:03}").into();
            let t = write(&[Sh(text.clone()), Sh(text)], 1 << 20).ok_or("no tape")?;
            let want = format!("text {k:03}");
            assert_eq!(read(&t), Some(serde_json::json!([want, want])));
            assert_eq!(t.ops.iter().filter(|o| *o & 7 == NEW_WORD).count(), 1, "{k}");
        }
        Ok(())
    }
}
