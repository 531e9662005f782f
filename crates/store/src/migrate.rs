//! Ordered SQL migrations, applied in one transaction with a `user_version` guard.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// One schema step. The position in [`MIGRATIONS`] (1-based) is the schema version it produces.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
    /// A step in Rust after the SQL, in the same transaction (for values SQL cannot compute).
    pub then: Option<fn(&rusqlite::Transaction<'_>) -> rusqlite::Result<()>>,
}

/// Every migration, oldest first. Never edit or reorder a released entry: append a new one.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "0001_preferences",
        sql: include_str!("../migrations/0001_preferences.sql"),
        then: None,
    },
    Migration {
        name: "0002_outbox",
        sql: include_str!("../migrations/0002_outbox.sql"),
        then: None,
    },
    Migration {
        name: "0003_number_keys",
        sql: include_str!("../migrations/0003_number_keys.sql"),
        then: Some(crate::applications::backfill_number_keys),
    },
    Migration {
        name: "0004_live_numbers",
        sql: include_str!("../migrations/0004_live_numbers.sql"),
        then: None,
    },
    Migration {
        name: "0005_draft_columns",
        sql: include_str!("../migrations/0005_draft_columns.sql"),
        then: None,
    },
    Migration {
        name: "0006_error_kind",
        sql: include_str!("../migrations/0006_error_kind.sql"),
        then: None,
    },
];

/// The schema version this build of the app writes.
pub fn latest_version() -> u32 {
    version_of(MIGRATIONS)
}

fn version_of(migrations: &[Migration]) -> u32 {
    u32::try_from(migrations.len()).unwrap_or(u32::MAX)
}

/// Brings `conn` up to the last of `migrations`.
///
/// All pending steps and the new `user_version` commit together or not at all. Before an existing
/// database (version > 0) is changed, a consistent copy is written beside it
/// (`<file>.v<N>.bak`), so an upgrade can always be undone by hand.
pub(crate) fn migrate(
    conn: &mut Connection,
    migrations: &[Migration],
    path: Option<&Path>,
) -> Result<(), StoreError> {
    let latest = version_of(migrations);
    // The version is read only while holding the write lock (BEGIN IMMEDIATE): two processes
    // opening an old database at once must not both decide to migrate it. The backup cannot
    // be taken inside a transaction, so after it the lock is taken again and the version read
    // again: whatever another process did meanwhile is what counts.
    let mut backed_up = false;
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current > latest {
            return Err(StoreError::TooNew {
                found: current,
                supported: latest,
            });
        }
        if current == latest {
            tx.commit()?;
            return Ok(());
        }
        if let (Some(path), true, false) = (path, current > 0, backed_up) {
            tx.rollback()?;
            backup(conn, path, current)?;
            backed_up = true;
            continue;
        }
        for migration in migrations.iter().skip(current as usize) {
            tx.execute_batch(migration.sql)
                .map_err(|source| StoreError::Migration {
                    name: migration.name,
                    source,
                })?;
            if let Some(step) = migration.then {
                step(&tx).map_err(|source| StoreError::Migration {
                    name: migration.name,
                    source,
                })?;
            }
        }
        tx.pragma_update(None, "user_version", latest)?;
        tx.commit()?;
        return Ok(());
    }
}

fn backup(conn: &Connection, path: &Path, version: u32) -> Result<PathBuf, StoreError> {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".v{version}.bak"));
    let target = path.with_file_name(name);
    if target.exists() {
        std::fs::remove_file(&target).map_err(|source| StoreError::Io {
            path: target.clone(),
            source,
        })?;
    }
    let target_str = target.to_string_lossy().into_owned();
    conn.execute("VACUUM INTO ?1", [&target_str])
        .map_err(|source| StoreError::Backup {
            path: target.clone(),
            source,
        })?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &[Migration] = &[
        Migration {
            name: "a",
            sql: "CREATE TABLE a (x INTEGER) STRICT;",
            then: None,
        },
        Migration {
            name: "b",
            sql: "CREATE TABLE b (y INTEGER) STRICT;",
            then: None,
        },
    ];

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn a_failing_step_leaves_schema_and_version_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        let broken = &[
            TWO[0],
            Migration {
                name: "broken",
                sql: "CREATE TABLE oops (",
                then: None,
            },
        ];
        let err = migrate(&mut conn, broken, None).unwrap_err();
        assert!(
            matches!(err, StoreError::Migration { name: "broken", .. }),
            "the failing migration must be named: {err}"
        );
        assert!(
            tables(&conn).is_empty(),
            "rule: migrations apply in one transaction"
        );
        let v: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(
            v, 0,
            "rule: user_version moves only with a committed migration"
        );
    }

    #[test]
    fn upgrade_applies_only_pending_steps_and_backs_up_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, &TWO[..1], Some(&path)).unwrap();
        conn.execute("INSERT INTO a VALUES (42)", []).unwrap();
        migrate(&mut conn, TWO, Some(&path)).unwrap();
        assert_eq!(tables(&conn), ["a", "b"]);

        let backup = dir.path().join("db.sqlite.v1.bak");
        let old = Connection::open(&backup).expect("rule: a copy is taken before any migration");
        let kept: i64 = old.query_row("SELECT x FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!(
            kept, 42,
            "the backup holds the data as it was before the upgrade"
        );
        let v: u32 = old
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1, "the backup is the pre-upgrade schema");
    }

    #[test]
    fn a_fresh_database_is_not_backed_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, TWO, Some(&path)).unwrap();
        let entries: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".bak"))
            .collect();
        assert!(
            entries.is_empty(),
            "nothing to back up in an empty file: {entries:?}"
        );
    }

    #[test]
    fn a_newer_database_is_refused_without_changes() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 7).unwrap();
        let err = migrate(&mut conn, TWO, None).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::TooNew {
                    found: 7,
                    supported: 2
                }
            ),
            "rule: an older app refuses a newer database: {err}"
        );
        assert!(err.to_string().contains("newer version of Number Desk"));
        assert!(tables(&conn).is_empty());
    }
}
