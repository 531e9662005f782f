//! Secret values and credentials. Nothing here ever prints a secret.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::SignError;
use crate::error::CredentialField;
use crate::validate;

/// A secret string (a SecretKey or a temporary-credential token).
///
/// `Debug` and `Display` print `***`, never the value; the memory is zeroed on drop. It does not
/// implement `Serialize`: storing it is a deliberate act through [`SecretKey::expose_secret`].
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SecretKey(String);

impl SecretKey {
    /// Wrap a secret. The value is kept exactly as given; [`sign`](crate::sign) rejects empty
    /// values and values containing whitespace.
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    /// The secret itself. Call only where the value is really needed.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

impl fmt::Display for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for SecretKey {
    fn from(s: String) -> Self {
        Self::new(s)
    }
}

impl From<&str> for SecretKey {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

/// A Tencent Cloud API key pair, with the token of temporary (STS) credentials when there is one.
///
/// `Debug` shows `secret_id` and redacts `secret_key` and `token`.
#[derive(Clone)]
pub struct Credentials {
    /// The public key id (`AKID…`). Not secret; sent in the Authorization header.
    pub secret_id: String,
    /// The secret key. Never sent; only used to derive the signing key.
    pub secret_key: SecretKey,
    /// Token of temporary credentials, sent as `X-TC-Token`.
    pub token: Option<SecretKey>,
}

impl Credentials {
    /// Permanent credentials (no token).
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<SecretKey>) -> Self {
        Self {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
        }
    }

    /// Add the token of temporary credentials.
    pub fn with_token(self, token: impl Into<SecretKey>) -> Self {
        Self {
            token: Some(token.into()),
            ..self
        }
    }

    /// Check the values as [`sign`](crate::sign) does: non-empty, and only visible ASCII (no
    /// spaces or line breaks pasted along with the key). Error messages never contain a secret.
    pub fn validate(&self) -> Result<(), SignError> {
        validate::credential(CredentialField::SecretId, &self.secret_id)?;
        validate::credential(CredentialField::SecretKey, self.secret_key.expose_secret())?;
        if let Some(token) = &self.token {
            validate::credential(CredentialField::Token, token.expose_secret())?;
        }
        Ok(())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &self.secret_key)
            .field("token", &self.token)
            .finish()
    }
}
