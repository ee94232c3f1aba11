//! The dossier's cross-record rules, on the typed model (indices in paths are the input's own): unique
//! ids, references that resolve, dates not after `as_of`, the assessment's inputs against the policy.

use super::messages::{after_as_of, out_of_range, required, short, unresolved};
use crate::date::Date;
use crate::exact::Decimal;
use crate::issue::{Code, Issue};
use crate::model;
use crate::model::{AssessmentInput, Dossier, Leader, Letter, Unit};
use crate::policy::{IndicatorKind, Policy};
use std::collections::BTreeSet;

fn unique<'a>(list: impl Iterator<Item = &'a str>, base: &str, field: &str, out: &mut Vec<Issue>) {
    let ids: Vec<&str> = list.collect();
    unique_ids(&ids, base, field, out);
}

/// The non-generic body of [`unique`]: one copy of the set code however many lists call it.
#[inline(never)]
fn unique_ids(ids: &[&str], base: &str, field: &str, out: &mut Vec<Issue>) {
    // The common case, no duplicate, by one sort; the set below only to name the repeats in order.
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    if sorted.windows(2).all(|w| w.first() != w.get(1)) {
        return;
    }
    let mut seen = BTreeSet::new();
    for (i, id) in ids.iter().copied().enumerate() {
        if !seen.insert(id) {
            out.push(Issue::error(
                Code::DuplicateId,
                format!("{}/{}/{}", base, i, field),
                format!("编号“{}”在列表中重复，请改为不同的编号", short(id)),
                format!("the id “{}” appears twice in this list", short(id)),
            ));
        }
    }
}

/// A unit on its own: a locality needs its level, and a parent unless it is the province (art. 3).
pub fn check_unit(u: &Unit, base: &str, out: &mut Vec<Issue>) {
    if u.kind == model::UnitKind::Locality {
        match u.level {
            None => out.push(required(&format!("{}/level", base))),
            Some(model::Level::Province) => {}
            Some(_) if u.parent.is_none() => out.push(required(&format!("{}/parent", base))),
            Some(_) => {}
        }
    }
}

pub fn check_leader(l: &Leader, base: &str, out: &mut Vec<Issue>) {
    if let (Some(s), Some(u)) = (l.since, l.until) {
        if u < s {
            out.push(Issue::error(
                Code::DateOrder,
                format!("{}/until", base),
                "离任日期早于任职日期",
                "the date left lies before the date in post",
            ));
        }
    }
}

pub fn check_letter(l: &Letter, base: &str, out: &mut Vec<Issue>) {
    if l.date.year() > l.year {
        out.push(Issue::error(
            Code::YearMismatch,
            format!("{}/date", base),
            format!("签订日期晚于责任书年度（{} 年）", l.year),
            format!("signed after the letter's year {}", l.year),
        ));
    }
    if l.superior == l.subordinate {
        out.push(Issue::error(
            Code::UnresolvedRef,
            format!("{}/subordinate", base),
            "责任书双方不能相同",
            "the two sides of a letter must differ",
        ));
    }
}

/// The name of a process indicator (its id when the policy does not know it).
fn process_name(p: &Policy, id: &str) -> (String, String) {
    match p.scheme.indicators.iter().find(|i| i.id == id) {
        Some(i) => (format!("“{}”", i.name.zh), format!("“{}”", i.name.en)),
        None => (format!("“{}”", short(id)), format!("“{}”", short(id))),
    }
}

/// The assessment's inputs against the policy's indicators (missing ones are errors, api.md).
pub fn check_assessment(a: &AssessmentInput, p: &Policy, base: &str, out: &mut Vec<Issue>) {
    let derived = p.scheme.derived.indicator.as_str();
    for kind in [IndicatorKind::Result, IndicatorKind::Process] {
        let mut given = 0;
        for ind in p.scheme.indicators.iter().filter(|i| i.kind == kind) {
            let present = match kind {
                IndicatorKind::Result => a.indicators.get(&ind.id).map(|v| *v != model::Input::NotApplicable),
                IndicatorKind::Process => a.process.get(&ind.id).map(|g| g != "n/a"),
            };
            match present {
                Some(true) => given += 1,
                Some(false) => {}
                None if kind == IndicatorKind::Process && ind.id == derived => given += 1,
                None => {
                    let section = if kind == IndicatorKind::Result { "indicators" } else { "process" };
                    out.push(Issue::error(
                        Code::Required,
                        crate::issue::ptr(&crate::issue::ptr(base, section), &ind.id),
                        format!("请填写指标“{}”（不适用时填“n/a”）", ind.name.zh),
                        format!(
                            "please fill in the indicator “{}” (n/a when it does not apply)",
                            ind.name.en
                        ),
                    ));
                    given += 1;
                }
            }
        }
        if given == 0 && p.scheme.indicators.iter().any(|i| i.kind == kind) {
            let section = if kind == IndicatorKind::Result { "indicators" } else { "process" };
            out.push(Issue::error(
                Code::OutOfRange,
                format!("{}/{}", base, section),
                "同类指标不能全部填“n/a”（否则其权重无处分配）",
                "not every indicator of a kind may be n/a (its weight would have nowhere to go)",
            ));
        }
    }
    for k in a.indicators.keys() {
        if !p.scheme.indicators.iter().any(|i| i.kind == IndicatorKind::Result && &i.id == k) {
            out.push(Issue::warning(
                Code::UnknownField,
                crate::issue::ptr(&format!("{}/indicators", base), k),
                format!("考核方案中没有结果性指标“{}”，将被忽略", short(k)),
                format!("the policy has no result indicator “{}”; it is ignored", short(k)),
            ));
        }
    }
    for (k, g) in &a.process {
        let path = || crate::issue::ptr(&format!("{}/process", base), k);
        if !p.scheme.indicators.iter().any(|i| i.kind == IndicatorKind::Process && &i.id == k) {
            out.push(Issue::warning(
                Code::UnknownField,
                path(),
                format!("考核方案中没有过程性指标“{}”，将被忽略", short(k)),
                format!("the policy has no process indicator “{}”; it is ignored", short(k)),
            ));
        } else if g != "n/a" && !p.scheme.grades.iter().any(|s| &s.grade == g) {
            let all: Vec<&str> = p.scheme.grades.iter().map(|s| s.grade.as_str()).collect();
            out.push(Issue::error(
                Code::BadEnum,
                path(),
                format!("{}的等次应为以下之一：{}，不适用时填“n/a”", process_name(p, k).0, all.join("、")),
                format!("the grade of {} must be one of: {}, or n/a", process_name(p, k).1, all.join(", ")),
            ));
        }
    }
    let b = &p.scheme.bonus;
    for (i, item) in a.bonus.iter().enumerate() {
        let path = format!("{}/bonus/{}/points", base, i);
        match Decimal::from_f64(item.points).ok().and_then(|d| d.to_hundredths()) {
            None => out.push(Issue::error(
                Code::TooManyDecimals,
                path,
                "加分分值至多保留两位小数",
                "bonus points take at most two decimals",
            )),
            Some(h)
                if h < crate::policy::hundredths(b.item_min) || h > crate::policy::hundredths(b.item_max) =>
            {
                out.push(out_of_range(&path, b.item_min, b.item_max).with_basis(b.basis.clone()))
            }
            Some(_) => {}
        }
    }
    unique(a.bonus.iter().map(|x| x.id.as_str()), &format!("{}/bonus", base), "id", out);
}

/// Every cross-record rule of a dossier. `case_ids` are the cases its triggers open (for references
/// from rectifications and circumstances).
/// `date_after_as_of` for `d` into `out` when it lies after `as_of` (the path is made only then).
fn late(out: &mut Vec<Issue>, as_of: Date, d: Date, path: impl FnOnce() -> String) {
    if d > as_of {
        out.push(after_as_of(path(), d, as_of));
    }
}

pub fn check_dossier(d: &Dossier, p: &Policy, case_ids: &[model::CaseId], out: &mut Vec<Issue>) {
    let as_of = d.as_of;
    if d.year > as_of.year() {
        out.push(Issue::error(
            Code::YearMismatch,
            "/year",
            format!("考核年度 {} 晚于统计截止日期所在年度（{} 年）", d.year, as_of.year()),
            format!("the dossier's year {} lies after the year of the as-of date ({})", d.year, as_of.year()),
        ));
    }
    check_unit(&d.unit, "/unit", out);
    // Dates after `as_of`, reported after every other rule (their paths are made only for them).
    let mut dates: Vec<Issue> = Vec::new();
    let loc_ids: BTreeSet<&str> = d.localities.iter().map(|l| l.id.as_str()).collect();
    let leader_ids: BTreeSet<&str> = d.leaders.iter().map(|l| l.id.as_str()).collect();
    let incident_ids: BTreeSet<&str> = d.incidents.iter().map(|l| l.id.as_str()).collect();
    let known_loc = |id: &str| id == d.unit.id || loc_ids.contains(id);
    if let Some(parent) = &d.unit.parent {
        if !loc_ids.contains(parent.as_str()) {
            out.push(unresolved("/unit/parent".into(), "上级地方", "parent locality", parent));
        }
    }
    unique(d.localities.iter().map(|x| x.id.as_str()), "/localities", "id", out);
    for (i, l) in d.localities.iter().enumerate() {
        if let Some(pa) = &l.parent {
            if !known_loc(pa) {
                out.push(unresolved(format!("/localities/{}/parent", i), "上级地方", "parent locality", pa));
            }
        }
    }
    unique(d.leaders.iter().map(|x| x.id.as_str()), "/leaders", "id", out);
    for (i, l) in d.leaders.iter().enumerate() {
        check_leader(l, &format!("/leaders/{}", i), out);
        if let Some(s) = l.since {
            late(&mut dates, as_of, s, || format!("/leaders/{}/since", i));
        }
        if let Some(u) = l.until {
            late(&mut dates, as_of, u, || format!("/leaders/{}/until", i));
        }
    }
    // The path is made only for a reference that does not resolve.
    let leader_ref = |path: &dyn Fn() -> String, id: &str, out: &mut Vec<Issue>| {
        if !leader_ids.contains(id) {
            out.push(unresolved(path(), "领导", "leader", id));
        }
    };
    if let Some(g) = &d.leading_group {
        if let Some(l) = &g.leader {
            leader_ref(&|| "/leading_group/leader".into(), l, out);
        }
        for (i, x) in g.deputies.iter().enumerate() {
            leader_ref(&|| format!("/leading_group/deputies/{}", i), x, out);
        }
        if let Some(x) = &g.office_director {
            leader_ref(&|| "/leading_group/office_director".into(), x, out);
        }
    }
    unique(d.activities.iter().map(|x| x.id.as_str()), "/activities", "id", out);
    for (i, a) in d.activities.iter().enumerate() {
        late(&mut dates, as_of, a.date, || format!("/activities/{}/date", i));
        if let Some(b) = &a.by {
            leader_ref(&|| format!("/activities/{}/by", i), b, out);
        }
        if let Some(t) = &a.to {
            leader_ref(&|| format!("/activities/{}/to", i), t, out);
        }
        if let Some(x) = &a.incident {
            if !incident_ids.contains(x.as_str()) {
                out.push(unresolved(format!("/activities/{}/incident", i), "案（事）件", "incident", x));
            }
        }
    }
    unique(d.letters.iter().map(|x| x.id.as_str()), "/letters", "id", out);
    for (i, l) in d.letters.iter().enumerate() {
        let base = format!("/letters/{}", i);
        check_letter(l, &base, out);
        late(&mut dates, as_of, l.date, || format!("{}/date", base));
        if l.subordinate == d.unit.id {
            if !known_loc(&l.superior) {
                out.push(unresolved(
                    format!("{}/superior", base),
                    "上级地方",
                    "superior locality",
                    &l.superior,
                ));
            }
            for (j, s) in l.signed_by.subordinate.iter().enumerate() {
                leader_ref(&|| format!("{}/signed_by/subordinate/{}", base, j), s, out);
            }
        } else if l.superior == d.unit.id {
            for (j, s) in l.signed_by.superior.iter().enumerate() {
                leader_ref(&|| format!("{}/signed_by/superior/{}", base, j), s, out);
            }
        } else {
            out.push(Issue::error(
                Code::UnresolvedRef,
                format!("{}/subordinate", base),
                "责任书的一方须为本单位",
                "one side of a letter must be this unit",
            ));
        }
    }
    unique(d.decisions.iter().map(|x| x.id.as_str()), "/decisions", "id", out);
    for (i, x) in d.decisions.iter().enumerate() {
        late(&mut dates, as_of, x.date, || format!("/decisions/{}/date", i));
        if let Some(a) = x.assessed_on {
            late(&mut dates, as_of, a, || format!("/decisions/{}/assessed_on", i));
        }
        if let Some(b) = &x.by {
            leader_ref(&|| format!("/decisions/{}/by", i), b, out);
        }
    }
    if let Some(a) = &d.assessment {
        if let Some(x) = a.decided_on {
            late(&mut dates, as_of, x, || "/assessment/decided_on".into());
        }
        check_assessment(a, p, "/assessment", out);
    }
    unique(d.incidents.iter().map(|x| x.id.as_str()), "/incidents", "id", out);
    for (i, x) in d.incidents.iter().enumerate() {
        late(&mut dates, as_of, x.date, || format!("/incidents/{}/date", i));
        if let Some(l) = &x.locality {
            if !known_loc(l) {
                out.push(unresolved(format!("/incidents/{}/locality", i), "地方", "locality", l));
            }
        }
    }
    unique(d.inspections.iter().map(|x| x.id.as_str()), "/inspections", "id", out);
    for (i, x) in d.inspections.iter().enumerate() {
        late(&mut dates, as_of, x.date, || format!("/inspections/{}/date", i));
    }
    unique(d.hotspots.iter().map(|x| x.id.as_str()), "/hotspots", "id", out);
    for (i, x) in d.hotspots.iter().enumerate() {
        late(&mut dates, as_of, x.date, || format!("/hotspots/{}/date", i));
    }
    unique(d.referrals.iter().map(|x| x.id.as_str()), "/referrals", "id", out);
    for (i, x) in d.referrals.iter().enumerate() {
        late(&mut dates, as_of, x.date, || format!("/referrals/{}/date", i));
    }
    let failed_case = model::CaseId::of(4, d.year);
    let known_cases: BTreeSet<&str> = case_ids.iter().map(model::CaseId::as_str).collect();
    let case_known = |c: &str| failed_case == *c || known_cases.contains(c);
    for (i, r) in d.rectifications.iter().enumerate() {
        late(&mut dates, as_of, r.accepted_on, || format!("/rectifications/{}/accepted_on", i));
        if !case_known(&r.case) {
            out.push(unresolved(format!("/rectifications/{}/case", i), "追究案件", "case", &r.case));
        }
    }
    for (i, c) in d.circumstances.iter().enumerate() {
        if !case_known(&c.case) {
            out.push(unresolved(format!("/circumstances/{}/case", i), "追究案件", "case", &c.case));
        }
    }
    for (i, m) in d.history.merits.iter().enumerate() {
        if !d.history.advanced_unit_cycles.contains(&m.cycle) {
            out.push(Issue::warning(
                Code::UnresolvedRef,
                format!("/history/merits/{}/cycle", i),
                format!("{} 年不在先进单位评选周期中", m.cycle),
                format!("{} is not among the advanced-unit cycles", m.cycle),
            ));
        }
    }
    out.extend(dates);
}
