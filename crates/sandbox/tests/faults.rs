//! Fault switches over real loopback HTTP: InternalError without commit, a dropped connection
//! after commit (seen by reqwest and by a raw TCP client), delay, seeded dice, runtime changes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

use std::time::{Duration, Instant};

use common::*;
use numdesk_sandbox::{DEFAULT_SDK_APP_ID, Faults, SandboxConfig, SandboxError};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CREATE: &str = "CreateOwnNumberApply";
const MODIFY: &str = "ModifyOwnNumberApply";

#[tokio::test]
async fn internal_error_fault_does_not_commit() {
    let faults = Faults {
        fail_next_internal: 2,
        ..Faults::default()
    };
    let sb = start(SandboxConfig {
        faults,
        ..SandboxConfig::default()
    })
    .await;
    call(&sb, "DescribeCCCBuyInfoList", &json!({}))
        .await
        .expect_ok("read-only actions do not consume write faults");
    call(&sb, CREATE, &create_body(&["020A"]))
        .await
        .expect_error(
            "InternalError",
            "the first write meets the injected InternalError",
        );
    assert!(
        sb.applications().is_empty(),
        "an injected InternalError commits nothing"
    );
    assert_eq!(sb.faults().fail_next_internal, 1, "the counter counts down");

    call(&sb, CREATE, &create_body(&["bad"; 2]))
        .await
        .expect_error(
            "InvalidParameter.DuplicatePhoneNumber",
            "invalid requests do not consume it",
        );
    assert_eq!(sb.faults().fail_next_internal, 1);
    call(&sb, CREATE, &create_body(&["020A"]))
        .await
        .expect_error("InternalError", "second one");
    let id = create(&sb, &["020A"]).await;
    assert_eq!(
        sb.applications().len(),
        1,
        "after the counter runs out writes commit again"
    );

    sb.set_faults(Faults {
        internal_error_rate: 1.0,
        ..Faults::default()
    });
    let modify =
        json!({"SdkAppId": DEFAULT_SDK_APP_ID, "ApplyId": id, "DetailList": [detail("020B")]});
    call(&sb, MODIFY, &modify)
        .await
        .expect_error("InternalError", "rate 1.0 always fails");
    assert_eq!(
        sb.applications()[0].numbers,
        ["020A"],
        "the failed Modify changed nothing"
    );
    assert_eq!(sb.applications()[0].modify_count, 0);
    sb.shutdown().await;
}

#[tokio::test]
async fn drop_after_commit_commits_and_reqwest_sees_a_connection_error() {
    let faults = Faults {
        drop_next_after_commit: 1,
        ..Faults::default()
    };
    let sb = start(SandboxConfig {
        faults,
        ..SandboxConfig::default()
    })
    .await;
    let err = try_call(&sb, CREATE, &create_body(&["020A"]))
        .await
        .expect_err("the client must see a dropped connection, not a response");
    assert!(
        err.status().is_none(),
        "no HTTP status at all, not a 500: {err:?}"
    );
    let apps = sb.applications();
    assert_eq!(
        apps.len(),
        1,
        "the application was committed before the drop"
    );
    assert_eq!(apps[0].numbers, ["020A"]);
    assert_eq!(sb.faults().drop_next_after_commit, 0);

    // Re-sending blindly creates a second application: exactly the trap the client must avoid.
    call(&sb, CREATE, &create_body(&["020A"]))
        .await
        .expect_error(
            "InvalidParameter.DuplicatePhoneNumber",
            "the retry meets its own commit",
        );
    sb.shutdown().await;
}

/// A hand-written HTTP/1.1 request, so nothing between the socket and the test can hide what
/// the server sent.
fn raw_request(host: &str, headers: &[(String, String)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("POST / HTTP/1.1\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        out.push_str(&format!("Host: {host}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

async fn raw_exchange(addr: std::net::SocketAddr, request: &[u8]) -> Vec<u8> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut received = Vec::new();
    // Bounded so a regression (a response kept open) fails instead of hanging.
    tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut received))
        .await
        .expect("the server closes the connection")
        .ok();
    received
}

#[tokio::test]
async fn dropped_connection_sends_zero_bytes_on_raw_tcp() {
    let sb = start(SandboxConfig::default()).await;
    let id = create(&sb, &["020A"]).await;

    sb.set_faults(Faults {
        drop_after_commit_rate: 1.0,
        ..Faults::default()
    });
    let body = serde_json::to_vec(
        &json!({"SdkAppId": DEFAULT_SDK_APP_ID, "ApplyId": id, "DetailList": [detail("020B")]}),
    )
    .unwrap();
    let headers = signed_for(&sb, MODIFY, &body);
    let received = raw_exchange(sb.local_addr(), &raw_request(&sb.host(), &headers, &body)).await;
    assert!(
        received.is_empty(),
        "drop-after-commit closes without a single byte of response, got {:?}",
        String::from_utf8_lossy(&received)
    );
    assert_eq!(
        sb.applications()[0].numbers,
        ["020B"],
        "the Modify was committed"
    );
    assert_eq!(sb.applications()[0].modify_count, 1);

    // Control: without the fault the same raw exchange gets a full HTTP 200 response.
    sb.set_faults(Faults::default());
    let body = serde_json::to_vec(&json!({})).unwrap();
    let mut headers = signed_for(&sb, "DescribeCCCBuyInfoList", &body);
    headers.push(("Connection".into(), "close".into()));
    let received = raw_exchange(sb.local_addr(), &raw_request(&sb.host(), &headers, &body)).await;
    let text = String::from_utf8_lossy(&received);
    assert!(
        text.starts_with("HTTP/1.1 200"),
        "the raw client can read normal responses: {text}"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn delay_fault_delays_every_response() {
    let sb = start(SandboxConfig::default()).await;
    let delay = Duration::from_millis(400);
    sb.set_faults(Faults {
        delay,
        ..Faults::default()
    });
    for action in ["DescribeCCCBuyInfoList", "NoSuchAction"] {
        let started = Instant::now();
        call(&sb, action, &json!({})).await;
        // Only a lower bound: a sleep never ends early, so this cannot flake.
        assert!(
            started.elapsed() >= delay,
            "{action}: responses (errors too) wait {delay:?}"
        );
    }
    sb.set_faults(Faults {
        delay,
        drop_next_after_commit: 1,
        ..Faults::default()
    });
    let started = Instant::now();
    assert!(
        try_call(&sb, CREATE, &create_body(&["020A"]))
            .await
            .is_err()
    );
    assert!(
        started.elapsed() >= delay,
        "a dropped connection is delayed too"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn seeded_fault_dice_are_reproducible() {
    async fn outcomes(seed: u64) -> Vec<Option<String>> {
        let faults = Faults {
            internal_error_rate: 0.5,
            ..Faults::default()
        };
        let sb = start(SandboxConfig {
            faults,
            seed: Some(seed),
            ..SandboxConfig::default()
        })
        .await;
        let mut seen = Vec::new();
        for i in 0..16 {
            let r = call(&sb, CREATE, &create_body(&[&format!("0205{i:04}")])).await;
            seen.push(r.code().map(str::to_owned));
        }
        sb.shutdown().await;
        seen
    }
    let a = outcomes(7).await;
    assert_eq!(
        a,
        outcomes(7).await,
        "the same seed gives the same fault sequence"
    );
    let failures = a
        .iter()
        .filter(|c| c.as_deref() == Some("InternalError"))
        .count();
    assert!(
        failures > 0 && failures < 16,
        "rate 0.5 fails some but not all: {a:?}"
    );
}

#[tokio::test]
async fn faults_can_be_changed_at_runtime_and_rates_are_checked() {
    let sb = start(SandboxConfig::default()).await;
    assert_eq!(sb.faults(), Faults::default());
    let err = sb
        .try_set_faults(Faults {
            drop_after_commit_rate: 2.0,
            ..Faults::default()
        })
        .expect_err("a rate above 1 is refused");
    assert!(matches!(
        err,
        SandboxError::InvalidFaultRate {
            name: "drop_after_commit_rate",
            ..
        }
    ));
    sb.set_faults(Faults {
        internal_error_rate: 7.0,
        drop_after_commit_rate: f64::NAN,
        ..Faults::default()
    });
    let f = sb.faults();
    assert_eq!(f.internal_error_rate, 1.0, "set_faults clamps to 1.0");
    assert_eq!(f.drop_after_commit_rate, 0.0, "NaN means never");
    call(&sb, CREATE, &create_body(&["020A"]))
        .await
        .expect_error("InternalError", "clamped to 1");
    sb.set_faults(Faults::default());
    create(&sb, &["020A"]).await;
    sb.shutdown().await;
}
