//! TC3-HMAC-SHA256 verification, written independently of the `numdesk-sign` crate on purpose:
//! a bug in the signer must show up as a rejected request here, not be mirrored.

use std::collections::HashMap;

use hmac::{Hmac, Mac};
use hyper::HeaderMap;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::{API_VERSION, MAX_TIMESTAMP_SKEW_SECS, SERVICE};

type HmacSha256 = Hmac<Sha256>;

const ALGORITHM: &str = "TC3-HMAC-SHA256";
const TERMINATOR: &str = "tc3_request";
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// What a verified request is allowed to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verified {
    pub action: String,
    pub secret_id: String,
    /// `X-TC-Language`, when sent (`zh-CN` or `en-US`; anything else is refused).
    pub language: Option<String>,
    /// `X-TC-Region`, when sent.
    pub region: Option<String>,
}

/// The parsed `Authorization` header.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Authorization<'a> {
    pub secret_id: &'a str,
    pub date: &'a str,
    pub service: &'a str,
    pub terminator: &'a str,
    pub signed_headers: &'a str,
    pub signature: &'a str,
}

/// Parse `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=a;b,
/// Signature=<hex>`.
pub(crate) fn parse_authorization(value: &str) -> Result<Authorization<'_>, ApiError> {
    let invalid = |why: &str| {
        ApiError::new(
            "AuthFailure.InvalidAuthorization",
            format!("The Authorization header is malformed: {why}."),
        )
    };
    let rest = value
        .strip_prefix(ALGORITHM)
        .and_then(|r| r.strip_prefix(' '))
        .ok_or_else(|| invalid("it must start with `TC3-HMAC-SHA256 `"))?;
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        let (key, val) = part
            .split_once('=')
            .ok_or_else(|| invalid("expected `Key=value` parts separated by commas"))?;
        let slot = match key {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            _ => return Err(invalid(&format!("unexpected part `{key}`"))),
        };
        if slot.replace(val).is_some() {
            return Err(invalid(&format!("`{key}` appears twice")));
        }
    }
    let credential = credential.ok_or_else(|| invalid("`Credential` is missing"))?;
    let signed_headers = signed_headers.ok_or_else(|| invalid("`SignedHeaders` is missing"))?;
    let signature = signature.ok_or_else(|| invalid("`Signature` is missing"))?;
    let scope: Vec<&str> = credential.split('/').collect();
    let [secret_id, date, service, terminator] = scope[..] else {
        return Err(invalid(
            "`Credential` must be <SecretId>/<YYYY-MM-DD>/<service>/tc3_request",
        ));
    };
    Ok(Authorization {
        secret_id,
        date,
        service,
        terminator,
        signed_headers,
        signature,
    })
}

/// The UTC calendar date (`YYYY-MM-DD`) of a Unix timestamp.
pub(crate) fn utc_date(timestamp: i64) -> Option<String> {
    let date = time::OffsetDateTime::from_unix_timestamp(timestamp)
        .ok()?
        .date();
    Some(format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    ))
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Result<Option<&'h str>, ApiError> {
    match headers.get(name) {
        None => Ok(None),
        Some(v) => v.to_str().map(Some).map_err(|_| {
            ApiError::new(
                "InvalidParameter",
                format!("The header `{name}` is not valid visible ASCII."),
            )
        }),
    }
}

fn required_header<'h>(
    headers: &'h HeaderMap,
    name: &str,
    param: &str,
) -> Result<&'h str, ApiError> {
    header(headers, name)?.ok_or_else(|| {
        ApiError::new(
            "MissingParameter",
            format!("The request is missing a required parameter `{param}` (header {name})."),
        )
    })
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac(key: &[u8], data: &[u8]) -> Result<Vec<u8>, ApiError> {
    let mut mac =
        HmacSha256::new_from_slice(key).map_err(|_| ApiError::internal("HMAC key setup failed"))?;
    mac.update(data);
    Ok(mac.finalize().into_bytes().to_vec())
}

fn signature_failure(why: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        "AuthFailure.SignatureFailure",
        format!("The request signature could not be verified: {why}."),
    )
}

/// Is this the Content-Type the CCC API accepts for a JSON POST?
pub(crate) fn is_json_content_type(value: &str) -> bool {
    let mut parts = value.split(';').map(str::trim);
    let mime = parts.next().unwrap_or_default();
    if !mime.eq_ignore_ascii_case("application/json") {
        return false;
    }
    match (parts.next(), parts.next()) {
        (None, _) => true,
        (Some(param), None) => param.split_once('=').is_some_and(|(k, v)| {
            k.trim().eq_ignore_ascii_case("charset") && {
                v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
            }
        }),
        _ => false,
    }
}

/// Verify one request for the CCC endpoint. `server_now` is the server's (offset) clock in Unix
/// seconds.
pub(crate) fn verify(
    headers: &HeaderMap,
    body: &[u8],
    server_now: i64,
    secrets: &HashMap<String, String>,
) -> Result<Verified, ApiError> {
    verify_for(headers, body, server_now, secrets, SERVICE, API_VERSION)
}

/// [`verify`] for any service and version (the published test vector is for `cvm`).
fn verify_for(
    headers: &HeaderMap,
    body: &[u8],
    server_now: i64,
    secrets: &HashMap<String, String>,
    service: &str,
    api_version: &str,
) -> Result<Verified, ApiError> {
    let action = required_header(headers, "x-tc-action", "Action")?;
    let version = required_header(headers, "x-tc-version", "Version")?;
    let timestamp_raw = required_header(headers, "x-tc-timestamp", "Timestamp")?;
    let authorization = header(headers, "authorization")?.ok_or_else(|| {
        ApiError::new(
            "AuthFailure.InvalidAuthorization",
            "The Authorization header is missing; sign the request with TC3-HMAC-SHA256.",
        )
    })?;
    let auth = parse_authorization(authorization)?;

    let Some(secret_key) = secrets.get(auth.secret_id) else {
        let hint = if auth.secret_id.trim() != auth.secret_id || auth.secret_id.is_empty() {
            " It is empty or has whitespace around it."
        } else {
            ""
        };
        return Err(ApiError::new(
            "AuthFailure.SecretIdNotFound",
            format!(
                "The SecretId `{}` does not exist in this sandbox.{hint} The sandbox accepts \
                 its built-in SecretId and any configured ones.",
                auth.secret_id
            ),
        ));
    };

    let timestamp: i64 = timestamp_raw.trim().parse().map_err(|_| {
        ApiError::new(
            "InvalidParameter",
            format!("X-TC-Timestamp must be Unix seconds as an integer, got `{timestamp_raw}`."),
        )
    })?;
    let skew = timestamp.saturating_sub(server_now);
    if skew.unsigned_abs() > MAX_TIMESTAMP_SKEW_SECS.unsigned_abs() {
        return Err(ApiError::new(
            "AuthFailure.SignatureExpire",
            format!(
                "The request timestamp {timestamp} is {} s {} the server time {server_now}; at \
                 most {MAX_TIMESTAMP_SKEW_SECS} s is allowed. Sync the local clock.",
                skew.unsigned_abs(),
                if skew > 0 { "ahead of" } else { "behind" },
            ),
        ));
    }

    let expected_date = utc_date(timestamp)
        .ok_or_else(|| signature_failure(format!("timestamp {timestamp} is out of range")))?;
    if auth.date != expected_date {
        return Err(signature_failure(format!(
            "the credential scope date `{}` is not the UTC date `{expected_date}` of \
             X-TC-Timestamp {timestamp}",
            auth.date
        )));
    }
    if auth.service != service {
        return Err(signature_failure(format!(
            "the credential scope names service `{}`, this endpoint is `{service}`",
            auth.service
        )));
    }
    if auth.terminator != TERMINATOR {
        return Err(signature_failure(format!(
            "the credential scope must end in `{TERMINATOR}`, not `{}`",
            auth.terminator
        )));
    }

    let names: Vec<&str> = auth.signed_headers.split(';').collect();
    for required in ["content-type", "host"] {
        if !names.contains(&required) {
            return Err(signature_failure(format!(
                "SignedHeaders `{}` must include `{required}`",
                auth.signed_headers
            )));
        }
    }
    let mut canonical_headers = String::new();
    for name in &names {
        if name.is_empty() || name.to_ascii_lowercase() != *name {
            return Err(signature_failure(format!(
                "SignedHeaders `{}` must be lowercase header names separated by `;`",
                auth.signed_headers
            )));
        }
        let value = header(headers, name)?.ok_or_else(|| {
            signature_failure(format!("signed header `{name}` is not in the request"))
        })?;
        canonical_headers.push_str(name);
        canonical_headers.push(':');
        canonical_headers.push_str(&value.trim().to_ascii_lowercase());
        canonical_headers.push('\n');
    }

    let payload_hash = match header(headers, "x-tc-content-sha256")? {
        Some(UNSIGNED_PAYLOAD) => sha256_hex(UNSIGNED_PAYLOAD.as_bytes()),
        _ => sha256_hex(body),
    };
    let canonical_request = format!(
        "POST\n/\n\n{canonical_headers}\n{}\n{payload_hash}",
        auth.signed_headers
    );
    let credential_scope = format!("{}/{}/{}", auth.date, auth.service, auth.terminator);
    let string_to_sign = format!(
        "{ALGORITHM}\n{timestamp_raw}\n{credential_scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let k_date = hmac(format!("TC3{secret_key}").as_bytes(), auth.date.as_bytes())?;
    let k_service = hmac(&k_date, auth.service.as_bytes())?;
    let k_signing = hmac(&k_service, TERMINATOR.as_bytes())?;

    let provided = hex::decode(auth.signature)
        .ok()
        .filter(|s| s.len() == 32 && auth.signature.bytes().all(|b| !b.is_ascii_uppercase()))
        .ok_or_else(|| signature_failure("Signature must be 64 lowercase hex digits"))?;
    let mut mac = HmacSha256::new_from_slice(&k_signing)
        .map_err(|_| ApiError::internal("HMAC key setup failed"))?;
    mac.update(string_to_sign.as_bytes());
    // verify_slice compares in constant time.
    mac.verify_slice(&provided).map_err(|_| {
        signature_failure(
            "it does not match the signature computed with this SecretId's key (check the \
             SecretKey, the Host header and that the body is sent byte-for-byte as signed)",
        )
    })?;

    if let Some(token) = header(headers, "x-tc-token")?
        && !token.is_empty()
    {
        return Err(ApiError::new(
            "AuthFailure.TokenFailure",
            "The sandbox does not issue temporary credentials, so X-TC-Token cannot be valid; \
             use the permanent sandbox key without a token.",
        ));
    }

    let content_type = header(headers, "content-type")?.unwrap_or_default();
    if !is_json_content_type(content_type) {
        return Err(ApiError::new(
            "InvalidRequest",
            format!("Content-Type must be `application/json`, got `{content_type}`."),
        ));
    }
    // The common parameter Language takes zh-CN or en-US only.
    let language = header(headers, "x-tc-language")?;
    if let Some(lang) = language
        && !matches!(lang, "zh-CN" | "en-US")
    {
        return Err(ApiError::new(
            "InvalidParameterValue",
            format!("X-TC-Language must be `zh-CN` or `en-US`, not `{lang}`."),
        ));
    }
    if version != api_version {
        return Err(ApiError::new(
            "NoSuchVersion",
            format!(
                "The API version `{version}` does not exist for {service}; use `{api_version}`."
            ),
        ));
    }
    Ok(Verified {
        action: action.to_owned(),
        secret_id: auth.secret_id.to_owned(),
        language: language.map(str::to_owned),
        region: header(headers, "x-tc-region")?.map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_authorization_the_official_sdk_sends() {
        let a = parse_authorization(
            "TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, Signature=abc",
        )
        .expect("a well-formed header parses");
        assert_eq!(a.secret_id, "AKIDx");
        assert_eq!(a.date, "2019-02-25");
        assert_eq!(a.service, "cvm");
        assert_eq!(a.terminator, "tc3_request");
        assert_eq!(a.signed_headers, "content-type;host");
        assert_eq!(a.signature, "abc");
    }

    #[test]
    fn rejects_malformed_authorization_with_invalid_authorization() {
        for bad in [
            "HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=x",
            "TC3-HMAC-SHA256 Credential=a/b/c, SignedHeaders=host, Signature=x",
            "TC3-HMAC-SHA256 Credential=a/b/c/d, Signature=x",
            "TC3-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=x, Signature=y",
        ] {
            let err = parse_authorization(bad).expect_err(bad);
            assert_eq!(err.code, "AuthFailure.InvalidAuthorization", "{bad}");
        }
    }

    #[test]
    fn utc_date_is_utc_not_local() {
        // Tencent's published vector: 2019-02-26 in UTC+8 but 2019-02-25 in UTC.
        assert_eq!(utc_date(1_551_113_065).as_deref(), Some("2019-02-25"));
    }

    #[test]
    fn json_content_type_accepts_the_charset_variant_only() {
        assert!(is_json_content_type("application/json"));
        assert!(is_json_content_type("application/json; charset=utf-8"));
        assert!(is_json_content_type("Application/JSON;charset=UTF-8"));
        assert!(!is_json_content_type("application/json; charset=gbk"));
        assert!(!is_json_content_type("application/x-www-form-urlencoded"));
        assert!(!is_json_content_type("text/plain"));
        assert!(!is_json_content_type(""));
    }

    /// Tencent's public "Signature v3" vector (API.md), run through the whole verification path.
    #[test]
    fn verifies_the_published_signature_vector() {
        let body = br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
        assert_eq!(
            sha256_hex(body),
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
            "payload hash of the published vector"
        );
        let mut headers = HeaderMap::new();
        for (k, v) in [
            ("content-type", "application/json; charset=utf-8"),
            ("host", "cvm.tencentcloudapi.com"),
            ("x-tc-action", "DescribeInstances"),
            ("x-tc-version", "2017-03-12"),
            ("x-tc-timestamp", "1551113065"),
            ("x-tc-region", "ap-guangzhou"),
            (
                "authorization",
                "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/\
                 tc3_request, SignedHeaders=content-type;host, \
                 Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
            ),
        ] {
            headers.insert(k, v.parse().unwrap());
        }
        let secrets = HashMap::from([(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE".to_owned(),
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE".to_owned(),
        )]);
        let ok = verify_for(&headers, body, 1_551_113_065, &secrets, "cvm", "2017-03-12");
        assert_eq!(
            ok.map(|v| v.action),
            Ok("DescribeInstances".to_owned()),
            "the published vector must verify with the sandbox's own TC3 code"
        );

        let mut tampered = body.to_vec();
        tampered[10] = b'2';
        let err = verify_for(
            &headers,
            &tampered,
            1_551_113_065,
            &secrets,
            "cvm",
            "2017-03-12",
        )
        .expect_err("a body changed after signing must fail");
        assert_eq!(err.code, "AuthFailure.SignatureFailure");

        // X-TC-Language is not signed here, but its value is still checked, and it is kept.
        for (lang, accepted) in [
            ("zh-CN", true),
            ("en-US", true),
            ("fr-FR", false),
            ("zh", false),
        ] {
            let mut with = headers.clone();
            with.insert("x-tc-language", lang.parse().unwrap());
            let got = verify_for(&with, body, 1_551_113_065, &secrets, "cvm", "2017-03-12");
            match got {
                Ok(v) => {
                    assert!(accepted, "{lang} must be refused");
                    assert_eq!(v.language.as_deref(), Some(lang));
                    assert_eq!(v.region.as_deref(), Some("ap-guangzhou"));
                }
                Err(e) => {
                    assert!(!accepted, "{lang} must be accepted: {e:?}");
                    assert_eq!(e.code, "InvalidParameterValue");
                }
            }
        }
    }
}
