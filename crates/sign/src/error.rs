//! The one error type of this crate.

use std::fmt;

/// Which credential value a [`SignError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CredentialField {
    /// The public key id (`AKID…`).
    SecretId,
    /// The secret key.
    SecretKey,
    /// The token of temporary credentials (`X-TC-Token`).
    Token,
}

impl fmt::Display for CredentialField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::SecretId => "SecretId",
            Self::SecretKey => "SecretKey",
            Self::Token => "token of the temporary credentials",
        })
    }
}

/// Why a request could not be signed. Every message says what is wrong and what to do, and never
/// contains a SecretKey or token. Positions are 1-based character positions.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The timestamp is before 1970 or after 9999-12-31.
    #[error(
        "timestamp {timestamp} is out of range: expected Unix seconds from 0 (1970-01-01T00:00:00Z) \
         to 253402300799 (9999-12-31T23:59:59Z); check the system clock"
    )]
    TimestampOutOfRange {
        /// The rejected timestamp.
        timestamp: i64,
    },

    /// SecretId, SecretKey or token is empty.
    #[error(
        "{field} is empty: copy it from the API keys page of the Tencent Cloud console \
         (Cloud Access Management > API Keys)"
    )]
    EmptyCredential {
        /// Which value.
        field: CredentialField,
    },

    /// SecretId, SecretKey or token contains whitespace (usually pasted with the key).
    #[error(
        "{field} contains {found} at character {position} of {length}: \
         remove the spaces or line breaks pasted with the key"
    )]
    WhitespaceInCredential {
        /// Which value.
        field: CredentialField,
        /// Description of the character, e.g. `a line break (LF)`.
        found: String,
        /// 1-based character position.
        position: usize,
        /// Length of the value in characters.
        length: usize,
    },

    /// SecretId, SecretKey or token contains an invisible or non-ASCII character.
    #[error(
        "{field} contains {found} at character {position} of {length}: keys contain only ASCII \
         letters, digits and symbols; copy the key again from the Tencent Cloud console"
    )]
    InvalidCharInCredential {
        /// Which value.
        field: CredentialField,
        /// Description of the character, e.g. `the invisible character U+200B`.
        found: String,
        /// 1-based character position.
        position: usize,
        /// Length of the value in characters.
        length: usize,
    },

    /// The host is empty.
    #[error("host is empty: pass the API host name, e.g. `ccc.intl.tencentcloudapi.com`")]
    EmptyHost,

    /// The host was given as a URL (`https://…`).
    #[error(
        "host `{host}` includes a scheme: pass only the host name (with `:port` if not the \
         default), e.g. `{suggestion}`"
    )]
    HostHasScheme {
        /// The rejected host.
        host: String,
        /// The host part of it.
        suggestion: String,
    },

    /// The host contains a path, query, fragment or user info.
    #[error(
        "host `{host}` contains {found} at character {position}: pass only the host name \
         (with `:port` if not the default), e.g. `{suggestion}`"
    )]
    HostHasPath {
        /// The rejected host.
        host: String,
        /// Description of what was found, e.g. `a path ('/')`.
        found: String,
        /// 1-based character position.
        position: usize,
        /// The host part of it.
        suggestion: String,
    },

    /// The host contains whitespace, a control character or a character not allowed in a host.
    #[error(
        "host {host:?} contains {found} at character {position}: a host is letters, digits, \
         '-', '.' and an optional `:port`, e.g. `ccc.intl.tencentcloudapi.com` or `127.0.0.1:8080`"
    )]
    InvalidHostChar {
        /// The rejected host.
        host: String,
        /// Description of the character.
        found: String,
        /// 1-based character position.
        position: usize,
    },

    /// The `:port` part of the host is not a number from 1 to 65535, or the host name is missing.
    #[error("host `{host}` is malformed: {problem}")]
    MalformedHost {
        /// The rejected host.
        host: String,
        /// What is wrong, e.g. `port \"99999\" is not a number from 1 to 65535`.
        problem: String,
    },

    /// The service name in the credential scope is not lowercase letters and digits.
    #[error(
        "service {service:?} is invalid: expected a Tencent Cloud service name of lowercase \
         letters and digits, e.g. `ccc`"
    )]
    InvalidService {
        /// The rejected service.
        service: String,
    },

    /// A header value that must be set is empty.
    #[error("{header} is empty: {hint}")]
    EmptyHeaderValue {
        /// Header name, e.g. `X-TC-Action`.
        header: &'static str,
        /// What to do about it.
        hint: &'static str,
    },

    /// A header value contains a CR or LF (header injection) or another control character.
    #[error(
        "{header} value {value:?} contains {found} at character {position}: header values must \
         be a single line of printable ASCII"
    )]
    InvalidHeaderValue {
        /// Header name, e.g. `X-TC-Action`.
        header: &'static str,
        /// The rejected value (never a secret: secrets are checked as credentials).
        value: String,
        /// Description of the character, e.g. `a line break (LF)`.
        found: String,
        /// 1-based character position.
        position: usize,
    },

    /// A header value starts or ends with whitespace, which HTTP strips in transit, so the
    /// signature would not match what the server sees.
    #[error(
        "{header} value {value:?} starts or ends with whitespace: HTTP strips it in transit and \
         the signature would not match; trim the value"
    )]
    UntrimmedHeaderValue {
        /// Header name.
        header: &'static str,
        /// The rejected value.
        value: String,
    },
}
