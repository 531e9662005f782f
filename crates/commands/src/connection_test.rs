//! "Test connection": `DescribeCCCBuyInfoList` with a [`ConnectionPlan`], and, when the key is
//! rejected, whether the other Tencent site accepts it.

use numdesk_client::{
    Client, ClientConfig, ClientError, Credentials, DescribeCccBuyInfoListRequest, ErrorClass,
    RateLimiter,
};
use serde::Serialize;
use ts_rs::TS;

use crate::connection::ConnectionPlan;
use crate::error::client_error_with_clock;
use crate::error_details::TencentDetails;
use crate::settings::*;
use crate::{ActiveEndpoint, ErrorCode, IpcError};

/// One CCC application of the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SdkAppSummary {
    pub sdk_app_id: u64,
    pub name: Option<String>,
}

/// A successful "test connection".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct TestConnectionResult {
    pub connection: ConnectionKind,
    pub endpoint: ActiveEndpoint,
    pub apps: Vec<SdkAppSummary>,
    pub request_id: String,
    /// Seconds the server's clock is ahead of this computer's (negative: behind it), when
    /// Tencent first refused the call as expired (`AuthFailure.SignatureExpire`) and the client
    /// corrected for it from the `Date` header: the key works, but the clock should be synced.
    /// `None` when no correction was needed.
    #[ts(type = "number | null")]
    pub clock_offset_seconds: Option<i64>,
}

/// What one `DescribeCCCBuyInfoList` gave, with the clock offset the client learned from the
/// server's `Date` header on the way (`None`: no correction was needed or possible).
pub(crate) type Described = (
    Result<numdesk_client::DescribeCccBuyInfoListResponse, ClientError>,
    Option<i64>,
);

pub(crate) async fn describe(
    config: ClientConfig,
    limiter: RateLimiter,
    credentials: Credentials,
) -> Described {
    let client = match Client::new(config, limiter, credentials) {
        Ok(client) => client,
        Err(err) => return (Err(err), None),
    };
    let result = client
        .describe_ccc_buy_info_list(&DescribeCccBuyInfoListRequest::default())
        .await;
    let offset = client.clock_offset_secs();
    (result, (offset != 0).then_some(offset))
}

pub(crate) fn site_name(site: Site) -> &'static str {
    match site {
        Site::International => "International",
        Site::China => "China",
        Site::Custom => "custom",
    }
}

/// `DescribeCCCBuyInfoList` with the plan's settings: the account's SdkAppIds by name. When the
/// key is rejected (`AuthFailure.*`) and a Tencent site was used, the same read-only call is
/// tried on the other site and the error says whether that one accepts the key.
pub async fn run_test_connection(plan: ConnectionPlan) -> Result<TestConnectionResult, IpcError> {
    let ConnectionPlan {
        connection,
        endpoint,
        config,
        credentials,
        other_site,
        limiter,
    } = plan;
    let other_config = other_site.as_ref().map(|(_, other)| ClientConfig {
        endpoint: other.clone(),
        ..config.clone()
    });
    let (first, clock_offset_seconds) =
        describe(config, limiter.clone(), credentials.clone()).await;
    let err = match first {
        Ok(response) => {
            return Ok(TestConnectionResult {
                connection,
                endpoint,
                apps: response
                    .sdk_app_id_buy_list
                    .into_iter()
                    .map(|app| SdkAppSummary {
                        sdk_app_id: app.sdk_app_id,
                        name: app.name,
                    })
                    .collect(),
                request_id: response.request_id,
                clock_offset_seconds,
            });
        }
        Err(err) => err,
    };
    if err.class() != ErrorClass::Auth {
        return Err(client_error_with_clock(err, clock_offset_seconds));
    }
    let api = err.as_api().cloned();
    let (api_code, api_message, request_id) = match &api {
        Some(a) => (a.code.clone(), a.message.clone(), a.request_id.clone()),
        None => (String::new(), err.to_string(), String::new()),
    };
    let here = format!(
        "Tencent Cloud rejected the key ({api_code}: {api_message}, RequestId {request_id})"
    );
    let (Some((other, _)), Some(other_config)) = (other_site, other_config) else {
        return Err(IpcError::new(
            ErrorCode::AuthFailed,
            format!("{here}; check the SecretId and SecretKey"),
        )
        .with_details(TencentDetails::answer(api_code, Some(request_id))));
    };
    let name = site_name(other);
    let (accepts, message) = match describe(other_config, limiter, credentials).await.0 {
        Ok(_) => (
            Some(true),
            format!(
                "{here}. The same key works on the {name} site: choose the {name} site and save"
            ),
        ),
        Err(e) if e.class() == ErrorClass::Auth => (
            Some(false),
            format!(
                "{here}. The {name} site rejects it too, so the site is not the problem: check \
                 that the SecretId and SecretKey belong together and that the key is enabled"
            ),
        ),
        Err(e) => (
            None,
            format!("{here}. Whether the {name} site accepts it could not be checked: {e}"),
        ),
    };
    Err(
        IpcError::new(ErrorCode::AuthFailed, message).with_details(TencentDetails {
            other_site: Some(other),
            other_site_accepts: Some(accepts),
            ..TencentDetails::answer(api_code, Some(request_id))
        }),
    )
}
