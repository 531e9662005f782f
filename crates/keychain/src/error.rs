//! The one error type of this crate.
//!
//! Every message says what is wrong and what to do about it, and none ever contains a SecretKey
//! or token: pasted values are described by position and character class only.

use std::fmt;

pub use numdesk_sign::CredentialField;

/// Which keychain operation failed or timed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Writing a profile's credentials.
    Save,
    /// Reading a profile's credentials.
    Load,
    /// Removing a profile's credentials.
    Delete,
    /// The write, read and delete of a throw-away entry done by [`crate::open_best`].
    Probe,
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Save => "saving the credentials",
            Self::Load => "reading the credentials",
            Self::Delete => "deleting the credentials",
            Self::Probe => "testing the keychain",
        })
    }
}

/// Everything that can go wrong in this crate: bad input pasted into the Settings form, and
/// failures of the OS keychain.
///
/// `Debug` and `Display` never contain a secret. Positions are 1-based character positions in
/// the text exactly as it was pasted (before surrounding whitespace was trimmed); lengths count
/// characters of that same text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeychainError {
    /// Nothing left after trimming surrounding whitespace.
    #[error(
        "{field} is empty: copy it from the API keys page of the Tencent Cloud console \
         (Cloud Access Management > API Keys) and paste it here"
    )]
    EmptyCredential {
        /// Which value.
        field: CredentialField,
    },

    /// Whitespace or an invisible character inside the value (usually pasted with it).
    #[error(
        "{field} contains {found} at character {position} of {length}: keys never contain \
         spaces, line breaks or invisible characters; remove it, or copy the key again from \
         the Tencent Cloud console"
    )]
    WhitespaceInCredential {
        /// Which value.
        field: CredentialField,
        /// What was found, e.g. `a line break (LF)`; never the secret's own characters.
        found: String,
        /// 1-based character position in the pasted text.
        position: usize,
        /// Character count of the pasted text.
        length: usize,
    },

    /// A control character or a character outside ASCII inside the value.
    #[error(
        "{field} contains {found} at character {position} of {length}: Tencent Cloud keys use \
         only ASCII letters and digits; {hint}"
    )]
    InvalidCharInCredential {
        /// Which value.
        field: CredentialField,
        /// What was found, e.g. `the non-ASCII character U+00E9`; never the character itself.
        found: String,
        /// 1-based character position in the pasted text.
        position: usize,
        /// Character count of the pasted text.
        length: usize,
        /// What to do, e.g. switch the input method to half-width characters.
        hint: &'static str,
    },

    /// The whole value is wrapped in quotes, as copied from JSON, code or a chat message.
    #[error("{field} is wrapped in quotes: paste the value without the quotes around it")]
    QuotedCredential {
        /// Which value.
        field: CredentialField,
    },

    /// The profile id cannot name a keychain entry.
    #[error("profile id {profile:?} cannot be used as a keychain account: {reason}")]
    InvalidProfile {
        /// The rejected id (profile ids are not secret).
        profile: String,
        /// Why.
        reason: &'static str,
    },

    /// This build has no OS keychain backend for the operating system it runs on.
    #[error(
        "this operating system has no keychain that Number Desk can use; credentials are kept \
         in memory for this session only"
    )]
    Unsupported,

    /// The keychain refused access or could not be reached (no Secret Service running, keychain
    /// locked, access denied, D-Bus unreachable, ...).
    #[error(
        "the {store} could not be used while {operation}: {detail}; credentials can be kept in \
         memory for this session only"
    )]
    Unavailable {
        /// Which keychain, e.g. `Secret Service (GNOME Keyring, KWallet)`.
        store: &'static str,
        /// What was being done.
        operation: Operation,
        /// The platform's own error text (never contains the secret).
        detail: String,
    },

    /// The keychain did not answer in time. The operation may still complete in the background.
    #[error(
        "the {store} did not answer within {} while {operation}; if a system dialog asked \
         for a password or for permission, answer it and try again",
        seconds(*millis)
    )]
    Timeout {
        /// Which keychain.
        store: &'static str,
        /// What was being done.
        operation: Operation,
        /// The time allowed, in milliseconds.
        millis: u64,
    },

    /// The credentials do not fit in one keychain entry (Windows Credential Manager holds at
    /// most 2,560 bytes per entry).
    #[error(
        "the credentials take {bytes} bytes but the {store} holds at most {limit} bytes per \
         entry (a long session token is the usual cause); use a permanent API key, or keep \
         these credentials for this session only"
    )]
    TooLarge {
        /// Which keychain.
        store: &'static str,
        /// Size of the entry that was to be written.
        bytes: usize,
        /// The keychain's limit.
        limit: usize,
    },

    /// The entry exists but is not in Number Desk's format.
    #[error(
        "the keychain entry of profile {profile:?} is unreadable ({reason}); enter the SecretKey \
         again to replace it"
    )]
    Corrupt {
        /// The profile id.
        profile: String,
        /// What is wrong with the entry, e.g. `it is not JSON`; never the entry's content.
        reason: String,
    },

    /// More than one keychain item matches the profile (left by another program or an old
    /// version); Number Desk will not guess which one is right.
    #[error(
        "{count} keychain entries match profile {profile:?}; delete the credentials of this \
         profile and enter the SecretKey again"
    )]
    Ambiguous {
        /// The profile id.
        profile: String,
        /// How many entries matched.
        count: usize,
    },

    /// Any other failure reported by the keychain.
    #[error("the {store} failed while {operation}: {detail}")]
    Platform {
        /// Which keychain.
        store: &'static str,
        /// What was being done.
        operation: Operation,
        /// The platform's own error text (never contains the secret).
        detail: String,
    },
}

/// `10 s`, `1.5 s`.
fn seconds(millis: u64) -> String {
    if millis.is_multiple_of(1000) {
        format!("{} s", millis / 1000)
    } else {
        format!("{:.1} s", millis as f64 / 1000.0)
    }
}

impl KeychainError {
    /// A stable machine-readable code for the UI (`camelCase`), one per variant.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyCredential { .. } => "emptyCredential",
            Self::WhitespaceInCredential { .. } => "whitespaceInCredential",
            Self::InvalidCharInCredential { .. } => "invalidCharInCredential",
            Self::QuotedCredential { .. } => "quotedCredential",
            Self::InvalidProfile { .. } => "invalidProfile",
            Self::Unsupported => "keychainUnsupported",
            Self::Unavailable { .. } => "keychainUnavailable",
            Self::Timeout { .. } => "keychainTimeout",
            Self::TooLarge { .. } => "keychainEntryTooLarge",
            Self::Corrupt { .. } => "keychainEntryCorrupt",
            Self::Ambiguous { .. } => "keychainEntryAmbiguous",
            Self::Platform { .. } => "keychainFailure",
        }
    }

    /// The credential field a format error is about; `None` for keychain errors.
    pub fn field(&self) -> Option<CredentialField> {
        match self {
            Self::EmptyCredential { field }
            | Self::WhitespaceInCredential { field, .. }
            | Self::InvalidCharInCredential { field, .. }
            | Self::QuotedCredential { field } => Some(*field),
            _ => None,
        }
    }

    /// True for errors about the text typed or pasted (the user fixes the input), false for
    /// keychain failures.
    pub fn is_input_error(&self) -> bool {
        self.field().is_some()
    }
}
