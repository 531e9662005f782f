//! A real sandbox over loopback, a real database file, and the guarantees to check: shared with
//! the CLI tests and the benches in `numdesk-testkit`.
#![allow(unused_imports)] // each test file uses its own subset

pub use numdesk_testkit::*;
