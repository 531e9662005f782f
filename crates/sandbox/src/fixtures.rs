//! The fixture account every sandbox serves: two CCC applications (SdkAppIds) with SIP trunks.

/// A number the fixture account bought from Tencent: listed by DescribeNumbers in Tencent's
/// `0086…` form (with CostType 0 on the China site) and, as written here, in
/// DescribeCCCBuyInfoList's `PhoneNumBuyList`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixtureBoughtNumber {
    pub number: &'static str,
    /// DescribeCCCBuyInfoList `Type`: 0 landline, 1 virtual operator, 2 carrier, 3 400-number.
    pub number_type: i64,
    /// DescribeCCCBuyInfoList `CallType`: **1 inbound, 2 outbound, 3 both** (not 0/1/2).
    pub call_type: i64,
}

/// One CCC application ("instance") of the fixture account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixtureInstance {
    pub sdk_app_id: u64,
    pub name: &'static str,
    /// SIP trunks an own-number application for this SdkAppId may name.
    pub sip_trunk_ids: &'static [i64],
    pub staff_buy_num: i64,
    pub sip_buy_num: i64,
    pub bought_numbers: &'static [FixtureBoughtNumber],
}

/// The SdkAppId most examples use.
pub const DEFAULT_SDK_APP_ID: u64 = 1_400_000_001;
/// A SIP trunk of [`DEFAULT_SDK_APP_ID`].
pub const DEFAULT_SIP_TRUNK_ID: i64 = 10_001;

/// The fixture account. 1400000001 has no numbers until own-number applications are approved;
/// 1400000002 also owns one bought number, so China-site listings show both CostTypes.
pub const FIXTURE_INSTANCES: &[FixtureInstance] = &[
    FixtureInstance {
        sdk_app_id: DEFAULT_SDK_APP_ID,
        name: "Sandbox Contact Centre",
        sip_trunk_ids: &[DEFAULT_SIP_TRUNK_ID, 10_002],
        staff_buy_num: 20,
        sip_buy_num: 5,
        bought_numbers: &[],
    },
    FixtureInstance {
        sdk_app_id: 1_400_000_002,
        name: "Sandbox Support Line",
        sip_trunk_ids: &[20_001],
        staff_buy_num: 5,
        sip_buy_num: 0,
        bought_numbers: &[FixtureBoughtNumber {
            number: "4008000001",
            number_type: 3,
            call_type: 3,
        }],
    },
];

/// Fixed purchase window shown for fixture purchases (2024-01-01 .. 2034-01-01 UTC).
pub(crate) const FIXTURE_BUY_TIME: i64 = 1_704_067_200;
pub(crate) const FIXTURE_END_TIME: i64 = 2_019_686_400;

pub(crate) fn instance(sdk_app_id: u64) -> Option<&'static FixtureInstance> {
    FIXTURE_INSTANCES
        .iter()
        .find(|i| i.sdk_app_id == sdk_app_id)
}
