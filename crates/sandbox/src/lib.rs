//! A local HTTP endpoint that behaves like Tencent Cloud's CCC API (version 2020-02-10) for the
//! four actions Number Desk uses: `CreateOwnNumberApply`, `ModifyOwnNumberApply`,
//! `DescribeNumbers` and `DescribeCCCBuyInfoList`.
//!
//! It verifies TC3-HMAC-SHA256 signatures with its own code (not `numdesk-sign`), answers errors
//! the way Tencent does (HTTP 200 with `{"Response":{"Error":{..},"RequestId"}}`), enforces a
//! sliding-window rate limit, keeps applications (optionally in a state file) and can inject
//! faults: delays, `InternalError` without commit, a dropped connection after commit, and a
//! shifted server clock. It only ever listens on loopback.
//!
//! It answers like one Tencent Cloud [`Site`] (International by default), never kinder than
//! the real one: the International site lists numbers without `CostType` and refuses the
//! China-only fields with `UnknownParameter`; both list numbers in Tencent's `0086…` form,
//! not as submitted, and see one number however it is spelled when checking duplicates.
//!
//! ```no_run
//! # async fn demo() -> Result<(), numdesk_sandbox::SandboxError> {
//! use numdesk_sandbox::{Sandbox, SandboxConfig};
//! let sandbox = Sandbox::start(SandboxConfig::default(), "127.0.0.1:0".parse().unwrap()).await?;
//! println!("CCC sandbox at {}", sandbox.url());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod actions;
mod auth;
mod clock;
mod error;
mod fixtures;
mod number;
mod params;
mod ratelimit;
mod server;
mod service;
mod site;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use error::SandboxError;
pub use fixtures::{
    DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID, FIXTURE_INSTANCES, FixtureBoughtNumber,
    FixtureInstance,
};
pub use site::Site;

/// A signed request as the sandbox received it (see [`Sandbox::received`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// `X-TC-Action`.
    pub action: String,
    /// `X-TC-Language`, when sent.
    pub language: Option<String>,
    /// `X-TC-Region`, when sent.
    pub region: Option<String>,
}
pub use state::{ApplicationState, ApplyOptions, NumberDetail, SandboxApplication};

use crate::service::Shared;

/// Built-in SecretId the desktop app uses in sandbox mode.
pub const SANDBOX_SECRET_ID: &str = "AKIDNumberDeskSandbox000000000000000";
/// Built-in SecretKey the desktop app uses in sandbox mode (not a secret: it only opens the
/// local sandbox).
pub const SANDBOX_SECRET_KEY: &str = "NumberDeskSandboxKeyNotASecret0000";
/// The only API version served.
pub const API_VERSION: &str = "2020-02-10";
/// Service name in the TC3 credential scope.
pub const SERVICE: &str = "ccc";
/// Largest allowed difference between `X-TC-Timestamp` and the server clock.
pub const MAX_TIMESTAMP_SKEW_SECS: i64 = 300;
/// The actions served; anything else is `InvalidAction`.
pub const ACTIONS: [&str; 4] = [
    "CreateOwnNumberApply",
    "ModifyOwnNumberApply",
    "DescribeNumbers",
    "DescribeCCCBuyInfoList",
];

/// Fault switches. Settable at start ([`SandboxConfig::faults`]) and at runtime
/// ([`Sandbox::set_faults`]).
///
/// `delay` and `clock_offset_secs` apply to every request. The error faults apply only to the
/// two write actions (Create/ModifyOwnNumberApply) that pass every check, so a "test
/// connection" call never consumes them. A counter (`fail_next_internal`,
/// `drop_next_after_commit`) fires before its rate is consulted and counts down each time it
/// fires; [`Sandbox::faults`] shows what is left.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Every response (including errors and dropped connections) is delayed by this much.
    pub delay: Duration,
    /// Probability (0.0–1.0) that a write answers `InternalError` **without** committing.
    pub internal_error_rate: f64,
    /// Probability (0.0–1.0) that a write is committed and then the connection is closed
    /// without any HTTP response.
    pub drop_after_commit_rate: f64,
    /// The server clock is shifted by this many seconds: affects `AuthFailure.SignatureExpire`
    /// and the `Date` response header.
    pub clock_offset_secs: i64,
    /// The next N writes answer `InternalError` without committing.
    pub fail_next_internal: u32,
    /// The next N writes are committed and then their connection is dropped.
    pub drop_next_after_commit: u32,
    /// The next writes are committed and then answered with these error codes, one each, in
    /// order: codes Tencent does not document for the action (`FailedOperation`,
    /// `ResourceUnavailable`, …) are no proof that nothing was written.
    pub answer_after_commit: Vec<&'static str>,
}

impl Faults {
    /// Check that both rates are probabilities.
    pub fn validate(&self) -> Result<(), SandboxError> {
        for (name, value) in [
            ("internal_error_rate", self.internal_error_rate),
            ("drop_after_commit_rate", self.drop_after_commit_rate),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(SandboxError::InvalidFaultRate { name, value });
            }
        }
        Ok(())
    }
}

/// How a sandbox behaves.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Accepted (SecretId, SecretKey) pairs; all of them see the same fixture account.
    pub secrets: Vec<(String, String)>,
    /// Pending applications are approved this long after their last submission; `None` keeps
    /// them pending until [`Sandbox::approve`] / [`Sandbox::reject`].
    pub approve_after: Option<Duration>,
    /// Accepted requests per action in any sliding 1-second window.
    pub rate_limit_per_sec: u32,
    /// Pending applications allowed per SdkAppId before `WaitingApprovalOverflow`.
    pub max_pending: usize,
    /// JSON file that keeps applications across restarts (written atomically); `None` keeps
    /// them in memory only.
    pub state_path: Option<PathBuf>,
    pub faults: Faults,
    /// Seed for the fault dice, for reproducible runs; `None` seeds from the OS.
    pub seed: Option<u64>,
    /// The Tencent Cloud site the sandbox answers like (default International). Configuration
    /// only: it is not kept in the state file.
    pub site: Site,
}

/// Default rate limit, as on the live API.
pub const DEFAULT_RATE_LIMIT_PER_SEC: u32 = 20;
/// Default number of pending applications per SdkAppId.
pub const DEFAULT_MAX_PENDING: usize = 50;

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            secrets: vec![(SANDBOX_SECRET_ID.to_owned(), SANDBOX_SECRET_KEY.to_owned())],
            approve_after: None,
            rate_limit_per_sec: DEFAULT_RATE_LIMIT_PER_SEC,
            max_pending: DEFAULT_MAX_PENDING,
            state_path: None,
            faults: Faults::default(),
            seed: None,
            site: Site::default(),
        }
    }
}

impl SandboxConfig {
    /// Check the configuration without starting anything.
    pub fn validate(&self) -> Result<(), SandboxError> {
        if self.secrets.is_empty() {
            return Err(SandboxError::NoSecrets);
        }
        for (index, (id, key)) in self.secrets.iter().enumerate() {
            let reason = if id.is_empty() {
                "the SecretId is empty"
            } else if key.is_empty() {
                "the SecretKey is empty"
            } else if id.trim() != id || key.trim() != key {
                "it has whitespace around it"
            } else if id.contains('/') {
                "the SecretId contains `/`, which cannot appear in a credential scope"
            } else {
                continue;
            };
            return Err(SandboxError::InvalidSecret { index, reason });
        }
        if self.rate_limit_per_sec == 0 {
            return Err(SandboxError::ZeroRateLimit);
        }
        if self.max_pending == 0 {
            return Err(SandboxError::ZeroMaxPending);
        }
        self.faults.validate()
    }
}

/// A running sandbox. Dropping it stops the server too; [`Sandbox::shutdown`] also waits for
/// in-flight requests.
#[derive(Debug)]
pub struct Sandbox {
    shared: Arc<Shared>,
    addr: SocketAddr,
    shutdown: Option<watch::Sender<bool>>,
    task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Start serving on `addr` (use `127.0.0.1:0` for an ephemeral port). Refuses non-loopback
    /// addresses. Loads `state_path` if it exists.
    pub async fn start(config: SandboxConfig, addr: SocketAddr) -> Result<Sandbox, SandboxError> {
        if !addr.ip().is_loopback() {
            return Err(SandboxError::NonLoopbackAddress(addr));
        }
        config.validate()?;
        let apps = match &config.state_path {
            Some(path) => {
                let path = path.clone();
                tokio::task::spawn_blocking(move || state::load(&path))
                    .await
                    .map_err(|e| SandboxError::StateRead {
                        path: config.state_path.clone().unwrap_or_default(),
                        source: std::io::Error::other(e),
                    })??
            }
            None => state::Applications::default(),
        };
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| SandboxError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| SandboxError::Bind { addr, source })?;
        let shared = Arc::new(Shared::new(config, apps));
        let (tx, rx) = watch::channel(false);
        let task = tokio::spawn(server::serve(listener, Arc::clone(&shared), rx));
        tracing::info!(%addr, "CCC sandbox listening");
        Ok(Sandbox {
            shared,
            addr,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Tencent Cloud site this sandbox answers like.
    pub fn site(&self) -> Site {
        self.shared.site()
    }

    /// How long pending applications wait before they are approved (`None`: never by itself).
    pub fn approve_after(&self) -> Option<Duration> {
        self.shared.approve_after()
    }

    /// Approve pending applications `after` their last submission from now on (`None`: only
    /// [`Sandbox::approve`] approves). Applications already due are approved at the next look.
    pub fn set_approve_after(&self, after: Option<Duration>) {
        *self
            .shared
            .approve_after
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = after;
    }

    /// Reviews end in a refusal (`true`) or an approval, from now on: a rehearsal of a rejected
    /// application.
    pub fn set_reject(&self, reject: bool) {
        self.shared
            .reject
            .store(reject, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether reviews end in a refusal.
    pub fn rejects(&self) -> bool {
        self.shared.rejects()
    }

    /// Answer like `site` from the next request on (the app follows the site chosen in its
    /// Settings). Applications are kept.
    pub fn set_site(&self, site: Site) {
        self.shared.set_site(site);
    }

    /// Base URL, e.g. `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The Host header value (and signing host), e.g. `127.0.0.1:PORT`.
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    /// Replace the fault switches (rates are clamped to 0.0–1.0; NaN means 0).
    pub fn set_faults(&self, mut faults: Faults) {
        for rate in [
            &mut faults.internal_error_rate,
            &mut faults.drop_after_commit_rate,
        ] {
            *rate = if rate.is_nan() {
                0.0
            } else {
                rate.clamp(0.0, 1.0)
            };
        }
        self.shared.lock().faults = faults;
    }

    /// Like [`Sandbox::set_faults`] but refuses rates outside 0.0–1.0.
    pub fn try_set_faults(&self, faults: Faults) -> Result<(), SandboxError> {
        faults.validate()?;
        self.shared.lock().faults = faults;
        Ok(())
    }

    /// The last 256 requests whose signature was accepted, oldest first.
    pub fn received(&self) -> Vec<Received> {
        self.shared
            .received
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }

    /// Current fault switches, with counters showing what is left.
    pub fn faults(&self) -> Faults {
        self.shared.lock().faults.clone()
    }

    /// All applications, oldest first (approvals due by now are applied first).
    pub fn applications(&self) -> Vec<SandboxApplication> {
        let now = self.shared.clock.now();
        let mut inner = self.shared.lock();
        inner
            .apps
            .review(now, self.shared.approve_after(), self.shared.rejects());
        inner.apps.iter().cloned().collect()
    }

    /// Move a pending application to Rejected (a no-op if it already is).
    pub fn reject(&self, apply_id: u64) -> Result<(), SandboxError> {
        self.transition(apply_id, ApplicationState::Rejected, "rejected")
    }

    /// Move a pending application to Approved now (a no-op if it already is).
    pub fn approve(&self, apply_id: u64) -> Result<(), SandboxError> {
        self.transition(apply_id, ApplicationState::Approved, "approved")
    }

    fn transition(
        &self,
        apply_id: u64,
        to: ApplicationState,
        wanted: &'static str,
    ) -> Result<(), SandboxError> {
        let now = self.shared.clock.now();
        let snapshot = {
            let mut inner = self.shared.lock();
            inner
                .apps
                .review(now, self.shared.approve_after(), self.shared.rejects());
            let state = inner
                .apps
                .get(apply_id)
                .ok_or(SandboxError::UnknownApplyId(apply_id))?
                .state;
            if state == to {
                return Ok(());
            }
            if state != ApplicationState::Pending {
                return Err(SandboxError::WrongApplicationState {
                    apply_id,
                    state,
                    wanted,
                });
            }
            let approved_at = (to == ApplicationState::Approved).then_some(now);
            inner.apps.set_state(apply_id, to, approved_at);
            self.shared.snapshot(&mut inner)
        };
        match snapshot {
            Some((version, bytes)) => self.shared.write_snapshot(version, bytes),
            None => Ok(()),
        }
    }

    /// The sandbox's base clock (what approval delays and the rate limit use).
    pub fn now(&self) -> SystemTime {
        self.shared.clock.now()
    }

    /// The server clock clients see: [`Sandbox::now`] plus `clock_offset_secs`. Signatures are
    /// checked against it and the `Date` header shows it.
    pub fn server_time(&self) -> SystemTime {
        self.shared.server_time()
    }

    /// Stop the sandbox clock at `at` (for deterministic tests of rate limits and approvals).
    pub fn freeze_clock(&self, at: SystemTime) {
        self.shared.clock.freeze(at);
    }

    /// Stop the sandbox clock where it is now; returns that instant.
    pub fn freeze_clock_now(&self) -> SystemTime {
        self.shared.clock.freeze_now()
    }

    /// Move the sandbox clock forward (frozen or not).
    pub fn advance_clock(&self, by: Duration) {
        self.shared.clock.advance(by);
    }

    /// Let a frozen clock run again from where it stood.
    pub fn resume_clock(&self) {
        self.shared.clock.resume();
    }

    /// Stop accepting connections, let in-flight requests finish (up to 5 s), then return.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(true);
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(true);
        }
    }
}
