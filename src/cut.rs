//! The dossier as it stood on an earlier date (api.md rev. 2, `{ at }`): every record dated after the
//! date is left out and `as_of` becomes that date. Because the ladder replay is causal, the cut dossier
//! answers exactly what the full one says about every day up to the cut; the assessment uses the same
//! cut at its `decided_on`, so it weighs only what was on record when it was decided.

use crate::accountability;
use crate::date::Date;
use crate::model::Dossier;
use crate::policy::Policy;

/// The lists a cut may shorten, by their name in the dossier (for JSON Pointers).
const LISTS: [&str; 10] = [
    "activities",
    "letters",
    "incidents",
    "inspections",
    "hotspots",
    "referrals",
    "rectifications",
    "circumstances",
    "leaders",
    "decisions",
];

/// What a cut left out, and where each kept record stood in the input.
pub struct Cut {
    pub at: Date,
    pub left_out: usize,
    /// Per list of [`LISTS`]: the input index of each kept record.
    kept: [Vec<usize>; 10],
}

impl Cut {
    /// A JSON Pointer into the cut dossier → the same record's pointer into the caller's input.
    pub fn remap(&self, pointer: &mut String) {
        let mut segs = pointer.splitn(4, '/');
        let (Some(""), Some(list), Some(index)) = (segs.next(), segs.next(), segs.next()) else { return };
        let Some(k) = LISTS.iter().position(|l| *l == list) else { return };
        let Ok(i) = index.parse::<usize>() else { return };
        let Some(orig) = self.kept.get(k).and_then(|m| m.get(i)) else { return };
        let rest = segs.next().map(|r| format!("/{}", r)).unwrap_or_default();
        *pointer = format!("/{}/{}{}", list, orig, rest);
    }
}

/// Keep the records of `items` for which `keep` holds, noting their input indices.
fn keep<T>(
    items: &mut Vec<T>,
    kept: &mut Vec<usize>,
    left_out: &mut usize,
    mut keep: impl FnMut(&T) -> bool,
) {
    let mut i = 0;
    items.retain(|x| {
        let k = keep(x);
        if k {
            kept.push(i);
        } else {
            *left_out += 1;
        }
        i += 1;
        k
    });
}

/// The dossier cut at `at` (at most its `as_of`). A leader who took up the post after `at` is left out;
/// one who left after `at` is still in post on it. The assessment stays only if it was decided by `at`
/// (undated: decided on `as_of`). Rectifications and circumstances of cases the cut dossier does not
/// open are left out with them.
pub fn cut(d: &Dossier, p: &Policy, at: Date) -> (Dossier, Cut) {
    let mut c = d.clone();
    let mut left_out = 0;
    let mut kept: [Vec<usize>; 10] = Default::default();
    let [ka, kl, ki, kn, kh, kr, kre, kc, kle, kd] = &mut kept;
    c.as_of = at.min(d.as_of);
    let at = c.as_of;
    keep(&mut c.activities, ka, &mut left_out, |x| x.date <= at);
    keep(&mut c.letters, kl, &mut left_out, |x| x.date <= at);
    keep(&mut c.incidents, ki, &mut left_out, |x| x.date <= at);
    keep(&mut c.inspections, kn, &mut left_out, |x| x.date <= at);
    keep(&mut c.hotspots, kh, &mut left_out, |x| x.date <= at);
    keep(&mut c.referrals, kr, &mut left_out, |x| x.date <= at);
    keep(&mut c.decisions, kd, &mut left_out, |x| x.date <= at);
    for x in &mut c.decisions {
        if x.assessed_on.is_some_and(|a| a > at) {
            x.assessed_on = None;
        }
    }
    keep(&mut c.leaders, kle, &mut left_out, |l| l.since.map_or(true, |s| s <= at));
    for l in &mut c.leaders {
        if l.until.is_some_and(|u| u > at) {
            l.until = None;
        }
    }
    if let Some(g) = &mut c.leading_group {
        let present = |id: &String| c.leaders.iter().any(|l| &l.id == id);
        if g.leader.as_ref().is_some_and(|id| !present(id)) {
            g.leader = None;
        }
        g.deputies.retain(|id| present(id));
        if g.office_director.as_ref().is_some_and(|id| !present(id)) {
            g.office_director = None;
        }
    }
    if c.assessment.as_ref().is_some_and(|a| a.decided_on.unwrap_or(d.as_of) > at) {
        c.assessment = None;
        left_out += 1;
    }
    // Which cases the cut dossier opens: rectifications (dated) and circumstances (undated) of any other
    // case did not exist yet.
    keep(&mut c.rectifications, kre, &mut left_out, |x| x.accepted_on <= at);
    let mut ids: Vec<crate::model::CaseId> =
        accountability::triggers(&c, p).into_iter().map(|t| t.id).collect();
    ids.push(accountability::failed_assessment(&c).id);
    ids.sort();
    let known = |case: &str| ids.binary_search_by(|k| k.as_str().cmp(case)).is_ok();
    let mut kre2 = Vec::new();
    let mut pos = 0;
    c.rectifications.retain(|r| {
        let k = known(&r.case);
        if k {
            kre2.push(kre.get(pos).copied().unwrap_or(pos));
        } else {
            left_out += 1;
        }
        pos += 1;
        k
    });
    *kre = kre2;
    keep(&mut c.circumstances, kc, &mut left_out, |x| known(&x.case));
    (c, Cut { at, left_out, kept })
}
