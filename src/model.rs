//! The dossier: one unit, one year (api.md "The dossier"). Typed records with the vocabularies of
//! regulation.md. These types are only built from input that `validation` has already accepted, so
//! their serde derives never see a shape they do not expect.

use crate::date::Date;
use crate::shape::record;
use serde::Serialize;
use std::collections::BTreeMap;

pub use crate::shape::Label;

/// A case's id (art. 25): `25.<item>/<what opened it>`, e.g. `25.4/2025` for a failed year or
/// `25.2/I1+I2` for a run of incidents. Answered as that text; dossiers refer to it as text
/// (`rectifications[].case`, `circumstances[].case`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct CaseId(String);

impl CaseId {
    /// The case art. 25 item `item` opens on `subject` (a record's id, a year, incident ids joined by `+`).
    pub fn of(item: u32, subject: impl std::fmt::Display) -> CaseId {
        CaseId(format!("25.{}/{}", item, subject))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CaseId {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for CaseId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

/// The label of `value` in `list`, if it is one of its values.
pub fn label_of(list: &'static [Label], value: &str) -> Option<&'static Label> {
    list.iter().find(|l| l.value == value)
}

macro_rules! vocab {
    ($(# $m:tt)* $name:ident, $all:ident $(as $ts:literal)? {
        $($(# $va:tt)* $v:ident => $s:literal, $zh:literal, $en:literal);* $(;)?
    }) => {
        $(# $m)*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name { $($(# $va)* #[serde(rename = $s)] $v),* }
        /// From its JSON string only, without copying it.
        impl $crate::shape::Read for $name {
            fn read(r: &mut $crate::shape::Reader<'_>, _: &$crate::shape::Ty) -> Option<Self> {
                Self::parse(&r.string()?)
            }
        }
        impl $crate::shape::Key for $name {
            fn from_key(s: &str) -> Option<Self> {
                Self::parse(s)
            }
        }
        /// Every value, as it appears in JSON, with its zh/en labels.
        pub const $all: &[Label] = &[$(Label { value: $s, zh: $zh, en: $en }),*];
        impl $name {
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),* } }
            /// The value of its JSON text.
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$v),)* _ => None } }
            /// The Chinese label office staff read.
            pub fn zh(self) -> &'static str { match self { $($name::$v => $zh),* } }
            /// The English label.
            pub fn en(self) -> &'static str { match self { $($name::$v => $en),* } }
        }
        impl $crate::shape::Shape for $name {
            const TY: &'static $crate::shape::Ty = &$crate::shape::Ty::Vocab($all);
        }
        impl $crate::shape::Vocabulary for $name {
            const ALL: &'static [Label] = $all;
            const TS: &'static str = $crate::model::vocab!(@ts $name $($ts)?);
            const DOC: &'static str = $crate::shape::record!(@doc $(# $m)*);
        }
    };
    (@ts $name:ident) => { stringify!($name) };
    (@ts $name:ident $ts:literal) => { $ts };
}
pub(crate) use vocab;

/// A vocabulary of values kept as text in the records (or produced in answers by other modules), with
/// labels: `labels!(NAME { "value", "zh", "en"; … })`.
macro_rules! labels {
    ($(#[$m:meta])* $all:ident { $($s:literal, $zh:literal, $en:literal);* $(;)? }) => {
        $(#[$m])*
        pub const $all: &[Label] = &[$(Label { value: $s, zh: $zh, en: $en }),*];
    };
}

vocab!(
    /// What kind of body a unit is: decides applicability (art. 2).
    UnitKind, UNIT_KINDS {
    Locality => "locality", "地方党委政府", "locality (party committee and government)";
    Party => "party", "党委工作机关", "party organ";
    Congress => "congress", "人大机关", "people's congress";
    Administrative => "administrative", "政府工作部门", "government department";
    Cppcc => "cppcc", "政协机关", "CPPCC";
    Court => "court", "人民法院", "court";
    Procuratorate => "procuratorate", "人民检察院", "procuratorate";
    PeopleOrg => "people_org", "人民团体", "people's organisation";
    PublicInstitution => "public_institution", "事业单位", "public institution";
    Soe => "soe", "国有企业", "state-owned enterprise";
    PrivateEnterprise => "private_enterprise", "非公有制企业", "private enterprise";
    SocialOrganization => "social_organization", "社会组织", "social organisation";
    Other => "other", "其他", "other";
});

vocab!(
    /// Levels of the locality tree (art. 3: "上一级" is the parent).
    Level, LEVELS {
    Province => "province", "省", "province"; City => "city", "市", "city";
    County => "county", "县（市、区）", "county"; Township => "township", "乡镇（街道）", "township";
});

vocab!(
    /// A leader's role under art. 7–9.
    Role, ROLES {
    Principal => "principal", "主要负责同志", "principal";
    InCharge => "in_charge", "分管负责同志", "leader in charge";
    Member => "member", "班子成员", "member";
});

vocab!(
    /// Art. 25 incident categories (items 2 and 3 name all seven).
    Category, CATEGORIES {
    NationalSecurity => "national_security", "危害国家安全事件", "national security";
    MassIncident => "mass_incident", "群体性事件", "mass incident";
    CriminalCase => "criminal_case", "刑事犯罪案件", "criminal case";
    EconomicOrder => "economic_order", "影响经济秩序案件", "economic order";
    SafetyAccident => "safety_accident", "安全事故", "safety accident";
    PublicSafety => "public_safety", "公共安全事件", "public safety";
    CyberSecurity => "cyber_security", "网络安全事件", "cyber security";
});

vocab!(
    /// Incident severity (一般/较大/重大/特别重大).
    Severity, SEVERITIES as "IncidentSeverity" {
    General => "general", "一般", "general"; Larger => "larger", "较大", "larger";
    Major => "major", "重大", "major"; EspeciallyMajor => "especially_major", "特别重大", "especially major";
});

vocab!(
    /// The assessor's judgement of harm or impact (art. 28).
    Impact, IMPACTS {
    Severe => "severe", "危害严重", "severe"; EspeciallySevere => "especially_severe", "危害特别严重", "especially severe";
});

vocab!(
    /// Dated activities that evidence the duties of art. 5–14.
    ActivityType, ACTIVITY_TYPES {
    TeamMeeting => "team_meeting", "班子会议", "team meeting";
    SpecialResearch => "special_research", "专题调研", "special research";
    SituationAnalysis => "situation_analysis", "形势分析研判", "situation analysis";
    Handover => "handover", "工作交接", "handover";
    DutyReport => "duty_report", "述职报告", "duty report";
    AnnualSummary => "annual_summary", "年度总结", "annual summary";
    OnScene => "on_scene", "到场处置", "on the scene";
    ReportToPrincipal => "report_to_principal", "向第一责任人报告", "report to principal";
    RiskAssessment => "risk_assessment", "风险评估", "risk assessment";
    EmergencyResponse => "emergency_response", "应急处置", "emergency response";
    AnnualPlan => "annual_plan", "年度计划", "annual plan";
    AssessmentRules => "assessment_rules", "考核奖惩制度", "assessment rules";
    SpecialCampaign => "special_campaign", "专项整治", "special campaign";
    LeaderCase => "leader_case", "领导包案", "leader takes a case";
    RiskScreening => "risk_screening", "风险排查", "risk screening";
    InternalSecurity => "internal_security", "内部安全", "internal security";
    PlenaryReport => "plenary_report", "全会报告", "plenary report";
    Supervision => "supervision", "督导检查", "supervision";
    Other => "other", "其他", "other";
});

labels!(
    /// Whom the leading group's yearly summary is reported to (art. 14(2)): the same-level party committee,
    /// the same-level government and the leading group one level up. Kept as text in the record (the shape
    /// table checks the vocabulary), which spares the module a second enum-list deserializer.
    RECIPIENTS {
    "party_committee", "同级党委", "same-level party committee";
    "government", "同级政府", "same-level government";
    "superior_leading_group", "上级平安建设领导小组", "leading group one level up";
});

/// Posts that the leading group's office director may hold (art. 5 para 2: 副书记兼任主任). Our reading
/// accepts both senses of 副书记: the party committee's deputy secretary and the political-legal
/// committee's deputy secretary (Zhejiang practice: 政法委副书记兼平安办主任).
pub const OFFICE_DIRECTOR_POSTS: &[&str] = &["deputy_party_secretary", "political_legal_deputy_secretary"];

labels!(
    /// Posts a leader may hold (`leader.post`, free text in the record: these are the values the library
    /// knows and labels; art. 5 reads two of them, see `OFFICE_DIRECTOR_POSTS`).
    POSTS {
    "party_secretary", "党委书记", "party secretary";
    "deputy_party_secretary", "党委副书记", "deputy party secretary";
    "deputy_secretary", "副书记", "deputy secretary";
    "government_head", "政府主要负责人", "head of government";
    "executive_deputy_head", "常务副职", "executive deputy head";
    "deputy_head", "副职", "deputy head";
    "political_legal_secretary", "政法委书记", "political-legal committee secretary";
    "political_legal_deputy_secretary", "政法委副书记", "political-legal committee deputy secretary";
    "standing_committee_member", "党委常委", "standing committee member";
    "organization_head", "组织部长", "head of the organisation department";
    "propaganda_head", "宣传部长", "head of the publicity department";
    "united_front_head", "统战部长", "head of the united front department";
});

labels!(
    /// Work domains (`leader.domains`, `incident.domain`, `decision.domain`: free ids in the record, so a
    /// portal may use its own; these are the ones the library labels).
    DOMAINS {
    "public_security", "社会治安", "public security";
    "safety_production", "安全生产", "work safety";
    "housing_construction", "住房和城乡建设", "housing and construction";
    "transport", "交通运输", "transport";
    "culture_tourism", "文化和旅游", "culture and tourism";
    "education", "教育", "education";
    "health", "卫生健康", "health";
    "emergency", "应急管理", "emergency management";
    "ecology", "生态环境", "ecology and environment";
    "finance", "金融", "finance";
    "economy", "经济", "economy";
    "civil_affairs", "民政", "civil affairs";
    "cyberspace", "网络安全", "cyberspace";
    "petition", "信访", "petitions";
    "market_regulation", "市场监管", "market regulation";
    "natural_resources", "自然资源", "natural resources";
    "agriculture", "农业农村", "agriculture and rural affairs";
    "urban_management", "城市管理", "urban management";
});

vocab!(
    /// Inspection findings (art. 15–16); `serious_disorder` is the art. 25(1) trigger.
    Finding, FINDINGS { Issue => "issue", "一般问题", "issue"; SeriousDisorder => "serious_disorder", "治安严重混乱", "serious disorder" });

vocab!(
    /// How strongly the public reacts to a hotspot (art. 25(5)).
    Concern, CONCERNS { Strong => "strong", "强烈", "strong"; Moderate => "moderate", "一般", "moderate"; Low => "low", "较低", "low" });

vocab!(
    /// What a case record alleges (art. 26, last sentences).
    Alleges, ALLEGES { Violation => "violation", "涉嫌违纪违法", "violation"; Crime => "crime", "涉嫌犯罪", "crime" });

vocab!(
    /// Circumstances of a case (art. 27–28).
    CircumstanceKind, CIRCUMSTANCE_KINDS { Aggravating => "aggravating", "从重情节", "aggravating"; Mitigating => "mitigating", "从轻情节", "mitigating" });

vocab!(
    /// What a circumstance of a case was (art. 27–28).
    CircumstanceWhat, CIRCUMSTANCE_WHATS {
    Obstruction => "obstruction", "干扰阻碍调查", "obstruction";
    Concealment => "concealment", "隐瞒不报", "concealment";
    Falsification => "falsification", "弄虚作假", "falsification";
    Retaliation => "retaliation", "打击报复", "retaliation";
    PromptAction => "prompt_action", "主动采取措施", "prompt action";
    Cooperation => "cooperation", "主动配合调查", "cooperation";
    Other => "other", "其他", "other";
});

vocab!(
    /// Grade bands of the assessment.
    Grade, GRADES {
    Excellent => "excellent", "优秀", "excellent"; Good => "good", "良好", "good";
    Pass => "pass", "合格", "pass"; Fail => "fail", "不合格", "fail";
});

vocab!(
    /// Awards of art. 23.
    Award, AWARDS as "AwardKind" {
    Commendation => "commendation", "嘉奖", "commendation";
    ThirdClassMerit => "third_class_merit", "记三等功", "third-class merit";
    SecondClassMerit => "second_class_merit", "记二等功", "second-class merit";
});

vocab!(
    /// The four "同" of art. 6 / 9(1).
    Together, TOGETHER {
    Planning => "planning", "同谋划", "planning"; Deployment => "deployment", "同部署", "deployment";
    Inspection => "inspection", "同检查", "inspection"; Implementation => "implementation", "同落实", "implementation";
});

// Vocabularies of the answers (their enums live in the chapter modules; `tests` below prove the values
// agree with their serde names).

labels!(
    /// Duty status in the matrix (art. 5–14).
    STATUSES { "met", "已落实", "met"; "unmet", "未落实", "unmet"; "not_checkable", "无法核查", "not checkable" });

labels!(
    /// The art. 26–28 ladder of measures.
    MEASURES {
    "circular", "通报", "circular";
    "yellow_card", "黄牌警告", "yellow card";
    "interview", "约谈", "interview";
    "listed_supervision", "挂牌督办", "listed supervision";
    "one_vote_veto", "一票否决", "one-vote veto";
    "personnel_measures_recommended", "建议组织处理", "personnel measures recommended";
});

labels!(
    /// What a bar withholds (art. 26–28).
    BARS { "honours", "综合性荣誉", "honours"; "commendation", "评优评先", "commendation"; "promotion", "提拔", "promotion" });

labels!(
    /// A case's state.
    CASE_STATUSES { "open", "进行中", "open"; "closed", "已整改销案", "closed" });

vocab!(
    /// The Ping'an tripod ladder (art. 24).
    Tripod, TRIPODS {
    None => "none", "暂无", "none"; Pingan => "pingan", "平安鼎", "Ping'an tripod"; Bronze => "bronze", "平安铜鼎", "bronze tripod";
    Silver => "silver", "平安银鼎", "silver tripod"; Gold => "gold", "平安金鼎", "gold tripod";
});
labels!(
    /// Kinds of ledger lines (art. 16–18).
    LINE_KINDS { "result", "结果性", "result"; "process", "过程性", "process"; "bonus", "加分", "bonus"; "deduction", "扣分", "deduction" });

labels!(
    /// The art. 25 triggers, by item (a case's `clause`).
    CLAUSES {
    "25.1", "平安建设不重视、基层基础薄弱、治安严重混乱", "Ping'an work neglected, public order seriously disordered";
    "25.2", "较短时间内连续发生较大案（事）件", "repeated larger incidents within a short time";
    "25.3", "发生重大或特别重大案（事）件", "a major or especially major incident";
    "25.4", "年度考核不合格", "the annual assessment was failed";
    "25.5", "群众反映强烈的治安热点未有效整治或反弹", "a hotspot of strong public concern not dealt with, or rebounding";
    "25.6", "其他需要追究的情形", "another matter the committees decided to pursue";
});

/// Record kinds that `validate` and `schema` know (api.md): the dossier, its single records, and the policy pack.
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

// The records of a dossier (api.md "The dossier"), each declared once: serde struct and shape together
// (`shape::record!`); `validate`, `schema(kind)` and the TypeScript types (src/records.d.ts) read them.

record! {
    /// The unit the dossier is about (art. 2: its kind decides whether the measures apply).
    #[derive(Clone, Debug, Serialize)]
    pub struct Unit as "UnitRecord" {
        req id: String [id],
        opt name: String,
        req kind: UnitKind,
        /// A locality's level in the tree (required for a locality).
        opt level: Option<Level>,
        /// The locality one level up (art. 3); required for a locality below the province.
        opt parent: Option<String> [id],
    }
}

record! {
    /// A locality of the tree the unit sits in (art. 3–4: territorial attribution).
    #[derive(Clone, Debug, Serialize)]
    pub struct Locality as "LocalityRecord" {
        req id: String [id],
        opt name: String,
        req level: Level,
        opt parent: Option<String> [id],
    }
}

record! {
    /// A member of the unit's leadership (art. 7–9).
    #[derive(Clone, Debug, Serialize)]
    pub struct Leader as "LeaderRecord" {
        req id: String [id],
        opt name: String,
        req role: Role,
        /// A post the library labels (`vocabularies().post`) or the portal's own.
        opt post: Option<String>,
        /// The work domains the leader is in charge of (art. 9).
        opt domains: Vec<String> [list(100, id)],
        /// First day in post.
        opt since: Option<Date>,
        /// Last day in post.
        opt until: Option<Date>,
    }
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

record! {
    /// The Ping'an leading group and its office (art. 5).
    #[derive(Clone, Debug, Serialize, Default)]
    pub struct LeadingGroup as "LeadingGroupRecord" {
        /// The group's head (a leader id).
        opt leader: Option<String> [id],
        /// Its deputy heads (leader ids).
        opt deputies: Vec<String> [list(100, id)],
        /// The body the office is placed in.
        opt office_in: Option<String>,
        /// Whether the office's work has its own line in the budget.
        opt budget_line: Option<bool>,
        /// Art. 5: a leader id whose post is `deputy_party_secretary` or `political_legal_deputy_secretary`
        /// (副书记兼任主任).
        opt office_director: Option<String> [id],
    }
}

record! {
    /// A dated activity that evidences a duty of art. 5–14.
    #[derive(Clone, Debug, Serialize)]
    pub struct Activity as "ActivityRecord" {
        req id: String [id],
        req kind as "type": ActivityType,
        req date: Date,
        /// The leader who held or took part in it.
        opt by: Option<String> [id],
        /// The leader it was reported to.
        opt to: Option<String> [id],
        /// The incident it responds to.
        opt incident: Option<String> [id],
        opt covers_pingan: Option<bool>,
        opt includes_plan: Option<bool>,
        opt four_together: Vec<Together> [list(4)],
        /// Art. 14(1): a member unit's duty report made to the same-level leading group.
        opt to_leading_group: Option<bool>,
        /// Art. 14(2): whom a locality's leading-group `annual_summary` was reported to.
        opt reported_to: Vec<String> [list(3, vocab(RECIPIENTS))],
        /// Free text for the office (its length is checked; no rule reads it).
        #[serde(skip_serializing_if = "Option::is_none")]
        opt note: Option<String>,
    }
}

record! {
    /// Art. 7(4), 8(5), 9(2): a major decision needs a social-stability risk assessment (稳评) on or before
    /// its date.
    #[derive(Clone, Debug, Serialize)]
    pub struct Decision as "DecisionRecord" {
        req id: String [id],
        req date: Date,
        req major: bool,
        opt assessed_on: Option<Date>,
        /// The domain the decision falls in (attaches the member of art. 9(2) whose domains include it).
        opt domain: Option<String> [id],
        /// The leader who proposed or owns the decision (attaches that member under art. 9(2) too).
        opt by: Option<String> [id],
        /// Free text for the office (its length is checked; no rule reads it).
        #[serde(skip_serializing_if = "Option::is_none")]
        opt note: Option<String>,
    }
}

record! {
    /// Who signed a responsibility letter, on each side (leader ids).
    #[derive(Clone, Debug, Serialize, Default)]
    pub struct Signatures as "SignaturesRecord" {
        opt superior: Vec<String> [list(20, id)],
        opt subordinate: Vec<String> [list(20, id)],
    }
}

record! {
    /// A target a responsibility letter sets.
    #[derive(Clone, Debug, Serialize)]
    pub struct Target as "TargetRecord" {
        req metric: String [id],
        opt target: Option<f64>,
    }
}

record! {
    /// A responsibility letter (责任书) between a superior and a subordinate locality (art. 15).
    #[derive(Clone, Debug, Serialize)]
    pub struct Letter as "LetterRecord" {
        req id: String [id],
        req year: i32 [year],
        req superior: String [id],
        req subordinate: String [id],
        req date: Date,
        opt signed_by: Signatures,
        opt targets: Vec<Target> [list(200)],
    }
}

/// An indicator input: a number, or not applicable (`"n/a"` in JSON: its weight is spread over the rest
/// of its kind, art. 18 and api.md).
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    Number(f64),
    /// `"n/a"`.
    NotApplicable,
}

impl Input {
    /// The JSON text of [`Input::NotApplicable`] (also a process indicator's "not applicable" grade).
    pub const NA: &'static str = crate::shape::NOT_APPLICABLE;
}

/// A number as a JSON number, `NotApplicable` as the string `"n/a"` (what the untagged form wrote).
impl Serialize for Input {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Input::Number(x) => s.serialize_f64(*x),
            Input::NotApplicable => s.serialize_str(Input::NA),
        }
    }
}

impl crate::shape::Shape for Input {
    const TY: &'static crate::shape::Ty = &crate::shape::Ty::NumOrNa(-1e9, 1e9);
}

impl crate::shape::R<Input> {
    /// A number in [min, max], or `"n/a"` (`record!`'s `[num_or_na(a, b)]`).
    pub const fn num_or_na(min: f64, max: f64) -> crate::shape::Ty {
        crate::shape::Ty::NumOrNa(min, max)
    }
}

/// A number, or `"n/a"`.
impl crate::shape::Read for Input {
    fn read(r: &mut crate::shape::Reader<'_>, ty: &crate::shape::Ty) -> Option<Self> {
        if r.peek()? == b'"' {
            let s = r.string()?;
            (s == Input::NA).then_some(Input::NotApplicable)
        } else {
            let x = r.f64()?;
            (!r.strict() || crate::shape::number_ok(ty, x)).then_some(Input::Number(x))
        }
    }
}

record! {
    /// A bonus item of the assessment (art. 18).
    #[derive(Clone, Debug, Serialize)]
    pub struct BonusItem as "BonusRecord" {
        req id: String [id],
        opt item: String,
        req points: f64 [num(0.0, 100.0)],
    }
}

record! {
    /// The year's assessment inputs (art. 16–18): result indicators by id, process grades by id, bonus items.
    #[derive(Clone, Debug, Serialize, Default)]
    pub struct AssessmentInput as "AssessmentRecord" {
        opt decided_on: Option<Date>,
        /// Result indicators by the policy's indicator id: a number, or `"n/a"` when it does not apply.
        opt indicators: BTreeMap<String, Input> [map(num_or_na(-1e9, 1e9))],
        /// Process indicators by id: a grade of the policy's grade table, or `"n/a"`.
        opt process: BTreeMap<String, String>,
        opt bonus: Vec<BonusItem> [list(100)],
    }
}

record! {
    /// An incident of art. 25 in the unit's area.
    #[derive(Clone, Debug, Serialize)]
    pub struct Incident as "IncidentRecord" {
        req id: String [id],
        req date: Date,
        req category: Category,
        req severity: Severity,
        /// Where it happened (the unit or one of its localities).
        opt locality: Option<String> [id],
        opt sector: Option<String> [id],
        opt domain: Option<String> [id],
        opt impact: Option<Impact>,
        opt alleges: Option<Alleges>,
        /// Free text for the office (its length is checked; no rule reads it).
        #[serde(skip_serializing_if = "Option::is_none")]
        opt note: Option<String>,
    }
}

record! {
    /// An inspection finding (明察暗访, art. 15–16); `serious_disorder` is the art. 25(1) trigger.
    #[derive(Clone, Debug, Serialize)]
    pub struct Inspection as "InspectionRecord" {
        req id: String [id],
        req date: Date,
        req finding: Finding,
        opt rectified: bool,
        opt alleges: Option<Alleges>,
        /// Free text for the office (its length is checked; no rule reads it).
        #[serde(skip_serializing_if = "Option::is_none")]
        opt note: Option<String>,
    }
}

record! {
    /// A public-order hotspot (art. 25(5)).
    #[derive(Clone, Debug, Serialize)]
    pub struct Hotspot as "HotspotRecord" {
        req id: String [id],
        req date: Date,
        req public_concern: Concern,
        /// Whether it was dealt with effectively (absent: yes).
        opt(yes) effective_measures: bool,
        opt rebound: bool,
        opt alleges: Option<Alleges>,
        /// Free text for the office (its length is checked; no rule reads it).
        #[serde(skip_serializing_if = "Option::is_none")]
        opt note: Option<String>,
    }
}

fn yes() -> bool {
    true
}

record! {
    /// A referral to the discipline-inspection or judicial organs (art. 26).
    #[derive(Clone, Debug, Serialize)]
    pub struct Referral as "ReferralRecord" {
        req id: String [id],
        req date: Date,
        opt reason: String,
        opt alleges: Option<Alleges>,
    }
}

record! {
    /// A case's rectification, accepted on a date (closes the case, art. 26–28).
    #[derive(Clone, Debug, Serialize)]
    pub struct Rectification as "RectificationRecord" {
        req case: String,
        req accepted_on: Date,
    }
}

record! {
    /// A circumstance of a case (art. 27–28).
    #[derive(Clone, Debug, Serialize)]
    pub struct Circumstance as "CircumstanceRecord" {
        req case: String,
        req kind: CircumstanceKind,
        opt(other_what) what: CircumstanceWhat,
    }
}

fn other_what() -> CircumstanceWhat {
    CircumstanceWhat::Other
}

record! {
    /// A past year's assessment (art. 23–24 count years).
    #[derive(Clone, Debug, Serialize)]
    pub struct PastAssessment as "PastAssessmentRecord" {
        req year: i32 [year],
        req grade: Grade,
        opt vetoed: bool,
        /// That year's total points, when known: the province view shows the change against it (issue 16).
        #[serde(skip_serializing_if = "Option::is_none")]
        opt total: Option<f64> [num(0.0, 1000.0)],
    }
}

record! {
    /// An award of a past cycle (art. 23).
    #[derive(Clone, Debug, Serialize)]
    pub struct Merit as "MeritRecord" {
        req cycle: i32 [year],
        req award: Award,
    }
}

record! {
    /// The unit's past (art. 23–24).
    #[derive(Clone, Debug, Serialize, Default)]
    pub struct History as "HistoryRecord" {
        opt assessments: Vec<PastAssessment> [list(300)],
        opt advanced_unit_cycles: Vec<i32> [list(300, year)],
        opt merits: Vec<Merit> [list(300)],
        opt pingan_named: Vec<i32> [list(300, year)],
        opt pingan_work_since: Option<i32> [year],
        opt outstanding_contribution: bool,
    }
}

record! {
    /// The dossier: one unit, one year (api.md "The dossier").
    #[derive(Clone, Debug, Serialize)]
    pub struct Dossier as "Dossier" {
        /// The day the dossier stands on: nothing in it may be dated later.
        req as_of: Date,
        req year: i32 [year],
        req unit: Unit,
        opt localities: Vec<Locality> [list(1_000)],
        opt leaders: Vec<Leader> [list(1_000)],
        opt leading_group: Option<LeadingGroup>,
        opt activities: Vec<Activity>,
        opt letters: Vec<Letter>,
        opt decisions: Vec<Decision>,
        opt assessment: Option<AssessmentInput>,
        opt incidents: Vec<Incident>,
        opt inspections: Vec<Inspection>,
        opt hotspots: Vec<Hotspot>,
        opt referrals: Vec<Referral>,
        opt rectifications: Vec<Rectification>,
        opt circumstances: Vec<Circumstance>,
        opt history: History,
        /// Lookups built on first use (issue 12: no linear scan per record); never part of the JSON.
        skip lookups: Lookups,
    }
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
        let map = self
            .lookups
            .leaders
            .get_or_init(|| self.leaders.iter().enumerate().rev().map(|(i, l)| (l.id.clone(), i)).collect());
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
