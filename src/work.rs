//! A step counter for the work bound (issue 12): the walks that could grow faster than their input —
//! the validation walk, the duty matrix's evidence scans, the ladder's bars, the archive's lists, a
//! patch's measuring — tick it, and tests/properties.rs checks that the count stays linear in the input
//! (`STEPS_PER_INPUT_BYTE`). Counting steps, not time, so the check never depends on the machine.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// The documented work bound: steps ≤ `STEPS_PER_INPUT_BYTE × input bytes + STEPS_BASE` for the
/// dossiers of `api::LINEAR_LEADERS` leaders or fewer.
pub const STEPS_PER_INPUT_BYTE: u64 = 8;
pub const STEPS_BASE: u64 = 1 << 16;

/// Count `n` steps.
#[inline]
pub fn tick(n: usize) {
    STEPS.with(|s| s.set(s.get().saturating_add(n as u64)));
}

/// The steps counted since the last `take`, and reset.
pub fn take() -> u64 {
    STEPS.with(|s| s.replace(0))
}

/// The issue of an answer past `max` bytes of JSON text (`answer_too_large`, README "Limits").
pub fn answer_too_large(max: usize) -> crate::issue::Issue {
    crate::issue::Issue::error(
        crate::issue::Code::AnswerTooLarge,
        "",
        format!("结果超过 {} 字节的上限（请减少记录或分批提交）", max),
        format!("the answer would exceed the ceiling of {} bytes (send fewer records, or in parts)", max),
    )
}
