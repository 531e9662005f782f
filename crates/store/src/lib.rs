//! Number Desk's one store: a single SQLite file in the OS app-data directory.
//!
//! Every connection runs in WAL mode with foreign keys on and a busy timeout. The schema is a list
//! of ordered SQL migrations applied in one transaction, guarded by `PRAGMA user_version` so an
//! older app refuses a database written by a newer one. Secrets never go in here.
//!
//! Besides preferences the store keeps connection [profiles](Profile), [drafts](Draft) with their
//! rows and findings, and the outbox of [applications](ApplicationSummary): one row per
//! `CreateOwnNumberApply` call with its numbers, state and attempts log. The writes that guard
//! sending (`queued → sending` before a request leaves, the answer after) are committed with
//! `synchronous=FULL`, so not even a power cut can lose them; everything else runs with `NORMAL`.

mod applications;
mod diagnostics;
mod drafts;
mod error;
mod listing;
mod migrate;
mod overview;
mod preferences;
mod profiles;
mod types;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use applications::{
    ApplicationFilter, ApplicationNumber, ApplicationPage, ApplicationQuery, ApplicationRow,
    ApplicationSort, ApplicationState, ApplicationStatus, ApplicationSummary, AttemptEntry,
    AttemptInput, ConnectionKind, DEFAULT_APPLICATION_PAGE, DuplicateNumber, EnqueueOutcome,
    HeldNumber, INTERRUPTED_NOTE, LiveMarks, MAX_APPLICATION_PAGE, ModifyOutcome, ModifyState,
    ModifyTarget, NOT_CREATED_NOTE, NewSubmission, Outcome, QueuedApplication, RESEND_NOTE,
    RESOLVED_NOTE, Recovered, StatusCount, SubmissionNumber,
};
pub use diagnostics::{BundleNumber, DatabaseStatistics};
pub use drafts::{Draft, DraftHeader, DraftRow, DraftSummary, RowFinding, Severity};
pub use error::StoreError;
pub use listing::{ListedNumber, LiveNumber};
pub use migrate::{MIGRATIONS, Migration, latest_version};
pub use overview::{OverviewApplication, OverviewGroup, OverviewQuery, StatusTally, StoreOverview};
pub use profiles::{Profile, ProfileInput};
pub use types::{ApplyOptions, EndpointKind, EndpointScope, NumberDetail};

/// How long a statement waits for a lock held by another connection before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The version of the SQLite library compiled into the app (bundled, so the same everywhere).
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}

/// The application database.
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, then brings its schema up to date.
    ///
    /// The parent directory is created if missing but its permissions are left alone: it may be
    /// a folder the user chose (`--db ~/x.sqlite3` must not make `$HOME` private). On Unix the
    /// file is made 0600: the database holds phone numbers that are nobody else's business.
    /// The app's own data directory is made private by [`private_app_dir`].
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let mut conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        restrict_permissions(path, 0o600)?;
        configure(&conn, true)?;
        migrate::migrate(&mut conn, MIGRATIONS, Some(path))?;
        Ok(Self {
            conn: Mutex::new(conn),
            path: Some(path.to_path_buf()),
        })
    }

    /// A private in-memory database with the full schema, for tests.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let mut conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: PathBuf::from(":memory:"),
            source,
        })?;
        configure(&conn, false)?;
        migrate::migrate(&mut conn, MIGRATIONS, None)?;
        Ok(Self {
            conn: Mutex::new(conn),
            path: None,
        })
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version recorded in the file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.with_conn(|c| Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?))
    }

    /// The journal mode in force (`wal` for files, `memory` for in-memory stores).
    pub fn journal_mode(&self) -> Result<String, StoreError> {
        self.with_conn(|c| Ok(c.pragma_query_value(None, "journal_mode", |r| r.get(0))?))
    }

    /// Whether foreign-key constraints are enforced on this connection.
    pub fn foreign_keys(&self) -> Result<bool, StoreError> {
        self.with_conn(|c| Ok(c.pragma_query_value(None, "foreign_keys", |r| r.get(0))?))
    }

    /// Runs `f` with the connection. Blocking: call it off the UI thread.
    pub(crate) fn with_conn<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.lock();
        f(&mut conn)
    }

    /// [`with_conn`](Self::with_conn) for tests that must act on the store's own connection (a
    /// TEMP trigger that makes writes fail); behind the `test-hooks` feature, which only
    /// dev-dependencies enable. Everything else goes through the store's methods.
    #[cfg(feature = "test-hooks")]
    #[doc(hidden)]
    pub fn with_conn_for_tests<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.with_conn(f)
    }

    /// Runs `f` in one IMMEDIATE transaction (committed if `f` succeeds, rolled back otherwise).
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Like [`write`](Self::write), but the commit is flushed to stable storage
    /// (`synchronous=FULL`) before this returns: for the outbox writes that guard sending.
    pub(crate) fn write_durably<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.lock();
        conn.pragma_update(None, "synchronous", "FULL")?;
        let result = (|| -> Result<T, StoreError> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        let restored = conn.pragma_update(None, "synchronous", "NORMAL");
        let value = result?;
        restored?;
        Ok(value)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite itself consistent (every write is in a
        // transaction that rolls back on drop), so a poisoned mutex is safe to keep using.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn configure(conn: &Connection, file: bool) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if file {
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Pragma {
                pragma: "journal_mode=WAL",
                got: mode,
            });
        }
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    for (pragma, value) in flush_pragmas(cfg!(target_vendor = "apple")) {
        conn.pragma_update(None, pragma, value)?;
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    let fk: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    if !fk {
        return Err(StoreError::Pragma {
            pragma: "foreign_keys=ON",
            got: "0".into(),
        });
    }
    Ok(())
}

/// Creates the app's own data directory `dir` if needed and makes it user-only (0700 on Unix).
/// Only for the directory the app owns, never for a folder the user chose.
pub fn private_app_dir(dir: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    restrict_permissions(dir, 0o700)
}

/// Pragmas that make a commit reach the disk itself, for the target: on Apple systems `fsync`
/// only hands the data to the drive, whose cache a power cut empties, so `synchronous=FULL`
/// needs `fullfsync` (and `checkpoint_fullfsync` for WAL checkpoints) to mean F_FULLFSYNC.
/// Elsewhere `fsync` already flushes the drive and these pragmas do nothing.
fn flush_pragmas(apple: bool) -> &'static [(&'static str, &'static str)] {
    if apple {
        &[("fullfsync", "ON"), ("checkpoint_fullfsync", "ON")]
    } else {
        &[]
    }
}

#[cfg(unix)]
fn restrict_permissions(path: &Path, mode: u32) -> Result<(), StoreError> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(|source| {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    })
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path, _mode: u32) -> Result<(), StoreError> {
    // On Windows the per-user app-data directory is already private to the user.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synchronous(c: &Connection) -> i64 {
        c.pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap()
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_the_user_chose_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let home = tempfile::tempdir().unwrap();
        std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let db = home.path().join("x.sqlite3");
        drop(Store::open(&db).unwrap());
        assert_eq!(
            mode(home.path()),
            0o755,
            "rule: never chmod a folder the user chose (--db ~/x.sqlite3)"
        );
        assert_eq!(mode(&db), 0o600, "the database file itself is private");
        let app = home.path().join("app-data").join("com.example");
        private_app_dir(&app).unwrap();
        assert_eq!(
            mode(&app),
            0o700,
            "rule: the app's own data directory is private"
        );
        assert_eq!(mode(home.path()), 0o755, "and only that directory");
    }

    #[test]
    fn apple_builds_flush_the_drive_cache_with_fullfsync() {
        assert_eq!(
            flush_pragmas(true),
            [("fullfsync", "ON"), ("checkpoint_fullfsync", "ON")],
            "rule: on macOS a commit must use F_FULLFSYNC, or a power cut loses it"
        );
        assert!(
            flush_pragmas(false).is_empty(),
            "elsewhere fsync flushes the drive already"
        );
        // SQLite accepts them on every platform: applied as an Apple build would, they read back.
        let conn = Connection::open_in_memory().unwrap();
        for (pragma, value) in flush_pragmas(true) {
            conn.pragma_update(None, pragma, value).unwrap();
            let on: i64 = conn.pragma_query_value(None, pragma, |r| r.get(0)).unwrap();
            assert_eq!(on, 1, "{pragma} is on");
        }
        // And the store opened on this target has them exactly when it is an Apple target.
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let want = i64::from(cfg!(target_vendor = "apple"));
        for pragma in ["fullfsync", "checkpoint_fullfsync"] {
            let got: i64 = store
                .with_conn(|c| Ok(c.pragma_query_value(None, pragma, |r| r.get(0))?))
                .unwrap();
            assert_eq!(
                got, want,
                "rule: {pragma} follows the target (apple: {want})"
            );
        }
    }

    #[test]
    fn guarding_writes_commit_with_synchronous_full_and_others_with_normal() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let inside = store.write_durably(|tx| Ok(synchronous(tx))).unwrap();
        assert_eq!(
            inside, 2,
            "rule: outbox writes that guard sending use synchronous=FULL"
        );
        let after = store.with_conn(|c| Ok(synchronous(c))).unwrap();
        assert_eq!(after, 1, "NORMAL again for everything else");
        let failed: Result<(), StoreError> =
            store.write_durably(|_| Err(StoreError::Corrupt("test".into())));
        assert!(failed.is_err());
        assert_eq!(
            store.with_conn(|c| Ok(synchronous(c))).unwrap(),
            1,
            "restored after an error"
        );
    }
}
