//! Settings: the Tencent connection (site, SecretId; SecretKey and token in the keychain only),
//! defaults for new drafts, the proxy, the explicit Sandbox ↔ Tencent switch, and "test
//! connection" (`DescribeCCCBuyInfoList`).
//!
//! Secrets never reach the database, a log or an IPC response: the view says only whether a key
//! is saved and where. A manual proxy's `user:password@` goes to the keychain too (account
//! [`PROXY_ACCOUNT`]); the database keeps the proxy URL without it.

use numdesk_client::{
    Client, ClientConfig, ClientError, Credentials, DescribeCccBuyInfoListRequest, Endpoint,
    ErrorClass, NetworkErrorKind, ProxySetting, RateLimiter,
};
use numdesk_keychain::{
    FormatWarning, KeychainError, SecretStore, StoreKind, StoredSecret, normalize_secret_id,
    normalize_secret_key, normalize_token,
};
use numdesk_sandbox::{SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY};
use numdesk_store::{ApplyOptions, Profile, ProfileInput};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::{ActiveEndpoint, AppContext, EndpointKind, ErrorCode, IpcError, Language};

const ACTIVE_KEY: &str = "connection.active";
const PROFILE_KEY: &str = "settings.profile_id";
const BATCH_KEY: &str = "settings.batch_size";
const PROXY_MODE_KEY: &str = "settings.proxy_mode";
const PROXY_URL_KEY: &str = "settings.proxy_url";
/// The keychain account of the manual proxy's credentials (`user:password`, as written in the
/// URL, percent-encoded).
pub const PROXY_ACCOUNT: &str = "proxy";
/// The name of the one Tencent profile Settings edits.
pub const TENCENT_PROFILE_NAME: &str = "Tencent Cloud";
/// Largest batch size accepted (numbers per CreateOwnNumberApply).
pub const MAX_BATCH_SIZE: u32 = 1000;

/// Which connection requests go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionKind {
    /// The built-in local sandbox: nothing is sent to Tencent.
    Sandbox,
    /// Tencent Cloud with the saved key.
    Tencent,
}

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

/// How to reach the internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProxyMode {
    /// The system's proxy settings.
    #[default]
    System,
    /// Direct connection.
    None,
    /// `proxyUrl`.
    Manual,
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
    /// Numbers per application, 1 to [`MAX_BATCH_SIZE`].
    pub batch_size: Option<u32>,
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

/// One CCC application of the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SdkAppSummary {
    pub sdk_app_id: u64,
    pub name: Option<String>,
}

/// A successful "test connection".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct TestConnectionResult {
    pub connection: ConnectionKind,
    pub endpoint: ActiveEndpoint,
    pub apps: Vec<SdkAppSummary>,
    pub request_id: String,
    /// Seconds the server's clock is ahead of this computer's (negative: behind it), when
    /// Tencent first refused the call as expired (`AuthFailure.SignatureExpire`) and the client
    /// corrected for it from the `Date` header: the key works, but the clock should be synced.
    /// `None` when no correction was needed.
    #[ts(type = "number | null")]
    pub clock_offset_seconds: Option<i64>,
}

/// Everything a connection test needs, read from the database and the keychain (blocking) so
/// that the network part ([`run_test_connection`]) can run on an async thread.
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

// ---------------------------------------------------------------------------------------------
// Reading

fn account(profile_id: i64) -> String {
    format!("profile-{profile_id}")
}

fn tencent_profile(ctx: &AppContext) -> Result<Option<Profile>, IpcError> {
    let Some(id) = ctx.store().preference(PROFILE_KEY)? else {
        return Ok(None);
    };
    match id.parse::<i64>() {
        Ok(id) => Ok(ctx.store().profile(id)?),
        Err(_) => Ok(None),
    }
}

fn site_of(endpoint: &str) -> (Site, Option<String>) {
    match endpoint {
        "intl" => (Site::International, None),
        "china" => (Site::China, None),
        url => (Site::Custom, Some(url.to_owned())),
    }
}

fn parse_endpoint(site: Site, custom_url: Option<&str>) -> Result<Endpoint, IpcError> {
    match site {
        Site::International => Ok(Endpoint::International),
        Site::China => Ok(Endpoint::China),
        Site::Custom => {
            let text = custom_url.map(str::trim).unwrap_or_default();
            let invalid = |reason: String| {
                IpcError::new(ErrorCode::InvalidInput, reason)
                    .with_details(json!({ "field": "customUrl" }))
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

fn endpoint_view(endpoint: &Endpoint) -> ActiveEndpoint {
    let kind = match endpoint {
        Endpoint::International => EndpointKind::International,
        Endpoint::China => EndpointKind::China,
        Endpoint::Custom(_) => EndpointKind::Custom,
    };
    ActiveEndpoint {
        kind,
        label: endpoint.label(),
        url: endpoint.url().to_string(),
    }
}

fn active_kind(ctx: &AppContext) -> Result<ConnectionKind, IpcError> {
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

/// The proxy mode and URL as saved (the URL without credentials). A URL saved with credentials
/// by an older version is split here: its credentials move to the keychain. Blocking (keychain,
/// only then).
fn proxy_of(ctx: &AppContext) -> Result<(ProxyMode, Option<String>), IpcError> {
    let mode = match ctx.store().preference(PROXY_MODE_KEY)?.as_deref() {
        Some("none") => ProxyMode::None,
        Some("manual") => ProxyMode::Manual,
        _ => ProxyMode::System,
    };
    let url = ctx.store().preference(PROXY_URL_KEY)?;
    if let Some(text) = &url
        && let (bare, Some(userinfo)) = split_userinfo(text)
    {
        save_proxy_userinfo(ctx, &userinfo)?;
        ctx.store().set_preference(PROXY_URL_KEY, &bare)?;
        return Ok((mode, Some(bare)));
    }
    Ok((mode, url))
}

/// `text` without the `user:password@` of a URL, and that userinfo (percent-encoded, as written)
/// when there was one. Text that is not a URL loses everything between `://` and the last `@`.
fn split_userinfo(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    if let Ok(mut url) = url::Url::parse(text)
        && url.has_host()
    {
        let user = url.username().to_owned();
        let password = url.password().map(str::to_owned);
        if user.is_empty() && password.is_none() {
            return (text.to_owned(), None);
        }
        // Both succeed on a URL with a host.
        let _ = url.set_username("");
        let _ = url.set_password(None);
        let userinfo = match password {
            Some(p) => format!("{user}:{p}"),
            None => user,
        };
        return (url.to_string(), Some(userinfo));
    }
    match (text.find("://"), text.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => (
            format!("{}{}", &text[..scheme_end + 3], &text[at + 1..]),
            Some(text[scheme_end + 3..at].to_owned()),
        ),
        _ => (text.to_owned(), None),
    }
}

fn save_proxy_userinfo(ctx: &AppContext, userinfo: &str) -> Result<(), IpcError> {
    register_proxy_password(userinfo);
    ctx.secrets()
        .store()
        .save(PROXY_ACCOUNT, &StoredSecret::new(userinfo.to_owned()))
        .map_err(|err| match err {
            KeychainError::EmptyCredential { .. }
            | KeychainError::WhitespaceInCredential { .. }
            | KeychainError::InvalidCharInCredential { .. }
            | KeychainError::QuotedCredential { .. } => IpcError::new(
                ErrorCode::Proxy,
                "the proxy user name or password cannot be saved: use letters, digits and \
                 percent-encoding (%40 for @) only",
            )
            .with_details(json!({ "field": "proxyUrl" })),
            other => keychain_error(other),
        })
}

/// The proxy credentials saved in the keychain, if any. Blocking (keychain).
fn proxy_userinfo(ctx: &AppContext) -> Result<Option<String>, IpcError> {
    let saved = ctx
        .secrets()
        .store()
        .load(PROXY_ACCOUNT)
        .map_err(keychain_error)?
        .map(|s| s.secret_key.expose_secret().to_owned());
    if let Some(userinfo) = &saved {
        register_proxy_password(userinfo);
    }
    Ok(saved)
}

/// The log redactor learns the password alone, as written and decoded (the keychain store
/// registers the whole `user:password`).
fn register_proxy_password(userinfo: &str) {
    if let Some((_, password)) = userinfo.split_once(':') {
        let redactor = numdesk_support::Redactor::global();
        redactor.register(password);
        if let Ok(decoded) = percent_decode(password) {
            redactor.register(&decoded);
        }
    }
}

/// `%XX` escapes decoded (the rest as it is).
fn percent_decode(text: &str) -> Result<String, std::string::FromUtf8Error> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out)
}

fn proxy_setting(mode: ProxyMode, url: Option<&str>) -> Result<ProxySetting, IpcError> {
    match mode {
        ProxyMode::System => Ok(ProxySetting::System),
        ProxyMode::None => Ok(ProxySetting::None),
        ProxyMode::Manual => {
            let text = url.map(str::trim).unwrap_or_default();
            if text.is_empty() {
                return Err(IpcError::new(
                    ErrorCode::Proxy,
                    "enter the proxy URL, e.g. http://proxy.example.com:8080",
                )
                .with_details(json!({ "field": "proxyUrl" })));
            }
            ProxySetting::manual(text).map_err(|err| {
                IpcError::new(ErrorCode::Proxy, err.to_string())
                    .with_details(json!({ "field": "proxyUrl" }))
            })
        }
    }
}

fn defaults_of(profile: Option<&Profile>, batch_size: Option<u32>) -> ConnectionDefaults {
    let Some(p) = profile.map(|p| &p.input) else {
        return ConnectionDefaults {
            batch_size,
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
        batch_size,
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
    let batch_size = ctx
        .store()
        .preference(BATCH_KEY)?
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
        defaults: defaults_of(profile.as_ref(), batch_size),
        proxy_mode,
        proxy_url,
        proxy_credentials_saved,
    })
}

// ---------------------------------------------------------------------------------------------
// Saving

fn invalid(field: &str, message: impl Into<String>) -> IpcError {
    IpcError::new(ErrorCode::InvalidInput, message).with_details(json!({ "field": field }))
}

/// A pasted credential that cannot be used: code `invalid_credentials`, the field and the
/// keychain crate's problem code in `details`; the message never quotes the value.
fn credential_error(err: KeychainError) -> IpcError {
    let field = match err.field() {
        Some(numdesk_keychain::CredentialField::SecretId) => "secretId",
        Some(numdesk_keychain::CredentialField::SecretKey) => "secretKey",
        Some(numdesk_keychain::CredentialField::Token) => "token",
        None => return keychain_error(err),
    };
    IpcError::new(ErrorCode::InvalidCredentials, err.to_string())
        .with_details(json!({ "field": field, "problem": err.code() }))
}

fn keychain_error(err: KeychainError) -> IpcError {
    IpcError::new(ErrorCode::Keychain, err.to_string())
        .with_details(json!({ "problem": err.code() }))
}

fn text_field(
    field: &str,
    value: Option<&String>,
    allowed: fn(char) -> bool,
) -> Result<Option<String>, IpcError> {
    let Some(value) = value.map(|v| v.trim()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.chars().count() > 32 {
        return Err(invalid(
            field,
            format!("{field} is longer than 32 characters"),
        ));
    }
    if let Some(c) = value.chars().find(|c| !allowed(*c)) {
        return Err(invalid(
            field,
            format!("{field} may contain only digits (and + * #); found {c:?}"),
        ));
    }
    Ok(Some(value.to_owned()))
}

fn dial_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '+' | '*' | '#')
}

fn check_defaults(site: Site, d: &ConnectionDefaults) -> Result<ConnectionDefaults, IpcError> {
    if !site.supports_china_only_fields() {
        for (field, set) in [
            (
                "calleeFormatPassthrough",
                d.callee_format_passthrough.is_some(),
            ),
            (
                "callerFormatPassthrough",
                d.caller_format_passthrough.is_some(),
            ),
            (
                "internationalNumberPrefix",
                d.international_number_prefix
                    .as_deref()
                    .is_some_and(|v| !v.trim().is_empty()),
            ),
        ] {
            if set {
                return Err(invalid(
                    field,
                    format!(
                        "{field} exists only on the China site; clear it or choose the China site"
                    ),
                ));
            }
        }
    }
    if d.sdk_app_id == Some(0) {
        return Err(invalid("sdkAppId", "SdkAppId must be a positive number"));
    }
    if d.sip_trunk_id.is_some_and(|v| v < 1) {
        return Err(invalid(
            "sipTrunkId",
            "SipTrunkId must be a positive number",
        ));
    }
    if d.call_type.is_some_and(|c| c > 2) {
        return Err(invalid(
            "callType",
            "CallType must be 0 (inbound), 1 (outbound) or 2 (inbound and outbound)",
        ));
    }
    if d.max_call_count.is_some_and(|n| n < 1) {
        return Err(invalid("maxCallCount", "MaxCallCount must be at least 1"));
    }
    if d.max_call_p_sec.is_some_and(|n| n < 1) {
        return Err(invalid("maxCallPSec", "MaxCallPSec must be at least 1"));
    }
    if d.batch_size.is_some_and(|n| n == 0 || n > MAX_BATCH_SIZE) {
        return Err(invalid(
            "batchSize",
            format!("the batch size must be between 1 and {MAX_BATCH_SIZE} numbers"),
        ));
    }
    let country = match d
        .country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        None => None,
        Some(c) if c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic()) => {
            Some(c.to_ascii_uppercase())
        }
        Some(_) => {
            return Err(invalid(
                "country",
                "the country must be a two-letter ISO code such as CN, US or GB",
            ));
        }
    };
    Ok(ConnectionDefaults {
        prefix: text_field("prefix", d.prefix.as_ref(), dial_char)?,
        mobile_ndd_prefix: text_field("mobileNddPrefix", d.mobile_ndd_prefix.as_ref(), dial_char)?,
        international_number_prefix: text_field(
            "internationalNumberPrefix",
            d.international_number_prefix.as_ref(),
            dial_char,
        )?,
        country,
        ..d.clone()
    })
}

/// `settings_save`. Blocking (database and keychain). Nothing is written unless every field is
/// valid; the SecretKey and token go to the keychain only.
pub fn settings_save(ctx: &AppContext, input: &SettingsInput) -> Result<SaveResult, IpcError> {
    let mut warnings = Vec::new();
    let secret_id = normalize_secret_id(&input.secret_id).map_err(credential_error)?;
    warnings.extend(secret_id.warnings);
    let new_key = match input.secret_key.as_deref() {
        None | Some("") => None,
        Some(text) => {
            let key = normalize_secret_key(text).map_err(credential_error)?;
            warnings.extend(key.warnings);
            Some(key.value)
        }
    };
    let new_token = match input.token.as_deref() {
        None | Some("") => None,
        Some(text) => Some(normalize_token(text).map_err(credential_error)?.value),
    };
    let endpoint = parse_endpoint(input.site, input.custom_url.as_deref())?;
    let defaults = check_defaults(input.site, &input.defaults)?;
    proxy_setting(input.proxy_mode, input.proxy_url.as_deref())?;

    let profile_input = ProfileInput {
        name: TENCENT_PROFILE_NAME.into(),
        endpoint: match &endpoint {
            Endpoint::Custom(url) => url.to_string(),
            other => other.label(),
        },
        secret_id: Some(secret_id.value),
        sdk_app_id: defaults.sdk_app_id,
        sip_trunk_id: defaults.sip_trunk_id,
        options: ApplyOptions {
            prefix: defaults.prefix.clone(),
            mobile_ndd_prefix: defaults.mobile_ndd_prefix.clone(),
            local_number_trim_ac: defaults.local_number_trim_ac,
            callee_format_passthrough: defaults.callee_format_passthrough,
            caller_format_passthrough: defaults.caller_format_passthrough,
            international_number_prefix: defaults.international_number_prefix.clone(),
        },
        call_type: defaults.call_type,
        max_call_count: defaults.max_call_count,
        max_call_p_sec: defaults.max_call_p_sec,
        outbound_callee_format: None,
        country: defaults.country.clone(),
    };
    let existing = tencent_profile(ctx)?;
    let profile = match &existing {
        Some(p) => ctx.store().update_profile(
            p.id,
            &ProfileInput {
                outbound_callee_format: p.input.outbound_callee_format.clone(),
                ..profile_input
            },
        )?,
        None => {
            let p = ctx.store().create_profile(&profile_input)?;
            ctx.store().set_preference(PROFILE_KEY, &p.id.to_string())?;
            p
        }
    };

    let secrets = ctx.secrets().store();
    let acct = account(profile.id);
    match (new_key, new_token) {
        (Some(key), token) => {
            let secret = StoredSecret::new(key);
            let secret = match token {
                Some(t) => secret.with_token(t),
                None => secret,
            };
            secrets.save(&acct, &secret).map_err(keychain_error)?;
        }
        (None, token) if token.is_some() || input.clear_token => {
            let Some(saved) = secrets.load(&acct).map_err(keychain_error)? else {
                return Err(IpcError::new(
                    ErrorCode::NotConfigured,
                    "enter the SecretKey too: a session token is saved together with its key",
                )
                .with_details(json!({ "field": "secretKey" })));
            };
            let secret = StoredSecret {
                secret_key: saved.secret_key,
                token,
            };
            secrets.save(&acct, &secret).map_err(keychain_error)?;
        }
        (None, _) => {}
    }

    match defaults.batch_size {
        Some(n) => ctx.store().set_preference(BATCH_KEY, &n.to_string())?,
        None => ctx.store().set_preference(BATCH_KEY, "")?,
    }
    let mode = match input.proxy_mode {
        ProxyMode::System => "system",
        ProxyMode::None => "none",
        ProxyMode::Manual => "manual",
    };
    // The credentials go to the keychain; kept when the same proxy is saved again without them
    // (Settings shows the URL without them), forgotten for another proxy or mode.
    let (bare, userinfo) = split_userinfo(input.proxy_url.as_deref().unwrap_or_default());
    let (_, saved_url) = proxy_of(ctx)?;
    let same_proxy = saved_url.as_deref() == Some(bare.as_str());
    match userinfo {
        Some(userinfo) if input.proxy_mode == ProxyMode::Manual => {
            save_proxy_userinfo(ctx, &userinfo)?;
        }
        _ if input.proxy_mode == ProxyMode::Manual && same_proxy => {}
        _ => ctx
            .secrets()
            .store()
            .delete(PROXY_ACCOUNT)
            .map_err(keychain_error)?,
    }
    ctx.store().set_preference(PROXY_MODE_KEY, mode)?;
    ctx.store().set_preference(PROXY_URL_KEY, &bare)?;

    if active_kind(ctx)? == ConnectionKind::Tencent {
        ctx.set_endpoint(endpoint_view(&endpoint));
    }
    sync_sandbox_site(ctx)?;
    Ok(SaveResult {
        settings: settings_get(ctx)?,
        warnings,
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

/// What a Tencent call of the active connection needs (endpoint, credentials, proxy, language,
/// the shared limiter), e.g. for the outbox. Blocking (database and keychain).
pub fn active_connection_plan(ctx: &AppContext) -> Result<ConnectionPlan, IpcError> {
    prepare_test_connection(ctx, active_kind(ctx)?)
}

// ---------------------------------------------------------------------------------------------
// The switch

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

fn not_configured(message: &str, field: &str) -> IpcError {
    IpcError::new(ErrorCode::NotConfigured, message).with_details(json!({ "field": field }))
}

/// The saved Tencent endpoint and credentials. Blocking (keychain).
fn tencent_credentials(ctx: &AppContext) -> Result<(Endpoint, Credentials), IpcError> {
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

// ---------------------------------------------------------------------------------------------
// Test connection

/// Reads what a connection test of `connection` needs. Blocking (database and keychain): run
/// it off the async threads, then [`run_test_connection`].
pub fn prepare_test_connection(
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
    let language = match crate::preferences_get(ctx)?.language {
        Some(Language::SimplifiedChinese) => numdesk_client::Language::Chinese,
        _ => numdesk_client::Language::English,
    };
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
    let config = ClientConfig {
        proxy,
        language: Some(language),
        ..ClientConfig::new(endpoint)
    };
    Ok(ConnectionPlan {
        connection,
        endpoint: view,
        config,
        credentials,
        other_site,
        limiter: ctx.limiter().clone(),
    })
}

/// What one `DescribeCCCBuyInfoList` gave, with the clock offset the client learned from the
/// server's `Date` header on the way (`None`: no correction was needed or possible).
type Described = (
    Result<numdesk_client::DescribeCccBuyInfoListResponse, ClientError>,
    Option<i64>,
);

async fn describe(
    config: ClientConfig,
    limiter: RateLimiter,
    credentials: Credentials,
) -> Described {
    let client = match Client::new(config, limiter, credentials) {
        Ok(client) => client,
        Err(err) => return (Err(err), None),
    };
    let result = client
        .describe_ccc_buy_info_list(&DescribeCccBuyInfoListRequest::default())
        .await;
    let offset = client.clock_offset_secs();
    (result, (offset != 0).then_some(offset))
}

fn site_name(site: Site) -> &'static str {
    match site {
        Site::International => "International",
        Site::China => "China",
        Site::Custom => "custom",
    }
}

/// `DescribeCCCBuyInfoList` with the plan's settings: the account's SdkAppIds by name. When the
/// key is rejected (`AuthFailure.*`) and a Tencent site was used, the same read-only call is
/// tried on the other site and the error says whether that one accepts the key.
pub async fn run_test_connection(plan: ConnectionPlan) -> Result<TestConnectionResult, IpcError> {
    let ConnectionPlan {
        connection,
        endpoint,
        config,
        credentials,
        other_site,
        limiter,
    } = plan;
    let other_config = other_site.as_ref().map(|(_, other)| ClientConfig {
        endpoint: other.clone(),
        ..config.clone()
    });
    let (first, clock_offset_seconds) =
        describe(config, limiter.clone(), credentials.clone()).await;
    let err = match first {
        Ok(response) => {
            return Ok(TestConnectionResult {
                connection,
                endpoint,
                apps: response
                    .sdk_app_id_buy_list
                    .into_iter()
                    .map(|app| SdkAppSummary {
                        sdk_app_id: app.sdk_app_id,
                        name: app.name,
                    })
                    .collect(),
                request_id: response.request_id,
                clock_offset_seconds,
            });
        }
        Err(err) => err,
    };
    if err.class() != ErrorClass::Auth {
        return Err(client_error_with_clock(err, clock_offset_seconds));
    }
    let api = err.as_api().cloned();
    let (api_code, api_message, request_id) = match &api {
        Some(a) => (a.code.clone(), a.message.clone(), a.request_id.clone()),
        None => (String::new(), err.to_string(), String::new()),
    };
    let here = format!(
        "Tencent Cloud rejected the key ({api_code}: {api_message}, RequestId {request_id})"
    );
    let (Some((other, _)), Some(other_config)) = (other_site, other_config) else {
        return Err(IpcError::new(
            ErrorCode::AuthFailed,
            format!("{here}; check the SecretId and SecretKey"),
        )
        .with_details(json!({
            "apiCode": api_code, "requestId": request_id,
            "otherSite": null, "otherSiteAccepts": null,
        })));
    };
    let name = site_name(other);
    let (accepts, message) = match describe(other_config, limiter, credentials).await.0 {
        Ok(_) => (
            Some(true),
            format!(
                "{here}. The same key works on the {name} site: choose the {name} site and save"
            ),
        ),
        Err(e) if e.class() == ErrorClass::Auth => (
            Some(false),
            format!(
                "{here}. The {name} site rejects it too, so the site is not the problem: check \
                 that the SecretId and SecretKey belong together and that the key is enabled"
            ),
        ),
        Err(e) => (
            None,
            format!("{here}. Whether the {name} site accepts it could not be checked: {e}"),
        ),
    };
    Err(
        IpcError::new(ErrorCode::AuthFailed, message).with_details(json!({
            "apiCode": api_code, "requestId": request_id,
            "otherSite": other, "otherSiteAccepts": accepts,
        })),
    )
}

/// A client failure as `{code, message, details}`: the code says what the user can do.
///
/// `details` (camelCase; the UI's `explainError` in `ui/src/errors/` reads them):
/// - Tencent answers: `apiCode` (e.g. `AuthFailure.SignatureExpire`) and `requestId`; for
///   `AuthFailure.SignatureExpire` also `clockOffsetSeconds` when the caller knows it (see
///   [`client_error_with_clock`]). A rejected key from [`run_test_connection`] adds `otherSite` (`"china"` /
///   `"international"`) and `otherSiteAccepts` (`true`, `false`, or `null` when unknown).
/// - Nothing sent: `kind` — `Dns`, `ConnectionRefused`, `Certificate`, `Tls`, `Proxy`,
///   `ConnectTimeout` or `Other` (code `certificate`, `proxy` or `network`).
/// - Sent, no answer: `kind` — `Timeout`, `ConnectionDropped` or `ResponseTooLarge` — and
///   `outcomeUnknown: true`.
/// - Not a Tencent answer: `kind` — `HttpStatus` (with `status`) or `BadResponse` — and
///   `requestId` when one could be read.
pub fn client_error(err: ClientError) -> IpcError {
    let message = err.to_string();
    match &err {
        ClientError::Api(api) => {
            let code = match api.class() {
                ErrorClass::Auth => ErrorCode::AuthFailed,
                ErrorClass::Permission => ErrorCode::PermissionDenied,
                ErrorClass::ClockSkew => ErrorCode::ClockSkew,
                _ => ErrorCode::Tencent,
            };
            IpcError::new(code, message)
                .with_details(json!({ "apiCode": api.code, "requestId": api.request_id }))
        }
        ClientError::NotSent { kind, .. } => {
            let code = match kind {
                NetworkErrorKind::Certificate => ErrorCode::Certificate,
                NetworkErrorKind::Proxy => ErrorCode::Proxy,
                _ => ErrorCode::Network,
            };
            IpcError::new(code, message).with_details(json!({ "kind": format!("{kind:?}") }))
        }
        ClientError::OutcomeUnknown { kind, .. } => IpcError::new(ErrorCode::Network, message)
            .with_details(json!({
                "kind": format!("{kind:?}"),
                "outcomeUnknown": true,
                "requestId": null,
            })),
        ClientError::HttpStatus {
            status, request_id, ..
        } => IpcError::new(ErrorCode::Network, message).with_details(json!({
            "kind": "HttpStatus",
            "status": status,
            "requestId": request_id,
        })),
        ClientError::BadResponse { request_id, .. } => IpcError::new(ErrorCode::Network, message)
            .with_details(json!({ "kind": "BadResponse", "requestId": request_id })),
        ClientError::Config { setting, .. } if *setting == "proxy" => {
            IpcError::new(ErrorCode::Proxy, message)
        }
        ClientError::Config { setting, .. } => IpcError::new(ErrorCode::InvalidInput, message)
            .with_details(json!({ "field": setting })),
        ClientError::Sign(_) | ClientError::MissingCredentials { .. } => {
            IpcError::new(ErrorCode::InvalidCredentials, message)
        }
        _ => IpcError::new(ErrorCode::Internal, message),
    }
}

/// [`client_error`], plus `details.clockOffsetSeconds` for a clock error when the client
/// learned the offset from the server's `Date` header ([`Client::clock_offset_secs`]; seconds
/// the server is ahead of this computer, negative when behind it), so the UI can say "your
/// clock is 7 minutes behind".
pub(crate) fn client_error_with_clock(
    err: ClientError,
    clock_offset_secs: Option<i64>,
) -> IpcError {
    let clock = err.class() == ErrorClass::ClockSkew;
    let mut ipc = client_error(err);
    if let (true, Some(offset), Some(serde_json::Value::Object(details))) =
        (clock, clock_offset_secs, ipc.details.as_mut())
    {
        details.insert("clockOffsetSeconds".into(), json!(offset));
    }
    ipc
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

    #[test]
    fn certificate_and_proxy_failures_get_their_own_codes() {
        let cert = ClientError::NotSent {
            kind: NetworkErrorKind::Certificate,
            detail: "UnknownIssuer".into(),
        };
        assert_eq!(
            client_error(cert).code,
            ErrorCode::Certificate,
            "rule: certificate errors must read as such"
        );
        let proxy = ClientError::NotSent {
            kind: NetworkErrorKind::Proxy,
            detail: "refused".into(),
        };
        assert_eq!(client_error(proxy).code, ErrorCode::Proxy);
        let dns = ClientError::NotSent {
            kind: NetworkErrorKind::Dns,
            detail: "no such host".into(),
        };
        assert_eq!(client_error(dns).code, ErrorCode::Network);
    }

    #[test]
    fn api_errors_are_classified_by_what_the_user_can_do() {
        let api = |code: &str| {
            ClientError::Api(numdesk_client::ApiError {
                code: code.into(),
                message: "m".into(),
                request_id: "r-1".into(),
            })
        };
        let cases = [
            ("AuthFailure.SecretIdNotFound", ErrorCode::AuthFailed),
            (
                "AuthFailure.UnauthorizedOperation",
                ErrorCode::PermissionDenied,
            ),
            ("AuthFailure.SignatureExpire", ErrorCode::ClockSkew),
            ("InternalError", ErrorCode::Tencent),
        ];
        for (code, expected) in cases {
            let err = client_error(api(code));
            assert_eq!(err.code, expected, "{code}");
            assert_eq!(
                err.details,
                Some(json!({ "apiCode": code, "requestId": "r-1" })),
                "rule: every API error keeps its code and RequestId"
            );
        }
    }

    #[test]
    fn signature_expire_carries_the_clock_offset_for_the_minutes_sentence() {
        let expired = || {
            ClientError::Api(numdesk_client::ApiError {
                code: "AuthFailure.SignatureExpire".into(),
                message: "expired".into(),
                request_id: "r-2".into(),
            })
        };
        let err = client_error_with_clock(expired(), Some(420));
        assert_eq!(err.code, ErrorCode::ClockSkew);
        assert_eq!(
            err.details,
            Some(json!({
                "apiCode": "AuthFailure.SignatureExpire",
                "requestId": "r-2",
                "clockOffsetSeconds": 420,
            })),
            "rule: the UI can say \"your clock is 7 minutes off\""
        );
        let unknown = client_error_with_clock(expired(), None);
        assert_eq!(
            unknown.details,
            Some(json!({ "apiCode": "AuthFailure.SignatureExpire", "requestId": "r-2" })),
            "no offset is invented when the client learned none"
        );
        let other = client_error_with_clock(
            ClientError::Api(numdesk_client::ApiError {
                code: "InternalError".into(),
                message: "m".into(),
                request_id: "r-3".into(),
            }),
            Some(420),
        );
        assert_eq!(
            other.details,
            Some(json!({ "apiCode": "InternalError", "requestId": "r-3" })),
            "the offset belongs to clock errors only"
        );
    }

    #[test]
    fn network_details_say_which_failure_so_the_ui_can_read_it_as_such() {
        let kind_of = |err: ClientError| {
            client_error(err)
                .details
                .and_then(|d| d.get("kind").and_then(|k| k.as_str().map(str::to_owned)))
        };
        for (kind, name) in [
            (NetworkErrorKind::Dns, "Dns"),
            (NetworkErrorKind::ConnectionRefused, "ConnectionRefused"),
            (NetworkErrorKind::Certificate, "Certificate"),
            (NetworkErrorKind::Tls, "Tls"),
            (NetworkErrorKind::Proxy, "Proxy"),
            (NetworkErrorKind::ConnectTimeout, "ConnectTimeout"),
            (NetworkErrorKind::Other, "Other"),
        ] {
            let err = ClientError::NotSent {
                kind,
                detail: "d".into(),
            };
            assert_eq!(
                kind_of(err).as_deref(),
                Some(name),
                "rule: UI reads details.kind"
            );
        }
        let dropped = client_error(ClientError::OutcomeUnknown {
            kind: numdesk_client::UnknownOutcomeKind::ConnectionDropped,
            detail: "eof".into(),
        });
        assert_eq!(dropped.code, ErrorCode::Network);
        assert_eq!(
            dropped.details,
            Some(json!({ "kind": "ConnectionDropped", "outcomeUnknown": true, "requestId": null })),
            "rule: a dropped response reads as outcome unknown, not as nothing sent"
        );
        let gateway = client_error(ClientError::HttpStatus {
            status: 407,
            request_id: None,
            body: "Proxy Authentication Required".into(),
        });
        assert_eq!(
            gateway.details,
            Some(json!({ "kind": "HttpStatus", "status": 407, "requestId": null }))
        );
    }
}
