use serde_json::json;
use ts_rs::TS;

use super::*;

#[test]
fn create_request_with_required_fields_only_omits_every_optional_field() {
    let req = CreateOwnNumberApplyRequest::new(
        1400000000,
        77,
        vec![OwnNumberApplyDetailItem::new(
            CallType::Outbound,
            "02012345678",
            10,
            2,
        )],
    );
    assert_eq!(
        serde_json::to_string(&req).unwrap(),
        r#"{"SdkAppId":1400000000,"SipTrunkId":77,"DetailList":[{"CallType":1,"PhoneNumber":"02012345678","MaxCallCount":10,"MaxCallPSec":2}]}"#,
        "optional fields must be omitted, not sent as null; CallType must be an integer"
    );
}

#[test]
fn create_request_with_every_field_uses_tencent_names() {
    let mut item =
        OwnNumberApplyDetailItem::new(CallType::InboundAndOutbound, "8613800000000", 5, 1);
    item.outbound_callee_format = Some("{+E.164}".into());
    item.carrier_phone_number = Some("02099999999".into());
    let mut req = CreateOwnNumberApplyRequest::new(1400000001, -1, vec![item]);
    req.prefix = Some("9".into());
    req.mobile_ndd_prefix = Some("0".into());
    req.local_number_trim_ac = Some(true);
    req.callee_format_passthrough = Some(false);
    req.caller_format_passthrough = Some(true);
    req.international_number_prefix = Some("00".into());
    assert_eq!(
        serde_json::to_value(&req).unwrap(),
        json!({
            "SdkAppId": 1400000001u64, "SipTrunkId": -1,
            "DetailList": [{"CallType": 2, "PhoneNumber": "8613800000000", "MaxCallCount": 5,
                "MaxCallPSec": 1, "OutboundCalleeFormat": "{+E.164}",
                "CarrierPhoneNumber": "02099999999"}],
            "Prefix": "9", "MobileNddPrefix": "0", "LocalNumberTrimAC": true,
            "CalleeFormatPassthrough": false, "CallerFormatPassthrough": true,
            "InternationalNumberPrefix": "00"
        }),
        "every spec field must serialise under Tencent's exact name (note LocalNumberTrimAC)"
    );
}

#[test]
fn call_type_codes_are_0_1_2_and_reject_others() {
    for (t, n) in [
        (CallType::Inbound, 0),
        (CallType::Outbound, 1),
        (CallType::InboundAndOutbound, 2),
    ] {
        assert_eq!(serde_json::to_value(t).unwrap(), json!(n));
        assert_eq!(serde_json::from_value::<CallType>(json!(n)).unwrap(), t);
    }
    let err = serde_json::from_value::<CallType>(json!(3))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("CallType 3 is not valid"),
        "3 is a buy-info code, not a CallType: {err}"
    );
}

#[test]
fn buy_info_call_type_is_1_2_3_and_lenient_inside_responses() {
    assert_eq!(
        serde_json::to_value(BuyInfoCallType::Inbound).unwrap(),
        json!(1)
    );
    assert_eq!(
        serde_json::to_value(BuyInfoCallType::InboundAndOutbound).unwrap(),
        json!(3)
    );
    assert!(serde_json::from_value::<BuyInfoCallType>(json!(0)).is_err());
    let info: PhoneNumBuyInfo =
        serde_json::from_value(json!({"PhoneNum": "1809268888", "Type": 0, "CallType": 0}))
            .unwrap();
    assert_eq!(
        info.call_type, None,
        "Tencent's own example has CallType 0: must not fail"
    );
    let info: PhoneNumBuyInfo = serde_json::from_value(json!({"CallType": 2})).unwrap();
    assert_eq!(info.call_type, Some(BuyInfoCallType::Outbound));
}

#[test]
fn modify_request_has_no_sip_trunk_and_omits_unset_fields() {
    let req = ModifyOwnNumberApplyRequest::new(
        1400000000,
        42,
        vec![OwnNumberApplyDetailItem::new(
            CallType::Inbound,
            "02012345678",
            1,
            1,
        )],
    );
    assert_eq!(
        serde_json::to_string(&req).unwrap(),
        r#"{"SdkAppId":1400000000,"DetailList":[{"CallType":0,"PhoneNumber":"02012345678","MaxCallCount":1,"MaxCallPSec":1}],"ApplyId":42}"#
    );
}

#[test]
fn describe_requests_omit_unset_fields() {
    assert_eq!(
        serde_json::to_string(&DescribeNumbersRequest::new(1400000000)).unwrap(),
        r#"{"SdkAppId":1400000000}"#
    );
    assert_eq!(
        serde_json::to_string(&DescribeNumbersRequest::page(1, 0, 50)).unwrap(),
        r#"{"SdkAppId":1,"PageNumber":0,"PageSize":50}"#
    );
    assert_eq!(
        serde_json::to_string(&DescribeCccBuyInfoListRequest::default()).unwrap(),
        "{}"
    );
}

#[test]
fn tencent_buy_info_example_decodes() {
    // Shape of the example output in Tencent's CLI documentation for DescribeCCCBuyInfoList.
    let resp: DescribeCccBuyInfoListResponse = serde_json::from_value(json!({
        "TotalCount": 1,
        "SdkAppIdBuyList": [{"SdkAppId": 1400000000u64, "Name": "客服中心", "StaffBuyNum": 0,
            "StaffBuyList": [{"Num": 0, "EndTime": 1623988825, "BuyTime": 1613988825, "SipNum": 0}],
            "PhoneNumBuyList": [{"PhoneNum": "1809268888", "Type": 0, "CallType": 1,
                "EndTime": 1623988825, "BuyTime": 1613988825, "State": 0}],
            "SipBuyNum": 0}],
        "PackageBuyList": [{"PackageId": "d6253538", "Type": 0, "CapacitySize": 0,
            "CapacityRemain": 0, "EndTime": 1623988825, "BuyTime": 1613988825}],
        "RequestId": "abc"
    }))
    .unwrap();
    assert_eq!(
        resp.sdk_app_id_buy_list[0].name.as_deref(),
        Some("客服中心")
    );
    assert_eq!(
        resp.sdk_app_id_buy_list[0].phone_num_buy_list[0].call_type,
        Some(BuyInfoCallType::Inbound)
    );
    assert_eq!(
        resp.package_buy_list[0].package_id.as_deref(),
        Some("d6253538")
    );
}

#[test]
fn numbers_response_decodes_with_missing_fields() {
    let resp: DescribeNumbersResponse = serde_json::from_value(json!({
        "TotalCount": 2,
        "Numbers": [{"Number": "02012345678", "CallOutSkillGroupIds": [1, 2], "State": 1,
            "CostType": 1}, {"Number": "02087654321"}],
        "RequestId": "r-1"
    }))
    .unwrap();
    assert_eq!(resp.numbers[0].number_state(), Some(NumberState::Normal));
    assert!(resp.numbers[0].is_own_number());
    assert_eq!(resp.numbers[1].state, None);
    assert!(resp.numbers[1].call_out_skill_group_ids.is_empty());
}

#[test]
fn ts_types_for_the_ui_use_numbers_and_numeric_enums() {
    let item = OwnNumberApplyDetailItem::decl(&ts_rs::Config::default());
    assert!(item.contains("CallType: CallType"), "{item}");
    assert!(item.contains("MaxCallPSec: number"), "{item}");
    assert!(item.contains("OutboundCalleeFormat?: string"), "{item}");
    let call_type = CallType::decl(&ts_rs::Config::default());
    assert!(call_type.contains(r#""Inbound" = 0"#), "{call_type}");
    assert!(
        call_type.contains(r#""InboundAndOutbound" = 2"#),
        "{call_type}"
    );
    let buy = BuyInfoCallType::decl(&ts_rs::Config::default());
    assert!(
        buy.contains(r#""Inbound" = 1"#) && buy.contains(r#""InboundAndOutbound" = 3"#),
        "{buy}"
    );
    let phone = PhoneNumBuyInfo::decl(&ts_rs::Config::default());
    assert!(phone.contains("CallType?: BuyInfoCallType"), "{phone}");
    let info = SdkAppIdBuyInfo::decl(&ts_rs::Config::default());
    assert!(
        info.contains("SdkAppId: number"),
        "u64 ids must be plain numbers in TS: {info}"
    );
}
