//! Chapter 5: advanced-unit awards per selection cycle (art. 21, 23), praise for the unit's principal and
//! in-charge leaders (art. 22, 24), Ping'an naming with the tripod ladder (art. 21 and Zhejiang practice),
//! and the leader's performance archive (art. 19). Honours are withheld while a bar is in force (ch. 6).

use crate::accountability::{Accountability, Bar, BarWhat};
use crate::assessment::Assessment;
use crate::date::Date;
use crate::duties::{DutyLine, Status};
use crate::issue::{Basis, Code, Issue, Text};
use crate::model::{Award, CaseId, Dossier, Grade, Role};
use crate::policy::{Policy, Tripod};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct AwardLine {
    pub cycle: i32,
    pub award: Award,
    /// `history` when the award was recorded in the dossier, `derived` when computed here.
    pub source: &'static str,
    pub basis: Basis,
}

#[derive(Clone, Debug, Serialize)]
pub struct Praise {
    pub leader: String,
    pub cycle: i32,
    /// Art. 22: the record of the praise goes into the leader's personal file.
    pub file_record: bool,
    pub basis: Basis,
}

#[derive(Clone, Debug, Serialize)]
pub struct Withheld {
    pub cycle: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    /// The case behind the withholding: the bar's case, or the veto that failed the year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseId>,
    pub why: Issue,
}

#[derive(Clone, Debug, Serialize)]
pub struct Pingan {
    pub named: bool,
    pub streak: u32,
    pub tripod: Tripod,
    pub stars: u32,
    /// Years until the next tripod or star.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_in: Option<u32>,
    pub basis: Basis,
}

#[derive(Clone, Debug, Serialize)]
pub struct Rewards {
    pub awards: Vec<AwardLine>,
    pub praise: Vec<Praise>,
    pub withheld: Vec<Withheld>,
    /// `None` (JSON `null`) for a unit that is not a city or county locality (art. 21: 平安市、县).
    pub pingan: Option<Pingan>,
}

fn award_basis(a: Award, p: &Policy) -> Basis {
    match a {
        Award::Commendation => Basis::zj(23, None, None, "受表彰的全省先进单位嘉奖一次", "a commended provincial advanced unit receives a commendation"),
        Award::ThirdClassMerit => {
            let b = &p.parameters.third_class_consecutive.basis;
            Basis::zj_text(23, None, None, &b.summary)
        }
        Award::SecondClassMerit => Basis::zj(
            23,
            None,
            None,
            "获三等功、从事平安综治工作八年以上且有突出贡献的，记二等功",
            "a unit holding a third-class merit, with eight or more years of Ping'an work and an outstanding contribution, earns a second-class merit",
        ),
    }
}

/// The bars of each subject and kind, built once (issue 12: no walk over every bar per leader per cycle).
struct BarIndex<'a>(std::collections::BTreeMap<(&'a str, BarWhat), Vec<&'a Bar>>);

impl<'a> BarIndex<'a> {
    fn new(bars: &'a [Bar]) -> Self {
        let mut m: std::collections::BTreeMap<(&'a str, BarWhat), Vec<&'a Bar>> =
            std::collections::BTreeMap::new();
        for b in bars {
            m.entry((b.subject.as_str(), b.what)).or_default().push(b);
        }
        BarIndex(m)
    }
    /// The first bar (in the report's order) on `subject` of kind `what` in force on `day`.
    fn barred_on(&self, subject: &str, what: BarWhat, day: Date) -> Option<&'a Bar> {
        self.0.get(&(subject, what)).and_then(|v| v.iter().find(|b| b.covers(day)).copied())
    }
}

fn veto_text(case: &CaseId) -> Text {
    Text::new(format!("一票否决，案件 {}", case), format!("a one-vote veto, case {}", case))
}

/// Why a cycle's year counts as failed (api.md "Rewards, exactly"): the dossier's own year from its
/// assessment (by score or by veto; with no assessment, a veto in force in the year), earlier years
/// from `history.assessments`. The case names the veto when one is known.
fn failed_year(
    d: &Dossier,
    c: i32,
    assessment: Option<&Assessment>,
    acc: &Accountability,
) -> Option<(Option<CaseId>, Text)> {
    if c == d.year {
        return match assessment {
            Some(a) if a.grade == Grade::Fail => Some(match (&a.veto_case, a.vetoed) {
                (Some(case), true) => (Some(case.clone()), veto_text(case)),
                _ => (None, Text::new("按分数不合格", "failed by score")),
            }),
            Some(_) => None,
            None => crate::accountability::veto_in_year(d, acc).map(|case| {
                let t = veto_text(&case);
                (Some(case), t)
            }),
        };
    }
    let past = d.history.assessments.iter().find(|a| a.year == c && (a.grade == Grade::Fail || a.vetoed))?;
    // A veto in force in that year, replayed from this dossier's own records, names its case.
    let (start, end) = (Date::from_ymd(c, 1, 1)?, Date::end_of_year(c)?);
    let veto_case = acc
        .bars
        .iter()
        .find(|b| {
            b.subject == d.unit.id
                && b.what == BarWhat::Honours
                && b.measure == crate::accountability::Measure::OneVoteVeto
                && b.from <= end
                && b.until > start
        })
        .map(|b| b.case.clone());
    Some(match (past.vetoed, veto_case) {
        (true, Some(case)) => {
            let t = veto_text(&case);
            (Some(case), t)
        }
        (true, None) => {
            (None, Text::new("一票否决，见考核历史", "a one-vote veto, from the assessment history"))
        }
        (false, _) => (None, Text::new("不合格，见考核历史", "failed, from the assessment history")),
    })
}

/// Art. 21: Ping'an naming is for cities and counties (平安市、县(市、区)).
pub fn names_pingan(d: &Dossier) -> bool {
    d.unit.kind == crate::model::UnitKind::Locality
        && matches!(d.unit.level, Some(crate::model::Level::City) | Some(crate::model::Level::County))
}

/// Awards, praise and withholding per cycle (api.md "Rewards, exactly"). A unit outside art. 2 gets
/// none, and `pingan` is null.
pub fn compute(d: &Dossier, p: &Policy, assessment: Option<&Assessment>, acc: &Accountability) -> Rewards {
    if crate::duties::applies(d.unit.kind) == crate::duties::Applies::None {
        return Rewards { awards: Vec::new(), praise: Vec::new(), withheld: Vec::new(), pingan: None };
    }
    let h = &d.history;
    let mut cycles: Vec<i32> =
        h.advanced_unit_cycles.iter().copied().filter(|c| *c <= d.as_of.year()).collect();
    cycles.sort_unstable();
    cycles.dedup();
    let gap = p.parameters.cycle_years.n() as i32;
    let need_run = p.parameters.third_class_consecutive.n().max(1) as usize;
    let min_years = p.parameters.second_class_min_years.n() as i32;
    let prior_required = p.parameters.second_class_requires_prior_third_class.value;
    let mut awards: Vec<AwardLine> = Vec::new();
    let mut praise = Vec::new();
    let mut withheld = Vec::new();
    let bars = BarIndex::new(&acc.bars);
    for (i, &c) in cycles.iter().enumerate() {
        let Some(dec31) = Date::end_of_year(c) else { continue };
        let cycle_path = format!(
            "/history/advanced_unit_cycles/{}",
            h.advanced_unit_cycles.iter().position(|x| *x == c).unwrap_or(i)
        );
        if let Some(bar) = bars.barred_on(&d.unit.id, BarWhat::Honours, dec31) {
            withheld.push(Withheld {
                cycle: c,
                leader: None,
                case: Some(bar.case.clone()),
                why: Issue::warning(
                    Code::AwardWithheld,
                    cycle_path,
                    format!(
                        "{} 年 12 月 31 日处于荣誉限制期（案件 {}，至 {} 止），不授奖",
                        c, bar.case, bar.until
                    ),
                    format!(
                        "31 December {} falls inside an honours bar (case {}, until {}): no award",
                        c, bar.case, bar.until
                    ),
                )
                .with_basis(bar.basis.clone()),
            });
            continue;
        }
        // A failed year (by score or veto): the unit is not an advanced unit of that year: no award, no
        // praise (api.md "Rewards, exactly").
        if let Some((case, reason)) = failed_year(d, c, assessment, acc) {
            withheld.push(Withheld {
                cycle: c,
                leader: None,
                case,
                why: Issue::warning(
                    Code::AwardWithheld,
                    cycle_path,
                    format!("{} 年考核不合格（{}），不是该年度先进单位，不授奖、不予通报表扬", c, reason.zh),
                    format!("the {} assessment failed ({}): not an advanced unit of that year, no award and no praise", c, reason.en),
                )
                .with_basis(Basis::zj(23, None, None, "考核不合格（含一票否决）的年度不授予先进单位奖励", "a year failed in the assessment (a veto included) earns no advanced-unit award")),
            });
            continue;
        }
        // The run of consecutive commended cycles ending with this one: a withheld cycle was not
        // commended, so it breaks the run (art. 23: 连续两次以上受表彰).
        let mut run = 1usize;
        // Awards are pushed in cycle order, so the run back from `c` is a binary search per step.
        while run <= awards.len() && awards.binary_search_by_key(&(c - gap * run as i32), |a| a.cycle).is_ok()
        {
            run += 1;
        }
        let third_now = run >= need_run;
        let prior_third = h.merits.iter().any(|m| m.cycle < c && m.award == Award::ThirdClassMerit)
            || awards.iter().any(|a| a.cycle < c && a.award == Award::ThirdClassMerit);
        let years_ok = h.pingan_work_since.is_some_and(|s| c - s >= min_years);
        let second =
            (prior_third || (!prior_required && third_now)) && years_ok && h.outstanding_contribution;
        let recorded = h.merits.iter().find(|m| m.cycle == c).map(|m| m.award);
        let (award, source) = match recorded {
            Some(a) => (a, "history"),
            None if second => (Award::SecondClassMerit, "derived"),
            None if third_now => (Award::ThirdClassMerit, "derived"),
            None => (Award::Commendation, "derived"),
        };
        awards.push(AwardLine { cycle: c, award, source, basis: award_basis(award, p) });
        // Praise (art. 24) for the principal and in-charge leaders in post on 31 December of the cycle.
        for (li, l) in
            d.leaders.iter().enumerate().filter(|(_, l)| matches!(l.role, Role::Principal | Role::InCharge))
        {
            if !(l.since.map_or(true, |s| s <= dec31) && l.until.map_or(true, |u| u >= dec31)) {
                continue;
            }
            if let Some(bar) = bars.barred_on(&l.id, BarWhat::Commendation, dec31) {
                withheld.push(Withheld {
                    cycle: c,
                    leader: Some(l.id.clone()),
                    case: Some(bar.case.clone()),
                    why: Issue::warning(
                        Code::PraiseWithheld,
                        format!("/leaders/{}", li),
                        format!("{} 处于表彰限制期（案件 {}），不予通报表扬", l.id, bar.case),
                        format!("{} is barred from commendation (case {}): no praise", l.id, bar.case),
                    )
                    .with_basis(bar.basis.clone()),
                });
                continue;
            }
            praise.push(Praise {
                leader: l.id.clone(),
                cycle: c,
                file_record: true,
                basis: Basis::zj(24, None, None, "先进单位的主要和分管领导干部给予通报表扬，材料存入本人档案（第二十二条）", "the principal and in-charge leaders of an advanced unit are praised; the record goes into their file (art. 22)"),
            });
        }
    }
    let pingan = if names_pingan(d) { Some(pingan(d, p, assessment)) } else { None };
    Rewards { awards, praise, withheld, pingan }
}

/// Named this year when the grade is not `fail` and no veto is in force; the streak counts back through
/// `history.pingan_named`, skipping none: a failed or vetoed year in the history breaks it.
pub fn pingan(d: &Dossier, p: &Policy, assessment: Option<&Assessment>) -> Pingan {
    let named = assessment.is_some_and(|a| a.grade != Grade::Fail && !a.vetoed);
    let broken =
        |y: i32| d.history.assessments.iter().any(|a| a.year == y && (a.grade == Grade::Fail || a.vetoed));
    let mut streak = 0u32;
    if named {
        streak = 1;
        let mut y = d.year - 1;
        while d.history.pingan_named.contains(&y) && !broken(y) && streak < 1000 {
            streak += 1;
            y -= 1;
        }
    }
    let (tripod, stars, next_in) = tripod_for(p, streak);
    Pingan { named, streak, tripod, stars, next_in, basis: p.tripod.basis.clone() }
}

/// The tripod for a streak: the highest level reached, then a star per `star_every` further years.
pub fn tripod_for(p: &Policy, streak: u32) -> (Tripod, u32, Option<u32>) {
    let t = &p.tripod;
    let reached = t.levels.iter().rfind(|l| streak >= l.years);
    let tripod = reached.map(|l| l.tripod).unwrap_or(Tripod::None);
    let top = t.levels.last().map(|l| l.years).unwrap_or(u32::MAX);
    let every = t.star_every.max(1);
    let stars = if streak >= top { (streak - top) / every } else { 0 };
    let next_in = match t.levels.iter().find(|l| l.years > streak) {
        Some(l) => Some(l.years - streak),
        None => Some(every - (streak - top) % every),
    };
    (tripod, stars, next_in)
}

/// One leader's yearly entry in the performance archive (art. 19).
#[derive(Clone, Debug, Serialize)]
pub struct ArchiveEntry {
    pub leader: String,
    pub name: String,
    pub role: Role,
    pub year: i32,
    pub unit: String,
    pub grade: Option<Grade>,
    pub total: Option<crate::exact::Points>,
    pub duties_met: Vec<String>,
    pub duties_unmet: Vec<String>,
    pub cases: Vec<CaseId>,
    /// Indices into the report's `accountability.bars` (issue 12: the archive refers to bars, it does
    /// not copy them).
    pub bars: Vec<usize>,
    pub praise: Vec<i32>,
    pub basis: Basis,
    pub note: Text,
}

pub fn archive(
    d: &Dossier,
    duties: &[DutyLine],
    assessment: Option<&Assessment>,
    acc: &Accountability,
    rewards: &Rewards,
) -> Vec<ArchiveEntry> {
    // Each list indexed by leader once: the archive is O(n log n) in the report, not leaders × report.
    use std::collections::BTreeMap;
    let mut duty_of: BTreeMap<&str, Vec<&DutyLine>> = BTreeMap::new();
    for x in duties {
        duty_of.entry(x.leader.as_str()).or_default().push(x);
    }
    // Cases by leader index, through each case's shared target lists (issue 12: no walk over every
    // step's ids per case).
    let mut cases_of: Vec<Vec<u32>> = vec![Vec::new(); d.leaders.len()];
    for (ci, c) in acc.cases.iter().enumerate() {
        for &l in c.targeted().iter() {
            if let Some(v) = cases_of.get_mut(l as usize) {
                v.push(ci as u32);
            }
        }
    }
    let mut bars_of: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, b) in acc.bars.iter().enumerate() {
        bars_of.entry(b.subject.as_str()).or_default().push(i);
    }
    let mut praise_of: BTreeMap<&str, Vec<i32>> = BTreeMap::new();
    for p in &rewards.praise {
        praise_of.entry(p.leader.as_str()).or_default().push(p.cycle);
    }
    crate::work::tick(
        duties.len() + acc.bars.len() + rewards.praise.len() + cases_of.iter().map(Vec::len).sum::<usize>(),
    );
    let none: Vec<&DutyLine> = Vec::new();
    d.leaders
        .iter()
        .enumerate()
        .map(|(li, l)| {
            let lines = duty_of.get(l.id.as_str()).unwrap_or(&none);
            let mine = |s: Status| lines.iter().filter(|x| x.status == s).map(|x| x.duty.clone()).collect::<Vec<_>>();
            ArchiveEntry {
                leader: l.id.clone(),
                name: l.name.clone(),
                role: l.role,
                year: d.year,
                unit: d.unit.id.clone(),
                grade: assessment.map(|a| a.grade),
                total: assessment.map(|a| a.total),
                duties_met: mine(Status::Met),
                duties_unmet: mine(Status::Unmet),
                cases: cases_of
                    .get(li)
                    .map(|v| v.iter().filter_map(|&c| acc.cases.get(c as usize)).map(|c| c.id.clone()).collect())
                    .unwrap_or_default(),
                bars: bars_of.get(l.id.as_str()).cloned().unwrap_or_default(),
                praise: praise_of.get(l.id.as_str()).cloned().unwrap_or_default(),
                basis: Basis::zj(19, None, None, "平安工作实绩纳入领导干部综合考核评价，建立实绩档案，提拔时了解掌握", "Ping'an results enter leaders' overall evaluation; a performance archive is kept and read before promotion"),
                note: Text::new("组织人事部门考察提拔时参阅", "for organisation departments before promotion"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tripod_ladder_at_its_boundaries() -> Result<(), Vec<Issue>> {
        let p = crate::policy::default_policy()?;
        let cases = [
            (2, Tripod::None, 0),
            (3, Tripod::Pingan, 0),
            (5, Tripod::Pingan, 0),
            (6, Tripod::Bronze, 0),
            (9, Tripod::Silver, 0),
            (12, Tripod::Gold, 0),
            (14, Tripod::Gold, 0),
            (15, Tripod::Gold, 1),
            (18, Tripod::Gold, 2),
        ];
        for (streak, tripod, stars) in cases {
            let (t, s, _) = tripod_for(&p, streak);
            assert_eq!((t, s), (tripod, stars), "streak {}", streak);
        }
        Ok(())
    }
}
