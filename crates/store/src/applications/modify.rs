//! `ModifyOwnNumberApply` bookkeeping: the new DetailList is committed as `sending` before the
//! request leaves and replaces the numbers only once Tencent accepted it.

use std::collections::{HashMap, HashSet};

use rusqlite::params;

use super::queue::{holders, insert_numbers};
use super::{
    ApplicationState, AttemptInput, DuplicateNumber, insert_attempts, numbers_of, state_of,
};
use crate::types::{ApplyOptions, EndpointScope, NOW, NumberDetail, get_u64};
use crate::{Store, StoreError};

/// What a Modify request needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModifyTarget {
    /// Local id.
    pub id: i64,
    /// Where it was sent.
    pub scope: EndpointScope,
    /// `SdkAppId`.
    pub sdk_app_id: u64,
    /// `ApplyId`.
    pub apply_id: u64,
    /// The optional fields it was created with (Modify replaces them, so they are re-sent).
    pub options: ApplyOptions,
    /// The new DetailList.
    pub details: Vec<NumberDetail>,
}

/// How a Modify ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModifyOutcome {
    /// Tencent accepted the new list.
    Applied,
    /// Tencent refused it; the application keeps its old numbers.
    Refused {
        /// Error code.
        code: String,
        /// Message (or the explanation shown to the user).
        message: String,
    },
    /// No answer: the new list may or may not be in force.
    Unknown {
        /// Error code or class.
        code: Option<String>,
        /// What happened.
        message: String,
    },
}

impl Store {
    /// Commits (durably) that the numbers of submitted application `id` are being changed to
    /// `details`. Refused unless the application is `submitted` and no other change is being
    /// sent; numbers another application holds are refused too. A previous change whose outcome
    /// is unknown may be replaced: Modify sends the whole list, so sending again is harmless.
    pub fn begin_modify(
        &self,
        id: i64,
        details: &[NumberDetail],
    ) -> Result<ModifyTarget, StoreError> {
        if details.is_empty() {
            return Err(StoreError::Invalid {
                field: "DetailList",
                reason: "an application needs at least one number".into(),
            });
        }
        let mut seen = HashSet::new();
        for d in details {
            d.validate()?;
            if !seen.insert(d.phone_number.as_str()) {
                return Err(StoreError::Invalid {
                    field: "DetailList",
                    reason: format!("{} appears twice", d.phone_number),
                });
            }
        }
        let json = serde_json::to_string(details)
            .map_err(|e| StoreError::Corrupt(format!("the new DetailList: {e}")))?;
        self.write_durably(|tx| {
            let state = state_of(tx, id)?;
            if state != ApplicationState::Submitted {
                return Err(StoreError::WrongState {
                    id,
                    state: state.to_string(),
                    expected: "only a submitted application (with an ApplyId) can be modified",
                });
            }
            let (kind, host, sdk, apply_id, modify_state, options) = tx.query_row(
                &format!(
                    "SELECT endpoint_kind, endpoint_host, sdk_app_id, apply_id, modify_state, {} \
                     FROM applications WHERE id = ?1",
                    ApplyOptions::COLUMNS
                ),
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        get_u64(r, 3)?,
                        r.get::<_, Option<String>>(4)?,
                        ApplyOptions::from_row(r, 5)?,
                    ))
                },
            )?;
            if modify_state.as_deref() == Some("sending") {
                return Err(StoreError::WrongState {
                    id,
                    state: "being modified".into(),
                    expected: "wait for the change being sent to finish",
                });
            }
            let scope = EndpointScope {
                kind: kind.parse()?,
                host,
            };
            let numbers: Vec<&str> = details.iter().map(|d| d.phone_number.as_str()).collect();
            let taken = holders(tx, &scope, sdk, &numbers, Some(id))?;
            if !taken.is_empty() {
                let mut list: Vec<DuplicateNumber> = taken
                    .into_iter()
                    .map(
                        |(phone_number, (application_id, state, apply_id))| DuplicateNumber {
                            phone_number,
                            draft_position: None,
                            application_id: Some(application_id),
                            state: Some(state),
                            apply_id,
                            included: false,
                        },
                    )
                    .collect();
                list.sort_by(|a, b| a.phone_number.cmp(&b.phone_number));
                return Err(StoreError::NumbersInUse(list));
            }
            tx.execute(
                &format!(
                    "UPDATE applications SET modify_state = 'sending', modify_details = ?2, \
                     modify_error_code = NULL, modify_error_message = NULL, updated_at = {NOW} \
                     WHERE id = ?1"
                ),
                params![id, json],
            )?;
            Ok(ModifyTarget {
                id,
                scope,
                sdk_app_id: u64::try_from(sdk).unwrap_or_default(),
                apply_id,
                options,
                details: details.to_vec(),
            })
        })
    }

    /// Records the answer to the change begun with [`begin_modify`](Self::begin_modify),
    /// durably. On success the application's numbers become the new list (numbers already
    /// seen live stay marked).
    pub fn finish_modify(
        &self,
        id: i64,
        outcome: &ModifyOutcome,
        attempts: &[AttemptInput],
    ) -> Result<(), StoreError> {
        self.write_durably(|tx| {
            state_of(tx, id)?;
            let pending: Option<(String, String)> = tx.query_row(
                "SELECT modify_state, modify_details FROM applications WHERE id = ?1",
                [id],
                |r| {
                    let s: Option<String> = r.get(0)?;
                    let d: Option<String> = r.get(1)?;
                    Ok(s.zip(d))
                },
            )?;
            let Some((_, json)) = pending else {
                return Err(StoreError::WrongState {
                    id,
                    state: "not being modified".into(),
                    expected: "a change must be begun before its answer is recorded",
                });
            };
            match outcome {
                ModifyOutcome::Applied => {
                    let details: Vec<NumberDetail> = serde_json::from_str(&json)
                        .map_err(|e| StoreError::Corrupt(format!("a pending modification: {e}")))?;
                    let live: HashMap<String, Option<String>> = numbers_of(tx, id)?
                        .into_iter()
                        .map(|n| (n.detail.phone_number, n.live_at))
                        .collect();
                    tx.execute(
                        "DELETE FROM application_numbers WHERE application_id = ?1",
                        [id],
                    )?;
                    let rows: Vec<(Option<u64>, &NumberDetail)> =
                        details.iter().map(|d| (None, d)).collect();
                    insert_numbers(tx, id, &rows)?;
                    let mut stmt = tx.prepare_cached(
                        "UPDATE application_numbers SET live_at = ?3 \
                         WHERE application_id = ?1 AND phone_number = ?2",
                    )?;
                    for d in &details {
                        if let Some(Some(at)) = live.get(&d.phone_number) {
                            stmt.execute(params![id, d.phone_number, at])?;
                        }
                    }
                    let all_live = details
                        .iter()
                        .all(|d| matches!(live.get(&d.phone_number), Some(Some(_))));
                    tx.execute(
                        &format!(
                            "UPDATE applications SET modify_state = NULL, modify_details = NULL, \
                             modify_count = modify_count + 1, modify_error_code = NULL, \
                             modify_error_message = NULL, \
                             approved_at = CASE WHEN ?2 THEN approved_at ELSE NULL END, \
                             updated_at = {NOW} WHERE id = ?1"
                        ),
                        params![id, all_live],
                    )?;
                }
                ModifyOutcome::Refused { code, message } => {
                    tx.execute(
                        &format!(
                            "UPDATE applications SET modify_state = NULL, modify_details = NULL, \
                             modify_error_code = ?2, modify_error_message = ?3, \
                             updated_at = {NOW} WHERE id = ?1"
                        ),
                        params![id, code, message],
                    )?;
                }
                ModifyOutcome::Unknown { code, message } => {
                    tx.execute(
                        &format!(
                            "UPDATE applications SET modify_state = 'unknown', \
                             modify_error_code = ?2, modify_error_message = ?3, \
                             updated_at = {NOW} WHERE id = ?1"
                        ),
                        params![id, code, message],
                    )?;
                }
            }
            insert_attempts(tx, Some(id), attempts)
        })
    }
}
