//! Where credentials come from. The OS keychain is added later; for now the environment, as
//! Tencent's own CLI reads it, and values the caller already has.

use std::fmt;

use numdesk_sign::Credentials;

use crate::error::ClientError;

/// Environment variable of the SecretId.
pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
/// Environment variable of the SecretKey.
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// Environment variable of the temporary-credential token (optional).
pub const ENV_TOKEN: &str = "TENCENTCLOUD_TOKEN";

/// Supplies the credentials to sign with.
pub trait CredentialsProvider: Send + Sync + fmt::Debug {
    /// Current credentials, validated (non-empty, no whitespace).
    fn credentials(&self) -> Result<Credentials, ClientError>;
}

/// Fixed credentials.
#[derive(Debug, Clone)]
pub struct StaticCredentials(pub Credentials);

impl CredentialsProvider for StaticCredentials {
    fn credentials(&self) -> Result<Credentials, ClientError> {
        self.0.validate()?;
        Ok(self.0.clone())
    }
}

/// Reads `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and optional `TENCENTCLOUD_TOKEN`.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnvCredentials;

impl CredentialsProvider for EnvCredentials {
    fn credentials(&self) -> Result<Credentials, ClientError> {
        from_env()
    }
}

/// Credentials from the process environment.
pub fn from_env() -> Result<Credentials, ClientError> {
    from_lookup(|name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()))
}

/// Credentials from any variable lookup (the environment in [`from_env`]; a map in tests).
///
/// An empty `TENCENTCLOUD_TOKEN` counts as absent. Values are validated: a key pasted with a
/// space or a line break is refused with a message saying so.
pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Credentials, ClientError> {
    let required = |variable: &'static str, hint: &'static str| match lookup(variable) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(ClientError::MissingCredentials { variable, hint }),
    };
    let id = required(
        ENV_SECRET_ID,
        "export TENCENTCLOUD_SECRET_ID=AKID… (from Cloud Access Management > API Keys in the \
         Tencent Cloud console)",
    )?;
    let key = required(
        ENV_SECRET_KEY,
        "export TENCENTCLOUD_SECRET_KEY=… (shown once when the API key is created)",
    )?;
    let mut credentials = Credentials::new(id, key);
    if let Some(token) = lookup(ENV_TOKEN).filter(|t| !t.is_empty()) {
        credentials = credentials.with_token(token);
    }
    credentials.validate()?;
    Ok(credentials)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn reads_id_key_and_optional_token() {
        let c = from_lookup(lookup(&[(ENV_SECRET_ID, "AKIDx"), (ENV_SECRET_KEY, "k")])).unwrap();
        assert_eq!(c.secret_id, "AKIDx");
        assert_eq!(c.secret_key.expose_secret(), "k");
        assert!(c.token.is_none());
        let c = from_lookup(lookup(&[
            (ENV_SECRET_ID, "AKIDx"),
            (ENV_SECRET_KEY, "k"),
            (ENV_TOKEN, "tok"),
        ]))
        .unwrap();
        assert_eq!(c.token.unwrap().expose_secret(), "tok");
    }

    #[test]
    fn missing_values_name_the_variable() {
        let err = from_lookup(lookup(&[(ENV_SECRET_KEY, "k")])).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("TENCENTCLOUD_SECRET_ID is not set"),
            "{err}"
        );
        let err =
            from_lookup(lookup(&[(ENV_SECRET_ID, "AKID"), (ENV_SECRET_KEY, "")])).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("TENCENTCLOUD_SECRET_KEY is not set"),
            "{err}"
        );
    }

    #[test]
    fn pasted_whitespace_is_refused_without_echoing_the_secret() {
        let err = from_lookup(lookup(&[
            (ENV_SECRET_ID, "AKID"),
            (ENV_SECRET_KEY, "sec ret\n"),
        ]))
        .unwrap_err();
        assert!(matches!(err, ClientError::Sign(_)), "{err:?}");
        assert!(
            !err.to_string().contains("sec ret"),
            "a secret must never appear in a message"
        );
    }
}
