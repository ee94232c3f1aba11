//! The policy pack: every number the measures leave open, the assessment scheme (art. 18) and the duty
//! catalogue (art. 5–14), as data. The Zhejiang default is embedded JSON (`policy/zhejiang.json`); a
//! province changes a weight or a period by passing its own pack, without a rebuild.

use crate::date::Date;
use crate::issue::{Basis, Code, Issue, Text};
pub use crate::model::Tripod;
use crate::model::{vocab, ActivityType, Grade, Label, Role, Severity};
use crate::shape::record;
use serde::Serialize;
use std::collections::BTreeMap;

/// The embedded default pack: `policy/zhejiang.json` as build.rs writes it, compact with its members in
/// key order, which is the very text `defaultPolicy()` answers (the test below proves both).
pub const DEFAULT_POLICY_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/zhejiang.json"));

record! {
    /// A number the measures leave open, with where its default comes from.
    #[derive(Clone, Debug, Serialize)]
    pub struct Param as "PolicyParam" {
        req value: f64,
        req origin: Origin,
        req basis: Basis,
    }
}

vocab!(
    /// Whether a parameter's value is fixed by the measures, borrowed from a neighbouring rule, or chosen.
    Origin, ORIGINS {
    Measures => "measures", "实施办法规定", "fixed by the measures";
    NeighbouringRule => "neighbouring_rule", "参照相关规定", "borrowed from a neighbouring rule";
    Practice => "practice", "工作惯例", "practice";
    PolicyChoice => "policy_choice", "政策选择", "policy choice";
});

record! {
    /// The numbers the measures leave open (regulation.md "Parameters").
    #[derive(Clone, Debug, Serialize)]
    pub struct Parameters as "PolicyParameters" {
        req meetings_min_per_year: Param,
        req research_min_per_year: Param,
        req analyses_min_per_year: Param,
        /// Tenure (regulation.md): a leader in post fewer days of the year has counted duties not checkable.
        /// Optional in a pack (packs written before rev. 2 get the Zhejiang default).
        opt(default_min_tenure_days) min_tenure_days: Param,
        /// Art. 10: a handover must be dated within this many days of the leader's `until`, before or after.
        /// Optional in a pack (the Zhejiang default applies).
        opt(default_handover_window_days) handover_window_days: Param,
        req repeat_count: Param,
        req repeat_window_days: Param,
        req circular_rectify_days: Param,
        req yellow_card_rectify_days: Param,
        req plan_due_working_days: Param,
        req listed_rectify_days: Param,
        req listed_bar_days: Param,
        req veto_bar_days: Param,
        req cycle_years: Param,
        req third_class_consecutive: Param,
        req second_class_min_years: Param,
        req second_class_requires_prior_third_class: BoolParam,
    }
}

fn default_min_tenure_days() -> Param {
    Param {
        value: 90.0,
        origin: Origin::PolicyChoice,
        basis: Basis::zj(
            7,
            None,
            None,
            "任职不足一季度的领导干部，计次职责不作核查；任职部分年度的按任职天数折算次数（我方规则）",
            "a leader in post for under a quarter of the year is not checked on counted duties; part-year tenure owes counts pro rata (our rule)",
        ),
    }
}

fn default_handover_window_days() -> Param {
    Param {
        value: 30.0,
        origin: Origin::PolicyChoice,
        basis: Basis::zj(10, None, None, "离任交接须在离任日前后三十日内完成（天数由政策设定）", "the handover falls within thirty days of leaving the post, before or after (the count is a policy choice)"),
    }
}

record! {
    /// A yes-or-no parameter, with where its default comes from.
    #[derive(Clone, Debug, Serialize)]
    pub struct BoolParam as "PolicyParam<boolean>" {
        req value: bool,
        req origin: Origin,
        req basis: Basis,
    }
}

vocab!(
    /// The two kinds of indicator of art. 18.
    IndicatorKind, INDICATOR_KINDS {
    Result => "result", "结果性指标", "result indicator";
    Process => "process", "过程性指标", "process indicator";
});

record! {
    /// An indicator of the assessment scheme (art. 16–18).
    #[derive(Clone, Debug, Serialize)]
    pub struct Indicator as "PolicyIndicator" {
        req id: String [id],
        req kind: IndicatorKind,
        req weight: f64 [num(0.0, 100.0)],
        /// A result indicator's input that earns no points.
        #[serde(skip_serializing_if = "Option::is_none")]
        opt zero_at: Option<f64>,
        /// A result indicator's input that earns full points.
        #[serde(skip_serializing_if = "Option::is_none")]
        opt full_at: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        opt unit: Option<String>,
        req name: Text,
        req basis: Basis,
    }
}

record! {
    /// A process grade and the fraction of the weight it earns.
    #[derive(Clone, Debug, Serialize)]
    pub struct GradeStep as "PolicyGradeStep" {
        req grade: String [id],
        req fraction: f64 [num(0.0, 1.0)],
    }
}

record! {
    /// The lowest total of a grade band.
    #[derive(Clone, Debug, Serialize)]
    pub struct Band as "PolicyBand" {
        req grade: Grade,
        req min: f64 [num(0.0, 1000.0)],
    }
}

record! {
    /// The bonus items' limits (art. 18).
    #[derive(Clone, Debug, Serialize)]
    pub struct BonusRule as "PolicyBonusRule" {
        req item_min: f64 [num(0.0, 1000.0)],
        req item_max: f64 [num(0.0, 1000.0)],
        req cap: f64 [num(0.0, 1000.0)],
        req basis: Basis,
    }
}

record! {
    /// The deductions (art. 18): per incident by severity, per inspection finding, per circular, capped.
    #[derive(Clone, Debug, Serialize)]
    pub struct DeductionRule as "PolicyDeductions" {
        req cap: f64 [num(0.0, 1000.0)],
        /// Points per incident, for every severity.
        req incident: BTreeMap<Severity, f64> [map(num(0.0, 1000.0))],
        req inspection_finding: f64 [num(0.0, 1000.0)],
        req unrectified_multiplier: f64 [num(0.0, 1000.0)],
        req circular: f64 [num(0.0, 1000.0)],
        req incident_basis: Basis,
        req inspection_basis: Basis,
        req circular_basis: Basis,
        req cap_basis: Basis,
    }
}

record! {
    /// One step of the derived grade: at most this many compliance findings earn this grade.
    #[derive(Clone, Debug, Serialize)]
    pub struct DerivedGradeStep as "PolicyDerivedStep" {
        req max_findings: u32 [int(0, 100_000)],
        req grade: String [id],
    }
}

record! {
    /// How `leadership_duties` is graded from the compliance findings when the assessor gives no grade.
    #[derive(Clone, Debug, Serialize)]
    pub struct DerivedGrade as "PolicyDerived" {
        req indicator: String [id],
        req steps: Vec<DerivedGradeStep> [list(26)],
        req otherwise: String [id],
        req basis: Basis,
    }
}

record! {
    /// The assessment scheme (art. 16–18).
    #[derive(Clone, Debug, Serialize)]
    pub struct Scheme as "PolicyScheme" {
        req illustrative: bool,
        req note: Text,
        req indicators: Vec<Indicator> [list(100)],
        req grades: Vec<GradeStep> [list(26)],
        req bands: Vec<Band> [list(3)],
        req bands_basis: Basis,
        req bonus: BonusRule,
        req deductions: DeductionRule,
        req derived: DerivedGrade,
        req method_basis: Basis,
    }
}

record! {
    /// A rung of the tripod ladder: consecutive years named Ping'an and the tripod they earn.
    #[derive(Clone, Debug, Serialize)]
    pub struct TripodLevel as "PolicyTripodLevel" {
        req years: u32 [int(1, 1000)],
        req tripod: Tripod,
    }
}

record! {
    /// The Ping'an tripod ladder (art. 24).
    #[derive(Clone, Debug, Serialize)]
    pub struct TripodLadder as "PolicyTripod" {
        req levels: Vec<TripodLevel> [list(20)],
        req star_every: u32 [int(0, 1000)],
        req basis: Basis,
    }
}

vocab!(
    /// Who performs a duty's evidence.
    By, BYS as "EvidenceBy" {
    /// The leader whose duty it is.
    Own => "self", "本人", "the leader";
    /// Anyone in the unit.
    Unit => "unit", "本单位", "anyone in the unit";
});

vocab!(
    /// Which activities count: the dossier's year, or any up to the as-of date.
    Scope, SCOPES as "EvidenceScope" {
    Year => "year", "本年度", "in the year";
    Ever => "ever", "截至统计截止日期", "up to the as-of date";
});

vocab!(
    /// What an activity must also show to count.
    Flag, FLAGS as "EvidenceFlag" {
    CoversPingan => "covers_pingan", "涉及平安建设", "covers Ping'an work";
    IncludesPlan => "includes_plan", "含年度计划", "includes the plan";
    FourTogether => "four_together", "四同", "four together";
    /// Art. 14(1): made to the same-level leading group (`to_leading_group: true`).
    ToLeadingGroup => "to_leading_group", "向领导小组报告", "made to the leading group";
    /// Art. 14(2): reported to the party committee, the government and (below the province) the leading
    /// group one level up.
    ReportedUp => "reported_up", "报送同级党委政府和上级领导小组", "reported up";
});

vocab!(
    /// Which units a duty of the catalogue binds (absent: every unit).
    Units, UNITS as "DutyUnits" {
    /// Localities (a party committee and government).
    Locality => "locality", "地方党委政府", "localities";
    /// Every unit that is not a locality (departments and other bodies).
    Department => "department", "部门和其他单位", "departments and other bodies";
});

record! {
    /// What evidence satisfies a checkable duty.
    #[derive(Clone, Debug, Serialize)]
    pub enum Evidence as "DutyEvidence", CHECKS by "check" {
        /// At least `min` (or the named parameter) activities of these types.
        ActivityCount => "activity_count", "活动次数", "activity count" {
            req activities: Vec<ActivityType> [list(20)],
            #[serde(skip_serializing_if = "Option::is_none")]
            opt min: Option<u32> [int(0, 10_000)],
            #[serde(skip_serializing_if = "Option::is_none")]
            opt min_param: Option<String> [id],
            req by: By,
            req scope: Scope,
            #[serde(skip_serializing_if = "Option::is_none")]
            opt flag: Option<Flag>,
        },
        /// A leader in charge is designated and every member has a domain (art. 7(3)).
        Designation => "designation", "明确分管", "designation",
        /// For every incident of these severities in the year (in the leader's domains when `domain_only`),
        /// one of these activities by the leader referencing it.
        IncidentResponse => "incident_response", "案（事）件处置", "incident response" {
            req severities: Vec<Severity> [list(4)],
            req activities: Vec<ActivityType> [list(20)],
            req domain_only: bool,
        },
        /// A leader who left the post in the year handed the work over, within `handover_window_days` of
        /// leaving (art. 10).
        Handover => "handover", "离任交接", "handover",
        /// Every major decision of the year (in the leader's domains when `domain_only`, or proposed by the
        /// leader) taken while the leader was in post has a risk assessment dated on or before it
        /// (art. 7(4), 8(5), 9(2)).
        DecisionAssessment => "decision_assessment", "重大决策稳评", "decision risk assessment" {
            opt domain_only: bool,
        },
    }
}

record! {
    /// A duty of the catalogue (art. 5–14).
    #[derive(Clone, Debug, Serialize)]
    pub struct Duty as "PolicyDuty" {
        req id: String [id],
        req role: Role,
        req article: u32 [int(1, 1000)],
        #[serde(skip_serializing_if = "Option::is_none")]
        opt clause: Option<u32> [int(1, 100)],
        #[serde(skip_serializing_if = "Option::is_none")]
        opt item: Option<u32> [int(1, 100)],
        req summary: Text,
        req checkable: bool,
        /// The evidence rule (exactly when the duty is checkable).
        #[serde(skip_serializing_if = "Option::is_none")]
        opt evidence: Option<Evidence>,
        /// Which units the duty binds (absent: every unit).
        #[serde(skip_serializing_if = "Option::is_none")]
        opt units: Option<Units>,
        /// Finding code raised when the duty is unmet (defaults to `unmet_duty`).
        #[serde(skip_serializing_if = "Option::is_none")]
        opt finding: Option<Code>,
    }
}

record! {
    /// A unit-level check of art. 5, 6, 12, 13 and 14: its text lives here, its logic in `duties`.
    #[derive(Clone, Debug, Serialize)]
    pub struct UnitCheck as "PolicyUnitCheck" {
        req code: Code,
        req article: u32 [int(1, 1000)],
        #[serde(skip_serializing_if = "Option::is_none")]
        opt clause: Option<u32> [int(1, 100)],
        #[serde(skip_serializing_if = "Option::is_none")]
        opt item: Option<u32> [int(1, 100)],
        req summary: Text,
    }
}

record! {
    /// A policy pack: the measures' parameters, the assessment scheme, the tripod ladder, the duties.
    #[derive(Clone, Debug, Serialize)]
    pub struct Policy as "Policy" {
        req id: String [id],
        req version: String,
        req title: Text,
        req effective_from: Date,
        req note: Text,
        req parameters: Parameters,
        /// Public holidays (working days are counted around them).
        req holidays: Vec<Date> [list(1_000)],
        req scheme: Scheme,
        req tripod: TripodLadder,
        req duties: Vec<Duty> [list(500)],
        req unit_checks: Vec<UnitCheck> [list(100)],
    }
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
        "结果性指标加大权重，过程性指标定性评估",
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
                "权重须为正数，至多两位小数",
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
                    "结果性与过程性指标权重之和须为 100，现为 {}",
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
                "结果性指标权重须大于过程性指标权重（第十八条）",
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
            "加分项上下限与封顶须为非负且有序（至多两位小数）",
            "bonus limits and cap must be non-negative and ordered (two decimals at most)",
        ));
    }
    let d = &p.scheme.deductions;
    let amounts = [d.cap, d.inspection_finding, d.unrectified_multiplier, d.circular];
    if !amounts.iter().chain(d.incident.values()).all(|v| *v >= 0.0 && is_hundredths(*v)) {
        out.push(Issue::error(
            Code::PolicyParameter,
            "/scheme/deductions",
            "扣分标准须为非负数，至多两位小数",
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
            "派生指标须为过程性指标，等次须在等次表中",
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
            "平安鼎年限须递增，星级间隔须为正",
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
                "可核查的职责须给出证据规则，不可核查的不给",
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
    // Straight from the text, by the one reader of the module (read.rs).
    let p: Policy = crate::shape::from_text(DEFAULT_POLICY_JSON).ok_or_else(|| {
        vec![Issue::error(Code::NotJson, "", "内置政策包无法解析", "the embedded policy pack does not read")]
    })?;
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

    /// The compiled-in text (build.rs) is the source file's value, written as serde_json writes a value.
    #[test]
    fn compiled_in_pack_is_the_source_file() {
        let source: serde_json::Value =
            serde_json::from_str(include_str!("policy/zhejiang.json")).unwrap_or(serde_json::Value::Null);
        assert!(source.is_object());
        assert_eq!(serde_json::to_string(&source).ok().as_deref(), Some(DEFAULT_POLICY_JSON));
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
