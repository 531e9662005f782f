//! The store opened on a real file: pragmas, schema, persistence, permissions.

use numdesk_store::{Store, StoreError, latest_version, sqlite_version};

#[test]
fn a_new_file_gets_wal_foreign_keys_and_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nested/numdesk.sqlite3")).unwrap();
    assert_eq!(
        store.journal_mode().unwrap(),
        "wal",
        "rule: the store runs in WAL mode"
    );
    assert!(
        store.foreign_keys().unwrap(),
        "rule: foreign keys are enforced"
    );
    assert_eq!(store.schema_version().unwrap(), latest_version());
}

#[test]
fn preferences_survive_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numdesk.sqlite3");
    {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.preference("language").unwrap(), None);
        store.set_preference("language", "en").unwrap();
        store.set_preference("language", "zh-CN").unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.preference("language").unwrap().as_deref(),
        Some("zh-CN")
    );
}

#[test]
fn a_database_from_a_newer_app_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numdesk.sqlite3");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", latest_version() + 5)
        .unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { .. }), "got {err}");
    assert!(
        err.to_string().contains("install the newer version"),
        "message says what to do"
    );
}

#[test]
fn sqlite_is_the_bundled_library() {
    // The library running is the one whose header the crate was compiled against (a system
    // libsqlite3 picked up at link or load time would report its own version), and it is the
    // amalgamation libsqlite3-sys bundles: compiled with foreign keys on by default.
    let header = rusqlite::ffi::SQLITE_VERSION.to_str().unwrap();
    assert_eq!(sqlite_version(), header, "runtime library = bundled header");
    let dir = tempfile::tempdir().unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("plain.sqlite3")).unwrap();
    let options: Vec<String> = conn
        .prepare("PRAGMA compile_options")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        options.iter().any(|o| o == "DEFAULT_FOREIGN_KEYS"),
        "the bundled build's flags (libsqlite3-sys sets -DSQLITE_DEFAULT_FOREIGN_KEYS=1): {options:?}"
    );
    let version: Vec<u32> = header.split('.').map(|p| p.parse().unwrap()).collect();
    assert!(
        version >= vec![3, 46],
        "the bundled release line (libsqlite3-sys 0.38 bundles 3.53), not an old system one: {header}"
    );
}

#[cfg(unix)]
#[test]
fn database_file_and_directory_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = data.join("numdesk.sqlite3");
    // The app's own data directory is made private by the app (Store::open leaves the folders
    // of a path alone: it may be one the user chose).
    numdesk_store::private_app_dir(&data).unwrap();
    drop(Store::open(&path).unwrap());
    let file_mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    let dir_mode = std::fs::metadata(&data).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        file_mode, 0o600,
        "rule: the database is readable by its owner only"
    );
    assert_eq!(dir_mode, 0o700, "rule: the data directory is private");
}

#[test]
fn in_memory_store_has_the_same_schema() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    store.set_preference("k", "v").unwrap();
    assert_eq!(store.preference("k").unwrap().as_deref(), Some("v"));
}

/// Two processes open a new database at once. The one that loses the race for the write lock
/// must read `user_version` only once it holds the lock, and then find nothing left to do;
/// reading it before (as 0) made it apply every migration a second time and fail.
#[test]
fn migrations_read_the_version_under_the_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numdesk.sqlite3");
    let mut other = rusqlite::Connection::open(&path).unwrap();
    other
        .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
        .unwrap();
    let tx = other
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let opener = {
        let path = path.clone();
        std::thread::spawn(move || Store::open(&path).map(|s| s.schema_version().unwrap()))
    };
    // The opener is now waiting (busy timeout) while the other process migrates.
    std::thread::sleep(std::time::Duration::from_millis(400));
    for m in numdesk_store::MIGRATIONS {
        tx.execute_batch(m.sql).unwrap();
        if let Some(step) = m.then {
            step(&tx).unwrap();
        }
    }
    tx.pragma_update(None, "user_version", latest_version())
        .unwrap();
    tx.commit().unwrap();
    let opened = opener.join().unwrap();
    assert_eq!(
        opened.ok(),
        Some(latest_version()),
        "rule: migrations take the write lock before reading user_version"
    );
}
