//! A real sandbox over loopback, a real database file, and the guarantees to check.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failure

use std::collections::{BTreeSet, HashMap, HashSet};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use numdesk_client::{Client, ClientConfig, Credentials, Endpoint, RateLimiter};
use numdesk_outbox::{Outbox, OutboxConfig, ProgressEvent, ProgressSink};
use numdesk_sandbox::{
    DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, Sandbox,
    SandboxApplication, SandboxConfig,
};
use numdesk_store::{
    ApplicationFilter, ApplicationState, ApplicationSummary, DraftHeader, DraftRow, Store,
};

pub const SDK: u64 = DEFAULT_SDK_APP_ID;
pub const TRUNK: i64 = DEFAULT_SIP_TRUNK_ID;

pub async fn sandbox(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .unwrap()
}

pub fn client_for(url: &str, limiter: RateLimiter) -> Client {
    client_with_key(url, limiter, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY)
}

pub fn client_with_key(url: &str, limiter: RateLimiter, id: &str, key: &str) -> Client {
    let endpoint: Endpoint = url.parse().unwrap();
    Client::new(
        ClientConfig::new(endpoint),
        limiter,
        Credentials::new(id, key),
    )
    .unwrap()
}

pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Env {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data").join("numdesk.sqlite3");
        Self { dir, db }
    }

    pub fn store(&self) -> Arc<Store> {
        Arc::new(Store::open(&self.db).unwrap())
    }

    pub fn outbox(&self) -> Outbox {
        Outbox::open(self.store(), OutboxConfig::default()).unwrap()
    }
}

pub fn row(number: &str) -> DraftRow {
    DraftRow {
        source_line: None,
        phone_number: number.to_owned(),
        call_type: Some(2),
        max_call_count: Some(5),
        max_call_p_sec: Some(1),
        outbound_callee_format: None,
        carrier_phone_number: None,
        findings: Vec::new(),
    }
}

/// `count` distinct numbers starting with `prefix`.
pub fn numbers(prefix: &str, count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{prefix}{i:05}")).collect()
}

pub fn draft(store: &Store, name: &str, numbers: &[String]) -> i64 {
    let header = DraftHeader {
        name: name.into(),
        sdk_app_id: Some(SDK),
        sip_trunk_id: Some(TRUNK),
        ..DraftHeader::default()
    };
    let rows: Vec<DraftRow> = numbers.iter().map(|n| row(n)).collect();
    store.create_draft(&header, &rows).unwrap()
}

/// Collects progress events.
#[derive(Clone, Default)]
pub struct Events(pub Arc<Mutex<Vec<ProgressEvent>>>);

impl Events {
    pub fn sink(&self) -> Arc<dyn ProgressSink> {
        let events = Arc::clone(&self.0);
        Arc::new(move |e: &ProgressEvent| events.lock().unwrap().push(e.clone()))
    }

    pub fn all(&self) -> Vec<ProgressEvent> {
        self.0.lock().unwrap().clone()
    }
}

fn set(numbers: &[String]) -> BTreeSet<String> {
    numbers.iter().cloned().collect()
}

/// What the guarantees check found.
#[derive(Debug, Default)]
pub struct Agreement {
    pub sandbox_applications: usize,
    pub local_submitted: usize,
    pub local_unknown: usize,
    /// Unknown applications that the sandbox did create (the request had arrived).
    pub unknown_created: usize,
    /// Unknown applications the sandbox never saw.
    pub unknown_not_created: usize,
}

/// The guarantees of the issue, checked between the sandbox's applications and the local ones:
/// no number in two applications (on either side), every ApplyId the sandbox issued is known
/// locally with the same numbers or its batch is `unknown`, every local ApplyId exists in the
/// sandbox with the same numbers, nothing is left `sending`, and the file is sound.
pub fn check_agreement(sandbox: &[SandboxApplication], store: &Store) -> Agreement {
    let local = store.applications(&ApplicationFilter::all()).unwrap();
    assert!(
        local.iter().all(|a| a.state != ApplicationState::Sending),
        "rule: nothing is left `sending` once the outbox has been reopened"
    );
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for app in sandbox {
        for n in &app.numbers {
            if let Some(other) = seen.insert(n, app.apply_id) {
                panic!(
                    "rule: no number in two applications — {n} is in {other} and {}",
                    app.apply_id
                );
            }
        }
    }
    let mut held: HashMap<&str, i64> = HashMap::new();
    for app in local.iter().filter(|a| a.state != ApplicationState::Failed) {
        for n in &app.numbers {
            if let Some(other) = held.insert(n, app.id) {
                panic!(
                    "rule: no number in two local applications — {n} in {other} and {}",
                    app.id
                );
            }
        }
    }
    let by_apply: HashMap<u64, &ApplicationSummary> = local
        .iter()
        .filter_map(|a| a.apply_id.map(|id| (id, a)))
        .collect();
    let unknown_sets: HashMap<BTreeSet<String>, &ApplicationSummary> = local
        .iter()
        .filter(|a| a.state == ApplicationState::Unknown)
        .map(|a| (set(&a.numbers), a))
        .collect();
    let mut agreement = Agreement {
        sandbox_applications: sandbox.len(),
        local_submitted: local
            .iter()
            .filter(|a| a.state == ApplicationState::Submitted)
            .count(),
        local_unknown: unknown_sets.len(),
        ..Agreement::default()
    };
    let mut created_unknown = HashSet::new();
    for app in sandbox {
        match by_apply.get(&app.apply_id) {
            Some(l) => assert_eq!(
                set(&l.numbers),
                set(&app.numbers),
                "ApplyId {} has the same numbers on both sides",
                app.apply_id
            ),
            None => {
                let l = unknown_sets.get(&set(&app.numbers)).unwrap_or_else(|| {
                    panic!(
                        "rule: every ApplyId the sandbox issued is known locally or its batch is \
                         unknown — ApplyId {} ({} numbers, first {:?}) is neither",
                        app.apply_id,
                        app.numbers.len(),
                        app.numbers.first()
                    )
                });
                created_unknown.insert(l.id);
            }
        }
    }
    let sandbox_ids: HashMap<u64, &SandboxApplication> =
        sandbox.iter().map(|a| (a.apply_id, a)).collect();
    for l in local
        .iter()
        .filter(|a| a.state == ApplicationState::Submitted)
    {
        let id = l.apply_id.unwrap();
        assert!(
            sandbox_ids.contains_key(&id),
            "local ApplyId {id} exists in the sandbox"
        );
    }
    agreement.unknown_created = created_unknown.len();
    agreement.unknown_not_created = agreement.local_unknown - created_unknown.len();
    assert_eq!(
        store.integrity_check().unwrap(),
        ["ok"],
        "rule: PRAGMA integrity_check is ok"
    );
    agreement
}

/// Plays the user for every unknown application: the ApplyId from the console when the sandbox
/// has it, otherwise a confirmed resend. Returns (resolved by ApplyId, resent).
pub fn unknown_resolutions(
    sandbox: &[SandboxApplication],
    store: &Store,
) -> (Vec<(i64, u64)>, Vec<i64>) {
    let local = store
        .applications(&ApplicationFilter {
            states: vec![ApplicationState::Unknown],
            ..ApplicationFilter::default()
        })
        .unwrap();
    let known: HashSet<u64> = store
        .applications(&ApplicationFilter::all())
        .unwrap()
        .iter()
        .filter_map(|a| a.apply_id)
        .collect();
    let by_set: HashMap<BTreeSet<String>, u64> = sandbox
        .iter()
        .filter(|a| !known.contains(&a.apply_id))
        .map(|a| (set(&a.numbers), a.apply_id))
        .collect();
    let mut resolve = Vec::new();
    let mut resend = Vec::new();
    for app in local {
        match by_set.get(&set(&app.numbers)) {
            Some(&apply_id) => resolve.push((app.id, apply_id)),
            None => resend.push(app.id),
        }
    }
    (resolve, resend)
}

/// Every file under `dir` (recursively).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// Occurrences of `needle` in `haystack`.
pub fn occurrences(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

pub fn sandbox_config() -> SandboxConfig {
    SandboxConfig {
        max_pending: 100_000,
        seed: Some(7),
        ..SandboxConfig::default()
    }
}
