//! `numdesk resume`: send the applications still queued for an endpoint (after a crash or a
//! cancel). Applications whose outcome is unknown are never sent again here.

use numdesk_outbox::{Selection, SendControl, scope_of_endpoint};
use numdesk_store::{ApplicationFilter, ApplicationState};

use crate::outbox_args::ResumeArgs;
use crate::outbox_common::{
    CmdResult, SendSummary, cancel_on_signal, client, endpoint, ids, open_outbox, open_store,
    print_json, stderr_progress,
};

pub async fn run(args: ResumeArgs) -> CmdResult<()> {
    let scope = scope_of_endpoint(&endpoint(&args.send)?);
    let store = open_store(&args.db)?;
    let outbox = open_outbox(store.clone(), &args.send)?;
    let recovered = outbox.recovered().applications.clone();
    let queued = store.queued_ids(&scope, None, None)?;
    let report = if queued.is_empty() {
        eprintln!("nothing is queued for {scope}");
        None
    } else {
        let client = client(&args.send, args.lang.as_deref())?;
        let control = SendControl::new();
        cancel_on_signal(&control);
        Some(
            outbox
                .run(
                    &client,
                    &Selection::Applications(queued.clone()),
                    &control,
                    stderr_progress(),
                )
                .await?,
        )
    };
    let apps = store.applications(&ApplicationFilter {
        ids: Some(queued),
        ..ApplicationFilter::default()
    })?;
    let unknown = store.applications(&ApplicationFilter {
        scope: Some(scope.clone()),
        states: vec![ApplicationState::Unknown],
        ..ApplicationFilter::default()
    })?;
    if !unknown.is_empty() {
        let list: Vec<i64> = unknown.iter().map(|a| a.id).collect();
        eprintln!(
            "{} application(s) have an unknown outcome and are not sent again automatically: {}. \
             Check the Tencent Cloud console, then `numdesk resolve ID --apply-id N` or \
             `numdesk resolve ID --resend`.",
            list.len(),
            ids(&list)
        );
    }
    let summary = SendSummary::new(report.as_ref(), &scope, &apps, &recovered);
    print_json(&summary)?;
    summary.exit()
}
