//! The portal's hooks (issue 14.4): `messages` relabels an issue by its code, `dictionary` maps a
//! portal's own dictionary codes (字典表) to pingan's values before validation. Both are plain data, so
//! they cross the boundary as JSON and apply natively exactly as in the browser:
//!
//! ```json
//! { "messages":   { "required": { "zh": "{field}不能为空", "en": "{field} cannot be empty" } },
//!   "dictionary": { "/severity": { "02": "larger" }, "/incidents/*/severity": { "02": "larger" } } }
//! ```
//!
//! In a message, `{field}` is the field's label (FIELD_LABELS) and `{message}` the library's own text.
//! A dictionary key is a JSON Pointer into the record as passed; a `*` token matches every index of a
//! list (or every key of an object). Only string and number values are looked up (a number by its
//! shortest text, `2` → `"2"`).

use crate::issue::{short, Code, Issue, Text, CODE_STRS};
use serde_json::Value;
use std::collections::BTreeMap;

/// Entries per option (messages and dictionary fields), and codes per dictionary field.
pub const MAX_ENTRIES: usize = 500;
/// Values a dictionary may rewrite in one record (bounds the work of `*` on long lists).
const MAX_REWRITES: usize = 100_000;

#[derive(Clone, Debug, Default)]
#[allow(clippy::type_complexity)]
pub struct Config {
    messages: BTreeMap<String, Text>,
    dictionary: Vec<(Vec<String>, BTreeMap<String, Value>)>,
}

fn bad(path: String, zh: &str, en: &str) -> Issue {
    Issue::error(Code::WrongType, path, zh, en)
}

fn code_of(s: &str) -> Option<&'static str> {
    CODE_STRS.iter().find(|c| **c == s).copied()
}

impl Config {
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty() && self.dictionary.is_empty()
    }

    /// Read `{ messages?, dictionary? }` (other keys are left for the caller: `as_of`, `localities` …).
    /// Errors point into the options (`/options/messages/required`).
    pub fn from_value(v: &Value) -> Result<Config, Vec<Issue>> {
        let mut c = Config::default();
        let mut errors = Vec::new();
        let Value::Object(m) = v else { return Ok(c) };
        match m.get("messages") {
            None | Some(Value::Null) => {}
            Some(Value::Object(msgs)) if msgs.len() <= MAX_ENTRIES => {
                for (k, t) in msgs {
                    let path = crate::issue::ptr("/options/messages", k);
                    let Some(code) = code_of(k) else {
                        errors.push(Issue::error(
                            Code::BadEnum,
                            path,
                            format!("没有“{}”这种提示代码", short(k, 40)),
                            format!("there is no issue code “{}”", short(k, 40)),
                        ));
                        continue;
                    };
                    match t {
                        Value::Object(o) => {
                            let zh = o.get("zh").and_then(Value::as_str);
                            let en = o.get("en").and_then(Value::as_str);
                            if zh.is_none() && en.is_none() {
                                errors.push(bad(
                                    path,
                                    "替换提示语应为 { zh, en } 文字",
                                    "a replacement message is a { zh, en } text",
                                ));
                            } else {
                                c.messages
                                    .insert(code.to_string(), Text::new(zh.unwrap_or(""), en.unwrap_or("")));
                            }
                        }
                        Value::String(s) => {
                            c.messages.insert(code.to_string(), Text::new(s.as_str(), ""));
                        }
                        _ => errors.push(bad(
                            path,
                            "替换提示语应为 { zh, en } 文字",
                            "a replacement message is a { zh, en } text",
                        )),
                    }
                }
            }
            Some(_) => errors.push(bad(
                "/options/messages".into(),
                "messages 应为按提示代码列出的替换提示语",
                "messages maps issue codes to { zh, en } texts",
            )),
        }
        match m.get("dictionary") {
            None | Some(Value::Null) => {}
            Some(Value::Object(d)) if d.len() <= MAX_ENTRIES => {
                for (k, codes) in d {
                    let path = crate::issue::ptr("/options/dictionary", k);
                    if !(k.is_empty() || k.starts_with('/')) {
                        errors.push(Issue::error(
                            Code::BadPointer,
                            path,
                            "字典的键应为字段路径，例如 /severity",
                            "a dictionary key is a field's JSON Pointer, e.g. /severity",
                        ));
                        continue;
                    }
                    match codes {
                        Value::Object(map) if map.len() <= MAX_ENTRIES => {
                            let table: BTreeMap<String, Value> =
                                map.iter().map(|(a, b)| (a.clone(), b.clone())).collect();
                            c.dictionary.push((crate::issue::pointer_segments(k), table));
                        }
                        _ => errors.push(bad(
                            path,
                            "字典应为“门户代码 → 取值”的对照表",
                            "a dictionary maps portal codes to values",
                        )),
                    }
                }
            }
            Some(_) => errors.push(bad(
                "/options/dictionary".into(),
                "dictionary 应为按字段路径列出的对照表",
                "dictionary maps field pointers to code tables",
            )),
        }
        if errors.is_empty() {
            Ok(c)
        } else {
            Err(errors)
        }
    }

    /// Merge `other` over `self` (later `configure` calls add to or replace earlier entries).
    pub fn merge(&mut self, other: Config) {
        self.messages.extend(other.messages);
        self.dictionary.extend(other.dictionary);
    }

    /// Does the dictionary rewrite anything in `v`?
    pub fn has_dictionary(&self) -> bool {
        !self.dictionary.is_empty()
    }

    /// Rewrite the portal's codes in place. Iterative over the pattern (never the input's depth).
    pub fn translate(&self, v: &mut Value) {
        let mut budget = MAX_REWRITES;
        for (pattern, table) in &self.dictionary {
            let mut frontier: Vec<&mut Value> = vec![&mut *v];
            for tok in pattern {
                let mut next = Vec::new();
                for x in frontier {
                    let star = tok == "*";
                    match x {
                        Value::Array(a) => {
                            if star {
                                next.extend(a.iter_mut());
                            } else if let Some(y) = tok.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                                next.push(y);
                            }
                        }
                        Value::Object(m) => {
                            if star {
                                next.extend(m.values_mut());
                            } else if let Some(y) = m.get_mut(tok.as_str()) {
                                next.push(y);
                            }
                        }
                        _ => {}
                    }
                    if next.len() > budget {
                        break;
                    }
                }
                frontier = next;
            }
            for x in frontier {
                if budget == 0 {
                    return;
                }
                budget -= 1;
                let key = match &*x {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                };
                if let Some(to) = key.and_then(|k| table.get(&k)) {
                    *x = to.clone();
                }
            }
        }
    }

    /// Replace the messages the portal relabelled; `root` names a single record's fields.
    pub fn relabel(&self, issues: &mut [Issue], root: &str) {
        if self.messages.is_empty() {
            return;
        }
        for i in issues {
            if let Some(t) = self.messages.get(i.code.as_str()) {
                let (fz, fe) = crate::validation::field_label(&i.path, root).unwrap_or(("", ""));
                let fill = |tpl: &str, label: &str, own: &str| {
                    tpl.replace("{field}", label).replace("{message}", own)
                };
                let zh = if t.zh.is_empty() {
                    i.message.zh.clone()
                } else {
                    fill(&t.zh, fz, &i.message.zh).into()
                };
                let en = if t.en.is_empty() {
                    i.message.en.clone()
                } else {
                    fill(&t.en, fe, &i.message.en).into()
                };
                i.message = Text::new(zh, en);
            }
        }
    }
}
