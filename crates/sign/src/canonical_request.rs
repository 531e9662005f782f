//! Step 1: the canonical request.

use sha2::{Digest, Sha256};

use crate::SIGNED_HEADERS;

/// Lowercase hex SHA-256 of the request body.
///
/// The body hashed must be byte-for-byte the body sent: hash the exact bytes that go on the wire
/// (for JSON, the serialised UTF-8 bytes, not a re-serialisation).
pub fn payload_hash(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// The canonical request for a `POST /` with no query string, signing `content-type` and `host`.
///
/// ```text
/// POST
/// /
///
/// content-type:<content_type>
/// host:<host>
///
/// content-type;host
/// <payload_hash>
/// ```
///
/// `content_type` and `host` are used verbatim (Tencent does not lowercase or trim them), so they
/// must be exactly the `Content-Type` and `Host` header values sent, including any `:port`.
pub fn canonical_request(content_type: &str, host: &str, payload_hash: &str) -> String {
    let mut out = String::with_capacity(
        "POST\n/\n\ncontent-type:\nhost:\n\n\n".len()
            + content_type.len()
            + host.len()
            + SIGNED_HEADERS.len()
            + payload_hash.len(),
    );
    out.push_str("POST\n/\n\n");
    out.push_str("content-type:");
    out.push_str(content_type);
    out.push_str("\nhost:");
    out.push_str(host);
    out.push_str("\n\n");
    out.push_str(SIGNED_HEADERS);
    out.push('\n');
    out.push_str(payload_hash);
    out
}
