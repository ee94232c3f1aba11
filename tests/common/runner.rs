//! The case-file runner shared by the host runner (tests/cases.rs, files from disk) and the wasm32 runner
//! (tests/wasm.rs, files compiled in): the same golden values checked natively and in WASM.

use pingan::api;
use pingan::internals::patch;
use serde_json::Value;

/// Run every case of one case file; `Err` lists the failures.
pub fn run_file(text: &str, file: &str, fixture: &dyn Fn(&str) -> Option<String>) -> (usize, Vec<String>) {
    let doc: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return (0, vec![format!("{}: not JSON: {}", file, e)]),
    };
    let mut failures = Vec::new();
    let cases = doc.get("cases").and_then(Value::as_array).cloned().unwrap_or_default();
    for case in &cases {
        let name = case.get("name").and_then(Value::as_str).unwrap_or("?").to_string();
        if let Err(e) = run_case(case, fixture) {
            failures.push(format!("{} / {}:\n  {}", file, name, e));
        }
    }
    (cases.len(), failures)
}

pub fn resolve(v: &Value, fixture: &dyn Fn(&str) -> Option<String>) -> Result<Value, String> {
    match v {
        Value::Object(m) if m.contains_key("$fixture") => {
            let name = m.get("$fixture").and_then(Value::as_str).ok_or("bad $fixture")?;
            let text = fixture(name).ok_or_else(|| format!("no fixture {}", name))?;
            let base: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            match m.get("$patch") {
                Some(p) => patch::apply(&base, p).map_err(|e| format!("fixture patch failed: {:?}", e)),
                None => Ok(base),
            }
        }
        Value::Object(m) => {
            let mut out = serde_json::Map::new();
            for (k, x) in m {
                out.insert(k.clone(), resolve(x, fixture)?);
            }
            Ok(Value::Object(out))
        }
        Value::Array(a) => {
            a.iter().map(|x| resolve(x, fixture)).collect::<Result<Vec<_>, _>>().map(Value::Array)
        }
        other => Ok(other.clone()),
    }
}

/// `partial` matches `actual`: objects key by key, arrays element-wise "some actual element matches".
fn matches(partial: &Value, actual: &Value) -> bool {
    match (partial, actual) {
        (Value::Object(p), Value::Object(a)) => {
            p.iter().all(|(k, v)| a.get(k).is_some_and(|x| matches(v, x)))
        }
        (Value::Array(p), Value::Array(a)) => p.iter().all(|v| a.iter().any(|x| matches(v, x))),
        (Value::Number(p), Value::Number(a)) => p.as_f64() == a.as_f64(),
        (p, a) => p == a,
    }
}

fn deep_eq(e: &Value, a: &Value) -> bool {
    match (e, a) {
        (Value::Number(p), Value::Number(q)) => p.as_f64() == q.as_f64(),
        (Value::Array(p), Value::Array(q)) => {
            p.len() == q.len() && p.iter().zip(q).all(|(x, y)| deep_eq(x, y))
        }
        (Value::Object(p), Value::Object(q)) => {
            p.len() == q.len() && p.iter().all(|(k, v)| q.get(k).is_some_and(|w| deep_eq(v, w)))
        }
        (p, q) => p == q,
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    v.map(|x| x.to_string())
}

pub fn run_case(case: &Value, fixture: &dyn Fn(&str) -> Option<String>) -> Result<(), String> {
    let call = case.get("call").and_then(Value::as_str).ok_or("no call")?;
    let args = resolve(case.get("args").unwrap_or(&Value::Array(vec![])), fixture)?;
    let args = args.as_array().cloned().unwrap_or_default();
    let engine = match case.get("policy_patch") {
        Some(pp) => {
            let base: Value = serde_json::from_str(&api::default_policy()).map_err(|e| e.to_string())?;
            let p = patch::apply(&base, pp).map_err(|e| format!("policy patch: {:?}", e))?;
            api::engine(Some(Some(&p.to_string()))).map_err(|e| format!("policy rejected: {}", e))?
        }
        None => api::engine(None).map_err(|e| e.to_string())?,
    };
    // `"engine_options"`: the second argument of `new Engine(policy?, options)` (messages, dictionary).
    let mut engine = engine;
    if let Some(o) = case.get("engine_options") {
        let r: Value = serde_json::from_str(&api::configure(&mut engine, Some(&o.to_string())))
            .map_err(|e| e.to_string())?;
        if r.get("ok") != Some(&Value::Bool(true)) {
            return Err(format!("engine options rejected: {}", r));
        }
    }
    let a = |i: usize| args.get(i);
    let s = |i: usize| args.get(i).and_then(Value::as_str).map(String::from);
    let out = match call {
        "version" => api::version(),
        "schema" => api::schema(s(0).as_deref()),
        "checkPolicy" => api::check_policy(text(a(0)).as_deref()),
        "validate" => {
            api::validate_with(&engine, s(0).as_deref(), text(a(1)).as_deref(), text(a(2)).as_deref())
        }
        "evaluate" => api::evaluate_at(&engine, text(a(0)).as_deref(), text(a(1)).as_deref()),
        "score" => api::score(&engine, text(a(0)).as_deref()),
        "evaluateMany" => api::evaluate_many(&engine, text(a(0)).as_deref()),
        "whatIf" => {
            api::what_if_at(&engine, text(a(0)).as_deref(), text(a(1)).as_deref(), text(a(2)).as_deref())
        }
        "toReach" => api::to_reach(&engine, text(a(0)).as_deref(), s(1).as_deref()),
        "eligibility" => api::eligibility_at(
            &engine,
            text(a(0)).as_deref(),
            s(1).as_deref(),
            s(2).as_deref(),
            text(a(3)).as_deref(),
        ),
        "tableTemplate" => api::table_template(&engine),
        "fromTable" => api::from_table(&engine, text(a(0)).as_deref(), text(a(1)).as_deref()),
        "reform" => api::reform(&engine, text(a(0)).as_deref(), text(a(1)).as_deref()),
        other => return Err(format!("unknown call {}", other)),
    };
    let result: Value = serde_json::from_str(&out).map_err(|e| format!("answer is not JSON: {}", e))?;
    let mut problems = Vec::new();
    if let Some(Value::Object(exp)) = case.get("expect") {
        for (p, want) in exp {
            match result.pointer(p) {
                Some(got) if deep_eq(want, got) => {}
                got => problems.push(format!(
                    "expect {}: want {} got {}",
                    p,
                    want,
                    got.map(|g| g.to_string()).unwrap_or("nothing".into())
                )),
            }
        }
    }
    if let Some(Value::Object(inc)) = case.get("includes") {
        for (p, want) in inc {
            match result.pointer(p) {
                Some(got) if matches(want, got) => {}
                got => problems.push(format!(
                    "includes {}: want {} in {}",
                    p,
                    want,
                    got.map(|g| g.to_string()).unwrap_or("nothing".into())
                )),
            }
        }
    }
    if let Some(Value::Object(exc)) = case.get("excludes") {
        for (p, list) in exc {
            let got = result.pointer(p).cloned().unwrap_or(Value::Array(vec![]));
            for unwanted in list.as_array().cloned().unwrap_or_default() {
                let hit = match &got {
                    Value::Array(items) => items.iter().any(|x| matches(&unwanted, x)),
                    other => matches(&unwanted, other),
                };
                if hit {
                    problems.push(format!("excludes {}: found {}", p, unwanted));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let mut r = result.clone();
        if let Value::Object(m) = &mut r {
            m.remove("archive");
            m.remove("duties");
        }
        Err(format!(
            "{}\n  answer: {}",
            problems.join("\n  "),
            serde_json::to_string(&r).unwrap_or_default().chars().take(3000).collect::<String>()
        ))
    }
}
