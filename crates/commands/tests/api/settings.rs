//! Settings against a real database file, a memory keychain and real sandboxes on loopback.

use crate::common::{open_with, runtime};

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use numdesk_client::Endpoint;
use numdesk_commands::{
    ConnectionKind, DATABASE_FILE, EndpointKind, ErrorCode, ProxyMode, SettingsInput, Site,
    app_info, connection_plan, connection_use_sandbox, connection_use_tencent, run_test_connection,
    settings_get, settings_save,
};
use numdesk_keychain::{MemoryStore, SecretStore};
use numdesk_sandbox::{SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, Sandbox, SandboxConfig};
use serde_json::json;

const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";

fn input(site: Site, url: Option<String>, id: &str, key: Option<&str>) -> SettingsInput {
    SettingsInput {
        site,
        custom_url: url,
        secret_id: id.into(),
        secret_key: key.map(str::to_owned),
        token: None,
        clear_token: false,
        defaults: Default::default(),
        proxy_mode: ProxyMode::System,
        proxy_url: None,
    }
}

#[test]
fn the_secret_key_goes_to_the_keychain_and_never_to_the_database_or_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryStore::new());
    let ctx = open_with(dir.path(), keys.clone());
    let pasted = format!("  {KEY}\n");
    let mut form = input(
        Site::International,
        None,
        &format!(" {ID}\t"),
        Some(&pasted),
    );
    form.token = Some("session-token-value-123".into());
    let saved = settings_save(&ctx, &form).unwrap();
    assert_eq!(
        saved.settings.secret_id.as_deref(),
        Some(ID),
        "pasted whitespace is trimmed"
    );
    assert!(saved.settings.key_saved && saved.settings.token_saved);
    assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
    let loaded = keys
        .load("profile-1")
        .unwrap()
        .expect("the key is in the keychain");
    assert_eq!(loaded.secret_key.expose_secret(), KEY, "stored trimmed");

    let view = serde_json::to_string(&settings_get(&ctx).unwrap()).unwrap();
    assert!(
        !view.contains(KEY),
        "rule: the SecretKey never crosses IPC: {view}"
    );
    assert!(
        !view.contains("session-token-value-123"),
        "nor the token: {view}"
    );
    drop(ctx);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for secret in [KEY.as_bytes(), b"session-token-value-123"] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret),
                "rule: secrets never reach the database or any file: found in {}",
                path.display()
            );
        }
    }
    assert!(dir.path().join(DATABASE_FILE).exists());
}

#[test]
fn bad_input_is_rejected_with_the_field_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open_with(dir.path(), Arc::new(MemoryStore::new()));
    let err = settings_save(
        &ctx,
        &input(
            Site::International,
            None,
            ID,
            Some("Gu5t9xGARNpq86 cd98joQYCN3EXAMPLE"),
        ),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidCredentials);
    assert_eq!(err.details_json()["field"], json!("secretKey"));
    assert!(
        err.message.contains("character 15"),
        "the position is named: {}",
        err.message
    );
    assert!(
        !err.message.contains("cd98"),
        "rule: messages never quote the key"
    );

    let mut china_only = input(Site::International, None, ID, Some(KEY));
    china_only.defaults.international_number_prefix = Some("00".into());
    let err = settings_save(&ctx, &china_only).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(
        err.details_json()["field"],
        json!("internationalNumberPrefix"),
        "rule: China-site-only fields are refused on the International site"
    );

    let mut proxy = input(Site::International, None, ID, Some(KEY));
    proxy.proxy_mode = ProxyMode::Manual;
    proxy.proxy_url = Some("ftp://proxy:21".into());
    assert_eq!(
        settings_save(&ctx, &proxy).unwrap_err().code,
        ErrorCode::Proxy
    );

    let mut custom = input(
        Site::Custom,
        Some("http://10.0.0.5:8080/".into()),
        ID,
        Some(KEY),
    );
    custom.defaults.numbers_per_application = Some(10);
    let err = settings_save(&ctx, &custom).unwrap_err();
    assert!(
        err.message.contains("loopback"),
        "plain http only on loopback: {}",
        err.message
    );

    let view = settings_get(&ctx).unwrap();
    assert_eq!(view.secret_id, None, "nothing was saved by a rejected form");
    assert!(!view.key_saved);
}

#[test]
fn the_switch_is_explicit_refused_until_configured_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryStore::new());
    let ctx = open_with(dir.path(), keys.clone());
    assert_eq!(
        app_info(&ctx).unwrap().endpoint.kind,
        EndpointKind::Sandbox,
        "first run"
    );
    let err = connection_use_tencent(&ctx).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotConfigured);
    assert_eq!(app_info(&ctx).unwrap().endpoint.kind, EndpointKind::Sandbox);

    let mut form = input(Site::China, None, ID, Some(KEY));
    form.defaults.callee_format_passthrough = Some(true);
    form.defaults.country = Some("cn".into());
    form.defaults.numbers_per_application = Some(200);
    let saved = settings_save(&ctx, &form).unwrap();
    assert_eq!(saved.settings.defaults.country.as_deref(), Some("CN"));
    assert_eq!(
        app_info(&ctx).unwrap().endpoint.kind,
        EndpointKind::Sandbox,
        "rule: saving a key does not switch away from the sandbox; only the switch does"
    );
    let view = connection_use_tencent(&ctx).unwrap();
    assert_eq!(view.active, ConnectionKind::Tencent);
    assert_eq!(app_info(&ctx).unwrap().endpoint.kind, EndpointKind::China);
    drop(ctx);

    let ctx = open_with(dir.path(), keys);
    let info = app_info(&ctx).unwrap();
    assert_eq!(
        info.endpoint.kind,
        EndpointKind::China,
        "the choice survives a restart"
    );
    let view = settings_get(&ctx).unwrap();
    assert_eq!(view.defaults.numbers_per_application, Some(200));
    assert_eq!(view.defaults.callee_format_passthrough, Some(true));
    connection_use_sandbox(&ctx).unwrap();
    assert_eq!(app_info(&ctx).unwrap().endpoint.kind, EndpointKind::Sandbox);
}

#[test]
fn test_connection_lists_the_sandbox_apps_by_name_over_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open_with(dir.path(), Arc::new(MemoryStore::new()));
    let plan = connection_plan(&ctx, ConnectionKind::Sandbox).unwrap();
    let result = runtime().block_on(run_test_connection(plan)).unwrap();
    let names: Vec<_> = result.apps.iter().filter_map(|a| a.name.clone()).collect();
    assert!(
        names.contains(&"Sandbox Contact Centre".to_owned()),
        "{names:?}"
    );
    assert!(!result.request_id.is_empty());

    // A Tencent profile pointed at the built-in sandbox's URL, with the sandbox's key.
    let url = ctx.sandbox().url();
    settings_save(
        &ctx,
        &input(
            Site::Custom,
            Some(url.clone()),
            SANDBOX_SECRET_ID,
            Some(SANDBOX_SECRET_KEY),
        ),
    )
    .unwrap();
    let plan = connection_plan(&ctx, ConnectionKind::Tencent).unwrap();
    let result = runtime().block_on(run_test_connection(plan)).unwrap();
    assert_eq!(result.endpoint.kind, EndpointKind::Custom);
    assert!(result.apps.len() >= 2, "{:?}", result.apps);

    settings_save(
        &ctx,
        &input(Site::Custom, Some(url), SANDBOX_SECRET_ID, Some(KEY)),
    )
    .unwrap();
    let plan = connection_plan(&ctx, ConnectionKind::Tencent).unwrap();
    let err = runtime().block_on(run_test_connection(plan)).unwrap_err();
    assert_eq!(err.code, ErrorCode::AuthFailed, "{err:?}");
    let details = err.details_json();
    assert_eq!(details["apiCode"], json!("AuthFailure.SignatureFailure"));
    assert_eq!(
        details["otherSite"],
        json!(null),
        "a custom URL has no other site"
    );
}

#[test]
fn a_clock_corrected_by_the_client_is_reported_so_the_user_can_sync_it() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open_with(dir.path(), Arc::new(MemoryStore::new()));
    let plan = connection_plan(&ctx, ConnectionKind::Sandbox).unwrap();
    let result = runtime().block_on(run_test_connection(plan)).unwrap();
    assert_eq!(
        result.clock_offset_seconds, None,
        "a right clock needs no warning"
    );

    // This computer's clock 10 minutes behind: the sandbox refuses the first attempt
    // (AuthFailure.SignatureExpire), the client corrects from Date, the test succeeds.
    let mut plan = connection_plan(&ctx, ConnectionKind::Sandbox).unwrap();
    plan.config.clock = Arc::new(numdesk_client::OffsetClock { offset_secs: -600 });
    let result = runtime().block_on(run_test_connection(plan)).unwrap();
    let offset = result.clock_offset_seconds;
    assert!(
        offset.is_some_and(|o| (595..=605).contains(&o)),
        "rule: after a clock correction, tell the user to sync the clock: {offset:?}"
    );
}

fn sandbox_with(id: &str, key: &str) -> Sandbox {
    let config = SandboxConfig {
        secrets: vec![(id.into(), key.into())],
        ..SandboxConfig::default()
    };
    runtime()
        .block_on(Sandbox::start(
            config,
            SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        ))
        .unwrap()
}

#[test]
fn an_auth_failure_says_whether_the_other_site_accepts_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open_with(dir.path(), Arc::new(MemoryStore::new()));
    // "This" site does not know the key; the "other" site does.
    let here = sandbox_with("AKIDsomeoneElse00000000000000000000", KEY);
    let there = sandbox_with(ID, KEY);
    settings_save(&ctx, &input(Site::Custom, Some(here.url()), ID, Some(KEY))).unwrap();

    let mut plan = connection_plan(&ctx, ConnectionKind::Tencent).unwrap();
    plan.other_site = Some((Site::China, there.url().parse::<Endpoint>().unwrap()));
    let err = runtime().block_on(run_test_connection(plan)).unwrap_err();
    assert_eq!(err.code, ErrorCode::AuthFailed);
    let details = err.details_json();
    assert_eq!(details["apiCode"], json!("AuthFailure.SecretIdNotFound"));
    assert_eq!(details["otherSite"], json!("china"));
    assert_eq!(
        details["otherSiteAccepts"],
        json!(true),
        "rule: when authentication fails, say whether the other site is the right one"
    );
    assert!(
        err.message.contains("works on the China site"),
        "{}",
        err.message
    );

    let mut plan = connection_plan(&ctx, ConnectionKind::Tencent).unwrap();
    plan.other_site = Some((Site::China, here.url().parse::<Endpoint>().unwrap()));
    let err = runtime().block_on(run_test_connection(plan)).unwrap_err();
    assert_eq!(err.details_json()["otherSiteAccepts"], json!(false));
}

#[test]
fn forgetting_the_key_empties_the_keychain_and_falls_back_to_the_sandbox() {
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryStore::new());
    let ctx = open_with(dir.path(), keys.clone());
    let mut form = input(Site::International, None, ID, Some(KEY));
    form.token = Some("tok-1".into());
    settings_save(&ctx, &form).unwrap();
    let mut clear = input(Site::International, None, ID, None);
    clear.clear_token = true;
    let view = settings_save(&ctx, &clear).unwrap().settings;
    assert!(
        view.key_saved,
        "keeping the key: an empty SecretKey field keeps the saved one"
    );
    assert!(!view.token_saved, "clearToken removes only the token");

    connection_use_tencent(&ctx).unwrap();
    let view = numdesk_commands::settings_forget_key(&ctx).unwrap();
    assert!(
        keys.is_empty(),
        "rule: forgetting removes the secret from the keychain"
    );
    assert!(!view.key_saved);
    assert_eq!(
        view.active,
        ConnectionKind::Sandbox,
        "rule: the app never points at Tencent without a key"
    );
    assert_eq!(app_info(&ctx).unwrap().endpoint.kind, EndpointKind::Sandbox);
    assert_eq!(view.secret_id.as_deref(), Some(ID), "the SecretId stays");
}

#[test]
fn proxy_credentials_live_in_the_keychain_and_follow_their_proxy() {
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryStore::new());
    let ctx = open_with(dir.path(), keys.clone());
    let mut form = input(Site::International, None, ID, Some(KEY));
    form.proxy_mode = ProxyMode::Manual;
    form.proxy_url = Some("http://alice:pa%40ss-word1@proxy.corp:3128".into());
    let view = settings_save(&ctx, &form).unwrap().settings;
    assert_eq!(
        view.proxy_url.as_deref(),
        Some("http://proxy.corp:3128/"),
        "rule: Settings shows the proxy without its credentials"
    );
    assert!(
        view.proxy_credentials_saved,
        "and says that credentials are saved for it"
    );
    let saved = keys.load(numdesk_commands::PROXY_ACCOUNT).unwrap().unwrap();
    assert_eq!(saved.secret_key.expose_secret(), "alice:pa%40ss-word1");
    fn used(ctx: &numdesk_commands::AppContext) -> String {
        match connection_plan(ctx, ConnectionKind::Tencent)
            .unwrap()
            .config
            .proxy
        {
            numdesk_client::ProxySetting::Manual(url) => url.to_string(),
            other => panic!("manual proxy expected: {other:?}"),
        }
    }
    assert_eq!(used(&ctx), "http://alice:pa%40ss-word1@proxy.corp:3128/");

    // Saved again as Settings shows it (without credentials): they stay.
    form.proxy_url = view.proxy_url.clone();
    settings_save(&ctx, &form).unwrap();
    assert_eq!(used(&ctx), "http://alice:pa%40ss-word1@proxy.corp:3128/");
    // Another proxy without credentials: the old ones are not sent to it.
    form.proxy_url = Some("http://other.corp:8080".into());
    settings_save(&ctx, &form).unwrap();
    assert_eq!(
        used(&ctx),
        "http://other.corp:8080/",
        "rule: a proxy's password is never sent to another proxy"
    );
    assert!(
        keys.load(numdesk_commands::PROXY_ACCOUNT)
            .unwrap()
            .is_none()
    );
    assert!(
        !settings_get(&ctx).unwrap().proxy_credentials_saved,
        "no credentials for the other proxy"
    );
    drop(ctx);

    // A URL with credentials saved by an older version moves to the keychain on first read.
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    conn.execute(
        "UPDATE preferences SET value = 'http://bob:olderSecret99@old.corp:3128' WHERE key = 'settings.proxy_url'",
        [],
    )
    .unwrap();
    drop(conn);
    let ctx = open_with(dir.path(), keys.clone());
    let view = settings_get(&ctx).unwrap();
    assert_eq!(view.proxy_url.as_deref(), Some("http://old.corp:3128/"));
    assert_eq!(used(&ctx), "http://bob:olderSecret99@old.corp:3128/");
    let stored: String = rusqlite::Connection::open(dir.path().join(DATABASE_FILE))
        .unwrap()
        .query_row(
            "SELECT value FROM preferences WHERE key = 'settings.proxy_url'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        !stored.contains("olderSecret99"),
        "rule: proxy credentials are not kept in the database: {stored}"
    );
}
