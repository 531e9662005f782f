//! The session-only store: the fallback when no OS keychain works, and the store of tests.

mod common;

use std::sync::Arc;
use std::thread;

use common::{KEY_A, KEY_B, TOKEN, store_contract};
use numdesk_keychain::{MemoryStore, SecretStore, StoreKind, StoredSecret};

#[test]
fn memory_store_meets_the_store_contract() {
    let store = MemoryStore::new();
    store_contract(&store, "memory", StoreKind::SessionOnly);
    assert!(
        store.is_empty(),
        "rule: the contract cleans up after itself"
    );
}

#[test]
fn boxed_and_shared_stores_behave_like_the_store() {
    let boxed: Box<dyn SecretStore> = Box::new(MemoryStore::new());
    store_contract(&boxed, "boxed", StoreKind::SessionOnly);
    let shared: Arc<dyn SecretStore> = Arc::new(MemoryStore::new());
    store_contract(&shared, "shared", StoreKind::SessionOnly);
}

#[test]
fn memory_store_is_shared_safely_between_threads() {
    let store = Arc::new(MemoryStore::new());
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let store = Arc::clone(&store);
            thread::spawn(move || {
                let profile = format!("p{i}");
                let key = if i % 2 == 0 { KEY_A } else { KEY_B };
                store
                    .save(&profile, &StoredSecret::new(key).with_token(TOKEN))
                    .unwrap();
                store
                    .load(&profile)
                    .unwrap()
                    .expect("just saved")
                    .secret_key
                    .expose_secret()
                    == key
            })
        })
        .collect();
    for handle in handles {
        assert!(
            handle.join().unwrap(),
            "rule: each profile reads back its own secret"
        );
    }
    assert_eq!(
        store.len(),
        8,
        "rule: concurrent saves of different profiles all land"
    );
}

#[test]
fn loaded_secret_is_a_copy_not_a_view() {
    let store = MemoryStore::new();
    store.save("p", &StoredSecret::new(KEY_A)).unwrap();
    let first = store.load("p").unwrap().expect("saved");
    store.save("p", &StoredSecret::new(KEY_B)).unwrap();
    assert_eq!(
        first.secret_key.expose_secret(),
        KEY_A,
        "rule: a loaded secret does not change when the store is updated later"
    );
    assert!(
        store
            .load("p")
            .unwrap()
            .expect("saved")
            .same_as(&StoredSecret::new(KEY_B)),
        "rule: the store holds the latest save"
    );
}
