//! How a client is set up, in one place for the app and the `numdesk` CLI (as one API crate
//! serves both): a proxy named `system`, `none` or by its URL, the language Tencent's messages
//! come in, and the client configuration built from them. The app reads the values from its
//! settings ([`crate::connection_plan`]), the CLI from its flags and the environment.

use numdesk_client::{ClientConfig, Endpoint, ProxySetting};

use crate::error_details::ErrorDetails;
use crate::settings::{ProxyMode, proxy_setting};
use crate::{ErrorCode, IpcError, Language};

/// A proxy as the user names it: `system` (the OS settings), `none`, or a proxy URL such as
/// `http://proxy.example.com:8080` — checked as Settings checks it.
pub fn proxy_named(text: &str) -> Result<ProxySetting, IpcError> {
    match text.trim() {
        "system" => proxy_setting(ProxyMode::System, None),
        "none" => proxy_setting(ProxyMode::None, None),
        url => proxy_setting(ProxyMode::Manual, Some(url)),
    }
}

/// The language Tencent's messages come in for a user of the UI in `ui` (English unless the
/// UI is in Chinese).
pub fn message_language(ui: Option<Language>) -> numdesk_client::Language {
    match ui {
        Some(Language::SimplifiedChinese) => numdesk_client::Language::Chinese,
        _ => numdesk_client::Language::English,
    }
}

/// The language named by `tag` (`en`, `en-US`, `zh`, `zh-CN`), else by the `locale` (`LANG`,
/// e.g. `zh_CN.UTF-8`), else English.
pub fn message_language_named(
    tag: Option<&str>,
    locale: Option<&str>,
) -> Result<numdesk_client::Language, IpcError> {
    match tag {
        Some(tag) => tag.parse().map_err(|err: numdesk_client::ClientError| {
            IpcError::new(ErrorCode::InvalidInput, err.to_string())
                .with_details(ErrorDetails::field("language"))
        }),
        None => Ok(locale
            .map(numdesk_client::Language::from_locale)
            .unwrap_or_default()),
    }
}

/// The client configuration for `endpoint` through `proxy`, messages in `language`.
pub fn client_config(
    endpoint: Endpoint,
    proxy: ProxySetting,
    language: numdesk_client::Language,
) -> ClientConfig {
    ClientConfig {
        proxy,
        language: Some(language),
        ..ClientConfig::new(endpoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_is_named_as_settings_take_it() {
        assert_eq!(proxy_named(" system ").unwrap(), ProxySetting::System);
        assert_eq!(proxy_named("none").unwrap(), ProxySetting::None);
        assert!(matches!(
            proxy_named("http://proxy.example.com:8080").unwrap(),
            ProxySetting::Manual(_)
        ));
        let err = proxy_named("ftp://proxy").unwrap_err();
        assert_eq!(err.code, ErrorCode::Proxy, "{err:?}");
        assert_eq!(err.details_json()["field"], "proxyUrl");
    }

    #[test]
    fn the_message_language_follows_the_tag_then_the_locale() {
        use numdesk_client::Language::{Chinese, English};
        assert_eq!(
            message_language_named(Some("zh"), Some("en_US")).unwrap(),
            Chinese
        );
        assert_eq!(
            message_language_named(None, Some("zh_CN.UTF-8")).unwrap(),
            Chinese
        );
        assert_eq!(message_language_named(None, None).unwrap(), English);
        let err = message_language_named(Some("fr"), None).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert_eq!(message_language(Some(Language::SimplifiedChinese)), Chinese);
        assert_eq!(message_language(None), English);
    }
}
