//! Heavy commands run on the blocking pool: while imports read large files, the async workers
//! that carry Tencent requests stay free.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::json;

#[path = "ipc/common.rs"]
mod common;

use common::{app, invoke};

#[test]
fn imports_of_large_files_leave_the_async_workers_free() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let (_app, w) = app(data.path());
    // More imports than async workers, each reading a large number list.
    let workers = std::thread::available_parallelism().map_or(2, usize::from);
    let mut text = String::from("PhoneNumber,CallType,MaxCallCount,MaxCallPSec\n");
    for i in 0..150_000u32 {
        text.push_str(&format!("020{:08},1,10,1\n", 30_000_000 + i));
    }
    let files: Vec<_> = (0..=workers)
        .map(|i| {
            let path = dir.path().join(format!("large-{i}.csv"));
            std::fs::write(&path, &text).unwrap();
            path
        })
        .collect();
    let (done_tx, done_rx) = mpsc::channel();
    let calls: Vec<_> = files
        .iter()
        .map(|p| {
            let w = w.clone();
            let p = p.clone();
            let done = done_tx.clone();
            std::thread::spawn(move || {
                let result = invoke(&w, "import_open_path", json!({ "path": p }));
                let _ = done.send(Instant::now());
                result
            })
        })
        .collect();
    // Give the imports time to take the workers if they were going to.
    std::thread::sleep(Duration::from_millis(50));

    // Something async, as a Tencent request is: it must run while the imports are still busy.
    let (tx, rx) = mpsc::channel();
    tauri::async_runtime::spawn(async move {
        let _ = tx.send(Instant::now());
    });
    let ran = rx.recv_timeout(Duration::from_secs(60)).unwrap();
    let first_done = done_rx.recv_timeout(Duration::from_secs(120)).unwrap();
    for c in calls {
        assert!(c.join().unwrap().is_ok(), "each import succeeds");
    }
    assert!(
        ran < first_done,
        "rule: heavy synchronous commands run on the blocking pool, never on the async workers \
         (the async task ran {:?} after the first import ended)",
        ran.duration_since(first_done)
    );
}
