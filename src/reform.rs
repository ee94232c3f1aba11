//! Reform simulation (issue 16): every dossier scored under the engine's pack and under a proposed one
//! (art. 18: the scheme is the province's to set), side by side, with ranks and grade counts.
//!
//! - The proposed pack is checked as `checkPolicy` checks it; an invalid pack is `ok: false` with its
//!   errors (paths under `/policy`).
//! - A dossier that does not score under either pack is listed in `failed` (`under`: `current`,
//!   `proposed` or `both`, with the errors of the first pack that refused it) and is left out of `units`,
//!   the ranks and the grade counts.
//! - Ranks as `evaluateMany`'s ranking: by total, highest first; equal totals share a rank.
//! - `moved.grades` counts the units whose grade differs between the two packs, `moved.ranks` those whose
//!   rank differs; `moved.up` / `moved.down` count better and worse ranks.

use crate::engine::Engine;
use crate::exact::Points;
use crate::issue::Issue;
use crate::model::Grade;
use serde::Serialize;
use serde_json::Value;

#[derive(Clone, Copy, Serialize)]
pub struct Standing {
    pub total: Points,
    pub grade: Grade,
    pub rank: usize,
}

#[derive(Serialize)]
pub struct UnitLine {
    pub index: usize,
    pub unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub before: Standing,
    pub after: Standing,
    /// after.total − before.total.
    pub delta: Points,
}

#[derive(Serialize)]
pub struct Failed {
    pub index: usize,
    pub unit: Option<String>,
    pub under: &'static str,
    pub errors: Vec<Issue>,
}

#[derive(Serialize, Default)]
pub struct Moved {
    pub grades: usize,
    pub ranks: usize,
    pub up: usize,
    pub down: usize,
}

#[derive(Serialize, Default)]
pub struct Counts {
    pub excellent: usize,
    pub good: usize,
    pub pass: usize,
    pub fail: usize,
}

impl Counts {
    fn add(&mut self, g: Grade) {
        match g {
            Grade::Excellent => self.excellent += 1,
            Grade::Good => self.good += 1,
            Grade::Pass => self.pass += 1,
            Grade::Fail => self.fail += 1,
        }
    }
}

#[derive(Serialize)]
pub struct GradeCounts {
    pub before: Counts,
    pub after: Counts,
}

#[derive(Serialize)]
pub struct ReformAnswer {
    pub units: Vec<UnitLine>,
    pub failed: Vec<Failed>,
    pub moved: Moved,
    pub grades: GradeCounts,
}

/// Ranks of `(unit, total)` pairs in their order: highest total first, ties share a rank (the order of
/// `engine::rank`: by total, then unit id).
pub fn ranks(items: &[(&str, Points)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    let key = |i: &usize| items.get(*i).map(|(u, t)| (std::cmp::Reverse(*t), *u));
    order.sort_by(|a, b| key(a).cmp(&key(b)).then(a.cmp(b)));
    let mut out = vec![0; items.len()];
    let mut prev: Option<Points> = None;
    let mut rank = 0;
    for (pos, i) in order.iter().enumerate() {
        let t = items.get(*i).map(|(_, t)| *t);
        if prev != t {
            rank = pos + 1;
            prev = t;
        }
        if let Some(slot) = out.get_mut(*i) {
            *slot = rank;
        }
    }
    out
}

/// `engine.reform(dossiers, policy)`.
pub fn reform(
    current: &Engine,
    dossiers: &Value,
    policy: &Value,
) -> Result<(ReformAnswer, Vec<Issue>), Vec<Issue>> {
    let proposed = Engine::from_value(policy).map_err(|errs| {
        errs.into_iter()
            .map(|mut i| {
                i.path = format!("/policy{}", i.path);
                i
            })
            .collect::<Vec<_>>()
    })?;
    let items = current.batch(dossiers)?;
    let mut scored = Vec::new();
    let mut failed = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let unit = item.pointer("/unit/id").and_then(Value::as_str).map(String::from);
        let b = current.score_value(item);
        let a = proposed.score_value(item);
        match (b, a) {
            (Ok((b, _)), Ok((a, _))) => {
                let name = item.pointer("/unit/name").and_then(Value::as_str).map(String::from);
                scored.push((index, unit.unwrap_or_default(), name, b, a));
            }
            (Err(e), Ok(_)) => failed.push(Failed { index, unit, under: "current", errors: e }),
            (Ok(_), Err(e)) => failed.push(Failed { index, unit, under: "proposed", errors: e }),
            (Err(e), Err(_)) => failed.push(Failed { index, unit, under: "both", errors: e }),
        }
    }
    let before: Vec<(&str, Points)> = scored.iter().map(|(_, u, _, b, _)| (u.as_str(), b.total)).collect();
    let after: Vec<(&str, Points)> = scored.iter().map(|(_, u, _, _, a)| (u.as_str(), a.total)).collect();
    let (rb, ra) = (ranks(&before), ranks(&after));
    let mut moved = Moved::default();
    let mut grades = GradeCounts { before: Counts::default(), after: Counts::default() };
    let mut units = Vec::with_capacity(scored.len());
    for (k, (index, unit, name, b, a)) in scored.into_iter().enumerate() {
        let before = Standing { total: b.total, grade: b.grade, rank: rb.get(k).copied().unwrap_or(0) };
        let after = Standing { total: a.total, grade: a.grade, rank: ra.get(k).copied().unwrap_or(0) };
        if before.grade != after.grade {
            moved.grades += 1;
        }
        if before.rank != after.rank {
            moved.ranks += 1;
            if after.rank < before.rank {
                moved.up += 1;
            } else {
                moved.down += 1;
            }
        }
        grades.before.add(before.grade);
        grades.after.add(after.grade);
        units.push(UnitLine { index, unit, name, before, after, delta: Points(a.total.0 - b.total.0) });
    }
    Ok((ReformAnswer { units, failed, moved, grades }, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_rank() {
        let r = ranks(&[("b", Points(8000)), ("a", Points(9000)), ("c", Points(8000)), ("d", Points(7000))]);
        assert_eq!(r, vec![2, 1, 2, 4]);
    }
}
