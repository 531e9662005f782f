//! Reconciliation: numbers DescribeNumbers shows as live own numbers.

use std::collections::HashSet;

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::{EndpointScope, NOW, to_sql_u64};
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
    /// Marks the numbers in `live` (own numbers DescribeNumbers listed for `sdk_app_id`) on
    /// applications of `scope` that are submitted or unknown, and marks submitted applications
    /// whose numbers are all live as approved.
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
                    "SELECT n.application_id, n.position, n.phone_number FROM application_numbers n \
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
            Ok(LiveMarks { numbers_marked: marked, approved })
        })
    }
}
