//! Reading JSON text under the shapes (issue 15 item 1): a pull reader over the text and the [`Read`]
//! trait, which `record!` and `vocab!` (model.rs) implement for every record and vocabulary from the
//! description that gives its shape, and which is implemented here for text, numbers, dates, lists and
//! maps. read.rs has the two readings (strict, lenient) and why the strict one agrees with the walk.

use super::Ty;
use crate::limits;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A record from the text of a document whose shape has been checked, or that is ours (the embedded
/// pack): the types only (read.rs, "lenient").
pub fn from_text<T: Read>(text: &str) -> Option<T> {
    let mut r = Reader::new(text, false);
    let v = T::read(&mut r, &Ty::Any)?;
    r.end()?;
    Some(v)
}

/// A pull reader over JSON text. Every method answers `None` at the first thing it does not expect;
/// nothing panics, and no method recurses.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    strict: bool,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str, strict: bool) -> Self {
        Reader { text, at: 0, strict }
    }

    /// Is every limit of the shape checked (the success path of a dossier)?
    pub fn strict(&self) -> bool {
        self.strict
    }

    #[inline(always)]
    fn byte(&self, i: usize) -> Option<u8> {
        self.text.as_bytes().get(i).copied()
    }

    /// The next byte that is not white space. (This and the other one-line steps are inlined: at the
    /// crate's opt-level "z" they would be calls, and the reader makes one per byte of structure.)
    #[inline(always)]
    pub fn peek(&mut self) -> Option<u8> {
        while let Some(b) = self.byte(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    #[inline(always)]
    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.at += 1)
    }

    fn word(&mut self, w: &str) -> bool {
        self.peek();
        let yes = self.text.get(self.at..).is_some_and(|t| t.starts_with(w));
        if yes {
            self.at += w.len();
        }
        yes
    }

    /// Only white space is left.
    pub fn end(&mut self) -> Option<()> {
        self.peek().is_none().then_some(())
    }

    pub fn null(&mut self) -> bool {
        self.peek() == Some(b'n') && self.word("null")
    }

    pub fn bool(&mut self) -> Option<bool> {
        if self.word("true") {
            Some(true)
        } else if self.word("false") {
            Some(false)
        } else {
            None
        }
    }

    /// A string, borrowed from the text when it has no escapes.
    #[inline(never)]
    pub fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.at;
        let mut i = start;
        loop {
            match self.byte(i)? {
                b'"' => {
                    self.at = i + 1;
                    return self.text.get(start..i).map(Cow::Borrowed);
                }
                b'\\' => break,
                0..=0x1f => return None,
                _ => i += 1,
            }
        }
        let mut out = String::from(self.text.get(start..i)?);
        loop {
            match self.byte(i)? {
                b'"' => {
                    self.at = i + 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    let e = self.byte(i + 1)?;
                    i += 2;
                    out.push(match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4(i)?;
                            i += 4;
                            if (0xD800..0xDC00).contains(&hi) {
                                // A surrogate pair; a lone surrogate is not text.
                                if self.byte(i)? != b'\\' || self.byte(i + 1)? != b'u' {
                                    return None;
                                }
                                let lo = self.hex4(i + 2)?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return None;
                                }
                                i += 6;
                                char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                            } else {
                                char::from_u32(hi)?
                            }
                        }
                        _ => return None,
                    });
                }
                0..=0x1f => return None,
                _ => {
                    let run = i;
                    while self.byte(i).is_some_and(|c| c != b'"' && c != b'\\' && c >= 0x20) {
                        i += 1;
                    }
                    out.push_str(self.text.get(run..i)?);
                }
            }
        }
    }

    fn hex4(&self, i: usize) -> Option<u32> {
        let h = self.text.get(i..i + 4)?;
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(h, 16).ok()
    }

    /// A number's text, in JSON's grammar, and whether it is written as a whole number (no fraction, no
    /// exponent).
    #[inline(never)]
    fn number(&mut self) -> Option<(&'a str, bool)> {
        self.peek()?;
        let start = self.at;
        let mut i = start;
        let digits = |r: &Self, mut i: usize| {
            while r.byte(i).is_some_and(|b| b.is_ascii_digit()) {
                i += 1;
            }
            i
        };
        if self.byte(i) == Some(b'-') {
            i += 1;
        }
        match self.byte(i)? {
            b'0' => i += 1,
            b'1'..=b'9' => i = digits(self, i),
            _ => return None,
        }
        let mut whole = true;
        if self.byte(i) == Some(b'.') {
            whole = false;
            let d = digits(self, i + 1);
            if d == i + 1 {
                return None;
            }
            i = d;
        }
        if matches!(self.byte(i), Some(b'e' | b'E')) {
            whole = false;
            i += 1;
            if matches!(self.byte(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let d = digits(self, i);
            if d == i {
                return None;
            }
            i = d;
        }
        self.at = i;
        Some((self.text.get(start..i)?, whole))
    }

    /// A finite number, correctly rounded (as `JSON.parse` and the tolerant path read it).
    pub fn f64(&mut self) -> Option<f64> {
        let (t, _) = self.number()?;
        t.parse::<f64>().ok().filter(|x| x.is_finite())
    }

    /// A number written as a whole number.
    pub fn i64(&mut self) -> Option<i64> {
        let (t, whole) = self.number()?;
        if whole {
            t.parse().ok()
        } else {
            None
        }
    }

    /// The members of an object, each handed to `f` with its key (a `null` member: a failure when
    /// strict, absent otherwise).
    pub fn object(&mut self, mut f: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        self.members(&mut f)
    }

    /// `object`'s loop, one copy for every record (the member's reading is the caller's closure).
    #[inline(never)]
    fn members(&mut self, f: &mut dyn FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        let mut more = self.opened(b'{', b'}')?;
        while more {
            let key = self.string()?;
            self.eat(b':')?;
            if self.null() {
                if self.strict {
                    return None;
                }
            } else {
                f(self, &key)?;
            }
            more = self.after_item(b'}')?;
        }
        Some(())
    }

    /// The items of an array, each read by `f`; when strict, at most `max`.
    pub fn array(&mut self, max: usize, mut f: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.items(max, &mut f)
    }

    /// `array`'s loop, one copy for every list.
    #[inline(never)]
    fn items(&mut self, max: usize, f: &mut dyn FnMut(&mut Self) -> Option<()>) -> Option<()> {
        let mut more = self.opened(b'[', b']')?;
        let mut n = 0usize;
        while more {
            n += 1;
            if self.strict && n > max {
                return None;
            }
            f(self)?;
            more = self.after_item(b']')?;
        }
        Some(())
    }

    /// `open`, then whether an item follows (`close` at once: an empty object or array).
    #[inline(always)]
    fn opened(&mut self, open: u8, close: u8) -> Option<bool> {
        self.eat(open)?;
        if self.peek()? == close {
            self.at += 1;
            return Some(false);
        }
        Some(true)
    }

    /// After an item: a comma (another follows) or `close` (the end).
    #[inline(always)]
    fn after_item(&mut self, close: u8) -> Option<bool> {
        match self.peek()? {
            b',' => self.at += 1,
            c if c == close => {
                self.at += 1;
                return Some(false);
            }
            _ => return None,
        }
        Some(true)
    }

    /// A member the record does not declare: a failure when strict, skipped otherwise.
    pub fn unknown(&mut self) -> Option<()> {
        if self.strict {
            None
        } else {
            self.skip()
        }
    }

    /// Skip one value of any depth, counting brackets instead of recursing.
    #[inline(never)]
    pub fn skip(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'{' | b'[' => {
                    self.at += 1;
                    depth += 1;
                    continue;
                }
                b'}' | b']' => {
                    self.at += 1;
                    depth = depth.checked_sub(1)?;
                }
                b',' | b':' if depth > 0 => {
                    self.at += 1;
                    continue;
                }
                b'"' => {
                    self.string()?;
                }
                b't' | b'f' => {
                    self.bool()?;
                }
                b'n' => {
                    self.null().then_some(())?;
                }
                _ => {
                    self.number()?;
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }

    /// The value of the member `key` of the object ahead, a string, without consuming anything (the tag
    /// of an internally tagged record, which may come after the members it decides).
    #[inline(never)]
    pub fn tag(&mut self, key: &str) -> Option<Cow<'a, str>> {
        let back = self.at;
        let mut found = None;
        let ok = self.object(|r, k| {
            if found.is_none() && k == key {
                found = Some(r.string()?);
                Some(())
            } else {
                r.skip()
            }
        });
        self.at = back;
        ok?;
        found
    }
}

// ---------------------------------------------------------------------------------------------------
// Typed values from the reader.

/// A value read from JSON text under its shape `ty` (the field's refined shape: `[id]`, `[num(a, b)]`,
/// `[list(n, …)]`; a record reads under its own). `record!` and `vocab!` implement it for every record
/// and vocabulary.
pub trait Read: Sized {
    fn read(r: &mut Reader<'_>, ty: &Ty) -> Option<Self>;
}

/// A vocabulary value from its JSON text, for the keys of a keyed map (`vocab!` implements it).
pub trait Key: Sized {
    fn from_key(s: &str) -> Option<Self>;
}

/// Text longer than `max` characters (bytes first: most text is short).
fn too_long(s: &str, max: usize) -> bool {
    s.len() > max && s.chars().count() > max
}

/// Text the shape `ty` accepts without a word (the walk's rules for a string).
#[inline(never)]
fn text_ok(ty: &Ty, s: &str) -> bool {
    if super::blank_means_missing(ty) && s.chars().all(char::is_whitespace) {
        return false;
    }
    match ty {
        Ty::Any => true,
        Ty::Text => !too_long(s, limits::MAX_TEXT),
        Ty::Id => !too_long(s, limits::MAX_ID),
        Ty::Date => crate::date::Date::parse(s).is_some(),
        Ty::Vocab(values) => values.iter().any(|l| l.value == s),
        Ty::Enum(values) => values.contains(&s),
        Ty::NumOrNa(..) => s == super::NOT_APPLICABLE,
        _ => false,
    }
}

/// A number the shape `ty` accepts: in range, with at most `exact::MAX_SCALE` decimals.
#[inline(never)]
pub fn number_ok(ty: &Ty, x: f64) -> bool {
    match ty {
        Ty::Any => true,
        Ty::Num(min, max) | Ty::NumOrNa(min, max) => {
            crate::exact::Decimal::from_f64(x).is_ok() && x >= *min && x <= *max
        }
        _ => false,
    }
}

#[inline(never)]
fn integer_ok(ty: &Ty, i: i64) -> bool {
    match ty {
        Ty::Year => (i64::from(crate::date::MIN_YEAR)..=i64::from(crate::date::MAX_YEAR)).contains(&i),
        Ty::Int(min, max) => i >= *min && i <= *max,
        _ => number_ok(ty, i as f64),
    }
}

/// A string under `ty`: checked when strict.
#[inline(never)]
fn checked_text<'a>(r: &mut Reader<'a>, ty: &Ty) -> Option<Cow<'a, str>> {
    let s = r.string()?;
    (!r.strict() || text_ok(ty, &s)).then_some(s)
}

impl Read for String {
    fn read(r: &mut Reader<'_>, ty: &Ty) -> Option<Self> {
        checked_text(r, ty).map(Cow::into_owned)
    }
}

impl Read for Rc<str> {
    fn read(r: &mut Reader<'_>, ty: &Ty) -> Option<Self> {
        checked_text(r, ty).map(|s| Rc::from(&*s))
    }
}

impl Read for bool {
    fn read(r: &mut Reader<'_>, ty: &Ty) -> Option<Self> {
        let b = r.bool()?;
        (!r.strict() || matches!(ty, Ty::Bool | Ty::Any)).then_some(b)
    }
}

impl Read for f64 {
    fn read(r: &mut Reader<'_>, ty: &Ty) -> Option<Self> {
        let x = r.f64()?;
        (!r.strict() || number_ok(ty, x)).then_some(x)
    }
}

impl Read for i32 {
    fn read(r: &mut Reader<'_>, ty: &Ty) -> Option<Self> {
        let i = r.i64()?;
        (!r.strict() || integer_ok(ty, i)).then_some(())?;
        i32::try_from(i).ok()
    }
}

impl Read for u32 {
    fn read(r: &mut Reader<'_>, ty: &Ty) -> Option<Self> {
        let i = r.i64()?;
        (!r.strict() || integer_ok(ty, i)).then_some(())?;
        u32::try_from(i).ok()
    }
}

/// A date from its JSON string, `YYYY-MM-DD`, a real calendar day (date.rs `Date::parse`).
impl Read for crate::date::Date {
    fn read(r: &mut Reader<'_>, _: &Ty) -> Option<Self> {
        crate::date::Date::parse(&r.string()?)
    }
}

/// An optional value is present when its member is (a `null` member is handled by `Reader::object`).
impl<T: Read> Read for Option<T> {
    fn read(r: &mut Reader<'_>, ty: &Ty) -> Option<Self> {
        T::read(r, ty).map(Some)
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(r: &mut Reader<'_>, ty: &Ty) -> Option<Self> {
        let (item, max) = match ty {
            Ty::List(item, max) => (*item, *max),
            _ if r.strict() => return None,
            _ => (&Ty::Any, usize::MAX),
        };
        // No capacity from the input's own claim: the list grows as it is read.
        let mut out = Vec::new();
        r.array(max, |r| {
            out.push(T::read(r, item)?);
            Some(())
        })?;
        Some(out)
    }
}

/// An object with free keys (ids): when strict, at most `MAX_MAP_KEYS` keys of at most `MAX_ID`
/// characters, none twice.
impl<V: Read> Read for BTreeMap<String, V> {
    fn read(r: &mut Reader<'_>, ty: &Ty) -> Option<Self> {
        let item = match ty {
            Ty::Map(item) => *item,
            _ if r.strict() => return None,
            _ => &Ty::Any,
        };
        let mut out = BTreeMap::new();
        r.object(|r, k| {
            if r.strict() && (too_long(k, limits::MAX_ID) || out.len() >= limits::MAX_MAP_KEYS) {
                return None;
            }
            let v = V::read(r, item)?;
            out.insert(k.to_string(), v).is_none().then_some(())
        })?;
        Some(out)
    }
}

/// An object keyed by the values of a vocabulary: when strict, every value once.
impl<K: Key + Ord + crate::shape::Vocabulary, V: Read> Read for BTreeMap<K, V> {
    fn read(r: &mut Reader<'_>, ty: &Ty) -> Option<Self> {
        let item = match ty {
            Ty::Keyed(_, item) => *item,
            _ if r.strict() => return None,
            _ => &Ty::Any,
        };
        let mut out = BTreeMap::new();
        r.object(|r, k| {
            let key = K::from_key(k)?;
            let v = V::read(r, item)?;
            out.insert(key, v).is_none().then_some(())
        })?;
        (!r.strict() || out.len() == K::ALL.len()).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(json: &str) -> Option<String> {
        let mut r = Reader::new(json, true);
        let s = r.string()?.into_owned();
        r.end().map(|_| s)
    }

    /// A string ends, escapes or fails at a control byte at every offset after plain text.
    #[test]
    fn strings_end_and_escape_at_every_offset() {
        for n in 0..20 {
            let plain = "平安a".repeat(n).chars().take(n).collect::<String>();
            assert_eq!(text(&format!("\"{plain}\"")).as_deref(), Some(&*plain));
            assert_eq!(text(&format!("\"{plain}\\n{plain}\"")), Some(format!("{plain}\n{plain}")));
            assert_eq!(text(&format!("\"{plain}\u{1}\"")), None, "a raw control byte after {n}");
            assert_eq!(text(&format!("\"{plain}")), None, "unterminated after {n}");
        }
    }

    #[test]
    fn strings_decode_every_escape_and_refuse_broken_ones() {
        assert_eq!(text(r#""平安""#).as_deref(), Some("平安"));
        assert_eq!(text(r#""a\"b\\c\/d\b\f\n\r\t""#).as_deref(), Some("a\"b\\c/d\u{8}\u{c}\n\r\t"));
        assert_eq!(text(r#""\u5e73\u5B89""#).as_deref(), Some("平安"));
        assert_eq!(text(r#""\ud83d\ude00""#).as_deref(), Some("😀"));
        for bad in
            [r#""\ud83d""#, r#""\ude00""#, r#""\ud83dx""#, r#""\x""#, "\"a\u{1}\"", r#""open"#, r#""\u12""#]
        {
            assert_eq!(text(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_follow_json_grammar_and_round_correctly() {
        let num = |t: &str| Reader::new(t, true).f64();
        assert_eq!(num("0.1"), Some(0.1));
        assert_eq!(num("-12.5e1"), Some(-125.0));
        assert_eq!(num("1E2"), Some(100.0));
        for bad in ["1.", ".5", "+1", "1e", "-", "1e999", "NaN", "Infinity"] {
            assert_eq!(num(bad), None, "{bad}");
        }
        // "01" reads the 0 and leaves the 1, which `end` then refuses.
        let mut r = Reader::new("01", true);
        assert_eq!(r.f64(), Some(0.0));
        assert_eq!(r.end(), None);
        assert_eq!(Reader::new("2025.0", true).i64(), None, "a whole number must be written whole");
        assert_eq!(Reader::new("2025", true).i64(), Some(2025));
    }

    #[test]
    fn skipping_a_deep_value_does_not_recurse() {
        let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        let mut r = Reader::new(&deep, false);
        assert_eq!(r.skip(), Some(()));
        assert_eq!(r.end(), Some(()));
        let mut r = Reader::new("[[1,2],{\"a\":[true,null,\"x\"]}] 3", false);
        assert_eq!(r.skip(), Some(()));
        assert_eq!(r.f64(), Some(3.0));
        assert_eq!(Reader::new("]", false).skip(), None);
    }

    #[test]
    fn a_tag_is_found_after_the_members_it_decides() {
        let mut r = Reader::new(r#"{"min": 2, "x": {"check": "no"}, "check": "activity_count"}"#, false);
        assert_eq!(r.tag("check").as_deref(), Some("activity_count"));
        assert_eq!(r.peek(), Some(b'{'), "looking for the tag consumes nothing");
        assert_eq!(Reader::new(r#"{"min": 2}"#, false).tag("check"), None);
    }

    #[test]
    fn strict_reading_refuses_nulls_unknowns_and_overflows() {
        let list: Ty = Ty::List(&Ty::Id, 2);
        let strict = |t: &str| Vec::<String>::read(&mut Reader::new(t, true), &list);
        assert_eq!(strict(r#"["a","b"]"#), Some(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(strict(r#"["a","b","c"]"#), None, "more items than the shape allows");
        assert_eq!(strict(r#"["a"," "]"#), None, "a blank id");
        assert_eq!(
            Vec::<String>::read(&mut Reader::new(r#"["a","b","c"]"#, false), &list).map(|v| v.len()),
            Some(3)
        );
        let mut r = Reader::new(r#"{"a": null}"#, true);
        assert_eq!(r.object(|_, _| Some(())), None, "strict: a null member is not clean");
        let mut seen = 0;
        let mut r = Reader::new(r#"{"a": null, "b": 1}"#, false);
        assert_eq!(
            r.object(|r, _| {
                seen += 1;
                r.skip()
            }),
            Some(())
        );
        assert_eq!(seen, 1, "lenient: a null member is absent");
        assert_eq!(Reader::new("{}", true).unknown(), None);
    }
}
