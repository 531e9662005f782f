//! Read + map + validate a 100,000-row CSV, against a bare `csv` crate parse of the same bytes.
//! Run: `cargo bench -p numdesk-import`. Peak memory: `cargo run --release -p numdesk-import
//! --example peak_memory`.

// A benchmark whose input does not import must stop loudly rather than measure nothing.
#![allow(clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use numdesk_import::{
    Defaults, HeaderChoice, Lang, ReadOptions, ValidationOptions, auto_process, read_bytes,
};

#[path = "support/generate.rs"]
mod generate;

const ROWS: usize = 100_000;

fn bench(c: &mut Criterion) {
    let bytes = generate::carrier_csv(ROWS);
    let options = ValidationOptions {
        country: "CN".parse().ok(),
        held_numbers: Vec::new(),
        live_numbers: Vec::new(),
        source_columns: None,
        lang: Lang::En,
    };
    // Check once that the benchmark measures real work: every row imported, none rejected.
    let source = read_bytes(&bytes, &ReadOptions::default(), Lang::En).expect("bench CSV reads");
    let result = auto_process(
        &source.table,
        HeaderChoice::Detect,
        &Defaults::default(),
        &options,
    )
    .expect("bench CSV processes");
    assert_eq!(result.rows.len(), ROWS, "every generated row is a data row");
    assert!(
        result.rows.iter().all(|r| r.issues.is_empty()),
        "generated rows are all clean"
    );

    let mut group = c.benchmark_group("import_100k_rows");
    group.sample_size(10);
    group.bench_function("raw_csv_parse", |b| {
        b.iter(|| {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(black_box(bytes.as_slice()));
            let mut record = csv::ByteRecord::new();
            let mut fields = 0usize;
            while reader.read_byte_record(&mut record).expect("csv parses") {
                fields += record.len();
            }
            black_box(fields)
        })
    });
    group.bench_function("read_only", |b| {
        b.iter(|| read_bytes(black_box(&bytes), &ReadOptions::default(), Lang::En).expect("reads"))
    });
    group.bench_function("read_map_validate", |b| {
        b.iter(|| {
            let source =
                read_bytes(black_box(&bytes), &ReadOptions::default(), Lang::En).expect("reads");
            auto_process(
                &source.table,
                HeaderChoice::Detect,
                &Defaults::default(),
                &options,
            )
            .expect("processes")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
