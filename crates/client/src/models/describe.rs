//! Read-only actions: `DescribeNumbers` and `DescribeCCCBuyInfoList`.
//!
//! Response fields are `Option` (or default to empty lists): Tencent omits fields freely, and a
//! read-only call used as "test connection" must not fail because one is missing.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

/// Request of `DescribeNumbers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeNumbersRequest {
    /// CCC application (instance) id.
    pub sdk_app_id: u64,
    /// Page number, from 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_number: Option<u64>,
    /// Page size (Tencent's default is 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u64>,
}

impl DescribeNumbersRequest {
    /// First page with Tencent's default page size.
    pub fn new(sdk_app_id: u64) -> Self {
        Self {
            sdk_app_id,
            page_number: None,
            page_size: None,
        }
    }

    /// A given page (from 0) of a given size.
    pub fn page(sdk_app_id: u64, page_number: u64, page_size: u64) -> Self {
        Self {
            sdk_app_id,
            page_number: Some(page_number),
            page_size: Some(page_size),
        }
    }
}

/// Response of `DescribeNumbers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
#[ts(optional_fields)]
pub struct DescribeNumbersResponse {
    /// Number of numbers in all pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub total_count: Option<u64>,
    /// This page.
    #[serde(default)]
    pub numbers: Vec<NumberInfo>,
    /// Tencent's id of this request.
    pub request_id: String,
}

/// One number of a CCC application (`NumberInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
#[ts(optional_fields)]
pub struct NumberInfo {
    /// The number.
    pub number: String,
    /// Outbound skill groups bound to it.
    #[serde(default)]
    #[ts(type = "Array<number>")]
    pub call_out_skill_group_ids: Vec<u64>,
    /// 1 normal, 2 stopped for arrears, 4 disabled by an admin, 5 disabled for a violation
    /// (see [`NumberState`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub state: Option<i64>,
    /// 1 = own number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub cost_type: Option<i64>,
}

impl NumberInfo {
    /// The state as a known value, if it is one.
    pub fn number_state(&self) -> Option<NumberState> {
        self.state.and_then(NumberState::from_code)
    }

    /// Whether the China site says this is an own number (`CostType` 1). The International
    /// site never sends CostType: see [`NumberInfo::may_be_own_number`].
    pub fn is_own_number(&self) -> bool {
        self.cost_type == Some(1)
    }

    /// Whether this can be an own number on either site: CostType 1 (China), or no CostType
    /// at all (the International site's `NumberInfo` has none). CostType 0 is a number bought
    /// from Tencent.
    pub fn may_be_own_number(&self) -> bool {
        self.cost_type.is_none_or(|c| c == 1)
    }
}

/// `NumberInfo.State` values documented by Tencent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(repr(enum))]
pub enum NumberState {
    /// 1: in service.
    Normal = 1,
    /// 2: stopped because the account is in arrears.
    StoppedForArrears = 2,
    /// 4: disabled by an administrator.
    DisabledByAdmin = 4,
    /// 5: disabled for a violation.
    DisabledForViolation = 5,
}

impl NumberState {
    /// The state for a code, if documented.
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            1 => Some(Self::Normal),
            2 => Some(Self::StoppedForArrears),
            4 => Some(Self::DisabledByAdmin),
            5 => Some(Self::DisabledForViolation),
            _ => None,
        }
    }
}

/// Request of `DescribeCCCBuyInfoList`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeCccBuyInfoListRequest {
    /// Only these applications; all when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdk_app_ids: Option<Vec<u64>>,
}

/// Response of `DescribeCCCBuyInfoList`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
#[ts(optional_fields)]
pub struct DescribeCccBuyInfoListResponse {
    /// Number of applications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub total_count: Option<i64>,
    /// One entry per CCC application.
    #[serde(default)]
    pub sdk_app_id_buy_list: Vec<SdkAppIdBuyInfo>,
    /// Call packages bought.
    #[serde(default)]
    pub package_buy_list: Vec<PackageBuyInfo>,
    /// Tencent's id of this request.
    pub request_id: String,
}

/// What was bought for one CCC application (`SdkAppIdBuyInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
#[ts(optional_fields)]
pub struct SdkAppIdBuyInfo {
    /// Application id.
    #[ts(type = "number")]
    pub sdk_app_id: u64,
    /// Application name (what the user calls it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Seats bought and still valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub staff_buy_num: Option<i64>,
    /// Seat purchases still valid.
    #[serde(default)]
    pub staff_buy_list: Vec<StaffBuyInfo>,
    /// Numbers bought.
    #[serde(default)]
    pub phone_num_buy_list: Vec<PhoneNumBuyInfo>,
    /// SIP seats bought.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub sip_buy_num: Option<i64>,
}

/// One seat purchase (`StaffBuyInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
#[ts(optional_fields)]
pub struct StaffBuyInfo {
    /// Seats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub num: Option<i64>,
    /// Purchase time, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub buy_time: Option<i64>,
    /// End time, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub end_time: Option<i64>,
    /// SIP seats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub sip_num: Option<i64>,
}

/// One bought number (`PhoneNumBuyInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
#[ts(optional_fields)]
pub struct PhoneNumBuyInfo {
    /// The number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_num: Option<String>,
    /// 0 landline, 1 virtual operator, 2 carrier number, 3 400 number.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub number_type: Option<i64>,
    /// **1 inbound, 2 outbound, 3 both** — a different coding from [`CallType`](crate::CallType).
    /// A value outside 1–3 (Tencent's own example shows 0) reads as `None`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient_buy_info_call_type"
    )]
    #[ts(as = "Option<BuyInfoCallType>")]
    pub call_type: Option<BuyInfoCallType>,
    /// Purchase time, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub buy_time: Option<i64>,
    /// End time, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub end_time: Option<i64>,
    /// 1 normal, 2 stopped for arrears, 4 disabled by an admin, 5 disabled for a violation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub state: Option<i64>,
}

/// Direction of a bought number in `DescribeCCCBuyInfoList`: **1 inbound, 2 outbound, 3 both**.
///
/// Deliberately a separate type from [`CallType`](crate::CallType) (0/1/2); there is no
/// conversion between the two, so they cannot be mixed by accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(repr(enum))]
pub enum BuyInfoCallType {
    /// 1: inbound.
    Inbound = 1,
    /// 2: outbound.
    Outbound = 2,
    /// 3: inbound and outbound.
    InboundAndOutbound = 3,
}

impl BuyInfoCallType {
    /// The integer Tencent uses.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The type for a code, if it is one of 1, 2, 3.
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            1 => Some(Self::Inbound),
            2 => Some(Self::Outbound),
            3 => Some(Self::InboundAndOutbound),
            _ => None,
        }
    }
}

/// `PhoneNumBuyInfo.CallType` in responses: a value outside 1–3 reads as `None`.
mod lenient_buy_info_call_type {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::BuyInfoCallType;

    pub fn serialize<S: Serializer>(
        value: &Option<BuyInfoCallType>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<BuyInfoCallType>, D::Error> {
        Ok(Option::<i64>::deserialize(deserializer)?.and_then(BuyInfoCallType::from_code))
    }
}

impl fmt::Display for BuyInfoCallType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Inbound => "inbound",
            Self::Outbound => "outbound",
            Self::InboundAndOutbound => "inbound and outbound",
        })
    }
}

impl Serialize for BuyInfoCallType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.code())
    }
}

impl<'de> Deserialize<'de> for BuyInfoCallType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = i64::deserialize(deserializer)?;
        Self::from_code(code).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "buy-info CallType {code} is not valid: expected 1 (inbound), 2 (outbound) or 3 \
                 (inbound and outbound)"
            ))
        })
    }
}

/// One call package (`PackageBuyInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
#[ts(optional_fields)]
pub struct PackageBuyInfo {
    /// Package id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_id: Option<String>,
    /// 0 outbound package, 1 400-inbound package.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub package_type: Option<i64>,
    /// Total capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub capacity_size: Option<i64>,
    /// Remaining capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub capacity_remain: Option<i64>,
    /// Purchase time, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub buy_time: Option<i64>,
    /// End time, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub end_time: Option<i64>,
}
