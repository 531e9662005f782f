//! Crashes around sending: what a process that dies (here: its run dropped mid-flight, its
//! outbox closed) leaves behind, and what the next one starts from; failed writes, panics and
//! pause.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failure

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use numdesk_client::{Client, ClientConfig, Credentials, RateLimit, RateLimiter, RetryPolicy};
use numdesk_outbox::{
    CREATE_ACTION, NoProgress, ProgressEvent, ProgressSink, Selection, SendControl, SubmitSettings,
    endpoint_scope,
};
use numdesk_sandbox::{Faults, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, SandboxConfig};
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
            numbers_per_application: Some(1),
            ..SubmitSettings::default()
        };
        let ids = outbox
            .enqueue_draft(d, &settings, &scope)
            .unwrap()
            .application_ids;
        let control = SendControl::new();
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
                numbers_per_application: Some(1),
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
                kind: None,
            },
            &earlier,
        )
        .unwrap();
    assert_eq!(client.limiter().occupied(CREATE_ACTION), 0);
    let report = outbox
        .run(
            &client,
            &Selection::Applications(vec![]),
            &SendControl::new(),
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

/// A progress sink that panics on the first answer it is given (inside that send task).
struct PanicOnFirstAnswer(std::sync::atomic::AtomicBool);

impl ProgressSink for PanicOnFirstAnswer {
    fn on_progress(&self, event: &ProgressEvent) {
        if event.finished.is_some() && !self.0.swap(true, std::sync::atomic::Ordering::SeqCst) {
            panic!("a bug in one send task");
        }
    }
}

/// A panic in one send task must not abort the others mid-request: every request already on
/// the wire gets its answer recorded.
#[tokio::test]
async fn a_panic_in_one_send_task_does_not_abort_the_others_mid_request() {
    let sb = sandbox(SandboxConfig {
        faults: Faults {
            delay: Duration::from_millis(300),
            ..Faults::default()
        },
        ..sandbox_config()
    })
    .await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0233", 16));
    outbox
        .enqueue_draft(
            d,
            &SubmitSettings {
                numbers_per_application: Some(1),
                ..SubmitSettings::default()
            },
            &scope,
        )
        .unwrap();
    let sink = Arc::new(PanicOnFirstAnswer(Default::default()));
    let result = outbox
        .run(&client, &Selection::All, &SendControl::new(), sink)
        .await;
    assert!(result.is_err(), "the panic is reported as the run's error");
    let sending: Vec<_> = states(outbox.store())
        .into_iter()
        .filter(|(_, s)| *s == ApplicationState::Sending)
        .collect();
    // Only the panicking task's own application may be left: its answer was recorded before
    // the panic (in the progress report), so none at all here.
    assert!(
        sending.is_empty(),
        "rule: a panic in one send task does not abort the others mid-request: {sending:?} \
         left sending"
    );
    let a = check_agreement(&sb.applications(), outbox.store());
    assert_eq!(
        a.sandbox_applications, a.local_submitted,
        "every request on the wire was answered and its answer recorded"
    );
}

/// Makes every write of a `submitted` answer fail on the store's connection while
/// `temp.fail_answers` holds a row (a full disk, a locked file).
fn fail_answer_writes(store: &numdesk_store::Store, on: bool) {
    store
        .with_conn_for_tests(|c| {
            c.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS fail_answers (x); \
                 CREATE TEMP TRIGGER IF NOT EXISTS fail_answer BEFORE UPDATE OF state ON \
                 main.applications WHEN NEW.state = 'submitted' \
                 AND EXISTS (SELECT 1 FROM temp.fail_answers) \
                 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END; \
                 DELETE FROM temp.fail_answers;",
            )?;
            if on {
                c.execute("INSERT INTO temp.fail_answers VALUES (1)", [])?;
            }
            Ok(())
        })
        .unwrap();
}

#[tokio::test]
async fn a_failed_write_of_the_answer_is_retried() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0234", 3));
    let ids = outbox
        .enqueue_draft(d, &SubmitSettings::default(), &scope)
        .unwrap()
        .application_ids;
    fail_answer_writes(outbox.store(), true);
    let store = Arc::clone(outbox.store());
    let heal = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        fail_answer_writes(&store, false);
    });
    let report = outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .expect("rule: a failed write of Tencent's answer is retried");
    heal.await.unwrap();
    assert_eq!(report.submitted, ids, "recorded on a later try");
    let app = outbox.application(ids[0]).unwrap();
    assert_eq!(
        app.apply_id,
        Some(sb.applications()[0].apply_id),
        "the ApplyId is in the database"
    );
}

#[derive(Default)]
struct Events(std::sync::Mutex<Vec<ProgressEvent>>);

impl ProgressSink for Events {
    fn on_progress(&self, event: &ProgressEvent) {
        self.0.lock().unwrap().push(event.clone());
    }
}

#[tokio::test]
async fn an_apply_id_the_database_cannot_take_is_kept_and_shown() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0235", 3));
    let ids = outbox
        .enqueue_draft(d, &SubmitSettings::default(), &scope)
        .unwrap()
        .application_ids;
    fail_answer_writes(outbox.store(), true);
    let events = Arc::new(Events::default());
    let report = outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            events.clone(),
        )
        .await
        .expect("rule: the run ends with a report that keeps the ApplyId");
    let apply_id = sb.applications()[0].apply_id;
    assert_eq!(
        report
            .unsaved_apply_ids
            .iter()
            .map(|u| (u.application_id, u.apply_id))
            .collect::<Vec<_>>(),
        [(ids[0], apply_id)],
        "rule: a failed write of Tencent's answer does not lose the ApplyId (report)"
    );
    let events = events.0.lock().unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.finished.as_ref().and_then(|b| b.apply_id) == Some(apply_id)),
        "rule: the progress view is told the ApplyId"
    );
    let last = events.last().unwrap();
    let reason = last.pause_reason.as_ref().expect("the queue stopped");
    assert!(
        reason.message.contains(&apply_id.to_string()),
        "rule: the stop reason names the ApplyId to enter: {}",
        reason.message
    );
}

/// Pause stops new requests at once, also those already waiting for a rate-limit slot; the
/// paused event says how many were on the wire (they finish).
#[tokio::test]
async fn pause_stops_new_requests_at_once_and_says_how_many_are_on_the_wire() {
    let sb = sandbox(SandboxConfig {
        faults: Faults {
            delay: Duration::from_millis(300),
            ..Faults::default()
        },
        ..sandbox_config()
    })
    .await;
    let env = Env::new();
    let outbox = env.outbox();
    // Two requests a second: most send tasks wait for a slot when the user pauses.
    let client = client_for(
        &sb.url(),
        RateLimiter::new(RateLimit::per_second(2).unwrap()),
    );
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0236", 10));
    outbox
        .enqueue_draft(
            d,
            &SubmitSettings {
                numbers_per_application: Some(1),
                ..SubmitSettings::default()
            },
            &scope,
        )
        .unwrap();
    let control = SendControl::new();
    let events = Arc::new(Events::default());
    let run = outbox.run(&client, &Selection::All, &control, events.clone());
    let pause_then_cancel = async {
        tokio::time::sleep(Duration::from_millis(150)).await;
        control.pause();
        // Long enough for the next slots (every 500 ms) to open several times.
        tokio::time::sleep(Duration::from_millis(2500)).await;
        control.cancel();
    };
    let (report, ()) = tokio::join!(run, pause_then_cancel);
    let report = report.unwrap();
    let paused = events
        .0
        .lock()
        .unwrap()
        .iter()
        .find(|e| e.phase == numdesk_outbox::SendPhase::Paused)
        .cloned()
        .expect("a paused event");
    let sent = sb.applications().len() as u32;
    assert_eq!(
        paused.in_flight, 2,
        "rule: the paused view says how many requests were already on the wire"
    );
    assert_eq!(
        sent, paused.in_flight,
        "rule: pause stops new requests at once — only those on the wire reached the sandbox"
    );
    assert_eq!(
        report.submitted.len() as u32,
        sent,
        "they finish and are recorded"
    );
    assert_eq!(
        report.queued.len(),
        10 - sent as usize,
        "the rest stays queued"
    );
}
