//! Retries, clock skew, faults and network failures, against the real sandbox over loopback.
//!
//! Over 500 lines because it has one test per failure the client must survive (clock skew, rate
//! limits, faults, refused/TLS/proxy, timeouts, huge answers).

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use numdesk_client::{
    AttemptLog, AttemptObserver, AttemptRecord, ClientConfig, ClientError, DescribeNumbersRequest,
    Endpoint, ErrorClass, NetworkErrorKind, NextStep, OffsetClock, RetryPolicy, UnknownOutcomeKind,
};
use numdesk_sandbox::{DEFAULT_SDK_APP_ID, Faults, SandboxConfig};

#[tokio::test]
async fn clock_ten_minutes_behind_is_corrected_from_date_with_exactly_two_attempts() {
    let sandbox = default_sandbox().await;
    let log = AttemptLog::new();
    let mut config = config_for(&sandbox);
    config.clock = Arc::new(OffsetClock { offset_secs: -600 });
    let client = client_with(config).with_observer(log.clone());

    let created = client
        .create_own_number_apply(&create_request("02055550000"))
        .await
        .unwrap();
    let records = log.records();
    assert_eq!(
        records.len(),
        2,
        "clock-skew rule: one rejected attempt, one corrected: {records:#?}"
    );
    assert_eq!(
        records[0].error_code.as_deref(),
        Some("AuthFailure.SignatureExpire")
    );
    let NextStep::RetryWithClockCorrection { offset_secs } = records[0].next else {
        panic!(
            "first attempt must be followed by a clock correction: {:?}",
            records[0].next
        )
    };
    assert!(
        (598..=602).contains(&offset_secs),
        "offset learned from Date: {offset_secs}"
    );
    assert!(records[1].succeeded());
    assert_eq!(
        records[1].signed_timestamp - records[0].signed_timestamp,
        offset_secs,
        "re-signed"
    );
    assert_eq!(
        client.clock_offset_secs(),
        offset_secs,
        "offset kept in the client"
    );
    assert_eq!(sandbox.applications().len(), 1);
    assert_eq!(sandbox.applications()[0].apply_id, created.apply_id);

    // A clone shares the learned offset: the next call needs one attempt only.
    log.clear();
    let clone = client.clone();
    clone
        .describe_numbers(&DescribeNumbersRequest::new(DEFAULT_SDK_APP_ID))
        .await
        .unwrap();
    assert_eq!(log.len(), 1, "the corrected offset is shared across clones");
}

#[tokio::test]
async fn clock_correction_is_tried_only_once() {
    let sandbox = default_sandbox().await;
    let log = AttemptLog::new();
    let mut config = config_for(&sandbox);
    config.clock = Arc::new(OffsetClock { offset_secs: -3600 });
    // After the first answer the server clock jumps two hours, so the corrected attempt is
    // rejected again: the client must give up instead of correcting a second time.
    let sb = Arc::clone(&sandbox);
    let log2 = log.clone();
    let client = client_with(config).with_observer(move |r: &AttemptRecord| {
        log2.on_attempt(r);
        if r.attempt == 1 {
            sb.set_faults(Faults {
                clock_offset_secs: 7200,
                ..Faults::default()
            });
        }
    });
    let err = client
        .describe_numbers(&DescribeNumbersRequest::new(DEFAULT_SDK_APP_ID))
        .await
        .unwrap_err();
    assert_eq!(err.class(), ErrorClass::ClockSkew, "{err}");
    assert!(err.request_id().is_some(), "RequestId kept");
    let records = log.records();
    assert_eq!(
        records.len(),
        2,
        "clock-skew rule: exactly one corrected retry: {records:#?}"
    );
    assert!(matches!(
        records[0].next,
        NextStep::RetryWithClockCorrection { .. }
    ));
    assert_eq!(records[1].next, NextStep::Done);
}

#[tokio::test]
async fn dropped_response_after_commit_on_create_is_outcome_unknown_and_never_resent() {
    let sandbox = default_sandbox().await;
    sandbox.set_faults(Faults {
        drop_next_after_commit: 1,
        ..Faults::default()
    });
    let log = AttemptLog::new();
    let client = client(&sandbox).with_observer(log.clone());
    let err = client
        .create_own_number_apply(&create_request("02066660000"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::OutcomeUnknown {
                kind: UnknownOutcomeKind::ConnectionDropped,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.may_have_taken_effect());
    assert_eq!(
        log.len(),
        1,
        "a Create whose outcome is unknown must never be retried"
    );
    assert_eq!(
        sandbox.applications().len(),
        1,
        "exactly one application exists (Tencent's SDK retryer would have made three)"
    );
}

#[tokio::test]
async fn internal_error_on_create_is_not_retried() {
    let sandbox = default_sandbox().await;
    sandbox.set_faults(Faults {
        fail_next_internal: 1,
        ..Faults::default()
    });
    let log = AttemptLog::new();
    let client = client(&sandbox).with_observer(log.clone());
    let err = client
        .create_own_number_apply(&create_request("02077770000"))
        .await
        .unwrap_err();
    assert_eq!(err.class(), ErrorClass::ServerFault, "{err}");
    assert!(err.request_id().is_some(), "RequestId kept");
    assert!(err.may_have_taken_effect());
    assert_eq!(log.len(), 1, "InternalError on Create: no blind retry");
    assert_eq!(log.records()[0].next, NextStep::Done);
}

#[tokio::test]
async fn internal_error_on_modify_is_not_retried_either() {
    let sandbox = default_sandbox().await;
    let client = client(&sandbox);
    let created = client
        .create_own_number_apply(&create_request("02077771111"))
        .await
        .unwrap();
    sandbox.set_faults(Faults {
        fail_next_internal: 1,
        ..Faults::default()
    });
    let log = AttemptLog::new();
    let err = client
        .with_observer(log.clone())
        .modify_own_number_apply(&numdesk_client::ModifyOwnNumberApplyRequest::new(
            DEFAULT_SDK_APP_ID,
            created.apply_id,
            create_request("02077772222").detail_list,
        ))
        .await
        .unwrap_err();
    assert_eq!(err.class(), ErrorClass::ServerFault);
    assert_eq!(log.len(), 1, "Modify is treated like Create");
}

#[tokio::test]
async fn rate_limited_by_a_stricter_server_is_retried_and_succeeds() {
    // Server allows 1 per second; the client's own limiter allows 20. The sandbox clock is
    // frozen so the second call is certainly rejected; the test moves it on when the client
    // reports the rejection, so the retry certainly succeeds.
    let sandbox = sandbox(SandboxConfig {
        rate_limit_per_sec: 1,
        ..SandboxConfig::default()
    })
    .await;
    sandbox.freeze_clock_now();
    let client = client(&sandbox);
    client
        .describe_numbers(&DescribeNumbersRequest::new(DEFAULT_SDK_APP_ID))
        .await
        .unwrap();

    let log = AttemptLog::new();
    let sb = Arc::clone(&sandbox);
    let log2 = log.clone();
    let observed = client.with_observer(move |r: &AttemptRecord| {
        log2.on_attempt(r);
        if r.error_class == Some(ErrorClass::RateLimited) {
            sb.advance_clock(Duration::from_millis(1100));
        }
    });
    observed
        .describe_numbers(&DescribeNumbersRequest::new(DEFAULT_SDK_APP_ID))
        .await
        .unwrap();
    let records = log.records();
    assert_eq!(records.len(), 2, "{records:#?}");
    assert_eq!(
        records[0].error_code.as_deref(),
        Some("RequestLimitExceeded")
    );
    assert!(matches!(
        records[0].next,
        NextStep::RetryAfterBackoff { .. }
    ));
    assert!(records[1].succeeded());
}

#[tokio::test]
async fn rate_limited_create_is_retried_too() {
    let sandbox = sandbox(SandboxConfig {
        rate_limit_per_sec: 1,
        ..SandboxConfig::default()
    })
    .await;
    sandbox.freeze_clock_now();
    let client = client(&sandbox);
    client
        .create_own_number_apply(&create_request("02088880001"))
        .await
        .unwrap();
    let sb = Arc::clone(&sandbox);
    let log = AttemptLog::new();
    let log2 = log.clone();
    let observed = client.with_observer(move |r: &AttemptRecord| {
        log2.on_attempt(r);
        if r.error_class == Some(ErrorClass::RateLimited) {
            sb.advance_clock(Duration::from_millis(1100));
        }
    });
    observed
        .create_own_number_apply(&create_request("02088880002"))
        .await
        .unwrap();
    assert_eq!(
        log.len(),
        2,
        "RequestLimitExceeded is a rejection: safe to retry a Create"
    );
    assert_eq!(
        sandbox.applications().len(),
        2,
        "one application per call, no duplicate"
    );
}

#[tokio::test]
async fn sixty_calls_through_one_limiter_never_meet_the_servers_limit() {
    let sandbox = default_sandbox().await; // 20 per second, like Tencent
    let log = AttemptLog::new();
    let client = client(&sandbox).with_observer(log.clone());
    let started = std::time::Instant::now();
    let mut tasks = Vec::new();
    for i in 0..60 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            if i % 2 == 0 {
                client
                    .describe_numbers(&DescribeNumbersRequest::new(DEFAULT_SDK_APP_ID))
                    .await
                    .map(|_| ())
            } else {
                client
                    .create_own_number_apply(&create_request(&format!("020{:08}", 30_000_000 + i)))
                    .await
                    .map(|_| ())
            }
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let records = log.records();
    let limited: Vec<_> = records
        .iter()
        .filter(|r| r.error_class == Some(ErrorClass::RateLimited))
        .collect();
    assert!(
        limited.is_empty(),
        "rate-limit rule: the sandbox rejected {limited:#?}"
    );
    assert_eq!(records.len(), 60, "one attempt per call");
    assert_eq!(sandbox.applications().len(), 30);
    // 30 calls per action at 20 per window need at least one full window.
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    println!("60 calls (30 per action) took {:?}", started.elapsed());
}

#[tokio::test]
async fn connection_refused_is_not_sent_and_retried_per_policy() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener); // nothing listens there any more
    let endpoint: Endpoint = format!("http://127.0.0.1:{port}").parse().unwrap();
    let log = AttemptLog::new();
    let config = ClientConfig {
        proxy: numdesk_client::ProxySetting::None,
        retry: RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
        },
        ..ClientConfig::new(endpoint)
    };
    let client = client_with(config).with_observer(log.clone());
    let err = client
        .create_own_number_apply(&create_request("02012345678"))
        .await
        .unwrap_err();
    assert_eq!(
        err.network_failure(),
        Some(NetworkErrorKind::ConnectionRefused.network_kind()),
        "{err:?}"
    );
    assert!(!err.may_have_taken_effect(), "nothing reached the server");
    let records = log.records();
    assert_eq!(
        records.len(),
        3,
        "NotSent is retried up to max_attempts, even for Create"
    );
    assert!(
        records
            .iter()
            .all(|r| r.error_class == Some(ErrorClass::NotSent))
    );
    assert!(matches!(records[0].next, NextStep::RetryAfterBackoff { delay_ms } if delay_ms <= 5));
    assert!(matches!(records[1].next, NextStep::RetryAfterBackoff { delay_ms } if delay_ms <= 10));
    assert_eq!(records[2].next, NextStep::Done);
}

#[tokio::test]
async fn timeout_on_create_is_outcome_unknown_and_not_retried() {
    let sandbox = default_sandbox().await;
    sandbox.set_faults(Faults {
        delay: Duration::from_secs(6),
        ..Faults::default()
    });
    let log = AttemptLog::new();
    let mut config = config_for(&sandbox);
    config.timeout = Duration::from_millis(1500);
    let client = client_with(config).with_observer(log.clone());
    let err = client
        .create_own_number_apply(&create_request("02099990000"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::OutcomeUnknown {
                kind: UnknownOutcomeKind::Timeout,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(log.len(), 1, "timeout on Create: never retried");
    assert_eq!(
        sandbox.applications().len(),
        1,
        "the server committed although the client timed out: exactly why it is not retried"
    );
}

#[tokio::test]
async fn timeout_on_describe_is_retried() {
    let sandbox = default_sandbox().await;
    sandbox.set_faults(Faults {
        delay: Duration::from_secs(2),
        ..Faults::default()
    });
    let log = AttemptLog::new();
    let mut config = config_for(&sandbox);
    config.timeout = Duration::from_millis(300);
    config.retry.max_attempts = 2;
    let client = client_with(config).with_observer(log.clone());
    let err = client
        .describe_numbers(&DescribeNumbersRequest::new(DEFAULT_SDK_APP_ID))
        .await
        .unwrap_err();
    assert_eq!(err.class(), ErrorClass::OutcomeUnknown);
    assert_eq!(
        log.len(),
        2,
        "a read-only Describe may be retried after a timeout"
    );
}

#[tokio::test]
async fn tls_to_a_plain_http_server_is_a_tls_failure_before_sending() {
    let sandbox = default_sandbox().await;
    let endpoint: Endpoint = sandbox
        .url()
        .replace("http://", "https://")
        .parse()
        .unwrap();
    let config = ClientConfig {
        proxy: numdesk_client::ProxySetting::None,
        retry: RetryPolicy::no_retries(),
        ..ClientConfig::new(endpoint)
    };
    let err = client_with(config)
        .create_own_number_apply(&create_request("02012345678"))
        .await
        .unwrap_err();
    assert_eq!(
        err.network_failure(),
        Some(NetworkErrorKind::Tls.network_kind()),
        "{err:?}"
    );
    assert!(sandbox.applications().is_empty());
}

#[tokio::test]
async fn plain_http_to_a_non_loopback_host_is_refused_before_any_traffic() {
    for url in ["http://10.0.0.1:8080", "http://ccc.tencentcloudapi.com"] {
        let err = url.parse::<Endpoint>().unwrap_err();
        assert!(
            matches!(
                err,
                ClientError::Config {
                    setting: "endpoint",
                    ..
                }
            ),
            "{err:?}"
        );
    }
}

#[tokio::test]
async fn manual_proxy_that_refuses_connections_is_not_sent() {
    let sandbox = default_sandbox().await;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let mut config = config_for(&sandbox);
    config.proxy =
        numdesk_client::ProxySetting::manual(&format!("http://127.0.0.1:{port}")).unwrap();
    config.retry = RetryPolicy::no_retries();
    let err = client_with(config)
        .describe_numbers(&DescribeNumbersRequest::new(DEFAULT_SDK_APP_ID))
        .await
        .unwrap_err();
    assert_eq!(err.class(), ErrorClass::NotSent, "{err:?}");
    assert_eq!(
        err.network_failure(),
        Some(NetworkErrorKind::Proxy.network_kind()),
        "proxy failures read as such"
    );
}

/// A loopback HTTP server that answers every request with a well-formed 200 whose `Response`
/// carries `pad` bytes of padding, declared (Content-Length) or streamed (chunked).
#[allow(clippy::unwrap_used)] // test helper: a panic is a test failure
async fn oversized_server(
    pad: usize,
    chunked: bool,
) -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = Arc::clone(&requests);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let seen = Arc::clone(&seen);
            tokio::spawn(async move {
                let mut buf = vec![0u8; 64 * 1024];
                let _ = socket.read(&mut buf).await;
                seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let body = format!(
                    r#"{{"Response":{{"ApplyId":7,"RequestId":"big","Pad":"{}"}}}}"#,
                    "a".repeat(pad)
                );
                let head = if chunked {
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n".to_owned()
                } else {
                    format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        body.len()
                    )
                };
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                if chunked {
                    for part in body.as_bytes().chunks(256 * 1024) {
                        let frame = format!("{:x}\r\n", part.len());
                        if socket.write_all(frame.as_bytes()).await.is_err()
                            || socket.write_all(part).await.is_err()
                            || socket.write_all(b"\r\n").await.is_err()
                        {
                            return;
                        }
                    }
                    let _ = socket.write_all(b"0\r\n\r\n").await;
                } else {
                    let _ = socket.write_all(body.as_bytes()).await;
                }
            });
        }
    });
    (url, requests)
}

#[tokio::test]
async fn an_oversized_answer_to_create_is_outcome_unknown_and_not_read() {
    for chunked in [false, true] {
        let (url, requests) =
            oversized_server(numdesk_client::MAX_RESPONSE_BYTES + 1, chunked).await;
        let config = ClientConfig {
            proxy: numdesk_client::ProxySetting::None,
            retry: RetryPolicy::no_retries(),
            ..ClientConfig::new(url.parse::<Endpoint>().unwrap())
        };
        let log = AttemptLog::new();
        let client = client_with(config).with_observer(log.clone());
        let err = client
            .create_own_number_apply(&create_request("02066660001"))
            .await
            .expect_err("body cap rule: an answer over MAX_RESPONSE_BYTES must not be accepted");
        assert!(
            matches!(
                err,
                ClientError::OutcomeUnknown {
                    kind: UnknownOutcomeKind::ResponseTooLarge,
                    ..
                }
            ),
            "body cap rule: an oversized answer to Create is outcome unknown (chunked: {chunked}): {err:?}"
        );
        assert!(
            err.may_have_taken_effect(),
            "body cap rule: it may have created the application"
        );
        assert_eq!(
            requests.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "body cap rule: a Create with an unknown outcome is never re-sent"
        );
    }
}

#[tokio::test]
async fn an_answer_under_the_cap_is_read() {
    let (url, _) = oversized_server(1024 * 1024, true).await;
    let config = ClientConfig {
        proxy: numdesk_client::ProxySetting::None,
        retry: RetryPolicy::no_retries(),
        ..ClientConfig::new(url.parse::<Endpoint>().unwrap())
    };
    let created = client_with(config)
        .create_own_number_apply(&create_request("02066660002"))
        .await
        .expect("body cap rule: a 1 MiB answer is well under the cap and is read");
    assert_eq!(created.apply_id, 7);
}
