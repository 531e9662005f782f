//! The OS keychain store: macOS Keychain, Windows Credential Manager, or the Secret Service.
//!
//! Each profile is one generic-password entry: service [`SERVICE`] (or the one given to
//! [`OsKeychain::with_service`]), account = the profile id, secret = the JSON described in
//! [`crate::secret`]. How that maps onto each OS (all by the `keyring` crate, 3.x):
//!
//! | OS | where it shows up |
//! |---|---|
//! | macOS | login keychain, generic password, *Where* = service, *Account* = profile |
//! | Windows | Credential Manager, generic credential, target `<profile>.<service>` |
//! | Linux, BSD | default Secret Service collection, attributes `service`, `username`, `target` |

use std::fmt;
use std::time::Duration;

use crate::error::{KeychainError, Operation};
use crate::secret::{self, StoredSecret};
use crate::store::{PROBE_ACCOUNT, SecretStore, StoreKind, check_profile};
use crate::worker::{RunError, Worker};

/// Service name of every entry: the app's bundle identifier.
pub const SERVICE: &str = "com.numberdesk.desktop";

/// How long a save, load or delete may take before [`KeychainError::Timeout`]. Long, because the
/// OS may show a dialog (unlock the keychain, allow access) that waits for the user.
pub const DEFAULT_OPERATION_TIMEOUT: Duration = Duration::from_secs(60);

/// The kind of store this build uses on this OS, or `None` where there is no backend.
pub const NATIVE_KIND: Option<StoreKind> = native::KIND;

/// Size limit of one entry on this OS, where there is one (Windows: 2,560 bytes).
pub const MAX_ENTRY_BYTES: Option<usize> = native::MAX_ENTRY_BYTES;

/// Credentials in the OS keychain. Every call runs on a dedicated thread with a deadline, so a
/// keychain that never answers gives [`KeychainError::Timeout`] instead of hanging the app, and
/// the calls are safe from async code (they never enter the caller's tokio runtime).
pub struct OsKeychain {
    kind: StoreKind,
    service: String,
    timeout: Duration,
    worker: Worker,
}

impl fmt::Debug for OsKeychain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OsKeychain")
            .field("kind", &self.kind)
            .field("service", &self.service)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl OsKeychain {
    /// The OS keychain with service [`SERVICE`]. Opening does not touch the keychain (see
    /// [`OsKeychain::probe`]); it fails only where this build has no backend
    /// ([`KeychainError::Unsupported`]) or the worker thread cannot be started.
    pub fn new() -> Result<Self, KeychainError> {
        Self::with_service(SERVICE)
    }

    /// The OS keychain with another service name (tests use their own, to never touch the app's
    /// entries).
    pub fn with_service(service: impl Into<String>) -> Result<Self, KeychainError> {
        let kind = NATIVE_KIND.ok_or(KeychainError::Unsupported)?;
        let service = service.into();
        let worker = Worker::spawn("numdesk-keychain").map_err(|e| KeychainError::Platform {
            store: kind.label(),
            operation: Operation::Probe,
            detail: format!("could not start the keychain thread: {e}"),
        })?;
        Ok(Self {
            kind,
            service,
            timeout: DEFAULT_OPERATION_TIMEOUT,
            worker,
        })
    }

    /// Set the deadline of each call (default [`DEFAULT_OPERATION_TIMEOUT`]).
    pub fn with_timeout(self, timeout: Duration) -> Self {
        Self { timeout, ..self }
    }

    /// The service name of the entries.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The deadline of each call.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Check that the keychain really works: write a throw-away entry (account [`PROBE_ACCOUNT`]),
    /// read it back, compare, delete it, and check that it is gone — all within one deadline.
    /// The entry is deleted even when the comparison fails.
    pub fn probe(&self, timeout: Duration) -> Result<(), KeychainError> {
        let service = self.service.clone();
        let kind = self.kind;
        let token = probe_value();
        self.run(Operation::Probe, timeout, move || {
            let fail = |detail: String| KeychainError::Platform {
                store: kind.label(),
                operation: Operation::Probe,
                detail,
            };
            let map = |e| native::map_error(e, Operation::Probe, PROBE_ACCOUNT, 0);
            native::set(&service, PROBE_ACCOUNT, token.as_bytes()).map_err(map)?;
            let read = native::get(&service, PROBE_ACCOUNT).map_err(map);
            let deleted = native::delete(&service, PROBE_ACCOUNT).map_err(map);
            match read? {
                Some(bytes) if bytes.as_slice() == token.as_bytes() => {}
                Some(_) => return Err(fail("the probe entry read back differs".to_owned())),
                None => {
                    return Err(fail(
                        "the probe entry was not found after writing".to_owned(),
                    ));
                }
            }
            deleted?;
            match native::get(&service, PROBE_ACCOUNT).map_err(map)? {
                None => Ok(()),
                Some(_) => Err(fail(
                    "the probe entry is still there after deleting".to_owned(),
                )),
            }
        })
    }

    fn run<T, F>(&self, operation: Operation, timeout: Duration, f: F) -> Result<T, KeychainError>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, KeychainError> + Send + 'static,
    {
        let store = self.kind.label();
        match self.worker.run(timeout, f) {
            Ok(result) => result,
            Err(RunError::Timeout) => Err(KeychainError::Timeout {
                store,
                operation,
                millis: u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX),
            }),
            Err(RunError::Panicked) => Err(KeychainError::Platform {
                store,
                operation,
                detail: "the keychain library panicked".to_owned(),
            }),
            Err(RunError::WorkerGone) => Err(KeychainError::Platform {
                store,
                operation,
                detail: "the keychain thread is gone".to_owned(),
            }),
        }
    }
}

impl SecretStore for OsKeychain {
    fn save(&self, profile: &str, secret: &StoredSecret) -> Result<(), KeychainError> {
        check_profile(profile)?;
        secret.validate()?;
        let bytes = secret::encode(secret).map_err(|e| KeychainError::Platform {
            store: self.kind.label(),
            operation: Operation::Save,
            detail: format!("could not encode the entry: {e}"),
        })?;
        if let Some(limit) = MAX_ENTRY_BYTES {
            check_entry_size(self.kind, bytes.len(), limit)?;
        }
        let (service, account) = (self.service.clone(), profile.to_owned());
        self.run(Operation::Save, self.timeout, move || {
            let len = bytes.len();
            native::set(&service, &account, &bytes)
                .map_err(|e| native::map_error(e, Operation::Save, &account, len))
        })
    }

    fn load(&self, profile: &str) -> Result<Option<StoredSecret>, KeychainError> {
        check_profile(profile)?;
        let (service, account) = (self.service.clone(), profile.to_owned());
        self.run(Operation::Load, self.timeout, move || {
            match native::get(&service, &account)
                .map_err(|e| native::map_error(e, Operation::Load, &account, 0))?
            {
                Some(bytes) => secret::decode(&account, &bytes).map(Some),
                None => Ok(None),
            }
        })
    }

    fn delete(&self, profile: &str) -> Result<(), KeychainError> {
        check_profile(profile)?;
        let (service, account) = (self.service.clone(), profile.to_owned());
        self.run(Operation::Delete, self.timeout, move || {
            native::delete(&service, &account)
                .map_err(|e| native::map_error(e, Operation::Delete, &account, 0))
        })
    }

    fn kind(&self) -> StoreKind {
        self.kind
    }
}

/// [`KeychainError::TooLarge`] when an entry of `bytes` exceeds `limit`.
pub fn check_entry_size(kind: StoreKind, bytes: usize, limit: usize) -> Result<(), KeychainError> {
    if bytes > limit {
        return Err(KeychainError::TooLarge {
            store: kind.label(),
            bytes,
            limit,
        });
    }
    Ok(())
}

/// A value unique to this probe (process id and time), so a stale entry is never mistaken for it.
fn probe_value() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("numdesk-probe-{}-{nanos}", std::process::id())
}

#[cfg(any(
    target_os = "macos",
    target_os = "windows",
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd"
))]
mod native {
    //! The only code that calls the `keyring` crate. The credential builder is named explicitly
    //! (`keyring::default`, the platform store selected by our features), so a build can never
    //! fall back to keyring's in-memory mock store without noticing.

    use keyring::{Entry, Error};
    use zeroize::Zeroizing;

    use crate::error::{KeychainError, Operation};
    use crate::store::StoreKind;

    #[cfg(target_os = "macos")]
    pub(super) const KIND: Option<StoreKind> = Some(StoreKind::MacosKeychain);
    #[cfg(target_os = "windows")]
    pub(super) const KIND: Option<StoreKind> = Some(StoreKind::WindowsCredentialManager);
    #[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
    pub(super) const KIND: Option<StoreKind> = Some(StoreKind::SecretService);

    /// `CRED_MAX_CREDENTIAL_BLOB_SIZE` (5 × 512 bytes).
    #[cfg(target_os = "windows")]
    pub(super) const MAX_ENTRY_BYTES: Option<usize> = Some(2560);
    #[cfg(not(target_os = "windows"))]
    pub(super) const MAX_ENTRY_BYTES: Option<usize> = None;

    fn label() -> &'static str {
        KIND.map_or("OS keychain", StoreKind::label)
    }

    fn entry(service: &str, account: &str) -> Result<Entry, Error> {
        let credential =
            keyring::default::default_credential_builder().build(None, service, account)?;
        Ok(Entry::new_with_credential(credential))
    }

    pub(super) fn set(service: &str, account: &str, bytes: &[u8]) -> Result<(), Error> {
        entry(service, account)?.set_secret(bytes)
    }

    pub(super) fn get(service: &str, account: &str) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
        match entry(service, account)?.get_secret() {
            Ok(bytes) => Ok(Some(Zeroizing::new(bytes))),
            Err(Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub(super) fn delete(service: &str, account: &str) -> Result<(), Error> {
        match entry(service, account)?.delete_credential() {
            Ok(()) | Err(Error::NoEntry) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Our error for a keyring error. Never formats `BadEncoding` (it carries the raw secret) nor
    /// `Ambiguous`'s credentials.
    pub(super) fn map_error(
        err: Error,
        operation: Operation,
        account: &str,
        bytes: usize,
    ) -> KeychainError {
        let store = label();
        match err {
            Error::NoStorageAccess(e) => KeychainError::Unavailable {
                store,
                operation,
                detail: e.to_string(),
            },
            // Connection failures (no D-Bus, no Secret Service) arrive as platform failures.
            Error::PlatformFailure(e) => KeychainError::Unavailable {
                store,
                operation,
                detail: e.to_string(),
            },
            Error::TooLong(_, limit) => KeychainError::TooLarge {
                store,
                bytes,
                limit: limit as usize,
            },
            Error::Ambiguous(items) => KeychainError::Ambiguous {
                profile: account.to_owned(),
                count: items.len(),
            },
            Error::BadEncoding(_) => KeychainError::Corrupt {
                profile: account.to_owned(),
                reason: "it is not UTF-8 text".to_owned(),
            },
            Error::NoEntry => KeychainError::Platform {
                store,
                operation,
                detail: "the entry disappeared while it was being used".to_owned(),
            },
            Error::Invalid(attribute, reason) => KeychainError::Platform {
                store,
                operation,
                detail: format!("the keychain rejected the {attribute}: {reason}"),
            },
            other => KeychainError::Platform {
                store,
                operation,
                detail: other.to_string(),
            },
        }
    }
}

#[cfg(not(any(
    target_os = "macos",
    target_os = "windows",
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd"
)))]
mod native {
    //! No keychain backend on this OS: [`super::OsKeychain::new`] returns
    //! [`KeychainError::Unsupported`], so these are never called.

    use zeroize::Zeroizing;

    use crate::error::{KeychainError, Operation};
    use crate::store::StoreKind;

    pub(super) const KIND: Option<StoreKind> = None;
    pub(super) const MAX_ENTRY_BYTES: Option<usize> = None;

    pub(super) fn set(_: &str, _: &str, _: &[u8]) -> Result<(), KeychainError> {
        Err(KeychainError::Unsupported)
    }
    pub(super) fn get(_: &str, _: &str) -> Result<Option<Zeroizing<Vec<u8>>>, KeychainError> {
        Err(KeychainError::Unsupported)
    }
    pub(super) fn delete(_: &str, _: &str) -> Result<(), KeychainError> {
        Err(KeychainError::Unsupported)
    }
    pub(super) fn map_error(e: KeychainError, _: Operation, _: &str, _: usize) -> KeychainError {
        e
    }
}
