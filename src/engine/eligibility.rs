//! `eligibility`: whether a leader or the unit may be promoted, rewarded or rated on a date (the bars
//! of art. 27–28 and the awards of ch. 5 in force then).

use super::{Answer, Engine, Source};
use crate::accountability::{Bar, BarWhat};
use crate::date::Date;
use crate::duties;
use crate::issue::{Code, Issue, Text};
use serde_json::{json, Value};

impl Engine {
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
            return Err(vec![crate::work::answer_too_large(crate::limits::MAX_ANSWER_BYTES)]);
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
