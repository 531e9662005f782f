//! The Overview: the first screen once there is history. Applications of the active
//! connection's scope per shown status, what went live in the last [`LIVE_WINDOW`], and what
//! needs the user — outcomes unknown, refused applications not yet copied to a draft, work
//! queued while nothing sends it (after a stop: a crash, a cancel, a pause reason), and
//! applications waiting longer than [`LONG_REVIEW_WAIT`] for Tencent's review. Its
//! [`Overview::attention`] is the count on the sidebar.

use std::time::Duration;

use numdesk_outbox::now_unix_ms;
use numdesk_store::{ConnectionKind, OverviewGroup, OverviewQuery, StatusTally, StoreOverview};
use serde::Serialize;
use ts_rs::TS;

use crate::{ActiveEndpoint, AppContext, IpcError, SubmitState, active_connection, outbox_status};

/// "Went live this week": numbers first seen live within the last 7 days.
pub const LIVE_WINDOW: Duration = Duration::from_secs(7 * 24 * 3600);

/// An application submitted this long ago and not approved is "waiting long for review".
///
/// Tencent publishes no review time for own numbers; its only sign of approval is the number
/// appearing in DescribeNumbers (spec: "There is no API to read an own-number application
/// back"). The approval watch checks each SdkAppId at least once per the user's longest wait
/// (at most a day) and stops after 30 days (`numdesk_outbox::WATCH_MAX_AGE`). Three days is
/// three checks at the slowest allowed pace that found nothing — long enough that it is no
/// longer "soon", and early enough (a tenth of the watch's life) to ask in the console before
/// the watch gives up.
pub const LONG_REVIEW_WAIT: Duration = Duration::from_secs(3 * 24 * 3600);

/// Applications listed per group (the totals count them all).
pub const OVERVIEW_LIST_LIMIT: u32 = 5;

/// Queued work of the active destination that nothing is sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct StoppedQueue {
    pub applications: u32,
    #[ts(type = "number")]
    pub numbers: u64,
}

/// `overview_get`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    /// The scope shown: the active connection's.
    pub scope: ConnectionKind,
    /// Applications exist (in any scope): the app opens on the Overview, not on Import.
    pub history: bool,
    /// Every shown status, zeros included, in the order of an application's life.
    pub counts: Vec<StatusTally>,
    /// Applications with numbers seen live within [`LIVE_WINDOW`].
    pub went_live: OverviewGroup,
    /// Outcome unknown: the user checks the console and resolves each.
    pub unknown: OverviewGroup,
    /// Refused, numbers not yet copied to a new draft.
    pub failed: OverviewGroup,
    /// Submitted over [`LONG_REVIEW_WAIT`] ago and not approved.
    pub waiting_long: OverviewGroup,
    /// Applications queued for the active destination while no run sends them.
    pub stopped_queue: Option<StoppedQueue>,
    /// A run is sending now (its queue is not "stopped").
    pub running: bool,
    /// Where requests go now (Resume sending shows it on the progress screen).
    pub endpoint: ActiveEndpoint,
    /// Applications that need the user: the sidebar's count.
    pub attention: u32,
    /// [`LONG_REVIEW_WAIT`] in days, for the words.
    pub long_wait_days: u32,
    /// [`LIVE_WINDOW`] in days, for the words.
    pub live_window_days: u32,
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

fn days(d: Duration) -> u32 {
    u32::try_from(d.as_secs() / 86_400).unwrap_or(u32::MAX)
}

/// The Overview as of `now_unix_ms`: [`overview_get`] with the clock as a parameter.
pub fn overview_at(
    ctx: &AppContext,
    state: &SubmitState,
    now_unix_ms: u64,
) -> Result<Overview, IpcError> {
    let scope = active_connection(ctx);
    let StoreOverview {
        history,
        counts,
        went_live,
        unknown,
        failed,
        waiting_long,
    } = ctx.store().overview(&OverviewQuery {
        scope,
        now_unix_ms: i64::try_from(now_unix_ms).unwrap_or(i64::MAX),
        live_window_ms: ms(LIVE_WINDOW),
        long_wait_ms: ms(LONG_REVIEW_WAIT),
        list_limit: OVERVIEW_LIST_LIMIT,
    })?;
    let outbox = outbox_status(ctx, state)?;
    let stopped_queue = (outbox.queued > 0 && !outbox.running).then_some(StoppedQueue {
        applications: outbox.queued,
        numbers: outbox.queued_numbers,
    });
    let attention = unknown.total
        + failed.total
        + waiting_long.total
        + stopped_queue.map_or(0, |q| q.applications);
    Ok(Overview {
        scope,
        history,
        counts,
        went_live,
        unknown,
        failed,
        waiting_long,
        stopped_queue,
        running: outbox.running,
        endpoint: outbox.endpoint,
        attention,
        long_wait_days: days(LONG_REVIEW_WAIT),
        live_window_days: days(LIVE_WINDOW),
    })
}

/// `overview_get`: the Overview now. Blocking (database).
pub fn overview_get(ctx: &AppContext, state: &SubmitState) -> Result<Overview, IpcError> {
    overview_at(ctx, state, now_unix_ms())
}
