//! `app_info`: version, data directory, database and endpoint, for Settings → About.

use serde::Serialize;
use ts_rs::TS;

use crate::{AppContext, IpcError};

pub use numdesk_model::EndpointKind;

/// The endpoint in use, shown in the header at all times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ActiveEndpoint {
    pub kind: EndpointKind,
    /// English label for logs; the UI translates by `kind`.
    pub label: String,
    pub url: String,
}

impl ActiveEndpoint {
    /// The built-in sandbox listening at `url`.
    pub fn sandbox(url: impl Into<String>) -> Self {
        Self {
            kind: EndpointKind::Sandbox,
            label: "Sandbox — nothing is sent to Tencent".into(),
            url: url.into(),
        }
    }
}

/// What Settings → About shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    pub sqlite_version: String,
    pub tauri_version: String,
    pub os: String,
    pub arch: String,
    pub endpoint: ActiveEndpoint,
}

/// Reads the facts About shows. Touches the database, so a broken store is reported here.
pub fn app_info(ctx: &AppContext) -> Result<AppInfo, IpcError> {
    let schema = ctx.store().schema_version()?;
    let database_path = ctx
        .store()
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| ":memory:".into());
    let shell = ctx.shell();
    Ok(AppInfo {
        name: shell.app_name.clone(),
        version: shell.version.clone(),
        data_dir: ctx.data_dir().display().to_string(),
        database_path,
        sqlite_version: format!("{} (schema {schema})", numdesk_store::sqlite_version()),
        tauri_version: shell.tauri_version.clone(),
        os: std::env::consts::OS.into(),
        arch: std::env::consts::ARCH.into(),
        endpoint: ctx.endpoint(),
    })
}
