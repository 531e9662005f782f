//! `settings_save`: checks every field, then writes the profile, the defaults, the proxy and
//! the keys (keychain).

use numdesk_client::Endpoint;
use numdesk_keychain::{
    SecretStore, StoredSecret, normalize_secret_id, normalize_secret_key, normalize_token,
};
use numdesk_store::ProfileInput;

use super::*;
use crate::error::{credential_error, keychain_error};
use crate::error_details::ErrorDetails;
use crate::{AppContext, ErrorCode, IpcError};

pub(crate) fn invalid(field: &str, message: impl Into<String>) -> IpcError {
    IpcError::new(ErrorCode::InvalidInput, message).with_details(ErrorDetails::field(field))
}

pub(crate) fn text_field(
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

pub(crate) fn dial_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '+' | '*' | '#')
}

pub(crate) fn check_defaults(
    site: Site,
    d: &ConnectionDefaults,
) -> Result<ConnectionDefaults, IpcError> {
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
    if d.numbers_per_application
        .is_some_and(|n| n == 0 || n > MAX_NUMBERS_PER_APPLICATION)
    {
        return Err(invalid(
            "numbersPerApplication",
            format!("numbers per application must be between 1 and {MAX_NUMBERS_PER_APPLICATION}"),
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
        options: defaults.apply_options(),
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
                .with_details(ErrorDetails::field("secretKey")));
            };
            let secret = StoredSecret {
                secret_key: saved.secret_key,
                token,
            };
            secrets.save(&acct, &secret).map_err(keychain_error)?;
        }
        (None, _) => {}
    }

    match defaults.numbers_per_application {
        Some(n) => ctx
            .store()
            .set_preference(NUMBERS_PER_APPLICATION_KEY, &n.to_string())?,
        None => ctx
            .store()
            .set_preference(NUMBERS_PER_APPLICATION_KEY, "")?,
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
