//! The approval watch in the app: while Number Desk is open, a task checks the active
//! connection's waiting applications on the schedule of [`numdesk_outbox::Watch`] and tells the
//! user through a [`WatchNotifier`] (the desktop shell's OS notifications; tests use a fake).
//! Settings: on/off and the longest wait between checks. Network errors are silent: shown in the
//! status line, tried again at the next step.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use numdesk_client::Client;
use numdesk_outbox::{Watch, WatchChange, WatchConfig, WatchPass, endpoint_scope, now_unix_ms};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error_details::ErrorDetails;
use crate::{AppContext, ErrorCode, IpcError, Language};

const ENABLED_KEY: &str = "watch.enabled";
const MAX_INTERVAL_KEY: &str = "watch.max_interval_min";
/// Longest wait offered (a day), in minutes.
pub const MAX_WATCH_INTERVAL_MIN: u32 = 24 * 60;
/// More changes than this in one pass are told in one notification.
pub const BUNDLE_OVER: usize = 3;
/// How often the task wakes to notice new submissions and setting changes (a wake that finds
/// nothing due reads the database only).
const WAKE: Duration = Duration::from_secs(5);

/// The watch's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WatchSettings {
    pub enabled: bool,
    /// The longest wait between two checks of one SdkAppId, in minutes (1 to a day).
    pub max_interval_minutes: u32,
}

/// What the status line shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WatchStatus {
    pub enabled: bool,
    /// Applications watched now.
    pub watching: u32,
    /// UTC times of the last pass and the next one due.
    pub last_checked_at: Option<String>,
    pub next_check_at: Option<String>,
    /// Why the last pass could not read everything (network, key), in words.
    pub last_error: Option<String>,
    /// Applications no longer watched: submitted over 30 days ago and not approved.
    #[ts(type = "Array<number>")]
    pub expired: Vec<i64>,
    /// Changes since the app started, newest last (at most 50).
    pub recent: Vec<WatchChange>,
}

/// One notification: title, body, and the application it opens (none for a bundle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WatchNotice {
    pub title: String,
    pub body: String,
    #[ts(type = "number | null")]
    pub application_id: Option<i64>,
    /// The changes it tells of.
    pub changes: Vec<WatchChange>,
}

/// Where the watch tells the user (the shell: OS notification + a badge on Applications).
pub trait WatchNotifier: Send + Sync {
    fn notify(&self, notice: &WatchNotice);
}

/// The watch's state in the app context.
#[derive(Debug, Default)]
pub struct WatchState {
    status: Mutex<WatchStatus>,
    watch: Mutex<Option<Watch>>,
}

impl WatchState {
    fn status(&self) -> std::sync::MutexGuard<'_, WatchStatus> {
        self.status.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `watch_settings_get`.
pub fn watch_settings_get(ctx: &AppContext) -> Result<WatchSettings, IpcError> {
    let enabled = ctx.store().preference(ENABLED_KEY)?.as_deref() != Some("0");
    let max_interval_minutes = ctx
        .store()
        .preference(MAX_INTERVAL_KEY)?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|m| (1..=MAX_WATCH_INTERVAL_MIN).contains(m))
        .unwrap_or(60);
    Ok(WatchSettings {
        enabled,
        max_interval_minutes,
    })
}

/// `watch_settings_set`: saved; the running watch follows at its next wake.
pub fn watch_settings_set(
    ctx: &AppContext,
    settings: &WatchSettings,
) -> Result<WatchSettings, IpcError> {
    if !(1..=MAX_WATCH_INTERVAL_MIN).contains(&settings.max_interval_minutes) {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            format!(
                "the longest wait must be 1 to {MAX_WATCH_INTERVAL_MIN} minutes, not {}",
                settings.max_interval_minutes
            ),
        )
        .with_details(ErrorDetails::field("maxIntervalMinutes")));
    }
    ctx.store()
        .set_preference(ENABLED_KEY, if settings.enabled { "1" } else { "0" })?;
    ctx.store()
        .set_preference(MAX_INTERVAL_KEY, &settings.max_interval_minutes.to_string())?;
    // A new ladder cap: the next pass starts a fresh schedule.
    *ctx.watch_state()
        .watch
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = None;
    ctx.watch_state().status().enabled = settings.enabled;
    watch_settings_get(ctx)
}

/// Forgets the schedule: the next pass starts a fresh one (settings changed).
pub(crate) fn reset(ctx: &AppContext) {
    *ctx.watch_state()
        .watch
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = None;
}

/// The watch's pace for the active connection: the default ladder, capped by the user's longest
/// wait; in the Sandbox the first check comes just after the rehearsal's review delay (when
/// that is under a minute), so the rehearsal shows the whole life of an application quickly.
fn config_for(ctx: &AppContext, settings: &WatchSettings) -> WatchConfig {
    let mut config = WatchConfig {
        max_interval: Duration::from_secs(u64::from(settings.max_interval_minutes) * 60),
        ..WatchConfig::default()
    };
    if ctx.endpoint().kind == crate::EndpointKind::Sandbox
        && let Some(delay) = ctx.sandbox().approve_after()
        && let Some(first) = config.ladder.first_mut()
    {
        *first = (*first).min(delay + Duration::from_secs(2));
    }
    config
}

/// `watch_status`.
pub fn watch_status(ctx: &AppContext) -> WatchStatus {
    ctx.watch_state().status().clone()
}

/// What `changes` say, in `lang`: one notice per application, or one for all of them when
/// more than [`BUNDLE_OVER`] changed at once.
pub fn notices(changes: &[WatchChange], lang: Language) -> Vec<WatchNotice> {
    let zh = lang == Language::SimplifiedChinese;
    let one = |c: &WatchChange| -> WatchNotice {
        let (title, body) = match (&c.approved_at, zh) {
            (Some(_), false) => (
                format!("Application #{} approved", c.application_id),
                format!(
                    "All {} numbers are live in SdkAppId {}.",
                    c.numbers, c.sdk_app_id
                ),
            ),
            (Some(_), true) => (
                format!("申请 #{} 已通过", c.application_id),
                format!(
                    "全部 {} 个号码已在 SdkAppId {} 中生效。",
                    c.numbers, c.sdk_app_id
                ),
            ),
            (None, false) => (
                format!("Numbers of application #{} are live", c.application_id),
                format!(
                    "{} of {} numbers of application #{} are live.",
                    c.live_numbers, c.numbers, c.application_id
                ),
            ),
            (None, true) => (
                format!("申请 #{} 的号码已生效", c.application_id),
                format!(
                    "申请 #{} 的 {} 个号码中已有 {} 个生效。",
                    c.application_id, c.numbers, c.live_numbers
                ),
            ),
        };
        WatchNotice {
            title,
            body,
            application_id: Some(c.application_id),
            changes: vec![c.clone()],
        }
    };
    if changes.len() <= BUNDLE_OVER {
        return changes.iter().map(one).collect();
    }
    let approved = changes.iter().filter(|c| c.approved_at.is_some()).count();
    let (title, body) = if zh {
        (
            format!("{} 份申请有更新", changes.len()),
            format!("{approved} 份已通过；其余有号码新生效。请打开“申请记录”查看。"),
        )
    } else {
        (
            format!("{} applications changed", changes.len()),
            format!(
                "{approved} approved; the others have numbers newly live. Open Applications \
                 to see them."
            ),
        )
    };
    vec![WatchNotice {
        title,
        body,
        application_id: None,
        changes: changes.to_vec(),
    }]
}

fn utc(ms: u64) -> String {
    let secs = i64::try_from(ms / 1000).unwrap_or(i64::MAX);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60,
        ms % 1000
    )
}

/// One pass of the watch now (what the task does at each step; `all`: every SdkAppId, as
/// "check now") over `plan`, the active connection read off the async threads (it reads the
/// keychain: [`crate::active_connection_plan`] on the blocking pool). Updates the status; tells
/// `notifier` what changed.
pub async fn watch_once(
    ctx: &AppContext,
    plan: crate::ConnectionPlan,
    notifier: &dyn WatchNotifier,
    all: bool,
) -> Result<WatchPass, IpcError> {
    let settings = watch_settings_get(ctx)?;
    let client =
        Client::new(plan.config, plan.limiter, plan.credentials).map_err(crate::client_error)?;
    let scope = endpoint_scope(&client);
    let mut watch = {
        let mut slot = ctx
            .watch_state()
            .watch
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match slot.take() {
            Some(w) if w.scope() == &scope => w,
            _ => Watch::new(scope, config_for(ctx, &settings)),
        }
    };
    let result = watch.pass(ctx.outbox(), &client, now_unix_ms, all).await;
    let waiting = watch.waiting(ctx.outbox()).await.unwrap_or_default();
    let next = watch.schedule().next_due(now_unix_ms(), &waiting);
    *ctx.watch_state()
        .watch
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = Some(watch);
    let pass = result?;
    {
        let mut status = ctx.watch_state().status();
        status.enabled = settings.enabled;
        status.watching = pass.watching;
        status.last_checked_at = Some(utc(now_unix_ms()));
        status.next_check_at = next.map(utc);
        status.last_error = pass.errors.first().cloned();
        status.expired.clone_from(&pass.expired);
        status.recent.extend(pass.changes.iter().cloned());
        let excess = status.recent.len().saturating_sub(50);
        status.recent.drain(..excess);
    }
    if !pass.changes.is_empty() {
        let lang = crate::preferences_get(ctx)?
            .language
            .unwrap_or(Language::English);
        for notice in notices(&pass.changes, lang) {
            notifier.notify(&notice);
        }
    }
    Ok(pass)
}

/// The app's watch task: a pass whenever something is due (checked every 15 s, so a new
/// submission is noticed soon), while the watch is on. Runs until the app exits. `read_plan`
/// reads the active connection (keychain) on the blocking pool.
pub async fn watch_loop<F, Fut>(ctx: &AppContext, notifier: Arc<dyn WatchNotifier>, read_plan: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<crate::ConnectionPlan, IpcError>>,
{
    loop {
        let enabled = watch_settings_get(ctx).map(|s| s.enabled).unwrap_or(true);
        ctx.watch_state().status().enabled = enabled;
        if enabled {
            let pass = match read_plan().await {
                Ok(plan) => watch_once(ctx, plan, notifier.as_ref(), false).await,
                Err(e) => Err(e),
            };
            if let Err(e) = pass {
                tracing::debug!(error = %e.message, "approval watch: pass failed; retried later");
                ctx.watch_state().status().last_error = Some(e.message);
            }
        }
        tokio::time::sleep(WAKE).await;
    }
}

/// What `live_numbers_read` brought in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct LiveNumbersRead {
    #[ts(type = "number")]
    pub sdk_app_id: u64,
    /// Numbers DescribeNumbers listed (bought and own).
    #[ts(type = "number")]
    pub listed: u64,
    /// Own numbers live there that no application from this computer holds.
    pub not_applied_here: u32,
    /// When it was read (UTC).
    pub read_at: Option<String>,
}

/// `live_numbers_read`: "Bring in the numbers already in this contact centre" — reads
/// DescribeNumbers (every page) for `sdk_app_id` on the active connection into the local store,
/// so import flags numbers already live there. Also marks applications' numbers live.
pub async fn live_numbers_read(
    ctx: &AppContext,
    plan: crate::ConnectionPlan,
    sdk_app_id: u64,
) -> Result<LiveNumbersRead, IpcError> {
    let client =
        Client::new(plan.config, plan.limiter, plan.credentials).map_err(crate::client_error)?;
    let scope = endpoint_scope(&client);
    let report = ctx.outbox().reconcile(&client, sdk_app_id).await?;
    let not_applied = ctx
        .store()
        .live_numbers(&scope, Some(sdk_app_id), true)?
        .len();
    Ok(LiveNumbersRead {
        sdk_app_id,
        listed: report.numbers_listed,
        not_applied_here: u32::try_from(not_applied).unwrap_or(u32::MAX),
        read_at: ctx.store().listing_read_at(&scope, sdk_app_id)?,
    })
}

/// `live_numbers_list`: numbers live at the active connection that no application from this
/// computer holds ("live, not applied for from this computer"), with when they were read.
/// Blocking (database).
pub fn live_numbers_list(ctx: &AppContext) -> Result<Vec<numdesk_store::LiveNumber>, IpcError> {
    let scope = crate::submit::active_destination(ctx)?;
    Ok(ctx.store().live_numbers(&scope, None, true)?)
}
