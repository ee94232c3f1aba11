//! Chapters 1–3: whether the measures apply (art. 2), who answers for what (art. 4–11), and the
//! supervision records (art. 12–14). Produces the duty matrix and the compliance findings; the duty
//! catalogue itself is data in the policy pack.

use crate::date::Date;
use crate::issue::{Basis, Code, Issue, Text};
use crate::model::{Activity, Dossier, Incident, Leader, Level, Role, UnitKind};
use crate::policy::{By, Duty, Evidence, Flag, Policy, Scope, Units};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Applies {
    Full,
    ByReference,
    None,
}

#[derive(Clone, Debug, Serialize)]
pub struct Applicability {
    pub applies: Applies,
    pub basis: Basis,
}

/// [`applicability`] without its basis (every call checks it; the basis is text made only for an answer).
pub fn applies(kind: UnitKind) -> Applies {
    use UnitKind::*;
    match kind {
        Locality | Party | Congress | Administrative | Cppcc | Court | Procuratorate => Applies::Full,
        PeopleOrg | PublicInstitution | Soe => Applies::ByReference,
        PrivateEnterprise | SocialOrganization | Other => Applies::None,
    }
}

/// Art. 2: party, congress, administrative, CPPCC, judicial and procuratorial organs in full (para 1);
/// people's organisations, public institutions and SOEs by reference (para 2); nothing else.
pub fn applicability(kind: UnitKind) -> Applicability {
    use UnitKind::*;
    match kind {
        Locality | Party | Congress | Administrative | Cppcc | Court | Procuratorate => Applicability {
            applies: applies(kind),
            basis: Basis::zj(
                2,
                Some(1),
                None,
                "党政机关、人大、政协、审判、检察机关适用本办法",
                "party, government, congress, CPPCC, court and procuratorate bodies are covered in full",
            ),
        },
        PeopleOrg | PublicInstitution | Soe => Applicability {
            applies: applies(kind),
            basis: Basis::zj(
                2,
                Some(2),
                None,
                "人民团体、事业单位、国有企业参照执行",
                "people's organisations, public institutions and state-owned enterprises follow by reference",
            ),
        },
        PrivateEnterprise | SocialOrganization | Other => Applicability {
            applies: applies(kind),
            basis: Basis::zj(
                2,
                None,
                None,
                "此类单位不在本办法适用范围内",
                "this kind of body is outside the measures",
            ),
        },
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Unmet,
    NotCheckable,
}

#[derive(Clone, Debug, Serialize)]
pub struct DutyLine {
    pub leader: String,
    pub role: Role,
    pub duty: String,
    pub status: Status,
    pub evidence: Vec<String>,
    pub basis: Basis,
    /// How many qualifying records were found, and how many the duty needs (for counted duties).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<(u32, u32)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Attribution {
    pub incident: String,
    pub counts: bool,
    pub basis: Basis,
}

/// Art. 4: an incident counts against the locality where it happened (or one above it) and against
/// the competent department named as its `sector`.
pub fn attributed(d: &Dossier, i: &Incident) -> bool {
    if d.unit.kind == UnitKind::Locality {
        match &i.locality {
            None => true,
            Some(l) => d.within_unit(l),
        }
    } else {
        // Art. 4 谁主管谁负责: a department answers only for incidents that name it as competent sector.
        i.sector.as_deref() == Some(d.unit.id.as_str())
    }
}

pub fn attribution(d: &Dossier) -> Vec<Attribution> {
    d.incidents
        .iter()
        .map(|i| {
            let counts = attributed(d, i);
            let basis = if d.unit.kind == UnitKind::Locality {
                Basis::zj(
                    4,
                    None,
                    None,
                    "属地管理：案（事）件计入发生地",
                    "territorial: an incident counts where it happened",
                )
            } else {
                Basis::zj(
                    4,
                    None,
                    None,
                    "谁主管谁负责：案（事）件计入主管部门",
                    "sector: an incident counts against its competent department",
                )
            };
            Attribution { incident: i.id.clone(), counts, basis }
        })
        .collect()
}

fn duty_basis(duty: &Duty) -> Basis {
    Basis::zj_text(duty.article, duty.clause, duty.item, &duty.summary)
}

/// Leaders holding their post at some point of the dossier's year.
fn in_post(d: &Dossier, l: &Leader) -> bool {
    let (start, end) = d.year_span();
    l.since.map_or(true, |s| s <= end) && l.until.map_or(true, |u| u >= start)
}

fn has_flag(a: &Activity, flag: Option<Flag>) -> bool {
    match flag {
        None => true,
        Some(Flag::CoversPingan) => a.covers_pingan == Some(true),
        Some(Flag::IncludesPlan) => a.includes_plan == Some(true),
        Some(Flag::FourTogether) => {
            crate::model::TOGETHER.iter().all(|t| a.four_together.iter().any(|x| x.as_str() == t.value))
        }
        Some(Flag::ToLeadingGroup) => a.to_leading_group == Some(true),
        // Checked against the unit's level in `reported_up`; alone it asks for the two same-level bodies.
        Some(Flag::ReportedUp) => {
            ["party_committee", "government"].iter().all(|r| a.reported_to.iter().any(|x| x == r))
        }
    }
}

/// Art. 14(2): reported to the same-level party committee and government and, below the province, to
/// the leading group one level up (the province has no parent in our tree).
fn reported_up(d: &Dossier, a: &Activity) -> bool {
    has_flag(a, Some(Flag::ReportedUp))
        && (d.unit.level == Some(Level::Province)
            || d.unit.parent.is_none()
            || a.reported_to.iter().any(|x| x == "superior_leading_group"))
}

fn flag_holds(d: &Dossier, a: &Activity, flag: Option<Flag>) -> bool {
    match flag {
        Some(Flag::ReportedUp) => reported_up(d, a),
        other => has_flag(a, other),
    }
}

/// Does the duty bind this unit (its `units`, absent: every unit)?
fn binds(duty: &Duty, d: &Dossier) -> bool {
    match duty.units {
        None => true,
        Some(Units::Locality) => d.unit.kind == UnitKind::Locality,
        Some(Units::Department) => d.unit.kind != UnitKind::Locality,
    }
}

/// A duty of the unit rather than of the leader (evidence by anyone in the unit, e.g. art. 7(6)): it
/// raises one finding for the unit, however many principals carry the line.
pub fn is_unit_duty(duty: &Duty) -> bool {
    matches!(duty.evidence, Some(Evidence::ActivityCount { by: By::Unit, .. }))
}

/// A counted duty: the leader's own activities in the year (tenure pro rata applies).
fn is_counted(by: By, scope: Scope) -> bool {
    by == By::Own && scope == Scope::Year
}

/// Tenure (regulation.md): the count a leader owes for `full` in the year, ⌈full × days in post / days
/// in the year⌉, or `None` when in post fewer than `min_tenure_days` (not checkable). Days in post are
/// counted through `as_of` when the year is not over yet (a later `until` cannot be known then), so a
/// replay at an earlier date asks for the share owed so far; from 31 December on this is the whole year.
pub fn pro_rata(d: &Dossier, p: &Policy, leader: &Leader, full: u32) -> Option<u32> {
    let (start, end) = d.year_span();
    let year_days = (start.days_until(end) + 1).max(1) as u64;
    let days = leader.days_in_post(start, end.min(d.as_of)) as u64;
    if days < u64::from(p.parameters.min_tenure_days.n()) {
        return None;
    }
    let need = (u64::from(full) * days).div_ceil(year_days);
    Some(need.min(u64::from(u32::MAX)) as u32)
}

/// Is this decision one the leader answers for (art. 7(4) and 8(5): every major decision taken while in
/// post; art. 9(2): those in the member's domains or proposed by the member)?
fn attached(leader: &Leader, x: &crate::model::Decision, domain_only: bool) -> bool {
    leader.in_post_on(x.date)
        && (!domain_only
            || x.domain.as_ref().is_some_and(|dm| leader.domains.contains(dm))
            || x.by.as_deref() == Some(leader.id.as_str()))
}

/// A major decision of the year assessed on or before its date?
fn assessed(x: &crate::model::Decision) -> bool {
    x.assessed_on.is_some_and(|a| a <= x.date)
}

fn major_in_year<'a>(d: &'a Dossier) -> impl Iterator<Item = (usize, &'a crate::model::Decision)> + 'a {
    d.decisions.iter().enumerate().filter(move |(_, x)| x.major && d.in_year(x.date) && x.date <= d.as_of)
}

struct Check {
    status: Status,
    evidence: Vec<String>,
    count: Option<(u32, u32)>,
}

fn met_if(ok: bool, evidence: Vec<String>, count: Option<(u32, u32)>) -> Check {
    Check { status: if ok { Status::Met } else { Status::Unmet }, evidence, count }
}

fn not_checkable(evidence: Vec<String>) -> Check {
    Check { status: Status::NotCheckable, evidence, count: None }
}

/// The activities indexed once per duty matrix (issue 12: O(n log n), not leaders × incidents ×
/// activities): by the leader who acted, and by (incident, leader); each list in input order. The
/// designation check does not depend on the leader and is made once.
struct Index<'a> {
    by_leader: std::collections::BTreeMap<&'a str, Vec<&'a Activity>>,
    response: std::collections::BTreeMap<(&'a str, &'a str), Vec<&'a Activity>>,
    designation: (bool, Vec<String>),
}

impl<'a> Index<'a> {
    fn new(d: &'a Dossier) -> Index<'a> {
        let mut by_leader: std::collections::BTreeMap<&'a str, Vec<&'a Activity>> =
            std::collections::BTreeMap::new();
        let mut response: std::collections::BTreeMap<(&'a str, &'a str), Vec<&'a Activity>> =
            std::collections::BTreeMap::new();
        for a in &d.activities {
            if let Some(by) = a.by.as_deref() {
                by_leader.entry(by).or_default().push(a);
                if let Some(i) = a.incident.as_deref() {
                    response.entry((i, by)).or_default().push(a);
                }
            }
        }
        let leaders: Vec<&Leader> = d.leaders.iter().filter(|l| in_post(d, l)).collect();
        let in_charge: Vec<String> =
            leaders.iter().filter(|l| l.role == Role::InCharge).map(|l| l.id.clone()).collect();
        let all_domains = leaders.iter().filter(|l| l.role == Role::Member).all(|l| !l.domains.is_empty());
        Index { by_leader, response, designation: (!in_charge.is_empty() && all_domains, in_charge) }
    }
    fn of(&self, leader: &str) -> &[&'a Activity] {
        self.by_leader.get(leader).map(Vec::as_slice).unwrap_or(&[])
    }
}

fn check_duty(d: &Dossier, p: &Policy, leader: &Leader, ev: &Evidence, ix: &Index) -> Check {
    let in_year = |date: Date| d.in_year(date) && date <= d.as_of;
    match ev {
        Evidence::ActivityCount { activities, min, min_param, by, scope, flag } => {
            let full = match (min, min_param) {
                (Some(m), _) => *m,
                (None, Some(name)) => p.parameters.get(name).map(|x| x.n()).unwrap_or(1),
                (None, None) => 1,
            };
            let mine: Vec<&Activity>;
            let pool: &[&Activity] = if *by == By::Unit {
                mine = d.activities.iter().collect();
                &mine
            } else {
                ix.of(&leader.id)
            };
            crate::work::tick(pool.len());
            let ids: Vec<String> = pool
                .iter()
                .filter(|a| activities.contains(&a.kind))
                .filter(|a| match scope {
                    Scope::Year => in_year(a.date),
                    Scope::Ever => a.date <= d.as_of,
                })
                .filter(|a| *by == By::Unit || a.by.as_deref() == Some(leader.id.as_str()))
                .filter(|a| flag_holds(d, a, *flag))
                .map(|a| a.id.clone())
                .collect();
            let need = if is_counted(*by, *scope) {
                match pro_rata(d, p, leader, full) {
                    Some(n) => n,
                    None => return not_checkable(ids),
                }
            } else {
                full
            };
            let n = ids.len() as u32;
            met_if(n >= need, ids, Some((n, need)))
        }
        Evidence::Designation => met_if(ix.designation.0, ix.designation.1.clone(), None),
        Evidence::IncidentResponse { severities, activities, domain_only } => {
            let relevant: Vec<&Incident> = d
                .incidents
                .iter()
                .filter(|i| in_year(i.date) && severities.contains(&i.severity) && attributed(d, i))
                .filter(|i| !domain_only || i.domain.as_ref().is_some_and(|dm| leader.domains.contains(dm)))
                // Only incidents during the leader's tenure ask a response of them.
                .filter(|i| {
                    leader.since.map_or(true, |s| s <= i.date) && leader.until.map_or(true, |u| i.date <= u)
                })
                .collect();
            crate::work::tick(d.incidents.len() + relevant.len());
            let mut evidence = Vec::new();
            let mut covered = 0u32;
            for i in &relevant {
                let found: Vec<String> = ix
                    .response
                    .get(&(i.id.as_str(), leader.id.as_str()))
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|a| activities.contains(&a.kind))
                    .map(|a| a.id.clone())
                    .collect();
                covered += u32::from(!found.is_empty());
                evidence.extend(found);
            }
            let total = relevant.len() as u32;
            met_if(covered == total, evidence, Some((covered, total)))
        }
        Evidence::Handover => match leader.until {
            Some(u) if d.in_year(u) && u <= d.as_of => {
                let w = i64::from(p.parameters.handover_window_days.n());
                let (from, to) = (u.add_days(-w), u.add_days(w));
                let ids: Vec<String> = ix
                    .of(&leader.id)
                    .iter()
                    .filter(|a| a.kind == crate::model::ActivityType::Handover)
                    .filter(|a| from <= a.date && a.date <= to && a.date <= d.as_of)
                    .map(|a| a.id.clone())
                    .collect();
                if ids.is_empty() && d.as_of < to {
                    // The window is still open on as_of: not yet missed.
                    return not_checkable(ids);
                }
                met_if(!ids.is_empty(), ids, None)
            }
            _ => met_if(true, Vec::new(), None),
        },
        Evidence::DecisionAssessment { domain_only } => {
            let mine: Vec<&crate::model::Decision> =
                major_in_year(d).map(|(_, x)| x).filter(|x| attached(leader, x, *domain_only)).collect();
            if mine.is_empty() {
                // Checkable only where the dossier records major decisions this leader answers for.
                return not_checkable(Vec::new());
            }
            let ok: Vec<String> = mine.iter().filter(|x| assessed(x)).map(|x| x.id.clone()).collect();
            let (n, total) = (ok.len() as u32, mine.len() as u32);
            met_if(n == total, ok, Some((n, total)))
        }
    }
}

/// The duty matrix: every in-post leader × every duty of their role (art. 7–10, 13).
pub fn matrix(d: &Dossier, p: &Policy) -> Vec<DutyLine> {
    matrix_with(d, p, true)
}

/// The matrix; without `bases` its lines carry an empty basis (only [`count`] reads such lines).
fn matrix_with(d: &Dossier, p: &Policy, bases: bool) -> Vec<DutyLine> {
    let mut out = Vec::new();
    let ix = Index::new(d);
    for leader in d.leaders.iter().filter(|l| in_post(d, l)) {
        for duty in p.duties.iter().filter(|x| x.role == leader.role && binds(x, d)) {
            let check = match (&duty.evidence, duty.checkable) {
                (Some(ev), true) if !(leader.role == Role::Member && leader.domains.is_empty()) => {
                    check_duty(d, p, leader, ev, &ix)
                }
                _ => not_checkable(Vec::new()),
            };
            out.push(DutyLine {
                leader: leader.id.clone(),
                role: leader.role,
                duty: duty.id.clone(),
                status: check.status,
                evidence: check.evidence,
                basis: if bases { duty_basis(duty) } else { Basis::blank() },
                count: check.count,
            });
        }
    }
    out
}

fn unit_basis(p: &Policy, code: Code) -> Option<Basis> {
    p.unit_checks
        .iter()
        .find(|c| c.code == code)
        .map(|c| Basis::zj_text(c.article, c.clause, c.item, &c.summary))
}

fn finding(p: &Policy, code: Code, path: impl Into<String>, zh: String, en: String) -> Issue {
    let i = Issue::warning(code, path, zh, en);
    match unit_basis(p, code) {
        Some(b) => i.with_basis(b),
        None => i,
    }
}

fn name_of(l: &Leader) -> String {
    if l.name.is_empty() {
        l.id.clone()
    } else {
        format!("{}({})", l.name, l.id)
    }
}

/// `name_of` for Chinese text: the id in full-width brackets, "陈晓燕（L2）".
fn name_zh(l: &Leader) -> String {
    if l.name.is_empty() {
        l.id.clone()
    } else {
        format!("{}（{}）", l.name, l.id)
    }
}

/// Compliance findings of chapters 2–3, each a warning with its basis; `matrix` is the duty matrix.
pub fn findings(d: &Dossier, p: &Policy, matrix: &[DutyLine]) -> Vec<Issue> {
    let mut out = Vec::new();
    findings_into(d, p, matrix, &mut out);
    out
}

/// How many findings [`findings`] would list, without writing their texts: the derived grade of
/// `score` (policy `scheme.derived`, art. 18) needs only the number.
pub fn count(d: &Dossier, p: &Policy) -> usize {
    let mut n = Count(0);
    findings_into(d, p, &matrix_with(d, p, false), &mut n);
    n.0
}

fn findings_into(d: &Dossier, p: &Policy, matrix: &[DutyLine], out: &mut impl Findings) {
    let leaders: Vec<(usize, &Leader)> =
        d.leaders.iter().enumerate().filter(|(_, l)| in_post(d, l)).collect();
    let principals: Vec<&(usize, &Leader)> =
        leaders.iter().filter(|(_, l)| l.role == Role::Principal).collect();
    let is_locality = d.unit.kind == UnitKind::Locality;
    let need_principals = if is_locality { 2 } else { 1 };
    if principals.len() < need_principals {
        out.add(|| {
            finding(
                p,
                Code::NoPrincipal,
                "/leaders",
                if is_locality {
                    "地方须有党委、政府两位主要负责同志（第一责任人）".into()
                } else {
                    "缺少主要负责同志（第一责任人）".into()
                },
                if is_locality {
                    "a locality needs two principals: the party secretary and the government head".into()
                } else {
                    "no principal (first responsible person)".into()
                },
            )
        });
    }
    if !leaders.iter().any(|(_, l)| l.role == Role::InCharge) {
        out.add(|| {
            finding(
                p,
                Code::NoInCharge,
                "/leaders",
                "未明确分管负责同志（直接责任人）".into(),
                "no leader in charge (directly responsible person) is designated".into(),
            )
        });
    }
    for (i, l) in leaders.iter().filter(|(_, l)| l.role == Role::Member) {
        if l.domains.is_empty() {
            out.add(|| {
                finding(
                    p,
                    Code::MemberWithoutDomain,
                    format!("/leaders/{}/domains", i),
                    format!("班子成员 {} 未明确分管领域（一岗双责）", name_zh(l)),
                    format!("team member {} has no domain (dual duty)", name_of(l)),
                )
            });
        }
    }
    // Unmet checkable duties: one finding per leader and duty, located at the leader; a duty of the unit
    // once for the unit. Designation (7(3)) is reported by the unit checks above (no_in_charge,
    // member_without_domain), risk assessment of decisions once per decision below.
    let index_of: std::collections::BTreeMap<&str, usize> =
        d.leaders.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).rev().collect();
    let duty_of: std::collections::BTreeMap<&str, &Duty> =
        p.duties.iter().rev().map(|x| (x.id.as_str(), x)).collect();
    let mut unit_done: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for line in matrix.iter().filter(|m| m.status == Status::Unmet) {
        let Some(duty) = duty_of.get(line.duty.as_str()).copied() else { continue };
        if matches!(duty.evidence, Some(Evidence::Designation) | Some(Evidence::DecisionAssessment { .. })) {
            continue;
        }
        if is_unit_duty(duty) {
            if !unit_done.insert(duty.id.as_str()) {
                continue;
            }
            let (zh_n, en_n) = match line.count {
                Some((n, need)) => (
                    format!("（{} 年实有 {}，要求 {}）", d.year, n, need),
                    format!(" ({} in {}, {} required)", n, d.year, need),
                ),
                None => (String::new(), String::new()),
            };
            out.add(|| {
                Issue::warning(
                    duty.finding.unwrap_or(Code::UnmetDuty),
                    "/activities",
                    format!("本单位未落实：{}{}", duty.summary.zh, zh_n),
                    format!("the unit has not met: {}{}", duty.summary.en, en_n),
                )
                .with_basis(line.basis.clone())
            });
            continue;
        }
        let Some(i) = index_of.get(line.leader.as_str()).copied() else { continue };
        let who = d.leaders.get(i).map(name_zh).unwrap_or_default();
        let who_en = d.leaders.get(i).map(name_of).unwrap_or_default();
        let (zh_n, en_n) = match line.count {
            Some((n, need)) if duty.finding != Some(Code::AbsentFromScene) => (
                format!("（{} 年实有 {}，要求 {}）", d.year, n, need),
                format!(" ({} in {}, {} required)", n, d.year, need),
            ),
            _ => (String::new(), String::new()),
        };
        out.add(|| {
            Issue::warning(
                duty.finding.unwrap_or(Code::UnmetDuty),
                format!("/leaders/{}", i),
                format!("{} 未落实：{}{}", who, duty.summary.zh, zh_n),
                format!("{} has not met: {}{}", who_en, duty.summary.en, en_n),
            )
            .with_basis(line.basis.clone())
        });
    }
    if is_locality {
        match &d.leading_group {
            None => out.add(|| {
                finding(
                    p,
                    Code::NoLeadingGroup,
                    "/leading_group",
                    "未设平安建设领导小组".into(),
                    "no Ping'an leading group".into(),
                )
            }),
            Some(g) => {
                let role_of = |id: &str| d.leader(id).map(|l| (l.role, l.post.clone().unwrap_or_default()));
                let leader_ok = g.leader.as_deref().and_then(role_of).is_some_and(|(r, post)| {
                    r == Role::Principal && (post.is_empty() || post == "party_secretary")
                });
                if !leader_ok {
                    out.add(|| {
                        finding(
                            p,
                            Code::LeadingGroupComposition,
                            "/leading_group/leader",
                            "领导小组组长应为党委主要负责同志".into(),
                            "the leading group's leader should be the party principal".into(),
                        )
                    });
                }
                let deps: Vec<(Role, String)> = g.deputies.iter().filter_map(|x| role_of(x)).collect();
                let gov = deps
                    .iter()
                    .any(|(r, post)| *r == Role::Principal && (post.is_empty() || post == "government_head"));
                let charge = deps.iter().any(|(r, _)| *r == Role::InCharge);
                if !(gov && charge) {
                    out.add(|| {
                        finding(
                        p,
                        Code::LeadingGroupComposition,
                        "/leading_group/deputies",
                        "副组长应包括政府主要负责同志和党委分管负责同志".into(),
                        "the deputies should include the government principal and the party leader in charge"
                            .into(),
                    )
                    });
                }
                if g.office_in.as_deref() != Some("political_legal_committee") {
                    out.add(|| {
                        finding(
                            p,
                            Code::OfficePlacement,
                            "/leading_group/office_in",
                            "领导小组办公室应设在党委政法委".into(),
                            "the leading group's office should sit in the political-legal committee".into(),
                        )
                    });
                }
                if g.budget_line != Some(true) {
                    out.add(|| {
                        finding(
                            p,
                            Code::NoBudgetLine,
                            "/leading_group/budget_line",
                            "工作经费未列入同级财政预算".into(),
                            "the work is not funded in the budget".into(),
                        )
                    });
                }
                // Art. 5 para 2: 副书记兼任主任 — the director is a leader in post in the year whose post is
                // a deputy secretary's (model::OFFICE_DIRECTOR_POSTS).
                let director_ok = g.office_director.as_deref().and_then(|id| d.leader(id)).is_some_and(|l| {
                    in_post(d, l)
                        && l.post.as_deref().is_some_and(|x| crate::model::OFFICE_DIRECTOR_POSTS.contains(&x))
                });
                if !director_ok {
                    out.add(|| {
                        finding(
                            p,
                            Code::OfficeDirector,
                            "/leading_group/office_director",
                            "领导小组办公室主任未由副书记兼任（或未记录）".into(),
                            "the office's director is not a deputy secretary (or is not recorded)".into(),
                        )
                    });
                }
            }
        }
    } else {
        let (zh, en) = (
            "部门年度计划未做到平安工作与业务四同",
            "the department's annual plan does not integrate Ping'an work on all four counts",
        );
        let ok = d.activities.iter().any(|a| {
            a.kind == crate::model::ActivityType::AnnualPlan
                && d.in_year(a.date)
                && has_flag(a, Some(Flag::FourTogether))
        });
        if !ok {
            out.add(|| finding(p, Code::FourTogetherIncomplete, "/activities", zh.into(), en.into()));
        }
    }
    letter_findings(d, p, out);
    decision_findings(d, p, out);
    let summary = d.activities.iter().any(|a| {
        a.kind == crate::model::ActivityType::AnnualSummary
            && d.in_year(a.date)
            && a.includes_plan == Some(true)
    });
    if !summary {
        out.add(|| {
            finding(
                p,
                Code::NoAnnualSummary,
                "/activities",
                format!("{} 年无含下年度安排的年度总结", d.year),
                format!("no annual summary with next year's plan in {}", d.year),
            )
        });
    }
}

/// Art. 12(2): each year, a letter with the parent signed by both sides' principals, with checkable
/// targets (12(1)). The signature rules hold whichever side the unit signs on: neither side may be
/// empty, and every signatory who is one of the dossier's leaders must be a principal in post on the
/// letter's date (`since` ≤ date ≤ `until`).
fn letter_findings(d: &Dossier, p: &Policy, out: &mut impl Findings) {
    let parent = d.unit.parent.as_deref().filter(|_| d.unit.level != Some(Level::Province));
    if let Some(parent) = parent {
        let found = d
            .letters
            .iter()
            .enumerate()
            .find(|(_, l)| l.year == d.year && l.subordinate == d.unit.id && l.superior == parent);
        match found {
            None => out.add(|| {
                finding(
                    p,
                    Code::NoLetter,
                    "/letters",
                    format!("{} 年未与上级（{}）签订目标管理责任书", d.year, parent),
                    format!("no {} responsibility letter with the parent ({})", d.year, parent),
                )
            }),
            Some((i, letter)) => check_letter(d, p, i, letter, true, out),
        }
    }
    // Letters the unit signs as the superior side (with its subordinate localities or departments).
    for (i, letter) in
        d.letters.iter().enumerate().filter(|(_, l)| l.year == d.year && l.superior == d.unit.id)
    {
        check_letter(d, p, i, letter, false, out);
    }
}

fn check_letter(
    d: &Dossier,
    p: &Policy,
    i: usize,
    letter: &crate::model::Letter,
    we_are_subordinate: bool,
    out: &mut impl Findings,
) {
    let sides = [
        ("subordinate", &letter.signed_by.subordinate, we_are_subordinate),
        ("superior", &letter.signed_by.superior, !we_are_subordinate),
    ];
    for (side, names, ours) in sides {
        if names.is_empty() {
            let (zh, en) = if ours { ("本方", "this side's") } else { ("对方", "the other side's") };
            out.add(|| {
                finding(
                    p,
                    Code::LetterSignatory,
                    format!("/letters/{}/signed_by/{}", i, side),
                    format!("责任书缺少{}主要负责同志签署", zh),
                    format!("the letter lacks {} principal signatures", en),
                )
            });
        }
        for (j, s) in names.iter().enumerate() {
            let path = format!("/letters/{}/signed_by/{}/{}", i, side, j);
            match d.leader(s) {
                Some(l) if l.role != Role::Principal => out.add(|| {
                    finding(
                        p,
                        Code::LetterSignatory,
                        path,
                        format!("签署人 {} 不是本方主要负责同志", name_zh(l)),
                        format!("signatory {} is not a principal of this side", name_of(l)),
                    )
                }),
                Some(l) if !l.in_post_on(letter.date) => out.add(|| {
                    finding(
                        p,
                        Code::LetterSignatory,
                        path,
                        format!("签署人 {} 在签订日 {} 不在主要负责同志岗位上", name_zh(l), letter.date),
                        format!(
                            "signatory {} was not a principal in post on the signing date {}",
                            name_of(l),
                            letter.date
                        ),
                    )
                }),
                Some(_) => {}
                // Our own side's signatories must be our leaders (validation rejects others); the other
                // side's are the other unit's, outside this dossier.
                None if ours => out.add(|| {
                    finding(
                        p,
                        Code::LetterSignatory,
                        path,
                        format!("签署人 {} 不是本方主要负责同志", s),
                        format!("signatory {} is not a principal of this side", s),
                    )
                }),
                None => {}
            }
        }
    }
    if letter.targets.is_empty() || letter.targets.iter().any(|t| t.target.is_none() || t.metric.is_empty()) {
        out.add(|| {
            finding(
                p,
                Code::LetterNoTargets,
                format!("/letters/{}/targets", i),
                "责任书目标未分解为可检查的量化指标".into(),
                "the letter's targets are not measurable items".into(),
            )
        });
    }
}

/// Art. 7(4), 8(5), 9(2): one finding per major decision of the year without a risk assessment dated on
/// or before it, citing every catalogue duty it engages (the principals' always; the leader in charge's
/// and a member's when one in post answers for it). Silent when the pack has no such duty.
fn decision_findings(d: &Dossier, p: &Policy, out: &mut impl Findings) {
    let duties: Vec<(&Duty, bool)> = p
        .duties
        .iter()
        .filter(|x| x.checkable && binds(x, d))
        .filter_map(|x| match x.evidence {
            Some(Evidence::DecisionAssessment { domain_only }) => Some((x, domain_only)),
            _ => None,
        })
        .collect();
    let Some((first, _)) = duties.first() else { return };
    for (i, x) in major_in_year(d).filter(|(_, x)| !assessed(x)) {
        let mut bases: Vec<Basis> = duties
            .iter()
            .filter(|(duty, only)| {
                d.leaders.iter().any(|l| {
                    l.role == duty.role
                        && attached(l, x, *only)
                        && !(l.role == Role::Member && l.domains.is_empty())
                })
            })
            .map(|(duty, _)| duty_basis(duty))
            .collect();
        if bases.is_empty() {
            bases.push(duty_basis(first));
        }
        let (zh, en) = match x.assessed_on {
            Some(a) => (
                format!("重大决策 {}（{}）的社会稳定风险评估晚于决策（{}）", x.id, x.date, a),
                format!("the risk assessment of major decision {} ({}) came after it ({})", x.id, x.date, a),
            ),
            None => (
                format!("重大决策 {}（{}）未经社会稳定风险评估", x.id, x.date),
                format!("major decision {} ({}) was taken without a risk assessment", x.id, x.date),
            ),
        };
        let mut issue = Issue::warning(Code::NoStabilityAssessment, format!("/decisions/{}", i), zh, en);
        issue.basis = bases;
        out.add(|| issue);
    }
}

/// Where the findings go: a list (reports) or only their number ([`count`]).
trait Findings {
    fn add(&mut self, f: impl FnOnce() -> Issue);
}

impl Findings for Vec<Issue> {
    fn add(&mut self, f: impl FnOnce() -> Issue) {
        self.push(f());
    }
}

struct Count(usize);

impl Findings for Count {
    fn add(&mut self, _: impl FnOnce() -> Issue) {
        self.0 += 1;
    }
}

/// Findings that count towards the derived `leadership_duties` grade: compliance gaps only, never a
/// notice such as the `outside_scope` warning.
pub fn counted(findings: &[Issue]) -> usize {
    findings.iter().filter(|i| i.code != Code::OutsideScope).count()
}

/// The derived `leadership_duties` grade (policy `scheme.derived`): by the number of findings.
pub fn derived_grade(p: &Policy, findings: usize) -> (String, Text) {
    let der = &p.scheme.derived;
    let g = der
        .steps
        .iter()
        .find(|s| findings <= s.max_findings as usize)
        .map(|s| s.grade.clone())
        .unwrap_or_else(|| der.otherwise.clone());
    (g, der.basis.summary.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scope_warning_never_counts_towards_the_derived_grade() {
        let scope = Issue::warning(Code::OutsideScope, "/unit/kind", "范围外", "outside");
        let gap = Issue::warning(Code::NoLetter, "/letters", "无责任书", "no letter");
        assert_eq!(counted(std::slice::from_ref(&scope)), 0);
        assert_eq!(counted(&[scope, gap.clone(), gap]), 2);
    }
}
