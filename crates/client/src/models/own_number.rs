//! `CreateOwnNumberApply` and `ModifyOwnNumberApply`.

pub use numdesk_model::{CallType, OwnNumberApplyDetailItem};
use serde::{Deserialize, Serialize};

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
