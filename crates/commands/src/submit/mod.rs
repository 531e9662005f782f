//! Submit: from a draft to applications at Tencent (or the built-in sandbox), through the
//! crash-safe outbox.
//!
//! - [`submit_prepare`] + [`submit_preview`] (`preview.rs`): what would be sent — numbers,
//!   applications, SdkAppId with its name, SipTrunkId, destination, rows that block, numbers left
//!   out as duplicates, and the exact first request (signed by the client's own signing path,
//!   secrets redacted).
//! - [`claim_submit_start`], [`claim_send_queued`], [`claim_resend_unknown`] (`start.rs`) claim
//!   the one sending slot of the app (a second sending is refused), and [`send_claimed`] sends
//!   with progress.
//! - [`outbox_pause`], [`outbox_resume`], [`outbox_cancel`] (`slot.rs`, with the slot itself,
//!   [`SubmitState`]) steer the sending under way; [`outbox_status`] is what the
//!   interrupted-work banner reads.
//! - [`sandbox_faults_get`] / [`sandbox_faults_set`] (`faults.rs`): "simulate problems" in the
//!   built-in sandbox.
//!
//! Blocking work (database, keychain) and network work are separate functions, so the shell can
//! run the first on the blocking pool and await the second. This file holds what the submit
//! screen sends and reads: [`SubmitInput`], [`SubmitPreview`] and [`PreparedSubmit`].

mod faults;
mod preview;
mod slot;
mod start;

use numdesk_client::{Client, PreparedRequest, RequestPreview};
use numdesk_import::NumberForm;
use numdesk_outbox::{RowProblem, SubmitSettings};
use numdesk_store::{DuplicateNumber, EndpointScope};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ActiveEndpoint, ConnectionKind, IpcError, SdkAppSummary};

pub use faults::{SandboxFaults, sandbox_faults_get, sandbox_faults_set};
pub(crate) use preview::active_destination;
pub use preview::{submit_prepare, submit_preview};
pub use slot::{
    ClaimedSend, OutboxStatus, SendingKind, SendingSlot, SubmitState, outbox_cancel, outbox_pause,
    outbox_resume, outbox_status,
};
pub use start::{claim_resend_unknown, claim_send_queued, claim_submit_start, send_claimed};

/// At most this many blocking rows and left-out numbers are listed (the counts are complete).
pub const SUBMIT_LIST_LIMIT: usize = 500;

/// How to submit a draft; what is left empty comes from the draft, then from Settings' defaults
/// (or, for the sandbox, its demo application).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SubmitInput {
    #[serde(default)]
    pub sdk_app_id: Option<u64>,
    #[serde(default)]
    pub sip_trunk_id: Option<i64>,
    /// Numbers per application, 1 to 1000.
    #[serde(default)]
    pub numbers_per_application: Option<u32>,
    /// Send numbers that earlier applications already hold (the user insisted).
    #[serde(default)]
    pub include_duplicates: bool,
    /// The form every number is sent in; kept with the draft once chosen (default: the
    /// draft's choice, else national as in Tencent's examples).
    #[serde(default)]
    pub number_form: Option<NumberForm>,
    /// The `confirmToken` of the preview the user confirmed. Starting refuses with
    /// `previewChanged` unless it matches what would be sent now (destination, SdkAppId,
    /// SipTrunkId, form, numbers per application and every row of the draft).
    #[serde(default)]
    pub confirm_token: Option<String>,
}

/// What the submit screen shows before anything is sent.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SubmitPreview {
    #[ts(type = "number")]
    pub draft_id: i64,
    pub draft_name: String,
    /// Sandbox or Tencent.
    pub connection: ConnectionKind,
    /// Where requests go: site, custom host or sandbox.
    pub endpoint: ActiveEndpoint,
    /// How applications of this destination are stored (sandbox and real kept apart).
    pub scope: EndpointScope,
    #[ts(type = "number")]
    pub sdk_app_id: u64,
    /// The application's name from `DescribeCCCBuyInfoList`, when known.
    pub sdk_app_name: Option<String>,
    /// The account's applications (for choosing another), when they could be listed.
    pub apps: Vec<SdkAppSummary>,
    /// Why the names could not be listed.
    pub apps_error: Option<IpcError>,
    #[ts(type = "number")]
    pub sip_trunk_id: i64,
    /// Rows in the draft.
    pub rows: u32,
    pub numbers_to_send: u32,
    pub application_count: u32,
    pub numbers_per_application: u32,
    /// Rows that block sending (errors, missing values), first [`SUBMIT_LIST_LIMIT`].
    pub blocked: Vec<RowProblem>,
    pub blocked_count: u32,
    /// Numbers earlier applications hold (same SdkAppId and destination), first
    /// [`SUBMIT_LIST_LIMIT`]; `included` says whether they are sent anyway.
    pub taken: Vec<DuplicateNumber>,
    pub taken_count: u32,
    /// Numbers repeated within the draft (sent once), first [`SUBMIT_LIST_LIMIT`].
    pub repeated: Vec<DuplicateNumber>,
    pub repeated_count: u32,
    pub include_duplicates: bool,
    /// Whether nothing blocks sending and there is something to send.
    pub can_send: bool,
    /// The first application's request as it would leave now, secrets redacted.
    pub request: Option<RequestPreview>,
    /// Applications of this destination already queued (from earlier runs) and not part of
    /// this submission.
    pub queued_before: u32,
    /// The form every number is sent in (shown, and changeable: Tencent publishes no rule).
    pub number_form: NumberForm,
    /// Whether the draft chose the form (else national is offered as Tencent's examples use).
    pub number_form_chosen: bool,
    /// The first number as it will be sent.
    pub example_number: Option<String>,
    /// What confirming this preview binds the start to (see [`SubmitInput::confirm_token`]).
    pub confirm_token: String,
}

/// Everything a preview or a start needs, read from the database and the keychain.
pub struct PreparedSubmit {
    pub draft_id: i64,
    pub draft_name: String,
    pub connection: ConnectionKind,
    pub endpoint: ActiveEndpoint,
    pub scope: EndpointScope,
    pub settings: SubmitSettings,
    pub plan: numdesk_outbox::Plan,
    /// The first request, unredacted (it carries the session token, if any): never shown as is.
    pub request: Option<PreparedRequest>,
    pub client: Client,
    names_key: String,
    queued_before: u32,
    number_form_chosen: bool,
}

impl std::fmt::Debug for PreparedSubmit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedSubmit")
            .field("draft_id", &self.draft_id)
            .field("scope", &self.scope)
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}
