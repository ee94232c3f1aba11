//! RFC 6902 JSON Patch over `serde_json::Value`, for `whatIf`. Small on purpose (no extra crate): the
//! six operations, RFC 6901 pointers, and an error with the failing operation's path — never a panic.
//!
//! Every limit of the caller's input holds on every document a patch produces, op by op (issue 12):
//! the patched document's size as JSON text stays within `limits::MAX_INPUT_BYTES` (`input_too_large`),
//! its nesting within `limits::MAX_DEPTH` (`too_deep`), every list within its limit (`too_many`), each
//! at `/patch/<index>` of the op that would pass it. The depth check comes *before* a value is placed,
//! so no document ever gets deep enough for a recursive walk (clone, compare, serialise, drop) to
//! matter. The bytes a patch measures, copies and compares are bounded by `limits::MAX_PATCH_WORK`.

use crate::issue::pointer_segments;
use crate::issue::{ptr, short, Code, Issue};
use crate::limits;
use crate::shape::Ty;
use serde_json::Value;

fn bad(i: usize, field: &str, zh: String, en: String) -> Issue {
    Issue::error(Code::BadPatch, ptr(&ptr("/patch", i), field), zh, en)
}

fn at(i: usize) -> String {
    ptr("/patch", i)
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

/// Size (bytes of compact JSON text, as `serde_json::to_string` writes it) and container depth (a scalar
/// is 0, `[]` is 1) of a value. Iterative. Stops counting once `budget` bytes are reached (`bytes` is
/// then at least `budget`), so measuring never costs more than the budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Extent {
    pub bytes: usize,
    pub depth: usize,
}

fn string_bytes(s: &str) -> usize {
    2 + s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
}

pub fn extent(v: &Value, budget: usize) -> Extent {
    let mut bytes = 0usize;
    let mut depth = 0usize;
    let mut stack: Vec<(&Value, usize)> = vec![(v, 1)];
    while let Some((x, d)) = stack.pop() {
        crate::work::tick(1);
        if bytes >= budget {
            break;
        }
        match x {
            Value::Null => bytes += 4,
            Value::Bool(b) => bytes += if *b { 4 } else { 5 },
            Value::Number(n) => bytes += n.to_string().len(),
            Value::String(s) => bytes += string_bytes(s),
            Value::Array(a) => {
                depth = depth.max(d);
                bytes += 2 + a.len().saturating_sub(1);
                stack.extend(a.iter().map(|c| (c, d + 1)));
            }
            Value::Object(m) => {
                depth = depth.max(d);
                bytes += 2 + m.len().saturating_sub(1);
                for (k, c) in m {
                    bytes += string_bytes(k) + 1;
                    stack.push((c, d + 1));
                }
            }
        }
    }
    Extent { bytes, depth }
}

/// The list limit of the array at `segs` in the dossier shape (`limits::MAX_LIST` where the shape is
/// silent: an unknown field).
fn list_limit(segs: &[String]) -> usize {
    let mut ty: &Ty = &crate::validation::DOSSIER;
    for s in segs {
        ty = match ty {
            Ty::Obj(fields) => match fields.iter().find(|f| f.name == s) {
                Some(f) => &f.ty,
                None => return limits::MAX_LIST,
            },
            Ty::List(item, _) => item,
            Ty::Map(item) => item,
            _ => return limits::MAX_LIST,
        };
    }
    match ty {
        Ty::List(_, max) => (*max).min(limits::MAX_LIST),
        _ => limits::MAX_LIST,
    }
}

/// The running account of one patch: the document's size, and the work done so far.
struct Account {
    bytes: usize,
    work: usize,
}

impl Account {
    /// Measure a value, charging the work budget; `Err` once the budget is spent.
    fn measure(&mut self, v: &Value, i: usize) -> Result<Extent, Vec<Issue>> {
        let left = limits::MAX_PATCH_WORK.saturating_sub(self.work);
        let e = extent(v, left.max(1));
        self.work = self.work.saturating_add(e.bytes);
        if self.work >= limits::MAX_PATCH_WORK {
            return Err(vec![Issue::error(
                Code::InputTooLarge,
                at(i),
                format!("补丁复制、移动或比较的数据累计超过 {} 字节", limits::MAX_PATCH_WORK),
                format!(
                    "the patch copies, moves or compares more than {} bytes in all",
                    limits::MAX_PATCH_WORK
                ),
            )]);
        }
        Ok(e)
    }

    /// The document grows by `add` bytes and shrinks by `sub`: still within the input limit?
    fn resize(&mut self, add: usize, sub: usize, i: usize) -> Result<(), Vec<Issue>> {
        let n = self.bytes.saturating_sub(sub).saturating_add(add);
        if n > limits::MAX_INPUT_BYTES {
            return Err(vec![Issue::error(
                Code::InputTooLarge,
                at(i),
                format!("此操作后档案约 {} 字节，超过上限 {} 字节", n, limits::MAX_INPUT_BYTES),
                format!(
                    "after this operation the dossier would be about {} bytes; the limit is {}",
                    n,
                    limits::MAX_INPUT_BYTES
                ),
            )]);
        }
        self.bytes = n;
        Ok(())
    }
}

fn too_deep(i: usize) -> Vec<Issue> {
    vec![Issue::error(
        Code::TooDeep,
        at(i),
        format!("此操作会使嵌套层级超过上限 {}", limits::MAX_DEPTH),
        format!("this operation would nest the document deeper than the limit of {}", limits::MAX_DEPTH),
    )]
}

fn too_many(i: usize, max: usize) -> Vec<Issue> {
    vec![Issue::error(
        Code::TooMany,
        at(i),
        format!("此操作会使列表超过 {} 项", max),
        format!("this operation would make a list longer than {} items", max),
    )]
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

fn get<'a>(doc: &'a Value, segs: &[String]) -> Option<&'a Value> {
    let mut cur = doc;
    for s in segs {
        cur = match cur {
            Value::Object(m) => m.get(s)?,
            Value::Array(a) => a.get(index_of(s, a.len(), false)?)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Where an `add` would go: the parent exists and the last token is a valid key or index.
fn add_target_ok<'a>(doc: &'a Value, segs: &[String]) -> Option<Option<&'a Value>> {
    let Some((last, parents)) = segs.split_last() else { return Some(Some(doc)) };
    match get(doc, parents)? {
        Value::Object(m) => Some(m.get(last)),
        Value::Array(a) => index_of(last, a.len(), true).map(|_| None),
        _ => None,
    }
}

fn add(doc: &mut Value, segs: &[String], v: Value) -> Result<(), ()> {
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

fn remove(doc: &mut Value, segs: &[String]) -> Result<Value, ()> {
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

/// Length of the array that an `add` at `segs` inserts into (after the insert), if it is an array.
fn array_len_after_add(doc: &Value, segs: &[String]) -> Option<usize> {
    let (_, parents) = segs.split_last()?;
    match get(doc, parents)? {
        Value::Array(a) => Some(a.len() + 1),
        _ => None,
    }
}

/// Apply `patch` (an array of operations) to a copy of `doc`, under the limits above.
pub fn apply(doc: &Value, patch: &Value) -> Result<Value, Vec<Issue>> {
    let Value::Array(ops) = patch else {
        return Err(vec![Issue::error(
            Code::BadPatch,
            "/patch",
            "补丁须为 JSON Patch 操作数组",
            "a patch must be an array of JSON Patch operations",
        )]);
    };
    if ops.len() > limits::MAX_PATCH_OPS {
        return Err(vec![Issue::error(
            Code::TooMany,
            "/patch",
            format!("补丁操作超过 {} 个", limits::MAX_PATCH_OPS),
            format!("more than {} patch operations", limits::MAX_PATCH_OPS),
        )]);
    }
    let start = extent(doc, usize::MAX);
    if start.depth > limits::MAX_DEPTH {
        return Err(vec![Issue::error(
            Code::TooDeep,
            "",
            format!("嵌套层级超过上限 {}", limits::MAX_DEPTH),
            format!("nesting deeper than the limit of {}", limits::MAX_DEPTH),
        )]);
    }
    let mut acc = Account { bytes: 0, work: 0 };
    acc.resize(start.bytes, 0, 0).map_err(|_| {
        vec![Issue::error(
            Code::InputTooLarge,
            "",
            format!("档案超过 {} 字节", limits::MAX_INPUT_BYTES),
            format!("the dossier exceeds {} bytes", limits::MAX_INPUT_BYTES),
        )]
    })?;
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
            return Err(vec![Issue::error(
                Code::BadPointer,
                ptr(&at(i), "path"),
                "path 不是 JSON Pointer",
                "path is not a JSON Pointer",
            )]);
        }
        let segs = pointer_segments(path);
        let unreachable = || {
            vec![Issue::error(
                Code::BadPointer,
                ptr(&at(i), "path"),
                "path 指向的位置在文档中不存在",
                "the path does not exist in the document",
            )]
        };
        let no_from = || {
            vec![Issue::error(
                Code::BadPointer,
                ptr(&at(i), "from"),
                "from 路径不存在",
                "the from path does not exist",
            )]
        };
        let value = || {
            op.get("value").ok_or_else(|| vec![bad(i, "value", "缺少 value".into(), "missing value".into())])
        };
        let from = || {
            s("from")
                .map(pointer_segments)
                .ok_or_else(|| vec![bad(i, "from", "缺少 from".into(), "missing from".into())])
        };
        // Checks that hold before any value is placed at `segs`: depth, list length, size.
        let place =
            |acc: &mut Account, out: &Value, e: Extent, removed_bytes: usize| -> Result<(), Vec<Issue>> {
                if segs.len() + e.depth > limits::MAX_DEPTH {
                    return Err(too_deep(i));
                }
                if let Some(n) = array_len_after_add(out, &segs) {
                    let max = list_limit(segs.split_last().map(|(_, p)| p).unwrap_or(&[]));
                    if n > max {
                        return Err(too_many(i, max));
                    }
                }
                acc.resize(e.bytes + 1, removed_bytes, i)
            };
        match kind {
            "add" => {
                let v = value()?;
                let replaced = match add_target_ok(&out, &segs) {
                    None => return Err(unreachable()),
                    Some(None) => 0,
                    Some(Some(old)) => acc.measure(old, i)?.bytes,
                };
                let e = acc.measure(v, i)?;
                place(&mut acc, &out, e, replaced)?;
                add(&mut out, &segs, v.clone()).map_err(|_| unreachable())?;
            }
            "remove" => {
                let old = remove(&mut out, &segs).map_err(|_| unreachable())?;
                let e = acc.measure(&old, i)?;
                acc.bytes = acc.bytes.saturating_sub(e.bytes + 1);
                dismantle(old);
            }
            "replace" => {
                let v = value()?;
                let Some(old) = get(&out, &segs) else { return Err(unreachable()) };
                let old_bytes = acc.measure(old, i)?.bytes;
                let e = acc.measure(v, i)?;
                if segs.len() + e.depth > limits::MAX_DEPTH {
                    return Err(too_deep(i));
                }
                acc.resize(e.bytes, old_bytes, i)?;
                match parent_mut(&mut out, &segs) {
                    Some(slot) => dismantle(std::mem::replace(slot, v.clone())),
                    None => return Err(unreachable()),
                }
            }
            "move" => {
                let f = from()?;
                if segs.len() > f.len() && segs.get(..f.len()) == Some(&f[..]) {
                    return Err(vec![bad(
                        i,
                        "from",
                        "不能移动到自身内部".into(),
                        "cannot move a value into itself".into(),
                    )]);
                }
                let v = remove(&mut out, &f).map_err(|_| no_from())?;
                let e = acc.measure(&v, i)?;
                acc.bytes = acc.bytes.saturating_sub(e.bytes + 1);
                let replaced = match add_target_ok(&out, &segs) {
                    None => return Err(unreachable()),
                    Some(None) => 0,
                    Some(Some(old)) => acc.measure(old, i)?.bytes,
                };
                place(&mut acc, &out, e, replaced)?;
                add(&mut out, &segs, v).map_err(|_| unreachable())?;
            }
            "copy" => {
                let f = from()?;
                let Some(src) = get(&out, &f) else { return Err(no_from()) };
                let e = acc.measure(src, i)?;
                let replaced = match add_target_ok(&out, &segs) {
                    None => return Err(unreachable()),
                    Some(None) => 0,
                    Some(Some(old)) => acc.measure(old, i)?.bytes,
                };
                place(&mut acc, &out, e, replaced)?;
                let v = src.clone();
                add(&mut out, &segs, v).map_err(|_| unreachable())?;
            }
            "test" => {
                let v = value()?;
                acc.measure(v, i)?;
                if get(&out, &segs) != Some(v) {
                    return Err(vec![Issue::error(
                        Code::PatchTestFailed,
                        at(i),
                        "test 操作不成立",
                        "the test operation failed",
                    )]);
                }
            }
            other => {
                return Err(vec![bad(
                    i,
                    "op",
                    format!("未知操作“{}”", short(other, 40)),
                    format!("unknown operation “{}”", short(other, 40)),
                )]);
            }
        }
    }
    Ok(out)
}

/// Drop a value without recursion: children are moved onto an explicit stack first. (Every document
/// here is within `MAX_DEPTH`, so serde_json's recursive drop would be safe too; this keeps it so even
/// if a limit changes.)
pub fn dismantle(v: Value) {
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        match x {
            Value::Array(a) => stack.extend(a),
            Value::Object(m) => stack.extend(m.into_iter().map(|(_, c)| c)),
            _ => {}
        }
    }
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

    #[test]
    fn extent_is_the_compact_text_length() {
        for v in [
            json!({"a": [1, 2.5, "x\"\n\u{1}"], "b": {"c": null, "d": true, "e": false}}),
            json!([]),
            json!("é"),
            json!({}),
        ] {
            let text = serde_json::to_string(&v).unwrap_or_default();
            assert_eq!(extent(&v, usize::MAX).bytes, text.len(), "{}", text);
        }
        assert_eq!(extent(&json!([[[]]]), usize::MAX).depth, 3);
        assert_eq!(extent(&json!(1), usize::MAX).depth, 0);
    }

    #[test]
    fn doubling_copies_stop_at_the_depth_limit() {
        // Each op copies /x into its own innermost object: the depth doubles (issue 12).
        let doc = json!({"x": {}});
        let ops: Vec<Value> =
            (0..12).map(|k| json!({"op": "copy", "from": "/x", "path": "/x".repeat((1 << k) + 1)})).collect();
        let e = apply(&doc, &json!(ops)).err().unwrap_or_default();
        // Op k leaves /x 2^(k+1) deep, the document one more: op 4 would make it 33.
        assert_eq!(e.first().map(|i| (i.code, i.path.as_str())), Some((Code::TooDeep, "/patch/4")));
        assert!(apply(&doc, &json!(ops.get(..4))).is_ok());
    }

    #[test]
    fn copies_cannot_grow_the_document_past_the_size_limit() {
        let doc = json!({"big": "a".repeat(1 << 20)});
        let ops: Vec<Value> =
            (0..8).map(|n| json!({"op": "copy", "from": "/big", "path": format!("/c{}", n)})).collect();
        let e = apply(&doc, &json!(ops)).err().unwrap_or_default();
        assert_eq!(e.first().map(|i| (i.code, i.path.as_str())), Some((Code::InputTooLarge, "/patch/2")));
        // Removing makes room again.
        let ops = json!([{"op": "copy", "from": "/big", "path": "/c"}, {"op": "remove", "path": "/c"}, {"op": "copy", "from": "/big", "path": "/d"}]);
        assert!(apply(&doc, &ops).is_ok());
    }

    #[test]
    fn lists_stay_within_their_limits() {
        let doc = json!({"leaders": (0..1000).map(|n| json!({"id": format!("L{}", n)})).collect::<Vec<_>>()});
        let e = apply(&doc, &json!([{"op": "copy", "from": "/leaders/0", "path": "/leaders/-"}]))
            .err()
            .unwrap_or_default();
        assert_eq!(e.first().map(|i| (i.code, i.path.as_str())), Some((Code::TooMany, "/patch/0")));
    }
}
