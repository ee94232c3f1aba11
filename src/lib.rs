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

pub mod accountability;
pub mod api;
pub mod assessment;
pub mod bindings;
/// Host-only: renders the generated TypeScript and JS files (tests/generated.rs); not in the module.
#[cfg(not(target_arch = "wasm32"))]
pub mod codegen;
pub mod config;
pub mod context;
pub mod cut;
pub mod date;
pub mod duties;
pub mod engine;
pub mod exact;
pub mod issue;
pub mod model;
pub mod patch;
pub mod policy;
pub mod read;
pub mod reform;
pub mod rewards;
pub mod shape;
pub mod table;
pub mod validation;
pub mod work;

pub use engine::Engine;
