//! The credential store the app uses, chosen once at start-up.

use std::sync::Arc;

use numdesk_keychain::{MemoryStore, OpenOptions, OpenedStore, SecretStore, StoreKind};

/// Where SecretKeys and tokens are kept: the OS keychain, or memory for this session only.
/// Every secret saved or loaded through it is registered with the log redactor.
#[derive(Debug, Clone)]
pub struct Secrets {
    store: Arc<dyn SecretStore>,
    kind: StoreKind,
    /// Why the OS keychain is not used (English, no secrets), when it is not.
    fallback_reason: Option<String>,
}

impl Secrets {
    /// Probes the OS keychain and falls back to memory. Blocking (up to the probe timeout):
    /// call it from a blocking context, never on an async executor thread.
    pub fn open_os() -> Self {
        Self::from_opened(numdesk_keychain::open_best_with(&OpenOptions::default()))
    }

    /// What [`numdesk_keychain::open_best_with`] chose.
    pub fn from_opened(opened: OpenedStore) -> Self {
        Self {
            store: crate::support::registering(Arc::from(opened.store)),
            kind: opened.kind,
            fallback_reason: opened.fallback_reason.map(|e| e.to_string()),
        }
    }

    /// A session-only memory store (tests, and machines without a keychain).
    pub fn memory() -> Self {
        Self::with_store(Arc::new(MemoryStore::new()), None)
    }

    /// Any store, e.g. a shared [`MemoryStore`] a test inspects afterwards.
    pub fn with_store(store: Arc<dyn SecretStore>, fallback_reason: Option<String>) -> Self {
        Self {
            kind: store.kind(),
            store: crate::support::registering(store),
            fallback_reason,
        }
    }

    pub fn store(&self) -> Arc<dyn SecretStore> {
        Arc::clone(&self.store)
    }

    pub fn kind(&self) -> StoreKind {
        self.kind
    }

    pub fn fallback_reason(&self) -> Option<&str> {
        self.fallback_reason.as_deref()
    }
}
