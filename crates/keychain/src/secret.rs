//! What is stored per profile, and its byte format inside a keychain entry.
//!
//! # Entry format
//!
//! One keychain entry per profile holds both secrets, so that a SecretKey and its session token
//! are always written, read and deleted together (two entries could be left half-updated by a
//! failure between the two writes). The entry's secret is UTF-8 JSON, version-tagged:
//!
//! ```json
//! {"v":1,"secretKey":"…","token":"…"}
//! ```
//!
//! `token` is absent for permanent keys. An entry with another `v` is reported as
//! [`KeychainError::Corrupt`] (written by a newer Number Desk) and never overwritten silently on
//! read. The SecretId is not in the entry: it is not secret and lives in the profile.

use numdesk_sign::{Credentials, SecretKey};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{CredentialField, KeychainError};
use crate::normalize::check_stored;

/// Version written into every entry.
pub const ENTRY_FORMAT_VERSION: u32 = 1;

/// The secret part of a profile's credentials. `Debug` redacts both values; the memory of both is
/// wiped on drop (see [`SecretKey`]).
#[derive(Debug, Clone)]
pub struct StoredSecret {
    /// The SecretKey.
    pub secret_key: SecretKey,
    /// The session token of temporary credentials (`X-TC-Token`), if any.
    pub token: Option<SecretKey>,
}

impl StoredSecret {
    /// A permanent key (no token).
    pub fn new(secret_key: impl Into<SecretKey>) -> Self {
        Self {
            secret_key: secret_key.into(),
            token: None,
        }
    }

    /// Add the session token of temporary credentials.
    pub fn with_token(self, token: impl Into<SecretKey>) -> Self {
        Self {
            token: Some(token.into()),
            ..self
        }
    }

    /// The secret part of `credentials` (their SecretId is stored with the profile instead).
    pub fn from_credentials(credentials: &Credentials) -> Self {
        Self {
            secret_key: credentials.secret_key.clone(),
            token: credentials.token.clone(),
        }
    }

    /// Signing credentials: this secret with the profile's SecretId.
    pub fn to_credentials(&self, secret_id: impl Into<String>) -> Credentials {
        Credentials {
            secret_id: secret_id.into(),
            secret_key: self.secret_key.clone(),
            token: self.token.clone(),
        }
    }

    /// True when both hold the same values (constant-time comparison is not needed here: this is
    /// for tests and for "unchanged?" checks in the UI, not for authentication).
    pub fn same_as(&self, other: &Self) -> bool {
        self.secret_key.expose_secret() == other.secret_key.expose_secret()
            && self.token.as_ref().map(SecretKey::expose_secret)
                == other.token.as_ref().map(SecretKey::expose_secret)
    }

    /// Check that both values can be used to sign: non-empty, visible ASCII only. Stores call
    /// this before writing, so nothing unusable is ever saved. Use the `normalize_*` functions
    /// on pasted input first; they trim and explain.
    pub fn validate(&self) -> Result<(), KeychainError> {
        check_stored(CredentialField::SecretKey, self.secret_key.expose_secret())?;
        if let Some(token) = &self.token {
            check_stored(CredentialField::Token, token.expose_secret())?;
        }
        Ok(())
    }
}

#[derive(Serialize)]
struct EntryOut<'a> {
    v: u32,
    #[serde(rename = "secretKey")]
    secret_key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<&'a str>,
}

#[derive(Deserialize, Zeroize, ZeroizeOnDrop)]
struct EntryIn {
    v: u32,
    #[serde(rename = "secretKey")]
    secret_key: String,
    #[serde(default)]
    token: Option<String>,
}

/// Encode for a keychain entry. The buffer is wiped when dropped; it is allocated once at its
/// final size so no partial copy is left behind by a reallocation.
pub(crate) fn encode(secret: &StoredSecret) -> Result<Zeroizing<Vec<u8>>, serde_json::Error> {
    let out = EntryOut {
        v: ENTRY_FORMAT_VERSION,
        secret_key: secret.secret_key.expose_secret(),
        token: secret.token.as_ref().map(SecretKey::expose_secret),
    };
    let capacity = 64 + out.secret_key.len() + out.token.map_or(0, str::len);
    let mut buf = Zeroizing::new(Vec::with_capacity(capacity));
    serde_json::to_writer(&mut *buf, &out)?;
    Ok(buf)
}

/// Decode a keychain entry. Error reasons describe the problem, never the content.
pub(crate) fn decode(profile: &str, bytes: &[u8]) -> Result<StoredSecret, KeychainError> {
    let corrupt = |reason: String| KeychainError::Corrupt {
        profile: profile.to_owned(),
        reason,
    };
    let entry: EntryIn = serde_json::from_slice(bytes).map_err(|e| {
        // serde_json's messages quote unexpected *tokens* only for some errors, so they are
        // replaced by a description of the class of problem.
        corrupt(
            match e.classify() {
                serde_json::error::Category::Io | serde_json::error::Category::Eof => {
                    "it is cut short"
                }
                serde_json::error::Category::Syntax => "it is not Number Desk's JSON format",
                serde_json::error::Category::Data => "it lacks the fields Number Desk writes",
            }
            .to_owned(),
        )
    })?;
    if entry.v != ENTRY_FORMAT_VERSION {
        return Err(corrupt(format!(
            "it has format version {}, this Number Desk reads version {ENTRY_FORMAT_VERSION}; \
             it was probably written by a newer Number Desk",
            entry.v
        )));
    }
    let secret = StoredSecret {
        secret_key: SecretKey::new(entry.secret_key.as_str()),
        token: entry.token.as_deref().map(SecretKey::new),
    };
    secret
        .validate()
        .map_err(|e| corrupt(format!("its value is unusable: {e}")))?;
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip_with_and_without_token() {
        for secret in [
            StoredSecret::new("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"),
            StoredSecret::new("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE").with_token("tok/+=_-en"),
        ] {
            let bytes = encode(&secret).unwrap();
            let back = decode("p1", &bytes).unwrap();
            assert!(
                back.same_as(&secret),
                "rule: the entry format round-trips both secrets"
            );
        }
    }

    #[test]
    fn converts_to_and_from_signing_credentials() {
        let secret = StoredSecret::new("KEY").with_token("TOK");
        let credentials = secret.to_credentials("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE");
        assert_eq!(
            credentials.secret_id,
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
        );
        assert_eq!(credentials.secret_key.expose_secret(), "KEY");
        assert_eq!(
            credentials.token.as_ref().map(SecretKey::expose_secret),
            Some("TOK")
        );
        assert!(
            StoredSecret::from_credentials(&credentials).same_as(&secret),
            "rule: the stored secret is exactly the secret part of the credentials"
        );
    }

    #[test]
    fn encoded_entry_is_the_documented_json() {
        let secret = StoredSecret::new("KEY").with_token("TOK");
        let bytes = encode(&secret).unwrap();
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap(),
            r#"{"v":1,"secretKey":"KEY","token":"TOK"}"#,
            "rule: the entry format documented in the module docs is what is written"
        );
        let bytes = encode(&StoredSecret::new("KEY")).unwrap();
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap(),
            r#"{"v":1,"secretKey":"KEY"}"#,
            "rule: no token field for permanent keys"
        );
    }

    #[test]
    fn decode_errors_never_quote_the_entry() {
        let cases: [&[u8]; 5] = [
            b"SECRETSECRETSECRET",
            br#"{"v":1,"secretKey":"SECRETSECRET"#,
            br#"{"v":2,"secretKey":"SECRETSECRET"}"#,
            br#"{"v":1,"secretKey":"SECRET SECRET"}"#,
            br#"{"v":1,"secretKee":"SECRETSECRET"}"#,
        ];
        for bytes in cases {
            let err = decode("p1", bytes).unwrap_err();
            assert_eq!(err.code(), "keychainEntryCorrupt");
            let shown = format!("{err} {err:?}");
            assert!(
                !shown.contains("SECRET"),
                "rule: an unreadable entry's content is never shown: {shown}"
            );
        }
    }

    #[test]
    fn encode_allocates_once() {
        let secret = StoredSecret::new("k".repeat(40)).with_token("t".repeat(3000));
        let bytes = encode(&secret).unwrap();
        assert!(
            bytes.capacity() <= 64 + 40 + 3000,
            "rule: the buffer holding secrets is never reallocated (a reallocation leaves an \
             unwiped copy); capacity {}",
            bytes.capacity()
        );
    }
}
