//! The four CCC actions over real loopback HTTP: parameters, fixtures, duplicates, Modify rules,
//! approvals, rate limit, pending cap and persistence.
//!
//! Over 500 lines because each test drives one rule of the four CCC actions over HTTP (parameters,
//! duplicates, Modify, approval, rate limit, pending cap, restart).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

use std::time::Duration;

use common::*;
use numdesk_sandbox::{
    ApplicationState, DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID, SandboxConfig, SandboxError, Site,
};
use serde_json::{Value, json};

const CREATE: &str = "CreateOwnNumberApply";
const MODIFY: &str = "ModifyOwnNumberApply";
const NUMBERS: &str = "DescribeNumbers";
const BUY_INFO: &str = "DescribeCCCBuyInfoList";

#[tokio::test]
async fn create_returns_increasing_apply_ids_and_keeps_what_was_sent() {
    // Every optional field, including the three the China site alone knows.
    let sb = start(SandboxConfig {
        site: Site::China,
        ..SandboxConfig::default()
    })
    .await;
    let body = json!({
        "SdkAppId": DEFAULT_SDK_APP_ID,
        "SipTrunkId": DEFAULT_SIP_TRUNK_ID,
        "DetailList": [
            {"CallType": 0, "PhoneNumber": "02012345678", "MaxCallCount": 30, "MaxCallPSec": 5,
             "OutboundCalleeFormat": "{E.164}", "CarrierPhoneNumber": "862012345678"},
            {"CallType": 2, "PhoneNumber": "02012345679", "MaxCallCount": 1, "MaxCallPSec": 1}
        ],
        "Prefix": "9", "MobileNddPrefix": "0", "LocalNumberTrimAC": true,
        "CalleeFormatPassthrough": false, "CallerFormatPassthrough": true,
        "InternationalNumberPrefix": "00"
    });
    let first = call(&sb, CREATE, &body).await;
    let first = first.expect_ok("a full valid application is accepted")["ApplyId"]
        .as_u64()
        .unwrap();
    let second = create(&sb, &["02099999999"]).await;
    let third = create(&sb, &["02099999998"]).await;
    assert!(
        first < second && second < third,
        "ApplyIds increase: {first} {second} {third}"
    );

    let apps = sb.applications();
    assert_eq!(apps.len(), 3);
    let a = &apps[0];
    assert_eq!(a.apply_id, first);
    assert_eq!(
        a.state,
        ApplicationState::Pending,
        "new applications wait for review"
    );
    assert_eq!(a.numbers, ["02012345678", "02012345679"]);
    assert_eq!(a.details[0].call_type, 0);
    assert_eq!(
        a.details[0].outbound_callee_format.as_deref(),
        Some("{E.164}")
    );
    assert_eq!(
        a.details[0].carrier_phone_number.as_deref(),
        Some("862012345678")
    );
    assert_eq!(a.details[1].call_type, 2);
    assert_eq!(a.options.prefix.as_deref(), Some("9"));
    assert_eq!(a.options.callee_format_passthrough, Some(false));
    assert_eq!(a.options.international_number_prefix.as_deref(), Some("00"));
    sb.shutdown().await;
}

#[tokio::test]
async fn each_parameter_error_class_has_its_code_and_names_the_field() {
    // More than 20 cases are sent back to back: lift the rate limit for this test.
    let sb = start(SandboxConfig {
        rate_limit_per_sec: 1000,
        ..SandboxConfig::default()
    })
    .await;
    let good = create_body(&["02011111111"]);
    let with = |path: &[&str], value: Value| {
        let mut b = good.clone();
        let mut slot = &mut b;
        for p in path {
            slot = match p.parse::<usize>() {
                Ok(i) => &mut slot[i],
                Err(_) => &mut slot[*p],
            };
        }
        *slot = value;
        b
    };
    let without = |field: &str| {
        let mut b = good.clone();
        b.as_object_mut().unwrap().remove(field);
        b
    };
    let cases: Vec<(Value, &str, &str)> = vec![
        (without("SdkAppId"), "MissingParameter", "SdkAppId"),
        (without("SipTrunkId"), "MissingParameter", "SipTrunkId"),
        (without("DetailList"), "MissingParameter", "DetailList"),
        (
            with(&["DetailList", "0", "MaxCallPSec"], Value::Null),
            "MissingParameter",
            "DetailList.0.MaxCallPSec",
        ),
        (with(&["Foo"], json!(1)), "UnknownParameter", "Foo"),
        (
            with(&["DetailList", "0", "Carrier"], json!("x")),
            "UnknownParameter",
            "DetailList.0.Carrier",
        ),
        (
            with(&["SdkAppId"], json!("1400000001")),
            "InvalidParameter",
            "SdkAppId",
        ),
        (
            with(&["SdkAppId"], json!(-1)),
            "InvalidParameter",
            "SdkAppId",
        ),
        (
            with(&["SipTrunkId"], json!(1.5)),
            "InvalidParameter",
            "SipTrunkId",
        ),
        (
            with(&["DetailList"], json!({})),
            "InvalidParameter",
            "DetailList",
        ),
        (
            with(&["DetailList", "0"], json!("02011111111")),
            "InvalidParameter",
            "DetailList.0",
        ),
        (
            with(&["DetailList", "0", "MaxCallCount"], json!("10")),
            "InvalidParameter",
            "DetailList.0.MaxCallCount",
        ),
        (
            with(&["DetailList", "0", "PhoneNumber"], json!(2011111111)),
            "InvalidParameter",
            "DetailList.0.PhoneNumber",
        ),
        (
            with(&["LocalNumberTrimAC"], json!("true")),
            "InvalidParameter",
            "LocalNumberTrimAC",
        ),
        (with(&["Prefix"], json!(9)), "InvalidParameter", "Prefix"),
        (
            with(&["DetailList"], json!([])),
            "InvalidParameterValue",
            "DetailList",
        ),
        (
            with(&["DetailList", "0", "CallType"], json!(3)),
            "InvalidParameterValue",
            "DetailList.0.CallType",
        ),
        (
            with(&["DetailList", "0", "PhoneNumber"], json!("")),
            "InvalidParameterValue",
            "DetailList.0.PhoneNumber",
        ),
        (
            with(&["DetailList", "0", "MaxCallCount"], json!(0)),
            "InvalidParameterValue",
            "DetailList.0.MaxCallCount",
        ),
        (
            with(&["DetailList", "0", "MaxCallPSec"], json!(-1)),
            "InvalidParameterValue",
            "DetailList.0.MaxCallPSec",
        ),
        (
            with(
                &["DetailList", "0", "OutboundCalleeFormat"],
                json!("+E.164"),
            ),
            "InvalidParameterValue",
            "DetailList.0.OutboundCalleeFormat",
        ),
    ];
    for (body, code, field) in cases {
        let reply = call(&sb, CREATE, &body).await;
        let msg = reply.expect_error(code, &format!("{field} -> {code}"));
        assert!(
            msg.contains(&format!("`{field}`")),
            "{code} names `{field}`: {msg}"
        );
    }

    // A body that is not JSON at all (signed as sent, so only the parameter check can fail).
    let raw = b"{\"SdkAppId\": 14".to_vec();
    let h = signed_for(&sb, CREATE, &raw);
    post(&sb, &h, raw)
        .await
        .expect_error("InvalidParameter", "a body that is not JSON");
    let raw = b"[1,2]".to_vec();
    let h = signed_for(&sb, CREATE, &raw);
    post(&sb, &h, raw)
        .await
        .expect_error("InvalidParameter", "a body that is not an object");

    assert!(
        sb.applications().is_empty(),
        "no refused request creates an application"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_instance_and_trunk_are_refused() {
    let sb = start(SandboxConfig::default()).await;
    let mut b = create_body(&["02011111111"]);
    b["SdkAppId"] = json!(1_400_000_999u64);
    let msg = call(&sb, CREATE, &b)
        .await
        .expect_error("InvalidParameterValue.InstanceNotExist", "unknown SdkAppId")
        .to_owned();
    assert!(msg.contains("1400000999"), "{msg}");

    let mut b = create_body(&["02011111111"]);
    b["SipTrunkId"] = json!(20_001);
    call(&sb, CREATE, &b).await.expect_error(
        "InvalidParameter.SipTrunkNotFound",
        "a trunk of another SdkAppId is not found on this one",
    );
    b["SdkAppId"] = json!(1_400_000_002u64);
    call(&sb, CREATE, &b)
        .await
        .expect_ok("the trunk belongs to 1400000002");

    for action in [NUMBERS, MODIFY] {
        let body = if action == NUMBERS {
            json!({"SdkAppId": 42})
        } else {
            json!({"SdkAppId": 42, "ApplyId": 1, "DetailList": [detail("1")]})
        };
        call(&sb, action, &body)
            .await
            .expect_error("InvalidParameterValue.InstanceNotExist", action);
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn duplicate_numbers_are_refused_and_named() {
    let sb = start(SandboxConfig::default()).await;
    let msg = call(&sb, CREATE, &create_body(&["020A", "020B", "020A"]))
        .await
        .expect_error(
            "InvalidParameter.DuplicatePhoneNumber",
            "a number repeated in one request",
        )
        .to_owned();
    assert!(
        msg.contains("020A") && !msg.contains("020B"),
        "names only the repeated one: {msg}"
    );

    let first = create(&sb, &["020A", "020B"]).await;
    let msg = call(&sb, CREATE, &create_body(&["020C", "020B"]))
        .await
        .expect_error(
            "InvalidParameter.DuplicatePhoneNumber",
            "a number in a pending application",
        )
        .to_owned();
    assert!(
        msg.contains("020B") && msg.contains(&first.to_string()),
        "{msg}"
    );
    assert!(
        !msg.contains("020C"),
        "only clashing numbers are named: {msg}"
    );

    let mut other = create_body(&["020B"]);
    other["SdkAppId"] = json!(1_400_000_002u64);
    other["SipTrunkId"] = json!(20_001);
    call(&sb, CREATE, &other)
        .await
        .expect_ok("another SdkAppId may use the same number");
    other["DetailList"] = json!([detail("4008000001")]);
    call(&sb, CREATE, &other).await.expect_error(
        "InvalidParameter.DuplicatePhoneNumber",
        "a number the SdkAppId already bought is in use",
    );

    sb.approve(first).unwrap();
    call(&sb, CREATE, &create_body(&["020A"]))
        .await
        .expect_error(
            "InvalidParameter.DuplicatePhoneNumber",
            "a number in an approved application",
        );
    let second = create(&sb, &["020D"]).await;
    sb.reject(second).unwrap();
    create(&sb, &["020D"]).await;
    sb.shutdown().await;
}

#[tokio::test]
async fn modify_allows_pending_and_rejected_only() {
    let sb = start(SandboxConfig::default()).await;
    let id = create(&sb, &["020A"]).await;
    let modify = |apply_id: u64, numbers: &[&str]| {
        json!({
            "SdkAppId": DEFAULT_SDK_APP_ID,
            "ApplyId": apply_id,
            "DetailList": numbers.iter().map(|n| detail(n)).collect::<Vec<_>>(),
            "Prefix": "8",
        })
    };
    let r = call(&sb, MODIFY, &modify(id, &["020B", "020C"])).await;
    let resp = r.expect_ok("a pending application can be modified");
    assert_eq!(
        resp.as_object().unwrap().len(),
        1,
        "Modify answers only a RequestId: {resp}"
    );
    let app = &sb.applications()[0];
    assert_eq!(app.numbers, ["020B", "020C"], "Modify replaces the numbers");
    assert_eq!(app.options.prefix.as_deref(), Some("8"));
    assert_eq!(app.modify_count, 1);
    assert_eq!(
        app.sip_trunk_id, DEFAULT_SIP_TRUNK_ID,
        "the trunk stays as created"
    );
    create(&sb, &["020A"]).await; // the replaced number is free again

    sb.reject(id).unwrap();
    call(&sb, MODIFY, &modify(id, &["020B"]))
        .await
        .expect_ok("a rejected one can be re-submitted");
    assert_eq!(
        sb.applications()[0].state,
        ApplicationState::Pending,
        "re-submitted = pending"
    );

    sb.approve(id).unwrap();
    call(&sb, MODIFY, &modify(id, &["020E"]))
        .await
        .expect_error(
            "InvalidParameterValue.ErrorApplyStatus",
            "an approved one cannot change",
        );
    assert_eq!(
        sb.applications()[0].numbers,
        ["020B"],
        "a refused Modify changes nothing"
    );

    call(&sb, MODIFY, &modify(987_654, &["020F"]))
        .await
        .expect_error("InvalidParameterValue.ApplyIDNotExist", "unknown ApplyId");
    let mut other = modify(id, &["020F"]);
    other["SdkAppId"] = json!(1_400_000_002u64);
    call(&sb, MODIFY, &other).await.expect_error(
        "InvalidParameterValue.ApplyIDNotExist",
        "an ApplyId of another SdkAppId does not exist there",
    );
    let mut with_trunk = modify(id, &["020F"]);
    with_trunk["SipTrunkId"] = json!(DEFAULT_SIP_TRUNK_ID);
    call(&sb, MODIFY, &with_trunk)
        .await
        .expect_error("UnknownParameter", "ModifyOwnNumberApply has no SipTrunkId");
    let mut no_id = modify(id, &["020F"]);
    no_id.as_object_mut().unwrap().remove("ApplyId");
    call(&sb, MODIFY, &no_id)
        .await
        .expect_error("MissingParameter", "ApplyId is required");

    assert!(matches!(
        sb.reject(id),
        Err(SandboxError::WrongApplicationState { .. })
    ));
    assert!(matches!(sb.reject(1), Err(SandboxError::UnknownApplyId(1))));
    sb.shutdown().await;
}

#[tokio::test]
async fn approve_after_lists_numbers_with_cost_type_1() {
    let config = SandboxConfig {
        approve_after: Some(Duration::from_secs(60)),
        site: Site::China,
        ..SandboxConfig::default()
    };
    let sb = start(config).await;
    sb.freeze_clock_now();
    let numbers: Vec<String> = (0..25).map(|i| format!("0203000{i:04}")).collect();
    let refs: Vec<&str> = numbers.iter().map(String::as_str).collect();
    let id = create(&sb, &refs).await;
    let page = |n: u64, size: Option<u64>| {
        let mut b = json!({"SdkAppId": DEFAULT_SDK_APP_ID, "PageNumber": n});
        if let Some(s) = size {
            b["PageSize"] = json!(s);
        }
        b
    };
    let r = call(&sb, NUMBERS, &page(0, None)).await;
    assert_eq!(
        r.expect_ok("DescribeNumbers")["TotalCount"],
        0,
        "pending numbers are not listed"
    );

    sb.advance_clock(Duration::from_secs(59));
    let r = call(&sb, NUMBERS, &page(0, None)).await;
    assert_eq!(
        r.expect_ok("59 s")["TotalCount"],
        0,
        "not approved before approve_after"
    );
    assert_eq!(sb.applications()[0].state, ApplicationState::Pending);

    sb.advance_clock(Duration::from_secs(1));
    let r = call(&sb, NUMBERS, &page(0, None)).await;
    let resp = r.expect_ok("60 s");
    assert_eq!(
        resp["TotalCount"], 25,
        "approved numbers are listed after approve_after"
    );
    let list = resp["Numbers"].as_array().unwrap();
    assert_eq!(list.len(), 20, "PageSize defaults to 20");
    assert_eq!(
        list[0]["Number"], "008602030000000",
        "PageNumber 0 is the first page, listed in Tencent's 0086 form"
    );
    for n in list {
        assert_eq!(n["CostType"], 1, "own numbers have CostType 1: {n}");
        assert_eq!(n["State"], 1, "approved numbers are in normal state: {n}");
        assert!(n["CallOutSkillGroupIds"].is_array());
    }
    let r = call(&sb, NUMBERS, &page(1, None)).await;
    let second = r.expect_ok("page 1")["Numbers"].as_array().unwrap().clone();
    assert_eq!(second.len(), 5);
    assert_eq!(second[0]["Number"], "008602030000020");
    let r = call(&sb, NUMBERS, &page(2, Some(10))).await;
    assert_eq!(
        r.expect_ok("page 2 of 10")["Numbers"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    call(&sb, NUMBERS, &page(0, Some(0)))
        .await
        .expect_error("InvalidParameterValue", "PageSize 0 is refused");
    assert_eq!(sb.applications()[0].state, ApplicationState::Approved);
    call(
        &sb,
        MODIFY,
        &json!({"SdkAppId": DEFAULT_SDK_APP_ID, "ApplyId": id, "DetailList": [detail("1")]}),
    )
    .await
    .expect_error(
        "InvalidParameterValue.ErrorApplyStatus",
        "approved by time, then frozen",
    );

    let other = call(&sb, NUMBERS, &json!({"SdkAppId": 1_400_000_002u64})).await;
    let other = other.expect_ok("the other SdkAppId");
    assert_eq!(other["TotalCount"], 1, "its bought number only");
    assert_eq!(
        other["Numbers"][0]["CostType"], 0,
        "bought numbers have CostType 0"
    );
    assert_eq!(
        other["Numbers"][0]["Number"], "00864008000001",
        "a bought 400 number is listed 0086 + its 10 digits"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn buy_info_lists_fixture_sdk_app_ids_with_names() {
    let sb = start(SandboxConfig::default()).await;
    let r = call(&sb, BUY_INFO, &json!({})).await;
    let all = r.expect_ok("DescribeCCCBuyInfoList without a filter");
    assert_eq!(all["TotalCount"], 2);
    let names: Vec<&str> = all["SdkAppIdBuyList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Sandbox Contact Centre", "Sandbox Support Line"]);
    assert_eq!(all["SdkAppIdBuyList"][0]["SdkAppId"], 1_400_000_001u64);
    assert!(all["PackageBuyList"].is_array());
    let bought = &all["SdkAppIdBuyList"][1]["PhoneNumBuyList"][0];
    assert_eq!(
        bought["CallType"], 3,
        "BuyInfo uses CallType 1/2/3 (3 = both)"
    );

    let r = call(&sb, BUY_INFO, &json!({"SdkAppIds": [1_400_000_002u64, 5]})).await;
    let some = r.expect_ok("filtered");
    assert_eq!(some["TotalCount"], 1, "SdkAppIds filters the list");
    assert_eq!(some["SdkAppIdBuyList"][0]["Name"], "Sandbox Support Line");
    call(&sb, BUY_INFO, &json!({"SdkAppIds": ["1400000001"]}))
        .await
        .expect_error("InvalidParameter", "SdkAppIds items are integers");
    call(&sb, BUY_INFO, &json!({"SdkAppId": 1}))
        .await
        .expect_error("UnknownParameter", "the field is SdkAppIds");
    sb.shutdown().await;
}

#[tokio::test]
async fn twenty_one_requests_in_one_second_meet_request_limit_exceeded() {
    let sb = start(SandboxConfig::default()).await;
    // Frozen clock: all 25 requests fall in the same instant whatever the machine's speed.
    sb.freeze_clock_now();
    let numbers: Vec<String> = (0..25).map(|i| format!("0204000{i:04}")).collect();
    let mut tasks = tokio::task::JoinSet::new();
    for n in &numbers {
        let body = serde_json::to_vec(&create_body(&[n.as_str()])).unwrap();
        let headers = signed_for(&sb, CREATE, &body);
        let url = sb.url();
        tasks.spawn(async move { try_post_url(&url, &headers, body).await.unwrap() });
    }
    let replies = tasks.join_all().await;
    let accepted = replies.iter().filter(|r| r.code().is_none()).count();
    let limited = replies
        .iter()
        .filter(|r| r.code() == Some("RequestLimitExceeded"))
        .count();
    assert_eq!(accepted, 20, "exactly 20 per action in a 1-second window");
    assert_eq!(limited, 5, "the rest is RequestLimitExceeded");
    assert_eq!(
        sb.applications().len(),
        20,
        "limited requests commit nothing"
    );

    call(&sb, BUY_INFO, &json!({}))
        .await
        .expect_ok("the limit is per action");
    sb.advance_clock(Duration::from_millis(999));
    call(&sb, CREATE, &create_body(&["0204999"]))
        .await
        .expect_error("RequestLimitExceeded", "still inside the window at +999 ms");
    sb.advance_clock(Duration::from_millis(1));
    let r = call(&sb, CREATE, &create_body(&["0204999"])).await;
    r.expect_ok("a full second later the window has room again");
    sb.shutdown().await;
}

#[tokio::test]
async fn pending_cap_is_waiting_approval_overflow() {
    let sb = start(SandboxConfig {
        max_pending: 2,
        ..SandboxConfig::default()
    })
    .await;
    let a = create(&sb, &["1"]).await;
    create(&sb, &["2"]).await;
    let msg = call(&sb, CREATE, &create_body(&["3"]))
        .await
        .expect_error(
            "InvalidParameterValue.WaitingApprovalOverflow",
            "a third pending one",
        )
        .to_owned();
    assert!(msg.contains('2'), "the message gives the cap: {msg}");
    sb.reject(a).unwrap();
    let c = create(&sb, &["3"]).await;
    call(
        &sb,
        MODIFY,
        &json!({"SdkAppId": DEFAULT_SDK_APP_ID, "ApplyId": a, "DetailList": [detail("4")]}),
    )
    .await
    .expect_error(
        "InvalidParameterValue.WaitingApprovalOverflow",
        "re-submitting a rejected one would exceed the cap",
    );
    sb.approve(c).unwrap();
    call(
        &sb,
        MODIFY,
        &json!({"SdkAppId": DEFAULT_SDK_APP_ID, "ApplyId": a, "DetailList": [detail("4")]}),
    )
    .await
    .expect_ok("room again after an approval");
    sb.shutdown().await;
}

#[tokio::test]
async fn applications_survive_a_restart_with_a_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox-state.json");
    let config = SandboxConfig {
        state_path: Some(path.clone()),
        ..SandboxConfig::default()
    };

    let sb = start(config.clone()).await;
    let a = create(&sb, &["020A"]).await;
    let b = create(&sb, &["020B"]).await;
    sb.reject(b).unwrap();
    let before = sb.applications();
    sb.shutdown().await;
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        files,
        ["sandbox-state.json"],
        "the atomic write leaves no temp file behind"
    );

    let sb = start(config.clone()).await;
    assert_eq!(
        sb.applications(),
        before,
        "applications survive a restart unchanged"
    );
    let c = create(&sb, &["020C"]).await;
    assert!(
        c > b,
        "ApplyIds keep increasing across restarts ({c} after {b})"
    );
    call(&sb, CREATE, &create_body(&["020A"]))
        .await
        .expect_error(
            "InvalidParameter.DuplicatePhoneNumber",
            "restored numbers are still in use",
        );
    call(
        &sb,
        MODIFY,
        &json!({"SdkAppId": DEFAULT_SDK_APP_ID, "ApplyId": b, "DetailList": [detail("020B")]}),
    )
    .await
    .expect_ok("a restored rejected application can be modified");
    drop(sb); // dropping also stops the server

    let sb = start(config).await;
    let apps = sb.applications();
    assert_eq!(
        apps.iter().map(|x| x.apply_id).collect::<Vec<_>>(),
        [a, b, c]
    );
    assert_eq!(
        apps[1].state,
        ApplicationState::Pending,
        "the Modify was persisted"
    );

    std::fs::write(&path, b"{ not json").unwrap();
    let err = numdesk_sandbox::Sandbox::start(
        SandboxConfig {
            state_path: Some(path),
            ..SandboxConfig::default()
        },
        "127.0.0.1:0".parse().unwrap(),
    )
    .await
    .expect_err("a corrupt state file is reported, not silently replaced");
    assert!(matches!(err, SandboxError::StateParse { .. }), "{err}");
    sb.shutdown().await;
}
