//! Step 4: the derived signing key, the signature and the Authorization header.

use std::fmt;

use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::{ALGORITHM, SCOPE_TERMINATOR, SIGNED_HEADERS, SecretKey};

type HmacSha256 = Hmac<Sha256>;

/// SHA-256 block size: HMAC keys are hashed down to or zero-padded up to this length.
const BLOCK_LEN: usize = 64;

/// The derived key `k_signing` (32 bytes). Zeroed on drop; `Debug` prints `SigningKey(***)`.
///
/// It depends only on the secret key, the UTC date and the service, so a caller may keep one per
/// day and service; it is worthless on any other date.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SigningKey([u8; 32]);

impl SigningKey {
    /// The raw key bytes. Only for comparing against an independent computation.
    pub fn expose_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(***)")
    }
}

/// HMAC-SHA256 (RFC 2104) without a fallible constructor.
///
/// RFC 2104 hashes keys longer than the block and zero-pads shorter ones to the block length;
/// doing that here lets us use the infallible fixed-size `KeyInit::new` of the `hmac` crate.
fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut block = Zeroizing::new([0u8; BLOCK_LEN]);
    if key.len() > BLOCK_LEN {
        let digest = Sha256::digest(key);
        block[..digest.len()].copy_from_slice(&digest);
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut mac = <HmacSha256 as KeyInit>::new(&(*block).into());
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// `k_signing = HMAC(HMAC(HMAC("TC3" + SecretKey, date), service), "tc3_request")`.
///
/// `date` is the UTC date of the request timestamp ([`utc_date`](crate::utc_date)).
pub fn signing_key(secret_key: &SecretKey, date: &str, service: &str) -> SigningKey {
    let secret = secret_key.expose_secret().as_bytes();
    let mut k_secret = Zeroizing::new(Vec::with_capacity(3 + secret.len()));
    k_secret.extend_from_slice(b"TC3");
    k_secret.extend_from_slice(secret);
    let k_date = Zeroizing::new(hmac_sha256(&k_secret, date.as_bytes()));
    let k_service = Zeroizing::new(hmac_sha256(&*k_date, service.as_bytes()));
    SigningKey(hmac_sha256(&*k_service, SCOPE_TERMINATOR.as_bytes()))
}

/// Lowercase hex `HMAC(k_signing, string_to_sign)`.
pub fn signature(key: &SigningKey, string_to_sign: &str) -> String {
    hex::encode(hmac_sha256(&key.0, string_to_sign.as_bytes()))
}

/// `TC3-HMAC-SHA256 Credential=<SecretId>/<credential_scope>, SignedHeaders=content-type;host,
/// Signature=<signature>`.
pub fn authorization(secret_id: &str, credential_scope: &str, signature: &str) -> String {
    format!(
        "{ALGORITHM} Credential={secret_id}/{credential_scope}, \
         SignedHeaders={SIGNED_HEADERS}, Signature={signature}"
    )
}
