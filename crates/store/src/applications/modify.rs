//! `ModifyOwnNumberApply` bookkeeping: the new DetailList is committed as `sending` before the
//! request leaves and replaces the numbers only once Tencent accepted it.

use std::collections::{HashMap, HashSet};

use rusqlite::params;

use super::keys::country_of_application;
use super::queue::{NewNumber, holders, insert_numbers};
use super::{ApplicationState, AttemptInput, DuplicateNumber, insert_attempts, state_of};
use crate::types::{
    APPLY_OPTION_COLUMNS, ApplyOptions, EndpointScope, NOW, NumberDetail, apply_options_from_row,
    get_u64,
};
use crate::{Store, StoreError};
use numdesk_model::PhoneChecker;

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
                    APPLY_OPTION_COLUMNS
                ),
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        get_u64(r, 3)?,
                        r.get::<_, Option<String>>(4)?,
                        apply_options_from_row(r, 5)?,
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
            let mut checker = PhoneChecker::new(country_of_application(tx, id)?);
            let keys: Vec<String> = details
                .iter()
                .map(|d| checker.key(&d.phone_number))
                .collect();
            let mut seen = HashMap::new();
            for (d, key) in details.iter().zip(&keys) {
                if let Some(first) = seen.insert(key.as_str(), d.phone_number.as_str()) {
                    return Err(StoreError::Invalid {
                        field: "DetailList",
                        reason: format!("{} and {first} are the same number", d.phone_number),
                    });
                }
            }
            let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let taken = holders(tx, &scope, sdk, &key_refs, Some(id))?;
            let sdk_app_id = u64::try_from(sdk).unwrap_or_default();
            if !taken.is_empty() {
                let mut list: Vec<DuplicateNumber> = details
                    .iter()
                    .zip(&keys)
                    .filter_map(|(d, k)| {
                        taken.get(k).map(|h| {
                            DuplicateNumber::held(&d.phone_number, None, h, sdk_app_id, false)
                        })
                    })
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
                    let live: HashMap<String, Option<String>> = {
                        let mut stmt = tx.prepare_cached(
                            "SELECT number_key, live_at FROM application_numbers \
                             WHERE application_id = ?1",
                        )?;
                        stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                            .collect::<Result<_, _>>()?
                    };
                    tx.execute(
                        "DELETE FROM application_numbers WHERE application_id = ?1",
                        [id],
                    )?;
                    let mut checker = PhoneChecker::new(country_of_application(tx, id)?);
                    let rows: Vec<NewNumber<'_>> = details
                        .iter()
                        .map(|d| (None, d, checker.key(&d.phone_number)))
                        .collect();
                    insert_numbers(tx, id, &rows)?;
                    let mut stmt = tx.prepare_cached(
                        "UPDATE application_numbers SET live_at = ?3 \
                         WHERE application_id = ?1 AND number_key = ?2",
                    )?;
                    for (_, _, key) in &rows {
                        if let Some(Some(at)) = live.get(key) {
                            stmt.execute(params![id, key, at])?;
                        }
                    }
                    let all_live = rows
                        .iter()
                        .all(|(_, _, key)| matches!(live.get(key), Some(Some(_))));
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
