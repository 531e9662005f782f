//! A sandbox that outlives the `numdesk` processes (it runs in the test process), a database
//! file, and the checks of the outbox guarantees.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failure

use std::collections::{BTreeSet, HashMap, HashSet};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use numdesk_sandbox::{Sandbox, SandboxApplication, SandboxConfig};
use numdesk_store::{ApplicationFilter, ApplicationState, ApplicationSummary, Store};
use serde_json::Value;

pub const SDK: &str = "1400000001";
pub const TRUNK: &str = "10001";

pub struct Harness {
    pub sandbox: Sandbox,
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub secret: (String, String),
    // Last: the runtime serving the sandbox is dropped after it.
    pub rt: tokio::runtime::Runtime,
}

impl Harness {
    /// A sandbox with `config` (state kept in a file in the temp dir) and the built-in sandbox
    /// credentials, or `secret` when given.
    pub fn new(mut config: SandboxConfig, secret: Option<(&str, &str)>) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        config.state_path = Some(dir.path().join("sandbox-state.json"));
        let secret = match secret {
            Some((id, key)) => (id.to_owned(), key.to_owned()),
            None => (
                numdesk_sandbox::SANDBOX_SECRET_ID.to_owned(),
                numdesk_sandbox::SANDBOX_SECRET_KEY.to_owned(),
            ),
        };
        config.secrets = vec![secret.clone()];
        let sandbox = rt
            .block_on(Sandbox::start(
                config,
                SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            ))
            .unwrap();
        let db = dir.path().join("data").join("numdesk.sqlite3");
        Self {
            sandbox,
            dir,
            db,
            secret,
            rt,
        }
    }

    /// `numdesk ARGS… --db DB` with the credentials in the environment.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = super::common::numdesk();
        cmd.env("TENCENTCLOUD_SECRET_ID", &self.secret.0)
            .env("TENCENTCLOUD_SECRET_KEY", &self.secret.1)
            .env_remove("NUMDESK_DB")
            .args(args)
            .arg("--db")
            .arg(&self.db)
            .stdin(Stdio::null());
        cmd
    }

    /// `cmd` plus `--endpoint SANDBOX`.
    pub fn send_cmd(&self, args: &[&str]) -> Command {
        let mut cmd = self.cmd(args);
        cmd.arg("--endpoint").arg(self.sandbox.url());
        cmd
    }

    pub fn submit(&self, csv: &Path, extra: &[&str]) -> Command {
        let mut cmd = self.send_cmd(&["submit"]);
        cmd.arg(csv)
            .args(["--sdk-app-id", SDK, "--sip-trunk-id", TRUNK, "--yes"])
            .args(extra);
        cmd
    }

    pub fn store(&self) -> Store {
        Store::open(&self.db).unwrap()
    }

    pub fn local(&self) -> Vec<ApplicationSummary> {
        self.store()
            .applications(&ApplicationFilter::all())
            .unwrap()
    }

    pub fn csv(&self, name: &str, numbers: &[String]) -> PathBuf {
        let path = self.dir.path().join(name);
        let mut text = String::from("PhoneNumber,CallType,MaxCallCount,MaxCallPSec\n");
        for n in numbers {
            text.push_str(&format!("{n},2,5,1\n"));
        }
        std::fs::write(&path, text).unwrap();
        path
    }
}

pub fn run(mut cmd: Command) -> Output {
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

pub fn numbers(prefix: &str, count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{prefix}{i:05}")).collect()
}

fn set(numbers: &[String]) -> BTreeSet<String> {
    numbers.iter().cloned().collect()
}

/// What the guarantees check found.
#[derive(Debug, Default, Clone, Copy)]
pub struct Agreement {
    pub sandbox_applications: usize,
    pub local_submitted: usize,
    pub local_unknown: usize,
    pub unknown_created: usize,
    pub unknown_not_created: usize,
}

/// The guarantees: no number in two applications (sandbox or local), every ApplyId the
/// sandbox issued known locally (same numbers) or its batch `unknown`, every local ApplyId in
/// the sandbox, nothing left `sending`, `PRAGMA integrity_check` ok.
pub fn check_agreement(sandbox: &[SandboxApplication], store: &Store) -> Agreement {
    let local = store.applications(&ApplicationFilter::all()).unwrap();
    assert!(
        local.iter().all(|a| a.state != ApplicationState::Sending),
        "rule: no `sending` survives a reopened outbox"
    );
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for app in sandbox {
        for n in &app.numbers {
            if let Some(other) = seen.insert(n, app.apply_id) {
                panic!(
                    "rule: no number in two applications — {n} in {other} and {}",
                    app.apply_id
                );
            }
        }
    }
    let mut held: HashMap<&str, i64> = HashMap::new();
    for app in local.iter().filter(|a| a.state != ApplicationState::Failed) {
        for n in &app.numbers {
            if let Some(other) = held.insert(n, app.id) {
                panic!(
                    "rule: no number in two local applications — {n} in {other} and {}",
                    app.id
                );
            }
        }
    }
    let by_apply: HashMap<u64, &ApplicationSummary> = local
        .iter()
        .filter_map(|a| a.apply_id.map(|id| (id, a)))
        .collect();
    let unknown: HashMap<BTreeSet<String>, i64> = local
        .iter()
        .filter(|a| a.state == ApplicationState::Unknown)
        .map(|a| (set(&a.numbers), a.id))
        .collect();
    let mut created = HashSet::new();
    for app in sandbox {
        match by_apply.get(&app.apply_id) {
            Some(l) => assert_eq!(
                set(&l.numbers),
                set(&app.numbers),
                "ApplyId {}",
                app.apply_id
            ),
            None => {
                let id = unknown.get(&set(&app.numbers)).unwrap_or_else(|| {
                    panic!(
                        "rule: every sandbox ApplyId is known locally or its batch is unknown — \
                         {} is neither",
                        app.apply_id
                    )
                });
                created.insert(*id);
            }
        }
    }
    let sandbox_ids: HashSet<u64> = sandbox.iter().map(|a| a.apply_id).collect();
    for l in local
        .iter()
        .filter(|a| a.state == ApplicationState::Submitted)
    {
        assert!(
            sandbox_ids.contains(&l.apply_id.unwrap()),
            "local ApplyId exists in the sandbox"
        );
    }
    assert_eq!(
        store.integrity_check().unwrap(),
        ["ok"],
        "rule: PRAGMA integrity_check is ok"
    );
    Agreement {
        sandbox_applications: sandbox.len(),
        local_submitted: local
            .iter()
            .filter(|a| a.state == ApplicationState::Submitted)
            .count(),
        local_unknown: unknown.len(),
        unknown_created: created.len(),
        unknown_not_created: unknown.len() - created.len(),
    }
}

/// For each unknown application: the sandbox ApplyId with the same numbers (the user finds it
/// in the console), or `None` (it is not there: resend).
pub fn unknown_lookup(sandbox: &[SandboxApplication], store: &Store) -> Vec<(i64, Option<u64>)> {
    let local = store.applications(&ApplicationFilter::all()).unwrap();
    let known: HashSet<u64> = local.iter().filter_map(|a| a.apply_id).collect();
    let by_set: HashMap<BTreeSet<String>, u64> = sandbox
        .iter()
        .filter(|a| !known.contains(&a.apply_id))
        .map(|a| (set(&a.numbers), a.apply_id))
        .collect();
    local
        .iter()
        .filter(|a| a.state == ApplicationState::Unknown)
        .map(|a| (a.id, by_set.get(&set(&a.numbers)).copied()))
        .collect()
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

pub fn occurrences(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}
