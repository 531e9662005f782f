//! The CLI's error type and exit codes.

use std::path::PathBuf;

use numdesk_client::ClientError;
use numdesk_sign::SignError;

/// Everything that ends a command unsuccessfully.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A credential flag was given; the value is never echoed.
    #[error(
        "error: {flag}: credentials are never accepted as command-line arguments (they would be \
         visible in the process list and the shell history); set TENCENTCLOUD_SECRET_ID, \
         TENCENTCLOUD_SECRET_KEY and optionally TENCENTCLOUD_TOKEN in the environment instead"
    )]
    SecretInArguments {
        /// The flag name.
        flag: String,
    },

    /// The body file could not be read.
    #[error("error: cannot read the body from {}: {source}", shown(path))]
    ReadBody {
        /// The path (`-` for standard input).
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },

    /// The body is not JSON.
    #[error("error: the body in {} is not valid JSON: {source}", shown(path))]
    BodyNotJson {
        /// The path.
        path: PathBuf,
        /// Where and why.
        #[source]
        source: serde_json::Error,
    },

    /// Bad argument value.
    #[error("error: {0}")]
    Usage(String),

    /// Signing failed (bad credential characters, timestamp out of range, …).
    #[error("error: {0}")]
    Sign(#[from] SignError),

    /// The call failed.
    #[error("{}", client_report(.0))]
    Client(#[from] ClientError),

    /// The sandbox failed to start or run.
    #[error("error: sandbox: {0}")]
    Sandbox(#[from] numdesk_sandbox::SandboxError),

    /// `submit`, `resume`, `history` or `resolve` ended unsuccessfully.
    #[error("{0}")]
    Outbox(#[from] crate::outbox_common::OutboxCmdError),

    /// Writing the output failed.
    #[error("error: cannot write the output: {0}")]
    Output(#[source] std::io::Error),
}

fn shown(path: &std::path::Path) -> String {
    if path.as_os_str() == "-" {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    }
}

fn client_report(e: &ClientError) -> String {
    match e {
        ClientError::Api(api) => format!(
            "error: {}: {}\nRequestId: {}",
            api.code,
            api.message,
            if api.request_id.is_empty() {
                "(none)"
            } else {
                &api.request_id
            }
        ),
        other => match other.request_id() {
            Some(id) => format!("error: {other}\nRequestId: {id}"),
            None => format!("error: {other}"),
        },
    }
}

impl CliError {
    /// The text for standard error.
    pub fn report(&self) -> String {
        self.to_string()
    }

    /// 1 when Tencent answered with an error, 2 for usage, input and network errors.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Client(ClientError::Api(_)) => 1,
            Self::Outbox(e) => e.exit_code(),
            _ => 2,
        }
    }
}
