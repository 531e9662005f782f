//! The public Tencent "Signature v3" vector (see tests/vectors/README.md), every step asserted.

// Test helpers outside #[test] fns: clippy's allow-expect-in-tests does not cover them.
#![allow(clippy::expect_used)]

use numdesk_sign::{
    ALGORITHM, Credentials, SigningParams, authorization, canonical_request,
    canonical_request_hash, credential_scope, payload_hash, sign, signature, signing_key,
    string_to_sign, utc_date,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Vector {
    input: Input,
    expected: Expected,
}

#[derive(Deserialize)]
struct Input {
    secret_id: String,
    secret_key: String,
    timestamp: i64,
    service: String,
    host: String,
    action: String,
    version: String,
    region: String,
    content_type: String,
    body: String,
}

#[derive(Deserialize)]
struct Expected {
    payload_hash: String,
    canonical_request: String,
    canonical_request_hash: String,
    date: String,
    credential_scope: String,
    string_to_sign: String,
    signature: String,
    authorization: String,
}

fn load() -> Vector {
    let text = include_str!("vectors/tencent-signature-v3.json");
    serde_json::from_str(text).expect("vector file is valid JSON")
}

#[test]
fn vector_file_holds_the_published_values() {
    let v = load();
    // The values the spec quotes from Tencent's page; guards against editing the JSON by mistake.
    assert_eq!(
        v.expected.payload_hash, "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
        "vector file must keep Tencent's published payload hash"
    );
    assert_eq!(
        v.expected.canonical_request_hash,
        "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
        "vector file must keep Tencent's published canonical request hash"
    );
    assert_eq!(
        v.expected.signature, "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
        "vector file must keep Tencent's published signature"
    );
    assert!(
        v.input.body.contains(r"\u672a") && v.input.body.is_ascii(),
        "the published body carries literal ASCII \\u escapes, not decoded Chinese characters"
    );
}

#[test]
fn each_step_matches_the_published_vector() {
    let v = load();
    let (i, e) = (&v.input, &v.expected);

    let hash = payload_hash(i.body.as_bytes());
    assert_eq!(
        hash, e.payload_hash,
        "step 1: payload hash is lowercase hex sha256 of the body"
    );

    let creq = canonical_request(&i.content_type, &i.host, &hash);
    assert_eq!(
        creq, e.canonical_request,
        "step 2: canonical request text, lines joined by \\n"
    );
    assert_eq!(
        canonical_request_hash(&creq),
        e.canonical_request_hash,
        "step 2: canonical request hash"
    );

    let date = utc_date(i.timestamp).expect("timestamp in range");
    assert_eq!(
        date, e.date,
        "step 3: the date is the UTC date (2019-02-25), not UTC+8 (02-26)"
    );

    let scope = credential_scope(&date, &i.service);
    assert_eq!(
        scope, e.credential_scope,
        "step 3: credential scope <date>/<service>/tc3_request"
    );

    let sts = string_to_sign(i.timestamp, &scope, &creq);
    assert_eq!(sts, e.string_to_sign, "step 3: string to sign");
    assert!(
        sts.starts_with(ALGORITHM),
        "string to sign starts with the algorithm name"
    );

    let key = signing_key(&i.secret_key.as_str().into(), &date, &i.service);
    let sig = signature(&key, &sts);
    assert_eq!(
        sig, e.signature,
        "step 4: signature with the key derived from TC3+SecretKey"
    );

    let authz = authorization(&i.secret_id, &scope, &sig);
    assert_eq!(
        authz, e.authorization,
        "step 5: Authorization header format"
    );
}

#[test]
fn full_sign_matches_the_published_vector() {
    let v = load();
    let (i, e) = (&v.input, &v.expected);
    let credentials = Credentials::new(i.secret_id.as_str(), i.secret_key.as_str());
    let params = SigningParams {
        service: &i.service,
        host: &i.host,
        action: &i.action,
        version: &i.version,
        region: Some(&i.region),
        language: None,
        content_type: &i.content_type,
        timestamp: i.timestamp,
    };
    let signed = sign(&credentials, &params, i.body.as_bytes()).expect("vector signs");

    assert_eq!(signed.payload_hash, e.payload_hash, "sign(): payload hash");
    assert_eq!(
        signed.canonical_request, e.canonical_request,
        "sign(): canonical request"
    );
    assert_eq!(
        signed.canonical_request_hash, e.canonical_request_hash,
        "sign(): creq hash"
    );
    assert_eq!(signed.date, e.date, "sign(): UTC date");
    assert_eq!(
        signed.credential_scope, e.credential_scope,
        "sign(): credential scope"
    );
    assert_eq!(
        signed.string_to_sign, e.string_to_sign,
        "sign(): string to sign"
    );
    assert_eq!(signed.signature, e.signature, "sign(): signature");
    assert_eq!(
        signed.authorization, e.authorization,
        "sign(): Authorization"
    );

    let expected_headers: Vec<(String, String)> = [
        ("Authorization", e.authorization.as_str()),
        ("Content-Type", "application/json; charset=utf-8"),
        ("Host", "cvm.tencentcloudapi.com"),
        ("X-TC-Action", "DescribeInstances"),
        ("X-TC-Timestamp", "1551113065"),
        ("X-TC-Version", "2017-03-12"),
        ("X-TC-Region", "ap-guangzhou"),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(
        signed.headers, expected_headers,
        "headers in the documented order; region present because set; no token, no language"
    );
}
