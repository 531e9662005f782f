//! `numdesk refresh`: asks Tencent (DescribeNumbers, every page) which numbers of the submitted
//! applications of one destination are live, and marks approved the applications whose numbers
//! all are. One pass per SdkAppId serves every application of that SdkAppId.

use std::collections::BTreeSet;
use std::io::Write;

use numdesk_outbox::scope_of_endpoint;
use numdesk_store::{ApplicationFilter, ApplicationState};
use serde::Serialize;

use crate::outbox_args::RefreshArgs;
use crate::outbox_common::{
    CmdResult, EndpointJson, HistoryEntry, OutboxCmdError, client, endpoint, open_outbox,
    open_store, print_json,
};

/// `numdesk refresh --json`.
#[derive(Debug, Serialize)]
struct RefreshOutput<'a> {
    endpoint: EndpointJson<'a>,
    /// One per SdkAppId read.
    reconciled: Vec<crate::json::ReconciledJson<'a>>,
    /// The applications of the destination that were checked, after the refresh.
    applications: Vec<HistoryEntry<'a>>,
}

pub async fn run(args: RefreshArgs) -> CmdResult<()> {
    let scope = scope_of_endpoint(&endpoint(&args.send)?);
    let store = open_store(&args.db)?;
    let outbox = open_outbox(store.clone(), &args.send)?;
    let filter = ApplicationFilter {
        scope: Some(scope.clone()),
        states: vec![ApplicationState::Submitted, ApplicationState::Unknown],
        ..ApplicationFilter::default()
    };
    let checked: Vec<i64> = store
        .applications(&filter)?
        .iter()
        .filter(|a| a.approved_at.is_none() || a.live_numbers < a.numbers.len() as u32)
        .map(|a| a.id)
        .collect();
    let sdk_app_ids: BTreeSet<u64> = store
        .applications(&ApplicationFilter {
            ids: Some(checked.clone()),
            ..ApplicationFilter::default()
        })?
        .iter()
        .map(|a| a.sdk_app_id)
        .collect();
    let mut reports = Vec::new();
    if !sdk_app_ids.is_empty() {
        let client = client(&args.send, args.lang.as_deref())?;
        for sdk in sdk_app_ids {
            reports.push(outbox.reconcile(&client, sdk).await?);
        }
    }
    let apps = store.applications(&ApplicationFilter {
        ids: Some(checked),
        ..ApplicationFilter::default()
    })?;
    if args.json {
        return print_json(&RefreshOutput {
            endpoint: (&scope).into(),
            reconciled: reports.iter().map(Into::into).collect(),
            applications: apps.iter().map(HistoryEntry::from).collect(),
        });
    }
    let mut out = std::io::stdout().lock();
    let mut w = |line: String| writeln!(out, "{line}").map_err(OutboxCmdError::Output);
    if apps.is_empty() {
        return w(format!(
            "no submitted application waits for approval at {scope}"
        ));
    }
    for r in &reports {
        w(format!(
            "SdkAppId {}: {} number(s) listed in {} page(s), {} newly live, approved: {}",
            r.sdk_app_id,
            r.numbers_listed,
            r.pages,
            r.numbers_marked,
            if r.approved.is_empty() {
                "none".to_owned()
            } else {
                r.approved
                    .iter()
                    .map(|id| format!("#{id}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ))?;
    }
    for a in &apps {
        w(format!(
            "#{:<6} {:<9} live {}/{}{}",
            a.id,
            a.state.as_str(),
            a.live_numbers,
            a.numbers.len(),
            a.approved_at
                .as_deref()
                .map(|t| format!(", approved {t}"))
                .unwrap_or_default()
        ))?;
    }
    Ok(())
}
