//! The app's one sending slot: [`SubmitState`] holds it (a second sending is refused while one
//! runs), [`SendingSlot`] frees it when dropped, [`ClaimedSend`] is what a claim hands to
//! sending, and the outbox controls ([`outbox_pause`], [`outbox_resume`], [`outbox_cancel`],
//! [`outbox_status`]) steer and read the sending under way.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use numdesk_client::Client;
use numdesk_outbox::{ProgressEvent, ProgressSink, Selection, SendControl, SendPhase};
use numdesk_store::{ApplicationFilter, ApplicationState, EndpointScope};
use serde::Serialize;
use ts_rs::TS;

use super::active_destination;
use crate::error_details::Refusal;
use crate::{
    ActiveEndpoint, AppContext, ConnectionKind, EndpointKind, ErrorCode, IpcError, SdkAppSummary,
};

/// What the sending under way is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum SendingKind {
    /// Sending a draft just queued.
    Submit {
        #[ts(type = "number")]
        draft_id: i64,
    },
    /// Sending every queued application of the destination.
    SendQueued,
    /// Sending one unknown application again, as the user confirmed.
    Resend {
        #[ts(type = "number")]
        application_id: i64,
    },
}

/// What the interrupted-work banner and a returning submit screen read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct OutboxStatus {
    /// Something is being sent now.
    pub running: bool,
    /// What is being sent.
    pub sending: Option<SendingKind>,
    /// Where the current (or last) run is.
    pub phase: Option<SendPhase>,
    /// The last progress event of the current (or last) run.
    pub progress: Option<ProgressEvent>,
    /// Applications of the active destination waiting to be sent.
    pub queued: u32,
    #[ts(type = "number")]
    pub queued_numbers: u64,
    /// Applications of the active destination whose outcome is unknown.
    pub unknown: u32,
    /// Applications a crash left `sending` (now unknown) that are still unresolved.
    #[ts(type = "Array<number>")]
    pub recovered_at_start: Vec<i64>,
    /// Applications queued for another destination (sent when that one is active again).
    pub queued_elsewhere: u32,
    /// The active destination.
    pub scope: EndpointScope,
    pub connection: ConnectionKind,
    /// Where requests go now (site, custom host or sandbox), as the header shows it.
    pub endpoint: ActiveEndpoint,
}

#[derive(Debug)]
struct Slot {
    id: u64,
    kind: SendingKind,
    control: SendControl,
    running: bool,
    last: Option<ProgressEvent>,
}

#[derive(Debug, Default)]
pub(super) struct Inner {
    next_id: u64,
    slot: Option<Slot>,
    /// Application names by account and destination, from `DescribeCCCBuyInfoList`.
    pub(super) names: HashMap<String, Vec<SdkAppSummary>>,
}

/// The app's one sending slot and its pause/cancel handle; the shell `manage()`s one.
#[derive(Debug, Clone, Default)]
pub struct SubmitState {
    inner: Arc<Mutex<Inner>>,
}

impl SubmitState {
    pub(super) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes the slot, or refuses while another run goes on.
    pub(super) fn claim(&self, kind: SendingKind) -> Result<SendingSlot, IpcError> {
        let mut inner = self.lock();
        if let Some(slot) = inner.slot.as_ref().filter(|s| s.running) {
            let what = match slot.kind {
                SendingKind::Submit { draft_id } => format!("draft {draft_id}"),
                SendingKind::SendQueued => "the queued applications".to_owned(),
                SendingKind::Resend { application_id } => format!("application {application_id}"),
            };
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                format!(
                    "Number Desk is already sending {what}; wait for it to finish, or cancel \
                     it, before starting another submission"
                ),
            )
            .with_details(Refusal::AlreadySending { sending: slot.kind }));
        }
        inner.next_id += 1;
        let id = inner.next_id;
        let control = SendControl::new();
        inner.slot = Some(Slot {
            id,
            kind,
            control: control.clone(),
            running: true,
            last: None,
        });
        Ok(SendingSlot {
            state: self.clone(),
            id,
            control,
        })
    }

    fn record(&self, id: u64, event: &ProgressEvent) {
        if let Some(slot) = self.lock().slot.as_mut().filter(|s| s.id == id) {
            slot.last = Some(event.clone());
        }
    }

    fn control(&self) -> Option<SendControl> {
        self.lock()
            .slot
            .as_ref()
            .filter(|s| s.running)
            .map(|s| s.control.clone())
    }
}

/// Holds the slot while a sending is prepared and under way; frees it when dropped (also on errors).
#[derive(Debug)]
pub struct SendingSlot {
    pub(super) state: SubmitState,
    pub(super) id: u64,
    pub(super) control: SendControl,
}

impl Drop for SendingSlot {
    fn drop(&mut self) {
        if let Some(slot) = self.state.lock().slot.as_mut().filter(|s| s.id == self.id) {
            slot.running = false;
        }
    }
}

/// Applications claimed for sending, ready for [`send_claimed`](super::send_claimed).
#[derive(Debug)]
pub struct ClaimedSend {
    pub(super) guard: SendingSlot,
    pub(super) client: Client,
    pub(super) work: Work,
    /// The applications this run will send (for a submit: those just queued).
    pub application_ids: Vec<i64>,
}

#[derive(Debug)]
pub(super) enum Work {
    Send(Selection),
    Resend(i64),
}

impl ClaimedSend {
    /// Pause/resume/cancel handle of this run.
    pub fn control(&self) -> &SendControl {
        &self.guard.control
    }
}

pub(super) struct SlotSink<F> {
    pub(super) state: SubmitState,
    pub(super) id: u64,
    pub(super) forward: F,
}

impl<F: Fn(&ProgressEvent) + Send + Sync> ProgressSink for SlotSink<F> {
    fn on_progress(&self, event: &ProgressEvent) {
        self.state.record(self.id, event);
        (self.forward)(event);
    }
}

/// Pause the sending under way: calls in flight finish, nothing new starts. Returns whether a run was
/// there to pause.
pub fn outbox_pause(state: &SubmitState) -> bool {
    state.control().map(|c| c.pause()).is_some()
}

/// Resume a paused sending.
pub fn outbox_resume(state: &SubmitState) -> bool {
    state.control().map(|c| c.resume()).is_some()
}

/// Cancel the sending under way: calls in flight finish, the rest stays queued.
pub fn outbox_cancel(state: &SubmitState) -> bool {
    state.control().map(|c| c.cancel()).is_some()
}

/// What is running, queued and unresolved for the active destination. Blocking (database).
pub fn outbox_status(ctx: &AppContext, state: &SubmitState) -> Result<OutboxStatus, IpcError> {
    let scope = active_destination(ctx)?;
    let connection = if ctx.endpoint().kind == EndpointKind::Sandbox {
        ConnectionKind::Sandbox
    } else {
        ConnectionKind::Tencent
    };
    let waiting = ctx.store().applications(&ApplicationFilter {
        states: vec![ApplicationState::Queued, ApplicationState::Unknown],
        ..ApplicationFilter::default()
    })?;
    let (mut queued, mut queued_numbers, mut unknown, mut queued_elsewhere) =
        (0u32, 0u64, 0u32, 0u32);
    let mut still_unknown = Vec::new();
    for app in &waiting {
        let here = scope.contains(app.endpoint.kind, &app.endpoint.host);
        match (app.state, here) {
            (ApplicationState::Queued, true) => {
                queued += 1;
                queued_numbers += app.numbers.len() as u64;
            }
            (ApplicationState::Queued, false) => queued_elsewhere += 1,
            (ApplicationState::Unknown, true) => unknown += 1,
            _ => {}
        }
        if app.state == ApplicationState::Unknown {
            still_unknown.push(app.id);
        }
    }
    let recovered_at_start = ctx
        .outbox()
        .recovered()
        .applications
        .iter()
        .copied()
        .filter(|id| still_unknown.contains(id))
        .collect();
    let inner = state.lock();
    let slot = inner.slot.as_ref();
    Ok(OutboxStatus {
        running: slot.is_some_and(|s| s.running),
        sending: slot.map(|s| s.kind),
        phase: slot.and_then(|s| s.last.as_ref()).map(|e| e.phase),
        progress: slot.and_then(|s| s.last.clone()),
        queued,
        queued_numbers,
        unknown,
        recovered_at_start,
        queued_elsewhere,
        scope,
        connection,
        endpoint: ctx.endpoint(),
    })
}
