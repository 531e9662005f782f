//! The support bundle: one zip an admin can send to whoever helps them.
//!
//! Entries:
//! - `README.txt` — what is inside and whether phone numbers are included;
//! - `app.json` — app, OS, SQLite and Tauri versions;
//! - `database.json` — database statistics (no row contents);
//! - `settings.json` — settings without secrets;
//! - `numbers.json` — only when the user ticked "include phone numbers";
//! - `logs/numdesk.YYYY-MM-DD.log` — the log files (the last [`MAX_LOG_BYTES`] of each),
//!   redacted again and, unless numbers were asked for, with phone numbers masked.
//!
//! Every text entry passes the [`Redactor`] on its way in. The zip is written next to its target
//! under a temporary name, user-only (0600 on Unix), and renamed into place when complete.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use crate::logging::log_files;
use crate::perms::private_open_options;
use crate::{Redactor, SupportError, mask_phone_numbers};

/// At most this much of each log file (its end) goes into a bundle.
pub const MAX_LOG_BYTES: u64 = 8 * 1024 * 1024;

/// What goes into a bundle; the caller gathers it.
#[derive(Debug)]
pub struct BundleInput<'a> {
    /// App, OS, SQLite and Tauri versions.
    pub app: serde_json::Value,
    /// Database statistics.
    pub database: serde_json::Value,
    /// Settings, without secrets.
    pub settings: serde_json::Value,
    /// The phone numbers the app holds; written only when `include_numbers`.
    pub numbers: Option<serde_json::Value>,
    /// The log directory, if logging is on.
    pub log_dir: Option<&'a Path>,
    /// The user ticked "include phone numbers".
    pub include_numbers: bool,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleReport {
    pub path: PathBuf,
    /// Entry names, in the order written.
    pub entries: Vec<String>,
    /// Size of the zip file.
    pub bytes: u64,
}

/// Writes the bundle to `path` (replacing a file there). `redactor` scrubs every entry.
pub fn write_bundle(
    path: &Path,
    input: &BundleInput<'_>,
    redactor: &Redactor,
) -> Result<BundleReport, SupportError> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Err(SupportError::InvalidPath(format!(
            "{} does not name a file",
            path.display()
        )));
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(SupportError::InvalidPath(format!(
            "the folder {} does not exist",
            dir.display()
        )));
    }
    let partial = dir.join(format!(".{name}.partial"));
    let result = write_to(&partial, input, redactor);
    let entries = match result {
        Ok(entries) => entries,
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            return Err(err);
        }
    };
    std::fs::rename(&partial, path).map_err(|e| SupportError::io(path, e))?;
    let bytes = std::fs::metadata(path)
        .map_err(|e| SupportError::io(path, e))?
        .len();
    Ok(BundleReport {
        path: path.to_path_buf(),
        entries,
        bytes,
    })
}

fn write_to(
    partial: &Path,
    input: &BundleInput<'_>,
    redactor: &Redactor,
) -> Result<Vec<String>, SupportError> {
    let file = private_open_options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(partial)
        .map_err(|e| SupportError::io(partial, e))?;
    crate::perms::restrict_to_user(partial, false)?;
    let mut zip = zip::ZipWriter::new(file);
    let mut options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o600);
    // Entries carry the time the bundle was written (UTC), not the zip format's 1980 default.
    let now = time::OffsetDateTime::now_utc();
    if let Ok(stamp) = zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
    ) {
        options = options.last_modified_time(stamp);
    }
    let mut entries = Vec::new();
    let mut add = |zip: &mut zip::ZipWriter<std::fs::File>,
                   name: &str,
                   text: &str|
     -> Result<(), SupportError> {
        let clean = redactor.redact(text);
        zip.start_file(name, options)?;
        zip.write_all(clean.as_bytes())
            .map_err(|e| SupportError::io(partial, e))?;
        entries.push(name.to_owned());
        Ok(())
    };

    add(&mut zip, "README.txt", &readme(input))?;
    add(&mut zip, "app.json", &pretty("app.json", &input.app)?)?;
    add(
        &mut zip,
        "database.json",
        &pretty("database.json", &input.database)?,
    )?;
    add(
        &mut zip,
        "settings.json",
        &pretty("settings.json", &input.settings)?,
    )?;
    if input.include_numbers
        && let Some(numbers) = &input.numbers
    {
        add(&mut zip, "numbers.json", &pretty("numbers.json", numbers)?)?;
    }
    if let Some(dir) = input.log_dir {
        for log in log_files(dir)? {
            let text = read_tail(&log, MAX_LOG_BYTES)?;
            let text = if input.include_numbers {
                std::borrow::Cow::Borrowed(text.as_str())
            } else {
                mask_phone_numbers(&text)
            };
            let name = log
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            add(&mut zip, &format!("logs/{name}"), &text)?;
        }
    }
    let file = zip.finish()?;
    file.sync_all().map_err(|e| SupportError::io(partial, e))?;
    Ok(entries)
}

fn pretty(entry: &str, value: &serde_json::Value) -> Result<String, SupportError> {
    serde_json::to_string_pretty(value).map_err(|source| SupportError::Json {
        entry: entry.into(),
        source,
    })
}

/// The last `max` bytes of `path` (from the start of a line), as text.
fn read_tail(path: &Path, max: u64) -> Result<String, SupportError> {
    let mut file = std::fs::File::open(path).map_err(|e| SupportError::io(path, e))?;
    let len = file
        .metadata()
        .map_err(|e| SupportError::io(path, e))?
        .len();
    let start = len.saturating_sub(max);
    file.seek(SeekFrom::Start(start))
        .map_err(|e| SupportError::io(path, e))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| SupportError::io(path, e))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if start > 0 {
        // Drop the partial first line.
        return Ok(match text.find('\n') {
            Some(i) => text[i + 1..].to_owned(),
            None => String::new(),
        });
    }
    Ok(text)
}

fn readme(input: &BundleInput<'_>) -> String {
    let numbers = if input.include_numbers {
        "Phone numbers ARE included (numbers.json and the logs), because the user asked for them."
    } else {
        "Phone numbers are NOT included: digits of phone numbers in the logs are masked \
         (+86*********78)."
    };
    let logs = if input.log_dir.is_some() {
        "logs/      the daily log files (JSON lines), newest last"
    } else {
        "logs/      (none: logging was not running)"
    };
    let written = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    format!(
        "Number Desk support bundle\n\
         ==========================\n\
         Written at {written}\n\n\
         app.json       app, OS, SQLite and Tauri versions\n\
         database.json  database statistics: rows per table and state, schema version, sizes,\n\
         \x20              integrity check (no row contents)\n\
         settings.json  settings; SecretKey and token are never included\n\
         {logs}\n\n\
         {numbers}\n\
         SecretKeys, tokens and Authorization headers are removed before anything is written.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unusable_path_is_refused_with_a_clear_message() {
        let input = BundleInput {
            app: serde_json::json!({}),
            database: serde_json::json!({}),
            settings: serde_json::json!({}),
            numbers: None,
            log_dir: None,
            include_numbers: false,
        };
        let err = write_bundle(
            Path::new("/definitely/not/here/bundle.zip"),
            &input,
            &Redactor::new(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the folder /definitely/not/here does not exist"
        );
    }
}
