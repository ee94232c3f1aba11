//! The policy pack: every number the measures leave open, the assessment scheme (art. 18) and the duty
//! catalogue (art. 5–14), as data. The Zhejiang default is embedded JSON (`policy/zhejiang.json`); a
//! province changes a weight or a period by passing its own pack, without a rebuild.

use crate::date::Date;
use crate::issue::{Basis, Code, Issue, Text};
use crate::model::{ActivityType, Grade, Role, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The embedded default pack.
pub const DEFAULT_POLICY_JSON: &str = include_str!("policy/zhejiang.json");

/// A number the measures leave open, with where its default comes from.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Param {
    pub value: f64,
    pub origin: Origin,
    pub basis: Basis,
}

/// Whether a parameter's value is fixed by the measures, borrowed from a neighbouring rule, or chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Measures,
    NeighbouringRule,
    Practice,
    PolicyChoice,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Parameters {
    pub meetings_min_per_year: Param,
    pub research_min_per_year: Param,
    pub analyses_min_per_year: Param,
    /// Tenure (regulation.md): a leader in post fewer days of the year has counted duties not checkable.
    /// Optional in a pack (packs written before rev. 2 get the Zhejiang default).
    #[serde(default = "default_min_tenure_days")]
    pub min_tenure_days: Param,
    /// Art. 10: a handover must be dated within this many days of the leader's `until`, before or after.
    #[serde(default = "default_handover_window_days")]
    pub handover_window_days: Param,
    pub repeat_count: Param,
    pub repeat_window_days: Param,
    pub circular_rectify_days: Param,
    pub yellow_card_rectify_days: Param,
    pub plan_due_working_days: Param,
    pub listed_rectify_days: Param,
    pub listed_bar_days: Param,
    pub veto_bar_days: Param,
    pub cycle_years: Param,
    pub third_class_consecutive: Param,
    pub second_class_min_years: Param,
    pub second_class_requires_prior_third_class: BoolParam,
}

fn default_min_tenure_days() -> Param {
    Param {
        value: 90.0,
        origin: Origin::PolicyChoice,
        basis: Basis::zj(
            7,
            None,
            None,
            "任职不足一季度的领导干部,计次职责不作核查;任职部分年度的按任职天数折算次数(我方规则)",
            "a leader in post for under a quarter of the year is not checked on counted duties; part-year tenure owes counts pro rata (our rule)",
        ),
    }
}

fn default_handover_window_days() -> Param {
    Param {
        value: 30.0,
        origin: Origin::PolicyChoice,
        basis: Basis::zj(10, None, None, "离任交接须在离任日前后三十日内完成(天数由政策设定)", "the handover falls within thirty days of leaving the post, before or after (the count is a policy choice)"),
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BoolParam {
    pub value: bool,
    pub origin: Origin,
    pub basis: Basis,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    Result,
    Process,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    pub kind: IndicatorKind,
    pub weight: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero_at: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_at: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub name: Text,
    pub basis: Basis,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GradeStep {
    pub grade: String,
    pub fraction: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Band {
    pub grade: Grade,
    pub min: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BonusRule {
    pub item_min: f64,
    pub item_max: f64,
    pub cap: f64,
    pub basis: Basis,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DeductionRule {
    pub cap: f64,
    pub incident: BTreeMap<Severity, f64>,
    pub inspection_finding: f64,
    pub unrectified_multiplier: f64,
    pub circular: f64,
    pub incident_basis: Basis,
    pub inspection_basis: Basis,
    pub circular_basis: Basis,
    pub cap_basis: Basis,
}

/// How `leadership_duties` is graded from the compliance findings when the assessor gives no grade.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DerivedGradeStep {
    pub max_findings: u32,
    pub grade: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DerivedGrade {
    pub indicator: String,
    pub steps: Vec<DerivedGradeStep>,
    pub otherwise: String,
    pub basis: Basis,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Scheme {
    pub illustrative: bool,
    pub note: Text,
    pub indicators: Vec<Indicator>,
    pub grades: Vec<GradeStep>,
    pub bands: Vec<Band>,
    pub bands_basis: Basis,
    pub bonus: BonusRule,
    pub deductions: DeductionRule,
    pub derived: DerivedGrade,
    pub method_basis: Basis,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tripod {
    None,
    Pingan,
    Bronze,
    Silver,
    Gold,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TripodLevel {
    pub years: u32,
    pub tripod: Tripod,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TripodLadder {
    pub levels: Vec<TripodLevel>,
    pub star_every: u32,
    pub basis: Basis,
}

/// Who performs a duty's evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// The leader whose duty it is.
    #[serde(rename = "self")]
    Own,
    /// Anyone in the unit.
    Unit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Year,
    Ever,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    CoversPingan,
    IncludesPlan,
    FourTogether,
    /// Art. 14(1): made to the same-level leading group (`to_leading_group: true`).
    ToLeadingGroup,
    /// Art. 14(2): reported to the party committee, the government and (below the province) the leading
    /// group one level up.
    ReportedUp,
}

/// Which units a duty of the catalogue binds (absent: every unit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Units {
    /// Localities (a party committee and government).
    Locality,
    /// Every unit that is not a locality (departments and other bodies).
    Department,
}

/// What evidence satisfies a checkable duty.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "snake_case")]
pub enum Evidence {
    /// At least `min` (or the named parameter) activities of these types.
    ActivityCount {
        activities: Vec<ActivityType>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_param: Option<String>,
        by: By,
        scope: Scope,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        flag: Option<Flag>,
    },
    /// A leader in charge is designated and every member has a domain (art. 7(3)).
    Designation,
    /// For every incident of these severities in the year (in the leader's domains when `domain_only`),
    /// one of these activities by the leader referencing it.
    IncidentResponse { severities: Vec<Severity>, activities: Vec<ActivityType>, domain_only: bool },
    /// A leader who left the post in the year handed the work over, within `handover_window_days` of
    /// leaving (art. 10).
    Handover,
    /// Every major decision of the year (in the leader's domains when `domain_only`, or proposed by the
    /// leader) taken while the leader was in post has a risk assessment dated on or before it
    /// (art. 7(4), 8(5), 9(2)).
    DecisionAssessment {
        #[serde(default)]
        domain_only: bool,
    },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Duty {
    pub id: String,
    pub role: Role,
    pub article: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    pub summary: Text,
    pub checkable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// Which units the duty binds (absent: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Units>,
    /// Finding code raised when the duty is unmet (defaults to `unmet_duty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<Code>,
}

/// Unit-level checks of art. 5, 6, 12, 13 and 14: their texts live here, their logic in `duties`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UnitCheck {
    pub code: Code,
    pub article: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    pub summary: Text,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Policy {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub effective_from: Date,
    pub note: Text,
    pub parameters: Parameters,
    pub holidays: Vec<Date>,
    pub scheme: Scheme,
    pub tripod: TripodLadder,
    pub duties: Vec<Duty>,
    pub unit_checks: Vec<UnitCheck>,
}

impl Parameters {
    /// A numeric parameter by name (the duty catalogue refers to minima by name).
    pub fn get(&self, name: &str) -> Option<&Param> {
        Some(match name {
            "meetings_min_per_year" => &self.meetings_min_per_year,
            "research_min_per_year" => &self.research_min_per_year,
            "analyses_min_per_year" => &self.analyses_min_per_year,
            "min_tenure_days" => &self.min_tenure_days,
            "handover_window_days" => &self.handover_window_days,
            "repeat_count" => &self.repeat_count,
            "repeat_window_days" => &self.repeat_window_days,
            "circular_rectify_days" => &self.circular_rectify_days,
            "yellow_card_rectify_days" => &self.yellow_card_rectify_days,
            "plan_due_working_days" => &self.plan_due_working_days,
            "listed_rectify_days" => &self.listed_rectify_days,
            "listed_bar_days" => &self.listed_bar_days,
            "veto_bar_days" => &self.veto_bar_days,
            "cycle_years" => &self.cycle_years,
            "third_class_consecutive" => &self.third_class_consecutive,
            "second_class_min_years" => &self.second_class_min_years,
            _ => return None,
        })
    }

    fn all(&self) -> [(&'static str, &Param); 16] {
        [
            ("meetings_min_per_year", &self.meetings_min_per_year),
            ("research_min_per_year", &self.research_min_per_year),
            ("analyses_min_per_year", &self.analyses_min_per_year),
            ("min_tenure_days", &self.min_tenure_days),
            ("handover_window_days", &self.handover_window_days),
            ("repeat_count", &self.repeat_count),
            ("repeat_window_days", &self.repeat_window_days),
            ("circular_rectify_days", &self.circular_rectify_days),
            ("yellow_card_rectify_days", &self.yellow_card_rectify_days),
            ("plan_due_working_days", &self.plan_due_working_days),
            ("listed_rectify_days", &self.listed_rectify_days),
            ("listed_bar_days", &self.listed_bar_days),
            ("veto_bar_days", &self.veto_bar_days),
            ("cycle_years", &self.cycle_years),
            ("third_class_consecutive", &self.third_class_consecutive),
            ("second_class_min_years", &self.second_class_min_years),
        ]
    }
}

impl Param {
    /// The value as a whole count (validated positive and integral by [`check`]).
    pub fn n(&self) -> u32 {
        if self.value.is_finite() && self.value >= 0.0 && self.value <= 100_000.0 {
            self.value as u32
        } else {
            0
        }
    }
}

/// Hundredths of a policy amount (validated to two decimals by [`check`]).
pub fn hundredths(v: f64) -> i64 {
    crate::exact::Decimal::from_f64(v).ok().and_then(|d| d.to_hundredths()).unwrap_or(0)
}

fn is_hundredths(v: f64) -> bool {
    crate::exact::Decimal::from_f64(v).ok().and_then(|d| d.to_hundredths()).is_some()
}

/// The semantic checks of a pack that parsed: art. 18 (results outweigh process, weights sum to 100),
/// ordered bands, positive whole-number parameters, and every reference in the catalogue resolving.
pub fn check(p: &Policy) -> Vec<Issue> {
    let mut out = Vec::new();
    let art18 = Basis::zj(
        18,
        None,
        None,
        "结果性指标加大权重,过程性指标定性评估",
        "result indicators weigh more; process indicators are graded",
    );
    for (name, param) in p.parameters.all() {
        let v = param.value;
        if !(v.is_finite() && v >= 1.0 && v.fract() == 0.0 && v <= 100_000.0) {
            out.push(Issue::error(
                Code::PolicyParameter,
                format!("/parameters/{}/value", name),
                format!("参数 {} 须为 1 至 100000 的整数", name),
                format!("parameter {} must be a whole number from 1 to 100000", name),
            ));
        }
    }
    let mut weights = [0i64; 2];
    let mut seen = std::collections::BTreeSet::new();
    for (i, ind) in p.scheme.indicators.iter().enumerate() {
        let path = format!("/scheme/indicators/{}", i);
        if !seen.insert(ind.id.as_str()) {
            out.push(Issue::error(
                Code::PolicyDuplicate,
                format!("{}/id", path),
                format!("指标 {} 重复", ind.id),
                format!("indicator {} is listed twice", ind.id),
            ));
        }
        if !(ind.weight > 0.0 && is_hundredths(ind.weight)) {
            out.push(Issue::error(
                Code::PolicyWeights,
                format!("{}/weight", path),
                "权重须为正数,至多两位小数",
                "a weight must be positive with at most two decimals",
            ));
        }
        let k = match ind.kind {
            IndicatorKind::Result => 0,
            IndicatorKind::Process => 1,
        };
        if let Some(w) = weights.get_mut(k) {
            *w += hundredths(ind.weight);
        }
        if ind.kind == IndicatorKind::Result {
            let ok = match (ind.zero_at, ind.full_at) {
                (Some(z), Some(f)) => {
                    z != f
                        && crate::exact::Decimal::from_f64(z).is_ok()
                        && crate::exact::Decimal::from_f64(f).is_ok()
                }
                _ => false,
            };
            if !ok {
                out.push(Issue::error(
                    Code::PolicyParameter,
                    path.clone(),
                    "结果性指标须给出不相等的 zero_at 与 full_at",
                    "a result indicator needs zero_at and full_at, and they must differ",
                ));
            }
        }
    }
    let [result_w, process_w] = weights;
    if result_w + process_w != 10_000 {
        out.push(
            Issue::error(
                Code::PolicyWeights,
                "/scheme/indicators",
                format!(
                    "结果性与过程性指标权重之和须为 100,现为 {}",
                    crate::exact::Points(result_w + process_w)
                ),
                format!(
                    "result and process weights must sum to 100, not {}",
                    crate::exact::Points(result_w + process_w)
                ),
            )
            .with_basis(art18.clone()),
        );
    }
    if result_w <= process_w {
        out.push(
            Issue::error(
                Code::PolicyResultNotHeavier,
                "/scheme/indicators",
                "结果性指标权重须大于过程性指标权重(第十八条)",
                "result weights must outweigh process weights (art. 18)",
            )
            .with_basis(art18.clone()),
        );
    }
    let mut gseen = std::collections::BTreeSet::new();
    for (i, g) in p.scheme.grades.iter().enumerate() {
        if !gseen.insert(g.grade.as_str()) || g.grade == "n/a" || g.grade.is_empty() {
            out.push(Issue::error(
                Code::PolicyDuplicate,
                format!("/scheme/grades/{}/grade", i),
                "等次重复或无效",
                "grade repeated or invalid",
            ));
        }
        if !(0.0..=1.0).contains(&g.fraction) || crate::exact::Decimal::from_f64(g.fraction).is_err() {
            out.push(Issue::error(
                Code::PolicyParameter,
                format!("/scheme/grades/{}/fraction", i),
                "等次系数须在 0 至 1 之间",
                "a grade's fraction must lie between 0 and 1",
            ));
        }
    }
    let has_grade = |g: &str| p.scheme.grades.iter().any(|s| s.grade == g);
    let bands = &p.scheme.bands;
    let expected = [Grade::Excellent, Grade::Good, Grade::Pass];
    let ordered = bands.len() == 3
        && bands
            .iter()
            .zip(expected.iter())
            .all(|(b, e)| b.grade == *e && b.min.is_finite() && is_hundredths(b.min) && b.min > 0.0)
        && bands.windows(2).all(|w| matches!(w, [a, b] if a.min > b.min));
    if !ordered {
        out.push(
            Issue::error(
                Code::PolicyBands,
                "/scheme/bands",
                "等次分数线须依次为 excellent、good、pass 且严格递减",
                "bands must be excellent, good, pass with strictly falling minima",
            )
            .with_basis(p.scheme.bands_basis.clone()),
        );
    }
    let b = &p.scheme.bonus;
    if !(b.item_min >= 0.0
        && b.item_min <= b.item_max
        && b.cap >= 0.0
        && [b.item_min, b.item_max, b.cap].iter().all(|v| is_hundredths(*v)))
    {
        out.push(Issue::error(
            Code::PolicyParameter,
            "/scheme/bonus",
            "加分项上下限与封顶须为非负且有序(至多两位小数)",
            "bonus limits and cap must be non-negative and ordered (two decimals at most)",
        ));
    }
    let d = &p.scheme.deductions;
    let amounts = [d.cap, d.inspection_finding, d.unrectified_multiplier, d.circular];
    if !amounts.iter().chain(d.incident.values()).all(|v| *v >= 0.0 && is_hundredths(*v)) {
        out.push(Issue::error(
            Code::PolicyParameter,
            "/scheme/deductions",
            "扣分标准须为非负数,至多两位小数",
            "deduction amounts must be non-negative with two decimals at most",
        ));
    }
    let der = &p.scheme.derived;
    let derived_ok =
        p.scheme.indicators.iter().any(|i| i.id == der.indicator && i.kind == IndicatorKind::Process)
            && has_grade(&der.otherwise)
            && der.steps.iter().all(|s| has_grade(&s.grade));
    if !derived_ok {
        out.push(Issue::error(
            Code::PolicyReference,
            "/scheme/derived",
            "派生指标须为过程性指标,等次须在等次表中",
            "the derived indicator must be a process indicator and its grades must be in the grade table",
        ));
    }
    let t = &p.tripod;
    if t.star_every == 0
        || t.levels.is_empty()
        || !t.levels.windows(2).all(|w| matches!(w, [a, b] if a.years < b.years))
    {
        out.push(Issue::error(
            Code::PolicyParameter,
            "/tripod",
            "平安鼎年限须递增,星级间隔须为正",
            "tripod years must rise and the star interval must be positive",
        ));
    }
    let mut dseen = std::collections::BTreeSet::new();
    for (i, duty) in p.duties.iter().enumerate() {
        if !dseen.insert(duty.id.as_str()) {
            out.push(Issue::error(
                Code::PolicyDuplicate,
                format!("/duties/{}/id", i),
                format!("职责 {} 重复", duty.id),
                format!("duty {} is listed twice", duty.id),
            ));
        }
        if duty.checkable != duty.evidence.is_some() {
            out.push(Issue::error(
                Code::PolicyReference,
                format!("/duties/{}/evidence", i),
                "可核查的职责须给出证据规则,不可核查的不给",
                "a checkable duty needs an evidence rule, and only it",
            ));
        }
        if let Some(Evidence::ActivityCount { min, min_param, .. }) = &duty.evidence {
            let ok = match (min, min_param) {
                (Some(_), None) => true,
                (None, Some(name)) => p.parameters.get(name).is_some(),
                _ => false,
            };
            if !ok {
                out.push(Issue::error(
                    Code::PolicyReference,
                    format!("/duties/{}/evidence", i),
                    "证据规则须给出 min 或已知参数名 min_param 之一",
                    "an evidence rule needs either min or a known parameter name in min_param",
                ));
            }
        }
    }
    out
}

/// Parse and check the embedded pack. It is checked by a unit test, so failure here is a build defect;
/// even so it is reported, not panicked on.
pub fn default_policy() -> Result<Policy, Vec<Issue>> {
    // Straight from the text: the module carries one deserializer family (from text), not two.
    let bad = |e: serde_json::Error| {
        vec![Issue::error(
            Code::NotJson,
            "",
            "内置政策包无法解析",
            format!("embedded policy pack does not parse (line {}, column {})", e.line(), e.column()),
        )]
    };
    let p: Policy = serde_json::from_str(DEFAULT_POLICY_JSON).map_err(bad)?;
    let issues = check(&p);
    if issues.is_empty() {
        Ok(p)
    } else {
        Err(issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_pack_is_valid() {
        let p = default_policy();
        assert!(p.is_ok(), "{:?}", p.err());
    }

    #[test]
    fn art18_rejects_process_heavier_than_results() -> Result<(), Vec<Issue>> {
        let mut p = default_policy()?;
        for ind in p.scheme.indicators.iter_mut() {
            ind.weight = if ind.kind == IndicatorKind::Result { 8.0 } else { 15.0 };
        }
        let codes: Vec<Code> = check(&p).iter().map(|i| i.code).collect();
        assert!(codes.contains(&Code::PolicyResultNotHeavier));
        assert!(!codes.contains(&Code::PolicyWeights));
        Ok(())
    }

    #[test]
    fn weights_must_sum_to_100_and_bands_be_ordered() -> Result<(), Vec<Issue>> {
        let mut p = default_policy()?;
        if let Some(i) = p.scheme.indicators.first_mut() {
            i.weight += 1.0;
        }
        if let Some(b) = p.scheme.bands.get_mut(1) {
            b.min = 95.0;
        }
        p.parameters.veto_bar_days.value = 0.0;
        let codes: Vec<Code> = check(&p).iter().map(|i| i.code).collect();
        assert!(codes.contains(&Code::PolicyWeights));
        assert!(codes.contains(&Code::PolicyBands));
        assert!(codes.contains(&Code::PolicyParameter));
        Ok(())
    }
}
