//! `numdesk submit FILE|--draft ID`: import, check, queue in batches, send, summarise.

use std::path::Path;

use numdesk_import::{Finding, ImportedRow, NumberForm, import_path};
use numdesk_outbox::{OutboxError, Selection, SendControl, SubmitSettings, scope_of_endpoint};
use numdesk_store::{ApplicationFilter, ApplyOptions, DraftHeader, DraftRow, RowFinding, Severity};
use serde::Serialize;

use crate::outbox_args::{ImportOptions, SubmitArgs};
use crate::outbox_common::{
    CmdResult, OutboxCmdError, SendSummary, cancel_on_signal, client, confirm, endpoint, ids,
    open_outbox, open_store, print_json, stderr_progress,
};

/// How many blocking rows are listed on standard error.
const SHOWN_ROWS: usize = 20;

fn finding(f: &Finding) -> RowFinding {
    RowFinding {
        severity: if f.is_error() {
            Severity::Error
        } else {
            Severity::Warning
        },
        code: f.code.as_str().to_owned(),
        field: f.field.map(|field| field.api_name().to_owned()),
        message: f.message.clone(),
    }
}

fn draft_row(r: &ImportedRow) -> DraftRow {
    DraftRow {
        source_line: Some(u64::from(r.line)),
        phone_number: r.phone_number.clone(),
        call_type: r.call_type.map(|c| c.code()),
        max_call_count: r.max_call_count,
        max_call_p_sec: r.max_call_psec,
        outbound_callee_format: r.outbound_callee_format.clone(),
        carrier_phone_number: r.carrier_phone_number.clone(),
        findings: r.issues.iter().map(finding).collect(),
    }
}

/// Reads and checks `path` like `numdesk import`. Refuses (without saving anything) when the
/// file or any row has an error.
pub fn import_rows(path: &Path, o: &ImportOptions) -> CmdResult<Vec<DraftRow>> {
    let plan = o.plan().map_err(OutboxCmdError::Usage)?;
    // The same pipeline as `numdesk import`.
    let result = import_path(path, &plan.read, plan.header, &plan.defaults, &plan.options)?;
    for f in result.file_issues.iter().filter(|f| !f.is_error()) {
        eprintln!("warning: {}", f.message);
    }
    let file_errors: Vec<&str> = result
        .file_issues
        .iter()
        .filter(|f| f.is_error())
        .map(|f| f.message.as_str())
        .collect();
    if !file_errors.is_empty() {
        return Err(OutboxCmdError::Usage(format!(
            "{} cannot be sent: {}",
            path.display(),
            file_errors.join("; ")
        )));
    }
    let bad: Vec<&ImportedRow> = result.rows.iter().filter(|r| r.has_errors()).collect();
    if !bad.is_empty() {
        for r in bad.iter().take(SHOWN_ROWS) {
            for f in r.issues.iter().filter(|f| f.is_error()) {
                eprintln!("row {}: {}: {}", r.line, r.phone_number, f.message);
            }
        }
        if bad.len() > SHOWN_ROWS {
            eprintln!("… and {} more row(s) with errors", bad.len() - SHOWN_ROWS);
        }
        return Err(OutboxCmdError::Usage(format!(
            "{} of {} row(s) in {} have errors; nothing was sent. Fix them (`numdesk import {} \
             --json` lists every finding) and submit again.",
            bad.len(),
            result.rows.len(),
            path.display(),
            path.display()
        )));
    }
    Ok(result.rows.iter().map(draft_row).collect())
}

#[derive(Serialize)]
struct LeftOut<'a> {
    phone_number: &'a str,
    application_id: Option<i64>,
    state: Option<numdesk_store::ApplicationState>,
    apply_id: Option<u64>,
}

#[derive(Serialize)]
struct SubmitSummary<'a> {
    draft_id: i64,
    left_out: Vec<LeftOut<'a>>,
    #[serde(flatten)]
    run: SendSummary<'a>,
}

pub async fn run(args: SubmitArgs) -> CmdResult<()> {
    if args.numbers_per_application == 0 {
        return Err(OutboxCmdError::Usage(
            "--batch-size must be at least 1".to_owned(),
        ));
    }
    if !args.yes && !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(OutboxCmdError::Usage(
            "standard input is not a terminal, so nobody can confirm the submission: pass --yes"
                .to_owned(),
        ));
    }
    // Everything that can be checked before touching the database.
    let client = client(&args.send, args.import.lang.as_deref())?;
    let scope = scope_of_endpoint(&endpoint(&args.send)?);
    let rows = match &args.file {
        Some(path) => Some(import_rows(path, &args.import)?),
        None => None,
    };
    let store = open_store(&args.db)?;
    let outbox = open_outbox(store.clone(), &args.send)?;
    let recovered = outbox.recovered().applications.clone();

    let draft_id = match (rows, &args.file, args.draft) {
        (Some(rows), Some(path), _) => {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let header = DraftHeader {
                name,
                profile_id: None,
                sdk_app_id: args.sdk_app_id,
                sip_trunk_id: args.sip_trunk_id,
                options: ApplyOptions {
                    prefix: args.prefix.clone(),
                    ..ApplyOptions::default()
                },
                source: Some(path.display().to_string()),
                origin_draft_id: None,
                country: args
                    .import
                    .country
                    .as_deref()
                    .map(|c| c.trim().to_ascii_uppercase()),
                number_form: None,
                source_columns: None,
            };
            store.create_draft(&header, &rows)?
        }
        (_, _, Some(id)) => id,
        _ => {
            return Err(OutboxCmdError::Usage(
                "give a FILE or --draft ID".to_owned(),
            ));
        }
    };
    let settings = SubmitSettings {
        sdk_app_id: args.sdk_app_id,
        sip_trunk_id: args.sip_trunk_id,
        options: match &args.prefix {
            Some(p) => {
                let draft = store.draft(draft_id)?;
                let header = draft.map(|d| d.summary.header.options).unwrap_or_default();
                Some(ApplyOptions {
                    prefix: Some(p.clone()),
                    ..header
                })
            }
            None => None,
        },
        numbers_per_application: Some(args.numbers_per_application),
        include_duplicates: args.include_duplicates,
        number_form: args
            .number_form
            .as_deref()
            .map(str::parse::<NumberForm>)
            .transpose()
            .map_err(|e| OutboxCmdError::Usage(e.to_string()))?,
        country: None,
    };
    let plan = outbox.plan(draft_id, &settings, &scope)?;
    if !plan.blocked.is_empty() {
        return Err(OutboxError::DraftHasErrors {
            draft_id,
            rows: plan.blocked,
        }
        .into());
    }
    let taken = plan
        .duplicates
        .iter()
        .filter(|d| d.application_id.is_some())
        .count();
    let repeated = plan.duplicates.len() - taken;
    eprintln!(
        "draft {draft_id}: {} number(s) in {} application(s) of up to {} for SdkAppId {} / \
         SipTrunkId {} to {scope}",
        plan.numbers_to_send,
        plan.application_count,
        plan.numbers_per_application,
        plan.sdk_app_id,
        plan.sip_trunk_id
    );
    if taken > 0 {
        eprintln!(
            "{taken} number(s) already belong to a queued, submitted or unknown application{}",
            if args.include_duplicates {
                "; sending them anyway (--include-duplicates)"
            } else {
                " and are left out (--include-duplicates sends them anyway)"
            }
        );
    }
    if repeated > 0 {
        eprintln!("{repeated} number(s) repeated within the list are sent once");
    }
    confirm(
        args.yes,
        &format!("Send {} application(s) now?", plan.application_count),
    )?;

    let queued = outbox.enqueue_draft(draft_id, &settings, &scope)?;
    let control = SendControl::new();
    cancel_on_signal(&control);
    let report = if queued.application_ids.is_empty() {
        None
    } else {
        Some(
            outbox
                .run(
                    &client,
                    &Selection::Applications(queued.application_ids.clone()),
                    &control,
                    stderr_progress(),
                )
                .await?,
        )
    };
    let apps = store.applications(&ApplicationFilter {
        ids: Some(queued.application_ids.clone()),
        ..ApplicationFilter::default()
    })?;
    let others = store.queued_ids(&scope, None, None)?;
    let others: Vec<i64> = others
        .into_iter()
        .filter(|id| !queued.application_ids.contains(id))
        .collect();
    if !others.is_empty() {
        eprintln!(
            "note: {} earlier application(s) are still queued for this endpoint ({}); `numdesk \
             resume` sends them",
            others.len(),
            ids(&others)
        );
    }
    let summary = SubmitSummary {
        draft_id,
        left_out: queued
            .duplicates
            .iter()
            .filter(|d| !d.included)
            .map(|d| LeftOut {
                phone_number: &d.phone_number,
                application_id: d.application_id,
                state: d.state,
                apply_id: d.apply_id,
            })
            .collect(),
        run: SendSummary::new(report.as_ref(), &scope, &apps, &recovered),
    };
    print_json(&summary)?;
    if apps.is_empty() {
        return Err(OutboxCmdError::Incomplete {
            message: "nothing to send: every number already belongs to an application".to_owned(),
            exit_code: 2,
        });
    }
    summary.run.exit()
}
