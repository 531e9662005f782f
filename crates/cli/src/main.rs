//! `numdesk`: the Number Desk command line.
//!
//! - `numdesk sign …`    print every step of a TC3-HMAC-SHA256 signature as JSON
//! - `numdesk sandbox …` run the local CCC sandbox until Ctrl-C / SIGTERM
//! - `numdesk call …`    one signed call; prints the `Response` JSON
//! - `numdesk submit …`  import a list and send it in batches (exit 0 all submitted, 1 some
//!   failed or unknown, 2 nothing could be done); `resume`, `history`, `resolve` manage the outbox;
//!   `refresh` asks Tencent which submitted numbers are live and marks approvals; `watch` does
//!   so on the app's schedule, one line per change
//! - `numdesk import FILE` read and check a number list (`--json`: one JSON object)
//! - `numdesk template`  write the import template (XLSX or CSV)
//!
//! Credentials come only from `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and optional
//! `TENCENTCLOUD_TOKEN`, never from arguments (they would be visible in the process list and the
//! shell history).
//!
//! Exit codes: 0 success, 1 Tencent answered with an error, 2 usage, input or network error.

mod args;
mod body;
mod call;
mod error;
mod history;
mod import;
mod json;
mod outbox_args;
mod outbox_common;
mod refresh;
mod resolve;
mod resume;
mod sandbox;
mod sign;
mod submit;
mod template;
mod watch;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::error::CliError;

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(flag) = args::secret_like_flag(&argv) {
        eprintln!("{}", CliError::SecretInArguments { flag });
        return ExitCode::from(2);
    }
    let cli = Cli::parse_from(argv);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Sign(a) => sign::run(a),
            Command::Sandbox(a) => sandbox::run(a).await,
            Command::Call(a) => call::run(a).await,
            Command::Submit(a) => submit::run(a).await.map_err(CliError::from),
            Command::Resume(a) => resume::run(a).await.map_err(CliError::from),
            Command::History(a) => history::run(a).map_err(CliError::from),
            Command::Refresh(a) => refresh::run(a).await.map_err(CliError::from),
            Command::Watch(a) => watch::run(a).await.map_err(CliError::from),
            Command::Resolve(a) => resolve::run(a).await.map_err(CliError::from),
            Command::Import(a) => import::run(a),
            Command::Template(a) => template::run(a),
        }
    });
    let _ = std::io::stdout().flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.report());
            ExitCode::from(e.exit_code())
        }
    }
}
