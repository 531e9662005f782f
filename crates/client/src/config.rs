//! Client settings.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::clock::{Clock, SystemClock};
use crate::endpoint::Endpoint;
use crate::error::ClientError;
use crate::retry::RetryPolicy;

/// Language of Tencent's error messages (`X-TC-Language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// `en-US`
    #[default]
    English,
    /// `zh-CN`
    Chinese,
}

impl Language {
    /// The header value.
    pub fn header_value(self) -> &'static str {
        match self {
            Self::English => "en-US",
            Self::Chinese => "zh-CN",
        }
    }

    /// From a user's locale or language tag (`zh`, `zh-CN`, `zh_Hans_CN`, `en-GB`, …): Chinese
    /// for any `zh` tag, English otherwise (Tencent offers only these two).
    pub fn from_locale(tag: &str) -> Self {
        let lower = tag.trim().to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh-") || lower.starts_with("zh_") {
            Self::Chinese
        } else {
            Self::English
        }
    }
}

impl FromStr for Language {
    type Err = ClientError;

    /// `en`, `en-US`, `zh`, `zh-CN` (case-insensitive).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "en-us" => Ok(Self::English),
            "zh" | "zh-cn" => Ok(Self::Chinese),
            _ => Err(ClientError::Config {
                setting: "language",
                input: s.to_owned(),
                reason: "expected `en` or `zh`".to_owned(),
            }),
        }
    }
}

/// How to reach the internet. `Debug` never prints a manual proxy's `user:password@`.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum ProxySetting {
    /// The system's proxy: `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY`, and on macOS and
    /// Windows the system proxy settings. Not used for a loopback endpoint.
    #[default]
    System,
    /// Connect directly, ignoring any system proxy.
    None,
    /// This proxy for every request (`http://host:port`, `https://…` or with `user:pass@`).
    Manual(Url),
}

impl ProxySetting {
    /// A manual proxy from text; only `http` and `https` proxy URLs with a host are accepted.
    pub fn manual(input: &str) -> Result<Self, ClientError> {
        let bad = |reason: String| ClientError::Config {
            setting: "proxy",
            input: redact_userinfo(input),
            reason,
        };
        let url = Url::parse(input.trim()).map_err(|e| {
            bad(format!(
                "expected a URL such as http://proxy.example.com:8080 ({e})"
            ))
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(bad(format!(
                "proxy scheme `{}` is not supported; use http://",
                url.scheme()
            )));
        }
        if url.host().is_none() {
            return Err(bad("the proxy URL has no host".to_owned()));
        }
        Ok(Self::Manual(url))
    }
}

impl fmt::Debug for ProxySetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::System => f.write_str("System"),
            Self::None => f.write_str("None"),
            Self::Manual(url) => f
                .debug_tuple("Manual")
                .field(&strip_userinfo(url.as_str()))
                .finish(),
        }
    }
}

/// `text` with the `user:password@` of every URL in it replaced by `***@` (error details, Debug).
pub(crate) fn strip_userinfo(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut last = 0;
    let mut from = 0;
    while let Some(found) = text[from..].find("://") {
        let start = from + found + 3;
        let authority_end = text[start..]
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace() || c == '"')
            .map_or(text.len(), |i| start + i);
        if let Some(at) = text[start..authority_end].rfind('@') {
            out.push_str(&text[last..start]);
            out.push_str("***");
            last = start + at;
        }
        from = authority_end;
    }
    if last == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// The input without any `user:password@` part, for messages.
fn redact_userinfo(input: &str) -> String {
    match (input.find("://"), input.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}***@{}", &input[..scheme_end + 3], &input[at + 1..])
        }
        _ => input.to_owned(),
    }
}

/// Everything a [`Client`](crate::Client) needs besides credentials and the shared limiter.
#[derive(Clone)]
pub struct ClientConfig {
    /// Where to send requests. Default: International site.
    pub endpoint: Endpoint,
    /// `X-TC-Region`, sent only when set (optional for CCC).
    pub region: Option<String>,
    /// `X-TC-Language`; `None` sends no header (Tencent answers in English).
    pub language: Option<Language>,
    /// Proxy. Default: the system's.
    pub proxy: ProxySetting,
    /// Maximum time to set up a connection (TCP + TLS). Default 10 s.
    pub connect_timeout: Duration,
    /// Maximum time for a whole attempt, connection to last response byte. Default 30 s.
    pub timeout: Duration,
    /// Retries.
    pub retry: RetryPolicy,
    /// Source of "now" for `X-TC-Timestamp`.
    pub clock: Arc<dyn Clock>,
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("language", &self.language)
            .field("proxy", &self.proxy)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("clock", &self.clock)
            .finish()
    }
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            endpoint: Endpoint::default(),
            region: None,
            language: Some(Language::English),
            proxy: ProxySetting::System,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            clock: Arc::new(SystemClock),
        }
    }
}

impl ClientConfig {
    /// Default settings for `endpoint`.
    pub fn new(endpoint: Endpoint) -> Self {
        Self {
            endpoint,
            ..Self::default()
        }
    }

    /// Check the values.
    pub fn validate(&self) -> Result<(), ClientError> {
        self.retry.validate()?;
        for (name, d) in [
            ("connect timeout", self.connect_timeout),
            ("timeout", self.timeout),
        ] {
            if d.is_zero() {
                return Err(ClientError::Config {
                    setting: name,
                    input: format!("{d:?}"),
                    reason: "must be greater than zero".to_owned(),
                });
            }
        }
        if let Some(region) = &self.region
            && (region.is_empty()
                || !region
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        {
            return Err(ClientError::Config {
                setting: "region",
                input: region.clone(),
                reason: "expected a region id such as ap-guangzhou (letters, digits, `-`)"
                    .to_owned(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_locale_and_text() {
        assert_eq!(Language::from_locale("zh-CN"), Language::Chinese);
        assert_eq!(Language::from_locale("zh_Hans_CN"), Language::Chinese);
        assert_eq!(Language::from_locale("en-GB"), Language::English);
        assert_eq!(Language::from_locale("de"), Language::English);
        assert_eq!("zh".parse::<Language>().unwrap().header_value(), "zh-CN");
        assert_eq!("en".parse::<Language>().unwrap().header_value(), "en-US");
        assert!("fr".parse::<Language>().is_err());
    }

    #[test]
    fn debug_and_error_details_never_show_proxy_credentials() {
        let proxy = ProxySetting::manual("http://user:s3cret-pass@proxy.corp:3128").unwrap();
        let shown = format!("{proxy:?}");
        assert!(
            !shown.contains("s3cret-pass") && !shown.contains("user"),
            "rule: Debug never prints proxy credentials: {shown}"
        );
        assert_eq!(shown, r#"Manual("http://***@proxy.corp:3128/")"#);
        let config = ClientConfig {
            proxy,
            ..ClientConfig::default()
        };
        assert!(!format!("{config:?}").contains("s3cret-pass"));
        assert_eq!(
            strip_userinfo(
                "error sending request for url (https://a.b/): tunnel via http://u:p@x:1 and \
                 https://v:w@y.z/q@r failed"
            ),
            "error sending request for url (https://a.b/): tunnel via http://***@x:1 and \
             https://***@y.z/q@r failed"
        );
        assert!(matches!(
            strip_userinfo("no url here a@b"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn manual_proxy_is_checked_and_messages_hide_passwords() {
        assert!(matches!(
            ProxySetting::manual("http://proxy.corp:3128").unwrap(),
            ProxySetting::Manual(_)
        ));
        let err = ProxySetting::manual("ftp://user:pw@proxy.corp:21")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("not supported") && !err.contains("pw"),
            "{err}"
        );
        assert!(ProxySetting::manual("proxy.corp:3128").is_err());
    }

    #[test]
    fn config_validation() {
        assert!(ClientConfig::default().validate().is_ok());
        let c = ClientConfig {
            timeout: Duration::ZERO,
            ..Default::default()
        };
        assert!(c.validate().is_err());
        let c = ClientConfig {
            region: Some("ap guangzhou".into()),
            ..Default::default()
        };
        assert!(c.validate().is_err());
        let c = ClientConfig {
            region: Some("ap-guangzhou".into()),
            ..Default::default()
        };
        assert!(c.validate().is_ok());
    }
}
