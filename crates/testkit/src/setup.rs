//! A real sandbox over loopback, a client for it, a real database file and drafts.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use numdesk_client::{Client, ClientConfig, Credentials, Endpoint, RateLimiter};
use numdesk_model::NumberForm;
use numdesk_outbox::{Outbox, OutboxConfig, ProgressEvent, ProgressSink};
use numdesk_sandbox::{
    DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, Sandbox,
    SandboxConfig,
};
use numdesk_store::{DraftHeader, DraftRow, Store};

/// The sandbox's demo `SdkAppId`.
pub const SDK: u64 = DEFAULT_SDK_APP_ID;
/// The sandbox's demo `SipTrunkId`.
pub const TRUNK: i64 = DEFAULT_SIP_TRUNK_ID;

/// A sandbox on a free loopback port.
pub async fn sandbox(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .unwrap()
}

/// A sandbox room enough for large runs, with a fixed seed for its random faults.
pub fn sandbox_config() -> SandboxConfig {
    SandboxConfig {
        max_pending: 100_000,
        seed: Some(7),
        ..SandboxConfig::default()
    }
}

/// A client for the sandbox at `url` with the sandbox's key.
pub fn client_for(url: &str, limiter: RateLimiter) -> Client {
    client_with_key(url, limiter, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY)
}

/// A client for `url` with the key `id`/`key`.
pub fn client_with_key(url: &str, limiter: RateLimiter, id: &str, key: &str) -> Client {
    let endpoint: Endpoint = url.parse().unwrap();
    Client::new(
        ClientConfig::new(endpoint),
        limiter,
        Credentials::new(id, key),
    )
    .unwrap()
}

/// A temporary folder with the database path inside (`data/numdesk.sqlite3`, as the app's).
#[derive(Debug)]
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

    /// The store (opened again at each call, as another process would).
    pub fn store(&self) -> Arc<Store> {
        Arc::new(Store::open(&self.db).unwrap())
    }

    /// An outbox over a fresh [`store`](Self::store).
    pub fn outbox(&self) -> Outbox {
        Outbox::open(self.store(), OutboxConfig::default()).unwrap()
    }
}

impl Default for Env {
    fn default() -> Self {
        Self::new()
    }
}

/// A row of `number` with every required field (CallType 2, MaxCallCount 5, MaxCallPSec 1).
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

/// A row of `number` as the app's own tests save them: CallType `call_type`, MaxCallCount 10,
/// MaxCallPSec 2.
pub fn app_row(number: &str, call_type: u8) -> DraftRow {
    DraftRow {
        call_type: Some(call_type),
        max_call_count: Some(10),
        max_call_p_sec: Some(2),
        ..row(number)
    }
}

/// A draft header for the sandbox's SdkAppId and `trunk` whose `+86…` numbers are sent as
/// written (the default would send them nationally).
pub fn app_header(name: &str, trunk: i64) -> DraftHeader {
    DraftHeader {
        name: name.into(),
        sdk_app_id: Some(SDK),
        sip_trunk_id: Some(trunk),
        number_form: Some(NumberForm::International),
        ..DraftHeader::default()
    }
}

/// `count` distinct numbers starting with `prefix`.
pub fn numbers(prefix: &str, count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{prefix}{i:05}")).collect()
}

/// A draft `name` of `numbers` for the demo SdkAppId and SipTrunkId.
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
#[derive(Debug, Clone, Default)]
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
