//! Native timing of the core for bench/run.mjs: the same entry points the WASM build exposes
//! (`api::score` / `api::evaluate` on JSON text), run on dossiers read from a JSON-lines file.
//!
//!   cargo run --release --example bench_native -- <dossiers.jsonl> [min_seconds] [batch] [score]
//!
//! `score` as the fourth argument times `api::score` only.
//!
//! Prints one JSON object: `{ n, failed, score_ns_per_dossier, score_compact_ns_per_dossier, evaluate_ns_per_dossier,
//! evaluate_many_ns_per_dossier (batches of `batch`, default 1,000), passes, totals_hundredths_sum }`.
//! Each measurement repeats whole passes over the file until `min_seconds` (default 1) have elapsed.

use std::time::Instant;

fn total_hundredths(out: &str) -> i64 {
    // `{"ok":true,"total":66.25,…}`: read the first total without a full parse.
    out.find("\"total\":")
        .and_then(|i| {
            let rest = &out[i + 8..];
            let end = rest.find([',', '}']).unwrap_or(rest.len());
            rest[..end].parse::<f64>().ok()
        })
        .map(|t| (t * 100.0).round() as i64)
        .unwrap_or(-1)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: bench_native <dossiers.jsonl> [min_seconds]");
    let min_secs: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let text = std::fs::read_to_string(path).expect("read the dossiers file");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let engine = pingan::Engine::new_default().expect("the default policy loads");

    // Warm up, and check every dossier scores.
    let mut sum = 0i64;
    let mut failed = 0usize;
    for l in &lines {
        let out = pingan::api::score(&engine, Some(l));
        let t = total_hundredths(&out);
        if t < 0 || !out.starts_with("{\"ok\":true") {
            failed += 1;
        } else {
            sum += t;
        }
    }

    let measure = |f: &dyn Fn(&str) -> usize| -> (f64, usize) {
        let start = Instant::now();
        let mut passes = 0usize;
        let mut sink = 0usize;
        loop {
            for l in &lines {
                sink = sink.wrapping_add(f(l));
            }
            passes += 1;
            if start.elapsed().as_secs_f64() >= min_secs {
                break;
            }
        }
        std::hint::black_box(sink);
        let ns = start.elapsed().as_nanos() as f64 / (passes * lines.len()).max(1) as f64;
        (ns, passes)
    };
    let (score_ns, score_passes) = measure(&|l| pingan::api::score(&engine, Some(l)).len());
    // The compact answer (issue 15): what the peers answer is one number.
    let (compact_ns, _) = measure(&|l| pingan::api::score_compact(&engine, Some(l)).len());
    let score_only = args.get(4).map(|s| s == "score").unwrap_or(false);
    let (eval_ns, eval_passes) =
        if score_only { (f64::NAN, 0) } else { measure(&|l| pingan::api::evaluate(&engine, Some(l)).len()) };
    // evaluate_many over batches of `batch` dossiers (default 1,000), as JSON arrays built beforehand.
    let batch: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1000).max(1);
    let batches: Vec<String> = lines.chunks(batch).map(|c| format!("[{}]", c.join(","))).collect();
    let many_ns = if !score_only {
        let start = Instant::now();
        let mut passes = 0usize;
        loop {
            for b in &batches {
                std::hint::black_box(pingan::api::evaluate_many(&engine, Some(b)).len());
            }
            passes += 1;
            if start.elapsed().as_secs_f64() >= min_secs {
                break;
            }
        }
        start.elapsed().as_nanos() as f64 / (passes * lines.len()).max(1) as f64
    } else {
        f64::NAN
    };
    println!(
        "{{\"n\":{},\"failed\":{},\"score_ns_per_dossier\":{:.1},\"score_compact_ns_per_dossier\":{:.1},\"evaluate_ns_per_dossier\":{},\"evaluate_many_ns_per_dossier\":{},\"batch\":{},\"score_passes\":{},\"evaluate_passes\":{},\"totals_hundredths_sum\":{}}}",
        lines.len(), failed, score_ns, compact_ns, if eval_ns.is_finite() { format!("{:.1}", eval_ns) } else { "null".into() }, if many_ns.is_finite() { format!("{:.1}", many_ns) } else { "null".into() }, batch, score_passes, eval_passes, sum
    );
}
