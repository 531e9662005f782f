//! The behaviour every `SecretStore` must have, run against the memory store in the normal suite
//! and against a real Secret Service by `make test-keychain`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns
#![allow(dead_code)] // each test crate uses a part

use std::time::Duration;

use numdesk_keychain::{
    KeychainError, OpenOptions, OpenedStore, OsKeychain, SecretStore, StoreKind, StoredSecret,
    open_best_with,
};

pub const KEY_A: &str = "q7Zr9WkX2mPb4Lt8Vn3Yc6Hd1Jf5Gs0R";
pub const KEY_B: &str = "Tz4Nw8Qe2Ry6Ui1Op5As9Df3Gh7Jk0Lx";
pub const TOKEN: &str = "tkn0Bq9Cv8Xz7Mn6Lk5Jh4Gf3Ds2Ap1Wo/+=_-";

/// A keychain service name of this test process, so runs never collide.
pub fn service(suffix: &str) -> String {
    format!("com.numberdesk.test.{}.{suffix}", std::process::id())
}

/// The OS keychain under [`service`]`(suffix)`, with a generous timeout for slow CI keychains.
pub fn keychain(suffix: &str) -> OsKeychain {
    OsKeychain::with_service(service(suffix))
        .unwrap()
        .with_timeout(Duration::from_secs(60))
}

/// What the app's start-up would open, for [`service`]`(suffix)`.
pub fn open_best(suffix: &str) -> (OpenOptions, OpenedStore) {
    let options = OpenOptions {
        service: service(suffix),
        probe_timeout: Duration::from_secs(60),
        ..OpenOptions::default()
    };
    let opened = open_best_with(&options);
    (options, opened)
}

/// Saves a secret through one store object, drops it, and reads it back through a new one: the
/// entry lives in the keychain, not in the object. Returns the second object (the entry is
/// still there, as `profile-1`, for the caller to inspect and delete).
pub fn saved_entry_outlives_the_store(suffix: &str) -> OsKeychain {
    let first = keychain(suffix);
    first
        .save("profile-1", &StoredSecret::new(KEY_A).with_token(TOKEN))
        .unwrap();
    drop(first);
    let second = keychain(suffix);
    let loaded = second
        .load("profile-1")
        .unwrap()
        .expect("rule: entries are in the keychain, not in the store object");
    assert!(loaded.same_as(&StoredSecret::new(KEY_A).with_token(TOKEN)));
    second
}

/// Runs the whole contract on `store`, using profile ids that start with `prefix` (so runs against
/// a shared keychain never collide), and removes what it wrote.
pub fn store_contract(store: &dyn SecretStore, prefix: &str, kind: StoreKind) {
    let p1 = format!("{prefix}-1");
    let p2 = format!("{prefix}-2");
    assert_eq!(
        store.kind(),
        kind,
        "rule: a store reports where it keeps secrets"
    );

    assert!(
        store.load(&p1).unwrap().is_none(),
        "rule: a profile without a stored secret loads as None, not an error"
    );

    store.save(&p1, &StoredSecret::new(KEY_A)).unwrap();
    let loaded = store
        .load(&p1)
        .unwrap()
        .expect("rule: a saved secret loads back");
    assert_eq!(
        loaded.secret_key.expose_secret(),
        KEY_A,
        "rule: round trip keeps the key"
    );
    assert!(
        loaded.token.is_none(),
        "rule: a permanent key loads without a token"
    );

    store
        .save(&p1, &StoredSecret::new(KEY_B).with_token(TOKEN))
        .unwrap();
    let loaded = store
        .load(&p1)
        .unwrap()
        .expect("rule: an overwritten secret loads");
    assert_eq!(
        loaded.secret_key.expose_secret(),
        KEY_B,
        "rule: save overwrites the key"
    );
    assert_eq!(
        loaded.token.as_ref().map(|t| t.expose_secret()),
        Some(TOKEN),
        "rule: the session token is stored with the key"
    );

    store.save(&p1, &StoredSecret::new(KEY_A)).unwrap();
    let loaded = store.load(&p1).unwrap().expect("saved");
    assert!(
        loaded.token.is_none(),
        "rule: saving a permanent key over temporary credentials removes the old token"
    );

    assert!(
        store.load(&p2).unwrap().is_none(),
        "rule: profiles are separate: saving p1 stores nothing for p2"
    );
    store.save(&p2, &StoredSecret::new(KEY_B)).unwrap();
    assert_eq!(
        store
            .load(&p1)
            .unwrap()
            .expect("p1")
            .secret_key
            .expose_secret(),
        KEY_A,
        "rule: saving p2 leaves p1 alone"
    );

    let bad = StoredSecret::new(format!("{KEY_B} "));
    let err = store.save(&p1, &bad).unwrap_err();
    assert_eq!(
        err.code(),
        "whitespaceInCredential",
        "rule: an unusable secret is never saved"
    );
    assert_eq!(
        store
            .load(&p1)
            .unwrap()
            .expect("p1")
            .secret_key
            .expose_secret(),
        KEY_A,
        "rule: a rejected save leaves the stored secret as it was"
    );

    store.delete(&p1).unwrap();
    assert!(
        store.load(&p1).unwrap().is_none(),
        "rule: delete removes the secret"
    );
    store
        .delete(&p1)
        .expect("rule: deleting what is not there is not an error");
    assert!(
        store.load(&p2).unwrap().is_some(),
        "rule: delete of p1 leaves p2 alone"
    );
    store.delete(&p2).unwrap();
    assert!(store.load(&p2).unwrap().is_none());

    for profile in [
        "",
        " padded",
        "a\nb",
        "numdesk-keychain-probe",
        &"x".repeat(129),
    ] {
        for result in [
            store.save(profile, &StoredSecret::new(KEY_A)).map(|_| ()),
            store.load(profile).map(|_| ()),
            store.delete(profile),
        ] {
            assert!(
                matches!(result, Err(KeychainError::InvalidProfile { .. })),
                "rule: profile id {profile:?} is rejected before the keychain is touched: \
                 {result:?}"
            );
        }
    }
}
