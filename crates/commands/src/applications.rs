//! The Applications screen: every application the outbox made, paged, searchable and sortable;
//! its detail with numbers and attempts; and what the user does about one: refresh the status
//! (DescribeNumbers), modify a pending one, resolve an unknown one, copy failed ones into a new
//! draft, export the list.
//!
//! Sandbox and Tencent applications are listed apart ([`ConnectionKind`]); the list shows the
//! active connection's unless asked otherwise. Calls that reach a server take a
//! [`ConnectionPlan`] of the active connection (read with [`crate::active_connection_plan`] off
//! the async threads, since it may read the keychain).
//!
//! Over 500 lines: each command of the Applications screen is short; together with their types they
//! pass 500.

use std::collections::BTreeSet;
use std::path::Path;

use numdesk_client::{CallType, Client};
use numdesk_import::{ExportTable, Lang, table_csv, table_xlsx};
pub use numdesk_outbox::{ModifyReport, ModifyResult, ReconcileReport};
use numdesk_store::{
    ApplicationNumber, ApplicationPage, ApplicationQuery, ApplicationRow, ApplicationState,
    ApplicationStatus, ApplicationSummary, AttemptEntry, ConnectionKind, NumberDetail,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error_details::{ErrorDetails, Missing, Refusal};
use crate::import::{import_error, lang_of};
use crate::{AppContext, ConnectionPlan, ErrorCode, ExportFormat, IpcError};

/// Most numbers one detail page holds.
pub const MAX_DETAIL_NUMBERS: u32 = 1000;
/// Numbers per detail page when none is asked for.
pub const DEFAULT_DETAIL_NUMBERS: u32 = 200;

/// The scope of the connection in use now: the list opens on it.
pub fn active_connection(ctx: &AppContext) -> ConnectionKind {
    ctx.endpoint().kind.connection()
}

/// A page of the applications list, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationsListPage {
    /// The scope listed (the active connection's unless the query chose one).
    pub scope: ConnectionKind,
    /// The active connection's scope: refresh, modify and resend only work there.
    pub active_scope: ConnectionKind,
    /// The rows and counts.
    pub page: ApplicationPage,
}

/// `applications_list`: one page of applications matching `query`, with the counts per status
/// for the filter chips. Blocking (database).
pub fn applications_list(
    ctx: &AppContext,
    query: &ApplicationQuery,
) -> Result<ApplicationsListPage, IpcError> {
    let active = active_connection(ctx);
    let scope = query.scope.unwrap_or(active);
    let query = ApplicationQuery {
        scope: Some(scope),
        ..query.clone()
    };
    if let Some(search) = &query.search
        && search.chars().count() > 200
    {
        return Err(invalid("search", "a search is at most 200 characters long"));
    }
    Ok(ApplicationsListPage {
        scope,
        active_scope: active,
        page: ctx.store().applications_page(&query)?,
    })
}

/// What the user may do with an application now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationActions {
    /// Modify: submitted, not yet approved, in the active connection's scope.
    pub modify: bool,
    /// Resolve (enter the ApplyId, resend, mark not created): the outcome is unknown.
    pub resolve: bool,
    /// Resend is possible only through the active connection's scope.
    pub resend: bool,
    /// Copy the numbers into a new draft: failed and not copied before.
    pub draft_from_failed: bool,
}

/// `application_detail`: an application, a page of its numbers and its attempt history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationDetail {
    /// The application. Its `numbers` list is left empty: the numbers come in `numbers`, paged.
    pub application: ApplicationSummary,
    /// How it is shown.
    pub status: ApplicationStatus,
    /// Sandbox or Tencent.
    pub scope: ConnectionKind,
    /// Numbers in the application.
    pub numbers_total: u32,
    /// Offset of the first number in `numbers`.
    pub numbers_offset: u32,
    /// A page of its DetailList.
    pub numbers: Vec<ApplicationNumber>,
    /// Every HTTP attempt made for it, oldest first.
    pub attempts: Vec<AttemptEntry>,
    /// What the user may do now.
    pub actions: ApplicationActions,
}

fn invalid(field: &str, message: impl Into<String>) -> IpcError {
    IpcError::new(ErrorCode::InvalidInput, message).with_details(ErrorDetails::field(field))
}

fn actions_of(
    app: &ApplicationSummary,
    status: ApplicationStatus,
    in_active: bool,
) -> ApplicationActions {
    ApplicationActions {
        modify: in_active && status == ApplicationStatus::Submitted && app.modify_state.is_none(),
        resolve: status == ApplicationStatus::Unknown,
        resend: in_active && status == ApplicationStatus::Unknown,
        draft_from_failed: status == ApplicationStatus::Failed && app.redrafted_to.is_none(),
    }
}

/// `application_detail`: application `id` with numbers `numbers_offset..+numbers_limit` (0: the
/// default page) and every attempt. Blocking (database).
pub fn application_detail(
    ctx: &AppContext,
    id: i64,
    numbers_offset: u32,
    numbers_limit: u32,
) -> Result<ApplicationDetail, IpcError> {
    let store = ctx.store();
    let mut application = store.application(id)?.ok_or_else(|| not_found(id))?;
    application.numbers = Vec::new();
    let all = store.application_numbers(id)?;
    let total = u32::try_from(all.len()).unwrap_or(u32::MAX);
    let limit = match numbers_limit {
        0 => DEFAULT_DETAIL_NUMBERS,
        n => n.min(MAX_DETAIL_NUMBERS),
    };
    let numbers: Vec<ApplicationNumber> = all
        .into_iter()
        .skip(numbers_offset as usize)
        .take(limit as usize)
        .collect();
    let status = ApplicationStatus::of(application.state, application.approved_at.is_some());
    let kind = application.endpoint.kind;
    let scope = kind.connection();
    let in_active = scope == active_connection(ctx);
    Ok(ApplicationDetail {
        actions: actions_of(&application, status, in_active),
        status,
        scope,
        numbers_total: total,
        numbers_offset,
        numbers,
        attempts: store.attempts(id)?,
        application,
    })
}

fn not_found(id: i64) -> IpcError {
    IpcError::new(
        ErrorCode::NotFound,
        format!("application {id} does not exist"),
    )
    .with_details(ErrorDetails::missing(Missing::Application, id))
}

fn client_of(plan: ConnectionPlan) -> Result<Client, IpcError> {
    Client::new(plan.config, plan.limiter, plan.credentials).map_err(crate::client_error)
}

fn scope_of_plan(plan: &ConnectionPlan) -> ConnectionKind {
    plan.endpoint.kind.connection()
}

/// What `applications_refresh` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefreshReport {
    /// The scope refreshed (the active connection's).
    pub scope: ConnectionKind,
    /// Applications whose numbers were looked for (submitted or unknown).
    pub checked: u32,
    /// One DescribeNumbers reconciliation per SdkAppId.
    pub reports: Vec<ReconcileReport>,
    /// Numbers newly seen live, over every SdkAppId.
    #[ts(type = "number")]
    pub numbers_marked: u64,
    /// Applications newly approved (all their numbers live).
    #[ts(type = "Array<number>")]
    pub approved: Vec<i64>,
}

/// `applications_refresh`: reads `DescribeNumbers` (every page) for each SdkAppId of the
/// submitted or unknown applications `ids` (all of the active connection's scope when `None`),
/// marks numbers now live and applications now approved, and says what changed. Applications of
/// the other scope are refused: the status comes from the connection they were sent to.
pub async fn applications_refresh(
    ctx: &AppContext,
    plan: ConnectionPlan,
    ids: Option<Vec<i64>>,
) -> Result<RefreshReport, IpcError> {
    let scope = scope_of_plan(&plan);
    if let Some(ids) = &ids {
        let inside = ctx.store().application_ids_in(scope, Some(ids), &[])?;
        if let Some(&other) = ids.iter().find(|id| !inside.iter().any(|(i, _)| i == *id)) {
            return Err(match ctx.store().application(other)? {
                None => not_found(other),
                Some(app) => IpcError::new(
                    ErrorCode::InvalidInput,
                    format!(
                        "application {other} was sent to {}, not to the connection in use; \
                         switch the connection to refresh it",
                        app.endpoint
                    ),
                )
                .with_details(Refusal::OtherScope { id: other }),
            });
        }
    }
    let targets = ctx.store().application_ids_in(
        scope,
        ids.as_deref(),
        &[ApplicationState::Submitted, ApplicationState::Unknown],
    )?;
    let sdk_app_ids: BTreeSet<u64> = targets.iter().map(|(_, sdk)| *sdk).collect();
    let mut report = RefreshReport {
        scope,
        checked: u32::try_from(targets.len()).unwrap_or(u32::MAX),
        reports: Vec::new(),
        numbers_marked: 0,
        approved: Vec::new(),
    };
    if sdk_app_ids.is_empty() {
        return Ok(report);
    }
    let client = client_of(plan)?;
    for sdk in sdk_app_ids {
        let r = ctx.outbox().reconcile(&client, sdk).await?;
        report.numbers_marked += r.numbers_marked;
        report.approved.extend(r.approved.iter().copied());
        report.reports.push(r);
    }
    report.approved.sort_unstable();
    Ok(report)
}

/// What the Modify form changes: the new list of numbers, and optionally new values for every
/// number. Numbers already in the application keep their other fields; new ones take those of
/// the application's first number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields)]
pub struct ApplicationChanges {
    /// The whole new list, in order.
    pub phone_numbers: Vec<String>,
    /// New `CallType` (0 inbound, 1 outbound, 2 both) for every number.
    pub call_type: Option<u8>,
    /// New `MaxCallCount` for every number.
    #[ts(optional, type = "number")]
    pub max_call_count: Option<i64>,
    /// New `MaxCallPSec` for every number.
    #[ts(optional, type = "number")]
    pub max_call_psec: Option<i64>,
}

/// The DetailList `changes` make of `current`, or why not.
fn details_of(
    current: &[ApplicationNumber],
    changes: &ApplicationChanges,
) -> Result<Vec<NumberDetail>, IpcError> {
    let Some(first) = current.first() else {
        return Err(IpcError::new(
            ErrorCode::Internal,
            "the application has no numbers to take defaults from",
        ));
    };
    if changes.phone_numbers.is_empty() {
        return Err(invalid(
            "phoneNumbers",
            "an application needs at least one number; to withdraw it, use the Tencent Cloud \
             console",
        ));
    }
    if let Some(c) = changes.call_type
        && CallType::from_code(i64::from(c)).is_none()
    {
        return Err(invalid(
            "callType",
            format!("CallType {c}: expected 0 (inbound), 1 (outbound) or 2 (inbound and outbound)"),
        ));
    }
    for (field, value) in [
        ("maxCallCount", changes.max_call_count),
        ("maxCallPSec", changes.max_call_psec),
    ] {
        if let Some(v) = value
            && v < 1
        {
            return Err(invalid(field, format!("{field} {v}: must be at least 1")));
        }
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(changes.phone_numbers.len());
    for raw in &changes.phone_numbers {
        let number = raw.trim();
        let digits = number.strip_prefix('+').unwrap_or(number);
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 20 {
            return Err(invalid(
                "phoneNumbers",
                format!(
                    "“{number}” is not a phone number: use digits only (a leading + is allowed), \
                     at most 20"
                ),
            ));
        }
        if !seen.insert(number.to_owned()) {
            return Err(invalid("phoneNumbers", format!("{number} is listed twice")));
        }
        let base = current
            .iter()
            .find(|n| n.detail.phone_number == number)
            .map_or_else(
                || NumberDetail {
                    phone_number: number.to_owned(),
                    carrier_phone_number: None,
                    ..first.detail.clone()
                },
                |n| n.detail.clone(),
            );
        out.push(NumberDetail {
            call_type: changes.call_type.unwrap_or(base.call_type),
            max_call_count: changes.max_call_count.unwrap_or(base.max_call_count),
            max_call_p_sec: changes.max_call_psec.unwrap_or(base.max_call_p_sec),
            ..base
        });
    }
    Ok(out)
}

/// `application_modify`: sends `ModifyOwnNumberApply` with the numbers `changes` make. Only an
/// application Tencent still reviews (submitted, not approved) can change; an approved one is
/// refused here with the explanation, and Tencent's own refusal (`ErrorApplyStatus`) comes back
/// as a `tencent` error whose message explains it.
pub async fn application_modify(
    ctx: &AppContext,
    plan: ConnectionPlan,
    id: i64,
    changes: &ApplicationChanges,
) -> Result<ModifyReport, IpcError> {
    let app = ctx.store().application(id)?.ok_or_else(|| not_found(id))?;
    let status = ApplicationStatus::of(app.state, app.approved_at.is_some());
    match (status, app.apply_id) {
        (ApplicationStatus::Submitted, Some(_)) => {}
        (ApplicationStatus::Approved, Some(apply_id)) => {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                format!(
                    "Application {apply_id} is approved: every number is live, and Tencent \
                     accepts changes only while an application awaits review or after it was \
                     rejected. Submit the changed numbers as a new application instead."
                ),
            )
            .with_details(Refusal::NotEditable {
                id,
                apply_id: Some(apply_id),
            }));
        }
        _ => {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                format!(
                    "application {id} is {}; only an application Tencent has accepted and still \
                     reviews can be modified",
                    app.state
                ),
            )
            .with_details(Refusal::NotEditable { id, apply_id: None }));
        }
    }
    let current = ctx.store().application_numbers(id)?;
    let details = details_of(&current, changes)?;
    let client = client_of(plan)?;
    Ok(ctx.outbox().modify(&client, id, details).await?)
}

/// `application_resolve`: the user found unknown application `id` in the Tencent Cloud console
/// and entered its ApplyId (digits, as the console shows it). Blocking (database).
pub fn application_resolve(
    ctx: &AppContext,
    id: i64,
    apply_id: &str,
) -> Result<ApplicationSummary, IpcError> {
    let text = apply_id.trim();
    let parsed = text.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        invalid(
            "applyId",
            format!("“{text}” is not an ApplyId: enter the number the console shows, digits only"),
        )
    })?;
    Ok(ctx.outbox().resolve_with_apply_id(id, parsed)?)
}

/// `application_mark_not_created`: the user found no such application in the console, so
/// unknown application `id` becomes failed and its numbers are free again. Blocking (database).
pub fn application_mark_not_created(
    ctx: &AppContext,
    id: i64,
) -> Result<ApplicationSummary, IpcError> {
    Ok(ctx.outbox().mark_not_created(id)?)
}

/// `applications_draft_from_failed`: the numbers of failed applications `ids` in a new draft
/// (to open in the review grid); returns its id. Blocking (database).
pub fn applications_draft_from_failed(ctx: &AppContext, ids: &[i64]) -> Result<i64, IpcError> {
    Ok(ctx.outbox().draft_from_failed(ids)?)
}

fn status_label(status: ApplicationStatus, lang: Lang) -> &'static str {
    match status {
        ApplicationStatus::Queued => lang.pick("Queued", "排队中"),
        ApplicationStatus::Sending => lang.pick("Sending", "发送中"),
        ApplicationStatus::Submitted => lang.pick(
            "Submitted – awaiting Tencent review",
            "已提交 – 等待腾讯云审核",
        ),
        ApplicationStatus::Approved => lang.pick("Approved/live", "已通过/已生效"),
        ApplicationStatus::Failed => lang.pick("Failed", "失败"),
        ApplicationStatus::Unknown => lang.pick("Outcome unknown", "结果未知"),
    }
}

fn export_table(rows: Vec<(ApplicationRow, Vec<String>)>, lang: Lang) -> ExportTable<'static> {
    let headers = vec![
        lang.pick("Id", "编号"),
        lang.pick("Status", "状态"),
        "ApplyId",
        "RequestId",
        lang.pick("Created (UTC)", "创建时间（UTC）"),
        lang.pick("Updated (UTC)", "更新时间（UTC）"),
        lang.pick("Numbers", "号码数"),
        lang.pick("Live", "已生效"),
        "SdkAppId",
        "SipTrunkId",
        lang.pick("Endpoint", "接入点"),
        lang.pick("Error code", "错误码"),
        lang.pick("Error message", "错误信息"),
        lang.pick("Phone numbers", "号码"),
    ];
    let rows = rows
        .into_iter()
        .map(|(r, numbers)| {
            vec![
                r.id.to_string(),
                status_label(r.status, lang).to_owned(),
                r.apply_id.map(|a| a.to_string()).unwrap_or_default(),
                r.request_id.unwrap_or_default(),
                r.created_at,
                r.updated_at,
                r.number_count.to_string(),
                r.live_numbers.to_string(),
                r.sdk_app_id.to_string(),
                r.sip_trunk_id.to_string(),
                r.endpoint.to_string(),
                r.error_code.unwrap_or_default(),
                r.error_message.unwrap_or_default(),
                numbers.join("\n"),
            ]
        })
        .collect();
    ExportTable {
        sheet: lang.pick("Applications", "申请列表"),
        headers,
        rows,
        widths: vec![(1, 30.0), (3, 38.0), (12, 60.0), (13, 18.0)],
        wrap: vec![12, 13],
    }
}

/// `applications_export`: every application matching `query` (no paging; the active
/// connection's scope unless the query chose one) with its phone numbers, as CSV or XLSX at
/// `path`, user-only permissions, every cell escaped against formula injection. Returns the
/// number of applications written. Blocking (database, file).
pub fn applications_export(
    ctx: &AppContext,
    path: &Path,
    format: ExportFormat,
    query: &ApplicationQuery,
) -> Result<u32, IpcError> {
    let lang = lang_of(ctx)?;
    let query = ApplicationQuery {
        scope: Some(query.scope.unwrap_or_else(|| active_connection(ctx))),
        ..query.clone()
    };
    let rows = ctx.store().application_rows(&query)?;
    let count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let table = export_table(rows, lang);
    let bytes = match format {
        ExportFormat::Csv => table_csv(&table),
        ExportFormat::Xlsx => table_xlsx(&table),
    }
    .map_err(|e| import_error(&e, lang))?;
    crate::template::write_private(path, &bytes)?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(n: &str, call_type: u8) -> ApplicationNumber {
        ApplicationNumber {
            position: 0,
            detail: NumberDetail {
                phone_number: n.into(),
                call_type,
                max_call_count: 2,
                max_call_p_sec: 1,
                outbound_callee_format: None,
                carrier_phone_number: Some("999".into()),
            },
            draft_position: None,
            live_at: None,
        }
    }

    #[test]
    fn kept_numbers_keep_their_fields_and_new_ones_copy_the_first() {
        let current = [number("02011111111", 1), number("02022222222", 2)];
        let changes = ApplicationChanges {
            phone_numbers: vec![" 02022222222 ".into(), "02033333333".into()],
            ..ApplicationChanges::default()
        };
        let out = details_of(&current, &changes).unwrap();
        assert_eq!(
            out[0].call_type, 2,
            "rule: a kept number keeps its own CallType"
        );
        assert_eq!(out[1].phone_number, "02033333333");
        assert_eq!(
            out[1].call_type, 1,
            "rule: a new number takes the first number's fields"
        );
        assert_eq!(
            out[1].carrier_phone_number, None,
            "a carrier number is never copied"
        );
    }

    #[test]
    fn bad_changes_are_refused_with_the_field_named() {
        let current = [number("02011111111", 1)];
        for (changes, field) in [
            (ApplicationChanges::default(), "phoneNumbers"),
            (
                ApplicationChanges {
                    phone_numbers: vec!["02O11".into()],
                    ..ApplicationChanges::default()
                },
                "phoneNumbers",
            ),
            (
                ApplicationChanges {
                    phone_numbers: vec!["1".into(), "1".into()],
                    ..ApplicationChanges::default()
                },
                "phoneNumbers",
            ),
            (
                ApplicationChanges {
                    phone_numbers: vec!["1".into()],
                    call_type: Some(3),
                    ..ApplicationChanges::default()
                },
                "callType",
            ),
            (
                ApplicationChanges {
                    phone_numbers: vec!["1".into()],
                    max_call_psec: Some(0),
                    ..ApplicationChanges::default()
                },
                "maxCallPSec",
            ),
        ] {
            let err = details_of(&current, &changes).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidInput, "{changes:?}");
            assert_eq!(
                err.details.as_deref(),
                Some(&ErrorDetails::field(field)),
                "{changes:?}"
            );
        }
    }
}
