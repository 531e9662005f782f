//! `numdesk history`: every application in the database.

use std::io::Write;

use numdesk_outbox::{Outbox, OutboxConfig, OutboxError};
use numdesk_store::ApplicationFilter;

use crate::outbox_args::HistoryArgs;
use crate::outbox_common::{CmdResult, HistoryEntry, OutboxCmdError, open_store, print_json};

pub fn run(args: HistoryArgs) -> CmdResult<()> {
    let store = open_store(&args.db)?;
    // When no other process is sending, `sending` rows are leftovers of a crash: show them as
    // the `unknown` they are. While another process sends, only read.
    match Outbox::open(store.clone(), OutboxConfig::default()) {
        Ok(_) | Err(OutboxError::Locked { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let apps = store.applications(&ApplicationFilter::all())?;
    if args.json {
        let entries: Vec<HistoryEntry<'_>> = apps.iter().map(HistoryEntry::from).collect();
        return print_json(&entries);
    }
    let mut out = std::io::stdout().lock();
    let w = |out: &mut std::io::StdoutLock<'_>, line: String| {
        writeln!(out, "{line}").map_err(OutboxCmdError::Output)
    };
    w(
        &mut out,
        format!(
            "{:>6}  {:<9}  {:>12}  {:>12}  {:>8}  {:>7}  {:<24}  {}",
            "ID", "STATE", "APPLY_ID", "SDK_APP_ID", "TRUNK", "NUMBERS", "UPDATED", "ERROR"
        ),
    )?;
    for a in &apps {
        let error = match (&a.error_code, &a.error_message) {
            (Some(c), Some(m)) => format!("{c}: {m}"),
            (Some(c), None) => c.clone(),
            (None, Some(m)) => m.clone(),
            (None, None) => String::new(),
        };
        w(
            &mut out,
            format!(
                "{:>6}  {:<9}  {:>12}  {:>12}  {:>8}  {:>7}  {:<24}  {}",
                a.id,
                a.state.as_str(),
                a.apply_id
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "-".into()),
                a.sdk_app_id,
                a.sip_trunk_id,
                a.numbers.len(),
                a.updated_at,
                error
            ),
        )?;
    }
    Ok(())
}
