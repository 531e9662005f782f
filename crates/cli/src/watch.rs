//! `numdesk watch`: the approval watch headless — the app's schedule (1 min after submission,
//! then 5 → 15 → hourly, at most 6 DescribeNumbers calls a minute, nothing older than 30 days),
//! printing one JSON line per change; `--once` checks every waiting SdkAppId once and exits
//! (for a server's cron or for support).

use std::io::Write;
use std::time::Duration;

use numdesk_outbox::{Watch, WatchConfig, now_unix_ms, scope_of_endpoint};
use serde::Serialize;

use crate::outbox_args::WatchArgs;
use crate::outbox_common::{CmdResult, OutboxCmdError, client, endpoint, open_outbox, open_store};

/// One line of output.
#[derive(Debug, Serialize)]
struct Line<'a> {
    /// `live` (more numbers live), `approved`, `error` or `expired`.
    event: &'a str,
    #[serde(flatten)]
    change: Option<crate::json::WatchChangeJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_id: Option<i64>,
}

fn print(json: bool, line: &Line<'_>) -> CmdResult<()> {
    let mut out = std::io::stdout().lock();
    let text = if json {
        serde_json::to_string(line).map_err(|e| OutboxCmdError::Output(e.into()))?
    } else {
        match (line.event, line.change) {
            ("approved", Some(c)) => format!(
                "application #{} approved: all {} numbers live in SdkAppId {}",
                c.application_id, c.numbers, c.sdk_app_id
            ),
            (_, Some(c)) => format!(
                "application #{}: {} of {} numbers live",
                c.application_id, c.live_numbers, c.numbers
            ),
            ("expired", None) => format!(
                "application #{} is no longer watched (submitted over 30 days ago)",
                line.application_id.unwrap_or_default()
            ),
            (_, None) => format!("error: {}", line.message.unwrap_or_default()),
        }
    };
    writeln!(out, "{text}").map_err(OutboxCmdError::Output)?;
    out.flush().map_err(OutboxCmdError::Output)
}

pub async fn run(args: WatchArgs) -> CmdResult<()> {
    let scope = scope_of_endpoint(&endpoint(&args.send)?);
    let store = open_store(&args.db)?;
    let outbox = open_outbox(store, &args.send)?;
    let client = client(&args.send, args.lang.as_deref())?;
    let mut watch = Watch::new(scope, WatchConfig::default());
    let mut told_expired = std::collections::BTreeSet::new();
    loop {
        let pass = watch.pass(&outbox, &client, now_unix_ms, args.once).await?;
        for c in &pass.changes {
            let event = if c.approved_at.is_some() {
                "approved"
            } else {
                "live"
            };
            print(
                args.json,
                &Line {
                    event,
                    change: Some(c.into()),
                    message: None,
                    application_id: None,
                },
            )?;
        }
        for id in pass.expired.iter().filter(|id| told_expired.insert(**id)) {
            print(
                args.json,
                &Line {
                    event: "expired",
                    change: None,
                    message: None,
                    application_id: Some(*id),
                },
            )?;
        }
        for e in &pass.errors {
            print(
                args.json,
                &Line {
                    event: "error",
                    change: None,
                    message: Some(e),
                    application_id: None,
                },
            )?;
        }
        if args.once {
            return if pass.errors.is_empty() {
                Ok(())
            } else {
                Err(OutboxCmdError::Usage(format!(
                    "{} SdkAppId(s) could not be read",
                    pass.errors.len()
                )))
            };
        }
        let waiting = watch.waiting(&outbox).await?;
        let next = watch.schedule().next_due(now_unix_ms(), &waiting);
        let wait = next.map_or(60_000, |at| {
            at.saturating_sub(now_unix_ms()).clamp(1_000, 60_000)
        });
        tokio::time::sleep(Duration::from_millis(wait)).await;
    }
}
