//! Turning transport failures into "not sent" or "outcome unknown".

use std::error::Error as StdError;
use std::io;

use crate::error::{ClientError, NetworkErrorKind, UnknownOutcomeKind};

/// Classify an error from sending a request and receiving its response head.
///
/// Only connection-setup failures (DNS, TCP connect, TLS handshake, proxy tunnel, connect
/// timeout) mean nothing reached the server. Anything after the connection was up — a timeout, a
/// reset, a closed connection — may have happened after the server acted: outcome unknown.
///
/// With a manual proxy every connection goes to the proxy first, so a connection failure that
/// is not about TLS is reported as a proxy failure.
pub(crate) fn classify_send_error(err: &reqwest::Error, manual_proxy: bool) -> ClientError {
    let detail = chain_text(err);
    if err.is_builder() {
        return ClientError::HttpClient { detail };
    }
    if err.is_connect() {
        let mut kind = connect_kind(err, &detail);
        if manual_proxy && !matches!(kind, NetworkErrorKind::Certificate | NetworkErrorKind::Tls) {
            kind = NetworkErrorKind::Proxy;
        }
        return ClientError::NotSent { kind, detail };
    }
    let kind = if err.is_timeout() {
        UnknownOutcomeKind::Timeout
    } else {
        UnknownOutcomeKind::ConnectionDropped
    };
    ClientError::OutcomeUnknown { kind, detail }
}

/// Classify an error while reading the response body: the request was processed or is being
/// processed, but its answer is lost.
pub(crate) fn classify_body_error(err: &reqwest::Error) -> ClientError {
    let kind = if err.is_timeout() {
        UnknownOutcomeKind::Timeout
    } else {
        UnknownOutcomeKind::ConnectionDropped
    };
    ClientError::OutcomeUnknown {
        kind,
        detail: chain_text(err),
    }
}

fn connect_kind(err: &reqwest::Error, detail: &str) -> NetworkErrorKind {
    if let Some(tls) = find_rustls_error(err) {
        return match tls {
            rustls::Error::InvalidCertificate(_)
            | rustls::Error::NoCertificatesPresented
            | rustls::Error::InvalidCertRevocationList(_) => NetworkErrorKind::Certificate,
            _ => NetworkErrorKind::Tls,
        };
    }
    let lower = detail.to_ascii_lowercase();
    // hyper-util reports proxy failures as "tunnel error: …" / mentions the proxy.
    if lower.contains("tunnel") || lower.contains("proxy") {
        return NetworkErrorKind::Proxy;
    }
    if err.is_dns() || lower.contains("dns error") {
        return NetworkErrorKind::Dns;
    }
    if err.is_timeout() {
        return NetworkErrorKind::ConnectTimeout;
    }
    if io_kinds(err).any(|k| k == io::ErrorKind::ConnectionRefused) {
        return NetworkErrorKind::ConnectionRefused;
    }
    if lower.contains("certificate") {
        return NetworkErrorKind::Certificate;
    }
    if lower.contains("tls") || lower.contains("handshake") {
        return NetworkErrorKind::Tls;
    }
    NetworkErrorKind::Other
}

/// The error and everything behind it. `io::Error::source()` skips the error it wraps (and
/// hyper-rustls nests one io::Error in another), so wrapped errors are descended into explicitly.
fn all_errors<'a>(err: &'a (dyn StdError + 'static)) -> Vec<&'a (dyn StdError + 'static)> {
    let mut out = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        out.push(e);
        if out.len() > 32 {
            break;
        }
        next = match e.downcast_ref::<io::Error>().and_then(|io| io.get_ref()) {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => e.source(),
        };
    }
    out
}

fn find_rustls_error(err: &reqwest::Error) -> Option<&rustls::Error> {
    all_errors(err)
        .into_iter()
        .find_map(|e| e.downcast_ref::<rustls::Error>())
}

fn io_kinds(err: &reqwest::Error) -> impl Iterator<Item = io::ErrorKind> + '_ {
    all_errors(err)
        .into_iter()
        .filter_map(|e| e.downcast_ref::<io::Error>().map(io::Error::kind))
}

/// The whole error chain as one line, without repeats and without any URL's `user:password@`
/// (endpoint URLs never hold credentials; a manual proxy's may, should a message name it).
fn chain_text(err: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for e in all_errors(err) {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    crate::config::strip_userinfo(&parts.join(": ")).into_owned()
}
