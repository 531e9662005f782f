//! `CreateOwnNumberApply` and `ModifyOwnNumberApply`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

/// Direction of an own number in an application: **0 inbound, 1 outbound, 2 both**.
///
/// Serialised as the bare integer Tencent expects. Not to be confused with
/// [`BuyInfoCallType`](crate::models::BuyInfoCallType), which uses 1/2/3 for the same idea.
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

/// Request of `CreateOwnNumberApply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateOwnNumberApplyRequest {
    /// CCC application (instance) id.
    pub sdk_app_id: u64,
    /// SIP trunk id.
    pub sip_trunk_id: i64,
    /// The numbers.
    pub detail_list: Vec<OwnNumberApplyDetailItem>,
    /// Prefix added to sent numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Domestic long-distance prefix for mobile numbers (e.g. `0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_ndd_prefix: Option<String>,
    /// Strip the area code for same-city landlines.
    #[serde(
        rename = "LocalNumberTrimAC",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub local_number_trim_ac: Option<bool>,
    /// Pass the callee number through unchanged (China-site SDK only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callee_format_passthrough: Option<bool>,
    /// Pass the caller number through unchanged (China-site SDK only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_format_passthrough: Option<bool>,
    /// International dialling prefix, e.g. `00` (China-site SDK only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub international_number_prefix: Option<String>,
}

impl CreateOwnNumberApplyRequest {
    /// A request with the required fields only.
    pub fn new(
        sdk_app_id: u64,
        sip_trunk_id: i64,
        detail_list: Vec<OwnNumberApplyDetailItem>,
    ) -> Self {
        Self {
            sdk_app_id,
            sip_trunk_id,
            detail_list,
            prefix: None,
            mobile_ndd_prefix: None,
            local_number_trim_ac: None,
            callee_format_passthrough: None,
            caller_format_passthrough: None,
            international_number_prefix: None,
        }
    }
}

/// Response of `CreateOwnNumberApply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateOwnNumberApplyResponse {
    /// Id of the new application.
    pub apply_id: u64,
    /// Tencent's id of this request.
    pub request_id: String,
}

/// Request of `ModifyOwnNumberApply` (no `SipTrunkId`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ModifyOwnNumberApplyRequest {
    /// CCC application (instance) id.
    pub sdk_app_id: u64,
    /// The numbers.
    pub detail_list: Vec<OwnNumberApplyDetailItem>,
    /// The application to change.
    #[serde(rename = "ApplyId", default, skip_serializing_if = "Option::is_none")]
    pub apply_id: Option<u64>,
    /// Prefix added to sent numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Domestic long-distance prefix for mobile numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_ndd_prefix: Option<String>,
    /// Strip the area code for same-city landlines.
    #[serde(
        rename = "LocalNumberTrimAC",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub local_number_trim_ac: Option<bool>,
    /// Pass the callee number through unchanged (China-site SDK only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callee_format_passthrough: Option<bool>,
    /// Pass the caller number through unchanged (China-site SDK only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_format_passthrough: Option<bool>,
    /// International dialling prefix (China-site SDK only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub international_number_prefix: Option<String>,
}

impl ModifyOwnNumberApplyRequest {
    /// A request changing application `apply_id`, with no optional prefix/format field set.
    pub fn new(sdk_app_id: u64, apply_id: u64, detail_list: Vec<OwnNumberApplyDetailItem>) -> Self {
        Self {
            sdk_app_id,
            detail_list,
            apply_id: Some(apply_id),
            prefix: None,
            mobile_ndd_prefix: None,
            local_number_trim_ac: None,
            callee_format_passthrough: None,
            caller_format_passthrough: None,
            international_number_prefix: None,
        }
    }
}

/// Response of `ModifyOwnNumberApply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ModifyOwnNumberApplyResponse {
    /// Tencent's id of this request.
    pub request_id: String,
}
