"""Drive the Number Desk CCC sandbox with Tencent's official Python SDK.

Run by tests/official_python_sdk.rs, which starts the sandbox and passes:
  SANDBOX_ENDPOINT   host:port of the sandbox (plain HTTP)
  SANDBOX_SECRET_ID  / SANDBOX_SECRET_KEY   the sandbox's credentials
  SANDBOX_SITE       `intl` or `china`: the site the sandbox answers like
Prints one JSON line per step and exits non-zero on the first mismatch.
Exit code 3 means the SDK could not be imported (run `make setup-python`).
"""

import json
import os
import sys

try:
    from tencentcloud.ccc.v20200210 import ccc_client, models
    from tencentcloud.common import credential
    from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
        TencentCloudSDKException,
    )
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile
except ImportError as e:  # pragma: no cover - reported by the Rust test
    print("SDK_IMPORT_FAILED: %s" % e)
    sys.exit(3)


def fail(step, message):
    print(json.dumps({"step": step, "ok": False, "error": message}))
    sys.exit(1)


def report(step, **fields):
    fields.update({"step": step, "ok": True})
    print(json.dumps(fields, sort_keys=True))


def client(secret_id, secret_key):
    http_profile = HttpProfile(protocol="http", endpoint=os.environ["SANDBOX_ENDPOINT"])
    http_profile.reqTimeout = 30
    client_profile = ClientProfile(httpProfile=http_profile)
    cred = credential.Credential(secret_id, secret_key)
    # Region "" like CCC allows: the SDK then sends no X-TC-Region.
    return ccc_client.CccClient(cred, "", client_profile)


def expect_error(step, code, call):
    try:
        call()
    except TencentCloudSDKException as e:
        if e.get_code() != code:
            fail(step, "expected %s, got %s: %s" % (code, e.get_code(), e.get_message()))
        if not e.get_request_id():
            fail(step, "the SDK exception carries no RequestId")
        report(step, code=e.get_code(), request_id=e.get_request_id())
        return
    fail(step, "expected %s, the call succeeded" % code)


def main():
    secret_id = os.environ["SANDBOX_SECRET_ID"]
    secret_key = os.environ["SANDBOX_SECRET_KEY"]
    ccc = client(secret_id, secret_key)

    # 1. The read-only "test connection" call.
    req = models.DescribeCCCBuyInfoListRequest()
    resp = ccc.DescribeCCCBuyInfoList(req)
    names = [item.Name for item in resp.SdkAppIdBuyList]
    if resp.TotalCount != 2 or names != ["Sandbox Contact Centre", "Sandbox Support Line"]:
        fail("buy_info", "unexpected list: %s" % resp.to_json_string())
    req = models.DescribeCCCBuyInfoListRequest()
    req.SdkAppIds = [1400000002]
    resp = ccc.DescribeCCCBuyInfoList(req)
    if resp.TotalCount != 1 or resp.SdkAppIdBuyList[0].SdkAppId != 1400000002:
        fail("buy_info_filtered", "filter ignored: %s" % resp.to_json_string())
    if resp.SdkAppIdBuyList[0].PhoneNumBuyList[0].CallType != 3:
        fail("buy_info_filtered", "bought number should have CallType 3")
    report("buy_info", names=names, request_id=resp.RequestId)

    # 2. CreateOwnNumberApply built from the SDK's own models.
    req = models.CreateOwnNumberApplyRequest()
    req.from_json_string(json.dumps({
        "SdkAppId": 1400000001,
        "SipTrunkId": 10001,
        "DetailList": [
            {"CallType": 2, "PhoneNumber": "02088880001", "MaxCallCount": 30,
             "MaxCallPSec": 5, "OutboundCalleeFormat": "{+E.164}"},
            {"CallType": 0, "PhoneNumber": "02088880002", "MaxCallCount": 10,
             "MaxCallPSec": 1, "CarrierPhoneNumber": "862088880002"},
        ],
        "Prefix": "9",
        "LocalNumberTrimAC": True,
    }))
    resp = ccc.CreateOwnNumberApply(req)
    if not isinstance(resp.ApplyId, int) or resp.ApplyId <= 0:
        fail("create", "ApplyId missing: %s" % resp.to_json_string())
    first = resp.ApplyId
    report("create", apply_id=first, request_id=resp.RequestId)

    # A second one with every optional field, left unmodified for the Rust side to inspect.
    req = models.CreateOwnNumberApplyRequest()
    req.SdkAppId = 1400000001
    req.SipTrunkId = 10002
    a = models.OwnNumberApplyDetailItem()
    a.CallType, a.PhoneNumber, a.MaxCallCount, a.MaxCallPSec = 2, "02088880004", 30, 5
    a.OutboundCalleeFormat = "{+E.164}"
    b = models.OwnNumberApplyDetailItem()
    b.CallType, b.PhoneNumber, b.MaxCallCount, b.MaxCallPSec = 0, "02088880005", 10, 1
    b.CarrierPhoneNumber = "862088880005"
    req.DetailList = [a, b]
    req.Prefix = "9"
    req.MobileNddPrefix = "0"
    req.LocalNumberTrimAC = True
    second = ccc.CreateOwnNumberApply(req).ApplyId
    if second <= first:
        fail("create_second", "ApplyIds must increase: %s then %s" % (first, second))
    report("create_second", apply_id=second)

    # 3. ModifyOwnNumberApply on the pending application.
    req = models.ModifyOwnNumberApplyRequest()
    req.SdkAppId = 1400000001
    req.ApplyId = first
    item = models.OwnNumberApplyDetailItem()
    item.CallType = 1
    item.PhoneNumber = "02088880003"
    item.MaxCallCount = 5
    item.MaxCallPSec = 1
    req.DetailList = [item]
    resp = ccc.ModifyOwnNumberApply(req)
    report("modify", request_id=resp.RequestId)

    # 4. DescribeNumbers answers through the SDK's NumberInfo model: Tencent's 0086 form, and
    #    CostType on the China site only (the SDK leaves it None when the key is absent).
    site = os.environ["SANDBOX_SITE"]
    req = models.DescribeNumbersRequest()
    req.SdkAppId = 1400000002
    req.PageNumber = 0
    resp = ccc.DescribeNumbers(req)
    expected_cost_type = 0 if site == "china" else None
    if (resp.TotalCount != 1 or resp.Numbers[0].Number != "00864008000001"
            or resp.Numbers[0].CostType != expected_cost_type):
        fail("describe_numbers", "unexpected on %s: %s" % (site, resp.to_json_string()))
    report("describe_numbers", site=site, total=resp.TotalCount,
           cost_type=resp.Numbers[0].CostType)

    # 5. Error paths surface as TencentCloudSDKException with the right code.
    bad_key = client(secret_id, secret_key + "x")
    expect_error("bad_key", "AuthFailure.SignatureFailure",
                 lambda: bad_key.DescribeCCCBuyInfoList(models.DescribeCCCBuyInfoListRequest()))
    unknown_id = client("AKIDnotasandboxkey", secret_key)
    expect_error("unknown_secret_id", "AuthFailure.SecretIdNotFound",
                 lambda: unknown_id.DescribeCCCBuyInfoList(models.DescribeCCCBuyInfoListRequest()))

    req = models.CreateOwnNumberApplyRequest()
    req.SdkAppId = 1400000001
    req.SipTrunkId = 10001
    item = models.OwnNumberApplyDetailItem()
    item.CallType = 3
    item.PhoneNumber = "02088880009"
    item.MaxCallCount = 1
    item.MaxCallPSec = 1
    req.DetailList = [item]
    expect_error("bad_call_type", "InvalidParameterValue", lambda: ccc.CreateOwnNumberApply(req))
    item.CallType = 1
    item.PhoneNumber = "02088880003"
    expect_error("duplicate", "InvalidParameter.DuplicatePhoneNumber",
                 lambda: ccc.CreateOwnNumberApply(req))
    item.PhoneNumber = "+86 20 8888 0003"
    expect_error("duplicate_respelled", "InvalidParameter.DuplicatePhoneNumber",
                 lambda: ccc.CreateOwnNumberApply(req))
    req.SipTrunkId = 99
    item.PhoneNumber = "02088880010"
    expect_error("unknown_trunk", "InvalidParameter.SipTrunkNotFound",
                 lambda: ccc.CreateOwnNumberApply(req))

    # 6. A field of the China-site SDK: UnknownParameter on International, accepted on China.
    req.SipTrunkId = 10001
    req.CalleeFormatPassthrough = True
    if site == "china":
        resp = ccc.CreateOwnNumberApply(req)
        report("china_only_field", apply_id=resp.ApplyId)
    else:
        expect_error("china_only_field", "UnknownParameter",
                     lambda: ccc.CreateOwnNumberApply(req))

    report("done")


if __name__ == "__main__":
    main()
