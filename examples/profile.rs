//! Rough native timing of the entry points on one dossier: `cargo run --release --example profile -- FILE`.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "tests/cases/fixtures/county.json".into());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let Ok(engine) = pingan::api::engine(None) else { return };
    if std::env::var("ONLY").as_deref() == Ok("prepared") {
        prepared(&text, std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(2000));
        return;
    }
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    for (name, f) in [
        (
            "parse only",
            &(|t: &str| {
                let _ = pingan::api::parse(Some(t), 1 << 26);
                String::new()
            }) as &dyn Fn(&str) -> String,
        ),
        ("validate", &|t: &str| pingan::api::validate(&engine, Some("dossier"), Some(t))),
        ("score", &|t: &str| pingan::api::score(&engine, Some(t))),
        ("compact", &|t: &str| pingan::api::score_compact(&engine, Some(t))),
        ("evaluate", &|t: &str| pingan::api::evaluate(&engine, Some(t))),
    ] {
        if std::env::var("ONLY").is_ok_and(|o| o != name) {
            continue;
        }
        if std::env::var("PRINT").is_ok() {
            // The answer itself (to compare builds byte for byte).
            println!("{}", f(&text));
            continue;
        }
        let t0 = Instant::now();
        let mut bytes = 0;
        for _ in 0..n {
            bytes = f(&text).len();
        }
        println!(
            "{:<10} {:>8.1} µs/call  output {} bytes",
            name,
            t0.elapsed().as_secs_f64() * 1e6 / n as f64,
            bytes
        );
    }
}

#[allow(dead_code)]
fn prepared(text: &str, n: usize) {
    let Ok(engine) = pingan::api::engine(None) else { return };
    let Ok(mut p) = pingan::api::prepare(&engine, Some(text)) else { return };
    let t0 = Instant::now();
    let mut len = 0;
    for i in 0..n {
        len =
            pingan::api::prepared_score_with(&mut p, Some("satisfaction"), Some(&format!("{}", 85 + i % 11)))
                .len();
    }
    println!(
        "{:<10} {:>8.1} µs/call  output {} bytes",
        "scoreWith",
        t0.elapsed().as_secs_f64() * 1e6 / n as f64,
        len
    );
    let t0 = Instant::now();
    for i in 0..n {
        let v = serde_json::Value::from(85 + i % 11);
        len = pingan::api::prepared_score_with_value(&mut p, Some("satisfaction"), &v, true).len();
    }
    println!(
        "{:<10} {:>8.1} µs/call  output {} bytes",
        "compact",
        t0.elapsed().as_secs_f64() * 1e6 / n as f64,
        len
    );
}
