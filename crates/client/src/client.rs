//! The client: sign, rate-limit, send, classify, retry.
//!
//! Over 500 lines because the retry loop (execute_hooked) takes one request through signing, the
//! rate limiter, sending, the capped read and the envelope parse, all on the Client's shared state.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, UNIX_EPOCH};

use numdesk_sign::{Credentials, SignedRequest, SigningParams, sign};
use reqwest::header::{DATE, HOST};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use tokio::time::Instant;
use url::Url;

use crate::attempt::{
    AttemptBase, AttemptHooks, AttemptObserver, AttemptRecord, NextStep, ObserverHandle,
};
use crate::config::{ClientConfig, ProxySetting};
use crate::error::{ApiError, ClientError, ErrorClass};
use crate::limiter::RateLimiter;
use crate::models::{
    CreateOwnNumberApplyRequest, CreateOwnNumberApplyResponse, DescribeCccBuyInfoListRequest,
    DescribeCccBuyInfoListResponse, DescribeNumbersRequest, DescribeNumbersResponse,
    ModifyOwnNumberApplyRequest, ModifyOwnNumberApplyResponse, actions,
};
use crate::net;

/// How much of an unexpected body is kept in an error.
const BODY_EXCERPT_CHARS: usize = 300;

/// The largest answer read (10 MiB). Tencent's largest answers (a DescribeNumbers page) are a
/// few hundred KiB; anything bigger is a misbehaving proxy or server and is not held in memory.
/// An answer over the cap is *outcome unknown*: the request arrived, what it did is not known.
pub const MAX_RESPONSE_BYTES: usize = 10 * 1024 * 1024;

/// Whether an action only reads (`Describe*`), so that re-sending it after an unknown outcome is
/// harmless. Every other action is treated as creating or changing something.
pub fn is_read_only_action(action: &str) -> bool {
    action.starts_with("Describe")
}

struct Shared {
    http: reqwest::Client,
    config: ClientConfig,
    url: Url,
    host: String,
    limiter: RateLimiter,
    credentials: Credentials,
    /// Seconds added to the local clock, learned from a `Date` header after SignatureExpire.
    clock_offset_secs: AtomicI64,
}

/// A CCC client. Cheap to clone; clones share the HTTP connection pool, the rate limiter, the
/// credentials and the learned clock offset.
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    observer: Option<ObserverHandle>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.shared.config.endpoint)
            .field("secret_id", &self.shared.credentials.secret_id)
            .field("clock_offset_secs", &self.clock_offset_secs())
            .field("limiter", &self.shared.limiter)
            .finish_non_exhaustive()
    }
}

/// What one attempt produced, before the retry decision.
struct AttemptFailure {
    error: ClientError,
    /// Unix seconds of the response `Date` header, when a response arrived.
    server_date: Option<i64>,
}

impl Client {
    /// A client for `config`, sharing `limiter` with every other client of the process.
    pub fn new(
        config: ClientConfig,
        limiter: RateLimiter,
        credentials: Credentials,
    ) -> Result<Self, ClientError> {
        config.validate()?;
        credentials.validate()?;
        crate::tls::install_provider();
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            // Every HTTP request must pass the rate limiter and be logged as an attempt: no
            // hidden re-sends (reqwest would otherwise retry HTTP/2 protocol refusals itself).
            .retry(reqwest::retry::never())
            .user_agent(crate::prepare::USER_AGENT);
        builder = match &config.proxy {
            // A local sandbox is reached directly, never through the system proxy.
            ProxySetting::System if config.endpoint.is_loopback() => builder.no_proxy(),
            ProxySetting::System => builder,
            ProxySetting::None => builder.no_proxy(),
            ProxySetting::Manual(url) => {
                let proxy = reqwest::Proxy::all(url.as_str()).map_err(|e| ClientError::Config {
                    setting: "proxy",
                    input: format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default()),
                    reason: crate::config::strip_userinfo(&e.to_string()).into_owned(),
                })?;
                builder.proxy(proxy)
            }
        };
        let http = builder.build().map_err(|e| ClientError::HttpClient {
            detail: crate::config::strip_userinfo(&e.to_string()).into_owned(),
        })?;
        let url = config.endpoint.url();
        let host = config.endpoint.host_header();
        Ok(Self {
            shared: Arc::new(Shared {
                http,
                config,
                url,
                host,
                limiter,
                credentials,
                clock_offset_secs: AtomicI64::new(0),
            }),
            observer: None,
        })
    }

    /// A clone that reports every attempt to `observer` (instead of this client's observer).
    pub fn with_observer(&self, observer: impl AttemptObserver + 'static) -> Self {
        Self {
            shared: Arc::clone(&self.shared),
            observer: Some(ObserverHandle(Arc::new(observer))),
        }
    }

    /// The settings.
    pub fn config(&self) -> &ClientConfig {
        &self.shared.config
    }

    /// The shared limiter.
    pub fn limiter(&self) -> &RateLimiter {
        &self.shared.limiter
    }

    /// The `Host` header sent (and signed).
    pub fn host(&self) -> &str {
        &self.shared.host
    }

    /// Seconds currently added to the local clock when signing (0 until a SignatureExpire was
    /// corrected). A non-zero value means the computer's clock is wrong: tell the user.
    pub fn clock_offset_secs(&self) -> i64 {
        self.shared.clock_offset_secs.load(Ordering::Relaxed)
    }

    /// Set the clock offset (e.g. one remembered from an earlier session).
    pub fn set_clock_offset_secs(&self, offset: i64) {
        self.shared
            .clock_offset_secs
            .store(offset, Ordering::Relaxed);
    }

    /// `CreateOwnNumberApply`. Never retried once the request may have reached Tencent
    /// (timeout, dropped connection, `InternalError`): such failures come back as errors whose
    /// [`may_have_taken_effect`](ClientError::may_have_taken_effect) is true.
    pub async fn create_own_number_apply(
        &self,
        request: &CreateOwnNumberApplyRequest,
    ) -> Result<CreateOwnNumberApplyResponse, ClientError> {
        self.typed(actions::CREATE_OWN_NUMBER_APPLY, request).await
    }

    /// [`create_own_number_apply`](Self::create_own_number_apply) with `hooks` awaited once each
    /// attempt holds its rate-limit slot (before it leaves) and before each backoff.
    pub async fn create_own_number_apply_with(
        &self,
        request: &CreateOwnNumberApplyRequest,
        hooks: &dyn AttemptHooks,
    ) -> Result<CreateOwnNumberApplyResponse, ClientError> {
        let body = serde_json::to_vec(request).map_err(ClientError::Encode)?;
        let action = actions::CREATE_OWN_NUMBER_APPLY;
        let response = self
            .execute_hooked(action, body, false, Some(hooks))
            .await?;
        Self::decode(action, response)
    }

    /// `ModifyOwnNumberApply`; retried like Create (never after an unknown outcome).
    pub async fn modify_own_number_apply(
        &self,
        request: &ModifyOwnNumberApplyRequest,
    ) -> Result<ModifyOwnNumberApplyResponse, ClientError> {
        self.typed(actions::MODIFY_OWN_NUMBER_APPLY, request).await
    }

    /// `DescribeNumbers` (read-only; retried after timeouts and server faults too).
    pub async fn describe_numbers(
        &self,
        request: &DescribeNumbersRequest,
    ) -> Result<DescribeNumbersResponse, ClientError> {
        self.typed(actions::DESCRIBE_NUMBERS, request).await
    }

    /// `DescribeCCCBuyInfoList` (read-only): the natural "test connection" call.
    pub async fn describe_ccc_buy_info_list(
        &self,
        request: &DescribeCccBuyInfoListRequest,
    ) -> Result<DescribeCccBuyInfoListResponse, ClientError> {
        self.typed(actions::DESCRIBE_CCC_BUY_INFO_LIST, request)
            .await
    }

    /// Any action with a JSON body sent byte-for-byte as given. Returns the `Response` object
    /// (including `RequestId`). `Describe*` actions are treated as read-only for retries; every
    /// other action like Create.
    pub async fn call_raw(
        &self,
        action: &str,
        body: impl Into<Vec<u8>>,
    ) -> Result<Map<String, Value>, ClientError> {
        self.execute(action, body.into(), is_read_only_action(action))
            .await
    }

    /// [`call_raw`](Self::call_raw) with a JSON value as the body.
    pub async fn call_json(
        &self,
        action: &str,
        body: &Value,
    ) -> Result<Map<String, Value>, ClientError> {
        let bytes = serde_json::to_vec(body).map_err(ClientError::Encode)?;
        self.call_raw(action, bytes).await
    }

    async fn typed<Req: Serialize, Resp: DeserializeOwned>(
        &self,
        action: &str,
        request: &Req,
    ) -> Result<Resp, ClientError> {
        let body = serde_json::to_vec(request).map_err(ClientError::Encode)?;
        let response = self
            .execute(action, body, is_read_only_action(action))
            .await?;
        Self::decode(action, response)
    }

    fn decode<Resp: DeserializeOwned>(
        action: &str,
        response: Map<String, Value>,
    ) -> Result<Resp, ClientError> {
        let request_id = response
            .get("RequestId")
            .and_then(Value::as_str)
            .map(str::to_owned);
        serde_json::from_value(Value::Object(response)).map_err(|e| ClientError::BadResponse {
            request_id,
            detail: format!("the {action} response does not have the expected fields: {e}"),
        })
    }

    async fn execute(
        &self,
        action: &str,
        body: Vec<u8>,
        read_only: bool,
    ) -> Result<Map<String, Value>, ClientError> {
        self.execute_hooked(action, body, read_only, None).await
    }

    /// The retry loop.
    async fn execute_hooked(
        &self,
        action: &str,
        body: Vec<u8>,
        read_only: bool,
        hooks: Option<&dyn AttemptHooks>,
    ) -> Result<Map<String, Value>, ClientError> {
        let policy = self.shared.config.retry;
        let mut attempt = 0u32;
        let mut counted_attempts = 0u32;
        let mut clock_corrected = false;
        loop {
            attempt += 1;
            counted_attempts += 1;

            let wait_start = Instant::now();
            let permit = self.shared.limiter.acquire(action).await;
            let rate_limit_wait = wait_start.elapsed();

            let started_at_unix_ms = self.shared.config.clock.now_unix_millis();
            let signed_timestamp = started_at_unix_ms.div_euclid(1000) + self.clock_offset_secs();
            let signed = self.sign(action, signed_timestamp, &body)?;
            if let Some(hooks) = hooks
                && !hooks.before_send(attempt).await
            {
                drop(permit);
                return Err(ClientError::NotSent {
                    kind: crate::error::NetworkErrorKind::Other,
                    detail: crate::attempt::WITHHELD.to_owned(),
                });
            }

            let sent_at = Instant::now();
            let outcome = self.send_once(&signed, &body).await;
            drop(permit);
            let base = AttemptBase {
                action: action.to_owned(),
                attempt,
                started_at_unix_ms,
                signed_timestamp,
                latency_ms: millis(sent_at.elapsed()),
                rate_limit_wait_ms: millis(rate_limit_wait),
            };

            let failure = match outcome {
                Ok(response) => {
                    let request_id = response.get("RequestId").and_then(Value::as_str);
                    self.report(AttemptRecord::from_result(
                        base,
                        Ok(request_id),
                        NextStep::Done,
                    ));
                    return Ok(response);
                }
                Err(failure) => failure,
            };

            let class = failure.error.class();
            let next = if class == ErrorClass::ClockSkew && !clock_corrected {
                match failure.server_date {
                    Some(server) => {
                        let local = self.shared.config.clock.now_unix_millis().div_euclid(1000);
                        NextStep::RetryWithClockCorrection {
                            offset_secs: server - local,
                        }
                    }
                    None => NextStep::Done,
                }
            } else if class.auto_retry(read_only) && counted_attempts < policy.max_attempts {
                NextStep::RetryAfterBackoff {
                    delay_ms: millis(policy.random_backoff(counted_attempts)),
                }
            } else {
                NextStep::Done
            };
            let record = AttemptRecord::from_result(base, Err(&failure.error), next);
            if let Some(hooks) = hooks
                && next != NextStep::Done
            {
                hooks.before_backoff(&record).await;
            }
            self.report(record);

            match next {
                NextStep::Done => return Err(failure.error),
                NextStep::RetryAfterBackoff { delay_ms } => {
                    tokio::time::sleep(Duration::from_millis(delay_ms)).await;
                }
                NextStep::RetryWithClockCorrection { offset_secs } => {
                    tracing::warn!(
                        offset_secs,
                        "local clock is off; correcting from the server's Date header"
                    );
                    self.set_clock_offset_secs(offset_secs);
                    clock_corrected = true;
                    // The corrected retry does not use up the retry budget.
                    counted_attempts -= 1;
                }
            }
        }
    }

    /// Signs one attempt (also used by [`Client::prepare`], so a preview is what is sent).
    pub(crate) fn sign(
        &self,
        action: &str,
        timestamp: i64,
        body: &[u8],
    ) -> Result<SignedRequest, ClientError> {
        let config = &self.shared.config;
        let mut params = SigningParams::ccc(&self.shared.host, action, timestamp);
        if let Some(region) = config.region.as_deref() {
            params = params.with_region(region);
        }
        if let Some(language) = config.language {
            params = params.with_language(language.header_value());
        }
        Ok(sign(&self.shared.credentials, &params, body)?)
    }

    async fn send_once(
        &self,
        signed: &SignedRequest,
        body: &[u8],
    ) -> Result<Map<String, Value>, AttemptFailure> {
        let mut request = self
            .shared
            .http
            .post(self.shared.url.clone())
            .body(body.to_vec());
        for (name, value) in &signed.headers {
            // reqwest derives Host from the URL, identical to the signed value (see
            // `Endpoint::host_header`); setting it twice would send two.
            if !name.eq_ignore_ascii_case(HOST.as_str()) {
                request = request.header(name.as_str(), value.as_str());
            }
        }
        let response = request.send().await.map_err(|e| AttemptFailure {
            error: net::classify_send_error(
                &e,
                matches!(self.shared.config.proxy, ProxySetting::Manual(_)),
            ),
            server_date: None,
        })?;
        let status = response.status().as_u16();
        let server_date = response
            .headers()
            .get(DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(|s| httpdate::parse_http_date(s).ok())
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .and_then(|d| i64::try_from(d.as_secs()).ok());
        let bytes = read_capped(response, MAX_RESPONSE_BYTES)
            .await
            .map_err(|error| AttemptFailure { error, server_date })?;
        parse_envelope(status, &bytes).map_err(|error| AttemptFailure { error, server_date })
    }

    fn report(&self, record: AttemptRecord) {
        tracing::debug!(
            action = %record.action,
            attempt = record.attempt,
            latency_ms = record.latency_ms,
            request_id = record.request_id.as_deref().unwrap_or(""),
            error_code = record.error_code.as_deref().unwrap_or(""),
            "CCC attempt"
        );
        if let Some(observer) = &self.observer {
            observer.0.on_attempt(&record);
        }
    }
}

/// The body, refused (outcome unknown) once it passes `cap` bytes, by its declared length before
/// reading or by what arrives.
async fn read_capped(mut response: reqwest::Response, cap: usize) -> Result<Vec<u8>, ClientError> {
    let too_large = |detail: String| ClientError::OutcomeUnknown {
        kind: crate::error::UnknownOutcomeKind::ResponseTooLarge,
        detail,
    };
    if let Some(declared) = response.content_length()
        && declared > u64::try_from(cap).unwrap_or(u64::MAX)
    {
        return Err(too_large(format!(
            "the answer declares {declared} bytes, more than the {cap} bytes read at most"
        )));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| net::classify_body_error(&e))?
    {
        if body.len() + chunk.len() > cap {
            return Err(too_large(format!(
                "the answer passed the {cap} bytes read at most"
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Split Tencent's envelope: the `Response` object on success, an [`ApiError`] when it has an
/// `Error`, and a clear error for anything else.
pub(crate) fn parse_envelope(status: u16, bytes: &[u8]) -> Result<Map<String, Value>, ClientError> {
    let excerpt = || {
        let text = String::from_utf8_lossy(bytes);
        let mut s: String = text.chars().take(BODY_EXCERPT_CHARS).collect();
        if text.chars().count() > BODY_EXCERPT_CHARS {
            s.push('…');
        }
        s
    };
    let parsed: Option<Map<String, Value>> =
        serde_json::from_slice::<Value>(bytes)
            .ok()
            .and_then(|mut v| match v.get_mut("Response").map(Value::take) {
                Some(Value::Object(map)) => Some(map),
                _ => None,
            });
    let Some(mut response) = parsed else {
        return Err(if status == 200 {
            ClientError::BadResponse {
                request_id: None,
                detail: format!("expected {{\"Response\": {{…}}}}, got: {}", excerpt()),
            }
        } else {
            ClientError::HttpStatus {
                status,
                request_id: None,
                body: excerpt(),
            }
        });
    };
    let request_id = response
        .get("RequestId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(error) = response.remove("Error") {
        let code = error.get("Code").and_then(Value::as_str);
        let message = error
            .get("Message")
            .and_then(Value::as_str)
            .unwrap_or_default();
        return match code {
            Some(code) => Err(ClientError::Api(ApiError {
                code: code.to_owned(),
                message: message.to_owned(),
                request_id: request_id.unwrap_or_default(),
            })),
            None => Err(ClientError::BadResponse {
                request_id,
                detail: format!("an Error without a Code: {}", excerpt()),
            }),
        };
    }
    if status != 200 {
        return Err(ClientError::HttpStatus {
            status,
            request_id,
            body: excerpt(),
        });
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_success_error_and_garbage() {
        let ok = parse_envelope(200, br#"{"Response":{"ApplyId":5,"RequestId":"r1"}}"#).unwrap();
        assert_eq!(ok["ApplyId"], 5);
        let err = parse_envelope(
            200,
            br#"{"Response":{"Error":{"Code":"InternalError","Message":"boom"},"RequestId":"r2"}}"#,
        )
        .unwrap_err();
        assert_eq!(err.api_code(), Some("InternalError"));
        assert_eq!(
            err.request_id(),
            Some("r2"),
            "RequestId must be kept on API errors"
        );
        let err = parse_envelope(502, b"<html>Bad Gateway</html>").unwrap_err();
        assert!(
            matches!(err, ClientError::HttpStatus { status: 502, .. }),
            "{err:?}"
        );
        assert!(
            err.may_have_taken_effect(),
            "a gateway error after sending is not a rejection"
        );
        let err = parse_envelope(200, b"not json").unwrap_err();
        assert!(matches!(err, ClientError::BadResponse { .. }), "{err:?}");
        let err = parse_envelope(500, br#"{"Response":{"RequestId":"r3"}}"#).unwrap_err();
        assert_eq!(
            err.request_id(),
            Some("r3"),
            "RequestId kept on HTTP status errors"
        );
    }

    #[test]
    fn read_only_actions_are_the_describe_ones() {
        assert!(is_read_only_action("DescribeNumbers"));
        assert!(is_read_only_action("DescribeCCCBuyInfoList"));
        assert!(!is_read_only_action("CreateOwnNumberApply"));
        assert!(!is_read_only_action("ModifyOwnNumberApply"));
    }
}
