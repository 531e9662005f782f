//! `numdesk call`: one signed call.

use std::io::Write;

use numdesk_client::{Client, ClientConfig, Endpoint, Language, ProxySetting, RateLimiter};
use serde_json::Value;

use crate::args::CallArgs;
use crate::body;
use crate::error::CliError;

pub fn config(args: &CallArgs) -> Result<ClientConfig, CliError> {
    let endpoint: Endpoint = args.endpoint.parse()?;
    let proxy = match args.proxy.trim() {
        "system" => ProxySetting::System,
        "none" => ProxySetting::None,
        url => ProxySetting::manual(url)?,
    };
    let language = match args.lang.as_deref() {
        Some(tag) => tag.parse::<Language>()?,
        None => std::env::var("LANG")
            .map(|l| Language::from_locale(&l))
            .unwrap_or_default(),
    };
    let config = ClientConfig {
        region: args.region.clone(),
        language: Some(language),
        proxy,
        ..ClientConfig::new(endpoint)
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
