//! The `limits` fuzz target's dossier, in one place: fuzz/src/lib.rs builds it from libFuzzer's bytes
//! and tests/limits.rs from a saved regression's bytes (`fuzz_regressions_replay`), so a finding replays
//! under `cargo test` exactly as the fuzzer saw it. Up to 1,000 leaders (roles, tenures ending on a
//! chosen day), up to 5,000 records in each list (incidents of every severity, inspections, hotspots,
//! referrals, activities bound to incidents and leaders), `as_of` up to three years on.

#![allow(dead_code)] // each includer uses a part (the fuzz crate has its own `Unstructured`)

use serde_json::{json, Value};

/// arbitrary 1.x's `Unstructured::int_in_range(0..=max)` over `bytes` (big-endian, as many bytes as
/// `max` needs, modulo `max + 1`; an exhausted input reads as 0), for replaying without the fuzz crate.
pub struct Bytes<'a>(pub &'a [u8]);

impl Bytes<'_> {
    pub fn int_in_range(&mut self, max: usize) -> usize {
        let mut x: u64 = 0;
        let mut used = 0;
        while used < 8 && (max as u64 >> (used * 8)) > 0 {
            let Some((&b, rest)) = self.0.split_first() else { break };
            self.0 = rest;
            used += 1;
            x = (x << 8) | b as u64;
        }
        (x % (max as u64 + 1)) as usize
    }
}

/// The dossier for the choices `pick(max)` (each in `0..=max`) makes, and its number of leaders.
pub fn limits_dossier(
    county_min: &str,
    max_list: usize,
    pick: &mut dyn FnMut(usize) -> usize,
) -> (Value, usize) {
    let mut d: Value = serde_json::from_str(county_min).unwrap_or(Value::Null);
    // Mostly small, sometimes at the limit.
    let n = |pick: &mut dyn FnMut(usize) -> usize, max: usize| -> usize {
        match pick(3) {
            0 => 0,
            1 => pick(20),
            2 => pick(max),
            _ => max,
        }
    };
    let leaders = n(pick, 1000).max(1);
    let day = |k: usize| format!("2025-{:02}-{:02}", 1 + k % 12, 1 + k % 28);
    let roles = ["principal", "in_charge", "member"];
    let role_pick = pick(3);
    d["leaders"] = json!((0..leaders)
        .map(|i| {
            let role = if role_pick < 3 { roles[role_pick] } else { roles[i % 3] };
            let mut l = json!({"id": format!("L{}", i), "role": role, "domains": ["safety_production"]});
            if i % 2 == 1 {
                l["until"] = json!(day(i));
            }
            l
        })
        .collect::<Vec<_>>());
    let sev = ["general", "larger", "major", "especially_major"];
    let ni = n(pick, max_list);
    let s0 = pick(4);
    d["incidents"] = json!((0..ni)
        .map(|i| json!({"id": format!("I{}", i), "date": day(i), "category": "public_safety",
                         "severity": sev[if s0 < 4 { s0 } else { i % 4 }], "locality": "330106",
                         "domain": "safety_production", "impact": if i % 7 == 0 { "severe" } else { "especially_severe" }}))
        .collect::<Vec<_>>());
    let nn = n(pick, max_list);
    d["inspections"] = json!((0..nn).map(|i| json!({"id": format!("N{}", i), "date": day(i), "finding": if i % 2 == 0 { "serious_disorder" } else { "issue" }})).collect::<Vec<_>>());
    let nh = n(pick, max_list);
    d["hotspots"] = json!((0..nh)
        .map(
            |i| json!({"id": format!("H{}", i), "date": day(i), "public_concern": "strong", "rebound": true})
        )
        .collect::<Vec<_>>());
    let nr = n(pick, max_list);
    d["referrals"] = json!((0..nr)
        .map(|i| json!({"id": format!("F{}", i), "date": day(i), "alleges": "crime"}))
        .collect::<Vec<_>>());
    let na = n(pick, max_list);
    let types = ["on_scene", "emergency_response", "team_meeting", "handover", "special_research"];
    d["activities"] = json!((0..na)
        .map(|i| {
            let mut a = json!({"id": format!("A{}", i), "type": types[i % types.len()], "date": day(i), "by": format!("L{}", i % leaders)});
            if ni > 0 {
                a["incident"] = json!(format!("I{}", i % ni));
            }
            a
        })
        .collect::<Vec<_>>());
    let years = pick(3);
    d["as_of"] = json!(format!("{}-12-31", 2025 + years as i32));
    (d, leaders)
}
