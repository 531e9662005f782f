//! TC3-HMAC-SHA256 verification and the request envelope, over real loopback HTTP.
//!
//! Over 500 lines because each test signs requests by hand and breaks one thing TC3 checks (key,
//! body, SecretId, timestamp, Authorization, headers), on the same loopback set-up.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

use std::collections::HashSet;
use std::time::{Duration, UNIX_EPOCH};

use common::*;
use numdesk_sandbox::{
    Faults, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, Sandbox, SandboxConfig, SandboxError,
};
use numdesk_sign::{Credentials, SigningParams};
use serde_json::json;

const BUY_INFO: &str = "DescribeCCCBuyInfoList";

fn sandbox_creds() -> Credentials {
    Credentials::new(SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY)
}

#[tokio::test]
async fn signed_request_succeeds_with_tencent_envelope_and_headers() {
    let sb = start(SandboxConfig::default()).await;
    sb.freeze_clock_now(); // so the Date header can be compared exactly
    let a = call(&sb, BUY_INFO, &json!({})).await;
    let r = a.expect_ok("a request signed by numdesk-sign with the sandbox key is accepted");
    assert_eq!(r["TotalCount"], 2, "the fixture account has two SdkAppIds");
    assert_eq!(
        a.headers.get("content-type").unwrap(),
        "application/json",
        "Content-Type must be exactly application/json (the official SDK ignores others)"
    );
    let date = a
        .headers
        .get("date")
        .expect("every response carries a Date header");
    let parsed = httpdate::parse_http_date(date.to_str().unwrap()).expect("Date is RFC 1123");
    assert_eq!(
        unix(parsed),
        unix(sb.server_time()),
        "Date shows the server clock"
    );

    let mut ids = HashSet::new();
    ids.insert(a.request_id().to_owned());
    for _ in 0..5 {
        let b = call(&sb, BUY_INFO, &json!({})).await;
        assert!(
            ids.insert(b.request_id().to_owned()),
            "every response has a fresh RequestId"
        );
    }
    let bad = call(&sb, "NoSuchThing", &json!({})).await;
    assert_eq!(
        bad.request_id().len(),
        36,
        "errors carry a uuid-like RequestId too"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn wrong_key_or_changed_body_is_signature_failure() {
    let sb = start(SandboxConfig::default()).await;
    let host = sb.host();
    let ts = unix(sb.server_time());
    let body = br#"{}"#.to_vec();
    let wrong = Credentials::new(SANDBOX_SECRET_ID, "NotTheSandboxKey");
    let h = signed_headers(&wrong, &SigningParams::ccc(&host, BUY_INFO, ts), &body);
    post(&sb, &h, body.clone()).await.expect_error(
        "AuthFailure.SignatureFailure",
        "a signature made with another key fails",
    );

    let h = signed_headers(
        &sandbox_creds(),
        &SigningParams::ccc(&host, BUY_INFO, ts),
        &body,
    );
    post(&sb, &h, br#"{ }"#.to_vec()).await.expect_error(
        "AuthFailure.SignatureFailure",
        "the body must be sent exactly as signed",
    );

    let other_host = format!("localhost:{}", sb.local_addr().port());
    let h = signed_headers(
        &sandbox_creds(),
        &SigningParams::ccc(&other_host, BUY_INFO, ts),
        &body,
    );
    let h: Vec<_> = h.into_iter().filter(|(k, _)| k != "Host").collect();
    post(&sb, &h, body.clone()).await.expect_error(
        "AuthFailure.SignatureFailure",
        "the signed host must be the Host sent",
    );

    let h = signed_headers(
        &sandbox_creds(),
        &SigningParams::ccc(&host, BUY_INFO, ts),
        &body,
    );
    let h: Vec<_> = h
        .into_iter()
        .map(|(k, v)| {
            if k == "Authorization" {
                let i = v.rfind("Signature=").unwrap() + "Signature=".len();
                (k, format!("{}{}", &v[..i], v[i..].to_uppercase()))
            } else {
                (k, v)
            }
        })
        .collect();
    post(&sb, &h, body).await.expect_error(
        "AuthFailure.SignatureFailure",
        "the signature is lowercase hex",
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_secret_id_is_secret_id_not_found() {
    let sb = start(SandboxConfig::default()).await;
    let host = sb.host();
    let ts = unix(sb.server_time());
    let body = b"{}".to_vec();
    let h = signed_headers(
        &Credentials::new("AKIDsomeoneelse", SANDBOX_SECRET_KEY),
        &SigningParams::ccc(&host, BUY_INFO, ts),
        &body,
    );
    let msg = post(&sb, &h, body.clone())
        .await
        .expect_error(
            "AuthFailure.SecretIdNotFound",
            "an unknown SecretId is reported as such",
        )
        .to_owned();
    assert!(
        msg.contains("AKIDsomeoneelse"),
        "the message names the SecretId: {msg}"
    );

    let custom = SandboxConfig {
        secrets: vec![("AKIDteam".into(), "teamkey".into())],
        ..SandboxConfig::default()
    };
    let sb2 = start(custom).await;
    let host2 = sb2.host();
    let h = signed_headers(
        &sandbox_creds(),
        &SigningParams::ccc(&host2, BUY_INFO, ts),
        &body,
    );
    post(&sb2, &h, body.clone()).await.expect_error(
        "AuthFailure.SecretIdNotFound",
        "only configured secrets are accepted (the built-in one is just the default)",
    );
    let h = signed_headers(
        &Credentials::new("AKIDteam", "teamkey"),
        &SigningParams::ccc(&host2, BUY_INFO, ts),
        &body,
    );
    post(&sb2, &h, body)
        .await
        .expect_ok("a configured secret pair is accepted");
    sb.shutdown().await;
    sb2.shutdown().await;
}

#[tokio::test]
async fn timestamps_more_than_300_s_off_are_signature_expire_both_ways() {
    let sb = start(SandboxConfig::default()).await;
    // 2026-01-01T00:00:00Z: frozen, so the 300 s boundary is exact.
    sb.freeze_clock(UNIX_EPOCH + Duration::from_secs(1_767_225_600));
    let host = sb.host();
    let base = unix(sb.server_time());
    let body = b"{}".to_vec();
    for (offset, expired) in [
        (-301, true),
        (301, true),
        (-300, false),
        (300, false),
        (0, false),
    ] {
        let h = signed_headers(
            &sandbox_creds(),
            &SigningParams::ccc(&host, BUY_INFO, base + offset),
            &body,
        );
        let reply = post(&sb, &h, body.clone()).await;
        if expired {
            let msg = reply
                .expect_error(
                    "AuthFailure.SignatureExpire",
                    "more than 300 s off is expired",
                )
                .to_owned();
            assert!(
                msg.contains(&base.to_string()),
                "message shows the server time: {msg}"
            );
        } else {
            reply.expect_ok("up to 300 s off either way is accepted");
        }
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn clock_offset_fault_shifts_expiry_and_the_date_header() {
    let faults = Faults {
        clock_offset_secs: 3600,
        ..Faults::default()
    };
    let sb = start(SandboxConfig {
        faults,
        ..SandboxConfig::default()
    })
    .await;
    let base = sb.freeze_clock_now();
    let host = sb.host();
    let body = b"{}".to_vec();
    let h = signed_headers(
        &sandbox_creds(),
        &SigningParams::ccc(&host, BUY_INFO, unix(base)),
        &body,
    );
    let reply = post(&sb, &h, body.clone()).await;
    reply.expect_error(
        "AuthFailure.SignatureExpire",
        "a client an hour behind the (offset) server clock is expired",
    );
    let date = reply.headers.get("date").unwrap().to_str().unwrap();
    let server = unix(httpdate::parse_http_date(date).unwrap());
    assert_eq!(
        server,
        unix(base) + 3600,
        "the Date header shows the offset clock"
    );

    // A client that corrects its clock from the Date header gets through.
    let h = signed_headers(
        &sandbox_creds(),
        &SigningParams::ccc(&host, BUY_INFO, server),
        &body,
    );
    post(&sb, &h, body.clone())
        .await
        .expect_ok("re-signing with the Date header time works");

    // The offset is a runtime switch too.
    sb.set_faults(Faults {
        clock_offset_secs: -900,
        ..Faults::default()
    });
    let h = signed_headers(
        &sandbox_creds(),
        &SigningParams::ccc(&host, BUY_INFO, unix(base)),
        &body,
    );
    post(&sb, &h, body).await.expect_error(
        "AuthFailure.SignatureExpire",
        "a client ahead of the server is expired too",
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn malformed_authorization_and_scope_are_refused() {
    let sb = start(SandboxConfig::default()).await;
    let host = sb.host();
    let ts = unix(sb.server_time());
    let body = b"{}".to_vec();
    let good = signed_headers(
        &sandbox_creds(),
        &SigningParams::ccc(&host, BUY_INFO, ts),
        &body,
    );
    let with_auth = |auth: Option<String>| -> Vec<(String, String)> {
        let mut h: Vec<_> = good
            .iter()
            .filter(|(k, _)| k != "Authorization")
            .cloned()
            .collect();
        if let Some(a) = auth {
            h.push(("Authorization".into(), a));
        }
        h
    };
    let auth = good
        .iter()
        .find(|(k, _)| k == "Authorization")
        .unwrap()
        .1
        .clone();

    post(&sb, &with_auth(None), body.clone())
        .await
        .expect_error(
            "AuthFailure.InvalidAuthorization",
            "a missing Authorization is refused",
        );
    post(
        &sb,
        &with_auth(Some(auth.replace("TC3-HMAC-SHA256", "HMAC-SHA1"))),
        body.clone(),
    )
    .await
    .expect_error(
        "AuthFailure.InvalidAuthorization",
        "only TC3-HMAC-SHA256 is accepted",
    );
    post(
        &sb,
        &with_auth(Some(auth.replace("/tc3_request", ""))),
        body.clone(),
    )
    .await
    .expect_error(
        "AuthFailure.InvalidAuthorization",
        "the credential scope has 4 parts",
    );

    let date = numdesk_sign::utc_date(ts).unwrap();
    let msg = post(
        &sb,
        &with_auth(Some(auth.replace(&date, "2001-01-01"))),
        body.clone(),
    )
    .await
    .expect_error(
        "AuthFailure.SignatureFailure",
        "scope date must be the timestamp's UTC date",
    )
    .to_owned();
    assert!(
        msg.contains("UTC date"),
        "the message explains the date rule: {msg}"
    );
    post(
        &sb,
        &with_auth(Some(auth.replace(
            "SignedHeaders=content-type;host",
            "SignedHeaders=content-type",
        ))),
        body.clone(),
    )
    .await
    .expect_error(
        "AuthFailure.SignatureFailure",
        "SignedHeaders must include host",
    );
    post(
        &sb,
        &with_auth(Some(
            auth.replace("SignedHeaders=content-type;host", "SignedHeaders=host"),
        )),
        body.clone(),
    )
    .await
    .expect_error(
        "AuthFailure.SignatureFailure",
        "SignedHeaders must include content-type",
    );

    let mut cvm = SigningParams::ccc(&host, BUY_INFO, ts);
    cvm.service = "cvm";
    let h = signed_headers(&sandbox_creds(), &cvm, &body);
    post(&sb, &h, body.clone()).await.expect_error(
        "AuthFailure.SignatureFailure",
        "the credential scope service must be ccc",
    );

    let mut no_ts: Vec<_> = good
        .iter()
        .filter(|(k, _)| k != "X-TC-Timestamp")
        .cloned()
        .collect();
    no_ts.retain(|(k, _)| k != "X-TC-Timestamp");
    post(&sb, &no_ts, body.clone())
        .await
        .expect_error("MissingParameter", "X-TC-Timestamp is required");
    let no_action: Vec<_> = good
        .iter()
        .filter(|(k, _)| k != "X-TC-Action")
        .cloned()
        .collect();
    post(&sb, &no_action, body)
        .await
        .expect_error("MissingParameter", "X-TC-Action is required");
    sb.shutdown().await;
}

#[tokio::test]
async fn content_type_version_token_and_action_are_checked() {
    let sb = start(SandboxConfig::default()).await;
    let host = sb.host();
    let ts = unix(sb.server_time());
    let body = b"{}".to_vec();

    let mut charset = SigningParams::ccc(&host, BUY_INFO, ts);
    charset.content_type = "application/json; charset=utf-8";
    let h = signed_headers(&sandbox_creds(), &charset, &body);
    post(&sb, &h, body.clone())
        .await
        .expect_ok("`application/json; charset=utf-8` is accepted like the live API");

    let mut form = SigningParams::ccc(&host, BUY_INFO, ts);
    form.content_type = "application/x-www-form-urlencoded";
    let h = signed_headers(&sandbox_creds(), &form, &body);
    post(&sb, &h, body.clone())
        .await
        .expect_error("InvalidRequest", "a non-JSON Content-Type is refused");

    let mut old = SigningParams::ccc(&host, BUY_INFO, ts);
    old.version = "2017-03-12";
    let h = signed_headers(&sandbox_creds(), &old, &body);
    post(&sb, &h, body.clone())
        .await
        .expect_error("NoSuchVersion", "only X-TC-Version 2020-02-10 exists");

    let h = signed_headers(
        &sandbox_creds().with_token("sometoken"),
        &SigningParams::ccc(&host, BUY_INFO, ts),
        &body,
    );
    post(&sb, &h, body.clone()).await.expect_error(
        "AuthFailure.TokenFailure",
        "the sandbox issues no temporary credentials",
    );

    let h = signed_headers(
        &sandbox_creds(),
        &SigningParams::ccc(&host, "DescribeInstances", ts),
        &body,
    );
    let msg = post(&sb, &h, body.clone())
        .await
        .expect_error(
            "InvalidAction",
            "an action outside the four is InvalidAction",
        )
        .to_owned();
    assert!(
        msg.contains("DescribeInstances"),
        "the message names the action: {msg}"
    );

    let lang = SigningParams::ccc(&host, BUY_INFO, ts)
        .with_language("en-US")
        .with_region("ap-singapore");
    let h = signed_headers(&sandbox_creds(), &lang, &body);
    post(&sb, &h, body)
        .await
        .expect_ok("X-TC-Language and X-TC-Region are accepted");

    let resp = http().get(format!("{}/", sb.url())).send().await.unwrap();
    assert_eq!(
        resp.status(),
        200,
        "even a wrong method gets a Tencent-style error"
    );
    let v: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        v["Response"]["Error"]["Code"], "UnsupportedProtocol",
        "only POST is served"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn start_refuses_non_loopback_and_bad_config() {
    let err = Sandbox::start(SandboxConfig::default(), "0.0.0.0:0".parse().unwrap())
        .await
        .expect_err("the sandbox must never listen beyond loopback");
    assert!(matches!(err, SandboxError::NonLoopbackAddress(_)), "{err}");

    let cases = [
        SandboxConfig {
            secrets: vec![],
            ..SandboxConfig::default()
        },
        SandboxConfig {
            secrets: vec![(" AKID".into(), "k".into())],
            ..SandboxConfig::default()
        },
        SandboxConfig {
            rate_limit_per_sec: 0,
            ..SandboxConfig::default()
        },
        SandboxConfig {
            max_pending: 0,
            ..SandboxConfig::default()
        },
        SandboxConfig {
            faults: Faults {
                internal_error_rate: 1.5,
                ..Faults::default()
            },
            ..SandboxConfig::default()
        },
        SandboxConfig {
            faults: Faults {
                drop_after_commit_rate: f64::NAN,
                ..Faults::default()
            },
            ..SandboxConfig::default()
        },
    ];
    for config in cases {
        let shown = format!("{config:?}");
        assert!(
            Sandbox::start(config, "127.0.0.1:0".parse().unwrap())
                .await
                .is_err(),
            "an unusable configuration is refused at start: {shown}"
        );
    }

    let sb = start(SandboxConfig::default()).await;
    assert_eq!(
        sb.url(),
        format!("http://127.0.0.1:{}", sb.local_addr().port())
    );
    assert_eq!(sb.host(), format!("127.0.0.1:{}", sb.local_addr().port()));
    let url = sb.url();
    sb.shutdown().await;
    assert!(
        http()
            .post(format!("{url}/"))
            .body("{}")
            .send()
            .await
            .is_err(),
        "after shutdown nothing listens any more"
    );
}
