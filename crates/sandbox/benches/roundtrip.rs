//! Loopback round trips through the sandbox: signing (numdesk-sign), HTTP, TC3 verification,
//! parameter checks and commit. Prints criterion's figures; run with
//! `cargo bench -p numdesk-sandbox`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::{Criterion, criterion_group, criterion_main};
use numdesk_sandbox::{
    DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, Sandbox,
    SandboxConfig,
};
use numdesk_sign::{Credentials, SigningParams, sign};
use serde_json::json;

fn config() -> SandboxConfig {
    SandboxConfig {
        // The benchmark measures the server, not its rate limit or review cap.
        rate_limit_per_sec: u32::MAX,
        max_pending: usize::MAX,
        ..SandboxConfig::default()
    }
}

async fn send(client: &reqwest::Client, sb: &Sandbox, action: &str, body: Vec<u8>) -> String {
    let host = sb.host();
    let ts = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let creds = Credentials::new(SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY);
    let signed = sign(&creds, &SigningParams::ccc(&host, action, ts), &body).unwrap();
    let mut req = client.post(format!("{}/", sb.url())).body(body);
    for (k, v) in &signed.headers {
        req = req.header(k.as_str(), v.as_str());
    }
    let text = req.send().await.unwrap().text().await.unwrap();
    assert!(
        !text.contains("\"Error\""),
        "benchmark request failed: {text}"
    );
    text
}

fn create_body(counter: &AtomicU64, numbers: u64) -> Vec<u8> {
    let base = counter.fetch_add(numbers, Ordering::Relaxed);
    let list: Vec<_> = (0..numbers)
        .map(|i| {
            json!({"CallType": 1, "PhoneNumber": format!("020{:08}", base + i),
                   "MaxCallCount": 10, "MaxCallPSec": 2})
        })
        .collect();
    serde_json::to_vec(&json!({
        "SdkAppId": DEFAULT_SDK_APP_ID, "SipTrunkId": DEFAULT_SIP_TRUNK_ID, "DetailList": list
    }))
    .unwrap()
}

fn roundtrip(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let addr = "127.0.0.1:0".parse().unwrap();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let counter = AtomicU64::new(0);
    let dir = tempfile::tempdir().unwrap();

    let mut group = c.benchmark_group("sandbox_roundtrip");
    group
        .measurement_time(Duration::from_secs(5))
        .sample_size(50);

    let sb = rt.block_on(Sandbox::start(config(), addr)).unwrap();
    group.bench_function("DescribeCCCBuyInfoList", |b| {
        b.iter(|| rt.block_on(send(&client, &sb, "DescribeCCCBuyInfoList", b"{}".to_vec())))
    });
    group.bench_function("CreateOwnNumberApply_10_numbers_in_memory", |b| {
        b.iter(|| {
            let body = create_body(&counter, 10);
            black_box(rt.block_on(send(&client, &sb, "CreateOwnNumberApply", body)))
        })
    });
    rt.block_on(sb.shutdown());

    let persisted = SandboxConfig {
        state_path: Some(dir.path().join("state.json")),
        ..config()
    };
    let sb = rt.block_on(Sandbox::start(persisted, addr)).unwrap();
    group.bench_function("CreateOwnNumberApply_10_numbers_state_file", |b| {
        b.iter(|| {
            let body = create_body(&counter, 10);
            black_box(rt.block_on(send(&client, &sb, "CreateOwnNumberApply", body)))
        })
    });
    rt.block_on(sb.shutdown());
    group.finish();
}

criterion_group!(benches, roundtrip);
criterion_main!(benches);
