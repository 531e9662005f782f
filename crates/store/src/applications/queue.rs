//! Queuing, claiming for sending, recording answers, and recovery after a crash.
//!
//! Over 500 lines because queue, claim, record and recover are one durable protocol (queued →
//! sending → answered or unknown); each step checks in SQL the state the last one left.

use std::collections::{HashMap, HashSet};

use numdesk_model::{Country, NetworkKind, PhoneChecker};
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::keys::{Keys, fallback_country, parse_country};
use super::{ApplicationState, AttemptInput, insert_attempts, numbers_of, state_of};
use crate::types::{
    APPLY_OPTION_COLUMNS, ApplyOptions, EndpointScope, NOW, NumberDetail, apply_options_from_row,
    get_opt_u64, get_u64, to_sql_u64,
};
use crate::{Store, StoreError};

/// A number to queue, with the draft row it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionNumber {
    /// Position of the draft row, if it came from a draft.
    pub draft_position: Option<u64>,
    /// The item to send.
    pub detail: NumberDetail,
}

/// Numbers to split into applications and queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubmission {
    /// The draft they come from.
    pub draft_id: Option<i64>,
    /// Where they will be sent.
    pub scope: EndpointScope,
    /// `SdkAppId`.
    pub sdk_app_id: u64,
    /// `SipTrunkId`.
    pub sip_trunk_id: i64,
    /// Optional fields, the same for every application.
    pub options: ApplyOptions,
    /// The numbers, in order.
    pub numbers: Vec<SubmissionNumber>,
    /// Numbers per application (at least 1).
    pub numbers_per_application: usize,
    /// Queue numbers that another application already holds (the user insisted).
    pub include_duplicates: bool,
    /// The country national numbers are read for (the draft's; `None`: the import's last
    /// country, else China): duplicates are found by the canonical key this gives each number.
    pub country: Option<Country>,
}

/// A number that is already taken (or repeated within the submission).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateNumber {
    /// The number.
    pub phone_number: String,
    /// Its draft row.
    #[ts(type = "number | null")]
    pub draft_position: Option<u64>,
    /// The application holding it; `None` when it is repeated within this submission.
    #[ts(type = "number | null")]
    pub application_id: Option<i64>,
    /// That application's state.
    pub state: Option<ApplicationState>,
    /// That application's ApplyId.
    #[ts(type = "number | null")]
    pub apply_id: Option<u64>,
    /// Whether it was queued anyway (the user insisted).
    pub included: bool,
    /// How the holding application writes the number, when that differs from this spelling
    /// (`+862038001234` held, `020 3800 1234` given).
    pub held_as: Option<String>,
    /// The holding application's SdkAppId.
    #[ts(type = "number | null")]
    pub sdk_app_id: Option<u64>,
}

impl DuplicateNumber {
    /// `number` (at `draft_position`) held by `holder`.
    pub(crate) fn held(
        number: &str,
        draft_position: Option<u64>,
        holder: &Holder,
        sdk_app_id: u64,
        included: bool,
    ) -> Self {
        Self {
            phone_number: number.to_owned(),
            draft_position,
            application_id: Some(holder.id),
            state: Some(holder.state),
            apply_id: holder.apply_id,
            included,
            held_as: (holder.held_as != number).then(|| holder.held_as.clone()),
            sdk_app_id: Some(sdk_app_id),
        }
    }
}

/// What [`Store::enqueue`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EnqueueOutcome {
    /// The new applications, in batch order.
    #[ts(type = "Array<number>")]
    pub application_ids: Vec<i64>,
    /// Numbers queued.
    #[ts(type = "number")]
    pub numbers: u64,
    /// Numbers flagged as taken or repeated.
    pub duplicates: Vec<DuplicateNumber>,
}

/// A claimed application: everything needed to build its request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedApplication {
    /// Local id.
    pub id: i64,
    /// Where it goes.
    pub scope: EndpointScope,
    /// `SdkAppId`.
    pub sdk_app_id: u64,
    /// `SipTrunkId`.
    pub sip_trunk_id: i64,
    /// Optional fields.
    pub options: ApplyOptions,
    /// The DetailList.
    pub details: Vec<NumberDetail>,
}

/// How a sent application ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Tencent accepted it.
    Submitted {
        /// Tencent's ApplyId.
        apply_id: u64,
        /// RequestId of the answer.
        request_id: String,
    },
    /// Tencent refused it; nothing was created.
    Failed {
        /// Error code.
        code: String,
        /// Message.
        message: String,
        /// RequestId, if any.
        request_id: Option<String>,
        /// Which network failure, when one (an HTTP status or a body that is not Tencent's).
        kind: Option<NetworkKind>,
    },
    /// It may have been created; no answer says so.
    Unknown {
        /// Error code (`InternalError`, or a local class name such as `OutcomeUnknown`).
        code: Option<String>,
        /// What happened.
        message: String,
        /// RequestId, if any.
        request_id: Option<String>,
        /// Which network failure left it unknown (a timeout, a dropped connection), when one.
        kind: Option<NetworkKind>,
    },
    /// Certainly not created, and worth sending again later (queue paused, network down):
    /// back to `queued`, with the reason kept.
    Requeued {
        /// Error code, if any.
        code: Option<String>,
        /// Why.
        message: String,
        /// Which network failure kept it from being sent (DNS, a certificate, the proxy), when
        /// one.
        kind: Option<NetworkKind>,
    },
}

/// What [`Store::recover_interrupted`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Recovered {
    /// Applications left `sending` by a crash, now `unknown`.
    #[ts(type = "Array<number>")]
    pub applications: Vec<i64>,
    /// Applications whose ModifyOwnNumberApply was left `sending`, now `unknown`.
    #[ts(type = "Array<number>")]
    pub modifications: Vec<i64>,
}

/// The note on applications whose `sending` outlived the process.
pub const INTERRUPTED_NOTE: &str = "Number Desk stopped while this application was being sent \
    (crash, power cut or forced quit), so it may or may not have reached Tencent. Look for it in \
    the Tencent Cloud console: enter its ApplyId if it is there, or confirm sending it again.";

/// An application holding a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Holder {
    pub id: i64,
    pub state: ApplicationState,
    pub apply_id: Option<u64>,
    /// The number as that application writes it.
    pub held_as: String,
}

/// Who holds each of the canonical `keys` in `scope` for `sdk_app_id` (applications that are
/// queued, sending, submitted or unknown, and pending modifications), skipping application
/// `exclude`. Keyed by canonical key; a key nobody holds is absent.
pub(crate) fn holders(
    conn: &Connection,
    scope: &EndpointScope,
    sdk_app_id: i64,
    keys: &[&str],
    exclude: Option<i64>,
) -> Result<HashMap<String, Holder>, StoreError> {
    let states: Vec<String> = ApplicationState::HOLDS_NUMBERS
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.id, a.state, a.apply_id, n.phone_number FROM application_numbers n \
         JOIN applications a ON a.id = n.application_id \
         WHERE n.number_key = ?1 AND a.sdk_app_id = ?2 AND {} AND a.state IN ({}) \
         AND a.id IS NOT ?5 ORDER BY a.id LIMIT 1",
        EndpointScope::sql(3, 4),
        states.join(", ")
    ))?;
    let mut out = HashMap::new();
    for &key in keys {
        if key.is_empty() {
            continue;
        }
        let mut rows = stmt.query(params![
            key,
            sdk_app_id,
            scope.kind.as_str(),
            scope.host,
            exclude
        ])?;
        if let Some(r) = rows.next()? {
            let state: String = r.get(1)?;
            out.insert(
                key.to_owned(),
                Holder {
                    id: r.get(0)?,
                    state: state.parse()?,
                    apply_id: get_opt_u64(r, 2)?,
                    held_as: r.get(3)?,
                },
            );
        }
    }
    // Numbers a pending ModifyOwnNumberApply may have added, keyed for that application's
    // country.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.id, a.state, a.apply_id, a.modify_details, a.country FROM applications a \
         WHERE a.modify_details IS NOT NULL AND a.sdk_app_id = ?1 AND {} AND a.id IS NOT ?4",
        EndpointScope::sql(2, 3)
    ))?;
    let wanted: HashSet<&str> = keys.iter().copied().collect();
    let fallback = fallback_country(conn)?;
    let mut checkers = Keys::default();
    let mut rows = stmt.query(params![
        sdk_app_id,
        scope.kind.as_str(),
        scope.host,
        exclude
    ])?;
    while let Some(r) = rows.next()? {
        let json: String = r.get(3)?;
        let details: Vec<NumberDetail> = serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("a pending modification: {e}")))?;
        let state: String = r.get(1)?;
        let country = parse_country(r.get::<_, Option<String>>(4)?.as_deref()).or(fallback);
        for d in details {
            let key = checkers.key(&d.phone_number, country);
            if wanted.contains(key.as_str()) && !out.contains_key(&key) {
                out.insert(
                    key,
                    Holder {
                        id: r.get(0)?,
                        state: state.parse()?,
                        apply_id: get_opt_u64(r, 2)?,
                        held_as: d.phone_number,
                    },
                );
            }
        }
    }
    Ok(out)
}

/// A number to insert: its draft row, the item, its canonical key.
pub(crate) type NewNumber<'a> = (Option<u64>, &'a NumberDetail, String);

pub(crate) fn insert_numbers(
    tx: &Transaction<'_>,
    application_id: i64,
    numbers: &[NewNumber<'_>],
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO application_numbers (application_id, position, phone_number, call_type, \
         max_call_count, max_call_p_sec, outbound_callee_format, carrier_phone_number, \
         draft_position, number_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (position, (draft_position, d, key)) in numbers.iter().enumerate() {
        let draft_position = draft_position
            .map(|p| to_sql_u64("draft row", p))
            .transpose()?;
        stmt.execute(params![
            application_id,
            i64::try_from(position).unwrap_or(i64::MAX),
            d.phone_number,
            d.call_type,
            d.max_call_count,
            d.max_call_p_sec,
            d.outbound_callee_format,
            d.carrier_phone_number,
            draft_position,
            key,
        ])?;
    }
    Ok(())
}

impl Store {
    /// Flags taken and repeated numbers, splits the rest into applications of `numbers_per_application`
    /// numbers and queues them — all in one durable transaction, so two submissions can never
    /// both take the same number.
    pub fn enqueue(&self, submission: &NewSubmission) -> Result<EnqueueOutcome, StoreError> {
        if submission.numbers_per_application == 0 {
            return Err(StoreError::Invalid {
                field: "numbers per application",
                reason: "at least 1 number per application".into(),
            });
        }
        for n in &submission.numbers {
            n.detail.validate()?;
        }
        let sdk_app_id = to_sql_u64("SdkAppId", submission.sdk_app_id)?;
        if sdk_app_id == 0 {
            return Err(StoreError::Invalid {
                field: "SdkAppId",
                reason: "must be positive".into(),
            });
        }
        let country = match submission.country {
            Some(c) => Some(c),
            None => self.import_country()?,
        };
        let mut checker = PhoneChecker::new(country);
        let keys: Vec<String> = submission
            .numbers
            .iter()
            .map(|n| checker.key(&n.detail.phone_number))
            .collect();
        self.write_durably(|tx| {
            let all: Vec<&str> = keys.iter().map(String::as_str).collect();
            let taken = holders(tx, &submission.scope, sdk_app_id, &all, None)?;
            let mut seen = HashSet::new();
            let mut duplicates = Vec::new();
            let mut keep: Vec<NewNumber<'_>> = Vec::new();
            for (n, key) in submission.numbers.iter().zip(&keys) {
                let number = n.detail.phone_number.as_str();
                if !key.is_empty() && !seen.insert(key.as_str()) {
                    duplicates.push(DuplicateNumber {
                        phone_number: number.to_owned(),
                        draft_position: n.draft_position,
                        application_id: None,
                        state: None,
                        apply_id: None,
                        included: false,
                        held_as: None,
                        sdk_app_id: None,
                    });
                    continue;
                }
                if let Some(holder) = taken.get(key) {
                    duplicates.push(DuplicateNumber::held(
                        number,
                        n.draft_position,
                        holder,
                        submission.sdk_app_id,
                        submission.include_duplicates,
                    ));
                    if !submission.include_duplicates {
                        continue;
                    }
                }
                keep.push((n.draft_position, &n.detail, key.clone()));
            }
            let first_index: i64 = match submission.draft_id {
                Some(d) => tx.query_row(
                    "SELECT coalesce(max(batch_index) + 1, 0) FROM applications WHERE draft_id = ?1",
                    [d],
                    |r| r.get(0),
                )?,
                None => 0,
            };
            let o = &submission.options;
            let mut ids = Vec::new();
            for (i, chunk) in keep.chunks(submission.numbers_per_application).enumerate() {
                tx.execute(
                    "INSERT INTO applications (draft_id, batch_index, endpoint_kind, \
                     endpoint_host, sdk_app_id, sip_trunk_id, prefix, mobile_ndd_prefix, \
                     local_number_trim_ac, callee_format_passthrough, caller_format_passthrough, \
                     international_number_prefix, country, state) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'queued')",
                    params![
                        submission.draft_id,
                        first_index + i64::try_from(i).unwrap_or(i64::MAX),
                        submission.scope.kind.as_str(),
                        submission.scope.host,
                        sdk_app_id,
                        submission.sip_trunk_id,
                        o.prefix,
                        o.mobile_ndd_prefix,
                        o.local_number_trim_ac,
                        o.callee_format_passthrough,
                        o.caller_format_passthrough,
                        o.international_number_prefix,
                        country.map(|c| c.iso().to_owned()),
                    ],
                )?;
                let id = tx.last_insert_rowid();
                insert_numbers(tx, id, chunk)?;
                ids.push(id);
            }
            Ok(EnqueueOutcome {
                application_ids: ids,
                numbers: keep.len() as u64,
                duplicates,
            })
        })
    }

    /// Ids of `queued` applications in `scope` (restricted to `only` if given), oldest first.
    pub fn queued_ids(
        &self,
        scope: &EndpointScope,
        draft_id: Option<i64>,
        only: Option<&[i64]>,
    ) -> Result<Vec<i64>, StoreError> {
        let filter = super::ApplicationFilter {
            scope: Some(scope.clone()),
            draft_id,
            states: vec![ApplicationState::Queued],
            ids: only.map(<[i64]>::to_vec),
        };
        let (cond, params) = filter.sql();
        self.with_conn(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT a.id FROM applications a WHERE {cond} ORDER BY a.id"
            ))?;
            let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Moves application `id` from `queued` to `sending`, durably, and returns what to send.
    /// `None` if it is no longer queued (someone else claimed it, or it was resolved).
    ///
    /// Call this immediately before the request leaves: a crash after this commit leaves the
    /// application `sending`, which the next start turns into `unknown`.
    pub fn claim_for_sending(&self, id: i64) -> Result<Option<QueuedApplication>, StoreError> {
        self.write_durably(|tx| {
            let n = tx.execute(
                &format!(
                    "UPDATE applications SET state = 'sending', sent_at = {NOW}, \
                     updated_at = {NOW}, error_code = NULL, error_message = NULL, \
                     error_kind = NULL WHERE id = ?1 AND state = 'queued'"
                ),
                [id],
            )?;
            if n == 0 {
                return Ok(None);
            }
            Ok(Some(queued_application(tx, id)?))
        })
    }

    /// What queued application `id` would send, without claiming it; `None` if it is not
    /// queued. [`claim_for_sending`](Self::claim_for_sending) then claims it once the request
    /// holds its rate-limit slot.
    pub fn queued_application(&self, id: i64) -> Result<Option<QueuedApplication>, StoreError> {
        self.with_conn(|c| {
            if state_of(c, id)? != ApplicationState::Queued {
                return Ok(None);
            }
            Ok(Some(queued_application(c, id)?))
        })
    }

    /// When the most recent attempts of `action` ended (started + latency, Unix milliseconds),
    /// at most `limit` of them, newest first: a new process seeds its rate limiter with those
    /// of the last second.
    pub fn recent_attempt_ends(&self, action: &str, limit: u32) -> Result<Vec<i64>, StoreError> {
        self.with_conn(|c| {
            let mut stmt = c.prepare(
                "SELECT CAST(round((julianday(at) - 2440587.5) * 86400000.0) AS INTEGER) \
                 + latency_ms FROM attempts WHERE action = ?1 ORDER BY id DESC LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![action, limit], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Records how a `sending` application ended, with its attempts, durably.
    pub fn record_outcome(
        &self,
        id: i64,
        outcome: &Outcome,
        attempts: &[AttemptInput],
    ) -> Result<ApplicationState, StoreError> {
        self.write_durably(|tx| {
            let current = state_of(tx, id)?;
            if current != ApplicationState::Sending {
                return Err(StoreError::WrongState {
                    id,
                    state: current.to_string(),
                    expected: "only an application being sent can get an answer",
                });
            }
            let state = match outcome {
                Outcome::Submitted {
                    apply_id,
                    request_id,
                } => {
                    tx.execute(
                        &format!(
                            "UPDATE applications SET state = 'submitted', apply_id = ?2, \
                             request_id = ?3, error_code = NULL, error_message = NULL, \
                             error_kind = NULL, answered_at = {NOW}, updated_at = {NOW} \
                             WHERE id = ?1"
                        ),
                        params![id, to_sql_u64("ApplyId", *apply_id)?, request_id],
                    )?;
                    ApplicationState::Submitted
                }
                Outcome::Failed {
                    code,
                    message,
                    request_id,
                    kind,
                } => {
                    tx.execute(
                        &format!(
                            "UPDATE applications SET state = 'failed', request_id = ?2, \
                             error_code = ?3, error_message = ?4, error_kind = ?5, \
                             answered_at = {NOW}, updated_at = {NOW} WHERE id = ?1"
                        ),
                        params![id, request_id, code, message, kind.map(NetworkKind::as_str)],
                    )?;
                    ApplicationState::Failed
                }
                Outcome::Unknown {
                    code,
                    message,
                    request_id,
                    kind,
                } => {
                    tx.execute(
                        &format!(
                            "UPDATE applications SET state = 'unknown', request_id = ?2, \
                             error_code = ?3, error_message = ?4, error_kind = ?5, \
                             answered_at = {NOW}, updated_at = {NOW} WHERE id = ?1"
                        ),
                        params![id, request_id, code, message, kind.map(NetworkKind::as_str)],
                    )?;
                    ApplicationState::Unknown
                }
                Outcome::Requeued {
                    code,
                    message,
                    kind,
                } => {
                    tx.execute(
                        &format!(
                            "UPDATE applications SET state = 'queued', error_code = ?2, \
                             error_message = ?3, error_kind = ?4, sent_at = NULL, \
                             updated_at = {NOW} WHERE id = ?1"
                        ),
                        params![id, code, message, kind.map(NetworkKind::as_str)],
                    )?;
                    ApplicationState::Queued
                }
            };
            insert_attempts(tx, Some(id), attempts)?;
            Ok(state)
        })
    }

    /// Start-up recovery: every application (and modification) left `sending` by a process that
    /// is gone becomes `unknown`. Call it only while holding the outbox lock, before sending.
    pub fn recover_interrupted(&self) -> Result<Recovered, StoreError> {
        self.write_durably(|tx| {
            let mut stmt = tx.prepare(&format!(
                "UPDATE applications SET state = 'unknown', note = ?1, updated_at = {NOW} \
                 WHERE state = 'sending' RETURNING id"
            ))?;
            let mut applications: Vec<i64> = stmt
                .query_map([INTERRUPTED_NOTE], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut stmt = tx.prepare(&format!(
                "UPDATE applications SET modify_state = 'unknown', updated_at = {NOW} \
                 WHERE modify_state = 'sending' RETURNING id"
            ))?;
            let mut modifications: Vec<i64> = stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            applications.sort_unstable();
            modifications.sort_unstable();
            Ok(Recovered {
                applications,
                modifications,
            })
        })
    }

    /// Who already holds each of `numbers` (read for `country`, else the import's country, and
    /// compared by canonical key) for
    /// `sdk_app_id` in `scope` (queued, sending, submitted or unknown applications and pending
    /// modifications), except application `exclude`. Numbers nobody holds are absent.
    pub fn number_holders(
        &self,
        scope: &EndpointScope,
        sdk_app_id: u64,
        numbers: &[&str],
        country: Option<Country>,
        exclude: Option<i64>,
    ) -> Result<Vec<DuplicateNumber>, StoreError> {
        let sdk = to_sql_u64("SdkAppId", sdk_app_id)?;
        let country = match country {
            Some(c) => Some(c),
            None => self.import_country()?,
        };
        let mut checker = PhoneChecker::new(country);
        let keys: Vec<String> = numbers.iter().map(|n| checker.key(n)).collect();
        let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let found = self.with_conn(|c| holders(c, scope, sdk, &key_refs, exclude))?;
        let mut out: Vec<DuplicateNumber> = numbers
            .iter()
            .zip(&keys)
            .filter_map(|(n, k)| {
                found
                    .get(k)
                    .map(|h| DuplicateNumber::held(n, None, h, sdk_app_id, false))
            })
            .collect();
        out.sort_by(|a, b| a.phone_number.cmp(&b.phone_number));
        Ok(out)
    }
}

fn queued_application(tx: &rusqlite::Connection, id: i64) -> Result<QueuedApplication, StoreError> {
    let (kind, host, sdk_app_id, sip_trunk_id, options) = tx.query_row(
        &format!(
            "SELECT endpoint_kind, endpoint_host, sdk_app_id, sip_trunk_id, {} \
             FROM applications WHERE id = ?1",
            APPLY_OPTION_COLUMNS
        ),
        [id],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                get_u64(r, 2)?,
                r.get::<_, i64>(3)?,
                apply_options_from_row(r, 4)?,
            ))
        },
    )?;
    let details = numbers_of(tx, id)?.into_iter().map(|n| n.detail).collect();
    Ok(QueuedApplication {
        id,
        scope: EndpointScope {
            kind: kind.parse()?,
            host,
        },
        sdk_app_id,
        sip_trunk_id,
        options,
        details,
    })
}
