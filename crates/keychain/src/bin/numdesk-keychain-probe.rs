//! Which credential store would Number Desk use on this machine, and why?
//!
//! Runs [`numdesk_keychain::open_best_with`] (the same probe the app runs at startup: write, read
//! back and delete a throw-away entry) and prints one JSON line:
//! `{"kind":"secretService","fallbackCode":null,"fallbackMessage":null,"elapsedMs":12}`.
//! Exit code 0 when the OS keychain works, 1 when the app would fall back to session-only
//! memory, 2 for bad arguments. Never reads or prints a secret.
//!
//! Usage: `numdesk-keychain-probe [--timeout-ms N] [--service NAME]`

use std::process::ExitCode;
use std::time::{Duration, Instant};

use numdesk_keychain::{OpenOptions, open_best_with};

fn parse_args() -> Result<OpenOptions, String> {
    let mut options = OpenOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--timeout-ms" => {
                let value = args
                    .next()
                    .ok_or("--timeout-ms needs a number of milliseconds")?;
                let ms: u64 = value
                    .parse()
                    .map_err(|_| format!("--timeout-ms: {value:?} is not a whole number"))?;
                options.probe_timeout = Duration::from_millis(ms);
            }
            "--service" => {
                options.service = args.next().ok_or("--service needs a name")?;
            }
            "-h" | "--help" => {
                return Err(
                    "usage: numdesk-keychain-probe [--timeout-ms N] [--service NAME]".into(),
                );
            }
            other => return Err(format!("unknown argument {other:?}; try --help")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let opened = open_best_with(&options);
    let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let reason = opened.fallback_reason.as_ref();
    let report = serde_json::json!({
        "kind": opened.kind,
        "fallbackCode": reason.map(|e| e.code()),
        "fallbackMessage": reason.map(ToString::to_string),
        "elapsedMs": elapsed_ms,
    });
    println!("{report}");
    if opened.kind.is_persistent() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
