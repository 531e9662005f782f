//! User-only permissions for what the app writes (logs, bundles): 0700 directories, 0600 files on
//! Unix. On Windows the per-user directories the app writes to are already private to the user.

use std::path::Path;

use crate::SupportError;

/// Creates `dir` (and its parents) and makes it user-only (0700 on Unix).
pub fn create_private_dir(dir: &Path) -> Result<(), SupportError> {
    std::fs::create_dir_all(dir).map_err(|e| SupportError::io(dir, e))?;
    restrict_to_user(dir, true)
}

/// Makes `path` user-only: 0700 for a directory, 0600 for a file (Unix; nothing elsewhere).
#[cfg(unix)]
pub fn restrict_to_user(path: &Path, is_dir: bool) -> Result<(), SupportError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = if is_dir { 0o700 } else { 0o600 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| SupportError::io(path, e))
}

/// Makes `path` user-only: 0700 for a directory, 0600 for a file (Unix; nothing elsewhere).
#[cfg(not(unix))]
pub fn restrict_to_user(_path: &Path, _is_dir: bool) -> Result<(), SupportError> {
    Ok(())
}

/// Writes `bytes` to `path` (replacing it) as a user-only file (0600 on Unix, also when the file
/// existed with looser permissions): for exports and anything else holding phone numbers.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = private_open_options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

/// Options that create a new file user-only from the start (0600 on Unix), so no other user can
/// open it between its creation and a later `chmod`.
pub(crate) fn private_open_options() -> std::fs::OpenOptions {
    #[allow(unused_mut)]
    let mut options = std::fs::OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}
