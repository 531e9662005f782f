//! Signatures pinned from an independent implementation.
//!
//! Every expected value below was computed once, by hand, with Python 3's standard library
//! (`hashlib.sha256`, `hmac.new(..., hashlib.sha256)`, `datetime.fromtimestamp(ts, timezone.utc)`)
//! following the spec's steps 1–5 literally, e.g. for the first test:
//!
//! ```python
//! ph = hashlib.sha256(body).hexdigest()
//! cr = "POST\n/\n\ncontent-type:%s\nhost:%s\n\ncontent-type;host\n%s" % (ct, host, ph)
//! date = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%d")
//! scope = "%s/ccc/tc3_request" % date
//! sts = "TC3-HMAC-SHA256\n%d\n%s\n%s" % (ts, scope, hashlib.sha256(cr.encode()).hexdigest())
//! k = hmac.new(("TC3" + sk).encode(), date.encode(), hashlib.sha256).digest()
//! k = hmac.new(k, b"ccc", hashlib.sha256).digest()
//! k = hmac.new(k, b"tc3_request", hashlib.sha256).digest()
//! sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
//! ```
//!
//! The keys are made up for these tests.

use numdesk_sign::{Credentials, SecretKey, SigningParams, sign, signing_key};

const SECRET_ID: &str = "AKIDnumdeskCrossCheck0000000000000";
const SECRET_KEY: &str = "numdeskCrossCheckSecretKey000000";
const HOST: &str = "ccc.intl.tencentcloudapi.com";
/// A CreateOwnNumberApply body, compact JSON as serde_json writes it.
const BODY: &str = r#"{"SdkAppId":1400000000,"SipTrunkId":12345,"DetailList":[{"CallType":2,"PhoneNumber":"02012345678","MaxCallCount":10,"MaxCallPSec":5,"OutboundCalleeFormat":"{+E.164}"}]}"#;

#[test]
fn ccc_create_own_number_apply_matches_python() {
    // 1735689600 = 2025-01-01T00:00:00Z
    let params = SigningParams::ccc(HOST, "CreateOwnNumberApply", 1735689600);
    let signed = sign(
        &Credentials::new(SECRET_ID, SECRET_KEY),
        &params,
        BODY.as_bytes(),
    )
    .expect("valid CCC request signs");
    assert_eq!(
        signed.payload_hash, "52f43b8880e7b11ee1fa4ab5e06196b96cc6d97fda1f3f6755c24b4d70224d73",
        "payload hash must equal Python hashlib.sha256 of the body bytes"
    );
    assert_eq!(signed.date, "2025-01-01", "UTC date of 1735689600");
    assert_eq!(
        signing_key(&SecretKey::new(SECRET_KEY), "2025-01-01", "ccc")
            .expose_bytes()
            .as_slice(),
        hex::decode("4224b1f434b9e808f09b9fd91c99729fa931f4160c7332f611c6431daf19a4ed")
            .expect("hex")
            .as_slice(),
        "derived k_signing must equal Python's HMAC chain"
    );
    assert_eq!(
        signed.signature, "466f17f66807fe1d1094c4c71d8d30aeea56152af0a7dfbe6ee230a9e1287fcd",
        "CCC signature must equal the independent Python computation"
    );
}

#[test]
fn loopback_host_with_port_matches_python() {
    // 1735689599 = 2024-12-31T23:59:59Z; host with port as the sandbox server is reached.
    let params = SigningParams::ccc("127.0.0.1:8080", "CreateOwnNumberApply", 1735689599);
    let signed = sign(
        &Credentials::new(SECRET_ID, SECRET_KEY),
        &params,
        BODY.as_bytes(),
    )
    .expect("valid loopback request signs");
    assert_eq!(
        signed.date, "2024-12-31",
        "one second before UTC midnight is still 12-31"
    );
    assert_eq!(
        signed.signature, "66cfe38efde186573ad3299e8a443f3dd57ac11fda67934532ced2e2ff0f42a1",
        "signature over host 127.0.0.1:8080 must equal the independent Python computation"
    );
}

#[test]
fn raw_utf8_chinese_body_matches_python() {
    // Raw UTF-8 bytes (not \u escapes): Python '...'.encode("utf-8"), 56 bytes.
    let body = r#"{"Remark":"未命名号码","PhoneNumber":"02012345678"}"#;
    assert_eq!(
        body.len(),
        56,
        "the body is the 56 raw UTF-8 bytes Python hashed"
    );
    let params = SigningParams::ccc(HOST, "CreateOwnNumberApply", 1735689600);
    let signed = sign(
        &Credentials::new(SECRET_ID, SECRET_KEY),
        &params,
        body.as_bytes(),
    )
    .expect("non-ASCII body signs");
    assert_eq!(
        signed.payload_hash, "46f812190b20b09173cd0355ab759952618dfcc685903f23c06c04db88ae7e5a",
        "non-ASCII body must be hashed byte-exact as UTF-8"
    );
    let escaped = r#"{"Remark":"\u672a\u547d\u540d\u53f7\u7801","PhoneNumber":"02012345678"}"#;
    assert_ne!(
        numdesk_sign::payload_hash(escaped.as_bytes()),
        signed.payload_hash,
        "the same JSON with \\u escapes is different bytes, so it must hash differently"
    );
    assert_eq!(
        signed.signature, "2503bdc3cfea37644fb5a9699165491c406bb1bcbc49dd795f759ca6ef9153ea",
        "signature over a raw UTF-8 body must equal the independent Python computation"
    );
}

/// HMAC keys longer than the 64-byte SHA-256 block are hashed first; shorter ones zero-padded.
/// "TC3" + 61 bytes is exactly one block, + 62 bytes is one over.
#[test]
fn secret_keys_around_the_hmac_block_size_match_python() {
    let cases = [
        (
            "K".repeat(61),
            "7d533b478f9de69d2f068ecc6cb376e7530f372c10bb02478d15f1d48783374a",
        ),
        (
            "K".repeat(62),
            "0c164619d7ec91429ce536fa3656f7e07dd751d83a861051667f33c81e0351a0",
        ),
        (
            "L".repeat(100),
            "61f2ae37b84fac2865671b61daf2b9f219bfc7b8e39f4c0294ef2d2b775cd26e",
        ),
    ];
    for (secret_key, expected) in cases {
        let params = SigningParams::ccc(HOST, "CreateOwnNumberApply", 1735689600);
        let signed = sign(
            &Credentials::new(SECRET_ID, secret_key.as_str()),
            &params,
            b"{}",
        )
        .expect("long key signs");
        assert_eq!(
            signed.signature,
            expected,
            "HMAC with a {}-byte key (TC3 + SecretKey) must equal Python's hmac",
            3 + secret_key.len()
        );
    }
}
