//! Build step for the embedded default pack (issue 15 item 5): `src/policy/zhejiang.json` is parsed here and
//! written to `$OUT_DIR/zhejiang.json` in the form `defaultPolicy()` answers (compact, members in key order,
//! serde_json's number format), so the module carries 6 KB less text, `defaultPolicy()` hands the text out
//! without parsing it, and the one parse of `new Engine()` skips the pretty-printing. A pack that is not
//! JSON fails the build; `policy::tests` proves the compiled-in text is the source file's value and that it
//! passes `policy::check` (the checks of `checkPolicy`).

use std::path::Path;

fn main() {
    let src = Path::new("src/policy/zhejiang.json");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-changed=build.rs");
    let text =
        std::fs::read_to_string(src).unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", src.display())));
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{} is not JSON: {e}", src.display())));
    if !value.is_object() {
        fail(&format!("{} is not a JSON object", src.display()));
    }
    let compact =
        serde_json::to_string(&value).unwrap_or_else(|e| fail(&format!("cannot write the pack: {e}")));
    let out = std::env::var_os("OUT_DIR").unwrap_or_else(|| fail("OUT_DIR is not set"));
    let dest = Path::new(&out).join("zhejiang.json");
    std::fs::write(&dest, compact).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", dest.display())));
}

fn fail(msg: &str) -> ! {
    eprintln!("build.rs: {msg}");
    std::process::exit(1)
}
