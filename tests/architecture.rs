//! The crate's module graph is a DAG in layers (ARCHITECTURE.md "Layers"): every `crate::x` reference
//! in src/**/*.rs (`use` lines, paths, `$crate::x` in macros, serde's `deserialize_with = "crate::x::f"`)
//! is an edge from the file's top-level module to `x`; an edge may only point to the same layer or a
//! lower one, and there is no cycle at all. A new top-level module has to be given a layer here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Bottom to top. A module may use modules of its own layer (without a cycle) and of the layers below.
const LAYERS: &[(&str, &[&str])] = &[
    ("foundation", &["date", "exact", "limits", "shape", "issue", "work", "tape"]),
    ("records", &["model", "policy"]),
    (
        "chapters",
        &[
            "validation",
            "patch",
            "read",
            "config",
            "context",
            "duties",
            "accountability",
            "cut",
            "assessment",
            "rewards",
        ],
    ),
    ("engine", &["engine", "table", "reform"]),
    ("contract", &["api", "codegen"]),
    ("binding", &["bindings"]),
];

/// What the binding may use: it converts and delegates (bindings.rs' own doc), nothing more.
const BINDING_USES: &[&str] = &["api", "engine", "issue", "limits"];

fn layer_of(m: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&m))
}

/// The Rust files under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file of src/ belongs to (`None` for lib.rs, the facade).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then(|| name.to_string())
}

/// The text without `//` comments (doc comments name modules in prose; they are not dependencies).
/// A `//` inside a string literal ends the line early too, which only ever drops text, never adds an edge
/// that is not there.
fn code_of(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Every module named after `crate::` in the code: `crate::x::…`, `crate::x`, `crate::{x, y::…}`.
fn references(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident =
        |s: &str| -> String { s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect() };
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        // `crate` as a whole word (also `$crate`), not the tail of another identifier.
        let before = rest[..i].chars().next_back();
        let after = &rest[i + "crate::".len()..];
        rest = after;
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = after.strip_prefix('{') {
            // The first name of each top-level item of the group.
            let mut depth = 0usize;
            let mut item_start = true;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_ascii_alphabetic() || c == '_') => {
                        out.insert(ident(&group[k..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(after);
            if !name.is_empty() && name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                out.insert(name);
            }
        }
    }
    out
}

/// module → the modules it references.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "src/ has its modules ({} files found)", files.len());
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let Some(m) = module_of(&src, f) else { continue };
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let refs = references(&code_of(&text));
        let entry = g.entry(m.clone()).or_default();
        entry.extend(refs.into_iter().filter(|r| *r != m));
    }
    g
}

/// A cycle of the graph, if there is one (iterative depth-first search: white/grey/black).
fn find_cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    for start in g.keys() {
        if state.get(start.as_str()).copied().unwrap_or(0) != 0 {
            continue;
        }
        let mut stack: Vec<(&str, Vec<&str>)> =
            vec![(start.as_str(), g[start].iter().map(String::as_str).collect())];
        state.insert(start.as_str(), 1);
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            match next.pop() {
                Some(n) => match state.get(n).copied().unwrap_or(0) {
                    0 => {
                        state.insert(n, 1);
                        let succ =
                            g.get(n).map(|s| s.iter().map(String::as_str).collect()).unwrap_or_default();
                        stack.push((n, succ));
                    }
                    1 => {
                        let from = stack.iter().position(|(m, _)| *m == n).unwrap_or(0);
                        let mut cycle: Vec<String> =
                            stack[from..].iter().map(|(m, _)| m.to_string()).collect();
                        cycle.push(n.to_string());
                        return Some(cycle);
                    }
                    _ => {}
                },
                None => {
                    state.insert(node, 2);
                    stack.pop();
                }
            }
        }
    }
    None
}

#[test]
fn the_reference_scanner_reads_paths_groups_and_macros() {
    let code = code_of(
        "use crate::model::{Dossier, Grade};\nuse crate::{date, exact::Points};\n\
         const T: &$crate::shape::Ty = x; // crate::api in a comment\n\
         #[serde(deserialize_with = \"crate::read::objs\")]\nlet a = notcrate::b;",
    );
    let refs: Vec<String> = references(&code).into_iter().collect();
    assert_eq!(refs, ["date", "exact", "model", "read", "shape"]);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    let cycle = find_cycle(&g).unwrap_or_default();
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 4, "{:?}", cycle);
}

#[test]
fn every_module_has_a_layer_and_points_down() {
    let g = graph();
    let mut problems = Vec::new();
    for (m, refs) in &g {
        let Some(lm) = layer_of(m) else {
            problems.push(format!("module `{}` has no layer in tests/architecture.rs", m));
            continue;
        };
        for r in refs {
            if !g.contains_key(r) {
                continue; // an item of lib.rs, or a path the scanner over-read
            }
            match layer_of(r) {
                Some(lr) if lr <= lm => {}
                Some(lr) => problems.push(format!(
                    "`{}` ({}) uses `{}` ({}), a higher layer",
                    m, LAYERS[lm].0, r, LAYERS[lr].0
                )),
                None => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_module_graph_has_no_cycle() {
    let g = graph();
    assert!(g.contains_key("engine") && g.contains_key("validation"), "{:?}", g.keys());
    if let Some(c) = find_cycle(&g) {
        panic!("module cycle: {}", c.join(" → "));
    }
}

#[test]
fn the_binding_only_converts_and_delegates() {
    let g = graph();
    let uses = g.get("bindings").cloned().unwrap_or_default();
    let extra: Vec<&String> = uses.iter().filter(|m| !BINDING_USES.contains(&m.as_str())).collect();
    assert!(extra.is_empty(), "bindings uses {:?} beyond {:?}", extra, BINDING_USES);
}
