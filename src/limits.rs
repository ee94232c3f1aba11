//! Documented maxima. Each is enforced with its own error and tested at the limit and one past it.

/// Bytes of JSON text for one dossier, record or policy (4 MiB).
pub const MAX_INPUT_BYTES: usize = 4 << 20;
/// Bytes of JSON text for one `evaluateMany` batch (64 MiB).
pub const MAX_BATCH_BYTES: usize = 64 << 20;
/// Dossiers in one `evaluateMany` batch.
pub const MAX_BATCH: usize = 10_000;
/// Nesting depth of any JSON input (a dossier needs 6).
pub const MAX_DEPTH: usize = 32;
/// Items in any one list of a dossier.
pub const MAX_LIST: usize = 5_000;
/// Characters of a free-text field.
pub const MAX_TEXT: usize = 2_000;
/// Characters of an id.
pub const MAX_ID: usize = 64;
/// Operations in one JSON Patch.
pub const MAX_PATCH_OPS: usize = 1_000;
/// Bytes (as JSON text) one JSON Patch may copy, move, remove, replace or compare in all (32 MiB):
/// bounds the work of copy amplification. The patched dossier itself stays within `MAX_INPUT_BYTES`.
pub const MAX_PATCH_WORK: usize = 32 << 20;
/// Bytes of JSON text in one answer (32 MiB: 5,000 cases at the list limit need about 19 MB); a larger
/// answer is `answer_too_large`.
pub const MAX_ANSWER_BYTES: usize = 32 << 20;
/// Bytes of JSON text in one `evaluateMany` answer (128 MiB); items past it answer `answer_too_large`.
pub const MAX_BATCH_ANSWER_BYTES: usize = 128 << 20;
/// Keys of one map (an assessment's `indicators` or `process`).
pub const MAX_MAP_KEYS: usize = 200;
