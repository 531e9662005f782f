//! TC3-HMAC-SHA256 request signing for Tencent Cloud API 3.0.
//!
//! Built like `aws-sigv4`: a pure crate with no I/O and no clock. Every step of the algorithm is
//! a separate public function so it can be tested on its own against published vectors:
//!
//! 1. [`payload_hash`] and [`canonical_request()`] (module [`mod@canonical_request`])
//! 2. [`utc_date`] (module [`date`])
//! 3. [`credential_scope`] and [`string_to_sign()`] (module [`mod@string_to_sign`])
//! 4. [`signing_key`], [`signature`] and [`authorization`] (module [`signing`])
//!
//! [`sign`] (module [`request`]) validates its input and runs all steps, returning every intermediate
//! value plus the headers to send. The timestamp is always a parameter: re-sign every attempt.
//!
//! ```
//! use numdesk_sign::{Credentials, SigningParams, sign};
//!
//! let credentials = Credentials::new("AKIDexample", "secretexample");
//! let body = br#"{"SdkAppId":1400000000,"SipTrunkId":1,"DetailList":[]}"#;
//! let params = SigningParams::ccc("ccc.intl.tencentcloudapi.com", "CreateOwnNumberApply", 1735689600)
//!     .with_language("en-US");
//! let signed = sign(&credentials, &params, body)?;
//! assert_eq!(signed.date, "2025-01-01");
//! assert!(signed.header("authorization").unwrap().starts_with("TC3-HMAC-SHA256 Credential=AKIDexample/2025-01-01/ccc/tc3_request, SignedHeaders=content-type;host, Signature="));
//! assert_eq!(signed.headers.len(), 7); // six required headers plus X-TC-Language
//! # Ok::<(), numdesk_sign::SignError>(())
//! ```

pub mod canonical_request;
pub mod date;
pub mod error;
pub mod params;
pub mod request;
pub mod secret;
pub mod signing;
pub mod string_to_sign;
mod validate;

pub use canonical_request::{canonical_request, payload_hash};
pub use date::utc_date;
pub use error::{CredentialField, SignError};
pub use params::SigningParams;
pub use request::{SignedRequest, sign};
pub use secret::{Credentials, SecretKey};
pub use signing::{SigningKey, authorization, signature, signing_key};
pub use string_to_sign::{
    canonical_request_hash, credential_scope, string_to_sign, string_to_sign_with_hash,
};

/// The signing algorithm name, first line of the string to sign and of the Authorization header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// Terminator of the credential scope (`<date>/<service>/tc3_request`).
pub const SCOPE_TERMINATOR: &str = "tc3_request";

/// Headers covered by the signature, in canonical order.
pub const SIGNED_HEADERS: &str = "content-type;host";
