//! The exact request the client would send now, for a preview: method, URL, every header in the
//! order it is sent (signature computed) and the body — built by the same signing path as a real
//! call, so what the user inspects is what leaves.
//!
//! [`PreparedRequest`] holds the real values (the `X-TC-Token` included) and is only meant to be
//! sent or redacted; [`PreparedRequest::redacted`] is what may be shown, copied or logged: the
//! token becomes `***` and the SecretId in `Authorization` is partly masked. The SecretKey is
//! never part of a request in the first place (only the signature derived from it is).

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::client::Client;
use crate::error::ClientError;
use crate::models::{CreateOwnNumberApplyRequest, actions};

/// `User-Agent` every request carries (set on the HTTP client in [`Client::new`]).
pub(crate) const USER_AGENT: &str = concat!("numdesk/", env!("CARGO_PKG_VERSION"));
/// `Accept` the HTTP library adds to every request.
const ACCEPT: &str = "*/*";
/// What a redacted secret reads as.
pub const REDACTED: &str = "***";

/// A request exactly as it would be sent. Contains the session token: never show, log or store
/// it as is; use [`redacted`](Self::redacted).
#[derive(Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    /// The action (`X-TC-Action`).
    pub action: String,
    /// Always `POST`.
    pub method: &'static str,
    /// Where it is posted.
    pub url: String,
    /// Every header, in the order sent: the signed ones (Authorization, Content-Type, Host,
    /// X-TC-Action, X-TC-Timestamp, X-TC-Version, then X-TC-Region / X-TC-Token / X-TC-Language
    /// when set), then the ones the HTTP layer adds (User-Agent, Accept, Content-Length).
    pub headers: Vec<(String, String)>,
    /// The body, byte for byte.
    pub body: Vec<u8>,
    /// The `X-TC-Timestamp` signed (Unix seconds, clock correction included).
    pub timestamp: i64,
}

impl fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Debug output ends up in logs: show only the redacted form.
        fmt::Debug::fmt(&self.redacted(), f)
    }
}

/// One header of a [`RequestPreview`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreviewHeader {
    /// As sent, e.g. `X-TC-Action`.
    pub name: String,
    /// The value, with secrets redacted.
    pub value: String,
}

/// A request with every secret redacted: safe to show, copy and log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequestPreview {
    /// The action.
    pub action: String,
    /// `POST`.
    pub method: String,
    /// Where it is posted.
    pub url: String,
    /// Every header in the order sent; `X-TC-Token` reads `***` and the SecretId in
    /// `Authorization` is masked.
    pub headers: Vec<PreviewHeader>,
    /// The body as sent (compact JSON).
    pub body: String,
    /// The body pretty-printed for reading (the request carries the compact form).
    pub body_pretty: String,
    /// The signed timestamp, Unix seconds.
    #[ts(type = "number")]
    pub timestamp: i64,
}

/// A SecretId with its middle hidden: `AKIDz8kr…ojbd` → first 6 and last 4 characters kept, so
/// the user can tell which key it is without the whole id being copied around.
pub fn mask_secret_id(secret_id: &str) -> String {
    let chars: Vec<char> = secret_id.chars().collect();
    if chars.len() <= 10 {
        return REDACTED.to_owned();
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{REDACTED}{tail}")
}

/// `Authorization` with the SecretId inside `Credential=` masked.
fn mask_authorization(value: &str) -> String {
    const KEY: &str = "Credential=";
    let Some(start) = value.find(KEY).map(|i| i + KEY.len()) else {
        return value.to_owned();
    };
    let rest = &value[start..];
    let end = rest.find('/').unwrap_or(rest.len());
    format!(
        "{}{}{}",
        &value[..start],
        mask_secret_id(&rest[..end]),
        &rest[end..]
    )
}

impl PreparedRequest {
    /// The same request with every secret redacted.
    pub fn redacted(&self) -> RequestPreview {
        let headers = self
            .headers
            .iter()
            .map(|(name, value)| {
                let value = if name.eq_ignore_ascii_case("X-TC-Token") {
                    REDACTED.to_owned()
                } else if name.eq_ignore_ascii_case("Authorization") {
                    mask_authorization(value)
                } else {
                    value.clone()
                };
                PreviewHeader {
                    name: name.clone(),
                    value,
                }
            })
            .collect();
        let body = String::from_utf8_lossy(&self.body).into_owned();
        let body_pretty = serde_json::from_slice::<serde_json::Value>(&self.body)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| body.clone());
        RequestPreview {
            action: self.action.clone(),
            method: self.method.to_owned(),
            url: self.url.clone(),
            headers,
            body,
            body_pretty,
            timestamp: self.timestamp,
        }
    }

    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Client {
    /// The request a call of `action` with `body` would send if it left now: signed with the
    /// current time (plus any learned clock correction) exactly as the first attempt of a real
    /// call is. Nothing is sent and the rate limiter is not touched.
    pub fn prepare(&self, action: &str, body: Vec<u8>) -> Result<PreparedRequest, ClientError> {
        let now = self.config().clock.now_unix_millis();
        let timestamp = now.div_euclid(1000) + self.clock_offset_secs();
        let signed = self.sign(action, timestamp, &body)?;
        let mut headers = signed.headers;
        headers.push(("User-Agent".to_owned(), USER_AGENT.to_owned()));
        headers.push(("Accept".to_owned(), ACCEPT.to_owned()));
        headers.push(("Content-Length".to_owned(), body.len().to_string()));
        Ok(PreparedRequest {
            action: action.to_owned(),
            method: "POST",
            url: self.config().endpoint.url().to_string(),
            headers,
            body,
            timestamp,
        })
    }

    /// [`prepare`](Self::prepare) for `CreateOwnNumberApply`, with the body serialised exactly
    /// as [`create_own_number_apply`](Self::create_own_number_apply) serialises it.
    pub fn prepare_create_own_number_apply(
        &self,
        request: &CreateOwnNumberApplyRequest,
    ) -> Result<PreparedRequest, ClientError> {
        let body = serde_json::to_vec(request).map_err(ClientError::Encode)?;
        self.prepare(actions::CREATE_OWN_NUMBER_APPLY, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_ids_keep_only_their_ends() {
        assert_eq!(
            mask_secret_id("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
            "AKIDz8***MPLE"
        );
        assert_eq!(
            mask_secret_id("short"),
            "***",
            "short ids are hidden entirely"
        );
        assert_eq!(
            mask_authorization(
                "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/\
                 tc3_request, SignedHeaders=content-type;host, Signature=abc"
            ),
            "TC3-HMAC-SHA256 Credential=AKIDz8***MPLE/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, Signature=abc"
        );
    }
}
