//! Duplicates across drafts and against earlier applications, in the review grid: a number that
//! another saved draft holds gets a warning naming that draft; one an application already holds is
//! an error. Real database in a temporary directory.
//!
//! Over 500 lines: one scenario per test of the review grid's commands on a real database.

use crate::common::{import, open};

use numdesk_commands::{
    BulkSet, GridRow, Language, ProcessRequest, RowEdit, RowFilter, WizardState, draft_bulk_set,
    draft_delete, draft_edit_row, draft_open, import_open_text, import_process, import_rows_page,
    preferences_set_language,
};
use numdesk_import::{Code, Severity};
use numdesk_store::{
    ApplyOptions, EndpointKind, EndpointScope, NewSubmission, NumberDetail, SubmissionNumber,
};

fn rows(wiz: &WizardState) -> Vec<GridRow> {
    import_rows_page(wiz, 0, 1000, RowFilter::All).unwrap().rows
}

fn draft_warnings(row: &GridRow) -> Vec<String> {
    row.row
        .issues
        .iter()
        .filter(|f| f.code == Code::DuplicateInDraft)
        .inspect(|f| {
            assert_eq!(
                f.severity,
                Severity::Warning,
                "rule: a number in another draft is a warning, not an error"
            );
        })
        .map(|f| f.message.clone())
        .collect()
}

fn edit(number: &str) -> RowEdit {
    RowEdit {
        phone_number: number.into(),
        call_type: "1".into(),
        max_call_count: "10".into(),
        max_call_psec: "2".into(),
        ..RowEdit::default()
    }
}

#[test]
fn a_number_in_another_draft_is_a_warning_naming_that_draft() {
    let data = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let wiz = WizardState::default();
    let first = import(&ctx, &wiz, "March list", &["02038000501", "02038000502"]);
    assert!(
        rows(&wiz).iter().all(|r| draft_warnings(r).is_empty()),
        "the first draft has nothing to collide with"
    );

    // The same number written another way (+86, dashes) is the same number.
    let second = import(
        &ctx,
        &wiz,
        "April list",
        &["+86 20 3800 0501", "02038000599"],
    );
    let got = rows(&wiz);
    let warned = draft_warnings(&got[0]);
    assert_eq!(warned.len(), 1, "one warning on the shared number: {got:?}");
    assert!(
        warned[0].contains("\"March list\""),
        "rule: the warning names the other draft: {}",
        warned[0]
    );
    assert!(
        draft_warnings(&got[1]).is_empty(),
        "a number no other draft holds has no warning"
    );
    let page = import_rows_page(&wiz, 0, 10, RowFilter::Warnings).unwrap();
    assert_eq!(
        page.summary.warning_rows, 1,
        "the row counts as a warning row"
    );
    assert_eq!(page.summary.error_rows, 0, "and not as an error row");

    // An inline edit onto another draft's number gets the warning; editing it away removes it.
    let row = draft_edit_row(&ctx, &wiz, 1, &edit("020-3800-0502")).unwrap();
    assert_eq!(
        draft_warnings(&row).len(),
        1,
        "rule: an edit is checked against other drafts"
    );
    let row = draft_edit_row(&ctx, &wiz, 0, &edit("02038000777")).unwrap();
    assert!(
        draft_warnings(&row).is_empty(),
        "rule: a fixed row loses the warning: {:?}",
        row.row.issues
    );

    // Reopened (after a restart), the first draft names the second for the number they share.
    drop(ctx);
    let ctx = open(data.path());
    let wiz = WizardState::default();
    draft_open(&ctx, &wiz, first, None).unwrap();
    let got = rows(&wiz);
    assert!(
        draft_warnings(&got[0]).is_empty(),
        "0501 is no longer in the April list"
    );
    let warned = draft_warnings(&got[1]);
    assert!(
        warned.len() == 1 && warned[0].contains("\"April list\""),
        "rule: the warning follows the drafts saved now: {warned:?}"
    );

    // Bulk changes keep the warning (the number did not change).
    draft_bulk_set(
        &ctx,
        &wiz,
        &[1],
        &BulkSet {
            max_call_count: Some(20),
            ..BulkSet::default()
        },
    )
    .unwrap();
    assert_eq!(draft_warnings(&rows(&wiz)[1]).len(), 1);

    // Once the other draft is deleted, reopening shows no warning.
    draft_delete(&ctx, &wiz, second).unwrap();
    draft_open(&ctx, &wiz, first, None).unwrap();
    assert!(
        rows(&wiz).iter().all(|r| draft_warnings(r).is_empty()),
        "rule: a deleted draft no longer counts"
    );
}

#[test]
fn the_warning_is_in_chinese_when_the_ui_is() {
    let data = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let wiz = WizardState::default();
    preferences_set_language(&ctx, Language::SimplifiedChinese).unwrap();
    import(&ctx, &wiz, "三月号码", &["02038000501"]);
    import(&ctx, &wiz, "四月号码", &["02038000501"]);
    let warned = draft_warnings(&rows(&wiz)[0]);
    assert!(
        warned.len() == 1 && warned[0].contains("也在草稿“三月号码”中"),
        "rule: findings are in the UI's language: {warned:?}"
    );
}

#[test]
fn a_number_an_application_holds_is_an_error() {
    let data = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let wiz = WizardState::default();
    let submission = NewSubmission {
        draft_id: None,
        scope: EndpointScope::new(EndpointKind::Sandbox, "127.0.0.1:4000"),
        sdk_app_id: 1_400_000_001,
        sip_trunk_id: 10_001,
        options: ApplyOptions::default(),
        numbers: vec![SubmissionNumber {
            draft_position: None,
            detail: NumberDetail {
                phone_number: "+862038000501".into(),
                call_type: 1,
                max_call_count: 10,
                max_call_p_sec: 2,
                outbound_callee_format: None,
                carrier_phone_number: None,
            },
        }],
        numbers_per_application: 100,
        include_duplicates: false,
        country: None,
    };
    ctx.store().enqueue(&submission).unwrap();
    import(&ctx, &wiz, "May list", &["020-3800-0501", "02038000502"]);
    let got = rows(&wiz);
    assert!(
        got[0]
            .row
            .issues
            .iter()
            .any(|f| f.code == Code::DuplicateExisting && f.severity == Severity::Error),
        "rule: a number a queued application holds is an error in the grid: {:?}",
        got[0].row.issues
    );
    assert!(got[1].row.issues.is_empty(), "{:?}", got[1].row.issues);
    // And an inline edit onto it is caught too.
    let row = draft_edit_row(&ctx, &wiz, 1, &edit("+86 20 3800 0501")).unwrap();
    assert!(
        row.row
            .issues
            .iter()
            .any(|f| f.code == Code::DuplicateExisting),
        "rule: an edited row is checked against applications: {:?}",
        row.row.issues
    );
}

#[test]
fn reopening_in_another_language_translates_the_findings() {
    let data = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let wiz = WizardState::default();
    let id = import(
        &ctx,
        &wiz,
        "June list",
        &["2.01235E+10", "02038000501", "020 3800 0501"],
    );
    let english = rows(&wiz);
    let before = import_rows_page(&wiz, 0, 1, RowFilter::All)
        .unwrap()
        .summary;
    assert!(
        english[0].row.issues[0].message.starts_with("Row 2"),
        "imported in the saved language (English): {:?}",
        english[0].row.issues
    );

    let summary = draft_open(&ctx, &wiz, id, Some(Language::SimplifiedChinese)).unwrap();
    assert_eq!(
        (summary.error_rows, summary.warning_rows),
        (before.error_rows, before.warning_rows),
        "rule: a translation changes no count"
    );
    let chinese = rows(&wiz);
    for (en, zh) in english.iter().zip(&chinese) {
        let codes = |r: &GridRow| r.row.issues.iter().map(|f| f.code).collect::<Vec<_>>();
        assert_eq!(
            codes(en),
            codes(zh),
            "the same findings, row {}",
            en.row.line
        );
        for f in &zh.row.issues {
            assert!(
                f.message.starts_with('第'),
                "rule: reopened in 中文, findings read in Chinese: {}",
                f.message
            );
        }
    }
    assert!(
        chinese[1].row.issues.is_empty(),
        "a clean row stays clean: {:?}",
        chinese[1].row.issues
    );

    // An edit after the switch is checked in the new language too.
    let row = draft_edit_row(&ctx, &wiz, 0, &edit("abc")).unwrap();
    assert!(
        row.row.issues.iter().all(|f| f.message.starts_with('第')),
        "{:?}",
        row.row.issues
    );
}

/// Settings for Tencent's International site with a key (saved in the memory keychain).
fn international() -> numdesk_commands::SettingsInput {
    numdesk_commands::SettingsInput {
        site: numdesk_commands::Site::International,
        custom_url: None,
        secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE".into(),
        secret_key: Some("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE".into()),
        token: None,
        clear_token: true,
        defaults: numdesk_commands::ConnectionDefaults {
            sdk_app_id: Some(1_400_000_001),
            sip_trunk_id: Some(10_001),
            ..numdesk_commands::ConnectionDefaults::default()
        },
        proxy_mode: numdesk_commands::ProxyMode::System,
        proxy_url: None,
    }
}

fn held_errors(wiz: &WizardState) -> Vec<String> {
    rows(wiz)
        .iter()
        .flat_map(|r| r.row.issues.iter())
        .filter(|f| f.code == Code::DuplicateExisting)
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn a_sandbox_rehearsal_never_blocks_a_tencent_submission() {
    let data = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let wiz = WizardState::default();
    let held = |scope: EndpointScope| NewSubmission {
        draft_id: None,
        scope,
        sdk_app_id: 1_400_000_001,
        sip_trunk_id: 10_001,
        options: ApplyOptions::default(),
        numbers: vec![SubmissionNumber {
            draft_position: None,
            detail: NumberDetail {
                phone_number: "02038000701".into(),
                call_type: 1,
                max_call_count: 10,
                max_call_p_sec: 2,
                outbound_callee_format: None,
                carrier_phone_number: None,
            },
        }],
        numbers_per_application: 100,
        include_duplicates: false,
        country: None,
    };
    let rehearsal = ctx
        .store()
        .enqueue(&held(EndpointScope::new(
            EndpointKind::Sandbox,
            "127.0.0.1:4000",
        )))
        .unwrap()
        .application_ids[0];

    // In the Sandbox, the rehearsed number is held, and the message says where.
    import(&ctx, &wiz, "Sandbox again", &["+86 20 3800 0701"]);
    let errors = held_errors(&wiz);
    assert!(
        errors.len() == 1
            && errors[0].contains(&format!("application #{rehearsal}"))
            && errors[0].contains("Sandbox, SdkAppId 1400000001"),
        "rule: the message names the application and where it is held: {errors:?}"
    );

    // On Tencent International the same number is free: a rehearsal never blocks.
    numdesk_commands::settings_save(&ctx, &international()).unwrap();
    numdesk_commands::connection_use_tencent(&ctx).unwrap();
    let draft = import(&ctx, &wiz, "For real", &["0086 20 3800 0701"]);
    assert!(
        held_errors(&wiz).is_empty(),
        "rule: a number rehearsed in the Sandbox can be submitted to Tencent: {:?}",
        held_errors(&wiz)
    );
    let prepared =
        numdesk_commands::submit_prepare(&ctx, draft, &numdesk_commands::SubmitInput::default())
            .unwrap();
    assert!(
        prepared.plan.duplicates.is_empty() && prepared.plan.numbers_to_send == 1,
        "rule: without \"include duplicates\" the number is sent: {:?}",
        prepared.plan
    );
    assert_eq!(
        prepared.plan.example_number.as_deref(),
        Some("02038000701"),
        "sent in the national form by default"
    );

    // Once Tencent holds it, it is held there, named as such.
    let real = ctx
        .store()
        .enqueue(&held(EndpointScope::new(
            EndpointKind::International,
            "ccc.intl.tencentcloudapi.com",
        )))
        .unwrap()
        .application_ids[0];
    draft_open(&ctx, &wiz, draft, None).unwrap();
    let errors = held_errors(&wiz);
    assert!(
        errors.len() == 1
            && errors[0].contains(&format!("application #{real}"))
            && errors[0].contains("Tencent International, SdkAppId 1400000001"),
        "{errors:?}"
    );
}

/// A language switch re-opens the draft while the user writes all numbers one way (the grid
/// re-opens it in the new language; both run on the blocking pool at once): whichever runs
/// first, the open draft ends up written, never the copy read before the write.
#[test]
fn a_reopen_racing_a_write_never_brings_back_the_rows_before_it() {
    let data = tempfile::tempdir().unwrap();
    let ctx = std::sync::Arc::new(open(data.path()));
    let wiz = std::sync::Arc::new(WizardState::default());
    let numbers: Vec<String> = (0..300).map(|i| format!("+86 20 3801 {i:04}")).collect();
    let refs: Vec<&str> = numbers.iter().map(String::as_str).collect();
    let id = import(&ctx, &wiz, "Race", &refs);
    for round in 0..12 {
        let form = if round % 2 == 0 {
            numdesk_import::NumberForm::National
        } else {
            numdesk_import::NumberForm::International
        };
        let reopen = {
            let (ctx, wiz) = (ctx.clone(), wiz.clone());
            std::thread::spawn(move || {
                numdesk_commands::draft_open(&ctx, &wiz, id, Some(Language::SimplifiedChinese))
                    .unwrap();
            })
        };
        numdesk_commands::draft_write_numbers(&ctx, &wiz, form).unwrap();
        reopen.join().unwrap();
        let summary = import_rows_page(&wiz, 0, 1, RowFilter::All)
            .unwrap()
            .summary;
        let written = match form {
            numdesk_import::NumberForm::National => numdesk_import::WrittenForm::National,
            numdesk_import::NumberForm::International => numdesk_import::WrittenForm::Plus,
        };
        assert_eq!(
            summary
                .number_forms
                .iter()
                .map(|f| (f.form, f.rows))
                .collect::<Vec<_>>(),
            [(written, 300)],
            "round {round}: the open draft is the written one"
        );
    }
}

#[test]
fn mixed_forms_are_counted_and_written_the_same_way_on_request() {
    let data = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let wiz = WizardState::default();
    let id = import(
        &ctx,
        &wiz,
        "Mixed",
        &[
            "+86 20 3800 0801",
            "0086 20 3800 0802",
            "020 3800 0803",
            "13800138000",
        ],
    );
    let summary = import_rows_page(&wiz, 0, 10, RowFilter::All)
        .unwrap()
        .summary;
    let forms: Vec<(numdesk_import::WrittenForm, u32)> = summary
        .number_forms
        .iter()
        .map(|f| (f.form, f.rows))
        .collect();
    assert_eq!(
        forms,
        [
            (numdesk_import::WrittenForm::National, 2),
            (numdesk_import::WrittenForm::Plus, 1),
            (numdesk_import::WrittenForm::InternationalPrefix, 1),
        ],
        "rule: a draft mixing forms says so"
    );
    let after =
        numdesk_commands::draft_write_numbers(&ctx, &wiz, numdesk_import::NumberForm::National)
            .unwrap();
    assert_eq!(
        after.number_forms.len(),
        1,
        "one form: {:?}",
        after.number_forms
    );
    assert_eq!(
        after.number_form,
        Some(numdesk_import::NumberForm::National)
    );
    let numbers: Vec<String> = rows(&wiz)
        .iter()
        .map(|r| r.row.phone_number.clone())
        .collect();
    assert_eq!(
        numbers,
        ["02038000801", "02038000802", "02038000803", "13800138000"]
    );
    // Saved: reopening shows the same, and the choice is the draft's.
    draft_open(&ctx, &wiz, id, None).unwrap();
    let stored: Vec<String> = rows(&wiz)
        .iter()
        .map(|r| r.row.phone_number.clone())
        .collect();
    assert_eq!(stored, numbers);
    let header = ctx.store().draft(id).unwrap().unwrap().summary.header;
    assert_eq!(
        header.number_form,
        Some(numdesk_import::NumberForm::National)
    );
    assert_eq!(header.country.as_deref(), Some("CN"));
}

#[test]
fn findings_name_the_files_columns_however_the_draft_is_opened() {
    let data = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let wiz = WizardState::default();
    // A title row, then the numbers in column B and MaxCallCount in column E.
    let text = "Carrier list May\t\t\t\t\n\
                Note\tPhoneNumber\tCallType\tMaxCallPSec\tMaxCallCount\n\
                x\t02038000901\t1\t2\tmany\n\
                y\t2.01235E+10\t1\t2\t10\n";
    let preview = import_open_text(&ctx, &wiz, text).unwrap();
    let request = ProcessRequest {
        header_row: preview.header_row,
        mapping: preview.mapping,
        country: Some("CN".into()),
        name: Some("columns".into()),
        ..ProcessRequest::default()
    };
    let id = import_process(&ctx, &wiz, &request, &mut |_| {})
        .unwrap()
        .draft_id;
    let messages = |wiz: &WizardState| -> Vec<String> {
        rows(wiz)
            .iter()
            .flat_map(|r| r.row.issues.iter().map(|f| f.message.clone()))
            .collect()
    };
    let first = messages(&wiz);
    assert!(
        first.iter().any(|m| m.contains("PhoneNumber (column B)"))
            && first.iter().any(|m| m.contains("MaxCallCount (column E)")),
        "right after import: {first:?}"
    );
    draft_open(&ctx, &wiz, id, None).unwrap();
    let again = messages(&wiz);
    assert!(
        again.iter().any(|m| m.contains("PhoneNumber (column B)"))
            && again.iter().any(|m| m.contains("MaxCallCount (column E)"))
            && !again.iter().any(|m| m.contains("(column A)")),
        "rule: a reopened draft names the file's columns, not its own: {again:?}"
    );
    // An edited row names them too.
    let edited = draft_edit_row(&ctx, &wiz, 1, &edit("12")).unwrap();
    assert!(
        edited
            .row
            .issues
            .iter()
            .any(|f| f.message.contains("(column B)")),
        "{:?}",
        edited.row.issues
    );
}

/// The callee format and the carrier number are set without a file column: as the wizard's
/// defaults for every row, on selected rows at once, and on one row; bad values are findings
/// that name the row and the field, and every value is kept when the draft is opened again.
#[test]
fn callee_format_and_carrier_number_are_set_without_a_file_column() {
    let data = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let wiz = WizardState::default();
    let preview = import_open_text(
        &ctx,
        &wiz,
        "号码\t呼叫类型\t最大并发数\t每秒并发数\n02038000601\t1\t10\t2\n02038000602\t1\t10\t2\n",
    )
    .unwrap();
    let mut request = ProcessRequest {
        header_row: preview.header_row,
        mapping: preview.mapping,
        country: Some("CN".into()),
        name: Some("carrier".into()),
        ..ProcessRequest::default()
    };
    request.defaults.outbound_callee_format = Some("{+e.164}".into());
    request.defaults.carrier_phone_number = Some("020-3800-0600".into());
    let draft = import_process(&ctx, &wiz, &request, &mut |_| {})
        .unwrap()
        .draft_id;
    for r in rows(&wiz) {
        assert_eq!(
            r.row.outbound_callee_format.as_deref(),
            Some("{+E.164}"),
            "rule: the default callee format fills every row, in the case it is sent in"
        );
        assert_eq!(
            r.row.carrier_phone_number.as_deref(),
            Some("02038000600"),
            "rule: the default carrier number fills every row, cleaned"
        );
    }

    // A default carrier number that is not a number is refused before any row is read.
    let bad = ProcessRequest {
        defaults: numdesk_import::Defaults {
            carrier_phone_number: Some("carrier".into()),
            ..request.defaults.clone()
        },
        ..request.clone()
    };
    let err = import_process(&ctx, &wiz, &bad, &mut |_| {}).unwrap_err();
    assert!(
        err.message.contains("CarrierPhoneNumber") && err.message.contains("\"carrier\""),
        "rule: the refused default is named: {}",
        err.message
    );

    // Selected rows at once: a new format on both, the carrier number cleared on the second.
    draft_open(&ctx, &wiz, draft, None).unwrap();
    draft_bulk_set(
        &ctx,
        &wiz,
        &[0, 1],
        &BulkSet {
            outbound_callee_format: Some("{E.164}".into()),
            ..BulkSet::default()
        },
    )
    .unwrap();
    draft_bulk_set(
        &ctx,
        &wiz,
        &[1],
        &BulkSet {
            carrier_phone_number: Some(String::new()),
            ..BulkSet::default()
        },
    )
    .unwrap();
    let got = rows(&wiz);
    assert!(
        got.iter()
            .all(|r| r.row.outbound_callee_format.as_deref() == Some("{E.164}")),
        "rule: a bulk set reaches every selected row"
    );
    assert_eq!(
        got[0].row.carrier_phone_number.as_deref(),
        Some("02038000600")
    );
    assert_eq!(
        got[1].row.carrier_phone_number, None,
        "rule: an empty bulk value clears the field"
    );

    // One row: a format Tencent does not know is an error naming the row and the field.
    let row = draft_edit_row(
        &ctx,
        &wiz,
        0,
        &RowEdit {
            outbound_callee_format: Some("E164".into()),
            carrier_phone_number: Some("+86 20 3800 0699".into()),
            ..edit("02038000601")
        },
    )
    .unwrap();
    let errors: Vec<&str> = row
        .row
        .issues
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        errors.len() == 1
            && errors[0].contains("Row 2")
            && errors[0].contains("OutboundCalleeFormat")
            && errors[0].contains("{+E.164}"),
        "rule: the finding says which row, which field and what to write: {errors:?}"
    );
    assert_eq!(
        row.row.carrier_phone_number.as_deref(),
        Some("+862038000699")
    );
    let row = draft_edit_row(
        &ctx,
        &wiz,
        0,
        &RowEdit {
            outbound_callee_format: Some("{+E.164}".into()),
            carrier_phone_number: Some("+86 20 3800 0699".into()),
            ..edit("02038000601")
        },
    )
    .unwrap();
    assert!(!row.row.has_errors(), "fixed: {:?}", row.row.issues);

    // Opened again, the values are the ones saved.
    drop(ctx);
    let ctx = open(data.path());
    let wiz = WizardState::default();
    draft_open(&ctx, &wiz, draft, None).unwrap();
    let got = rows(&wiz);
    assert_eq!(
        got[0].row.outbound_callee_format.as_deref(),
        Some("{+E.164}")
    );
    assert_eq!(
        got[0].row.carrier_phone_number.as_deref(),
        Some("+862038000699")
    );
    assert_eq!(
        got[1].row.outbound_callee_format.as_deref(),
        Some("{E.164}")
    );
    assert_eq!(got[1].row.carrier_phone_number, None);
}
