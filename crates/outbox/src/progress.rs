//! Progress events, pause reasons, and the control handle of a run.

use std::sync::Arc;

use numdesk_model::NetworkKind;
use numdesk_store::ApplicationState;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use ts_rs::TS;

/// Where a sending is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SendPhase {
    /// Sending.
    Running,
    /// Paused by the user: calls in flight finish, nothing new starts until resumed.
    Paused,
    /// Every selected application was sent.
    Finished,
    /// Cancelled by the user: calls in flight finished, the rest stays queued.
    Cancelled,
    /// Stopped by a problem that concerns every application (see the reason); the rest stays
    /// queued for a later resume.
    Stopped,
}

/// Why a run stopped sending before the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PauseKind {
    /// `InvalidParameterValue.WaitingApprovalOverflow`: too many applications await review.
    WaitingApprovalOverflow,
    /// Requests could not be sent at all (offline, DNS, proxy, TLS).
    Network,
    /// The key was refused (wrong key, wrong site, pasted whitespace).
    Credentials,
    /// The key lacks the `ccc:CreateOwnNumberApply` permission.
    Permission,
    /// The computer's clock is too far off.
    Clock,
    /// Still rate-limited after every retry.
    RateLimited,
    /// A local problem (settings, signing).
    Local,
    /// An answer could not be saved to the database.
    Storage,
}

/// The reason shown when the queue stops by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PauseReason {
    /// What kind of problem.
    pub kind: PauseKind,
    /// Tencent's error code, if one.
    pub code: Option<String>,
    /// What happened and what to do.
    pub message: String,
    /// The application whose answer stopped the queue.
    #[ts(type = "number | null")]
    pub application_id: Option<i64>,
    /// For [`PauseKind::Clock`]: how far the computer's clock is off, in seconds (positive: it
    /// is behind Tencent's), as the client measured from the server's `Date` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub clock_offset_secs: Option<i64>,
    /// For [`PauseKind::Network`]: which network failure (DNS, a certificate, the proxy, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub network_kind: Option<NetworkKind>,
}

/// How one application (one CreateOwnNumberApply call) ended, in a progress event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationResult {
    /// Local application id.
    #[ts(type = "number")]
    pub application_id: i64,
    /// Its state now (`queued` again when the queue stopped on it).
    pub state: ApplicationState,
    /// Tencent's ApplyId.
    #[ts(type = "number | null")]
    pub apply_id: Option<u64>,
    /// Error code for failed/unknown/requeued.
    pub error_code: Option<String>,
    /// Error message.
    pub error_message: Option<String>,
    /// Which network failure, when one.
    pub error_kind: Option<NetworkKind>,
    /// Numbers in it.
    pub numbers: u32,
}

/// One progress report. Sent when a run starts, after every batch, on pause/resume and at the
/// end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProgressEvent {
    /// Where the run is.
    pub phase: SendPhase,
    /// Applications selected for this run.
    pub total: u32,
    /// Applications finished (submitted, failed or unknown).
    pub done: u32,
    /// Numbers in the selected applications.
    #[ts(type = "number")]
    pub total_numbers: u64,
    /// Numbers in finished applications.
    #[ts(type = "number")]
    pub done_numbers: u64,
    /// Of `done`: accepted by Tencent.
    pub submitted: u32,
    /// Of `done`: refused by Tencent.
    pub failed: u32,
    /// Of `done`: outcome unknown.
    pub unknown: u32,
    /// Calls in flight right now.
    pub in_flight: u32,
    /// Since the run started, milliseconds.
    #[ts(type = "number")]
    pub elapsed_ms: u64,
    /// Estimated time to finish, milliseconds (`None` when not running).
    #[ts(type = "number | null")]
    pub eta_ms: Option<u64>,
    /// Why the queue stopped by itself.
    pub pause_reason: Option<PauseReason>,
    /// The application that just finished, if this event reports one.
    pub finished: Option<ApplicationResult>,
}

/// Receives progress events. The Tauri layer forwards them to a `Channel`; the CLI prints them.
pub trait ProgressSink: Send + Sync {
    /// Called from the run's tasks; keep it quick.
    fn on_progress(&self, event: &ProgressEvent);
}

impl<F: Fn(&ProgressEvent) + Send + Sync> ProgressSink for F {
    fn on_progress(&self, event: &ProgressEvent) {
        self(event);
    }
}

impl ProgressSink for tokio::sync::mpsc::UnboundedSender<ProgressEvent> {
    fn on_progress(&self, event: &ProgressEvent) {
        // A closed receiver means nobody is watching any more; the run goes on.
        let _ = self.send(event.clone());
    }
}

impl ProgressSink for std::sync::mpsc::Sender<ProgressEvent> {
    fn on_progress(&self, event: &ProgressEvent) {
        let _ = self.send(event.clone());
    }
}

/// A sink that ignores every event.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl ProgressSink for NoProgress {
    fn on_progress(&self, _event: &ProgressEvent) {}
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ControlState {
    pub paused: bool,
    pub cancelled: bool,
}

/// Pause, resume and cancel a run from another task or thread. Cheap to clone; one per run.
#[derive(Debug, Clone)]
pub struct SendControl {
    tx: Arc<watch::Sender<ControlState>>,
}

impl Default for SendControl {
    fn default() -> Self {
        Self::new()
    }
}

impl SendControl {
    /// A control in the running state.
    pub fn new() -> Self {
        Self {
            tx: Arc::new(watch::Sender::new(ControlState::default())),
        }
    }

    /// Start no new call until [`resume`](Self::resume); calls in flight finish.
    pub fn pause(&self) {
        self.tx.send_modify(|s| s.paused = true);
    }

    /// Continue after [`pause`](Self::pause).
    pub fn resume(&self) {
        self.tx.send_modify(|s| s.paused = false);
    }

    /// Stop: calls in flight finish, everything not yet sent stays queued, the run returns.
    pub fn cancel(&self) {
        self.tx.send_modify(|s| s.cancelled = true);
    }

    /// Whether paused.
    pub fn is_paused(&self) -> bool {
        self.tx.borrow().paused
    }

    /// Whether cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.tx.borrow().cancelled
    }

    pub(crate) fn subscribe(&self) -> watch::Receiver<ControlState> {
        self.tx.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The UI reads these events through the Tauri layer: the JSON shape is pinned here.
    #[test]
    fn progress_event_json_is_pinned() {
        let event = ProgressEvent {
            phase: SendPhase::Stopped,
            total: 3,
            done: 1,
            total_numbers: 250,
            done_numbers: 100,
            submitted: 1,
            failed: 0,
            unknown: 0,
            in_flight: 0,
            elapsed_ms: 1500,
            eta_ms: None,
            pause_reason: Some(PauseReason {
                kind: PauseKind::WaitingApprovalOverflow,
                code: Some("InvalidParameterValue.WaitingApprovalOverflow".into()),
                message: "m".into(),
                application_id: Some(2),
                clock_offset_secs: None,
                network_kind: None,
            }),
            finished: Some(ApplicationResult {
                application_id: 2,
                state: ApplicationState::Queued,
                apply_id: None,
                error_code: None,
                error_message: None,
                error_kind: None,
                numbers: 100,
            }),
        };
        let json = serde_json::to_string(&event).unwrap();
        assert_eq!(
            json,
            r#"{"phase":"stopped","total":3,"done":1,"totalNumbers":250,"doneNumbers":100,"submitted":1,"failed":0,"unknown":0,"inFlight":0,"elapsedMs":1500,"etaMs":null,"pauseReason":{"kind":"waiting_approval_overflow","code":"InvalidParameterValue.WaitingApprovalOverflow","message":"m","applicationId":2},"finished":{"applicationId":2,"state":"queued","applyId":null,"errorCode":null,"errorMessage":null,"errorKind":null,"numbers":100}}"#
        );
    }

    #[test]
    fn control_pause_resume_cancel() {
        let c = SendControl::new();
        assert!(!c.is_paused() && !c.is_cancelled());
        c.pause();
        assert!(c.clone().is_paused(), "clones share the state");
        c.resume();
        assert!(!c.is_paused());
        c.cancel();
        assert!(c.is_cancelled());
    }
}
