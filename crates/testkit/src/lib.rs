//! What the tests of the outbox, the CLI and the benches share (a dev-dependency only; nothing
//! that ships depends on it):
//!
//! - [`setup`]: a real sandbox on loopback, a client for it, a database file, drafts;
//! - [`agreement`]: the outbox's guarantees, checked between the sandbox's applications and the
//!   local ones (no number twice, every ApplyId known or its batch unknown, nothing `sending`,
//!   a sound file), and how a user resolves the unknown ones;
//! - [`files`]: walking a folder and counting bytes, for the "nothing leaks" checks.
//!
//! A failed check panics: these are test helpers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod agreement;
pub mod files;
pub mod setup;

pub use agreement::{Agreement, check_agreement, unknown_lookup, unknown_resolutions};
pub use files::{files_under, occurrences};
pub use setup::{
    Env, Events, SDK, TRUNK, app_header, app_row, client_for, client_with_key, draft, numbers, row,
    sandbox, sandbox_config,
};
