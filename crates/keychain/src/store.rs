//! The store interface, the kinds of store, and the in-memory store.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::KeychainError;
use crate::secret::StoredSecret;

/// Where credentials are kept. The UI says this next to the SecretKey field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum StoreKind {
    /// macOS Keychain (the user's login keychain).
    MacosKeychain,
    /// Windows Credential Manager (generic credentials of the current user).
    WindowsCredentialManager,
    /// The freedesktop Secret Service over D-Bus (GNOME Keyring, KWallet, KeePassXC, ...).
    SecretService,
    /// In this process's memory only: gone when the app quits ("kept in memory for this session
    /// only").
    SessionOnly,
}

impl StoreKind {
    /// True when credentials survive a restart of the app.
    pub fn is_persistent(self) -> bool {
        !matches!(self, Self::SessionOnly)
    }

    /// An English name for messages, e.g. `Windows Credential Manager`.
    pub fn label(self) -> &'static str {
        match self {
            Self::MacosKeychain => "macOS Keychain",
            Self::WindowsCredentialManager => "Windows Credential Manager",
            Self::SecretService => "Secret Service (GNOME Keyring, KWallet)",
            Self::SessionOnly => "session-only memory store",
        }
    }
}

impl fmt::Display for StoreKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Saves, loads and deletes the secret part of a profile's credentials.
///
/// Implementations are shared across threads (the Settings commands and the outbox). Every
/// method validates the profile id first ([`check_profile`]). `Debug` never shows a secret.
pub trait SecretStore: Send + Sync + fmt::Debug {
    /// Store `secret` for `profile`, replacing what was there. The secret is checked first
    /// ([`StoredSecret::validate`]); nothing unusable is written.
    fn save(&self, profile: &str, secret: &StoredSecret) -> Result<(), KeychainError>;

    /// The stored secret of `profile`, or `None` when there is none.
    fn load(&self, profile: &str) -> Result<Option<StoredSecret>, KeychainError>;

    /// Remove the secret of `profile`. Removing what is not there is not an error.
    fn delete(&self, profile: &str) -> Result<(), KeychainError>;

    /// Where this store keeps secrets.
    fn kind(&self) -> StoreKind;
}

/// Longest profile id accepted, in bytes (well inside every keychain's account-name limit:
/// Windows allows 513 characters for the user name and 32,767 for the target name).
pub const MAX_PROFILE_LEN: usize = 128;

/// Account name used by the probe in [`crate::open_best`]; no profile may use it.
pub const PROBE_ACCOUNT: &str = "numdesk-keychain-probe";

/// Check that `profile` can name a keychain account: non-empty, at most [`MAX_PROFILE_LEN`]
/// bytes, no control characters, no surrounding whitespace, and not [`PROBE_ACCOUNT`].
pub fn check_profile(profile: &str) -> Result<(), KeychainError> {
    let reason = if profile.is_empty() {
        Some("it is empty")
    } else if profile.len() > MAX_PROFILE_LEN {
        Some("it is longer than 128 bytes")
    } else if profile.chars().any(char::is_control) {
        Some("it contains a control character")
    } else if profile.trim() != profile {
        Some("it starts or ends with whitespace")
    } else if profile == PROBE_ACCOUNT {
        Some("the name is reserved for the keychain probe")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(KeychainError::InvalidProfile {
            profile: profile.chars().take(MAX_PROFILE_LEN).collect(),
            reason,
        }),
        None => Ok(()),
    }
}

/// Credentials kept in this process's memory only: the fallback when no OS keychain works
/// ([`StoreKind::SessionOnly`]), and the store for tests.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, StoredSecret>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many profiles have a secret stored.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    // A panic while the lock is held cannot leave the map half-updated (every operation is a
    // single insert/remove/clone), so a poisoned lock is safe to keep using.
    fn lock(&self) -> MutexGuard<'_, HashMap<String, StoredSecret>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryStore")
            .field("profiles", &self.len())
            .finish()
    }
}

impl SecretStore for MemoryStore {
    fn save(&self, profile: &str, secret: &StoredSecret) -> Result<(), KeychainError> {
        check_profile(profile)?;
        secret.validate()?;
        self.lock().insert(profile.to_owned(), secret.clone());
        Ok(())
    }

    fn load(&self, profile: &str) -> Result<Option<StoredSecret>, KeychainError> {
        check_profile(profile)?;
        Ok(self.lock().get(profile).cloned())
    }

    fn delete(&self, profile: &str) -> Result<(), KeychainError> {
        check_profile(profile)?;
        self.lock().remove(profile);
        Ok(())
    }

    fn kind(&self) -> StoreKind {
        StoreKind::SessionOnly
    }
}

impl<S: SecretStore + ?Sized> SecretStore for Box<S> {
    fn save(&self, profile: &str, secret: &StoredSecret) -> Result<(), KeychainError> {
        (**self).save(profile, secret)
    }
    fn load(&self, profile: &str) -> Result<Option<StoredSecret>, KeychainError> {
        (**self).load(profile)
    }
    fn delete(&self, profile: &str) -> Result<(), KeychainError> {
        (**self).delete(profile)
    }
    fn kind(&self) -> StoreKind {
        (**self).kind()
    }
}

impl<S: SecretStore + ?Sized> SecretStore for std::sync::Arc<S> {
    fn save(&self, profile: &str, secret: &StoredSecret) -> Result<(), KeychainError> {
        (**self).save(profile, secret)
    }
    fn load(&self, profile: &str) -> Result<Option<StoredSecret>, KeychainError> {
        (**self).load(profile)
    }
    fn delete(&self, profile: &str) -> Result<(), KeychainError> {
        (**self).delete(profile)
    }
    fn kind(&self) -> StoreKind {
        (**self).kind()
    }
}
