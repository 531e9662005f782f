//! What would be sent: [`submit_prepare`] reads the draft, the settings and the key and signs the
//! first request (blocking), [`submit_preview`] adds the account's application names and turns
//! it into the [`SubmitPreview`] the screen shows. Also the client and the destination of the
//! active connection, which starting and the outbox controls use too.

use std::time::Duration;

use numdesk_client::{Client, DescribeCccBuyInfoListRequest, Endpoint, PreparedRequest};
use numdesk_outbox::{SubmitSettings, scope_of_endpoint};
use numdesk_sandbox::{DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID};
use numdesk_store::{ApplyOptions, DuplicateNumber, EndpointScope};

use super::{PreparedSubmit, SUBMIT_LIST_LIMIT, SubmitInput, SubmitPreview, SubmitState};
use crate::error_details::{ErrorDetails, Missing};
use crate::{
    ActiveEndpoint, AppContext, ConnectionKind, EndpointKind, ErrorCode, IpcError,
    MAX_NUMBERS_PER_APPLICATION, SdkAppSummary,
};

/// How long the preview waits for the account's application names.
const NAMES_TIMEOUT: Duration = Duration::from_secs(8);

fn too_long(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(super) struct Active {
    connection: ConnectionKind,
    endpoint: ActiveEndpoint,
    pub(super) client: Client,
    /// Masked: only to tell accounts apart in the names cache.
    account: String,
}

/// The client of the active connection. Blocking (keychain).
pub(super) fn active_client(ctx: &AppContext) -> Result<Active, IpcError> {
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
            Some(defaults.apply_options())
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
