//! One number, one application — against the sandbox's International and China personalities,
//! which answer as Tencent does: numbers listed `0086…`, CostType on the China site only.

mod common;
mod outbox_support;

use std::time::Duration;

use common::text;
use numdesk_sandbox::{SandboxConfig, Site};
use outbox_support::*;
use serde_json::Value;

fn config(site: Site, approve_after: Option<Duration>) -> SandboxConfig {
    SandboxConfig {
        max_pending: 1_000,
        seed: Some(5),
        site,
        approve_after,
        ..SandboxConfig::default()
    }
}

/// Digits of a number as the sandbox stored it, without any country code or trunk prefix:
/// enough to recognise the Guangzhou landline 020 3800 1234 however it was sent.
fn is_the_landline(sent: &str) -> bool {
    sent.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .ends_with("2038001234")
}

#[test]
fn one_number_written_four_ways_across_four_files_is_one_application() {
    for site in [Site::International, Site::China] {
        let h = Harness::new(config(site, None), None);
        let spellings = [
            "020 3800 1234",
            "+86 20 3800 1234",
            "0086 20 38001234",
            "862038001234",
        ];
        for (i, spelling) in spellings.iter().enumerate() {
            let other = format!("0755 8600 {:04}", 1000 + i);
            let csv = h.csv(&format!("list{i}.csv"), &[spelling.to_string(), other]);
            let out = run(h.submit(&csv, &[]));
            assert_eq!(out.status.code(), Some(0), "{site}: {}", text(&out.stderr));
            let v = json(&out);
            if i > 0 {
                let left: Vec<&Value> = v["left_out"].as_array().unwrap().iter().collect();
                assert_eq!(
                    left.len(),
                    1,
                    "rule: {spelling} is the number the first file applied for ({site}): {v}"
                );
                assert!(
                    left[0]["application_id"].is_number(),
                    "the message names the application holding it: {v}"
                );
            }
        }
        let holding: Vec<_> = h
            .sandbox
            .applications()
            .into_iter()
            .filter(|a| a.numbers.iter().any(|n| is_the_landline(n)))
            .collect();
        assert_eq!(
            holding.len(),
            1,
            "rule: Tencent ({site}) received one application for the number, not four"
        );
        assert_eq!(
            h.sandbox.applications().len(),
            4,
            "each file's other number went out"
        );
    }
}

#[test]
fn refresh_sees_numbers_live_and_the_application_approved_on_both_sites() {
    for (site, form) in [
        (Site::International, "national"),
        (Site::China, "national"),
        (Site::International, "international"),
        (Site::China, "international"),
    ] {
        let h = Harness::new(config(site, Some(Duration::from_secs(1))), None);
        let csv = h.csv(
            "three.csv",
            &[
                "020 3800 1234".into(),
                "+86 20 3800 5678".into(),
                "138 0013 8000".into(),
            ],
        );
        let out = run(h.submit(&csv, &["--number-form", form]));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let sent = &h.sandbox.applications()[0].numbers;
        if form == "national" {
            assert_eq!(
                sent,
                &["02038001234", "02038005678", "13800138000"],
                "one form"
            );
        } else {
            assert_eq!(sent, &["+862038001234", "+862038005678", "+8613800138000"]);
        }

        std::thread::sleep(Duration::from_millis(1_300));
        let out = run(h.send_cmd(&["refresh", "--json"]));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let v = json(&out);
        let app = &v["applications"][0];
        assert_eq!(
            app["live_numbers"], 3,
            "rule: every number submitted ({form}) is seen live on the {site} site, listed \
             0086…: {v}"
        );
        assert!(app["approved_at"].is_string(), "approved: {v}");
        assert_eq!(v["reconciled"][0]["approved"][0], app["id"]);

        let out = run(h.cmd(&["history", "--json"]));
        let list = json(&out);
        assert_eq!(list[0]["live_numbers"], 3);
        assert!(
            list[0]["approved_at"].is_string(),
            "history shows approved_at: {list}"
        );
        let out = run(h.send_cmd(&["refresh"]));
        assert!(
            text(&out.stdout).contains("no submitted application waits"),
            "{}",
            text(&out.stdout)
        );
    }
}

#[test]
fn watch_once_prints_one_json_line_per_change_on_both_sites() {
    for site in [Site::International, Site::China] {
        let h = Harness::new(config(site, Some(Duration::from_secs(1))), None);
        for (i, numbers) in [
            ["020 3800 2001", "+86 20 3800 2002"],
            ["0086 20 3800 2003", "13800138206"],
        ]
        .iter()
        .enumerate()
        {
            let csv = h.csv(&format!("w{i}.csv"), &numbers.map(str::to_owned));
            let out = run(h.submit(&csv, &[]));
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        }
        std::thread::sleep(Duration::from_millis(1_300));
        let out = run(h.send_cmd(&["watch", "--once", "--json"]));
        assert_eq!(out.status.code(), Some(0), "{site}: {}", text(&out.stderr));
        let lines: Vec<Value> = text(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let approved: Vec<i64> = lines
            .iter()
            .filter(|l| l["event"] == "approved")
            .map(|l| l["applicationId"].as_i64().unwrap())
            .collect();
        assert_eq!(
            approved,
            [1, 2],
            "{site}: one line per approved application: {lines:?}"
        );
        let out = run(h.send_cmd(&["watch", "--once", "--json"]));
        assert_eq!(
            text(&out.stdout).trim(),
            "",
            "{site}: nothing changes twice"
        );
    }
}
