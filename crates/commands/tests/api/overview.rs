//! The Overview command against a real database file and the app's built-in sandbox: nothing
//! on a fresh install; after real submissions the counts per status, what went live, and the
//! attention list (unknown, failed, queued with nothing sending, waiting long) with its count.

use crate::common::{open, runtime};

use std::sync::Arc;

use numdesk_commands::{
    AppContext, LONG_REVIEW_WAIT, SubmitState, active_connection_plan,
    applications_draft_from_failed, applications_refresh, overview_at, overview_get,
};
use numdesk_outbox::{NoProgress, Selection, SendControl, now_unix_ms};
use numdesk_sandbox::{DEFAULT_SIP_TRUNK_ID, Faults};
use numdesk_store::{ApplicationStatus, ConnectionKind, DraftRow, OverviewGroup};

fn draft(ctx: &AppContext, from: u32, count: u32, trunk: i64) -> i64 {
    let header = numdesk_testkit::app_header(&format!("list {from}"), trunk);
    let rows: Vec<DraftRow> = (from..from + count)
        .map(|i| numdesk_testkit::app_row(&format!("+86203800{i:04}"), 1))
        .collect();
    ctx.store().create_draft(&header, &rows).unwrap()
}

/// Queues numbers `from..from+count` for `trunk`, one application each; sends them when `send`.
fn submit(ctx: &AppContext, from: u32, count: u32, trunk: i64, send: bool) -> Vec<i64> {
    let draft = draft(ctx, from, count, trunk);
    crate::common::queue_and_send(ctx, draft, 1, send)
}

fn ids(group: &OverviewGroup) -> Vec<i64> {
    group.applications.iter().map(|a| a.id).collect()
}

#[test]
fn a_fresh_install_has_no_history_and_nothing_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let o = overview_get(&ctx, &SubmitState::default()).unwrap();
    assert!(
        !o.history,
        "rule: Import stays the first screen on a fresh install"
    );
    assert_eq!(o.scope, ConnectionKind::Sandbox);
    assert_eq!(o.attention, 0);
    assert_eq!(o.stopped_queue, None);
    assert_eq!(o.counts.len(), ApplicationStatus::ALL.len());
    assert_eq!(o.long_wait_days, 3);
    assert_eq!(o.live_window_days, 7);
}

#[test]
fn the_overview_counts_what_was_sent_and_lists_what_needs_the_user() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    ctx.sandbox().set_approve_after(None);
    let state = SubmitState::default();

    // Two accepted, one whose answer is dropped (unknown), one refused (unknown trunk), and
    // two queued that nothing sends (as after a stop).
    let accepted = submit(&ctx, 0, 2, DEFAULT_SIP_TRUNK_ID, true);
    ctx.sandbox().set_faults(Faults {
        drop_next_after_commit: 1,
        ..Faults::default()
    });
    let unknown = submit(&ctx, 10, 1, DEFAULT_SIP_TRUNK_ID, true);
    ctx.sandbox().set_faults(Faults::default());
    let failed = submit(&ctx, 20, 1, 99_999, true);
    let queued = submit(&ctx, 30, 2, DEFAULT_SIP_TRUNK_ID, false);

    // The sandbox approves the first; a refresh sees its number live.
    let first = ctx.store().application(accepted[0]).unwrap().unwrap();
    ctx.sandbox().approve(first.apply_id.unwrap()).unwrap();
    let plan = active_connection_plan(&ctx).unwrap();
    runtime()
        .block_on(applications_refresh(&ctx, plan, None))
        .unwrap();

    let o = overview_get(&ctx, &state).unwrap();
    assert!(o.history);
    let count = |s: ApplicationStatus| {
        o.counts
            .iter()
            .find(|c| c.status == s)
            .map(|c| c.applications)
            .unwrap()
    };
    assert_eq!(
        [
            ApplicationStatus::Queued,
            ApplicationStatus::Submitted,
            ApplicationStatus::Approved,
            ApplicationStatus::Failed,
            ApplicationStatus::Unknown,
        ]
        .map(count),
        [2, 1, 1, 1, 1]
    );
    assert_eq!(ids(&o.went_live), vec![accepted[0]], "went live this week");
    assert_eq!(o.went_live.numbers, 1);
    assert_eq!(ids(&o.unknown), unknown);
    assert_eq!(ids(&o.failed), failed);
    assert_eq!(
        o.failed.applications[0].error_code.as_deref(),
        Some("InvalidParameter.SipTrunkNotFound")
    );
    assert!(
        o.waiting_long.applications.is_empty(),
        "sent just now: not waiting long yet"
    );
    let stopped = o.stopped_queue.expect("queued with nothing sending");
    assert_eq!((stopped.applications, stopped.numbers), (2, 2));
    assert!(!o.running);
    assert_eq!(o.attention, 1 + 1 + 2, "unknown + failed + queued");

    // Past the threshold, the one still under review waits long (the approved one does not).
    let later = now_unix_ms() + u64::try_from(LONG_REVIEW_WAIT.as_millis()).unwrap() + 60_000;
    let o = overview_at(&ctx, &state, later).unwrap();
    assert_eq!(ids(&o.waiting_long), vec![accepted[1]]);
    assert_eq!(o.attention, 1 + 1 + 2 + 1);

    // Dealt with: the failed numbers copied to a new draft, the queue sent.
    applications_draft_from_failed(&ctx, &failed).unwrap();
    let plan = active_connection_plan(&ctx).unwrap();
    let client = numdesk_client::Client::new(plan.config, plan.limiter, plan.credentials).unwrap();
    runtime()
        .block_on(ctx.outbox().run(
            &client,
            &Selection::Applications(queued.clone()),
            &SendControl::new(),
            Arc::new(NoProgress),
        ))
        .unwrap();
    let o = overview_get(&ctx, &state).unwrap();
    assert_eq!(o.failed.total, 0);
    assert_eq!(o.stopped_queue, None);
    assert_eq!(o.attention, 1, "only the unknown outcome is left");
    assert!(queued.iter().all(|id| {
        ctx.store()
            .application(*id)
            .unwrap()
            .unwrap()
            .apply_id
            .is_some()
    }));
}
