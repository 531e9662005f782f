//! Crashes around sending: what a process that dies (here: its run dropped mid-flight, its
//! outbox closed) leaves behind, and what the next one starts from.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failure

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use numdesk_client::{Client, ClientConfig, Credentials, RateLimit, RateLimiter, RetryPolicy};
use numdesk_outbox::{
    CREATE_ACTION, NoProgress, RunControl, Selection, SubmitSettings, endpoint_scope,
};
use numdesk_sandbox::{SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, SandboxConfig};
use numdesk_store::{ApplicationFilter, ApplicationState, AttemptInput, Outcome};

fn client_with_retry(url: &str, limiter: RateLimiter, retry: RetryPolicy) -> Client {
    let mut config = ClientConfig::new(url.parse().unwrap());
    config.retry = retry;
    Client::new(
        config,
        limiter,
        Credentials::new(SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY),
    )
    .unwrap()
}

fn states(store: &numdesk_store::Store) -> Vec<(i64, ApplicationState)> {
    store
        .applications(&ApplicationFilter::all())
        .unwrap()
        .iter()
        .map(|a| (a.id, a.state))
        .collect()
}

/// Every attempt but the first is answered `RequestLimitExceeded` (the sandbox takes one
/// request a second) and backs off for up to 3 s; the process dies during the backoffs. Only an
/// application whose request may have reached Tencent may come back unknown.
#[tokio::test]
async fn a_crash_while_backing_off_after_rejections_leaves_no_unknown() {
    let sb = sandbox(SandboxConfig {
        rate_limit_per_sec: 1,
        ..sandbox_config()
    })
    .await;
    let env = Env::new();
    let retry = RetryPolicy {
        max_attempts: 5,
        base_delay: Duration::from_secs(3),
        max_delay: Duration::from_secs(3),
    };
    let ids = {
        let outbox = env.outbox();
        let client = client_with_retry(&sb.url(), RateLimiter::default(), retry);
        let scope = endpoint_scope(&client);
        let d = draft(outbox.store(), "d", &numbers("0231", 6));
        let settings = SubmitSettings {
            batch_size: Some(1),
            ..SubmitSettings::default()
        };
        let ids = outbox
            .enqueue_draft(d, &settings, &scope)
            .unwrap()
            .application_ids;
        let control = RunControl::new();
        let run = outbox.run(&client, &Selection::All, &control, Arc::new(NoProgress));
        // The process dies 700 ms in: one application accepted, the others rejected and
        // waiting for their retry.
        let died = tokio::time::timeout(Duration::from_millis(700), run).await;
        assert!(died.is_err(), "the run was still retrying when it died");
        let store = Arc::clone(outbox.store());
        let during: Vec<_> = states(&store);
        assert!(
            during
                .iter()
                .all(|(_, s)| matches!(s, ApplicationState::Submitted | ApplicationState::Queued)),
            "rule: a definitely rejected application is recorded (queued again) before backing \
             off, never left `sending`: {during:?}"
        );
        ids
    };
    // The next start.
    let outbox = env.outbox();
    assert!(
        outbox.recovered().applications.is_empty(),
        "rule: no needless `unknown` after a crash (recovered {:?})",
        outbox.recovered().applications
    );
    let a = check_agreement(&sb.applications(), outbox.store());
    assert_eq!(
        (a.local_unknown, a.unknown_not_created),
        (0, 0),
        "rule: only a request that may have reached Tencent is unknown"
    );
    assert_eq!(a.sandbox_applications, 1, "one accepted before the crash");
    // The rejections are in the log, with the application.
    let logged = outbox.store().attempts(ids[1]).unwrap();
    assert!(
        logged
            .iter()
            .any(|e| e.error_code.as_deref() == Some("RequestLimitExceeded")),
        "the rejection was recorded durably: {logged:?}"
    );
}

/// After a restart the rate limiter starts from the attempts of the last second, as stored.
#[tokio::test]
async fn a_restarted_sender_counts_the_attempts_of_the_last_second() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(
        &sb.url(),
        RateLimiter::new(RateLimit::per_second(20).unwrap()),
    );
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0232", 3));
    let ids = outbox
        .enqueue_draft(
            d,
            &SubmitSettings {
                batch_size: Some(1),
                ..SubmitSettings::default()
            },
            &scope,
        )
        .unwrap()
        .application_ids;
    // The process before this one: 12 attempts that ended 100 ms ago, 5 that ended 3 s ago.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let attempt = |ended_ms_ago: i64| AttemptInput {
        started_at_unix_ms: now - ended_ms_ago - 50,
        action: CREATE_ACTION.to_owned(),
        attempt: 1,
        request_id: None,
        error_class: Some("rate_limited".into()),
        error_code: Some("RequestLimitExceeded".into()),
        error_message: None,
        latency_ms: 50,
        rate_limit_wait_ms: 0,
        next_step: "done".into(),
    };
    let mut earlier: Vec<AttemptInput> = (0..5).map(|_| attempt(3000)).collect();
    earlier.extend((0..12).map(|_| attempt(100)));
    let store = outbox.store();
    store.claim_for_sending(ids[0]).unwrap().unwrap();
    store
        .record_outcome(
            ids[0],
            &Outcome::Requeued {
                code: Some("RequestLimitExceeded".into()),
                message: String::new(),
            },
            &earlier,
        )
        .unwrap();
    assert_eq!(client.limiter().occupied(CREATE_ACTION), 0);
    let report = outbox
        .run(
            &client,
            &Selection::Applications(vec![]),
            &RunControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    assert_eq!(report.total, 0);
    assert_eq!(
        client.limiter().occupied(CREATE_ACTION),
        12,
        "rule: after a restart the rate limiter starts from the stored attempts of the last \
         second (not older ones)"
    );
}
