//! Validation: every record a portal may submit, checked against one declarative shape per kind that
//! also generates the JSON Schema (so `schema(kind)` and `validate(kind, …)` cannot drift apart), then
//! the cross-record rules of the dossier (unique ids, references, dates not after `as_of`). All problems
//! are reported at once, each with its JSON Pointer.
//!
//! - `limits`: the documented maxima;
//! - `parse`: JSON text → value under the limits (the tolerant path);
//! - `ty`: the shape language; `walk`: the record kinds' shapes and their walk;
//! - `messages`: field labels and the issues in plain words; `schema`: JSON Schema from the shapes;
//! - `rules`: the dossier's cross-record rules on the typed model.

pub mod limits;
mod messages;
mod parse;
mod rules;
mod schema;
mod ty;
mod walk;

pub use crate::issue::pointer_segments;
pub use messages::*;
pub use parse::*;
pub use rules::*;
pub use schema::*;
pub use ty::*;
pub use walk::*;
