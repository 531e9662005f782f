//! Any bytes through the reader and the whole pipeline: never a panic, never unbounded memory.
//! `cargo +nightly fuzz run read_bytes -- -max_total_time=300 -rss_limit_mb=1024`
#![no_main]

use libfuzzer_sys::fuzz_target;
use numdesk_import::{
    Defaults, HeaderChoice, Lang, ReadOptions, ValidationOptions, auto_process, read_bytes,
};

fuzz_target!(|data: &[u8]| {
    // No default country: compiling a country's number patterns (tens of milliseconds) on every
    // input would leave little time for the reader. Numbers with `+` are still checked.
    let options = ValidationOptions::default();
    for read in [
        ReadOptions::default(),
        ReadOptions {
            encoding: Some("gb18030".into()),
            ..Default::default()
        },
    ] {
        if let Ok(source) = read_bytes(data, &read, Lang::Zh) {
            let _ = auto_process(
                &source.table,
                HeaderChoice::Detect,
                &Defaults::default(),
                &options,
            );
        }
    }
});
