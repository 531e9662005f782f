//! The Applications list with 5,000 applications of 100 numbers each (500,000 numbers) in a real
//! database file: the first page, a page deep in the list, the counts for the chips, a search by
//! part of a number, and sorting by number count — what the screen asks for on every change.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use numdesk_commands::{AppContext, Secrets, ShellInfo, applications_list};
use numdesk_store::{
    ApplicationQuery, ApplicationSort, ApplicationStatus, ApplyOptions, EndpointKind,
    EndpointScope, NewSubmission, NumberDetail, SubmissionNumber,
};

const APPLICATIONS: usize = 5_000;
const PER_APPLICATION: usize = 100;

fn query(over: impl FnOnce(&mut ApplicationQuery)) -> ApplicationQuery {
    let mut q = ApplicationQuery {
        descending: true,
        limit: 100,
        ..ApplicationQuery::default()
    };
    over(&mut q);
    q
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let shell = ShellInfo {
        app_name: "bench".into(),
        version: "0".into(),
        tauri_version: "0".into(),
    };
    let ctx = runtime
        .block_on(AppContext::start_with_secrets(
            dir.path(),
            shell,
            Secrets::memory(),
        ))
        .unwrap();
    let numbers = (0..APPLICATIONS * PER_APPLICATION)
        .map(|i| SubmissionNumber {
            draft_position: None,
            detail: NumberDetail {
                phone_number: format!("+86203{:08}", i),
                call_type: 1,
                max_call_count: 10,
                max_call_p_sec: 2,
                outbound_callee_format: None,
                carrier_phone_number: None,
            },
        })
        .collect();
    let queued = ctx
        .store()
        .enqueue(&NewSubmission {
            draft_id: None,
            scope: EndpointScope::new(EndpointKind::Sandbox, ctx.sandbox().host()),
            sdk_app_id: 1_400_000_001,
            sip_trunk_id: 10_001,
            options: ApplyOptions::default(),
            numbers,
            numbers_per_application: PER_APPLICATION,
            include_duplicates: false,
            country: None,
        })
        .unwrap();
    assert_eq!(queued.application_ids.len(), APPLICATIONS);

    let mut group = c.benchmark_group("applications_5000");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("first_page_with_counts", |b| {
        let q = query(|_| {});
        b.iter(|| applications_list(&ctx, &q).unwrap());
    });
    group.bench_function("page_at_4900", |b| {
        let q = query(|q| q.offset = 4_900);
        b.iter(|| applications_list(&ctx, &q).unwrap());
    });
    group.bench_function("filter_unknown_and_queued", |b| {
        let q = query(|q| q.statuses = vec![ApplicationStatus::Unknown, ApplicationStatus::Queued]);
        b.iter(|| applications_list(&ctx, &q).unwrap());
    });
    group.bench_function("search_part_of_a_number", |b| {
        let q = query(|q| q.search = Some("0312345".into()));
        b.iter(|| {
            let page = applications_list(&ctx, &q).unwrap();
            assert_eq!(page.page.total, 1, "one application holds +8620300312345");
        });
    });
    group.bench_function("sort_by_number_count", |b| {
        let q = query(|q| q.sort = ApplicationSort::Numbers);
        b.iter(|| applications_list(&ctx, &q).unwrap());
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
