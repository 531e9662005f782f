//! The whole signing run: validate, compute every step, list the headers to send.

use std::fmt;

use crate::{
    Credentials, SignError, SigningParams, authorization, canonical_request,
    canonical_request_hash, credential_scope, payload_hash, signature, signing_key,
    string_to_sign_with_hash, utc_date, validate,
};

/// Names of the headers in [`SignedRequest::headers`], spelled as sent.
pub mod header_names {
    /// `Authorization`
    pub const AUTHORIZATION: &str = "Authorization";
    /// `Content-Type`
    pub const CONTENT_TYPE: &str = "Content-Type";
    /// `Host`
    pub const HOST: &str = "Host";
    /// `X-TC-Action`
    pub const X_TC_ACTION: &str = "X-TC-Action";
    /// `X-TC-Timestamp`
    pub const X_TC_TIMESTAMP: &str = "X-TC-Timestamp";
    /// `X-TC-Version`
    pub const X_TC_VERSION: &str = "X-TC-Version";
    /// `X-TC-Region` (only when a region is set)
    pub const X_TC_REGION: &str = "X-TC-Region";
    /// `X-TC-Token` (only for temporary credentials)
    pub const X_TC_TOKEN: &str = "X-TC-Token";
    /// `X-TC-Language` (only when a language is set)
    pub const X_TC_LANGUAGE: &str = "X-TC-Language";
}

use header_names as h;

/// The result of [`sign`]: every intermediate value (for tests and diagnostics) and the headers.
///
/// `Debug` prints everything except the value of `X-TC-Token`, which is a secret.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// Lowercase hex SHA-256 of the body.
    pub payload_hash: String,
    /// The canonical request text.
    pub canonical_request: String,
    /// Lowercase hex SHA-256 of the canonical request.
    pub canonical_request_hash: String,
    /// UTC date of the timestamp, `YYYY-MM-DD`.
    pub date: String,
    /// `<date>/<service>/tc3_request`.
    pub credential_scope: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// Lowercase hex signature.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
    /// Every header to send, in this order: Authorization, Content-Type, Host, X-TC-Action,
    /// X-TC-Timestamp, X-TC-Version, then X-TC-Region / X-TC-Token / X-TC-Language only when set.
    pub headers: Vec<(String, String)>,
}

impl SignedRequest {
    /// Value of a header in [`headers`](Self::headers), by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Header list that prints `***` for the token value.
struct RedactedHeaders<'a>(&'a [(String, String)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(name, value)| {
                let value = if name.eq_ignore_ascii_case(h::X_TC_TOKEN) {
                    "***"
                } else {
                    value
                };
                (name.as_str(), value)
            }))
            .finish()
    }
}

impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedRequest")
            .field("payload_hash", &self.payload_hash)
            .field("canonical_request", &self.canonical_request)
            .field("canonical_request_hash", &self.canonical_request_hash)
            .field("date", &self.date)
            .field("credential_scope", &self.credential_scope)
            .field("string_to_sign", &self.string_to_sign)
            .field("signature", &self.signature)
            .field("authorization", &self.authorization)
            .field("headers", &RedactedHeaders(&self.headers))
            .finish()
    }
}

/// Sign a `POST /` of `body` with TC3-HMAC-SHA256.
///
/// Pure: no clock, no I/O. `body` must be byte-for-byte the body sent, and `params.host` exactly
/// the `Host` header sent. Call again for every attempt (the timestamp must be fresh).
pub fn sign(
    credentials: &Credentials,
    params: &SigningParams<'_>,
    body: &[u8],
) -> Result<SignedRequest, SignError> {
    credentials.validate()?;
    validate::params(params)?;
    let date = utc_date(params.timestamp)?;

    let payload_hash = payload_hash(body);
    let canonical_request = canonical_request(params.content_type, params.host, &payload_hash);
    let canonical_request_hash = canonical_request_hash(&canonical_request);
    let credential_scope = credential_scope(&date, params.service);
    let string_to_sign =
        string_to_sign_with_hash(params.timestamp, &credential_scope, &canonical_request_hash);
    let key = signing_key(&credentials.secret_key, &date, params.service);
    let signature = signature(&key, &string_to_sign);
    let authorization = authorization(&credentials.secret_id, &credential_scope, &signature);

    let mut headers: Vec<(String, String)> = Vec::with_capacity(9);
    let mut push = |name: &str, value: &str| headers.push((name.to_owned(), value.to_owned()));
    push(h::AUTHORIZATION, &authorization);
    push(h::CONTENT_TYPE, params.content_type);
    push(h::HOST, params.host);
    push(h::X_TC_ACTION, params.action);
    push(h::X_TC_TIMESTAMP, &params.timestamp.to_string());
    push(h::X_TC_VERSION, params.version);
    if let Some(region) = params.region {
        push(h::X_TC_REGION, region);
    }
    if let Some(token) = &credentials.token {
        push(h::X_TC_TOKEN, token.expose_secret());
    }
    if let Some(language) = params.language {
        push(h::X_TC_LANGUAGE, language);
    }

    Ok(SignedRequest {
        payload_hash,
        canonical_request,
        canonical_request_hash,
        date,
        credential_scope,
        string_to_sign,
        signature,
        authorization,
        headers,
    })
}
