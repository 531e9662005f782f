//! The Overview's reading of the outbox on a real file: counts per shown status with their
//! numbers, what went live lately, and the groups that need the user — unknown, failed and not
//! redrafted, waiting long for review — each within one scope, on a clock the test chooses.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failure

use std::collections::HashSet;

use numdesk_store::{
    ApplicationStatus, ApplyOptions, ConnectionKind, EndpointKind, EndpointScope, NewSubmission,
    NumberDetail, Outcome, OverviewQuery, Store, SubmissionNumber,
};

const DAY_MS: i64 = 24 * 3600 * 1000;
const SDK: u64 = 1_400_000_001;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("numdesk.sqlite3")).unwrap();
    (dir, store)
}

fn sandbox() -> EndpointScope {
    EndpointScope::new(EndpointKind::Sandbox, "127.0.0.1:4000")
}

fn intl() -> EndpointScope {
    EndpointScope::new(EndpointKind::International, "ccc.intl.tencentcloudapi.com")
}

/// Queues `count` numbers starting `020900{from}` for `scope`, one application per number.
fn queue(store: &Store, scope: EndpointScope, from: u32, count: u32) -> Vec<i64> {
    let numbers = (from..from + count)
        .map(|i| SubmissionNumber {
            draft_position: Some(u64::from(i)),
            detail: NumberDetail {
                phone_number: format!("020900{i:05}"),
                call_type: 1,
                max_call_count: 5,
                max_call_p_sec: 1,
                outbound_callee_format: None,
                carrier_phone_number: None,
            },
        })
        .collect();
    store
        .enqueue(&NewSubmission {
            draft_id: None,
            scope,
            sdk_app_id: SDK,
            sip_trunk_id: 10_001,
            options: ApplyOptions::default(),
            numbers,
            numbers_per_application: 1,
            include_duplicates: false,
            country: Some("CN".parse().unwrap()),
        })
        .unwrap()
        .application_ids
}

fn answer(store: &Store, id: i64, outcome: Outcome) {
    store.claim_for_sending(id).unwrap().expect("queued");
    store.record_outcome(id, &outcome, &[]).unwrap();
}

fn submitted(id: i64) -> Outcome {
    Outcome::Submitted {
        apply_id: 9000 + u64::try_from(id).unwrap(),
        request_id: format!("req-{id}"),
    }
}

fn now_ms() -> i64 {
    i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

fn query(scope: ConnectionKind, now_unix_ms: i64) -> OverviewQuery {
    OverviewQuery {
        scope,
        now_unix_ms,
        live_window_ms: 7 * DAY_MS,
        long_wait_ms: 3 * DAY_MS,
        list_limit: 2,
    }
}

/// Moves an application's sent time `days` into the past.
fn sent_days_ago(store: &Store, id: i64, days: i64) {
    // Through another connection to the file, as time would.
    rusqlite::Connection::open(store.path().unwrap())
        .unwrap()
        .execute(
            "UPDATE applications SET sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?2) \
             WHERE id = ?1",
            rusqlite::params![id, format!("-{days} days")],
        )
        .unwrap();
}

#[test]
fn an_empty_database_has_no_history_and_every_status_at_zero() {
    let (_dir, store) = store();
    let o = store
        .overview(&query(ConnectionKind::Sandbox, now_ms()))
        .unwrap();
    assert!(!o.history, "rule: a fresh install has no history");
    assert_eq!(o.counts.len(), ApplicationStatus::ALL.len());
    assert!(
        o.counts
            .iter()
            .all(|c| c.applications == 0 && c.numbers == 0)
    );
    assert_eq!(
        (o.unknown.total, o.failed.total, o.waiting_long.total),
        (0, 0, 0)
    );
    assert_eq!(o.went_live.total, 0);
}

#[test]
fn counts_live_numbers_and_attention_groups_follow_the_outbox_within_one_scope() {
    let (_dir, store) = store();
    // Sandbox: 8 applications of one number each.
    let ids = queue(&store, sandbox(), 0, 8);
    // 0, 1: approved (all live); 2: submitted, sent 5 days ago; 3: submitted, sent 1 day ago;
    // 4, 5: unknown; 6: failed; 7: stays queued.
    for &id in &ids[..4] {
        answer(&store, id, submitted(id));
    }
    for &id in &ids[4..6] {
        answer(
            &store,
            id,
            Outcome::Unknown {
                code: Some("OutcomeUnknown".into()),
                message: "the answer was lost".into(),
                request_id: None,
                kind: None,
            },
        );
    }
    answer(
        &store,
        ids[6],
        Outcome::Failed {
            code: "InvalidParameter.SipTrunkNotFound".into(),
            message: "no such trunk".into(),
            request_id: Some("req-f".into()),
            kind: None,
        },
    );
    let live: HashSet<String> = (0..2)
        .map(|i| numdesk_model::number_key(&format!("0086020900{i:05}"), None))
        .collect();
    let marks = store.mark_live(&sandbox(), SDK, &live).unwrap();
    assert_eq!(marks.approved, ids[..2].to_vec());
    sent_days_ago(&store, ids[2], 5);
    sent_days_ago(&store, ids[3], 1);
    // Tencent: one failed application, which the Sandbox's overview must not show.
    let tencent = queue(&store, intl(), 100, 1);
    answer(
        &store,
        tencent[0],
        Outcome::Failed {
            code: "AuthFailure.SecretIdNotFound".into(),
            message: "bad key".into(),
            request_id: None,
            kind: None,
        },
    );

    let now = now_ms();
    let o = store
        .overview(&query(ConnectionKind::Sandbox, now))
        .unwrap();
    assert!(o.history);
    let count = |s: ApplicationStatus| {
        let t = o.counts.iter().find(|c| c.status == s).unwrap();
        (t.applications, t.numbers)
    };
    assert_eq!(count(ApplicationStatus::Approved), (2, 2));
    assert_eq!(count(ApplicationStatus::Submitted), (2, 2));
    assert_eq!(count(ApplicationStatus::Unknown), (2, 2));
    assert_eq!(
        count(ApplicationStatus::Failed),
        (1, 1),
        "the Tencent one is apart"
    );
    assert_eq!(count(ApplicationStatus::Queued), (1, 1));
    assert_eq!(count(ApplicationStatus::Sending), (0, 0));

    assert_eq!((o.went_live.total, o.went_live.numbers), (2, 2));
    assert!(o.went_live.applications.iter().all(|a| a.live_numbers == 1));
    assert!(
        o.went_live
            .applications
            .iter()
            .all(|a| a.approved_at.is_some())
    );

    assert_eq!(o.unknown.total, 2);
    assert_eq!(
        o.unknown
            .applications
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        ids[4..6].to_vec(),
        "oldest first"
    );
    assert_eq!(
        o.unknown.applications[0].error_code.as_deref(),
        Some("OutcomeUnknown")
    );
    assert_eq!(o.failed.total, 1);
    assert_eq!(
        o.failed.applications[0].error_code.as_deref(),
        Some("InvalidParameter.SipTrunkNotFound")
    );
    assert_eq!(
        o.waiting_long
            .applications
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        vec![ids[2]],
        "rule: only what was sent longer ago than the threshold waits long (not 1 day ago)"
    );

    // Two days later the application sent a day ago waits long too; a week and a bit later
    // nothing counts as gone live lately.
    let later = store
        .overview(&query(ConnectionKind::Sandbox, now + 2 * DAY_MS + 60_000))
        .unwrap();
    assert_eq!(later.waiting_long.total, 2);
    assert_eq!(later.waiting_long.applications[0].id, ids[2]);
    let week_on = store
        .overview(&query(ConnectionKind::Sandbox, now + 8 * DAY_MS))
        .unwrap();
    assert_eq!(week_on.went_live.total, 0);
    assert_eq!(
        count(ApplicationStatus::Approved),
        (2, 2),
        "the counts do not age"
    );

    // The list holds at most `list_limit`, the total counts them all.
    let many = queue(&store, sandbox(), 200, 3);
    for &id in &many {
        answer(
            &store,
            id,
            Outcome::Unknown {
                code: None,
                message: "lost".into(),
                request_id: None,
                kind: None,
            },
        );
    }
    let o = store
        .overview(&query(ConnectionKind::Sandbox, now))
        .unwrap();
    assert_eq!((o.unknown.total, o.unknown.applications.len()), (5, 2));

    // A failed application copied into a new draft is dealt with.
    store.draft_from_failed(&[ids[6]]).unwrap();
    let o = store
        .overview(&query(ConnectionKind::Sandbox, now))
        .unwrap();
    assert_eq!(
        o.failed.total, 0,
        "rule: redrafted failures need nothing more"
    );

    // Tencent's overview sees only its own.
    let t = store
        .overview(&query(ConnectionKind::Tencent, now))
        .unwrap();
    assert_eq!(
        t.failed
            .applications
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        tencent
    );
    assert_eq!((t.unknown.total, t.waiting_long.total), (0, 0));
}
