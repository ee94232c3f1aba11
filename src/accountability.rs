//! Chapter 6: the triggers of art. 25 become cases, and each case is replayed up the ladder of art. 26–28
//! (circular → yellow card and interview → listed supervision → one-vote veto → personnel measures
//! recommended) until a rectification is accepted in time or `as_of` is reached. Bars on honours,
//! commendation and promotion follow from the rungs reached (periods: policy parameters).

use crate::date::Date;
use crate::issue::{Basis, Text};
use crate::model::{Alleges, CaseId, Circumstance, CircumstanceKind, Dossier, Impact, Level, Role, Severity};
use crate::policy::Policy;
use serde::Serialize;
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Circular,
    YellowCard,
    Interview,
    ListedSupervision,
    OneVoteVeto,
    PersonnelMeasuresRecommended,
}

impl Measure {
    fn zh(self) -> &'static str {
        match self {
            Measure::Circular => "通报并限期整改",
            Measure::YellowCard => "黄牌警告",
            Measure::Interview => "约谈",
            Measure::ListedSupervision => "挂牌督办",
            Measure::OneVoteVeto => "一票否决",
            Measure::PersonnelMeasuresRecommended => "建议组织处理（引咎辞职、责令辞职、免职）",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Measure::Circular => "circular with a rectification deadline",
            Measure::YellowCard => "yellow card",
            Measure::Interview => "interview",
            Measure::ListedSupervision => "listed supervision",
            Measure::OneVoteVeto => "one-vote veto",
            Measure::PersonnelMeasuresRecommended => "personnel measures recommended",
        }
    }
}

/// Which body acts (谁考核谁实施, art. 27; the interviewer is the office director one level up, art. 28).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    Office,
    OfficeDirector,
    Committee,
    OrganisationAndDiscipline,
}

/// A rung of the ladder (art. 26–28), in the order a case climbs it; answers carry its number (1–5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rung {
    /// Before the first step.
    None = 0,
    /// Art. 27: the written circular with a rectification deadline.
    Circular = 1,
    /// Art. 28: the yellow card with a new deadline, and the interview.
    YellowCard = 2,
    /// Art. 26: listed supervision.
    Listed = 3,
    /// Art. 26: the one-vote veto.
    Veto = 4,
    /// Art. 26: personnel measures (recommended only).
    Personnel = 5,
}

impl Rung {
    /// The rung above (the top stays the top).
    fn next(self) -> Rung {
        match self {
            Rung::None => Rung::Circular,
            Rung::Circular => Rung::YellowCard,
            Rung::YellowCard => Rung::Listed,
            Rung::Listed => Rung::Veto,
            Rung::Veto | Rung::Personnel => Rung::Personnel,
        }
    }

    /// The measures a case receives on reaching the rung.
    fn measures(self) -> &'static [Measure] {
        match self {
            Rung::None => &[],
            Rung::Circular => &[Measure::Circular],
            Rung::YellowCard => &[Measure::YellowCard, Measure::Interview],
            Rung::Listed => &[Measure::ListedSupervision],
            Rung::Veto => &[Measure::OneVoteVeto],
            Rung::Personnel => &[Measure::PersonnelMeasuresRecommended],
        }
    }
}

impl Serialize for Rung {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(*self as u8)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Issuer {
    pub locality: String,
    pub body: Body,
}

#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub rung: Rung,
    pub measure: Measure,
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    /// Rung 2: the rectification plan is due this many working days after the interview.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_due: Option<Date>,
    pub issuer: Issuer,
    pub targets: Targets,
    pub basis: Basis,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_basis: Option<Basis>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Open,
    Closed,
}

#[derive(Clone, Debug, Serialize)]
pub struct Next {
    pub rung: Rung,
    pub measure: Measure,
    pub due: Date,
}

#[derive(Clone, Debug, Serialize)]
pub struct ShownCircumstance {
    pub kind: CircumstanceKind,
    pub what: crate::model::CircumstanceWhat,
    /// Mitigating circumstances are shown, never used to skip a rung (regulation.md, chapter 6).
    pub effect: Text,
}

#[derive(Clone, Debug, Serialize)]
pub struct Case {
    pub id: CaseId,
    pub clause: String,
    pub basis: Basis,
    pub evidence: Vec<String>,
    pub opened_on: Date,
    pub status: CaseStatus,
    pub rung: Rung,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<Date>,
    pub steps: Vec<Step>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Next>,
    pub circumstances: Vec<ShownCircumstance>,
    pub explanation: Text,
}

impl Case {
    /// The leaders any step of the case targets (indices into the dossier's `leaders`, ascending): the
    /// union of the steps' shared target lists, made without walking one list per step when they share.
    pub fn targeted(&self) -> std::borrow::Cow<'_, [u32]> {
        let mut lists: Vec<&Targets> = Vec::new();
        for s in &self.steps {
            if !lists.iter().any(|t| t.same(&s.targets)) {
                lists.push(&s.targets);
            }
        }
        match lists.as_slice() {
            [] => std::borrow::Cow::Borrowed(&[]),
            [one] => std::borrow::Cow::Borrowed(one.indices()),
            many => {
                let mut all: Vec<u32> = many.iter().flat_map(|t| t.indices().iter().copied()).collect();
                crate::work::tick(all.len());
                all.sort_unstable();
                all.dedup();
                std::borrow::Cow::Owned(all)
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BarWhat {
    Honours,
    Commendation,
    Promotion,
}

#[derive(Clone, Debug, Serialize)]
pub struct Bar {
    pub subject: String,
    pub what: BarWhat,
    pub from: Date,
    /// Exclusive: the subject is free again on this day.
    pub until: Date,
    pub case: CaseId,
    /// The measure that imposed it (listed supervision or the veto).
    pub measure: Measure,
    pub basis: Basis,
    /// How many cases' bars this one merges (see [`merge_bars`]); `case` is the first of them.
    pub case_count: u32,
}

impl Bar {
    pub fn covers(&self, d: Date) -> bool {
        self.from <= d && d < self.until
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferTo {
    DisciplineInspection,
    JudicialOrgans,
}

#[derive(Clone, Debug, Serialize)]
pub struct Referral {
    pub case: CaseId,
    pub to: ReferTo,
    pub basis: Basis,
}

#[derive(Clone, Debug, Serialize, Default)]
pub struct Accountability {
    pub cases: Vec<Case>,
    pub bars: Vec<Bar>,
    pub referrals: Vec<Referral>,
    /// Issue 12: the replay stopped listing targets or leaders' bars because the answer would pass
    /// `limits::MAX_ANSWER_BYTES` anyway (see [`TargetGroups`], [`BarMerger`]). Cases, the unit's bars and
    /// circulars stay complete, so the score is exact; a report is refused as `answer_too_large`.
    #[serde(skip)]
    pub overflow: bool,
}

/// The leaders one step targets (art. 28), in the dossier's leader order. Replay makes each distinct list
/// once ([`TargetGroups`]) and every step that targets the same leaders shares it, so the work grows with
/// the distinct lists, not with steps × leaders (issue 12). Serialises as contract v1's `[leader ids]`.
#[derive(Clone, Debug)]
pub struct Targets {
    /// Which distinct list of the replay this is (equal lists of one replay share it).
    group: u32,
    /// Every leader id of the dossier, in list order (one copy per replay).
    roster: Rc<[String]>,
    /// Indices into `roster`, ascending.
    leaders: Rc<[u32]>,
    /// Bytes of the list as JSON text (quotes and commas included), for the answer's lower bound.
    bytes: usize,
}

impl Targets {
    pub fn len(&self) -> usize {
        self.leaders.len()
    }
    pub fn is_empty(&self) -> bool {
        self.leaders.is_empty()
    }
    /// The target leaders' ids, in the dossier's order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.leaders.iter().filter_map(|&i| self.roster.get(i as usize)).map(String::as_str)
    }
    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|x| x == id)
    }
    /// Indices into the dossier's `leaders`.
    pub fn indices(&self) -> &[u32] {
        &self.leaders
    }
    /// The same list as `other` (made once by the same replay).
    pub fn same(&self, other: &Targets) -> bool {
        Rc::ptr_eq(&self.leaders, &other.leaders)
    }
    /// Bytes of the list as JSON text.
    pub fn json_bytes(&self) -> usize {
        self.bytes
    }
}

impl Serialize for Targets {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Most ids all target lists of one replay may hold: each id costs at least four bytes of the answer
/// (`"x",`), so past this the answer would pass `limits::MAX_ANSWER_BYTES` (issue 12).
pub const MAX_TARGET_ENTRIES: usize = crate::limits::MAX_ANSWER_BYTES / 4;

/// The distinct target lists of one replay (issue 12). Who is in post changes only on a `since` or on
/// the day after an `until`, so a date is placed by binary search in its interval between such days; a
/// list is keyed by that interval and the case's domains that some member holds, and made once, in
/// O(leaders). Past [`MAX_TARGET_ENTRIES`] ids in all, new lists are left empty and `overflow` is set.
pub struct TargetGroups<'a> {
    roster: Rc<[String]>,
    changes: Vec<Date>,
    member_domains: std::collections::BTreeSet<&'a str>,
    made: BTreeMap<(usize, Vec<&'a str>), Targets>,
    entries: usize,
    pub overflow: bool,
}

impl<'a> TargetGroups<'a> {
    pub fn of(d: &'a Dossier) -> TargetGroups<'a> {
        let mut changes: Vec<Date> = d
            .leaders
            .iter()
            .flat_map(|l| l.since.into_iter().chain(l.until.map(|u| u.add_days(1))))
            .collect();
        changes.sort_unstable();
        changes.dedup();
        let member_domains = d
            .leaders
            .iter()
            .filter(|l| l.role == Role::Member)
            .flat_map(|l| l.domains.iter().map(String::as_str))
            .collect();
        TargetGroups {
            roster: d.leaders.iter().map(|l| l.id.clone()).collect(),
            changes,
            member_domains,
            made: BTreeMap::new(),
            entries: 0,
            overflow: false,
        }
    }

    /// The leaders a step on `on` targets: principals and leaders in charge in post that day, and members
    /// in post whose domains include the domain of an incident of the case known by then (art. 28).
    fn on(&mut self, d: &Dossier, domains: &[String], on: Date) -> Targets {
        let interval = self.changes.partition_point(|c| *c <= on);
        let mut key: Vec<&'a str> = Vec::new();
        for dm in domains {
            if let Some(x) = self.member_domains.get(dm.as_str()) {
                key.push(x);
            }
        }
        key.sort_unstable();
        key.dedup();
        crate::work::tick(1 + key.len());
        let key = (interval, key);
        if let Some(t) = self.made.get(&key) {
            return t.clone();
        }
        crate::work::tick(d.leaders.len());
        let mut leaders: Vec<u32> = d
            .leaders
            .iter()
            .enumerate()
            .filter(|(_, l)| l.in_post_on(on))
            .filter(|(_, l)| match l.role {
                Role::Principal | Role::InCharge => true,
                Role::Member => l.domains.iter().any(|dm| key.1.contains(&dm.as_str())),
            })
            .map(|(i, _)| i as u32)
            .collect();
        self.entries = self.entries.saturating_add(leaders.len());
        if self.entries > MAX_TARGET_ENTRIES {
            self.overflow = true;
            leaders.clear();
        }
        let bytes = leaders
            .iter()
            .filter_map(|&i| self.roster.get(i as usize))
            .map(|id| id.len() + 3)
            .sum::<usize>()
            .saturating_sub(1);
        let t = Targets {
            group: self.made.len() as u32,
            roster: self.roster.clone(),
            leaders: leaders.into(),
            bytes,
        };
        self.made.insert(key, t.clone());
        t
    }
}

/// A larger incident that may join an open 25.2 case after it opened (api.md, ladder replay): it joins
/// on its own date while the case is open and within the window of the run's first incident.
#[derive(Clone, Debug)]
pub struct Joiner {
    pub id: String,
    pub date: Date,
    pub evidence: String,
    pub severe: bool,
    pub especially: bool,
    pub domain: Option<String>,
    pub alleges: Option<Alleges>,
}

/// One art. 25 trigger, before replay.
#[derive(Clone, Debug)]
pub struct Trigger {
    pub item: u32,
    pub id: CaseId,
    pub evidence: Vec<String>,
    pub opened_on: Date,
    pub severe: bool,
    pub especially: bool,
    pub domains: Vec<String>,
    pub alleges: Vec<Alleges>,
    /// 25.2 only: the incidents that joined the run after it opened, in date order.
    pub joiners: Vec<Joiner>,
}

impl Trigger {
    /// A trigger from one record (25.1, 25.4, 25.5, 25.6): opened on its date, no incident judgement.
    fn record(item: u32, id: &str, evidence: String, opened_on: Date, alleges: Option<Alleges>) -> Trigger {
        Trigger {
            item,
            id: CaseId::of(item, id),
            evidence: vec![evidence],
            opened_on,
            severe: false,
            especially: false,
            domains: Vec::new(),
            alleges: alleges.into_iter().collect(),
            joiners: Vec::new(),
        }
    }
}

fn trigger_basis(item: u32) -> Basis {
    let (zh, en) = match item {
        1 => (
            "工作不力、基层薄弱、治安秩序严重混乱",
            "Ping'an work neglected, grassroots weak, public order seriously disordered",
        ),
        2 => ("较短时间内连续发生较大案（事）件", "repeated larger incidents within a short time"),
        3 => ("发生重大、特别重大案（事）件", "a major or especially major incident"),
        4 => ("考核评价不合格、不达标", "the assessment was failed"),
        5 => (
            "群众反映强烈的问题未采取有效措施或出现反弹",
            "strong public concern met with no effective measures, or a rebound",
        ),
        _ => (
            "党委政府及领导小组、综治委认为需要查究的其他事项",
            "other matters the committees decide to pursue",
        ),
    };
    Basis::zj(25, None, Some(item), zh, en)
}

/// Rectifications and circumstances by the case they name: built once per dossier, so a replay looks
/// up its own records instead of scanning every list per case.
pub struct CaseRecords<'a> {
    rects: BTreeMap<&'a str, Vec<Date>>,
    circs: BTreeMap<&'a str, Vec<&'a Circumstance>>,
    targets: std::cell::RefCell<TargetGroups<'a>>,
}

impl<'a> CaseRecords<'a> {
    pub fn of(d: &'a Dossier) -> CaseRecords<'a> {
        let mut rects: BTreeMap<&str, Vec<Date>> = BTreeMap::new();
        for r in &d.rectifications {
            rects.entry(r.case.as_str()).or_default().push(r.accepted_on);
        }
        for v in rects.values_mut() {
            v.sort();
        }
        let mut circs: BTreeMap<&str, Vec<&Circumstance>> = BTreeMap::new();
        for c in &d.circumstances {
            circs.entry(c.case.as_str()).or_default().push(c);
        }
        CaseRecords { rects, circs, targets: std::cell::RefCell::new(TargetGroups::of(d)) }
    }
    fn rects(&self, case: &str) -> &[Date] {
        self.rects.get(case).map(Vec::as_slice).unwrap_or(&[])
    }
    fn circs(&self, case: &str) -> &[&'a Circumstance] {
        self.circs.get(case).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The art. 25 triggers of a dossier, except 25.4 (which depends on the score; see [`failed_assessment`]).
/// Deterministic: the same records in any order give the same cases. Outside art. 2 there are none.
pub fn triggers(d: &Dossier, p: &Policy) -> Vec<Trigger> {
    if crate::duties::applies(d.unit.kind) == crate::duties::Applies::None {
        return Vec::new();
    }
    let recs = CaseRecords::of(d);
    let mut out = Vec::new();
    for (i, n) in d.inspections.iter().enumerate() {
        if n.finding == crate::model::Finding::SeriousDisorder {
            out.push(Trigger::record(1, &n.id, format!("/inspections/{}", i), n.date, n.alleges));
        }
    }
    out.extend(runs(d, p, &recs));
    for (i, x) in d.incidents.iter().enumerate() {
        if matches!(x.severity, Severity::Major | Severity::EspeciallyMajor)
            && crate::duties::attributed(d, x)
        {
            out.push(Trigger {
                item: 3,
                id: CaseId::of(3, &x.id),
                evidence: vec![format!("/incidents/{}", i)],
                opened_on: x.date,
                severe: x.impact == Some(Impact::Severe),
                especially: x.severity == Severity::EspeciallyMajor
                    || x.impact == Some(Impact::EspeciallySevere),
                domains: x.domain.iter().cloned().collect(),
                alleges: x.alleges.into_iter().collect(),
                joiners: Vec::new(),
            });
        }
    }
    for (i, h) in d.hotspots.iter().enumerate() {
        if h.public_concern == crate::model::Concern::Strong && (!h.effective_measures || h.rebound) {
            out.push(Trigger::record(5, &h.id, format!("/hotspots/{}", i), h.date, h.alleges));
        }
    }
    for (i, r) in d.referrals.iter().enumerate() {
        out.push(Trigger::record(6, &r.id, format!("/referrals/{}", i), r.date, r.alleges));
    }
    out.sort_by(|a, b| (a.opened_on, &a.id).cmp(&(b.opened_on, &b.id)));
    out
}

/// 25.2 runs (api.md, rev. 2). A run starts at the first unused `larger` incident; its case opens on the
/// date of the `repeat_count`-th larger incident within `repeat_window_days` of the first and is named by
/// exactly those incidents, so the id never changes when later records arrive. A later larger incident
/// within the window joins while the case is open (replayed here to know when it closes); one after the
/// close or outside the window stays unused and may start the next run. Linear in the incidents, one
/// replay per run.
fn runs(d: &Dossier, p: &Policy, recs: &CaseRecords) -> Vec<Trigger> {
    let mut larger: Vec<(usize, &crate::model::Incident)> = d
        .incidents
        .iter()
        .enumerate()
        .filter(|(_, x)| x.severity == Severity::Larger && crate::duties::attributed(d, x))
        .collect();
    larger.sort_by(|a, b| (a.1.date, &a.1.id).cmp(&(b.1.date, &b.1.id)));
    let count = (p.parameters.repeat_count.n() as usize).max(1);
    let window = p.parameters.repeat_window_days.n() as i64;
    let mut out = Vec::new();
    let mut k = 0;
    while k < larger.len() {
        let Some(first) = larger.get(k) else { break };
        let Some(completing) = larger.get(k + count - 1) else { break };
        if first.1.date.days_until(completing.1.date) > window {
            k += 1;
            continue;
        }
        let named = larger.get(k..k + count).unwrap_or(&[]);
        let within = larger
            .iter()
            .skip(k + count)
            .take_while(|(_, x)| first.1.date.days_until(x.date) <= window)
            .count();
        let candidates = larger.get(k + count..k + count + within).unwrap_or(&[]);
        let mut t = Trigger {
            item: 2,
            id: CaseId::of(2, named.iter().map(|(_, x)| x.id.as_str()).collect::<Vec<_>>().join("+")),
            evidence: named.iter().map(|(i, _)| format!("/incidents/{}", i)).collect(),
            opened_on: completing.1.date,
            severe: named.iter().any(|(_, x)| x.impact == Some(Impact::Severe)),
            especially: named.iter().any(|(_, x)| x.impact == Some(Impact::EspeciallySevere)),
            domains: named.iter().filter_map(|(_, x)| x.domain.clone()).collect(),
            alleges: named.iter().filter_map(|(_, x)| x.alleges).collect(),
            joiners: candidates
                .iter()
                .map(|(i, x)| Joiner {
                    id: x.id.clone(),
                    date: x.date,
                    evidence: format!("/incidents/{}", i),
                    severe: x.impact == Some(Impact::Severe),
                    especially: x.impact == Some(Impact::EspeciallySevere),
                    domain: x.domain.clone(),
                    alleges: x.alleges,
                })
                .collect(),
        };
        let joined = replay(d, p, &t, recs).joined;
        t.joiners.truncate(joined);
        for j in &t.joiners {
            t.evidence.push(j.evidence.clone());
            t.alleges.extend(j.alleges);
        }
        out.push(t);
        k += count + joined;
    }
    out
}

/// 25.4: a grade failed by score (never one forced by a veto) opens a case on `decided_on` (or `as_of`).
pub fn failed_assessment(d: &Dossier) -> Trigger {
    let opened = d.assessment.as_ref().and_then(|a| a.decided_on).unwrap_or(d.as_of);
    Trigger::record(4, &d.year.to_string(), "/assessment".into(), opened, None)
}

/// The assessor of a unit (谁考核谁实施, art. 27): a locality's parent locality, a department's own
/// locality; where that is a township, the nearest ancestor at county level or above (art. 27: 县级以上).
pub fn assessor(d: &Dossier) -> String {
    let Some(mut cur) = d.unit.parent.clone() else { return d.unit.id.clone() };
    // Bounded by the number of localities: a cycle in the tree cannot loop.
    for _ in 0..=d.localities.len() {
        match d.localities.iter().find(|l| l.id == cur) {
            Some(l) if l.level == Level::Township => match &l.parent {
                Some(up) => cur = up.clone(),
                None => break,
            },
            _ => break,
        }
    }
    cur
}

fn measure_basis(m: Measure) -> Basis {
    match m {
        Measure::Circular => Basis::zj(27, None, None, "谁考核谁实施：县级以上综治办书面通报，限期整改", "the assessor's office (county level or above) issues a written circular and a rectification deadline"),
        Measure::YellowCard => Basis::zj(28, None, None, "危害严重、影响重大或通报后逾期未整改的，黄牌警告并限期整改", "severe harm or impact, or a missed circular deadline: yellow card and a new deadline"),
        Measure::Interview => Basis::zj(28, None, None, "上一级综治办主任约谈主要、分管及负有责任的班子成员", "the office director one level up interviews the principal, in-charge and responsible leaders"),
        Measure::ListedSupervision => Basis::zj(26, None, None, "追究方式包括挂牌督办", "listed supervision is one of the measures"),
        Measure::OneVoteVeto => Basis::zj(26, None, None, "追究方式包括一票否决", "the one-vote veto is one of the measures"),
        Measure::PersonnelMeasuresRecommended => Basis::zj(26, None, None, "引咎辞职、责令辞职、免职（本库只作建议）", "resignation for fault, ordered resignation, removal (recommended only)"),
    }
}

/// One case replayed: the case, the bars its steps grant, and (25.2) how many candidate joiners joined.
pub struct Replayed {
    pub case: Case,
    pub grants: Vec<BarGrant>,
    pub joined: usize,
}

/// The ladder of one case as it runs: steps issued so far and what the next one needs.
struct Ladder<'a, 'r, 'g> {
    d: &'a Dossier,
    p: &'a Policy,
    targets: &'r std::cell::RefCell<TargetGroups<'g>>,
    assessor: String,
    domains: Vec<String>,
    steps: Vec<Step>,
    rung: Rung,
}

impl Ladder<'_, '_, '_> {
    fn issue(&mut self, rung: Rung, date: Date) {
        let params = &self.p.parameters;
        for &measure in rung.measures() {
            let (days, period_basis) = match (rung, measure) {
                (Rung::YellowCard, Measure::Interview) => {
                    (None, Some(params.plan_due_working_days.basis.clone()))
                }
                (Rung::Circular, _) => {
                    (Some(params.circular_rectify_days.n()), Some(params.circular_rectify_days.basis.clone()))
                }
                (Rung::YellowCard, _) => (
                    Some(params.yellow_card_rectify_days.n()),
                    Some(params.yellow_card_rectify_days.basis.clone()),
                ),
                (Rung::Listed, _) => {
                    (Some(params.listed_rectify_days.n()), Some(params.listed_rectify_days.basis.clone()))
                }
                _ => (None, None),
            };
            let body = match measure {
                Measure::Circular | Measure::YellowCard => Body::Office,
                Measure::Interview => Body::OfficeDirector,
                Measure::ListedSupervision | Measure::OneVoteVeto => Body::Committee,
                Measure::PersonnelMeasuresRecommended => Body::OrganisationAndDiscipline,
            };
            self.steps.push(Step {
                rung,
                measure,
                date,
                deadline: days.map(|n| date.add_days(n as i64)),
                plan_due: (measure == Measure::Interview)
                    .then(|| date.add_working_days(params.plan_due_working_days.n(), &self.p.holidays)),
                issuer: Issuer { locality: self.assessor.clone(), body },
                targets: self.targets.borrow_mut().on(self.d, &self.domains, date),
                basis: measure_basis(measure),
                period_basis,
            });
        }
        self.rung = self.rung.max(rung);
    }

    /// The running deadline: that of the latest step that set one.
    fn deadline(&self) -> Option<Date> {
        self.steps.iter().rev().find_map(|s| s.deadline)
    }

    /// Severe harm or impact lifts a case to rung 2 that day (art. 28); an especially severe event adds
    /// the veto and personnel measures that day too. Neither stacks on a rung already reached.
    fn escalate_for(&mut self, severe: bool, especially: bool, date: Date) {
        if (severe || especially) && self.rung < Rung::YellowCard {
            self.issue(Rung::YellowCard, date);
        }
        if especially && self.rung < Rung::Veto {
            self.issue(Rung::Veto, date);
            self.issue(Rung::Personnel, date);
        }
    }
}

/// Replay one case from its trigger up to `as_of`, event by event in date order: a rectification
/// accepted on or before the running deadline closes the case that day; otherwise the next rung starts
/// the day after the deadline; a joining incident (25.2) escalates the case on its own date. Causal:
/// nothing is dated before the event that justifies it.
pub fn replay(d: &Dossier, p: &Policy, t: &Trigger, recs: &CaseRecords) -> Replayed {
    let circs = recs.circs(t.id.as_str());
    let aggravating = circs.iter().any(|c| c.kind == CircumstanceKind::Aggravating);
    let rects: Vec<Date> = recs.rects(t.id.as_str()).iter().copied().filter(|r| *r >= t.opened_on).collect();
    let mut l = Ladder {
        d,
        p,
        targets: &recs.targets,
        assessor: assessor(d),
        domains: t.domains.clone(),
        steps: Vec::new(),
        rung: Rung::None,
    };
    // Every art. 25 case is circulated with a deadline (art. 27); an aggravating circumstance moves it
    // one rung up at once (regulation.md, chapter 6).
    l.issue(Rung::Circular, t.opened_on);
    l.escalate_for(t.severe || aggravating, t.especially, t.opened_on);
    let grave = aggravating || t.especially;
    let mut closed_on = None;
    let mut next = None;
    let mut joined = 0;
    let mut rect = rects.iter().copied().peekable();
    loop {
        let deadline = l.deadline();
        let join = t.joiners.get(joined);
        // Rectifications are sorted; the earliest one after the running deadline can close only after an
        // escalation sets a later deadline.
        if let (Some(r), Some(dl)) = (rect.peek().copied(), deadline) {
            if r <= dl && join.map_or(true, |j| r <= j.date) {
                closed_on = Some(r);
                break;
            }
        }
        let expiry = if l.rung <= Rung::Listed { deadline.map(|dl| dl.add_days(1)) } else { None };
        if let Some(start) = expiry.filter(|e| join.map_or(true, |j| *e <= j.date)) {
            let nr = l.rung.next();
            if start > d.as_of {
                next = nr.measures().first().map(|m| Next { rung: nr, measure: *m, due: start });
                break;
            }
            l.issue(nr, start);
            if nr == Rung::Veto && grave {
                l.issue(Rung::Personnel, start);
            }
            continue;
        }
        let Some(j) = join else { break };
        joined += 1;
        if let Some(dm) = &j.domain {
            if !l.domains.contains(dm) {
                l.domains.push(dm.clone());
            }
        }
        l.escalate_for(j.severe, j.especially, j.date);
    }
    let veto_on = l.steps.iter().find(|s| s.measure == Measure::OneVoteVeto).map(|s| s.date);
    let grants = bars_of(
        p,
        t,
        &l.steps,
        closed_on.or(veto_on).or(next.as_ref().filter(|n| n.measure == Measure::OneVoteVeto).map(|n| n.due)),
    );
    let status = if closed_on.is_some() { CaseStatus::Closed } else { CaseStatus::Open };
    let circumstances = circs
        .iter()
        .map(|c| ShownCircumstance {
            kind: c.kind,
            what: c.what,
            effect: match c.kind {
                CircumstanceKind::Aggravating => Text::new("从重：升高一级", "aggravating: one rung up"),
                CircumstanceKind::Mitigating => {
                    Text::new("从轻：记录在案，不自动跳级", "mitigating: recorded, never skips a rung")
                }
            },
        })
        .collect();
    let basis = trigger_basis(t.item);
    let mut evidence = t.evidence.clone();
    for j in t.joiners.get(..joined).unwrap_or(&[]) {
        if !evidence.contains(&j.evidence) {
            evidence.push(j.evidence.clone());
        }
    }
    let explanation = explain(t, &basis, &l.steps, closed_on, next.as_ref());
    let case = Case {
        id: t.id.clone(),
        clause: format!("25.{}", t.item),
        basis,
        evidence,
        opened_on: t.opened_on,
        status,
        rung: l.rung,
        closed_on,
        steps: l.steps,
        next,
        circumstances,
        explanation,
    };
    Replayed { case, grants, joined }
}

/// The bars a case's steps impose (art. 26; periods from the policy). A bar starts on its step's date
/// and stays when the case later closes. A listed-supervision bar lasts `listed_bar_days` and in any case
/// until `ends` — the day the case closes or its veto begins — so no day between two bars of one open
/// case is free (api.md, rev. 2).
fn bars_of(p: &Policy, t: &Trigger, steps: &[Step], ends: Option<Date>) -> Vec<BarGrant> {
    let params = &p.parameters;
    let mut grants = Vec::new();
    for s in steps {
        let until = match s.measure {
            Measure::ListedSupervision => {
                let base = s.date.add_days(params.listed_bar_days.n() as i64);
                ends.filter(|e| *e > base).unwrap_or(base)
            }
            Measure::OneVoteVeto => s.date.add_days(params.veto_bar_days.n() as i64),
            _ => continue,
        };
        // The unit's honours and each target leader's commendation and promotion, for one period.
        grants.push(BarGrant {
            leaders: s.targets.clone(),
            from: s.date,
            until,
            case: t.id.clone(),
            measure: s.measure,
        });
    }
    grants
}

/// The basis of a bar: the policy parameter that sets its period.
fn bar_basis(p: &Policy, m: Measure) -> Basis {
    if m == Measure::OneVoteVeto {
        p.parameters.veto_bar_days.basis.clone()
    } else {
        p.parameters.listed_bar_days.basis.clone()
    }
}

fn zh_numeral(n: u32) -> &'static str {
    ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"].get(n as usize).copied().unwrap_or("")
}

fn explain(t: &Trigger, basis: &Basis, steps: &[Step], closed: Option<Date>, next: Option<&Next>) -> Text {
    let mut zh =
        format!("因{}（第二十五条第{}项），于 {} 立案", basis.summary.zh, zh_numeral(t.item), t.opened_on);
    let mut en = format!("Because of {} (art. 25({})), opened on {}", basis.summary.en, t.item, t.opened_on);
    for s in steps {
        zh.push_str(&format!("；{} {}（第{}条）", s.date, s.measure.zh(), s.basis.article));
        en.push_str(&format!("; {} {} (art. {})", s.date, s.measure.en(), s.basis.article));
        if let Some(dl) = s.deadline {
            zh.push_str(&format!("，整改期限 {}", dl));
            en.push_str(&format!(", rectify by {}", dl));
        }
    }
    if let Some(c) = closed {
        zh.push_str(&format!("；{} 整改验收通过，结案", c));
        en.push_str(&format!("; rectification accepted on {}, case closed", c));
    } else if let Some(n) = next {
        zh.push_str(&format!("；如未按期整改，{} 起{}", n.due, n.measure.zh()));
        en.push_str(&format!("; if not rectified in time, {} from {}", n.measure.en(), n.due));
    }
    zh.push('。');
    en.push('.');
    Text::new(zh, en)
}

/// Replay every trigger; referrals for cases whose record alleges a violation or a crime (art. 26).
pub fn replay_all(d: &Dossier, p: &Policy, triggers: &[Trigger]) -> Accountability {
    let mut acc = Accountability::default();
    let recs = CaseRecords::of(d);
    let mut merger = BarMerger::default();
    for t in triggers {
        let Replayed { case, grants, .. } = replay(d, p, t, &recs);
        for g in grants {
            merger.add(g);
        }
        let mut alleged = t.alleges.clone();
        alleged.sort();
        alleged.dedup();
        for a in alleged {
            let (to, zh, en) = match a {
                Alleges::Violation => (
                    ReferTo::DisciplineInspection,
                    "构成违纪违法的，给予党纪政纪处分",
                    "violations go to discipline inspection",
                ),
                Alleges::Crime => (
                    ReferTo::JudicialOrgans,
                    "构成犯罪的，依法追究刑事责任",
                    "crimes go to the judicial organs",
                ),
            };
            acc.referrals.push(Referral { case: t.id.clone(), to, basis: Basis::zj(26, None, None, zh, en) });
        }
        acc.cases.push(case);
    }
    let (bars, overflow) = merger.finish(d, p);
    acc.bars = bars;
    acc.overflow = overflow || recs.targets.borrow().overflow;
    acc.bars
        .sort_by(|a, b| (a.from, &a.subject, a.what, &a.case).cmp(&(b.from, &b.subject, b.what, &b.case)));
    acc
}

/// `replay_all` of the triggers behind `acc` plus `t`, without replaying the others again: each case is
/// replayed on its own, so only `t` is (issue 12: the 25.4 case of a failed score no longer doubles the
/// work). Cases and referrals keep trigger order (opened_on, id); bars are merged and sorted as
/// `replay_all` leaves them.
pub fn with_trigger(mut acc: Accountability, d: &Dossier, p: &Policy, t: &Trigger) -> Accountability {
    let one = replay_all(d, p, std::slice::from_ref(t));
    let at = acc.cases.partition_point(|c| (c.opened_on, c.id.as_str()) < (t.opened_on, t.id.as_str()));
    let before: std::collections::BTreeSet<&str> = acc.cases.iter().take(at).map(|c| c.id.as_str()).collect();
    let ref_at = acc.referrals.iter().take_while(|r| before.contains(r.case.as_str())).count();
    let tail_cases = acc.cases.split_off(at);
    acc.cases.extend(one.cases);
    acc.cases.extend(tail_cases);
    let tail_refs = acc.referrals.split_off(ref_at);
    acc.referrals.extend(one.referrals);
    acc.referrals.extend(tail_refs);
    acc.bars.extend(one.bars);
    acc.bars = merge_bars(std::mem::take(&mut acc.bars));
    acc.overflow |= one.overflow || acc.bars.len() > MAX_BARS;
    acc.bars
        .sort_by(|a, b| (a.from, &a.subject, a.what, &a.case).cmp(&(b.from, &b.subject, b.what, &b.case)));
    acc
}

/// Most bars one answer may hold: a bar is at least 128 bytes of JSON text, so past this the answer would
/// pass `limits::MAX_ANSWER_BYTES` (issue 12).
pub const MAX_BARS: usize = crate::limits::MAX_ANSWER_BYTES / 128;

/// What one step with a bar (a listed supervision or a veto) imposes: the unit's `honours` and each
/// target leader's `commendation` and `promotion`, for one period. Replay hands these over with the
/// step's shared target list, never a bar per leader.
#[derive(Clone, Debug)]
pub struct BarGrant {
    pub leaders: Targets,
    pub from: Date,
    pub until: Date,
    pub case: CaseId,
    pub measure: Measure,
}

/// One period before or after merging: the first case (earliest `from`, then case id) and how many cases'
/// bars it covers.
#[derive(Clone, Debug)]
struct Piece {
    from: Date,
    until: Date,
    case: Rc<CaseId>,
    count: u32,
}

/// Merge periods that overlap or touch (`from` ≤ the previous `until`): the days covered are exactly
/// those of the pieces, the first case by (`from`, case id) is kept and the cases are counted.
fn sweep(mut v: Vec<Piece>) -> Vec<Piece> {
    crate::work::tick(v.len());
    v.sort_by(|a, b| (a.from, &a.case).cmp(&(b.from, &b.case)));
    let mut out: Vec<Piece> = Vec::with_capacity(v.len().min(1024));
    for x in v {
        match out.last_mut() {
            Some(m) if x.from <= m.until => {
                m.until = m.until.max(x.until);
                m.count = m.count.saturating_add(x.count);
            }
            _ => out.push(x),
        }
    }
    out
}

/// Merges bars per subject, kind and measure (issue 12) without making a bar per leader per case: the
/// unit's periods are merged per measure; the leaders' periods are merged per shared target list and
/// measure first, then per leader over the lists that name them. The result is that of [`merge_bars`]
/// over one bar per step and subject; a leader's `commendation` and `promotion` bars are the same
/// periods. Past [`MAX_BARS`] bars, or [`MAX_TARGET_ENTRIES`] leader-periods, the leaders' bars stop
/// (the answer could not hold them) and `overflow` is reported; the unit's bars are always complete.
#[derive(Default)]
struct BarMerger {
    unit: BTreeMap<Measure, Vec<Piece>>,
    lists: BTreeMap<(u32, Measure), (Targets, Vec<Piece>)>,
}

impl BarMerger {
    fn add(&mut self, g: BarGrant) {
        crate::work::tick(1);
        let piece = Piece { from: g.from, until: g.until, case: Rc::new(g.case.clone()), count: 1 };
        self.unit.entry(g.measure).or_default().push(piece.clone());
        if !g.leaders.is_empty() {
            self.lists
                .entry((g.leaders.group, g.measure))
                .or_insert_with(|| (g.leaders.clone(), Vec::new()))
                .1
                .push(piece);
        }
    }

    fn finish(self, d: &Dossier, p: &Policy) -> (Vec<Bar>, bool) {
        let bar = |subject: &str, what: BarWhat, measure: Measure, x: &Piece| Bar {
            subject: subject.to_string(),
            what,
            from: x.from,
            until: x.until,
            case: CaseId::clone(&x.case),
            measure,
            basis: bar_basis(p, measure),
            case_count: x.count,
        };
        let mut out = Vec::new();
        for (m, v) in self.unit {
            for x in sweep(v) {
                out.push(bar(&d.unit.id, BarWhat::Honours, m, &x));
            }
        }
        // Each list's merged periods, then each leader's periods from the lists that name them.
        let mut periods: Vec<(Measure, Piece)> = Vec::new();
        let mut mine: Vec<Vec<u32>> = vec![Vec::new(); d.leaders.len()];
        let mut entries = 0usize;
        let mut overflow = false;
        for ((_, m), (targets, v)) in self.lists {
            let merged = sweep(v);
            entries = entries.saturating_add(merged.len().saturating_mul(targets.len()));
            if entries > MAX_TARGET_ENTRIES {
                overflow = true;
                break;
            }
            crate::work::tick(merged.len() * targets.len());
            for x in merged {
                let k = periods.len() as u32;
                periods.push((m, x));
                for &l in targets.indices() {
                    if let Some(v) = mine.get_mut(l as usize) {
                        v.push(k);
                    }
                }
            }
        }
        'leaders: for (l, ks) in d.leaders.iter().zip(mine) {
            let mut by_measure: BTreeMap<Measure, Vec<Piece>> = BTreeMap::new();
            for k in ks {
                if let Some((m, x)) = periods.get(k as usize) {
                    by_measure.entry(*m).or_default().push(x.clone());
                }
            }
            for (m, v) in by_measure {
                for x in sweep(v) {
                    if out.len() + 2 > MAX_BARS {
                        overflow = true;
                        break 'leaders;
                    }
                    out.push(bar(&l.id, BarWhat::Commendation, m, &x));
                    out.push(bar(&l.id, BarWhat::Promotion, m, &x));
                }
            }
        }
        (out, overflow)
    }
}

/// Bars merged per subject, kind (`what`) and measure over overlapping or adjacent periods (issue 12:
/// the answer stays linear in the input). The days covered are exactly those of the bars merged; the
/// merged bar keeps the first case (earliest `from`, then case id) with its basis, the latest `until`,
/// and counts the cases in `case_count`. Idempotent, so it may run on partial lists as replay goes.
pub fn merge_bars(mut bars: Vec<Bar>) -> Vec<Bar> {
    bars.sort_by(|a, b| {
        (&a.subject, a.what, a.measure, a.from, &a.case)
            .cmp(&(&b.subject, b.what, b.measure, b.from, &b.case))
    });
    let mut out: Vec<Bar> = Vec::with_capacity(bars.len().min(1024));
    for b in bars {
        match out.last_mut() {
            Some(m)
                if m.subject == b.subject
                    && m.what == b.what
                    && m.measure == b.measure
                    && b.from <= m.until =>
            {
                m.until = m.until.max(b.until);
                m.case_count = m.case_count.saturating_add(b.case_count);
            }
            _ => out.push(b),
        }
    }
    out
}

/// A lower bound of the bytes `acc` takes in a report's JSON text, with the archive's case lists it
/// implies (each case listed under every leader it targets) — issue 12: checked before the archive is
/// built or anything is serialised, so an answer past the ceiling is refused at once instead of after
/// writing 32 MiB; it stops counting once past the ceiling. Counts only what is certainly written: the fixed keys of a case, step and bar, the
/// ids, the target lists and the texts (JSON escaping only adds to them).
pub fn answer_floor(acc: &Accountability) -> usize {
    fn basis(b: &Basis) -> usize {
        50 + b.source.len() + b.summary.zh.len() + b.summary.en.len()
    }
    let mut n = acc.bars.len().saturating_mul(128);
    for c in &acc.cases {
        n = n.saturating_add(
            150 + c.id.as_str().len() + c.explanation.zh.len() + c.explanation.en.len() + basis(&c.basis),
        );
        for s in &c.steps {
            n = n.saturating_add(
                110 + s.targets.json_bytes()
                    + s.issuer.locality.len()
                    + basis(&s.basis)
                    + s.period_basis.as_ref().map_or(0, basis),
            );
        }
        // The archive: at least as many leaders as the longest target list of the case.
        let k = c.steps.iter().map(|s| s.targets.len()).max().unwrap_or(0);
        n = n.saturating_add((c.id.as_str().len() + 3).saturating_mul(k).saturating_sub(1));
        if n > crate::limits::MAX_ANSWER_BYTES {
            break;
        }
    }
    n
}

/// Is a one-vote veto's bar on the unit in force at some point of the dossier's year? (api.md: it
/// forces the grade to `fail`.)
pub fn veto_in_year(d: &Dossier, acc: &Accountability) -> Option<CaseId> {
    let (start, end) = d.year_span();
    acc.bars
        .iter()
        .find(|b| {
            b.measure == Measure::OneVoteVeto
                && b.subject == d.unit.id
                && b.what == BarWhat::Honours
                && b.from <= end
                && b.until > start
        })
        .map(|b| b.case.clone())
}
