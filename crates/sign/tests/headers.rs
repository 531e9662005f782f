//! Headers to send: order, optional headers only when set, Host verbatim.

use numdesk_sign::{Credentials, SigningParams, sign};

const TS: i64 = 1735689600;

fn names(headers: &[(String, String)]) -> Vec<&str> {
    headers.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn ccc_defaults_send_exactly_the_six_required_headers_in_order() {
    let params = SigningParams::ccc("ccc.intl.tencentcloudapi.com", "CreateOwnNumberApply", TS);
    assert_eq!(params.service, "ccc", "ccc(): service");
    assert_eq!(params.version, "2020-02-10", "ccc(): CCC API version");
    assert_eq!(
        params.content_type, "application/json",
        "ccc(): content type without charset"
    );
    assert_eq!(
        (params.region, params.language),
        (None, None),
        "ccc(): no region, no language"
    );

    let signed = sign(
        &Credentials::new("AKIDexample", "secretexample"),
        &params,
        b"{}",
    )
    .expect("signs");
    assert_eq!(
        names(&signed.headers),
        [
            "Authorization",
            "Content-Type",
            "Host",
            "X-TC-Action",
            "X-TC-Timestamp",
            "X-TC-Version"
        ],
        "without region, token or language only the six required headers are sent, in order"
    );
    assert_eq!(
        signed.header("content-type"),
        Some("application/json"),
        "Content-Type value"
    );
    assert_eq!(
        signed.header("HOST"),
        Some("ccc.intl.tencentcloudapi.com"),
        "Host value"
    );
    assert_eq!(
        signed.header("x-tc-action"),
        Some("CreateOwnNumberApply"),
        "X-TC-Action value"
    );
    assert_eq!(
        signed.header("X-TC-TIMESTAMP"),
        Some("1735689600"),
        "X-TC-Timestamp is the signed ts"
    );
    assert_eq!(
        signed.header("x-tc-version"),
        Some("2020-02-10"),
        "X-TC-Version value"
    );
    assert_eq!(
        signed.header("authorization"),
        Some(signed.authorization.as_str()),
        "Authorization header is the computed authorization"
    );
    assert_eq!(
        signed.header("X-TC-Region"),
        None,
        "header() returns None for absent headers"
    );
    assert!(
        signed
            .canonical_request
            .contains("\ncontent-type:application/json\n"),
        "the canonical request signs the exact Content-Type sent"
    );
}

#[test]
fn optional_headers_appear_only_when_set_and_in_order() {
    let base = SigningParams::ccc("ccc.intl.tencentcloudapi.com", "DescribeNumbers", TS);
    let plain = Credentials::new("AKIDexample", "secretexample");
    let temp = plain.clone().with_token("tokenexample123");

    let cases: [(SigningParams<'_>, &Credentials, &[&str]); 5] = [
        (
            base.clone().with_region("ap-guangzhou"),
            &plain,
            &["X-TC-Region"],
        ),
        (base.clone(), &temp, &["X-TC-Token"]),
        (
            base.clone().with_language("zh-CN"),
            &plain,
            &["X-TC-Language"],
        ),
        (
            base.clone()
                .with_language("en-US")
                .with_region("ap-singapore"),
            &temp,
            &["X-TC-Region", "X-TC-Token", "X-TC-Language"],
        ),
        (base.clone(), &plain, &[]),
    ];
    for (params, credentials, optional) in cases {
        let signed = sign(credentials, &params, b"{}").expect("signs");
        let got = names(&signed.headers);
        assert_eq!(
            got.len(),
            6 + optional.len(),
            "header count for {optional:?}"
        );
        assert_eq!(
            &got[6..],
            optional,
            "optional headers are sent only when set, ordered Region, Token, Language"
        );
    }

    let signed = sign(&temp, &base.clone().with_language("en-US"), b"{}").expect("signs");
    assert_eq!(
        signed.header("X-TC-Token"),
        Some("tokenexample123"),
        "token value sent verbatim"
    );
    assert_eq!(
        signed.header("X-TC-Language"),
        Some("en-US"),
        "language value sent verbatim"
    );
    assert!(
        !signed.canonical_request.contains("tokenexample123"),
        "the token is a header, not part of the signed canonical request"
    );
}

#[test]
fn host_with_port_is_signed_and_sent_verbatim() {
    for host in [
        "127.0.0.1:8080",
        "localhost:3000",
        "[::1]:8443",
        "ccc.tencentcloudapi.com",
    ] {
        let params = SigningParams::ccc(host, "CreateOwnNumberApply", TS);
        let signed = sign(
            &Credentials::new("AKIDexample", "secretexample"),
            &params,
            b"{}",
        )
        .expect("host with port signs");
        assert!(
            signed
                .canonical_request
                .contains(&format!("\nhost:{host}\n")),
            "canonical request must contain host {host} exactly as sent, port included"
        );
        assert_eq!(
            signed.header("Host"),
            Some(host),
            "Host header must be {host} verbatim"
        );
    }

    let a = sign(
        &Credentials::new("AKIDexample", "secretexample"),
        &SigningParams::ccc("127.0.0.1:8080", "CreateOwnNumberApply", TS),
        b"{}",
    )
    .expect("signs");
    let b = sign(
        &Credentials::new("AKIDexample", "secretexample"),
        &SigningParams::ccc("127.0.0.1:8081", "CreateOwnNumberApply", TS),
        b"{}",
    )
    .expect("signs");
    assert_ne!(
        a.signature, b.signature,
        "the port is covered by the signature"
    );
}

#[test]
fn signature_covers_body_timestamp_and_key_but_not_action() {
    let creds = Credentials::new("AKIDexample", "secretexample");
    let p = SigningParams::ccc("ccc.tencentcloudapi.com", "CreateOwnNumberApply", TS);
    let base = sign(&creds, &p, b"{}").expect("signs");

    let body = sign(&creds, &p, b"{ }").expect("signs");
    assert_ne!(
        base.signature, body.signature,
        "one extra byte of body changes the signature"
    );

    let later = SigningParams {
        timestamp: TS + 1,
        ..p.clone()
    };
    let later = sign(&creds, &later, b"{}").expect("signs");
    assert_ne!(
        base.signature, later.signature,
        "each attempt's timestamp changes the signature"
    );

    let other_key =
        sign(&Credentials::new("AKIDexample", "secretexamplf"), &p, b"{}").expect("signs");
    assert_ne!(
        base.signature, other_key.signature,
        "the secret key changes the signature"
    );

    // Only content-type and host are signed headers in TC3; the action is not part of it.
    let action = SigningParams {
        action: "ModifyOwnNumberApply",
        ..p.clone()
    };
    let action = sign(&creds, &action, b"{}").expect("signs");
    assert_eq!(
        base.signature, action.signature,
        "SignedHeaders is content-type;host only: X-TC-Action is not covered (Tencent's design)"
    );

    assert_eq!(
        base,
        sign(&creds, &p, b"{}").expect("signs"),
        "signing is deterministic"
    );
}

#[test]
fn signed_request_debug_redacts_the_token() {
    let creds = Credentials::new("AKIDexample", "secretexample").with_token("tok-SECRET-value");
    let p = SigningParams::ccc("ccc.tencentcloudapi.com", "CreateOwnNumberApply", TS);
    let signed = sign(&creds, &p, b"{}").expect("signs");
    let debug = format!("{signed:?}");
    assert!(
        !debug.contains("tok-SECRET-value"),
        "Debug of SignedRequest leaks the token: {debug}"
    );
    assert!(
        debug.contains("(\"X-TC-Token\", \"***\")"),
        "token header shown redacted: {debug}"
    );
    assert!(
        debug.contains(&signed.signature),
        "Debug still shows the non-secret signature"
    );
}
