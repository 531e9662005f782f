//! Helpers shared by the sandbox integration tests: real loopback HTTP, requests signed with
//! the `numdesk-sign` crate.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::time::{SystemTime, UNIX_EPOCH};

use numdesk_sandbox::{SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, Sandbox, SandboxConfig};
use numdesk_sign::{Credentials, SigningParams, sign};
use serde_json::{Value, json};

pub fn unix(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

pub async fn start(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("sandbox starts")
}

pub fn http() -> reqwest::Client {
    // reqwest is built without a provider of its own (see numdesk_client::tls).
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// Headers for `body`, signed by numdesk-sign with the given parameters.
pub fn signed_headers(
    creds: &Credentials,
    params: &SigningParams<'_>,
    body: &[u8],
) -> Vec<(String, String)> {
    sign(creds, params, body)
        .expect("numdesk-sign signs")
        .headers
}

/// A response: HTTP status, headers and parsed JSON body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub json: Value,
}

impl Reply {
    /// `Response.Error.Code`, if this is an error.
    pub fn code(&self) -> Option<&str> {
        self.json["Response"]["Error"]["Code"].as_str()
    }

    pub fn message(&self) -> &str {
        self.json["Response"]["Error"]["Message"]
            .as_str()
            .unwrap_or_default()
    }

    pub fn response(&self) -> &Value {
        &self.json["Response"]
    }

    pub fn request_id(&self) -> &str {
        self.json["Response"]["RequestId"]
            .as_str()
            .expect("every response has a RequestId")
    }

    /// Assert an error code, returning the message.
    #[track_caller]
    pub fn expect_error(&self, code: &str, rule: &str) -> &str {
        assert_eq!(self.status, 200, "{rule}: errors are HTTP 200");
        assert_eq!(self.code(), Some(code), "{rule}: {:#}", self.json);
        self.message()
    }

    #[track_caller]
    pub fn expect_ok(&self, rule: &str) -> &Value {
        assert_eq!(self.status, 200, "{rule}");
        assert_eq!(self.code(), None, "{rule}: {:#}", self.json);
        self.response()
    }
}

/// POST raw bytes with the given headers.
pub async fn post(sandbox: &Sandbox, headers: &[(String, String)], body: Vec<u8>) -> Reply {
    try_post(sandbox, headers, body)
        .await
        .expect("the sandbox answers")
}

pub async fn try_post(
    sandbox: &Sandbox,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Result<Reply, reqwest::Error> {
    try_post_url(&sandbox.url(), headers, body).await
}

/// POST to a base URL (usable from spawned tasks, which cannot borrow the sandbox).
pub async fn try_post_url(
    url: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Result<Reply, reqwest::Error> {
    let mut req = http().post(format!("{url}/")).body(body);
    for (k, v) in headers {
        req = req.header(k.as_str(), v.as_str());
    }
    let resp = req.send().await?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let bytes = resp.bytes().await?;
    let json = serde_json::from_slice(&bytes).expect("the sandbox answers JSON");
    Ok(Reply {
        status,
        headers,
        json,
    })
}

/// Call `action` with the built-in sandbox key, signed at the sandbox's server time.
pub async fn call(sandbox: &Sandbox, action: &str, body: &Value) -> Reply {
    try_call(sandbox, action, body)
        .await
        .expect("the sandbox answers")
}

pub async fn try_call(
    sandbox: &Sandbox,
    action: &str,
    body: &Value,
) -> Result<Reply, reqwest::Error> {
    let body = serde_json::to_vec(body).unwrap();
    let headers = signed_for(sandbox, action, &body);
    try_post(sandbox, &headers, body).await
}

/// Headers for `action` signed with the sandbox key at the sandbox's server time.
pub fn signed_for(sandbox: &Sandbox, action: &str, body: &[u8]) -> Vec<(String, String)> {
    let host = sandbox.host();
    let ts = unix(sandbox.server_time());
    signed_headers(
        &Credentials::new(SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY),
        &SigningParams::ccc(&host, action, ts),
        body,
    )
}

pub fn detail(number: &str) -> Value {
    json!({"CallType": 1, "PhoneNumber": number, "MaxCallCount": 10, "MaxCallPSec": 2})
}

/// A valid CreateOwnNumberApply body on the default SdkAppId and trunk.
pub fn create_body(numbers: &[&str]) -> Value {
    json!({
        "SdkAppId": numdesk_sandbox::DEFAULT_SDK_APP_ID,
        "SipTrunkId": numdesk_sandbox::DEFAULT_SIP_TRUNK_ID,
        "DetailList": numbers.iter().map(|n| detail(n)).collect::<Vec<_>>(),
    })
}

/// Create an application and return its ApplyId.
pub async fn create(sandbox: &Sandbox, numbers: &[&str]) -> u64 {
    let reply = call(sandbox, "CreateOwnNumberApply", &create_body(numbers)).await;
    reply.expect_ok("a valid CreateOwnNumberApply succeeds")["ApplyId"]
        .as_u64()
        .expect("ApplyId is a uint64")
}
