//! The process-wide logging set up by `init`, as the app uses it: `tracing` events from any crate
//! reach the file as JSON lines, with secrets redacted before they are written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use numdesk_support::Redactor;
use numdesk_support::logging::{self, LogConfig};

const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const TOKEN: &str = "tokenValue-0123456789abcdefEXAMPLE";

#[test]
fn events_reach_the_daily_file_as_json_lines_with_secrets_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    let handle = logging::init(&LogConfig::new(&logs)).unwrap();
    assert_eq!(handle.dir(), logs);
    Redactor::global().register(SECRET_KEY);
    Redactor::global().register(TOKEN);

    // The targets the default filter lets through (the app's crates).
    tracing::info!(target: "numdesk_client", secret = SECRET_KEY, "loaded key {SECRET_KEY}");
    tracing::warn!(
        target: "numdesk_outbox",
        header = "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-30/ccc/tc3_request, SignedHeaders=content-type;host, Signature=0123456789abcdef",
        "request failed"
    );
    tracing::warn!(target: "numdesk_commands", "X-TC-Token: {TOKEN}");
    // Below the default level for other crates: filtered out.
    tracing::info!(target: "hyper", "not logged");

    let files = logging::log_files(&logs).unwrap();
    assert_eq!(files.len(), 1, "one file for today");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("rule: every log line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 4, "logging started + three events: {text}");
    assert_eq!(lines[0]["message"], "logging started");
    assert_eq!(lines[1]["target"], "numdesk_client");
    assert_eq!(lines[1]["message"], "loaded key [REDACTED]");
    assert_eq!(lines[1]["secret"], "[REDACTED]");
    assert_eq!(
        lines[2]["header"],
        "TC3-HMAC-SHA256 Credential=[REDACTED], SignedHeaders=content-type;host, Signature=[REDACTED]"
    );
    assert_eq!(lines[3]["message"], "X-TC-Token: [REDACTED]");
    for needle in [SECRET_KEY, TOKEN, "AKIDEXAMPLE", "0123456789abcdef"] {
        assert!(
            !text.contains(needle),
            "rule: secrets and the Authorization header never reach a log file ({needle})"
        );
    }
    assert!(!text.contains("not logged"));
    assert!(
        logging::init(&LogConfig::new(&logs)).is_err(),
        "a second init is refused, not silently ignored"
    );
}
