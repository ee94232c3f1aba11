//! The report of `evaluate` (chapters 1–6 threaded through one dossier) and the assessment of `score`,
//! as the assessment was decided (`decided_on`).

use super::{fingerprint, input_hash, value_hash, Answer, Engine, Loaded};
use crate::accountability::{self, Accountability};
use crate::assessment::{self, Assessment, Context, Detail, PolicyRef};
use crate::cut::{self, Cut};
use crate::date::Date;
use crate::duties::{self, Applicability, Applies, Attribution, DutyLine};
use crate::issue::{Code, Issue, Severity};
use crate::model::{Dossier, Grade};
use crate::rewards::{self, ArchiveEntry, Rewards};
use serde::Serialize;
use serde_json::Value;

/// The unit as the report names it.
#[derive(Clone, Debug, Serialize)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
    pub kind: crate::model::UnitKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<crate::model::Level>,
}

/// The report of api.md, plus attribution, the performance archive and a fingerprint.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub unit: UnitRef,
    pub year: i32,
    pub as_of: Date,
    pub policy: PolicyRef,
    pub applicability: Applicability,
    pub duties: Vec<DutyLine>,
    pub findings: Vec<Issue>,
    pub attribution: Vec<Attribution>,
    pub assessment: Option<Assessment>,
    pub accountability: Accountability,
    pub rewards: Rewards,
    pub archive: Vec<ArchiveEntry>,
    pub fingerprint: String,
}

/// One line of the `evaluateMany` ranking.
#[derive(Clone, Debug, Serialize)]
pub struct RankLine {
    pub unit: String,
    pub total: crate::exact::Points,
    pub grade: Grade,
    pub rank: usize,
}

/// Rank by total, highest first; ties share a rank and are ordered by unit id.
pub fn rank(mut lines: Vec<RankLine>) -> Vec<RankLine> {
    lines.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.unit.cmp(&b.unit)));
    let mut prev = None;
    let mut rank = 0;
    for (i, line) in lines.iter_mut().enumerate() {
        if prev != Some(line.total) {
            rank = i + 1;
            prev = Some(line.total);
        }
        line.rank = rank;
    }
    lines
}

impl Engine {
    pub(super) fn chapters_2_3(&self, d: &Dossier) -> (Applicability, Vec<DutyLine>, Vec<Issue>) {
        let p = &self.policy;
        let app = duties::applicability(d.unit.kind);
        if app.applies == Applies::None {
            let w = Issue::warning(
                Code::OutsideScope,
                "/unit/kind",
                format!("“{}”类单位不在本办法适用范围内，不列职责", d.unit.kind.as_str()),
                format!(
                    "a unit of kind “{}” is outside the measures: no duties are listed",
                    d.unit.kind.as_str()
                ),
            )
            .with_basis(app.basis.clone());
            return (app, Vec::new(), vec![w]);
        }
        let m = duties::matrix(d, p);
        let f = duties::findings(d, p, &m);
        (app, m, f)
    }

    /// `duties::counted` of [`Engine::chapters_2_3`]'s findings, without writing them.
    fn findings_count(&self, d: &Dossier) -> usize {
        if duties::applies(d.unit.kind) == Applies::None {
            return 0;
        }
        duties::count(d, &self.policy)
    }

    /// Art. 2: a unit outside the measures is neither assessed nor held to account (api.md, "Scope"):
    /// `score` and `toReach` answer this error at `/unit/kind`.
    pub(super) fn outside_scope(d: &Dossier) -> Option<Issue> {
        (duties::applies(d.unit.kind) == Applies::None).then(|| {
            Issue::error(
                Code::OutsideScope,
                "/unit/kind",
                format!("“{}”类单位不在本办法适用范围内，不作考核评价", d.unit.kind.as_str()),
                format!(
                    "a unit of kind “{}” is outside the measures: it is not assessed",
                    d.unit.kind.as_str()
                ),
            )
            .with_basis(duties::applicability(d.unit.kind).basis)
        })
    }

    /// Everything but rewards: the findings, the ladder (with 25.4 once the score is known), the score.
    pub(super) fn assess(
        &self,
        d: &Dossier,
        findings: usize,
    ) -> (Option<Assessment>, Accountability, Vec<Issue>) {
        let p = &self.policy;
        if Self::outside_scope(d).is_some() {
            return (None, Accountability::default(), Vec::new());
        }
        let triggers = accountability::triggers(d, p);
        let base = accountability::replay_all(d, p, &triggers);
        let ctx = self.decided_context(d, &base, Some(findings));
        let (assessment, warnings) = match assessment::score_in(d, p, &self.compiled, &ctx, Detail::Full) {
            Ok(a) => (Some(a), Vec::new()),
            Err(e) => (
                None,
                e.into_iter()
                    .map(|mut i| {
                        i.severity = Severity::Warning;
                        i
                    })
                    .collect(),
            ),
        };
        let acc = match &assessment {
            Some(a) if a.grade_by_score == Grade::Fail => {
                accountability::with_trigger(base, d, p, &accountability::failed_assessment(d))
            }
            _ => base,
        };
        (assessment, acc, warnings)
    }

    /// The report of a validated dossier (`input_hash` is the fingerprint's hash of its input:
    /// [`input_hash`], [`value_hash`]), or `answer_too_large` when a lower bound of its JSON text already
    /// passes the answer ceiling (issue 12: refused before the archive is built or anything is written).
    pub fn evaluate(&self, d: &Dossier, input_hash: u64) -> Answer<Report> {
        let p = &self.policy;
        let (applicability, duty_lines, findings) = self.chapters_2_3(d);
        let (assessment, accountability, warnings) = self.assess(d, duties::counted(&findings));
        if accountability.overflow
            || accountability::answer_floor(&accountability) > crate::limits::MAX_ANSWER_BYTES
        {
            return Err(vec![crate::work::answer_too_large(crate::limits::MAX_ANSWER_BYTES)]);
        }
        let rewards = rewards::compute(d, p, assessment.as_ref(), &accountability);
        let archive = rewards::archive(d, &duty_lines, assessment.as_ref(), &accountability, &rewards);
        let report = Report {
            unit: UnitRef {
                id: d.unit.id.clone(),
                name: d.unit.name.clone(),
                kind: d.unit.kind,
                level: d.unit.level,
            },
            year: d.year,
            as_of: d.as_of,
            policy: PolicyRef { id: p.id.clone(), version: p.version.clone() },
            applicability,
            duties: duty_lines,
            attribution: duties::attribution(d),
            findings,
            assessment,
            accountability,
            rewards,
            archive,
            fingerprint: fingerprint(p, input_hash),
        };
        Ok((report, warnings))
    }

    pub fn evaluate_value(&self, v: &Value) -> Answer<Report> {
        self.evaluate_value_at(v, None)
    }

    /// `evaluate(dossier, { at })`.
    pub fn evaluate_value_at(&self, v: &Value, at: Option<Date>) -> Answer<Report> {
        let loaded = self.load_at(v, at)?;
        self.report(loaded, value_hash(v))
    }

    /// `evaluate(dossier, { at })` on JSON text.
    pub fn evaluate_text_at(&self, text: Option<&str>, at: Option<Date>) -> Answer<Report> {
        let loaded = self.load_text_at(text, at)?;
        self.report(loaded, input_hash(text.unwrap_or_default()))
    }

    fn report(&self, (d, c, mut warnings): Loaded, hash: u64) -> Answer<Report> {
        let (mut r, w) = self.evaluate(&d, hash)?;
        if let Some(c) = &c {
            remap_report(&mut r, c);
        }
        warnings.extend(w);
        Ok((r, warnings))
    }

    /// What scoring needs from the other chapters: the findings (only when `leadership_duties` must be
    /// derived) and the ladder without 25.4 (circulars in the year, a veto in force).
    pub(super) fn score_context(&self, d: &Dossier) -> Context {
        let p = &self.policy;
        let acc = accountability::replay_all(d, p, &accountability::triggers(d, p));
        self.decided_context(d, &acc, None)
    }

    /// The scoring context as the assessment was decided (api.md: the replay is causal, so a later
    /// record never changes a decided grade or the 25.4 case it opens): incidents, inspection findings
    /// and circulars dated by `decided_on`, and the findings of the dossier as it stood that day (cut
    /// only when the derived grade needs them and something could differ); a veto in force in the year
    /// from the full replay. `findings` is the full dossier's count when the caller already has it.
    fn decided_context(&self, d: &Dossier, acc: &Accountability, findings: Option<usize>) -> Context {
        let p = &self.policy;
        let derived_needed =
            d.assessment.as_ref().is_some_and(|a| !a.process.contains_key(&p.scheme.derived.indicator));
        let decided = d.assessment.as_ref().and_then(|a| a.decided_on).unwrap_or(d.as_of).min(d.as_of);
        let f = if !derived_needed {
            0
        } else if decided < d.as_of {
            self.findings_count(&cut::cut(d, p, decided).0)
        } else {
            findings.unwrap_or_else(|| self.findings_count(d))
        };
        let circulars = acc
            .cases
            .iter()
            .filter(|c| {
                c.steps.iter().any(|s| {
                    s.measure == accountability::Measure::Circular && d.in_year(s.date) && s.date <= decided
                })
            })
            .map(|c| c.id.clone())
            .collect();
        Context { findings: f, circulars, veto: accountability::veto_in_year(d, acc), decided }
    }

    /// The assessment alone: the what-if slider path.
    pub fn score(&self, d: &Dossier) -> Result<Assessment, Vec<Issue>> {
        self.score_as(d, Detail::Full)
    }

    /// [`Engine::score`] with its lines made to `detail` (the compact answer: [`Detail::Ids`]).
    pub fn score_as(&self, d: &Dossier, detail: Detail) -> Result<Assessment, Vec<Issue>> {
        if let Some(e) = Self::outside_scope(d) {
            return Err(vec![e]);
        }
        assessment::score_in(d, &self.policy, &self.compiled, &self.score_context(d), detail)
    }

    pub fn score_value(&self, v: &Value) -> Answer<Assessment> {
        let (d, warnings) = self.load(v)?;
        self.score(&d).map(|a| (a, warnings))
    }

    /// `score` on JSON text.
    pub fn score_text(&self, text: Option<&str>) -> Answer<Assessment> {
        let (d, warnings) = self.load_text(text)?;
        self.score(&d).map(|a| (a, warnings))
    }
}

/// Pointers of a report made on a cut dossier → pointers into the caller's input.
pub(super) fn remap_report(r: &mut Report, c: &Cut) {
    for f in &mut r.findings {
        c.remap(&mut f.path);
    }
    for case in &mut r.accountability.cases {
        for e in &mut case.evidence {
            c.remap(e);
        }
    }
    if let Some(a) = &mut r.assessment {
        for l in &mut a.lines {
            if let Some(p) = &mut l.path {
                c.remap(p);
            }
        }
    }
}
