//! What the Overview screen reads: applications per shown status (with their numbers), the
//! numbers that went live in the last days, and the applications that need the user — outcome
//! unknown, refused and not yet copied to a draft, waiting long for Tencent's review. All of
//! one [`ConnectionKind`], from the outbox tables as they are (no table of its own).

use rusqlite::{Connection, params, params_from_iter};
use serde::Serialize;
use ts_rs::TS;

use crate::applications::{ApplicationStatus, ConnectionKind};
use crate::types::get_u64;
use crate::{Store, StoreError};

/// What [`Store::overview`] looks at, and as of when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverviewQuery {
    /// The Sandbox's applications or Tencent's.
    pub scope: ConnectionKind,
    /// Now, in Unix milliseconds (a parameter, so tests choose the clock).
    pub now_unix_ms: i64,
    /// "Went live lately" means live_at within this many milliseconds before now.
    pub live_window_ms: i64,
    /// An application submitted longer ago than this and not approved is "waiting long".
    pub long_wait_ms: i64,
    /// At most this many applications listed per group (the totals count them all).
    pub list_limit: u32,
}

/// Applications and numbers with one shown status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct StatusTally {
    pub status: ApplicationStatus,
    pub applications: u32,
    #[ts(type = "number")]
    pub numbers: u64,
}

/// One application in an Overview list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverviewApplication {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// Numbers in its DetailList.
    pub number_count: u32,
    /// The time that matters for its group (UTC): sent for unknown and waiting, answered for
    /// failed, the latest number seen live for "went live".
    pub at: String,
    /// Tencent's error code (or the local failure) for failed/unknown.
    pub error_code: Option<String>,
    /// Numbers seen live within the window ("went live" only; 0 elsewhere).
    pub live_numbers: u32,
    /// When every number was seen live.
    pub approved_at: Option<String>,
}

/// A group of applications: how many in all, their numbers, and the first few.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct OverviewGroup {
    pub total: u32,
    #[ts(type = "number")]
    pub numbers: u64,
    pub applications: Vec<OverviewApplication>,
}

/// Everything the Overview needs from the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StoreOverview {
    /// Applications of any scope exist at all (the app opens on the Overview then).
    pub history: bool,
    /// Every shown status of the scope, zeros included, in life order.
    pub counts: Vec<StatusTally>,
    /// Applications with numbers seen live within the window, latest first; `numbers` counts
    /// the numbers seen live within it.
    pub went_live: OverviewGroup,
    /// Outcome unknown, oldest first.
    pub unknown: OverviewGroup,
    /// Refused and not yet copied to a new draft, newest first.
    pub failed: OverviewGroup,
    /// Submitted longer ago than the threshold, not approved, oldest first.
    pub waiting_long: OverviewGroup,
}

/// SQL for "`a` belongs to `scope`".
fn scope_sql(scope: ConnectionKind) -> &'static str {
    match scope {
        ConnectionKind::Sandbox => "a.endpoint_kind = 'sandbox'",
        ConnectionKind::Tencent => "a.endpoint_kind <> 'sandbox'",
    }
}

/// SQL for the stored time `?{ms} - ?{minus}` milliseconds (both parameters).
fn time_sql(ms: usize, minus: usize) -> String {
    format!("strftime('%Y-%m-%dT%H:%M:%fZ', (?{ms} - ?{minus}) / 1000.0, 'unixepoch')")
}

const COUNT_SQL: &str =
    "(SELECT count(*) FROM application_numbers n WHERE n.application_id = a.id)";

/// One attention group: applications of the scope matching `condition` (with its parameters
/// `bind`), listed by `order` with their time `at`.
fn group(
    conn: &Connection,
    query: &OverviewQuery,
    condition: &str,
    bind: &[i64],
    at: &str,
    order: &str,
) -> Result<OverviewGroup, StoreError> {
    let scope = scope_sql(query.scope);
    let (total, numbers): (i64, i64) = conn.query_row(
        &format!(
            "SELECT count(*), coalesce(sum({COUNT_SQL}), 0) FROM applications a \
             WHERE {scope} AND {condition}"
        ),
        params_from_iter(bind),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT a.id, {COUNT_SQL}, {at}, a.error_code, a.approved_at FROM applications a \
         WHERE {scope} AND {condition} ORDER BY {order} LIMIT ?{}",
        bind.len() + 1
    ))?;
    let limit = i64::from(query.list_limit);
    let rows = stmt.query_map(params_from_iter(bind.iter().chain([&limit])), |r| {
        Ok(OverviewApplication {
            id: r.get(0)?,
            number_count: r.get(1)?,
            at: r.get(2)?,
            error_code: r.get(3)?,
            live_numbers: 0,
            approved_at: r.get(4)?,
        })
    })?;
    Ok(OverviewGroup {
        total: u32::try_from(total).unwrap_or(u32::MAX),
        numbers: u64::try_from(numbers).unwrap_or(0),
        applications: rows.collect::<Result<_, _>>()?,
    })
}

fn counts(conn: &Connection, scope: ConnectionKind) -> Result<Vec<StatusTally>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT a.state, a.approved_at IS NOT NULL, count(*), coalesce(sum({COUNT_SQL}), 0) \
         FROM applications a WHERE {} GROUP BY 1, 2",
        scope_sql(scope)
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, bool>(1)?,
            get_u64(r, 2)?,
            get_u64(r, 3)?,
        ))
    })?;
    let mut out: Vec<StatusTally> = ApplicationStatus::ALL
        .into_iter()
        .map(|status| StatusTally {
            status,
            applications: 0,
            numbers: 0,
        })
        .collect();
    for row in rows {
        let (state, approved, applications, numbers) = row?;
        let status = ApplicationStatus::of(state.parse()?, approved);
        if let Some(t) = out.iter_mut().find(|t| t.status == status) {
            t.applications += u32::try_from(applications).unwrap_or(u32::MAX);
            t.numbers += numbers;
        }
    }
    Ok(out)
}

fn went_live(conn: &Connection, query: &OverviewQuery) -> Result<OverviewGroup, StoreError> {
    let since = time_sql(1, 2);
    let scope = scope_sql(query.scope);
    let (total, numbers): (i64, i64) = conn.query_row(
        &format!(
            "SELECT count(DISTINCT a.id), count(*) FROM application_numbers n \
             JOIN applications a ON a.id = n.application_id \
             WHERE {scope} AND n.live_at >= {since}"
        ),
        params![query.now_unix_ms, query.live_window_ms],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT a.id, {COUNT_SQL}, max(n.live_at), a.error_code, a.approved_at, count(*) \
         FROM application_numbers n JOIN applications a ON a.id = n.application_id \
         WHERE {scope} AND n.live_at >= {since} \
         GROUP BY a.id ORDER BY max(n.live_at) DESC, a.id DESC LIMIT ?3"
    ))?;
    let rows = stmt.query_map(
        params![query.now_unix_ms, query.live_window_ms, query.list_limit],
        |r| {
            Ok(OverviewApplication {
                id: r.get(0)?,
                number_count: r.get(1)?,
                at: r.get(2)?,
                error_code: r.get(3)?,
                approved_at: r.get(4)?,
                live_numbers: r.get(5)?,
            })
        },
    )?;
    Ok(OverviewGroup {
        total: u32::try_from(total).unwrap_or(u32::MAX),
        numbers: u64::try_from(numbers).unwrap_or(0),
        applications: rows.collect::<Result<_, _>>()?,
    })
}

impl Store {
    /// The Overview of `query.scope` as of `query.now_unix_ms`. Blocking (database).
    pub fn overview(&self, query: &OverviewQuery) -> Result<StoreOverview, StoreError> {
        let sent = "coalesce(a.sent_at, a.created_at)";
        self.with_conn(|c| {
            let history: bool =
                c.query_row("SELECT EXISTS (SELECT 1 FROM applications)", [], |r| {
                    r.get(0)
                })?;
            Ok(StoreOverview {
                history,
                counts: counts(c, query.scope)?,
                went_live: went_live(c, query)?,
                unknown: group(
                    c,
                    query,
                    "a.state = 'unknown'",
                    &[],
                    sent,
                    &format!("{sent}, a.id"),
                )?,
                failed: group(
                    c,
                    query,
                    "a.state = 'failed' AND a.redrafted_to IS NULL",
                    &[],
                    "coalesce(a.answered_at, a.updated_at)",
                    "coalesce(a.answered_at, a.updated_at) DESC, a.id DESC",
                )?,
                waiting_long: group(
                    c,
                    query,
                    &format!(
                        "a.state = 'submitted' AND a.approved_at IS NULL AND {sent} < {}",
                        time_sql(1, 2)
                    ),
                    &[query.now_unix_ms, query.long_wait_ms],
                    sent,
                    &format!("{sent}, a.id"),
                )?,
            })
        })
    }
}
