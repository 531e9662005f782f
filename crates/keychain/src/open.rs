//! Choosing the store at startup: the OS keychain when it really works, memory otherwise.

use std::fmt;
use std::time::Duration;

use crate::error::KeychainError;
use crate::os::{DEFAULT_OPERATION_TIMEOUT, OsKeychain, SERVICE};
use crate::store::{MemoryStore, SecretStore, StoreKind};

/// How long the startup probe may take. A Secret Service that D-Bus tries to start and cannot
/// (D-Bus waits 25 s by default), or a bus that never answers, must not hold up the app.
pub const DEFAULT_PROBE_TIMEOUT: Duration = Duration::from_secs(10);

/// Settings of [`open_best_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOptions {
    /// Service name of the entries (default [`SERVICE`]).
    pub service: String,
    /// Deadline of the whole probe (default [`DEFAULT_PROBE_TIMEOUT`]).
    pub probe_timeout: Duration,
    /// Deadline of each later save, load or delete (default [`DEFAULT_OPERATION_TIMEOUT`]).
    pub operation_timeout: Duration,
}

impl Default for OpenOptions {
    fn default() -> Self {
        Self {
            service: SERVICE.to_owned(),
            probe_timeout: DEFAULT_PROBE_TIMEOUT,
            operation_timeout: DEFAULT_OPERATION_TIMEOUT,
        }
    }
}

/// The store chosen by [`open_best_with`].
pub struct OpenedStore {
    /// The store to use.
    pub store: Box<dyn SecretStore>,
    /// Where it keeps secrets ([`StoreKind::SessionOnly`] when the OS keychain failed).
    pub kind: StoreKind,
    /// Why the OS keychain is not used, for the UI's "kept in memory for this session only"
    /// note and the log; `None` when it is used.
    pub fallback_reason: Option<KeychainError>,
}

impl fmt::Debug for OpenedStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenedStore")
            .field("store", &self.store)
            .field("kind", &self.kind)
            .field("fallback_reason", &self.fallback_reason)
            .finish()
    }
}

/// [`open_best_with`] with the default options, for callers that only need the store and its
/// kind.
pub fn open_best() -> (Box<dyn SecretStore>, StoreKind) {
    let opened = open_best_with(&OpenOptions::default());
    (opened.store, opened.kind)
}

/// Probe the OS keychain ([`OsKeychain::probe`]: write, read back and delete a throw-away entry,
/// within `probe_timeout`) and return it when that works; otherwise a new [`MemoryStore`] with
/// [`StoreKind::SessionOnly`] and the reason.
///
/// Returns within about `probe_timeout` whatever the keychain does. A probe that timed out may
/// leave its thread blocked in the keychain call until that call returns; it is not used again.
/// Blocking: call it from a blocking context (`spawn_blocking`, a sync command), not on an async
/// executor thread.
pub fn open_best_with(options: &OpenOptions) -> OpenedStore {
    let probed = OsKeychain::with_service(options.service.clone()).and_then(|keychain| {
        keychain.probe(options.probe_timeout)?;
        Ok(keychain.with_timeout(options.operation_timeout))
    });
    match probed {
        Ok(keychain) => OpenedStore {
            kind: keychain.kind(),
            store: Box::new(keychain),
            fallback_reason: None,
        },
        Err(reason) => OpenedStore {
            store: Box::new(MemoryStore::new()),
            kind: StoreKind::SessionOnly,
            fallback_reason: Some(reason),
        },
    }
}
