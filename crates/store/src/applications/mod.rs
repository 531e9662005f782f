//! The outbox: one row per `CreateOwnNumberApply` call, its numbers and its attempts log.
//!
//! States: `queued → sending → submitted | failed | unknown`. `sending` is committed durably
//! before a request leaves, so after a crash a request that may have reached Tencent is never
//! mistaken for one that did not ([`Store::recover_interrupted`] turns it into `unknown`).
//!
//! Over 500 lines because it holds the types its six submodules share (ApplicationState, the wide
//! ApplicationSummary, the attempt log) and their row readers.

mod keys;
mod live;
mod modify;
mod page;
mod queue;
mod resolve;

use std::fmt;
use std::str::FromStr;

use numdesk_model::NetworkKind;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::{
    ApplyOptions, EndpointKind, EndpointScope, NumberDetail, apply_options_from_row, get_opt_u64,
    get_u64,
};
use crate::{Store, StoreError};

pub(crate) use keys::backfill_number_keys;
pub use live::{HeldNumber, LiveMarks};
pub use modify::{ModifyOutcome, ModifyTarget};
pub use page::{
    ApplicationPage, ApplicationQuery, ApplicationRow, ApplicationSort, ApplicationStatus,
    ConnectionKind, DEFAULT_APPLICATION_PAGE, MAX_APPLICATION_PAGE, StatusCount,
};
pub use queue::{
    DuplicateNumber, EnqueueOutcome, INTERRUPTED_NOTE, NewSubmission, Outcome, QueuedApplication,
    Recovered, SubmissionNumber,
};
pub use resolve::{NOT_CREATED_NOTE, RESEND_NOTE, RESOLVED_NOTE};

/// Where an application is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ApplicationState {
    /// Waiting to be sent.
    Queued,
    /// Committed as being sent; the request may be on its way.
    Sending,
    /// Tencent accepted it: the ApplyId is known.
    Submitted,
    /// Tencent refused it (code and message kept); nothing was created.
    Failed,
    /// The request may have reached Tencent and no answer came. Never re-sent automatically.
    Unknown,
}

impl ApplicationState {
    /// Every state.
    pub const ALL: [Self; 5] = [
        Self::Queued,
        Self::Sending,
        Self::Submitted,
        Self::Failed,
        Self::Unknown,
    ];

    /// The stored (and JSON) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Submitted => "submitted",
            Self::Failed => "failed",
            Self::Unknown => "unknown",
        }
    }

    /// States whose numbers count as taken: a new application must not repeat them.
    pub const HOLDS_NUMBERS: [Self; 4] =
        [Self::Queued, Self::Sending, Self::Submitted, Self::Unknown];
}

impl fmt::Display for ApplicationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApplicationState {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown application state `{s}`")))
    }
}

/// A `ModifyOwnNumberApply` that has not (yet) been answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ModifyState {
    /// Committed as being sent.
    Sending,
    /// Sent and no answer came; sending the same list again is harmless (Modify replaces it).
    Unknown,
}

impl ModifyState {
    fn parse(s: &str) -> rusqlite::Result<Self> {
        match s {
            "sending" => Ok(Self::Sending),
            "unknown" => Ok(Self::Unknown),
            other => Err(corrupt_column(format!("unknown modify state `{other}`"))),
        }
    }
}

/// An application as the UI and `numdesk history` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationSummary {
    /// Local id (not Tencent's ApplyId).
    #[ts(type = "number")]
    pub id: i64,
    /// The draft it was made from.
    #[ts(type = "number | null")]
    pub draft_id: Option<i64>,
    /// Position within its submission (0-based).
    pub index_in_draft: u32,
    /// Where it was (or will be) sent.
    pub endpoint: EndpointScope,
    /// `SdkAppId`.
    #[ts(type = "number")]
    pub sdk_app_id: u64,
    /// `SipTrunkId`.
    #[ts(type = "number")]
    pub sip_trunk_id: i64,
    /// Optional fields sent with it.
    pub options: ApplyOptions,
    /// Where it is in its life.
    pub state: ApplicationState,
    /// Tencent's ApplyId, once known.
    #[ts(type = "number | null")]
    pub apply_id: Option<u64>,
    /// RequestId of the answer (or of the last failed attempt).
    pub request_id: Option<String>,
    /// Tencent's error code (or the local failure) for failed/unknown.
    pub error_code: Option<String>,
    /// The matching message.
    pub error_message: Option<String>,
    /// Which network failure it was, when one (the UI names the problem from it).
    pub error_kind: Option<NetworkKind>,
    /// How the state was reached when no answer said so.
    pub note: Option<String>,
    /// Phone numbers, in DetailList order.
    pub numbers: Vec<String>,
    /// How many of them DescribeNumbers has shown live.
    pub live_numbers: u32,
    /// When every number was seen live.
    pub approved_at: Option<String>,
    /// The draft its numbers were copied to after it failed.
    #[ts(type = "number | null")]
    pub redrafted_to: Option<i64>,
    /// A ModifyOwnNumberApply in progress or with no answer.
    pub modify_state: Option<ModifyState>,
    /// Changes Tencent accepted.
    pub modify_count: u32,
    /// Why the last change was refused (or unanswered).
    pub modify_error_code: Option<String>,
    /// The matching message.
    pub modify_error_message: Option<String>,
    /// UTC time.
    pub created_at: String,
    /// UTC time.
    pub updated_at: String,
    /// When `sending` was committed.
    pub sent_at: Option<String>,
    /// When the answer was recorded.
    pub answered_at: Option<String>,
}

/// A number of an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationNumber {
    /// Position in the DetailList.
    pub position: u32,
    /// The item sent.
    pub detail: NumberDetail,
    /// The draft row it came from.
    #[ts(type = "number | null")]
    pub draft_position: Option<u64>,
    /// When DescribeNumbers first showed it as a live own number.
    pub live_at: Option<String>,
}

/// One HTTP attempt as the client reported it, to be logged (never a secret or signature).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptInput {
    /// Unix milliseconds when the attempt started.
    pub started_at_unix_ms: i64,
    /// `X-TC-Action`.
    pub action: String,
    /// 1 for the first attempt of a call.
    pub attempt: u32,
    /// Tencent's RequestId, when there is one.
    pub request_id: Option<String>,
    /// The client's error class (`None` on success).
    pub error_class: Option<String>,
    /// Tencent's error code.
    pub error_code: Option<String>,
    /// Error message.
    pub error_message: Option<String>,
    /// Milliseconds from sending to the end of the response.
    pub latency_ms: u64,
    /// Milliseconds waited for the rate limiter.
    pub rate_limit_wait_ms: u64,
    /// What the client did next (`done`, `retry_after_backoff`, …).
    pub next_step: String,
}

/// A logged attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttemptEntry {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// The application, if the call belonged to one.
    #[ts(type = "number | null")]
    pub application_id: Option<i64>,
    /// UTC time the attempt started.
    pub at: String,
    /// `X-TC-Action`.
    pub action: String,
    /// 1 for the first attempt of a call.
    pub attempt: u32,
    /// Tencent's RequestId.
    pub request_id: Option<String>,
    /// The client's error class.
    pub error_class: Option<String>,
    /// Tencent's error code.
    pub error_code: Option<String>,
    /// Error message.
    pub error_message: Option<String>,
    /// Milliseconds.
    #[ts(type = "number")]
    pub latency_ms: u64,
    /// Milliseconds waited for the rate limiter.
    #[ts(type = "number")]
    pub rate_limit_wait_ms: u64,
    /// What the client did next.
    pub next_step: String,
}

/// Which applications to list. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationFilter {
    /// Only applications of this service.
    pub scope: Option<EndpointScope>,
    /// Only applications made from this draft.
    pub draft_id: Option<i64>,
    /// Only these states.
    pub states: Vec<ApplicationState>,
    /// Only these ids.
    pub ids: Option<Vec<i64>>,
}

impl ApplicationFilter {
    /// Everything.
    pub fn all() -> Self {
        Self::default()
    }

    /// The SQL condition on alias `a`, with its parameters.
    fn sql(&self) -> (String, Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        let mut conds = vec!["1 = 1".to_owned()];
        let mut params: Vec<Value> = Vec::new();
        if let Some(scope) = &self.scope {
            params.push(Value::Text(scope.kind.as_str().to_owned()));
            params.push(Value::Text(scope.host.clone()));
            conds.push(EndpointScope::sql(params.len() - 1, params.len()));
        }
        if let Some(d) = self.draft_id {
            params.push(Value::Integer(d));
            conds.push(format!("a.draft_id = ?{}", params.len()));
        }
        if !self.states.is_empty() {
            let list: Vec<String> = self
                .states
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect();
            conds.push(format!("a.state IN ({})", list.join(", ")));
        }
        if let Some(ids) = &self.ids {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            conds.push(format!(
                "a.id IN ({})",
                if list.is_empty() {
                    "NULL".into()
                } else {
                    list.join(", ")
                }
            ));
        }
        (conds.join(" AND "), params)
    }
}

pub(crate) const SUMMARY_COLUMNS: &str = "a.id, a.draft_id, a.batch_index, a.endpoint_kind, \
    a.endpoint_host, a.sdk_app_id, a.sip_trunk_id, a.prefix, a.mobile_ndd_prefix, \
    a.local_number_trim_ac, a.callee_format_passthrough, a.caller_format_passthrough, \
    a.international_number_prefix, a.state, a.apply_id, a.request_id, a.error_code, \
    a.error_message, a.note, a.approved_at, a.redrafted_to, a.modify_state, a.modify_count, \
    a.modify_error_code, a.modify_error_message, a.created_at, a.updated_at, a.sent_at, \
    a.answered_at, (SELECT count(*) FROM application_numbers n \
    WHERE n.application_id = a.id AND n.live_at IS NOT NULL), a.error_kind";

fn corrupt_column(message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, message.into())
}

pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ApplicationSummary> {
    let kind: String = row.get(3)?;
    let state: String = row.get(13)?;
    let modify_state: Option<String> = row.get(21)?;
    Ok(ApplicationSummary {
        id: row.get(0)?,
        draft_id: row.get(1)?,
        index_in_draft: row.get(2)?,
        endpoint: EndpointScope {
            kind: kind
                .parse::<EndpointKind>()
                .map_err(|e| corrupt_column(e.to_string()))?,
            host: row.get(4)?,
        },
        sdk_app_id: get_u64(row, 5)?,
        sip_trunk_id: row.get(6)?,
        options: apply_options_from_row(row, 7)?,
        state: state
            .parse()
            .map_err(|e: StoreError| corrupt_column(e.to_string()))?,
        apply_id: get_opt_u64(row, 14)?,
        request_id: row.get(15)?,
        error_code: row.get(16)?,
        error_message: row.get(17)?,
        note: row.get(18)?,
        approved_at: row.get(19)?,
        redrafted_to: row.get(20)?,
        modify_state: modify_state
            .as_deref()
            .map(ModifyState::parse)
            .transpose()?,
        modify_count: row.get(22)?,
        modify_error_code: row.get(23)?,
        modify_error_message: row.get(24)?,
        created_at: row.get(25)?,
        updated_at: row.get(26)?,
        sent_at: row.get(27)?,
        answered_at: row.get(28)?,
        live_numbers: row.get(29)?,
        // A name this version does not know (written by a newer one) reads as none.
        error_kind: row
            .get::<_, Option<String>>(30)?
            .and_then(|k| k.parse().ok()),
        numbers: Vec::new(),
    })
}

pub(crate) fn numbers_of(conn: &Connection, id: i64) -> Result<Vec<ApplicationNumber>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT position, phone_number, call_type, max_call_count, max_call_p_sec, \
         outbound_callee_format, carrier_phone_number, draft_position, live_at \
         FROM application_numbers WHERE application_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(ApplicationNumber {
            position: r.get(0)?,
            detail: NumberDetail {
                phone_number: r.get(1)?,
                call_type: r.get(2)?,
                max_call_count: r.get(3)?,
                max_call_p_sec: r.get(4)?,
                outbound_callee_format: r.get(5)?,
                carrier_phone_number: r.get(6)?,
            },
            draft_position: get_opt_u64(r, 7)?,
            live_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn summary_of(
    conn: &Connection,
    id: i64,
) -> Result<Option<ApplicationSummary>, StoreError> {
    let Some(mut summary) = conn
        .query_row(
            &format!("SELECT {SUMMARY_COLUMNS} FROM applications a WHERE a.id = ?1"),
            [id],
            summary_from_row,
        )
        .optional()?
    else {
        return Ok(None);
    };
    summary.numbers = phone_numbers_of(conn, id)?;
    Ok(Some(summary))
}

fn phone_numbers_of(conn: &Connection, id: i64) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT phone_number FROM application_numbers WHERE application_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn insert_attempts(
    conn: &Connection,
    application_id: Option<i64>,
    attempts: &[AttemptInput],
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO attempts (application_id, at, action, attempt, request_id, error_class, \
         error_code, error_message, latency_ms, rate_limit_wait_ms, next_step) VALUES \
         (?1, strftime('%Y-%m-%dT%H:%M:%fZ', ?2 / 1000.0, 'unixepoch'), ?3, ?4, ?5, ?6, ?7, ?8, \
         ?9, ?10, ?11)",
    )?;
    for a in attempts {
        stmt.execute(params![
            application_id,
            a.started_at_unix_ms,
            a.action,
            a.attempt.max(1),
            a.request_id,
            a.error_class,
            a.error_code,
            a.error_message,
            i64::try_from(a.latency_ms).unwrap_or(i64::MAX),
            i64::try_from(a.rate_limit_wait_ms).unwrap_or(i64::MAX),
            a.next_step,
        ])?;
    }
    Ok(())
}

/// The state of application `id` inside a transaction, or `NotFound`.
pub(crate) fn state_of(conn: &Connection, id: i64) -> Result<ApplicationState, StoreError> {
    let state: Option<String> = conn
        .query_row("SELECT state FROM applications WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    state
        .ok_or(StoreError::NotFound {
            what: "application",
            id,
        })?
        .parse()
}

impl Store {
    /// Applications matching `filter`, oldest first, with their phone numbers.
    pub fn applications(
        &self,
        filter: &ApplicationFilter,
    ) -> Result<Vec<ApplicationSummary>, StoreError> {
        let (cond, params) = filter.sql();
        self.with_conn(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM applications a WHERE {cond} ORDER BY a.id"
            ))?;
            let rows = stmt.query_map(rusqlite::params_from_iter(params), summary_from_row)?;
            let mut out: Vec<ApplicationSummary> = rows.collect::<Result<_, _>>()?;
            for app in &mut out {
                app.numbers = phone_numbers_of(c, app.id)?;
            }
            Ok(out)
        })
    }

    /// Application `id` with its phone numbers.
    pub fn application(&self, id: i64) -> Result<Option<ApplicationSummary>, StoreError> {
        self.with_conn(|c| summary_of(c, id))
    }

    /// The full DetailList of application `id`.
    pub fn application_numbers(&self, id: i64) -> Result<Vec<ApplicationNumber>, StoreError> {
        self.with_conn(|c| numbers_of(c, id))
    }

    /// The attempts log of application `id`, oldest first.
    pub fn attempts(&self, application_id: i64) -> Result<Vec<AttemptEntry>, StoreError> {
        self.with_conn(|c| {
            let mut stmt = c.prepare(
                "SELECT id, application_id, at, action, attempt, request_id, error_class, \
                 error_code, error_message, latency_ms, rate_limit_wait_ms, next_step \
                 FROM attempts WHERE application_id = ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map([application_id], |r| {
                Ok(AttemptEntry {
                    id: r.get(0)?,
                    application_id: r.get(1)?,
                    at: r.get(2)?,
                    action: r.get(3)?,
                    attempt: r.get(4)?,
                    request_id: r.get(5)?,
                    error_class: r.get(6)?,
                    error_code: r.get(7)?,
                    error_message: r.get(8)?,
                    latency_ms: get_u64(r, 9)?,
                    rate_limit_wait_ms: get_u64(r, 10)?,
                    next_step: r.get(11)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Logs attempts of calls that belong to no application (e.g. DescribeNumbers).
    pub fn log_attempts(&self, attempts: &[AttemptInput]) -> Result<(), StoreError> {
        self.write(|tx| insert_attempts(tx, None, attempts))
    }

    /// How many applications are in each state (all scopes).
    pub fn state_counts(&self) -> Result<Vec<(ApplicationState, u64)>, StoreError> {
        self.with_conn(|c| {
            let mut stmt = c.prepare("SELECT state, count(*) FROM applications GROUP BY state")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, get_u64(r, 1)?)))?;
            let mut out = Vec::new();
            for r in rows {
                let (state, n) = r?;
                out.push((state.parse()?, n));
            }
            Ok(out)
        })
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound file, else SQLite's findings.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        self.with_conn(|c| {
            let mut stmt = c.prepare("PRAGMA integrity_check")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }
}
