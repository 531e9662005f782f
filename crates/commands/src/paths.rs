//! Which paths a window may have read or written.
//!
//! The webview sends paths as strings; a page that went wrong (or a script injected into it)
//! could send any. So a path is used only when the user chose it:
//!
//! - **saves** (exports, the template, the support bundle) only to a path the native save dialog
//!   returned — the shell opens that dialog itself and records the answer here;
//! - **imports** from a path the open dialog returned or a file dropped on the window (both
//!   recorded by the shell), or a path typed into the wizard's field when it names a number list
//!   (`.csv`, `.tsv`, `.txt`, `.xlsx`, `.xls`);
//!
//! and, either way, only a regular file: a directory, a FIFO, a socket or a device is refused
//! (a FIFO would hold the import until something writes to it).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::error_details::{PathDetails, PathProblem};
use crate::{ErrorCode, IpcError};

/// File extensions a typed import path may have (the open dialog's filter).
pub const IMPORT_EXTENSIONS: [&str; 5] = ["csv", "tsv", "txt", "xlsx", "xls"];

/// Paths the user chose in this run of the app (see the module documentation).
#[derive(Debug, Default)]
pub struct PathGrants {
    open: Mutex<HashSet<PathBuf>>,
    save: Mutex<HashSet<PathBuf>>,
}

impl PathGrants {
    /// Records a file the user chose in the open dialog or dropped on the window.
    pub fn grant_open(&self, path: &Path) {
        self.open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_path_buf());
    }

    /// Records the path the user chose in the save dialog.
    pub fn grant_save(&self, path: &Path) {
        self.save
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_path_buf());
    }

    /// Whether `path` may be read for an import: chosen, dropped or a typed number-list path,
    /// and a regular file.
    pub fn check_open(&self, path: &Path) -> Result<(), IpcError> {
        let granted = self
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(path);
        if !granted && !has_import_extension(path) {
            return Err(refused(
                path,
                PathProblem::NotChosen,
                format!(
                    "{} was not chosen in the open dialog or dropped on the window, and is not a \
                     number list (.csv, .tsv, .txt, .xlsx or .xls): choose the file with \
                     \"Choose a file\" or drop it on the window",
                    path.display()
                ),
            ));
        }
        regular_file(path)
    }

    /// Whether `path` may be written: the save dialog's answer, and not a directory, FIFO or
    /// device (an existing regular file is replaced, as the dialog asked the user).
    pub fn check_save(&self, path: &Path) -> Result<(), IpcError> {
        let granted = self
            .save
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(path);
        if !granted {
            return Err(refused(
                path,
                PathProblem::NotChosen,
                format!(
                    "{} was not chosen in the save dialog: choose where to save with the Save \
                     button's dialog",
                    path.display()
                ),
            ));
        }
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => Err(refused(
                path,
                PathProblem::NotAFile,
                format!(
                    "{} is {}, not a file: choose a file name to save to",
                    path.display(),
                    kind_of(&meta)
                ),
            )),
            _ => Ok(()),
        }
    }
}

fn has_import_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMPORT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// A regular file (symlinks followed), else a refusal naming what it is.
fn regular_file(path: &Path) -> Result<(), IpcError> {
    let meta = std::fs::metadata(path).map_err(|err| {
        IpcError::new(
            ErrorCode::Io,
            format!("{} could not be opened: {err}", path.display()),
        )
        .with_details(PathDetails {
            path: path.display().to_string(),
            problem: None,
        })
    })?;
    if meta.is_file() {
        Ok(())
    } else {
        Err(refused(
            path,
            PathProblem::NotAFile,
            format!(
                "{} is {}, not a file: choose the number list itself",
                path.display(),
                kind_of(&meta)
            ),
        ))
    }
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    "not a regular file"
}

fn refused(path: &Path, problem: PathProblem, message: String) -> IpcError {
    IpcError::new(ErrorCode::InvalidInput, message).with_details(PathDetails {
        path: path.display().to_string(),
        problem: Some(problem),
    })
}
