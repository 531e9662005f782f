//! Submit and the outbox through IPC on the mock runtime, against the built-in sandbox.

use crate::common::{app, invoke, ok, window};
use numdesk_store::{
    DraftHeader, DraftRow, EndpointKind, EndpointScope, NewSubmission, NumberDetail, Store,
    SubmissionNumber,
};
use serde_json::{Value, json};

fn row(number: String) -> DraftRow {
    numdesk_testkit::app_row(&number, 2)
}

/// A draft of `n` numbers written straight into the app's database file.
fn draft(dir: &std::path::Path, first: u32, n: u32) -> i64 {
    let store = Store::open(&dir.join(numdesk_commands::DATABASE_FILE)).unwrap();
    let rows: Vec<DraftRow> = (0..n)
        .map(|i| row(format!("021{:08}", first + i)))
        .collect();
    let header = DraftHeader {
        name: "ipc".into(),
        ..DraftHeader::default()
    };
    store.create_draft(&header, &rows).unwrap()
}

#[test]
fn preview_then_start_sends_the_draft_and_reports_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let draft_id = draft(dir.path(), 1000, 120);
    let (_app, w) = app(dir.path());
    let settings = json!({ "numbersPerApplication": 50 });
    let preview = ok(
        &w,
        "submit_preview",
        json!({ "draftId": draft_id, "settings": settings }),
    );
    assert_eq!(preview["numbersToSend"], 120);
    assert_eq!(preview["applicationCount"], 3);
    assert_eq!(preview["connection"], "sandbox");
    assert_eq!(preview["sdkAppName"], "Sandbox Contact Centre");
    assert_eq!(preview["request"]["method"], "POST");

    let confirmed = json!({ "numbersPerApplication": 50, "confirmToken": preview["confirmToken"] });
    let report = ok(
        &w,
        "submit_start",
        json!({ "draftId": draft_id, "settings": confirmed, "onProgress": "__CHANNEL__:3" }),
    );
    assert_eq!(report["outcome"]["kind"], "finished");
    assert_eq!(report["submitted"].as_array().unwrap().len(), 3);

    let status = ok(&w, "outbox_status", json!({}));
    assert_eq!(status["running"], false);
    assert_eq!(status["phase"], "finished");
    assert_eq!(status["queued"], 0);
    assert_eq!(
        status["sending"],
        json!({ "kind": "submit", "draftId": draft_id })
    );
    assert_eq!(status["progress"]["doneNumbers"], 120);
    // Nothing runs now: the controls say so rather than fail.
    for cmd in ["outbox_pause", "outbox_resume", "outbox_cancel"] {
        assert_eq!(ok(&w, cmd, json!({})), json!(false), "{cmd}");
    }
}

#[test]
fn a_dropped_answer_is_unknown_and_resent_only_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let draft_id = draft(dir.path(), 2000, 3);
    let (_app, w) = app(dir.path());
    let faults = ok(
        &w,
        "sandbox_faults_set",
        json!({ "faults": { "dropPercent": 0, "dropNext": 1 } }),
    );
    assert_eq!(faults["dropNext"], 1);
    assert_eq!(ok(&w, "sandbox_faults_get", json!({}))["dropNext"], 1);
    let token = ok(
        &w,
        "submit_preview",
        json!({ "draftId": draft_id, "settings": { "numbersPerApplication": 1 } }),
    )["confirmToken"]
        .clone();
    let report = ok(
        &w,
        "submit_start",
        json!({
            "draftId": draft_id,
            "settings": { "numbersPerApplication": 1, "confirmToken": token },
            "onProgress": "__CHANNEL__:3",
        }),
    );
    let unknown = report["unknown"].as_array().unwrap().clone();
    assert_eq!(unknown.len(), 1, "{report}");
    let status = ok(&w, "outbox_status", json!({}));
    assert_eq!(
        status["unknown"], 1,
        "rule: unknown is never resent by itself"
    );
    let again = ok(
        &w,
        "outbox_resend_unknown",
        json!({ "id": unknown[0], "onProgress": "__CHANNEL__:4" }),
    );
    assert_eq!(again["total"], 1);
    assert_eq!(ok(&w, "outbox_status", json!({}))["unknown"], 0);
    let bad = invoke(
        &w,
        "sandbox_faults_set",
        json!({ "faults": { "dropPercent": 101 } }),
    )
    .unwrap_err();
    assert_eq!(bad["code"], "invalid_input");
    assert_eq!(bad["details"]["field"], "dropPercent");
}

#[test]
fn work_left_by_a_crash_shows_at_start_and_send_queued_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let draft_id = draft(dir.path(), 3000, 2);
    {
        // A previous run queued two applications and died while sending the first.
        let store = Store::open(&dir.path().join(numdesk_commands::DATABASE_FILE)).unwrap();
        let numbers = (0..2)
            .map(|i| SubmissionNumber {
                draft_position: Some(i),
                detail: NumberDetail {
                    phone_number: format!("0210000300{i}"),
                    call_type: 2,
                    max_call_count: 10,
                    max_call_p_sec: 2,
                    outbound_callee_format: None,
                    carrier_phone_number: None,
                },
            })
            .collect();
        let queued = store
            .enqueue(&NewSubmission {
                draft_id: Some(draft_id),
                scope: EndpointScope::new(EndpointKind::Sandbox, "127.0.0.1:9"),
                sdk_app_id: numdesk_sandbox::DEFAULT_SDK_APP_ID,
                sip_trunk_id: numdesk_sandbox::DEFAULT_SIP_TRUNK_ID,
                options: Default::default(),
                numbers,
                numbers_per_application: 1,
                include_duplicates: false,
                country: None,
            })
            .unwrap();
        store
            .claim_for_sending(queued.application_ids[0])
            .unwrap()
            .unwrap();
    }
    let (_app, w) = app(dir.path());
    let status = ok(&w, "outbox_status", json!({}));
    assert_eq!(status["queued"], 1, "{status}");
    assert_eq!(status["unknown"], 1);
    assert_eq!(
        status["recoveredAtStart"].as_array().unwrap().len(),
        1,
        "rule: a relaunch after a crash shows the interrupted work"
    );
    assert_eq!(status["running"], false);
    let report = ok(
        &w,
        "outbox_send_queued",
        json!({ "onProgress": "__CHANNEL__:5" }),
    );
    assert_eq!(report["outcome"]["kind"], "finished");
    assert_eq!(report["submitted"].as_array().unwrap().len(), 1);
    let status = ok(&w, "outbox_status", json!({}));
    assert_eq!(status["queued"], 0);
    assert_eq!(
        status["recoveredAtStart"].as_array().unwrap().len(),
        1,
        "the unknown one waits for the user"
    );
}

#[test]
fn a_window_without_the_capability_cannot_send() {
    let dir = tempfile::tempdir().unwrap();
    let draft_id = draft(dir.path(), 4000, 1);
    let (app, _w) = app(dir.path());
    let other = window(&app, "other");
    let err: Value = invoke(
        &other,
        "submit_start",
        json!({ "draftId": draft_id, "settings": {}, "onProgress": "__CHANNEL__:3" }),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("not allowed"),
        "rule: only the main window may send: {err}"
    );
}
