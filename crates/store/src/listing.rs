//! What DescribeNumbers last listed per destination and SdkAppId (`live_listings`,
//! `live_numbers`): numbers already live in a contact centre, whoever applied for them.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::{EndpointKind, EndpointScope, NOW, get_u64, to_sql_u64};
use crate::{Store, StoreError};

/// A destination as listings are kept: the kind, and the host for custom endpoints only (the
/// sandbox's port changes between runs).
pub(crate) fn scope_key(scope: &EndpointScope) -> String {
    match scope.kind {
        EndpointKind::Custom => format!("custom:{}", scope.host),
        kind => kind.as_str().to_owned(),
    }
}

/// A number DescribeNumbers listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListedNumber {
    /// As Tencent listed it (`0086…`).
    pub number: String,
    /// Its canonical key.
    pub number_key: String,
    /// China site only: 1 own number, 0 bought from Tencent.
    #[ts(type = "number | null")]
    pub cost_type: Option<i64>,
}

/// A live number with where and when it was read, and whether an application from this
/// computer holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LiveNumber {
    /// As Tencent listed it.
    pub number: String,
    /// Its canonical key.
    pub number_key: String,
    /// The SdkAppId it is live in.
    #[ts(type = "number")]
    pub sdk_app_id: u64,
    /// When the listing was read (UTC).
    pub read_at: String,
    /// China site only: 1 own number, 0 bought from Tencent.
    #[ts(type = "number | null")]
    pub cost_type: Option<i64>,
    /// Whether an application sent from this computer (any state) has it.
    pub applied_here: bool,
}

impl Store {
    /// Replaces what is known to be live for `sdk_app_id` at `scope` with `numbers` (every page
    /// of one DescribeNumbers pass), read now.
    pub fn save_listing(
        &self,
        scope: &EndpointScope,
        sdk_app_id: u64,
        numbers: &[ListedNumber],
    ) -> Result<(), StoreError> {
        let sdk = to_sql_u64("SdkAppId", sdk_app_id)?;
        let key = scope_key(scope);
        self.write(|tx| {
            tx.execute(
                "DELETE FROM live_listings WHERE scope = ?1 AND sdk_app_id = ?2",
                params![key, sdk],
            )?;
            tx.execute(
                &format!(
                    "INSERT INTO live_listings (scope, sdk_app_id, read_at, numbers) \
                     VALUES (?1, ?2, {NOW}, ?3)"
                ),
                params![key, sdk, i64::try_from(numbers.len()).unwrap_or(i64::MAX)],
            )?;
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO live_numbers (scope, sdk_app_id, number_key, number, \
                 cost_type) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for n in numbers {
                stmt.execute(params![key, sdk, n.number_key, n.number, n.cost_type])?;
            }
            Ok(())
        })
    }

    /// When `sdk_app_id`'s numbers at `scope` were last read, if ever.
    pub fn listing_read_at(
        &self,
        scope: &EndpointScope,
        sdk_app_id: u64,
    ) -> Result<Option<String>, StoreError> {
        let sdk = to_sql_u64("SdkAppId", sdk_app_id)?;
        self.with_conn(|c| {
            Ok(c.query_row(
                "SELECT read_at FROM live_listings WHERE scope = ?1 AND sdk_app_id = ?2",
                params![scope_key(scope), sdk],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?)
        })
    }

    /// Numbers known to be live at `scope` (for `sdk_app_id` if given), own numbers only (not
    /// CostType 0), oldest listing first; `only_not_applied` keeps those no application from
    /// this computer holds.
    pub fn live_numbers(
        &self,
        scope: &EndpointScope,
        sdk_app_id: Option<u64>,
        only_not_applied: bool,
    ) -> Result<Vec<LiveNumber>, StoreError> {
        let sdk = sdk_app_id.map(|s| to_sql_u64("SdkAppId", s)).transpose()?;
        let key = scope_key(scope);
        self.with_conn(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT n.number, n.number_key, n.sdk_app_id, l.read_at, n.cost_type, \
                 EXISTS (SELECT 1 FROM application_numbers an JOIN applications a \
                     ON a.id = an.application_id WHERE an.number_key = n.number_key \
                     AND a.sdk_app_id = n.sdk_app_id AND {}) AS applied \
                 FROM live_numbers n JOIN live_listings l \
                     ON l.scope = n.scope AND l.sdk_app_id = n.sdk_app_id \
                 WHERE n.scope = ?3 AND (?4 IS NULL OR n.sdk_app_id = ?4) \
                 AND (n.cost_type IS NULL OR n.cost_type = 1) \
                 ORDER BY n.sdk_app_id, n.number",
                EndpointScope::sql(1, 2)
            ))?;
            let rows = stmt.query_map(params![scope.kind.as_str(), scope.host, key, sdk], |r| {
                Ok(LiveNumber {
                    number: r.get(0)?,
                    number_key: r.get(1)?,
                    sdk_app_id: get_u64(r, 2)?,
                    read_at: r.get(3)?,
                    cost_type: r.get(4)?,
                    applied_here: r.get(5)?,
                })
            })?;
            let mut out: Vec<LiveNumber> = rows.collect::<Result<_, _>>()?;
            if only_not_applied {
                out.retain(|n| !n.applied_here);
            }
            Ok(out)
        })
    }
}
