//! The issues the checks raise, in plain words that name the field (zh first, then en): field labels,
//! and the builders of `required`, `wrong_type`, `out_of_range`, `date_after_as_of`, `unresolved_ref`.

use crate::date::Date;
use crate::exact::Decimal;
use crate::issue::pointer_segments;
use crate::issue::{Code, Issue};
use crate::model;
use crate::shape::Ty;

/// Field labels for messages: `"parent.field"` (the record list or object the field sits in) or a bare
/// `"field"`, with its Chinese and English names. Defined once; `field_label` reads it.
pub const FIELD_LABELS: &[(&str, &str, &str)] = &[
    ("unit.id", "单位代码", "unit code"),
    ("unit.name", "单位名称", "unit name"),
    ("unit.kind", "单位类别", "kind of unit"),
    ("unit.level", "行政层级", "level"),
    ("unit.parent", "上级地方", "parent locality"),
    ("localities.id", "地方代码", "locality code"),
    ("localities.name", "地方名称", "locality name"),
    ("localities.parent", "上级地方", "parent locality"),
    ("leaders.id", "领导编号", "leader id"),
    ("leaders.name", "姓名", "name"),
    ("leading_group.leader", "领导小组组长", "leading group's head"),
    ("leading_group.deputies", "领导小组副组长", "leading group's deputy heads"),
    ("activities.id", "活动编号", "activity id"),
    ("activities.by", "主持或参加的领导", "leader who took part"),
    ("activities.to", "报告对象", "leader reported to"),
    ("activities.incident", "相关案（事）件", "related incident"),
    ("letters.id", "责任书编号", "letter id"),
    ("letters.year", "责任书年度", "letter's year"),
    ("letters.date", "签订日期", "date signed"),
    ("letters.superior", "上级（发包方）", "superior side"),
    ("letters.subordinate", "下级（承包方）", "subordinate side"),
    ("signed_by.superior", "上级签字领导", "superior signatory"),
    ("signed_by.subordinate", "下级签字领导", "subordinate signatory"),
    ("targets.metric", "目标指标", "target metric"),
    ("targets.target", "目标值", "target value"),
    ("decisions.id", "决策编号", "decision id"),
    ("decisions.date", "决策日期", "decision date"),
    ("decisions.by", "提出决策的领导", "leader who proposed it"),
    ("incidents.id", "案（事）件编号", "incident id"),
    ("incidents.date", "发生日期", "date of the incident"),
    ("inspections.id", "明察暗访编号", "inspection id"),
    ("inspections.date", "检查日期", "inspection date"),
    ("hotspots.id", "治安热点编号", "hotspot id"),
    ("hotspots.date", "发现日期", "date found"),
    ("referrals.id", "移送编号", "referral id"),
    ("referrals.date", "移送日期", "referral date"),
    ("rectifications.case", "整改的追究案件", "case rectified"),
    ("circumstances.case", "相关追究案件", "case"),
    ("circumstances.kind", "情节性质", "kind of circumstance"),
    ("circumstances.what", "具体情节", "circumstance"),
    ("assessments.year", "考核年度", "year assessed"),
    ("assessments.grade", "考核等次", "grade"),
    ("merits.cycle", "评选周期", "cycle"),
    ("merits.award", "奖励", "award"),
    ("bonus.id", "加分项编号", "bonus item id"),
    ("bonus.item", "加分事项", "bonus item"),
    ("bonus.points", "加分分值", "bonus points"),
    ("as_of", "统计截止日期", "as-of date"),
    ("year", "年度", "year"),
    ("id", "编号", "id"),
    ("name", "名称", "name"),
    ("kind", "类别", "kind"),
    ("level", "行政层级", "level"),
    ("parent", "上级地方", "parent locality"),
    ("role", "职责角色", "role"),
    ("post", "职务", "post"),
    ("domains", "分管领域", "domains"),
    ("domain", "所属领域", "domain"),
    ("since", "任职日期", "in post since"),
    ("until", "离任日期", "in post until"),
    ("office_in", "办公室设在", "office placed in"),
    ("budget_line", "列入财政预算", "budget line"),
    ("office_director", "平安办主任", "office director"),
    ("type", "活动类型", "type of activity"),
    ("date", "日期", "date"),
    ("covers_pingan", "涉及平安建设", "covers Ping'an work"),
    ("includes_plan", "含年度计划", "includes the plan"),
    ("four_together", "四同", "four together"),
    ("to_leading_group", "向领导小组报告", "reported to the leading group"),
    ("reported_to", "报送对象", "reported to"),
    ("note", "备注", "note"),
    ("major", "是否重大决策", "major decision"),
    ("assessed_on", "稳评日期", "date of the risk assessment"),
    ("decided_on", "考核决定日期", "date of the assessment decision"),
    ("indicators", "结果性指标", "result indicators"),
    ("process", "过程性指标", "process indicators"),
    ("bonus", "加分项", "bonus items"),
    ("category", "案（事）件类别", "category"),
    ("severity", "严重程度", "severity"),
    ("locality", "发生地", "locality"),
    ("sector", "行业", "sector"),
    ("impact", "危害程度", "impact"),
    ("alleges", "涉嫌情形", "alleges"),
    ("finding", "检查结论", "finding"),
    ("rectified", "是否已整改", "rectified"),
    ("public_concern", "群众关注程度", "public concern"),
    ("effective_measures", "是否有效整治", "effective measures"),
    ("rebound", "是否反弹", "rebound"),
    ("reason", "移送原因", "reason"),
    ("accepted_on", "整改验收日期", "date rectification was accepted"),
    ("advanced_unit_cycles", "先进单位评选周期", "advanced-unit cycles"),
    ("pingan_named", "命名平安年度", "years named Ping'an"),
    ("pingan_work_since", "平安建设起始年度", "Ping'an work since"),
    ("outstanding_contribution", "是否有突出贡献", "outstanding contribution"),
    ("unit", "单位", "unit"),
    ("leading_group", "领导小组", "leading group"),
    ("signed_by", "签字领导", "signatories"),
    ("targets", "目标", "targets"),
    ("history", "历史记录", "history"),
    ("assessment", "考核", "assessment"),
    ("points", "分值", "points"),
];

/// The label of the field a pointer names: its last name (list indices skipped), looked up under the
/// name before it (or `root` for a record's own fields), then on its own. Policy packs are not labelled.
pub fn field_label(path: &str, root: &str) -> Option<(&'static str, &'static str)> {
    if root == "policy" {
        return None;
    }
    let segs = pointer_segments(path);
    let names: Vec<&str> =
        segs.iter().map(String::as_str).filter(|s| !s.bytes().all(|b| b.is_ascii_digit())).collect();
    let field = *names.last()?;
    let parent = if names.len() >= 2 { names.get(names.len() - 2).copied().unwrap_or("") } else { root };
    // A key of the indicator or process map is the indicator's id (labelled from the policy elsewhere).
    if matches!(parent, "indicators" | "process") {
        return None;
    }
    let find = |k: &str| FIELD_LABELS.iter().find(|(n, _, _)| *n == k).map(|(_, zh, en)| (*zh, *en));
    find(&format!("{}.{}", parent, field)).or_else(|| find(field))
}

/// `(zh, en)` prefixes naming the field: "严重程度" / "severity ", or empty when unknown.
pub(super) fn named(path: &str, root: &str) -> (String, String) {
    match field_label(path, root) {
        Some((zh, en)) => (zh.to_string(), format!("{} ", en)),
        None => (String::new(), String::new()),
    }
}

/// What a field should hold, in plain words.
pub(super) fn expected_name(ty: &Ty) -> (&'static str, &'static str) {
    match ty {
        Ty::Text => ("文字", "text"),
        Ty::Id => ("编号或代码（文字）", "an id (text)"),
        Ty::Date => ("日期（如 2025-06-30）", "a date such as 2025-06-30"),
        Ty::Year => ("年份（整数）", "a year (whole number)"),
        Ty::Bool => ("“是”或“否”", "yes or no"),
        Ty::Num(..) => ("数字", "a number"),
        Ty::Int(..) => ("整数", "a whole number"),
        Ty::Enum(_) | Ty::Vocab(_) => ("列表中的一项", "one of the listed values"),
        Ty::NumOrNa(..) => ("数字，不适用时填“n/a”", "a number, or n/a when it does not apply"),
        Ty::List(..) => ("一组（列表）", "a list"),
        Ty::Obj(_) | Ty::Map(_) | Ty::Keyed(..) | Ty::Tagged(_) => ("一组字段", "a group of fields"),
        Ty::Bilingual => ("中英文两段文字", "a text in Chinese and English"),
        Ty::Any => ("值", "a value"),
    }
}

pub(super) fn wrong_type(path: &str, ty: &Ty, root: &str) -> Issue {
    let (zh, en) = expected_name(ty);
    let (fz, fe) = named(path, root);
    let en_text =
        if fe.is_empty() { format!("expected {}", en) } else { format!("{}should be {}", capital(&fe), en) };
    Issue::error(Code::WrongType, path, format!("{}应填写{}", fz, zh), en_text)
}

pub(super) fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The allowed values of a vocabulary by their labels: "一般、较大、重大、特别重大".
pub(super) fn allowed(values: &[model::Label]) -> (String, String) {
    let zh: Vec<&str> = values.iter().map(|l| l.zh).collect();
    let en: Vec<&str> = values.iter().map(|l| l.en).collect();
    (zh.join("、"), en.join(", "))
}

pub(super) fn bad_vocab(path: &str, values: &[model::Label], root: &str) -> Issue {
    let (zh, en) = allowed(values);
    let (fz, fe) = named(path, root);
    let en_text = if fe.is_empty() {
        format!("must be one of: {}", en)
    } else {
        format!("{}must be one of: {}", capital(&fe), en)
    };
    Issue::error(Code::BadEnum, path, format!("{}应为以下之一：{}", fz, zh), en_text)
}

pub(super) fn out_of_range(path: &str, min: f64, max: f64) -> Issue {
    out_of_range_in(path, min, max, "")
}

/// `out_of_range` naming the field: "目标值须在 0 至 100 之间".
pub fn out_of_range_in(path: &str, min: f64, max: f64, root: &str) -> Issue {
    let (a, b) = (num_text(min), num_text(max));
    let (fz, fe) = named(path, root);
    Issue::error(
        Code::OutOfRange,
        path,
        format!("{}须在 {} 至 {} 之间", if fz.is_empty() { "数值".to_string() } else { fz }, a, b),
        format!(
            "{}must lie between {} and {}",
            if fe.is_empty() { "the value ".to_string() } else { fe },
            a,
            b
        ),
    )
}

/// A limit as text, without core's float formatting.
pub(super) fn num_text(x: f64) -> String {
    Decimal::from_f64(x)
        .map(|d| d.to_string())
        .unwrap_or_else(|_| serde_json::to_string(&x).unwrap_or_default())
}

/// Input quoted in a validation message: 40 characters at most.
pub(super) fn short(s: &str) -> String {
    crate::issue::short(s, 40)
}

/// `required` for a field of type `ty`: a select ("请选择严重程度") or an input ("请填写发生日期").
pub(super) fn required_for(path: &str, ty: &Ty, root: &str) -> Issue {
    match field_label(path, root) {
        Some((zh, en)) if matches!(ty, Ty::Vocab(_) | Ty::Enum(_) | Ty::Bool) => {
            Issue::error(Code::Required, path, format!("请选择{}", zh), format!("please choose the {}", en))
        }
        Some((zh, en)) => {
            Issue::error(Code::Required, path, format!("请填写{}", zh), format!("please fill in the {}", en))
        }
        None => Issue::error(Code::Required, path, "此项必填", "this field is required"),
    }
}

pub fn required(path: &str) -> Issue {
    required_for(path, &Ty::Text, "")
}

pub fn after_as_of(path: String, d: Date, as_of: Date) -> Issue {
    after_as_of_in(path, d, as_of, "")
}

/// `date_after_as_of` naming the field as one of `root` (single records).
pub fn after_as_of_in(path: String, d: Date, as_of: Date, root: &str) -> Issue {
    let (fz, fe) = named(&path, root);
    let fz = if fz.is_empty() { "日期".to_string() } else { fz };
    let fe = if fe.is_empty() { "the date".to_string() } else { capital(fe.trim_end()) };
    Issue::error(
        Code::DateAfterAsOf,
        path,
        format!("{}（{}）晚于统计截止日期（{}）", fz, d, as_of),
        format!("{} ({}) lies after the as-of date ({})", fe, d, as_of),
    )
}

pub fn unresolved(path: String, what_zh: &str, what_en: &str, id: &str) -> Issue {
    Issue::error(
        Code::UnresolvedRef,
        path,
        format!("引用的{}“{}”不存在", what_zh, short(id)),
        format!("the referenced {} “{}” does not exist", what_en, short(id)),
    )
}
