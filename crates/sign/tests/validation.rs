//! Bad input is rejected with a specific, actionable message.

use numdesk_sign::{CredentialField, Credentials, SignError, SigningParams, sign};

const TS: i64 = 1735689600;
const HOST: &str = "ccc.intl.tencentcloudapi.com";

fn creds() -> Credentials {
    Credentials::new("AKIDexample", "secretexample")
}

fn sign_params(p: &SigningParams<'_>) -> Result<(), SignError> {
    sign(&creds(), p, b"{}").map(|_| ())
}

fn sign_creds(c: &Credentials) -> Result<(), SignError> {
    sign(
        c,
        &SigningParams::ccc(HOST, "CreateOwnNumberApply", TS),
        b"{}",
    )
    .map(|_| ())
}

#[test]
fn empty_credentials_are_rejected() {
    let cases = [
        (
            Credentials::new("", "secretexample"),
            CredentialField::SecretId,
        ),
        (
            Credentials::new("AKIDexample", ""),
            CredentialField::SecretKey,
        ),
        (creds().with_token(""), CredentialField::Token),
    ];
    for (c, field) in cases {
        let err = sign_creds(&c).expect_err("empty credential");
        assert_eq!(
            err,
            SignError::EmptyCredential { field },
            "empty {field} is rejected"
        );
        let msg = err.to_string();
        assert!(
            msg.contains("is empty") && msg.contains("console"),
            "says what to do: {msg}"
        );
    }
}

#[test]
fn whitespace_pasted_with_a_key_is_rejected_with_its_position() {
    let cases: [(Credentials, CredentialField, &str, usize); 7] = [
        (
            Credentials::new(" AKIDexample", "secretexample"),
            CredentialField::SecretId,
            "a space",
            1,
        ),
        (
            Credentials::new("AKIDexample\n", "secretexample"),
            CredentialField::SecretId,
            "a line break (LF)",
            12,
        ),
        (
            Credentials::new("AKIDexample", "secret\r\nexample"),
            CredentialField::SecretKey,
            "a carriage return (CR)",
            7,
        ),
        (
            Credentials::new("AKIDexample", "secret\texample"),
            CredentialField::SecretKey,
            "a tab",
            7,
        ),
        (
            Credentials::new("AKIDexample", "secretexample\u{a0}"),
            CredentialField::SecretKey,
            "a non-breaking space (U+00A0)",
            14,
        ),
        (
            Credentials::new("AKIDexample", "\u{feff}secretexample"),
            CredentialField::SecretKey,
            "the invisible byte-order mark U+FEFF",
            1,
        ),
        (
            creds().with_token("tok en"),
            CredentialField::Token,
            "a space",
            4,
        ),
    ];
    for (c, field, found, position) in cases {
        let err = sign_creds(&c).expect_err("whitespace in credential");
        match &err {
            SignError::WhitespaceInCredential {
                field: f,
                found: fd,
                position: p,
                ..
            } => {
                assert_eq!(
                    (*f, fd.as_str(), *p),
                    (field, found, position),
                    "which value, what, where"
                );
            }
            other => panic!("expected WhitespaceInCredential for {field}, got {other:?}"),
        }
        let msg = err.to_string();
        assert!(
            msg.contains("remove the spaces or line breaks pasted with the key"),
            "whitespace message must tell the user to remove pasted spaces/line breaks: {msg}"
        );
        assert!(
            msg.contains(&format!("character {position}")),
            "message gives the position: {msg}"
        );
    }
}

#[test]
fn non_ascii_in_a_key_is_rejected() {
    let err = sign_creds(&Credentials::new("AKIDexample", "secretexampleé")).expect_err("é");
    assert!(
        matches!(
            &err,
            SignError::InvalidCharInCredential {
                field: CredentialField::SecretKey,
                position: 14,
                ..
            }
        ),
        "non-ASCII in SecretKey: {err:?}"
    );
    assert!(
        err.to_string().contains("copy the key again"),
        "actionable: {err}"
    );
    let err = sign_creds(&Credentials::new("AKID\u{7}x", "secretexample")).expect_err("BEL");
    assert!(
        matches!(
            &err,
            SignError::InvalidCharInCredential {
                field: CredentialField::SecretId,
                ..
            }
        ),
        "control character in SecretId: {err:?}"
    );
    assert!(
        err.to_string().contains("U+0007"),
        "names the control character: {err}"
    );
}

#[test]
fn hosts_that_are_urls_or_contain_paths_are_rejected_with_a_suggestion() {
    let cases = [
        (
            "https://ccc.tencentcloudapi.com/",
            "ccc.tencentcloudapi.com",
        ),
        ("http://127.0.0.1:8080", "127.0.0.1:8080"),
        (
            "HTTPS://user@ccc.tencentcloudapi.com/x?y",
            "ccc.tencentcloudapi.com",
        ),
    ];
    for (host, suggestion) in cases {
        let err = sign_params(&SigningParams::ccc(host, "CreateOwnNumberApply", TS))
            .expect_err("scheme in host");
        assert_eq!(
            err,
            SignError::HostHasScheme {
                host: host.to_owned(),
                suggestion: suggestion.to_owned()
            },
            "host {host} given as a URL is rejected with the bare host as suggestion"
        );
        assert!(
            err.to_string().contains(&format!("e.g. `{suggestion}`")),
            "suggests: {err}"
        );
    }
    let cases = [
        ("ccc.tencentcloudapi.com/", "a path ('/')", 24),
        ("127.0.0.1:8080/api", "a path ('/')", 15),
        ("ccc.tencentcloudapi.com?x=1", "a query string ('?')", 24),
        ("ccc.tencentcloudapi.com#f", "a fragment ('#')", 24),
        ("user@ccc.tencentcloudapi.com", "user info ('@')", 5),
    ];
    for (host, found, position) in cases {
        let err = sign_params(&SigningParams::ccc(host, "CreateOwnNumberApply", TS))
            .expect_err("path in host");
        match &err {
            SignError::HostHasPath {
                found: f,
                position: p,
                suggestion,
                ..
            } => {
                assert_eq!(
                    (f.as_str(), *p),
                    (found, position),
                    "what and where in {host}"
                );
                assert!(
                    !suggestion.contains(['/', '?', '#', '@']),
                    "suggestion is bare: {suggestion}"
                );
            }
            other => panic!("expected HostHasPath for {host}, got {other:?}"),
        }
    }
}

#[test]
fn hosts_with_whitespace_control_or_odd_characters_are_rejected() {
    let cases = [
        (" ccc.tencentcloudapi.com", "a space", 1),
        ("ccc.tencentcloudapi.com\n", "a line break (LF)", 24),
        (
            "ccc.tencentcloudapi.com\r\nX-Evil: 1",
            "a carriage return (CR)",
            24,
        ),
        (
            "ccc.tencent\u{0}cloudapi.com",
            "the control character U+0000",
            12,
        ),
        ("ccc,tencentcloudapi.com", "the character ','", 4),
    ];
    for (host, found, position) in cases {
        let err = sign_params(&SigningParams::ccc(host, "CreateOwnNumberApply", TS))
            .expect_err("bad host char");
        assert_eq!(
            err,
            SignError::InvalidHostChar {
                host: host.to_owned(),
                found: found.to_owned(),
                position
            },
            "host {host:?} is rejected naming the character and position"
        );
    }
    let err = sign_params(&SigningParams::ccc("münchen.example", "X", TS)).expect_err("IDN");
    assert!(
        err.to_string().contains("punycode"),
        "non-ASCII host suggests punycode: {err}"
    );
    assert_eq!(
        sign_params(&SigningParams::ccc("", "CreateOwnNumberApply", TS)),
        Err(SignError::EmptyHost),
        "empty host is rejected"
    );
}

#[test]
fn malformed_ports_are_rejected() {
    for (host, problem) in [
        ("127.0.0.1:", "port \"\""),
        ("127.0.0.1:0", "port \"0\""),
        ("127.0.0.1:65536", "port \"65536\""),
        ("127.0.0.1:80a", "port \"80a\""),
        (":8080", "host name before the port is missing"),
        ("::1", "IPv6 address in brackets"),
        ("[::1", "no ']'"),
        ("[::1]8080", "unexpected"),
        ("[zz]:80", "not an IPv6 address"),
        ("a]b", "only allowed around an IPv6 address"),
    ] {
        let err = sign_params(&SigningParams::ccc(host, "CreateOwnNumberApply", TS))
            .expect_err("malformed host");
        match &err {
            SignError::MalformedHost { problem: p, .. } => {
                assert!(
                    p.contains(problem),
                    "host {host:?}: problem {p:?} should mention {problem:?}"
                );
            }
            other => panic!("expected MalformedHost for {host:?}, got {other:?}"),
        }
    }
    for host in [
        "127.0.0.1:1",
        "127.0.0.1:65535",
        "[::1]",
        "[2001:db8::1]:443",
        "my_host.local",
    ] {
        assert_eq!(
            sign_params(&SigningParams::ccc(host, "CreateOwnNumberApply", TS)),
            Ok(()),
            "valid host {host} is accepted"
        );
    }
}

#[test]
fn header_values_with_line_breaks_or_control_characters_are_rejected() {
    let base = SigningParams::ccc(HOST, "CreateOwnNumberApply", TS);
    let cases = [
        (
            SigningParams {
                action: "Create\r\nX-Evil: 1",
                ..base.clone()
            },
            "X-TC-Action",
            "a carriage return (CR)",
            7,
        ),
        (
            SigningParams {
                version: "2020-02-10\n",
                ..base.clone()
            },
            "X-TC-Version",
            "a line break (LF)",
            11,
        ),
        (
            SigningParams {
                content_type: "application/json\u{7f}",
                ..base.clone()
            },
            "Content-Type",
            "the control character U+007F",
            17,
        ),
        (
            base.clone().with_region("ap-guangzhou\n"),
            "X-TC-Region",
            "a line break (LF)",
            13,
        ),
        (
            base.clone().with_language("zh\tCN"),
            "X-TC-Language",
            "a tab",
            3,
        ),
        (
            base.clone().with_language("中文"),
            "X-TC-Language",
            "the non-ASCII character '中' (U+4E2D)",
            1,
        ),
    ];
    for (p, header, found, position) in cases {
        let err = sign_params(&p).expect_err("bad header value");
        match &err {
            SignError::InvalidHeaderValue {
                header: h,
                found: f,
                position: pos,
                ..
            } => {
                assert_eq!(
                    (*h, f.as_str(), *pos),
                    (header, found, position),
                    "{header}: what, where"
                );
            }
            other => panic!("expected InvalidHeaderValue for {header}, got {other:?}"),
        }
        assert!(
            err.to_string().contains("single line"),
            "message explains the rule: {err}"
        );
    }
}

#[test]
fn empty_or_untrimmed_header_values_and_bad_services_are_rejected() {
    let base = SigningParams::ccc(HOST, "CreateOwnNumberApply", TS);
    for (p, header) in [
        (
            SigningParams {
                action: "",
                ..base.clone()
            },
            "X-TC-Action",
        ),
        (
            SigningParams {
                version: "",
                ..base.clone()
            },
            "X-TC-Version",
        ),
        (
            SigningParams {
                content_type: "",
                ..base.clone()
            },
            "Content-Type",
        ),
        (base.clone().with_region(""), "X-TC-Region"),
        (base.clone().with_language(""), "X-TC-Language"),
    ] {
        let err = sign_params(&p).expect_err("empty header");
        assert!(
            matches!(&err, SignError::EmptyHeaderValue { header: h, .. } if *h == header),
            "empty {header} is rejected: {err:?}"
        );
    }
    let err = sign_params(&base.clone().with_region("")).expect_err("empty region");
    assert!(
        err.to_string().contains("use None"),
        "empty optional header says to use None: {err}"
    );

    let err = sign_params(&SigningParams {
        content_type: "application/json ",
        ..base.clone()
    })
    .expect_err("trailing space");
    assert!(
        matches!(
            err,
            SignError::UntrimmedHeaderValue {
                header: "Content-Type",
                ..
            }
        ),
        "a trailing space would be stripped in transit and break the signature: {err:?}"
    );

    for service in ["", "CCC", "c/c", "ccc "] {
        let err = sign_params(&SigningParams {
            service,
            ..base.clone()
        })
        .expect_err("service");
        assert_eq!(
            err,
            SignError::InvalidService {
                service: service.to_owned()
            },
            "service {service:?} is rejected"
        );
    }
}

#[test]
fn credentials_validate_matches_sign() {
    assert_eq!(creds().validate(), Ok(()), "valid credentials pass");
    assert_eq!(
        Credentials::new("AKIDexample", "secret example").validate(),
        sign_creds(&Credentials::new("AKIDexample", "secret example")),
        "validate() reports the same error sign() would"
    );
}
