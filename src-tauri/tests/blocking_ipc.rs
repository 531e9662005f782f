//! Heavy commands run on the blocking pool: while imports wait on slow files, the async workers
//! that carry Tencent requests stay free.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::sync::mpsc;
use std::time::Duration;

use serde_json::json;

mod common;

use common::{app, invoke};

#[cfg(unix)]
#[test]
fn imports_waiting_on_slow_files_leave_the_async_workers_free() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let (_app, w) = app(data.path());
    // More imports than async workers, each stuck opening a named pipe nobody writes yet (a
    // network share that does not answer, for the app).
    let workers = std::thread::available_parallelism().map_or(2, usize::from);
    let pipes: Vec<_> = (0..=workers)
        .map(|i| {
            let path = dir.path().join(format!("slow-{i}.csv"));
            let made = std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap();
            assert!(made.success(), "mkfifo");
            path
        })
        .collect();
    let calls: Vec<_> = pipes
        .iter()
        .map(|p| {
            let w = w.clone();
            let p = p.clone();
            std::thread::spawn(move || invoke(&w, "import_open_path", json!({ "path": p })))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));

    // Something async, as a Tencent request is: it must run meanwhile.
    let (tx, rx) = mpsc::channel();
    tauri::async_runtime::spawn(async move {
        let _ = tx.send(());
    });
    let ran = rx.recv_timeout(Duration::from_secs(5));

    // Let the imports finish (each pipe gets a writer with one line).
    for p in &pipes {
        std::fs::write(p, b"PhoneNumber\n02038000001\n").unwrap();
    }
    for c in calls {
        let _ = c.join();
    }
    assert!(
        ran.is_ok(),
        "rule: heavy synchronous commands run on the blocking pool, never on the async workers"
    );
}
