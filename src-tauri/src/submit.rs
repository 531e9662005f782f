//! Submit and the outbox: thin commands over `numdesk_commands::submit`. Database and keychain
//! work runs on the blocking pool; sending runs on the async runtime and reports progress over a
//! `Channel`. One run at a time (the slot lives in the managed `SubmitState`).

use numdesk_commands::{
    self as core, AppContext, ClaimedSend, IpcError, OutboxStatus, ProgressEvent, SandboxApproval,
    SandboxFaults, SendReport, SubmitInput, SubmitPreview, SubmitState,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::blocking::{on_blocking_pool, with_context};

/// Runs `f` with the app's state on the blocking pool.
async fn blocking<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    f: impl FnOnce(&AppContext, &SubmitState) -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    on_blocking_pool(app.clone(), move |app| {
        f(&app.state::<AppContext>(), &app.state::<SubmitState>())
    })
    .await
}

/// Sends what was claimed, forwarding progress to the window (a closed window only loses the
/// progress, never the run).
async fn run<R: Runtime>(
    app: &AppHandle<R>,
    claimed: ClaimedSend,
    on_progress: Channel<ProgressEvent>,
) -> Result<SendReport, IpcError> {
    let ctx = app.state::<AppContext>();
    core::send_claimed(&ctx, claimed, move |event: &ProgressEvent| {
        let _ = on_progress.send(event.clone());
    })
    .await
}

/// What submitting the draft would do, with the exact first request (secrets redacted).
#[tauri::command]
pub async fn submit_preview<R: Runtime>(
    app: AppHandle<R>,
    draft_id: i64,
    settings: SubmitInput,
) -> Result<SubmitPreview, IpcError> {
    let prep = blocking(&app, move |ctx, _| {
        core::submit_prepare(ctx, draft_id, &settings)
    })
    .await?;
    let state = app.state::<SubmitState>();
    Ok(core::submit_preview(&state, prep).await)
}

/// Queues the draft and sends it; resolves when the run ends.
#[tauri::command]
pub async fn submit_start<R: Runtime>(
    app: AppHandle<R>,
    draft_id: i64,
    settings: SubmitInput,
    on_progress: Channel<ProgressEvent>,
) -> Result<SendReport, IpcError> {
    let claimed = blocking(&app, move |ctx, state| {
        core::claim_submit_start(ctx, state, draft_id, &settings)
    })
    .await?;
    run(&app, claimed, on_progress).await
}

/// Sends every queued application of the active destination (after a stop, cancel or crash).
#[tauri::command]
pub async fn outbox_send_queued<R: Runtime>(
    app: AppHandle<R>,
    on_progress: Channel<ProgressEvent>,
) -> Result<SendReport, IpcError> {
    let claimed = blocking(&app, core::claim_send_queued).await?;
    run(&app, claimed, on_progress).await
}

/// Sends unknown application `id` again, after the UI's explicit warning.
#[tauri::command]
pub async fn outbox_resend_unknown<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    on_progress: Channel<ProgressEvent>,
) -> Result<SendReport, IpcError> {
    let claimed = blocking(&app, move |ctx, state| {
        core::claim_resend_unknown(ctx, state, id)
    })
    .await?;
    run(&app, claimed, on_progress).await
}

/// Pauses the sending under way; false when nothing runs.
#[tauri::command]
pub fn outbox_pause(state: State<'_, SubmitState>) -> bool {
    core::outbox_pause(&state)
}

/// Resumes a paused sending; false when nothing runs.
#[tauri::command]
pub fn outbox_resume(state: State<'_, SubmitState>) -> bool {
    core::outbox_resume(&state)
}

/// Cancels the sending under way (the rest stays queued); false when nothing runs.
#[tauri::command]
pub fn outbox_cancel(state: State<'_, SubmitState>) -> bool {
    core::outbox_cancel(&state)
}

/// What runs, what is queued and what is unresolved for the active destination.
#[tauri::command]
pub async fn outbox_status<R: Runtime>(app: AppHandle<R>) -> Result<OutboxStatus, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        let state = app.state::<SubmitState>();
        core::outbox_status(&ctx, &state)
    })
    .await
}

/// The built-in sandbox's "simulate problems" switches.
#[tauri::command]
pub fn sandbox_faults_get(ctx: State<'_, AppContext>) -> SandboxFaults {
    core::sandbox_faults_get(&ctx)
}

/// Sets the built-in sandbox's "simulate problems" switches (until the app closes).
#[tauri::command]
pub fn sandbox_faults_set(
    ctx: State<'_, AppContext>,
    faults: SandboxFaults,
) -> Result<SandboxFaults, IpcError> {
    core::sandbox_faults_set(&ctx, &faults)
}

/// How long the built-in sandbox takes to approve an application.
#[tauri::command]
pub fn sandbox_approval_get(ctx: State<'_, AppContext>) -> SandboxApproval {
    core::sandbox_approval_get(&ctx)
}

/// Sets the built-in sandbox's review delay (saved in the database). Blocking (database).
#[tauri::command]
pub async fn sandbox_approval_set<R: Runtime>(
    app: AppHandle<R>,
    approval: SandboxApproval,
) -> Result<SandboxApproval, IpcError> {
    with_context(app, move |ctx| core::sandbox_approval_set(ctx, &approval)).await
}
