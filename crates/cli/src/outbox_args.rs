//! Arguments of `submit`, `resume`, `history` and `resolve` (a stable public interface).

use std::path::PathBuf;

use clap::Args;
use numdesk_import::{
    Country, Defaults, HeaderChoice, Lang, ReadOptions, ValidationOptions, parse_call_type,
};

/// Where the database is.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// The Number Desk database (default: the app's own, in the OS app-data directory).
    #[arg(long, value_name = "PATH", env = "NUMDESK_DB")]
    pub db: Option<PathBuf>,
}

/// Where to send.
#[derive(Debug, Clone, Args)]
pub struct SendArgs {
    /// `intl` (default), `china`, or a URL (http:// only for 127.0.0.1 / localhost).
    #[arg(long, default_value = "intl")]
    pub endpoint: String,
    /// `system` (default), `none`, or a proxy URL such as http://proxy.example.com:8080.
    #[arg(long, default_value = "system")]
    pub proxy: String,
    /// Calls in flight at once (the 20-per-second limit applies in any case).
    #[arg(long, default_value_t = numdesk_outbox::DEFAULT_CONCURRENCY, value_name = "N")]
    pub concurrency: usize,
}

/// How a file is imported (the same options as `numdesk import`).
#[derive(Debug, Clone, Args)]
pub struct ImportOptions {
    /// Worksheet of an XLSX/XLS file (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The header row, 1-based as shown in Excel (default: detected).
    #[arg(long, value_name = "N")]
    pub header_row: Option<u32>,
    /// Text encoding of a CSV/TXT file, e.g. utf-8, gb18030, utf-16le (default: detected).
    #[arg(long, value_name = "E")]
    pub encoding: Option<String>,
    /// Country for numbers written without +, e.g. CN (two-letter ISO code).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// CallType for rows without one: 0/inbound, 1/outbound, 2/both.
    #[arg(long, value_name = "V")]
    pub call_type: Option<String>,
    /// MaxCallCount for rows without one.
    #[arg(long, value_name = "N")]
    pub max_call_count: Option<i64>,
    /// MaxCallPSec for rows without one.
    #[arg(long, value_name = "N")]
    pub max_call_psec: Option<i64>,
    /// Language of messages (and of Tencent's error messages): en or zh.
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
}

/// What `numdesk_import::import_path` needs, derived from [`ImportOptions`] in one place so that
/// `import` and `submit` read a file the same way.
#[derive(Debug)]
pub struct ImportPlan {
    pub lang: Lang,
    pub read: ReadOptions,
    pub header: HeaderChoice,
    pub defaults: Defaults,
    pub options: ValidationOptions,
}

impl ImportOptions {
    /// The message language (`--lang`, English by default).
    pub fn lang(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(|l| l.parse().ok())
            .unwrap_or_default()
    }

    /// Checks the flags and turns them into an [`ImportPlan`]; `Err` is a usage message.
    pub fn plan(&self) -> Result<ImportPlan, String> {
        let lang = self.lang();
        let call_type = self
            .call_type
            .as_deref()
            .map(|v| {
                parse_call_type(v).ok_or_else(|| {
                    format!("--call-type {v}: expected 0/inbound, 1/outbound or 2/both")
                })
            })
            .transpose()?;
        let country = self
            .country
            .as_deref()
            .map(str::parse::<Country>)
            .transpose()
            .map_err(|e| numdesk_import::ImportError::from(e).message(lang))?;
        let header = match self.header_row {
            Some(0) => return Err("--header-row counts from 1 (the first row of the file)".into()),
            Some(n) => HeaderChoice::Line(n),
            None => HeaderChoice::Detect,
        };
        Ok(ImportPlan {
            lang,
            read: ReadOptions {
                encoding: self.encoding.clone(),
                sheet: self.sheet.clone(),
                delimiter: None,
            },
            header,
            defaults: Defaults {
                call_type,
                max_call_count: self.max_call_count,
                max_call_psec: self.max_call_psec,
                outbound_callee_format: None,
                carrier_phone_number: None,
            },
            options: ValidationOptions {
                country,
                held_numbers: Vec::new(),
                live_numbers: Vec::new(),
                source_columns: None,
                lang,
            },
        })
    }
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["file", "draft"])))]
pub struct SubmitArgs {
    /// The number list to import and send (CSV, TXT, XLSX or XLS).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Send an existing draft instead of a file.
    #[arg(long, value_name = "ID")]
    pub draft: Option<i64>,
    /// SdkAppId (the CCC application id, e.g. 1400000000).
    #[arg(long, value_name = "N", required_unless_present = "draft")]
    pub sdk_app_id: Option<u64>,
    /// SipTrunkId.
    #[arg(
        long,
        value_name = "N",
        required_unless_present = "draft",
        allow_negative_numbers = true
    )]
    pub sip_trunk_id: Option<i64>,
    /// Prefix added to sent numbers.
    #[arg(long, value_name = "P")]
    pub prefix: Option<String>,
    /// Numbers per application.
    #[arg(
        long = "batch-size",
        value_name = "K",
        default_value_t = numdesk_outbox::DEFAULT_NUMBERS_PER_APPLICATION
    )]
    pub numbers_per_application: usize,
    /// Send without asking for confirmation (required when standard input is not a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Also send numbers that a submitted or unknown application already holds.
    #[arg(long)]
    pub include_duplicates: bool,
    /// The form every number is sent in: `national` (02038001234, as Tencent's examples) or
    /// `international` (+862038001234). Default: the draft's choice, else national.
    #[arg(long, value_name = "FORM", value_parser = ["national", "international"])]
    pub number_form: Option<String>,
    #[command(flatten)]
    pub send: SendArgs,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub import: ImportOptions,
}

#[derive(Debug, Args)]
pub struct ResumeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub send: SendArgs,
    /// Language of Tencent's error messages: en or zh.
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct RefreshArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub send: SendArgs,
    /// Print one JSON object (`endpoint`, `reconciled`, `applications`) instead of lines.
    #[arg(long)]
    pub json: bool,
    /// Language of Tencent's error messages: en or zh.
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub send: SendArgs,
    /// Check every waiting SdkAppId once, print what changed, and exit.
    #[arg(long)]
    pub once: bool,
    /// One JSON object per line (`event`: live, approved, expired or error).
    #[arg(long)]
    pub json: bool,
    /// Language of Tencent's error messages: en or zh.
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("how").required(true).args(["apply_id", "resend"])))]
pub struct ResolveArgs {
    /// The local application id (the `id` in `numdesk history`).
    #[arg(value_name = "ID")]
    pub id: i64,
    /// The ApplyId found in the Tencent Cloud console: the application was created.
    #[arg(long, value_name = "N")]
    pub apply_id: Option<u64>,
    /// Send the application again (it creates a second application if the first one did reach
    /// Tencent).
    #[arg(long)]
    pub resend: bool,
    /// Resend without asking for confirmation (required when standard input is not a terminal).
    #[arg(long, requires = "resend")]
    pub yes: bool,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub send: SendArgs,
    /// Language of Tencent's error messages: en or zh.
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
}
