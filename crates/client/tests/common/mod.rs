//! Shared setup: a real sandbox on loopback and a client pointed at it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // test helpers: panics are failures

use std::sync::Arc;
use std::time::Duration;

use numdesk_client::{
    CallType, Client, ClientConfig, CreateOwnNumberApplyRequest, Credentials, Endpoint,
    OwnNumberApplyDetailItem, ProxySetting, RateLimiter, RetryPolicy,
};
use numdesk_sandbox::{SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, Sandbox, SandboxConfig};

pub async fn sandbox(config: SandboxConfig) -> Arc<Sandbox> {
    let addr = "127.0.0.1:0".parse().unwrap();
    Arc::new(Sandbox::start(config, addr).await.unwrap())
}

pub async fn default_sandbox() -> Arc<Sandbox> {
    sandbox(SandboxConfig::default()).await
}

/// Settings for a sandbox: no system proxy (loopback must never go through one), short
/// timeouts and fast retries so failure tests finish quickly.
pub fn config_for(sandbox: &Sandbox) -> ClientConfig {
    ClientConfig {
        proxy: ProxySetting::None,
        timeout: Duration::from_secs(10),
        connect_timeout: Duration::from_secs(5),
        retry: RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(20),
            max_delay: Duration::from_millis(200),
        },
        ..ClientConfig::new(sandbox.url().parse::<Endpoint>().unwrap())
    }
}

pub fn sandbox_credentials() -> Credentials {
    Credentials::new(SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY)
}

pub fn client_with(config: ClientConfig) -> Client {
    Client::new(config, RateLimiter::default(), sandbox_credentials()).unwrap()
}

pub fn client(sandbox: &Sandbox) -> Client {
    client_with(config_for(sandbox))
}

/// A minimal valid application for the sandbox's default SdkAppId and SIP trunk.
pub fn create_request(number: &str) -> CreateOwnNumberApplyRequest {
    CreateOwnNumberApplyRequest::new(
        numdesk_sandbox::DEFAULT_SDK_APP_ID,
        numdesk_sandbox::DEFAULT_SIP_TRUNK_ID,
        vec![OwnNumberApplyDetailItem::new(
            CallType::InboundAndOutbound,
            number,
            10,
            2,
        )],
    )
}
