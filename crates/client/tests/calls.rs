//! Typed calls against the real sandbox over loopback.

mod common;

use common::*;
use numdesk_client::models::BuyInfoCallType;
use numdesk_client::{
    AttemptLog, CallType, ClientConfig, ClientError, DescribeCccBuyInfoListRequest,
    DescribeNumbersRequest, ErrorClass, Language, ModifyOwnNumberApplyRequest,
    OwnNumberApplyDetailItem,
};
use numdesk_sandbox::{ApplicationState, DEFAULT_SDK_APP_ID};
use serde_json::json;

#[tokio::test]
async fn create_round_trips_and_unset_options_reach_the_server_as_absent() {
    let sandbox = default_sandbox().await;
    let client = client(&sandbox);
    let created = client
        .create_own_number_apply(&create_request("02012345678"))
        .await
        .unwrap();
    assert!(
        !created.request_id.is_empty(),
        "every success carries a RequestId"
    );

    let apps = sandbox.applications();
    assert_eq!(apps.len(), 1);
    let app = &apps[0];
    assert_eq!(
        app.apply_id, created.apply_id,
        "ApplyId returned is the one the server made"
    );
    assert_eq!(app.numbers, ["02012345678"]);
    assert_eq!(
        app.details[0].call_type, 2,
        "CallType::InboundAndOutbound is sent as 2"
    );
    assert_eq!(
        app.details[0].outbound_callee_format, None,
        "unset optional field must be absent"
    );
    assert_eq!(app.options.prefix, None);
    assert_eq!(app.options.local_number_trim_ac, None);
    assert_eq!(app.options.international_number_prefix, None);
}

#[tokio::test]
async fn create_with_every_option_reaches_the_server_intact() {
    // The China site: CalleeFormatPassthrough, CallerFormatPassthrough and
    // InternationalNumberPrefix exist there only (the International site answers
    // UnknownParameter).
    let sandbox = sandbox(numdesk_sandbox::SandboxConfig {
        site: numdesk_sandbox::Site::China,
        ..numdesk_sandbox::SandboxConfig::default()
    })
    .await;
    let client = client(&sandbox);
    let mut req = create_request("02011112222");
    req.detail_list[0].outbound_callee_format = Some("{+E.164}".into());
    req.detail_list[0].carrier_phone_number = Some("02099998888".into());
    req.prefix = Some("9".into());
    req.mobile_ndd_prefix = Some("0".into());
    req.local_number_trim_ac = Some(true);
    req.callee_format_passthrough = Some(false);
    req.caller_format_passthrough = Some(true);
    req.international_number_prefix = Some("00".into());
    client.create_own_number_apply(&req).await.unwrap();
    let app = sandbox.applications().remove(0);
    assert_eq!(
        app.details[0].outbound_callee_format.as_deref(),
        Some("{+E.164}")
    );
    assert_eq!(
        app.details[0].carrier_phone_number.as_deref(),
        Some("02099998888")
    );
    assert_eq!(app.options.prefix.as_deref(), Some("9"));
    assert_eq!(app.options.mobile_ndd_prefix.as_deref(), Some("0"));
    assert_eq!(
        app.options.local_number_trim_ac,
        Some(true),
        "LocalNumberTrimAC spelled right"
    );
    assert_eq!(app.options.callee_format_passthrough, Some(false));
    assert_eq!(app.options.caller_format_passthrough, Some(true));
    assert_eq!(
        app.options.international_number_prefix.as_deref(),
        Some("00")
    );
}

#[tokio::test]
async fn modify_then_describe_numbers_after_approval() {
    let sandbox = default_sandbox().await;
    let client = client(&sandbox);
    let created = client
        .create_own_number_apply(&create_request("02012340000"))
        .await
        .unwrap();
    let modified = client
        .modify_own_number_apply(&ModifyOwnNumberApplyRequest::new(
            DEFAULT_SDK_APP_ID,
            created.apply_id,
            vec![OwnNumberApplyDetailItem::new(
                CallType::Inbound,
                "02012349999",
                3,
                1,
            )],
        ))
        .await
        .unwrap();
    assert!(!modified.request_id.is_empty());
    let app = sandbox.applications().remove(0);
    assert_eq!(app.numbers, ["02012349999"], "Modify replaced the numbers");
    assert_eq!(app.details[0].call_type, 0);

    sandbox.approve(created.apply_id).unwrap();
    let numbers = client
        .describe_numbers(&DescribeNumbersRequest::new(DEFAULT_SDK_APP_ID))
        .await
        .unwrap();
    // Listed as Tencent lists it (0086…), not as submitted; the International site (the
    // default) has no CostType.
    let found = numbers
        .numbers
        .iter()
        .find(|n| n.number == "008602012349999")
        .unwrap();
    assert_eq!(
        found.cost_type, None,
        "no CostType on the International site"
    );
    assert!(found.may_be_own_number());
    assert!(numbers.total_count.unwrap() >= 1);
    assert_eq!(sandbox.applications()[0].state, ApplicationState::Approved);

    // Modifying an approved application is refused with ErrorApplyStatus.
    let err = client
        .modify_own_number_apply(&ModifyOwnNumberApplyRequest::new(
            DEFAULT_SDK_APP_ID,
            created.apply_id,
            vec![OwnNumberApplyDetailItem::new(
                CallType::Inbound,
                "02012349999",
                3,
                1,
            )],
        ))
        .await
        .unwrap_err();
    assert_eq!(err.class(), ErrorClass::ApplyNotEditable, "{err}");
}

#[tokio::test]
async fn buy_info_lists_the_fixture_account_with_its_own_call_type_coding() {
    let sandbox = default_sandbox().await;
    let client = client(&sandbox);
    let info = client
        .describe_ccc_buy_info_list(&DescribeCccBuyInfoListRequest::default())
        .await
        .unwrap();
    let ids: Vec<u64> = info
        .sdk_app_id_buy_list
        .iter()
        .map(|a| a.sdk_app_id)
        .collect();
    assert!(ids.contains(&DEFAULT_SDK_APP_ID), "{ids:?}");
    let bought: Vec<_> = info
        .sdk_app_id_buy_list
        .iter()
        .flat_map(|a| a.phone_num_buy_list.iter())
        .collect();
    assert!(
        bought
            .iter()
            .any(|p| p.call_type == Some(BuyInfoCallType::InboundAndOutbound)),
        "buy-info CallType 3 decodes as InboundAndOutbound: {bought:?}"
    );
    let only = client
        .describe_ccc_buy_info_list(&DescribeCccBuyInfoListRequest {
            sdk_app_ids: Some(vec![DEFAULT_SDK_APP_ID]),
        })
        .await
        .unwrap();
    assert_eq!(only.sdk_app_id_buy_list.len(), 1);
}

#[tokio::test]
async fn api_errors_keep_code_message_and_request_id() {
    let sandbox = default_sandbox().await;
    let log = AttemptLog::new();
    let client = client(&sandbox).with_observer(log.clone());
    let mut req = create_request("02012345678");
    req.sdk_app_id = 999;
    let err = client.create_own_number_apply(&req).await.unwrap_err();
    let api = err.as_api().expect("an API error");
    assert_eq!(err.class(), ErrorClass::InstanceNotFound, "{err}");
    assert!(!api.message.is_empty());
    let request_id = err.request_id().expect("RequestId must be kept on errors");
    assert_eq!(
        request_id.len(),
        36,
        "a uuid-shaped RequestId: {request_id}"
    );
    assert!(
        err.to_string().contains(request_id),
        "the message shows the RequestId: {err}"
    );
    let records = log.records();
    assert_eq!(records.len(), 1, "a bad SdkAppId is not retried");
    assert_eq!(records[0].request_id.as_deref(), Some(request_id));
    assert_eq!(records[0].error_code.as_deref(), Some(api.code.as_str()));
}

#[tokio::test]
async fn wrong_key_is_auth_and_not_retried() {
    let sandbox = default_sandbox().await;
    let log = AttemptLog::new();
    let client = numdesk_client::Client::new(
        config_for(&sandbox),
        numdesk_client::RateLimiter::default(),
        numdesk_client::Credentials::new(numdesk_sandbox::SANDBOX_SECRET_ID, "wrong-key"),
    )
    .unwrap()
    .with_observer(log.clone());
    let err = client
        .describe_ccc_buy_info_list(&DescribeCccBuyInfoListRequest::default())
        .await
        .unwrap_err();
    assert_eq!(err.class(), ErrorClass::Auth, "{err}");
    assert_eq!(log.len(), 1, "auth failures are never retried");
    assert!(err.request_id().is_some());
}

#[tokio::test]
async fn call_raw_returns_the_response_object_and_json_body_is_sent_verbatim() {
    let sandbox = default_sandbox().await;
    let client = client(&sandbox);
    let body = br#"{"SdkAppId": 1400000001, "PageNumber": 0}"#.to_vec();
    let resp = client.call_raw("DescribeNumbers", body).await.unwrap();
    assert!(
        resp.contains_key("RequestId") && resp.contains_key("TotalCount"),
        "{resp:?}"
    );
    let resp = client
        .call_json(
            "DescribeCCCBuyInfoList",
            &json!({"SdkAppIds": [DEFAULT_SDK_APP_ID]}),
        )
        .await
        .unwrap();
    assert_eq!(resp["SdkAppIdBuyList"][0]["SdkAppId"], DEFAULT_SDK_APP_ID);
    let err = client
        .call_raw("NoSuchAction", b"{}".to_vec())
        .await
        .unwrap_err();
    assert!(matches!(err, ClientError::Api(_)), "{err:?}");
    assert!(err.request_id().is_some());
}

#[tokio::test]
async fn the_language_and_region_are_sent_as_headers_and_accepted() {
    let sandbox = default_sandbox().await;
    let mut config = config_for(&sandbox);
    config.language = Some(Language::Chinese);
    config.region = Some("ap-guangzhou".into());
    let client = client_with(config);
    client
        .describe_numbers(&DescribeNumbersRequest::page(DEFAULT_SDK_APP_ID, 0, 5))
        .await
        .unwrap();
    let english = client_with(ClientConfig {
        language: Some(Language::English),
        ..config_for(&sandbox)
    });
    english
        .describe_numbers(&DescribeNumbersRequest::page(DEFAULT_SDK_APP_ID, 0, 5))
        .await
        .unwrap();
    let plain = client_with(ClientConfig {
        language: None,
        ..config_for(&sandbox)
    });
    plain
        .describe_numbers(&DescribeNumbersRequest::page(DEFAULT_SDK_APP_ID, 0, 5))
        .await
        .unwrap();
    let sent: Vec<_> = sandbox
        .received()
        .into_iter()
        .map(|r| (r.action, r.language, r.region))
        .collect();
    assert_eq!(
        sent,
        [
            (
                "DescribeNumbers".to_owned(),
                Some("zh-CN".to_owned()),
                Some("ap-guangzhou".to_owned())
            ),
            ("DescribeNumbers".to_owned(), Some("en-US".to_owned()), None),
            ("DescribeNumbers".to_owned(), None, None),
        ],
        "rule: X-TC-Language and X-TC-Region leave exactly as configured"
    );
}
