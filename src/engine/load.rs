//! A dossier or record in: `validate` (the shape walk, the record context, the cross-record rules) and
//! `load` (the one-pass typed read, or the tolerant walk with every error at once), cut at a date
//! (`{ at }`), and the items of a batch.

use super::{load_policy, split, unreadable, Answer, Engine, Kind, Loaded, Source};
use crate::accountability;
use crate::cut;
use crate::date::Date;
use crate::issue::{Code, Issue, Severity};
use crate::limits;
use crate::model::Dossier;
use crate::validation;
use serde_json::Value;

impl Engine {
    /// The record as the engine reads it: the portal's dictionary codes mapped, blank optional fields
    /// (an untouched form input, `""`) dropped.
    fn normalised<'a>(&self, v: &'a Value, ty: &crate::shape::Ty) -> std::borrow::Cow<'a, Value> {
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
            // `load_raw`, not `load`: `validate_in` relabels once for every kind.
            return match self.load_raw(v) {
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
        let ids: Vec<crate::model::CaseId> =
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
        let ids: Vec<crate::model::CaseId> =
            accountability::triggers(&d, &self.policy).into_iter().map(|t| t.id).collect();
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
}
