//! The engine: one prepared policy pack, and the entry points of contract v1 over parsed JSON values.
//! It threads a dossier through validation → duties → assessment → accountability → rewards.

use crate::issue::{Code, Issue};
use crate::policy::Policy;
use serde_json::Value;
use std::rc::Rc;

/// Record kinds that `validate` and `schema` know (api.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Dossier,
    Unit,
    Leader,
    Incident,
    Letter,
    Assessment,
    Policy,
}

impl Kind {
    pub const ALL: &'static [&'static str] = &["dossier", "unit", "leader", "incident", "letter", "assessment", "policy"];
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "dossier" => Kind::Dossier,
            "unit" => Kind::Unit,
            "leader" => Kind::Leader,
            "incident" => Kind::Incident,
            "letter" => Kind::Letter,
            "assessment" => Kind::Assessment,
            "policy" => Kind::Policy,
            _ => return None,
        })
    }
}

/// Parse and check a policy pack given as a JSON value.
pub fn load_policy(v: &Value) -> Result<(Policy, Vec<Issue>), Vec<Issue>> {
    let _ = v;
    Err(vec![Issue::error(Code::NotJson, "", "未实现", "not implemented")])
}

#[derive(Clone)]
pub struct Engine {
    policy: Rc<Policy>,
}

type Answer<T> = Result<(T, Vec<Issue>), Vec<Issue>>;

fn todo<T>() -> Answer<T> {
    Err(vec![Issue::error(Code::NotJson, "", "未实现", "not implemented")])
}

impl Engine {
    pub fn new_default() -> Result<Engine, Vec<Issue>> {
        crate::policy::default_policy().map(|p| Engine { policy: Rc::new(p) })
    }
    pub fn from_value(v: &Value) -> Result<Engine, Vec<Issue>> {
        load_policy(v).map(|(p, _)| Engine { policy: Rc::new(p) })
    }
    pub fn policy(&self) -> &Policy {
        &self.policy
    }
    pub fn validate(&self, kind: Kind, v: &Value) -> (Vec<Issue>, Vec<Issue>) {
        let _ = (kind, v);
        (Vec::new(), Vec::new())
    }
    pub fn evaluate_value(&self, v: &Value) -> Answer<Value> { let _ = v; todo() }
    pub fn score_value(&self, v: &Value) -> Answer<Value> { let _ = v; todo() }
    pub fn evaluate_many_value(&self, v: &Value) -> Answer<Value> { let _ = v; todo() }
    pub fn what_if_value(&self, d: &Value, p: &Value) -> Answer<Value> { let _ = (d, p); todo() }
    pub fn to_reach_value(&self, d: &Value, g: Option<&str>) -> Answer<Value> { let _ = (d, g); todo() }
    pub fn eligibility_value(&self, d: &Value, s: Option<&str>, t: Option<&str>) -> Answer<Value> { let _ = (d, s, t); todo() }
}
