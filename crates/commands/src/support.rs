//! `support_bundle_save`, database statistics, and the credential store wrapper that tells the
//! log redactor about every SecretKey and token the app handles.

use std::path::Path;
use std::sync::Arc;

use numdesk_keychain::{KeychainError, SecretStore, StoreKind, StoredSecret};
use numdesk_store::Store;
use numdesk_support::{BundleInput, Redactor};
use serde::Serialize;
use serde_json::{Value, json};
use ts_rs::TS;

use crate::error_details::ErrorDetails;
use crate::{AppContext, ErrorCode, IpcError};

/// At most this many phone numbers go into `numbers.json` (the newest applications first).
pub const MAX_BUNDLE_NUMBERS: usize = 100_000;

/// What `support_bundle_save` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SupportBundleSaved {
    pub path: String,
    /// Entry names inside the zip, in order.
    pub entries: Vec<String>,
    pub bytes: u64,
}

/// `support_bundle_save`: writes the support bundle (logs, database statistics, versions,
/// settings without secrets; phone numbers only when `include_numbers`) to `path`, a `.zip`
/// file in an existing folder. `log_dir` is where the shell's logs are, if logging runs.
/// Blocking (database and files).
pub fn support_bundle_save(
    ctx: &AppContext,
    path: &Path,
    include_numbers: bool,
    log_dir: Option<&Path>,
) -> Result<SupportBundleSaved, IpcError> {
    let invalid = |message: String| {
        IpcError::new(ErrorCode::InvalidInput, message).with_details(ErrorDetails::field("path"))
    };
    if path.as_os_str().is_empty() || !path.is_absolute() {
        return Err(invalid(format!(
            "choose where to save the support bundle: \"{}\" is not a full path",
            path.display()
        )));
    }
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        return Err(invalid(format!(
            "the support bundle is a zip file: end the name with .zip ({})",
            path.display()
        )));
    }
    if path.is_dir() {
        return Err(invalid(format!("{} is a folder", path.display())));
    }
    let app = serde_json::to_value(crate::app_info(ctx)?).map_err(internal)?;
    let app = json!({
        "app": app,
        "osVersion": numdesk_support::os_version(),
    });
    let mut view = crate::settings_get(ctx)?;
    // Enough of the SecretId to tell which key it is; the whole id stays on this computer.
    view.secret_id = view
        .secret_id
        .as_deref()
        .map(numdesk_client::mask_secret_id);
    let settings = json!({
        "settings": serde_json::to_value(view).map_err(internal)?,
        "preferences": serde_json::to_value(crate::preferences_get(ctx)?).map_err(internal)?,
    });
    let numbers = if include_numbers {
        Some(application_numbers(ctx.store())?)
    } else {
        None
    };
    let input = BundleInput {
        app,
        database: database_statistics(ctx.store())?,
        settings,
        numbers,
        log_dir,
        include_numbers,
    };
    let report = numdesk_support::write_bundle(path, &input, Redactor::global()).map_err(|e| {
        let code = match e {
            numdesk_support::SupportError::InvalidPath(_) => ErrorCode::InvalidInput,
            _ => ErrorCode::Io,
        };
        IpcError::new(
            code,
            format!("the support bundle could not be written: {e}"),
        )
        .with_details(ErrorDetails::field("path"))
    })?;
    tracing::info!(
        entries = report.entries.len(),
        bytes = report.bytes,
        include_numbers,
        "support bundle written"
    );
    Ok(SupportBundleSaved {
        path: report.path.display().to_string(),
        entries: report.entries,
        bytes: report.bytes,
    })
}

/// The store's [statistics](Store::statistics) (rows per table and per state, sizes,
/// `PRAGMA integrity_check`) with the schema and SQLite versions and the files' sizes. Never a
/// row's contents.
pub fn database_statistics(store: &Store) -> Result<Value, IpcError> {
    let mut stats = serde_json::to_value(store.statistics()?).map_err(internal)?;
    stats["schemaVersion"] = json!(store.schema_version()?);
    stats["sqliteVersion"] = json!(numdesk_store::sqlite_version());
    if let Some(path) = store.path() {
        let size = |suffix: &str| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            std::fs::metadata(Path::new(&p)).map(|m| m.len()).ok()
        };
        stats["fileBytes"] = json!({
            "database": size(""),
            "wal": size("-wal"),
            "shm": size("-shm"),
        });
    }
    Ok(stats)
}

/// The numbers of the outbox's applications (for `numbers.json`, only when the user asked).
fn application_numbers(store: &Store) -> Result<Value, IpcError> {
    serde_json::to_value(store.bundle_numbers(MAX_BUNDLE_NUMBERS)?).map_err(internal)
}

fn internal(err: serde_json::Error) -> IpcError {
    IpcError::new(
        ErrorCode::Internal,
        format!("serialising the bundle failed: {err}"),
    )
}

/// Wraps a credential store so every SecretKey and token saved or loaded through it is
/// registered with [`Redactor::global`]: from then on it cannot reach a log line or a bundle.
pub(crate) fn registering(store: Arc<dyn SecretStore>) -> Arc<dyn SecretStore> {
    Arc::new(RegisteringStore { inner: store })
}

#[derive(Debug)]
struct RegisteringStore {
    inner: Arc<dyn SecretStore>,
}

fn register(secret: &StoredSecret) {
    let redactor = Redactor::global();
    redactor.register(secret.secret_key.expose_secret());
    if let Some(token) = &secret.token {
        redactor.register(token.expose_secret());
    }
}

impl SecretStore for RegisteringStore {
    fn save(&self, profile: &str, secret: &StoredSecret) -> Result<(), KeychainError> {
        register(secret);
        self.inner.save(profile, secret)
    }

    fn load(&self, profile: &str) -> Result<Option<StoredSecret>, KeychainError> {
        let loaded = self.inner.load(profile)?;
        if let Some(secret) = &loaded {
            register(secret);
        }
        Ok(loaded)
    }

    fn delete(&self, profile: &str) -> Result<(), KeychainError> {
        self.inner.delete(profile)
    }

    fn kind(&self) -> StoreKind {
        self.inner.kind()
    }
}
