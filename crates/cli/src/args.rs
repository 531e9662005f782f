//! Command-line interface (a stable public interface: names must not change).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Number Desk command line: sign Tencent Cloud CCC requests, run the local sandbox, call the API.
#[derive(Debug, Parser)]
#[command(name = "numdesk", version, about, long_about = None)]
#[command(
    after_help = "Credentials are read only from the environment: TENCENTCLOUD_SECRET_ID, \
                        TENCENTCLOUD_SECRET_KEY and optionally TENCENTCLOUD_TOKEN.\n\
                        Exit codes: 0 success, 1 API error, 2 usage, input or network error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign a request and print every step as one JSON object (credentials from the environment).
    Sign(SignArgs),
    /// Run the local CCC sandbox until Ctrl-C or SIGTERM.
    Sandbox(SandboxArgs),
    /// Make one signed call and print the `Response` JSON.
    Call(CallArgs),
    /// Import a number list (or take a draft), split it into applications and send them.
    Submit(crate::outbox_args::SubmitArgs),
    /// Send the applications still queued after a crash or a cancel.
    Resume(crate::outbox_args::ResumeArgs),
    /// List every application with its state, ApplyId and numbers.
    History(crate::outbox_args::HistoryArgs),
    /// Ask Tencent which submitted numbers are live (DescribeNumbers) and mark approvals.
    Refresh(crate::outbox_args::RefreshArgs),
    /// Watch for approvals on the app's schedule, one line per change (`--once`: one pass).
    Watch(crate::outbox_args::WatchArgs),
    /// Settle an application whose outcome is unknown: its ApplyId, or a confirmed resend.
    Resolve(crate::outbox_args::ResolveArgs),
    /// Read a number list (CSV in any encoding, XLSX, XLS), clean and check every row.
    Import(crate::import::ImportArgs),
    /// Write the import template (XLSX with dropdowns and instructions, or CSV).
    Template(crate::template::TemplateArgs),
}

#[derive(Debug, Args)]
pub struct SignArgs {
    /// X-TC-Action, e.g. CreateOwnNumberApply.
    #[arg(long)]
    pub action: String,
    /// Host header exactly as sent, e.g. ccc.intl.tencentcloudapi.com or 127.0.0.1:8080.
    #[arg(long)]
    pub host: String,
    /// Unix seconds (X-TC-Timestamp).
    #[arg(long, allow_negative_numbers = true)]
    pub timestamp: i64,
    /// X-TC-Version.
    #[arg(long, default_value = "2020-02-10")]
    pub version: String,
    /// Service in the credential scope.
    #[arg(long, default_value = "ccc")]
    pub service: String,
    /// X-TC-Region (sent only when given).
    #[arg(long)]
    pub region: Option<String>,
    /// Content-Type exactly as sent.
    #[arg(long, default_value = "application/json")]
    pub content_type: String,
    /// File with the exact body bytes, or `-` for standard input.
    #[arg(long, value_name = "FILE|-")]
    pub body_file: PathBuf,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Accepted SecretId:SecretKey pair (repeatable). Without it the built-in sandbox
    /// credentials are accepted and printed. These open only the local sandbox.
    #[arg(long = "secret", value_name = "ID:KEY")]
    pub secrets: Vec<String>,
    /// Approve pending applications this many seconds after submission (default: never).
    #[arg(long, value_name = "SECONDS")]
    pub approve_after: Option<f64>,
    /// The Tencent Cloud site to answer like: `intl` (no CostType in DescribeNumbers, the
    /// China-only fields are UnknownParameter) or `china`.
    #[arg(long, value_name = "intl|china", default_value = "intl")]
    pub site: String,
}

#[derive(Debug, Args)]
pub struct CallArgs {
    /// The action, e.g. DescribeCCCBuyInfoList.
    pub action: String,
    /// File with the JSON body, or `-` for standard input. Sent byte for byte.
    #[arg(long, value_name = "FILE|-")]
    pub body_file: PathBuf,
    /// `intl` (default), `china`, or a URL (http:// only for 127.0.0.1 / localhost).
    #[arg(long, default_value = "intl")]
    pub endpoint: String,
    /// Language of Tencent's error messages.
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
    /// X-TC-Region (optional for CCC).
    #[arg(long)]
    pub region: Option<String>,
    /// `system` (default), `none`, or a proxy URL such as http://proxy.example.com:8080.
    #[arg(long, default_value = "system")]
    pub proxy: String,
}

/// Flags that look like someone trying to pass a credential on the command line to `sign` or
/// `call`. Returns the flag name only — never its value.
pub fn secret_like_flag(argv: &[OsString]) -> Option<String> {
    let args: Vec<String> = argv
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let sub = args.iter().find(|a| !a.starts_with('-'))?;
    if sub != "sign" && sub != "call" {
        return None;
    }
    args.iter().filter(|a| a.starts_with('-')).find_map(|a| {
        let name = a
            .trim_start_matches('-')
            .split('=')
            .next()
            .unwrap_or_default();
        let norm: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        let secretish = norm.starts_with("secret")
            || norm.starts_with("token")
            || matches!(
                norm.as_str(),
                "key" | "password" | "sk" | "ak" | "apikey" | "accesskey"
            );
        secretish.then(|| format!("--{name}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &[&str]) -> Vec<OsString> {
        std::iter::once("numdesk")
            .chain(s.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn secret_flags_are_spotted_for_sign_and_call_only() {
        assert_eq!(
            secret_like_flag(&argv(&["sign", "--secret-key=abc"])).as_deref(),
            Some("--secret-key")
        );
        assert_eq!(
            secret_like_flag(&argv(&["call", "X", "--token", "t"])).as_deref(),
            Some("--token")
        );
        assert_eq!(
            secret_like_flag(&argv(&["sign", "--SecretId", "x"])).as_deref(),
            Some("--SecretId")
        );
        assert_eq!(
            secret_like_flag(&argv(&["sandbox", "--secret", "a:b"])),
            None
        );
        assert_eq!(
            secret_like_flag(&argv(&["sign", "--action", "A", "--host", "h"])),
            None
        );
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
