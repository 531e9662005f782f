//! The sandbox's per-site personality over real loopback HTTP: what each Tencent Cloud site
//! lists (CostType on China only, numbers in `0086…` form on both), one number however it is
//! spelled, the China-only fields, OutboundCalleeFormat in both letter cases, and paging.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

use common::*;
use numdesk_sandbox::{DEFAULT_SDK_APP_ID, Sandbox, SandboxConfig, Site};
use serde_json::{Value, json};

const CREATE: &str = "CreateOwnNumberApply";
const MODIFY: &str = "ModifyOwnNumberApply";
const NUMBERS: &str = "DescribeNumbers";

/// The SdkAppId with one bought number (`4008000001`) and trunk 20001.
const SUPPORT_LINE: u64 = 1_400_000_002;
const SUPPORT_TRUNK: i64 = 20_001;

const SITES: [Site; 2] = [Site::International, Site::China];

async fn start_on(site: Site) -> Sandbox {
    let sb = start(SandboxConfig {
        site,
        // Many requests back to back: the rate limit is tested elsewhere.
        rate_limit_per_sec: 1000,
        ..SandboxConfig::default()
    })
    .await;
    assert_eq!(sb.site(), site, "the sandbox reports the configured site");
    sb
}

/// One DescribeNumbers page (or the whole list with a large PageSize).
async fn listing(sb: &Sandbox, sdk_app_id: u64, page: u64, size: u64) -> Value {
    let body = json!({"SdkAppId": sdk_app_id, "PageNumber": page, "PageSize": size});
    call(sb, NUMBERS, &body)
        .await
        .expect_ok("DescribeNumbers")
        .clone()
}

fn numbers_of(page: &Value) -> Vec<String> {
    page["Numbers"]
        .as_array()
        .expect("Numbers is an array")
        .iter()
        .map(|n| n["Number"].as_str().expect("Number is a string").to_owned())
        .collect()
}

/// Create an application on the Support Line SdkAppId.
async fn create_on_support_line(sb: &Sandbox, numbers: &[&str]) -> u64 {
    let mut body = create_body(numbers);
    body["SdkAppId"] = json!(SUPPORT_LINE);
    body["SipTrunkId"] = json!(SUPPORT_TRUNK);
    call(sb, CREATE, &body).await.expect_ok("create")["ApplyId"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn international_listing_has_no_cost_type_key_and_lists_0086_forms() {
    let sb = start_on(Site::International).await;
    let id = create_on_support_line(&sb, &["020 3800 1234", "17308248432"]).await;
    sb.approve(id).unwrap();
    let page = listing(&sb, SUPPORT_LINE, 0, 20).await;
    assert_eq!(page["TotalCount"], 3, "one bought and two own numbers");
    for entry in page["Numbers"].as_array().unwrap() {
        let entry = entry.as_object().unwrap();
        assert!(
            !entry.contains_key("CostType"),
            "the International NumberInfo never carries CostType, not even null: {entry:?}"
        );
        let mut keys: Vec<&str> = entry.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["CallOutSkillGroupIds", "Number", "State"],
            "International NumberInfo is {{Number, CallOutSkillGroupIds, State}}"
        );
    }
    assert_eq!(
        numbers_of(&page),
        ["00864008000001", "008602038001234", "008617308248432"],
        "bought then own numbers, all in Tencent's 0086 listing form, none as submitted"
    );
    assert_eq!(
        sb.applications()[0].numbers,
        ["020 3800 1234", "17308248432"],
        "the application keeps the numbers as submitted"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn china_listing_has_cost_type_1_for_approved_own_numbers_and_0_for_bought_ones() {
    let sb = start_on(Site::China).await;
    let approved = create_on_support_line(&sb, &["+86 20 3800 1234"]).await;
    create_on_support_line(&sb, &["02038005678"]).await; // stays pending: not listed
    sb.approve(approved).unwrap();
    let page = listing(&sb, SUPPORT_LINE, 0, 20).await;
    assert_eq!(page["TotalCount"], 2, "pending numbers are not listed");
    let entries = page["Numbers"].as_array().unwrap();
    assert_eq!(entries[0]["Number"], "00864008000001");
    assert_eq!(
        entries[0]["CostType"], 0,
        "China site: a number bought from Tencent has CostType 0"
    );
    assert_eq!(entries[1]["Number"], "008602038001234");
    assert_eq!(
        entries[1]["CostType"], 1,
        "China site: an approved own number has CostType 1"
    );
    for entry in entries {
        let mut keys: Vec<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["CallOutSkillGroupIds", "CostType", "Number", "State"],
            "China NumberInfo is {{Number, CallOutSkillGroupIds, State, CostType}}"
        );
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn a_landline_and_a_mobile_are_listed_in_one_form_however_they_were_spelled() {
    let spellings = [
        ("02038001234", "17308248432"),
        ("+86 20 3800 1234", "+8617308248432"),
        ("+862038001234", "+86 173 0824 8432"),
        ("0086 20 38001234", "0086 173 0824 8432"),
        ("862038001234", "8617308248432"),
        ("2038001234", "173-0824-8432"),
        ("(020) 3800-1234", "173 0824 8432"),
    ];
    for site in SITES {
        for (landline, mobile) in spellings {
            let sb = start_on(site).await;
            let id = create(&sb, &[landline, mobile]).await;
            sb.approve(id).unwrap();
            let page = listing(&sb, DEFAULT_SDK_APP_ID, 0, 20).await;
            assert_eq!(
                numbers_of(&page),
                ["008602038001234", "008617308248432"],
                "{site}: a landline is listed 0086 + trunk 0 + national number and a mobile \
                 0086 + 11 digits, whatever the spelling ({landline:?}, {mobile:?})"
            );
            assert_eq!(
                sb.applications()[0].numbers,
                [landline, mobile],
                "{site}: the application keeps what was sent"
            );
            sb.shutdown().await;
        }
    }
}

#[tokio::test]
async fn one_number_in_two_spellings_is_a_duplicate_on_both_sites() {
    for site in SITES {
        let sb = start_on(site).await;
        let held = create(&sb, &["020 3800 1234"]).await;

        let msg = call(&sb, CREATE, &create_body(&["+86 20 3800 1234"]))
            .await
            .expect_error(
                "InvalidParameter.DuplicatePhoneNumber",
                "a second spelling of a number held by a pending application",
            )
            .to_owned();
        assert!(
            msg.contains("+86 20 3800 1234") && msg.contains(&held.to_string()),
            "{site}: names the number as sent and the holding application: {msg}"
        );

        let msg = call(
            &sb,
            CREATE,
            &create_body(&["17308248432", "02099990000", "+86 173 0824 8432"]),
        )
        .await
        .expect_error(
            "InvalidParameter.DuplicatePhoneNumber",
            "two spellings of one number inside one DetailList",
        )
        .to_owned();
        assert!(
            msg.contains("+86 173 0824 8432") && msg.contains("17308248432"),
            "{site}: names the repeat and what it repeats: {msg}"
        );
        assert!(!msg.contains("02099990000"), "{site}: only repeats: {msg}");

        sb.approve(held).unwrap();
        for spelling in ["02038001234", "008602038001234", "862038001234"] {
            call(&sb, CREATE, &create_body(&[spelling]))
                .await
                .expect_error(
                    "InvalidParameter.DuplicatePhoneNumber",
                    &format!("{site}: {spelling} is the number an approved application holds"),
                );
        }

        let other = create(&sb, &["02011112222"]).await;
        call(
            &sb,
            MODIFY,
            &json!({"SdkAppId": DEFAULT_SDK_APP_ID, "ApplyId": other,
                "DetailList": [detail("+86 20 3800 1234")]}),
        )
        .await
        .expect_error(
            "InvalidParameter.DuplicatePhoneNumber",
            "a Modify that brings in another spelling of a held number",
        );
        call(
            &sb,
            MODIFY,
            &json!({"SdkAppId": DEFAULT_SDK_APP_ID, "ApplyId": other,
                "DetailList": [detail("+86 20 1111 2222")]}),
        )
        .await
        .expect_ok("an application does not clash with its own number, however re-spelled");

        let mut bought = create_body(&["+86 400 800 0001"]);
        bought["SdkAppId"] = json!(SUPPORT_LINE);
        bought["SipTrunkId"] = json!(SUPPORT_TRUNK);
        call(&sb, CREATE, &bought).await.expect_error(
            "InvalidParameter.DuplicatePhoneNumber",
            "another spelling of a number bought from Tencent",
        );
        assert_eq!(
            sb.applications().len(),
            2,
            "{site}: no refused request created an application"
        );
        sb.shutdown().await;
    }
}

#[tokio::test]
async fn china_only_fields_are_unknown_parameter_on_international_and_accepted_on_china() {
    let fields = [
        ("CalleeFormatPassthrough", json!(true)),
        ("CallerFormatPassthrough", json!(false)),
        ("InternationalNumberPrefix", json!("00")),
    ];
    let intl = start_on(Site::International).await;
    let china = start_on(Site::China).await;
    let intl_app = create(&intl, &["02038001234"]).await;
    let china_app = create(&china, &["02038001234"]).await;
    for (i, (field, value)) in fields.iter().enumerate() {
        let number = format!("0203800200{i}");
        let mut body = create_body(&[number.as_str()]);
        body[*field] = value.clone();
        let msg = call(&intl, CREATE, &body)
            .await
            .expect_error(
                "UnknownParameter",
                &format!("International: CreateOwnNumberApply has no {field}"),
            )
            .to_owned();
        assert!(
            msg.contains(&format!("`{field}`")),
            "names the field: {msg}"
        );
        body[*field] = Value::Null;
        call(&intl, CREATE, &body).await.expect_error(
            "UnknownParameter",
            &format!("International: {field} is unknown even when null (omit the key)"),
        );
        body[*field] = value.clone();
        call(&china, CREATE, &body)
            .await
            .expect_ok(&format!("China: CreateOwnNumberApply takes {field}"));

        let mut modify = json!({"SdkAppId": DEFAULT_SDK_APP_ID, "ApplyId": intl_app,
            "DetailList": [detail("02038001234")]});
        modify[*field] = value.clone();
        let msg = call(&intl, MODIFY, &modify)
            .await
            .expect_error(
                "UnknownParameter",
                &format!("International: ModifyOwnNumberApply has no {field}"),
            )
            .to_owned();
        assert!(
            msg.contains(&format!("`{field}`")),
            "names the field: {msg}"
        );
        modify["ApplyId"] = json!(china_app);
        call(&china, MODIFY, &modify)
            .await
            .expect_ok(&format!("China: ModifyOwnNumberApply takes {field}"));
    }
    let intl_apps = intl.applications();
    assert_eq!(
        intl_apps.len(),
        1,
        "International: no refused Create made an application"
    );
    assert_eq!(
        intl_apps[0].modify_count, 0,
        "International: no refused Modify changed anything"
    );
    let china_apps = china.applications();
    assert_eq!(china_apps.len(), 4);
    assert_eq!(china_apps[1].options.callee_format_passthrough, Some(true));
    assert_eq!(china_apps[2].options.caller_format_passthrough, Some(false));
    assert_eq!(
        china_apps[3].options.international_number_prefix.as_deref(),
        Some("00")
    );

    // The fields every site knows are accepted on International.
    let mut common = create_body(&["02038009999"]);
    common["Prefix"] = json!("9");
    common["MobileNddPrefix"] = json!("0");
    common["LocalNumberTrimAC"] = json!(true);
    call(&intl, CREATE, &common)
        .await
        .expect_ok("International: Prefix, MobileNddPrefix and LocalNumberTrimAC exist");
    intl.shutdown().await;
    china.shutdown().await;
}

#[tokio::test]
async fn outbound_callee_format_is_accepted_in_both_letter_cases_on_both_sites() {
    for site in SITES {
        let sb = start_on(site).await;
        let formats = ["{+E.164}", "{E.164}", "{+e.164}", "{e.164}"];
        for (i, format) in formats.iter().enumerate() {
            let number = format!("0203800300{i}");
            let mut body = create_body(&[number.as_str()]);
            body["DetailList"][0]["OutboundCalleeFormat"] = json!(format);
            call(&sb, CREATE, &body).await.expect_ok(&format!(
                "{site}: OutboundCalleeFormat {format} is documented (SDK or International docs)"
            ));
        }
        let kept: Vec<Option<String>> = sb
            .applications()
            .iter()
            .map(|a| a.details[0].outbound_callee_format.clone())
            .collect();
        assert_eq!(
            kept,
            formats.map(|f| Some(f.to_owned())),
            "{site}: kept exactly as sent"
        );
        for bad in [
            "{+E.164 }",
            "{E164}",
            "E.164",
            "{+E.164}{E.164}",
            "{+É.164}",
        ] {
            let mut body = create_body(&["02038003999"]);
            body["DetailList"][0]["OutboundCalleeFormat"] = json!(bad);
            let msg = call(&sb, CREATE, &body)
                .await
                .expect_error(
                    "InvalidParameterValue",
                    &format!("{site}: {bad:?} is not a documented OutboundCalleeFormat"),
                )
                .to_owned();
            assert!(msg.contains("`DetailList.0.OutboundCalleeFormat`"), "{msg}");
        }
        sb.shutdown().await;
    }
}

#[tokio::test]
async fn paging_walks_the_listing_forms_on_both_sites() {
    for site in SITES {
        let sb = start_on(site).await;
        // Mixed spellings; 1 bought + 11 own numbers on the Support Line.
        let submitted: Vec<String> = (0..11)
            .map(|i| match i % 3 {
                0 => format!("0203800{i:04}"),
                1 => format!("+86 20 3800 {i:04}"),
                _ => format!("13800{i:06}"),
            })
            .collect();
        let refs: Vec<&str> = submitted.iter().map(String::as_str).collect();
        let id = create_on_support_line(&sb, &refs).await;
        sb.approve(id).unwrap();
        let mut expected = vec!["00864008000001".to_owned()];
        expected.extend((0..11).map(|i| match i % 3 {
            0 | 1 => format!("00860203800{i:04}"),
            _ => format!("008613800{i:06}"),
        }));

        let mut walked = Vec::new();
        for page_number in 0..5 {
            let page = listing(&sb, SUPPORT_LINE, page_number, 5).await;
            assert_eq!(
                page["TotalCount"], 12,
                "{site}: TotalCount is the whole list on every page"
            );
            let numbers = numbers_of(&page);
            let expected_len = match page_number {
                0 | 1 => 5,
                2 => 2,
                _ => 0,
            };
            assert_eq!(
                numbers.len(),
                expected_len,
                "{site}: page {page_number} of size 5 (pages count from 0)"
            );
            for entry in page["Numbers"].as_array().unwrap() {
                assert_eq!(
                    entry.get("CostType").is_some(),
                    site == Site::China,
                    "{site}: CostType on China pages only: {entry}"
                );
            }
            walked.extend(numbers);
        }
        assert_eq!(
            walked, expected,
            "{site}: the pages together are the whole listing, in order, without gaps or repeats"
        );
        let whole = listing(&sb, SUPPORT_LINE, 0, 100).await;
        assert_eq!(numbers_of(&whole), expected, "{site}: one big page");
        let default = call(&sb, NUMBERS, &json!({"SdkAppId": SUPPORT_LINE})).await;
        assert_eq!(
            default.expect_ok("defaults")["Numbers"]
                .as_array()
                .unwrap()
                .len(),
            12,
            "{site}: PageNumber defaults to 0 and PageSize to 20"
        );
        sb.shutdown().await;
    }
}

#[tokio::test]
async fn the_site_is_configuration_not_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let config = |site| SandboxConfig {
        site,
        state_path: Some(path.clone()),
        ..SandboxConfig::default()
    };
    let sb = start(config(Site::China)).await;
    let id = create(&sb, &["+86 20 3800 1234"]).await;
    sb.approve(id).unwrap();
    let page = listing(&sb, DEFAULT_SDK_APP_ID, 0, 20).await;
    assert_eq!(page["Numbers"][0]["CostType"], 1);
    sb.shutdown().await;

    let sb = start(config(Site::International)).await;
    let page = listing(&sb, DEFAULT_SDK_APP_ID, 0, 20).await;
    assert_eq!(
        page["Numbers"],
        json!([{"Number": "008602038001234", "CallOutSkillGroupIds": [], "State": 1}]),
        "the same state read by an International sandbox answers like International"
    );
    call(&sb, CREATE, &create_body(&["02038001234"]))
        .await
        .expect_error(
            "InvalidParameter.DuplicatePhoneNumber",
            "restored numbers are compared in listing form too",
        );
    sb.shutdown().await;
}
