//! The outbox against the sandbox over loopback, with a real database file.
//!
//! Over 500 lines because each test is one send scenario end to end (splitting a draft, unknown
//! outcomes, overflow, pause, cancel, crash, Modify, reconcile) on one set-up.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use numdesk_client::RateLimiter;
use numdesk_outbox::{
    ModifyResult, NoProgress, Outbox, OutboxConfig, OutboxError, PauseKind, Selection, SendControl,
    SendOutcome, SendPhase, SubmitSettings, endpoint_scope,
};
use numdesk_sandbox::{Faults, SandboxConfig};
use numdesk_store::{
    ApplicationFilter, ApplicationState, EndpointKind, NumberDetail, RowFinding, Severity,
};

fn settings() -> SubmitSettings {
    SubmitSettings::default()
}

#[tokio::test]
async fn a_draft_is_sent_in_batches_and_every_apply_id_is_recorded() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    assert_eq!(
        scope.kind,
        EndpointKind::Sandbox,
        "a loopback endpoint is the sandbox"
    );
    let d = draft(outbox.store(), "March", &numbers("0201", 250));
    let plan = outbox.plan(d, &settings(), &scope).unwrap();
    assert_eq!(
        (
            plan.application_count,
            plan.numbers_to_send,
            plan.numbers_per_application
        ),
        (3, 250, 100)
    );
    let queued = outbox.enqueue_draft(d, &settings(), &scope).unwrap();
    assert_eq!(queued.application_ids.len(), 3, "default batches of 100");

    let events = Events::default();
    let report = outbox
        .run(
            &client,
            &Selection::Draft(d),
            &SendControl::new(),
            events.sink(),
        )
        .await
        .unwrap();
    assert_eq!(report.outcome, SendOutcome::Finished);
    assert_eq!(report.submitted, queued.application_ids);
    assert_eq!(report.rate_limited_attempts, 0);

    let all = events.all();
    assert_eq!(
        (all[0].phase, all[0].done, all[0].total),
        (SendPhase::Running, 0, 3)
    );
    let last = all.last().unwrap();
    assert_eq!(
        (last.phase, last.done, last.done_numbers),
        (SendPhase::Finished, 3, 250)
    );
    let dones: Vec<u32> = all.iter().map(|e| e.done).collect();
    assert!(
        dones.windows(2).all(|w| w[0] <= w[1]),
        "done never goes back: {dones:?}"
    );
    assert_eq!(
        all.iter().filter(|e| e.finished.is_some()).count(),
        3,
        "one event per batch"
    );
    assert!(all[0].eta_ms.is_some(), "an ETA while running");

    let agreement = check_agreement(&sb.applications(), outbox.store());
    assert_eq!(
        (agreement.sandbox_applications, agreement.local_submitted),
        (3, 3)
    );
    let attempts = outbox.store().attempts(queued.application_ids[0]).unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].action, "CreateOwnNumberApply");
    assert!(
        attempts[0].request_id.is_some(),
        "the attempts log keeps the RequestId"
    );
    let app = outbox.application(queued.application_ids[0]).unwrap();
    assert_eq!(
        app.endpoint.host,
        sb.host(),
        "the endpoint is stored on each application"
    );
}

#[tokio::test]
async fn a_draft_with_an_error_row_is_refused_and_nothing_is_queued() {
    let env = Env::new();
    let outbox = env.outbox();
    let store = outbox.store();
    let mut rows: Vec<_> = numbers("0202", 3).iter().map(|n| row(n)).collect();
    rows[1].findings.push(RowFinding {
        severity: Severity::Error,
        code: "scientific_notation".into(),
        field: Some("PhoneNumber".into()),
        message: "Excel turned this number into 2.01235E+10; digits were lost".into(),
    });
    rows[2].call_type = None;
    let header = numdesk_store::DraftHeader {
        name: "bad".into(),
        sdk_app_id: Some(SDK),
        sip_trunk_id: Some(TRUNK),
        ..Default::default()
    };
    let d = store.create_draft(&header, &rows).unwrap();
    let scope = numdesk_store::EndpointScope::new(EndpointKind::Sandbox, "127.0.0.1:1");
    let err = outbox.enqueue_draft(d, &settings(), &scope).unwrap_err();
    let OutboxError::DraftHasErrors { rows: bad, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(bad.len(), 2, "every blocking row is listed");
    assert!(
        err.to_string().contains("digits were lost"),
        "says what is wrong: {err}"
    );
    assert!(
        bad[1].message.contains("CallType is missing"),
        "{:?}",
        bad[1]
    );
    assert!(
        store
            .applications(&ApplicationFilter::all())
            .unwrap()
            .is_empty(),
        "rule: nothing sent"
    );

    let mut no_sdk = settings();
    no_sdk.sdk_app_id = None;
    let d2 = store
        .create_draft(
            &numdesk_store::DraftHeader {
                name: "x".into(),
                ..Default::default()
            },
            &[row("1")],
        )
        .unwrap();
    let err = outbox.enqueue_draft(d2, &no_sdk, &scope).unwrap_err();
    assert!(err.to_string().contains("SdkAppId is not set"), "{err}");
}

#[tokio::test]
async fn taken_numbers_are_left_out_and_a_permanent_error_fails_only_its_batch() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let first = draft(outbox.store(), "first", &numbers("0203", 100));
    outbox.enqueue_draft(first, &settings(), &scope).unwrap();
    outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();

    // 50 old numbers + 150 new ones.
    let mut mixed = numbers("0203", 100)[50..].to_vec();
    mixed.extend(numbers("0204", 150));
    let second = draft(outbox.store(), "second", &mixed);
    let plan = outbox.plan(second, &settings(), &scope).unwrap();
    assert_eq!(
        plan.duplicates.len(),
        50,
        "rule: numbers in submitted applications are flagged"
    );
    assert_eq!(plan.numbers_to_send, 150);
    let q = outbox.enqueue_draft(second, &settings(), &scope).unwrap();
    assert_eq!(q.numbers, 150, "and left out");

    // The user insists on a third draft: the taken numbers go into the first batch, which
    // Tencent (the sandbox) refuses; the other batch still goes through.
    let mut third_numbers = numbers("0203", 100)[..10].to_vec();
    third_numbers.extend(numbers("0205", 90));
    third_numbers.extend(numbers("0206", 100));
    let third = draft(outbox.store(), "third", &third_numbers);
    let insist = SubmitSettings {
        include_duplicates: true,
        ..settings()
    };
    let q3 = outbox.enqueue_draft(third, &insist, &scope).unwrap();
    assert_eq!(q3.numbers, 200);
    assert!(q3.duplicates.iter().all(|d| d.included));
    let report = outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    assert_eq!(report.outcome, SendOutcome::Finished);
    assert_eq!(report.failed.len(), 1, "the batch with taken numbers fails");
    assert_eq!(
        report.submitted.len(),
        3,
        "rule: a permanent error does not stop the others"
    );
    let failed = outbox.application(report.failed[0]).unwrap();
    assert_eq!(
        failed.error_code.as_deref(),
        Some("InvalidParameter.DuplicatePhoneNumber")
    );
    assert!(failed.error_message.unwrap().contains("already in use"));

    // New draft from the failed rows.
    let redraft = outbox.draft_from_failed(&report.failed).unwrap();
    let rows = outbox.store().draft_rows(redraft).unwrap();
    assert_eq!(rows.len(), 100);
    assert!(rows[0].findings[0].message.contains("DuplicatePhoneNumber"));
    check_agreement(&sb.applications(), outbox.store());
}

#[tokio::test]
async fn a_dropped_response_is_unknown_never_resent_and_resolved_by_apply_id() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0207", 300));
    let ids = outbox
        .enqueue_draft(d, &settings(), &scope)
        .unwrap()
        .application_ids;
    sb.set_faults(Faults {
        drop_next_after_commit: 1,
        fail_next_internal: 0,
        ..Faults::default()
    });
    let config = OutboxConfig { concurrency: 1 };
    drop(outbox);
    let outbox = Outbox::open(env.store(), config).unwrap();
    let report = outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    assert_eq!(
        report.unknown,
        [ids[0]],
        "rule: a dropped response leaves the batch unknown"
    );
    assert_eq!(report.submitted, ids[1..]);
    let unknown = outbox.application(ids[0]).unwrap();
    assert_eq!(unknown.error_code.as_deref(), Some("OutcomeUnknown"));
    assert_eq!(sb.applications().len(), 3, "the sandbox did create it");
    check_agreement(&sb.applications(), outbox.store());

    // Resume never sends it again.
    let again = outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    assert_eq!(
        again.total, 0,
        "rule: unknown is never resent automatically"
    );
    assert_eq!(sb.applications().len(), 3);

    let (resolve, resend) = unknown_resolutions(&sb.applications(), outbox.store());
    assert!(resend.is_empty());
    let (id, apply_id) = resolve[0];
    let resolved = outbox.resolve_with_apply_id(id, apply_id).unwrap();
    assert_eq!(
        (resolved.state, resolved.apply_id),
        (ApplicationState::Submitted, Some(apply_id))
    );
    assert!(resolved.note.unwrap().contains("entered by the user"));
    let a = check_agreement(&sb.applications(), outbox.store());
    assert_eq!((a.local_submitted, a.local_unknown), (3, 0));
}

#[tokio::test]
async fn an_internal_error_is_unknown_and_a_confirmed_resend_submits_it() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0208", 50));
    let ids = outbox
        .enqueue_draft(d, &settings(), &scope)
        .unwrap()
        .application_ids;
    sb.set_faults(Faults {
        fail_next_internal: 1,
        ..Faults::default()
    });
    let report = outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    assert_eq!(
        report.unknown, ids,
        "rule: InternalError may have created it: unknown"
    );
    assert_eq!(
        outbox.store().attempts(ids[0]).unwrap().len(),
        1,
        "rule: a Create is not retried after InternalError"
    );
    assert!(sb.applications().is_empty());
    let (resolve, resend) = unknown_resolutions(&sb.applications(), outbox.store());
    assert!(resolve.is_empty());
    let report = outbox
        .resend_unknown(
            &client,
            resend[0],
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    assert_eq!(report.submitted, ids);
    let app = outbox.application(ids[0]).unwrap();
    assert!(app.note.unwrap().contains("confirmed sending it again"));
    assert_eq!(
        outbox.store().attempts(ids[0]).unwrap().len(),
        2,
        "both attempts are logged"
    );
    check_agreement(&sb.applications(), outbox.store());

    assert!(
        outbox
            .resend_unknown(&client, ids[0], &SendControl::new(), Arc::new(NoProgress))
            .await
            .is_err(),
        "a submitted application is never resent"
    );
}

#[tokio::test]
async fn waiting_approval_overflow_pauses_the_whole_queue_and_resume_continues() {
    let sb = sandbox(SandboxConfig {
        max_pending: 2,
        ..sandbox_config()
    })
    .await;
    let env = Env::new();
    let outbox = Outbox::open(env.store(), OutboxConfig { concurrency: 1 }).unwrap();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0209", 50));
    let s = SubmitSettings {
        numbers_per_application: Some(10),
        ..settings()
    };
    let ids = outbox.enqueue_draft(d, &s, &scope).unwrap().application_ids;
    let events = Events::default();
    let report = outbox
        .run(&client, &Selection::All, &SendControl::new(), events.sink())
        .await
        .unwrap();
    let SendOutcome::Stopped { reason } = &report.outcome else {
        panic!("{:?}", report.outcome)
    };
    assert_eq!(
        reason.kind,
        PauseKind::WaitingApprovalOverflow,
        "rule: overflow pauses the queue"
    );
    assert!(
        reason.message.contains("waiting for review"),
        "and says why: {}",
        reason.message
    );
    assert_eq!(reason.application_id, Some(ids[2]));
    assert_eq!(report.submitted, ids[..2]);
    assert_eq!(
        report.queued,
        ids[2..],
        "the rest (including the refused batch) stays queued"
    );
    let refused = outbox.application(ids[2]).unwrap();
    assert_eq!(refused.state, ApplicationState::Queued);
    assert_eq!(
        refused.error_code.as_deref(),
        Some("InvalidParameterValue.WaitingApprovalOverflow")
    );
    let last = events.all().pop().unwrap();
    assert_eq!(last.phase, SendPhase::Stopped);
    assert_eq!(
        last.pause_reason.unwrap().kind,
        PauseKind::WaitingApprovalOverflow
    );

    for app in sb.applications() {
        sb.approve(app.apply_id).unwrap();
    }
    let mut rounds = 0;
    loop {
        let r = outbox
            .run(
                &client,
                &Selection::All,
                &SendControl::new(),
                Arc::new(NoProgress),
            )
            .await
            .unwrap();
        if r.outcome == SendOutcome::Finished {
            break;
        }
        for app in sb.applications() {
            let _ = sb.approve(app.apply_id);
        }
        rounds += 1;
        assert!(rounds < 5, "resume after approvals finishes the queue");
    }
    let a = check_agreement(&sb.applications(), outbox.store());
    assert_eq!(a.local_submitted, 5);
}

#[tokio::test]
async fn cancel_finishes_calls_in_flight_and_leaves_the_rest_queued() {
    let sb = sandbox(SandboxConfig {
        faults: Faults {
            delay: Duration::from_millis(100),
            ..Faults::default()
        },
        ..sandbox_config()
    })
    .await;
    let env = Env::new();
    let outbox = Outbox::open(env.store(), OutboxConfig { concurrency: 2 }).unwrap();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0210", 100));
    let s = SubmitSettings {
        numbers_per_application: Some(5),
        ..settings()
    };
    let ids = outbox.enqueue_draft(d, &s, &scope).unwrap().application_ids;
    let control = SendControl::new();
    let c = control.clone();
    let cancel_on_first = Arc::new(move |e: &numdesk_outbox::ProgressEvent| {
        if e.finished.is_some() {
            c.cancel();
        }
    });
    let report = outbox
        .run(&client, &Selection::All, &control, cancel_on_first)
        .await
        .unwrap();
    assert_eq!(report.outcome, SendOutcome::Cancelled);
    let sent = report.submitted.len();
    assert!(
        (1..=2).contains(&sent),
        "only the calls already in flight finish: {sent}"
    );
    assert_eq!(
        report.queued.len(),
        ids.len() - sent,
        "rule: cancel leaves the rest queued"
    );
    let states = outbox.store().state_counts().unwrap();
    assert!(
        !states.iter().any(|(s, _)| *s == ApplicationState::Sending),
        "nothing left sending"
    );
    assert_eq!(sb.applications().len(), sent);

    let report = outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    assert_eq!(
        report.submitted.len(),
        ids.len() - sent,
        "resume sends the rest"
    );
    check_agreement(&sb.applications(), outbox.store());
}

#[tokio::test]
async fn pause_holds_new_calls_until_resume() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let outbox = Outbox::open(env.store(), OutboxConfig { concurrency: 1 }).unwrap();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0211", 30));
    let s = SubmitSettings {
        numbers_per_application: Some(10),
        ..settings()
    };
    outbox.enqueue_draft(d, &s, &scope).unwrap();
    let control = SendControl::new();
    let c = control.clone();
    let store = Arc::clone(outbox.store());
    let seen_while_paused = Arc::new(std::sync::Mutex::new(None));
    let seen = Arc::clone(&seen_while_paused);
    let sink = Arc::new(move |e: &numdesk_outbox::ProgressEvent| {
        if e.finished.is_some() && e.done == 1 {
            c.pause();
        }
        if e.phase == SendPhase::Paused {
            let counts = store.state_counts().unwrap();
            *seen.lock().unwrap() = Some((e.done, counts));
            c.resume();
        }
    });
    let report = outbox
        .run(&client, &Selection::All, &control, sink)
        .await
        .unwrap();
    assert_eq!(report.outcome, SendOutcome::Finished);
    assert_eq!(report.submitted.len(), 3, "resume continues to the end");
    let (done, counts) = seen_while_paused
        .lock()
        .unwrap()
        .clone()
        .expect("a Paused event");
    assert_eq!(done, 1, "rule: nothing new starts while paused");
    assert!(
        counts.contains(&(ApplicationState::Queued, 2)),
        "{counts:?}"
    );
}

#[tokio::test]
async fn a_crash_after_sending_was_committed_leaves_unknown_and_nothing_is_resent() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let ids = {
        let outbox = env.outbox();
        let d = draft(outbox.store(), "d", &numbers("0212", 200));
        let ids = outbox
            .enqueue_draft(d, &settings(), &scope)
            .unwrap()
            .application_ids;
        // The process dies right after committing `sending`.
        outbox.store().claim_for_sending(ids[0]).unwrap().unwrap();
        ids
    };
    let outbox = env.outbox();
    assert_eq!(
        outbox.recovered().applications,
        [ids[0]],
        "rule: leftover sending becomes unknown"
    );
    let report = outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    assert_eq!(report.submitted, [ids[1]], "only the queued batch is sent");
    let a = check_agreement(&sb.applications(), outbox.store());
    assert_eq!((a.local_unknown, a.unknown_not_created), (1, 1));
}

#[tokio::test]
async fn only_one_process_sends_from_a_database() {
    let env = Env::new();
    let first = env.outbox();
    let err = Outbox::open(env.store(), OutboxConfig::default()).unwrap_err();
    assert!(matches!(err, OutboxError::Locked { .. }), "{err}");
    assert!(
        err.to_string()
            .contains(&format!("process {}", std::process::id())),
        "{err}"
    );
    drop(first);
    env.outbox();
}

#[tokio::test]
async fn requests_that_cannot_leave_stop_the_queue_and_stay_queued() {
    // A port nothing listens on (bound, then closed).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = Env::new();
    let outbox = env.outbox();
    let mut config =
        numdesk_client::ClientConfig::new(format!("http://127.0.0.1:{port}").parse().unwrap());
    config.retry = numdesk_client::RetryPolicy::no_retries();
    let client = numdesk_client::Client::new(
        config,
        RateLimiter::default(),
        numdesk_client::Credentials::new(
            numdesk_sandbox::SANDBOX_SECRET_ID,
            numdesk_sandbox::SANDBOX_SECRET_KEY,
        ),
    )
    .unwrap();
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0213", 300));
    let ids = outbox
        .enqueue_draft(d, &settings(), &scope)
        .unwrap()
        .application_ids;
    let report = outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    let SendOutcome::Stopped { reason } = report.outcome else {
        panic!()
    };
    assert_eq!(reason.kind, PauseKind::Network);
    assert_eq!(
        reason.network_kind,
        Some(numdesk_client::NetworkKind::ConnectionRefused),
        "the pause names which network failure, by its stable name"
    );
    assert_eq!(
        report.queued, ids,
        "rule: nothing reached Tencent, so nothing is unknown"
    );
    assert!(report.unknown.is_empty());
    let first = outbox.store().application(ids[0]).unwrap().unwrap();
    assert_eq!(
        (first.error_code.as_deref(), first.error_kind),
        (
            Some("NotSent"),
            Some(numdesk_client::NetworkKind::ConnectionRefused)
        ),
        "the application keeps it with its error, for the UI to name the problem"
    );
}

#[tokio::test]
async fn resending_through_another_endpoint_is_refused() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let d = draft(outbox.store(), "d", &numbers("0214", 5));
    let intl = numdesk_store::EndpointScope::new(
        EndpointKind::International,
        "ccc.intl.tencentcloudapi.com",
    );
    let ids = outbox
        .enqueue_draft(d, &settings(), &intl)
        .unwrap()
        .application_ids;
    let report = outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    assert_eq!(
        report.total, 0,
        "rule: a real-site application is never sent to the sandbox"
    );
    outbox.store().claim_for_sending(ids[0]).unwrap();
    drop(outbox);
    let outbox = env.outbox();
    let err = outbox
        .resend_unknown(&client, ids[0], &SendControl::new(), Arc::new(NoProgress))
        .await
        .unwrap_err();
    assert!(matches!(err, OutboxError::EndpointMismatch { .. }), "{err}");
    assert!(sb.applications().is_empty());
}

#[tokio::test]
async fn modify_changes_numbers_and_an_approved_application_is_explained() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0215", 3));
    let id = outbox
        .enqueue_draft(d, &settings(), &scope)
        .unwrap()
        .application_ids[0];
    outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    let detail = |n: &str| NumberDetail {
        phone_number: n.into(),
        call_type: 1,
        max_call_count: 2,
        max_call_p_sec: 1,
        outbound_callee_format: None,
        carrier_phone_number: None,
    };
    let report = outbox
        .modify(&client, id, vec![detail("021500000"), detail("021599999")])
        .await
        .unwrap();
    assert_eq!(report.result, ModifyResult::Applied);
    assert_eq!(report.application.numbers, ["021500000", "021599999"]);
    let sandbox_app = sb.applications().pop().unwrap();
    assert_eq!(
        sandbox_app.numbers,
        ["021500000", "021599999"],
        "Tencent has the new list"
    );
    assert_eq!(sandbox_app.modify_count, 1);

    sb.approve(sandbox_app.apply_id).unwrap();
    let err = outbox
        .modify(&client, id, vec![detail("021500001")])
        .await
        .unwrap_err();
    let OutboxError::NotEditable { explanation, .. } = &err else {
        panic!("{err}")
    };
    assert!(
        explanation.contains("approved") && explanation.contains("new application"),
        "rule: ErrorApplyStatus is explained: {explanation}"
    );
    let app = outbox.application(id).unwrap();
    assert_eq!(
        app.numbers,
        ["021500000", "021599999"],
        "the refused change is not applied"
    );
    assert_eq!(
        app.modify_error_code.as_deref(),
        Some("InvalidParameterValue.ErrorApplyStatus")
    );
    check_agreement(&sb.applications(), outbox.store());
}

#[tokio::test]
async fn reconcile_reads_every_page_and_marks_live_numbers_and_approved_applications() {
    let sb = sandbox(sandbox_config()).await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0216", 250));
    let ids = outbox
        .enqueue_draft(d, &settings(), &scope)
        .unwrap()
        .application_ids;
    outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    // Batches go out in parallel, so ApplyIds need not follow local ids.
    for id in [ids[0], ids[2]] {
        sb.approve(outbox.application(id).unwrap().apply_id.unwrap())
            .unwrap();
    }
    let report = outbox.reconcile(&client, SDK).await.unwrap();
    assert_eq!(report.pages, 2, "150 live numbers at 100 per page");
    assert_eq!((report.own_numbers, report.numbers_marked), (150, 150));
    assert_eq!(report.approved, [ids[0], ids[2]]);
    let app = outbox.application(ids[1]).unwrap();
    assert_eq!((app.live_numbers, app.approved_at), (0, None));
    assert_eq!(outbox.application(ids[2]).unwrap().live_numbers, 50);
}

#[tokio::test]
async fn an_undocumented_code_after_the_write_leaves_the_outcome_unknown() {
    let sb = sandbox(sandbox_config()).await;
    sb.set_faults(Faults {
        answer_after_commit: vec!["FailedOperation", "ResourceUnavailable"],
        ..Faults::default()
    });
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let d = draft(outbox.store(), "d", &numbers("0217", 3));
    let one_each = SubmitSettings {
        numbers_per_application: Some(1),
        ..settings()
    };
    let ids = outbox
        .enqueue_draft(d, &one_each, &scope)
        .unwrap()
        .application_ids;
    let control = SendControl::new();
    let run = || outbox.run(&client, &Selection::All, &control, Arc::new(NoProgress));
    run().await.unwrap();
    let states: Vec<_> = ids
        .iter()
        .map(|&id| outbox.application(id).unwrap())
        .map(|a| (a.state, a.error_code))
        .collect();
    let unknown = states
        .iter()
        .filter(|(s, _)| *s == ApplicationState::Unknown)
        .count();
    assert_eq!(
        unknown, 2,
        "rule: FailedOperation/ResourceUnavailable answered to a Create mean outcome unknown, \
         never failed: {states:?}"
    );
    assert!(
        states.iter().all(|(s, _)| *s != ApplicationState::Failed),
        "{states:?}"
    );
    assert_eq!(sb.applications().len(), 3, "the sandbox created all three");
    run().await.unwrap();
    assert_eq!(
        sb.applications().len(),
        3,
        "rule: an unknown application is never resent by itself"
    );
    check_agreement(&sb.applications(), outbox.store());
}
