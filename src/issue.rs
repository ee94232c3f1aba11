//! Issues, bases and bilingual texts: the vocabulary every module answers in.
//!
//! An [`Issue`] carries a typed [`Code`] (stable across versions: portals key on it), a JSON Pointer into
//! the caller's input, a message in Chinese and English, and the articles it rests on.

use serde::Serialize;
use std::rc::Rc;

/// A human-readable text in both languages of the portals (api.md: every text is `{ zh, en }`). The
/// texts are shared (`Rc<str>`): a basis or a name from the policy is cloned into every line, step and
/// finding that cites it, and a clone costs a count, not a copy.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    pub zh: Rc<str>,
    pub en: Rc<str>,
}

impl Text {
    /// The empty text, shared (allocates nothing): for lines made only to be counted or given compact.
    pub(crate) fn blank() -> Self {
        let e = EMPTY.with(Rc::clone);
        Text { zh: e.clone(), en: e }
    }
    pub fn new(zh: impl Into<Rc<str>>, en: impl Into<Rc<str>>) -> Self {
        Text { zh: zh.into(), en: en.into() }
    }
}

/// `{ zh, en }`. A text held elsewhere too (a policy name or basis cloned into the answer) is marked
/// [`Shared`]: the tape sends it once per module. One made for this answer alone (an incident's line
/// name) is a plain string, so the module's word table does not fill with them.
impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("Text", 2)?;
        if Rc::strong_count(&self.zh) > 1 {
            m.serialize_field("zh", &Shared(&self.zh))?;
            m.serialize_field("en", &Shared(&self.en))?;
        } else {
            m.serialize_field("zh", &*self.zh)?;
            m.serialize_field("en", &*self.en)?;
        }
        m.end()
    }
}

/// A string that recurs from answer to answer (a policy text): a newtype named [`crate::tape::SHARED`],
/// which serde_json writes as the bare string and the tape as a word.
pub(crate) struct Shared<'a>(pub &'a str);

impl Serialize for Shared<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(crate::tape::SHARED, self.0)
    }
}

/// A basis's source: shared text (`zj-lrs` in every basis).
fn shared_str<S: serde::Serializer>(v: &Rc<str>, s: S) -> Result<S::Ok, S::Error> {
    Shared(v).serialize(s)
}

/// An issue's message: plain strings (often made for the one input), not words.
fn plain_text<S: serde::Serializer>(t: &Text, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut m = s.serialize_struct("Text", 2)?;
    m.serialize_field("zh", &*t.zh)?;
    m.serialize_field("en", &*t.en)?;
    m.end()
}

/// From `{ zh, en }` (policy packs; no dossier record holds one).
impl crate::shape::Read for Text {
    fn read(r: &mut crate::shape::Reader<'_>, _: &crate::shape::Ty) -> Option<Self> {
        if r.strict() {
            return None; // no dossier record holds one
        }
        let (mut zh, mut en) = (None, None);
        r.object(|r, k| {
            let slot = match k {
                "zh" => &mut zh,
                "en" => &mut en,
                _ => return r.unknown(),
            };
            if slot.is_some() {
                return None;
            }
            *slot = Some(<Rc<str> as crate::shape::Read>::read(r, &crate::shape::Ty::Text)?);
            Some(())
        })?;
        Some(Text { zh: zh?, en: en? })
    }
}

impl crate::shape::Shape for Text {
    const TY: &'static crate::shape::Ty = &crate::shape::Ty::Bilingual;
}

crate::shape::record! {
    /// Where a decision comes from: a rule (`zj-lrs` for the measures), its article, 款 and 项.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    pub struct Basis as "Basis" {
        /// The rule: `zj-lrs` for the measures.
        #[serde(serialize_with = "shared_str")]
        req source: Rc<str> [id],
        req article: u32 [int(1, 1000)],
        /// 款.
        #[serde(skip_serializing_if = "Option::is_none")]
        opt clause: Option<u32> [int(1, 100)],
        /// 项.
        #[serde(skip_serializing_if = "Option::is_none")]
        opt item: Option<u32> [int(1, 100)],
        /// What the rule says, in our words.
        req summary: Text,
    }
}

thread_local! {
    /// The one copy of the measures' source id that every basis in them shares.
    static MEASURES: Rc<str> = Rc::from(ZJ);
    /// The one empty text the blank bases share.
    static EMPTY: Rc<str> = Rc::from("");
}

/// Source id of the Zhejiang measures themselves.
pub const ZJ: &str = "zj-lrs";

impl Basis {
    /// No basis at all: for lines made only to be counted, never shown (allocates nothing).
    pub(crate) fn blank() -> Self {
        Basis { source: EMPTY.with(Rc::clone), article: 0, clause: None, item: None, summary: Text::blank() }
    }
    /// A basis in the measures whose summary is a policy text (shared, not copied).
    pub fn zj_text(article: u32, clause: Option<u32>, item: Option<u32>, summary: &Text) -> Self {
        Basis { source: MEASURES.with(Rc::clone), article, clause, item, summary: summary.clone() }
    }
    /// A basis in the measures (`zj-lrs`).
    pub fn zj(article: u32, clause: Option<u32>, item: Option<u32>, zh: &str, en: &str) -> Self {
        Basis { source: MEASURES.with(Rc::clone), article, clause, item, summary: Text::new(zh, en) }
    }
    /// A basis in another named rule (a parameter default borrowed from a neighbouring rule).
    pub fn other(
        source: &str,
        article: u32,
        clause: Option<u32>,
        item: Option<u32>,
        zh: &str,
        en: &str,
    ) -> Self {
        Basis { source: source.into(), article, clause, item, summary: Text::new(zh, en) }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($(#[$doc:meta])* $v:ident => $s:literal,)*) => {
        /// Every issue code the library can emit. Stable: portals and acceptance suites match on these strings.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        pub enum Code {
            $($(#[$doc])* #[serde(rename = $s)] $v,)*
        }

        /// Every code's string form.
        pub const CODE_STRS: &[&str] = &[$($s),*];

        impl Code {
            /// The stable string form (the serde name).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$v => $s,)* }
            }
            /// The code of a string form (a policy pack names the finding a duty raises).
            pub fn parse(s: &str) -> Option<Code> {
                match s { $($s => Some(Code::$v),)* _ => None }
            }
        }
    };
}

codes! {
    NotJson => "not_json",
    InputTooLarge => "input_too_large",
    TooDeep => "too_deep",
    Required => "required",
    WrongType => "wrong_type",
    UnknownField => "unknown_field",
    BadEnum => "bad_enum",
    BadDate => "bad_date",
    DateAfterAsOf => "date_after_as_of",
    DateOrder => "date_order",
    OutOfRange => "out_of_range",
    TooManyDecimals => "too_many_decimals",
    TooLong => "too_long",
    TooMany => "too_many",
    DuplicateId => "duplicate_id",
    UnresolvedRef => "unresolved_ref",
    UnknownKind => "unknown_kind",
    YearMismatch => "year_mismatch",
    BadPatch => "bad_patch",
    BadPointer => "bad_pointer",
    PatchTestFailed => "patch_test_failed",
    UnknownSubject => "unknown_subject",
    UnknownGrade => "unknown_grade",
    Arithmetic => "arithmetic",
    PolicyWeights => "policy_weights",
    PolicyResultNotHeavier => "policy_result_not_heavier",
    PolicyBands => "policy_bands",
    PolicyParameter => "policy_parameter",
    PolicyDuplicate => "policy_duplicate",
    PolicyReference => "policy_reference",
    OutsideScope => "outside_scope",
    RecordsLeftOut => "records_left_out",
    /// The answer would exceed `limits::MAX_ANSWER_BYTES` of JSON text (issue 12; rev. 2 of api.md).
    AnswerTooLarge => "answer_too_large",
    /// Text holding an unpaired UTF-16 surrogate (`JSON.stringify` writes it as `\ud800`), at its field.
    LoneSurrogate => "lone_surrogate",
    NoPrincipal => "no_principal",
    NoInCharge => "no_in_charge",
    MemberWithoutDomain => "member_without_domain",
    TooFewMeetings => "too_few_meetings",
    NoPrincipalResearch => "no_principal_research",
    NoInChargeResearch => "no_in_charge_research",
    TooFewAnalyses => "too_few_analyses",
    AbsentFromScene => "absent_from_scene",
    NoHandover => "no_handover",
    LeadingGroupComposition => "leading_group_composition",
    OfficePlacement => "office_placement",
    NoBudgetLine => "no_budget_line",
    NoLeadingGroup => "no_leading_group",
    NoLetter => "no_letter",
    LetterSignatory => "letter_signatory",
    LetterNoTargets => "letter_no_targets",
    NoDutyReport => "no_duty_report",
    NoAnnualSummary => "no_annual_summary",
    FourTogetherIncomplete => "four_together_incomplete",
    OfficeDirector => "office_director",
    NoPlenaryReport => "no_plenary_report",
    NoGroupReport => "no_group_report",
    SummaryNotReported => "summary_not_reported",
    NoStabilityAssessment => "no_stability_assessment",
    UnmetDuty => "unmet_duty",
    InspectionInput => "inspection_input",
    AwardWithheld => "award_withheld",
    PraiseWithheld => "praise_withheld",
    /// A locality id shaped like a GB/T 2260 division code that does not agree with its level or parent
    /// (a warning; issue 14.5).
    DivisionCode => "division_code",
}

impl crate::shape::Read for Code {
    fn read(r: &mut crate::shape::Reader<'_>, _: &crate::shape::Ty) -> Option<Self> {
        Code::parse(&r.string()?)
    }
}

impl crate::shape::Shape for Code {
    const TY: &'static crate::shape::Ty = &crate::shape::Ty::Enum(CODE_STRS);
}

/// One problem or observation, located by a JSON Pointer into the caller's input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub code: Code,
    pub severity: Severity,
    pub path: String,
    #[serde(serialize_with = "plain_text")]
    pub message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<Basis>,
}

impl Issue {
    pub fn error(code: Code, path: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Issue {
            code,
            severity: Severity::Error,
            path: path.into(),
            message: Text::new(zh.into(), en.into()),
            basis: Vec::new(),
        }
    }
    pub fn warning(
        code: Code,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Issue {
            code,
            severity: Severity::Warning,
            path: path.into(),
            message: Text::new(zh.into(), en.into()),
            basis: Vec::new(),
        }
    }
    pub fn with_basis(mut self, basis: Basis) -> Self {
        self.basis.push(basis);
        self
    }
}

// JSON Pointers (RFC 6901): the one place that writes and reads them. Every path in an Issue or a
// Change is built with `ptr` (or `push_token`), so an id containing `/` or `~` is always escaped.

/// Input quoted in a message: at most `max` characters, then "…" (a hostile value cannot make the
/// message as long as itself).
pub fn short(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", s.get(..end).unwrap_or_default()),
        None => s.to_string(),
    }
}

/// `base` + `/token`, the token escaped.
pub fn ptr(base: &str, token: impl std::fmt::Display) -> String {
    let mut out = String::from(base);
    push_token(&mut out, &token.to_string());
    out
}

/// Append `/token` to a pointer being built, the token escaped (RFC 6901: `~` → `~0`, `/` → `~1`); returns the length before, for truncating back.
pub fn push_token(path: &mut String, token: &str) -> usize {
    let len = path.len();
    path.push('/');
    for c in token.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
    len
}

/// RFC 6901 pointer → unescaped reference tokens (`~1` → `/` first, then `~0` → `~`).
pub fn pointer_segments(p: &str) -> Vec<String> {
    if p.is_empty() {
        return Vec::new();
    }
    p.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_counts_characters_and_marks_the_cut() {
        assert_eq!(super::short("平安建设", 4), "平安建设");
        assert_eq!(super::short("平安建设综治", 4), "平安建设…");
        assert_eq!(super::short("", 0), "");
        assert_eq!(super::short("ab", 0), "…");
    }
}
