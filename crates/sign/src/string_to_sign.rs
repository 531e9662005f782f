//! Step 3: the credential scope and the string to sign.

use sha2::{Digest, Sha256};

use crate::{ALGORITHM, SCOPE_TERMINATOR};

/// `<date>/<service>/tc3_request`, where `date` is the UTC date of the timestamp (see
/// [`utc_date`](crate::utc_date)).
pub fn credential_scope(date: &str, service: &str) -> String {
    format!("{date}/{service}/{SCOPE_TERMINATOR}")
}

/// Lowercase hex SHA-256 of the canonical request text.
pub fn canonical_request_hash(canonical_request: &str) -> String {
    hex::encode(Sha256::digest(canonical_request.as_bytes()))
}

/// `TC3-HMAC-SHA256\n<timestamp>\n<credential_scope>\n<hex(sha256(canonical_request))>`.
pub fn string_to_sign(timestamp: i64, credential_scope: &str, canonical_request: &str) -> String {
    string_to_sign_with_hash(
        timestamp,
        credential_scope,
        &canonical_request_hash(canonical_request),
    )
}

/// Same as [`string_to_sign`], from an already computed [`canonical_request_hash`].
pub fn string_to_sign_with_hash(
    timestamp: i64,
    credential_scope: &str,
    canonical_request_hash: &str,
) -> String {
    format!("{ALGORITHM}\n{timestamp}\n{credential_scope}\n{canonical_request_hash}")
}
