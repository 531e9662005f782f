//! Number Desk's shared vocabulary, free of I/O: the words import, store, outbox, client and
//! CLI all use, defined once.
//!
//! - [`number_key`] / [`PhoneChecker::key`]: the **canonical key** of a phone number. Every
//!   duplicate check compares keys, never text: `+86 20 3800 1234`, `020-3800-1234`,
//!   `0086 20 38001234` and `862038001234` are one number (`+862038001234`), and so is
//!   `0086020380012 34` as `DescribeNumbers` lists it. E.164 when the number parses (for the
//!   draft's country, or with `+`/`00`), else its digits.
//! - [`NumberForm`]: the one form a draft's numbers are sent in; [`WrittenForm`]: how a file
//!   wrote them.
//! - [`CallType`] (0 inbound, 1 outbound, 2 both) and [`ApplyOptions`], the optional fields of
//!   `CreateOwnNumberApply`.
//! - [`ConnectionKind`], [`EndpointKind`]: where requests go (see the `destination` module).
//! - [`NetworkKind`]: which network failure stopped a request, by a stable name.

mod destination;
mod network;
mod phone;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

pub use destination::{ConnectionKind, EndpointKind, InvalidEndpointKind};
pub use network::{InvalidNetworkKind, NetworkKind};
pub use phone::{Country, NumberForm, PhoneChecker, PhoneInfo, WrittenForm};
/// A number's type (mobile, fixed line, …), as `phonenumber` classifies it.
pub use phonenumber::Type as NumberType;

/// Why a value of this vocabulary is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// Not a two-letter ISO country code known to the phone number metadata.
    #[error(
        "{value:?} is not a country: expected a two-letter ISO country code such as CN, HK, SG or US"
    )]
    InvalidCountry {
        /// What was given.
        value: String,
    },
    /// Not `national` or `international`.
    #[error("{value:?} is not a number form: expected national or international")]
    InvalidNumberForm {
        /// What was given.
        value: String,
    },
}

/// The canonical key of `number` read for `country` (see the crate docs). For many numbers,
/// keep one [`PhoneChecker`] and call [`PhoneChecker::key`]: it compiles the country's
/// patterns once.
pub fn number_key(number: &str, country: Option<Country>) -> String {
    PhoneChecker::new(country).key(number)
}

/// Direction of an own number in an application: **0 inbound, 1 outbound, 2 both**.
///
/// Serialised as the bare integer Tencent expects. Not to be confused with
/// `BuyInfoCallType` in the client, which uses 1/2/3 for the same idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(repr(enum))]
pub enum CallType {
    /// 0: inbound calls only.
    Inbound = 0,
    /// 1: outbound calls only.
    Outbound = 1,
    /// 2: inbound and outbound.
    InboundAndOutbound = 2,
}

impl CallType {
    /// The integer sent to Tencent.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The type for an integer code, if it is one of 0, 1, 2.
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(Self::Inbound),
            1 => Some(Self::Outbound),
            2 => Some(Self::InboundAndOutbound),
            _ => None,
        }
    }
}

impl fmt::Display for CallType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Inbound => "inbound",
            Self::Outbound => "outbound",
            Self::InboundAndOutbound => "inbound and outbound",
        })
    }
}

impl Serialize for CallType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.code())
    }
}

impl<'de> Deserialize<'de> for CallType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = i64::deserialize(deserializer)?;
        Self::from_code(code).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "CallType {code} is not valid: expected 0 (inbound), 1 (outbound) or 2 (inbound \
                 and outbound)"
            ))
        })
    }
}

/// One number in an application (`OwnNumberApplyDetailItem`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
#[ts(optional_fields)]
pub struct OwnNumberApplyDetailItem {
    /// 0 inbound, 1 outbound, 2 both.
    pub call_type: CallType,
    /// The line number, e.g. `02012345678`.
    pub phone_number: String,
    /// Maximum concurrent calls.
    #[ts(type = "number")]
    pub max_call_count: i64,
    /// Maximum new calls per second.
    #[serde(rename = "MaxCallPSec")]
    #[ts(type = "number")]
    pub max_call_p_sec: i64,
    /// Literally `{+E.164}` or `{E.164}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_callee_format: Option<String>,
    /// The carrier-side number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier_phone_number: Option<String>,
}

impl OwnNumberApplyDetailItem {
    /// An item with the required fields only.
    pub fn new(
        call_type: CallType,
        phone_number: impl Into<String>,
        max_call_count: i64,
        max_call_p_sec: i64,
    ) -> Self {
        Self {
            call_type,
            phone_number: phone_number.into(),
            max_call_count,
            max_call_p_sec,
            outbound_callee_format: None,
            carrier_phone_number: None,
        }
    }
}

/// The optional prefix/format fields of `CreateOwnNumberApply` (and `ModifyOwnNumberApply`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields)]
pub struct ApplyOptions {
    /// `Prefix`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// `MobileNddPrefix`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_ndd_prefix: Option<String>,
    /// `LocalNumberTrimAC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_number_trim_ac: Option<bool>,
    /// `CalleeFormatPassthrough` (China site).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callee_format_passthrough: Option<bool>,
    /// `CallerFormatPassthrough` (China site).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_format_passthrough: Option<bool>,
    /// `InternationalNumberPrefix` (China site).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub international_number_prefix: Option<String>,
}

/// The two spellings of `OutboundCalleeFormat`, as sent: the SDK's case. The International
/// pages print them in lower case (`{+e.164}`); [`callee_format`] accepts either.
pub const CALLEE_FORMATS: [&str; 2] = ["{+E.164}", "{E.164}"];

/// `OutboundCalleeFormat` in the one case it is sent in, whatever case it was written in.
pub fn callee_format(value: &str) -> Option<&'static str> {
    let v = value.trim();
    CALLEE_FORMATS
        .into_iter()
        .find(|f| f.eq_ignore_ascii_case(v))
}
