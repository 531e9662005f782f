//! `numdesk sandbox` and `numdesk call` as separate processes over loopback.

mod common;

use common::*;
use serde_json::Value;

fn call(url: &str, action: &str, body: &str, creds: (&str, &str)) -> std::process::Output {
    let mut cmd = numdesk();
    cmd.env("TENCENTCLOUD_SECRET_ID", creds.0)
        .env("TENCENTCLOUD_SECRET_KEY", creds.1)
        .args(["call", action, "--body-file", "-", "--endpoint", url]);
    run_with_stdin(cmd, body.as_bytes())
}

#[test]
fn sandbox_prints_its_url_and_credentials_then_serves_calls_with_exit_codes() {
    let (mut sandbox, url) = start_sandbox(&[]);
    let port = url.strip_prefix("http://127.0.0.1:").expect("loopback URL");
    assert!(
        port.parse::<u16>().is_ok_and(|p| p > 0),
        "a real port: {url}"
    );
    let second = sandbox.next_line();
    assert_eq!(
        second,
        format!("export TENCENTCLOUD_SECRET_ID={SANDBOX_ID} TENCENTCLOUD_SECRET_KEY={SANDBOX_KEY}"),
        "without --secret the built-in credentials are printed for the user to export"
    );

    // Exit 0: the Response object, pretty-printed.
    let out = call(
        &url,
        "DescribeCCCBuyInfoList",
        "{}",
        (SANDBOX_ID, SANDBOX_KEY),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["RequestId"].is_string() && v["SdkAppIdBuyList"].is_array(),
        "{v}"
    );
    assert!(text(&out.stdout).contains("\n  "), "pretty JSON");

    let out = call(
        &url,
        "CreateOwnNumberApply",
        r#"{"SdkAppId":1400000001,"SipTrunkId":10001,"DetailList":[{"CallType":2,"PhoneNumber":"02012345678","MaxCallCount":5,"MaxCallPSec":1}]}"#,
        (SANDBOX_ID, SANDBOX_KEY),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["ApplyId"].as_u64().is_some(), "{v}");

    // Exit 1: an API error, with code and RequestId on stderr and nothing on stdout.
    let out = call(
        &url,
        "DescribeNumbers",
        r#"{"SdkAppId":5}"#,
        (SANDBOX_ID, SANDBOX_KEY),
    );
    assert_eq!(out.status.code(), Some(1), "API errors exit 1");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("InvalidParameterValue.InstanceNotExist"),
        "{stderr}"
    );
    assert!(stderr.contains("RequestId: "), "{stderr}");
    assert!(out.stdout.is_empty());

    // Exit 1 too for a wrong key: Tencent answered.
    let out = call(
        &url,
        "DescribeNumbers",
        r#"{"SdkAppId":1400000001}"#,
        (SANDBOX_ID, "wrong"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("AuthFailure"),
        "{}",
        text(&out.stderr)
    );

    // Exit 2: bad endpoint, bad JSON body, missing credentials.
    let out = call(
        "http://10.0.0.1:80",
        "DescribeNumbers",
        "{}",
        (SANDBOX_ID, SANDBOX_KEY),
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "a bad endpoint is a usage error"
    );
    assert!(
        text(&out.stderr).contains("only allowed for loopback"),
        "{}",
        text(&out.stderr)
    );
    let out = call(
        &url,
        "DescribeNumbers",
        "not json",
        (SANDBOX_ID, SANDBOX_KEY),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not valid JSON"));
    let mut cmd = numdesk();
    cmd.args([
        "call",
        "DescribeNumbers",
        "--body-file",
        "-",
        "--endpoint",
        &url,
    ]);
    let out = run_with_stdin(cmd, b"{}");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("TENCENTCLOUD_SECRET_ID is not set"));

    // Runs until SIGTERM, then exits cleanly.
    #[cfg(unix)]
    {
        let status = sandbox.terminate();
        assert!(status.success(), "SIGTERM is a normal stop: {status:?}");
        // Exit 2: a network error (nothing listens any more).
        let out = call(&url, "DescribeNumbers", "{}", (SANDBOX_ID, SANDBOX_KEY));
        assert_eq!(out.status.code(), Some(2), "network errors exit 2");
        assert!(
            text(&out.stderr).contains("not sent"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn sandbox_with_custom_secrets_accepts_only_those() {
    let (_sandbox, url) = start_sandbox(&["--secret", "AKIDcustom:custom-key"]);
    let out = call(
        &url,
        "DescribeNumbers",
        r#"{"SdkAppId":1400000001}"#,
        ("AKIDcustom", "custom-key"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = call(
        &url,
        "DescribeNumbers",
        r#"{"SdkAppId":1400000001}"#,
        (SANDBOX_ID, SANDBOX_KEY),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "built-in credentials are not accepted any more"
    );
}

#[test]
fn chinese_language_flag_is_accepted() {
    let (_sandbox, url) = start_sandbox(&[]);
    let mut cmd = numdesk();
    cmd.env("TENCENTCLOUD_SECRET_ID", SANDBOX_ID)
        .env("TENCENTCLOUD_SECRET_KEY", SANDBOX_KEY)
        .args([
            "call",
            "DescribeNumbers",
            "--body-file",
            "-",
            "--endpoint",
            &url,
            "--lang",
            "zh",
        ]);
    let out = run_with_stdin(cmd, br#"{"SdkAppId":1400000001}"#);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut cmd = numdesk();
    cmd.args([
        "call",
        "DescribeNumbers",
        "--body-file",
        "-",
        "--lang",
        "fr",
    ]);
    let out = run_with_stdin(cmd, b"{}");
    assert_eq!(
        out.status.code(),
        Some(2),
        "unknown --lang is a usage error"
    );
}

#[test]
fn bad_sandbox_arguments_exit_2() {
    let out = numdesk()
        .args(["sandbox", "--secret", "no-colon"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("ID:KEY"));
    let out = numdesk()
        .args(["sandbox", "--approve-after", "-5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The proxy flag is read as Settings reads a proxy (one function for the app and the CLI): the
/// same refusal, word for word, and exit 2 before anything is sent.
#[test]
fn a_bad_proxy_is_refused_with_the_apps_own_words() {
    let expected = numdesk_commands::proxy_named("ftp://proxy.example.com:21")
        .unwrap_err()
        .message;
    let mut cmd = numdesk();
    cmd.env("TENCENTCLOUD_SECRET_ID", SANDBOX_ID)
        .env("TENCENTCLOUD_SECRET_KEY", SANDBOX_KEY)
        .args(["call", "DescribeNumbers", "--body-file", "-"])
        .args(["--proxy", "ftp://proxy.example.com:21"]);
    let out = run_with_stdin(cmd, b"{}");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&expected), "{err}\nexpected: {expected}");
}
