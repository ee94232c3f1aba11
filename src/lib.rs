//! pingan — the Zhejiang measures on the leadership responsibility system for Ping'an construction and
//! public-order management (平安建设和社会治安综合治理领导责任制实施办法), as a library that runs in the page.
//!
//! The core is plain Rust, one module per concept of the measures; `bindings` is the only module that
//! knows about JavaScript. See ARCHITECTURE.md.
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

// The facade (ARCHITECTURE.md "Where things live"): the public API is contract v1 as JSON text (`api`, what the
// binding and every test drive), the `Engine` and the records and vocabularies it reads and answers in.
// Everything else is crate-private; the crate's own tests, fuzzer and benchmarks reach it through
// `internals`, which promises nothing.

pub mod api;
pub mod date;
pub mod exact;
pub mod issue;
pub mod limits;
pub mod model;
pub mod policy;

pub use date::Date;
pub use engine::{Engine, Kind, Prepared, Report, WhatIf};
pub use issue::{Basis, Code, Issue, Severity, Text};
pub use model::Dossier;
pub use policy::Policy;

mod accountability;
mod assessment;
/// The JavaScript surface (wasm-bindgen): converts and delegates to `api`. Public only so that its exports
/// are not dead code in a host build (where wasm-bindgen emits no export shims).
#[doc(hidden)]
pub mod bindings;
/// Host-only: renders the generated TypeScript and JS files (tests/generated.rs); not in the module.
#[cfg(not(target_arch = "wasm32"))]
mod codegen;
mod config;
mod context;
mod cut;
mod duties;
mod engine;
mod patch;
mod read;
mod reform;
mod rewards;
mod shape;
mod table;
mod tape;
mod validation;
mod work;

/// Not the API: the few crate-private items the crate's own tests, fuzzer and examples look into (the
/// work counter, the shape walk, the typed read, JSON Patch, the accountability replay, codegen). Listed
/// one by one, so that `dead_code` still sees everything else.
#[doc(hidden)]
pub mod internals {
    pub mod accountability {
        pub use crate::accountability::{answer_floor, replay_all, triggers};
    }
    pub mod duties {
        pub use crate::duties::{count, counted, findings, matrix};
    }
    #[cfg(not(target_arch = "wasm32"))]
    pub mod codegen {
        pub use crate::codegen::*;
    }
    /// The answers' tapes (`read` is the host's model of `pinganTape`).
    pub mod tape {
        #[cfg(not(target_arch = "wasm32"))]
        pub use crate::tape::read;
        pub use crate::tape::{json, reset, words, Tape};
    }
    pub mod patch {
        pub use crate::patch::{apply, extent};
    }
    pub mod read {
        pub use crate::read::dossier;
        pub use crate::shape::{from_text as record, Read};
    }
    pub mod shape {
        pub use crate::shape::{Field, Record, Shape, Ty};
    }
    pub mod validation {
        pub use crate::shape::{Field, Ty};
        pub use crate::validation::{check_shape_in, parse_json, DOSSIER, INCIDENT, POLICY};
    }
    pub mod work {
        pub use crate::work::{take, STEPS_BASE, STEPS_PER_INPUT_BYTE};
    }
}
