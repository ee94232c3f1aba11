//! Spreadsheets in (issue 16): the import template of the engine's scheme (art. 18 indicators) and the
//! reading of a filled sheet into dossiers, with every bad cell named by its spreadsheet row and column.
//!
//! Reading rules (what office staff may type; the page passes cells as the spreadsheet library gives them):
//! - The header row is the first of the first ten rows in which at least two cells name a template
//!   column, by its Chinese label, its English label or its key (JSON Pointer); a trailing unit in
//!   brackets (“群众安全感满意度（%）”) is ignored. Columns may come in any order; unknown columns are
//!   reported once and ignored. `row` counts from `rows[0]` = 1, as the sheet does.
//! - Full-width letters, digits and punctuation (“９３．７”, “Ａ”) read as their half-width forms, and
//!   surrounding spaces are dropped. A number may be a number cell or text (“93.7”); a trailing “%” is
//!   accepted for indicators measured in %, and the number is read as written (93.7% is 93.7, not 0.937).
//!   A result indicator whose zero and full marks both lie in 0–100 must lie in 0–100 (a share or a score).
//!   “n/a”, “不适用” or “/” means the indicator does not apply (its weight is spread, art. 18).
//! - Process grades are the grade letters of the pack (“a” reads as “A”); an empty grade of the derived
//!   indicator (领导责任落实) leaves it to the engine.
//! - `/assessment/bonus` holds the total bonus points; it becomes the fewest bonus items of equal size
//!   (to the hundredth) that each lie within the pack's per-item limits.
//! - Dates: 2026-01-20, 2026/1/20, 2026.1.20, 2026年1月20日, an ISO date-time, or an Excel serial day.
//! - Kind and level take the English value or the Chinese name (地方, 县级 …). A unit's parent becomes a
//!   locality of the dossier, one level above a locality (or at the unit's own level for a department).
//! - Empty rows are skipped; a later row repeating a unit code is an issue. Rows that are fine become
//!   dossiers even when others fail; each passes `validate("dossier")`.

use crate::date::Date;
use crate::engine::Engine;
use crate::exact::Decimal;
use crate::issue::{ptr, short, Code, Issue, Text};
use crate::limits;
use crate::policy::{hundredths, IndicatorKind, Policy};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Rows of one sheet, the header row included (10,000 dossiers, as `evaluateMany`).
pub const MAX_TABLE_ROWS: usize = limits::MAX_BATCH + 1;
/// Columns of one sheet.
pub const MAX_TABLE_COLS: usize = 256;
/// Issues listed for one sheet; past it one closing issue counts the rest.
pub const MAX_TABLE_ISSUES: usize = 2_000;
/// Rows searched for the header row.
const HEADER_SEARCH: usize = 10;

/// One template column: where its cell goes in the dossier, and its labels.
#[derive(Clone, Debug, Serialize)]
pub struct Header {
    pub key: String,
    pub zh: String,
    pub en: String,
}

#[derive(Serialize)]
pub struct Template {
    pub headers: Vec<Header>,
}

/// One problem of the sheet: spreadsheet row (1 = headers), column letter, the header as written.
#[derive(Clone, Debug, Serialize)]
pub struct TableIssue {
    pub row: usize,
    pub column: String,
    pub header: String,
    pub code: Code,
    pub message: Text,
}

#[derive(Serialize)]
pub struct TableAnswer {
    pub dossiers: Vec<Value>,
    pub issues: Vec<TableIssue>,
    /// Data rows read (empty rows not counted).
    pub rows: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    UnitId,
    UnitName,
    UnitKind,
    UnitLevel,
    UnitParent,
    Result(usize),
    Process(usize),
    Bonus,
    DecidedOn,
}

fn columns(p: &Policy) -> Vec<(Col, Header)> {
    let h = |key: &str, zh: &str, en: &str| Header { key: key.into(), zh: zh.into(), en: en.into() };
    let mut out = vec![
        (Col::UnitId, h("/unit/id", "单位代码", "unit code")),
        (Col::UnitName, h("/unit/name", "单位名称", "unit name")),
        (Col::UnitKind, h("/unit/kind", "单位类别", "unit kind")),
        (Col::UnitLevel, h("/unit/level", "层级", "level")),
        (Col::UnitParent, h("/unit/parent", "上级单位代码", "parent unit code")),
    ];
    for (i, ind) in p.scheme.indicators.iter().enumerate() {
        let (col, section) = match ind.kind {
            IndicatorKind::Result => (Col::Result(i), "indicators"),
            IndicatorKind::Process => (Col::Process(i), "process"),
        };
        out.push((col, h(&ptr(&ptr("/assessment", section), &ind.id), &ind.name.zh, &ind.name.en)));
    }
    out.push((Col::Bonus, h("/assessment/bonus", "加分合计", "total bonus points")));
    out.push((Col::DecidedOn, h("/assessment/decided_on", "考核决定日期", "assessment decided on")));
    out
}

/// `tableTemplate()`: the import template of this engine's scheme.
pub fn template(p: &Policy) -> Template {
    Template { headers: columns(p).into_iter().map(|(_, h)| h).collect() }
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Full-width forms (U+FF01–U+FF5E, the ideographic space) as half-width, surrounding spaces dropped.
fn normalise(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' => ' ',
            _ => c,
        })
        .collect();
    t.trim().to_string()
}

/// A header as written, without a trailing bracketed unit, lowercased for matching.
fn header_forms(s: &str) -> (String, String) {
    let n = normalise(s);
    let bare = match n.rfind('(') {
        Some(i) if n.ends_with(')') && i > 0 => n.get(..i).unwrap_or(&n).trim().to_string(),
        _ => n.clone(),
    };
    (n.to_ascii_lowercase(), bare.to_ascii_lowercase())
}

fn cell_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(normalise(s)),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn is_na(t: &str) -> bool {
    matches!(t.to_ascii_lowercase().as_str(), "n/a" | "na" | "不适用" | "/" | "无此项")
}

/// `fromTable(rows, { year, as_of })`.
pub fn from_table(
    e: &Engine,
    rows: &Value,
    options: &Value,
) -> Result<(TableAnswer, Vec<Issue>), Vec<Issue>> {
    let p = e.policy();
    let (year, as_of) = read_options(options)?;
    let Value::Array(rows) = rows else {
        return Err(vec![Issue::error(
            Code::WrongType,
            "/rows",
            "表格应为行的数组（每行是单元格数组）",
            "the table must be an array of rows (each an array of cells)",
        )]);
    };
    if rows.len() > MAX_TABLE_ROWS {
        return Err(vec![Issue::error(
            Code::TooMany,
            "/rows",
            format!("表格最多 {} 行（含表头）", MAX_TABLE_ROWS),
            format!("at most {} rows per table, the header row included", MAX_TABLE_ROWS),
        )]);
    }
    let empty: Vec<Value> = Vec::new();
    fn cells<'a>(r: &'a Value, empty: &'a Vec<Value>) -> Result<&'a Vec<Value>, ()> {
        match r {
            Value::Array(c) => Ok(c),
            Value::Null => Ok(empty),
            _ => Err(()),
        }
    }
    let cells = |r| cells(r, &empty);
    for (i, r) in rows.iter().enumerate() {
        match cells(r) {
            Err(()) => {
                return Err(vec![Issue::error(
                    Code::WrongType,
                    format!("/rows/{}", i),
                    format!("第 {} 行不是单元格数组", i + 1),
                    format!("row {} is not an array of cells", i + 1),
                )])
            }
            Ok(c) if c.len() > MAX_TABLE_COLS => {
                return Err(vec![Issue::error(
                    Code::TooMany,
                    format!("/rows/{}", i),
                    format!("每行最多 {} 列，第 {} 行有 {} 列", MAX_TABLE_COLS, i + 1, c.len()),
                    format!("at most {} columns per row; row {} has {}", MAX_TABLE_COLS, i + 1, c.len()),
                )])
            }
            Ok(_) => {}
        }
    }
    let cols = columns(p);
    let find = |written: &str| -> Option<usize> {
        let (full, bare) = header_forms(written);
        if full.is_empty() {
            return None;
        }
        cols.iter().position(|(_, h)| {
            let (zh, en, key) =
                (h.zh.to_ascii_lowercase(), h.en.to_ascii_lowercase(), h.key.to_ascii_lowercase());
            [&full, &bare].iter().any(|f| **f == zh || **f == en || **f == key)
        })
    };
    // The header row: the first (of the first ten) naming two template columns.
    let header_at = rows.iter().take(HEADER_SEARCH).position(|r| {
        cells(r)
            .map(|c| c.iter().filter(|v| cell_text(v).is_some_and(|t| find(&t).is_some())).count() >= 2)
            .unwrap_or(false)
    });
    let Some(hrow) = header_at else {
        return Err(vec![Issue::error(
            Code::Required,
            "/rows",
            "找不到表头行：前十行中没有一行写有模板的列名（如“单位代码”）",
            "no header row: none of the first ten rows names the template's columns (such as “unit code”)",
        )]);
    };
    let mut issues = Vec::new();
    let header_cells = rows.get(hrow).and_then(|r| cells(r).ok()).unwrap_or(&empty);
    // column index → template column
    let mut map: Vec<Option<usize>> = vec![None; header_cells.len()];
    let mut taken: Vec<Option<usize>> = vec![None; cols.len()];
    for (ci, v) in header_cells.iter().enumerate() {
        let Some(t) = cell_text(v).filter(|t| !t.is_empty()) else { continue };
        let letter = column_letter(ci);
        match find(&t) {
            None => issues.push(TableIssue {
                row: hrow + 1,
                column: letter.clone(),
                header: t.clone(),
                code: Code::UnknownField,
                message: Text::new(
                    format!(
                        "第 {} 行 {} 列（“{}”）：模板中没有这一列，已忽略",
                        hrow + 1,
                        letter,
                        short(&t, 30)
                    ),
                    format!(
                        "row {}, column {} (“{}”): not a template column; ignored",
                        hrow + 1,
                        letter,
                        short(&t, 30)
                    ),
                ),
            }),
            Some(k) => match taken.get(k).copied().flatten() {
                Some(first) => issues.push(TableIssue {
                    row: hrow + 1,
                    column: letter.clone(),
                    header: t.clone(),
                    code: Code::DuplicateId,
                    message: Text::new(
                        format!(
                            "第 {} 行 {} 列（“{}”）：与 {} 列重复，已忽略",
                            hrow + 1,
                            letter,
                            short(&t, 30),
                            column_letter(first)
                        ),
                        format!(
                            "row {}, column {} (“{}”): repeats column {}; ignored",
                            hrow + 1,
                            letter,
                            short(&t, 30),
                            column_letter(first)
                        ),
                    ),
                }),
                None => {
                    if let Some(slot) = taken.get_mut(k) {
                        *slot = Some(ci);
                    }
                    if let Some(m) = map.get_mut(ci) {
                        *m = Some(k);
                    }
                }
            },
        }
    }
    // Columns the sheet cannot do without: the unit code and kind, and every indicator but the derived one.
    let derived = p.scheme.derived.indicator.as_str();
    let mut missing = Vec::new();
    for (k, (col, h)) in cols.iter().enumerate() {
        let needed = match col {
            Col::UnitId | Col::UnitKind => true,
            Col::Result(_) => true,
            Col::Process(i) => p.scheme.indicators.get(*i).is_some_and(|ind| ind.id != derived),
            _ => false,
        };
        if needed && taken.get(k).copied().flatten().is_none() {
            missing.push(Issue::error(
                Code::Required,
                "/rows/0",
                format!("表格缺少“{}”列", h.zh),
                format!("the table has no “{}” column", h.en),
            ));
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }

    let mut dossiers = Vec::new();
    let mut seen: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut data_rows = 0;
    let mut more = 0usize;
    for (ri, r) in rows.iter().enumerate().skip(hrow + 1) {
        let row_no = ri + 1;
        let row = cells(r).unwrap_or(&empty);
        if row.iter().all(|v| cell_text(v).map_or(true, |t| t.is_empty())) {
            continue;
        }
        data_rows += 1;
        let mut row_issues = Vec::new();
        let mut reader = RowReader {
            p,
            row: row_no,
            issues: &mut row_issues,
            unit: Map::new(),
            indicators: Map::new(),
            process: Map::new(),
            bonus: Vec::new(),
            decided_on: None,
        };
        for (ci, v) in row.iter().enumerate() {
            let Some(k) = map.get(ci).copied().flatten() else { continue };
            let Some((col, h)) = cols.get(k) else { continue };
            let written = header_cells.get(ci).and_then(cell_text).unwrap_or_else(|| h.zh.clone());
            reader.cell(*col, &written, &column_letter(ci), v);
        }
        let RowReader { unit, indicators, process, bonus, decided_on, .. } = reader;
        let id = unit.get("id").and_then(Value::as_str).map(String::from);
        let at = |k: usize| taken.get(k).copied().flatten().map(column_letter).unwrap_or_default();
        let label = |k: usize| {
            taken
                .get(k)
                .copied()
                .flatten()
                .and_then(|ci| header_cells.get(ci))
                .and_then(cell_text)
                .unwrap_or_default()
        };
        if let Some(id) = &id {
            if let Some(first) = seen.get(id) {
                row_issues.push(TableIssue {
                    row: row_no,
                    column: at(0),
                    header: label(0),
                    code: Code::DuplicateId,
                    message: Text::new(
                        format!(
                            "第 {} 行 {} 列（{}）：单位代码 {} 与第 {} 行重复",
                            row_no,
                            at(0),
                            label(0),
                            short(id, 30),
                            first
                        ),
                        format!(
                            "row {}, column {} ({}): unit code {} repeats row {}",
                            row_no,
                            at(0),
                            label(0),
                            short(id, 30),
                            first
                        ),
                    ),
                });
            }
        }
        if row_issues.is_empty() {
            let d = dossier(year, as_of, unit, indicators, process, bonus, decided_on);
            match e.load(&d) {
                Ok(_) => {
                    if let Some(id) = id {
                        seen.insert(id, row_no);
                    }
                    dossiers.push(d);
                }
                Err(errors) => {
                    for err in errors {
                        let k = cols.iter().position(|(_, h)| {
                            err.path == h.key || err.path.starts_with(&format!("{}/", h.key))
                        });
                        let k = k.or_else(|| {
                            if err.path.starts_with("/localities") {
                                cols.iter().position(|(c, _)| *c == Col::UnitParent)
                            } else {
                                None
                            }
                        });
                        let (column, header) = match k {
                            Some(k) => (at(k), label(k)),
                            None => (String::new(), String::new()),
                        };
                        let place_zh = if column.is_empty() {
                            format!("第 {} 行", row_no)
                        } else {
                            format!("第 {} 行 {} 列（{}）", row_no, column, header)
                        };
                        let place_en = if column.is_empty() {
                            format!("row {}", row_no)
                        } else {
                            format!("row {}, column {} ({})", row_no, column, header)
                        };
                        row_issues.push(TableIssue {
                            row: row_no,
                            column,
                            header,
                            code: err.code,
                            message: Text::new(
                                format!("{}：{}", place_zh, err.message.zh),
                                format!("{}: {}", place_en, err.message.en),
                            ),
                        });
                    }
                }
            }
        }
        for i in row_issues {
            if issues.len() < MAX_TABLE_ISSUES {
                issues.push(i);
            } else {
                more += 1;
            }
        }
    }
    if more > 0 {
        issues.push(TableIssue {
            row: 0,
            column: String::new(),
            header: String::new(),
            code: Code::TooMany,
            message: Text::new(
                format!("另有 {} 个问题未列出", more),
                format!("{} more issues are not listed", more),
            ),
        });
    }
    Ok((TableAnswer { dossiers, issues, rows: data_rows }, Vec::new()))
}

fn read_options(o: &Value) -> Result<(i32, Date), Vec<Issue>> {
    let year = o.get("year").and_then(Value::as_i64).filter(|y| (1949..=2200).contains(y));
    let as_of = o.get("as_of").and_then(Value::as_str).and_then(Date::parse);
    let mut errors = Vec::new();
    if year.is_none() {
        errors.push(Issue::error(
            Code::Required,
            "/options/year",
            "须给出考核年度 year（如 2025）",
            "give the assessment year (e.g. 2025)",
        ));
    }
    if as_of.is_none() {
        errors.push(Issue::error(
            Code::BadDate,
            "/options/as_of",
            "须给出截止日期 as_of（YYYY-MM-DD）",
            "give the as_of date (YYYY-MM-DD)",
        ));
    }
    match (year, as_of) {
        (Some(y), Some(d)) if errors.is_empty() => Ok((y as i32, d)),
        _ => Err(errors),
    }
}

#[allow(clippy::too_many_arguments)]
fn dossier(
    year: i32,
    as_of: Date,
    unit: Map<String, Value>,
    indicators: Map<String, Value>,
    process: Map<String, Value>,
    bonus: Vec<Value>,
    decided_on: Option<Date>,
) -> Value {
    let mut d = Map::new();
    d.insert("as_of".into(), json!(as_of.to_string()));
    d.insert("year".into(), json!(year));
    // The parent as a locality: one level above a locality, the unit's own level for a department.
    if let Some(parent) = unit.get("parent").and_then(Value::as_str) {
        let level = unit.get("level").and_then(Value::as_str);
        let is_locality = unit.get("kind").and_then(Value::as_str) == Some("locality");
        let parent_level = match (is_locality, level) {
            (true, Some("township")) => Some("county"),
            (true, Some("county")) => Some("city"),
            (true, Some("city")) => Some("province"),
            (true, _) => None,
            (false, l) => l,
        };
        if let Some(l) = parent_level {
            d.insert("localities".into(), json!([{ "id": parent, "level": l }]));
        }
    }
    d.insert("unit".into(), Value::Object(unit));
    let mut a = Map::new();
    if let Some(day) = decided_on {
        a.insert("decided_on".into(), json!(day.to_string()));
    }
    a.insert("indicators".into(), Value::Object(indicators));
    a.insert("process".into(), Value::Object(process));
    if !bonus.is_empty() {
        a.insert("bonus".into(), Value::Array(bonus));
    }
    d.insert("assessment".into(), Value::Object(a));
    Value::Object(d)
}

struct RowReader<'a> {
    p: &'a Policy,
    row: usize,
    issues: &'a mut Vec<TableIssue>,
    unit: Map<String, Value>,
    indicators: Map<String, Value>,
    process: Map<String, Value>,
    bonus: Vec<Value>,
    decided_on: Option<Date>,
}

const KIND_NAMES: &[(&str, &str)] = &[
    ("地方", "locality"),
    ("党委", "party"),
    ("党委部门", "party"),
    ("人大", "congress"),
    ("政府部门", "administrative"),
    ("行政机关", "administrative"),
    ("政协", "cppcc"),
    ("法院", "court"),
    ("检察院", "procuratorate"),
    ("人民团体", "people_org"),
    ("事业单位", "public_institution"),
    ("国有企业", "soe"),
    ("国企", "soe"),
    ("民营企业", "private_enterprise"),
    ("社会组织", "social_organization"),
    ("其他", "other"),
];
const LEVEL_NAMES: &[(&str, &str)] = &[
    ("省", "province"),
    ("省级", "province"),
    ("市", "city"),
    ("市级", "city"),
    ("设区市", "city"),
    ("县", "county"),
    ("县级", "county"),
    ("县(市、区)", "county"),
    ("县（市、区）", "county"),
    ("乡镇", "township"),
    ("乡镇级", "township"),
    ("乡镇(街道)", "township"),
    ("乡镇（街道）", "township"),
];

/// A cell naming a vocabulary value: one of our Chinese aliases, the library's Chinese label, or the value.
fn en_or_zh(
    t: &str,
    list: &'static [crate::model::Label],
    zh: &[(&str, &'static str)],
) -> Option<&'static str> {
    let low = t.to_ascii_lowercase();
    zh.iter()
        .find(|(z, _)| *z == t)
        .map(|(_, e)| *e)
        .or_else(|| list.iter().find(|l| l.zh == t || l.value == low).map(|l| l.value))
}

fn values_of(list: &[crate::model::Label]) -> String {
    list.iter().map(|l| l.value).collect::<Vec<_>>().join(", ")
}

impl RowReader<'_> {
    fn bad(&mut self, letter: &str, header: &str, code: Code, zh: String, en: String) {
        self.issues.push(TableIssue {
            row: self.row,
            column: letter.to_string(),
            header: header.to_string(),
            code,
            message: Text::new(
                format!("第 {} 行 {} 列（{}）：{}", self.row, letter, header, zh),
                format!("row {}, column {} ({}): {}", self.row, letter, header, en),
            ),
        });
    }

    fn cell(&mut self, col: Col, written: &str, letter: &str, v: &Value) {
        if matches!(v, Value::Array(_) | Value::Object(_)) {
            self.bad(letter, written, Code::WrongType, "应为单个值".into(), "expected a single value".into());
            return;
        }
        let text = cell_text(v).filter(|t| !t.is_empty());
        match col {
            Col::UnitId | Col::UnitParent => {
                let Some(t) = text else {
                    if col == Col::UnitId {
                        self.bad(
                            letter,
                            written,
                            Code::Required,
                            "必须填写单位代码".into(),
                            "the unit code is required".into(),
                        );
                    }
                    return;
                };
                // A code typed as a number cell (330102) reads as its digits.
                let t = t.strip_suffix(".0").map(String::from).unwrap_or(t);
                if t.chars().count() > limits::MAX_ID || t.chars().any(char::is_whitespace) {
                    self.bad(
                        letter,
                        written,
                        Code::TooLong,
                        format!("代码应为不含空格、至多 {} 个字符的文字", limits::MAX_ID),
                        format!("a code is at most {} characters without spaces", limits::MAX_ID),
                    );
                    return;
                }
                let key = if col == Col::UnitId { "id" } else { "parent" };
                self.unit.insert(key.into(), Value::String(t));
            }
            Col::UnitName => {
                if let Some(t) = text {
                    if t.chars().count() > limits::MAX_TEXT {
                        self.bad(
                            letter,
                            written,
                            Code::TooLong,
                            format!("名称至多 {} 个字符", limits::MAX_TEXT),
                            format!("a name is at most {} characters", limits::MAX_TEXT),
                        );
                    } else {
                        self.unit.insert("name".into(), Value::String(t));
                    }
                }
            }
            Col::UnitKind => match text.as_deref().map(|t| en_or_zh(t, crate::model::UNIT_KINDS, KIND_NAMES))
            {
                None => self.bad(
                    letter,
                    written,
                    Code::Required,
                    "必须填写单位类别（如“地方”）".into(),
                    "the unit kind is required (e.g. “locality”)".into(),
                ),
                Some(Some(k)) if crate::model::UNIT_KINDS.iter().any(|l| l.value == k) => {
                    self.unit.insert("kind".into(), json!(k));
                }
                Some(_) => self.bad(
                    letter,
                    written,
                    Code::BadEnum,
                    format!(
                        "单位类别无法识别；可填：{}",
                        KIND_NAMES.iter().map(|(z, _)| *z).collect::<Vec<_>>().join("、")
                    ),
                    format!("unknown unit kind; one of: {}", values_of(crate::model::UNIT_KINDS)),
                ),
            },
            Col::UnitLevel => match text.as_deref().map(|t| en_or_zh(t, crate::model::LEVELS, LEVEL_NAMES)) {
                None => {}
                Some(Some(l)) if crate::model::LEVELS.iter().any(|x| x.value == l) => {
                    self.unit.insert("level".into(), json!(l));
                }
                Some(_) => self.bad(
                    letter,
                    written,
                    Code::BadEnum,
                    "层级无法识别；可填：省级、市级、县级、乡镇".into(),
                    format!("unknown level; one of: {}", values_of(crate::model::LEVELS)),
                ),
            },
            Col::Result(i) => {
                let Some(ind) = self.p.scheme.indicators.get(i) else { return };
                let Some(t) = text else {
                    self.bad(
                        letter,
                        written,
                        Code::Required,
                        "必须填写（不适用时填“不适用”）".into(),
                        "required (write “n/a” when it does not apply)".into(),
                    );
                    return;
                };
                if is_na(&t) {
                    self.indicators.insert(ind.id.clone(), json!("n/a"));
                    return;
                }
                let percent = ind.unit.as_deref() == Some("%");
                let body = if percent { t.strip_suffix('%').map(str::trim).unwrap_or(&t) } else { &t };
                let bounded = match (ind.zero_at, ind.full_at) {
                    (Some(z), Some(f)) => z.min(f) >= 0.0 && z.max(f) <= 100.0,
                    _ => false,
                };
                match number(body) {
                    None => {
                        let (zh, en) = if bounded {
                            ("应为 0–100 之间的数".to_string(), "expected a number from 0 to 100".to_string())
                        } else {
                            ("应为数字".to_string(), "expected a number".to_string())
                        };
                        self.bad(letter, written, Code::WrongType, zh, en)
                    }
                    Some(d)
                        if bounded
                            && (d.cmp_value(Decimal::from_int(0)).is_lt()
                                || d.cmp_value(Decimal::from_int(100)).is_gt()) =>
                    {
                        self.bad(
                            letter,
                            written,
                            Code::OutOfRange,
                            "应为 0–100 之间的数".into(),
                            "expected a number from 0 to 100".into(),
                        )
                    }
                    Some(d) => match serde_json::Number::from_f64(d.to_f64()) {
                        Some(n) => {
                            self.indicators.insert(ind.id.clone(), Value::Number(n));
                        }
                        None => self.bad(
                            letter,
                            written,
                            Code::WrongType,
                            "应为数字".into(),
                            "expected a number".into(),
                        ),
                    },
                }
            }
            Col::Process(i) => {
                let Some(ind) = self.p.scheme.indicators.get(i) else { return };
                let Some(t) = text else {
                    if ind.id != self.p.scheme.derived.indicator {
                        self.bad(
                            letter,
                            written,
                            Code::Required,
                            "必须填写等次（不适用时填“不适用”）".into(),
                            "a grade is required (write “n/a” when it does not apply)".into(),
                        );
                    }
                    return;
                };
                if is_na(&t) {
                    self.process.insert(ind.id.clone(), json!("n/a"));
                    return;
                }
                let grades: Vec<&str> = self.p.scheme.grades.iter().map(|g| g.grade.as_str()).collect();
                let found = grades
                    .iter()
                    .find(|g| **g == t)
                    .or_else(|| grades.iter().find(|g| g.eq_ignore_ascii_case(&t)));
                match found {
                    Some(g) => {
                        self.process.insert(ind.id.clone(), json!(g));
                    }
                    None => self.bad(
                        letter,
                        written,
                        Code::BadEnum,
                        format!("等次应为 {} 之一", grades.join("、")),
                        format!("the grade must be one of {}", grades.join(", ")),
                    ),
                }
            }
            Col::Bonus => {
                let Some(t) = text else { return };
                let b = &self.p.scheme.bonus;
                let (lo, hi) = (hundredths(b.item_min), hundredths(b.item_max));
                let zh_rule = format!(
                    "应为 0 或不少于 {} 的数，至多两位小数",
                    Decimal::from_f64(b.item_min).map(|d| d.to_string()).unwrap_or_default()
                );
                let en_rule = format!(
                    "expected 0 or a number of at least {}, two decimals at most",
                    Decimal::from_f64(b.item_min).map(|d| d.to_string()).unwrap_or_default()
                );
                let Some(total) = number(&t).and_then(|d| d.to_hundredths()) else {
                    self.bad(letter, written, Code::WrongType, zh_rule, en_rule);
                    return;
                };
                if total == 0 {
                    return;
                }
                match split_bonus(total, lo, hi) {
                    Some(items) => {
                        self.bonus = items
                            .into_iter()
                            .enumerate()
                            .map(|(k, h)| json!({ "id": format!("B{}", k + 1), "item": "table_total", "points": crate::exact::Points(h).as_f64() }))
                            .collect();
                    }
                    None => self.bad(letter, written, Code::OutOfRange, zh_rule, en_rule),
                }
            }
            Col::DecidedOn => {
                let Some(t) = text else { return };
                match date(&t, v) {
                    Some(d) => self.decided_on = Some(d),
                    None => self.bad(
                        letter,
                        written,
                        Code::BadDate,
                        "应为日期，如 2026-01-20".into(),
                        "expected a date such as 2026-01-20".into(),
                    ),
                }
            }
        }
    }
}

/// A number as typed: `93.7`, `-8.5`, `+2`, `.5`; no thousands separators or exponents.
fn number(t: &str) -> Option<Decimal> {
    let t = t.trim();
    let t = t.strip_prefix('+').unwrap_or(t);
    let fixed;
    let t = if let Some(rest) = t.strip_prefix('.') {
        fixed = format!("0.{}", rest);
        fixed.as_str()
    } else if let Some(rest) = t.strip_prefix("-.") {
        fixed = format!("-0.{}", rest);
        fixed.as_str()
    } else {
        t
    };
    let t = t.strip_suffix('.').unwrap_or(t);
    Decimal::parse(t).ok()
}

/// The total bonus as the fewest items of equal size (to the hundredth) within [lo, hi] each.
pub fn split_bonus(total: i64, lo: i64, hi: i64) -> Option<Vec<i64>> {
    if total <= 0 || hi <= 0 || total > hi.saturating_mul(100) {
        return None;
    }
    let n = (total + hi - 1) / hi;
    if n.saturating_mul(lo) > total {
        return None;
    }
    let (q, r) = (total / n, total % n);
    Some((0..n).map(|k| if k < r { q + 1 } else { q }).collect())
}

/// A date as typed or as the spreadsheet gives it.
fn date(t: &str, v: &Value) -> Option<Date> {
    if let Value::Number(n) = v {
        // An Excel serial day (1 = 1900-01-01, with Excel's 1900 leap-day; serials ≥ 61 count from 1899-12-30).
        let s = n.as_f64()?;
        if s.fract() != 0.0 || !(61.0..=2_958_465.0).contains(&s) {
            return None;
        }
        // 1970-01-01 is serial 25569.
        let epoch = Date::from_ymd(1970, 1, 1)?;
        let d = epoch.add_days(s as i64 - 25_569);
        let (y, m, day) = d.ymd();
        return Date::from_ymd(y, m, day);
    }
    let t = t.trim();
    let head = t.split(['T', ' ']).next().unwrap_or(t);
    if let Some(d) = Date::parse(head) {
        return Some(d);
    }
    let cleaned: String =
        head.chars().map(|c| if matches!(c, '年' | '月' | '/' | '.' | '-') { '-' } else { c }).collect();
    let cleaned = cleaned.trim_end_matches('日');
    let mut parts = cleaned.split('-');
    let y = parts.next()?.parse::<i32>().ok()?;
    let m = parts.next()?.parse::<u32>().ok()?;
    let d = parts.next()?.parse::<u32>().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Date::from_ymd(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(51), "AZ");
        assert_eq!(column_letter(52), "BA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    fn sheet(rows: usize, cols: usize) -> Value {
        let mut out = vec![json!(["单位代码", "单位类别"])];
        out.extend((1..rows).map(|_| Value::Array(vec![Value::Null; cols])));
        Value::Array(out)
    }

    #[test]
    fn row_and_column_limits_at_and_past() -> Result<(), Vec<Issue>> {
        let e = Engine::new_default()?;
        let o = json!({ "year": 2025, "as_of": "2025-12-31" });
        // The header row names too few indicator columns, so a readable sheet is refused for that, not its size.
        let code = |r: Result<(TableAnswer, Vec<Issue>), Vec<Issue>>| {
            r.err().and_then(|e| e.first().map(|i| i.code))
        };
        assert_eq!(code(from_table(&e, &sheet(MAX_TABLE_ROWS, 2), &o)), Some(Code::Required));
        assert_eq!(code(from_table(&e, &sheet(MAX_TABLE_ROWS + 1, 2), &o)), Some(Code::TooMany));
        assert_eq!(code(from_table(&e, &sheet(2, MAX_TABLE_COLS), &o)), Some(Code::Required));
        assert_eq!(code(from_table(&e, &sheet(2, MAX_TABLE_COLS + 1), &o)), Some(Code::TooMany));
        Ok(())
    }

    #[test]
    fn bonus_split_by_hand() {
        // limits 0.50 and 2.00 (the Zhejiang pack)
        assert_eq!(split_bonus(250, 50, 200), Some(vec![125, 125]));
        assert_eq!(split_bonus(200, 50, 200), Some(vec![200]));
        assert_eq!(split_bonus(201, 50, 200), Some(vec![101, 100]));
        assert_eq!(split_bonus(30, 50, 200), None);
        assert_eq!(split_bonus(50, 50, 200), Some(vec![50]));
    }

    #[test]
    fn numbers_and_dates_as_typed() {
        assert_eq!(number("93.7").map(|d| d.to_string()), Some("93.7".into()));
        assert_eq!(number("+2").map(|d| d.to_string()), Some("2".into()));
        assert_eq!(number(".5").map(|d| d.to_string()), Some("0.5".into()));
        assert!(number("1,000").is_none());
        assert!(number("abc").is_none());
        let d = |t: &str| date(t, &Value::String(t.into())).map(|d| d.to_string());
        assert_eq!(d("2026-01-20"), Some("2026-01-20".into()));
        assert_eq!(d("2026/1/20"), Some("2026-01-20".into()));
        assert_eq!(d("2026年1月20日"), Some("2026-01-20".into()));
        assert_eq!(d("2026-01-20T00:00:00.000Z"), Some("2026-01-20".into()));
        assert_eq!(d("2026-02-30"), None);
        // 46042 is 2026-01-20 in Excel's serial days.
        assert_eq!(date("46042", &json!(46042)).map(|d| d.to_string()), Some("2026-01-20".into()));
        assert_eq!(normalise(" ９３．７ "), "93.7");
    }
}
