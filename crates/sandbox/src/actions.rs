//! The four CCC actions: request parsing (pure) and their effect on the applications.
//!
//! Over 500 lines because it is the sandbox's copy of Tencent's rules for the four CCC actions
//! (parameters, refusals with Tencent's codes, effects); a third is tests.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

use serde_json::{Map, Value, json};

use crate::error::ApiError;
use crate::fixtures::{self, FIXTURE_BUY_TIME, FIXTURE_END_TIME, FIXTURE_INSTANCES};
use crate::number::listing_form;
use crate::params::{Obj, item_object, item_u64};
use crate::site::Site;
use crate::state::{
    ApplicationState, Applications, ApplyOptions, NumberDetail, SandboxApplication,
};

/// The actions this sandbox serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    CreateOwnNumberApply,
    ModifyOwnNumberApply,
    DescribeNumbers,
    DescribeCCCBuyInfoList,
}

impl Action {
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "CreateOwnNumberApply" => Some(Self::CreateOwnNumberApply),
            "ModifyOwnNumberApply" => Some(Self::ModifyOwnNumberApply),
            "DescribeNumbers" => Some(Self::DescribeNumbers),
            "DescribeCCCBuyInfoList" => Some(Self::DescribeCCCBuyInfoList),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::CreateOwnNumberApply => "CreateOwnNumberApply",
            Self::ModifyOwnNumberApply => "ModifyOwnNumberApply",
            Self::DescribeNumbers => "DescribeNumbers",
            Self::DescribeCCCBuyInfoList => "DescribeCCCBuyInfoList",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CreateRequest {
    pub sdk_app_id: u64,
    pub sip_trunk_id: i64,
    pub details: Vec<NumberDetail>,
    pub options: ApplyOptions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ModifyRequest {
    pub sdk_app_id: u64,
    pub apply_id: u64,
    pub details: Vec<NumberDetail>,
    pub options: ApplyOptions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DescribeNumbersRequest {
    pub sdk_app_id: u64,
    pub page_number: u64,
    pub page_size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BuyInfoRequest {
    pub sdk_app_ids: Option<Vec<u64>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Request {
    Create(CreateRequest),
    Modify(ModifyRequest),
    DescribeNumbers(DescribeNumbersRequest),
    BuyInfo(BuyInfoRequest),
}

const DETAIL_FIELDS: [&str; 6] = [
    "CallType",
    "PhoneNumber",
    "MaxCallCount",
    "MaxCallPSec",
    "OutboundCalleeFormat",
    "CarrierPhoneNumber",
];

/// `OutboundCalleeFormat` values: the SDK's `{+E.164}` / `{E.164}` and the International
/// docs' `{+e.164}` / `{e.164}`, on both sites.
const CALLEE_FORMATS: [&str; 4] = ["{+E.164}", "{E.164}", "{+e.164}", "{e.164}"];

/// Default `PageSize` of DescribeNumbers.
pub(crate) const DEFAULT_PAGE_SIZE: u64 = 20;

/// Check a request body against the action's parameter table on `site` (the China-only option
/// fields are `UnknownParameter` on the International site).
pub(crate) fn parse(
    action: Action,
    body: &Map<String, Value>,
    site: Site,
) -> Result<Request, ApiError> {
    let name = action.name();
    let obj = Obj::new(body, "", name);
    match action {
        Action::CreateOwnNumberApply => {
            let mut allowed = vec!["SdkAppId", "SipTrunkId", "DetailList"];
            allowed.extend(site.option_fields());
            obj.only(&allowed)?;
            let sdk_app_id = obj.req_u64("SdkAppId")?;
            let sip_trunk_id = obj.req_i64("SipTrunkId")?;
            let details = parse_details(&obj, name)?;
            let options = parse_options(&obj)?;
            Ok(Request::Create(CreateRequest {
                sdk_app_id,
                sip_trunk_id,
                details,
                options,
            }))
        }
        Action::ModifyOwnNumberApply => {
            let mut allowed = vec!["SdkAppId", "ApplyId", "DetailList"];
            allowed.extend(site.option_fields());
            obj.only(&allowed)?;
            let sdk_app_id = obj.req_u64("SdkAppId")?;
            let apply_id = obj.req_u64("ApplyId")?;
            let details = parse_details(&obj, name)?;
            let options = parse_options(&obj)?;
            Ok(Request::Modify(ModifyRequest {
                sdk_app_id,
                apply_id,
                details,
                options,
            }))
        }
        Action::DescribeNumbers => {
            obj.only(&["SdkAppId", "PageNumber", "PageSize"])?;
            let sdk_app_id = obj.req_u64("SdkAppId")?;
            let page_number = match obj.opt_i64("PageNumber")? {
                None => 0,
                Some(n) => u64::try_from(n).map_err(|_| {
                    ApiError::bad_value("PageNumber", format!("pages count from 0, got {n}."))
                })?,
            };
            let page_size = match obj.opt_i64("PageSize")? {
                None => DEFAULT_PAGE_SIZE,
                Some(n) if n >= 1 => n.unsigned_abs(),
                Some(n) => {
                    return Err(ApiError::bad_value(
                        "PageSize",
                        format!("must be at least 1, got {n}."),
                    ));
                }
            };
            Ok(Request::DescribeNumbers(DescribeNumbersRequest {
                sdk_app_id,
                page_number,
                page_size,
            }))
        }
        Action::DescribeCCCBuyInfoList => {
            obj.only(&["SdkAppIds"])?;
            let sdk_app_ids = obj
                .opt_array("SdkAppIds")?
                .map(|ids| {
                    ids.iter()
                        .enumerate()
                        .map(|(i, v)| item_u64("SdkAppIds", i, v))
                        .collect::<Result<Vec<_>, _>>()
                })
                .transpose()?;
            Ok(Request::BuyInfo(BuyInfoRequest { sdk_app_ids }))
        }
    }
}

fn parse_options(obj: &Obj<'_>) -> Result<ApplyOptions, ApiError> {
    Ok(ApplyOptions {
        prefix: obj.opt_str("Prefix")?.map(str::to_owned),
        mobile_ndd_prefix: obj.opt_str("MobileNddPrefix")?.map(str::to_owned),
        local_number_trim_ac: obj.opt_bool("LocalNumberTrimAC")?,
        callee_format_passthrough: obj.opt_bool("CalleeFormatPassthrough")?,
        caller_format_passthrough: obj.opt_bool("CallerFormatPassthrough")?,
        international_number_prefix: obj.opt_str("InternationalNumberPrefix")?.map(str::to_owned),
    })
}

fn parse_details(obj: &Obj<'_>, action: &str) -> Result<Vec<NumberDetail>, ApiError> {
    let list = obj.req_array("DetailList")?;
    if list.is_empty() {
        return Err(ApiError::bad_value(
            "DetailList",
            "must contain at least one number.",
        ));
    }
    let mut details = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let map = item_object("DetailList", i, v)?;
        let prefix = format!("DetailList.{i}.");
        let item = Obj::new(map, &prefix, action);
        item.only(&DETAIL_FIELDS)?;
        let call_type = item.req_i64("CallType")?;
        if !(0..=2).contains(&call_type) {
            return Err(ApiError::bad_value(
                &item.path("CallType"),
                format!(
                    "must be 0 (inbound), 1 (outbound) or 2 (inbound and outbound), got {call_type}."
                ),
            ));
        }
        let phone_number = item.req_str("PhoneNumber")?;
        if phone_number.trim().is_empty() {
            return Err(ApiError::bad_value(
                &item.path("PhoneNumber"),
                "must not be empty.",
            ));
        }
        let positive = |field: &str| -> Result<i64, ApiError> {
            let n = item.req_i64(field)?;
            if n < 1 {
                return Err(ApiError::bad_value(
                    &item.path(field),
                    format!("must be a positive integer, got {n}."),
                ));
            }
            Ok(n)
        };
        let max_call_count = positive("MaxCallCount")?;
        let max_call_p_sec = positive("MaxCallPSec")?;
        let outbound_callee_format = item.opt_str("OutboundCalleeFormat")?;
        if let Some(f) = outbound_callee_format
            && !CALLEE_FORMATS.contains(&f)
        {
            return Err(ApiError::bad_value(
                &item.path("OutboundCalleeFormat"),
                format!(
                    "must be literally `{{+E.164}}` or `{{E.164}}` (or `{{+e.164}}` / \
                     `{{e.164}}`), got `{f}`."
                ),
            ));
        }
        let carrier_phone_number = item.opt_str("CarrierPhoneNumber")?;
        details.push(NumberDetail {
            call_type,
            phone_number: phone_number.to_owned(),
            max_call_count,
            max_call_p_sec,
            outbound_callee_format: outbound_callee_format.map(str::to_owned),
            carrier_phone_number: carrier_phone_number.map(str::to_owned),
        });
    }
    check_repeats(&details)?;
    Ok(details)
}

/// One number twice in one DetailList, compared in listing form (`020 3800 1234` and
/// `+86 20 3800 1234` are one number). Names each repeat, and what it repeats when spelled
/// differently.
fn check_repeats(details: &[NumberDetail]) -> Result<(), ApiError> {
    let mut first: BTreeMap<String, &str> = BTreeMap::new();
    let mut repeated: BTreeSet<String> = BTreeSet::new();
    for d in details {
        let sent = d.phone_number.as_str();
        match first.entry(listing_form(sent)) {
            Entry::Vacant(slot) => {
                slot.insert(sent);
            }
            Entry::Occupied(earlier) if *earlier.get() == sent => {
                repeated.insert(sent.to_owned());
            }
            Entry::Occupied(earlier) => {
                repeated.insert(format!("{sent} (the same number as {})", earlier.get()));
            }
        }
    }
    if repeated.is_empty() {
        return Ok(());
    }
    Err(ApiError::new(
        "InvalidParameter.DuplicatePhoneNumber",
        format!(
            "DetailList repeats these numbers: {}.",
            repeated.into_iter().collect::<Vec<_>>().join(", ")
        ),
    ))
}

fn instance_not_exist(sdk_app_id: u64) -> ApiError {
    let known: Vec<String> = FIXTURE_INSTANCES
        .iter()
        .map(|i| i.sdk_app_id.to_string())
        .collect();
    ApiError::new(
        "InvalidParameterValue.InstanceNotExist",
        format!(
            "SdkAppId {sdk_app_id} does not exist in this account (the sandbox has {}).",
            known.join(", ")
        ),
    )
}

/// Numbers of `details` already held by a pending/approved application or bought number,
/// compared in listing form: Tencent sees one number however it is spelled.
fn check_duplicates(
    apps: &Applications,
    sdk_app_id: u64,
    skip: Option<u64>,
    details: &[NumberDetail],
) -> Result<(), ApiError> {
    let bought: Vec<String> = fixtures::instance(sdk_app_id)
        .map(|i| {
            i.bought_numbers
                .iter()
                .map(|b| listing_form(b.number))
                .collect()
        })
        .unwrap_or_default();
    let mut clashes = Vec::new();
    for d in details {
        let n = d.phone_number.as_str();
        if let Some(id) = apps.holder(sdk_app_id, n).filter(|id| Some(*id) != skip) {
            clashes.push(format!("{n} (application {id})"));
        } else if bought.contains(&listing_form(n)) {
            clashes.push(format!("{n} (a number bought from Tencent)"));
        }
    }
    if clashes.is_empty() {
        Ok(())
    } else {
        Err(ApiError::new(
            "InvalidParameter.DuplicatePhoneNumber",
            format!(
                "These numbers are already in use on SdkAppId {sdk_app_id}: {}.",
                clashes.join(", ")
            ),
        ))
    }
}

fn overflow(sdk_app_id: u64, max_pending: usize) -> ApiError {
    ApiError::new(
        "InvalidParameterValue.WaitingApprovalOverflow",
        format!(
            "SdkAppId {sdk_app_id} already has {max_pending} applications waiting for review; \
             wait for reviews to finish before submitting more."
        ),
    )
}

/// Everything that can refuse a CreateOwnNumberApply, without changing anything.
pub(crate) fn check_create(
    req: &CreateRequest,
    apps: &Applications,
    max_pending: usize,
) -> Result<(), ApiError> {
    let instance =
        fixtures::instance(req.sdk_app_id).ok_or_else(|| instance_not_exist(req.sdk_app_id))?;
    if !instance.sip_trunk_ids.contains(&req.sip_trunk_id) {
        return Err(ApiError::new(
            "InvalidParameter.SipTrunkNotFound",
            format!(
                "SIP trunk {} does not exist on SdkAppId {}.",
                req.sip_trunk_id, req.sdk_app_id
            ),
        ));
    }
    check_duplicates(apps, req.sdk_app_id, None, &req.details)?;
    if apps.pending_count(req.sdk_app_id) >= max_pending {
        return Err(overflow(req.sdk_app_id, max_pending));
    }
    Ok(())
}

pub(crate) fn commit_create(req: CreateRequest, apps: &mut Applications, now: SystemTime) -> u64 {
    apps.insert_new(|apply_id| SandboxApplication {
        apply_id,
        sdk_app_id: req.sdk_app_id,
        sip_trunk_id: req.sip_trunk_id,
        numbers: req.details.iter().map(|d| d.phone_number.clone()).collect(),
        details: req.details,
        options: req.options,
        state: ApplicationState::Pending,
        created_at: now,
        submitted_at: now,
        modify_count: 0,
        approved_at: None,
    })
}

/// Everything that can refuse a ModifyOwnNumberApply, without changing anything.
pub(crate) fn check_modify(
    req: &ModifyRequest,
    apps: &Applications,
    max_pending: usize,
) -> Result<(), ApiError> {
    fixtures::instance(req.sdk_app_id).ok_or_else(|| instance_not_exist(req.sdk_app_id))?;
    let app = apps
        .get(req.apply_id)
        .filter(|a| a.sdk_app_id == req.sdk_app_id)
        .ok_or_else(|| {
            ApiError::new(
                "InvalidParameterValue.ApplyIDNotExist",
                format!(
                    "Application {} does not exist on SdkAppId {}.",
                    req.apply_id, req.sdk_app_id
                ),
            )
        })?;
    if app.state == ApplicationState::Approved {
        return Err(ApiError::new(
            "InvalidParameterValue.ErrorApplyStatus",
            format!(
                "Application {} is already approved; only pending or rejected applications can \
                 be modified.",
                req.apply_id
            ),
        ));
    }
    check_duplicates(apps, req.sdk_app_id, Some(req.apply_id), &req.details)?;
    if app.state == ApplicationState::Rejected && apps.pending_count(req.sdk_app_id) >= max_pending
    {
        return Err(overflow(req.sdk_app_id, max_pending));
    }
    Ok(())
}

pub(crate) fn commit_modify(req: ModifyRequest, apps: &mut Applications, now: SystemTime) {
    apps.resubmit(req.apply_id, req.details, req.options, now);
}

/// `CostType` of a number bought from Tencent (China site only).
const COST_TYPE_BOUGHT: i64 = 0;
/// `CostType` of an own number (China site only).
const COST_TYPE_OWN: i64 = 1;

/// The SdkAppId's numbers as `site` lists them: bought ones first, then the numbers of
/// approved applications in ApplyId order, each in listing form (`0086…`), never as
/// submitted. `CostType` is present on the China site only.
pub(crate) fn describe_numbers(
    req: &DescribeNumbersRequest,
    apps: &Applications,
    site: Site,
) -> Result<Value, ApiError> {
    let instance =
        fixtures::instance(req.sdk_app_id).ok_or_else(|| instance_not_exist(req.sdk_app_id))?;
    let bought = instance
        .bought_numbers
        .iter()
        .map(|b| (b.number, COST_TYPE_BOUGHT));
    let own = apps
        .iter()
        .filter(|a| a.sdk_app_id == req.sdk_app_id && a.state == ApplicationState::Approved)
        .flat_map(|a| a.numbers.iter().map(|n| (n.as_str(), COST_TYPE_OWN)));
    let all: Vec<(&str, i64)> = bought.chain(own).collect();
    let start = req.page_number.saturating_mul(req.page_size);
    let page: Vec<Value> = all
        .iter()
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
        .take(usize::try_from(req.page_size).unwrap_or(usize::MAX))
        .map(|(number, cost_type)| {
            let mut entry = json!({
                "Number": listing_form(number),
                "CallOutSkillGroupIds": [],
                "State": 1,
            });
            if site.lists_cost_type() {
                entry["CostType"] = json!(cost_type);
            }
            entry
        })
        .collect();
    Ok(json!({"TotalCount": all.len(), "Numbers": page}))
}

pub(crate) fn describe_buy_info(req: &BuyInfoRequest) -> Value {
    let list: Vec<Value> = FIXTURE_INSTANCES
        .iter()
        .filter(|i| {
            req.sdk_app_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&i.sdk_app_id))
        })
        .map(|i| {
            let phones: Vec<Value> = i
                .bought_numbers
                .iter()
                .map(|b| {
                    json!({
                        "PhoneNum": b.number,
                        "Type": b.number_type,
                        "CallType": b.call_type,
                        "BuyTime": FIXTURE_BUY_TIME,
                        "EndTime": FIXTURE_END_TIME,
                        "State": 1,
                    })
                })
                .collect();
            json!({
                "SdkAppId": i.sdk_app_id,
                "Name": i.name,
                "StaffBuyNum": i.staff_buy_num,
                "StaffBuyList": [{
                    "Num": i.staff_buy_num,
                    "BuyTime": FIXTURE_BUY_TIME,
                    "EndTime": FIXTURE_END_TIME,
                    "SipNum": i.sip_buy_num,
                }],
                "PhoneNumBuyList": phones,
                "SipBuyNum": i.sip_buy_num,
            })
        })
        .collect();
    json!({"TotalCount": list.len(), "SdkAppIdBuyList": list, "PackageBuyList": []})
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn create(body: Value) -> Result<Request, ApiError> {
        create_on(Site::International, body)
    }

    fn create_on(site: Site, body: Value) -> Result<Request, ApiError> {
        parse(
            Action::CreateOwnNumberApply,
            body.as_object().unwrap(),
            site,
        )
    }

    fn item(number: &str) -> Value {
        json!({"CallType": 1, "PhoneNumber": number, "MaxCallCount": 10, "MaxCallPSec": 2})
    }

    #[test]
    fn create_parses_all_fields() {
        let r = create(json!({
            "SdkAppId": 1400000001u64, "SipTrunkId": 10001, "Prefix": "9",
            "LocalNumberTrimAC": true,
            "DetailList": [{"CallType": 2, "PhoneNumber": "02012345678", "MaxCallCount": 5,
                "MaxCallPSec": 1, "OutboundCalleeFormat": "{+E.164}", "CarrierPhoneNumber": "c"}]
        }))
        .unwrap();
        let Request::Create(c) = r else {
            panic!("expected a create request")
        };
        assert_eq!(c.details[0].call_type, 2);
        assert_eq!(
            c.details[0].outbound_callee_format.as_deref(),
            Some("{+E.164}")
        );
        assert_eq!(c.options.prefix.as_deref(), Some("9"));
        assert_eq!(c.options.local_number_trim_ac, Some(true));
    }

    #[test]
    fn value_errors_are_invalid_parameter_value_naming_the_field() {
        let cases = [
            (
                json!({"CallType": 3, "PhoneNumber": "1", "MaxCallCount": 1, "MaxCallPSec": 1}),
                "DetailList.0.CallType",
            ),
            (
                json!({"CallType": 0, "PhoneNumber": " ", "MaxCallCount": 1, "MaxCallPSec": 1}),
                "DetailList.0.PhoneNumber",
            ),
            (
                json!({"CallType": 0, "PhoneNumber": "1", "MaxCallCount": 0, "MaxCallPSec": 1}),
                "DetailList.0.MaxCallCount",
            ),
            (
                json!({"CallType": 0, "PhoneNumber": "1", "MaxCallCount": 1, "MaxCallPSec": -2}),
                "DetailList.0.MaxCallPSec",
            ),
            (
                json!({"CallType": 0, "PhoneNumber": "1", "MaxCallCount": 1, "MaxCallPSec": 1, "OutboundCalleeFormat": "E.164"}),
                "DetailList.0.OutboundCalleeFormat",
            ),
        ];
        for (detail, field) in cases {
            let e = create(json!({"SdkAppId": 1, "SipTrunkId": 1, "DetailList": [detail]}))
                .unwrap_err();
            assert_eq!(e.code, "InvalidParameterValue", "{field}");
            assert!(
                e.message.contains(field),
                "message names {field}: {}",
                e.message
            );
        }
        let e = create(json!({"SdkAppId": 1, "SipTrunkId": 1, "DetailList": []})).unwrap_err();
        assert_eq!(
            e.code, "InvalidParameterValue",
            "an empty DetailList is refused"
        );
    }

    #[test]
    fn china_only_fields_are_unknown_on_the_international_site() {
        for (field, value) in [
            ("CalleeFormatPassthrough", json!(true)),
            ("CallerFormatPassthrough", json!(false)),
            ("InternationalNumberPrefix", json!("00")),
        ] {
            let mut body = json!({"SdkAppId": 1, "SipTrunkId": 1, "DetailList": [item("1")]});
            body[field] = value;
            let e = create_on(Site::International, body.clone()).unwrap_err();
            assert_eq!(e.code, "UnknownParameter", "{field} is China-site only");
            assert!(e.message.contains(&format!("`{field}`")), "{}", e.message);
            assert!(
                create_on(Site::China, body).is_ok(),
                "the China site knows {field}"
            );
        }
    }

    #[test]
    fn outbound_callee_format_takes_both_letter_cases_on_both_sites() {
        for site in [Site::International, Site::China] {
            for format in ["{+E.164}", "{E.164}", "{+e.164}", "{e.164}"] {
                let mut detail = item("1");
                detail["OutboundCalleeFormat"] = json!(format);
                let r = create_on(
                    site,
                    json!({"SdkAppId": 1, "SipTrunkId": 1, "DetailList": [detail]}),
                );
                let Ok(Request::Create(c)) = r else {
                    panic!("{site}: {format} is documented: {r:?}")
                };
                assert_eq!(
                    c.details[0].outbound_callee_format.as_deref(),
                    Some(format),
                    "kept as sent"
                );
            }
            for format in [
                "+E.164",
                "{E164}",
                "{+E.164} ",
                "{+e.164 }",
                "{+E.123}",
                "e.164",
            ] {
                let mut detail = item("1");
                detail["OutboundCalleeFormat"] = json!(format);
                let e = create_on(
                    site,
                    json!({"SdkAppId": 1, "SipTrunkId": 1, "DetailList": [detail]}),
                )
                .unwrap_err();
                assert_eq!(e.code, "InvalidParameterValue", "{site}: {format:?}");
            }
        }
    }

    #[test]
    fn one_number_spelled_twice_in_one_request_is_a_repeat() {
        let e = create(json!({"SdkAppId": 1, "SipTrunkId": 1,
            "DetailList": [item("020 3800 1234"), item("13800000000"), item("+86 20 3800 1234")]}))
        .unwrap_err();
        assert_eq!(e.code, "InvalidParameter.DuplicatePhoneNumber");
        assert!(
            e.message
                .contains("+86 20 3800 1234 (the same number as 020 3800 1234)"),
            "the repeat is named with what it repeats: {}",
            e.message
        );
        assert!(!e.message.contains("13800000000"), "{}", e.message);
    }

    #[test]
    fn repeated_numbers_in_one_request_are_named() {
        let e = create(json!({"SdkAppId": 1, "SipTrunkId": 1,
            "DetailList": [item("111"), item("222"), item("111")]}))
        .unwrap_err();
        assert_eq!(e.code, "InvalidParameter.DuplicatePhoneNumber");
        assert!(
            e.message.contains("111") && !e.message.contains("222"),
            "{}",
            e.message
        );
    }

    #[test]
    fn modify_has_no_sip_trunk_id() {
        let e = parse(
            Action::ModifyOwnNumberApply,
            json!({"SdkAppId": 1, "ApplyId": 1, "SipTrunkId": 1, "DetailList": [item("1")]})
                .as_object()
                .unwrap(),
            Site::China,
        )
        .unwrap_err();
        assert_eq!(
            e.code, "UnknownParameter",
            "ModifyOwnNumberApply takes no SipTrunkId"
        );
        assert!(e.message.contains("`SipTrunkId`"), "{}", e.message);
    }

    #[test]
    fn describe_numbers_pages_from_zero() {
        let mut apps = Applications::default();
        let now = SystemTime::UNIX_EPOCH;
        let details: Vec<NumberDetail> = (0..25)
            .map(|i| NumberDetail {
                call_type: 1,
                phone_number: format!("0201234{i:04}"),
                max_call_count: 1,
                max_call_p_sec: 1,
                outbound_callee_format: None,
                carrier_phone_number: None,
            })
            .collect();
        let id = commit_create(
            CreateRequest {
                sdk_app_id: 1_400_000_001,
                sip_trunk_id: 10_001,
                details,
                options: ApplyOptions::default(),
            },
            &mut apps,
            now,
        );
        let req = |page_number| DescribeNumbersRequest {
            sdk_app_id: 1_400_000_001,
            page_number,
            page_size: 20,
        };
        let v = describe_numbers(&req(0), &apps, Site::China).unwrap();
        assert_eq!(v["TotalCount"], 0, "pending numbers are not listed");
        apps.set_state(id, ApplicationState::Approved, Some(now));
        for site in [Site::International, Site::China] {
            let v = describe_numbers(&req(0), &apps, site).unwrap();
            assert_eq!(v["TotalCount"], 25);
            assert_eq!(
                v["Numbers"].as_array().unwrap().len(),
                20,
                "default page size is 20"
            );
            assert_eq!(
                v["Numbers"][0]["Number"], "008602012340000",
                "page 0 is the first page, listed in 0086 form"
            );
            let v = describe_numbers(&req(1), &apps, site).unwrap();
            assert_eq!(v["Numbers"].as_array().unwrap().len(), 5);
            assert_eq!(v["Numbers"][0]["Number"], "008602012340020");
            let entry = v["Numbers"][0].as_object().unwrap();
            if site == Site::China {
                assert_eq!(entry["CostType"], 1, "own numbers have CostType 1");
            } else {
                assert!(
                    !entry.contains_key("CostType"),
                    "the International site has no CostType: {entry:?}"
                );
            }
        }
    }
}
