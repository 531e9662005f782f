//! `open_best` on a machine without a working Secret Service returns `SessionOnly` and never
//! hangs. Each case runs in a child process whose D-Bus environment the test controls (changing
//! the environment of this multi-threaded test process would be unsound): the
//! `numdesk-keychain-probe` binary, which runs exactly `open_best_with`, or this test binary
//! itself for the in-runtime case.
//!
//! Time bounds here are generous ceilings (a hang is minutes, the bound is 120 s), never
//! measurements.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns
#![cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]

use std::io::ErrorKind;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use numdesk_keychain::{OsKeychain, SecretStore, StoreKind};

/// Far beyond any probe deadline used here: reaching it means the app would have hung.
const HANG_BOUND: Duration = Duration::from_secs(120);
const CHILD_FLAG: &str = "NUMDESK_KEYCHAIN_TEST_CHILD";

/// A command with the D-Bus session environment removed; callers add what the case needs.
fn isolated(program: impl AsRef<std::ffi::OsStr>, runtime_dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("DBUS_SYSTEM_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", runtime_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Run to completion, or kill it and fail when it outlives [`HANG_BOUND`].
fn run_bounded(mut cmd: Command) -> (Output, Duration) {
    let started = Instant::now();
    let mut child = cmd.spawn().expect("start child process");
    loop {
        if child.try_wait().expect("poll child").is_some() {
            let output = child.wait_with_output().expect("collect child output");
            return (output, started.elapsed());
        }
        if started.elapsed() > HANG_BOUND {
            let _ = child.kill();
            let _ = child.wait();
            panic!("rule: open_best never hangs; the child ran over {HANG_BOUND:?} and was killed");
        }
        thread::sleep(Duration::from_millis(20));
    }
}

struct ProbeReport {
    kind: StoreKind,
    code: Option<String>,
    message: Option<String>,
    elapsed_ms: u64,
    exit: Option<i32>,
}

fn probe(cmd: Command) -> ProbeReport {
    let (output, _) = run_bounded(cmd);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| {
        panic!(
            "probe printed no JSON ({e}): stdout {stdout:?}, stderr {:?}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    ProbeReport {
        kind: serde_json::from_value(json["kind"].clone()).expect("kind"),
        code: json["fallbackCode"].as_str().map(str::to_owned),
        message: json["fallbackMessage"].as_str().map(str::to_owned),
        elapsed_ms: json["elapsedMs"].as_u64().expect("elapsedMs"),
        exit: output.status.code(),
    }
}

fn probe_command(runtime_dir: &Path, timeout_ms: u64) -> Command {
    let mut cmd = isolated(env!("CARGO_BIN_EXE_numdesk-keychain-probe"), runtime_dir);
    cmd.args([
        "--timeout-ms",
        &timeout_ms.to_string(),
        "--service",
        "com.numberdesk.test",
    ]);
    cmd
}

#[test]
fn missing_session_bus_socket_falls_back_to_session_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = probe_command(dir.path(), 30_000);
    let bus = dir.path().join("no-such-bus");
    cmd.env(
        "DBUS_SESSION_BUS_ADDRESS",
        format!("unix:path={}", bus.display()),
    );
    let report = probe(cmd);
    assert_eq!(
        report.kind,
        StoreKind::SessionOnly,
        "rule: no keychain → session-only store"
    );
    assert_eq!(
        report.exit,
        Some(1),
        "rule: the probe binary exits 1 on fallback"
    );
    assert_eq!(
        report.code.as_deref(),
        Some("keychainUnavailable"),
        "rule: the fallback says why: {:?}",
        report.message
    );
    assert!(
        report.elapsed_ms < 30_000,
        "rule: a refused connection is reported at once, not after the deadline ({} ms)",
        report.elapsed_ms
    );
}

#[test]
fn no_session_bus_configured_falls_back_to_session_only() {
    // What a bare Linux machine looks like: no DBUS_SESSION_BUS_ADDRESS, no bus in the runtime dir.
    let dir = tempfile::tempdir().unwrap();
    let report = probe(probe_command(dir.path(), 30_000));
    assert_eq!(
        report.kind,
        StoreKind::SessionOnly,
        "rule: no keychain → session-only store"
    );
    assert_eq!(
        report.code.as_deref(),
        Some("keychainUnavailable"),
        "{:?}",
        report.message
    );
    let message = report.message.unwrap_or_default();
    assert!(
        message.contains("kept in memory for this session only"),
        "rule: the reason tells the user what it means: {message}"
    );
}

/// A "D-Bus daemon" that accepts connections and never says a word: the client's authentication
/// handshake waits forever. The listener thread stops when dropped.
struct SilentBus {
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl SilentBus {
    fn start(path: &Path) -> Self {
        let listener = UnixListener::bind(path).expect("bind silent bus socket");
        listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = thread::spawn(move || {
            let mut held: Vec<UnixStream> = Vec::new();
            let started = Instant::now();
            while !flag.load(Ordering::Relaxed) && started.elapsed() < HANG_BOUND {
                match listener.accept() {
                    Ok((stream, _)) if held.len() < 16 => held.push(stream),
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {
                        thread::sleep(Duration::from_millis(10));
                    }
                    Err(_) => break,
                }
            }
        });
        Self {
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for SilentBus {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[test]
fn a_bus_that_never_answers_times_out_and_falls_back() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("silent-bus");
    let _bus = SilentBus::start(&socket);
    let mut cmd = probe_command(dir.path(), 1_000);
    cmd.env(
        "DBUS_SESSION_BUS_ADDRESS",
        format!("unix:path={}", socket.display()),
    );
    let report = probe(cmd);
    assert_eq!(
        report.kind,
        StoreKind::SessionOnly,
        "rule: a keychain that never answers → session-only store"
    );
    assert_eq!(
        report.code.as_deref(),
        Some("keychainTimeout"),
        "rule: the fallback reason is the probe deadline: {:?}",
        report.message
    );
    assert!(
        report.elapsed_ms >= 1_000,
        "rule: the probe waited for its deadline, no less ({} ms)",
        report.elapsed_ms
    );
}

#[test]
fn keychain_calls_from_async_code_do_not_panic() {
    // Calling the Secret Service client on a tokio runtime thread panics ("Cannot start a runtime
    // from within a runtime"); OsKeychain runs every call on its own thread. The child is this
    // test binary running `child_keychain_call_inside_tokio_runtime`.
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = isolated(
        std::env::current_exe().expect("test binary path"),
        dir.path(),
    );
    cmd.args([
        "--exact",
        "child_keychain_call_inside_tokio_runtime",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_FLAG, "1");
    let (output, _) = run_bounded(cmd);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("CHILD-OK") && stdout.contains("1 passed"),
        "rule: keychain calls from inside a tokio runtime return an error, never a panic\n\
         stdout: {stdout}\nstderr: {stderr}"
    );
}

#[tokio::test]
#[ignore = "helper run in a child process by keychain_calls_from_async_code_do_not_panic"]
async fn child_keychain_call_inside_tokio_runtime() {
    if std::env::var_os(CHILD_FLAG).is_none() {
        return; // only meaningful in the environment the parent test sets up
    }
    let keychain = OsKeychain::with_service("com.numberdesk.test")
        .unwrap()
        .with_timeout(Duration::from_secs(30));
    for result in [
        keychain.load("profile-1").map(|_| ()),
        keychain.delete("profile-1"),
        keychain.probe(Duration::from_secs(30)),
    ] {
        let err = result.expect_err("there is no bus in this child's environment");
        assert_eq!(
            err.code(),
            "keychainUnavailable",
            "rule: inside a runtime the call fails cleanly (no panic): {err}"
        );
    }
    println!("CHILD-OK");
}
