//! `numdesk submit`, `resume`, `history` and `resolve` as separate processes against a sandbox
//! over loopback and a real database file.

mod common;
mod outbox_support;

use std::collections::BTreeSet;

use common::text;
use numdesk_sandbox::{Faults, SandboxConfig};
use numdesk_store::ApplicationState;
use outbox_support::*;
use serde_json::Value;

fn config() -> SandboxConfig {
    SandboxConfig {
        max_pending: 100_000,
        seed: Some(3),
        ..SandboxConfig::default()
    }
}

#[test]
fn submit_sends_a_file_in_batches_and_history_lists_every_application() {
    let h = Harness::new(config(), None);
    let all = numbers("0401", 250);
    let csv = h.csv("list.csv", &all);
    let out = run(h.submit(&csv, &[]));
    assert_eq!(
        out.status.code(),
        Some(0),
        "exit 0: all submitted\n{}",
        text(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["applications"], 3, "default batch size 100: {v}");
    assert_eq!(
        (v["submitted"].as_u64(), v["numbers"].as_u64()),
        (Some(3), Some(250))
    );
    assert_eq!(v["outcome"], "finished");
    assert_eq!(v["endpoint"]["kind"], "sandbox");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("[3/3] 250/250 numbers"),
        "progress on stderr: {stderr}"
    );

    let out = run(h.cmd(&["history", "--json"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let list = json(&out);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    let keys: BTreeSet<&str> = list[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let expected: BTreeSet<&str> = [
        "id",
        "state",
        "apply_id",
        "request_id",
        "sdk_app_id",
        "sip_trunk_id",
        "numbers",
        "error_code",
        "error_message",
        "created_at",
        "updated_at",
        "live_numbers",
        "approved_at",
    ]
    .into();
    assert_eq!(keys, expected, "history --json keys are a public interface");
    let mut sent: Vec<String> = list
        .iter()
        .flat_map(|a| {
            a["numbers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap().to_owned())
        })
        .collect();
    sent.sort();
    assert_eq!(sent, all, "every number in exactly one application");
    assert!(
        list.iter()
            .all(|a| a["state"] == "submitted" && a["apply_id"].is_u64())
    );
    assert_eq!(list[0]["sdk_app_id"], 1_400_000_001u64);

    let out = run(h.cmd(&["history"]));
    assert!(
        text(&out.stdout).contains("submitted"),
        "a table without --json"
    );
    check_agreement(&h.sandbox.applications(), &h.store());

    // The same file again: every number is taken, nothing is sent, exit 2.
    let out = run(h.submit(&csv, &[]));
    assert_eq!(
        out.status.code(),
        Some(2),
        "nothing could be done\n{}",
        text(&out.stderr)
    );
    assert_eq!(json(&out)["left_out"].as_array().unwrap().len(), 250);
    assert_eq!(
        h.sandbox.applications().len(),
        3,
        "rule: no number is applied for twice"
    );
}

#[test]
fn a_file_with_an_error_row_is_refused_and_nothing_is_saved() {
    let h = Harness::new(config(), None);
    let mut list = numbers("0402", 5);
    list[2] = "2.01235E+10".into();
    let csv = h.csv("bad.csv", &list);
    let out = run(h.submit(&csv, &[]));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("row 4") && stderr.contains("nothing was sent"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert!(
        h.local().is_empty(),
        "rule: refuses to send if any row has an error"
    );
    assert!(h.sandbox.applications().is_empty());
}

#[test]
fn without_yes_and_without_a_terminal_nothing_is_sent() {
    let h = Harness::new(config(), None);
    let csv = h.csv("list.csv", &numbers("0403", 5));
    let mut cmd = h.send_cmd(&["submit"]);
    cmd.arg(&csv)
        .args(["--sdk-app-id", SDK, "--sip-trunk-id", TRUNK]);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--yes"), "{}", text(&out.stderr));
    assert!(h.sandbox.applications().is_empty());
}

#[test]
fn a_failed_batch_gives_exit_1_and_the_other_batches_still_go_through() {
    let h = Harness::new(config(), None);
    let first = numbers("0404", 100);
    assert_eq!(
        run(h.submit(&h.csv("a.csv", &first), &[])).status.code(),
        Some(0)
    );
    // 10 taken numbers insisted on, plus 90 new ones, in batches of 50.
    let mut second = first[..10].to_vec();
    second.extend(numbers("0405", 90));
    let out = run(h.submit(
        &h.csv("b.csv", &second),
        &[
            "--include-duplicates",
            "--batch-size",
            "50",
            "--concurrency",
            "1",
        ],
    ));
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit 1: some failed\n{}",
        text(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(
        (v["failed"].as_u64(), v["submitted"].as_u64()),
        (Some(1), Some(1)),
        "{v}"
    );
    let failed = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["state"] == "failed")
        .unwrap();
    assert_eq!(
        failed["error_code"],
        "InvalidParameter.DuplicatePhoneNumber"
    );
    check_agreement(&h.sandbox.applications(), &h.store());
}

#[test]
fn unknown_outcomes_are_never_resent_by_resume_and_resolve_settles_them() {
    let h = Harness::new(config(), None);
    h.sandbox.set_faults(Faults {
        drop_next_after_commit: 1,
        ..Faults::default()
    });
    let out = run(h.submit(
        &h.csv("a.csv", &numbers("0406", 30)),
        &["--batch-size", "10", "--concurrency", "1"],
    ));
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit 1: some unknown\n{}",
        text(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(
        (v["unknown"].as_u64(), v["submitted"].as_u64()),
        (Some(1), Some(2)),
        "{v}"
    );
    let dropped = v["results"][0]["id"].as_i64().unwrap();
    assert_eq!(v["results"][0]["state"], "unknown");

    h.sandbox.set_faults(Faults {
        fail_next_internal: 1,
        ..Faults::default()
    });
    let out = run(h.submit(&h.csv("b.csv", &numbers("0407", 10)), &[]));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let failed_inside = json(&out)["results"][0]["id"].as_i64().unwrap();
    assert_eq!(h.sandbox.applications().len(), 3);

    // Resume has nothing to send: unknown is never resent automatically.
    let out = run(h.send_cmd(&["resume"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(json(&out)["applications"], 0);
    assert!(
        text(&out.stderr).contains("numdesk resolve"),
        "resume points at resolve"
    );
    assert_eq!(h.sandbox.applications().len(), 3);

    // The dropped one is in the "console": enter its ApplyId.
    let lookup = unknown_lookup(&h.sandbox.applications(), &h.store());
    let apply_id = lookup
        .iter()
        .find(|(id, _)| *id == dropped)
        .unwrap()
        .1
        .unwrap();
    let out = run(h.cmd(&[
        "resolve",
        &dropped.to_string(),
        "--apply-id",
        &apply_id.to_string(),
    ]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(json(&out)["state"], "submitted");
    assert_eq!(json(&out)["apply_id"], apply_id);

    // The InternalError one is not there: resend needs a confirmation.
    let id = failed_inside.to_string();
    let out = run(h.send_cmd(&["resolve", &id, "--resend"]));
    assert_eq!(out.status.code(), Some(2), "no terminal, no --yes: refused");
    assert!(
        text(&out.stderr).contains("second application"),
        "a clear warning first"
    );
    let out = run(h.send_cmd(&["resolve", &id, "--resend", "--yes"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(json(&out)["state"], "submitted");

    let out = run(h.send_cmd(&["resolve", &id, "--resend", "--yes"]));
    assert_eq!(
        out.status.code(),
        Some(2),
        "a submitted application cannot be resolved again"
    );
    let a = check_agreement(&h.sandbox.applications(), &h.store());
    assert_eq!(
        (a.local_submitted, a.local_unknown, a.sandbox_applications),
        (4, 0, 4)
    );
}

#[test]
fn resume_sends_what_a_stop_left_queued() {
    let h = Harness::new(
        SandboxConfig {
            max_pending: 2,
            ..config()
        },
        None,
    );
    let out = run(h.submit(
        &h.csv("a.csv", &numbers("0408", 40)),
        &["--batch-size", "10", "--concurrency", "1"],
    ));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v = json(&out);
    assert_eq!(v["outcome"], "stopped");
    assert_eq!(v["stop_reason"]["kind"], "waiting_approval_overflow");
    assert_eq!(
        (v["submitted"].as_u64(), v["queued"].as_u64()),
        (Some(2), Some(2))
    );
    for app in h.sandbox.applications() {
        h.sandbox.approve(app.apply_id).unwrap();
    }
    let out = run(h.send_cmd(&["resume", "--concurrency", "1"]));
    let v: Value = json(&out);
    assert_eq!(v["applications"], 2, "{v}");
    assert!(v["submitted"].as_u64().unwrap() >= 1);
    check_agreement(&h.sandbox.applications(), &h.store());
    assert!(
        h.local()
            .iter()
            .all(|a| a.state != ApplicationState::Unknown)
    );
}

#[test]
fn the_secret_key_is_never_written_to_the_database_logs_or_output() {
    let key = "NdScanMeSecretKeyMustNeverBeStored7";
    let h = Harness::new(config(), Some(("AKIDNumberDeskScanTest0000000000000", key)));
    h.sandbox.set_faults(Faults {
        drop_next_after_commit: 1,
        fail_next_internal: 1,
        ..Faults::default()
    });
    let mut outputs = Vec::new();
    let out = run(h.submit(
        &h.csv("a.csv", &numbers("0409", 300)),
        &["--concurrency", "1"],
    ));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    outputs.push(out);
    for (id, apply_id) in unknown_lookup(&h.sandbox.applications(), &h.store()) {
        let out = match apply_id {
            Some(a) => run(h.cmd(&["resolve", &id.to_string(), "--apply-id", &a.to_string()])),
            None => run(h.send_cmd(&["resolve", &id.to_string(), "--resend", "--yes"])),
        };
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        outputs.push(out);
    }
    outputs.push(run(h.send_cmd(&["resume"])));
    outputs.push(run(h.cmd(&["history", "--json"])));
    outputs.push(run(h.cmd(&["history"])));
    let store = h.store();
    assert!(
        !store.attempts(1).unwrap().is_empty(),
        "attempts were logged"
    );
    drop(store);

    let files = files_under(h.dir.path());
    assert!(files.iter().any(|f| f.ends_with("numdesk.sqlite3")));
    assert!(
        files
            .iter()
            .any(|f| f.to_string_lossy().ends_with(".outbox-lock"))
    );
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        assert_eq!(
            occurrences(&bytes, key.as_bytes()),
            0,
            "rule: the SecretKey is never written — found in {}",
            f.display()
        );
    }
    for out in &outputs {
        assert_eq!(occurrences(&out.stdout, key.as_bytes()), 0, "not on stdout");
        assert_eq!(occurrences(&out.stderr, key.as_bytes()), 0, "not on stderr");
    }
    eprintln!(
        "searched {} files and {} outputs: 0 occurrences of the SecretKey",
        files.len(),
        outputs.len()
    );
}
