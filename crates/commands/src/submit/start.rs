//! Starting a sending: [`claim_submit_start`], [`claim_send_queued`] and [`claim_resend_unknown`]
//! claim the sending slot and check what is to be sent (blocking); [`send_claimed`] then sends
//! it with progress and frees the slot.

use std::sync::Arc;

use numdesk_outbox::{ProgressEvent, ProgressSink, Selection, SendReport, scope_of_endpoint};
use numdesk_store::ApplicationState;

use super::preview::active_client;
use super::slot::{SlotSink, Work};
use super::{ClaimedSend, SendingKind, SubmitInput, SubmitState, submit_prepare};
use crate::error_details::Refusal;
use crate::{AppContext, ErrorCode, IpcError};

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

/// Sends what was claimed; every progress event goes to `forward` (and is kept for
/// [`outbox_status`](super::outbox_status)). Frees the sending slot at the end.
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
