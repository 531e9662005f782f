//! What the user does about `unknown` and `failed` applications.

use rusqlite::{OptionalExtension, params};

use super::{ApplicationState, numbers_of, state_of, summary_of};
use crate::drafts::{DraftHeader, DraftRow, RowFinding, Severity, insert_draft, insert_rows};
use crate::types::{
    APPLY_OPTION_COLUMNS, EndpointScope, NOW, apply_options_from_row, get_u64, to_sql_u64,
};
use crate::{ApplicationSummary, Store, StoreError};

/// The note on an application whose ApplyId the user entered.
pub const RESOLVED_NOTE: &str = "The outcome was unknown; the ApplyId was entered by the user.";
/// The note on an unknown application the user chose to send again.
pub const RESEND_NOTE: &str = "The outcome was unknown; the user confirmed sending it again.";
/// The note on an unknown application the user says was never created.
pub const NOT_CREATED_NOTE: &str =
    "The outcome was unknown; the user found no such application in the Tencent Cloud console.";

fn require_unknown(tx: &rusqlite::Connection, id: i64) -> Result<(), StoreError> {
    let state = state_of(tx, id)?;
    if state != ApplicationState::Unknown {
        return Err(StoreError::WrongState {
            id,
            state: state.to_string(),
            expected: "only an application whose outcome is unknown can be resolved",
        });
    }
    Ok(())
}

impl Store {
    /// The user found the application in the console: `unknown → submitted` with `apply_id`.
    /// Refused if another application of the same service already has that ApplyId.
    pub fn resolve_with_apply_id(
        &self,
        id: i64,
        apply_id: u64,
    ) -> Result<ApplicationSummary, StoreError> {
        let apply = to_sql_u64("ApplyId", apply_id)?;
        self.write_durably(|tx| {
            require_unknown(tx, id)?;
            let (kind, host): (String, String) = tx.query_row(
                "SELECT endpoint_kind, endpoint_host FROM applications WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let other: Option<i64> = tx
                .query_row(
                    &format!(
                        "SELECT a.id FROM applications a WHERE a.apply_id = ?1 AND a.id <> ?2 \
                         AND {} LIMIT 1",
                        EndpointScope::sql(3, 4)
                    ),
                    params![apply, id, kind, host],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(application_id) = other {
                return Err(StoreError::ApplyIdInUse {
                    apply_id,
                    application_id,
                });
            }
            tx.execute(
                &format!(
                    "UPDATE applications SET state = 'submitted', apply_id = ?2, note = ?3, \
                     error_code = NULL, error_message = NULL, error_kind = NULL, \
                     answered_at = {NOW}, \
                     updated_at = {NOW} WHERE id = ?1"
                ),
                params![id, apply, RESOLVED_NOTE],
            )?;
            summary_of(tx, id)?.ok_or(StoreError::NotFound {
                what: "application",
                id,
            })
        })
    }

    /// The user confirmed sending an `unknown` application again (after being warned it may
    /// create a second application): `unknown → queued`.
    pub fn requeue_unknown(&self, id: i64) -> Result<(), StoreError> {
        self.write_durably(|tx| {
            require_unknown(tx, id)?;
            tx.execute(
                &format!(
                    "UPDATE applications SET state = 'queued', note = ?2, sent_at = NULL, \
                     updated_at = {NOW} WHERE id = ?1"
                ),
                params![id, RESEND_NOTE],
            )?;
            Ok(())
        })
    }

    /// The user is sure the application was never created: `unknown → failed`, so its numbers
    /// are free again and can go into a new draft.
    pub fn mark_not_created(&self, id: i64) -> Result<(), StoreError> {
        self.write_durably(|tx| {
            require_unknown(tx, id)?;
            tx.execute(
                &format!(
                    "UPDATE applications SET state = 'failed', note = ?2, updated_at = {NOW} \
                     WHERE id = ?1"
                ),
                params![id, NOT_CREATED_NOTE],
            )?;
            Ok(())
        })
    }

    /// "New draft from failed rows": copies the numbers of the given `failed` applications into
    /// a new draft (each row carries the error as a warning) and returns its id. The
    /// applications must share SdkAppId and SipTrunkId and not have been copied before.
    pub fn draft_from_failed(&self, ids: &[i64]) -> Result<i64, StoreError> {
        if ids.is_empty() {
            return Err(StoreError::Invalid {
                field: "applications",
                reason: "choose at least one failed application".into(),
            });
        }
        self.write(|tx| {
            let mut header: Option<(DraftHeader, u64, i64)> = None;
            let mut rows = Vec::new();
            for &id in ids {
                let state = state_of(tx, id)?;
                if state != ApplicationState::Failed {
                    return Err(StoreError::WrongState {
                        id,
                        state: state.to_string(),
                        expected: "only failed applications can be copied into a new draft",
                    });
                }
                let (draft_id, sdk, trunk, options, code, message, redrafted, draft_name, country) = tx
                    .query_row(
                        &format!(
                            "SELECT a.draft_id, a.sdk_app_id, a.sip_trunk_id, {}, a.error_code, \
                             a.error_message, a.redrafted_to, d.name, a.country FROM applications a \
                             LEFT JOIN drafts d ON d.id = a.draft_id WHERE a.id = ?1",
                            APPLY_OPTION_COLUMNS
                                .split(", ")
                                .map(|c| format!("a.{c}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        [id],
                        |r| {
                            Ok((
                                r.get::<_, Option<i64>>(0)?,
                                get_u64(r, 1)?,
                                r.get::<_, i64>(2)?,
                                apply_options_from_row(r, 3)?,
                                r.get::<_, Option<String>>(9)?,
                                r.get::<_, Option<String>>(10)?,
                                r.get::<_, Option<i64>>(11)?,
                                r.get::<_, Option<String>>(12)?,
                                r.get::<_, Option<String>>(13)?,
                            ))
                        },
                    )?;
                if let Some(to) = redrafted {
                    return Err(StoreError::Invalid {
                        field: "applications",
                        reason: format!("application {id} was already copied to draft {to}"),
                    });
                }
                match &header {
                    None => {
                        let name = match draft_name {
                            Some(n) => format!("{n} — failed rows"),
                            None => format!("Failed rows of application {id}"),
                        };
                        header = Some((
                            DraftHeader {
                                name,
                                profile_id: None,
                                sdk_app_id: Some(sdk),
                                sip_trunk_id: Some(trunk),
                                options,
                                source: None,
                                origin_draft_id: draft_id,
                                country,
                                number_form: None,
                                source_columns: None,
                            },
                            sdk,
                            trunk,
                        ));
                    }
                    Some((_, s, t)) if *s != sdk || *t != trunk => {
                        return Err(StoreError::Invalid {
                            field: "applications",
                            reason: format!(
                                "application {id} is for SdkAppId {sdk} / SipTrunkId {trunk}, \
                                 unlike the first one ({s} / {t}); make one draft per SdkAppId \
                                 and trunk"
                            ),
                        });
                    }
                    Some(_) => {}
                }
                let finding = RowFinding {
                    severity: Severity::Warning,
                    code: "previously_failed".into(),
                    field: None,
                    message: format!(
                        "Application {id} was refused: {}{}",
                        code.as_deref().map(|c| format!("{c}: ")).unwrap_or_default(),
                        message.as_deref().unwrap_or("no message")
                    ),
                };
                for n in numbers_of(tx, id)? {
                    rows.push(DraftRow {
                        source_line: None,
                        phone_number: n.detail.phone_number,
                        call_type: Some(n.detail.call_type),
                        max_call_count: Some(n.detail.max_call_count),
                        max_call_p_sec: Some(n.detail.max_call_p_sec),
                        outbound_callee_format: n.detail.outbound_callee_format,
                        carrier_phone_number: n.detail.carrier_phone_number,
                        findings: vec![finding.clone()],
                    });
                }
            }
            let Some((mut header, _, _)) = header else {
                return Err(StoreError::Invalid {
                    field: "applications",
                    reason: "choose at least one failed application".into(),
                });
            };
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            header.source = Some(format!("failed rows of application(s) {}", list.join(", ")));
            let draft_id = insert_draft(tx, &header)?;
            insert_rows(tx, draft_id, 0, &rows)?;
            for &id in ids {
                tx.execute(
                    &format!(
                        "UPDATE applications SET redrafted_to = ?2, updated_at = {NOW} WHERE id = ?1"
                    ),
                    params![id, draft_id],
                )?;
            }
            Ok(draft_id)
        })
    }
}
