//! Throughput: 100 batches (100 numbers each) sent by the outbox to the sandbox at its 20/s limit.
//!
//! Each sample starts a fresh sandbox (20 requests per second per action, as on the live API) and
//! a fresh database file, queues 100 applications (not timed), then times `Outbox::run` from the
//! first claim to the last recorded answer. Besides criterion's statistics it prints, per sample
//! and in a summary, the wall time against the ideal of 5 s (100 requests at 20 per second;
//! target ≤ 1.05×) and the number of `RequestLimitExceeded` answers (target 0).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)] // a bench: a panic is a failure

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use numdesk_client::RateLimiter;
use numdesk_outbox::{
    NoProgress, Selection, SendControl, SendOutcome, SubmitSettings, endpoint_scope,
};
use numdesk_sandbox::SandboxConfig;
use numdesk_testkit as testkit;

const BATCHES: usize = 100;
const BATCH_SIZE: usize = 100;
const IDEAL: Duration = Duration::from_secs(5);

static SAMPLES: Mutex<Vec<(Duration, u32)>> = Mutex::new(Vec::new());

fn numbers() -> Vec<String> {
    (0..BATCHES * BATCH_SIZE)
        .map(|i| format!("0203{i:07}"))
        .collect()
}

async fn one_run(numbers: &[String]) -> (Duration, u32) {
    let sandbox = testkit::sandbox(SandboxConfig {
        max_pending: 100_000,
        ..SandboxConfig::default()
    })
    .await;
    let env = testkit::Env::new();
    let outbox = env.outbox();
    let client = testkit::client_for(&sandbox.url(), RateLimiter::default());
    let draft = testkit::draft(outbox.store(), "bench", numbers);
    let settings = SubmitSettings {
        numbers_per_application: Some(BATCH_SIZE),
        ..SubmitSettings::default()
    };
    let queued = outbox
        .enqueue_draft(draft, &settings, &endpoint_scope(&client))
        .unwrap();
    assert_eq!(queued.application_ids.len(), BATCHES);

    let start = Instant::now();
    let report = outbox
        .run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        )
        .await
        .unwrap();
    let wall = start.elapsed();
    assert_eq!(report.outcome, SendOutcome::Finished);
    assert_eq!(report.submitted.len(), BATCHES, "every batch submitted");
    assert_eq!(sandbox.applications().len(), BATCHES);
    let limited = report.rate_limited_attempts;
    eprintln!(
        "outbox throughput sample: {BATCHES} batches in {:.3} s = {:.3}x the ideal {} s; \
         RequestLimitExceeded: {limited}",
        wall.as_secs_f64(),
        wall.as_secs_f64() / IDEAL.as_secs_f64(),
        IDEAL.as_secs()
    );
    sandbox.shutdown().await;
    (wall, limited)
}

fn throughput(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let numbers = numbers();
    let mut group = c.benchmark_group("outbox");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(60));
    group.bench_function("100_batches_at_20_per_second", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (wall, limited) = rt.block_on(one_run(&numbers));
                SAMPLES.lock().unwrap().push((wall, limited));
                total += wall;
            }
            total
        });
    });
    group.finish();
}

fn summary() {
    let samples = SAMPLES.lock().unwrap();
    if samples.is_empty() {
        return;
    }
    let secs: Vec<f64> = samples.iter().map(|(d, _)| d.as_secs_f64()).collect();
    let mean = secs.iter().sum::<f64>() / secs.len() as f64;
    let max = secs.iter().copied().fold(f64::MIN, f64::max);
    let min = secs.iter().copied().fold(f64::MAX, f64::min);
    let limited: u32 = samples.iter().map(|(_, l)| l).sum();
    eprintln!(
        "outbox throughput summary over {} runs: wall min {min:.3} s / mean {mean:.3} s / max \
         {max:.3} s against the ideal 5 s (worst ratio {:.3}x, target <= 1.05x); \
         RequestLimitExceeded in all runs: {limited} (target 0)",
        samples.len(),
        max / IDEAL.as_secs_f64()
    );
}

criterion_group!(benches, throughput);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary();
}
