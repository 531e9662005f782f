//! What is being signed, apart from the body and the credentials.

/// Everything besides credentials and body that the signature and headers depend on.
///
/// All strings are used verbatim; [`sign`](crate::sign) validates them.
#[derive(Debug, Clone)]
pub struct SigningParams<'a> {
    /// Service name in the credential scope, e.g. `ccc`.
    pub service: &'a str,
    /// The `Host` header exactly as sent, e.g. `ccc.tencentcloudapi.com` or `127.0.0.1:8080`
    /// (with `:port` when it is not the default). No scheme, no path.
    pub host: &'a str,
    /// `X-TC-Action`, e.g. `CreateOwnNumberApply`.
    pub action: &'a str,
    /// `X-TC-Version`, e.g. `2020-02-10`.
    pub version: &'a str,
    /// `X-TC-Region`; sent only when set (optional for CCC).
    pub region: Option<&'a str>,
    /// `X-TC-Language` (`en-US` or `zh-CN`); sent only when set.
    pub language: Option<&'a str>,
    /// `Content-Type` exactly as sent; `application/json` for CCC.
    pub content_type: &'a str,
    /// Unix seconds of this attempt. Re-sign every attempt.
    pub timestamp: i64,
}

impl<'a> SigningParams<'a> {
    /// CCC service name.
    pub const CCC_SERVICE: &'static str = "ccc";
    /// CCC API version.
    pub const CCC_VERSION: &'static str = "2020-02-10";
    /// Content type CCC requests are sent with (no charset).
    pub const JSON_CONTENT_TYPE: &'static str = "application/json";

    /// Parameters for a CCC call: service `ccc`, version `2020-02-10`, content type
    /// `application/json`, no region, no language.
    pub fn ccc(host: &'a str, action: &'a str, timestamp: i64) -> Self {
        Self {
            service: Self::CCC_SERVICE,
            host,
            action,
            version: Self::CCC_VERSION,
            region: None,
            language: None,
            content_type: Self::JSON_CONTENT_TYPE,
            timestamp,
        }
    }

    /// Set `X-TC-Region`.
    pub fn with_region(self, region: &'a str) -> Self {
        Self {
            region: Some(region),
            ..self
        }
    }

    /// Set `X-TC-Language` (`en-US` or `zh-CN`).
    pub fn with_language(self, language: &'a str) -> Self {
        Self {
            language: Some(language),
            ..self
        }
    }
}
