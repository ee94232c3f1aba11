//! The JavaScript surface (contract v1, api.md). Thin by design: documents come in as JSON text
//! (`JSON.stringify`), which V8 walks faster than a field-by-field conversion and which never recurses
//! in Rust; the hot answers go out as tapes (src/tape.rs) and the compact score answers as numbers,
//! which src/compact.js makes into the objects, the rest as text for `JSON.parse` (ARCHITECTURE.md, "The
//! boundary"). No logic lives here: each function converts and delegates to [`crate::api`].
//!
//! The boundary never traps (issue 12): every exported function takes `JsValue` and checks its type
//! before anything is allocated in wasm; text is size-checked by its JS length (UTF-16 units, never
//! more than its UTF-8 bytes) before it is copied in, so a failed call leaves wasm memory where it was;
//! an answer JavaScript cannot parse becomes `{ ok: false, errors }`, never `null`. Nothing the caller
//! hands in is called without a catch (`JSON.stringify`, `Array.isArray`, `Reflect.get`): an exception
//! crossing the module would leave the engine's borrow held, and every later `&mut` call refused.

use crate::api;
use crate::issue::{Code, Issue};
use crate::limits;
use js_sys::{Array, Error as JsError, Function, JsString, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The contract's TypeScript types (src/types.d.ts), emitted into pingan.d.ts.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

/// The input records' TypeScript types, rendered from their declarations (src/records.d.ts, `codegen`).
#[wasm_bindgen(typescript_custom_section)]
const RECORDS: &'static str = include_str!("records.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, catching: it throws for a revoked Proxy, and an exception that crossed the
    /// module would leave the engine's borrow held (every later `&mut` call refused).
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array_or_throw(v: &JsValue) -> Result<bool, JsValue>;
}

/// The compact answers' objects, built in JS from numbers (src/compact.js, inlined into the glue by
/// `make build`): a fraction of writing the text and `JSON.parse` (ARCHITECTURE.md, "The boundary").
/// Neither calls back into wasm, so the memory views they are handed stay valid.
#[wasm_bindgen(module = "/src/compact.js")]
extern "C" {
    #[wasm_bindgen(js_name = pinganSlices)]
    fn js_slices(text: &str, units: &[u32]) -> JsValue;
    #[wasm_bindgen(js_name = pinganCompact)]
    fn js_compact(numbers: &[f64], ids: &JsValue, words: &JsValue) -> JsValue;
    /// Catching: an exception here (out of memory) must not cross the module.
    #[wasm_bindgen(js_name = pinganTape, catch)]
    fn js_tape(
        ops: &[u32],
        numbers: &[f64],
        text: &str,
        units: &[u32],
        words: &Array,
        first_new: u32,
    ) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// The options' key, made once (a JS string made from Rust's is a decode each time).
    static COMPACT_KEY: JsValue = JsValue::from_str("compact");
    /// The words the compact parts index, as one JS array made once.
    static WORDS: JsValue = {
        let text: String = api::compact_words().collect();
        let units: Vec<u32> = api::compact_words().map(|w| w.encode_utf16().count() as u32).collect();
        js_slices(&text, &units)
    };
}

/// The line ids of a prepared handle's last compact answer as a JS array: they stay the same from one
/// slider move to the next, so the array is made once.
#[derive(Default)]
struct IdsCache {
    ids: String,
    units: Vec<u32>,
    array: Option<JsValue>,
}

/// A compact answer → its JS object (its text through `JSON.parse` where the parts do not carry it).
fn compact_value(c: api::Compact, cache: Option<&mut IdsCache>) -> JsValue {
    let p = match c {
        api::Compact::Parts(p) => p,
        api::Compact::Text(t) => return value_of(&t),
    };
    let ids = match cache {
        Some(c) => match &c.array {
            Some(a) if c.ids == p.ids && c.units == p.id_units => a.clone(),
            _ => {
                let a = js_slices(&p.ids, &p.id_units);
                *c = IdsCache { ids: p.ids, units: p.id_units, array: Some(a.clone()) };
                a
            }
        },
        None => js_slices(&p.ids, &p.id_units),
    };
    WORDS.with(|w| js_compact(&p.numbers, &ids, w))
}

thread_local! {
    /// The tapes' words as JS has them (src/tape.rs): as many as the module has sent.
    static TAPE_WORDS: Array = Array::new();
}

/// Both word tables start over (a build that threw may have left the JS one short).
fn tape_reset() {
    api::tape_reset();
    TAPE_WORDS.with(|w| w.set_length(0));
}

/// An answer (`api::Answer`) → its JS object; `r`'s `Err` → `{ ok: false, errors }`. The two word
/// tables are made to agree before `r` writes its tape.
fn object_of(r: impl FnOnce() -> Result<api::Answer, Vec<Issue>>) -> JsValue {
    if TAPE_WORDS.with(Array::length) as usize != api::tape_words() {
        tape_reset();
    }
    let t = match r() {
        Ok(api::Answer::Tape(t)) => t,
        Ok(api::Answer::Text(text)) => return value_of(&text),
        Err(errors) => return value_of(&api::failed(&errors)),
    };
    match TAPE_WORDS.with(|w| js_tape(&t.ops, &t.numbers, &t.text, &t.units, w, t.first_new)) {
        Ok(v) if !v.is_undefined() => v,
        _ => {
            tape_reset();
            envelope_js(
                Code::AnswerTooLarge,
                "结果无法交给 JavaScript（过大）",
                "the answer could not be handed to JavaScript (too large)",
            )
        }
    }
}

/// Is `v` an array? (A revoked Proxy is not.)
fn is_array(v: &JsValue) -> bool {
    is_array_or_throw(v).unwrap_or(false)
}

/// UTF-16 units of a short argument (a kind, grade, subject, date, indicator or language).
const MAX_SHORT: u32 = 4096;

/// One error at the root, as the `Err` of an argument conversion.
fn fail(code: Code, zh: String, en: String) -> Vec<Issue> {
    vec![Issue::error(code, "", zh, en)]
}

fn not_json() -> Vec<Issue> {
    fail(
        Code::NotJson,
        "输入不是 JSON 值（undefined、函数、循环引用、BigInt 或 toJSON 抛出异常）".into(),
        "the input is not a JSON value (undefined, a function, a cycle, a BigInt or a throwing toJSON)"
            .into(),
    )
}

fn too_large(units: u32, max: usize) -> Vec<Issue> {
    fail(
        Code::InputTooLarge,
        format!("输入过大：至少 {} 字节，上限 {} 字节", units, max),
        format!("input too large: at least {} bytes, the limit is {}", units, max),
    )
}

/// A JS string → Rust text, after its length check (one UTF-16 unit is at least one UTF-8 byte).
fn copy_in(s: &JsString, max: usize) -> Result<String, Vec<Issue>> {
    let units = s.length();
    if units as usize > max {
        return Err(too_large(units, max));
    }
    s.as_string().ok_or_else(not_json)
}

/// Why `JSON.stringify` threw. A value nested so deep that JavaScript's own stack ran out (a
/// `RangeError`, or Firefox's `InternalError`) is `too_deep`, as the same value given as text is; a text
/// longer than a JS string can be (a `RangeError` about the length) is `input_too_large`; a cycle, a
/// BigInt or a throwing `toJSON` (a `TypeError` or the caller's own error) is `not_json`.
///
/// What was thrown may be the caller's own value (from a `toJSON`): its `name` and `message` are read by
/// `Reflect.get`, which catches, never by a getter call or `instanceof` that could throw through the module.
fn stringify_failed(e: &JsValue) -> Vec<Issue> {
    let text = |k: &str| Reflect::get(e, &JsValue::from_str(k)).ok().and_then(|v| v.as_string());
    let name = text("name").unwrap_or_default();
    if name == "RangeError" && text("message").is_some_and(|m| m.contains("length")) {
        return too_large(
            u32::try_from(limits::MAX_INPUT_BYTES + 1).unwrap_or(u32::MAX),
            limits::MAX_INPUT_BYTES,
        );
    }
    if name == "RangeError" || name == "InternalError" {
        return api::too_deep();
    }
    not_json()
}

/// JS value → JSON text under `max` bytes; `Err` is the failure envelope (a cycle, a BigInt, a throwing
/// `toJSON`, `undefined`, a function: `not_json`; too long: `input_too_large`).
fn text_of(v: &JsValue, max: usize) -> Result<String, Vec<Issue>> {
    if v.is_undefined() || v.is_function() || v.is_symbol() {
        return Err(not_json());
    }
    let s = JSON::stringify(v).map_err(|e| stringify_failed(&e))?;
    if !s.is_string() {
        return Err(not_json());
    }
    copy_in(&s, max)
}

/// The JSON-text entry points: a string (size-checked before copying), anything else `wrong_type`.
fn json_text_arg(v: &JsValue) -> Result<String, Vec<Issue>> {
    match v.dyn_ref::<JsString>() {
        Some(s) => copy_in(s, limits::MAX_INPUT_BYTES),
        None => Err(fail(
            Code::WrongType,
            format!("应为 JSON 文本（字符串），实为 {}", js_type(v)),
            format!("expected JSON text (a string), found {}", js_type(v)),
        )),
    }
}

fn js_type(v: &JsValue) -> &'static str {
    if v.is_null() {
        "null"
    } else if is_array(v) {
        "array"
    } else if v.is_object() && !v.is_function() {
        "object"
    } else if v.as_bool().is_some() {
        "boolean"
    } else if v.as_f64().is_some() {
        "number"
    } else if v.is_bigint() {
        "bigint"
    } else if v.is_undefined() {
        "undefined"
    } else {
        "other"
    }
}

/// A short string argument (kind, grade, subject, date); `Ok(None)` when it is not a string.
fn string_arg(v: &JsValue) -> Result<Option<String>, Vec<Issue>> {
    match v.dyn_ref::<JsString>() {
        None => Ok(None),
        Some(s) if s.length() > MAX_SHORT => Err(fail(
            Code::TooLong,
            format!("参数超过 {} 个字符", MAX_SHORT),
            format!("the argument is longer than {} characters", MAX_SHORT),
        )),
        Some(s) => Ok(s.as_string()),
    }
}

/// An optional options object (rev. 2 `{ at }`) as JSON text; absent, `undefined` or `null`: none.
/// Errors point into it (`/options/…`).
fn options_text(v: &Option<JsValue>) -> Result<Option<String>, Vec<Issue>> {
    match v {
        None => Ok(None),
        Some(o) if o.is_undefined() || o.is_null() => Ok(None),
        Some(o) => text_of(o, limits::MAX_INPUT_BYTES).map(Some).map_err(|e| under("/options", e)),
    }
}

/// `{ compact?: boolean }` (absent, `undefined` or `null`: not compact), read by one property lookup:
/// stringifying a small options object costs more than the lookup (ARCHITECTURE.md, "The boundary").
fn compact_option(v: &Option<JsValue>) -> Result<bool, Vec<Issue>> {
    let Some(o) = v else { return Ok(false) };
    if o.is_undefined() || o.is_null() {
        return Ok(false);
    }
    if !o.is_object() || o.is_function() || is_array(o) {
        return Err(fail(
            Code::WrongType,
            "选项应为对象，例如 { compact: true }".into(),
            "options must be an object, e.g. { compact: true }".into(),
        )
        .into_iter()
        .map(|mut i| {
            i.path = "/options".into();
            i
        })
        .collect());
    }
    let c = COMPACT_KEY.with(|k| Reflect::get(o, k)).map_err(|_| not_json())?;
    match c.as_bool() {
        Some(b) => Ok(b),
        None if c.is_undefined() || c.is_null() => Ok(false),
        None => Err(vec![Issue::error(
            Code::WrongType,
            "/options/compact",
            "compact 应为 true 或 false",
            "compact must be true or false",
        )]),
    }
}

/// A slider value: a number or a string is read as it is (no `JSON.stringify`); anything else goes
/// through JSON text, so its errors are those of any input.
fn input_value(v: &JsValue) -> Result<serde_json::Value, Vec<Issue>> {
    if let Some(x) = v.as_f64() {
        // As JSON.stringify writes it: a non-finite number is `null`.
        return Ok(serde_json::Number::from_f64(x).map_or(serde_json::Value::Null, serde_json::Value::Number));
    }
    if let Some(s) = v.dyn_ref::<JsString>().filter(|s| s.is_valid_utf16()) {
        return copy_in(s, limits::MAX_INPUT_BYTES).map(serde_json::Value::String);
    }
    let t = text_of(v, limits::MAX_INPUT_BYTES)?;
    api::parse(Some(&t), limits::MAX_INPUT_BYTES)
}

/// The failure envelope built in JS itself, for when even a small answer cannot be parsed.
fn envelope_js(code: Code, zh: &str, en: &str) -> JsValue {
    let issue = Object::new();
    let message = Object::new();
    let _ = Reflect::set(&message, &"zh".into(), &zh.into());
    let _ = Reflect::set(&message, &"en".into(), &en.into());
    let _ = Reflect::set(&issue, &"code".into(), &code.as_str().into());
    let _ = Reflect::set(&issue, &"severity".into(), &"error".into());
    let _ = Reflect::set(&issue, &"path".into(), &"".into());
    let _ = Reflect::set(&issue, &"message".into(), &message);
    let out = Object::new();
    let _ = Reflect::set(&out, &"ok".into(), &JsValue::FALSE);
    let _ = Reflect::set(&out, &"errors".into(), &Array::of1(&issue));
    out.into()
}

/// JSON text produced by `api` → JS value. Never `null`: text JavaScript cannot parse (it would not
/// fit a JS string, say) answers `{ ok: false, errors: [answer_too_large] }`.
fn value_of(text: &str) -> JsValue {
    match JSON::parse(text) {
        Ok(v) => v,
        Err(_) => envelope_js(
            Code::AnswerTooLarge,
            "结果无法交给 JavaScript（过大）",
            "the answer could not be handed to JavaScript (too large)",
        ),
    }
}

/// `Ok(text)` → the parsed answer; `Err(issues)` → `{ ok: false, errors }`.
fn answer(r: Result<String, Vec<Issue>>) -> JsValue {
    match r {
        Ok(t) => value_of(&t),
        Err(errors) => value_of(&api::failed(&errors)),
    }
}

/// Issue paths of a converted argument, put under `prefix` (the patch's issues are at `/patch…`).
fn under(prefix: &str, mut errors: Vec<Issue>) -> Vec<Issue> {
    for i in &mut errors {
        i.path = format!("{}{}", prefix, i.path);
    }
    errors
}

/// `{ crate, policy: { id, title, effective_from } }`.
#[wasm_bindgen(unchecked_return_type = "Version")]
pub fn version() -> JsValue {
    value_of(&api::version())
}

/// The embedded policy pack as a plain object.
#[wasm_bindgen(js_name = defaultPolicy, unchecked_return_type = "Policy")]
pub fn default_policy() -> JsValue {
    value_of(&api::default_policy())
}

/// Every problem of a custom policy pack; never throws.
#[wasm_bindgen(js_name = checkPolicy, unchecked_return_type = "Result<{ policy: Policy }>")]
pub fn check_policy(#[wasm_bindgen(unchecked_param_type = "unknown")] policy: JsValue) -> JsValue {
    answer(text_of(&policy, limits::MAX_INPUT_BYTES).map(|t| api::check_policy(Some(&t))))
}

/// JSON Schema (draft 2020-12) of a record kind; `{ ok: false, errors }` for an unknown kind.
#[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
pub fn schema(#[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: JsValue) -> JsValue {
    answer(string_arg(&kind).map(|k| api::schema(k.as_deref())))
}

/// Every vocabulary with its labels: `{ severity: [{ value, zh, en }], … }` (defined once in model.rs).
#[wasm_bindgen(unchecked_return_type = "Vocabularies")]
pub fn vocabularies() -> JsValue {
    value_of(&api::vocabularies())
}

/// Bytes of wasm linear memory now (it grows to the peak in use and never shrinks): for monitoring.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) as f64) * 65536.0
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// An engine holding one prepared policy pack.
#[wasm_bindgen]
pub struct Engine {
    inner: crate::Engine,
}

#[wasm_bindgen]
impl Engine {
    /// `new Engine()` uses the embedded Zhejiang pack; `new Engine(policy)` throws an `Error` whose
    /// `.errors` lists every problem of an invalid pack.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "Policy | null")] policy: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "EngineOptions")] options: Option<JsValue>,
    ) -> Result<Engine, JsValue> {
        let r = match policy {
            Some(p) if !p.is_null() && !p.is_undefined() => match text_of(&p, limits::MAX_INPUT_BYTES) {
                Ok(t) => api::engine(Some(Some(&t))),
                Err(errors) => Err(api::issues_text(&errors)),
            },
            _ => api::engine(None),
        };
        let r = r.and_then(|mut inner| match options_text(&options) {
            Ok(None) => Ok(inner),
            Ok(Some(t)) => match api::config_of(Some(&t)) {
                Ok(c) => {
                    inner.configure(c);
                    Ok(inner)
                }
                Err(errors) => Err(api::issues_text(&errors)),
            },
            Err(errors) => Err(api::issues_text(&errors)),
        });
        match r {
            Ok(inner) => Ok(Engine { inner }),
            Err(errors) => {
                let e = JsError::new("invalid policy pack / 政策包无效");
                let _ = Reflect::set(&e, &JsValue::from_str("errors"), &value_of(&errors));
                Err(e.into())
            }
        }
    }

    /// The policy this engine applies.
    #[wasm_bindgen(unchecked_return_type = "Policy")]
    pub fn policy(&self) -> JsValue {
        value_of(&api::policy_of(&self.inner))
    }

    /// `validate(kind, record, { as_of, localities, leaders, messages, dictionary }?)`: the options give a
    /// single record its context (issue 14.5) and hooks for this call.
    #[wasm_bindgen(unchecked_return_type = "Validation")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: JsValue,
        #[wasm_bindgen(unchecked_param_type = "unknown")] record: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: Option<JsValue>,
    ) -> JsValue {
        let text = match string_arg(&kind) {
            Err(errors) => api::validation_failed(&errors),
            Ok(k) => match (text_of(&record, limits::MAX_INPUT_BYTES), options_text(&options)) {
                (Ok(t), Ok(o)) => api::validate_with(&self.inner, k.as_deref(), Some(&t), o.as_deref()),
                (Err(errors), _) | (_, Err(errors)) => api::validation_failed(&errors),
            },
        };
        value_of(&text)
    }

    /// Add the portal's hooks: `{ messages: { [code]: { zh, en } }, dictionary: { [pointer]: { [portalCode]: value } } }`.
    /// Answers `{ ok, errors }`; never throws.
    #[wasm_bindgen(unchecked_return_type = "{ ok: boolean; errors: Issue[]; warnings: Issue[] }")]
    pub fn configure(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "EngineOptions")] options: JsValue,
    ) -> JsValue {
        match text_of(&options, limits::MAX_INPUT_BYTES) {
            Ok(t) => value_of(&api::configure(&mut self.inner, Some(&t))),
            Err(errors) => value_of(&api::validation_failed(&under("/options", errors))),
        }
    }

    #[wasm_bindgen(unchecked_return_type = "Result<Report>")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Dossier")] dossier: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
    ) -> JsValue {
        object_of(|| {
            let o = options_text(&options)?;
            Ok(api::evaluate_at_as(
                &self.inner,
                Some(&text_of(&dossier, limits::MAX_INPUT_BYTES)?),
                o.as_deref(),
            ))
        })
    }

    /// `evaluate` on JSON text, answering JSON text (skips both conversions). A non-string is
    /// `wrong_type`.
    #[wasm_bindgen(js_name = evaluateJson)]
    pub fn evaluate_json(&self, #[wasm_bindgen(unchecked_param_type = "string")] dossier: JsValue) -> String {
        json_text_arg(&dossier)
            .map(|t| api::evaluate(&self.inner, Some(&t)))
            .unwrap_or_else(|e| api::failed(&e))
    }

    /// Every item is stringified on its own: one that JSON cannot hold, or one past the per-dossier
    /// limit, fails only itself.
    #[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "{ ok: true; results: Result<Report>[]; ranking: { unit: string; total: number; grade: Grade; rank: number }[]; warnings: Issue[] } | { ok: false; errors: Issue[] }")]
    pub fn evaluate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Dossier[]")] dossiers: JsValue,
    ) -> JsValue {
        if !is_array(&dossiers) {
            return value_of(&api::failed(&fail(
                Code::WrongType,
                format!("应为档案数组，实为 {}", js_type(&dossiers)),
                format!("expected an array of dossiers, found {}", js_type(&dossiers)),
            )));
        }
        // The length and the items by `Reflect.get`, which catches: the array may be a Proxy whose
        // traps throw (an unreadable length fails the batch, an unreadable item only itself).
        let n = match Reflect::get(&dossiers, &JsValue::from_str("length")).ok().and_then(|v| v.as_f64()) {
            Some(n) if n >= 0.0 && n.fract() == 0.0 => n,
            _ => return value_of(&api::failed(&not_json())),
        };
        if n > limits::MAX_BATCH as f64 {
            return value_of(&api::failed(&fail(
                Code::TooMany,
                format!("一次最多 {} 份档案", limits::MAX_BATCH),
                format!("at most {} dossiers per batch", limits::MAX_BATCH),
            )));
        }
        // First pass in JS only (no wasm memory): stringify each item and add up the lengths.
        let n = n as u32;
        let mut texts: Vec<Result<JsString, Vec<Issue>>> = Vec::with_capacity(n as usize);
        let mut total: u64 = 0;
        for i in 0..n {
            let item = Reflect::get_u32(&dossiers, i).unwrap_or(JsValue::UNDEFINED);
            let t = if item.is_undefined() || item.is_function() || item.is_symbol() {
                Err(not_json())
            } else {
                match JSON::stringify(&item) {
                    Ok(s) if s.is_string() => {
                        total += u64::from(s.length());
                        if total > limits::MAX_BATCH_BYTES as u64 {
                            // Stop stringifying: the batch is refused whatever the rest holds.
                            return value_of(&api::failed(&too_large(
                                u32::try_from(total).unwrap_or(u32::MAX),
                                limits::MAX_BATCH_BYTES,
                            )));
                        }
                        Ok(s)
                    }
                    Ok(_) => Err(not_json()),
                    Err(e) => Err(stringify_failed(&e)),
                }
            };
            texts.push(t);
        }
        if total > limits::MAX_BATCH_BYTES as u64 {
            return value_of(&api::failed(&too_large(
                u32::try_from(total).unwrap_or(u32::MAX),
                limits::MAX_BATCH_BYTES,
            )));
        }
        let items = texts.into_iter().map(|t| t.and_then(|s| copy_in(&s, limits::MAX_INPUT_BYTES)));
        // Each answer is parsed into the JS array as soon as it is written: wasm memory holds one
        // item's answer at a time, never the whole batch's (issue 15's memory bar).
        let results = Array::new();
        let ranking = api::evaluate_many_each(&self.inner, items, |t| {
            results.push(&value_of(t));
        });
        let out = Object::new();
        for (k, v) in [
            ("ok", JsValue::TRUE),
            ("results", results.into()),
            ("ranking", value_of(&ranking)),
            ("warnings", Array::new().into()),
        ] {
            let _ = Reflect::set(&out, &JsValue::from_str(k), &v);
        }
        out.into()
    }

    /// `score(dossier)`: contract v1's answer; `score(dossier, { compact: true })`: ids and numbers only
    /// (names and bases once from `labels()`).
    #[wasm_bindgen(unchecked_return_type = "Result<Assessment>")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Dossier")] dossier: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: Option<JsValue>,
    ) -> JsValue {
        match compact_option(&options)
            .and_then(|compact| Ok((compact, text_of(&dossier, limits::MAX_INPUT_BYTES)?)))
        {
            Ok((true, t)) => compact_value(api::score_compact_parts(&self.inner, Some(&t)), None),
            Ok((false, t)) => object_of(|| Ok(api::score_of(&self.inner, Some(&t)))),
            Err(errors) => answer(Err(errors)),
        }
    }

    /// Every line's name and basis, and every indicator's kind, name and unit: what the compact answers
    /// leave out, once.
    #[wasm_bindgen(unchecked_return_type = "Labels")]
    pub fn labels(&self) -> JsValue {
        value_of(&api::labels(&self.inner))
    }

    /// `score` on JSON text, answering JSON text. A non-string is `wrong_type`.
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(&self, #[wasm_bindgen(unchecked_param_type = "string")] dossier: JsValue) -> String {
        json_text_arg(&dossier).map(|t| api::score(&self.inner, Some(&t))).unwrap_or_else(|e| api::failed(&e))
    }

    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "Result<{ before: Report; after: Report; changes: Change[] }>")]
    pub fn what_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Dossier")] dossier: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "{ op: string; path: string; value?: unknown; from?: string }[]"
        )]
        patch: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
    ) -> JsValue {
        object_of(|| {
            let d = text_of(&dossier, limits::MAX_INPUT_BYTES)?;
            let p = text_of(&patch, limits::MAX_INPUT_BYTES).map_err(|e| under("/patch", e))?;
            let o = options_text(&options)?;
            Ok(api::what_if_at_as(&self.inner, Some(&d), Some(&p), o.as_deref()))
        })
    }

    #[wasm_bindgen(js_name = toReach, unchecked_return_type = "Result<Reach>")]
    pub fn to_reach(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Dossier")] dossier: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Grade")] grade: JsValue,
    ) -> JsValue {
        let r = string_arg(&grade).and_then(|g| {
            text_of(&dossier, limits::MAX_INPUT_BYTES)
                .map(|t| api::to_reach(&self.inner, Some(&t), g.as_deref()))
        });
        answer(r)
    }

    #[wasm_bindgen(unchecked_return_type = "Result<Eligibility>")]
    pub fn eligibility(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Dossier")] dossier: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] subject: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
    ) -> JsValue {
        let r = string_arg(&subject).and_then(|s| {
            let d = string_arg(&date)?;
            let t = text_of(&dossier, limits::MAX_INPUT_BYTES)?;
            let o = options_text(&options)?;
            Ok(api::eligibility_at(&self.inner, Some(&t), s.as_deref(), d.as_deref(), o.as_deref()))
        });
        answer(r)
    }

    /// Validate once, then score many times: the what-if slider path. Never throws: a bad dossier gives a
    /// handle whose `ok` is false and whose methods answer `{ ok: false, errors }`.
    pub fn prepare(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Dossier")] dossier: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
    ) -> PreparedDossier {
        let r = match (text_of(&dossier, limits::MAX_INPUT_BYTES), options_text(&options)) {
            (Ok(t), Ok(o)) => api::prepare_at(&self.inner, Some(&t), o.as_deref()),
            (Err(errors), _) | (_, Err(errors)) => Err(api::failed(&errors)),
        };
        match r {
            Ok(inner) => PreparedDossier {
                inner: Some(inner),
                failure: String::new(),
                ids: IdsCache::default(),
                indicator: None,
            },
            Err(failure) => {
                PreparedDossier { inner: None, failure, ids: IdsCache::default(), indicator: None }
            }
        }
    }

    /// Standard Schema v1 (`~standard`) for form libraries: `validate(value)` answers `{ value }` or
    /// `{ issues: [{ message, path }] }`, messages in `lang` ("zh" by default).
    #[wasm_bindgen(js_name = standardSchema, unchecked_return_type = "StandardSchema")]
    pub fn standard_schema(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"zh\" | \"en\" | undefined")] lang: JsValue,
    ) -> JsValue {
        let kind = string_arg(&kind).ok().flatten().unwrap_or_default();
        let lang = string_arg(&lang).ok().flatten().unwrap_or_else(|| "zh".into());
        let engine = self.inner.clone();
        let k = kind.clone();
        let validate = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |v: JsValue| {
            let text = match text_of(&v, limits::MAX_INPUT_BYTES) {
                Ok(t) => api::standard_validate(&engine, &k, Some(&t), &lang),
                Err(errors) => api::standard_issues(&errors, &lang),
            };
            value_of(&text)
        });
        let std = Object::new();
        let _ = Reflect::set(&std, &"version".into(), &JsValue::from_f64(1.0));
        let _ = Reflect::set(&std, &"vendor".into(), &"pingan".into());
        let f: &Function = validate.as_ref().unchecked_ref();
        let _ = Reflect::set(&std, &"validate".into(), f);
        validate.forget();
        let out = Object::new();
        let _ = Reflect::set(&out, &"~standard".into(), &std);
        let _ = Reflect::set(&out, &"kind".into(), &kind.into());
        out.into()
    }
}

/// A dossier validated once (`engine.prepare(dossier)`); free it with `.free()` when done.
#[wasm_bindgen]
pub struct PreparedDossier {
    inner: Option<crate::engine::Prepared>,
    failure: String,
    ids: IdsCache,
    /// The last `scoreWith` indicator, as its JS string and as text.
    indicator: Option<(JsValue, String)>,
}

#[wasm_bindgen]
impl PreparedDossier {
    /// Whether the dossier validated.
    #[wasm_bindgen(getter)]
    pub fn ok(&self) -> bool {
        self.inner.is_some()
    }

    /// `{ ok: false, errors }` when the dossier did not validate, else `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "{ ok: false; errors: Issue[] } | null")]
    pub fn failure(&self) -> JsValue {
        if self.inner.is_some() {
            JsValue::NULL
        } else {
            value_of(&self.failure)
        }
    }

    /// The prepared dossier's score; `{ compact: true }`: ids and numbers only.
    #[wasm_bindgen(unchecked_return_type = "Result<Assessment>")]
    pub fn score(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: Option<JsValue>,
    ) -> JsValue {
        match &mut self.inner {
            Some(p) => match compact_option(&options) {
                Ok(true) => compact_value(api::prepared_score_compact_parts(p), Some(&mut self.ids)),
                Ok(false) => object_of(|| Ok(api::prepared_score_as(p))),
                Err(errors) => answer(Err(errors)),
            },
            None => value_of(&self.failure),
        }
    }

    /// Score with one indicator's input replaced (a number or "n/a" for results, a grade for process);
    /// only the moved line and the totals are re-scored. `{ compact: true }`: ids and numbers only.
    #[wasm_bindgen(js_name = scoreWith, unchecked_return_type = "Result<Assessment>")]
    pub fn score_with(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] indicator: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number | string")] value: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: Option<JsValue>,
    ) -> JsValue {
        let Some(p) = &mut self.inner else { return value_of(&self.failure) };
        // A slider moves one indicator many times: one `===` with the last one's JS string costs less
        // than copying the string in again.
        if !matches!(&self.indicator, Some((js, _)) if *js == indicator) {
            match string_arg(&indicator) {
                Ok(Some(t)) => self.indicator = Some((indicator, t)),
                Ok(None) => self.indicator = None,
                Err(errors) => return answer(Err(errors)),
            }
        }
        let ind = self.indicator.as_ref().map(|(_, t)| t.as_str());
        match compact_option(&options).and_then(|c| Ok((c, input_value(&value)?))) {
            Ok((true, v)) => compact_value(api::prepared_score_with_parts(p, ind, &v), Some(&mut self.ids)),
            Ok((false, v)) => object_of(|| Ok(api::prepared_score_with_as(p, ind, &v))),
            Err(errors) => answer(Err(errors)),
        }
    }

    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "Result<{ before: Report; after: Report; changes: Change[] }>")]
    pub fn what_if(
        &mut self,
        #[wasm_bindgen(
            unchecked_param_type = "{ op: string; path: string; value?: unknown; from?: string }[]"
        )]
        patch: JsValue,
    ) -> JsValue {
        match &mut self.inner {
            Some(p) => object_of(|| {
                let t = text_of(&patch, limits::MAX_INPUT_BYTES).map_err(|e| under("/patch", e))?;
                Ok(api::prepared_what_if_as(p, Some(&t)))
            }),
            None => value_of(&self.failure),
        }
    }
}

/// Spreadsheets and reform (issue 16, api.md rev. 2). A second `impl` block so these stay apart from v1.
#[wasm_bindgen]
impl Engine {
    /// The import template of this engine's scheme: `{ headers: [{ key, zh, en }] }`.
    #[wasm_bindgen(js_name = tableTemplate, unchecked_return_type = "TableTemplate")]
    pub fn table_template(&self) -> JsValue {
        value_of(&api::table_template(&self.inner))
    }

    /// A filled sheet (rows of cell values, the header row first) as dossiers, with its bad cells.
    #[wasm_bindgen(js_name = fromTable, unchecked_return_type = "Result<FromTable>")]
    pub fn from_table(
        &self,
        #[wasm_bindgen(unchecked_param_type = "unknown[][]")] rows: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ year: number; as_of: string }")] options: JsValue,
    ) -> JsValue {
        let r = text_of(&rows, limits::MAX_BATCH_BYTES).and_then(|t| {
            let o = text_of(&options, limits::MAX_INPUT_BYTES).map_err(|e| under("/options", e))?;
            Ok(api::from_table(&self.inner, Some(&t), Some(&o)))
        });
        answer(r)
    }

    /// Every dossier scored under this engine's pack and under `policy`, side by side.
    #[wasm_bindgen(unchecked_return_type = "Result<Reform>")]
    pub fn reform(
        &self,
        #[wasm_bindgen(unchecked_param_type = "unknown[]")] dossiers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Policy | unknown")] policy: JsValue,
    ) -> JsValue {
        let r = text_of(&dossiers, limits::MAX_BATCH_BYTES).and_then(|t| {
            let p = text_of(&policy, limits::MAX_INPUT_BYTES).map_err(|e| under("/policy", e))?;
            Ok(api::reform(&self.inner, Some(&t), Some(&p)))
        });
        answer(r)
    }
}
