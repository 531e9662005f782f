//! `numdesk sign`: every step of the signature, as JSON.

use std::io::Write;

use numdesk_sign::{SigningParams, sign};
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::args::SignArgs;
use crate::body;
use crate::error::CliError;

/// Headers in the order they are sent; the token value is redacted.
struct Headers<'a>(&'a [(String, String)]);

impl Serialize for Headers<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            // The token is a secret: it is sent, but never printed.
            let value = if name.eq_ignore_ascii_case("X-TC-Token") {
                "***"
            } else {
                value
            };
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Output<'a> {
    payload_hash: &'a str,
    canonical_request: &'a str,
    canonical_request_hash: &'a str,
    date: &'a str,
    credential_scope: &'a str,
    string_to_sign: &'a str,
    signature: &'a str,
    authorization: &'a str,
    headers: Headers<'a>,
}

pub fn run(args: SignArgs) -> Result<(), CliError> {
    let credentials = numdesk_client::credentials::from_env()?;
    let body = body::read(&args.body_file)?;
    let params = SigningParams {
        service: &args.service,
        host: &args.host,
        action: &args.action,
        version: &args.version,
        region: args.region.as_deref(),
        language: None,
        content_type: &args.content_type,
        timestamp: args.timestamp,
    };
    let signed = sign(&credentials, &params, &body)?;
    let output = Output {
        payload_hash: &signed.payload_hash,
        canonical_request: &signed.canonical_request,
        canonical_request_hash: &signed.canonical_request_hash,
        date: &signed.date,
        credential_scope: &signed.credential_scope,
        string_to_sign: &signed.string_to_sign,
        signature: &signed.signature,
        authorization: &signed.authorization,
        headers: Headers(&signed.headers),
    };
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, &output).map_err(|e| CliError::Output(e.into()))?;
    writeln!(stdout).map_err(CliError::Output)
}
