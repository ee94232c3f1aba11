//! The engine: one prepared policy pack, and the entry points of contract v1 over parsed JSON values.
//! It threads a dossier through validation → duties (ch. 1–3) → accountability (ch. 6, without 25.4) →
//! assessment (ch. 4) → 25.4 → rewards (ch. 5) → archive (art. 19).
//!
//! - `load`: validate a record, load a dossier (typed read or tolerant walk), cut at a date, batches;
//! - `report`: `evaluate` (the report) and `score`; `what_if`: patches and `toReach`;
//! - `eligibility`: promotion, reward and rating on a date; `prepared`: the slider's handle.

mod eligibility;
mod load;
mod prepared;
mod report;
mod what_if;

pub use crate::model::Kind;
pub use prepared::Prepared;
pub use report::{rank, RankLine, Report};
pub use what_if::WhatIf;

use crate::assessment;
use crate::cut::Cut;
use crate::issue::{Code, Issue, Severity};
use crate::model::Dossier;
use crate::policy::Policy;
use crate::validation;
use serde_json::Value;
use std::rc::Rc;

type Answer<T> = Result<(T, Vec<Issue>), Vec<Issue>>;

/// A dossier as the caller gave it: JSON text (the bindings, `api`), or a value (a batch item, a
/// patched dossier, a sheet row).
#[derive(Clone, Copy)]
pub enum Source<'a> {
    Text(Option<&'a str>),
    Value(&'a Value),
}

impl Source<'_> {
    /// The fingerprint's input hash.
    pub fn hash(&self) -> u64 {
        match self {
            Source::Text(t) => input_hash(t.unwrap_or_default()),
            Source::Value(v) => value_hash(v),
        }
    }
}

/// A validated dossier, the cut that made it (when read `{ at }` an earlier date) and its warnings.
pub type Loaded = (Dossier, Option<Cut>, Vec<Issue>);

fn split(all: Vec<Issue>) -> (Vec<Issue>, Vec<Issue>) {
    all.into_iter().partition(|i| i.severity == Severity::Error)
}

/// A record that passed its shape check but could not be typed (cannot happen in practice); serde's own
/// message is not printed (its float formatting would cost the module ~10 KB).
fn unreadable() -> Vec<Issue> {
    vec![Issue::error(Code::WrongType, "", "记录结构无法读取", "the record could not be read")]
}

fn typed<T: crate::shape::Read>(v: &Value) -> Result<T, Vec<Issue>> {
    // Through its text: one reader (from text) in the module.
    serde_json::to_string(v).ok().and_then(|t| crate::shape::from_text(&t)).ok_or_else(unreadable)
}

/// Parse and check a policy pack given as a JSON value: shape, then the semantic rules (art. 18 …).
pub fn load_policy(v: &Value) -> Answer<Policy> {
    let mut all = Vec::new();
    validation::check_shape(v, &validation::POLICY, "", &mut all);
    let (errors, warnings) = split(all);
    if !errors.is_empty() {
        return Err(errors);
    }
    let p: Policy = typed(v)?;
    let errors = crate::policy::check(&p);
    if errors.is_empty() {
        Ok((p, warnings))
    } else {
        Err(errors)
    }
}

#[derive(Clone)]
pub struct Engine {
    policy: Rc<Policy>,
    /// The scheme's numbers as integers and exact decimals, converted once (assessment.rs).
    compiled: Rc<assessment::Compiled>,
    /// The portal's `messages` and `dictionary` hooks (config.rs).
    config: Rc<crate::config::Config>,
}

/// FNV-1a, 64 bits: detects a changed input when an archived decision is re-checked. Not a security hash.
fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The input hash of the fingerprint, over the JSON text as received (what `JSON.stringify` wrote):
/// hashing the text costs one pass over bytes already in memory, never a re-serialisation.
pub fn input_hash(text: &str) -> u64 {
    fnv64(text.as_bytes())
}

/// The input hash of a document the engine holds only as a value (a patched `whatIf` dossier, an item
/// of a batch given as one JSON text): over its compact JSON text (members in key order).
pub fn value_hash(v: &Value) -> u64 {
    fnv64(serde_json::to_string(v).unwrap_or_default().as_bytes())
}

fn fingerprint(p: &Policy, hash: u64) -> String {
    format!("{}@{}:{:016x}:pingan-{}", p.id, p.version, hash, env!("CARGO_PKG_VERSION"))
}

/// Holidays sorted and deduplicated once, so working days are counted by binary search (date.rs).
fn sorted_holidays(mut p: Policy) -> Policy {
    p.holidays.sort_unstable();
    p.holidays.dedup();
    p
}

impl Engine {
    /// The embedded pack, parsed and checked once per thread (wasm has one): later engines share it.
    pub fn new_default() -> Result<Engine, Vec<Issue>> {
        thread_local! {
            static DEFAULT: std::cell::OnceCell<Result<Rc<Policy>, Vec<Issue>>> = const { std::cell::OnceCell::new() };
        }
        DEFAULT
            .with(|cell| {
                cell.get_or_init(|| crate::policy::default_policy().map(|p| Rc::new(sorted_holidays(p))))
                    .clone()
            })
            .map(Engine::of)
    }

    pub fn from_value(v: &Value) -> Result<Engine, Vec<Issue>> {
        load_policy(v).map(|(p, _)| Engine::of(Rc::new(sorted_holidays(p))))
    }

    pub fn with_policy(p: Policy) -> Result<Engine, Vec<Issue>> {
        let errors = crate::policy::check(&p);
        if errors.is_empty() {
            Ok(Engine::of(Rc::new(sorted_holidays(p))))
        } else {
            Err(errors)
        }
    }

    fn of(policy: Rc<Policy>) -> Engine {
        let compiled = Rc::new(assessment::Compiled::of(&policy));
        Engine { policy, compiled, config: Rc::default() }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Add the portal's hooks (`messages`, `dictionary`) to this engine; later calls add to earlier ones.
    pub fn configure(&mut self, c: crate::config::Config) {
        let mut merged = (*self.config).clone();
        merged.merge(c);
        self.config = Rc::new(merged);
    }
}
