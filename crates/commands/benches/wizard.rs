//! Time for a 100,000-row file to reach the review grid: read by path, map, validate, save as a
//! draft (one transaction), then the first page the grid shows. Also: opening that draft again
//! (after a restart) and an inline edit on it. Each import starts from the same state (the draft
//! of the previous round is deleted, untimed), so no round checks against an earlier round's
//! 100,000 numbers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::time::Duration;

use std::cell::Cell;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use numdesk_commands::{
    AppContext, ProcessRequest, RowEdit, RowFilter, Secrets, ShellInfo, WizardState, draft_delete,
    draft_edit_row, draft_open, import_open_path, import_process, import_rows_page,
};
use numdesk_import::ReadOptions;

const ROWS: usize = 100_000;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("号码,呼叫类型,最大并发数,每秒并发数\n");
    for i in 0..ROWS {
        writeln!(csv, "020{:08},1,10,2", 38_000_000 + i).unwrap();
    }
    let path = dir.path().join("numbers.csv");
    std::fs::write(&path, csv).unwrap();
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
    let wiz = WizardState::default();

    let mut group = c.benchmark_group("wizard_100k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let last = Cell::new(None::<i64>);
    group.bench_function("open_process_save_first_page", |b| {
        b.iter_batched(
            || {
                if let Some(id) = last.take() {
                    draft_delete(&ctx, &wiz, id).unwrap();
                }
            },
            |()| {
                let preview = import_open_path(&ctx, &wiz, &path, &ReadOptions::default()).unwrap();
                let request = ProcessRequest {
                    header_row: preview.header_row,
                    mapping: preview.mapping,
                    country: Some("CN".into()),
                    ..ProcessRequest::default()
                };
                let summary = import_process(&ctx, &wiz, &request, &mut |_| {}).unwrap();
                assert_eq!(summary.total_rows as usize, ROWS);
                last.set(Some(summary.draft_id));
                import_rows_page(&wiz, 0, 100, RowFilter::All).unwrap()
            },
            BatchSize::PerIteration,
        );
    });
    let draft_id = last.get().unwrap();
    group.bench_function("reopen_draft_first_page", |b| {
        b.iter(|| {
            draft_open(&ctx, &wiz, draft_id, None).unwrap();
            import_rows_page(&wiz, 0, 100, RowFilter::All).unwrap()
        });
    });
    group.bench_function("inline_edit", |b| {
        let edit = RowEdit {
            phone_number: "02099999999".into(),
            call_type: "1".into(),
            max_call_count: "10".into(),
            max_call_psec: "2".into(),
            ..RowEdit::default()
        };
        b.iter(|| draft_edit_row(&ctx, &wiz, 5, &edit).unwrap());
    });
    group.bench_function("page_at_row_50000", |b| {
        b.iter(|| import_rows_page(&wiz, 50_000, 100, RowFilter::All).unwrap());
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
