//! Where requests go and with what: the connection plan every Tencent (or sandbox) call is
//! built from — endpoint, credentials, proxy, language and the shared rate limiter — and the
//! explicit Sandbox ↔ Tencent switch.

use numdesk_client::{ClientConfig, Credentials, Endpoint, ProxySetting, RateLimiter};
use numdesk_keychain::SecretStore;
use numdesk_sandbox::{SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY};

use crate::client_setup::{client_config, message_language};
use crate::error::keychain_error;
use crate::error_details::ErrorDetails;
use crate::settings::*;
use crate::{ActiveEndpoint, AppContext, ErrorCode, IpcError};

/// Everything a connection test needs, read from the database and the keychain (blocking) so
/// that the network part ([`run_test_connection`](crate::run_test_connection)) can run on an async thread.
#[derive(Debug)]
pub struct ConnectionPlan {
    pub connection: ConnectionKind,
    pub endpoint: ActiveEndpoint,
    pub config: ClientConfig,
    pub credentials: Credentials,
    /// The other Tencent site, tried read-only when this one rejects the key.
    pub other_site: Option<(Site, Endpoint)>,
    pub limiter: RateLimiter,
}

/// What a Tencent call of the active connection needs (endpoint, credentials, proxy, language,
/// the shared limiter), e.g. for the outbox. Blocking (database and keychain).
pub fn active_connection_plan(ctx: &AppContext) -> Result<ConnectionPlan, IpcError> {
    connection_plan(ctx, active_kind(ctx)?)
}

/// `connection_use_sandbox`: from now on requests go to the built-in sandbox.
pub fn connection_use_sandbox(ctx: &AppContext) -> Result<SettingsView, IpcError> {
    ctx.store().set_preference(ACTIVE_KEY, "sandbox")?;
    ctx.set_endpoint(ActiveEndpoint::sandbox(ctx.sandbox().url()));
    settings_get(ctx)
}

/// `connection_use_tencent`: from now on requests go to Tencent with the saved key. Refused
/// (`not_configured`) until a SecretId and SecretKey are saved. Blocking (keychain).
pub fn connection_use_tencent(ctx: &AppContext) -> Result<SettingsView, IpcError> {
    let (endpoint, _) = tencent_credentials(ctx)?;
    ctx.store().set_preference(ACTIVE_KEY, "tencent")?;
    ctx.set_endpoint(endpoint_view(&endpoint));
    settings_get(ctx)
}

pub(crate) fn not_configured(message: &str, field: &str) -> IpcError {
    IpcError::new(ErrorCode::NotConfigured, message).with_details(ErrorDetails::field(field))
}

/// The saved Tencent endpoint and credentials. Blocking (keychain).
pub(crate) fn tencent_credentials(ctx: &AppContext) -> Result<(Endpoint, Credentials), IpcError> {
    let Some(profile) = tencent_profile(ctx)? else {
        return Err(not_configured(
            "set up the Tencent connection first: enter the SecretId and SecretKey and save",
            "secretId",
        ));
    };
    let Some(secret_id) = profile.input.secret_id.clone() else {
        return Err(not_configured("enter the SecretId and save", "secretId"));
    };
    let Some(secret) = ctx
        .secrets()
        .store()
        .load(&account(profile.id))
        .map_err(keychain_error)?
    else {
        let note = if ctx.secrets().kind().is_persistent() {
            "enter the SecretKey and save"
        } else {
            "enter the SecretKey again: without an OS keychain it is kept in memory for one \
             session only"
        };
        return Err(not_configured(note, "secretKey"));
    };
    let (site, url) = site_of(&profile.input.endpoint);
    let endpoint = parse_endpoint(site, url.as_deref())?;
    Ok((endpoint, secret.to_credentials(secret_id)))
}

/// Reads what a connection test of `connection` needs. Blocking (database and keychain): run
/// it off the async threads, then [`run_test_connection`](crate::run_test_connection).
pub fn connection_plan(
    ctx: &AppContext,
    connection: ConnectionKind,
) -> Result<ConnectionPlan, IpcError> {
    let (proxy_mode, proxy_url) = proxy_of(ctx)?;
    let mut proxy = proxy_setting(proxy_mode, proxy_url.as_deref())?;
    if let ProxySetting::Manual(url) = &mut proxy
        && let Some(userinfo) = proxy_userinfo(ctx)?
    {
        let (user, password) = match userinfo.split_once(':') {
            Some((user, password)) => (user, Some(password)),
            None => (userinfo.as_str(), None),
        };
        // A URL with a host (proxy_setting checked) takes both.
        let _ = url.set_username(user);
        let _ = url.set_password(password);
    }
    let language = message_language(crate::preferences_get(ctx)?.language);
    let (endpoint, credentials, other_site) = match connection {
        ConnectionKind::Sandbox => {
            let endpoint =
                ctx.sandbox().url().parse::<Endpoint>().map_err(|err| {
                    IpcError::new(ErrorCode::Internal, format!("sandbox URL: {err}"))
                })?;
            let creds = Credentials::new(SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY);
            (endpoint, creds, None)
        }
        ConnectionKind::Tencent => {
            let (endpoint, creds) = tencent_credentials(ctx)?;
            let other = match endpoint {
                Endpoint::International => Some((Site::China, Endpoint::China)),
                Endpoint::China => Some((Site::International, Endpoint::International)),
                Endpoint::Custom(_) => None,
            };
            (endpoint, creds, other)
        }
    };
    let view = match connection {
        ConnectionKind::Sandbox => ActiveEndpoint::sandbox(ctx.sandbox().url()),
        ConnectionKind::Tencent => endpoint_view(&endpoint),
    };
    let config = client_config(endpoint, proxy, language);
    Ok(ConnectionPlan {
        connection,
        endpoint: view,
        config,
        credentials,
        other_site,
        limiter: ctx.limiter().clone(),
    })
}
