//! One request, start to finish: authentication, rate limit, parameters, faults, commit.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response, StatusCode, header};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use crate::actions::{self, Action};
use crate::clock::{self, Clock};
use crate::error::{ApiError, SandboxError};
use crate::ratelimit::RateLimiter;
use crate::state::{self, Applications};
use crate::{Faults, SandboxConfig, Site};

/// Largest request body accepted (Tencent documents 10 MB for POST).
const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

/// Returned by the service to make hyper close the connection without writing a response.
#[derive(Debug)]
pub(crate) struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("sandbox fault: connection dropped after commit")
    }
}

impl std::error::Error for DropConnection {}

/// Mutable sandbox state, behind one mutex.
#[derive(Debug)]
pub(crate) struct Inner {
    pub apps: Applications,
    /// Bumped on every change of `apps`; orders state-file writes.
    pub version: u64,
    pub faults: Faults,
    pub rng: StdRng,
    pub limiter: RateLimiter,
}

impl Inner {
    fn take_internal_fault(&mut self) -> bool {
        if self.faults.fail_next_internal > 0 {
            self.faults.fail_next_internal -= 1;
            return true;
        }
        roll(&mut self.rng, self.faults.internal_error_rate)
    }

    /// An error code to answer a committed write with, if one is queued.
    fn take_answer_after_commit(&mut self) -> Option<&'static str> {
        if self.faults.answer_after_commit.is_empty() {
            None
        } else {
            Some(self.faults.answer_after_commit.remove(0))
        }
    }

    fn take_drop_fault(&mut self) -> bool {
        if self.faults.drop_next_after_commit > 0 {
            self.faults.drop_next_after_commit -= 1;
            return true;
        }
        roll(&mut self.rng, self.faults.drop_after_commit_rate)
    }
}

fn roll(rng: &mut StdRng, rate: f64) -> bool {
    if rate.is_nan() || rate <= 0.0 {
        false
    } else if rate >= 1.0 {
        true
    } else {
        rng.random::<f64>() < rate
    }
}

/// Everything a request handler needs.
#[derive(Debug)]
pub(crate) struct Shared {
    pub secrets: HashMap<String, String>,
    /// Pending applications are approved this long after submission; switchable while running.
    pub approve_after: std::sync::RwLock<Option<Duration>>,
    /// Rejected instead of approved when the review time has passed (a rehearsal of a refusal).
    pub reject: std::sync::atomic::AtomicBool,
    pub rate_limit_per_sec: u32,
    pub max_pending: usize,
    pub state_path: Option<PathBuf>,
    /// The site answered like; switchable while running (the app follows its Settings).
    pub site: std::sync::RwLock<Site>,
    pub clock: Clock,
    inner: Mutex<Inner>,
    /// Highest state version written to `state_path`; serialises writers.
    written: Mutex<u64>,
    /// The last [`RECEIVED_KEPT`] signed requests, oldest first (what tests check was sent).
    pub received: Mutex<std::collections::VecDeque<crate::Received>>,
}

/// How many signed requests [`Shared::received`] keeps.
pub(crate) const RECEIVED_KEPT: usize = 256;

/// What a handled request ends in.
enum Outcome {
    Reply(Result<Value, ApiError>),
    Drop,
}

impl Shared {
    /// How long until a pending application is approved (`None`: never by itself).
    pub fn approve_after(&self) -> Option<Duration> {
        *self
            .approve_after
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether reviews end in a refusal.
    pub fn rejects(&self) -> bool {
        self.reject.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The site answered like now.
    pub fn site(&self) -> Site {
        *self
            .site
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Answer like `site` from the next request on.
    pub fn set_site(&self, site: Site) {
        *self
            .site
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = site;
    }

    pub fn new(config: SandboxConfig, apps: Applications) -> Self {
        let rng = match config.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_os_rng(),
        };
        Self {
            secrets: config.secrets.into_iter().collect(),
            approve_after: std::sync::RwLock::new(config.approve_after),
            reject: std::sync::atomic::AtomicBool::new(false),
            rate_limit_per_sec: config.rate_limit_per_sec,
            max_pending: config.max_pending,
            state_path: config.state_path,
            site: std::sync::RwLock::new(config.site),
            clock: Clock::default(),
            inner: Mutex::new(Inner {
                apps,
                version: 0,
                faults: config.faults,
                rng,
                limiter: RateLimiter::default(),
            }),
            written: Mutex::new(0),
            received: Mutex::new(std::collections::VecDeque::new()),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The server's clock as clients see it: base clock plus the clock-offset fault.
    pub fn server_time(&self) -> SystemTime {
        let offset = self.lock().faults.clock_offset_secs;
        clock::shift(self.clock.now(), offset)
    }

    /// Snapshot for the state file, if persistence is on. Call with the lock held.
    pub fn snapshot(&self, inner: &mut Inner) -> Option<(u64, Result<Vec<u8>, serde_json::Error>)> {
        inner.version += 1;
        self.state_path
            .as_ref()
            .map(|_| (inner.version, state::encode(&inner.apps)))
    }

    /// Write a snapshot unless a newer one was written already (blocking I/O).
    pub fn write_snapshot(
        &self,
        version: u64,
        bytes: Result<Vec<u8>, serde_json::Error>,
    ) -> Result<(), SandboxError> {
        let Some(path) = &self.state_path else {
            return Ok(());
        };
        let mut written = self.written.lock().unwrap_or_else(|p| p.into_inner());
        if version <= *written {
            return Ok(());
        }
        let bytes = bytes.map_err(|e| SandboxError::StateWrite {
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        state::write_atomic(path, &bytes)?;
        *written = version;
        Ok(())
    }

    async fn persist(
        self: &Arc<Self>,
        snapshot: Option<(u64, Result<Vec<u8>, serde_json::Error>)>,
    ) -> Result<(), ApiError> {
        let Some((version, bytes)) = snapshot else {
            return Ok(());
        };
        let shared = Arc::clone(self);
        let result = tokio::task::spawn_blocking(move || shared.write_snapshot(version, bytes))
            .await
            .map_err(|e| ApiError::internal(format!("state writer failed: {e}")))?;
        result.map_err(|e| {
            tracing::error!(error = %e, "sandbox could not persist its state");
            ApiError::internal(format!(
                "The sandbox committed the change but could not save it: {e}"
            ))
        })
    }
}

/// Entry point for hyper: one request in, one response (or a dropped connection) out.
pub(crate) async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, DropConnection> {
    let outcome = process(&shared, req).await;
    let delay = shared.lock().faults.delay;
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let Outcome::Reply(result) = outcome else {
        tracing::debug!("sandbox fault: dropping the connection after commit");
        return Err(DropConnection);
    };
    let request_id = new_request_id();
    let body = match result {
        Ok(Value::Object(mut fields)) => {
            fields.insert("RequestId".into(), Value::String(request_id));
            json!({ "Response": fields })
        }
        Ok(other) => json!({ "Response": { "Result": other, "RequestId": request_id } }),
        Err(e) => {
            tracing::debug!(code = e.code, message = %e.message, "sandbox error response");
            json!({
                "Response": {
                    "Error": { "Code": e.code, "Message": e.message },
                    "RequestId": request_id,
                }
            })
        }
    };
    let date = httpdate::fmt_http_date(shared.server_time());
    let bytes = serde_json::to_vec(&body).unwrap_or_else(|_| b"{}".to_vec());
    let mut response = Response::new(Full::new(Bytes::from(bytes)));
    *response.status_mut() = StatusCode::OK;
    let headers = response.headers_mut();
    // Exactly `application/json`: the official Python SDK only parses errors for that value.
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    if let Ok(v) = header::HeaderValue::from_str(&date) {
        headers.insert(header::DATE, v);
    }
    Ok(response)
}

/// A fresh uuid-v4-shaped RequestId.
pub(crate) fn new_request_id() -> String {
    let v: u128 = rand::rng().random();
    let v = (v & !(0xf << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let h = format!("{v:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

async fn process(shared: &Arc<Shared>, req: Request<Incoming>) -> Outcome {
    let (parts, body) = req.into_parts();
    if parts.method != Method::POST || parts.uri.path() != "/" {
        return Outcome::Reply(Err(ApiError::new(
            "UnsupportedProtocol",
            format!(
                "The sandbox serves only `POST /` with a JSON body, not `{} {}`.",
                parts.method,
                parts.uri.path()
            ),
        )));
    }
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return Outcome::Reply(Err(ApiError::new(
                "RequestSizeLimitExceeded",
                format!("The request body is larger than {MAX_BODY_BYTES} bytes."),
            )));
        }
        // The client went away mid-body; nobody is listening for an answer.
        Err(_) => return Outcome::Drop,
    };
    let server_now = clock::unix_secs(shared.server_time());
    let verified = match crate::auth::verify(&parts.headers, &body, server_now, &shared.secrets) {
        Ok(v) => v,
        Err(e) => return Outcome::Reply(Err(e)),
    };
    {
        let mut received = shared
            .received
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if received.len() == RECEIVED_KEPT {
            received.pop_front();
        }
        received.push_back(crate::Received {
            action: verified.action.clone(),
            language: verified.language.clone(),
            region: verified.region.clone(),
        });
    }
    let Some(action) = Action::parse(&verified.action) else {
        return Outcome::Reply(Err(ApiError::new(
            "InvalidAction",
            format!(
                "The action `{}` does not exist for ccc in this sandbox, which serves \
                 CreateOwnNumberApply, ModifyOwnNumberApply, DescribeNumbers and \
                 DescribeCCCBuyInfoList.",
                verified.action
            ),
        )));
    };
    let now = shared.clock.now();
    if !shared
        .lock()
        .limiter
        .try_acquire(action.name(), now, shared.rate_limit_per_sec)
    {
        return Outcome::Reply(Err(ApiError::new(
            "RequestLimitExceeded",
            format!(
                "More than {} {} requests within one second; back off and retry.",
                shared.rate_limit_per_sec,
                action.name()
            ),
        )));
    }
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return Outcome::Reply(Err(ApiError::new(
                "InvalidParameter",
                format!("The request body is not valid JSON: {e}."),
            )));
        }
    };
    let Some(map) = value.as_object() else {
        return Outcome::Reply(Err(ApiError::new(
            "InvalidParameter",
            "The request body must be a JSON object of parameters.",
        )));
    };
    let request = match actions::parse(action, map, shared.site()) {
        Ok(r) => r,
        Err(e) => return Outcome::Reply(Err(e)),
    };
    execute(shared, request, now).await
}

async fn execute(shared: &Arc<Shared>, request: actions::Request, now: SystemTime) -> Outcome {
    use actions::Request as R;
    let (result, snapshot, drop) = {
        let mut inner = shared.lock();
        let inner = &mut *inner;
        inner
            .apps
            .review(now, shared.approve_after(), shared.rejects());
        match request {
            R::DescribeNumbers(req) => {
                return Outcome::Reply(actions::describe_numbers(&req, &inner.apps, shared.site()));
            }
            R::BuyInfo(req) => return Outcome::Reply(Ok(actions::describe_buy_info(&req))),
            R::Create(req) => {
                if let Err(e) = actions::check_create(&req, &inner.apps, shared.max_pending) {
                    return Outcome::Reply(Err(e));
                }
                if inner.take_internal_fault() {
                    return Outcome::Reply(Err(injected_internal_error()));
                }
                let apply_id = actions::commit_create(req, &mut inner.apps, now);
                let answer = match inner.take_answer_after_commit() {
                    Some(code) => Err(committed_then_refused(code)),
                    None => Ok(json!({ "ApplyId": apply_id })),
                };
                (answer, shared.snapshot(inner), inner.take_drop_fault())
            }
            R::Modify(req) => {
                if let Err(e) = actions::check_modify(&req, &inner.apps, shared.max_pending) {
                    return Outcome::Reply(Err(e));
                }
                if inner.take_internal_fault() {
                    return Outcome::Reply(Err(injected_internal_error()));
                }
                actions::commit_modify(req, &mut inner.apps, now);
                let answer = match inner.take_answer_after_commit() {
                    Some(code) => Err(committed_then_refused(code)),
                    None => Ok(json!({})),
                };
                (answer, shared.snapshot(inner), inner.take_drop_fault())
            }
        }
    };
    if let Err(e) = shared.persist(snapshot).await {
        return Outcome::Reply(Err(e));
    }
    if drop {
        Outcome::Drop
    } else {
        Outcome::Reply(result)
    }
}

fn committed_then_refused(code: &'static str) -> ApiError {
    ApiError::new(
        code,
        "The operation failed (sandbox fault injection: the application WAS created).",
    )
}

fn injected_internal_error() -> ApiError {
    ApiError::internal("Internal error (sandbox fault injection: nothing was committed).")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_fresh_uuid_v4() {
        let a = new_request_id();
        let b = new_request_id();
        assert_ne!(a, b, "every response gets a fresh RequestId");
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12],
            "{a}"
        );
        assert!(parts[2].starts_with('4'), "version nibble: {a}");
        assert!(
            matches!(&parts[3][..1], "8" | "9" | "a" | "b"),
            "variant bits: {a}"
        );
    }

    #[test]
    fn roll_honours_the_extremes() {
        let mut rng = StdRng::seed_from_u64(1);
        assert!((0..100).all(|_| !roll(&mut rng, 0.0)), "rate 0 never fires");
        assert!((0..100).all(|_| roll(&mut rng, 1.0)), "rate 1 always fires");
        let fired = (0..10_000).filter(|_| roll(&mut rng, 0.25)).count();
        assert!(
            (2_000..3_000).contains(&fired),
            "rate 0.25 fires about a quarter: {fired}"
        );
    }
}
