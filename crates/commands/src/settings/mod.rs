//! Settings: the Tencent connection (site, SecretId; SecretKey and token in the keychain only),
//! defaults for new drafts and the proxy — their types, reading them (`settings_get`), saving
//! them ([`save`]) and the proxy's credentials ([`proxy`]). Where requests go and with what is
//! [`crate::connection`]; "test connection" is [`crate::connection_test`].
//!
//! Secrets never reach the database, a log or an IPC response: the view says only whether a key
//! is saved and where. A manual proxy's `user:password@` goes to the keychain too (account
//! [`PROXY_ACCOUNT`]); the database keeps the proxy URL without it.

mod proxy;
mod save;

pub use proxy::{PROXY_ACCOUNT, ProxyMode};
pub(crate) use proxy::{
    PROXY_MODE_KEY, PROXY_URL_KEY, proxy_of, proxy_setting, proxy_userinfo, save_proxy_userinfo,
    split_userinfo,
};
pub use save::settings_save;

use numdesk_client::Endpoint;
use numdesk_keychain::{FormatWarning, SecretStore, StoreKind};
use numdesk_store::Profile;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::connection::connection_use_sandbox;
use crate::error::keychain_error;
use crate::{ActiveEndpoint, AppContext, ErrorCode, IpcError};

pub(crate) const ACTIVE_KEY: &str = "connection.active";

pub(crate) const PROFILE_KEY: &str = "settings.profile_id";

/// Saved under its first name.
pub(crate) const NUMBERS_PER_APPLICATION_KEY: &str = "settings.batch_size";

/// The name of the one Tencent profile Settings edits.
pub const TENCENT_PROFILE_NAME: &str = "Tencent Cloud";

/// The most numbers per application accepted (per CreateOwnNumberApply).
pub const MAX_NUMBERS_PER_APPLICATION: u32 = 1000;

use crate::error_details::ErrorDetails;
pub use numdesk_model::ConnectionKind;

/// The Tencent site of the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Site {
    /// `ccc.intl.tencentcloudapi.com` (the default).
    International,
    /// `ccc.tencentcloudapi.com`.
    China,
    /// A URL the user entered (https, or http on loopback).
    Custom,
}

impl Site {
    /// Whether `CalleeFormatPassthrough`, `CallerFormatPassthrough` and
    /// `InternationalNumberPrefix` exist on this site (China-site SDK only, per API.md).
    pub fn supports_china_only_fields(self) -> bool {
        !matches!(self, Self::International)
    }
}

/// Defaults for new drafts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ConnectionDefaults {
    pub sdk_app_id: Option<u64>,
    pub sip_trunk_id: Option<i64>,
    pub prefix: Option<String>,
    pub mobile_ndd_prefix: Option<String>,
    pub local_number_trim_ac: Option<bool>,
    /// China site only.
    pub callee_format_passthrough: Option<bool>,
    /// China site only.
    pub caller_format_passthrough: Option<bool>,
    /// China site only.
    pub international_number_prefix: Option<String>,
    /// 0 inbound, 1 outbound, 2 both.
    pub call_type: Option<u8>,
    pub max_call_count: Option<i64>,
    pub max_call_p_sec: Option<i64>,
    /// ISO 3166-1 alpha-2, e.g. `CN`.
    pub country: Option<String>,
    /// Numbers per application, 1 to [`MAX_NUMBERS_PER_APPLICATION`].
    pub numbers_per_application: Option<u32>,
}

impl ConnectionDefaults {
    /// The optional fields of `CreateOwnNumberApply` these defaults set.
    pub fn apply_options(&self) -> numdesk_store::ApplyOptions {
        numdesk_store::ApplyOptions {
            prefix: self.prefix.clone(),
            mobile_ndd_prefix: self.mobile_ndd_prefix.clone(),
            local_number_trim_ac: self.local_number_trim_ac,
            callee_format_passthrough: self.callee_format_passthrough,
            caller_format_passthrough: self.caller_format_passthrough,
            international_number_prefix: self.international_number_prefix.clone(),
        }
    }
}

/// What `settings_save` takes. The SecretKey and token are write-only.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SettingsInput {
    pub site: Site,
    /// Required when `site` is `custom`.
    pub custom_url: Option<String>,
    pub secret_id: String,
    /// A new SecretKey; `null` or empty keeps the saved one.
    pub secret_key: Option<String>,
    /// A new session token; `null` or empty keeps the saved one (unless `clearToken`). Saving a
    /// new SecretKey without a token removes the old token.
    pub token: Option<String>,
    #[serde(default)]
    pub clear_token: bool,
    #[serde(default)]
    pub defaults: ConnectionDefaults,
    #[serde(default)]
    pub proxy_mode: ProxyMode,
    pub proxy_url: Option<String>,
}

/// What Settings shows. Never contains the SecretKey or token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SettingsView {
    /// The connection in use now.
    pub active: ConnectionKind,
    /// Where requests go now (also in `app_info`).
    pub endpoint: ActiveEndpoint,
    pub site: Site,
    pub custom_url: Option<String>,
    pub secret_id: Option<String>,
    /// A SecretKey is stored for the profile.
    pub key_saved: bool,
    /// A session token is stored with it.
    pub token_saved: bool,
    /// Where keys are kept; `sessionOnly` means "kept in memory for this session only".
    pub key_store: StoreKind,
    /// Why the OS keychain is not used, when it is not (English, for support).
    pub key_store_note: Option<String>,
    /// Reading the keychain failed (the key may still be there).
    pub key_error: Option<String>,
    pub defaults: ConnectionDefaults,
    pub proxy_mode: ProxyMode,
    pub proxy_url: Option<String>,
    /// A user name and password for the manual proxy are kept in the keychain (never shown; the
    /// URL above is without them).
    pub proxy_credentials_saved: bool,
}

/// What `settings_save` returns: the new view and format warnings about the pasted values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SaveResult {
    pub settings: SettingsView,
    pub warnings: Vec<FormatWarning>,
}

pub(crate) fn account(profile_id: i64) -> String {
    format!("profile-{profile_id}")
}

pub(crate) fn tencent_profile(ctx: &AppContext) -> Result<Option<Profile>, IpcError> {
    let Some(id) = ctx.store().preference(PROFILE_KEY)? else {
        return Ok(None);
    };
    match id.parse::<i64>() {
        Ok(id) => Ok(ctx.store().profile(id)?),
        Err(_) => Ok(None),
    }
}

pub(crate) fn site_of(endpoint: &str) -> (Site, Option<String>) {
    match endpoint {
        "intl" => (Site::International, None),
        "china" => (Site::China, None),
        url => (Site::Custom, Some(url.to_owned())),
    }
}

pub(crate) fn parse_endpoint(site: Site, custom_url: Option<&str>) -> Result<Endpoint, IpcError> {
    match site {
        Site::International => Ok(Endpoint::International),
        Site::China => Ok(Endpoint::China),
        Site::Custom => {
            let text = custom_url.map(str::trim).unwrap_or_default();
            let invalid = |reason: String| {
                IpcError::new(ErrorCode::InvalidInput, reason)
                    .with_details(ErrorDetails::field("customUrl"))
            };
            if text.is_empty() {
                return Err(invalid(
                    "enter the endpoint URL, e.g. https://ccc.example.com/".into(),
                ));
            }
            match text.parse::<Endpoint>() {
                Ok(endpoint @ Endpoint::Custom(_)) => Ok(endpoint),
                Ok(_) => Err(invalid(
                    "enter a full URL such as https://ccc.example.com/, or choose the \
                     International or China site"
                        .into(),
                )),
                Err(err) => Err(invalid(err.to_string())),
            }
        }
    }
}

pub(crate) fn endpoint_view(endpoint: &Endpoint) -> ActiveEndpoint {
    ActiveEndpoint {
        kind: endpoint.kind(),
        label: endpoint.label(),
        url: endpoint.url().to_string(),
    }
}

pub(crate) fn active_kind(ctx: &AppContext) -> Result<ConnectionKind, IpcError> {
    Ok(match ctx.store().preference(ACTIVE_KEY)?.as_deref() {
        Some("tencent") => ConnectionKind::Tencent,
        _ => ConnectionKind::Sandbox,
    })
}

/// The endpoint to use at start-up: the Tencent profile's site when the user switched to
/// Tencent last time (and a profile exists), the sandbox otherwise.
pub(crate) fn restored_endpoint(ctx: &AppContext) -> Result<ActiveEndpoint, IpcError> {
    let sandbox = ActiveEndpoint::sandbox(ctx.sandbox().url());
    if active_kind(ctx)? != ConnectionKind::Tencent {
        return Ok(sandbox);
    }
    let Some(profile) = tencent_profile(ctx)? else {
        return Ok(sandbox);
    };
    let (site, url) = site_of(&profile.input.endpoint);
    Ok(match parse_endpoint(site, url.as_deref()) {
        Ok(endpoint) => endpoint_view(&endpoint),
        // A stored URL this version rejects: fall back to the sandbox rather than guess.
        Err(_) => sandbox,
    })
}

pub(crate) fn defaults_of(
    profile: Option<&Profile>,
    numbers_per_application: Option<u32>,
) -> ConnectionDefaults {
    let Some(p) = profile.map(|p| &p.input) else {
        return ConnectionDefaults {
            numbers_per_application,
            ..ConnectionDefaults::default()
        };
    };
    ConnectionDefaults {
        sdk_app_id: p.sdk_app_id,
        sip_trunk_id: p.sip_trunk_id,
        prefix: p.options.prefix.clone(),
        mobile_ndd_prefix: p.options.mobile_ndd_prefix.clone(),
        local_number_trim_ac: p.options.local_number_trim_ac,
        callee_format_passthrough: p.options.callee_format_passthrough,
        caller_format_passthrough: p.options.caller_format_passthrough,
        international_number_prefix: p.options.international_number_prefix.clone(),
        call_type: p.call_type,
        max_call_count: p.max_call_count,
        max_call_p_sec: p.max_call_p_sec,
        country: p.country.clone(),
        numbers_per_application,
    }
}

/// `settings_get`. Blocking: reads the keychain to tell whether a key is saved.
pub fn settings_get(ctx: &AppContext) -> Result<SettingsView, IpcError> {
    let profile = tencent_profile(ctx)?;
    let (site, custom_url) = profile
        .as_ref()
        .map(|p| site_of(&p.input.endpoint))
        .unwrap_or((Site::International, None));
    let (mut key_saved, mut token_saved, mut key_error) = (false, false, None);
    if let Some(p) = &profile {
        match ctx.secrets().store().load(&account(p.id)) {
            Ok(Some(secret)) => {
                key_saved = true;
                token_saved = secret.token.is_some();
            }
            Ok(None) => {}
            Err(err) => key_error = Some(err.to_string()),
        }
    }
    let numbers_per_application = ctx
        .store()
        .preference(NUMBERS_PER_APPLICATION_KEY)?
        .and_then(|v| v.parse().ok());
    let (proxy_mode, proxy_url) = proxy_of(ctx)?;
    // A keychain that cannot be read shows no indicator (the key's own error says why).
    let proxy_credentials_saved =
        proxy_mode == ProxyMode::Manual && matches!(proxy_userinfo(ctx), Ok(Some(_)));
    Ok(SettingsView {
        active: active_kind(ctx)?,
        endpoint: ctx.endpoint(),
        site,
        custom_url,
        secret_id: profile.as_ref().and_then(|p| p.input.secret_id.clone()),
        key_saved,
        token_saved,
        key_store: ctx.secrets().kind(),
        key_store_note: ctx.secrets().fallback_reason().map(str::to_owned),
        key_error,
        defaults: defaults_of(profile.as_ref(), numbers_per_application),
        proxy_mode,
        proxy_url,
        proxy_credentials_saved,
    })
}

/// The SdkAppId new drafts go to on the active connection (the sandbox's fixture instance, or
/// the Tencent profile's default), without touching the keychain.
pub(crate) fn default_sdk_app_id(ctx: &AppContext) -> Result<Option<u64>, IpcError> {
    Ok(match active_kind(ctx)? {
        ConnectionKind::Sandbox => Some(numdesk_sandbox::DEFAULT_SDK_APP_ID),
        ConnectionKind::Tencent => tencent_profile(ctx)?.and_then(|p| p.input.sdk_app_id),
    })
}

/// The built-in sandbox rehearses with the personality of the site chosen in Settings: the China
/// site's when China is chosen, else the International one (the seed's endpoint, and the
/// stricter: no CostType, no China-only fields).
pub(crate) fn sync_sandbox_site(ctx: &AppContext) -> Result<(), IpcError> {
    let site = match tencent_profile(ctx)?.map(|p| site_of(&p.input.endpoint).0) {
        Some(Site::China) => numdesk_sandbox::Site::China,
        _ => numdesk_sandbox::Site::International,
    };
    ctx.sandbox().set_site(site);
    Ok(())
}

/// `settings_forget_key`: removes the SecretKey and token from the keychain (the SecretId and
/// defaults stay). If Tencent is the active connection, the app switches back to the sandbox so
/// that it never points at Tencent without a key. Blocking (keychain).
pub fn settings_forget_key(ctx: &AppContext) -> Result<SettingsView, IpcError> {
    if let Some(profile) = tencent_profile(ctx)? {
        ctx.secrets()
            .store()
            .delete(&account(profile.id))
            .map_err(keychain_error)?;
    }
    if active_kind(ctx)? == ConnectionKind::Tencent {
        return connection_use_sandbox(ctx);
    }
    settings_get(ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_china_and_custom_sites_offer_the_china_only_fields() {
        assert!(!Site::International.supports_china_only_fields());
        assert!(Site::China.supports_china_only_fields());
        assert!(Site::Custom.supports_china_only_fields());
    }
}
