//! One full `sign` (validation, hashes, key derivation, headers) of a realistic
//! 100-number CreateOwnNumberApply body and of a tiny body.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use numdesk_sign::{Credentials, SigningParams, sign};
use serde_json::json;

/// A CreateOwnNumberApply body with `n` numbers, serialised as the client sends it.
fn create_own_number_apply_body(n: usize) -> Vec<u8> {
    let details: Vec<_> = (0..n)
        .map(|i| {
            json!({
                "CallType": 2,
                "PhoneNumber": format!("020{:08}", 12_340_000 + i),
                "MaxCallCount": 10,
                "MaxCallPSec": 5,
                "OutboundCalleeFormat": "{+E.164}",
                "CarrierPhoneNumber": format!("+8620{:08}", 12_340_000 + i),
            })
        })
        .collect();
    let body = json!({
        "SdkAppId": 1_400_000_000u64,
        "SipTrunkId": 12345,
        "DetailList": details,
        "Prefix": "",
        "MobileNddPrefix": "0",
        "LocalNumberTrimAC": true,
    });
    serde_json::to_vec(&body).unwrap_or_default()
}

fn bench_sign(c: &mut Criterion) {
    let credentials = Credentials::new(
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    );
    let params = SigningParams::ccc(
        "ccc.intl.tencentcloudapi.com",
        "CreateOwnNumberApply",
        1_735_689_600,
    );
    let large = create_own_number_apply_body(100);
    let tiny = br#"{"SdkAppId":1400000000}"#.to_vec();
    assert!(
        sign(&credentials, &params, &large).is_ok() && sign(&credentials, &params, &tiny).is_ok(),
        "benchmark inputs must sign"
    );

    let mut group = c.benchmark_group("sign");
    for (name, body) in [
        ("create_own_number_apply_100_numbers", &large),
        ("tiny_body", &tiny),
    ] {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(format!("{name}_{}_bytes", body.len()), |b| {
            b.iter(|| sign(black_box(&credentials), black_box(&params), black_box(body)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_sign);
criterion_main!(benches);
