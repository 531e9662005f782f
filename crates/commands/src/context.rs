//! What every command runs against: the store and facts about the running app.

use std::path::{Path, PathBuf};

use numdesk_store::Store;

use crate::{ActiveEndpoint, IpcError};

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "numdesk.sqlite3";

/// Facts only the desktop shell knows, handed in at start-up.
#[derive(Debug, Clone)]
pub struct ShellInfo {
    pub app_name: String,
    pub version: String,
    pub tauri_version: String,
}

/// Shared state of the running app. The shell builds one and `manage()`s it.
#[derive(Debug)]
pub struct AppContext {
    store: Store,
    data_dir: PathBuf,
    shell: ShellInfo,
    endpoint: ActiveEndpoint,
}

impl AppContext {
    /// Opens (or creates) the database in `data_dir`.
    pub fn open(
        data_dir: &Path,
        shell: ShellInfo,
        endpoint: ActiveEndpoint,
    ) -> Result<Self, IpcError> {
        let store = Store::open(&data_dir.join(DATABASE_FILE))?;
        Ok(Self { store, data_dir: data_dir.to_path_buf(), shell, endpoint })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn shell(&self) -> &ShellInfo {
        &self.shell
    }

    pub fn endpoint(&self) -> &ActiveEndpoint {
        &self.endpoint
    }
}

/// `NUMDESK_DATA_DIR`, when set and not empty, replaces the OS app-data directory (tests, support,
/// portable installs).
pub fn data_dir_override() -> Option<PathBuf> {
    std::env::var_os("NUMDESK_DATA_DIR").filter(|v| !v.is_empty()).map(PathBuf::from)
}
