//! Profiles, drafts and the outbox tables on a real file.
//!
//! Over 500 lines because its tests take the tables through their life on a real file (upgrades,
//! drafts, queuing, claims, crashes, Modify, live numbers, history).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failure

use std::collections::HashSet;

use numdesk_model::NetworkKind;
use numdesk_store::{
    ApplicationFilter, ApplicationState, ApplyOptions, AttemptInput, DraftHeader, DraftRow,
    EndpointKind, EndpointScope, ModifyOutcome, ModifyState, NewSubmission, NumberDetail, Outcome,
    ProfileInput, RowFinding, Severity, Store, StoreError, SubmissionNumber,
};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("numdesk.sqlite3")).unwrap();
    (dir, store)
}

fn sandbox() -> EndpointScope {
    EndpointScope::new(EndpointKind::Sandbox, "127.0.0.1:4000")
}

fn detail(n: &str) -> NumberDetail {
    NumberDetail {
        phone_number: n.to_owned(),
        call_type: 2,
        max_call_count: 5,
        max_call_p_sec: 1,
        outbound_callee_format: None,
        carrier_phone_number: None,
    }
}

fn numbers(prefix: &str, count: usize) -> Vec<SubmissionNumber> {
    (0..count)
        .map(|i| SubmissionNumber {
            draft_position: Some(i as u64),
            detail: detail(&format!("{prefix}{i:05}")),
        })
        .collect()
}

fn submission(scope: EndpointScope, numbers: Vec<SubmissionNumber>) -> NewSubmission {
    NewSubmission {
        draft_id: None,
        scope,
        sdk_app_id: 1_400_000_001,
        sip_trunk_id: 10_001,
        options: ApplyOptions {
            prefix: Some("9".into()),
            ..ApplyOptions::default()
        },
        numbers,
        numbers_per_application: 100,
        include_duplicates: false,
        country: Some(cn()),
    }
}

fn cn() -> numdesk_model::Country {
    "CN".parse().unwrap()
}

/// Claims and answers one application.
fn answer(store: &Store, id: i64, outcome: Outcome) {
    store.claim_for_sending(id).unwrap().expect("queued");
    store.record_outcome(id, &outcome, &[]).unwrap();
}

fn submitted(apply_id: u64) -> Outcome {
    Outcome::Submitted {
        apply_id,
        request_id: format!("req-{apply_id}"),
    }
}

#[test]
fn an_old_database_is_upgraded_with_a_backup_and_keeps_its_preferences() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numdesk.sqlite3");
    {
        // A database as the first release wrote it: schema 1 only.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(numdesk_store::MIGRATIONS[0].sql)
            .unwrap();
        conn.execute(
            "INSERT INTO preferences (key, value) VALUES ('language', 'zh-CN')",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        numdesk_store::latest_version()
    );
    assert_eq!(
        store.preference("language").unwrap().as_deref(),
        Some("zh-CN")
    );
    let backup = dir.path().join("numdesk.sqlite3.v1.bak");
    assert!(
        backup.exists(),
        "rule: a copy of the file is taken before any migration"
    );
    assert!(
        store
            .applications(&ApplicationFilter::all())
            .unwrap()
            .is_empty()
    );
}

/// Schema 6 keeps which network failure stopped an application. Applications answered before
/// get theirs once, from the client's own wording of the failure; the rest stay without one.
#[test]
fn applications_from_before_schema_6_get_their_network_failure_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numdesk.sqlite3");
    let ids = {
        let store = Store::open(&path).unwrap();
        store
            .enqueue(&submission(sandbox(), numbers("0205", 400)))
            .unwrap()
            .application_ids
    };
    {
        // As version 5 left them: the code and the English message, no kind.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let stored = [
            (
                "NotSent",
                "the request was not sent: the server's certificate was not accepted (invalid peer certificate: UnknownIssuer)",
            ),
            (
                "OutcomeUnknown",
                "the request was sent but no response arrived: no response within the timeout (30s)",
            ),
            (
                "InvalidParameter",
                "the connection failed, says Tencent's own message",
            ),
            (
                "NotSent",
                "the request was not sent: the connection failed (x)",
            ),
        ];
        for (id, (code, message)) in ids.iter().zip(stored) {
            conn.execute(
                "UPDATE applications SET error_code = ?2, error_message = ?3 WHERE id = ?1",
                rusqlite::params![id, code, message],
            )
            .unwrap();
        }
        conn.execute_batch("ALTER TABLE applications DROP COLUMN error_kind")
            .unwrap();
        conn.pragma_update(None, "user_version", 5).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let kinds: Vec<_> = ids
        .iter()
        .map(|&id| store.application(id).unwrap().unwrap().error_kind)
        .collect();
    assert_eq!(
        kinds,
        [
            Some(NetworkKind::Certificate),
            Some(NetworkKind::Timeout),
            None,
            Some(NetworkKind::Other),
        ],
        "a Tencent code is never read as a network failure, whatever its message says"
    );
}

#[test]
fn profiles_round_trip_and_have_no_place_for_a_secret_key() {
    let (_dir, store) = store();
    let input = ProfileInput {
        name: "Guangzhou".into(),
        endpoint: "intl".into(),
        secret_id: Some("AKIDexample".into()),
        sdk_app_id: Some(1_400_000_001),
        sip_trunk_id: Some(10_001),
        options: ApplyOptions {
            prefix: Some("0".into()),
            ..ApplyOptions::default()
        },
        call_type: Some(2),
        max_call_count: Some(10),
        max_call_p_sec: Some(2),
        outbound_callee_format: Some("{+E.164}".into()),
        country: Some("CN".into()),
    };
    let p = store.create_profile(&input).unwrap();
    assert_eq!(p.input, input);
    assert_eq!(store.profiles().unwrap(), std::slice::from_ref(&p));
    let err = store.create_profile(&input).unwrap_err();
    assert!(
        err.to_string().contains("already exists"),
        "clear message: {err}"
    );
    let mut changed = input.clone();
    changed.endpoint = "china".into();
    assert_eq!(
        store.update_profile(p.id, &changed).unwrap().input.endpoint,
        "china"
    );
    let err = store
        .create_profile(&ProfileInput {
            call_type: Some(3),
            name: "x".into(),
            ..input.clone()
        })
        .unwrap_err();
    assert!(err.to_string().contains("CallType"), "{err}");

    // The schema as another connection to the file sees it.
    let columns: Vec<String> = rusqlite::Connection::open(store.path().unwrap())
        .unwrap()
        .prepare("SELECT name FROM pragma_table_info('profiles')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        !columns
            .iter()
            .any(|c| c.contains("key") || c.contains("secret_k")),
        "rule: the SecretKey is never stored: {columns:?}"
    );
    assert!(store.delete_profile(p.id).unwrap());
}

#[test]
fn a_100000_row_draft_saves_in_one_transaction_and_a_bad_row_saves_nothing() {
    let (_dir, store) = store();
    let rows: Vec<DraftRow> = (0..100_000)
        .map(|i| DraftRow {
            source_line: Some(i + 2),
            phone_number: format!("020{i:08}"),
            call_type: Some(1),
            max_call_count: Some(3),
            max_call_p_sec: Some(1),
            outbound_callee_format: None,
            carrier_phone_number: None,
            findings: if i % 1000 == 0 {
                vec![RowFinding {
                    severity: Severity::Warning,
                    code: "leading_zero_restored".into(),
                    field: Some("PhoneNumber".into()),
                    message: "a leading zero was restored".into(),
                }]
            } else {
                Vec::new()
            },
        })
        .collect();
    let header = DraftHeader {
        name: "big".into(),
        ..DraftHeader::default()
    };
    let id = store.create_draft(&header, &rows).unwrap();
    let draft = store.draft(id).unwrap().unwrap();
    assert_eq!(draft.summary.rows, 100_000);
    assert_eq!(
        draft.rows, rows,
        "every row and finding comes back as saved"
    );

    // One row the schema refuses, in the middle: nothing at all is kept.
    let mut bad = rows.clone();
    bad[50_000].call_type = Some(7);
    let before = store.drafts().unwrap().len();
    assert!(store.create_draft(&header, &bad).is_err());
    assert_eq!(
        store.drafts().unwrap().len(),
        before,
        "rule: a draft saves in one transaction"
    );
    assert!(store.replace_draft_rows(id, &bad).is_err());
    assert_eq!(
        store.draft_rows(id).unwrap().len(),
        100_000,
        "a failed autosave keeps the old rows"
    );
}

#[test]
fn draft_autosave_updates_header_single_rows_and_counts_errors() {
    let (_dir, store) = store();
    let mut row = DraftRow {
        source_line: Some(2),
        phone_number: "2.01235E+10".into(),
        call_type: Some(0),
        max_call_count: Some(1),
        max_call_p_sec: Some(1),
        outbound_callee_format: None,
        carrier_phone_number: None,
        findings: vec![RowFinding {
            severity: Severity::Error,
            code: "scientific_notation".into(),
            field: Some("PhoneNumber".into()),
            message: "digits were lost".into(),
        }],
    };
    let id = store
        .create_draft(
            &DraftHeader {
                name: "d".into(),
                ..DraftHeader::default()
            },
            &[row.clone()],
        )
        .unwrap();
    assert_eq!(store.draft(id).unwrap().unwrap().summary.error_rows, 1);
    row.phone_number = "02012345678".into();
    row.findings.clear();
    store.update_draft_row(id, 0, &row).unwrap();
    let draft = store.draft(id).unwrap().unwrap();
    assert_eq!(
        draft.summary.error_rows, 0,
        "fixing the row clears its error"
    );
    assert_eq!(draft.rows, [row.clone()]);
    assert!(store.update_draft_row(id, 5, &row).is_err(), "no row 5");
    let header = DraftHeader {
        name: "renamed".into(),
        sdk_app_id: Some(7),
        ..DraftHeader::default()
    };
    store.update_draft_header(id, &header).unwrap();
    assert_eq!(store.draft(id).unwrap().unwrap().summary.header, header);
    assert!(store.delete_draft(id).unwrap());
    assert!(store.draft(id).unwrap().is_none());
}

#[test]
fn numbers_are_split_into_batches_and_taken_numbers_are_left_out_unless_insisted() {
    let (_dir, store) = store();
    let first = store
        .enqueue(&submission(sandbox(), numbers("0201", 250)))
        .unwrap();
    assert_eq!(first.application_ids.len(), 3);
    let apps = store.applications(&ApplicationFilter::all()).unwrap();
    let sizes: Vec<usize> = apps.iter().map(|a| a.numbers.len()).collect();
    assert_eq!(sizes, [100, 100, 50], "batches of the configured size");
    assert!(apps.iter().all(|a| a.state == ApplicationState::Queued));
    assert_eq!(apps[0].options.prefix.as_deref(), Some("9"));

    answer(&store, first.application_ids[0], submitted(1));
    answer(
        &store,
        first.application_ids[1],
        Outcome::Unknown {
            code: Some("InternalError".into()),
            message: "boom".into(),
            request_id: None,
            kind: None,
        },
    );
    answer(
        &store,
        first.application_ids[2],
        Outcome::Failed {
            code: "InvalidParameter.X".into(),
            message: "no".into(),
            request_id: None,
            kind: None,
        },
    );

    // 0201000xx are in the submitted app, 01xx in the unknown one, 02xx in the failed one.
    let mut again = numbers("0201", 250);
    again.push(SubmissionNumber {
        draft_position: None,
        detail: detail("020100249"),
    });
    let second = store
        .enqueue(&submission(sandbox(), again.clone()))
        .unwrap();
    assert_eq!(
        second.numbers, 50,
        "only the failed application's numbers are free again"
    );
    let taken: Vec<_> = second
        .duplicates
        .iter()
        .filter(|d| d.application_id.is_some())
        .collect();
    assert_eq!(
        taken.len(),
        200,
        "rule: numbers in submitted/unknown applications are flagged"
    );
    assert!(taken.iter().all(|d| !d.included));
    let in_unknown = taken
        .iter()
        .find(|d| d.phone_number == "020100150")
        .unwrap();
    assert_eq!(in_unknown.state, Some(ApplicationState::Unknown));
    assert_eq!(in_unknown.application_id, Some(first.application_ids[1]));
    let repeated: Vec<_> = second
        .duplicates
        .iter()
        .filter(|d| d.application_id.is_none())
        .collect();
    assert_eq!(
        repeated.len(),
        1,
        "a number repeated within the submission is left out"
    );

    // The queued copy of the failed numbers now blocks a third submission too.
    let third = store
        .enqueue(&submission(sandbox(), numbers("0201", 250)))
        .unwrap();
    assert_eq!(third.numbers, 0);
    assert!(third.application_ids.is_empty());

    // Insisting queues them anyway.
    let mut insist = submission(sandbox(), numbers("0201", 10));
    insist.include_duplicates = true;
    let forced = store.enqueue(&insist).unwrap();
    assert_eq!(forced.numbers, 10);
    assert!(forced.duplicates.iter().all(|d| d.included));

    // Another service is another world: the same numbers are free on the real site.
    let intl = EndpointScope::new(EndpointKind::International, "ccc.intl.tencentcloudapi.com");
    let real = store
        .enqueue(&submission(intl, numbers("0201", 250)))
        .unwrap();
    assert_eq!(
        real.numbers, 250,
        "rule: sandbox and real submissions are kept apart"
    );
    assert!(real.duplicates.is_empty());
}

#[test]
fn sending_is_claimed_once_and_answers_need_a_sending_application() {
    let (_dir, store) = store();
    let out = store
        .enqueue(&submission(sandbox(), numbers("0202", 3)))
        .unwrap();
    let id = out.application_ids[0];
    let claimed = store.claim_for_sending(id).unwrap().unwrap();
    assert_eq!(claimed.details.len(), 3);
    assert_eq!(claimed.scope, sandbox());
    assert!(
        store.claim_for_sending(id).unwrap().is_none(),
        "rule: an application is sent once"
    );
    let attempts = [AttemptInput {
        started_at_unix_ms: 1_700_000_000_123,
        action: "CreateOwnNumberApply".into(),
        attempt: 1,
        request_id: Some("r-1".into()),
        error_class: None,
        error_code: None,
        error_message: None,
        latency_ms: 12,
        rate_limit_wait_ms: 0,
        next_step: "done".into(),
    }];
    store.record_outcome(id, &submitted(77), &attempts).unwrap();
    let app = store.application(id).unwrap().unwrap();
    assert_eq!(
        (app.state, app.apply_id),
        (ApplicationState::Submitted, Some(77))
    );
    assert_eq!(app.request_id.as_deref(), Some("req-77"));
    let log = store.attempts(id).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].at, "2023-11-14T22:13:20.123Z", "attempt time in UTC");
    let err = store.record_outcome(id, &submitted(78), &[]).unwrap_err();
    assert!(matches!(err, StoreError::WrongState { .. }), "{err}");

    // The schema itself refuses a submitted application without an ApplyId.
    let res = rusqlite::Connection::open(store.path().unwrap())
        .unwrap()
        .execute(
            "UPDATE applications SET apply_id = NULL WHERE id = ?1",
            [id],
        );
    assert!(res.is_err(), "rule: submitted means the ApplyId is known");
}

#[test]
fn a_crash_while_sending_leaves_unknown_never_queued() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numdesk.sqlite3");
    let ids = {
        let store = Store::open(&path).unwrap();
        let out = store
            .enqueue(&submission(sandbox(), numbers("0203", 300)))
            .unwrap();
        store
            .claim_for_sending(out.application_ids[0])
            .unwrap()
            .unwrap();
        store
            .claim_for_sending(out.application_ids[1])
            .unwrap()
            .unwrap();
        out.application_ids
        // Dropped without answering: as if the process died.
    };
    let store = Store::open(&path).unwrap();
    let recovered = store.recover_interrupted().unwrap();
    assert_eq!(
        recovered.applications,
        ids[..2],
        "rule: sending left by a crash becomes unknown"
    );
    let apps = store.applications(&ApplicationFilter::all()).unwrap();
    let states: Vec<_> = apps.iter().map(|a| a.state).collect();
    assert_eq!(
        states,
        [
            ApplicationState::Unknown,
            ApplicationState::Unknown,
            ApplicationState::Queued
        ]
    );
    assert!(
        apps[0]
            .note
            .as_deref()
            .unwrap()
            .contains("may or may not have reached Tencent")
    );
    assert_eq!(store.queued_ids(&sandbox(), None, None).unwrap(), ids[2..]);
    assert!(store.recover_interrupted().unwrap().applications.is_empty());
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn unknown_applications_are_resolved_only_by_the_user() {
    let (_dir, store) = store();
    let ids = store
        .enqueue(&submission(sandbox(), numbers("0204", 400)))
        .unwrap()
        .application_ids;
    let unknown = || Outcome::Unknown {
        code: Some("OutcomeUnknown".into()),
        message: "dropped".into(),
        request_id: None,
        kind: Some(NetworkKind::ConnectionDropped),
    };
    answer(&store, ids[0], submitted(500));
    for &id in &ids[1..] {
        answer(&store, id, unknown());
    }
    let kind = |id| store.application(id).unwrap().unwrap().error_kind;
    assert_eq!(
        kind(ids[1]),
        Some(NetworkKind::ConnectionDropped),
        "the network failure is kept with the error, by name"
    );
    let err = store.resolve_with_apply_id(ids[1], 500).unwrap_err();
    assert!(
        matches!(err, StoreError::ApplyIdInUse { application_id, .. } if application_id == ids[0]),
        "an ApplyId belongs to one application: {err}"
    );
    let resolved = store.resolve_with_apply_id(ids[1], 501).unwrap();
    assert_eq!(
        (resolved.state, resolved.apply_id, resolved.error_kind),
        (ApplicationState::Submitted, Some(501), None)
    );
    assert!(
        store.resolve_with_apply_id(ids[1], 502).is_err(),
        "only unknown ones are resolved"
    );

    store.requeue_unknown(ids[2]).unwrap();
    assert_eq!(
        store.application(ids[2]).unwrap().unwrap().state,
        ApplicationState::Queued
    );
    store.mark_not_created(ids[3]).unwrap();
    assert_eq!(
        store.application(ids[3]).unwrap().unwrap().state,
        ApplicationState::Failed
    );
    assert!(
        store.requeue_unknown(ids[0]).is_err(),
        "a submitted application is never re-sent"
    );
}

#[test]
fn failed_rows_become_a_new_draft_once() {
    let (_dir, store) = store();
    let draft = store
        .create_draft(
            &DraftHeader {
                name: "March".into(),
                ..DraftHeader::default()
            },
            &[],
        )
        .unwrap();
    let mut sub = submission(sandbox(), numbers("0205", 150));
    sub.draft_id = Some(draft);
    let ids = store.enqueue(&sub).unwrap().application_ids;
    answer(&store, ids[0], submitted(9));
    answer(
        &store,
        ids[1],
        Outcome::Failed {
            code: "InvalidParameterValue.PhoneNumInvalid".into(),
            message: "bad numbers".into(),
            request_id: Some("r".into()),
            kind: None,
        },
    );
    assert!(
        store.draft_from_failed(&[ids[0]]).is_err(),
        "only failed applications"
    );
    let new = store.draft_from_failed(&[ids[1]]).unwrap();
    let d = store.draft(new).unwrap().unwrap();
    assert_eq!(d.rows.len(), 50);
    assert_eq!(d.summary.header.origin_draft_id, Some(draft));
    assert_eq!(d.summary.header.sdk_app_id, Some(1_400_000_001));
    assert_eq!(d.summary.header.options.prefix.as_deref(), Some("9"));
    assert!(d.rows[0].findings[0].message.contains("PhoneNumInvalid"));
    assert_eq!(
        d.summary.error_rows, 0,
        "the old error is a warning, not a block"
    );
    assert!(store.draft_from_failed(&[ids[1]]).is_err(), "copied once");
}

#[test]
fn modify_replaces_numbers_only_when_accepted() {
    let (_dir, store) = store();
    let ids = store
        .enqueue(&submission(sandbox(), numbers("0206", 3)))
        .unwrap()
        .application_ids;
    let other = store
        .enqueue(&submission(sandbox(), numbers("0207", 1)))
        .unwrap()
        .application_ids;
    answer(&store, ids[0], submitted(42));
    let new_list = vec![detail("020600000"), detail("020699999")];

    let err = store
        .begin_modify(ids[0], &[detail("020700000")])
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NumbersInUse(_)),
        "taken numbers are refused: {err}"
    );
    assert!(
        store.begin_modify(other[0], &new_list).is_err(),
        "only submitted applications"
    );

    let target = store.begin_modify(ids[0], &new_list).unwrap();
    assert_eq!((target.apply_id, target.details.len()), (42, 2));
    assert!(
        store.begin_modify(ids[0], &new_list).is_err(),
        "one change at a time"
    );
    // While the change is out, its new number is taken.
    let held = store
        .number_holders(&sandbox(), 1_400_000_001, &["020699999"], Some(cn()), None)
        .unwrap();
    assert_eq!(held.len(), 1);

    store
        .finish_modify(
            ids[0],
            &ModifyOutcome::Unknown {
                code: None,
                message: "dropped".into(),
            },
            &[],
        )
        .unwrap();
    assert_eq!(
        store.application(ids[0]).unwrap().unwrap().modify_state,
        Some(ModifyState::Unknown)
    );
    store.begin_modify(ids[0], &new_list).unwrap();
    store
        .finish_modify(ids[0], &ModifyOutcome::Applied, &[])
        .unwrap();
    let app = store.application(ids[0]).unwrap().unwrap();
    assert_eq!(app.numbers, ["020600000", "020699999"]);
    assert_eq!((app.modify_count, app.modify_state), (1, None));

    store.begin_modify(ids[0], &[detail("020600001")]).unwrap();
    store
        .finish_modify(
            ids[0],
            &ModifyOutcome::Refused {
                code: "InvalidParameterValue.ErrorApplyStatus".into(),
                message: "approved".into(),
            },
            &[],
        )
        .unwrap();
    let app = store.application(ids[0]).unwrap().unwrap();
    assert_eq!(
        app.numbers,
        ["020600000", "020699999"],
        "a refused change keeps the old list"
    );
    assert_eq!(
        app.modify_error_code.as_deref(),
        Some("InvalidParameterValue.ErrorApplyStatus")
    );
}

#[test]
fn a_crash_during_modify_leaves_it_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let id = {
        let store = Store::open(&path).unwrap();
        let id = store
            .enqueue(&submission(sandbox(), numbers("0208", 2)))
            .unwrap()
            .application_ids[0];
        answer(&store, id, submitted(1));
        store.begin_modify(id, &[detail("020800009")]).unwrap();
        id
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.recover_interrupted().unwrap().modifications, [id]);
    assert_eq!(
        store.application(id).unwrap().unwrap().modify_state,
        Some(ModifyState::Unknown)
    );
}

#[test]
fn live_numbers_mark_applications_approved() {
    let (_dir, store) = store();
    let ids = store
        .enqueue(&submission(sandbox(), numbers("0209", 150)))
        .unwrap()
        .application_ids;
    answer(&store, ids[0], submitted(1));
    answer(&store, ids[1], submitted(2));
    // DescribeNumbers lists `0086…`: reconcile hands over canonical keys.
    let mut live: HashSet<String> = (0..100)
        .map(|i| numdesk_model::number_key(&format!("00860209{i:05}"), None))
        .collect();
    live.insert(numdesk_model::number_key("+86 20 900 100", None));
    let other_scope = EndpointScope::new(EndpointKind::China, "ccc.tencentcloudapi.com");
    assert_eq!(
        store
            .mark_live(&other_scope, 1_400_000_001, &live)
            .unwrap()
            .numbers_marked,
        0
    );
    let marks = store.mark_live(&sandbox(), 1_400_000_001, &live).unwrap();
    assert_eq!(marks.numbers_marked, 101);
    assert_eq!(
        marks.approved,
        [ids[0]],
        "only fully live applications are approved"
    );
    let apps = store.applications(&ApplicationFilter::all()).unwrap();
    assert!(apps[0].approved_at.is_some());
    assert_eq!(
        (apps[1].live_numbers, apps[1].approved_at.clone()),
        (1, None)
    );
    assert!(
        store
            .mark_live(&sandbox(), 1_400_000_001, &live)
            .unwrap()
            .approved
            .is_empty()
    );
}

#[test]
fn history_filters_by_scope_state_and_draft() {
    let (_dir, store) = store();
    let ids = store
        .enqueue(&submission(sandbox(), numbers("0210", 200)))
        .unwrap()
        .application_ids;
    let custom = EndpointScope::new(EndpointKind::Custom, "ccc.example.com");
    store
        .enqueue(&submission(custom.clone(), numbers("0210", 100)))
        .unwrap();
    answer(&store, ids[0], submitted(3));
    let f = ApplicationFilter {
        scope: Some(sandbox()),
        ..ApplicationFilter::default()
    };
    assert_eq!(store.applications(&f).unwrap().len(), 2);
    let other_port = EndpointScope::new(EndpointKind::Sandbox, "127.0.0.1:5999");
    let f = ApplicationFilter {
        scope: Some(other_port),
        ..ApplicationFilter::default()
    };
    assert_eq!(
        store.applications(&f).unwrap().len(),
        2,
        "any loopback port is the same sandbox"
    );
    let f = ApplicationFilter {
        scope: Some(EndpointScope::new(
            EndpointKind::Custom,
            "other.example.com",
        )),
        ..ApplicationFilter::default()
    };
    assert!(
        store.applications(&f).unwrap().is_empty(),
        "custom URLs are told apart by host"
    );
    let f = ApplicationFilter {
        states: vec![ApplicationState::Submitted],
        ..ApplicationFilter::default()
    };
    assert_eq!(store.applications(&f).unwrap()[0].id, ids[0]);
    let counts = store.state_counts().unwrap();
    assert!(counts.contains(&(ApplicationState::Queued, 2)));
}

#[test]
fn one_number_spelled_four_ways_is_held_once_per_destination() {
    let (_dir, store) = store();
    let one = |n: &str| {
        vec![SubmissionNumber {
            draft_position: Some(0),
            detail: detail(n),
        }]
    };
    let first = store
        .enqueue(&submission(sandbox(), one("020 3800 1234")))
        .unwrap();
    assert_eq!(first.application_ids.len(), 1);
    for spelling in [
        "+86 20 3800 1234",
        "0086 20 38001234",
        "862038001234",
        "02038001234",
    ] {
        let again = store
            .enqueue(&submission(sandbox(), one(spelling)))
            .unwrap();
        assert!(
            again.application_ids.is_empty(),
            "rule: {spelling} is the number application {} holds",
            first.application_ids[0]
        );
        assert_eq!(again.duplicates.len(), 1);
        let d = &again.duplicates[0];
        assert_eq!(d.application_id, Some(first.application_ids[0]));
        assert_eq!(
            d.held_as.as_deref(),
            Some("020 3800 1234"),
            "says how it is held"
        );
        assert_eq!(d.sdk_app_id, Some(1_400_000_001));
    }
    // Repeated within one submission, spelled two ways.
    let mut two = one("+85291234567");
    two.extend(one("0085291234567"));
    let outcome = store.enqueue(&submission(sandbox(), two)).unwrap();
    assert_eq!(
        outcome.numbers, 1,
        "rule: two spellings in one submission are one number"
    );
    // A Sandbox rehearsal never blocks the real destination, nor another SdkAppId.
    let intl = EndpointScope::new(EndpointKind::International, "ccc.intl.tencentcloudapi.com");
    let real = store
        .enqueue(&submission(intl.clone(), one("+86 20 3800 1234")))
        .unwrap();
    assert_eq!(
        real.application_ids.len(),
        1,
        "rule: a number rehearsed in the Sandbox can be submitted to Tencent"
    );
    let mut other_sdk = submission(intl, one("020 3800 1234"));
    other_sdk.sdk_app_id = 1_400_000_002;
    assert_eq!(store.enqueue(&other_sdk).unwrap().application_ids.len(), 1);
    let held = store.held_numbers(&sandbox(), Some(1_400_000_001)).unwrap();
    assert_eq!(held.len(), 2, "{held:?}");
}

#[test]
fn number_keys_are_filled_in_for_a_database_of_schema_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numdesk.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for m in &numdesk_store::MIGRATIONS[..2] {
            conn.execute_batch(m.sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO applications (id, endpoint_kind, endpoint_host, sdk_app_id, sip_trunk_id, \
             state, apply_id) VALUES (7, 'intl', 'ccc.intl.tencentcloudapi.com', 1400000001, 1, \
             'submitted', 99); \
             INSERT INTO application_numbers (application_id, position, phone_number, call_type, \
             max_call_count, max_call_p_sec) VALUES (7, 0, '02038001234', 1, 5, 1), \
             (7, 1, '+8613800138000', 1, 5, 1);",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let intl = EndpointScope::new(EndpointKind::International, "ccc.intl.tencentcloudapi.com");
    let holders = store
        .number_holders(
            &intl,
            1_400_000_001,
            &["0086 20 3800 1234", "13800138000"],
            Some(cn()),
            None,
        )
        .unwrap();
    assert_eq!(
        holders.len(),
        2,
        "rule: rows written before the keys existed are found by key after the upgrade"
    );
    let live: HashSet<String> = ["008602038001234", "008613800138000"]
        .iter()
        .map(|n| numdesk_model::number_key(n, None))
        .collect();
    let marks = store.mark_live(&intl, 1_400_000_001, &live).unwrap();
    assert_eq!((marks.numbers_marked, marks.approved), (2, vec![7]));
}
