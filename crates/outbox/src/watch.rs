//! The approval watch: while Number Desk is open (or `numdesk watch` runs), submitted
//! applications that are not yet approved are checked with `DescribeNumbers` on a schedule —
//! soon after submission, then backing off (1 min → 5 min → 15 min → hourly, capped by the
//! user's longest interval) — one pass per SdkAppId serving every application of it, within a
//! call budget, silent on network errors (tried again at the next step). Applications older
//! than 30 days are no longer watched.
//!
//! [`Schedule`] and [`Budget`] are pure (time is a parameter, in Unix milliseconds) so the
//! budget and the back-off are tested on a virtual clock; [`Watch::pass`] does the I/O.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::time::Duration;

use numdesk_client::Client;
use numdesk_store::{ApplicationFilter, ApplicationState, ApplicationSummary, EndpointScope};
use serde::Serialize;
use ts_rs::TS;

use crate::{Outbox, OutboxError, ReconcileReport, blocking};

/// How the watch paces itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchConfig {
    /// Waits between two checks of one SdkAppId, in order; the last one repeats. The first is
    /// the wait after a submission.
    pub ladder: Vec<Duration>,
    /// The longest wait between two checks (the user's setting).
    pub max_interval: Duration,
    /// DescribeNumbers calls allowed in any 60-second window, all SdkAppIds together.
    pub calls_per_minute: u32,
    /// Applications submitted longer ago than this are no longer watched.
    pub max_age: Duration,
}

/// The default ladder: 1 minute after submission, then 5, 15, and every hour.
pub const DEFAULT_LADDER: [Duration; 4] = [
    Duration::from_secs(60),
    Duration::from_secs(5 * 60),
    Duration::from_secs(15 * 60),
    Duration::from_secs(60 * 60),
];
/// Applications older than this are not watched any more.
pub const WATCH_MAX_AGE: Duration = Duration::from_secs(30 * 24 * 3600);
/// At most this many DescribeNumbers calls a minute.
pub const WATCH_CALLS_PER_MINUTE: u32 = 6;

impl Default for WatchConfig {
    fn default() -> Self {
        Self {
            ladder: DEFAULT_LADDER.to_vec(),
            max_interval: Duration::from_secs(60 * 60),
            calls_per_minute: WATCH_CALLS_PER_MINUTE,
            max_age: WATCH_MAX_AGE,
        }
    }
}

impl WatchConfig {
    fn step(&self, n: usize) -> u64 {
        let last = self.ladder.len().saturating_sub(1);
        let wait = self
            .ladder
            .get(n.min(last))
            .copied()
            .unwrap_or(Duration::from_secs(60))
            .min(self.max_interval);
        u64::try_from(wait.as_millis()).unwrap_or(u64::MAX)
    }

    fn max_age_ms(&self) -> u64 {
        u64::try_from(self.max_age.as_millis()).unwrap_or(u64::MAX)
    }
}

/// An application the watch looks after: submitted (or unknown), not approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    /// Local id.
    pub id: i64,
    /// Its SdkAppId.
    pub sdk_app_id: u64,
    /// When it was sent (Unix ms).
    pub sent_at_ms: u64,
}

#[derive(Debug, Clone, Default)]
struct SdkState {
    /// When it was last checked (Unix ms).
    last_check: Option<u64>,
    /// Checks in a row that changed nothing (or failed): the step on the ladder.
    quiet: usize,
    /// The newest submission seen at the last check.
    newest_seen: u64,
}

/// When each SdkAppId is due. Pure: time comes in as Unix milliseconds.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    config: WatchConfig,
    sdks: HashMap<u64, SdkState>,
}

impl Schedule {
    /// A schedule with `config`.
    pub fn new(config: WatchConfig) -> Self {
        Self {
            config,
            sdks: HashMap::new(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &WatchConfig {
        &self.config
    }

    /// `waiting` without the applications too old to watch at `now`.
    pub fn watched(&self, now: u64, waiting: &[Waiting]) -> Vec<Waiting> {
        let max_age = self.config.max_age_ms();
        waiting
            .iter()
            .filter(|w| now.saturating_sub(w.sent_at_ms) <= max_age)
            .copied()
            .collect()
    }

    /// When each SdkAppId with watched applications is next due (Unix ms).
    pub fn due_times(&self, now: u64, waiting: &[Waiting]) -> BTreeMap<u64, u64> {
        let mut newest: BTreeMap<u64, u64> = BTreeMap::new();
        for w in self.watched(now, waiting) {
            let n = newest.entry(w.sdk_app_id).or_default();
            *n = (*n).max(w.sent_at_ms);
        }
        newest
            .into_iter()
            .map(|(sdk, newest)| {
                let state = self.sdks.get(&sdk).cloned().unwrap_or_default();
                let after_submission = newest.saturating_add(self.config.step(0));
                let due = match state.last_check {
                    None => after_submission,
                    // A submission since the last check starts the ladder again.
                    Some(_) if newest > state.newest_seen => after_submission,
                    Some(last) => last.saturating_add(self.config.step(state.quiet)),
                };
                (sdk, due)
            })
            .collect()
    }

    /// The SdkAppIds due at `now`, the longest overdue first.
    pub fn due(&self, now: u64, waiting: &[Waiting]) -> Vec<u64> {
        let mut due: Vec<(u64, u64)> = self
            .due_times(now, waiting)
            .into_iter()
            .filter(|(_, at)| *at <= now)
            .map(|(sdk, at)| (at, sdk))
            .collect();
        due.sort_unstable();
        due.into_iter().map(|(_, sdk)| sdk).collect()
    }

    /// The next time anything is due, if anything is watched.
    pub fn next_due(&self, now: u64, waiting: &[Waiting]) -> Option<u64> {
        self.due_times(now, waiting).into_values().min()
    }

    /// Records a check of `sdk` at `now`: a change starts the ladder again, a quiet check or a
    /// failure moves one step further.
    pub fn record(&mut self, sdk: u64, now: u64, newest_submission: u64, changed: bool) {
        let state = self.sdks.entry(sdk).or_default();
        state.last_check = Some(now);
        state.newest_seen = state.newest_seen.max(newest_submission);
        state.quiet = if changed { 0 } else { state.quiet + 1 };
    }
}

/// At most `per_minute` calls in any 60-second window. Pure: time is Unix milliseconds.
#[derive(Debug, Clone)]
pub struct Budget {
    per_minute: usize,
    calls: VecDeque<u64>,
}

impl Budget {
    /// A budget of `per_minute` calls (at least 1).
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute: usize::try_from(per_minute.max(1)).unwrap_or(usize::MAX),
            calls: VecDeque::new(),
        }
    }

    fn forget(&mut self, now: u64) {
        while self.calls.front().is_some_and(|&t| t + 60_000 <= now) {
            self.calls.pop_front();
        }
    }

    /// When the next call may be made (`now` if at once): the earliest time after every call
    /// already taken (or reserved) at which a 60-second window ending there holds fewer than
    /// `per_minute` calls.
    pub fn next_allowed(&mut self, now: u64) -> u64 {
        self.forget(now);
        let last = self.calls.back().copied().unwrap_or(now);
        let mut at = now.max(last);
        if self.calls.len() >= self.per_minute {
            let nth = self.calls[self.calls.len() - self.per_minute];
            at = at.max(nth + 60_000);
        }
        at
    }

    /// Reserves the next call: the time it may be made (`now` or later), recorded as taken.
    pub fn reserve(&mut self, now: u64) -> u64 {
        let at = self.next_allowed(now);
        self.calls.push_back(at);
        at
    }

    /// Takes a call at `now`; `false` (nothing taken) when the budget is spent.
    pub fn take(&mut self, now: u64) -> bool {
        if self.next_allowed(now) > now {
            return false;
        }
        self.calls.push_back(now);
        true
    }
}

/// One application's change, as the watch reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WatchChange {
    /// Local id.
    #[ts(type = "number")]
    pub application_id: i64,
    /// Its SdkAppId.
    #[ts(type = "number")]
    pub sdk_app_id: u64,
    /// Numbers seen live now, and before this pass.
    pub live_numbers: u32,
    pub live_before: u32,
    /// Numbers in the application.
    pub numbers: u32,
    /// When every number was seen live, if now approved.
    pub approved_at: Option<String>,
}

/// What one pass over the due SdkAppIds found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WatchPass {
    /// SdkAppIds read.
    #[ts(type = "Array<number>")]
    pub checked: Vec<u64>,
    /// Applications whose live count or approval changed.
    pub changes: Vec<WatchChange>,
    /// DescribeNumbers calls made.
    pub calls: u32,
    /// Why an SdkAppId could not be read (network, key…), in words; tried again later.
    pub errors: Vec<String>,
    /// Applications watched after the pass.
    pub watching: u32,
    /// Applications no longer watched (submitted over 30 days ago and not approved).
    #[ts(type = "Array<number>")]
    pub expired: Vec<i64>,
}

/// Now, in Unix milliseconds: the clock the watch's schedule is read against.
pub fn now_unix_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// Parses the store's UTC time (`2026-12-05T18:04:44.123Z`) as Unix milliseconds.
pub fn parse_utc_ms(text: &str) -> Option<u64> {
    let (date, time) = text.trim_end_matches('Z').split_once('T')?;
    let mut d = date.split('-').map(str::parse::<i64>);
    let (y, m, day) = (d.next()?.ok()?, d.next()?.ok()?, d.next()?.ok()?);
    let mut t = time.split(':');
    let (hh, mm) = (
        t.next()?.parse::<i64>().ok()?,
        t.next()?.parse::<i64>().ok()?,
    );
    let secs: f64 = t.next()?.parse().ok()?;
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let ms = (days * 86_400 + hh * 3600 + mm * 60) * 1000 + (secs * 1000.0).round() as i64;
    u64::try_from(ms).ok()
}

/// The applications of `scope` the watch looks after: submitted or unknown, not yet approved.
pub fn waiting_of(apps: &[ApplicationSummary]) -> Vec<Waiting> {
    apps.iter()
        .filter(|a| a.approved_at.is_none() && a.apply_id.is_some())
        .filter_map(|a| {
            let sent = a.sent_at.as_deref().unwrap_or(&a.created_at);
            Some(Waiting {
                id: a.id,
                sdk_app_id: a.sdk_app_id,
                sent_at_ms: parse_utc_ms(sent)?,
            })
        })
        .collect()
}

/// The watch of one destination: its schedule and budget, and the pass that does the I/O.
#[derive(Debug, Clone)]
pub struct Watch {
    scope: EndpointScope,
    schedule: Schedule,
    budget: Budget,
}

impl Watch {
    /// A watch of `scope`'s applications.
    pub fn new(scope: EndpointScope, config: WatchConfig) -> Self {
        let budget = Budget::new(config.calls_per_minute);
        Self {
            scope,
            schedule: Schedule::new(config),
            budget,
        }
    }

    /// The destination watched.
    pub fn scope(&self) -> &EndpointScope {
        &self.scope
    }

    /// The schedule (when what is due).
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The applications waiting for approval now (submitted or unknown, with an ApplyId).
    pub async fn waiting(&self, outbox: &Outbox) -> Result<Vec<Waiting>, OutboxError> {
        let filter = ApplicationFilter {
            scope: Some(self.scope.clone()),
            states: vec![ApplicationState::Submitted, ApplicationState::Unknown],
            ..ApplicationFilter::default()
        };
        let apps = blocking(outbox.store(), move |s| s.applications(&filter)).await?;
        Ok(waiting_of(&apps))
    }

    /// Checks every SdkAppId due at `now` (all of them with `all`), within the budget, and
    /// reports what changed. Network and API errors are recorded in the pass, not returned:
    /// that SdkAppId is tried again at its next step.
    pub async fn pass(
        &mut self,
        outbox: &Outbox,
        client: &Client,
        now: impl Fn() -> u64,
        all: bool,
    ) -> Result<WatchPass, OutboxError> {
        let waiting = self.waiting(outbox).await?;
        let start = now();
        let watched = self.schedule.watched(start, &waiting);
        let expired: Vec<i64> = {
            let kept: BTreeSet<i64> = watched.iter().map(|w| w.id).collect();
            waiting
                .iter()
                .map(|w| w.id)
                .filter(|id| !kept.contains(id))
                .collect()
        };
        let due = if all {
            watched
                .iter()
                .map(|w| w.sdk_app_id)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        } else {
            self.schedule.due(start, &waiting)
        };
        let mut pass = WatchPass {
            expired,
            ..WatchPass::default()
        };
        for sdk in due {
            let ids: Vec<i64> = watched
                .iter()
                .filter(|w| w.sdk_app_id == sdk)
                .map(|w| w.id)
                .collect();
            let newest = watched
                .iter()
                .filter(|w| w.sdk_app_id == sdk)
                .map(|w| w.sent_at_ms)
                .max()
                .unwrap_or(0);
            let before = live_counts(outbox, &ids).await?;
            let mut calls = 0u32;
            let budget = &mut self.budget;
            let result = outbox
                .reconcile_paced(client, sdk, || {
                    calls += 1;
                    let t = now();
                    let wait = budget.reserve(t).saturating_sub(t);
                    async move {
                        if wait > 0 {
                            tokio::time::sleep(Duration::from_millis(wait)).await;
                        }
                    }
                })
                .await;
            pass.calls += calls;
            let changed = match result {
                Ok(report) => {
                    pass.checked.push(sdk);
                    let changes = changes_of(outbox, &ids, &before, &report).await?;
                    let any = !changes.is_empty();
                    pass.changes.extend(changes);
                    any
                }
                Err(e) => {
                    pass.errors.push(format!("SdkAppId {sdk}: {e}"));
                    false
                }
            };
            self.schedule.record(sdk, now(), newest, changed);
        }
        pass.watching = u32::try_from(
            self.schedule
                .watched(now(), &self.waiting(outbox).await?)
                .len(),
        )
        .unwrap_or(u32::MAX);
        Ok(pass)
    }
}

/// Live counts of applications `ids` now.
async fn live_counts(outbox: &Outbox, ids: &[i64]) -> Result<HashMap<i64, u32>, OutboxError> {
    let filter = ApplicationFilter {
        ids: Some(ids.to_vec()),
        ..ApplicationFilter::default()
    };
    let apps = blocking(outbox.store(), move |s| s.applications(&filter)).await?;
    Ok(apps.iter().map(|a| (a.id, a.live_numbers)).collect())
}

async fn changes_of(
    outbox: &Outbox,
    ids: &[i64],
    before: &HashMap<i64, u32>,
    report: &ReconcileReport,
) -> Result<Vec<WatchChange>, OutboxError> {
    let filter = ApplicationFilter {
        ids: Some(ids.to_vec()),
        ..ApplicationFilter::default()
    };
    let apps = blocking(outbox.store(), move |s| s.applications(&filter)).await?;
    Ok(apps
        .iter()
        .filter_map(|a| {
            let was = before.get(&a.id).copied().unwrap_or(0);
            let approved_now = report.approved.contains(&a.id);
            (a.live_numbers != was || approved_now).then(|| WatchChange {
                application_id: a.id,
                sdk_app_id: a.sdk_app_id,
                live_numbers: a.live_numbers,
                live_before: was,
                numbers: u32::try_from(a.numbers.len()).unwrap_or(u32::MAX),
                approved_at: if approved_now {
                    a.approved_at.clone()
                } else {
                    None
                },
            })
        })
        .collect())
}
