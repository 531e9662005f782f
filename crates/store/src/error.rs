use std::path::PathBuf;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot access {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "this database was written by a newer version of Number Desk (schema {found}, this app \
         knows up to {supported}); install the newer version or open another data directory"
    )]
    TooNew { found: u32, supported: u32 },
    #[error("database migration {name} failed, nothing was changed: {source}")]
    Migration {
        name: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot back up the database to {path} before upgrading it: {source}")]
    Backup {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("SQLite refused {pragma} (got {got})")]
    Pragma { pragma: &'static str, got: String },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}
