//! [`NetworkKind`]: which network failure stopped a request, as a stable name. Errors carry it
//! over IPC (`details.kind`), applications and pauses keep it with their error, and the UI says
//! which problem it is (a certificate, the proxy, DNS, a timeout, …) from it — never from the
//! words of a message.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which network failure. The names are stable (stored in the database, sent over IPC): add
/// kinds, never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum NetworkKind {
    // Nothing was sent.
    /// The host name could not be resolved.
    Dns,
    /// Nothing listens at the address (or a firewall rejected the connection).
    ConnectionRefused,
    /// The server's TLS certificate was not accepted (often an intercepting proxy).
    Certificate,
    /// The TLS handshake failed for another reason.
    Tls,
    /// The proxy could not be reached or refused to connect.
    Proxy,
    /// Connecting took longer than the connect timeout.
    ConnectTimeout,
    /// Another connection failure.
    Other,
    // Sent; whether it took effect is unknown.
    /// No complete response within the timeout.
    Timeout,
    /// The connection closed or broke after the request was (or may have been) sent.
    ConnectionDropped,
    /// The answer was too large to read.
    ResponseTooLarge,
    // An answer came, but not Tencent's.
    /// An HTTP status without a Tencent error body.
    HttpStatus,
    /// A body that is not a Tencent answer.
    BadResponse,
}

impl NetworkKind {
    /// Every kind, in declaration order.
    pub const ALL: [Self; 12] = [
        Self::Dns,
        Self::ConnectionRefused,
        Self::Certificate,
        Self::Tls,
        Self::Proxy,
        Self::ConnectTimeout,
        Self::Other,
        Self::Timeout,
        Self::ConnectionDropped,
        Self::ResponseTooLarge,
        Self::HttpStatus,
        Self::BadResponse,
    ];

    /// The stable name (as serialised and stored).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Dns => "Dns",
            Self::ConnectionRefused => "ConnectionRefused",
            Self::Certificate => "Certificate",
            Self::Tls => "Tls",
            Self::Proxy => "Proxy",
            Self::ConnectTimeout => "ConnectTimeout",
            Self::Other => "Other",
            Self::Timeout => "Timeout",
            Self::ConnectionDropped => "ConnectionDropped",
            Self::ResponseTooLarge => "ResponseTooLarge",
            Self::HttpStatus => "HttpStatus",
            Self::BadResponse => "BadResponse",
        }
    }
}

impl fmt::Display for NetworkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a [`NetworkKind`] (written by a newer version, say).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a network failure kind")]
pub struct InvalidNetworkKind(pub String);

impl FromStr for NetworkKind {
    type Err = InvalidNetworkKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| InvalidNetworkKind(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_names_are_the_serialised_ones_and_read_back() {
        for kind in NetworkKind::ALL {
            let json = serde_json::to_value(kind).unwrap_or_default();
            assert_eq!(json, serde_json::json!(kind.as_str()));
            assert_eq!(kind.as_str().parse::<NetworkKind>().ok(), Some(kind));
        }
        assert!("dns".parse::<NetworkKind>().is_err(), "names are exact");
    }
}
