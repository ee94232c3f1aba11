//! Chapter 4: the yearly assessment (art. 17–18), exact to the hundredth. Result indicators are linear
//! between `zero_at` and `full_at`, process indicators graded, bonus items (art. 18) and deductions
//! (art. 16, 25, 27) capped; a one-vote veto in force in the year forces `fail`. Every number is an
//! integer of hundredths or an exact ratio (see `exact`), so native and WASM agree to the byte.

use crate::exact::{Decimal, Points, Ratio};
use crate::issue::{Basis, Code, Issue, Text};
use crate::model::{AssessmentInput, Dossier, Grade, Input};
use crate::policy::{hundredths, Indicator, IndicatorKind, Policy};
use serde::Serialize;
use serde_json::Value;

/// The policy an answer was computed under (`id@version`), as reports and assessments name it.
#[derive(Clone, Debug, Serialize)]
pub struct PolicyRef {
    pub id: String,
    pub version: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Result,
    Process,
    Bonus,
    Deduction,
}

impl LineKind {
    /// As the answers write it.
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Result => "result",
            LineKind::Process => "process",
            LineKind::Bonus => "bonus",
            LineKind::Deduction => "deduction",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Line {
    pub indicator: String,
    pub kind: LineKind,
    pub name: Text,
    /// The input as given (a number, `"n/a"`, a grade, a severity, a count).
    pub input: Value,
    /// Share of the weight earned, rounded to six decimals for display (points use the exact value).
    pub fraction: Option<f64>,
    /// The weight after `n/a` spreading, to the hundredth (display); `None` for bonus and deductions.
    pub weight: Option<Points>,
    pub points: Points,
    /// Points still available on this line (weight − points), for "how do we get there".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headroom: Option<Points>,
    /// The input path in the dossier this line reads (absent for derived and cap lines).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
    pub basis: Basis,
}

#[derive(Clone, Debug, Serialize)]
pub struct Assessment {
    pub total: Points,
    pub base: Points,
    pub bonus: Points,
    pub deductions: Points,
    pub grade: Grade,
    /// The grade the points alone give (differs from `grade` only under a veto).
    pub grade_by_score: Grade,
    pub vetoed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub veto_case: Option<crate::model::CaseId>,
    pub illustrative: bool,
    pub lines: Vec<Line>,
}

/// The compact answer of `score(d, { compact: true })` and the slider (issue 15, api.md rev. 2): ids and
/// numbers only. Every line's name and basis are the same in every answer of an engine, so they are given
/// once by `engine.labels()` ([`labels`]); a line's `id` is its indicator id, a bonus item's id, or
/// `incident/…`, `inspection/…`, `circular/…`, `bonus_cap`, `deduction_cap`, as in the full answer.
#[derive(Clone, Debug, Serialize)]
pub struct CompactScore<'a> {
    pub total: Points,
    pub base: Points,
    pub bonus: Points,
    pub deductions: Points,
    pub grade: Grade,
    pub grade_by_score: Grade,
    pub vetoed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub veto_case: Option<&'a str>,
    pub lines: Vec<CompactLine<'a>>,
}

/// One ledger line, compact: the line's `id`, `kind`, `points`, the `weight` after `n/a` spreading
/// (indicator lines) and `derived` (a process grade derived from the findings).
#[derive(Clone, Debug, Serialize)]
pub struct CompactLine<'a> {
    pub id: &'a str,
    pub kind: LineKind,
    pub points: Points,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Points>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
}

impl<'a> CompactScore<'a> {
    pub fn of(a: &'a Assessment) -> CompactScore<'a> {
        CompactScore {
            total: a.total,
            base: a.base,
            bonus: a.bonus,
            deductions: a.deductions,
            grade: a.grade,
            grade_by_score: a.grade_by_score,
            vetoed: a.vetoed,
            veto_case: a.veto_case.as_ref().map(crate::model::CaseId::as_str),
            lines: a
                .lines
                .iter()
                .map(|l| CompactLine {
                    id: &l.indicator,
                    kind: l.kind,
                    points: l.points,
                    weight: l.weight,
                    derived: l.derived,
                })
                .collect(),
        }
    }
}

/// A name and the basis of a kind of line.
#[derive(Clone, Debug, Serialize)]
pub struct Label {
    pub name: Text,
    pub basis: Basis,
}

/// `engine.labels()`: what the compact answers leave out, once per engine — every indicator's kind,
/// name, unit and basis, and the name and basis of every other kind of line.
#[derive(Clone, Debug, Serialize)]
pub struct Labels {
    pub policy: PolicyRef,
    pub illustrative: bool,
    pub indicators: std::collections::BTreeMap<String, IndicatorLabel>,
    pub lines: LineLabels,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorLabel {
    pub kind: IndicatorKind,
    pub name: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub basis: Basis,
}

/// Lines that are not indicators, by the prefix or name of their id; `incident` has one basis per
/// severity (larger incidents are art. 25 item 2's concern, major ones item 3's); `derived` is the basis
/// of a process grade derived from the findings.
#[derive(Clone, Debug, Serialize)]
pub struct LineLabels {
    pub bonus: Label,
    pub bonus_cap: Label,
    pub incident: IncidentLabel,
    pub inspection: Label,
    pub circular: Label,
    pub deduction_cap: Label,
    pub derived: Label,
}

#[derive(Clone, Debug, Serialize)]
pub struct IncidentLabel {
    pub name: Text,
    pub basis: std::collections::BTreeMap<crate::model::Severity, Basis>,
}

/// The labels of a policy's lines (see [`Labels`]).
pub fn labels(p: &Policy) -> Labels {
    use crate::model::Severity::*;
    let s = &p.scheme;
    let d = &s.deductions;
    let label = |zh: &str, en: &str, basis: &Basis| Label { name: Text::new(zh, en), basis: basis.clone() };
    Labels {
        policy: PolicyRef { id: p.id.clone(), version: p.version.clone() },
        illustrative: s.illustrative,
        indicators: s
            .indicators
            .iter()
            .map(|i| {
                let l = IndicatorLabel {
                    kind: i.kind,
                    name: i.name.clone(),
                    unit: i.unit.clone(),
                    basis: i.basis.clone(),
                };
                (i.id.clone(), l)
            })
            .collect(),
        lines: LineLabels {
            bonus: label("加分", "bonus", &s.bonus.basis),
            bonus_cap: label("加分封顶调整", "bonus cap adjustment", &s.bonus.basis),
            incident: IncidentLabel {
                name: Text::new("案（事）件", "incident"),
                basis: [General, Larger, Major, EspeciallyMajor]
                    .into_iter()
                    .map(|sev| (sev, incident_basis(&d.incident_basis, sev)))
                    .collect(),
            },
            inspection: label("检查发现问题", "inspection finding", &d.inspection_basis),
            circular: label("受到通报", "circular received", &d.circular_basis),
            deduction_cap: label("扣分封顶调整", "deduction cap adjustment", &d.cap_basis),
            derived: label("由职责落实情况得出", "derived from the duty findings", &s.derived.basis),
        },
    }
}

/// What scoring needs from the other chapters.
#[derive(Clone, Debug)]
pub struct Context {
    /// Compliance findings (derive `leadership_duties` when the assessor gave no grade).
    pub findings: usize,
    /// Cases whose circular was issued in the year (art. 27).
    pub circulars: Vec<crate::model::CaseId>,
    /// The case whose veto is in force in the year, if any.
    pub veto: Option<crate::model::CaseId>,
    /// The day the assessment was decided (`decided_on`, else `as_of`): incidents and inspection findings
    /// dated after it are not weighed (the causal replay of api.md).
    pub decided: crate::date::Date,
}

fn arith() -> Vec<Issue> {
    vec![Issue::error(
        Code::Arithmetic,
        "/assessment",
        "数值超出可精确计算的范围",
        "numbers outside the range that can be computed exactly",
    )]
}

pub fn band(p: &Policy, total: Points) -> Grade {
    p.scheme.bands.iter().find(|b| total.0 >= hundredths(b.min)).map(|b| b.grade).unwrap_or(Grade::Fail)
}

fn input_value(i: &Input) -> Value {
    match i {
        Input::Number(x) => Decimal::from_f64(*x)
            .map(|d| serde_json::to_value(d).unwrap_or(Value::Null))
            .unwrap_or(Value::Null),
        Input::NotApplicable => Value::String(Input::NA.to_string()),
    }
}

fn decimal_of(x: f64) -> Option<Decimal> {
    Decimal::from_f64(x).ok()
}

fn grade_fraction(p: &Policy, g: &str) -> Option<Ratio> {
    let f = p.scheme.grades.iter().find(|s| s.grade == g)?;
    let d = decimal_of(f.fraction)?;
    Ratio::new(d.m, 10i128.checked_pow(d.s)?)
}

/// Points of one result line: `weight × spread × clamp((x − zero)/(full − zero))`, half-up.
pub fn result_points(
    weight_h: i64,
    spread: Ratio,
    x: Decimal,
    zero: Decimal,
    full: Decimal,
) -> Option<(i64, Ratio)> {
    let frac = Ratio::linear(x, zero, full)?;
    let pts = Ratio::new(weight_h as i128, 100)?.times(spread)?.times(frac)?.round_hundredths()?;
    Some((pts, frac))
}

/// Weight spreading of api.md: an `n/a` indicator's weight goes to the rest of its kind in proportion,
/// i.e. every given weight is multiplied by `kind total / given total`.
pub fn spread(p: &Policy, d: &Dossier, kind: IndicatorKind) -> Option<Ratio> {
    let a = d.assessment.as_ref()?;
    spread_in(p, &Compiled::of(p), kind, |k, _| is_na(p, a, k))
}

/// Is indicator `k` of the scheme `n/a` in this assessment?
pub fn is_na(p: &Policy, a: &AssessmentInput, k: usize) -> bool {
    let Some(ind) = p.scheme.indicators.get(k) else { return false };
    match ind.kind {
        IndicatorKind::Result => matches!(a.indicators.get(&ind.id), Some(Input::NotApplicable)),
        IndicatorKind::Process => a.process.get(&ind.id).map(|g| g == "n/a").unwrap_or(false),
    }
}

/// The spreading of a kind when `na(k, indicator)` says which indicators are `n/a`.
pub fn spread_in(
    p: &Policy,
    c: &Compiled,
    kind: IndicatorKind,
    na: impl Fn(usize, &Indicator) -> bool,
) -> Option<Ratio> {
    let mut total = 0i64;
    let mut given = 0i64;
    for (k, ind) in p.scheme.indicators.iter().enumerate().filter(|(_, i)| i.kind == kind) {
        let w = c.weight(k);
        total += w;
        if !na(k, ind) {
            given += w;
        }
    }
    Ratio::new(total as i128, given as i128)
}

fn weight_display(weight_h: i64, spread: Ratio) -> Option<Points> {
    Ratio::new(weight_h as i128, 100)?.times(spread)?.round_hundredths().map(Points)
}

/// The scheme's numbers converted once per policy: weights in hundredths, the result indicators' ends as
/// exact decimals, the process grades' fractions as exact ratios (issue 15: the slider path keeps these
/// instead of re-reading floats on every move).
#[derive(Clone, Debug)]
pub struct Compiled {
    /// Per indicator of the scheme, in order: weight (hundredths), `zero_at`, `full_at`.
    inds: Vec<(i64, Option<Decimal>, Option<Decimal>)>,
    /// Per grade of the scheme: its id and fraction.
    grades: Vec<(String, Option<Ratio>)>,
}

impl Compiled {
    pub fn of(p: &Policy) -> Compiled {
        Compiled {
            inds: p
                .scheme
                .indicators
                .iter()
                .map(|i| {
                    (hundredths(i.weight), i.zero_at.and_then(decimal_of), i.full_at.and_then(decimal_of))
                })
                .collect(),
            grades: p.scheme.grades.iter().map(|g| (g.grade.clone(), grade_fraction(p, &g.grade))).collect(),
        }
    }

    pub fn weight(&self, k: usize) -> i64 {
        self.inds.get(k).map_or(0, |x| x.0)
    }

    fn grade(&self, g: &str) -> Option<Ratio> {
        self.grades.iter().find(|(id, _)| id == g).and_then(|(_, r)| *r)
    }
}

/// What one indicator line earns: its exact points, the share of its weight, the weight after spreading.
#[derive(Clone, Debug, PartialEq)]
pub struct Earned {
    pub points: i64,
    pub frac: Option<Ratio>,
    pub weight: Option<Points>,
    /// For a process line: the grade read (given, derived, or `n/a` when absent) and whether derived.
    pub grade: Option<(String, bool)>,
}

/// The input of one indicator as the line reads it.
#[derive(Clone, Copy, Debug)]
pub enum Given<'a> {
    Result(Option<&'a Input>),
    Process(Option<&'a str>),
}

impl<'a> Given<'a> {
    /// Indicator `k`'s input in an assessment.
    pub fn of(ind: &Indicator, a: &'a AssessmentInput) -> Given<'a> {
        match ind.kind {
            IndicatorKind::Result => Given::Result(a.indicators.get(&ind.id)),
            IndicatorKind::Process => Given::Process(a.process.get(&ind.id).map(String::as_str)),
        }
    }
}

/// Points of indicator `k` (art. 18): a result line is linear between `zero_at` and `full_at`, a process
/// line its grade's fraction (an absent `leadership_duties` grade derived from `findings`), both times
/// the weight after `n/a` spreading, rounded half-up to the hundredth once.
pub fn earned(
    p: &Policy,
    c: &Compiled,
    k: usize,
    given: Given,
    spread: Ratio,
    findings: usize,
) -> Result<Earned, Vec<Issue>> {
    let w = c.weight(k);
    match given {
        Given::Result(Some(Input::Number(x))) => {
            let (Some(x), Some((_, Some(z), Some(f)))) = (decimal_of(*x), c.inds.get(k)) else {
                return Err(arith());
            };
            let (pts, frac) = result_points(w, spread, x, *z, *f).ok_or_else(arith)?;
            Ok(Earned { points: pts, frac: Some(frac), weight: weight_display(w, spread), grade: None })
        }
        Given::Result(_) => Ok(Earned { points: 0, frac: None, weight: Some(Points(0)), grade: None }),
        Given::Process(g) => {
            let s = &p.scheme;
            let is_derived = p.scheme.indicators.get(k).is_some_and(|i| i.id == s.derived.indicator);
            let (grade, derived) = match g {
                Some(g) => (g.to_string(), false),
                None if is_derived => (crate::duties::derived_grade(p, findings).0, true),
                None => ("n/a".to_string(), false),
            };
            if grade == "n/a" {
                return Ok(Earned {
                    points: 0,
                    frac: None,
                    weight: Some(Points(0)),
                    grade: Some((grade, derived)),
                });
            }
            let frac = c.grade(&grade).ok_or_else(arith)?;
            let pts = Ratio::new(w as i128, 100)
                .and_then(|r| r.times(spread))
                .and_then(|r| r.times(frac))
                .and_then(|r| r.round_hundredths())
                .ok_or_else(arith)?;
            Ok(Earned {
                points: pts,
                frac: Some(frac),
                weight: weight_display(w, spread),
                grade: Some((grade, derived)),
            })
        }
    }
}

/// How much of each line [`score_in`] makes: the contract v1 line, or only what the compact answer
/// carries (issue 15 item 3: ids and numbers) — no name, input, fraction, path or basis is written, so
/// the compact `score` formats no text at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    Full,
    Ids,
}

/// A line of `detail` [`Detail::Ids`]: id, kind, points, weight and `derived` only.
fn bare_line(
    indicator: String,
    kind: LineKind,
    points: Points,
    weight: Option<Points>,
    derived: bool,
) -> Line {
    Line {
        indicator,
        kind,
        name: Text::blank(),
        input: Value::Null,
        fraction: None,
        weight,
        points,
        headroom: None,
        path: None,
        derived,
        basis: Basis::blank(),
    }
}

/// The ledger line of indicator `ind` from what it earned.
pub fn indicator_line(p: &Policy, ind: &Indicator, given: Given, e: Earned) -> Line {
    indicator_line_as(p, ind, given, e, Detail::Full)
}

fn indicator_line_as(p: &Policy, ind: &Indicator, given: Given, e: Earned, detail: Detail) -> Line {
    if detail == Detail::Ids {
        let (kind, derived) = match (given, &e.grade) {
            (Given::Process(_), Some((_, derived))) => (LineKind::Process, *derived),
            _ => (LineKind::Result, false),
        };
        return bare_line(ind.id.clone(), kind, Points(e.points), e.weight, derived);
    }
    let points = Points(e.points);
    let headroom = e.weight.map(|wt| Points(wt.0 - e.points));
    let fraction = e.frac.map(|f| f.display());
    match (given, e.grade) {
        (Given::Process(_), Some((grade, derived))) => Line {
            indicator: ind.id.clone(),
            kind: LineKind::Process,
            name: ind.name.clone(),
            input: Value::String(grade),
            fraction,
            weight: e.weight,
            points,
            headroom,
            path: if derived { None } else { Some(crate::issue::ptr("/assessment/process", &ind.id)) },
            derived,
            basis: if derived { p.scheme.derived.basis.clone() } else { ind.basis.clone() },
        },
        (given, _) => Line {
            indicator: ind.id.clone(),
            kind: LineKind::Result,
            name: ind.name.clone(),
            input: match given {
                Given::Result(Some(i)) => input_value(i),
                _ => Value::Null,
            },
            fraction,
            weight: e.weight,
            points,
            headroom,
            path: Some(crate::issue::ptr("/assessment/indicators", &ind.id)),
            derived: false,
            basis: ind.basis.clone(),
        },
    }
}

/// Score the dossier's assessment. `Err` when the dossier carries no assessment.
pub fn score(d: &Dossier, p: &Policy, ctx: &Context) -> Result<Assessment, Vec<Issue>> {
    score_in(d, p, &Compiled::of(p), ctx, Detail::Full)
}

/// [`score`] with the scheme's numbers already converted, its lines made to `detail`.
pub fn score_in(
    d: &Dossier,
    p: &Policy,
    c: &Compiled,
    ctx: &Context,
    detail: Detail,
) -> Result<Assessment, Vec<Issue>> {
    let full = detail == Detail::Full;
    let Some(a) = d.assessment.as_ref() else {
        return Err(vec![Issue::error(
            Code::Required,
            "/assessment",
            "档案中没有考核数据，无法评分",
            "the dossier has no assessment to score",
        )]);
    };
    let s = &p.scheme;
    let mut lines = Vec::new();
    let spread_r = spread_in(p, c, IndicatorKind::Result, |k, _| is_na(p, a, k)).ok_or_else(arith)?;
    let spread_p = spread_in(p, c, IndicatorKind::Process, |k, _| is_na(p, a, k)).ok_or_else(arith)?;
    let mut base = 0i64;
    for (k, ind) in s.indicators.iter().enumerate() {
        let spread = if ind.kind == IndicatorKind::Result { spread_r } else { spread_p };
        let given = Given::of(ind, a);
        let e = earned(p, c, k, given, spread, ctx.findings)?;
        base += e.points;
        lines.push(indicator_line_as(p, ind, given, e, detail));
    }
    // Bonus (art. 18), capped.
    let mut bonus_sum = 0i64;
    for (i, b) in a.bonus.iter().enumerate() {
        let pts = decimal_of(b.points).and_then(|x| x.to_hundredths()).unwrap_or(0);
        bonus_sum += pts;
        if !full {
            lines.push(bare_line(b.id.clone(), LineKind::Bonus, Points(pts), None, false));
            continue;
        }
        lines.push(Line {
            indicator: b.id.clone(),
            kind: LineKind::Bonus,
            name: Text::new(format!("加分：{}", b.item), format!("bonus: {}", b.item)),
            input: serde_json::to_value(Points(pts)).unwrap_or(Value::Null),
            fraction: None,
            weight: None,
            points: Points(pts),
            headroom: None,
            path: Some(format!("/assessment/bonus/{}/points", i)),
            derived: false,
            basis: s.bonus.basis.clone(),
        });
    }
    let cap = hundredths(s.bonus.cap);
    let bonus = bonus_sum.min(cap);
    if bonus_sum > cap {
        lines.push(cap_line(
            "bonus_cap",
            LineKind::Bonus,
            Text::new("加分封顶调整", "bonus cap adjustment"),
            cap,
            Points(cap - bonus_sum),
            s.bonus.basis.clone(),
        ));
    }
    // Deductions: incidents by severity (art. 25), inspection findings (art. 16), circulars (art. 27).
    let dr = &s.deductions;
    let mut ded_sum = 0i64;
    // A deduction's name, input, path and basis are made only for the full answer (`shown`).
    type Shown<'s> = &'s dyn Fn() -> (Text, Value, Option<String>, Basis);
    let mut push_ded = |lines: &mut Vec<Line>, id: String, pts: i64, shown: Shown| {
        if pts > 0 {
            ded_sum += pts;
            if !full {
                lines.push(bare_line(id, LineKind::Deduction, Points(-pts), None, false));
                return;
            }
            let (name, input, path, basis) = shown();
            lines.push(Line {
                indicator: id,
                kind: LineKind::Deduction,
                name,
                input,
                fraction: None,
                weight: None,
                points: Points(-pts),
                headroom: None,
                path,
                derived: false,
                basis,
            });
        }
    };
    for (i, inc) in d.incidents.iter().enumerate() {
        if !d.in_year(inc.date) || inc.date > ctx.decided || !crate::duties::attributed(d, inc) {
            continue;
        }
        let pts = dr.incident.get(&inc.severity).map(|v| hundredths(*v)).unwrap_or(0);
        push_ded(&mut lines, format!("incident/{}", inc.id), pts, &|| {
            (
                Text::new(format!("案（事）件 {}", inc.id), format!("incident {}", inc.id)),
                Value::String(inc.severity.as_str().into()),
                Some(format!("/incidents/{}", i)),
                incident_basis(&dr.incident_basis, inc.severity),
            )
        });
    }
    let per = hundredths(dr.inspection_finding);
    let mult = decimal_of(dr.unrectified_multiplier)
        .and_then(|m| Ratio::new(m.m, 10i128.checked_pow(m.s)?))
        .ok_or_else(arith)?;
    for (i, n) in d.inspections.iter().enumerate() {
        if !d.in_year(n.date) || n.date > ctx.decided {
            continue;
        }
        let pts = if n.rectified {
            per
        } else {
            Ratio::new(per as i128, 100)
                .and_then(|r| r.times(mult))
                .and_then(|r| r.round_hundredths())
                .ok_or_else(arith)?
        };
        push_ded(&mut lines, format!("inspection/{}", n.id), pts, &|| {
            (
                Text::new(format!("检查发现问题 {}", n.id), format!("inspection finding {}", n.id)),
                Value::String(if n.rectified { "rectified".into() } else { "unrectified".into() }),
                Some(format!("/inspections/{}", i)),
                dr.inspection_basis.clone(),
            )
        });
    }
    for c in &ctx.circulars {
        push_ded(&mut lines, format!("circular/{}", c), hundredths(dr.circular), &|| {
            (
                Text::new(format!("受到通报（案件 {}）", c), format!("circular received (case {})", c)),
                Value::String(c.to_string()),
                None,
                dr.circular_basis.clone(),
            )
        });
    }
    let dcap = hundredths(dr.cap);
    let deductions = ded_sum.min(dcap);
    if ded_sum > dcap {
        lines.push(cap_line(
            "deduction_cap",
            LineKind::Deduction,
            Text::new("扣分封顶调整", "deduction cap adjustment"),
            dcap,
            Points(ded_sum - dcap),
            dr.cap_basis.clone(),
        ));
    }
    let total = Points((base + bonus - deductions).max(0));
    let by_score = band(p, total);
    let vetoed = ctx.veto.is_some();
    Ok(Assessment {
        total,
        base: Points(base),
        bonus: Points(bonus),
        deductions: Points(deductions),
        grade: if vetoed { Grade::Fail } else { by_score },
        grade_by_score: by_score,
        vetoed,
        veto_case: ctx.veto.clone(),
        illustrative: s.illustrative,
        lines,
    })
}

/// The deduction rule's basis, pointed at the art. 25 item the severity belongs to: larger incidents are
/// item 2's concern, major and especially major ones item 3's.
fn incident_basis(b: &Basis, s: crate::model::Severity) -> Basis {
    use crate::model::Severity::*;
    let mut b = b.clone();
    b.item = match s {
        Larger => Some(2),
        Major | EspeciallyMajor => Some(3),
        General => b.item,
    };
    b
}

fn cap_line(id: &str, kind: LineKind, name: Text, cap: i64, adjust: Points, basis: Basis) -> Line {
    Line {
        indicator: id.into(),
        kind,
        name,
        input: serde_json::to_value(Points(cap)).unwrap_or(Value::Null),
        fraction: None,
        weight: None,
        points: adjust,
        headroom: None,
        path: None,
        derived: false,
        basis,
    }
}

// ---------------------------------------------------------------------------------------------------
// "How do we get there": the smallest single change that reaches a grade.

#[derive(Clone, Debug, Serialize)]
pub struct ReachOption {
    pub path: String,
    pub indicator: String,
    pub from: Value,
    pub to: Value,
    pub total_after: Points,
}

#[derive(Clone, Debug, Serialize)]
pub struct Reach {
    pub reachable: bool,
    pub already: bool,
    pub grade: Grade,
    pub min_total: Points,
    pub total: Points,
    pub options: Vec<ReachOption>,
    pub unreachable: Vec<String>,
    pub headroom: Vec<Headroom>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<Text>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Headroom {
    pub indicator: String,
    pub points: Points,
    pub available: Points,
}

/// For each numeric indicator and process grade, the smallest single change that lifts the total to the
/// grade's band (exact to the input's own decimal places). A veto in force cannot be scored away.
pub fn to_reach(d: &Dossier, p: &Policy, ctx: &Context, target: Grade) -> Result<Reach, Vec<Issue>> {
    let cur = score(d, p, ctx)?;
    let min_total = match target {
        Grade::Fail => 0,
        g => p.scheme.bands.iter().find(|b| b.grade == g).map(|b| hundredths(b.min)).unwrap_or(0),
    };
    let headroom: Vec<Headroom> = cur
        .lines
        .iter()
        .filter_map(|l| {
            l.headroom.map(|h| Headroom { indicator: l.indicator.clone(), points: l.points, available: h })
        })
        .collect();
    let mut r = Reach {
        reachable: false,
        already: cur.total.0 >= min_total && !(cur.vetoed && target != Grade::Fail),
        grade: target,
        min_total: Points(min_total),
        total: cur.total,
        options: Vec::new(),
        unreachable: Vec::new(),
        headroom,
        why: None,
    };
    if r.already {
        r.reachable = true;
        return Ok(r);
    }
    if cur.vetoed {
        r.why = Some(Text::new(
            "一票否决在本年度有效，等次为不合格，无法通过提高分数改变",
            "a one-vote veto is in force in the year: the grade is fail whatever the points",
        ));
        return Ok(r);
    }
    let Some(a) = d.assessment.as_ref() else { return Ok(r) };
    // Raw total without the max(0) clamp: the only line that changes is the one tried.
    let raw = cur.base.0 + cur.bonus.0 - cur.deductions.0;
    let spread_r = spread(p, d, IndicatorKind::Result).ok_or_else(arith)?;
    let spread_p = spread(p, d, IndicatorKind::Process).ok_or_else(arith)?;
    for ind in &p.scheme.indicators {
        let w = hundredths(ind.weight);
        let line_pts = cur
            .lines
            .iter()
            .find(|l| l.indicator == ind.id && matches!(l.kind, LineKind::Result | LineKind::Process))
            .map(|l| l.points.0)
            .unwrap_or(0);
        let need = min_total - (raw - line_pts); // points this line must reach
        match ind.kind {
            IndicatorKind::Result => {
                let Some(Input::Number(x)) = a.indicators.get(&ind.id) else { continue };
                let (Some(x), Some(z), Some(f)) =
                    (decimal_of(*x), ind.zero_at.and_then(decimal_of), ind.full_at.and_then(decimal_of))
                else {
                    continue;
                };
                let best = result_points(w, spread_r, f, z, f).map(|(pts, _)| pts).unwrap_or(0);
                if best < need {
                    r.unreachable.push(ind.id.clone());
                    continue;
                }
                // Smallest k ≥ 1 steps of the input's precision towards full_at that reaches `need`.
                let scale = x.s;
                let step = Decimal::step(scale);
                let up = f.cmp_value(z) == std::cmp::Ordering::Greater;
                let dist = if up { f.minus(x) } else { x.minus(f) };
                // steps needed to reach full_at, rounded up, at this scale.
                let unit = 10i128.pow(dist.s.saturating_sub(scale));
                let max_k = if dist.m <= 0 { 0 } else { (dist.m + unit - 1) / unit.max(1) };
                let at = |k: i128| -> Decimal {
                    let delta = Decimal { m: step.m * k, s: scale };
                    if up {
                        x.plus(delta)
                    } else {
                        x.minus(delta)
                    }
                };
                let pts_at =
                    |k: i128| result_points(w, spread_r, at(k), z, f).map(|(pts, _)| pts).unwrap_or(i64::MIN);
                if max_k <= 0 || pts_at(max_k) < need {
                    r.unreachable.push(ind.id.clone());
                    continue;
                }
                let (mut lo, mut hi) = (0i128, max_k);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if pts_at(mid) >= need {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                let to = at(hi);
                r.options.push(ReachOption {
                    path: crate::issue::ptr("/assessment/indicators", &ind.id),
                    indicator: ind.id.clone(),
                    from: serde_json::to_value(x).unwrap_or(Value::Null),
                    to: serde_json::to_value(to).unwrap_or(Value::Null),
                    total_after: Points((raw - line_pts + pts_at(hi)).max(0)),
                });
            }
            IndicatorKind::Process => {
                let cur_grade = cur
                    .lines
                    .iter()
                    .find(|l| l.indicator == ind.id)
                    .and_then(|l| l.input.as_str().map(String::from))
                    .unwrap_or_default();
                if cur_grade == "n/a" {
                    continue;
                }
                let mut grades: Vec<(&str, Ratio)> = p
                    .scheme
                    .grades
                    .iter()
                    .filter_map(|g| Some((g.grade.as_str(), grade_fraction(p, &g.grade)?)))
                    .collect();
                grades.sort_by(|a, b| {
                    if a.1.ge(b.1) && b.1.ge(a.1) {
                        std::cmp::Ordering::Equal
                    } else if a.1.ge(b.1) {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Less
                    }
                });
                let found = grades.iter().find_map(|(g, frac)| {
                    let pts =
                        Ratio::new(w as i128, 100)?.times(spread_p)?.times(*frac)?.round_hundredths()?;
                    (pts >= need && pts > line_pts).then_some((*g, pts))
                });
                match found {
                    Some((g, pts)) => r.options.push(ReachOption {
                        path: crate::issue::ptr("/assessment/process", &ind.id),
                        indicator: ind.id.clone(),
                        from: Value::String(cur_grade),
                        to: Value::String(g.into()),
                        total_after: Points((raw - line_pts + pts).max(0)),
                    }),
                    None => r.unreachable.push(ind.id.clone()),
                }
            }
        }
    }
    r.reachable = !r.options.is_empty();
    Ok(r)
}
