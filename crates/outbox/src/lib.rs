//! The outbox: every number submitted exactly once, nothing ever lost.
//!
//! Tencent's `CreateOwnNumberApply` has no idempotency token and no way to read an application
//! back, so this crate keeps the guarantee itself:
//!
//! - A draft is split into batches (default [`DEFAULT_NUMBERS_PER_APPLICATION`] numbers), each one
//!   application, queued in one durable transaction. Numbers already held by a queued,
//!   submitted or unknown application of the same SdkAppId and service are left out unless the
//!   user insists.
//! - `queued → sending` is committed with `synchronous=FULL` **before** the request leaves. The
//!   answer is recorded the same way: `submitted` (ApplyId known), `failed` (Tencent said no) or
//!   `unknown` (it may have reached Tencent and no answer came).
//! - [`Outbox::open`] takes a lock beside the database (one sender per file) and turns any
//!   `sending` left by a crash into `unknown`. Unknown applications are never re-sent
//!   automatically: the user enters the ApplyId from the console
//!   ([`Outbox::resolve_with_apply_id`]) or confirms a resend ([`Outbox::resend_unknown`]).
//! - [`Outbox::run`] sends under the client's shared rate limiter with bounded concurrency,
//!   reports [`ProgressEvent`]s, honours [`SendControl`] pause/cancel, and stops the whole queue
//!   (with a [`PauseReason`]) on problems that concern every batch, such as
//!   `InvalidParameterValue.WaitingApprovalOverflow`. A permanent error on one batch only fails
//!   that batch.
//! - [`Outbox::modify`] (ModifyOwnNumberApply) and [`Outbox::reconcile`] (DescribeNumbers, all
//!   pages) complete the picture.
//!
//! No Tauri here: the app and the `numdesk` CLI both drive this crate.

mod classify;
mod error;
mod lock;
mod modify;
mod plan;
mod preview;
mod progress;
mod reconcile;
mod run;
mod watch;

use std::path::PathBuf;
use std::sync::Arc;

use numdesk_client::{Client, Endpoint};
use numdesk_store::{
    ApplicationSummary, EndpointKind, EndpointScope, EnqueueOutcome, NewSubmission, Recovered,
    Store, StoreError,
};

pub use error::{OutboxError, RowProblem};
pub use modify::{ModifyReport, ModifyResult};
pub use plan::{Plan, SubmitSettings};
pub use progress::{
    ApplicationResult, NoProgress, PauseKind, PauseReason, ProgressEvent, ProgressSink,
    SendControl, SendPhase,
};
pub use reconcile::ReconcileReport;
pub use run::{Selection, SendOutcome, SendReport, UnsavedApplyId};
pub use watch::{
    Budget, DEFAULT_LADDER, Schedule, WATCH_CALLS_PER_MINUTE, WATCH_MAX_AGE, Waiting, Watch,
    WatchChange, WatchConfig, WatchPass, now_unix_ms, parse_utc_ms, waiting_of,
};

use crate::lock::OutboxLock;

/// Numbers per application unless the user chooses otherwise (the API publishes no maximum).
pub const DEFAULT_NUMBERS_PER_APPLICATION: usize = 100;
/// Calls in flight at once unless configured otherwise.
pub const DEFAULT_CONCURRENCY: usize = 8;
/// The action sent for each batch.
pub const CREATE_ACTION: &str = "CreateOwnNumberApply";

/// Tunables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxConfig {
    /// Calls in flight at once (1 or more); the rate limiter bounds the pace in any case.
    pub concurrency: usize,
}

impl Default for OutboxConfig {
    fn default() -> Self {
        Self {
            concurrency: DEFAULT_CONCURRENCY,
        }
    }
}

/// The service a client talks to, as recorded on each application.
pub fn endpoint_scope(client: &Client) -> EndpointScope {
    scope_of_endpoint(&client.config().endpoint)
}

/// The service an endpoint names: the International or China site, the sandbox (any loopback
/// URL) or another URL (told apart by its host).
pub fn scope_of_endpoint(endpoint: &Endpoint) -> EndpointScope {
    let kind = if endpoint.is_loopback() {
        EndpointKind::Sandbox
    } else {
        endpoint.kind()
    };
    EndpointScope::new(kind, endpoint.host_header())
}

/// The outbox of one database. Create one per database and process; it holds the sender lock.
#[derive(Debug)]
pub struct Outbox {
    store: Arc<Store>,
    config: OutboxConfig,
    recovered: Recovered,
    lock: Option<OutboxLock>,
    /// The client's rate limiter has been told about the stored attempts of the last second.
    limiter_seeded: std::sync::atomic::AtomicBool,
}

impl Outbox {
    /// Takes the sender lock of `store` (file databases), then recovers: applications left
    /// `sending` by a process that died become `unknown`.
    pub fn open(store: Arc<Store>, config: OutboxConfig) -> Result<Self, OutboxError> {
        if config.concurrency == 0 {
            return Err(OutboxError::InvalidSetting {
                field: "concurrency",
                reason: "at least 1 call at a time".into(),
            });
        }
        let lock = store.path().map(OutboxLock::acquire).transpose()?;
        let recovered = store.recover_interrupted()?;
        if !recovered.applications.is_empty() {
            tracing::warn!(
                count = recovered.applications.len(),
                "applications interrupted while sending are now `unknown`"
            );
        }
        Ok(Self {
            store,
            config,
            recovered,
            lock,
            limiter_seeded: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// What start-up recovery changed.
    pub fn recovered(&self) -> &Recovered {
        &self.recovered
    }

    /// The store.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// The lock file held, for file databases.
    pub fn lock_path(&self) -> Option<PathBuf> {
        self.lock.as_ref().map(|l| l.path().to_path_buf())
    }

    /// Checks draft `draft_id` for sending to `scope` without queuing anything: blocking rows,
    /// taken numbers, batches.
    pub fn plan(
        &self,
        draft_id: i64,
        settings: &SubmitSettings,
        scope: &EndpointScope,
    ) -> Result<Plan, OutboxError> {
        let draft = self.store.draft(draft_id)?.ok_or(OutboxError::NotFound {
            what: "draft",
            id: draft_id,
        })?;
        let r = plan::resolve(&draft, settings, self.store.import_country()?)?;
        let (numbers, blocked) = plan::numbers_of(&draft, &r);
        let mut duplicates = plan::repeats(&numbers, r.country);
        let list: Vec<&str> = numbers
            .iter()
            .map(|n| n.detail.phone_number.as_str())
            .collect();
        let mut taken = self
            .store
            .number_holders(scope, r.sdk_app_id, &list, r.country, None)?;
        for d in &mut taken {
            d.included = settings.include_duplicates;
            d.draft_position = numbers
                .iter()
                .find(|n| n.detail.phone_number == d.phone_number)
                .and_then(|n| n.draft_position);
        }
        let left_out = duplicates.len()
            + if settings.include_duplicates {
                0
            } else {
                taken.len()
            };
        duplicates.extend(taken);
        let to_send = numbers.len().saturating_sub(left_out);
        let fingerprint = plan::fingerprint(
            scope,
            &r,
            settings.include_duplicates,
            &numbers,
            &duplicates,
            &blocked,
        );
        Ok(Plan {
            draft_id,
            scope: scope.clone(),
            sdk_app_id: r.sdk_app_id,
            sip_trunk_id: r.sip_trunk_id,
            options: r.options,
            rows: u32::try_from(draft.rows.len()).unwrap_or(u32::MAX),
            blocked,
            duplicates,
            numbers_to_send: u32::try_from(to_send).unwrap_or(u32::MAX),
            application_count: u32::try_from(to_send.div_ceil(r.numbers_per_application))
                .unwrap_or(u32::MAX),
            numbers_per_application: u32::try_from(r.numbers_per_application).unwrap_or(u32::MAX),
            number_form: r.number_form,
            country: r.country.map(|c| c.iso().to_owned()),
            example_number: numbers.first().map(|n| n.detail.phone_number.clone()),
            fingerprint,
        })
    }

    /// Queues draft `draft_id` for `scope`: refuses if any row has an error, leaves out taken
    /// and repeated numbers (unless `include_duplicates`), and creates one `queued` application
    /// per batch in one durable transaction. Nothing is sent yet: call [`run`](Self::run).
    pub fn enqueue_draft(
        &self,
        draft_id: i64,
        settings: &SubmitSettings,
        scope: &EndpointScope,
    ) -> Result<EnqueueOutcome, OutboxError> {
        let draft = self.store.draft(draft_id)?.ok_or(OutboxError::NotFound {
            what: "draft",
            id: draft_id,
        })?;
        let r = plan::resolve(&draft, settings, self.store.import_country()?)?;
        let (numbers, blocked) = plan::numbers_of(&draft, &r);
        if !blocked.is_empty() {
            return Err(OutboxError::DraftHasErrors {
                draft_id,
                rows: blocked,
            });
        }
        Ok(self.store.enqueue(&NewSubmission {
            draft_id: Some(draft_id),
            scope: scope.clone(),
            sdk_app_id: r.sdk_app_id,
            sip_trunk_id: r.sip_trunk_id,
            options: r.options,
            numbers,
            numbers_per_application: r.numbers_per_application,
            include_duplicates: settings.include_duplicates,
            country: r.country,
        })?)
    }

    /// The user found unknown application `id` in the console: record its ApplyId.
    pub fn resolve_with_apply_id(
        &self,
        id: i64,
        apply_id: u64,
    ) -> Result<ApplicationSummary, OutboxError> {
        Ok(self.store.resolve_with_apply_id(id, apply_id)?)
    }

    /// The user is sure unknown application `id` was never created: mark it failed, so its
    /// numbers can go into a new draft.
    pub fn mark_not_created(&self, id: i64) -> Result<ApplicationSummary, OutboxError> {
        self.store.mark_not_created(id)?;
        self.application(id)
    }

    /// "New draft from failed rows": the numbers of failed applications `ids` in a new draft.
    pub fn draft_from_failed(&self, ids: &[i64]) -> Result<i64, OutboxError> {
        Ok(self.store.draft_from_failed(ids)?)
    }

    /// Application `id`, or `NotFound`.
    pub fn application(&self, id: i64) -> Result<ApplicationSummary, OutboxError> {
        self.store.application(id)?.ok_or(OutboxError::NotFound {
            what: "application",
            id,
        })
    }

    /// Checks that application `id` belongs to the client's service.
    fn same_scope(
        &self,
        id: i64,
        scope: &EndpointScope,
    ) -> Result<ApplicationSummary, OutboxError> {
        let app = self.application(id)?;
        if !scope.contains(app.endpoint.kind, &app.endpoint.host) {
            return Err(OutboxError::EndpointMismatch {
                id,
                recorded: app.endpoint,
                requested: scope.clone(),
            });
        }
        Ok(app)
    }
}

/// Runs a store call on the blocking pool.
pub(crate) async fn blocking<T: Send + 'static>(
    store: &Arc<Store>,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, OutboxError> {
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || f(&store))
        .await
        .map_err(|e| OutboxError::Task(e.to_string()))?
        .map_err(OutboxError::from)
}
