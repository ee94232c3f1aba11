//! The engine: one prepared policy pack, and the entry points of contract v1 over parsed JSON values.
//! It threads a dossier through validation → duties (ch. 1–3) → accountability (ch. 6, without 25.4) →
//! assessment (ch. 4) → 25.4 → rewards (ch. 5) → archive (art. 19).

use crate::accountability::{self, Accountability, Bar, BarWhat};
use crate::assessment::{self, Assessment, CompactScore, Context};
use crate::cut::{self, Cut};
use crate::date::Date;
use crate::duties::{self, Applicability, Applies, Attribution, DutyLine};
use crate::exact::Points;
use crate::issue::{Code, Issue, Severity, Text};
use crate::model::{Dossier, Grade};
use crate::policy::Policy;
use crate::rewards::{self, ArchiveEntry, Rewards};
use crate::validation::{self, limits};
use serde::Serialize;
use serde_json::{json, Value};
use std::rc::Rc;

/// Record kinds that `validate` and `schema` know (api.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Dossier,
    Unit,
    Leader,
    Incident,
    Letter,
    Assessment,
    Policy,
}

impl Kind {
    pub const ALL: &'static [&'static str] =
        &["dossier", "unit", "leader", "incident", "letter", "assessment", "policy"];
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "dossier" => Kind::Dossier,
            "unit" => Kind::Unit,
            "leader" => Kind::Leader,
            "incident" => Kind::Incident,
            "letter" => Kind::Letter,
            "assessment" => Kind::Assessment,
            "policy" => Kind::Policy,
            _ => return None,
        })
    }
}

type Answer<T> = Result<(T, Vec<Issue>), Vec<Issue>>;

/// A dossier as the caller gave it: JSON text (the bindings, `api`), or a value (a batch item, a
/// patched dossier, a sheet row).
#[derive(Clone, Copy)]
pub enum Source<'a> {
    Text(Option<&'a str>),
    Value(&'a Value),
}

impl Source<'_> {
    /// The fingerprint's input hash.
    pub fn hash(&self) -> u64 {
        match self {
            Source::Text(t) => input_hash(t.unwrap_or_default()),
            Source::Value(v) => value_hash(v),
        }
    }
}

/// A validated dossier, the cut that made it (when read `{ at }` an earlier date) and its warnings.
pub type Loaded = (Dossier, Option<Cut>, Vec<Issue>);

fn split(all: Vec<Issue>) -> (Vec<Issue>, Vec<Issue>) {
    all.into_iter().partition(|i| i.severity == Severity::Error)
}

/// A record that passed its shape check but could not be typed (cannot happen in practice); serde's own
/// message is not printed (its float formatting would cost the module ~10 KB).
fn unreadable() -> Vec<Issue> {
    vec![Issue::error(Code::WrongType, "", "记录结构无法读取", "the record could not be read")]
}

fn typed<T: serde::de::DeserializeOwned>(v: &Value) -> Result<T, Vec<Issue>> {
    // Through its text: one deserializer per type (from text) in the module.
    serde_json::to_string(v).ok().and_then(|t| serde_json::from_str(&t).ok()).ok_or_else(unreadable)
}

/// Parse and check a policy pack given as a JSON value: shape, then the semantic rules (art. 18 …).
pub fn load_policy(v: &Value) -> Answer<Policy> {
    let mut all = Vec::new();
    validation::check_shape(v, &validation::POLICY, "", &mut all);
    let (errors, warnings) = split(all);
    if !errors.is_empty() {
        return Err(errors);
    }
    let p: Policy = typed(v)?;
    let errors = crate::policy::check(&p);
    if errors.is_empty() {
        Ok((p, warnings))
    } else {
        Err(errors)
    }
}

/// The unit as the report names it.
#[derive(Clone, Debug, Serialize)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
    pub kind: crate::model::UnitKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<crate::model::Level>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PolicyRef {
    pub id: String,
    pub version: String,
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

#[derive(Clone)]
pub struct Engine {
    policy: Rc<Policy>,
    /// The scheme's numbers as integers and exact decimals, converted once (assessment.rs).
    compiled: Rc<assessment::Compiled>,
    /// The portal's `messages` and `dictionary` hooks (config.rs).
    config: Rc<crate::config::Config>,
}

/// FNV-1a, 64 bits: detects a changed input when an archived decision is re-checked. Not a security hash.
fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The input hash of the fingerprint, over the JSON text as received (what `JSON.stringify` wrote):
/// hashing the text costs one pass over bytes already in memory, never a re-serialisation.
pub fn input_hash(text: &str) -> u64 {
    fnv64(text.as_bytes())
}

/// The input hash of a document the engine holds only as a value (a patched `whatIf` dossier, an item
/// of a batch given as one JSON text): over its compact JSON text (members in key order).
pub fn value_hash(v: &Value) -> u64 {
    fnv64(serde_json::to_string(v).unwrap_or_default().as_bytes())
}

fn fingerprint(p: &Policy, hash: u64) -> String {
    format!("{}@{}:{:016x}:pingan-{}", p.id, p.version, hash, env!("CARGO_PKG_VERSION"))
}

/// Holidays sorted and deduplicated once, so working days are counted by binary search (date.rs).
fn sorted_holidays(mut p: Policy) -> Policy {
    p.holidays.sort_unstable();
    p.holidays.dedup();
    p
}

impl Engine {
    /// The embedded pack, parsed and checked once per thread (wasm has one): later engines share it.
    pub fn new_default() -> Result<Engine, Vec<Issue>> {
        thread_local! {
            static DEFAULT: std::cell::OnceCell<Result<Rc<Policy>, Vec<Issue>>> = const { std::cell::OnceCell::new() };
        }
        DEFAULT
            .with(|cell| {
                cell.get_or_init(|| crate::policy::default_policy().map(|p| Rc::new(sorted_holidays(p))))
                    .clone()
            })
            .map(Engine::of)
    }

    pub fn from_value(v: &Value) -> Result<Engine, Vec<Issue>> {
        load_policy(v).map(|(p, _)| Engine::of(Rc::new(sorted_holidays(p))))
    }

    pub fn with_policy(p: Policy) -> Result<Engine, Vec<Issue>> {
        let errors = crate::policy::check(&p);
        if errors.is_empty() {
            Ok(Engine::of(Rc::new(sorted_holidays(p))))
        } else {
            Err(errors)
        }
    }

    fn of(policy: Rc<Policy>) -> Engine {
        let compiled = Rc::new(assessment::Compiled::of(&policy));
        Engine { policy, compiled, config: Rc::default() }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Add the portal's hooks (`messages`, `dictionary`) to this engine; later calls add to earlier ones.
    pub fn configure(&mut self, c: crate::config::Config) {
        let mut merged = (*self.config).clone();
        merged.merge(c);
        self.config = Rc::new(merged);
    }

    /// The record as the engine reads it: the portal's dictionary codes mapped, blank optional fields
    /// (an untouched form input, `""`) dropped.
    fn normalised<'a>(&self, v: &'a Value, ty: &validation::Ty) -> std::borrow::Cow<'a, Value> {
        if !self.config.has_dictionary() && !validation::has_blank_optionals(v, ty) {
            return std::borrow::Cow::Borrowed(v);
        }
        let mut x = v.clone();
        self.config.translate(&mut x);
        validation::strip_blank_optionals(&mut x, ty);
        std::borrow::Cow::Owned(x)
    }

    /// Validate one record of a kind: `(errors, warnings)`.
    pub fn validate(&self, kind: Kind, v: &Value) -> (Vec<Issue>, Vec<Issue>) {
        self.validate_in(kind, v, &crate::context::RecordContext::default())
    }

    /// Validate one record in its context (`{ as_of, localities, leaders }`, issue 14.5). A single
    /// record's cross-field errors come with its shape errors in one answer.
    pub fn validate_in(
        &self,
        kind: Kind,
        v: &Value,
        ctx: &crate::context::RecordContext,
    ) -> (Vec<Issue>, Vec<Issue>) {
        let root = validation::root_of(kind);
        let (mut errors, mut warnings) = self.validate_raw(kind, v, ctx);
        self.config.relabel(&mut errors, root);
        self.config.relabel(&mut warnings, root);
        (errors, warnings)
    }

    fn validate_raw(
        &self,
        kind: Kind,
        v: &Value,
        ctx: &crate::context::RecordContext,
    ) -> (Vec<Issue>, Vec<Issue>) {
        if kind == Kind::Dossier {
            return match self.load(v) {
                Ok((_, w)) => (Vec::new(), w),
                Err(e) => (e, Vec::new()),
            };
        }
        if kind == Kind::Policy {
            return match load_policy(v) {
                Ok((_, w)) => (Vec::new(), w),
                Err(e) => (e, Vec::new()),
            };
        }
        let shape = validation::shape_of(kind);
        let v = self.normalised(v, shape);
        let v = v.as_ref();
        let mut all = Vec::new();
        validation::check_shape_in(v, shape, "", validation::root_of(kind), &mut all);
        let shape_ok = !all.iter().any(|i| i.severity == Severity::Error);
        crate::context::cross_fields(kind, v, &mut all);
        crate::context::check_context(kind, v, ctx, &mut all);
        match kind {
            Kind::Letter => crate::context::check_rates_letter(v, &self.policy, "", &mut all),
            Kind::Assessment => {
                crate::context::check_rates_assessment(v, &self.policy, "", &mut all);
                if shape_ok {
                    if let Some(a) = crate::read::from_checked_value::<crate::model::AssessmentInput>(
                        v,
                        &validation::ASSESSMENT,
                    ) {
                        validation::check_assessment(&a, &self.policy, "", &mut all);
                    }
                }
            }
            _ => {}
        }
        // One issue per field and code (a field both malformed and out of context reads once).
        let mut seen = std::collections::BTreeSet::new();
        all.retain(|i| seen.insert((i.path.clone(), i.code.as_str())));
        split(all)
    }

    /// Validate and type a dossier.
    pub fn load(&self, v: &Value) -> Answer<Dossier> {
        let mut r = self.load_raw(v);
        match &mut r {
            Ok((_, w)) => self.config.relabel(w, ""),
            Err(e) => self.config.relabel(e, ""),
        }
        r
    }

    /// Validate and type a dossier given as JSON text. Clean text (the common case) is read in one pass
    /// straight into the typed model (read.rs); anything else takes the tolerant path — parse under the
    /// limits, walk every field, type — which answers every error at once, each with its JSON Pointer.
    pub fn load_text(&self, text: Option<&str>) -> Answer<Dossier> {
        if !self.config.has_dictionary() {
            if let Some(d) = text.and_then(crate::read::dossier) {
                let mut r = self.checked(d, Vec::new());
                match &mut r {
                    Ok((_, w)) => self.config.relabel(w, ""),
                    Err(e) => self.config.relabel(e, ""),
                }
                return r;
            }
        }
        let v = validation::parse_json(text, limits::MAX_INPUT_BYTES)?;
        let r = self.load(&v);
        crate::patch::dismantle(v);
        r
    }

    fn load_raw(&self, v: &Value) -> Answer<Dossier> {
        let v = self.normalised(v, &validation::DOSSIER);
        let v = v.as_ref();
        let mut all = Vec::new();
        validation::check_shape(v, &validation::DOSSIER, "", &mut all);
        let (mut errors, warnings) = split(all);
        if !errors.is_empty() {
            self.salvaged_errors(v, &mut errors);
            return Err(errors);
        }
        let d: Dossier = crate::read::from_checked_value(v, &validation::DOSSIER).ok_or_else(unreadable)?;
        self.checked(d, warnings)
    }

    /// Every error in one round (issue 14): with the shape errors, the cross-record rules' errors on the
    /// parts of the dossier that parsed (read.rs `salvage`), except those at or inside a field already in
    /// error, and references to cases when a record that opens cases had to be repaired or left out.
    fn salvaged_errors(&self, v: &Value, errors: &mut Vec<Issue>) {
        let Some(s) = crate::read::salvage(v, errors) else { return };
        let ids: Vec<String> =
            accountability::triggers(&s.dossier, &self.policy).into_iter().map(|t| t.id).collect();
        let mut all = Vec::new();
        validation::check_dossier(&s.dossier, &self.policy, &ids, &mut all);
        let shape: Vec<String> = errors.iter().map(|e| e.path.clone()).collect();
        for mut i in all.into_iter().filter(|i| i.severity == Severity::Error) {
            i.path = s.path(&i.path);
            let case_ref = i.code == Code::UnresolvedRef
                && (i.path.starts_with("/rectifications/") || i.path.starts_with("/circumstances/"));
            let covered = shape.iter().any(|p| {
                i.path == *p
                    || (i.path.starts_with(p.as_str()) && i.path.as_bytes().get(p.len()) == Some(&b'/'))
            });
            if !(covered || (case_ref && s.cases_unsure)) {
                errors.push(i);
            }
        }
    }

    /// The cross-record rules on a typed dossier (ids, references, dates, the assessment against the
    /// policy); `warnings` are those found so far.
    fn checked(&self, d: Dossier, mut warnings: Vec<Issue>) -> Answer<Dossier> {
        let ids: Vec<String> = accountability::triggers(&d, &self.policy).into_iter().map(|t| t.id).collect();
        let mut all = Vec::new();
        validation::check_dossier(&d, &self.policy, &ids, &mut all);
        crate::context::check_dossier_divisions(&d, &mut all);
        let (errors, w) = split(all);
        if !errors.is_empty() {
            return Err(errors);
        }
        warnings.extend(w);
        Ok((d, warnings))
    }

    fn chapters_2_3(&self, d: &Dossier) -> (Applicability, Vec<DutyLine>, Vec<Issue>) {
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

    /// Art. 2: a unit outside the measures is neither assessed nor held to account (api.md, "Scope"):
    /// `score` and `toReach` answer this error at `/unit/kind`.
    fn outside_scope(d: &Dossier) -> Option<Issue> {
        let app = duties::applicability(d.unit.kind);
        (app.applies == Applies::None).then(|| {
            Issue::error(
                Code::OutsideScope,
                "/unit/kind",
                format!("“{}”类单位不在本办法适用范围内，不作考核评价", d.unit.kind.as_str()),
                format!(
                    "a unit of kind “{}” is outside the measures: it is not assessed",
                    d.unit.kind.as_str()
                ),
            )
            .with_basis(app.basis)
        })
    }

    /// Everything but rewards: the findings, the ladder (with 25.4 once the score is known), the score.
    fn assess(&self, d: &Dossier, findings: usize) -> (Option<Assessment>, Accountability, Vec<Issue>) {
        let p = &self.policy;
        if Self::outside_scope(d).is_some() {
            return (None, Accountability::default(), Vec::new());
        }
        let triggers = accountability::triggers(d, p);
        let base = accountability::replay_all(d, p, &triggers);
        let ctx = self.decided_context(d, &base, Some(findings));
        let (assessment, warnings) = match assessment::score_in(d, p, &self.compiled, &ctx) {
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
            || accountability::answer_floor(&accountability) > validation::limits::MAX_ANSWER_BYTES
        {
            return Err(vec![crate::work::answer_too_large(validation::limits::MAX_ANSWER_BYTES)]);
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

    /// Validate the whole dossier, then (rev. 2 `{ at }`) cut it at `at`: every record dated after it
    /// left out, `as_of` = `at`, with a warning that counts what was left out.
    pub fn load_at(&self, v: &Value, at: Option<Date>) -> Result<Loaded, Vec<Issue>> {
        let loaded = self.load(v)?;
        self.cut_at(loaded, at)
    }

    /// [`Engine::load_at`] on JSON text (the one-pass read when the text is clean).
    pub fn load_text_at(&self, text: Option<&str>, at: Option<Date>) -> Result<Loaded, Vec<Issue>> {
        let loaded = self.load_text(text)?;
        self.cut_at(loaded, at)
    }

    /// [`Engine::load_at`] of a dossier given as text or as a value.
    pub fn load_of(&self, src: Source, at: Option<Date>) -> Result<Loaded, Vec<Issue>> {
        match src {
            Source::Text(t) => self.load_text_at(t, at),
            Source::Value(v) => self.load_at(v, at),
        }
    }

    fn cut_at(
        &self,
        (d, mut warnings): (Dossier, Vec<Issue>),
        at: Option<Date>,
    ) -> Result<Loaded, Vec<Issue>> {
        let Some(at) = at else { return Ok((d, None, warnings)) };
        if at > d.as_of {
            return Err(vec![Issue::error(
                Code::DateAfterAsOf,
                "/options/at",
                format!("回放日期 {} 晚于档案截至日期 {}", at, d.as_of),
                format!("the replay date {} lies after the dossier's as_of {}", at, d.as_of),
            )]);
        }
        let (cut_d, c) = cut::cut(&d, &self.policy, at);
        warnings.push(Issue::warning(
            Code::RecordsLeftOut,
            "",
            format!("按 {} 当日情况回放：晚于该日的 {} 条记录未计入", at, c.left_out),
            format!("replayed as of {}: {} records dated after it were left out", at, c.left_out),
        ));
        Ok((cut_d, Some(c), warnings))
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
    fn score_context(&self, d: &Dossier) -> Context {
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
            duties::counted(&self.chapters_2_3(&cut::cut(d, p, decided).0).2)
        } else {
            findings.unwrap_or_else(|| duties::counted(&self.chapters_2_3(d).2))
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
        if let Some(e) = Self::outside_scope(d) {
            return Err(vec![e]);
        }
        assessment::score_in(d, &self.policy, &self.compiled, &self.score_context(d))
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

    /// The items of an `evaluateMany` batch, after the batch limits (array, at most `MAX_BATCH`).
    pub fn batch<'v>(&self, v: &'v Value) -> Result<&'v [Value], Vec<Issue>> {
        let Value::Array(items) = v else {
            return Err(vec![Issue::error(
                Code::WrongType,
                "",
                "应为档案数组",
                "expected an array of dossiers",
            )]);
        };
        if items.len() > limits::MAX_BATCH {
            return Err(vec![Issue::error(
                Code::TooMany,
                "",
                format!("一次最多 {} 份档案", limits::MAX_BATCH),
                format!("at most {} dossiers per batch", limits::MAX_BATCH),
            )]);
        }
        Ok(items)
    }

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
                    format!("未知等次 {:?}；可用：excellent、good、pass、fail", other.unwrap_or("")),
                    format!("unknown grade {:?}; one of: excellent, good, pass, fail", other.unwrap_or("")),
                )])
            }
        };
        let (d, _, warnings) = self.load_of(src, None)?;
        if let Some(e) = Self::outside_scope(&d) {
            return Err(vec![e]);
        }
        assessment::to_reach(&d, &self.policy, &self.score_context(&d), target).map(|r| (r, warnings))
    }

    /// Art. 19: may this unit or leader be honoured, commended or promoted on `date`, and which bars say no.
    pub fn eligibility_value(&self, dv: &Value, subject: Option<&str>, date: Option<&str>) -> Answer<Value> {
        self.eligibility_value_at(dv, subject, date, None)
    }

    /// `eligibility(dossier, subject, date, { at })`: the answer as the records stood on `at`.
    pub fn eligibility_value_at(
        &self,
        dv: &Value,
        subject: Option<&str>,
        date: Option<&str>,
        at: Option<Date>,
    ) -> Answer<Value> {
        self.eligibility_of(Source::Value(dv), subject, date, at)
    }

    /// `eligibility(dossier, subject, date, { at })` on a dossier given as text or as a value.
    pub fn eligibility_of(
        &self,
        src: Source,
        subject: Option<&str>,
        date: Option<&str>,
        at: Option<Date>,
    ) -> Answer<Value> {
        let Some(day) = date.and_then(Date::parse) else {
            return Err(vec![Issue::error(
                Code::BadDate,
                "",
                "日期须为 YYYY-MM-DD 的真实日期",
                "the date must be a real YYYY-MM-DD date",
            )]);
        };
        let (d, _, mut warnings) = self.load_of(src, at)?;
        let subject = subject.unwrap_or_default();
        let is_unit = subject == d.unit.id;
        if !is_unit && d.leader(subject).is_none() {
            return Err(vec![Issue::error(
                Code::UnknownSubject,
                "",
                format!("“{}”既不是本单位也不是本单位领导", subject),
                format!("“{}” is neither this unit nor one of its leaders", subject),
            )]);
        }
        if day > d.as_of {
            warnings.push(Issue::warning(
                Code::DateAfterAsOf,
                "",
                format!("{} 晚于 as_of {}：尚未发生的升级可能带来新的限制", day, d.as_of),
                format!("{} lies after as_of {}: escalations not yet replayed may add bars", day, d.as_of),
            ));
        }
        let (_, _, findings) = self.chapters_2_3(&d);
        let (_, acc, _) = self.assess(&d, duties::counted(&findings));
        if acc.overflow {
            // The leaders' bars were not all made (issue 12): no answer rather than a wrong one.
            return Err(vec![crate::work::answer_too_large(validation::limits::MAX_ANSWER_BYTES)]);
        }
        let bars: Vec<&Bar> = acc.bars.iter().filter(|b| b.subject == subject && b.covers(day)).collect();
        let free = |w: BarWhat| !bars.iter().any(|b| b.what == w);
        let (honours, commendation, promotion) = if is_unit {
            let h = free(BarWhat::Honours);
            (h, h, Value::Null)
        } else {
            let c = free(BarWhat::Commendation);
            (c, c, Value::Bool(free(BarWhat::Promotion)))
        };
        let why: Vec<Text> = bars
            .iter()
            .map(|b| {
                Text::new(
                    format!("案件 {} 的限制（{} 起至 {} 前）", b.case, b.from, b.until),
                    format!("bar from case {} ({} until {}, exclusive)", b.case, b.from, b.until),
                )
            })
            .collect();
        Ok((
            json!({
                "subject": subject,
                "subject_kind": if is_unit { "unit" } else { "leader" },
                "date": day,
                "honours": honours,
                "commendation": commendation,
                "promotion": promotion,
                "bars": bars,
                "why": why,
                "basis": crate::issue::Basis::zj(19, Some(2), None, "组织人事部门提拔时了解掌握平安工作情况", "organisation departments look at Ping'an work before promoting"),
            }),
            warnings,
        ))
    }
}

/// Pointers of a report made on a cut dossier → pointers into the caller's input.
fn remap_report(r: &mut Report, c: &Cut) {
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

/// What moved between two reports: total, grade, each changed line, cases opened/closed/escalated,
/// awards gained or lost, naming and tripod, duties and findings.
fn changes(b: &Report, a: &Report) -> Vec<Value> {
    let mut out: Vec<Change> = Vec::new();
    match (&b.assessment, &a.assessment) {
        (Some(x), Some(y)) => {
            if x.total != y.total {
                out.push(Change {
                    path: "/assessment/total".into(),
                    what: "total",
                    from: v(&x.total),
                    to: v(&y.total),
                });
            }
            if x.grade != y.grade {
                out.push(Change {
                    path: "/assessment/grade".into(),
                    what: "grade",
                    from: v(&x.grade),
                    to: v(&y.grade),
                });
            }
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
        if px.named != py.named {
            out.push(Change {
                path: "/rewards/pingan/named".into(),
                what: "named",
                from: v(&px.named),
                to: v(&py.named),
            });
        }
        if px.streak != py.streak {
            out.push(Change {
                path: "/rewards/pingan/streak".into(),
                what: "streak",
                from: v(&px.streak),
                to: v(&py.streak),
            });
        }
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
    if b.findings.len() != a.findings.len() {
        out.push(Change {
            path: "/findings".into(),
            what: "findings",
            from: v(&b.findings.len()),
            to: v(&a.findings.len()),
        });
    }
    out.into_iter().map(|c| v(&c)).collect()
}

/// The `whatIf` answer, serialised straight into the (capped) answer text.
#[derive(Serialize)]
pub struct WhatIf {
    pub before: Report,
    pub after: Report,
    pub changes: Vec<Value>,
}

/// A dossier validated once, for the what-if slider path: `score_with` changes one indicator input and
/// re-scores without parsing or re-validating the rest (art. 18 scoring only; the ladder and findings are
/// those of the prepared dossier).
pub struct Prepared {
    engine: Engine,
    /// The dossier as given: its text (parsed to a value only when a `whatIf` patch needs one) or value.
    text: Option<String>,
    value: Option<Value>,
    /// The fingerprint's input hash.
    hash: u64,
    dossier: Dossier,
    /// Set when prepared `{ at }` an earlier date.
    cut: Option<Cut>,
    ctx: Context,
    warnings: Vec<Issue>,
    before: Option<Report>,
    slider: Option<Slider>,
}

/// The slider's state: the prepared score, what each indicator line earned (scheme order, so line `k`
/// of the score is indicator `k`), which indicators are `n/a`, and the scheme's numbers as integers.
struct Slider {
    compiled: assessment::Compiled,
    full: Assessment,
    earned: Vec<assessment::Earned>,
    na: Vec<bool>,
}

/// The input of a move, owned.
enum Moved_ {
    Result(crate::model::Input),
    Process(String),
}

impl Moved_ {
    fn as_given(&self) -> assessment::Given<'_> {
        match self {
            Moved_::Result(i) => assessment::Given::Result(Some(i)),
            Moved_::Process(g) => assessment::Given::Process(Some(g)),
        }
    }
}

/// What a move changed: the lines re-scored (indicator index, earned) and the new totals.
struct Moved {
    k: usize,
    given: Moved_,
    changed: Vec<(usize, assessment::Earned)>,
    base: i64,
    total: Points,
    by_score: Grade,
}

fn arith_error() -> Vec<Issue> {
    vec![Issue::error(
        Code::Arithmetic,
        "/assessment",
        "数值超出可精确计算的范围",
        "numbers outside the range that can be computed exactly",
    )]
}

impl Engine {
    pub fn prepare(&self, v: &Value) -> Result<Prepared, Vec<Issue>> {
        self.prepare_at(v, None)
    }

    /// `prepare(dossier, { at })`: the prepared dossier is the one cut at `at`.
    pub fn prepare_at(&self, v: &Value, at: Option<Date>) -> Result<Prepared, Vec<Issue>> {
        self.prepare_of(Source::Value(v), at)
    }

    /// `prepare(dossier, { at })` of a dossier given as text or as a value.
    pub fn prepare_of(&self, src: Source, at: Option<Date>) -> Result<Prepared, Vec<Issue>> {
        let (d, cut, warnings) = self.load_of(src, at)?;
        let ctx = self.score_context(&d);
        let (text, value) = match src {
            Source::Text(t) => (t.map(String::from), None),
            Source::Value(v) => (None, Some(v.clone())),
        };
        Ok(Prepared {
            engine: self.clone(),
            text,
            value,
            hash: src.hash(),
            dossier: d,
            cut,
            ctx,
            warnings,
            before: None,
            slider: None,
        })
    }
}

impl Prepared {
    pub fn warnings(&self) -> &[Issue] {
        &self.warnings
    }

    pub fn score(&self) -> Result<Assessment, Vec<Issue>> {
        if let Some(e) = Engine::outside_scope(&self.dossier) {
            return Err(vec![e]);
        }
        assessment::score_in(&self.dossier, &self.engine.policy, &self.engine.compiled, &self.ctx)
    }

    /// Score with one input replaced: a result indicator (number or `"n/a"`) or a process grade. The
    /// contract v1 answer, made incrementally (see [`Prepared::slide`]).
    pub fn score_with(&mut self, indicator: &str, input: &Value) -> Result<Assessment, Vec<Issue>> {
        let moved = self.slide(indicator, input)?;
        let p = Rc::clone(&self.engine.policy);
        let (Some(s), Some(a)) = (&self.slider, &self.dossier.assessment) else { return Err(arith_error()) };
        let mut out = s.full.clone();
        for (k, e) in moved.changed {
            let (Some(ind), Some(line)) = (p.scheme.indicators.get(k), out.lines.get_mut(k)) else {
                return Err(arith_error());
            };
            let given = if k == moved.k { moved.given.as_given() } else { assessment::Given::of(ind, a) };
            *line = assessment::indicator_line(&p, ind, given, e);
        }
        out.base = Points(moved.base);
        out.total = moved.total;
        out.grade_by_score = moved.by_score;
        out.grade = if out.vetoed { Grade::Fail } else { moved.by_score };
        Ok(out)
    }

    /// [`Prepared::score_with`] as the compact answer: ids and numbers only.
    pub fn score_with_compact(
        &mut self,
        indicator: &str,
        input: &Value,
    ) -> Result<CompactScore<'_>, Vec<Issue>> {
        let moved = self.slide(indicator, input)?;
        let Some(s) = &self.slider else { return Err(arith_error()) };
        let mut c = CompactScore::of(&s.full);
        for (k, e) in moved.changed {
            if let Some(l) = c.lines.get_mut(k) {
                l.points = Points(e.points);
                l.weight = e.weight;
                l.derived = e.grade.is_some_and(|(_, d)| d);
            }
        }
        c.base = Points(moved.base);
        c.total = moved.total;
        c.grade_by_score = moved.by_score;
        c.grade = if c.vetoed { Grade::Fail } else { moved.by_score };
        Ok(c)
    }

    /// The prepared dossier's own score as the compact answer.
    pub fn score_compact(&mut self) -> Result<CompactScore<'_>, Vec<Issue>> {
        self.slider()?;
        self.slider.as_ref().map(|s| CompactScore::of(&s.full)).ok_or_else(arith_error)
    }

    /// The slider's state, made on first use: the prepared score and what each indicator line earned.
    fn slider(&mut self) -> Result<(), Vec<Issue>> {
        if self.slider.is_some() {
            return Ok(());
        }
        let p = Rc::clone(&self.engine.policy);
        let compiled = (*self.engine.compiled).clone();
        let full = assessment::score_in(&self.dossier, &p, &compiled, &self.ctx)?;
        let Some(a) = &self.dossier.assessment else { return Err(vec![validation::required("/assessment")]) };
        let na: Vec<bool> = (0..p.scheme.indicators.len()).map(|k| assessment::is_na(&p, a, k)).collect();
        let mut earned = Vec::with_capacity(na.len());
        for (k, ind) in p.scheme.indicators.iter().enumerate() {
            let spread = self.spread(&compiled, ind.kind, &na, None)?;
            earned.push(assessment::earned(
                &p,
                &compiled,
                k,
                assessment::Given::of(ind, a),
                spread,
                self.ctx.findings,
            )?);
        }
        self.slider = Some(Slider { compiled, full, earned, na });
        Ok(())
    }

    /// The weight spreading of a kind, with indicator `k`'s `n/a` status replaced when `over` says so.
    fn spread(
        &self,
        c: &assessment::Compiled,
        kind: crate::policy::IndicatorKind,
        na: &[bool],
        over: Option<(usize, bool)>,
    ) -> Result<crate::exact::Ratio, Vec<Issue>> {
        let is_na = |k: usize, _: &crate::policy::Indicator| match over {
            Some((j, v)) if j == k => v,
            _ => na.get(k).copied().unwrap_or(false),
        };
        assessment::spread_in(&self.engine.policy, c, kind, is_na).ok_or_else(arith_error)
    }

    /// One slider move (issue 15 item 4): the input is checked on its own (the rest of the dossier was
    /// validated when prepared; a move that fails the quick check gets the full check's exact errors),
    /// then only the moved line is re-scored from the integers kept — or, when the move turns its
    /// indicator `n/a` or back, every line of its kind (the weights spread anew) — and the totals.
    fn slide(&mut self, indicator: &str, input: &Value) -> Result<Moved, Vec<Issue>> {
        let p = Rc::clone(&self.engine.policy);
        let Some(k) = p.scheme.indicators.iter().position(|i| i.id == indicator) else {
            return Err(vec![Issue::error(
                Code::UnknownField,
                "",
                format!("政策中没有指标“{}”", indicator),
                format!("the policy has no indicator “{}”", indicator),
            )]);
        };
        let Some(ind) = p.scheme.indicators.get(k) else { return Err(arith_error()) };
        if self.dossier.assessment.is_none() {
            return Err(vec![validation::required("/assessment")]);
        }
        if !self.quick_check(k, input) {
            let errors = self.full_check(indicator, input);
            if !errors.is_empty() {
                return Err(errors);
            }
        }
        if let Some(e) = Engine::outside_scope(&self.dossier) {
            return Err(vec![e]);
        }
        self.slider()?;
        let given = match (ind.kind, input) {
            (crate::policy::IndicatorKind::Result, Value::Number(n)) => {
                Moved_::Result(crate::model::Input::Number(n.as_f64().unwrap_or(0.0)))
            }
            (crate::policy::IndicatorKind::Result, Value::String(t)) => {
                Moved_::Result(crate::model::Input::Text(t.clone()))
            }
            (_, Value::String(g)) => Moved_::Process(g.clone()),
            _ => return Err(arith_error()),
        };
        let (Some(s), Some(a)) = (&self.slider, &self.dossier.assessment) else { return Err(arith_error()) };
        let new_na = match &given {
            Moved_::Result(i) => *i == crate::model::Input::Text("n/a".into()),
            Moved_::Process(g) => g == "n/a",
        };
        let old_na = s.na.get(k).copied().unwrap_or(false);
        let spread = self.spread(&s.compiled, ind.kind, &s.na, Some((k, new_na)))?;
        let mut changed = Vec::new();
        let findings = self.ctx.findings;
        if new_na == old_na {
            changed.push((k, assessment::earned(&p, &s.compiled, k, given.as_given(), spread, findings)?));
        } else {
            for (j, other) in p.scheme.indicators.iter().enumerate().filter(|(_, i)| i.kind == ind.kind) {
                let g = if j == k { given.as_given() } else { assessment::Given::of(other, a) };
                changed.push((j, assessment::earned(&p, &s.compiled, j, g, spread, findings)?));
            }
        }
        let mut base: i64 = s.earned.iter().map(|e| e.points).sum();
        for (j, e) in &changed {
            base += e.points - s.earned.get(*j).map_or(0, |x| x.points);
        }
        let total = Points((base + s.full.bonus.0 - s.full.deductions.0).max(0));
        Ok(Moved { k, given, changed, base, total, by_score: assessment::band(&p, total) })
    }

    /// Does the move certainly pass the full check? (A number in range at most `MAX_SCALE` places, or
    /// `"n/a"`, for a result; a grade of the scheme, or `"n/a"`, for a process indicator; never the last
    /// given indicator of its kind turned `n/a`.) `false` only sends the move to the full check.
    fn quick_check(&self, k: usize, input: &Value) -> bool {
        let p = &self.engine.policy;
        let Some(ind) = p.scheme.indicators.get(k) else { return false };
        let Some(a) = &self.dossier.assessment else { return false };
        let na = match (ind.kind, input) {
            (crate::policy::IndicatorKind::Result, Value::Number(n)) => {
                let Some(x) = n.as_f64() else { return false };
                if crate::exact::Decimal::from_f64(x).is_err() || !(-1e9..=1e9).contains(&x) {
                    return false;
                }
                false
            }
            (crate::policy::IndicatorKind::Result, Value::String(t)) if t == "n/a" => true,
            (crate::policy::IndicatorKind::Process, Value::String(g)) if g == "n/a" => true,
            (crate::policy::IndicatorKind::Process, Value::String(g)) => {
                if !p.scheme.grades.iter().any(|s| &s.grade == g) {
                    return false;
                }
                false
            }
            _ => return false,
        };
        // Turning it `n/a` must leave another indicator of its kind given (the derived one, absent,
        // counts as given).
        !na || p.scheme.indicators.iter().enumerate().any(|(j, other)| {
            j != k
                && other.kind == ind.kind
                && match other.kind {
                    crate::policy::IndicatorKind::Result => a
                        .indicators
                        .get(&other.id)
                        .is_some_and(|v| *v != crate::model::Input::Text("n/a".into())),
                    crate::policy::IndicatorKind::Process => a
                        .process
                        .get(&other.id)
                        .map_or(other.id == p.scheme.derived.indicator, |g| g != "n/a"),
                }
        })
    }

    /// The errors of a move, as the full check finds them: the input's shape, then the assessment with
    /// the input in place against the policy (warnings dropped).
    fn full_check(&self, indicator: &str, input: &Value) -> Vec<Issue> {
        let p = &self.engine.policy;
        let (Some(ind), Some(original)) =
            (p.scheme.indicators.iter().find(|i| i.id == indicator), &self.dossier.assessment)
        else {
            return arith_error();
        };
        let mut changed = original.clone();
        let mut errors = Vec::new();
        let section = match ind.kind {
            crate::policy::IndicatorKind::Result => "indicators",
            crate::policy::IndicatorKind::Process => "process",
        };
        let path = crate::issue::ptr(&crate::issue::ptr("/assessment", section), indicator);
        let ty = match ind.kind {
            crate::policy::IndicatorKind::Result => validation::Ty::NumOrNa(-1e9, 1e9),
            crate::policy::IndicatorKind::Process => validation::Ty::Text,
        };
        validation::check_shape(input, &ty, &path, &mut errors);
        if !errors.is_empty() {
            return errors;
        }
        match (ind.kind, input) {
            (crate::policy::IndicatorKind::Result, Value::Number(n)) => {
                changed
                    .indicators
                    .insert(indicator.to_string(), crate::model::Input::Number(n.as_f64().unwrap_or(0.0)));
            }
            (crate::policy::IndicatorKind::Result, Value::String(s)) => {
                changed.indicators.insert(indicator.to_string(), crate::model::Input::Text(s.clone()));
            }
            (_, Value::String(g)) => {
                changed.process.insert(indicator.to_string(), g.clone());
            }
            _ => {}
        }
        validation::check_assessment(&changed, p, "/assessment", &mut errors);
        errors.retain(|i| i.severity == Severity::Error);
        errors
    }

    /// `whatIf` against the prepared dossier: the "before" report is computed once and kept.
    pub fn what_if(&mut self, patch: &Value) -> Answer<WhatIf> {
        let before = match &self.before {
            Some(b) => b.clone(),
            None => {
                let (mut b, _) = self.engine.evaluate(&self.dossier, self.hash)?;
                if let Some(c) = &self.cut {
                    remap_report(&mut b, c);
                }
                self.before = Some(b.clone());
                b
            }
        };
        if self.value.is_none() {
            self.value = Some(validation::parse_json(self.text.as_deref(), limits::MAX_INPUT_BYTES)?);
        }
        let value = self.value.as_ref().ok_or_else(unreadable)?;
        let after_v = crate::patch::apply(value, patch)?;
        let (after_d, after_cut, warnings) =
            self.engine.load_at(&after_v, self.cut.as_ref().map(|c| c.at))?;
        // An empty patch leaves the input as it was, fingerprint included.
        let hash = if patch.as_array().is_some_and(Vec::is_empty) { self.hash } else { value_hash(&after_v) };
        let (mut after, _) = self.engine.evaluate(&after_d, hash)?;
        if let Some(c) = &after_cut {
            remap_report(&mut after, c);
        }
        let changes = changes(&before, &after);
        Ok((WhatIf { before, after, changes }, warnings))
    }
}
