//! The commands through Tauri's real IPC layer on the mock runtime, one test binary for the whole
//! app (one link instead of nine, a tenth of the disk): each module is one screen or concern.
//! `blocking_ipc` stays a binary of its own, as it measures the process-wide async runtime.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

mod applications;
mod basics;
mod paths;
mod settings;
mod submit;
mod support;
mod template;
mod updater;
mod wizard;
