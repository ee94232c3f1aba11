//! The dossier: one unit, one year (api.md "The dossier"). Typed records with the vocabularies of
//! regulation.md. These types are only built from input that `validation` has already accepted, so
//! their serde derives never see a shape they do not expect.

use crate::date::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

macro_rules! vocab {
    ($(#[$m:meta])* $name:ident, $all:ident { $($v:ident => $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($v),* }
        /// Every value, as it appears in JSON.
        pub const $all: &[&str] = &[$($s),*];
        impl $name {
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),* } }
        }
    };
}

vocab!(
    /// What kind of body a unit is: decides applicability (art. 2).
    UnitKind, UNIT_KINDS {
    Locality => "locality", Party => "party", Congress => "congress", Administrative => "administrative",
    Cppcc => "cppcc", Court => "court", Procuratorate => "procuratorate", PeopleOrg => "people_org",
    PublicInstitution => "public_institution", Soe => "soe", PrivateEnterprise => "private_enterprise",
    SocialOrganization => "social_organization", Other => "other",
});

vocab!(
    /// Levels of the locality tree (art. 3: "上一级" is the parent).
    Level, LEVELS { Province => "province", City => "city", County => "county", Township => "township" });

vocab!(
    /// A leader's role under art. 7–9.
    Role, ROLES { Principal => "principal", InCharge => "in_charge", Member => "member" });

vocab!(
    /// Art. 25 incident categories (items 2 and 3 name all seven).
    Category, CATEGORIES {
    NationalSecurity => "national_security", MassIncident => "mass_incident", CriminalCase => "criminal_case",
    EconomicOrder => "economic_order", SafetyAccident => "safety_accident", PublicSafety => "public_safety",
    CyberSecurity => "cyber_security",
});

vocab!(
    /// Incident severity (一般/较大/重大/特别重大).
    Severity, SEVERITIES {
    General => "general", Larger => "larger", Major => "major", EspeciallyMajor => "especially_major" });

vocab!(
    /// The assessor's judgement of harm or impact (art. 28).
    Impact, IMPACTS { Severe => "severe", EspeciallySevere => "especially_severe" });

vocab!(
    /// Dated activities that evidence the duties of art. 5–14.
    ActivityType, ACTIVITY_TYPES {
    TeamMeeting => "team_meeting", SpecialResearch => "special_research",
    SituationAnalysis => "situation_analysis", Handover => "handover", DutyReport => "duty_report",
    AnnualSummary => "annual_summary", OnScene => "on_scene", ReportToPrincipal => "report_to_principal",
    RiskAssessment => "risk_assessment", EmergencyResponse => "emergency_response",
    AnnualPlan => "annual_plan", AssessmentRules => "assessment_rules", SpecialCampaign => "special_campaign",
    LeaderCase => "leader_case", RiskScreening => "risk_screening", InternalSecurity => "internal_security",
    PlenaryReport => "plenary_report", Supervision => "supervision", Other => "other",
});

/// Whom the leading group's yearly summary is reported to (art. 14(2)): the same-level party committee,
/// the same-level government and the leading group one level up. Kept as text in the record (the shape
/// table checks the vocabulary), which spares the module a second enum-list deserializer.
pub const RECIPIENTS: &[&str] = &["party_committee", "government", "superior_leading_group"];

/// Posts that the leading group's office director may hold (art. 5 para 2: 副书记兼任主任). Our reading
/// accepts both senses of 副书记: the party committee's deputy secretary and the political-legal
/// committee's deputy secretary (Zhejiang practice: 政法委副书记兼平安办主任).
pub const OFFICE_DIRECTOR_POSTS: &[&str] = &["deputy_party_secretary", "political_legal_deputy_secretary"];

vocab!(
    /// Inspection findings (art. 15–16); `serious_disorder` is the art. 25(1) trigger.
    Finding, FINDINGS { Issue => "issue", SeriousDisorder => "serious_disorder" });

vocab!(Concern, CONCERNS { Strong => "strong", Moderate => "moderate", Low => "low" });

vocab!(
    /// What a case record alleges (art. 26, last sentences).
    Alleges, ALLEGES { Violation => "violation", Crime => "crime" });

vocab!(CircumstanceKind, CIRCUMSTANCE_KINDS { Aggravating => "aggravating", Mitigating => "mitigating" });

vocab!(
    CircumstanceWhat, CIRCUMSTANCE_WHATS {
    Obstruction => "obstruction", Concealment => "concealment", Falsification => "falsification",
    Retaliation => "retaliation", PromptAction => "prompt_action", Cooperation => "cooperation", Other => "other",
});

vocab!(
    /// Grade bands of the assessment.
    Grade, GRADES { Excellent => "excellent", Good => "good", Pass => "pass", Fail => "fail" });

vocab!(
    /// Awards of art. 23.
    Award, AWARDS {
    Commendation => "commendation", ThirdClassMerit => "third_class_merit", SecondClassMerit => "second_class_merit" });

vocab!(
    /// The four "同" of art. 6 / 9(1).
    Together, TOGETHER { Planning => "planning", Deployment => "deployment", Inspection => "inspection",
    Implementation => "implementation" });

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Unit {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub kind: UnitKind,
    #[serde(default)]
    pub level: Option<Level>,
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Locality {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub level: Level,
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Leader {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub post: Option<String>,
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub since: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
}

impl Leader {
    /// In post on `day`: `since` ≤ day ≤ `until` (both inclusive; `until` is the last day in post, and an
    /// absent bound is open).
    pub fn in_post_on(&self, day: Date) -> bool {
        self.since.map_or(true, |s| s <= day) && self.until.map_or(true, |u| day <= u)
    }

    /// Days in post within `[start, end]` (inclusive), 0 when the tenure misses the span.
    pub fn days_in_post(&self, start: Date, end: Date) -> u32 {
        let from = self.since.map_or(start, |s| s.max(start));
        let to = self.until.map_or(end, |u| u.min(end));
        let n = from.days_until(to) + 1;
        n.clamp(0, 400) as u32
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, Default)]
pub struct LeadingGroup {
    #[serde(default)]
    pub leader: Option<String>,
    #[serde(default)]
    pub deputies: Vec<String>,
    #[serde(default)]
    pub office_in: Option<String>,
    #[serde(default)]
    pub budget_line: Option<bool>,
    /// Art. 5 para 2: the office's director (a leader id), a deputy secretary (副书记兼任主任).
    #[serde(default)]
    pub office_director: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: ActivityType,
    pub date: Date,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub incident: Option<String>,
    #[serde(default)]
    pub covers_pingan: Option<bool>,
    #[serde(default)]
    pub includes_plan: Option<bool>,
    #[serde(default)]
    pub four_together: Vec<Together>,
    /// Art. 14(1): a member unit's duty report made to the same-level leading group.
    #[serde(default)]
    pub to_leading_group: Option<bool>,
    /// Art. 14(2): whom an `annual_summary` of a locality's leading group was reported to.
    #[serde(default)]
    pub reported_to: Vec<String>,
}

/// A decision of the unit (art. 7(4), 8(5), 9(2)): a major one needs a social-stability risk assessment
/// (稳评) dated on or before the decision.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Decision {
    pub id: String,
    pub date: Date,
    pub major: bool,
    #[serde(default)]
    pub assessed_on: Option<Date>,
    /// The domain the decision falls in (attaches the member of art. 9(2) whose domains include it).
    #[serde(default)]
    pub domain: Option<String>,
    /// The leader who proposed or owns the decision (attaches that member under art. 9(2) too).
    #[serde(default)]
    pub by: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, Default)]
pub struct Signatures {
    #[serde(default)]
    pub superior: Vec<String>,
    #[serde(default)]
    pub subordinate: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Target {
    #[serde(default)]
    pub metric: String,
    #[serde(default)]
    pub target: Option<f64>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Letter {
    pub id: String,
    pub year: i32,
    pub superior: String,
    pub subordinate: String,
    pub date: Date,
    #[serde(default)]
    pub signed_by: Signatures,
    #[serde(default)]
    pub targets: Vec<Target>,
}

/// An indicator input: a number, or `"n/a"` (weight spread over the rest of its kind, api.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Input {
    Number(f64),
    Text(String),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BonusItem {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub item: String,
    pub points: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize, Default)]
pub struct AssessmentInput {
    #[serde(default)]
    pub decided_on: Option<Date>,
    #[serde(default)]
    pub indicators: BTreeMap<String, Input>,
    #[serde(default)]
    pub process: BTreeMap<String, String>,
    #[serde(default)]
    pub bonus: Vec<BonusItem>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Incident {
    pub id: String,
    pub date: Date,
    pub category: Category,
    pub severity: Severity,
    #[serde(default)]
    pub locality: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub impact: Option<Impact>,
    #[serde(default)]
    pub alleges: Option<Alleges>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Inspection {
    pub id: String,
    pub date: Date,
    pub finding: Finding,
    #[serde(default)]
    pub rectified: bool,
    #[serde(default)]
    pub alleges: Option<Alleges>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Hotspot {
    pub id: String,
    pub date: Date,
    pub public_concern: Concern,
    #[serde(default = "yes")]
    pub effective_measures: bool,
    #[serde(default)]
    pub rebound: bool,
    #[serde(default)]
    pub alleges: Option<Alleges>,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Referral {
    pub id: String,
    pub date: Date,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub alleges: Option<Alleges>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Rectification {
    pub case: String,
    pub accepted_on: Date,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Circumstance {
    pub case: String,
    pub kind: CircumstanceKind,
    #[serde(default = "other_what")]
    pub what: CircumstanceWhat,
}

fn other_what() -> CircumstanceWhat {
    CircumstanceWhat::Other
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PastAssessment {
    pub year: i32,
    pub grade: Grade,
    #[serde(default)]
    pub vetoed: bool,
    /// That year's total points, when known: the province view shows the change against it (issue 16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Merit {
    pub cycle: i32,
    pub award: Award,
}

#[derive(Clone, Debug, Serialize, Deserialize, Default)]
pub struct History {
    #[serde(default)]
    pub assessments: Vec<PastAssessment>,
    #[serde(default)]
    pub advanced_unit_cycles: Vec<i32>,
    #[serde(default)]
    pub merits: Vec<Merit>,
    #[serde(default)]
    pub pingan_named: Vec<i32>,
    #[serde(default)]
    pub pingan_work_since: Option<i32>,
    #[serde(default)]
    pub outstanding_contribution: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Dossier {
    pub as_of: Date,
    pub year: i32,
    pub unit: Unit,
    #[serde(default)]
    pub localities: Vec<Locality>,
    #[serde(default)]
    pub leaders: Vec<Leader>,
    #[serde(default)]
    pub leading_group: Option<LeadingGroup>,
    #[serde(default)]
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub letters: Vec<Letter>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub assessment: Option<AssessmentInput>,
    #[serde(default)]
    pub incidents: Vec<Incident>,
    #[serde(default)]
    pub inspections: Vec<Inspection>,
    #[serde(default)]
    pub hotspots: Vec<Hotspot>,
    #[serde(default)]
    pub referrals: Vec<Referral>,
    #[serde(default)]
    pub rectifications: Vec<Rectification>,
    #[serde(default)]
    pub circumstances: Vec<Circumstance>,
    #[serde(default)]
    pub history: History,
    /// Lookups built on first use (issue 12: no linear scan per record); never part of the JSON.
    #[serde(skip)]
    pub lookups: Lookups,
}

/// Per-dossier indices, built once on first use.
#[derive(Clone, Debug, Default)]
pub struct Lookups {
    within: std::cell::OnceCell<std::collections::BTreeSet<String>>,
    leaders: std::cell::OnceCell<std::collections::BTreeMap<String, usize>>,
}

impl Dossier {
    /// First and last day of the dossier's calendar year (counting for findings is per calendar year).
    pub fn year_span(&self) -> (Date, Date) {
        let start = Date::from_ymd(self.year, 1, 1).unwrap_or(self.as_of);
        let end = Date::from_ymd(self.year, 12, 31).unwrap_or(self.as_of);
        (start, end)
    }

    pub fn in_year(&self, d: Date) -> bool {
        d.year() == self.year
    }

    pub fn leader(&self, id: &str) -> Option<&Leader> {
        self.leader_index(id).and_then(|i| self.leaders.get(i))
    }

    /// The first leader with this id (ids are unique once validated).
    pub fn leader_index(&self, id: &str) -> Option<usize> {
        let map = self.lookups.leaders.get_or_init(|| self.leaders.iter().enumerate().rev().map(|(i, l)| (l.id.clone(), i)).collect());
        map.get(id).copied()
    }

    /// Is `loc` the unit itself or below it in the locality tree? (art. 4, territorial attribution)
    /// The walk up the tree stops after 64 levels (a cycle of parents is never within). The set of
    /// localities within the unit is computed once per dossier.
    pub fn within_unit(&self, loc: &str) -> bool {
        if loc == self.unit.id {
            return true;
        }
        let set = self.lookups.within.get_or_init(|| {
            let parent: std::collections::BTreeMap<&str, Option<&str>> =
                self.localities.iter().rev().map(|l| (l.id.as_str(), l.parent.as_deref())).collect();
            let mut within = std::collections::BTreeSet::new();
            for l in &self.localities {
                let mut cur = Some(l.id.as_str());
                let mut guard = 0;
                while let Some(c) = cur {
                    if c == self.unit.id {
                        within.insert(l.id.clone());
                        break;
                    }
                    guard += 1;
                    if guard > 64 {
                        break;
                    }
                    cur = parent.get(c).copied().flatten();
                }
            }
            within
        });
        set.contains(loc)
    }
}
