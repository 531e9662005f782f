use std::path::PathBuf;

/// Everything that can go wrong while logging or writing a support bundle.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SupportError {
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The zip archive could not be written.
    #[error("writing the support bundle failed: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// A bundle entry could not be serialised.
    #[error("serialising {entry} failed: {source}")]
    Json {
        entry: String,
        #[source]
        source: serde_json::Error,
    },
    /// Another global `tracing` subscriber was installed first.
    #[error("logging is already set up in this process: {0}")]
    AlreadyInitialised(String),
    /// The `NUMDESK_LOG` filter could not be parsed.
    #[error("NUMDESK_LOG is not a valid log filter ({0}); example: info,numdesk_client=debug")]
    Filter(String),
    /// The bundle path is unusable.
    #[error("{0}")]
    InvalidPath(String),
}

impl SupportError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}
