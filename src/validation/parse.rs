//! JSON text → `serde_json::Value` under the size and depth limits, with JavaScript's number reading and
//! every syntax error located by its JSON Pointer (the tolerant path; the typed read is read.rs).

use super::messages::short;
use crate::issue::push_token;
use crate::issue::{Code, Issue};
use crate::limits;
use serde_json::Value;

fn issue_nojson(zh: &str, en: &str) -> Vec<Issue> {
    vec![Issue::error(Code::NotJson, "", zh, en)]
}

/// Is the value nested deeper than `max`? Iterative, so it never recurses. (Text deeper than serde_json's
/// own limit of 128 never becomes a value: the parser stops first.)
fn depth_exceeds(v: &Value, max: usize) -> bool {
    let mut stack: Vec<(&Value, usize)> = vec![(v, 1)];
    while let Some((x, d)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match x {
            Value::Array(a) => Box::new(a.iter()),
            Value::Object(m) => Box::new(m.values()),
            _ => continue,
        };
        if d > max {
            return true;
        }
        stack.extend(children.filter(|c| c.is_array() || c.is_object()).map(|c| (c, d + 1)));
    }
    false
}

/// `too_deep` at the root: nesting past `MAX_DEPTH` (the bindings give it too when JavaScript's own
/// stack ran out stringifying a value nested far deeper).
pub fn too_deep() -> Vec<Issue> {
    vec![Issue::error(
        Code::TooDeep,
        "",
        format!("嵌套层级超过上限 {}", limits::MAX_DEPTH),
        format!("nesting deeper than the limit of {}", limits::MAX_DEPTH),
    )]
}

/// `input_too_large` for `n` bytes against `max`.
pub fn too_large(n: usize, max: usize) -> Vec<Issue> {
    vec![Issue::error(
        Code::InputTooLarge,
        "",
        format!("输入过大：{} 字节，上限 {} 字节", n, max),
        format!("input too large: {} bytes, the limit is {}", n, max),
    )]
}

/// JSON text → value, under the size and depth limits. Numbers are read as `JSON.parse` reads them: a
/// whole number written `2025.0`, `2.025e3` or `20250e-1` is the integer 2025. A lone UTF-16 surrogate
/// (`JSON.stringify` writes one as `\ud800`; Rust strings cannot hold it) is `lone_surrogate` at the
/// JSON Pointer of its field; any other syntax error is `not_json` at the pointer where it was found.
pub fn parse_json(text: Option<&str>, max_bytes: usize) -> Result<Value, Vec<Issue>> {
    let Some(t) = text else {
        return Err(issue_nojson(
            "输入不是 JSON 值（undefined、循环引用或 BigInt）",
            "the input is not a JSON value (undefined, a cycle or a BigInt)",
        ));
    };
    if t.len() > max_bytes {
        return Err(too_large(t.len(), max_bytes));
    }
    if let Some(at) = lone_surrogate(t) {
        let path = pointer_at(t, at);
        let field = crate::issue::pointer_segments(&path).pop().unwrap_or_default();
        return Err(vec![Issue::error(
            Code::LoneSurrogate,
            path,
            format!("字段“{}”的文本含有不成对的 UTF-16 代理字符（残缺的表情或生僻字），请重新输入", short(&field)),
            format!("the text of the field “{}” holds an unpaired UTF-16 surrogate (a broken emoji or character); please enter it again", short(&field)),
        )]);
    }
    let mut v: Value = serde_json::from_str(t).map_err(|e| {
        // Text nested past the limit before the error (serde_json's own recursion limit, 128, among
        // them) is too deep, whatever the error: found by counting brackets, not from the message.
        let at = offset_of(t, e.line(), e.column());
        if deepest_before(t, at) > limits::MAX_DEPTH {
            return too_deep();
        }
        let path = pointer_at(t, at);
        vec![Issue::error(
            Code::NotJson,
            path,
            format!("输入不是合法的 JSON（第 {} 行第 {} 列）", e.line(), e.column()),
            format!("the input is not valid JSON (line {}, column {})", e.line(), e.column()),
        )]
    })?;
    if depth_exceeds(&v, limits::MAX_DEPTH) {
        return Err(too_deep());
    }
    whole_numbers(&mut v);
    Ok(v)
}

/// Integral floats become integers, as in JavaScript (one number type): `2025.0` is `2025`. Iterative.
fn whole_numbers(v: &mut Value) {
    let mut stack: Vec<&mut Value> = vec![v];
    while let Some(x) = stack.pop() {
        match x {
            Value::Number(n) if n.is_f64() => {
                if let Some(f) = n.as_f64() {
                    // Within ±2^53 every whole f64 is exactly an i64.
                    if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 {
                        *x = Value::from(f as i64);
                    }
                }
            }
            Value::Array(a) => stack.extend(a.iter_mut()),
            Value::Object(m) => stack.extend(m.values_mut()),
            _ => {}
        }
    }
}

/// The deepest nesting of brackets outside strings in the text before byte `end` (and the byte at it).
fn deepest_before(t: &str, end: usize) -> usize {
    let (mut depth, mut deepest, mut in_str, mut escaped) = (0usize, 0usize, false, false);
    for &c in t.as_bytes().iter().take(end.saturating_add(1)) {
        match (in_str, c) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') | (false, b'"') => in_str = !in_str,
            (false, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Byte offset of a 1-based (line, column) position of serde_json.
fn offset_of(t: &str, line: usize, column: usize) -> usize {
    let start: usize = t.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column.saturating_sub(1)).min(t.len())
}

/// Byte offset of the first `\uXXXX` escape that is an unpaired surrogate inside a string, if any.
fn lone_surrogate(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let hex = |i: usize| -> Option<u32> { u32::from_str_radix(t.get(i..i + 4)?, 16).ok() };
    let mut i = 0;
    let mut in_str = false;
    while let Some(&c) = b.get(i) {
        match (in_str, c) {
            (false, b'"') => in_str = true,
            (true, b'"') => in_str = false,
            (true, b'\\') => {
                if b.get(i + 1) == Some(&b'u') {
                    if let Some(u) = hex(i + 2) {
                        if (0xD800..0xDC00).contains(&u) {
                            let low = if b.get(i + 6) == Some(&b'\\') && b.get(i + 7) == Some(&b'u') {
                                hex(i + 8)
                            } else {
                                None
                            };
                            if !low.is_some_and(|l| (0xDC00..0xE000).contains(&l)) {
                                return Some(i);
                            }
                            i += 12;
                            continue;
                        }
                        if (0xDC00..0xE000).contains(&u) {
                            return Some(i);
                        }
                    }
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The JSON Pointer of the value (or the member name) at byte `target` of JSON text, by one iterative
/// scan that keeps the path of open containers: messages point at the field, never at a column of text
/// the caller did not write (bindings stringify objects).
pub fn pointer_at(t: &str, target: usize) -> String {
    struct Frame {
        object: bool,
        token: String,
        index: usize,
        expect_key: bool,
    }
    let join = |frames: &[Frame]| -> String {
        let mut p = String::new();
        for f in frames {
            push_token(&mut p, &f.token);
        }
        p
    };
    let b = t.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if i >= target && !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
            return join(&stack);
        }
        match c {
            b'{' => stack.push(Frame { object: true, token: String::new(), index: 0, expect_key: true }),
            b'[' => stack.push(Frame { object: false, token: "0".into(), index: 0, expect_key: false }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    if f.object {
                        f.expect_key = true;
                    } else {
                        f.index += 1;
                        f.token = f.index.to_string();
                    }
                }
            }
            b':' => {
                if let Some(f) = stack.last_mut() {
                    f.expect_key = false;
                }
            }
            b'"' => {
                let mut j = i + 1;
                while let Some(&d) = b.get(j) {
                    match d {
                        b'\\' => j += 2,
                        b'"' => break,
                        _ => j += 1,
                    }
                }
                let end = (j + 1).min(b.len());
                let is_key = stack.last().is_some_and(|f| f.object && f.expect_key);
                if is_key {
                    let key = decode_lossy(t.get(i + 1..j.min(t.len())).unwrap_or(""));
                    if let Some(f) = stack.last_mut() {
                        f.token = key;
                    }
                }
                if target < end {
                    return join(&stack);
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    join(&stack)
}

/// A JSON string body with its escapes resolved; a lone surrogate becomes U+FFFD.
fn decode_lossy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut units: Vec<u16> = Vec::new();
    let mut chars = s.chars();
    let flush = |units: &mut Vec<u16>, out: &mut String| {
        out.extend(char::decode_utf16(units.drain(..)).map(|r| r.unwrap_or('\u{FFFD}')));
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            flush(&mut units, &mut out);
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let h: String = chars.by_ref().take(4).collect();
                match u16::from_str_radix(&h, 16) {
                    Ok(u) => units.push(u),
                    Err(_) => out.push('\u{FFFD}'),
                }
            }
            Some(e) => {
                flush(&mut units, &mut out);
                out.push(match e {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    other => other,
                });
            }
            None => {}
        }
    }
    flush(&mut units, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<Code> {
        parse_json(Some(text), 1 << 20).err().and_then(|e| e.first().map(|i| i.code))
    }

    #[test]
    fn a_broken_text_nested_past_the_limit_is_too_deep() {
        // Past serde_json's own recursion limit, and past ours before a syntax error.
        assert_eq!(code(&"[".repeat(200)), Some(Code::TooDeep));
        assert_eq!(code(&format!("{}x", "[".repeat(limits::MAX_DEPTH + 1))), Some(Code::TooDeep));
        // Within the limit, or brackets inside a string: the syntax error itself.
        assert_eq!(code(&format!("{}x", "[".repeat(limits::MAX_DEPTH))), Some(Code::NotJson));
        let quoted = format!("[\"{}\\\"\" x", "[".repeat(100));
        assert_eq!(code(&quoted), Some(Code::NotJson));
        assert_eq!(code(&"[".repeat(limits::MAX_DEPTH + 1)), Some(Code::TooDeep), "unclosed at the end");
    }
}
