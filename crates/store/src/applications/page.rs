//! The applications list as the UI pages through it: search, filter by shown status, scope,
//! sort and paging in SQL, so thousands of applications stay quick.
//!
//! Over 500 lines: the list's search, filter, sort and paging are built into one SQL statement; the
//! tests of each are here.

pub use numdesk_model::ConnectionKind;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ApplicationState;
use crate::types::{EndpointKind, EndpointScope, get_opt_u64, get_u64};
use crate::{Store, StoreError};

/// Most rows one page may hold.
pub const MAX_APPLICATION_PAGE: u32 = 500;
/// Rows per page when the query asks for 0.
pub const DEFAULT_APPLICATION_PAGE: u32 = 100;

/// How an application is shown: its state, with "approved" (every number seen live) told apart
/// from "submitted, awaiting review".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ApplicationStatus {
    /// Waiting to be sent.
    Queued,
    /// Being sent.
    Sending,
    /// Tencent accepted it (ApplyId known) and it awaits review.
    Submitted,
    /// Every number is live (DescribeNumbers).
    Approved,
    /// Tencent refused it; nothing was created.
    Failed,
    /// No answer came; the user must resolve it.
    Unknown,
}

impl ApplicationStatus {
    /// Every status, in the order of an application's life (the order the UI shows them).
    pub const ALL: [Self; 6] = [
        Self::Queued,
        Self::Sending,
        Self::Submitted,
        Self::Approved,
        Self::Failed,
        Self::Unknown,
    ];

    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Submitted => "submitted",
            Self::Approved => "approved",
            Self::Failed => "failed",
            Self::Unknown => "unknown",
        }
    }

    /// The status of an application in `state`, approved or not.
    pub fn of(state: ApplicationState, approved: bool) -> Self {
        match state {
            ApplicationState::Queued => Self::Queued,
            ApplicationState::Sending => Self::Sending,
            ApplicationState::Submitted if approved => Self::Approved,
            ApplicationState::Submitted => Self::Submitted,
            ApplicationState::Failed => Self::Failed,
            ApplicationState::Unknown => Self::Unknown,
        }
    }

    fn parse(s: &str) -> rusqlite::Result<Self> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| super::corrupt_column(format!("unknown application status `{s}`")))
    }
}

/// SQL for the shown status of alias `a`.
const STATUS_SQL: &str = "(CASE WHEN a.state = 'submitted' AND a.approved_at IS NOT NULL \
    THEN 'approved' ELSE a.state END)";
/// SQL for the life-order rank of the shown status of alias `a`.
const STATUS_RANK_SQL: &str = "(CASE WHEN a.state = 'queued' THEN 0 WHEN a.state = 'sending' \
    THEN 1 WHEN a.state = 'submitted' AND a.approved_at IS NULL THEN 2 \
    WHEN a.state = 'submitted' THEN 3 WHEN a.state = 'failed' THEN 4 ELSE 5 END)";
const COUNT_SQL: &str =
    "(SELECT count(*) FROM application_numbers n WHERE n.application_id = a.id)";
const LIVE_SQL: &str = "(SELECT count(*) FROM application_numbers n \
    WHERE n.application_id = a.id AND n.live_at IS NOT NULL)";

/// The column a page is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationSort {
    /// When it was created (then by id).
    #[default]
    Created,
    /// How many numbers it holds.
    Numbers,
    /// Its shown status, in life order.
    State,
    /// Tencent's ApplyId (applications without one last).
    ApplyId,
}

/// Which applications a page shows. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(optional_fields)]
pub struct ApplicationQuery {
    /// Only the sandbox's or only Tencent's applications.
    pub scope: Option<ConnectionKind>,
    /// Only these shown statuses.
    #[serde(default)]
    pub statuses: Vec<ApplicationStatus>,
    /// A phone number (or part of one), an ApplyId (or its first digits) or a RequestId.
    pub search: Option<String>,
    /// Sort column.
    #[serde(default)]
    pub sort: ApplicationSort,
    /// Newest / largest first.
    #[serde(default)]
    pub descending: bool,
    /// Rows to skip.
    #[serde(default)]
    pub offset: u32,
    /// Rows to return (0: the default page; at most [`MAX_APPLICATION_PAGE`]).
    #[serde(default)]
    pub limit: u32,
}

/// One row of the applications list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationRow {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// How it is shown.
    pub status: ApplicationStatus,
    /// The outbox state.
    pub state: ApplicationState,
    /// Tencent's ApplyId, once known.
    #[ts(type = "number | null")]
    pub apply_id: Option<u64>,
    /// RequestId of the answer (or of the last failed attempt).
    pub request_id: Option<String>,
    /// UTC time.
    pub created_at: String,
    /// UTC time.
    pub updated_at: String,
    /// Numbers in its DetailList.
    pub number_count: u32,
    /// How many of them DescribeNumbers has shown live.
    pub live_numbers: u32,
    /// `SdkAppId`.
    #[ts(type = "number")]
    pub sdk_app_id: u64,
    /// `SipTrunkId`.
    #[ts(type = "number")]
    pub sip_trunk_id: i64,
    /// Where it was (or will be) sent.
    pub endpoint: EndpointScope,
    /// Tencent's error code (or the local failure) for failed/unknown.
    pub error_code: Option<String>,
    /// The matching message.
    pub error_message: Option<String>,
    /// How the state was reached when no answer said so.
    pub note: Option<String>,
    /// The draft it was made from.
    #[ts(type = "number | null")]
    pub draft_id: Option<i64>,
    /// The draft its numbers were copied to after it failed.
    #[ts(type = "number | null")]
    pub redrafted_to: Option<i64>,
    /// When every number was seen live (UTC).
    pub approved_at: Option<String>,
}

/// How many applications have one shown status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct StatusCount {
    pub status: ApplicationStatus,
    pub count: u32,
}

/// A page of the applications list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationPage {
    /// Applications matching the whole query.
    pub total: u32,
    /// Offset of the first row.
    pub offset: u32,
    /// The rows.
    pub rows: Vec<ApplicationRow>,
    /// Per shown status, the applications matching scope and search (not the status filter):
    /// the numbers on the filter chips. Every status is listed, zeros included.
    pub counts: Vec<StatusCount>,
    /// Applications in this scope at all, whatever the search and filter.
    pub scope_total: u32,
}

/// A search as the user typed it, made ready for `LIKE`: spaces, dashes, dots and brackets
/// removed (numbers are pasted in many shapes); `None` when nothing is left.
fn search_term(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '(' | ')'))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let mut escaped = String::with_capacity(cleaned.len());
    for c in cleaned.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    Some(escaped)
}

impl ApplicationQuery {
    /// The WHERE condition on alias `a` (scope, search and, with `statuses`, the status filter).
    fn condition(&self, statuses: bool) -> (String, Vec<Value>) {
        let mut conds = vec!["1 = 1".to_owned()];
        let mut params: Vec<Value> = Vec::new();
        match self.scope {
            Some(ConnectionKind::Sandbox) => conds.push("a.endpoint_kind = 'sandbox'".into()),
            Some(ConnectionKind::Tencent) => conds.push("a.endpoint_kind <> 'sandbox'".into()),
            None => {}
        }
        if let Some(raw) = self.search.as_deref() {
            let trimmed = raw.trim();
            if let Some(term) = search_term(trimmed) {
                params.push(Value::Text(term));
                let like = params.len();
                params.push(Value::Text(trimmed.to_owned()));
                let exact = params.len();
                conds.push(format!(
                    "(CAST(a.apply_id AS TEXT) LIKE ?{like} || '%' ESCAPE '\\' \
                     OR a.request_id = ?{exact} \
                     OR EXISTS (SELECT 1 FROM application_numbers n \
                         WHERE n.application_id = a.id \
                         AND n.phone_number LIKE '%' || ?{like} || '%' ESCAPE '\\'))"
                ));
            }
        }
        if statuses && !self.statuses.is_empty() {
            let list: Vec<String> = self
                .statuses
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect();
            conds.push(format!("{STATUS_SQL} IN ({})", list.join(", ")));
        }
        (conds.join(" AND "), params)
    }

    fn order_by(&self) -> String {
        let dir = if self.descending { "DESC" } else { "ASC" };
        match self.sort {
            ApplicationSort::Created => format!("a.created_at {dir}, a.id {dir}"),
            ApplicationSort::Numbers => format!("{COUNT_SQL} {dir}, a.id {dir}"),
            ApplicationSort::State => format!("{STATUS_RANK_SQL} {dir}, a.id {dir}"),
            // Without an ApplyId last either way: there is nothing to compare.
            ApplicationSort::ApplyId => {
                format!("a.apply_id IS NULL, a.apply_id {dir}, a.id {dir}")
            }
        }
    }

    /// The page size asked for, within bounds.
    pub fn page_size(&self) -> u32 {
        match self.limit {
            0 => DEFAULT_APPLICATION_PAGE,
            n => n.min(MAX_APPLICATION_PAGE),
        }
    }
}

const ROW_COLUMNS: &str = "a.id, a.state, a.approved_at, a.apply_id, a.request_id, \
    a.created_at, a.updated_at, a.sdk_app_id, a.sip_trunk_id, a.endpoint_kind, a.endpoint_host, \
    a.error_code, a.error_message, a.note, a.draft_id, a.redrafted_to";

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<ApplicationRow> {
    let state: String = r.get(1)?;
    let state: ApplicationState = state
        .parse()
        .map_err(|e: StoreError| super::corrupt_column(e.to_string()))?;
    let approved_at: Option<String> = r.get(2)?;
    let kind: String = r.get(9)?;
    Ok(ApplicationRow {
        id: r.get(0)?,
        status: ApplicationStatus::of(state, approved_at.is_some()),
        approved_at,
        state,
        apply_id: get_opt_u64(r, 3)?,
        request_id: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        sdk_app_id: get_u64(r, 7)?,
        sip_trunk_id: r.get(8)?,
        endpoint: EndpointScope {
            kind: kind
                .parse::<EndpointKind>()
                .map_err(|e| super::corrupt_column(e.to_string()))?,
            host: r.get(10)?,
        },
        error_code: r.get(11)?,
        error_message: r.get(12)?,
        note: r.get(13)?,
        draft_id: r.get(14)?,
        redrafted_to: r.get(15)?,
        number_count: r.get(16)?,
        live_numbers: r.get(17)?,
    })
}

impl Store {
    /// One page of the applications list with the counts for the filter chips.
    pub fn applications_page(
        &self,
        query: &ApplicationQuery,
    ) -> Result<ApplicationPage, StoreError> {
        let limit = query.page_size();
        self.with_conn(|c| {
            let (cond, params) = query.condition(true);
            let total: u32 = c.query_row(
                &format!("SELECT count(*) FROM applications a WHERE {cond}"),
                rusqlite::params_from_iter(params.iter()),
                |r| r.get(0),
            )?;
            let mut page_params = params.clone();
            page_params.push(Value::Integer(i64::from(limit)));
            page_params.push(Value::Integer(i64::from(query.offset)));
            let n = page_params.len();
            // The page's ids first, then their columns: SQLite would otherwise work out the
            // per-row number counts for every matching application before sorting.
            let order = query.order_by();
            let mut stmt = c.prepare(&format!(
                "SELECT {ROW_COLUMNS}, {COUNT_SQL}, {LIVE_SQL} FROM applications a \
                 WHERE a.id IN (SELECT a.id FROM applications a WHERE {cond} \
                 ORDER BY {order} LIMIT ?{} OFFSET ?{n}) ORDER BY {order}",
                n - 1
            ))?;
            let rows = stmt
                .query_map(rusqlite::params_from_iter(page_params.iter()), row_from)?
                .collect::<Result<Vec<_>, _>>()?;

            let (cond, params) = query.condition(false);
            let mut stmt = c.prepare(&format!(
                "SELECT {STATUS_SQL}, count(*) FROM applications a WHERE {cond} GROUP BY 1"
            ))?;
            let found = stmt
                .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                    let s: String = r.get(0)?;
                    Ok((ApplicationStatus::parse(&s)?, r.get::<_, u32>(1)?))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let counts = ApplicationStatus::ALL
                .into_iter()
                .map(|status| StatusCount {
                    status,
                    count: found
                        .iter()
                        .find(|(s, _)| *s == status)
                        .map_or(0, |(_, n)| *n),
                })
                .collect();

            let scope_only = ApplicationQuery {
                scope: query.scope,
                ..ApplicationQuery::default()
            };
            let (cond, params) = scope_only.condition(false);
            let scope_total: u32 = c.query_row(
                &format!("SELECT count(*) FROM applications a WHERE {cond}"),
                rusqlite::params_from_iter(params.iter()),
                |r| r.get(0),
            )?;
            Ok(ApplicationPage {
                total,
                offset: query.offset,
                rows,
                counts,
                scope_total,
            })
        })
    }

    /// Every application matching `query` (no paging), in its order: for exports.
    pub fn application_rows(
        &self,
        query: &ApplicationQuery,
    ) -> Result<Vec<(ApplicationRow, Vec<String>)>, StoreError> {
        self.with_conn(|c| {
            let (cond, params) = query.condition(true);
            let mut stmt = c.prepare(&format!(
                "SELECT {ROW_COLUMNS}, {COUNT_SQL}, {LIVE_SQL} FROM applications a \
                 WHERE {cond} ORDER BY {}",
                query.order_by()
            ))?;
            let rows = stmt
                .query_map(rusqlite::params_from_iter(params.iter()), row_from)?
                .collect::<Result<Vec<_>, _>>()?;
            let mut numbers = c.prepare_cached(
                "SELECT phone_number FROM application_numbers WHERE application_id = ?1 \
                 ORDER BY position",
            )?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let list = numbers
                    .query_map([row.id], |r| r.get(0))?
                    .collect::<Result<Vec<String>, _>>()?;
                out.push((row, list));
            }
            Ok(out)
        })
    }

    /// The ids of the applications of `scope` matching `ids` (all when `None`) in the given
    /// outbox states.
    pub fn application_ids_in(
        &self,
        scope: ConnectionKind,
        ids: Option<&[i64]>,
        states: &[ApplicationState],
    ) -> Result<Vec<(i64, u64)>, StoreError> {
        let query = ApplicationQuery {
            scope: Some(scope),
            ..ApplicationQuery::default()
        };
        let (mut cond, params) = query.condition(false);
        if let Some(ids) = ids {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            cond.push_str(&format!(
                " AND a.id IN ({})",
                if list.is_empty() {
                    "NULL".into()
                } else {
                    list.join(", ")
                }
            ));
        }
        if !states.is_empty() {
            let list: Vec<String> = states.iter().map(|s| format!("'{}'", s.as_str())).collect();
            cond.push_str(&format!(" AND a.state IN ({})", list.join(", ")));
        }
        self.with_conn(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT a.id, a.sdk_app_id FROM applications a WHERE {cond} ORDER BY a.id"
            ))?;
            let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((r.get(0)?, get_u64(r, 1)?))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::search_term;

    #[test]
    fn a_search_is_cleaned_of_number_punctuation_and_escaped_for_like() {
        assert_eq!(
            search_term(" 020-1234 (5678) ").as_deref(),
            Some("02012345678")
        );
        assert_eq!(
            search_term("50%_x").as_deref(),
            Some("50\\%\\_x"),
            "wildcards are literal"
        );
        assert_eq!(
            search_term(" - . ").as_deref(),
            None,
            "nothing left: no filter"
        );
    }
}
