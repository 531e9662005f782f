//! The SecretKey in the keychain Windows and macOS always have: Windows Credential Manager and the
//! macOS login Keychain. Ignored by plain `cargo test` (a developer's real keychain could prompt);
//! CI runs them on the `windows-latest` and `macos-latest` runners (`.github/workflows/ci.yml`),
//! as `make test-keychain` runs `secret_service.rs` on Linux. Compiled out on other systems.
//!
//! Every entry uses the service `com.numberdesk.test.<pid>.<name>`, never the app's own, and is
//! removed by the test that wrote it.

#![cfg(any(target_os = "windows", target_os = "macos"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

use common::{keychain, open_best, saved_entry_outlives_the_store, store_contract};
use numdesk_keychain::{SecretStore, StoreKind};

#[cfg(target_os = "windows")]
const KIND: StoreKind = StoreKind::WindowsCredentialManager;
#[cfg(target_os = "macos")]
const KIND: StoreKind = StoreKind::MacosKeychain;

#[test]
#[ignore = "uses the real OS keychain: CI runs it with --ignored on Windows and macOS"]
fn open_best_chooses_the_os_keychain() {
    let (_, opened) = open_best("open");
    assert_eq!(
        opened.kind, KIND,
        "rule: the system's own keychain is used, not the session-only fallback: {:?}",
        opened.fallback_reason
    );
    assert_eq!(opened.store.kind(), KIND);
}

#[test]
#[ignore = "uses the real OS keychain: CI runs it with --ignored on Windows and macOS"]
fn os_keychain_meets_the_store_contract() {
    store_contract(&keychain("contract"), "contract", KIND);
}

#[test]
#[ignore = "uses the real OS keychain: CI runs it with --ignored on Windows and macOS"]
fn entries_outlive_the_store_object() {
    let second = saved_entry_outlives_the_store("persist");
    second.delete("profile-1").unwrap();
    assert!(second.load("profile-1").unwrap().is_none());
}
