//! The one error type of this crate, and the classification that says what is safe to do.
//!
//! Over 500 lines because it is the spec's error table in code (every known Tencent code, its
//! ErrorClass, what is safe to retry) plus one row_* test per table row.

use std::fmt;

use numdesk_model::NetworkKind;
use numdesk_sign::SignError;
use serde::Serialize;

/// An error returned by Tencent Cloud in the HTTP 200 envelope
/// `{"Response":{"Error":{"Code","Message"},"RequestId"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    /// e.g. `InvalidParameterValue.InstanceNotExist`.
    pub code: String,
    /// Tencent's message (in the language asked for with `X-TC-Language`).
    pub message: String,
    /// Tencent's id of the failed request: quote it to Tencent support.
    pub request_id: String,
}

impl ApiError {
    /// What the code means for the app (the spec's error table).
    pub fn class(&self) -> ErrorClass {
        ErrorClass::of_code(&self.code)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (RequestId {})",
            self.code, self.message, self.request_id
        )
    }
}

/// Every Tencent error code the app has its own handling and message for: each code of the
/// spec's error table ("Errors and what the app does about them"), and the sibling spellings
/// [`ErrorClass::of_code`] also accepts. Families (`RequestLimitExceeded.*`, `InternalError.*`,
/// `InvalidParameter.*`, …) are matched by prefix, so only their bare names are listed.
///
/// The UI's list of codes (`ui/src/bindings/TencentCode.ts`) is generated from this one, and its
/// tests check that each code has a message with a next step in every language.
pub const KNOWN_CODES: &[&str] = &[
    "RequestLimitExceeded",
    "AuthFailure.SignatureExpire",
    "AuthFailure.SecretIdNotFound",
    "AuthFailure.SignatureFailure",
    "AuthFailure.InvalidSecretId",
    "AuthFailure.TokenFailure",
    "AuthFailure.UnauthorizedOperation",
    "FailedOperation.PermissionDenied",
    "InvalidParameterValue.InstanceNotExist",
    "InvalidParameter.InstanceNotExist",
    "InvalidParameter.SipTrunkNotFound",
    "InvalidParameterValue.SipTrunkNotFound",
    "InvalidParameterValue.PhoneNumInvalid",
    "InvalidParameter.DuplicatePhoneNumber",
    "InvalidParameter.IllegalPhoneNumber",
    "InvalidParameter.InvalidPhoneNumber",
    "InvalidParameterValue.DuplicatePhoneNumber",
    "InvalidParameterValue.IllegalPhoneNumber",
    "InvalidParameterValue.InvalidPhoneNumber",
    "InvalidParameterValue.WaitingApprovalOverflow",
    "InvalidParameterValue.ApplyIDNotExist",
    "InvalidParameterValue.ErrorApplyStatus",
    "InvalidParameterValue.AccountNotExist",
    "InternalError",
    "InternalError.DBError",
    "MissingParameter",
    "UnknownParameter",
    "InvalidParameter",
    "InvalidParameterValue",
];

/// Why a request could not be sent. In every case nothing reached Tencent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum NetworkErrorKind {
    /// The host name could not be resolved (offline, wrong DNS, typo in a custom endpoint).
    Dns,
    /// Nothing listens at the address (or a firewall rejected the connection).
    ConnectionRefused,
    /// The server's TLS certificate was not accepted (untrusted, expired, wrong name) — usually
    /// a corporate proxy or antivirus intercepting HTTPS.
    Certificate,
    /// The TLS handshake failed for another reason.
    Tls,
    /// The proxy could not be reached or refused to connect.
    Proxy,
    /// Connecting took longer than the connect timeout.
    ConnectTimeout,
    /// Another connection failure.
    Other,
}

impl NetworkErrorKind {
    /// Its stable name.
    pub const fn network_kind(self) -> NetworkKind {
        match self {
            Self::Dns => NetworkKind::Dns,
            Self::ConnectionRefused => NetworkKind::ConnectionRefused,
            Self::Certificate => NetworkKind::Certificate,
            Self::Tls => NetworkKind::Tls,
            Self::Proxy => NetworkKind::Proxy,
            Self::ConnectTimeout => NetworkKind::ConnectTimeout,
            Self::Other => NetworkKind::Other,
        }
    }
}

impl fmt::Display for NetworkErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Dns => "the server name could not be resolved",
            Self::ConnectionRefused => "the connection was refused",
            Self::Certificate => "the server's certificate was not accepted",
            Self::Tls => "the secure (TLS) connection could not be set up",
            Self::Proxy => "the proxy could not be used",
            Self::ConnectTimeout => "connecting timed out",
            Self::Other => "the connection failed",
        })
    }
}

/// Why the outcome of a sent request is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum UnknownOutcomeKind {
    /// No complete response within the timeout.
    Timeout,
    /// The connection closed or broke after the request was (or may have been) sent.
    ConnectionDropped,
    /// The answer was larger than [`MAX_RESPONSE_BYTES`](crate::MAX_RESPONSE_BYTES) and was not
    /// read: the request arrived, but what it did is unknown.
    ResponseTooLarge,
}

impl UnknownOutcomeKind {
    /// Its stable name.
    pub const fn network_kind(self) -> NetworkKind {
        match self {
            Self::Timeout => NetworkKind::Timeout,
            Self::ConnectionDropped => NetworkKind::ConnectionDropped,
            Self::ResponseTooLarge => NetworkKind::ResponseTooLarge,
        }
    }
}

impl fmt::Display for UnknownOutcomeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Timeout => "no response within the timeout",
            Self::ConnectionDropped => "the connection was dropped before the response arrived",
            Self::ResponseTooLarge => "the answer was too large to read",
        })
    }
}

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// Tencent answered with an error.
    #[error("Tencent Cloud returned an error: {0}")]
    Api(ApiError),

    /// The request never reached Tencent; safe to send again.
    #[error("the request was not sent: {kind} ({detail})")]
    NotSent {
        /// What failed.
        kind: NetworkErrorKind,
        /// Technical detail from the network stack (no secrets).
        detail: String,
    },

    /// The request was (or may have been) sent, and no answer came back. It may have taken
    /// effect: never re-send a CreateOwnNumberApply after this.
    #[error(
        "the outcome is unknown: {kind} ({detail}); the request may have been processed — check \
         the Tencent Cloud console before sending it again"
    )]
    OutcomeUnknown {
        /// What happened.
        kind: UnknownOutcomeKind,
        /// Technical detail (no secrets).
        detail: String,
    },

    /// An HTTP status other than 200 (Tencent answers 200 even for errors, so a proxy or
    /// gateway probably answered).
    #[error(
        "unexpected HTTP status {status} from the server{}: {body}",
        request_id_suffix(request_id)
    )]
    HttpStatus {
        /// The status code.
        status: u16,
        /// RequestId, if the body had one.
        request_id: Option<String>,
        /// Start of the body, for diagnosis.
        body: String,
    },

    /// A 200 response whose body is not the expected JSON.
    #[error(
        "the response could not be understood{}: {detail}",
        request_id_suffix(request_id)
    )]
    BadResponse {
        /// RequestId, if one could be read.
        request_id: Option<String>,
        /// What was wrong.
        detail: String,
    },

    /// A setting is invalid (endpoint, proxy, rate limit, retry policy, timeouts).
    #[error("invalid {setting} `{input}`: {reason}")]
    Config {
        /// Which setting.
        setting: &'static str,
        /// The value given (never a secret).
        input: String,
        /// What is wrong and what is expected.
        reason: String,
    },

    /// Credentials are missing from the environment.
    #[error("{variable} is not set: {hint}")]
    MissingCredentials {
        /// The environment variable.
        variable: &'static str,
        /// What to do.
        hint: &'static str,
    },

    /// The request could not be signed (bad credential characters, clock out of range, …).
    #[error(transparent)]
    Sign(#[from] SignError),

    /// The request body could not be encoded.
    #[error("the request body could not be encoded as JSON: {0}")]
    Encode(#[source] serde_json::Error),

    /// The HTTP client could not be built (e.g. TLS backend unavailable).
    #[error("the HTTP client could not be set up: {detail}")]
    HttpClient {
        /// Detail from the HTTP library.
        detail: String,
    },
}

fn request_id_suffix(request_id: &Option<String>) -> String {
    match request_id {
        Some(id) => format!(" (RequestId {id})"),
        None => String::new(),
    }
}

impl ClientError {
    /// The Tencent RequestId, whenever the server gave one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api(e) => Some(&e.request_id),
            Self::HttpStatus { request_id, .. } | Self::BadResponse { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }

    /// The Tencent error code, for API errors.
    pub fn api_code(&self) -> Option<&str> {
        match self {
            Self::Api(e) => Some(&e.code),
            _ => None,
        }
    }

    /// The API error, if this is one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(e) => Some(e),
            _ => None,
        }
    }

    /// What this error means for the app.
    pub fn class(&self) -> ErrorClass {
        match self {
            Self::Api(e) => e.class(),
            Self::NotSent { .. } => ErrorClass::NotSent,
            Self::OutcomeUnknown { .. } => ErrorClass::OutcomeUnknown,
            Self::HttpStatus { .. } | Self::BadResponse { .. } => ErrorClass::UnexpectedResponse,
            Self::Config { .. }
            | Self::MissingCredentials { .. }
            | Self::Sign(_)
            | Self::Encode(_)
            | Self::HttpClient { .. } => ErrorClass::Local,
        }
    }

    /// Short name of [`class`](Self::class); the same as `retry_class`.
    pub fn retry_class(&self) -> ErrorClass {
        self.class()
    }

    /// Which network failure this is, by its stable name (`None` for Tencent's own errors and
    /// local ones): what the app stores with a failed or unknown application and sends the UI.
    pub fn network_failure(&self) -> Option<NetworkKind> {
        Some(match self {
            Self::NotSent { kind, .. } => kind.network_kind(),
            Self::OutcomeUnknown { kind, .. } => kind.network_kind(),
            Self::HttpStatus { .. } => NetworkKind::HttpStatus,
            Self::BadResponse { .. } => NetworkKind::BadResponse,
            _ => return None,
        })
    }

    /// True when the request may have taken effect at Tencent although no success was seen:
    /// the app must mark it "outcome unknown" and never re-send it blindly.
    pub fn may_have_taken_effect(&self) -> bool {
        self.class().may_have_taken_effect()
    }
}

/// The spec's error table: what happened and what is safe to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ErrorClass {
    /// `RequestLimitExceeded[.*]`: rejected for rate; back off with jitter and retry.
    RateLimited,
    /// `AuthFailure.SignatureExpire`: the local clock is off; retry once after correcting.
    ClockSkew,
    /// Wrong/disabled key, wrong site (China vs International), whitespace in a key.
    Auth,
    /// The key's CAM policy lacks the permission for this action.
    Permission,
    /// The SdkAppId is not in this account/site.
    InstanceNotFound,
    /// The SipTrunkId is unknown.
    SipTrunkNotFound,
    /// A number is bad, in use or repeated.
    InvalidPhoneNumber,
    /// Too many applications pending review: pause the queue.
    WaitingApprovalOverflow,
    /// (Modify) the application does not exist.
    ApplyNotFound,
    /// (Modify) the application can no longer be changed.
    ApplyNotEditable,
    /// `InternalError[.*]`: a server fault after the request arrived; it may have taken effect.
    ServerFault,
    /// Request shape wrong (`MissingParameter`, `UnknownParameter`, `InvalidParameter[Value].*`).
    BadRequest,
    /// Nothing reached Tencent (DNS, connection refused, TLS, proxy).
    NotSent,
    /// Sent, and no answer: timeout or dropped connection.
    OutcomeUnknown,
    /// A non-200 status or an unreadable body (probably a proxy or gateway).
    UnexpectedResponse,
    /// A Tencent code the spec's table does not list for this API (`FailedOperation`,
    /// `ResourceUnavailable`, …): no proof that a write did not happen, so for Create and
    /// Modify it means *outcome unknown*.
    OtherApi,
    /// A local problem: settings, credentials, signing, encoding.
    Local,
}

impl ErrorClass {
    /// Every class, in declaration order.
    pub const ALL: [Self; 17] = [
        Self::RateLimited,
        Self::ClockSkew,
        Self::Auth,
        Self::Permission,
        Self::InstanceNotFound,
        Self::SipTrunkNotFound,
        Self::InvalidPhoneNumber,
        Self::WaitingApprovalOverflow,
        Self::ApplyNotFound,
        Self::ApplyNotEditable,
        Self::ServerFault,
        Self::BadRequest,
        Self::NotSent,
        Self::OutcomeUnknown,
        Self::UnexpectedResponse,
        Self::OtherApi,
        Self::Local,
    ];

    /// The class's stable name (its variant name, as serialised): stored as the error code of
    /// failures that have no Tencent code (e.g. `OutcomeUnknown`, `NotSent`).
    pub fn name(self) -> &'static str {
        match self {
            Self::RateLimited => "RateLimited",
            Self::ClockSkew => "ClockSkew",
            Self::Auth => "Auth",
            Self::Permission => "Permission",
            Self::InstanceNotFound => "InstanceNotFound",
            Self::SipTrunkNotFound => "SipTrunkNotFound",
            Self::InvalidPhoneNumber => "InvalidPhoneNumber",
            Self::WaitingApprovalOverflow => "WaitingApprovalOverflow",
            Self::ApplyNotFound => "ApplyNotFound",
            Self::ApplyNotEditable => "ApplyNotEditable",
            Self::ServerFault => "ServerFault",
            Self::BadRequest => "BadRequest",
            Self::NotSent => "NotSent",
            Self::OutcomeUnknown => "OutcomeUnknown",
            Self::UnexpectedResponse => "UnexpectedResponse",
            Self::OtherApi => "OtherApi",
            Self::Local => "Local",
        }
    }

    /// Classify a Tencent error code.
    pub fn of_code(code: &str) -> Self {
        let is = |prefix: &str| code == prefix || code.starts_with(&format!("{prefix}."));
        match code {
            _ if is("RequestLimitExceeded") => Self::RateLimited,
            "AuthFailure.SignatureExpire" => Self::ClockSkew,
            "AuthFailure.UnauthorizedOperation" | "FailedOperation.PermissionDenied" => {
                Self::Permission
            }
            // No CCC service on this site for the account: the key belongs to the other site.
            _ if is("AuthFailure") || code == "InvalidParameterValue.AccountNotExist" => Self::Auth,
            "InvalidParameterValue.InstanceNotExist" | "InvalidParameter.InstanceNotExist" => {
                Self::InstanceNotFound
            }
            "InvalidParameter.SipTrunkNotFound" | "InvalidParameterValue.SipTrunkNotFound" => {
                Self::SipTrunkNotFound
            }
            "InvalidParameterValue.PhoneNumInvalid"
            | "InvalidParameter.DuplicatePhoneNumber"
            | "InvalidParameter.IllegalPhoneNumber"
            | "InvalidParameter.InvalidPhoneNumber"
            | "InvalidParameterValue.DuplicatePhoneNumber"
            | "InvalidParameterValue.IllegalPhoneNumber"
            | "InvalidParameterValue.InvalidPhoneNumber" => Self::InvalidPhoneNumber,
            "InvalidParameterValue.WaitingApprovalOverflow" => Self::WaitingApprovalOverflow,
            "InvalidParameterValue.ApplyIDNotExist" => Self::ApplyNotFound,
            "InvalidParameterValue.ErrorApplyStatus" => Self::ApplyNotEditable,
            _ if is("InternalError") => Self::ServerFault,
            _ if is("MissingParameter")
                || is("UnknownParameter")
                || is("InvalidParameter")
                || is("InvalidParameterValue") =>
            {
                Self::BadRequest
            }
            _ => Self::OtherApi,
        }
    }

    /// Whether the client may retry automatically (with backoff), for an action that creates or
    /// changes something (`idempotent == false`) or a read-only one (`idempotent == true`).
    ///
    /// `ClockSkew` is retried exactly once, after correcting the clock, and only when the
    /// response carried a `Date` header; that is decided by the client, not here.
    pub fn auto_retry(self, idempotent: bool) -> bool {
        match self {
            Self::RateLimited | Self::NotSent => true,
            Self::ServerFault | Self::OutcomeUnknown | Self::UnexpectedResponse => idempotent,
            _ => false,
        }
    }

    /// True when the request may have taken effect although no success was seen. An
    /// undocumented code is no proof that a write did not happen.
    pub fn may_have_taken_effect(self) -> bool {
        matches!(
            self,
            Self::ServerFault | Self::OutcomeUnknown | Self::UnexpectedResponse | Self::OtherApi
        )
    }

    /// True when Tencent (or at least a server) certainly rejected the request without acting
    /// on it.
    pub fn certainly_not_applied(self) -> bool {
        !self.may_have_taken_effect()
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorClass::{self, *};
    use super::KNOWN_CODES;

    /// The codes of the spec's error table (API.md, "Errors and what the app does about
    /// them"), copied here as the spec: the file lives outside the repository.
    const SPEC_TABLE_CODES: &[&str] = &[
        "RequestLimitExceeded",
        "AuthFailure.SignatureExpire",
        "AuthFailure.SecretIdNotFound",
        "AuthFailure.SignatureFailure",
        "AuthFailure.InvalidSecretId",
        "AuthFailure.TokenFailure",
        "AuthFailure.UnauthorizedOperation",
        "FailedOperation.PermissionDenied",
        "InvalidParameterValue.InstanceNotExist",
        "InvalidParameter.InstanceNotExist",
        "InvalidParameter.SipTrunkNotFound",
        "InvalidParameterValue.PhoneNumInvalid",
        "InvalidParameter.DuplicatePhoneNumber",
        "InvalidParameter.IllegalPhoneNumber",
        "InvalidParameter.InvalidPhoneNumber",
        "InvalidParameterValue.WaitingApprovalOverflow",
        "InvalidParameterValue.ApplyIDNotExist",
        "InvalidParameterValue.ErrorApplyStatus",
        "InternalError",
        "InternalError.DBError",
        "MissingParameter",
        "UnknownParameter",
        "InvalidParameter",
        "InvalidParameterValue",
    ];

    #[test]
    fn known_codes_cover_every_code_of_the_spec_table() {
        for code in SPEC_TABLE_CODES {
            assert!(
                KNOWN_CODES.contains(code),
                "rule: every code in the spec's error table has a message in the UI; {code} is \
                 missing from KNOWN_CODES"
            );
        }
    }

    #[test]
    fn every_known_code_is_classified_and_listed_once() {
        for (i, code) in KNOWN_CODES.iter().enumerate() {
            assert_ne!(
                class(code),
                OtherApi,
                "rule: a known code has specific handling; {code} falls through to OtherApi"
            );
            assert!(
                !KNOWN_CODES[..i].contains(code),
                "{code} is listed twice in KNOWN_CODES"
            );
        }
    }

    #[test]
    fn class_names_are_the_serialised_variant_names() {
        for c in ErrorClass::ALL {
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                serde_json::json!(c.name()),
                "rule: the stored name of a class matches its JSON and the UI's list"
            );
        }
    }

    fn class(code: &str) -> ErrorClass {
        ErrorClass::of_code(code)
    }

    // One test per row of the spec's error table ("Errors and what the app does about them").

    #[test]
    fn row_request_limit_exceeded_is_retried_for_every_action() {
        for code in [
            "RequestLimitExceeded",
            "RequestLimitExceeded.UinLimitExceeded",
        ] {
            assert_eq!(class(code), RateLimited, "{code}");
            assert!(
                RateLimited.auto_retry(false),
                "rate limit: server rejected, safe to retry"
            );
            assert!(RateLimited.certainly_not_applied());
        }
        assert_eq!(
            class("RequestLimitExceededX"),
            OtherApi,
            "prefix must match whole segment"
        );
    }

    #[test]
    fn row_signature_expire_is_clock_skew_not_plain_auth() {
        assert_eq!(class("AuthFailure.SignatureExpire"), ClockSkew);
        assert!(
            !ClockSkew.auto_retry(false),
            "only the single corrected retry, never backoff"
        );
        assert!(ClockSkew.certainly_not_applied());
    }

    #[test]
    fn row_bad_key_or_wrong_site_is_auth_and_not_retried() {
        for code in [
            "AuthFailure.SecretIdNotFound",
            "AuthFailure.SignatureFailure",
            "AuthFailure.InvalidSecretId",
            "AuthFailure.TokenFailure",
        ] {
            assert_eq!(class(code), Auth, "{code}");
        }
        assert!(!Auth.auto_retry(false) && !Auth.auto_retry(true));
    }

    #[test]
    fn row_missing_cam_permission_is_permission() {
        assert_eq!(class("AuthFailure.UnauthorizedOperation"), Permission);
        assert_eq!(class("FailedOperation.PermissionDenied"), Permission);
        assert!(!Permission.auto_retry(true));
    }

    #[test]
    fn row_unknown_sdk_app_id_is_instance_not_found() {
        assert_eq!(
            class("InvalidParameterValue.InstanceNotExist"),
            InstanceNotFound
        );
        assert_eq!(class("InvalidParameter.InstanceNotExist"), InstanceNotFound);
        assert!(!InstanceNotFound.auto_retry(true));
    }

    #[test]
    fn row_unknown_sip_trunk() {
        assert_eq!(class("InvalidParameter.SipTrunkNotFound"), SipTrunkNotFound);
        assert!(!SipTrunkNotFound.auto_retry(true));
    }

    #[test]
    fn row_bad_numbers() {
        for code in [
            "InvalidParameterValue.PhoneNumInvalid",
            "InvalidParameter.DuplicatePhoneNumber",
            "InvalidParameter.IllegalPhoneNumber",
            "InvalidParameter.InvalidPhoneNumber",
        ] {
            assert_eq!(class(code), InvalidPhoneNumber, "{code}");
        }
        assert!(!InvalidPhoneNumber.auto_retry(false));
    }

    #[test]
    fn row_waiting_approval_overflow_pauses_instead_of_retrying() {
        assert_eq!(
            class("InvalidParameterValue.WaitingApprovalOverflow"),
            WaitingApprovalOverflow
        );
        assert!(!WaitingApprovalOverflow.auto_retry(false));
        assert!(WaitingApprovalOverflow.certainly_not_applied());
    }

    #[test]
    fn row_modify_unknown_or_locked_application() {
        assert_eq!(
            class("InvalidParameterValue.ApplyIDNotExist"),
            ApplyNotFound
        );
        assert_eq!(
            class("InvalidParameterValue.ErrorApplyStatus"),
            ApplyNotEditable
        );
        assert!(!ApplyNotFound.auto_retry(false) && !ApplyNotEditable.auto_retry(false));
    }

    #[test]
    fn row_internal_error_may_have_taken_effect_so_create_is_not_retried() {
        assert_eq!(class("InternalError"), ServerFault);
        assert_eq!(class("InternalError.DBError"), ServerFault);
        assert!(
            !ServerFault.auto_retry(false),
            "the application may exist: never blind retry"
        );
        assert!(
            ServerFault.auto_retry(true),
            "a read-only Describe may be retried"
        );
        assert!(ServerFault.may_have_taken_effect());
    }

    #[test]
    fn row_network_error_before_sending_is_retried() {
        assert!(
            NotSent.auto_retry(false),
            "nothing reached Tencent: safe for Create too"
        );
        assert!(NotSent.certainly_not_applied());
    }

    #[test]
    fn row_timeout_or_dropped_connection_is_never_retried_for_create() {
        assert!(
            !OutcomeUnknown.auto_retry(false),
            "outcome unknown: never re-send a Create"
        );
        assert!(
            OutcomeUnknown.auto_retry(true),
            "Describe may be retried after a timeout"
        );
        assert!(OutcomeUnknown.may_have_taken_effect());
    }

    #[test]
    fn row_wrong_request_shape_is_bad_request() {
        for code in [
            "MissingParameter",
            "UnknownParameter",
            "InvalidParameter",
            "InvalidParameterValue",
            "InvalidParameter.Whatever",
            "InvalidParameterValue.Other",
            "MissingParameter.X",
        ] {
            assert_eq!(class(code), BadRequest, "{code}");
        }
        assert!(!BadRequest.auto_retry(true));
    }

    #[test]
    fn unlisted_codes_are_other_and_not_retried() {
        assert_eq!(class("ResourceNotFound"), OtherApi);
        assert_eq!(class("UnsupportedOperation"), OtherApi);
        assert_eq!(class("FailedOperation"), OtherApi);
        assert_eq!(class("ResourceUnavailable"), OtherApi);
        assert!(!OtherApi.auto_retry(true));
        assert!(
            OtherApi.may_have_taken_effect(),
            "rule: an undocumented code answered to a write means outcome unknown, never failed"
        );
        assert_eq!(
            class("InvalidParameterValue.AccountNotExist"),
            Auth,
            "rule: no CCC service on this site is a key/site problem, not bad data"
        );
    }
}
