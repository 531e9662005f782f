//! Where requests go, in the fewest words that mean different things:
//!
//! - [`ConnectionKind`]: the built-in Sandbox or Tencent Cloud. Applications of the two never mix
//!   (lists, duplicate checks, resumes), and the app's connection is one or the other.
//! - [`EndpointKind`]: which service exactly — the Sandbox, Tencent's International or China
//!   site, or a custom URL. [`EndpointKind::connection`] gives its [`ConnectionKind`].
//! - `numdesk_store::EndpointScope`: an `EndpointKind` with the Host header, the destination an
//!   application was sent to (custom URLs are told apart by host).
//! - `numdesk_client::Endpoint`: the URL a client calls; `Endpoint::kind` gives its
//!   `EndpointKind`, `numdesk_outbox::scope_of_endpoint` its `EndpointScope`.
//! - Settings' site choice (`numdesk_commands::Site`: International, China or a custom URL) and
//!   the sandbox's personality (`numdesk_sandbox::Site`: which site it imitates) are choices
//!   within Tencent, named for where they are chosen.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The built-in Sandbox or Tencent Cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionKind {
    /// The built-in local sandbox: nothing is sent to Tencent.
    Sandbox,
    /// Tencent Cloud (either site or a custom URL).
    Tencent,
}

/// Which service requests go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// The built-in local sandbox (any loopback URL: its port changes between runs).
    Sandbox,
    /// Tencent Cloud International, `ccc.intl.tencentcloudapi.com`.
    International,
    /// Tencent Cloud China, `ccc.tencentcloudapi.com`.
    China,
    /// Another URL, told apart by its host.
    Custom,
}

impl EndpointKind {
    /// The short name the database stores and `--endpoint` takes (`intl`, `china`, `sandbox`,
    /// `custom`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::International => "intl",
            Self::China => "china",
            Self::Sandbox => "sandbox",
            Self::Custom => "custom",
        }
    }

    /// Sandbox or Tencent.
    pub const fn connection(self) -> ConnectionKind {
        match self {
            Self::Sandbox => ConnectionKind::Sandbox,
            Self::International | Self::China | Self::Custom => ConnectionKind::Tencent,
        }
    }
}

impl fmt::Display for EndpointKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not an [`EndpointKind`]'s short name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown endpoint kind `{0}`")]
pub struct InvalidEndpointKind(pub String);

impl FromStr for EndpointKind {
    type Err = InvalidEndpointKind;

    /// The short name ([`EndpointKind::as_str`]).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "intl" => Ok(Self::International),
            "china" => Ok(Self::China),
            "sandbox" => Ok(Self::Sandbox),
            "custom" => Ok(Self::Custom),
            other => Err(InvalidEndpointKind(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [EndpointKind; 4] = [
        EndpointKind::Sandbox,
        EndpointKind::International,
        EndpointKind::China,
        EndpointKind::Custom,
    ];

    #[test]
    fn short_names_round_trip_and_only_the_sandbox_is_not_tencent() {
        for kind in ALL {
            assert_eq!(kind.as_str().parse::<EndpointKind>().ok(), Some(kind));
            let expected = if kind == EndpointKind::Sandbox {
                ConnectionKind::Sandbox
            } else {
                ConnectionKind::Tencent
            };
            assert_eq!(kind.connection(), expected, "{kind}");
        }
        assert!("international".parse::<EndpointKind>().is_err());
    }

    #[test]
    fn the_ipc_names_are_snake_case() {
        let json = serde_json::to_string(&ALL).unwrap_or_default();
        assert_eq!(json, r#"["sandbox","international","china","custom"]"#);
        let json = serde_json::to_string(&[ConnectionKind::Sandbox, ConnectionKind::Tencent])
            .unwrap_or_default();
        assert_eq!(json, r#"["sandbox","tencent"]"#);
    }
}
