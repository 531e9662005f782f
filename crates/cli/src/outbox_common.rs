//! What `submit`, `resume`, `history` and `resolve` share: the database, the client, progress on
//! standard error, the JSON shapes on standard output, exit codes.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use numdesk_client::{Client, ClientError, Endpoint, RateLimiter};
use numdesk_commands::IpcError;
use numdesk_outbox::{
    Outbox, OutboxConfig, OutboxError, ProgressEvent, ProgressSink, SendControl, SendPhase,
    SendReport,
};
use numdesk_store::{ApplicationState, ApplicationSummary, Store, StoreError};
use serde::Serialize;

use crate::outbox_args::{DbArgs, SendArgs};

/// The desktop app's bundle identifier (`src-tauri/tauri.conf.json`): its data directory.
const APP_IDENTIFIER: &str = "com.numberdesk.desktop";
/// The database file inside it (the same name the app uses).
const DATABASE_FILE: &str = "numdesk.sqlite3";

/// Everything that ends `submit`, `resume`, `history` or `resolve` unsuccessfully.
#[derive(Debug, thiserror::Error)]
pub enum OutboxCmdError {
    #[error("error: {0}")]
    Outbox(#[from] OutboxError),
    #[error("error: {0}")]
    Store(#[from] StoreError),
    #[error("error: {0}")]
    Import(#[from] numdesk_import::ImportError),
    #[error("error: {0}")]
    Client(#[from] ClientError),
    /// Bad arguments or a refusal before anything was sent.
    #[error("error: {0}")]
    Usage(String),
    /// The command ran; not everything succeeded (details already printed).
    #[error("{message}")]
    Incomplete { message: String, exit_code: u8 },
    #[error("error: cannot write the output: {0}")]
    Output(#[source] std::io::Error),
}

impl OutboxCmdError {
    /// 1 when some applications failed or are unknown, 2 when nothing could be done.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Incomplete { exit_code, .. } => *exit_code,
            _ => 2,
        }
    }
}

pub type CmdResult<T> = Result<T, OutboxCmdError>;

/// The database path: `--db`, `NUMDESK_DB`, or the app's own file.
pub fn db_path(args: &DbArgs) -> CmdResult<PathBuf> {
    if let Some(p) = &args.db {
        return Ok(p.clone());
    }
    let base = directories::BaseDirs::new().ok_or_else(|| {
        OutboxCmdError::Usage(
            "cannot find the app-data directory of this user; pass --db PATH".to_owned(),
        )
    })?;
    Ok(base.data_dir().join(APP_IDENTIFIER).join(DATABASE_FILE))
}

pub fn open_store(args: &DbArgs) -> CmdResult<Arc<Store>> {
    let path = db_path(args)?;
    if args.db.is_none()
        && let Some(dir) = path.parent()
    {
        // The app's own data directory (no --db / NUMDESK_DB): private. A folder the user
        // chose keeps its permissions.
        numdesk_store::private_app_dir(dir)?;
    }
    Ok(Arc::new(Store::open(&path)?))
}

/// Opens the outbox (taking the sender lock) and reports what crash recovery changed.
pub fn open_outbox(store: Arc<Store>, send: &SendArgs) -> CmdResult<Outbox> {
    let outbox = Outbox::open(
        store,
        OutboxConfig {
            concurrency: send.concurrency,
        },
    )?;
    let recovered = &outbox.recovered().applications;
    if !recovered.is_empty() {
        eprintln!(
            "warning: {} application(s) were being sent when Number Desk stopped; their outcome \
             is unknown and they will not be sent again automatically: {}. Check the Tencent \
             Cloud console, then run `numdesk resolve ID --apply-id N` (found) or \
             `numdesk resolve ID --resend` (not there).",
            recovered.len(),
            ids(recovered)
        );
    }
    Ok(outbox)
}

pub fn ids(list: &[i64]) -> String {
    list.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn endpoint(send: &SendArgs) -> CmdResult<Endpoint> {
    Ok(send.endpoint.parse()?)
}

/// A client for `send`, with credentials from the environment only. The proxy and the message
/// language are read as the app reads them (`numdesk_commands::client_setup`).
pub fn client(send: &SendArgs, lang: Option<&str>) -> CmdResult<Client> {
    let usage = |e: IpcError| OutboxCmdError::Usage(e.message);
    let proxy = numdesk_commands::proxy_named(&send.proxy).map_err(usage)?;
    let locale = std::env::var("LANG").ok();
    let language =
        numdesk_commands::message_language_named(lang, locale.as_deref()).map_err(usage)?;
    let config = numdesk_commands::client_config(endpoint(send)?, proxy, language);
    let credentials = numdesk_client::credentials::from_env()?;
    Ok(Client::new(config, RateLimiter::default(), credentials)?)
}

/// One application as `numdesk history --json` prints it.
#[derive(Debug, Serialize)]
pub struct HistoryEntry<'a> {
    pub id: i64,
    pub state: ApplicationState,
    pub apply_id: Option<u64>,
    pub request_id: Option<&'a str>,
    pub sdk_app_id: u64,
    pub sip_trunk_id: i64,
    pub numbers: &'a [String],
    pub error_code: Option<&'a str>,
    pub error_message: Option<&'a str>,
    pub created_at: &'a str,
    pub updated_at: &'a str,
    /// How many of its numbers DescribeNumbers has shown live.
    pub live_numbers: u32,
    /// When every number was seen live (ISO time), or null.
    pub approved_at: Option<&'a str>,
}

impl<'a> From<&'a ApplicationSummary> for HistoryEntry<'a> {
    fn from(a: &'a ApplicationSummary) -> Self {
        Self {
            id: a.id,
            state: a.state,
            apply_id: a.apply_id,
            request_id: a.request_id.as_deref(),
            sdk_app_id: a.sdk_app_id,
            sip_trunk_id: a.sip_trunk_id,
            numbers: &a.numbers,
            error_code: a.error_code.as_deref(),
            error_message: a.error_message.as_deref(),
            created_at: &a.created_at,
            updated_at: &a.updated_at,
            live_numbers: a.live_numbers,
            approved_at: a.approved_at.as_deref(),
        }
    }
}

/// Prints `value` as pretty JSON on standard output.
pub fn print_json(value: &impl Serialize) -> CmdResult<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| OutboxCmdError::Output(e.into()))?;
    writeln!(out).map_err(OutboxCmdError::Output)?;
    out.flush().map_err(OutboxCmdError::Output)
}

/// Progress lines on standard error.
pub fn stderr_progress() -> Arc<dyn ProgressSink> {
    Arc::new(|e: &ProgressEvent| {
        let line = match e.phase {
            SendPhase::Running if e.finished.is_none() && e.done == 0 => format!(
                "sending {} application(s) with {} number(s)…",
                e.total, e.total_numbers
            ),
            SendPhase::Running => {
                let eta = e
                    .eta_ms
                    .map(|ms| format!(", about {}s left", ms.div_ceil(1000)));
                let last = e.finished.as_ref().map(|b| match (b.state, b.apply_id) {
                    (ApplicationState::Submitted, Some(apply)) => {
                        format!(
                            " — application {} submitted (ApplyId {apply})",
                            b.application_id
                        )
                    }
                    (state, _) => format!(
                        " — application {} {state}{}",
                        b.application_id,
                        b.error_code
                            .as_deref()
                            .map(|c| format!(" ({c})"))
                            .unwrap_or_default()
                    ),
                });
                format!(
                    "[{}/{}] {}/{} numbers: {} submitted, {} failed, {} unknown{}{}",
                    e.done,
                    e.total,
                    e.done_numbers,
                    e.total_numbers,
                    e.submitted,
                    e.failed,
                    e.unknown,
                    eta.unwrap_or_default(),
                    last.unwrap_or_default()
                )
            }
            SendPhase::Paused => "paused".to_owned(),
            SendPhase::Finished => format!("done in {:.1}s", e.elapsed_ms as f64 / 1000.0),
            SendPhase::Cancelled => {
                "cancelled: the rest stays queued (`numdesk resume`)".to_owned()
            }
            SendPhase::Stopped => match &e.pause_reason {
                Some(r) => format!("stopped: {}", r.message),
                None => "stopped".to_owned(),
            },
        };
        eprintln!("{line}");
    })
}

/// Cancels `control` on the first Ctrl-C / SIGTERM (calls in flight finish, the rest stays
/// queued); a second one exits at once.
pub fn cancel_on_signal(control: &SendControl) {
    let control = control.clone();
    tokio::spawn(async move {
        if wait_signal().await {
            eprintln!(
                "cancelling: waiting for the calls in flight (press Ctrl-C again to quit now)"
            );
            control.cancel();
            if wait_signal().await {
                std::process::exit(130);
            }
        }
    });
}

#[cfg(unix)]
async fn wait_signal() -> bool {
    use tokio::signal::unix::{SignalKind, signal};
    let Ok(mut term) = signal(SignalKind::terminate()) else {
        return tokio::signal::ctrl_c().await.is_ok();
    };
    tokio::select! {
        r = tokio::signal::ctrl_c() => r.is_ok(),
        _ = term.recv() => true,
    }
}

#[cfg(not(unix))]
async fn wait_signal() -> bool {
    tokio::signal::ctrl_c().await.is_ok()
}

/// Asks `question` on a terminal; without one, `--yes` is required.
pub fn confirm(yes: bool, question: &str) -> CmdResult<()> {
    if yes {
        return Ok(());
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(OutboxCmdError::Usage(
            "standard input is not a terminal, so nobody can confirm: pass --yes".to_owned(),
        ));
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    stdin
        .lock()
        .read_line(&mut answer)
        .map_err(OutboxCmdError::Output)?;
    if matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(OutboxCmdError::Usage(
            "not confirmed; nothing was sent".to_owned(),
        ))
    }
}

/// A destination as the CLI's JSON prints it: the short kind (`intl`, `china`, `sandbox`,
/// `custom`, as `--endpoint` takes it) and the host. Its own type, so the public output does not
/// follow the app's IPC names.
#[derive(Debug, Serialize)]
pub struct EndpointJson<'a> {
    pub kind: &'static str,
    pub host: &'a str,
}

impl<'a> From<&'a numdesk_store::EndpointScope> for EndpointJson<'a> {
    fn from(scope: &'a numdesk_store::EndpointScope) -> Self {
        Self {
            kind: scope.kind.as_str(),
            host: &scope.host,
        }
    }
}

/// The JSON summary of a run over `apps` (the applications it concerned, as they are now).
#[derive(Debug, Serialize)]
pub struct SendSummary<'a> {
    pub outcome: &'static str,
    pub stop_reason: Option<crate::json::StopReasonJson<'a>>,
    pub endpoint: EndpointJson<'a>,
    pub applications: usize,
    pub numbers: usize,
    pub submitted: usize,
    pub failed: usize,
    pub unknown: usize,
    pub queued: usize,
    pub elapsed_ms: u64,
    pub recovered_unknown: &'a [i64],
    pub results: Vec<HistoryEntry<'a>>,
}

impl<'a> SendSummary<'a> {
    pub fn new(
        report: Option<&'a SendReport>,
        endpoint: &'a numdesk_store::EndpointScope,
        apps: &'a [ApplicationSummary],
        recovered: &'a [i64],
    ) -> Self {
        let count = |s: ApplicationState| apps.iter().filter(|a| a.state == s).count();
        let (outcome, stop_reason) = match report.map(|r| &r.outcome) {
            None | Some(numdesk_outbox::SendOutcome::Finished) => ("finished", None),
            Some(numdesk_outbox::SendOutcome::Cancelled) => ("cancelled", None),
            Some(numdesk_outbox::SendOutcome::Stopped { reason }) => ("stopped", Some(reason)),
        };
        Self {
            outcome,
            stop_reason: stop_reason.map(Into::into),
            endpoint: endpoint.into(),
            applications: apps.len(),
            numbers: apps.iter().map(|a| a.numbers.len()).sum(),
            submitted: count(ApplicationState::Submitted),
            failed: count(ApplicationState::Failed),
            unknown: count(ApplicationState::Unknown),
            queued: count(ApplicationState::Queued) + count(ApplicationState::Sending),
            elapsed_ms: report.map_or(0, |r| r.elapsed_ms),
            recovered_unknown: recovered,
            results: apps.iter().map(HistoryEntry::from).collect(),
        }
    }

    /// 0 when every application is submitted, 1 when some failed, are unknown or still queued
    /// while others got an answer, 2 when nothing could be done.
    pub fn exit(&self) -> CmdResult<()> {
        if self.submitted == self.applications {
            return Ok(());
        }
        let answered = self.submitted + self.failed + self.unknown;
        let mut parts = Vec::new();
        if self.failed > 0 {
            parts.push(format!("{} failed", self.failed));
        }
        if self.unknown > 0 {
            parts.push(format!(
                "{} have an unknown outcome (see `numdesk resolve`)",
                self.unknown
            ));
        }
        if self.queued > 0 {
            parts.push(format!(
                "{} are still queued (see `numdesk resume`)",
                self.queued
            ));
        }
        let message = format!(
            "{} of {} application(s) submitted; {}",
            self.submitted,
            self.applications,
            parts.join(", ")
        );
        Err(OutboxCmdError::Incomplete {
            message,
            exit_code: if answered == 0 { 2 } else { 1 },
        })
    }
}

#[cfg(test)]
mod tests {
    use numdesk_store::{EndpointKind, EndpointScope};

    use super::EndpointJson;

    /// `submit --json` and `refresh --json` print the kind as `--endpoint` takes it, whatever
    /// the app's IPC calls it.
    #[test]
    fn the_json_endpoint_keeps_the_short_kind() {
        let intl = EndpointScope::new(EndpointKind::International, "ccc.intl.tencentcloudapi.com");
        let json = serde_json::to_value(EndpointJson::from(&intl)).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({ "kind": "intl", "host": "ccc.intl.tencentcloudapi.com" })
        );
    }
}
