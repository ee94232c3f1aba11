//! The prepared handle of the slider: a dossier validated once, each indicator line's exact points kept,
//! re-scored per move (`scoreWith`: only the moved line and the totals).

use super::report::remap_report;
use super::what_if::changes;
use super::{unreadable, value_hash, Answer, Engine, Report, Source, WhatIf};
use crate::assessment::{self, Assessment, CompactScore, Context, Detail};
use crate::cut::Cut;
use crate::date::Date;
use crate::exact::Points;
use crate::issue::{Code, Issue, Severity};
use crate::limits;
use crate::model::{Dossier, Grade, Input};
use crate::validation;
use serde_json::Value;
use std::rc::Rc;

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
    before: Option<std::rc::Rc<Report>>,
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
        assessment::score_in(
            &self.dossier,
            &self.engine.policy,
            &self.engine.compiled,
            &self.ctx,
            Detail::Full,
        )
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
        let full = assessment::score_in(&self.dossier, &p, &compiled, &self.ctx, Detail::Full)?;
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
                Moved_::Result(Input::Number(n.as_f64().unwrap_or(0.0)))
            }
            (crate::policy::IndicatorKind::Result, Value::String(t)) if t == Input::NA => {
                Moved_::Result(Input::NotApplicable)
            }
            // Any other string for a result failed the full check above.
            (crate::policy::IndicatorKind::Result, _) => return Err(arith_error()),
            (_, Value::String(g)) => Moved_::Process(g.clone()),
            _ => return Err(arith_error()),
        };
        let (Some(s), Some(a)) = (&self.slider, &self.dossier.assessment) else { return Err(arith_error()) };
        let new_na = match &given {
            Moved_::Result(i) => *i == Input::NotApplicable,
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
                    crate::policy::IndicatorKind::Result => {
                        a.indicators.get(&other.id).is_some_and(|v| *v != Input::NotApplicable)
                    }
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
            crate::policy::IndicatorKind::Result => crate::shape::Ty::NumOrNa(-1e9, 1e9),
            crate::policy::IndicatorKind::Process => crate::shape::Ty::Text,
        };
        validation::check_shape(input, &ty, &path, &mut errors);
        if !errors.is_empty() {
            return errors;
        }
        match (ind.kind, input) {
            (crate::policy::IndicatorKind::Result, Value::Number(n)) => {
                changed.indicators.insert(indicator.to_string(), Input::Number(n.as_f64().unwrap_or(0.0)));
            }
            (crate::policy::IndicatorKind::Result, Value::String(_)) => {
                // The shape check above admits only "n/a".
                changed.indicators.insert(indicator.to_string(), Input::NotApplicable);
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
            Some(b) => std::rc::Rc::clone(b),
            None => {
                let (mut b, _) = self.engine.evaluate(&self.dossier, self.hash)?;
                if let Some(c) = &self.cut {
                    remap_report(&mut b, c);
                }
                let b = std::rc::Rc::new(b);
                self.before = Some(std::rc::Rc::clone(&b));
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
