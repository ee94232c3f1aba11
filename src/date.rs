//! Calendar dates without a clock: the measures count in calendar days and working days, and the wasm32
//! target has no usable clock, so every "today" is the caller's `as_of`.

use serde::{Serialize, Serializer};
use std::fmt;

/// A proleptic Gregorian calendar date, stored as days since 1970-01-01 for cheap arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// Years accepted anywhere (a dossier is about a real administration, not prehistory).
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Weekdays (Monday to Friday) among the days before day number `z` (days since 1970-01-01), counted
/// from a fixed Monday: only differences of it are meaningful.
fn weekdays_before(z: i64) -> i64 {
    // Day 4 (1970-01-05) is a Monday, so `m = z + 3` is a multiple of 7 on Mondays.
    let m = z + 3;
    m.div_euclid(7) * 5 + m.rem_euclid(7).min(5)
}

impl Date {
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m)
        {
            return None;
        }
        Some(Date(days_from_civil(y, m, d)))
    }

    /// Strictly `YYYY-MM-DD`; `2025-02-30` and `2025-2-3` are not dates.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        // Digit by digit: every record carries dates, and `str::parse` is a call per part at opt-level z.
        let digit = |i: usize| b.get(i).filter(|c| c.is_ascii_digit()).map(|c| u32::from(c - b'0'));
        let year = ((digit(0)? * 10 + digit(1)?) * 10 + digit(2)?) * 10 + digit(3)?;
        Date::from_ymd(year as i32, digit(5)? * 10 + digit(6)?, digit(8)? * 10 + digit(9)?)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }
    pub fn year(self) -> i32 {
        self.ymd().0
    }
    pub fn days(self) -> i32 {
        self.0
    }
    pub fn add_days(self, n: i64) -> Date {
        let v = (self.0 as i64).saturating_add(n).clamp(i32::MIN as i64 / 2, i32::MAX as i64 / 2);
        Date(v as i32)
    }
    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.0 as i64 - self.0 as i64
    }
    /// ISO weekday, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u32 {
        ((self.0 as i64 + 3).rem_euclid(7) + 1) as u32
    }
    /// The date `n` working days after `self`: Saturdays, Sundays and the policy's holidays are skipped
    /// (regulation.md, "Durations"). Arithmetic, not a day-by-day walk (issue 12): weekdays are counted
    /// per week and holidays by binary search, so the cost is O(log n · log h) for a sorted holiday list
    /// (an unsorted one is sorted first).
    pub fn add_working_days(self, n: u32, holidays: &[Date]) -> Date {
        if n == 0 {
            return self;
        }
        let sorted: std::borrow::Cow<[Date]> = if holidays.windows(2).all(|w| matches!(w, [a, b] if a < b)) {
            std::borrow::Cow::Borrowed(holidays)
        } else {
            let mut v = holidays.to_vec();
            v.sort_unstable();
            v.dedup();
            std::borrow::Cow::Owned(v)
        };
        // Working days in (self, d]; non-decreasing in d, and +1 exactly on each working day.
        let start = self.0 as i64;
        let worked = |d: i64| -> i64 {
            let weekdays = weekdays_before(d + 1) - weekdays_before(start + 1);
            let lo = sorted.partition_point(|h| (h.0 as i64) <= start);
            let hi = sorted.partition_point(|h| (h.0 as i64) <= d);
            let off =
                sorted.get(lo..hi).map_or(0, |hs| hs.iter().filter(|h| h.weekday() <= 5).count()) as i64;
            weekdays - off
        };
        // The answer lies within (self, self + 2·(n + holidays) + 14]: each week has five weekdays.
        let (mut lo, mut hi) = (start, start + 2 * (n as i64 + sorted.len() as i64) + 14);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if worked(mid) >= n as i64 {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        self.add_days(hi - start)
    }
    pub fn end_of_year(y: i32) -> Option<Date> {
        Date::from_ymd(y, 12, 31)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{:04}-{:02}-{:02}", y, m, d)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

// Reading a date from JSON text is read.rs's (`Read for Date`): read depends on date, not the other way.

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert!(Date::parse("2025-02-30").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2025-2-03").is_none());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("+025-01-01").is_none());
        assert_eq!(Date::parse("2025-06-10").map(|d| d.to_string()), Some("2025-06-10".into()));
    }

    #[test]
    fn arithmetic_matches_the_calendar() {
        let d = Date::parse("2025-06-10").unwrap_or(Date(0));
        assert_eq!(d.add_days(61).to_string(), "2025-08-10");
        assert_eq!(Date::parse("2025-08-11").unwrap_or(Date(0)).add_days(92).to_string(), "2025-11-11");
        assert_eq!(Date::parse("2025-11-12").unwrap_or(Date(0)).add_days(183).to_string(), "2026-05-14");
        assert_eq!(Date::parse("1970-01-01").unwrap_or(Date(1)).weekday(), 4);
        // 2025-11-26 is a Wednesday; ten working days later is Wednesday 2025-12-10.
        let w = Date::parse("2025-11-26").unwrap_or(Date(0));
        assert_eq!(w.weekday(), 3);
        assert_eq!(w.add_working_days(10, &[]).to_string(), "2025-12-10");
        let hol = [Date::parse("2025-12-01").unwrap_or(Date(0))];
        assert_eq!(w.add_working_days(10, &hol).to_string(), "2025-12-11");
    }

    /// The day-by-day walk the arithmetic replaced, as the reference.
    fn walk(from: Date, n: u32, holidays: &[Date]) -> Date {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d.add_days(1);
            if d.weekday() <= 5 && !holidays.contains(&d) {
                left -= 1;
            }
        }
        d
    }

    #[test]
    fn working_days_by_arithmetic_match_the_walk() {
        let base = Date::parse("2025-01-01").unwrap_or(Date(0));
        // Holidays on every kind of day, unsorted and with a duplicate, weekends included.
        let hol: Vec<Date> = [3, 4, 5, 9, 12, 13, 40, 41, 41, 2, 100, 101, 102, 103, 104, 105, 106]
            .iter()
            .map(|k| base.add_days(*k))
            .collect();
        for start in 0..21 {
            for n in [0u32, 1, 2, 3, 4, 5, 6, 9, 10, 11, 30, 77, 200] {
                let s = base.add_days(start);
                assert_eq!(s.add_working_days(n, &hol), walk(s, n, &hol), "from {} + {}", s, n);
                assert_eq!(
                    s.add_working_days(n, &[]),
                    walk(s, n, &[]),
                    "from {} + {} without holidays",
                    s,
                    n
                );
            }
        }
        // 100,000 working days and 1,000 holidays: answered at once (the walk took seconds per call).
        let many: Vec<Date> = (0..1000).map(|k| base.add_days(3 * k)).collect();
        let far = base.add_working_days(100_000, &many);
        assert_eq!(far, walk(base, 100_000, &many));
    }
}
