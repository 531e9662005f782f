//! The import template (XLSX or CSV, English or Chinese headers), saved where the user chose, and
//! the one way this crate writes a file for the user: readable by the user only.

use std::io::Write;
use std::path::Path;

use numdesk_import::{template_csv, template_xlsx};
use serde::Deserialize;
use ts_rs::TS;

use crate::error_details::ErrorDetails;
use crate::import::{import_error, lang_or_saved};
use crate::{AppContext, ErrorCode, IpcError, Language};

/// File format of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TemplateFormat {
    Xlsx,
    Csv,
}

/// Writes `bytes` to `path`, replacing it, with permissions for the user only (0600 on Unix):
/// exports hold the user's numbers. `path` must name a file in an existing folder.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<(), IpcError> {
    let fail = |e: std::io::Error| {
        IpcError::new(
            ErrorCode::Io,
            format!("cannot write {}: {e}", path.display()),
        )
        .with_details(ErrorDetails::field("path"))
    };
    if path.as_os_str().is_empty() {
        return Err(
            IpcError::new(ErrorCode::InvalidInput, "choose where to save the file")
                .with_details(ErrorDetails::field("path")),
        );
    }
    if path.is_dir() {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            format!(
                "{} is a folder; choose a file name inside it",
                path.display()
            ),
        )
        .with_details(ErrorDetails::field("path")));
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(fail)?;
    // A file that existed before keeps its mode through `open`: narrow it too.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(fail)?;
    }
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)
}

/// `template_save`: writes the import template as `format` to `path`, headers in `lang` (by
/// default the language the UI is in). Returns the number of bytes written.
pub fn template_save(
    ctx: &AppContext,
    path: &Path,
    format: TemplateFormat,
    lang: Option<Language>,
) -> Result<u64, IpcError> {
    let lang = lang_or_saved(ctx, lang)?;
    let bytes = match format {
        TemplateFormat::Xlsx => template_xlsx(lang).map_err(|e| import_error(&e, lang))?,
        TemplateFormat::Csv => template_csv(lang),
    };
    write_private(path, &bytes)?;
    Ok(bytes.len() as u64)
}
