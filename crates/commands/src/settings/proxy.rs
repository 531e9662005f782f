//! The proxy: its mode and URL in the database, its `user:password` in the keychain, and the
//! setting the client uses.

use numdesk_client::ProxySetting;
use numdesk_keychain::{KeychainError, SecretStore, StoredSecret};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::keychain_error;
use crate::error_details::ErrorDetails;
use crate::{AppContext, ErrorCode, IpcError};

pub(crate) const PROXY_MODE_KEY: &str = "settings.proxy_mode";

pub(crate) const PROXY_URL_KEY: &str = "settings.proxy_url";

/// The keychain account of the manual proxy's credentials (`user:password`, as written in the
/// URL, percent-encoded).
pub const PROXY_ACCOUNT: &str = "proxy";

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

/// The proxy mode and URL as saved (the URL without credentials). A URL saved with credentials
/// by an older version is split here: its credentials move to the keychain. Blocking (keychain,
/// only then).
pub(crate) fn proxy_of(ctx: &AppContext) -> Result<(ProxyMode, Option<String>), IpcError> {
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
pub(crate) fn split_userinfo(text: &str) -> (String, Option<String>) {
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

pub(crate) fn save_proxy_userinfo(ctx: &AppContext, userinfo: &str) -> Result<(), IpcError> {
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
            .with_details(ErrorDetails::field("proxyUrl")),
            other => keychain_error(other),
        })
}

/// The proxy credentials saved in the keychain, if any. Blocking (keychain).
pub(crate) fn proxy_userinfo(ctx: &AppContext) -> Result<Option<String>, IpcError> {
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
pub(crate) fn register_proxy_password(userinfo: &str) {
    if let Some((_, password)) = userinfo.split_once(':') {
        let redactor = numdesk_support::Redactor::global();
        redactor.register(password);
        if let Ok(decoded) = percent_decode(password) {
            redactor.register(&decoded);
        }
    }
}

/// `%XX` escapes decoded (the rest as it is).
pub(crate) fn percent_decode(text: &str) -> Result<String, std::string::FromUtf8Error> {
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

pub(crate) fn proxy_setting(mode: ProxyMode, url: Option<&str>) -> Result<ProxySetting, IpcError> {
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
                .with_details(ErrorDetails::field("proxyUrl")));
            }
            ProxySetting::manual(text).map_err(|err| {
                IpcError::new(ErrorCode::Proxy, err.to_string())
                    .with_details(ErrorDetails::field("proxyUrl"))
            })
        }
    }
}
