//! Where requests go: the International site, the China site, or a custom URL (the sandbox).

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use numdesk_model::EndpointKind;
use url::{Host, Url};

use crate::error::ClientError;

/// Host of the International site (the default).
pub const INTERNATIONAL_HOST: &str = "ccc.intl.tencentcloudapi.com";
/// Host of the China site (the official SDKs' default).
pub const CHINA_HOST: &str = "ccc.tencentcloudapi.com";

/// The CCC endpoint a client talks to.
///
/// Parsed from `intl`, `china` or a URL. A custom URL must use `https://`, except that plain
/// `http://` is accepted for loopback hosts (127.0.0.0/8, `::1`, `localhost`) so a local sandbox
/// can be used; credentials are never sent in clear text over a network.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Endpoint {
    /// `https://ccc.intl.tencentcloudapi.com/`
    #[default]
    International,
    /// `https://ccc.tencentcloudapi.com/`
    China,
    /// A checked custom URL (see [`Endpoint::custom`]).
    Custom(Url),
}

impl Endpoint {
    /// Check and wrap a custom URL: scheme `https`, or `http` on a loopback host; no user
    /// name/password, no path other than `/`, no query, no fragment.
    pub fn custom(url: Url) -> Result<Self, ClientError> {
        let shown = url.as_str().to_owned();
        let bad = |reason: &str| ClientError::Config {
            setting: "endpoint",
            input: shown.clone(),
            reason: reason.to_owned(),
        };
        let Some(host) = url.host() else {
            return Err(bad("the URL has no host"));
        };
        match url.scheme() {
            "https" => {}
            "http" => {
                if !is_loopback(&host) {
                    return Err(bad(
                        "plain http:// is only allowed for loopback addresses (127.0.0.1, ::1, \
                         localhost); use https:// so keys and data are encrypted",
                    ));
                }
            }
            other => {
                return Err(bad(&format!(
                    "scheme `{other}` is not supported; use https://"
                )));
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad("the URL must not contain a user name or password"));
        }
        if url.path() != "/" {
            return Err(bad(
                "the URL must not have a path (requests are sent to `/`)",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad("the URL must not have a query or fragment"));
        }
        Ok(Self::Custom(url))
    }

    /// The URL requests are posted to.
    pub fn url(&self) -> Url {
        match self {
            Self::International => site_url(INTERNATIONAL_HOST),
            Self::China => site_url(CHINA_HOST),
            Self::Custom(url) => url.clone(),
        }
    }

    /// Which service this URL is, as the user chose it: International, China or Custom (a
    /// custom URL on loopback included: the outbox's `scope_of_endpoint` counts that as the
    /// Sandbox).
    pub fn kind(&self) -> EndpointKind {
        match self {
            Self::International => EndpointKind::International,
            Self::China => EndpointKind::China,
            Self::Custom(_) => EndpointKind::Custom,
        }
    }

    /// The `Host` header exactly as sent (and signed): host name, plus `:port` when the port is
    /// not the scheme's default.
    pub fn host_header(&self) -> String {
        match self {
            Self::International => INTERNATIONAL_HOST.to_owned(),
            Self::China => CHINA_HOST.to_owned(),
            Self::Custom(url) => {
                let host = match url.host() {
                    Some(Host::Domain(d)) => d.to_owned(),
                    Some(Host::Ipv4(ip)) => ip.to_string(),
                    Some(Host::Ipv6(ip)) => format!("[{ip}]"),
                    None => String::new(),
                };
                // `Url::port` is `None` when the port is the scheme's default.
                match url.port() {
                    Some(port) => format!("{host}:{port}"),
                    None => host,
                }
            }
        }
    }

    /// True for a custom endpoint on a loopback host (a local sandbox): such requests never go
    /// through a proxy.
    pub fn is_loopback(&self) -> bool {
        match self {
            Self::Custom(url) => url.host().is_some_and(|h| is_loopback(&h)),
            _ => false,
        }
    }

    /// Short name for messages and logs: `intl`, `china` or the URL.
    pub fn label(&self) -> String {
        match self {
            Self::International => "intl".to_owned(),
            Self::China => "china".to_owned(),
            Self::Custom(url) => url.as_str().to_owned(),
        }
    }
}

/// Only called with the two constant host names above, which the unit tests parse.
#[allow(clippy::expect_used)]
fn site_url(host: &'static str) -> Url {
    Url::parse(&format!("https://{host}/")).expect("a constant site host name parses")
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

impl FromStr for Endpoint {
    type Err = ClientError;

    /// `intl` (also `international`), `china` (also `cn`), or a URL.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        match trimmed.to_ascii_lowercase().as_str() {
            "intl" | "international" => return Ok(Self::International),
            "china" | "cn" => return Ok(Self::China),
            _ => {}
        }
        let url = Url::parse(trimmed).map_err(|e| ClientError::Config {
            setting: "endpoint",
            input: s.to_owned(),
            reason: format!("expected `intl`, `china` or a URL such as https://host/ ({e})"),
        })?;
        Self::custom(url)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Endpoint, ClientError> {
        s.parse()
    }

    #[test]
    fn named_sites_parse_and_default_is_international() {
        assert_eq!(parse("intl").unwrap(), Endpoint::International);
        assert_eq!(parse(" International ").unwrap(), Endpoint::International);
        assert_eq!(parse("china").unwrap(), Endpoint::China);
        assert_eq!(parse("CN").unwrap(), Endpoint::China);
        assert_eq!(
            Endpoint::default(),
            Endpoint::International,
            "the product was specified from the International site: it must be the default"
        );
    }

    #[test]
    fn named_sites_have_the_documented_hosts() {
        assert_eq!(
            Endpoint::International.host_header(),
            "ccc.intl.tencentcloudapi.com"
        );
        assert_eq!(
            Endpoint::International.url().as_str(),
            "https://ccc.intl.tencentcloudapi.com/"
        );
        assert_eq!(Endpoint::China.host_header(), "ccc.tencentcloudapi.com");
        assert_eq!(
            Endpoint::China.url().as_str(),
            "https://ccc.tencentcloudapi.com/"
        );
    }

    #[test]
    fn http_is_allowed_only_for_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.3.2.1:9/",
            "http://[::1]:80/",
            "http://localhost:1",
        ] {
            assert!(parse(ok).is_ok(), "loopback http must be accepted: {ok}");
        }
        for bad in [
            "http://10.0.0.1:8080",
            "http://example.com",
            "http://192.168.1.2/",
            "http://[::2]/",
        ] {
            let err = parse(bad).unwrap_err();
            assert!(
                err.to_string().contains("only allowed for loopback"),
                "plain http to a non-loopback host must be refused with a clear reason: {bad} -> {err}"
            );
        }
    }

    #[test]
    fn loopback_detection() {
        assert!(parse("http://127.0.0.1:1").unwrap().is_loopback());
        assert!(parse("https://localhost:1").unwrap().is_loopback());
        assert!(!parse("https://10.0.0.1").unwrap().is_loopback());
        assert!(!Endpoint::International.is_loopback());
    }

    #[test]
    fn https_anywhere_is_allowed() {
        let e = parse("https://ccc.example.com").unwrap();
        assert_eq!(e.url().as_str(), "https://ccc.example.com/");
    }

    #[test]
    fn other_schemes_paths_and_userinfo_are_refused() {
        for bad in [
            "ftp://127.0.0.1/",
            "https://a.example.com/v3",
            "https://a.example.com/?x=1",
            "https://user:pw@a.example.com/",
            "not a url",
            "",
        ] {
            assert!(parse(bad).is_err(), "must be refused: {bad:?}");
        }
    }

    #[test]
    fn host_header_includes_non_default_port_only() {
        assert_eq!(
            parse("http://127.0.0.1:8080").unwrap().host_header(),
            "127.0.0.1:8080"
        );
        assert_eq!(
            parse("http://127.0.0.1:80").unwrap().host_header(),
            "127.0.0.1"
        );
        assert_eq!(
            parse("https://h.example.com:443").unwrap().host_header(),
            "h.example.com"
        );
        assert_eq!(
            parse("https://h.example.com:8443").unwrap().host_header(),
            "h.example.com:8443"
        );
        assert_eq!(
            parse("http://[::1]:9000").unwrap().host_header(),
            "[::1]:9000"
        );
        assert_eq!(
            parse("http://LOCALHOST:9000").unwrap().host_header(),
            "localhost:9000"
        );
    }
}
