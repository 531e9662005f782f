//! Typed request and response bodies (the `Response` object, without the envelope).
//!
//! JSON names are Tencent's PascalCase; optional request fields are omitted when `None`, never
//! sent as `null`.

mod describe;
mod own_number;

pub use describe::{
    BuyInfoCallType, DescribeCccBuyInfoListRequest, DescribeCccBuyInfoListResponse,
    DescribeNumbersRequest, DescribeNumbersResponse, NumberInfo, NumberState, PackageBuyInfo,
    PhoneNumBuyInfo, SdkAppIdBuyInfo, StaffBuyInfo,
};
pub use own_number::{
    CallType, CreateOwnNumberApplyRequest, CreateOwnNumberApplyResponse,
    ModifyOwnNumberApplyRequest, ModifyOwnNumberApplyResponse, OwnNumberApplyDetailItem,
};

/// Action names, exactly as sent in `X-TC-Action`.
pub mod actions {
    /// Submit an own-number application.
    pub const CREATE_OWN_NUMBER_APPLY: &str = "CreateOwnNumberApply";
    /// Change a pending or rejected application.
    pub const MODIFY_OWN_NUMBER_APPLY: &str = "ModifyOwnNumberApply";
    /// List the numbers of an application.
    pub const DESCRIBE_NUMBERS: &str = "DescribeNumbers";
    /// List what was bought per application.
    pub const DESCRIBE_CCC_BUY_INFO_LIST: &str = "DescribeCCCBuyInfoList";
}

#[cfg(test)]
mod tests;
