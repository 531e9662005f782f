//! Peak memory of importing the benchmark's 100,000-row CSV: generates the file, then imports it
//! in a child process and prints that process's peak resident set (Linux `VmHWM`) and time.
//!
//! `cargo run --release -p numdesk-import --example peak_memory`

use std::path::Path;
use std::time::Instant;

use numdesk_import::{
    Defaults, HeaderChoice, ImportError, Lang, ReadOptions, ValidationOptions, auto_process,
    read_path,
};

#[path = "../benches/support/generate.rs"]
mod generate;

fn import(path: &Path) -> Result<(), ImportError> {
    let start = Instant::now();
    let source = read_path(path, &ReadOptions::default(), Lang::En)?;
    let options = ValidationOptions {
        country: "CN".parse().ok(),
        ..Default::default()
    };
    let result = auto_process(
        &source.table,
        HeaderChoice::Detect,
        &Defaults::default(),
        &options,
    )?;
    let elapsed = start.elapsed();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap_or("VmHWM: unknown");
    println!(
        "{} rows ({} with issues) in {:.3} s; peak memory {}",
        result.rows.len(),
        result.rows.iter().filter(|r| !r.issues.is_empty()).count(),
        elapsed.as_secs_f64(),
        peak.trim_start_matches("VmHWM:").trim()
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(path) = args.get(2).filter(|_| args[1] == "--import") {
        return Ok(import(Path::new(path))?);
    }
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("carrier-100k.csv");
    std::fs::write(&path, generate::carrier_csv(100_000))?;
    println!("file: {} bytes", std::fs::metadata(&path)?.len());
    let status = std::process::Command::new(&args[0])
        .arg("--import")
        .arg(&path)
        .status()?;
    if !status.success() {
        return Err(format!("import child failed: {status}").into());
    }
    Ok(())
}
