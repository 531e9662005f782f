//! The approval watch: its schedule and call budget on a virtual clock, and passes against the
//! sandbox's International and China personalities that see applications approved without a
//! click.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failure

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use numdesk_client::RateLimiter;
use numdesk_outbox::{
    Budget, NoProgress, Schedule, Selection, SendControl, SubmitSettings, Waiting, Watch,
    WatchChange, WatchConfig, endpoint_scope, parse_utc_ms,
};
use numdesk_sandbox::{SandboxConfig, Site};

const MIN: u64 = 60_000;

fn waiting(id: i64, sdk: u64, sent_at_ms: u64) -> Waiting {
    Waiting {
        id,
        sdk_app_id: sdk,
        sent_at_ms,
    }
}

#[test]
fn the_schedule_backs_off_starts_again_on_change_and_stops_after_30_days() {
    let mut s = Schedule::new(WatchConfig::default());
    let t0 = 1_800_000_000_000;
    let apps = [waiting(1, 7, t0)];
    assert!(
        s.due(t0, &apps).is_empty(),
        "not at the moment of submission"
    );
    assert_eq!(
        s.next_due(t0, &apps),
        Some(t0 + MIN),
        "soon after submission: 1 minute"
    );
    let mut at = t0 + MIN;
    let mut waits = Vec::new();
    for _ in 0..5 {
        assert_eq!(s.due(at, &apps), [7]);
        s.record(7, at, t0, false);
        let next = s.next_due(at, &apps).unwrap();
        waits.push((next - at) / MIN);
        at = next;
    }
    assert_eq!(waits, [5, 15, 60, 60, 60], "rule: back off 5 → 15 → hourly");
    s.record(7, at, t0, true);
    assert_eq!(
        s.next_due(at, &apps),
        Some(at + MIN),
        "a change starts the ladder again"
    );
    // A new submission to the same SdkAppId: checked 1 minute after it.
    let later = at + 2 * MIN;
    let more = [waiting(1, 7, t0), waiting(2, 7, later)];
    assert_eq!(s.next_due(later, &more), Some(later + MIN));
    // The user's longest interval caps the ladder.
    let mut capped = Schedule::new(WatchConfig {
        max_interval: Duration::from_secs(10 * 60),
        ..WatchConfig::default()
    });
    let mut at = t0 + MIN;
    for _ in 0..4 {
        capped.record(7, at, t0, false);
        at = capped.next_due(at, &apps).unwrap();
    }
    capped.record(7, at, t0, false);
    assert_eq!(
        capped.next_due(at, &apps),
        Some(at + 10 * MIN),
        "capped at 10 minutes"
    );
    // 30 days after submission the application is no longer watched.
    let month = t0 + 30 * 24 * 60 * MIN;
    assert_eq!(s.watched(month, &apps).len(), 1, "still watched on day 30");
    let old = month + MIN;
    assert!(
        s.watched(old, &apps).is_empty(),
        "rule: older than 30 days is not watched"
    );
    assert!(s.due(old, &apps).is_empty() && s.next_due(old, &apps).is_none());
}

#[test]
fn the_watch_never_exceeds_its_call_budget_over_a_virtual_day() {
    // 40 SdkAppIds with fresh submissions every few minutes, each pass 3 pages: far more than
    // the budget allows, so the budget decides.
    let config = WatchConfig::default();
    let per_minute = config.calls_per_minute;
    let mut schedule = Schedule::new(config);
    let mut budget = Budget::new(per_minute);
    let t0 = 1_800_000_000_000u64;
    // The newest application per SdkAppId is what the schedule looks at.
    let mut apps: Vec<Waiting> = (0..40)
        .map(|sdk| waiting(sdk, 1_400_000_000 + sdk as u64, t0))
        .collect();
    let mut calls: Vec<u64> = Vec::new();
    let mut now = t0;
    while now < t0 + 24 * 60 * MIN {
        if now < t0 + 120 * MIN && (now - t0).is_multiple_of(3 * MIN) {
            for a in &mut apps {
                a.sent_at_ms = now;
            }
        }
        for sdk in schedule.due(now, &apps) {
            let mut end = now;
            for _ in 0..3 {
                end = budget.reserve(end);
                calls.push(end);
            }
            let newest = apps
                .iter()
                .filter(|a| a.sdk_app_id == sdk)
                .map(|a| a.sent_at_ms)
                .max();
            schedule.record(sdk, end, newest.unwrap_or(0), false);
        }
        now += 1_000;
    }
    calls.sort_unstable();
    let mut worst = 0;
    for (i, &t) in calls.iter().enumerate() {
        let in_window = calls[i..].iter().take_while(|&&c| c < t + MIN).count();
        worst = worst.max(in_window);
    }
    assert!(
        calls.len() > 1_000,
        "the day was busy: {} calls",
        calls.len()
    );
    assert!(
        worst <= per_minute as usize,
        "rule: never more than {per_minute} calls in any minute; saw {worst}"
    );
}

#[test]
fn store_times_parse_as_unix_milliseconds() {
    assert_eq!(parse_utc_ms("1970-01-01T00:00:00.000Z"), Some(0));
    assert_eq!(
        parse_utc_ms("2026-12-05T18:04:44.123Z"),
        Some(1_796_493_884_123)
    );
    assert_eq!(parse_utc_ms("garbage"), None);
}

fn unix_ms() -> u64 {
    u64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

/// A notifier behind the watch, as the app's OS notifications are: it collects what was said.
#[derive(Default, Clone)]
struct FakeNotifier(Arc<Mutex<Vec<WatchChange>>>);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_applications_are_seen_approved_without_a_click_on_both_sites() {
    for site in [Site::International, Site::China] {
        let sb = sandbox(SandboxConfig {
            approve_after: Some(Duration::from_secs(2)),
            site,
            ..sandbox_config()
        })
        .await;
        let env = Env::new();
        let outbox = env.outbox();
        let client = client_for(&sb.url(), RateLimiter::default());
        let scope = endpoint_scope(&client);
        let spellings = [
            vec!["020 3800 1101".to_owned(), "+86 20 3800 1102".to_owned()],
            vec!["0086 20 3800 1103".to_owned()],
            vec!["138 0013 8104".to_owned(), "13800138105".to_owned()],
        ];
        for (i, numbers) in spellings.iter().enumerate() {
            let d = draft(outbox.store(), &format!("d{i}"), numbers);
            outbox
                .enqueue_draft(d, &SubmitSettings::default(), &scope)
                .unwrap();
        }
        outbox
            .run(
                &client,
                &Selection::All,
                &SendControl::new(),
                Arc::new(NoProgress),
            )
            .await
            .unwrap();
        let mut watch = Watch::new(
            scope.clone(),
            WatchConfig {
                // Approval comes after 2 s: checks every second stay inside the default budget
                // of 6 calls a minute (a shorter wait would spend the test waiting for it).
                ladder: vec![Duration::from_secs(1)],
                ..WatchConfig::default()
            },
        );
        let notifier = FakeNotifier::default();
        let started = Instant::now();
        let mut approved = Vec::new();
        while approved.len() < 3 {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{site}: not all approved without a click: {approved:?}"
            );
            let pass = watch.pass(&outbox, &client, unix_ms, false).await.unwrap();
            assert!(pass.errors.is_empty(), "{site}: {:?}", pass.errors);
            for c in &pass.changes {
                notifier.0.lock().unwrap().push(c.clone());
                if c.approved_at.is_some() {
                    approved.push(c.application_id);
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        approved.sort_unstable();
        assert_eq!(
            approved,
            [1, 2, 3],
            "{site}: each application approved once"
        );
        let said = notifier.0.lock().unwrap().clone();
        assert!(
            said.iter()
                .filter(|c| c.approved_at.is_some())
                .all(|c| c.live_numbers == c.numbers),
            "{site}: approved means every number live: {said:?}"
        );
        let pass = watch.pass(&outbox, &client, unix_ms, true).await.unwrap();
        assert_eq!(pass.watching, 0, "{site}: nothing left to watch");
        assert!(pass.changes.is_empty(), "{site}: nothing said twice");
    }
}
