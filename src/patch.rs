//! RFC 6902 JSON Patch over `serde_json::Value`, for `whatIf`. Small on purpose (no extra crate): the
//! six operations, RFC 6901 pointers, and an error with the failing operation's path — never a panic.

use crate::issue::{Code, Issue};
use crate::validation::{limits, pointer_segments};
use serde_json::Value;

fn bad(i: usize, field: &str, zh: String, en: String) -> Issue {
    Issue::error(Code::BadPatch, format!("/patch/{}/{}", i, field), zh, en)
}

fn index_of(tok: &str, len: usize, allow_end: bool) -> Option<usize> {
    if allow_end && tok == "-" {
        return Some(len);
    }
    if tok.is_empty() || (tok.len() > 1 && tok.starts_with('0')) || !tok.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = tok.parse().ok()?;
    if n < len || (allow_end && n == len) {
        Some(n)
    } else {
        None
    }
}

fn parent_mut<'a>(doc: &'a mut Value, segs: &[String]) -> Option<&'a mut Value> {
    let mut cur = doc;
    for s in segs {
        cur = match cur {
            Value::Object(m) => m.get_mut(s)?,
            Value::Array(a) => {
                let i = index_of(s, a.len(), false)?;
                a.get_mut(i)?
            }
            _ => return None,
        };
    }
    Some(cur)
}

pub fn get<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    doc.pointer(pointer)
}

fn add(doc: &mut Value, path: &str, v: Value) -> Result<(), ()> {
    let segs = pointer_segments(path);
    let Some((last, parents)) = segs.split_last() else {
        *doc = v;
        return Ok(());
    };
    match parent_mut(doc, parents).ok_or(())? {
        Value::Object(m) => {
            m.insert(last.clone(), v);
            Ok(())
        }
        Value::Array(a) => {
            let i = index_of(last, a.len(), true).ok_or(())?;
            a.insert(i, v);
            Ok(())
        }
        _ => Err(()),
    }
}

fn remove(doc: &mut Value, path: &str) -> Result<Value, ()> {
    let segs = pointer_segments(path);
    let Some((last, parents)) = segs.split_last() else { return Err(()) };
    match parent_mut(doc, parents).ok_or(())? {
        Value::Object(m) => m.remove(last).ok_or(()),
        Value::Array(a) => {
            let i = index_of(last, a.len(), false).ok_or(())?;
            Ok(a.remove(i))
        }
        _ => Err(()),
    }
}

/// Apply `patch` (an array of operations) to a copy of `doc`.
pub fn apply(doc: &Value, patch: &Value) -> Result<Value, Vec<Issue>> {
    let Value::Array(ops) = patch else {
        return Err(vec![Issue::error(Code::BadPatch, "/patch", "补丁须为 JSON Patch 操作数组", "a patch must be an array of JSON Patch operations")]);
    };
    if ops.len() > limits::MAX_PATCH_OPS {
        return Err(vec![Issue::error(Code::TooMany, "/patch", format!("补丁操作超过 {} 个", limits::MAX_PATCH_OPS), format!("more than {} patch operations", limits::MAX_PATCH_OPS))]);
    }
    let mut out = doc.clone();
    for (i, op) in ops.iter().enumerate() {
        let s = |k: &str| op.get(k).and_then(Value::as_str);
        let Some(kind) = s("op") else {
            return Err(vec![bad(i, "op", "缺少 op".into(), "missing op".into())]);
        };
        let Some(path) = s("path") else {
            return Err(vec![bad(i, "path", "缺少 path".into(), "missing path".into())]);
        };
        if !(path.is_empty() || path.starts_with('/')) {
            return Err(vec![Issue::error(Code::BadPointer, format!("/patch/{}/path", i), "path 不是 JSON Pointer", "path is not a JSON Pointer")]);
        }
        let unreachable = || vec![Issue::error(Code::BadPointer, format!("/patch/{}/path", i), format!("路径 {} 在文档中不存在", path), format!("the path {} does not exist in the document", path))];
        let value = || op.get("value").cloned().ok_or_else(|| vec![bad(i, "value", "缺少 value".into(), "missing value".into())]);
        let from = || {
            s("from").map(String::from).ok_or_else(|| vec![bad(i, "from", "缺少 from".into(), "missing from".into())])
        };
        match kind {
            "add" => add(&mut out, path, value()?).map_err(|_| unreachable())?,
            "remove" => {
                remove(&mut out, path).map_err(|_| unreachable())?;
            }
            "replace" => {
                let v = value()?;
                match out.pointer_mut(path) {
                    Some(slot) => *slot = v,
                    None => return Err(unreachable()),
                }
            }
            "move" => {
                let f = from()?;
                if path.starts_with(&format!("{}/", f)) {
                    return Err(vec![bad(i, "from", "不能移动到自身内部".into(), "cannot move a value into itself".into())]);
                }
                let v = remove(&mut out, &f).map_err(|_| vec![Issue::error(Code::BadPointer, format!("/patch/{}/from", i), "from 路径不存在", "the from path does not exist")])?;
                add(&mut out, path, v).map_err(|_| unreachable())?;
            }
            "copy" => {
                let f = from()?;
                let v = out.pointer(&f).cloned().ok_or_else(|| vec![Issue::error(Code::BadPointer, format!("/patch/{}/from", i), "from 路径不存在", "the from path does not exist")])?;
                add(&mut out, path, v).map_err(|_| unreachable())?;
            }
            "test" => {
                let v = value()?;
                if out.pointer(path) != Some(&v) {
                    return Err(vec![Issue::error(Code::PatchTestFailed, format!("/patch/{}", i), "test 操作不成立", "the test operation failed")]);
                }
            }
            other => {
                return Err(vec![bad(i, "op", format!("未知操作 {}", other), format!("unknown operation {}", other))]);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_six_operations() {
        let doc = json!({"a": [1, 2], "b": {"c": 3}});
        let p = json!([
            {"op": "add", "path": "/a/-", "value": 9},
            {"op": "replace", "path": "/b/c", "value": 4},
            {"op": "copy", "from": "/b/c", "path": "/d"},
            {"op": "move", "from": "/a/0", "path": "/e"},
            {"op": "remove", "path": "/b"},
            {"op": "test", "path": "/d", "value": 4}
        ]);
        assert_eq!(apply(&doc, &p).ok(), Some(json!({"a": [2, 9], "d": 4, "e": 1})));
    }

    #[test]
    fn errors_name_the_operation() {
        let doc = json!({"a": [1]});
        let e = apply(&doc, &json!([{"op": "remove", "path": "/a/5"}])).err().unwrap_or_default();
        assert_eq!(e.first().map(|i| i.path.as_str()), Some("/patch/0/path"));
        let e = apply(&doc, &json!([{"op": "test", "path": "/a/0", "value": 2}])).err().unwrap_or_default();
        assert_eq!(e.first().map(|i| i.code), Some(Code::PatchTestFailed));
        assert!(apply(&doc, &json!({"op": "add"})).is_err());
        assert!(apply(&doc, &json!([{"op": "add", "path": "/a/01", "value": 1}])).is_err());
    }
}
