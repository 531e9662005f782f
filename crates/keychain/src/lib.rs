//! Number Desk's credential storage.
//!
//! The Tencent Cloud SecretKey, and the session token of temporary credentials, are kept **only**
//! in the OS keychain — macOS Keychain, Windows Credential Manager, or the Secret Service on Linux
//! — never in the database or any file. The SecretId is not secret and is stored with the profile
//! elsewhere. When no keychain works, [`open_best`] falls back to a [`MemoryStore`] and says so
//! ([`StoreKind::SessionOnly`]), so the UI can tell the user the key is kept for this session only.
//!
//! - [`SecretStore`]: save / load / delete per profile id; [`OsKeychain`] and [`MemoryStore`].
//! - [`open_best`] / [`open_best_with`]: probe the keychain with a deadline, fall back to memory.
//! - [`normalize_secret_id`], [`normalize_secret_key`], [`normalize_token`]: hygiene for pasted
//!   keys (trim, reject inner whitespace and non-ASCII with the position, warn on odd formats).
//! - [`KeychainError`]: the one error type; no message or `Debug` output ever contains a secret.
//!
//! # Backends per OS
//!
//! All through the [`keyring`](https://docs.rs/keyring/3) crate, 3.x line, with only the native
//! store of each OS compiled in (target-specific dependencies in `Cargo.toml`):
//!
//! | OS | keyring features | store |
//! |---|---|---|
//! | macOS | `apple-native` | login keychain (Security framework) |
//! | Windows | `windows-native` | Credential Manager; at most 2,560 bytes per entry |
//! | Linux, FreeBSD, OpenBSD | `async-secret-service`, `tokio`, `crypto-rust` | Secret Service over zbus: pure-Rust D-Bus, no libdbus at build or run time, DH-encrypted transfer with RustCrypto (no OpenSSL) |
//! | anything else | none (no keyring dependency) | [`OsKeychain::new`] says [`KeychainError::Unsupported`]; [`open_best`] falls back to memory |
//!
//! The Linux kernel keyring (`linux-native`) is not used: it does not survive a reboot. Entry
//! names and format: [`os`] and [`secret`].
//!
//! ```
//! use numdesk_keychain::{MemoryStore, SecretStore, StoredSecret, normalize_secret_key};
//!
//! let pasted = " Gu5t9xGARNpq86cd98joQYCN3EXAMPLE\n";
//! let key = normalize_secret_key(pasted)?;
//! assert!(key.warnings.is_empty());
//!
//! let store = MemoryStore::new(); // in the app: `open_best()`
//! store.save("profile-1", &StoredSecret::new(key.value))?;
//! let loaded = store.load("profile-1")?.expect("saved above");
//! assert_eq!(loaded.secret_key.expose_secret(), "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE");
//! assert_eq!(format!("{loaded:?}"), "StoredSecret { secret_key: SecretKey(***), token: None }");
//! # Ok::<(), numdesk_keychain::KeychainError>(())
//! ```

pub mod error;
pub mod normalize;
pub mod open;
pub mod os;
pub mod secret;
pub mod store;
mod worker;

pub use error::{CredentialField, KeychainError, Operation};
pub use normalize::{
    FormatWarning, Normalized, normalize_secret_id, normalize_secret_key, normalize_token,
};
pub use numdesk_sign::SecretKey;
pub use open::{DEFAULT_PROBE_TIMEOUT, OpenOptions, OpenedStore, open_best, open_best_with};
pub use os::{OsKeychain, SERVICE};
pub use secret::StoredSecret;
pub use store::{MemoryStore, SecretStore, StoreKind, check_profile};
