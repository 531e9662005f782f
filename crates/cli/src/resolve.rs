//! `numdesk resolve ID --apply-id N | --resend`: settle an application whose outcome is unknown.

use numdesk_outbox::SendControl;
use numdesk_store::ApplicationState;

use crate::outbox_args::ResolveArgs;
use crate::outbox_common::{
    CmdResult, HistoryEntry, OutboxCmdError, cancel_on_signal, client, confirm, open_outbox,
    open_store, print_json, stderr_progress,
};

pub async fn run(args: ResolveArgs) -> CmdResult<()> {
    let store = open_store(&args.db)?;
    let outbox = open_outbox(store.clone(), &args.send)?;
    let app = outbox.application(args.id)?;
    if app.state != ApplicationState::Unknown {
        return Err(OutboxCmdError::Usage(format!(
            "application {} is {}; only applications whose outcome is unknown can be resolved",
            app.id, app.state
        )));
    }
    if let Some(apply_id) = args.apply_id {
        let app = outbox.resolve_with_apply_id(args.id, apply_id)?;
        return print_json(&HistoryEntry::from(&app));
    }
    eprintln!(
        "warning: application {} ({} number(s)) may already have reached Tencent: {}. If it did, \
         sending it again creates a second application for the same numbers. Look for it in the \
         Tencent Cloud console first; if it is there, use --apply-id instead.",
        app.id,
        app.numbers.len(),
        app.error_message.as_deref().unwrap_or("no answer came")
    );
    confirm(args.yes, "Send it again?")?;
    let client = client(&args.send, args.lang.as_deref())?;
    let control = SendControl::new();
    cancel_on_signal(&control);
    outbox
        .resend_unknown(&client, args.id, &control, stderr_progress())
        .await?;
    let app = outbox.application(args.id)?;
    print_json(&HistoryEntry::from(&app))?;
    match app.state {
        ApplicationState::Submitted => Ok(()),
        ApplicationState::Failed | ApplicationState::Unknown => Err(OutboxCmdError::Incomplete {
            message: format!(
                "application {} is {}: {}",
                app.id,
                app.state,
                app.error_message.as_deref().unwrap_or("")
            ),
            exit_code: 1,
        }),
        _ => Err(OutboxCmdError::Incomplete {
            message: format!("application {} was not sent; it is queued again", app.id),
            exit_code: 2,
        }),
    }
}
