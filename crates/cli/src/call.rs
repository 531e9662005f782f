//! `numdesk call`: one signed call.

use std::io::Write;

use numdesk_client::{Client, ClientConfig, Endpoint, RateLimiter};
use serde_json::Value;

use crate::args::CallArgs;
use crate::body;
use crate::error::CliError;

pub fn config(args: &CallArgs) -> Result<ClientConfig, CliError> {
    let endpoint: Endpoint = args.endpoint.parse()?;
    let usage = |e: numdesk_commands::IpcError| CliError::Usage(e.message);
    let proxy = numdesk_commands::proxy_named(&args.proxy).map_err(usage)?;
    let locale = std::env::var("LANG").ok();
    let language =
        numdesk_commands::message_language_named(args.lang.as_deref(), locale.as_deref())
            .map_err(usage)?;
    let config = ClientConfig {
        region: args.region.clone(),
        ..numdesk_commands::client_config(endpoint, proxy, language)
    };
    config.validate()?;
    Ok(config)
}

pub async fn run(args: CallArgs) -> Result<(), CliError> {
    let config = config(&args)?;
    let body = body::read(&args.body_file)?;
    body::check_json(&args.body_file, &body)?;
    let credentials = numdesk_client::credentials::from_env()?;
    let client = Client::new(config, RateLimiter::default(), credentials)?;
    let response = client.call_raw(&args.action, body).await?;
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, &Value::Object(response))
        .map_err(|e| CliError::Output(e.into()))?;
    writeln!(stdout).map_err(CliError::Output)
}
