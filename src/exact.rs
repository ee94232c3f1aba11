//! Exact arithmetic for scoring (api.md "Scoring, exactly"): inputs are read as the decimal that prints
//! them, points are integers of hundredths, and ratios are reduced only at the one rounding step. Nothing
//! here uses floating point for a result, so native and WASM outputs are byte-identical.

use serde::{Serialize, Serializer};

/// Most decimal places an input number may carry (a documented limit: beyond this a value is noise
/// from a computation, not a figure an office typed).
pub const MAX_SCALE: u32 = 9;
/// Largest magnitude of any scored number.
pub const MAX_ABS: i128 = 1_000_000_000_000;

/// A finite decimal `m / 10^s`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub m: i128,
    pub s: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecimalError {
    NotFinite,
    TooManyDecimals,
    OutOfRange,
}

fn pow10(s: u32) -> i128 {
    10i128.pow(s.min(30))
}

impl Decimal {
    pub fn from_int(v: i64) -> Decimal {
        Decimal { m: v as i128, s: 0 }
    }

    /// Read an f64 by its shortest round-trip decimal form (what JavaScript prints for it).
    pub fn from_f64(x: f64) -> Result<Decimal, DecimalError> {
        if !x.is_finite() {
            return Err(DecimalError::NotFinite);
        }
        if x.abs() > MAX_ABS as f64 {
            return Err(DecimalError::OutOfRange);
        }
        // Fast path: the fewest decimal places s ≤ MAX_SCALE at which exactly one m / 10^s is read as x.
        // m and 10^s are exact doubles, so `m / p` is correctly rounded: the double a parser gives for
        // the text "m/10^s". The first s that works is the shortest form JavaScript prints.
        if x.abs() <= MAX_ABS as f64 {
            let mut p = 1.0f64;
            for s in 0..=MAX_SCALE {
                let m = (x * p).round();
                if m.abs() < 9.0e15 && m / p == x && (m - 1.0) / p != x && (m + 1.0) / p != x {
                    return Decimal::normal(m as i128, s);
                }
                p *= 10.0;
            }
        }
        // serde_json prints the shortest digits that round-trip (as JavaScript does), maybe with an
        // exponent; reusing its printer keeps core's float formatting out of the module.
        let t = serde_json::to_string(&x).map_err(|_| DecimalError::NotFinite)?;
        let (mant, exp) = match t.find(['e', 'E']) {
            Some(i) => (
                t.get(..i).unwrap_or(""),
                t.get(i + 1..)
                    .unwrap_or("")
                    .trim_start_matches('+')
                    .parse::<i32>()
                    .map_err(|_| DecimalError::NotFinite)?,
            ),
            None => (t.as_str(), 0),
        };
        let d = Decimal::parse(mant)?;
        if exp >= 0 {
            if exp > 15 {
                return Err(DecimalError::OutOfRange);
            }
            let m = d.m.checked_mul(pow10(exp as u32)).ok_or(DecimalError::OutOfRange)?;
            Decimal::normal(m, d.s)
        } else {
            let s = d.s + exp.unsigned_abs();
            if s > MAX_SCALE {
                return Err(DecimalError::TooManyDecimals);
            }
            Decimal::normal(d.m, s)
        }
    }

    /// `m / 10^s` with trailing zeros of the fraction removed, within the limits.
    fn normal(mut m: i128, mut s: u32) -> Result<Decimal, DecimalError> {
        while s > 0 && rem(m, 10) == 0 {
            m = quot(m, 10);
            s -= 1;
        }
        if m.abs() > MAX_ABS * pow10(s) {
            return Err(DecimalError::OutOfRange);
        }
        Ok(Decimal { m, s })
    }

    /// Parse plain decimal text `-?digits(.digits)?`.
    pub fn parse(t: &str) -> Result<Decimal, DecimalError> {
        let (neg, body) = match t.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, t),
        };
        let (int, frac) = match body.split_once('.') {
            Some((a, b)) => (a, b.trim_end_matches('0')),
            None => (body, ""),
        };
        if int.is_empty()
            || !int.bytes().all(|c| c.is_ascii_digit())
            || !frac.bytes().all(|c| c.is_ascii_digit())
        {
            return Err(DecimalError::NotFinite);
        }
        if frac.len() as u32 > MAX_SCALE {
            return Err(DecimalError::TooManyDecimals);
        }
        let int = int.trim_start_matches('0');
        if int.len() > 13 {
            return Err(DecimalError::OutOfRange);
        }
        let mut m: i128 = 0;
        for c in int.bytes().chain(frac.bytes()) {
            m = m * 10 + (c - b'0') as i128;
        }
        let s = frac.len() as u32;
        if m.abs() > MAX_ABS * pow10(s) {
            return Err(DecimalError::OutOfRange);
        }
        Ok(Decimal { m: if neg { -m } else { m }, s })
    }

    /// Scaled to `s` decimal places (s ≥ self.s).
    fn at(self, s: u32) -> i128 {
        self.m * pow10(s.saturating_sub(self.s))
    }

    pub fn to_f64(self) -> f64 {
        self.m as f64 / pow10(self.s) as f64
    }

    /// This value in whole hundredths, if it has at most two decimals.
    pub fn to_hundredths(self) -> Option<i64> {
        if self.s <= 2 {
            i64::try_from(self.at(2)).ok()
        } else {
            None
        }
    }

    pub fn cmp_value(self, other: Decimal) -> std::cmp::Ordering {
        let s = self.s.max(other.s);
        self.at(s).cmp(&other.at(s))
    }

    /// `self - other` exactly.
    pub fn minus(self, other: Decimal) -> Decimal {
        let s = self.s.max(other.s);
        Decimal { m: self.at(s) - other.at(s), s }
    }
    pub fn plus(self, other: Decimal) -> Decimal {
        let s = self.s.max(other.s);
        Decimal { m: self.at(s) + other.at(s), s }
    }

    /// The decimal with `s` places nearest above/below (used by "how do we get there").
    pub fn step(s: u32) -> Decimal {
        Decimal { m: 1, s }
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let p = pow10(self.s);
        let neg = self.m < 0;
        let a = self.m.unsigned_abs();
        let ip = a / p as u128;
        let fp = a % p as u128;
        if neg {
            write!(f, "-")?;
        }
        if self.s == 0 {
            write!(f, "{}", ip)
        } else {
            let frac = format!("{:0width$}", fp, width = self.s as usize);
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                write!(f, "{}", ip)
            } else {
                write!(f, "{}.{}", ip, frac)
            }
        }
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Shortest decimal text parses back (in JS and here) to the nearest double of the exact value.
        match format!("{}", self).parse::<f64>() {
            Ok(v) => s.serialize_f64(v),
            Err(_) => s.serialize_f64(self.to_f64()),
        }
    }
}

/// A non-negative-denominator fraction `n / d` over i128, for one line's exact points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratio {
    pub n: i128,
    pub d: i128,
}

impl Ratio {
    pub const ZERO: Ratio = Ratio { n: 0, d: 1 };
    pub const ONE: Ratio = Ratio { n: 1, d: 1 };

    pub fn new(n: i128, d: i128) -> Option<Ratio> {
        if d == 0 {
            return None;
        }
        let (n, d) = if d < 0 { (n.checked_neg()?, d.checked_neg()?) } else { (n, d) };
        let g = gcd(n.unsigned_abs(), d.unsigned_abs()).max(1) as i128;
        let (n, d) = divide_both(n, d, g);
        Some(Ratio { n, d })
    }

    /// `(x - zero) / (full - zero)` clamped to [0, 1] (api.md: result indicators, either direction).
    pub fn linear(x: Decimal, zero: Decimal, full: Decimal) -> Option<Ratio> {
        let s = x.s.max(zero.s).max(full.s);
        let num = x.at(s).checked_sub(zero.at(s))?;
        let den = full.at(s).checked_sub(zero.at(s))?;
        let r = Ratio::new(num, den)?;
        Some(r.clamp01())
    }

    pub fn clamp01(self) -> Ratio {
        if self.n <= 0 {
            Ratio::ZERO
        } else if self.n >= self.d {
            Ratio::ONE
        } else {
            self
        }
    }

    pub fn times(self, o: Ratio) -> Option<Ratio> {
        // Cross-reduce first to keep the operands small.
        let g1 = gcd(self.n.unsigned_abs(), o.d.unsigned_abs()).max(1) as i128;
        let g2 = gcd(o.n.unsigned_abs(), self.d.unsigned_abs()).max(1) as i128;
        let (n1, d2) = divide_both(self.n, o.d, g1);
        let (n2, d1) = divide_both(o.n, self.d, g2);
        Ratio::new(n1.checked_mul(n2)?, d1.checked_mul(d2)?)
    }

    pub fn from_hundredths(h: i64) -> Ratio {
        Ratio::new(h as i128, 100).unwrap_or(Ratio::ZERO)
    }

    /// Round half-up (away from zero at exactly .5) to whole hundredths.
    pub fn round_hundredths(self) -> Option<i64> {
        let n = self.n.checked_mul(100)?;
        let neg = n < 0;
        let a = n.unsigned_abs();
        let d = self.d.unsigned_abs();
        let (q, r) = match (u64::try_from(a), u64::try_from(d)) {
            (Ok(a), Ok(d)) if d > 0 => (u128::from(a / d), u128::from(a % d)),
            _ => (a / d, a % d),
        };
        let q = if r.checked_mul(2)? >= d { q + 1 } else { q };
        let v = i64::try_from(q).ok()?;
        Some(if neg { -v } else { v })
    }

    /// Rounded to six decimals for display (the exact value is what the points come from).
    pub fn display(self) -> f64 {
        let n = self.n.saturating_mul(1_000_000);
        let q = if self.d == 0 { 0 } else { quot(n + quot(self.d, 2), self.d) };
        q as f64 / 1_000_000.0
    }

    pub fn ge(self, o: Ratio) -> bool {
        match (self.n.checked_mul(o.d), o.n.checked_mul(self.d)) {
            (Some(a), Some(b)) => a >= b,
            _ => (self.n as f64 / self.d as f64) >= (o.n as f64 / o.d as f64),
        }
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    // Operands that fit 64 bits (all of a score's) take the machine's division: in wasm, 128-bit
    // division is a library call, and it was a fifth of a slider move.
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        return u128::from(gcd64(x, y));
    }
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

fn gcd64(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// `a / b`, truncated as i128's is, in 64 bits where both fit (see [`gcd`]).
fn quot(a: i128, b: i128) -> i128 {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) if y > 0 => i128::from(x / y),
        _ => a / b,
    }
}

/// `a % b`, as i128's, in 64 bits where both fit.
fn rem(a: i128, b: i128) -> i128 {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) if y > 0 => i128::from(x % y),
        _ => a % b,
    }
}

/// `n / g` and `d / g`.
fn divide_both(n: i128, d: i128, g: i128) -> (i128, i128) {
    (quot(n, g), quot(d, g))
}

/// An amount of points in whole hundredths; prints as a JSON number like `74.57`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Points(pub i64);

impl Points {
    pub fn as_f64(self) -> f64 {
        // Both operands are exact doubles, so the quotient is the double nearest to the decimal value.
        self.0 as f64 / 100.0
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

impl std::fmt::Display for Points {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{}{}.{:02}", sign, a / 100, a % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(t: &str) -> Decimal {
        Decimal::parse(t).unwrap_or(Decimal { m: -999, s: 0 })
    }

    #[test]
    fn reads_numbers_as_printed() {
        assert_eq!(Decimal::from_f64(93.7), Ok(Decimal { m: 937, s: 1 }));
        assert_eq!(Decimal::from_f64(-12.0), Ok(Decimal { m: -12, s: 0 }));
        assert_eq!(Decimal::from_f64(0.1 + 0.2), Err(DecimalError::TooManyDecimals));
        assert_eq!(Decimal::from_f64(f64::NAN), Err(DecimalError::NotFinite));
        assert_eq!(Decimal::from_f64(1e300), Err(DecimalError::OutOfRange));
        assert_eq!(d("2.50").to_string(), "2.5");
    }

    #[test]
    fn golden_lines_of_case_1() {
        // 20 × (93.7 − 85) / 11 = 15.8181… → 15.82
        let f = Ratio::linear(d("93.7"), d("85"), d("96")).unwrap_or(Ratio::ZERO);
        assert_eq!(
            f.times(Ratio::new(20, 1).unwrap_or(Ratio::ZERO)).and_then(|r| r.round_hundredths()),
            Some(1582)
        );
        // 10 × (2.5 − 10) / (−10 − 10) = 3.75
        let f = Ratio::linear(d("2.5"), d("10"), d("-10")).unwrap_or(Ratio::ZERO);
        assert_eq!(
            f.times(Ratio::new(10, 1).unwrap_or(Ratio::ZERO)).and_then(|r| r.round_hundredths()),
            Some(375)
        );
        // clamp above 1
        assert_eq!(Ratio::linear(d("-12"), d("10"), d("-10")), Some(Ratio::ONE));
    }

    #[test]
    fn rounds_half_up() {
        assert_eq!(Ratio::new(12345, 1_000_000).and_then(|r| r.round_hundredths()), Some(1)); // 0.012345
        assert_eq!(Ratio::new(5, 1000).and_then(|r| r.round_hundredths()), Some(1)); // 0.005 → 0.01
        assert_eq!(Ratio::new(4999, 1_000_000).and_then(|r| r.round_hundredths()), Some(0));
        assert_eq!(Points(7457).to_string(), "74.57");
        assert_eq!(Points(-50).to_string(), "-0.50");
    }
}
