//! Validation: every record a portal may submit, checked against one declarative shape per kind that
//! also generates the JSON Schema (so `schema(kind)` and `validate(kind, …)` cannot drift apart), then
//! the cross-record rules of the dossier (unique ids, references, dates not after `as_of`). All problems
//! are reported at once, each with its JSON Pointer.
//!
//! - `parse`: JSON text → value under the limits (`crate::limits`; the tolerant path);
//! - `walk`: the record kinds' shapes (the language `Ty` is `crate::shape`'s) and their walk;
//! - `messages`: field labels and the issues in plain words; `schema`: JSON Schema from the shapes;
//! - `rules`: the dossier's cross-record rules on the typed model.

mod messages;
mod parse;
mod rules;
mod schema;
mod walk;

pub use messages::*;
pub use parse::*;
pub use rules::*;
pub use schema::*;
pub use walk::*;
