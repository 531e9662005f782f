//! The Applications screen's commands against a real database file and the app's own built-in
//! sandbox over loopback: list (search, filter, sort, paging, scope), detail with attempts,
//! refresh after the sandbox approves, modify, resolve, mark not created, new draft from failed
//! rows, export.
//!
//! Over 500 lines: one scenario per command of the Applications screen on one sandbox set-up.

use crate::common::{open, runtime};

use std::collections::HashMap;

use numdesk_commands::{
    AppContext, ApplicationChanges, ErrorCode, ExportFormat, active_connection_plan,
    application_detail, application_mark_not_created, application_modify, application_resolve,
    applications_draft_from_failed, applications_export, applications_list, applications_refresh,
};
use numdesk_outbox::ModifyResult;
use numdesk_sandbox::{DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID, Faults};
use numdesk_store::{
    ApplicationQuery, ApplicationRow, ApplicationSort, ApplicationStatus, ApplyOptions,
    ConnectionKind, DraftRow, EndpointKind, EndpointScope, NewSubmission, NumberDetail,
    SubmissionNumber,
};

fn numbers(from: u32, count: u32) -> Vec<String> {
    (from..from + count)
        .map(|i| format!("+86203800{i:04}"))
        .collect()
}

/// Saves a draft of `numbers` for `trunk`, queues it in batches of `batch` and sends it to the
/// app's sandbox; returns the draft id.
fn submit(ctx: &AppContext, numbers: &[String], trunk: i64, batch: usize) -> i64 {
    let header = numdesk_testkit::app_header(&format!("list of {}", numbers.len()), trunk);
    let rows: Vec<DraftRow> = numbers
        .iter()
        .map(|n| numdesk_testkit::app_row(n, 1))
        .collect();
    let draft = ctx.store().create_draft(&header, &rows).unwrap();
    crate::common::queue_and_send(ctx, draft, batch, true);
    draft
}

fn list(ctx: &AppContext, query: ApplicationQuery) -> Vec<ApplicationRow> {
    applications_list(ctx, &query).unwrap().page.rows
}

fn ids(rows: &[ApplicationRow]) -> Vec<i64> {
    rows.iter().map(|r| r.id).collect()
}

fn count(ctx: &AppContext, status: ApplicationStatus) -> u32 {
    let page = applications_list(ctx, &ApplicationQuery::default())
        .unwrap()
        .page;
    page.counts
        .iter()
        .find(|c| c.status == status)
        .unwrap()
        .count
}

/// 7 numbers in batches of 2 (the second batch's answer dropped after the sandbox created it),
/// then 1 number for a trunk the sandbox does not know (refused).
fn scenario(ctx: &AppContext) {
    // The outbox sends with up to 8 calls in flight; one at a time keeps the dropped answer on
    // a known batch: send batch 1, then drop the next answer (batch 2), then the rest.
    let first = numbers(0, 7);
    submit(ctx, &first[..2], DEFAULT_SIP_TRUNK_ID, 2);
    ctx.sandbox().set_faults(Faults {
        drop_next_after_commit: 1,
        ..Faults::default()
    });
    submit(ctx, &first[2..4], DEFAULT_SIP_TRUNK_ID, 2);
    submit(ctx, &first[4..], DEFAULT_SIP_TRUNK_ID, 2);
    submit(ctx, &numbers(100, 1), 99_999, 2);
}

#[test]
fn the_list_searches_filters_sorts_pages_and_keeps_sandbox_and_tencent_apart() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    scenario(&ctx);

    let page = applications_list(&ctx, &ApplicationQuery::default()).unwrap();
    assert_eq!(
        page.scope,
        ConnectionKind::Sandbox,
        "rule: the list opens on the active connection's applications (Sandbox at first run)"
    );
    assert_eq!(page.page.total, 5, "1 + 1 + 2 + 1 applications");
    let rows = &page.page.rows;
    assert_eq!(
        rows.iter().map(|r| r.number_count).collect::<Vec<_>>(),
        vec![2, 2, 2, 1, 1],
        "oldest first by default, with each application's number count"
    );
    assert_eq!(
        rows[1].status,
        ApplicationStatus::Unknown,
        "the dropped answer"
    );
    assert!(rows[1].apply_id.is_none());
    assert_eq!(
        rows[4].status,
        ApplicationStatus::Failed,
        "the unknown trunk"
    );
    assert_eq!(
        rows[4].error_code.as_deref(),
        Some("InvalidParameter.SipTrunkNotFound")
    );
    for r in [&rows[0], &rows[2], &rows[3]] {
        assert_eq!(r.status, ApplicationStatus::Submitted);
        assert!(r.apply_id.is_some() && r.request_id.is_some(), "{r:?}");
        assert_eq!(r.sdk_app_id, DEFAULT_SDK_APP_ID);
        assert_eq!(r.sip_trunk_id, DEFAULT_SIP_TRUNK_ID);
        assert_eq!(r.endpoint.kind, EndpointKind::Sandbox);
    }
    assert_eq!(count(&ctx, ApplicationStatus::Submitted), 3, "chip counts");
    assert_eq!(count(&ctx, ApplicationStatus::Unknown), 1);
    assert_eq!(count(&ctx, ApplicationStatus::Failed), 1);
    assert_eq!(count(&ctx, ApplicationStatus::Approved), 0);

    // Search by a number typed the way people do, and by an ApplyId's first digits.
    let found = list(
        &ctx,
        ApplicationQuery {
            search: Some(" 203800-0006 ".into()),
            ..ApplicationQuery::default()
        },
    );
    assert_eq!(
        ids(&found),
        vec![rows[3].id],
        "rule: search finds a number's application"
    );
    let apply = rows[2].apply_id.unwrap().to_string();
    let found = list(
        &ctx,
        ApplicationQuery {
            search: Some(apply.clone()),
            ..ApplicationQuery::default()
        },
    );
    assert!(
        found.iter().any(|r| r.id == rows[2].id),
        "search by ApplyId"
    );
    let found = list(
        &ctx,
        ApplicationQuery {
            search: Some(rows[0].request_id.clone().unwrap()),
            ..ApplicationQuery::default()
        },
    );
    assert_eq!(ids(&found), vec![rows[0].id], "search by RequestId");
    let none = applications_list(
        &ctx,
        &ApplicationQuery {
            search: Some("%".into()),
            ..ApplicationQuery::default()
        },
    )
    .unwrap();
    assert_eq!(
        none.page.total, 0,
        "rule: LIKE wildcards are taken literally"
    );
    assert_eq!(none.page.scope_total, 5, "the scope still has applications");

    // Filter by status.
    let filtered = list(
        &ctx,
        ApplicationQuery {
            statuses: vec![ApplicationStatus::Unknown, ApplicationStatus::Failed],
            ..ApplicationQuery::default()
        },
    );
    assert_eq!(ids(&filtered), vec![rows[1].id, rows[4].id]);

    // Sort by number count, by state (life order), by ApplyId; both directions.
    let by_count = list(
        &ctx,
        ApplicationQuery {
            sort: ApplicationSort::Numbers,
            descending: false,
            ..ApplicationQuery::default()
        },
    );
    assert_eq!(
        by_count.iter().map(|r| r.number_count).collect::<Vec<_>>(),
        vec![1, 1, 2, 2, 2]
    );
    let by_state = list(
        &ctx,
        ApplicationQuery {
            sort: ApplicationSort::State,
            descending: true,
            ..ApplicationQuery::default()
        },
    );
    assert_eq!(
        by_state.iter().map(|r| r.status).collect::<Vec<_>>(),
        vec![
            ApplicationStatus::Unknown,
            ApplicationStatus::Failed,
            ApplicationStatus::Submitted,
            ApplicationStatus::Submitted,
            ApplicationStatus::Submitted,
        ]
    );
    let by_apply = list(
        &ctx,
        ApplicationQuery {
            sort: ApplicationSort::ApplyId,
            descending: true,
            ..ApplicationQuery::default()
        },
    );
    let applies: Vec<Option<u64>> = by_apply.iter().map(|r| r.apply_id).collect();
    assert!(
        applies[0] > applies[1] && applies[1] > applies[2],
        "largest ApplyId first: {applies:?}"
    );
    assert!(
        applies[3].is_none() && applies[4].is_none(),
        "rule: without an ApplyId last: {applies:?}"
    );
    let newest = list(
        &ctx,
        ApplicationQuery {
            descending: true,
            ..ApplicationQuery::default()
        },
    );
    assert_eq!(newest[0].id, rows[4].id, "newest first");

    // Paging.
    let page = applications_list(
        &ctx,
        &ApplicationQuery {
            offset: 2,
            limit: 2,
            ..ApplicationQuery::default()
        },
    )
    .unwrap()
    .page;
    assert_eq!(page.total, 5);
    assert_eq!(
        ids(&page.rows),
        vec![rows[2].id, rows[3].id],
        "rule: pages follow the order"
    );

    // Tencent's applications are a separate list.
    let tencent = applications_list(
        &ctx,
        &ApplicationQuery {
            scope: Some(ConnectionKind::Tencent),
            ..ApplicationQuery::default()
        },
    )
    .unwrap();
    assert_eq!(tencent.scope, ConnectionKind::Tencent);
    assert_eq!(tencent.active_scope, ConnectionKind::Sandbox);
    assert_eq!(
        (tencent.page.total, tencent.page.scope_total),
        (0, 0),
        "rule: sandbox applications never show among Tencent's"
    );
}

#[test]
fn the_detail_has_the_numbers_paged_and_the_attempt_history() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    scenario(&ctx);
    let rows = list(&ctx, ApplicationQuery::default());

    let detail = application_detail(&ctx, rows[0].id, 1, 1).unwrap();
    assert_eq!(detail.numbers_total, 2);
    assert_eq!(detail.numbers_offset, 1);
    assert_eq!(
        detail.numbers.len(),
        1,
        "rule: numbers come a page at a time"
    );
    assert_eq!(detail.numbers[0].detail.phone_number, numbers(1, 1)[0]);
    assert_eq!(detail.status, ApplicationStatus::Submitted);
    assert!(detail.actions.modify && !detail.actions.resolve);
    let attempt = &detail.attempts[0];
    assert_eq!(attempt.action, "CreateOwnNumberApply");
    assert_eq!(
        attempt.request_id, rows[0].request_id,
        "the answered attempt's RequestId"
    );
    assert_eq!(attempt.error_code, None);

    let unknown = application_detail(&ctx, rows[1].id, 0, 0).unwrap();
    assert_eq!(unknown.status, ApplicationStatus::Unknown);
    assert!(unknown.actions.resolve && unknown.actions.resend && !unknown.actions.modify);
    assert_eq!(
        unknown.attempts[0].error_class.as_deref(),
        Some("OutcomeUnknown"),
        "rule: the attempt history says the answer never came"
    );
    let failed = application_detail(&ctx, rows[4].id, 0, 0).unwrap();
    assert!(failed.actions.draft_from_failed && !failed.actions.modify);
    assert_eq!(
        failed.attempts[0].error_code.as_deref(),
        Some("InvalidParameter.SipTrunkNotFound")
    );

    let missing = application_detail(&ctx, 9_999, 0, 0).unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
}

#[test]
fn refresh_after_the_sandbox_approves_shows_approved_live_and_modify_follows_the_state() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    scenario(&ctx);
    let rows = list(&ctx, ApplicationQuery::default());
    let (pending, approved) = (&rows[0], &rows[2]);

    // Modify a pending application: Tencent accepts, the numbers change.
    let changes = ApplicationChanges {
        phone_numbers: vec![numbers(0, 1)[0].clone(), numbers(200, 1)[0].clone()],
        max_call_count: Some(20),
        ..ApplicationChanges::default()
    };
    let plan = active_connection_plan(&ctx).unwrap();
    let report = runtime()
        .block_on(application_modify(&ctx, plan, pending.id, &changes))
        .unwrap();
    assert_eq!(
        report.result,
        ModifyResult::Applied,
        "rule: a pending application can change"
    );
    let detail = application_detail(&ctx, pending.id, 0, 0).unwrap();
    assert_eq!(
        detail
            .numbers
            .iter()
            .map(|n| (n.detail.phone_number.clone(), n.detail.max_call_count))
            .collect::<Vec<_>>(),
        vec![
            (numbers(0, 1)[0].clone(), 20),
            (numbers(200, 1)[0].clone(), 20)
        ]
    );
    assert!(
        detail
            .attempts
            .iter()
            .any(|a| a.action == "ModifyOwnNumberApply"),
        "the change is in the attempt history"
    );

    // The sandbox approves one; before a refresh the app does not know, Tencent refuses.
    ctx.sandbox().approve(approved.apply_id.unwrap()).unwrap();
    let changes = ApplicationChanges {
        phone_numbers: vec![numbers(4, 1)[0].clone(), numbers(300, 1)[0].clone()],
        ..ApplicationChanges::default()
    };
    let plan = active_connection_plan(&ctx).unwrap();
    let err = runtime()
        .block_on(application_modify(&ctx, plan, approved.id, &changes))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Tencent, "{err:?}");
    assert_eq!(
        err.details_json()["apiCode"],
        "InvalidParameterValue.ErrorApplyStatus"
    );
    assert!(
        err.message
            .contains("only applications that are still waiting for review or were rejected"),
        "rule: ErrorApplyStatus is explained: {}",
        err.message
    );

    // Refresh: DescribeNumbers shows its numbers live, so it is approved.
    let plan = active_connection_plan(&ctx).unwrap();
    let refreshed = runtime()
        .block_on(applications_refresh(&ctx, plan, None))
        .unwrap();
    assert_eq!(
        refreshed.approved,
        vec![approved.id],
        "what changed is reported"
    );
    assert_eq!(refreshed.numbers_marked, 2);
    assert_eq!(refreshed.checked, 4, "3 submitted + 1 unknown");
    assert_eq!(refreshed.reports.len(), 1, "one SdkAppId");
    let now = list(
        &ctx,
        ApplicationQuery {
            statuses: vec![ApplicationStatus::Approved],
            ..ApplicationQuery::default()
        },
    );
    assert_eq!(
        ids(&now),
        vec![approved.id],
        "rule: the list shows Approved/live"
    );
    assert_eq!(now[0].live_numbers, 2);
    let detail = application_detail(&ctx, approved.id, 0, 0).unwrap();
    assert!(
        !detail.actions.modify,
        "rule: no Modify for an approved application"
    );
    assert!(detail.numbers.iter().all(|n| n.live_at.is_some()));

    // Now the app knows: refused without asking Tencent, with the explanation.
    let plan = active_connection_plan(&ctx).unwrap();
    let err = runtime()
        .block_on(application_modify(&ctx, plan, approved.id, &changes))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(err.details_json()["reason"], "not_editable");
    assert!(err.message.contains("awaits review"), "{}", err.message);

    // Refresh of one application of the other scope is refused, not silently skipped.
    let other = ctx
        .store()
        .enqueue(&NewSubmission {
            draft_id: None,
            scope: EndpointScope::new(EndpointKind::International, "ccc.intl.tencentcloudapi.com"),
            sdk_app_id: DEFAULT_SDK_APP_ID,
            sip_trunk_id: DEFAULT_SIP_TRUNK_ID,
            options: ApplyOptions::default(),
            numbers: vec![submission_number("+862099990000")],
            numbers_per_application: 100,
            include_duplicates: false,
            country: None,
        })
        .unwrap()
        .application_ids[0];
    let plan = active_connection_plan(&ctx).unwrap();
    let err = runtime()
        .block_on(applications_refresh(&ctx, plan, Some(vec![other])))
        .unwrap_err();
    assert_eq!(err.details_json()["reason"], "other_scope");
}

fn submission_number(n: &str) -> SubmissionNumber {
    SubmissionNumber {
        draft_position: None,
        detail: NumberDetail {
            phone_number: n.into(),
            call_type: 1,
            max_call_count: 10,
            max_call_p_sec: 2,
            outbound_callee_format: None,
            carrier_phone_number: None,
        },
    }
}

#[test]
fn an_unknown_outcome_is_resolved_with_the_apply_id_the_sandbox_issued() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    scenario(&ctx);
    let unknown = list(
        &ctx,
        ApplicationQuery {
            statuses: vec![ApplicationStatus::Unknown],
            ..ApplicationQuery::default()
        },
    )
    .remove(0);
    let detail = application_detail(&ctx, unknown.id, 0, 0).unwrap();
    let first = &detail.numbers[0].detail.phone_number;
    // What the user reads in the console: the sandbox did create it.
    let created = ctx
        .sandbox()
        .applications()
        .into_iter()
        .find(|a| a.numbers.contains(first))
        .expect("the dropped answer's application exists in the sandbox");

    let err = application_resolve(&ctx, unknown.id, "12a").unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(
        err.details_json(),
        serde_json::json!({ "field": "applyId" })
    );
    let taken = list(&ctx, ApplicationQuery::default())[0].apply_id.unwrap();
    let err = application_resolve(&ctx, unknown.id, &taken.to_string()).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::InvalidInput,
        "a user mistake, not a database failure"
    );
    assert_eq!(err.details_json()["reason"], "apply_id_in_use");
    assert!(
        err.message.contains(&taken.to_string()),
        "rule: an ApplyId another application has is refused: {}",
        err.message
    );

    let resolved =
        application_resolve(&ctx, unknown.id, &format!(" {} ", created.apply_id)).unwrap();
    assert_eq!(resolved.apply_id, Some(created.apply_id));
    let row = list(&ctx, ApplicationQuery::default())
        .into_iter()
        .find(|r| r.id == unknown.id)
        .unwrap();
    assert_eq!(
        row.status,
        ApplicationStatus::Submitted,
        "rule: resolved with its ApplyId, it awaits review like the others"
    );
    let again = application_resolve(&ctx, unknown.id, &created.apply_id.to_string()).unwrap_err();
    assert!(
        again
            .message
            .contains("only an application whose outcome is unknown")
    );
}

#[test]
fn mark_not_created_then_a_new_draft_from_the_failed_rows() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    // InternalError: the sandbox did not create it, but the app cannot know.
    ctx.sandbox().set_faults(Faults {
        fail_next_internal: 1,
        ..Faults::default()
    });
    submit(&ctx, &numbers(0, 2), DEFAULT_SIP_TRUNK_ID, 2);
    submit(&ctx, &numbers(10, 1), 99_999, 2);
    let rows = list(&ctx, ApplicationQuery::default());
    assert_eq!(rows[0].status, ApplicationStatus::Unknown);
    assert!(
        ctx.sandbox().applications().is_empty(),
        "nothing was created in the sandbox"
    );

    let marked = application_mark_not_created(&ctx, rows[0].id).unwrap();
    assert_eq!(
        marked.state,
        numdesk_store::ApplicationState::Failed,
        "rule: not created → failed, its numbers are free again"
    );
    let err = application_mark_not_created(&ctx, rows[1].id).unwrap_err();
    assert!(
        err.message.contains("unknown"),
        "only unknown: {}",
        err.message
    );

    // Different trunks cannot share a draft; the message says why.
    let err = applications_draft_from_failed(&ctx, &[rows[0].id, rows[1].id]).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.contains("one draft per SdkAppId"),
        "{}",
        err.message
    );

    let draft = applications_draft_from_failed(&ctx, &[rows[0].id]).unwrap();
    let drafted: Vec<String> = ctx
        .store()
        .draft_rows(draft)
        .unwrap()
        .into_iter()
        .map(|r| r.phone_number)
        .collect();
    assert_eq!(
        drafted,
        numbers(0, 2),
        "rule: the failed numbers are in the new draft"
    );
    let detail = application_detail(&ctx, rows[0].id, 0, 0).unwrap();
    assert_eq!(detail.application.redrafted_to, Some(draft));
    assert!(
        !detail.actions.draft_from_failed,
        "copied once; the button goes away"
    );
    let err = applications_draft_from_failed(&ctx, &[rows[0].id]).unwrap_err();
    assert!(err.message.contains("already copied"), "{}", err.message);
    let err = applications_draft_from_failed(&ctx, &[]).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

#[test]
fn export_writes_csv_and_xlsx_that_read_back_with_formulas_escaped() {
    use calamine::{Data, Reader, Xlsx, open_workbook};

    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    scenario(&ctx);
    // A hostile value from a pasted list, queued and never sent.
    let sandbox_host = ctx.sandbox().host();
    ctx.store()
        .enqueue(&NewSubmission {
            draft_id: None,
            scope: EndpointScope::new(EndpointKind::Sandbox, sandbox_host),
            sdk_app_id: DEFAULT_SDK_APP_ID,
            sip_trunk_id: DEFAULT_SIP_TRUNK_ID,
            options: ApplyOptions::default(),
            numbers: vec![submission_number("=HYPERLINK(\"http://x\")")],
            numbers_per_application: 100,
            include_duplicates: false,
            country: None,
        })
        .unwrap();

    let out = tempfile::tempdir().unwrap();
    let csv_path = out.path().join("applications.csv");
    let query = ApplicationQuery::default();
    let written = applications_export(&ctx, &csv_path, ExportFormat::Csv, &query).unwrap();
    assert_eq!(written, 6);
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 with BOM for Excel"
    );
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 6);
    let by_id: HashMap<String, &csv::StringRecord> = records
        .iter()
        .map(|r| (r[col("Id")].to_owned(), r))
        .collect();
    let rows = list(&ctx, ApplicationQuery::default());
    let first = by_id[&rows[0].id.to_string()];
    assert_eq!(&first[col("Status")], "Submitted – awaiting Tencent review");
    assert_eq!(first[col("ApplyId")], rows[0].apply_id.unwrap().to_string());
    assert_eq!(
        first[col("RequestId")],
        *rows[0].request_id.as_ref().unwrap()
    );
    assert_eq!(
        &first[col("Phone numbers")],
        &format!("'{}\n{}", numbers(0, 1)[0], numbers(1, 1)[0]),
        "rule: a cell starting with + is escaped with ' so Excel never runs it"
    );
    let hostile = by_id[&rows[5].id.to_string()];
    assert_eq!(&hostile[col("Phone numbers")], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&hostile[col("Status")], "Queued");
    let failed = by_id[&rows[4].id.to_string()];
    assert_eq!(
        &failed[col("Error code")],
        "InvalidParameter.SipTrunkNotFound"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&csv_path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "rule: exports are readable by the user only");
    }

    // Only the filtered ones, as XLSX.
    let xlsx_path = out.path().join("applications.xlsx");
    let failed_only = ApplicationQuery {
        statuses: vec![ApplicationStatus::Unknown, ApplicationStatus::Queued],
        ..ApplicationQuery::default()
    };
    let written = applications_export(&ctx, &xlsx_path, ExportFormat::Xlsx, &failed_only).unwrap();
    assert_eq!(written, 2, "rule: the export follows the list's filter");
    let mut book: Xlsx<_> = open_workbook(&xlsx_path).unwrap();
    let sheet = book.worksheet_range("Applications").unwrap();
    let formulas = book.worksheet_formula("Applications").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "rule: no cell of an export is a formula"
    );
    let cells: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(cells.len(), 3, "header + 2");
    let hostile_row = cells
        .iter()
        .find(|r| r[1] == Data::String("Queued".into()))
        .unwrap();
    assert_eq!(
        hostile_row[13],
        Data::String("=HYPERLINK(\"http://x\")".into()),
        "kept as text (with Excel's quote-prefix style), never a formula"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&xlsx_path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    let err = applications_export(&ctx, out.path(), ExportFormat::Csv, &query).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::InvalidInput,
        "a folder is not a file name"
    );
}
