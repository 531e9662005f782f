//! `Client::prepare`: the preview is exactly what a real call sends, and its redacted form holds
//! no secret.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

use std::io::{Read, Write};
use std::sync::Arc;

use common::*;
use numdesk_client::{
    Client, ClientConfig, Credentials, Endpoint, FixedClock, ProxySetting, RateLimiter, SecretKey,
};

/// A loopback server that answers one request with a valid `CreateOwnNumberApply` response and
/// hands back the raw request bytes it received.
fn capture_one() -> (u16, std::thread::JoinHandle<Vec<u8>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut raw = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            let n = stream.read(&mut buf).unwrap();
            assert!(n > 0, "the client closed before sending a whole request");
            raw.extend_from_slice(&buf[..n]);
            if let Some(end) = find(&raw, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
                let len: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .map(|v| v.trim().parse().unwrap())
                    .unwrap_or(0);
                if raw.len() >= end + 4 + len {
                    break;
                }
            }
        }
        let body = r#"{"Response":{"ApplyId":42,"RequestId":"req-capture"}}"#;
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        raw
    });
    (port, handle)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Splits raw HTTP/1.1 request bytes into (request line, headers, body).
fn parse(raw: &[u8]) -> (String, Vec<(String, String)>, Vec<u8>) {
    let end = find(raw, b"\r\n\r\n").unwrap();
    let head = String::from_utf8(raw[..end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap().to_owned();
    let headers = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.trim().to_ascii_lowercase(), v.trim().to_owned())
        })
        .collect();
    (request_line, headers, raw[end + 4..].to_vec())
}

fn token_credentials() -> Credentials {
    Credentials {
        secret_id: "AKIDpreviewTEST1234567890abcdefWXYZ".to_owned(),
        secret_key: SecretKey::from("previewSecretKeyNeverShown0000000"),
        token: Some(SecretKey::from("sessionTokenNeverShown-0123456789")),
    }
}

#[tokio::test]
async fn the_prepared_request_is_byte_for_byte_what_a_real_call_sends() {
    let (port, server) = capture_one();
    let endpoint: Endpoint = format!("http://127.0.0.1:{port}").parse().unwrap();
    let config = ClientConfig {
        proxy: ProxySetting::None,
        // One instant for both, so both carry the same timestamp and signature.
        clock: Arc::new(FixedClock {
            unix_millis: 1_767_225_600_123,
        }),
        ..ClientConfig::new(endpoint)
    };
    let client = Client::new(config, RateLimiter::default(), token_credentials()).unwrap();
    let request = create_request("02012345678");
    let prepared = client.prepare_create_own_number_apply(&request).unwrap();
    let created = client.create_own_number_apply(&request).await.unwrap();
    assert_eq!(created.apply_id, 42);
    let (request_line, sent_headers, sent_body) = parse(&server.join().unwrap());

    assert_eq!(
        request_line, "POST / HTTP/1.1",
        "rule: the preview's method and URL are the ones used"
    );
    assert_eq!(prepared.method, "POST");
    assert_eq!(prepared.url, format!("http://127.0.0.1:{port}/"));
    assert_eq!(
        prepared.body, sent_body,
        "rule: the previewed body is byte for byte the body sent"
    );
    let mut previewed: Vec<(String, String)> = prepared
        .headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .collect();
    let mut sent = sent_headers.clone();
    previewed.sort();
    sent.sort();
    assert_eq!(
        previewed, sent,
        "rule: the preview lists every header sent, with the same values (signature included), \
         and nothing else"
    );
}

#[tokio::test]
async fn a_prepared_request_is_accepted_by_the_sandbox_when_sent_as_is() {
    let sandbox = default_sandbox().await;
    let client = client(&sandbox);
    let prepared = client
        .prepare_create_own_number_apply(&create_request("02087654321"))
        .unwrap();
    // Sent with a plain HTTP client, headers and body exactly as prepared: the sandbox verifies
    // the signature with its own code.
    numdesk_client::tls::install_provider();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let mut req = http.post(&prepared.url).body(prepared.body.clone());
    for (name, value) in &prepared.headers {
        if !name.eq_ignore_ascii_case("Host") && !name.eq_ignore_ascii_case("Content-Length") {
            req = req.header(name.as_str(), value.as_str());
        }
    }
    let answer: serde_json::Value = req.send().await.unwrap().json().await.unwrap();
    assert!(
        answer["Response"]["ApplyId"].is_u64(),
        "rule: the previewed signature is valid for the previewed request: {answer}"
    );
    assert_eq!(sandbox.applications()[0].numbers, ["02087654321"]);
}

#[test]
fn the_redacted_preview_holds_no_secret() {
    let config = ClientConfig::new(Endpoint::International);
    let client = Client::new(config, RateLimiter::default(), token_credentials()).unwrap();
    let prepared = client
        .prepare_create_own_number_apply(&create_request("02012345678"))
        .unwrap();
    assert_eq!(
        prepared.header("X-TC-Token"),
        Some("sessionTokenNeverShown-0123456789"),
        "the token is sent"
    );
    let preview = prepared.redacted();
    let text = serde_json::to_string(&preview).unwrap();
    let debug = format!("{prepared:?}");
    for (what, secret) in [
        ("SecretKey", "previewSecretKeyNeverShown0000000"),
        ("token", "sessionTokenNeverShown-0123456789"),
        ("whole SecretId", "AKIDpreviewTEST1234567890abcdefWXYZ"),
    ] {
        assert!(
            !text.contains(secret),
            "rule: the preview never contains the {what}"
        );
        assert!(
            !debug.contains(secret),
            "rule: Debug of a prepared request never shows the {what}"
        );
    }
    let token = preview
        .headers
        .iter()
        .find(|h| h.name == "X-TC-Token")
        .unwrap();
    assert_eq!(token.value, "***");
    let auth = preview
        .headers
        .iter()
        .find(|h| h.name == "Authorization")
        .unwrap();
    assert!(
        auth.value.contains("Credential=AKIDpr***WXYZ/") && auth.value.contains("Signature="),
        "the SecretId is masked, the signature shown: {}",
        auth.value
    );
    assert_eq!(preview.url, "https://ccc.intl.tencentcloudapi.com/");
    assert!(
        preview.body_pretty.contains("\n  \"SdkAppId\""),
        "pretty body: {}",
        preview.body_pretty
    );
}
