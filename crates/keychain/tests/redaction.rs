//! No `Debug` or `Display` output of this crate ever contains a SecretKey or token, and the types
//! the UI receives have pinned JSON and TypeScript forms.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use numdesk_keychain::{
    KeychainError, MemoryStore, OpenedStore, SecretStore, StoreKind, StoredSecret,
    normalize_secret_key, normalize_token,
};
use ts_rs::TS;

const KEY: &str = "q7Zr9WkX2mPb4Lt8Vn3Yc6Hd1Jf5Gs0R";
const TOKEN: &str = "tkn0Bq9Cv8Xz7Mn6Lk5Jh4Gf3Ds2Ap1Wo";

fn assert_redacted(shown: &str, what: &str) {
    for secret in [KEY, TOKEN] {
        for piece in secret.as_bytes().windows(4) {
            let piece = std::str::from_utf8(piece).unwrap();
            assert!(
                !shown.contains(piece),
                "rule: {what} never shows a secret (found {piece:?} in {shown:?})"
            );
        }
    }
}

#[test]
fn stored_secret_debug_is_redacted() {
    let secret = StoredSecret::new(KEY).with_token(TOKEN);
    let shown = format!("{secret:?} {secret:#?}");
    assert_redacted(&shown, "Debug of StoredSecret");
    assert!(
        shown.contains("***"),
        "rule: redaction is visible, not an empty field: {shown}"
    );
}

#[test]
fn normalized_secrets_debug_is_redacted() {
    let key = normalize_secret_key(&format!(" {KEY} ")).unwrap();
    let token = normalize_token(TOKEN).unwrap();
    assert_redacted(
        &format!("{key:?} {token:?} {:?}", key.value),
        "Debug of Normalized",
    );
    assert_redacted(
        &format!("{} {}", key.value, token.value),
        "Display of SecretKey",
    );
}

#[test]
fn stores_debug_is_redacted() {
    let store = MemoryStore::new();
    store
        .save("p", &StoredSecret::new(KEY).with_token(TOKEN))
        .unwrap();
    assert_eq!(format!("{store:?}"), "MemoryStore { profiles: 1 }");
    let opened = OpenedStore {
        store: Box::new(store),
        kind: StoreKind::SessionOnly,
        fallback_reason: Some(KeychainError::Unsupported),
    };
    assert_redacted(&format!("{opened:?}"), "Debug of OpenedStore");
}

#[test]
fn save_errors_never_show_the_rejected_secret() {
    let store = MemoryStore::new();
    for bad in [
        StoredSecret::new(format!("{KEY}\n")),
        StoredSecret::new(format!("{KEY}é")),
        StoredSecret::new(KEY).with_token(format!("{TOKEN} {TOKEN}")),
    ] {
        let err = store.save("p", &bad).unwrap_err();
        assert!(
            err.is_input_error(),
            "rule: an unusable secret is refused: {err}"
        );
        assert_redacted(&format!("{err} {err:?}"), "a save error");
    }
    assert!(store.is_empty(), "rule: nothing unusable is stored");
}

#[test]
fn store_kind_json_and_typescript_are_pinned() {
    let kinds = [
        StoreKind::MacosKeychain,
        StoreKind::WindowsCredentialManager,
        StoreKind::SecretService,
        StoreKind::SessionOnly,
    ];
    assert_eq!(
        serde_json::to_value(kinds).unwrap(),
        serde_json::json!([
            "macosKeychain",
            "windowsCredentialManager",
            "secretService",
            "sessionOnly"
        ]),
        "rule: the UI switches on these strings"
    );
    for kind in kinds {
        let back: StoreKind = serde_json::from_value(serde_json::to_value(kind).unwrap()).unwrap();
        assert_eq!(back, kind, "rule: StoreKind round-trips through JSON");
        assert_eq!(kind.is_persistent(), kind != StoreKind::SessionOnly);
    }
    assert_eq!(
        StoreKind::decl(&ts_rs::Config::default()),
        "type StoreKind = \"macosKeychain\" | \"windowsCredentialManager\" | \"secretService\" \
         | \"sessionOnly\";",
        "rule: the TypeScript type matches the JSON"
    );
}

#[test]
fn error_codes_are_distinct() {
    use KeychainError as E;
    use numdesk_keychain::{CredentialField as F, Operation as O};
    let errors = [
        E::EmptyCredential {
            field: F::SecretKey,
        },
        E::WhitespaceInCredential {
            field: F::SecretKey,
            found: String::new(),
            position: 1,
            length: 1,
        },
        E::InvalidCharInCredential {
            field: F::SecretKey,
            found: String::new(),
            position: 1,
            length: 1,
            hint: "",
        },
        E::QuotedCredential {
            field: F::SecretKey,
        },
        E::InvalidProfile {
            profile: String::new(),
            reason: "",
        },
        E::Unsupported,
        E::Unavailable {
            store: "",
            operation: O::Load,
            detail: String::new(),
        },
        E::Timeout {
            store: "",
            operation: O::Load,
            millis: 1,
        },
        E::TooLarge {
            store: "",
            bytes: 2,
            limit: 1,
        },
        E::Corrupt {
            profile: String::new(),
            reason: String::new(),
        },
        E::Ambiguous {
            profile: String::new(),
            count: 2,
        },
        E::Platform {
            store: "",
            operation: O::Load,
            detail: String::new(),
        },
    ];
    let codes: std::collections::BTreeSet<_> = errors.iter().map(KeychainError::code).collect();
    assert_eq!(
        codes.len(),
        errors.len(),
        "rule: every error kind has its own code for the UI"
    );
}

#[test]
fn timeouts_and_size_limits_read_clearly() {
    let err = KeychainError::Timeout {
        store: StoreKind::SecretService.label(),
        operation: numdesk_keychain::Operation::Probe,
        millis: 1500,
    };
    assert_eq!(
        err.to_string(),
        "the Secret Service (GNOME Keyring, KWallet) did not answer within 1.5 s while testing \
         the keychain; if a system dialog asked for a password or for permission, answer it and \
         try again"
    );
    let err =
        numdesk_keychain::os::check_entry_size(StoreKind::WindowsCredentialManager, 2561, 2560)
            .unwrap_err();
    assert_eq!(
        err.code(),
        "keychainEntryTooLarge",
        "rule: oversized entries are refused"
    );
    assert!(
        err.to_string().contains("2561 bytes"),
        "rule: the message gives the size: {err}"
    );
    assert!(
        numdesk_keychain::os::check_entry_size(StoreKind::WindowsCredentialManager, 2560, 2560)
            .is_ok(),
        "rule: an entry of exactly the limit fits"
    );
}
