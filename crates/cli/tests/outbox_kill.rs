//! Kill test: `numdesk submit` killed with SIGKILL at random moments, then `numdesk resume`
//! (itself killed at random half of the time) until the queue is empty; the sandbox (in this
//! test process, so it outlives every killed CLI) and the local history must agree after every
//! run, and once the unknown applications are settled every number is in exactly one
//! application on both sides.
//!
//! Short by default (CI). The long version: `NUMDESK_KILL_RUNS=20 cargo test -p numdesk-cli
//! --test outbox_kill -- --nocapture` (2,000 numbers per run unless `NUMDESK_KILL_NUMBERS` says
//! otherwise; `NUMDESK_KILL_SEED` replays a run; `NUMDESK_KILL_BATCH`, `NUMDESK_KILL_DELAY_MS`,
//! `NUMDESK_KILL_WINDOW_MS`, `NUMDESK_KILL_SANDBOX_RATE` tune batch size, sandbox delay, the
//! kill window and the sandbox's rate limit).
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failure

mod common;
mod outbox_support;

use std::collections::HashMap;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use numdesk_sandbox::{Faults, SandboxConfig};
use numdesk_store::{ApplicationFilter, ApplicationState, EndpointKind, EndpointScope};
use outbox_support::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn env_or(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v}: expected a number")),
        Err(_) => default,
    }
}

#[derive(Debug, Default)]
struct Figures {
    processes: u32,
    killed: u32,
    exited: u32,
}

enum Ended {
    /// SIGKILLed while running.
    Killed,
    /// Exited by itself after this long.
    Exited(Duration),
}

/// Waits for `child` for up to `after`, then SIGKILLs it if it still runs.
fn kill_after(mut child: Child, after: Duration, f: &mut Figures) -> Ended {
    f.processes += 1;
    let start = Instant::now();
    while start.elapsed() < after {
        if child.try_wait().expect("the child can be polled").is_some() {
            f.exited += 1;
            return Ended::Exited(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("SIGKILL is delivered");
    child.wait().expect("the killed child is reaped");
    f.killed += 1;
    Ended::Killed
}

fn spawn(mut cmd: std::process::Command) -> Child {
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn kill_9_at_random_moments_loses_and_duplicates_nothing() {
    let long = std::env::var("NUMDESK_KILL_RUNS").is_ok();
    let runs = env_or("NUMDESK_KILL_RUNS", 3);
    let count = env_or("NUMDESK_KILL_NUMBERS", if long { 2000 } else { 300 }) as usize;
    let batch = env_or("NUMDESK_KILL_BATCH", if long { 50 } else { 20 });
    let delay = env_or("NUMDESK_KILL_DELAY_MS", 100);
    let window = env_or("NUMDESK_KILL_WINDOW_MS", if long { 2000 } else { 900 });
    // The sandbox's own rate limit: below the client's 20/s, most attempts are answered
    // RequestLimitExceeded and back off, so kills land in backoffs (the needless-unknown case).
    let sandbox_rate = env_or(
        "NUMDESK_KILL_SANDBOX_RATE",
        u64::from(SandboxConfig::default().rate_limit_per_sec),
    );
    let seed = env_or(
        "NUMDESK_KILL_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    );
    eprintln!(
        "kill test: {runs} runs of {count} numbers, batches of {batch}, sandbox delay {delay} ms, \
         sandbox rate limit {sandbox_rate}/s, kill window {window} ms, seed {seed} \
         (NUMDESK_KILL_SEED={seed} replays it)"
    );
    let mut rng = StdRng::seed_from_u64(seed);
    let h = Harness::new(
        SandboxConfig {
            max_pending: 1_000_000,
            rate_limit_per_sec: u32::try_from(sandbox_rate).unwrap(),
            seed: Some(seed),
            faults: Faults {
                delay: Duration::from_millis(delay),
                ..Faults::default()
            },
            ..SandboxConfig::default()
        },
        None,
    );
    let scope = EndpointScope::new(EndpointKind::Sandbox, h.sandbox.host());
    let batch_arg = batch.to_string();
    let mut f = Figures::default();
    let mut all_numbers = Vec::new();

    // A run counts when its `numdesk submit` was SIGKILLed while running; the kill window
    // shrinks to what a whole submission takes, so kills land mid-flight.
    let mut window = window;
    let mut killed_runs = 0;
    let mut run_no = 0u64;
    while killed_runs < runs {
        assert!(
            run_no < runs * 5 + 5,
            "kills keep missing: window {window} ms"
        );
        let prefix = format!("05{run_no:03}");
        let nums = numbers(&prefix, count);
        all_numbers.extend(nums.iter().cloned());
        let csv = h.csv(&format!("run{run_no}.csv"), &nums);
        let submit = || h.submit(&csv, &["--batch-size", &batch_arg]);

        let at = Duration::from_millis(rng.random_range(0..window));
        match kill_after(spawn(submit()), at, &mut f) {
            Ended::Killed => killed_runs += 1,
            Ended::Exited(took) => window = window.min((took.as_millis() as u64).max(50)),
        }

        // Then resume (or submit again if the kill came before anything was queued) until the
        // queue is empty, killing half of those processes too.
        let mut finished = false;
        for _ in 0..60 {
            let store = h.store();
            let queued_any = !store
                .number_holders(&scope, 1_400_000_001, &[nums[0].as_str()], None, None)
                .unwrap()
                .is_empty();
            drop(store);
            let cmd = if queued_any {
                h.send_cmd(&["resume"])
            } else {
                submit()
            };
            let at = if rng.random_bool(0.5) {
                Duration::from_millis(rng.random_range(0..window))
            } else {
                Duration::from_secs(120)
            };
            if let Ended::Killed = kill_after(spawn(cmd), at, &mut f) {
                continue;
            }
            if queued_any && h.store().queued_ids(&scope, None, None).unwrap().is_empty() {
                finished = true;
                break;
            }
        }
        assert!(
            finished,
            "run {run_no}: the queue empties once the kills stop"
        );
        let a = check_agreement(&h.sandbox.applications(), &h.store());
        // Nothing lost: every number of the run is in an application (submitted or unknown).
        let held: usize = h
            .local()
            .iter()
            .filter(|a| {
                matches!(
                    a.state,
                    ApplicationState::Submitted | ApplicationState::Unknown
                )
            })
            .flat_map(|a| a.numbers.iter())
            .filter(|n| n.starts_with(&prefix))
            .count();
        assert_eq!(held, count, "run {run_no}: rule: no number is ever lost");
        eprintln!("after run {run_no} (window {window} ms): {a:?}");
        run_no += 1;
    }

    let before = check_agreement(&h.sandbox.applications(), &h.store());
    // The figure the outbox keeps low: applications left "outcome unknown" although the
    // sandbox never created them (every attempt rejected, or killed before the request left).
    // Each costs the user a trip to the console for nothing.
    eprintln!(
        "unknowns the sandbox never created: {} (of {} unknown)",
        before.unknown_not_created, before.local_unknown
    );
    // The user settles every unknown application through the CLI.
    let mut by_apply_id = 0;
    let mut resent = 0;
    for round in 0.. {
        assert!(round < 10, "unknowns get settled");
        let lookup = unknown_lookup(&h.sandbox.applications(), &h.store());
        if lookup.is_empty() {
            break;
        }
        for (id, apply_id) in lookup {
            let out = match apply_id {
                Some(a) => {
                    by_apply_id += 1;
                    run(h.cmd(&["resolve", &id.to_string(), "--apply-id", &a.to_string()]))
                }
                None => {
                    resent += 1;
                    run(h.send_cmd(&["resolve", &id.to_string(), "--resend", "--yes"]))
                }
            };
            assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
        }
    }
    let sandbox_apps = h.sandbox.applications();
    let after = check_agreement(&sandbox_apps, &h.store());
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for app in &sandbox_apps {
        for n in &app.numbers {
            *seen.entry(n).or_default() += 1;
        }
    }
    for n in &all_numbers {
        assert_eq!(
            seen.get(n.as_str()),
            Some(&1),
            "rule: {n} submitted exactly once"
        );
    }
    let local = h.store().applications(&ApplicationFilter::all()).unwrap();
    assert!(local.iter().all(|a| a.state == ApplicationState::Submitted));
    eprintln!(
        "kill test figures: {run_no} submissions ({runs} of them SIGKILLed), {} numbers, {} \
         processes started, {} SIGKILLed while running, {} exited by themselves; before \
         settling: {} sandbox applications, {} submitted, {} unknown (left `sending` by a kill: \
         {} had reached the sandbox, {} never arrived); settled {} by ApplyId and {} by resend; \
         after: {} applications on both sides, every number exactly once, integrity_check ok",
        all_numbers.len(),
        f.processes,
        f.killed,
        f.exited,
        before.sandbox_applications,
        before.local_submitted,
        before.local_unknown,
        before.unknown_created,
        before.unknown_not_created,
        by_apply_id,
        resent,
        after.sandbox_applications,
    );
}
