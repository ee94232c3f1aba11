// Calendar helpers shared by the data generator, the reference scorers and the differential test.
// Dates are ISO `YYYY-MM-DD` strings; a "day" is the number of days since 1970-01-01 (UTC), so date
// arithmetic is integer arithmetic and never touches a time zone.

const MS_PER_DAY = 86400000;

/** `YYYY-MM-DD` → day number. */
export function dayOf(s) {
  const y = +s.slice(0, 4), m = +s.slice(5, 7), d = +s.slice(8, 10);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** day number → `YYYY-MM-DD`. */
export function dateOf(n) {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Is `s` a real calendar date written `YYYY-MM-DD`? */
export function isRealDate(s) {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  return dateOf(dayOf(s)) === s;
}

export function yearOf(s) {
  return +s.slice(0, 4);
}
