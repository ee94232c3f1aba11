//! The JavaScript surface (contract v1, api.md). Thin by design: every value crosses the boundary as
//! JSON text (`JSON.stringify` in, `JSON.parse` out), which V8 walks faster than a field-by-field
//! conversion and which never recurses in Rust, so a 5,000-deep array cannot overflow the wasm stack.
//! No logic lives here: each function converts and delegates to [`crate::api`].

use crate::api;
use js_sys::{Error as JsError, Function, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The contract's TypeScript types (src/types.d.ts), emitted into pingan.d.ts.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

/// JS value → JSON text; `None` when the value cannot be JSON (a cycle, a BigInt, `undefined`).
fn text_of(v: &JsValue) -> Option<String> {
    if v.is_undefined() {
        return None;
    }
    JSON::stringify(v).ok().and_then(|s| s.as_string())
}

/// A string argument (kind, grade, subject, date) as text; anything else is stringified.
fn string_arg(v: &JsValue) -> Option<String> {
    v.as_string()
}

/// JSON text produced by `api` → JS value. The text is ours and always valid; `null` otherwise.
fn value_of(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or(JsValue::NULL)
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
    value_of(&api::check_policy(text_of(&policy).as_deref()))
}

/// JSON Schema (draft 2020-12) of a record kind.
#[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
pub fn schema(#[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: JsValue) -> JsValue {
    value_of(&api::schema(string_arg(&kind).as_deref()))
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
    pub fn new(#[wasm_bindgen(unchecked_optional_param_type = "Policy")] policy: Option<JsValue>) -> Result<Engine, JsValue> {
        let text = match policy {
            Some(p) if !p.is_null() && !p.is_undefined() => Some(text_of(&p)),
            _ => None,
        };
        match api::engine(text.as_ref().map(|t| t.as_deref())) {
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

    #[wasm_bindgen(unchecked_return_type = "Validation")]
    pub fn validate(&self, #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: JsValue, #[wasm_bindgen(unchecked_param_type = "unknown")] record: JsValue) -> JsValue {
        value_of(&api::validate(&self.inner, string_arg(&kind).as_deref(), text_of(&record).as_deref()))
    }

    #[wasm_bindgen(unchecked_return_type = "Result<Report>")]
    pub fn evaluate(&self, #[wasm_bindgen(unchecked_param_type = "Dossier | unknown")] dossier: JsValue) -> JsValue {
        value_of(&api::evaluate(&self.inner, text_of(&dossier).as_deref()))
    }

    /// `evaluate` on JSON text, answering JSON text (skips both conversions).
    #[wasm_bindgen(js_name = evaluateJson)]
    pub fn evaluate_json(&self, dossier: &str) -> String {
        api::evaluate(&self.inner, Some(dossier))
    }

    #[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "{ ok: true; results: Result<Report>[]; ranking: { unit: string; total: number; grade: Grade; rank: number }[]; warnings: Issue[] } | { ok: false; errors: Issue[] }")]
    pub fn evaluate_many(&self, #[wasm_bindgen(unchecked_param_type = "unknown[]")] dossiers: JsValue) -> JsValue {
        value_of(&api::evaluate_many(&self.inner, text_of(&dossiers).as_deref()))
    }

    #[wasm_bindgen(unchecked_return_type = "Result<Assessment>")]
    pub fn score(&self, #[wasm_bindgen(unchecked_param_type = "Dossier | unknown")] dossier: JsValue) -> JsValue {
        value_of(&api::score(&self.inner, text_of(&dossier).as_deref()))
    }

    /// `score` on JSON text, answering JSON text.
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(&self, dossier: &str) -> String {
        api::score(&self.inner, Some(dossier))
    }

    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "Result<{ before: Report; after: Report; changes: Change[] }>")]
    pub fn what_if(&self, #[wasm_bindgen(unchecked_param_type = "Dossier | unknown")] dossier: JsValue, #[wasm_bindgen(unchecked_param_type = "{ op: string; path: string; value?: unknown; from?: string }[]")] patch: JsValue) -> JsValue {
        value_of(&api::what_if(&self.inner, text_of(&dossier).as_deref(), text_of(&patch).as_deref()))
    }

    #[wasm_bindgen(js_name = toReach, unchecked_return_type = "Result<Reach>")]
    pub fn to_reach(&self, #[wasm_bindgen(unchecked_param_type = "Dossier | unknown")] dossier: JsValue, #[wasm_bindgen(unchecked_param_type = "Grade")] grade: JsValue) -> JsValue {
        value_of(&api::to_reach(&self.inner, text_of(&dossier).as_deref(), string_arg(&grade).as_deref()))
    }

    #[wasm_bindgen(unchecked_return_type = "Result<Eligibility>")]
    pub fn eligibility(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Dossier | unknown")] dossier: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] subject: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    ) -> JsValue {
        value_of(&api::eligibility(
            &self.inner,
            text_of(&dossier).as_deref(),
            string_arg(&subject).as_deref(),
            string_arg(&date).as_deref(),
        ))
    }

    /// Validate once, then score many times: the what-if slider path. Never throws: a bad dossier gives a
    /// handle whose `ok` is false and whose methods answer `{ ok: false, errors }`.
    pub fn prepare(&self, #[wasm_bindgen(unchecked_param_type = "Dossier | unknown")] dossier: JsValue) -> PreparedDossier {
        match api::prepare(&self.inner, text_of(&dossier).as_deref()) {
            Ok(inner) => PreparedDossier { inner: Some(inner), failure: String::new() },
            Err(failure) => PreparedDossier { inner: None, failure },
        }
    }

    /// Standard Schema v1 (`~standard`) for form libraries: `validate(value)` answers `{ value }` or
    /// `{ issues: [{ message, path }] }`, messages in `lang` ("zh" by default).
    #[wasm_bindgen(js_name = standardSchema, unchecked_return_type = "StandardSchema")]
    pub fn standard_schema(&self, #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: JsValue, #[wasm_bindgen(unchecked_param_type = "\"zh\" | \"en\" | undefined")] lang: JsValue) -> JsValue {
        let kind = string_arg(&kind).unwrap_or_default();
        let lang = string_arg(&lang).unwrap_or_else(|| "zh".into());
        let engine = self.inner.clone();
        let k = kind.clone();
        let validate = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |v: JsValue| {
            value_of(&api::standard_validate(&engine, &k, text_of(&v).as_deref(), &lang))
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
        if self.inner.is_some() { JsValue::NULL } else { value_of(&self.failure) }
    }

    #[wasm_bindgen(unchecked_return_type = "Result<Assessment>")]
    pub fn score(&self) -> JsValue {
        match &self.inner {
            Some(p) => value_of(&api::prepared_score(p)),
            None => value_of(&self.failure),
        }
    }

    /// Score with one indicator's input replaced (a number or "n/a" for results, a grade for process).
    #[wasm_bindgen(js_name = scoreWith, unchecked_return_type = "Result<Assessment>")]
    pub fn score_with(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] indicator: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number | string")] value: JsValue,
    ) -> JsValue {
        match &mut self.inner {
            Some(p) => value_of(&api::prepared_score_with(p, string_arg(&indicator).as_deref(), text_of(&value).as_deref())),
            None => value_of(&self.failure),
        }
    }

    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "Result<{ before: Report; after: Report; changes: Change[] }>")]
    pub fn what_if(&mut self, #[wasm_bindgen(unchecked_param_type = "{ op: string; path: string; value?: unknown; from?: string }[]")] patch: JsValue) -> JsValue {
        match &mut self.inner {
            Some(p) => value_of(&api::prepared_what_if(p, text_of(&patch).as_deref())),
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
    pub fn from_table(&self, #[wasm_bindgen(unchecked_param_type = "unknown[][]")] rows: JsValue, #[wasm_bindgen(unchecked_param_type = "{ year: number; as_of: string }")] options: JsValue) -> JsValue {
        value_of(&api::from_table(&self.inner, text_of(&rows).as_deref(), text_of(&options).as_deref()))
    }

    /// Every dossier scored under this engine's pack and under `policy`, side by side.
    #[wasm_bindgen(unchecked_return_type = "Result<Reform>")]
    pub fn reform(&self, #[wasm_bindgen(unchecked_param_type = "unknown[]")] dossiers: JsValue, #[wasm_bindgen(unchecked_param_type = "Policy | unknown")] policy: JsValue) -> JsValue {
        value_of(&api::reform(&self.inner, text_of(&dossiers).as_deref(), text_of(&policy).as_deref()))
    }
}
