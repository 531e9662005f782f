//! Submit: from a draft to applications at Tencent (or the built-in sandbox), through the
//! crash-safe outbox.
//!
//! - [`submit_prepare`] + [`submit_preview`]: what would be sent — numbers, batches, SdkAppId
//!   with its name, SipTrunkId, destination, rows that block, numbers left out as duplicates, and
//!   the exact first request (signed by the client's own signing path, secrets redacted).
//! - [`claim_submit_start`], [`claim_send_queued`], [`claim_resend_unknown`] claim the one
//!   sending slot of the app (a second sending is refused), and [`send_claimed`] sends with
//!   progress.
//! - [`outbox_pause`], [`outbox_resume`], [`outbox_cancel`] steer the sending under way;
//!   [`outbox_status`] is what the interrupted-work banner reads.
//! - [`sandbox_faults_get`] / [`sandbox_faults_set`]: "simulate problems" in the built-in sandbox.
//!
//! Blocking work (database, keychain) and network work are separate functions, so the shell can
//! run the first on the blocking pool and await the second.
//!
//! Over 500 lines: the submit screen's preview, start and outbox controls share one sending slot
//! and one prepared plan; about a fifth is the preview's types.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use numdesk_client::{
    Client, DescribeCccBuyInfoListRequest, Endpoint, PreparedRequest, RequestPreview,
};
use numdesk_import::NumberForm;
use numdesk_outbox::{
    ProgressEvent, ProgressSink, RowProblem, Selection, SendControl, SendPhase, SendReport,
    SubmitSettings, scope_of_endpoint,
};
use numdesk_sandbox::{DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID, Faults};
use numdesk_store::{
    ApplicationFilter, ApplicationState, ApplyOptions, DuplicateNumber, EndpointScope,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error_details::{ErrorDetails, Missing, Refusal};
use crate::{
    ActiveEndpoint, AppContext, ConnectionKind, EndpointKind, ErrorCode, IpcError,
    MAX_NUMBERS_PER_APPLICATION, SdkAppSummary,
};

/// At most this many blocking rows and left-out numbers are listed (the counts are complete).
pub const SUBMIT_LIST_LIMIT: usize = 500;
/// How long the preview waits for the account's application names.
const NAMES_TIMEOUT: Duration = Duration::from_secs(8);

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

/// The built-in sandbox's "simulate problems" switches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SandboxFaults {
    /// Percent (0–100) of created applications whose answer is dropped (the application exists,
    /// the app never hears so: "outcome unknown").
    pub drop_percent: u8,
    /// Percent (0–100) of writes answered `InternalError` without creating anything.
    #[serde(default)]
    pub internal_error_percent: u8,
    /// The next N created applications lose their answer (deterministic; counts down).
    #[serde(default)]
    pub drop_next: u32,
    /// Every answer is delayed by this many milliseconds (at most 10,000).
    #[serde(default)]
    pub delay_ms: u32,
}

// ---------------------------------------------------------------------------------------------
// The sending slot

#[derive(Debug)]
struct Slot {
    id: u64,
    kind: SendingKind,
    control: SendControl,
    running: bool,
    last: Option<ProgressEvent>,
}

#[derive(Debug, Default)]
struct Inner {
    next_id: u64,
    slot: Option<Slot>,
    /// Application names by account and destination, from `DescribeCCCBuyInfoList`.
    names: HashMap<String, Vec<SdkAppSummary>>,
}

/// The app's one sending slot and its pause/cancel handle; the shell `manage()`s one.
#[derive(Debug, Clone, Default)]
pub struct SubmitState {
    inner: Arc<Mutex<Inner>>,
}

impl SubmitState {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes the slot, or refuses while another run goes on.
    fn claim(&self, kind: SendingKind) -> Result<SendingSlot, IpcError> {
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
    state: SubmitState,
    id: u64,
    control: SendControl,
}

impl Drop for SendingSlot {
    fn drop(&mut self) {
        if let Some(slot) = self.state.lock().slot.as_mut().filter(|s| s.id == self.id) {
            slot.running = false;
        }
    }
}

/// Applications claimed for sending, ready for [`send_claimed`].
#[derive(Debug)]
pub struct ClaimedSend {
    guard: SendingSlot,
    client: Client,
    work: Work,
    /// The applications this run will send (for a submit: those just queued).
    pub application_ids: Vec<i64>,
}

#[derive(Debug)]
enum Work {
    Send(Selection),
    Resend(i64),
}

impl ClaimedSend {
    /// Pause/resume/cancel handle of this run.
    pub fn control(&self) -> &SendControl {
        &self.guard.control
    }
}

// ---------------------------------------------------------------------------------------------
// Preview

fn too_long(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

struct Active {
    connection: ConnectionKind,
    endpoint: ActiveEndpoint,
    client: Client,
    /// Masked: only to tell accounts apart in the names cache.
    account: String,
}

/// The client of the active connection. Blocking (keychain).
fn active_client(ctx: &AppContext) -> Result<Active, IpcError> {
    let plan = crate::active_connection_plan(ctx)?;
    let account = numdesk_client::mask_secret_id(&plan.credentials.secret_id);
    let client =
        Client::new(plan.config, plan.limiter, plan.credentials).map_err(crate::client_error)?;
    Ok(Active {
        connection: plan.connection,
        endpoint: plan.endpoint,
        client,
        account,
    })
}

/// The destination (kind and host) requests go to now, without touching the keychain.
pub(crate) fn active_destination(ctx: &AppContext) -> Result<EndpointScope, IpcError> {
    let active = ctx.endpoint();
    let endpoint = match active.kind {
        EndpointKind::International => Endpoint::International,
        EndpointKind::China => Endpoint::China,
        EndpointKind::Sandbox | EndpointKind::Custom => active
            .url
            .parse::<Endpoint>()
            .map_err(crate::client_error)?,
    };
    Ok(scope_of_endpoint(&endpoint))
}

/// Reads the draft, the settings and the key, checks the draft for the active connection and
/// signs its first request (nothing is queued or sent). Blocking: run it off async threads,
/// then [`submit_preview`].
pub fn submit_prepare(
    ctx: &AppContext,
    draft_id: i64,
    input: &SubmitInput,
) -> Result<PreparedSubmit, IpcError> {
    if let Some(b) = input.numbers_per_application
        && !(1..=MAX_NUMBERS_PER_APPLICATION).contains(&b)
    {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            format!("numbers per application must be between 1 and {MAX_NUMBERS_PER_APPLICATION}, not {b}"),
        )
        .with_details(ErrorDetails::field("numbersPerApplication")));
    }
    let draft = ctx.store().draft(draft_id)?.ok_or_else(|| {
        IpcError::new(
            ErrorCode::NotFound,
            format!("draft {draft_id} does not exist"),
        )
        .with_details(ErrorDetails::missing(Missing::Draft, draft_id))
    })?;
    let header = &draft.summary.header;
    let Active {
        connection,
        endpoint,
        client,
        account,
    } = active_client(ctx)?;
    let defaults = crate::settings_get(ctx)?.defaults;
    let (default_app, default_trunk) = match connection {
        ConnectionKind::Sandbox => (Some(DEFAULT_SDK_APP_ID), Some(DEFAULT_SIP_TRUNK_ID)),
        ConnectionKind::Tencent => (defaults.sdk_app_id, defaults.sip_trunk_id),
    };
    // The draft's optional fields, or (for Tencent, when the draft has none) Settings' defaults.
    let options =
        if header.options == ApplyOptions::default() && connection == ConnectionKind::Tencent {
            Some(ApplyOptions {
                prefix: defaults.prefix.clone(),
                mobile_ndd_prefix: defaults.mobile_ndd_prefix.clone(),
                local_number_trim_ac: defaults.local_number_trim_ac,
                callee_format_passthrough: defaults.callee_format_passthrough,
                caller_format_passthrough: defaults.caller_format_passthrough,
                international_number_prefix: defaults.international_number_prefix.clone(),
            })
        } else {
            None
        };
    let settings = SubmitSettings {
        sdk_app_id: input.sdk_app_id.or(header.sdk_app_id).or(default_app),
        sip_trunk_id: input.sip_trunk_id.or(header.sip_trunk_id).or(default_trunk),
        options,
        numbers_per_application: input
            .numbers_per_application
            .or(defaults.numbers_per_application)
            .map(|b| b as usize),
        include_duplicates: input.include_duplicates,
        number_form: input.number_form,
        country: None,
    };
    // The user's choice of form is kept with the draft, so it is the same next time.
    let mut number_form_chosen = header.number_form.is_some();
    if let Some(form) = input.number_form
        && header.number_form != Some(form)
    {
        let mut changed = header.clone();
        changed.number_form = Some(form);
        ctx.store().update_draft_header(draft_id, &changed)?;
        number_form_chosen = true;
    }
    let scope = scope_of_endpoint(&client.config().endpoint);
    let (plan, first) = ctx.outbox().preview(draft_id, &settings, &scope)?;
    let request = first
        .map(|r| client.prepare_create_own_number_apply(&r))
        .transpose()
        .map_err(crate::client_error)?;
    let queued_before = too_long(ctx.store().queued_ids(&scope, None, None)?.len());
    let names_key = format!("{}|{account}", endpoint.url);
    Ok(PreparedSubmit {
        draft_id,
        draft_name: header.name.clone(),
        connection,
        endpoint,
        scope,
        settings,
        plan,
        request,
        client,
        names_key,
        queued_before,
        number_form_chosen,
    })
}

fn first<T: Clone>(items: impl Iterator<Item = T>) -> Vec<T> {
    items.take(SUBMIT_LIST_LIMIT).collect()
}

/// Completes a prepared submit into what the screen shows: asks the destination for the
/// account's application names (`DescribeCCCBuyInfoList`, once per account and destination;
/// a failure only leaves the name out).
pub async fn submit_preview(state: &SubmitState, prep: PreparedSubmit) -> SubmitPreview {
    let cached = state.lock().names.get(&prep.names_key).cloned();
    let (apps, apps_error) = match cached {
        Some(apps) => (apps, None),
        None => {
            let request = DescribeCccBuyInfoListRequest::default();
            let call = prep.client.describe_ccc_buy_info_list(&request);
            match tokio::time::timeout(NAMES_TIMEOUT, call).await {
                Ok(Ok(response)) => {
                    let apps: Vec<SdkAppSummary> = response
                        .sdk_app_id_buy_list
                        .into_iter()
                        .map(|a| SdkAppSummary {
                            sdk_app_id: a.sdk_app_id,
                            name: a.name,
                        })
                        .collect();
                    state
                        .lock()
                        .names
                        .insert(prep.names_key.clone(), apps.clone());
                    (apps, None)
                }
                Ok(Err(err)) => (Vec::new(), Some(crate::client_error(err))),
                Err(_) => (
                    Vec::new(),
                    Some(IpcError::new(
                        ErrorCode::Network,
                        "the list of applications did not arrive in time",
                    )),
                ),
            }
        }
    };
    preview_of(prep, apps, apps_error)
}

fn preview_of(
    prep: PreparedSubmit,
    apps: Vec<SdkAppSummary>,
    apps_error: Option<IpcError>,
) -> SubmitPreview {
    let plan = &prep.plan;
    let sdk_app_name = apps
        .iter()
        .find(|a| a.sdk_app_id == plan.sdk_app_id)
        .and_then(|a| a.name.clone());
    let (taken, repeated): (Vec<&DuplicateNumber>, Vec<&DuplicateNumber>) = plan
        .duplicates
        .iter()
        .partition(|d| d.application_id.is_some());
    SubmitPreview {
        draft_id: prep.draft_id,
        draft_name: prep.draft_name,
        connection: prep.connection,
        endpoint: prep.endpoint,
        scope: prep.scope,
        sdk_app_id: plan.sdk_app_id,
        sdk_app_name,
        apps,
        apps_error,
        sip_trunk_id: plan.sip_trunk_id,
        rows: plan.rows,
        numbers_to_send: plan.numbers_to_send,
        application_count: plan.application_count,
        numbers_per_application: plan.numbers_per_application,
        blocked: first(plan.blocked.iter().cloned()),
        blocked_count: too_long(plan.blocked.len()),
        taken_count: too_long(taken.len()),
        taken: first(taken.into_iter().cloned()),
        repeated_count: too_long(repeated.len()),
        repeated: first(repeated.into_iter().cloned()),
        include_duplicates: prep.settings.include_duplicates,
        can_send: plan.can_send(),
        request: prep.request.as_ref().map(PreparedRequest::redacted),
        queued_before: prep.queued_before,
        number_form: plan.number_form,
        number_form_chosen: prep.number_form_chosen,
        example_number: plan.example_number.clone(),
        confirm_token: plan.fingerprint.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// Runs

/// Claims the sending slot, checks the draft again and queues it (one durable transaction); the
/// returned claim sends exactly the applications queued now. Blocking.
pub fn claim_submit_start(
    ctx: &AppContext,
    state: &SubmitState,
    draft_id: i64,
    input: &SubmitInput,
) -> Result<ClaimedSend, IpcError> {
    let guard = state.claim(SendingKind::Submit { draft_id })?;
    let prep = submit_prepare(ctx, draft_id, input)?;
    if input.confirm_token.as_deref() != Some(prep.plan.fingerprint.as_str()) {
        return Err(preview_changed(draft_id, input.confirm_token.is_none()));
    }
    let queued = ctx
        .outbox()
        .enqueue_draft(draft_id, &prep.settings, &prep.scope)?;
    if queued.application_ids.is_empty() {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            "nothing to send: every number of this draft already belongs to an application \
             (choose \"include them anyway\" to send them again)",
        )
        .with_details(Refusal::NothingToSend { draft_id }));
    }
    Ok(ClaimedSend {
        guard,
        client: prep.client,
        work: Work::Send(Selection::Applications(queued.application_ids.clone())),
        application_ids: queued.application_ids,
    })
}

/// The refusal to start a submission the user did not confirm as it stands now.
fn preview_changed(draft_id: i64, never_shown: bool) -> IpcError {
    let message = if never_shown {
        "nothing was sent: this submission was not confirmed from its summary; look at the \
         summary and confirm it"
    } else {
        "nothing was sent: the draft, the destination, the SdkAppId or the SipTrunkId changed \
         since the summary was shown; look at the new summary and confirm again"
    };
    IpcError::new(ErrorCode::PreviewChanged, message).with_details(if never_shown {
        Refusal::NotConfirmed { draft_id }
    } else {
        Refusal::Changed { draft_id }
    })
}

/// Claims the sending slot for every queued application of the active destination (after a stop,
/// a cancel or a crash). Blocking.
pub fn claim_send_queued(ctx: &AppContext, state: &SubmitState) -> Result<ClaimedSend, IpcError> {
    let guard = state.claim(SendingKind::SendQueued)?;
    let client = active_client(ctx)?.client;
    let scope = scope_of_endpoint(&client.config().endpoint);
    let ids = ctx.store().queued_ids(&scope, None, None)?;
    Ok(ClaimedSend {
        guard,
        client,
        work: Work::Send(Selection::All),
        application_ids: ids,
    })
}

/// Claims the sending slot to send unknown application `id` again — only after the UI warned that
/// this creates a second application if the first reached Tencent. Blocking.
pub fn claim_resend_unknown(
    ctx: &AppContext,
    state: &SubmitState,
    id: i64,
) -> Result<ClaimedSend, IpcError> {
    let guard = state.claim(SendingKind::Resend { application_id: id })?;
    let app = ctx.outbox().application(id)?;
    if app.state != ApplicationState::Unknown {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            format!(
                "application {id} is {}, not \"outcome unknown\"; only unknown applications \
                 can be sent again",
                app.state.as_str()
            ),
        )
        .with_details(Refusal::NotUnknown {
            id,
            state: app.state.as_str().into(),
        }));
    }
    let client = active_client(ctx)?.client;
    Ok(ClaimedSend {
        guard,
        client,
        work: Work::Resend(id),
        application_ids: vec![id],
    })
}

struct SlotSink<F> {
    state: SubmitState,
    id: u64,
    forward: F,
}

impl<F: Fn(&ProgressEvent) + Send + Sync> ProgressSink for SlotSink<F> {
    fn on_progress(&self, event: &ProgressEvent) {
        self.state.record(self.id, event);
        (self.forward)(event);
    }
}

/// Sends what was claimed; every progress event goes to `forward` (and is kept for
/// [`outbox_status`]). Frees the sending slot at the end.
pub async fn send_claimed(
    ctx: &AppContext,
    claimed: ClaimedSend,
    forward: impl Fn(&ProgressEvent) + Send + Sync + 'static,
) -> Result<SendReport, IpcError> {
    let ClaimedSend {
        guard,
        client,
        work,
        ..
    } = claimed;
    let sink: Arc<dyn ProgressSink> = Arc::new(SlotSink {
        state: guard.state.clone(),
        id: guard.id,
        forward,
    });
    let report = match work {
        Work::Send(selection) => {
            ctx.outbox()
                .run(&client, &selection, &guard.control, sink)
                .await
        }
        Work::Resend(id) => {
            ctx.outbox()
                .resend_unknown(&client, id, &guard.control, sink)
                .await
        }
    };
    drop(guard);
    Ok(report?)
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

// ---------------------------------------------------------------------------------------------
// Sandbox faults

fn percent(rate: f64) -> u8 {
    (rate * 100.0).round().clamp(0.0, 100.0) as u8
}

/// The built-in sandbox's fault switches now.
pub fn sandbox_faults_get(ctx: &AppContext) -> SandboxFaults {
    let f = ctx.sandbox().faults();
    SandboxFaults {
        drop_percent: percent(f.drop_after_commit_rate),
        internal_error_percent: percent(f.internal_error_rate),
        drop_next: f.drop_next_after_commit,
        delay_ms: u32::try_from(f.delay.as_millis()).unwrap_or(u32::MAX),
    }
}

/// Sets the built-in sandbox's fault switches (until the app closes). Only the sandbox: nothing
/// here affects Tencent.
pub fn sandbox_faults_set(
    ctx: &AppContext,
    faults: &SandboxFaults,
) -> Result<SandboxFaults, IpcError> {
    let bad = |field: &str, message: String| {
        IpcError::new(ErrorCode::InvalidInput, message).with_details(ErrorDetails::field(field))
    };
    if faults.drop_percent > 100 {
        return Err(bad(
            "dropPercent",
            format!("{} % is not a percentage (0 to 100)", faults.drop_percent),
        ));
    }
    if faults.internal_error_percent > 100 {
        return Err(bad(
            "internalErrorPercent",
            format!(
                "{} % is not a percentage (0 to 100)",
                faults.internal_error_percent
            ),
        ));
    }
    if faults.delay_ms > 10_000 {
        return Err(bad(
            "delayMs",
            format!("a delay of {} ms is more than 10 seconds", faults.delay_ms),
        ));
    }
    let current = ctx.sandbox().faults();
    ctx.sandbox().set_faults(Faults {
        delay: Duration::from_millis(u64::from(faults.delay_ms)),
        internal_error_rate: f64::from(faults.internal_error_percent) / 100.0,
        drop_after_commit_rate: f64::from(faults.drop_percent) / 100.0,
        drop_next_after_commit: faults.drop_next,
        ..current
    });
    Ok(sandbox_faults_get(ctx))
}
