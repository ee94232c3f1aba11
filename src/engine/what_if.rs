//! What if: a JSON Patch applied to the dossier and the changes of the report line by line, and
//! `toReach` (what each input would need for a grade).

use super::{Answer, Engine, Report, Source};
use crate::accountability;
use crate::assessment;
use crate::date::Date;
use crate::duties::DutyLine;
use crate::issue::{Code, Issue};
use crate::model::Grade;
use serde::Serialize;
use serde_json::{json, Value};

impl Engine {
    /// `whatIf`: the prepared-dossier path, used once.
    pub fn what_if_value(&self, dv: &Value, patch: &Value) -> Answer<WhatIf> {
        self.what_if_value_at(dv, patch, None)
    }

    /// `whatIf(dossier, patch, { at })`: the patch applies to the dossier as given; both sides are then
    /// cut at `at`.
    pub fn what_if_value_at(&self, dv: &Value, patch: &Value, at: Option<Date>) -> Answer<WhatIf> {
        self.prepare_at(dv, at)?.what_if(patch)
    }

    /// `whatIf(dossier, patch, { at })` of a dossier given as text or as a value.
    pub fn what_if_of(&self, src: Source, patch: &Value, at: Option<Date>) -> Answer<WhatIf> {
        self.prepare_of(src, at)?.what_if(patch)
    }

    pub fn to_reach_value(&self, dv: &Value, grade: Option<&str>) -> Answer<assessment::Reach> {
        self.to_reach_of(Source::Value(dv), grade)
    }

    /// `toReach(dossier, grade)` on a dossier given as text or as a value.
    pub fn to_reach_of(&self, src: Source, grade: Option<&str>) -> Answer<assessment::Reach> {
        let target = match grade {
            Some("excellent") => Grade::Excellent,
            Some("good") => Grade::Good,
            Some("pass") => Grade::Pass,
            Some("fail") => Grade::Fail,
            other => {
                return Err(vec![Issue::error(
                    Code::UnknownGrade,
                    "",
                    format!(
                        "未知等次“{}”；可用：excellent、good、pass、fail",
                        crate::issue::short(other.unwrap_or(""), 40)
                    ),
                    format!(
                        "unknown grade “{}”; one of: excellent, good, pass, fail",
                        crate::issue::short(other.unwrap_or(""), 40)
                    ),
                )])
            }
        };
        let (d, _, warnings) = self.load_of(src, None)?;
        if let Some(e) = Self::outside_scope(&d) {
            return Err(vec![e]);
        }
        assessment::to_reach(&d, &self.policy, &self.score_context(&d), target).map(|r| (r, warnings))
    }
}

#[derive(Serialize)]
struct Change {
    path: String,
    what: &'static str,
    from: Value,
    to: Value,
}

fn v<T: Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

/// One change at `path` when the value moved from `from` to `to`.
fn moved<T: Serialize + PartialEq>(
    out: &mut Vec<Change>,
    path: impl Into<String>,
    what: &'static str,
    from: &T,
    to: &T,
) {
    if from != to {
        out.push(Change { path: path.into(), what, from: v(from), to: v(to) });
    }
}

/// What moved between two reports: total, grade, each changed line, cases opened/closed/escalated,
/// awards gained or lost, naming and tripod, duties and findings.
pub(super) fn changes(b: &Report, a: &Report) -> Vec<Value> {
    let mut out: Vec<Change> = Vec::new();
    match (&b.assessment, &a.assessment) {
        (Some(x), Some(y)) => {
            moved(&mut out, "/assessment/total", "total", &x.total, &y.total);
            moved(&mut out, "/assessment/grade", "grade", &x.grade, &y.grade);
            for (i, ly) in y.lines.iter().enumerate() {
                let lx = x.lines.iter().find(|l| l.indicator == ly.indicator && l.kind == ly.kind);
                if lx.map(|l| l.points) != Some(ly.points) {
                    out.push(Change {
                        path: format!("/assessment/lines/{}", i),
                        what: "line",
                        from: lx.map(|l| v(&l.points)).unwrap_or(Value::Null),
                        to: v(&ly.points),
                    });
                }
            }
            for (i, lx) in x.lines.iter().enumerate() {
                if !y.lines.iter().any(|l| l.indicator == lx.indicator && l.kind == lx.kind) {
                    out.push(Change {
                        path: format!("/assessment/lines/{}", i),
                        what: "line_removed",
                        from: v(&lx.points),
                        to: Value::Null,
                    });
                }
            }
        }
        (x, y) if x.is_some() != y.is_some() => out.push(Change {
            path: "/assessment".into(),
            what: "assessment",
            from: v(&x.as_ref().map(|a| a.total)),
            to: v(&y.as_ref().map(|a| a.total)),
        }),
        _ => {}
    }
    // Cases and duty lines are matched through maps (issue 12: O(n log n), not before × after).
    use std::collections::BTreeMap;
    let cases_b: BTreeMap<&str, &accountability::Case> =
        b.accountability.cases.iter().rev().map(|c| (c.id.as_str(), c)).collect();
    let cases_a: BTreeMap<&str, &accountability::Case> =
        a.accountability.cases.iter().rev().map(|c| (c.id.as_str(), c)).collect();
    for (i, cy) in a.accountability.cases.iter().enumerate() {
        match cases_b.get(cy.id.as_str()).copied() {
            None => out.push(Change {
                path: format!("/accountability/cases/{}", i),
                what: "case_opened",
                from: Value::Null,
                to: json!({"id": cy.id, "rung": cy.rung}),
            }),
            Some(cx) => {
                if cx.status != cy.status {
                    out.push(Change {
                        path: format!("/accountability/cases/{}/status", i),
                        what: "case_status",
                        from: v(&cx.status),
                        to: v(&cy.status),
                    });
                }
                if cx.rung != cy.rung {
                    out.push(Change {
                        path: format!("/accountability/cases/{}/rung", i),
                        what: "case_rung",
                        from: v(&cx.rung),
                        to: v(&cy.rung),
                    });
                }
            }
        }
    }
    for (i, cx) in b.accountability.cases.iter().enumerate() {
        if !cases_a.contains_key(cx.id.as_str()) {
            out.push(Change {
                path: format!("/accountability/cases/{}", i),
                what: "case_gone",
                from: json!({"id": cx.id, "rung": cx.rung}),
                to: Value::Null,
            });
        }
    }
    let award_of = |r: &Report, c: i32| r.rewards.awards.iter().find(|x| x.cycle == c).map(|x| x.award);
    let mut cycles: Vec<i32> =
        b.rewards.awards.iter().chain(a.rewards.awards.iter()).map(|x| x.cycle).collect();
    cycles.extend(b.rewards.withheld.iter().chain(a.rewards.withheld.iter()).map(|w| w.cycle));
    cycles.sort_unstable();
    cycles.dedup();
    for c in cycles {
        let (x, y) = (award_of(b, c), award_of(a, c));
        if x != y {
            let idx = a
                .rewards
                .awards
                .iter()
                .position(|w| w.cycle == c)
                .or_else(|| b.rewards.awards.iter().position(|w| w.cycle == c))
                .unwrap_or(0);
            out.push(Change {
                path: format!("/rewards/awards/{}", idx),
                what: "award",
                from: json!({"cycle": c, "award": x}),
                to: json!({"cycle": c, "award": y}),
            });
        }
    }
    if b.rewards.pingan.is_some() != a.rewards.pingan.is_some() {
        let named = |r: &Report| r.rewards.pingan.as_ref().map(|x| x.named);
        out.push(Change {
            path: "/rewards/pingan".into(),
            what: "named",
            from: v(&named(b)),
            to: v(&named(a)),
        });
    }
    if let (Some(px), Some(py)) = (&b.rewards.pingan, &a.rewards.pingan) {
        moved(&mut out, "/rewards/pingan/named", "named", &px.named, &py.named);
        moved(&mut out, "/rewards/pingan/streak", "streak", &px.streak, &py.streak);
        if px.tripod != py.tripod || px.stars != py.stars {
            out.push(Change {
                path: "/rewards/pingan/tripod".into(),
                what: "tripod",
                from: json!({"tripod": px.tripod, "stars": px.stars}),
                to: json!({"tripod": py.tripod, "stars": py.stars}),
            });
        }
    }
    let duties_b: BTreeMap<(&str, &str), &DutyLine> =
        b.duties.iter().rev().map(|d| ((d.leader.as_str(), d.duty.as_str()), d)).collect();
    for (i, dy) in a.duties.iter().enumerate() {
        let dx = duties_b.get(&(dy.leader.as_str(), dy.duty.as_str())).copied();
        if dx.map(|d| d.status) != Some(dy.status) {
            out.push(Change {
                path: format!("/duties/{}/status", i),
                what: "duty",
                from: dx.map(|d| v(&d.status)).unwrap_or(Value::Null),
                to: v(&dy.status),
            });
        }
    }
    moved(&mut out, "/findings", "findings", &b.findings.len(), &a.findings.len());
    out.into_iter().map(|c| v(&c)).collect()
}

/// The `whatIf` answer, serialised straight into the (capped) answer text. `before` is shared with
/// the prepared handle that keeps it, not copied for each answer.
#[derive(Serialize)]
pub struct WhatIf {
    pub before: std::rc::Rc<Report>,
    pub after: Report,
    pub changes: Vec<Value>,
}
