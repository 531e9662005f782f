//! Reconciliation: numbers DescribeNumbers shows as live own numbers.

use std::collections::HashSet;

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ApplicationState;
use crate::types::{EndpointScope, NOW, get_u64, to_sql_u64};
use crate::{Store, StoreError};

/// What [`Store::mark_live`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LiveMarks {
    /// Numbers newly marked live.
    #[ts(type = "number")]
    pub numbers_marked: u64,
    /// Submitted applications whose numbers are now all live (newly approved).
    #[ts(type = "Array<number>")]
    pub approved: Vec<i64>,
}

impl Store {
    /// Marks the numbers whose canonical keys are in `live` (own numbers DescribeNumbers listed
    /// for `sdk_app_id`, keyed with [`numdesk_model::number_key`]) on applications of `scope`
    /// that are submitted or unknown, and marks submitted applications whose numbers are all
    /// live as approved.
    pub fn mark_live(
        &self,
        scope: &EndpointScope,
        sdk_app_id: u64,
        live: &HashSet<String>,
    ) -> Result<LiveMarks, StoreError> {
        let sdk = to_sql_u64("SdkAppId", sdk_app_id)?;
        self.write(|tx| {
            let candidates: Vec<(i64, i64, String)> = {
                let mut stmt = tx.prepare(&format!(
                    "SELECT n.application_id, n.position, n.number_key FROM application_numbers n \
                     JOIN applications a ON a.id = n.application_id \
                     WHERE a.sdk_app_id = ?1 AND {} AND a.state IN ('submitted', 'unknown') \
                     AND n.live_at IS NULL",
                    EndpointScope::sql(2, 3)
                ))?;
                let rows = stmt.query_map(params![sdk, scope.kind.as_str(), scope.host], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
                rows.collect::<Result<_, _>>()?
            };
            let mut marked = 0u64;
            {
                let mut stmt = tx.prepare_cached(&format!(
                    "UPDATE application_numbers SET live_at = {NOW} \
                     WHERE application_id = ?1 AND position = ?2"
                ))?;
                for (app, position, number) in &candidates {
                    if live.contains(number) {
                        stmt.execute(params![app, position])?;
                        marked += 1;
                    }
                }
            }
            let mut stmt = tx.prepare(&format!(
                "UPDATE applications AS a SET approved_at = {NOW}, updated_at = {NOW} \
                 WHERE a.sdk_app_id = ?1 AND {} AND a.state = 'submitted' \
                 AND a.approved_at IS NULL \
                 AND NOT EXISTS (SELECT 1 FROM application_numbers n \
                     WHERE n.application_id = a.id AND n.live_at IS NULL) \
                 RETURNING id",
                EndpointScope::sql(2, 3)
            ))?;
            let mut approved: Vec<i64> = stmt
                .query_map(params![sdk, scope.kind.as_str(), scope.host], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            approved.sort_unstable();
            Ok(LiveMarks {
                numbers_marked: marked,
                approved,
            })
        })
    }

    /// The country numbers are read for when nothing else says: the import's last country,
    /// else China.
    pub fn import_country(&self) -> Result<Option<numdesk_model::Country>, StoreError> {
        self.with_conn(|c| Ok(super::keys::fallback_country(c)?))
    }

    /// Every number held (queued, sending, submitted or unknown) by an application of `scope`,
    /// for `sdk_app_id` if given: what a new draft for that destination must not repeat.
    pub fn held_numbers(
        &self,
        scope: &EndpointScope,
        sdk_app_id: Option<u64>,
    ) -> Result<Vec<HeldNumber>, StoreError> {
        let sdk = sdk_app_id.map(|s| to_sql_u64("SdkAppId", s)).transpose()?;
        let states: Vec<String> = ApplicationState::HOLDS_NUMBERS
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        self.with_conn(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT n.phone_number, a.id, a.sdk_app_id FROM application_numbers n \
                 JOIN applications a ON a.id = n.application_id \
                 WHERE {} AND (?3 IS NULL OR a.sdk_app_id = ?3) AND a.state IN ({}) \
                 ORDER BY a.id, n.position",
                EndpointScope::sql(1, 2),
                states.join(", ")
            ))?;
            let rows = stmt.query_map(params![scope.kind.as_str(), scope.host, sdk], |r| {
                Ok(HeldNumber {
                    number: r.get(0)?,
                    application_id: r.get(1)?,
                    sdk_app_id: get_u64(r, 2)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }
}

/// A number an application holds (see [`Store::held_numbers`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldNumber {
    /// As the application writes it.
    pub number: String,
    /// The application.
    pub application_id: i64,
    /// Its SdkAppId.
    pub sdk_app_id: u64,
}
