//! Sending queued applications: bounded concurrency under the shared rate limiter, a durable
//! `sending` before each request, progress, pause/cancel, and queue-wide stops.
//!
//! Over 500 lines because run(), SendHooks and send_one share one Ctx, and the crash rule (only a
//! request that may have left stays `sending`) spans all three.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use numdesk_client::{
    AttemptHooks, AttemptLog, AttemptRecord, CallType, Client, CreateOwnNumberApplyRequest,
    ErrorClass, HookFuture, OwnNumberApplyDetailItem,
};
use numdesk_store::{
    ApplicationFilter, ApplicationState, EndpointScope, Outcome, QueuedApplication, Store,
};
use serde::Serialize;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;
use ts_rs::TS;

use crate::classify::{attempt_input, create_outcome};
use crate::progress::{
    ApplicationResult, ControlState, PauseKind, PauseReason, ProgressEvent, ProgressSink,
    SendControl, SendPhase,
};
use crate::{CREATE_ACTION, Outbox, OutboxError, blocking};

/// Which queued applications a run sends (always only those of the client's service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every queued application.
    All,
    /// The queued applications of one draft.
    Draft(i64),
    /// These applications, if queued.
    Applications(Vec<i64>),
}

/// How a sending ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SendOutcome {
    /// Every selected application was sent.
    Finished,
    /// The user cancelled; the rest stays queued.
    Cancelled,
    /// A queue-wide problem stopped sending; the rest stays queued.
    Stopped {
        /// Why.
        reason: PauseReason,
    },
}

/// What a sending did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendReport {
    /// How it ended.
    pub outcome: SendOutcome,
    /// Applications selected.
    pub total: u32,
    /// Accepted by Tencent.
    #[ts(type = "Array<number>")]
    pub submitted: Vec<i64>,
    /// Refused by Tencent.
    #[ts(type = "Array<number>")]
    pub failed: Vec<i64>,
    /// Outcome unknown.
    #[ts(type = "Array<number>")]
    pub unknown: Vec<i64>,
    /// Still queued (not sent, or sent back by a queue-wide problem).
    #[ts(type = "Array<number>")]
    pub queued: Vec<i64>,
    /// Milliseconds from start to end.
    #[ts(type = "number")]
    pub elapsed_ms: u64,
    /// HTTP attempts made.
    pub attempts: u32,
    /// Attempts answered `RequestLimitExceeded`.
    pub rate_limited_attempts: u32,
    /// Applications Tencent accepted whose ApplyId the database could not record (even after
    /// retries): they come back `unknown`, and this is the ApplyId to enter.
    pub unsaved_apply_ids: Vec<UnsavedApplyId>,
}

/// An ApplyId Tencent issued that could not be written to the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnsavedApplyId {
    /// The local application.
    #[ts(type = "number")]
    pub application_id: i64,
    /// Tencent's ApplyId.
    #[ts(type = "number")]
    pub apply_id: u64,
}

/// Counters shared by the run's tasks.
#[derive(Debug, Default)]
struct Tally {
    done: u32,
    done_numbers: u64,
    submitted: Vec<i64>,
    failed: Vec<i64>,
    unknown: Vec<i64>,
    in_flight: u32,
    attempts: u32,
    rate_limited: u32,
    unsaved: Vec<UnsavedApplyId>,
    stop: Option<PauseReason>,
    error: Option<OutboxError>,
    user_paused: bool,
}

struct Ctx {
    store: Arc<Store>,
    client: Client,
    progress: Arc<dyn ProgressSink>,
    tally: Mutex<Tally>,
    started: Instant,
    total: u32,
    total_numbers: u64,
    sizes: HashMap<i64, u32>,
    max_per_window: usize,
}

impl Ctx {
    fn tally(&self) -> MutexGuard<'_, Tally> {
        self.tally.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn event(
        &self,
        t: &Tally,
        phase: SendPhase,
        finished: Option<ApplicationResult>,
    ) -> ProgressEvent {
        let elapsed = self.started.elapsed();
        let remaining = self.total.saturating_sub(t.done);
        let eta_ms = (phase == SendPhase::Running).then(|| {
            // At least the rate limit's pace; once applications finish, the pace seen so far.
            let by_limit = u64::from(remaining).div_ceil(self.max_per_window.max(1) as u64) * 1000;
            if t.done == 0 {
                by_limit
            } else {
                let per_application = elapsed.as_millis() as u64 / u64::from(t.done);
                (per_application * u64::from(remaining)).max(by_limit.saturating_sub(1000))
            }
        });
        ProgressEvent {
            phase,
            total: self.total,
            done: t.done,
            total_numbers: self.total_numbers,
            done_numbers: t.done_numbers,
            submitted: len32(&t.submitted),
            failed: len32(&t.failed),
            unknown: len32(&t.unknown),
            in_flight: t.in_flight,
            elapsed_ms: elapsed.as_millis() as u64,
            eta_ms,
            pause_reason: t.stop.clone(),
            finished,
        }
    }

    fn emit(&self, phase: SendPhase, finished: Option<ApplicationResult>) {
        let event = {
            let t = self.tally();
            self.event(&t, phase, finished)
        };
        self.progress.on_progress(&event);
    }

    fn stopped(&self) -> bool {
        let t = self.tally();
        t.stop.is_some() || t.error.is_some()
    }
}

/// A send task ended; a panic in it stops the run (nothing new is dispatched) and becomes the
/// run's error once every other task has finished. Its application stays as the database has
/// it (`sending` becomes `unknown` at the next start).
fn task_ended(ctx: &Ctx, done: Result<(), tokio::task::JoinError>) {
    if let Err(e) = done {
        tracing::error!("a send task failed: {e}");
        let mut t = ctx.tally();
        if t.error.is_none() {
            t.error = Some(OutboxError::Task(e.to_string()));
        }
    }
}

fn len32<T>(v: &[T]) -> u32 {
    u32::try_from(v.len()).unwrap_or(u32::MAX)
}

impl Outbox {
    /// Sends the queued applications of `selection` that belong to `client`'s service, until
    /// all are sent, the user cancels through `control`, or a queue-wide problem stops the
    /// queue. Every application is committed `sending` (durably) just before its request
    /// leaves, and its answer is committed as soon as it arrives.
    pub async fn run(
        &self,
        client: &Client,
        selection: &Selection,
        control: &SendControl,
        progress: Arc<dyn ProgressSink>,
    ) -> Result<SendReport, OutboxError> {
        let scope = crate::endpoint_scope(client);
        let (draft, only) = match selection {
            Selection::All => (None, None),
            Selection::Draft(d) => (Some(*d), None),
            Selection::Applications(ids) => (None, Some(ids.clone())),
        };
        let queued = {
            let scope = scope.clone();
            blocking(&self.store, move |s| {
                let ids = s.queued_ids(&scope, draft, only.as_deref())?;
                let apps = s.applications(&ApplicationFilter {
                    ids: Some(ids.clone()),
                    ..ApplicationFilter::default()
                })?;
                let sizes: HashMap<i64, u32> =
                    apps.iter().map(|a| (a.id, len32(&a.numbers))).collect();
                Ok((ids, sizes))
            })
            .await?
        };
        let (ids, sizes) = queued;
        self.seed_limiter(client).await?;
        let ctx = Arc::new(Ctx {
            store: Arc::clone(&self.store),
            client: client.clone(),
            progress,
            tally: Mutex::new(Tally::default()),
            started: Instant::now(),
            total: len32(&ids),
            total_numbers: sizes.values().map(|&n| u64::from(n)).sum(),
            sizes,
            max_per_window: client.limiter().limit().max_per_window() as usize,
        });
        ctx.emit(SendPhase::Running, None);

        let semaphore = Arc::new(Semaphore::new(self.config.concurrency));
        let mut rx = control.subscribe();
        let mut tasks = JoinSet::new();
        let mut cancelled = false;
        'dispatch: for id in ids.iter().copied() {
            loop {
                let state = *rx.borrow_and_update();
                if state.cancelled {
                    cancelled = true;
                    break 'dispatch;
                }
                if ctx.stopped() {
                    break 'dispatch;
                }
                if state.paused {
                    let announce = !std::mem::replace(&mut ctx.tally().user_paused, true);
                    if announce {
                        ctx.emit(SendPhase::Paused, None);
                    }
                    // Tasks already started finish; nothing new starts until resumed.
                    let _ = rx.changed().await;
                    continue;
                }
                if std::mem::replace(&mut ctx.tally().user_paused, false) {
                    ctx.emit(SendPhase::Running, None);
                }
                let permit = tokio::select! {
                    p = Arc::clone(&semaphore).acquire_owned() => p,
                    _ = rx.changed() => continue,
                };
                let Ok(permit) = permit else { break 'dispatch };
                if rx.has_changed().unwrap_or(false) {
                    // Paused or cancelled while waiting for a free slot: decide again.
                    drop(permit);
                    continue;
                }
                let ctx = Arc::clone(&ctx);
                let rx = control.subscribe();
                tasks.spawn(async move {
                    send_one(&ctx, id, rx).await;
                    drop(permit);
                });
                break;
            }
            // Reap finished tasks so a panic stops dispatching early. The other tasks are never
            // aborted: each may have a request on the wire whose answer must be recorded.
            while let Some(done) = tasks.try_join_next() {
                task_ended(&ctx, done);
            }
        }
        while let Some(done) = tasks.join_next().await {
            task_ended(&ctx, done);
        }

        let still_queued = {
            let scope: EndpointScope = scope.clone();
            let ids = ids.clone();
            blocking(&self.store, move |s| s.queued_ids(&scope, None, Some(&ids))).await?
        };
        let mut t = std::mem::take(&mut *ctx.tally());
        if let Some(error) = t.error.take() {
            ctx.progress
                .on_progress(&ctx.event(&t, SendPhase::Stopped, None));
            return Err(error);
        }
        let (outcome, phase) = match (&t.stop, cancelled) {
            (Some(reason), _) => (
                SendOutcome::Stopped {
                    reason: reason.clone(),
                },
                SendPhase::Stopped,
            ),
            (None, true) => (SendOutcome::Cancelled, SendPhase::Cancelled),
            (None, false) => (SendOutcome::Finished, SendPhase::Finished),
        };
        ctx.progress.on_progress(&ctx.event(&t, phase, None));
        t.submitted.sort_unstable();
        t.failed.sort_unstable();
        t.unknown.sort_unstable();
        Ok(SendReport {
            outcome,
            total: ctx.total,
            submitted: t.submitted,
            failed: t.failed,
            unknown: t.unknown,
            queued: still_queued,
            elapsed_ms: ctx.started.elapsed().as_millis() as u64,
            attempts: t.attempts,
            rate_limited_attempts: t.rate_limited,
            unsaved_apply_ids: t.unsaved,
        })
    }

    /// Once per outbox (process): the Create attempts stored in the last second (by the process
    /// before this one) occupy their rate-limit slots, so a quick restart does not burst into
    /// `RequestLimitExceeded`.
    async fn seed_limiter(&self, client: &Client) -> Result<(), OutboxError> {
        use std::sync::atomic::Ordering;
        if self.limiter_seeded.swap(true, Ordering::SeqCst) {
            return Ok(());
        }
        let limit = client.limiter().limit();
        let ends = blocking(&self.store, move |s| {
            s.recent_attempt_ends(CREATE_ACTION, limit.max_per_window().saturating_mul(4))
        })
        .await?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        let ages: Vec<Duration> = ends
            .iter()
            .map(|&end| Duration::from_millis(now.saturating_sub(end).max(0) as u64))
            .filter(|age| *age < limit.window())
            .collect();
        if !ages.is_empty() {
            tracing::info!(
                count = ages.len(),
                "rate limiter starts from the stored attempts of the last second"
            );
        }
        client.limiter().note_past(CREATE_ACTION, &ages);
        Ok(())
    }

    /// The user confirmed sending unknown application `id` again, after being warned that it
    /// creates a second application if the first one did reach Tencent. Sends it now.
    pub async fn resend_unknown(
        &self,
        client: &Client,
        id: i64,
        control: &SendControl,
        progress: Arc<dyn ProgressSink>,
    ) -> Result<SendReport, OutboxError> {
        self.same_scope(id, &crate::endpoint_scope(client))?;
        blocking(&self.store, move |s| s.requeue_unknown(id)).await?;
        self.run(
            client,
            &Selection::Applications(vec![id]),
            control,
            progress,
        )
        .await
    }
}

pub(crate) fn request_of(app: &QueuedApplication) -> Result<CreateOwnNumberApplyRequest, String> {
    let details = app
        .details
        .iter()
        .map(|d| {
            let call_type = CallType::from_code(i64::from(d.call_type))
                .ok_or_else(|| format!("CallType {} of {}", d.call_type, d.phone_number))?;
            Ok(OwnNumberApplyDetailItem {
                call_type,
                phone_number: d.phone_number.clone(),
                max_call_count: d.max_call_count,
                max_call_p_sec: d.max_call_p_sec,
                outbound_callee_format: d.outbound_callee_format.clone(),
                carrier_phone_number: d.carrier_phone_number.clone(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let o = &app.options;
    let mut request = CreateOwnNumberApplyRequest::new(app.sdk_app_id, app.sip_trunk_id, details);
    request.prefix = o.prefix.clone();
    request.mobile_ndd_prefix = o.mobile_ndd_prefix.clone();
    request.local_number_trim_ac = o.local_number_trim_ac;
    request.callee_format_passthrough = o.callee_format_passthrough;
    request.caller_format_passthrough = o.caller_format_passthrough;
    request.international_number_prefix = o.international_number_prefix.clone();
    Ok(request)
}

/// The outbox's durable records around each attempt of one application's call: `sending` is
/// claimed only once the attempt holds its rate-limit slot (and the run is neither paused nor
/// stopped), and a definite rejection that will be retried is recorded (back to `queued`, with
/// the attempt) before the backoff. So after a crash only an application whose request may
/// really have reached Tencent is left `sending`, which the next start makes `unknown`.
struct SendHooks {
    ctx: Arc<Ctx>,
    id: i64,
    request: CreateOwnNumberApplyRequest,
    rx: watch::Receiver<ControlState>,
    state: Mutex<HookState>,
}

#[derive(Default)]
struct HookState {
    /// Currently claimed (`sending` committed, the request on the wire or about to be).
    claimed: bool,
    /// Attempts already recorded (before their backoff).
    recorded: usize,
    /// The last attempt was withheld: nothing of it was sent.
    withheld: bool,
    /// A database failure in a hook.
    error: Option<OutboxError>,
}

impl SendHooks {
    fn state(&self) -> MutexGuard<'_, HookState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn withhold(&self) -> bool {
        self.state().withheld = true;
        false
    }
}

impl AttemptHooks for SendHooks {
    fn before_send(&self, _attempt: u32) -> HookFuture<'_, bool> {
        Box::pin(async move {
            let control = *self.rx.borrow();
            // Paused or cancelled: no new request leaves, even one that waited for its slot.
            if control.paused || control.cancelled || self.ctx.stopped() {
                return self.withhold();
            }
            let id = self.id;
            match blocking(&self.ctx.store, move |s| s.claim_for_sending(id)).await {
                Ok(Some(app)) => match request_of(&app) {
                    Ok(now) if now == self.request => {
                        self.state().claimed = true;
                        self.ctx.tally().in_flight += 1;
                        true
                    }
                    // Changed since it was read (or unreadable): put it back, send nothing.
                    _ => {
                        let requeued = Outcome::Requeued {
                            code: None,
                            message: "changed while waiting to be sent".into(),
                            kind: None,
                        };
                        let r = blocking(&self.ctx.store, move |s| {
                            s.record_outcome(id, &requeued, &[])
                        })
                        .await;
                        if let Err(e) = r {
                            self.state().error = Some(e);
                        }
                        self.withhold()
                    }
                },
                Ok(None) => self.withhold(),
                Err(e) => {
                    self.state().error = Some(e);
                    self.withhold()
                }
            }
        })
    }

    fn before_backoff<'a>(&'a self, record: &'a AttemptRecord) -> HookFuture<'a, ()> {
        Box::pin(async move {
            if !std::mem::replace(&mut self.state().claimed, false) {
                return;
            }
            {
                let mut t = self.ctx.tally();
                t.in_flight = t.in_flight.saturating_sub(1);
            }
            let id = self.id;
            let outcome = Outcome::Requeued {
                code: record.error_code.clone(),
                message: record.error_message.clone().unwrap_or_default(),
                kind: record.network_kind,
            };
            let input = attempt_input(record);
            let r = blocking(&self.ctx.store, move |s| {
                s.record_outcome(id, &outcome, std::slice::from_ref(&input))
            })
            .await;
            let mut st = self.state();
            match r {
                Ok(_) => st.recorded += 1,
                Err(e) => st.error = Some(e),
            }
        })
    }
}

/// One application: send it (the hooks claim `sending` once the attempt holds its rate-limit
/// slot, and record a rejection before each backoff), then record the answer.
async fn send_one(ctx: &Arc<Ctx>, id: i64, rx: watch::Receiver<ControlState>) {
    let app = match blocking(&ctx.store, move |s| s.queued_application(id)).await {
        Ok(Some(app)) => app,
        Ok(None) => return,
        Err(e) => {
            storage_failure(ctx, id, e, None);
            return;
        }
    };
    let request = match request_of(&app) {
        Ok(request) => request,
        Err(detail) => {
            // Not sendable as stored: stop the queue; the application stays queued.
            let message = format!("the stored application cannot be sent: {detail}");
            let mut t = ctx.tally();
            if t.stop.is_none() {
                t.stop = Some(PauseReason {
                    kind: PauseKind::Local,
                    code: None,
                    message,
                    application_id: Some(id),
                    clock_offset_secs: None,
                    network_kind: None,
                });
            }
            return;
        }
    };
    let hooks = SendHooks {
        ctx: Arc::clone(ctx),
        id,
        request,
        rx,
        state: Mutex::new(HookState::default()),
    };
    let log = AttemptLog::new();
    let result = ctx
        .client
        .with_observer(log.clone())
        .create_own_number_apply_with(&hooks.request, &hooks)
        .await;
    let attempts = log.records();
    let (claimed, recorded, withheld, hook_error) = {
        let mut st = hooks.state();
        (st.claimed, st.recorded, st.withheld, st.error.take())
    };
    {
        let mut t = ctx.tally();
        t.attempts += len32(&attempts);
        let limited = attempts
            .iter()
            .filter(|a| a.error_class == Some(ErrorClass::RateLimited));
        t.rate_limited += u32::try_from(limited.count()).unwrap_or(u32::MAX);
    }
    if let Some(e) = hook_error {
        if claimed {
            let mut t = ctx.tally();
            t.in_flight = t.in_flight.saturating_sub(1);
        }
        storage_failure(ctx, id, e, None);
        return;
    }
    if withheld {
        // Paused, cancelled or stopped: nothing of the last attempt left; still queued.
        return;
    }
    if !claimed {
        // The client failed before any request could leave (a signing or configuration
        // problem): still queued, and the queue stops with the reason, as for any failure
        // before sending.
        let (_, pause) = create_outcome(&result, id);
        let reason = pause.unwrap_or_else(|| PauseReason {
            kind: PauseKind::Local,
            code: None,
            message: match &result {
                Err(e) => format!("application {id} could not be sent: {e}"),
                Ok(_) => format!("application {id} was answered without being sent"),
            },
            application_id: Some(id),
            clock_offset_secs: None,
            network_kind: None,
        });
        let mut t = ctx.tally();
        if t.stop.is_none() {
            tracing::warn!(kind = ?reason.kind, "outbox queue stopped: {}", reason.message);
            t.stop = Some(reason);
        }
        return;
    }
    let (outcome, mut pause) = create_outcome(&result, id);
    if let Some(reason) = pause.as_mut().filter(|r| r.kind == PauseKind::Clock) {
        // The client measured the offset from the answer's `Date` header.
        reason.clock_offset_secs = Some(ctx.client.clock_offset_secs());
    }
    let inputs: Vec<_> = attempts.iter().skip(recorded).map(attempt_input).collect();
    let recorded = record_answer(ctx, id, &outcome, inputs).await;
    let numbers = ctx.sizes.get(&id).copied().unwrap_or(0);
    let finished = {
        let mut t = ctx.tally();
        t.in_flight = t.in_flight.saturating_sub(1);
        let state = match &recorded {
            Ok(state) => *state,
            Err(_) => ApplicationState::Sending,
        };
        match state {
            ApplicationState::Submitted => t.submitted.push(id),
            ApplicationState::Failed => t.failed.push(id),
            ApplicationState::Unknown => t.unknown.push(id),
            _ => {}
        }
        if matches!(
            state,
            ApplicationState::Submitted | ApplicationState::Failed | ApplicationState::Unknown
        ) {
            t.done += 1;
            t.done_numbers += u64::from(numbers);
        }
        if let Some(reason) = pause
            && t.stop.is_none()
        {
            tracing::warn!(kind = ?reason.kind, "outbox queue stopped: {}", reason.message);
            t.stop = Some(reason);
        }
        let (apply_id, error_code, error_message, error_kind) = match &outcome {
            Outcome::Submitted { apply_id, .. } => (Some(*apply_id), None, None, None),
            Outcome::Failed {
                code,
                message,
                kind,
                ..
            } => (None, Some(code.clone()), Some(message.clone()), *kind),
            Outcome::Unknown {
                code,
                message,
                kind,
                ..
            }
            | Outcome::Requeued {
                code,
                message,
                kind,
            } => (None, code.clone(), Some(message.clone()), *kind),
        };
        ApplicationResult {
            application_id: id,
            state,
            apply_id,
            error_code,
            error_message,
            error_kind,
            numbers,
        }
    };
    if let Err(e) = recorded {
        // The answer is lost to the database: the application stays `sending` and the next
        // start turns it into `unknown`. An ApplyId is kept in the report, the progress event
        // and the log, so the user can enter it.
        let apply_id = finished.apply_id;
        ctx.emit(SendPhase::Running, Some(finished));
        storage_failure(ctx, id, e, apply_id);
        return;
    }
    ctx.emit(SendPhase::Running, Some(finished));
}

/// Tries to record an answer a few times (a locked or briefly failing database), so an ApplyId
/// Tencent issued is not lost to one failed write.
async fn record_answer(
    ctx: &Ctx,
    id: i64,
    outcome: &Outcome,
    inputs: Vec<numdesk_store::AttemptInput>,
) -> Result<ApplicationState, OutboxError> {
    let mut last = None;
    for attempt in 0..RECORD_TRIES {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(100 << attempt)).await;
        }
        let outcome = outcome.clone();
        let inputs = inputs.clone();
        match blocking(&ctx.store, move |s| s.record_outcome(id, &outcome, &inputs)).await {
            Ok(state) => return Ok(state),
            Err(e) => {
                tracing::warn!(
                    application_id = id,
                    attempt = attempt + 1,
                    "recording the answer failed: {e}"
                );
                last = Some(e);
            }
        }
    }
    Err(last.unwrap_or_else(|| OutboxError::Task("no attempt to record".into())))
}

/// Writes of an answer tried before giving up.
const RECORD_TRIES: u32 = 4;

fn storage_failure(ctx: &Ctx, id: i64, e: OutboxError, apply_id: Option<u64>) {
    let mut t = ctx.tally();
    if let Some(apply_id) = apply_id {
        tracing::error!(
            application_id = id,
            apply_id,
            "Tencent accepted application {id} as ApplyId {apply_id}, but the database could \
             not record it: {e}"
        );
        t.unsaved.push(UnsavedApplyId {
            application_id: id,
            apply_id,
        });
    }
    if t.stop.is_none() {
        let message = match apply_id {
            Some(apply_id) => format!(
                "the database failed while recording application {id}: {e}. Tencent accepted \
                 it as ApplyId {apply_id}; enter that ApplyId when it is shown as unknown"
            ),
            None => format!("the database failed while sending application {id}: {e}"),
        };
        t.stop = Some(PauseReason {
            kind: PauseKind::Storage,
            code: None,
            message,
            application_id: Some(id),
            clock_offset_secs: None,
            network_kind: None,
        });
    }
    // With an ApplyId the run ends `Stopped` with a report that lists it; otherwise as an error.
    if apply_id.is_none() && t.error.is_none() {
        t.error = Some(e);
    }
}
