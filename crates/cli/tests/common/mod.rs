//! Running the real `numdesk` binary.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // test helpers: panics are failures

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_numdesk");
pub const SANDBOX_ID: &str = "AKIDNumberDeskSandbox000000000000000";
pub const SANDBOX_KEY: &str = "NumberDeskSandboxKeyNotASecret0000";

/// A command with a clean environment for credentials and proxies.
pub fn numdesk() -> Command {
    let mut cmd = Command::new(BIN);
    for var in [
        "TENCENTCLOUD_SECRET_ID",
        "TENCENTCLOUD_SECRET_KEY",
        "TENCENTCLOUD_TOKEN",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("LANG", "en_US.UTF-8");
    cmd
}

/// Run with `stdin` as standard input; wait for the result.
pub fn run_with_stdin(mut cmd: Command, stdin: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The process may exit before reading (usage errors): a broken pipe is not a failure here.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A spawned process that is killed when the guard goes out of scope (also on test failure).
pub struct KillOnDrop {
    pub child: Child,
    lines: mpsc::Receiver<String>,
}

impl KillOnDrop {
    /// Spawn with stdout piped and read line by line on a helper thread.
    pub fn spawn(mut cmd: Command) -> Self {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout: ChildStdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Self { child, lines: rx }
    }

    /// The next stdout line; a generous limit only so a broken binary fails instead of hanging.
    pub fn next_line(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(60))
            .expect("expected a line on stdout")
    }

    /// Send SIGTERM and wait for the process to exit.
    #[cfg(unix)]
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        self.child.wait().unwrap()
    }
}

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start `numdesk sandbox` with extra arguments; returns the guard and the URL it printed.
pub fn start_sandbox(extra: &[&str]) -> (KillOnDrop, String) {
    let mut cmd = numdesk();
    cmd.arg("sandbox").arg("--port").arg("0").args(extra);
    let guard = KillOnDrop::spawn(cmd);
    let first = guard.next_line();
    let url = first
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line must be `listening on URL`, got {first:?}"))
        .to_owned();
    (guard, url)
}
