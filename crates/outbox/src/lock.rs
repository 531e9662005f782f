//! One sender per database: an advisory lock on a file beside it.
//!
//! Crash recovery turns every `sending` application into `unknown`. That is only right when the
//! process that committed `sending` is gone, so only the lock holder may recover or send. The
//! operating system drops the lock when the holder dies, even on `kill -9`.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::OutboxError;

/// The held lock; released on drop.
#[derive(Debug)]
pub(crate) struct OutboxLock {
    _file: File,
    path: PathBuf,
}

impl OutboxLock {
    /// The lock file used for database `db`: beside the file itself, found through symlinks,
    /// `..` and relative spellings, so every path that reaches one database reaches one lock
    /// (the database exists by now: the store opened it).
    pub(crate) fn path_for(db: &Path) -> PathBuf {
        let db = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
        let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".outbox-lock");
        db.with_file_name(name)
    }

    /// Takes the lock for database `db`, or says who holds it.
    pub(crate) fn acquire(db: &Path) -> Result<Self, OutboxError> {
        let path = Self::path_for(db);
        let lock_err = |source| OutboxError::Lock {
            path: path.clone(),
            source,
        };
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(lock_err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let holder = file
                    .read_to_string(&mut text)
                    .ok()
                    .and_then(|_| text.trim().parse().ok());
                return Err(OutboxError::Locked {
                    path: db.to_path_buf(),
                    holder,
                });
            }
            Err(TryLockError::Error(e)) => return Err(lock_err(e)),
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(lock_err)?;
        }
        // Who holds it, for the message another process shows.
        file.set_len(0).map_err(lock_err)?;
        file.seek(SeekFrom::Start(0)).map_err(lock_err)?;
        write!(file, "{}", std::process::id()).map_err(lock_err)?;
        file.flush().map_err(lock_err)?;
        Ok(Self { _file: file, path })
    }

    /// The lock file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_lock_per_database_file_however_its_path_is_spelled() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        let db = data.join("numdesk.sqlite3");
        std::fs::write(&db, b"").unwrap();
        let _held = OutboxLock::acquire(&db).unwrap();
        let mut spellings = vec![data.join(".").join("numdesk.sqlite3")];
        spellings.push(dir.path().join("data/../data/numdesk.sqlite3"));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.sqlite3");
            std::os::unix::fs::symlink(&db, &link).unwrap();
            spellings.push(link);
            let dir_link = dir.path().join("elsewhere");
            std::os::unix::fs::symlink(&data, &dir_link).unwrap();
            spellings.push(dir_link.join("numdesk.sqlite3"));
        }
        for other in spellings {
            let second = OutboxLock::acquire(&other);
            assert!(
                matches!(second, Err(OutboxError::Locked { .. })),
                "rule: one sender per database file, also through {}",
                other.display()
            );
        }
    }
}
