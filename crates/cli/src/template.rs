//! `numdesk template --format xlsx|csv --lang en|zh`: write the import template.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use numdesk_import::{Lang, template_csv, template_xlsx};

use crate::error::CliError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// Excel workbook: number column formatted as Text, CallType dropdown, instructions sheet.
    Xlsx,
    /// CSV, UTF-8 with BOM.
    Csv,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// File format.
    #[arg(long, value_enum)]
    pub format: TemplateFormat,
    /// Language of headers and instructions.
    #[arg(long, value_parser = ["en", "zh"], default_value = "en")]
    pub lang: String,
    /// Where to write (default: number-list-template.xlsx / .csv in the current directory).
    /// An existing file is never overwritten.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

pub fn run(args: TemplateArgs) -> Result<(), CliError> {
    let lang: Lang = args.lang.parse().unwrap_or_default();
    let (bytes, ext) = match args.format {
        TemplateFormat::Xlsx => (
            template_xlsx(lang).map_err(|e| CliError::Usage(e.message(lang)))?,
            "xlsx",
        ),
        TemplateFormat::Csv => (template_csv(lang), "csv"),
    };
    let path = args
        .output
        .unwrap_or_else(|| PathBuf::from(format!("number-list-template.{ext}")));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| CliError::Usage(format!("cannot create {}: {e}", path.display())))?;
    std::io::Write::write_all(&mut file, &bytes)
        .map_err(|e| CliError::Usage(format!("cannot write {}: {e}", path.display())))?;
    println!("{}", path.display());
    Ok(())
}
