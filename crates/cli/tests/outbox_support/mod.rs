//! A sandbox that outlives the `numdesk` processes (it runs in the test process), a database
//! file, and the checks of the outbox guarantees (from `numdesk-testkit`, shared with the outbox
//! tests).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failure

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use numdesk_sandbox::{Sandbox, SandboxConfig};
use numdesk_store::{ApplicationFilter, ApplicationSummary, Store};
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

#[allow(unused_imports)] // each test file uses its own subset
pub use numdesk_testkit::{
    Agreement, check_agreement, files_under, numbers, occurrences, unknown_lookup,
};
