//! The commands crate as the app and the CLI use it: each module is one screen or concern, over a
//! real database in a temporary directory and the sandbox on loopback. One test binary (one link
//! instead of nine); `security` stays apart, as it installs the process-wide log subscriber.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

mod applications;
mod basics;
mod bindings;
mod drafts;
mod overview;
mod settings;
mod submit;
mod template;
mod watch;
