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
    #[error("invalid {field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: i64 },
    #[error("application {id} is {state}; {expected}")]
    WrongState {
        id: i64,
        state: String,
        expected: &'static str,
    },
    #[error("ApplyId {apply_id} already belongs to application {application_id}")]
    ApplyIdInUse { apply_id: u64, application_id: i64 },
    #[error("{}", numbers_in_use(.0))]
    NumbersInUse(Vec<crate::DuplicateNumber>),
    #[error("the database holds a value this app cannot read: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

fn numbers_in_use(list: &[crate::DuplicateNumber]) -> String {
    let shown: Vec<String> = list
        .iter()
        .take(5)
        .map(|d| match (d.application_id, d.state) {
            (Some(id), Some(state)) => format!("{} (application {id}, {state})", d.phone_number),
            _ => d.phone_number.clone(),
        })
        .collect();
    let more = list.len().saturating_sub(shown.len());
    format!(
        "{} number(s) already belong to another application: {}{}",
        list.len(),
        shown.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    )
}

impl From<numdesk_model::InvalidEndpointKind> for StoreError {
    /// A stored endpoint kind this version does not know.
    fn from(e: numdesk_model::InvalidEndpointKind) -> Self {
        Self::Corrupt(e.to_string())
    }
}
