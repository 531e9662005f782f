//! Against a real Secret Service (gnome-keyring-daemon on a private D-Bus session):
//! `make test-keychain`. Ignored by plain `cargo test`, which must pass
//! on machines without one.
//!
//! Every entry uses the service `com.numberdesk.test.<pid>`, never the app's own, and is removed
//! by the test that wrote it.

#![cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

use common::{
    KEY_A, KEY_B, TOKEN, keychain, open_best, saved_entry_outlives_the_store, service,
    store_contract,
};
use numdesk_keychain::store::PROBE_ACCOUNT;
use numdesk_keychain::{SecretStore, StoreKind, StoredSecret};

#[test]
#[ignore = "needs a running Secret Service: make test-keychain"]
fn open_best_chooses_the_secret_service_and_leaves_no_probe_entry() {
    let (options, opened) = open_best("open");
    assert_eq!(
        opened.kind,
        StoreKind::SecretService,
        "rule: a working Secret Service is used: {:?}",
        opened.fallback_reason
    );
    assert!(opened.fallback_reason.is_none());
    assert_eq!(opened.store.kind(), StoreKind::SecretService);

    let probe_left = keyring::Entry::new(&options.service, PROBE_ACCOUNT)
        .unwrap()
        .get_secret();
    assert!(
        matches!(probe_left, Err(keyring::Error::NoEntry)),
        "rule: the startup probe deletes its throw-away entry"
    );
}

#[test]
#[ignore = "needs a running Secret Service: make test-keychain"]
fn os_keychain_meets_the_store_contract() {
    let store = keychain("contract");
    store_contract(&store, "contract", StoreKind::SecretService);
}

#[test]
#[ignore = "needs a running Secret Service: make test-keychain"]
fn entries_are_in_the_keychain_not_in_the_store_object() {
    let second = saved_entry_outlives_the_store("persist");

    // What the keychain holds is the documented entry format, under the documented names.
    let raw = keyring::Entry::new(&service("persist"), "profile-1")
        .unwrap()
        .get_password()
        .unwrap();
    assert_eq!(
        raw,
        format!(r#"{{"v":1,"secretKey":"{KEY_A}","token":"{TOKEN}"}}"#),
        "rule: one entry per profile: service, account = profile id, versioned JSON"
    );
    second.delete("profile-1").unwrap();
    assert!(second.load("profile-1").unwrap().is_none());
}

#[test]
#[ignore = "needs a running Secret Service: make test-keychain"]
fn a_long_session_token_round_trips() {
    let store = keychain("long");
    let token = "T".repeat(8_000);
    store
        .save(
            "profile-1",
            &StoredSecret::new(KEY_B).with_token(token.as_str()),
        )
        .unwrap();
    let loaded = store.load("profile-1").unwrap().expect("saved");
    assert_eq!(
        loaded.token.as_ref().map(|t| t.expose_secret().len()),
        Some(8_000),
        "rule: the Secret Service has no small entry limit"
    );
    store.delete("profile-1").unwrap();
}

#[test]
#[ignore = "needs a running Secret Service: make test-keychain"]
fn an_entry_in_another_format_is_reported_not_guessed() {
    let store = keychain("corrupt");
    let raw = keyring::Entry::new(&service("corrupt"), "profile-1").unwrap();
    raw.set_password("plain-old-password-from-elsewhere")
        .unwrap();
    let err = store.load("profile-1").unwrap_err();
    assert_eq!(
        err.code(),
        "keychainEntryCorrupt",
        "rule: a foreign entry is an error: {err}"
    );
    assert!(
        !format!("{err} {err:?}").contains("plain-old-password"),
        "rule: the entry's content is never shown"
    );
    store.delete("profile-1").unwrap();
    assert!(
        store.load("profile-1").unwrap().is_none(),
        "rule: a bad entry can be deleted"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a running Secret Service: make test-keychain"]
async fn works_when_called_from_async_code() {
    let store = keychain("async");
    store.save("profile-1", &StoredSecret::new(KEY_A)).unwrap();
    let loaded = store.load("profile-1").unwrap().expect("saved");
    assert_eq!(
        loaded.secret_key.expose_secret(),
        KEY_A,
        "rule: the keychain works from inside a tokio runtime"
    );
    store.delete("profile-1").unwrap();
}
