//! `numdesk sign` against Tencent's published vector, and the credentials-only-from-env rule.

mod common;

use common::*;
use serde_json::Value;

const VECTOR_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const VECTOR_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const VECTOR_BODY: &str =
    r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;

fn vector_command(body_file: &str) -> std::process::Command {
    let mut cmd = numdesk();
    cmd.env("TENCENTCLOUD_SECRET_ID", VECTOR_ID)
        .env("TENCENTCLOUD_SECRET_KEY", VECTOR_KEY)
        .args([
            "sign",
            "--action",
            "DescribeInstances",
            "--host",
            "cvm.tencentcloudapi.com",
        ])
        .args([
            "--timestamp",
            "1551113065",
            "--service",
            "cvm",
            "--version",
            "2017-03-12",
        ])
        .args([
            "--region",
            "ap-guangzhou",
            "--content-type",
            "application/json; charset=utf-8",
        ])
        .args(["--body-file", body_file]);
    cmd
}

#[allow(clippy::expect_used)] // test helper: a panic is a test failure
fn check_vector(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON object");
    assert_eq!(
        v["signature"], "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
        "published Signature v3 vector"
    );
    assert_eq!(
        v["canonical_request"],
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
    );
    assert_eq!(
        v["string_to_sign"],
        "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
    );
    assert_eq!(
        v["authorization"],
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    );
    let headers = v["headers"].as_object().expect("headers is an object");
    assert_eq!(headers["Authorization"], v["authorization"]);
    assert_eq!(headers["Host"], "cvm.tencentcloudapi.com");
    assert_eq!(headers["Content-Type"], "application/json; charset=utf-8");
    assert_eq!(headers["X-TC-Action"], "DescribeInstances");
    assert_eq!(headers["X-TC-Timestamp"], "1551113065");
    assert_eq!(headers["X-TC-Version"], "2017-03-12");
    assert_eq!(headers["X-TC-Region"], "ap-guangzhou");
    assert!(
        !text(&out.stdout).contains(VECTOR_KEY),
        "the SecretKey is never printed"
    );
    v
}

#[test]
fn sign_reproduces_the_published_vector_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("body.json");
    std::fs::write(&path, VECTOR_BODY).unwrap();
    let out = vector_command(path.to_str().unwrap()).output().unwrap();
    check_vector(&out);
}

#[test]
fn sign_reads_the_body_from_standard_input() {
    let out = run_with_stdin(vector_command("-"), VECTOR_BODY.as_bytes());
    check_vector(&out);
}

#[test]
fn sign_defaults_are_ccc_2020_02_10_and_plain_json() {
    let mut cmd = numdesk();
    cmd.env("TENCENTCLOUD_SECRET_ID", VECTOR_ID)
        .env("TENCENTCLOUD_SECRET_KEY", VECTOR_KEY)
        .args([
            "sign",
            "--action",
            "DescribeNumbers",
            "--host",
            "ccc.intl.tencentcloudapi.com",
        ])
        .args(["--timestamp", "1700000000", "--body-file", "-"]);
    let out = run_with_stdin(cmd, br#"{"SdkAppId":1400000000}"#);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["headers"]["X-TC-Version"], "2020-02-10");
    assert_eq!(v["headers"]["Content-Type"], "application/json");
    assert!(
        v["headers"].get("X-TC-Region").is_none(),
        "region only when given"
    );
    assert!(
        v["string_to_sign"]
            .as_str()
            .unwrap()
            .contains("/ccc/tc3_request")
    );
}

#[test]
fn a_token_is_sent_but_never_printed() {
    let mut cmd = numdesk();
    cmd.env("TENCENTCLOUD_SECRET_ID", VECTOR_ID)
        .env("TENCENTCLOUD_SECRET_KEY", VECTOR_KEY)
        .env("TENCENTCLOUD_TOKEN", "TemporaryTokenValue123")
        .args([
            "sign",
            "--action",
            "A",
            "--host",
            "h.example.com",
            "--timestamp",
            "1",
        ])
        .args(["--body-file", "-"]);
    let out = run_with_stdin(cmd, b"{}");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["headers"]["X-TC-Token"], "***",
        "X-TC-Token is listed but redacted"
    );
    assert!(!text(&out.stdout).contains("TemporaryTokenValue123"));
}

#[test]
fn secrets_are_never_accepted_as_arguments() {
    let value = "SuperSecretValue987";
    for args in [
        vec!["sign", "--secret-key", value, "--action", "A"],
        vec!["sign", &format!("--secret-key={value}")],
        vec!["sign", "--secret-id", value],
        vec!["sign", "--token", value],
        vec!["sign", "--SecretKey", value],
        vec![
            "call",
            "DescribeNumbers",
            "--secret-key",
            value,
            "--body-file",
            "-",
        ],
    ] {
        let mut cmd = numdesk();
        cmd.args(&args);
        let out = run_with_stdin(cmd, b"{}");
        assert_eq!(
            out.status.code(),
            Some(2),
            "credential flags are usage errors: {args:?}"
        );
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("never accepted as command-line arguments"),
            "{stderr}"
        );
        assert!(stderr.contains("TENCENTCLOUD_SECRET_KEY"), "{stderr}");
        assert!(
            !stderr.contains(value) && !text(&out.stdout).contains(value),
            "a secret given as an argument must not be echoed: {args:?}"
        );
    }
    let help = numdesk().args(["sign", "--help"]).output().unwrap();
    let help = text(&help.stdout).to_lowercase();
    assert!(
        !help.contains("--secret") && !help.contains("--token"),
        "no credential flag exists"
    );
}

#[test]
fn sign_without_credentials_in_the_environment_names_the_variable() {
    let mut cmd = numdesk();
    cmd.args([
        "sign",
        "--action",
        "A",
        "--host",
        "h",
        "--timestamp",
        "1",
        "--body-file",
        "-",
    ]);
    let out = run_with_stdin(cmd, b"{}");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("TENCENTCLOUD_SECRET_ID is not set"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_key_pasted_with_a_newline_is_refused_clearly() {
    let mut cmd = numdesk();
    cmd.env("TENCENTCLOUD_SECRET_ID", VECTOR_ID)
        .env("TENCENTCLOUD_SECRET_KEY", format!("{VECTOR_KEY}\n"))
        .args([
            "sign",
            "--action",
            "A",
            "--host",
            "h",
            "--timestamp",
            "1",
            "--body-file",
            "-",
        ]);
    let out = run_with_stdin(cmd, b"{}");
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.to_lowercase().contains("secretkey"), "{stderr}");
    assert!(
        !stderr.contains(VECTOR_KEY),
        "the key is never echoed: {stderr}"
    );
}

#[test]
fn missing_body_file_is_a_clear_usage_error() {
    let out = numdesk()
        .env("TENCENTCLOUD_SECRET_ID", VECTOR_ID)
        .env("TENCENTCLOUD_SECRET_KEY", VECTOR_KEY)
        .args(["sign", "--action", "A", "--host", "h", "--timestamp", "1"])
        .args(["--body-file", "/nonexistent/body.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read the body from /nonexistent/body.json"));
}
