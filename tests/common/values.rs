//! Value helpers shared by the mutation tests (tests/properties.rs, tests/data_path.rs).

use serde_json::{json, Value};

/// Every JSON Pointer inside `v` (RFC 6901 escaping), parents before children.
pub fn paths(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                paths(x, format!("{}/{}", at, k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                paths(x, format!("{}/{}", at, i), out);
            }
        }
        _ => {}
    }
}

/// `depth` arrays around a number: input nested past any depth limit.
pub fn nested(depth: usize) -> Value {
    let mut v = json!(1);
    for _ in 0..depth {
        v = json!([v]);
    }
    v
}

/// Remove the member or item at `p` (a missing field, a missing list item); nothing when absent.
pub fn remove_at(d: &mut Value, p: &str) {
    let (parent, last) = p.rsplit_once('/').unwrap_or(("", ""));
    match d.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.remove(&last.replace("~1", "/").replace("~0", "~"));
        }
        Some(Value::Array(a)) => {
            if let Some(i) = last.parse::<usize>().ok().filter(|i| *i < a.len()) {
                a.remove(i);
            }
        }
        _ => {}
    }
}

/// Append a copy of the list item at `p` to its list (duplicate ids); nothing when `p` is not an item.
pub fn duplicate_at(d: &mut Value, p: &str) {
    let (parent, _) = p.rsplit_once('/').unwrap_or(("", ""));
    let item = d.pointer(p).cloned();
    if let (Some(Value::Array(a)), Some(x)) = (d.pointer_mut(parent), item) {
        a.push(x);
    }
}
