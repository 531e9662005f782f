//! `numdesk import FILE`: read, map, clean and check a number list; print what would be sent.
//!
//! Exit 0 when the file was read (even with row errors: they are in the output), 2 when it could
//! not be read or an option is invalid (message on standard error).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use numdesk_import::{ImportReport, Lang, Severity, import_path};

use crate::error::CliError;
use crate::outbox_args::ImportOptions;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The number list: CSV/TSV/TXT in any encoding, XLSX or XLS.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub options: ImportOptions,
    /// Print one JSON object: rows, file_issues, detected.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ImportArgs) -> Result<(), CliError> {
    let plan = args.options.plan().map_err(CliError::Usage)?;
    let lang = plan.lang;
    let fail = |e: numdesk_import::ImportError| CliError::Usage(e.message(lang));
    let report = import_path(
        &args.file,
        &plan.read,
        plan.header,
        &plan.defaults,
        &plan.options,
    )
    .map_err(fail)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &crate::json::ImportReportJson::from(&report))
            .map_err(|e| CliError::Output(e.into()))?;
        writeln!(out).map_err(CliError::Output)?;
    } else {
        write_text(&mut out, &report, lang).map_err(CliError::Output)?;
    }
    out.flush().map_err(CliError::Output)
}

/// A human-readable summary: what was detected, then every finding.
fn write_text(out: &mut impl Write, r: &ImportReport, lang: Lang) -> std::io::Result<()> {
    let d = &r.detected;
    let mapping: Vec<String> = d
        .mapping
        .iter()
        .map(|(field, col)| format!("{field}={}", col.column))
        .collect();
    writeln!(
        out,
        "{} {} | {} {} | {} {} | {}",
        lang.pick("encoding", "编码"),
        d.encoding.as_deref().unwrap_or("-"),
        lang.pick("delimiter", "分隔符"),
        d.delimiter
            .as_deref()
            .map_or("-".to_owned(), |s| format!("{s:?}")),
        lang.pick("header row", "表头行"),
        d.header_row.map_or("-".to_owned(), |n| n.to_string()),
        mapping.join(" ")
    )?;
    let tag = |s: Severity| match (s, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
    };
    for f in &r.file_issues {
        writeln!(out, "{}: {}", tag(f.severity), f.message)?;
    }
    let errors = r.rows.iter().filter(|row| row.has_errors()).count();
    for row in &r.rows {
        for f in &row.issues {
            writeln!(out, "{}: {}", tag(f.severity), f.message)?;
        }
    }
    writeln!(
        out,
        "{}",
        lang.pick(
            format!(
                "{} rows: {} ready, {errors} with errors",
                r.rows.len(),
                r.rows.len() - errors
            ),
            format!(
                "共 {} 行：{} 行可提交，{errors} 行有错误",
                r.rows.len(),
                r.rows.len() - errors
            ),
        )
    )
}
