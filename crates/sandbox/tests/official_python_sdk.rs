//! Tencent's official Python SDK (tencentcloud-sdk-python-ccc) against the sandbox: proves the
//! sandbox accepts what the real SDK signs and sends, and that the SDK reads its answers and
//! errors. Needs the SDK installed: `make setup-python` (see tests/python/requirements.txt).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;
use numdesk_sandbox::{
    ApplicationState, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, SandboxConfig, Site,
};

/// NUMDESK_PYTHON, else `<workspace>/.tools/venv/bin/python` if it exists, else `python3`.
fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("NUMDESK_PYTHON") {
        return PathBuf::from(p);
    }
    // Canonical, so a symlinked checkout still finds the workspace's .tools.
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let crate_dir = std::fs::canonicalize(&manifest_dir).unwrap_or(manifest_dir);
    let venv = crate_dir.join("../../.tools/venv/bin/python");
    if venv.exists() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdk_talks_to_the_international_sandbox() {
    run_official_sdk(Site::International).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdk_talks_to_the_china_sandbox() {
    run_official_sdk(Site::China).await;
}

async fn run_official_sdk(site: Site) {
    let sb = start(SandboxConfig {
        site,
        ..SandboxConfig::default()
    })
    .await;
    let interpreter = python();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/python/official_sdk.py");
    let endpoint = sb.host();
    let run = {
        let interpreter = interpreter.clone();
        tokio::task::spawn_blocking(move || {
            Command::new(&interpreter)
                .arg(&script)
                .env("SANDBOX_ENDPOINT", endpoint)
                .env("SANDBOX_SECRET_ID", SANDBOX_SECRET_ID)
                .env("SANDBOX_SECRET_KEY", SANDBOX_SECRET_KEY)
                .env("SANDBOX_SITE", site.as_str())
                .env_remove("HTTP_PROXY")
                .env_remove("http_proxy")
                .env_remove("ALL_PROXY")
                .env_remove("all_proxy")
                .env("NO_PROXY", "127.0.0.1,localhost")
                .output()
        })
    };
    let output = run.await.unwrap().unwrap_or_else(|e| {
        panic!(
            "could not run {} ({e}). Install the official SDK with `make setup-python` or set \
             NUMDESK_PYTHON to an interpreter that has tests/python/requirements.txt installed",
            interpreter.display()
        )
    });
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() == Some(3) || stdout.contains("SDK_IMPORT_FAILED") {
        panic!(
            "Tencent's official Python SDK is not importable with {}: {stdout}\nRun `make \
             setup-python` (creates .tools/venv from crates/sandbox/tests/python/requirements.txt) \
             or set NUMDESK_PYTHON. This test is never skipped: it is the proof that the sandbox \
             speaks the real wire protocol.",
            interpreter.display()
        );
    }
    assert!(
        output.status.success(),
        "the official SDK script failed on {site} (exit {:?}):\nstdout:\n{stdout}\nstderr:\n{stderr}",
        output.status.code()
    );
    assert!(
        stdout.contains(r#"{"ok": true, "step": "done"}"#),
        "script finished: {stdout}"
    );

    // What the SDK serialised arrived field by field.
    let apps = sb.applications();
    let expected = match site {
        Site::International => 2,
        // The China site also accepted the SDK's CalleeFormatPassthrough (step 6).
        Site::China => 3,
    };
    assert_eq!(
        apps.len(),
        expected,
        "{site}: the applications of the SDK run: {apps:?}"
    );
    if site == Site::China {
        assert_eq!(
            apps[2].options.callee_format_passthrough,
            Some(true),
            "the SDK's China-only field arrived"
        );
    }
    let app = &apps[0];
    assert_eq!(app.sdk_app_id, 1_400_000_001);
    assert_eq!(app.sip_trunk_id, 10_001);
    assert_eq!(app.state, ApplicationState::Pending);
    assert_eq!(
        app.numbers,
        ["02088880003"],
        "the SDK's ModifyOwnNumberApply replaced the numbers"
    );
    assert_eq!(app.modify_count, 1);
    assert_eq!(app.details[0].call_type, 1);
    assert_eq!(
        app.options.prefix, None,
        "ModifyOwnNumberApply replaces the options with what it sends (the SDK sent no Prefix)"
    );
    let kept = &apps[1];
    assert_eq!(kept.numbers, ["02088880004", "02088880005"]);
    assert_eq!(kept.details[0].call_type, 2);
    assert_eq!(kept.details[0].max_call_count, 30);
    assert_eq!(kept.details[0].max_call_p_sec, 5);
    assert_eq!(
        kept.details[0].outbound_callee_format.as_deref(),
        Some("{+E.164}")
    );
    assert_eq!(kept.details[1].call_type, 0);
    assert_eq!(
        kept.details[1].carrier_phone_number.as_deref(),
        Some("862088880005")
    );
    assert_eq!(kept.options.prefix.as_deref(), Some("9"));
    assert_eq!(kept.options.mobile_ndd_prefix.as_deref(), Some("0"));
    assert_eq!(kept.options.local_number_trim_ac, Some(true));
    sb.shutdown().await;
}
