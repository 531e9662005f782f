//! Submit against the real built-in sandbox over loopback, with a real database file and a
//! memory keychain.
//!
//! Over 500 lines: one scenario per test of submit against the built-in sandbox, sharing the set-up
//! at the top.

use crate::common::{open, runtime};

use std::sync::{Arc, Mutex};

use numdesk_commands::{
    AppContext, ErrorCode, ProxyMode, SandboxFaults, SendingKind, SettingsInput, Site, SubmitInput,
    SubmitState, claim_resend_unknown, claim_send_queued, claim_submit_start,
    connection_use_tencent, outbox_cancel, outbox_pause, outbox_status, sandbox_faults_get,
    sandbox_faults_set, send_claimed, settings_save, submit_prepare, submit_preview,
};
use numdesk_outbox::{PauseKind, ProgressEvent, SendOutcome, SendPhase};
use numdesk_sandbox::{
    ApplicationState as SandboxState, DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID, Sandbox,
    SandboxConfig,
};
use numdesk_store::{
    ApplicationFilter, ApplicationState, DraftHeader, DraftRow, EndpointKind, RowFinding, Severity,
};
use serde_json::Value;

fn row(number: String) -> DraftRow {
    numdesk_testkit::app_row(&number, 2)
}

/// A draft of `n` numbers starting at `first` (rows come from "lines" 2, 3, … of a file).
fn draft(ctx: &AppContext, first: u32, n: u32) -> i64 {
    let rows: Vec<DraftRow> = (0..n)
        .map(|i| DraftRow {
            source_line: Some(u64::from(i) + 2),
            ..row(format!("020{:08}", first + i))
        })
        .collect();
    let header = DraftHeader {
        name: format!("numbers {first}+{n}"),
        ..DraftHeader::default()
    };
    ctx.store().create_draft(&header, &rows).unwrap()
}

fn batch(size: u32) -> SubmitInput {
    SubmitInput {
        numbers_per_application: Some(size),
        ..SubmitInput::default()
    }
}

/// `input` confirmed from the summary as it stands now (what the submit screen sends).
fn confirmed(ctx: &AppContext, id: i64, input: SubmitInput) -> SubmitInput {
    let token = submit_prepare(ctx, id, &input).unwrap().plan.fingerprint;
    SubmitInput {
        confirm_token: Some(token),
        ..input
    }
}

/// Events of a run, collected.
#[derive(Clone, Default)]
struct Events(Arc<Mutex<Vec<ProgressEvent>>>);

impl Events {
    fn sink(&self) -> impl Fn(&ProgressEvent) + Send + Sync + 'static {
        let events = self.0.clone();
        move |e: &ProgressEvent| events.lock().unwrap().push(e.clone())
    }
    fn all(&self) -> Vec<ProgressEvent> {
        self.0.lock().unwrap().clone()
    }
}

fn preview(ctx: &AppContext, state: &SubmitState, draft_id: i64, input: &SubmitInput) -> Value {
    let prep = submit_prepare(ctx, draft_id, input).unwrap();
    let preview = runtime().block_on(submit_preview(state, prep));
    serde_json::to_value(preview).unwrap()
}

fn body_of(preview: &Value) -> Value {
    serde_json::from_str(preview["request"]["body"].as_str().unwrap()).unwrap()
}

#[test]
fn the_preview_summarises_the_submission_and_signs_the_exact_first_request() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let state = SubmitState::default();
    let id = draft(&ctx, 1000, 250);
    let p = preview(&ctx, &state, id, &batch(100));
    assert_eq!(p["numbersToSend"], 250);
    assert_eq!(p["applicationCount"], 3, "250 numbers in batches of 100");
    assert_eq!(p["numbersPerApplication"], 100);
    assert_eq!(p["connection"], "sandbox");
    assert_eq!(p["endpoint"]["kind"], "sandbox");
    assert_eq!(p["scope"]["kind"], "sandbox");
    assert_eq!(p["sdkAppId"], DEFAULT_SDK_APP_ID);
    assert_eq!(
        p["sdkAppName"], "Sandbox Contact Centre",
        "rule: the SdkAppId is shown with its name from DescribeCCCBuyInfoList"
    );
    assert_eq!(p["sipTrunkId"], DEFAULT_SIP_TRUNK_ID);
    assert_eq!(p["canSend"], true);
    let request = &p["request"];
    assert_eq!(request["method"], "POST");
    assert_eq!(request["url"], format!("{}/", ctx.sandbox().url()));
    let headers: Vec<(String, String)> = request["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["name"].as_str().unwrap().to_owned(),
                h["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let header = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    assert_eq!(
        header("X-TC-Action").as_deref(),
        Some("CreateOwnNumberApply")
    );
    assert!(
        header("Authorization").unwrap().contains("Signature="),
        "rule: the preview shows the computed signature"
    );
    let body = body_of(&p);
    let details = body["DetailList"].as_array().unwrap();
    assert_eq!(details.len(), 100, "the first batch only");
    assert_eq!(details[0]["PhoneNumber"], "02000001000");

    // The unredacted twin of that preview, sent as is: the sandbox verifies its signature with
    // its own code, so the previewed signature is the one a real request carries.
    let prep = submit_prepare(&ctx, id, &batch(100)).unwrap();
    let prepared = prep.request.clone().unwrap();
    assert_eq!(
        serde_json::to_value(prepared.redacted()).unwrap()["body"],
        p["request"]["body"],
        "the preview is the redacted prepared request"
    );
    let answer = send_raw(&prepared);
    assert!(
        answer["Response"]["ApplyId"].is_u64(),
        "rule: the previewed request is valid exactly as shown: {answer}"
    );
    assert_eq!(
        ctx.store()
            .applications(&ApplicationFilter::all())
            .unwrap()
            .len(),
        0,
        "a preview queues nothing"
    );
}

/// Sends a prepared request byte for byte over a plain TCP connection (every header as
/// prepared, nothing added but `Connection: close`) and returns the JSON answer.
fn send_raw(prepared: &numdesk_client::PreparedRequest) -> Value {
    use std::io::{Read, Write};
    let url = url_host(&prepared.url);
    let mut stream = std::net::TcpStream::connect(url).unwrap();
    let mut head = format!("{} / HTTP/1.1\r\n", prepared.method);
    for (name, value) in &prepared.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&prepared.body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (_, body) = text.split_once("\r\n\r\n").unwrap();
    serde_json::from_str(body).unwrap()
}

/// `127.0.0.1:port` of `http://127.0.0.1:port/`.
fn url_host(url: &str) -> &str {
    url.trim_start_matches("http://").trim_end_matches('/')
}

#[test]
fn a_submission_runs_to_completion_and_sends_what_the_preview_showed() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let state = SubmitState::default();
    let id = draft(&ctx, 2000, 250);
    let p = preview(&ctx, &state, id, &batch(100));
    let job = claim_submit_start(&ctx, &state, id, &confirmed(&ctx, id, batch(100))).unwrap();
    assert_eq!(job.application_ids.len(), 3);
    let first_local = job.application_ids[0];
    let events = Events::default();
    let report = runtime()
        .block_on(send_claimed(&ctx, job, events.sink()))
        .unwrap();
    assert_eq!(report.outcome, SendOutcome::Finished);
    assert_eq!(report.submitted.len(), 3, "{report:?}");
    let all = events.all();
    let batches: Vec<_> = all.iter().filter_map(|e| e.finished.as_ref()).collect();
    assert_eq!(batches.len(), 3, "one progress event per batch");
    assert!(batches.iter().all(|b| b.apply_id.is_some()));
    let last = all.last().unwrap();
    assert_eq!(last.phase, SendPhase::Finished);
    assert_eq!((last.done, last.total, last.done_numbers), (3, 3, 250));

    let sent = ctx.sandbox().applications();
    assert_eq!(sent.len(), 3);
    // Batches go out in parallel, so ApplyIds need not follow the batches: the first batch is
    // the application the store recorded for it.
    let first_apply_id = ctx
        .store()
        .application(first_local)
        .unwrap()
        .unwrap()
        .apply_id
        .unwrap();
    let first = sent.iter().find(|a| a.apply_id == first_apply_id).unwrap();
    let previewed: Vec<String> = body_of(&p)["DetailList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["PhoneNumber"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        first.numbers, previewed,
        "rule: the first application sent holds exactly the previewed numbers"
    );
    assert_eq!(
        (first.sdk_app_id, first.sip_trunk_id),
        (DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID)
    );

    let status = outbox_status(&ctx, &state).unwrap();
    assert!(!status.running);
    assert_eq!(status.phase, Some(SendPhase::Finished));
    assert_eq!((status.queued, status.unknown), (0, 0));
    assert_eq!(status.sending, Some(SendingKind::Submit { draft_id: id }));
}

#[test]
fn pause_then_cancel_keeps_the_rest_queued_and_send_queued_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let state = SubmitState::default();
    let id = draft(&ctx, 3000, 30);
    let job = claim_submit_start(&ctx, &state, id, &confirmed(&ctx, id, batch(1))).unwrap();
    let events = Events::default();
    let sink = {
        let events = events.clone();
        let state = state.clone();
        move |e: &ProgressEvent| {
            events.sink()(e);
            // Pause as soon as the first batch is in, cancel once the run says it paused.
            if e.finished.is_some() && e.done == 1 {
                assert!(outbox_pause(&state), "a run is there to pause");
            }
            if e.phase == SendPhase::Paused {
                assert!(outbox_cancel(&state));
            }
        }
    };
    let report = runtime().block_on(send_claimed(&ctx, job, sink)).unwrap();
    assert_eq!(report.outcome, SendOutcome::Cancelled);
    assert!(
        events.all().iter().any(|e| e.phase == SendPhase::Paused),
        "rule: pausing is reported"
    );
    assert!(
        !report.queued.is_empty(),
        "rule: a cancel leaves what was not sent queued: {report:?}"
    );
    let sent = report.submitted.len();
    assert_eq!(sent + report.queued.len(), 30, "{report:?}");
    assert_eq!(ctx.sandbox().applications().len(), sent);

    let status = outbox_status(&ctx, &state).unwrap();
    assert_eq!(status.queued as usize, report.queued.len());
    assert_eq!(status.phase, Some(SendPhase::Cancelled));
    let job = claim_send_queued(&ctx, &state).unwrap();
    let report = runtime()
        .block_on(send_claimed(&ctx, job, |_: &ProgressEvent| {}))
        .unwrap();
    assert_eq!(report.outcome, SendOutcome::Finished);
    assert_eq!(
        ctx.sandbox().applications().len(),
        30,
        "every batch sent once"
    );
    assert_eq!(outbox_status(&ctx, &state).unwrap().queued, 0);
}

#[test]
fn waiting_approval_overflow_stops_the_queue_and_send_queued_finishes_after_approval() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let state = SubmitState::default();
    // The built-in sandbox allows 50 pending applications per SdkAppId.
    let id = draft(&ctx, 4000, 55);
    let job = claim_submit_start(&ctx, &state, id, &confirmed(&ctx, id, batch(1))).unwrap();
    let events = Events::default();
    let report = runtime()
        .block_on(send_claimed(&ctx, job, events.sink()))
        .unwrap();
    let SendOutcome::Stopped { reason } = &report.outcome else {
        panic!("rule: WaitingApprovalOverflow stops the queue: {report:?}");
    };
    assert_eq!(reason.kind, PauseKind::WaitingApprovalOverflow);
    assert_eq!(report.submitted.len(), 50);
    assert_eq!(
        report.queued.len(),
        5,
        "rule: the rest stays queued, nothing is failed: {report:?}"
    );
    assert!(report.failed.is_empty() && report.unknown.is_empty());
    let last = events.all().last().cloned().unwrap();
    assert_eq!(last.phase, SendPhase::Stopped);
    assert_eq!(
        last.pause_reason.as_ref().map(|r| r.kind),
        Some(PauseKind::WaitingApprovalOverflow),
        "the stop reason reaches the screen"
    );
    assert_eq!(outbox_status(&ctx, &state).unwrap().queued, 5);

    for app in ctx.sandbox().applications() {
        if app.state == SandboxState::Pending {
            ctx.sandbox().approve(app.apply_id).unwrap();
        }
    }
    let job = claim_send_queued(&ctx, &state).unwrap();
    assert_eq!(job.application_ids.len(), 5);
    let report = runtime()
        .block_on(send_claimed(&ctx, job, |_: &ProgressEvent| {}))
        .unwrap();
    assert_eq!(report.outcome, SendOutcome::Finished);
    assert_eq!(report.submitted.len(), 5);
    assert_eq!(ctx.sandbox().applications().len(), 55);
}

#[test]
fn a_dropped_answer_leaves_the_application_unknown_until_the_user_resends() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let state = SubmitState::default();
    let set = sandbox_faults_set(
        &ctx,
        &SandboxFaults {
            drop_next: 1,
            ..SandboxFaults::default()
        },
    )
    .unwrap();
    assert_eq!(set.drop_next, 1);
    let id = draft(&ctx, 5000, 3);
    let job = claim_submit_start(&ctx, &state, id, &confirmed(&ctx, id, batch(1))).unwrap();
    let events = Events::default();
    let report = runtime()
        .block_on(send_claimed(&ctx, job, events.sink()))
        .unwrap();
    assert_eq!(report.outcome, SendOutcome::Finished);
    assert_eq!(report.unknown.len(), 1, "{report:?}");
    assert_eq!(report.submitted.len(), 2);
    assert_eq!(
        ctx.sandbox().applications().len(),
        3,
        "the dropped one was created"
    );
    let unknown = events
        .all()
        .into_iter()
        .filter_map(|e| e.finished)
        .find(|b| b.state == ApplicationState::Unknown)
        .expect("the unknown batch is reported");
    assert_eq!(unknown.application_id, report.unknown[0]);
    let status = outbox_status(&ctx, &state).unwrap();
    assert_eq!(
        (status.unknown, status.queued),
        (1, 0),
        "rule: unknown is never resent automatically"
    );
    assert_eq!(
        sandbox_faults_get(&ctx).drop_next,
        0,
        "the switch counted down"
    );

    // The user confirmed the resend: it goes again (and, as warned, Tencent — here the
    // sandbox — refuses numbers it already holds from the first, created copy).
    let job = claim_resend_unknown(&ctx, &state, report.unknown[0]).unwrap();
    let again = runtime()
        .block_on(send_claimed(&ctx, job, |_: &ProgressEvent| {}))
        .unwrap();
    assert_eq!(again.total, 1);
    assert_eq!(again.failed.len() + again.submitted.len(), 1, "{again:?}");
    assert_eq!(outbox_status(&ctx, &state).unwrap().unknown, 0);
    let err = claim_resend_unknown(&ctx, &state, report.submitted[0]).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::InvalidInput,
        "rule: only unknown applications can be resent"
    );
}

#[test]
fn fault_percentages_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let err = sandbox_faults_set(
        &ctx,
        &SandboxFaults {
            drop_percent: 150,
            ..SandboxFaults::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(err.details_json()["field"], "dropPercent");
    let set = sandbox_faults_set(
        &ctx,
        &SandboxFaults {
            drop_percent: 25,
            ..SandboxFaults::default()
        },
    )
    .unwrap();
    assert_eq!(set.drop_percent, 25);
    assert!((ctx.sandbox().faults().drop_after_commit_rate - 0.25).abs() < 1e-9);
}

#[test]
fn a_second_run_is_refused_while_one_is_going_on() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let state = SubmitState::default();
    let a = draft(&ctx, 6000, 2);
    let b = draft(&ctx, 6100, 2);
    let first = claim_submit_start(&ctx, &state, a, &confirmed(&ctx, a, batch(1))).unwrap();
    let err = claim_submit_start(&ctx, &state, b, &confirmed(&ctx, b, batch(1))).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(
        err.details_json()["reason"],
        "already_sending",
        "rule: one run at a time per app, refused with a clear reason"
    );
    assert!(
        err.message.contains("already sending draft"),
        "{}",
        err.message
    );
    assert!(claim_send_queued(&ctx, &state).is_err());
    assert!(outbox_status(&ctx, &state).unwrap().running);
    let report = runtime()
        .block_on(send_claimed(&ctx, first, |_: &ProgressEvent| {}))
        .unwrap();
    assert_eq!(report.submitted.len(), 2);
    // Draft b was refused before anything was queued; now it may go.
    let second = claim_submit_start(&ctx, &state, b, &confirmed(&ctx, b, batch(1))).unwrap();
    assert_eq!(second.application_ids.len(), 2);
    drop(second);
    assert!(
        !outbox_status(&ctx, &state).unwrap().running,
        "a dropped job frees the slot"
    );
}

#[test]
fn a_start_is_refused_unless_it_matches_the_summary_the_user_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let state = SubmitState::default();
    let id = draft(&ctx, 6500, 3);
    let nothing_queued = |ctx: &AppContext| {
        ctx.store()
            .applications(&ApplicationFilter::all())
            .unwrap()
            .is_empty()
    };
    // Never confirmed from a summary.
    let err = claim_submit_start(&ctx, &state, id, &batch(10)).unwrap_err();
    assert_eq!(err.code, ErrorCode::PreviewChanged);
    assert_eq!(err.details_json()["reason"], "not_confirmed");
    let p = preview(&ctx, &state, id, &batch(10));
    let shown = SubmitInput {
        confirm_token: Some(p["confirmToken"].as_str().unwrap().to_owned()),
        ..batch(10)
    };
    // Each change after the summary was shown is refused: a row edited, another SdkAppId, another
    // SipTrunkId, or another batch size (a
    // chosen number form is saved with the draft, so it changes the draft itself).
    let edit = |ctx: &AppContext, number: &str| {
        let mut d = ctx.store().draft(id).unwrap().unwrap();
        d.rows[1].phone_number = number.to_owned();
        ctx.store().replace_draft_rows(id, &d.rows).unwrap();
    };
    edit(&ctx, "02000006599");
    let err = claim_submit_start(&ctx, &state, id, &shown).unwrap_err();
    assert_eq!(err.code, ErrorCode::PreviewChanged, "a row changed");
    assert_eq!(err.details_json()["reason"], "changed");
    edit(&ctx, "02000006501");
    for changed in [
        SubmitInput {
            sdk_app_id: Some(1_400_000_002),
            ..shown.clone()
        },
        SubmitInput {
            sip_trunk_id: Some(4242),
            ..shown.clone()
        },
        SubmitInput {
            numbers_per_application: Some(1),
            ..shown.clone()
        },
    ] {
        let err = claim_submit_start(&ctx, &state, id, &changed).unwrap_err();
        assert_eq!(err.code, ErrorCode::PreviewChanged, "{changed:?}");
    }
    assert!(nothing_queued(&ctx), "rule: nothing is queued on a refusal");
    // Back as it was shown: the same token is accepted.
    let job = claim_submit_start(&ctx, &state, id, &shown).unwrap();
    assert_eq!(job.application_ids.len(), 1);
}

#[test]
fn rows_with_errors_block_and_are_listed_with_their_positions() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let state = SubmitState::default();
    let mut rows: Vec<DraftRow> = (0..4)
        .map(|i| DraftRow {
            source_line: Some(i + 2),
            ..row(format!("0207000000{i}"))
        })
        .collect();
    rows[2].findings.push(RowFinding {
        severity: Severity::Error,
        code: "phone_invalid".into(),
        field: Some("PhoneNumber".into()),
        message: "not a phone number".into(),
    });
    rows[3].max_call_count = None;
    let header = DraftHeader {
        name: "bad".into(),
        ..DraftHeader::default()
    };
    let id = ctx.store().create_draft(&header, &rows).unwrap();
    let p = preview(&ctx, &state, id, &SubmitInput::default());
    assert_eq!(p["canSend"], false);
    assert_eq!(p["blockedCount"], 2);
    assert_eq!(
        p["blocked"][0]["position"], 2,
        "rule: blocked rows link back by position"
    );
    assert_eq!(p["blocked"][0]["sourceLine"], 4, "and by source line");
    assert_eq!(p["blocked"][0]["message"], "not a phone number");
    assert!(p["request"].is_null());
    let input = confirmed(&ctx, id, SubmitInput::default());
    let err = claim_submit_start(&ctx, &state, id, &input).unwrap_err();
    assert_eq!(err.details_json()["reason"], "draft_has_errors");
    assert!(
        ctx.store()
            .applications(&ApplicationFilter::all())
            .unwrap()
            .is_empty(),
        "rule: nothing is queued while rows have errors"
    );
}

#[test]
fn numbers_taken_by_earlier_applications_are_left_out_unless_the_user_insists() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let state = SubmitState::default();
    let a = draft(&ctx, 7000, 3);
    let job = claim_submit_start(&ctx, &state, a, &confirmed(&ctx, a, batch(10))).unwrap();
    runtime()
        .block_on(send_claimed(&ctx, job, |_: &ProgressEvent| {}))
        .unwrap();
    // Two of a's numbers, one new, and a repeat.
    let rows = vec![
        row("02000007000".into()),
        row("02000007001".into()),
        row("02000007999".into()),
        row("02000007999".into()),
    ];
    let header = DraftHeader {
        name: "overlap".into(),
        ..DraftHeader::default()
    };
    let b = ctx.store().create_draft(&header, &rows).unwrap();
    let p = preview(&ctx, &state, b, &batch(10));
    assert_eq!(p["takenCount"], 2);
    assert_eq!(p["repeatedCount"], 1);
    assert_eq!(
        p["numbersToSend"], 1,
        "rule: taken and repeated numbers are left out"
    );
    assert_eq!(p["taken"][0]["included"], false);
    assert_eq!(body_of(&p)["DetailList"].as_array().unwrap().len(), 1);
    let insist = SubmitInput {
        include_duplicates: true,
        ..batch(10)
    };
    let p = preview(&ctx, &state, b, &insist);
    assert_eq!(p["numbersToSend"], 3, "included anyway");
    assert_eq!(p["taken"][0]["included"], true);
    assert_eq!(body_of(&p)["DetailList"].as_array().unwrap().len(), 3);
}

#[test]
fn the_preview_never_contains_a_secret() {
    const ID: &str = "AKIDsubmitPreview0123456789abcdefWXYZ";
    const KEY: &str = "submitPreviewSecretKey0123456789ab";
    const TOKEN: &str = "submitPreviewSessionToken-987654321";
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let state = SubmitState::default();
    // A "Tencent" connection to a second sandbox on loopback that knows this key.
    let remote = runtime()
        .block_on(Sandbox::start(
            SandboxConfig {
                secrets: vec![(ID.into(), KEY.into())],
                ..SandboxConfig::default()
            },
            "127.0.0.1:0".parse().unwrap(),
        ))
        .unwrap();
    settings_save(
        &ctx,
        &SettingsInput {
            site: Site::Custom,
            custom_url: Some(remote.url()),
            secret_id: ID.into(),
            secret_key: Some(KEY.into()),
            token: Some(TOKEN.into()),
            clear_token: false,
            defaults: numdesk_commands::ConnectionDefaults {
                sdk_app_id: Some(DEFAULT_SDK_APP_ID),
                sip_trunk_id: Some(DEFAULT_SIP_TRUNK_ID),
                ..Default::default()
            },
            proxy_mode: ProxyMode::None,
            proxy_url: None,
        },
    )
    .unwrap();
    connection_use_tencent(&ctx).unwrap();
    let id = draft(&ctx, 8000, 5);
    let prep = submit_prepare(&ctx, id, &SubmitInput::default()).unwrap();
    assert_eq!(
        prep.request.as_ref().unwrap().header("X-TC-Token"),
        Some(TOKEN),
        "the request itself carries the token"
    );
    let p = runtime().block_on(submit_preview(&state, prep));
    let text = serde_json::to_string(&p).unwrap();
    for (what, secret) in [("SecretKey", KEY), ("token", TOKEN), ("whole SecretId", ID)] {
        assert!(
            !text.contains(secret),
            "rule: the submit preview never contains the {what}"
        );
    }
    let token = p
        .request
        .as_ref()
        .unwrap()
        .headers
        .iter()
        .find(|h| h.name == "X-TC-Token")
        .unwrap();
    assert_eq!(token.value, "***");
    assert_eq!(p.connection, numdesk_commands::ConnectionKind::Tencent);
    assert_eq!(p.endpoint.kind, numdesk_commands::EndpointKind::Custom);
    assert_eq!(
        p.scope.kind,
        EndpointKind::Sandbox,
        "a loopback URL is stored as a sandbox, apart from real submissions"
    );
    runtime().block_on(remote.shutdown());
}
