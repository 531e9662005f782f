//! Peak memory of importing the benchmark's 100,000-row CSV: generates the file, then imports it
//! in a child process and prints that process's peak resident set (Linux `VmHWM`) and time.
//!
//! `cargo run --release -p numdesk-import --example peak_memory`
//!
//! `… --example peak_memory -- --hostile` does the same with a hostile .xlsx of about 4 MB:
//! 2,000,000 cells all pointing at one 32,000-character shared string (64 GB once copied into
//! every cell), which must be refused with the total-text limit in well under 500 MB.

use std::path::Path;
use std::time::Instant;

use numdesk_import::{
    Defaults, HeaderChoice, ImportError, Lang, ReadOptions, ValidationOptions, auto_process,
    read_path,
};

#[path = "../benches/support/generate.rs"]
mod generate;
#[path = "../tests/support/hostile.rs"]
mod hostile;

fn peak() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap_or("VmHWM: unknown")
        .trim_start_matches("VmHWM:")
        .trim()
        .to_owned()
}

fn import(path: &Path) -> Result<(), ImportError> {
    let start = Instant::now();
    let source = match read_path(path, &ReadOptions::default(), Lang::En) {
        Ok(source) => source,
        Err(e) => {
            println!(
                "refused in {:.3} s ({}): {}; peak memory {}",
                start.elapsed().as_secs_f64(),
                e.code(),
                e.message(Lang::En),
                peak()
            );
            return Err(e);
        }
    };
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
    println!(
        "{} rows ({} with issues) in {:.3} s; peak memory {}",
        result.rows.len(),
        result.rows.iter().filter(|r| !r.issues.is_empty()).count(),
        elapsed.as_secs_f64(),
        peak()
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(path) = args.get(2).filter(|_| args[1] == "--import") {
        return Ok(import(Path::new(path))?);
    }
    let hostile = args.get(1).is_some_and(|a| a == "--hostile");
    let dir = tempfile::tempdir()?;
    let path = if hostile {
        let path = dir.path().join("shared-string-bomb.xlsx");
        std::fs::write(&path, hostile::shared_string_bomb_xlsx(2_000_000))?;
        path
    } else {
        let path = dir.path().join("carrier-100k.csv");
        std::fs::write(&path, generate::carrier_csv(100_000))?;
        path
    };
    println!("file: {} bytes", std::fs::metadata(&path)?.len());
    let status = std::process::Command::new(&args[0])
        .arg("--import")
        .arg(&path)
        .status()?;
    // The hostile file must be refused (exit 1 from the child's error), not abort.
    match (hostile, status.code()) {
        (false, Some(0)) | (true, Some(1)) => Ok(()),
        _ => Err(format!("import child: {status}").into()),
    }
}
