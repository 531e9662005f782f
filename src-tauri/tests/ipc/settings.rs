//! Settings commands through Tauri's IPC on the mock runtime, with a memory keychain and the
//! app's real built-in sandbox on loopback.

use numdesk_sandbox::{SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY};
use serde_json::{Value, json};

use crate::common::{app, invoke};

const WRONG_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

fn form(url: &str, secret_id: &str, secret_key: &str) -> Value {
    json!({ "input": {
        "site": "custom", "customUrl": url, "secretId": secret_id, "secretKey": secret_key,
        "token": null, "clearToken": false, "proxyMode": "system", "proxyUrl": null,
        "defaults": { "sdkAppId": null, "sipTrunkId": 7, "prefix": null, "mobileNddPrefix": null,
            "localNumberTrimAc": null, "calleeFormatPassthrough": null,
            "callerFormatPassthrough": null, "internationalNumberPrefix": null, "callType": 2,
            "maxCallCount": 10, "maxCallPSec": 2, "country": "CN", "numbersPerApplication": 100 }
    }})
}

fn names(result: &Value) -> Vec<String> {
    result["apps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["name"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn test_connection_reaches_the_built_in_sandbox_and_lists_apps_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app(dir.path());
    let result = invoke(
        &webview,
        "settings_test_connection",
        json!({ "connection": "sandbox" }),
    )
    .expect("the built-in sandbox accepts its own key");
    assert!(
        names(&result).contains(&"Sandbox Contact Centre".to_owned()),
        "rule: test connection offers the SdkAppIds by name: {result}"
    );
    assert_eq!(result["endpoint"]["kind"], json!("sandbox"));
}

#[test]
fn save_switch_and_test_a_tencent_connection_pointed_at_the_sandbox() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app(dir.path());
    let url = invoke(&webview, "app_info", json!({})).unwrap()["endpoint"]["url"]
        .as_str()
        .unwrap()
        .to_owned();

    let err = invoke(&webview, "connection_use_tencent", json!({})).unwrap_err();
    assert_eq!(err["code"], json!("not_configured"), "no key yet: {err}");

    let saved = invoke(
        &webview,
        "settings_save",
        form(&url, SANDBOX_SECRET_ID, WRONG_KEY),
    )
    .unwrap();
    assert_eq!(saved["settings"]["keySaved"], json!(true));
    assert_eq!(saved["settings"]["keyStore"], json!("sessionOnly"));
    let err = invoke(
        &webview,
        "settings_test_connection",
        json!({ "connection": "tencent" }),
    )
    .unwrap_err();
    assert_eq!(
        err["code"],
        json!("auth_failed"),
        "a wrong key is an auth failure: {err}"
    );
    assert!(
        err["details"]["requestId"]
            .as_str()
            .is_some_and(|r| !r.is_empty()),
        "{err}"
    );

    let key = format!(" {SANDBOX_SECRET_KEY}\n");
    invoke(
        &webview,
        "settings_save",
        form(&url, SANDBOX_SECRET_ID, &key),
    )
    .unwrap();
    let result = invoke(
        &webview,
        "settings_test_connection",
        json!({ "connection": "tencent" }),
    )
    .unwrap();
    assert!(names(&result).len() >= 2, "{result}");

    let view = invoke(&webview, "connection_use_tencent", json!({})).unwrap();
    assert_eq!(view["active"], json!("tencent"));
    let info = invoke(&webview, "app_info", json!({})).unwrap();
    assert_eq!(
        info["endpoint"]["kind"],
        json!("custom"),
        "rule: app_info's endpoint (the header badge) reflects the switch"
    );
    invoke(&webview, "connection_use_sandbox", json!({})).unwrap();
    let info = invoke(&webview, "app_info", json!({})).unwrap();
    assert_eq!(info["endpoint"]["kind"], json!("sandbox"));
}

#[test]
fn the_secret_key_is_not_in_the_database_file_nor_in_any_response() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (_app, webview) = app(dir.path());
        let saved = invoke(
            &webview,
            "settings_save",
            form(
                "http://127.0.0.1:9/",
                "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
                WRONG_KEY,
            ),
        )
        .unwrap();
        assert!(
            !saved.to_string().contains(WRONG_KEY),
            "rule: never in IPC: {saved}"
        );
        let got = invoke(&webview, "settings_get", json!({})).unwrap();
        assert!(
            !got.to_string().contains(WRONG_KEY),
            "rule: never in IPC: {got}"
        );
        assert_eq!(got["keySaved"], json!(true));
    }
    let db = dir.path().join(numdesk_commands::DATABASE_FILE);
    let mut bytes = std::fs::read(&db).unwrap();
    if let Ok(wal) = std::fs::read(db.with_extension("sqlite3-wal")) {
        bytes.extend(wal);
    }
    assert!(bytes.len() > 1000, "the database was written");
    assert!(
        !bytes
            .windows(WRONG_KEY.len())
            .any(|w| w == WRONG_KEY.as_bytes()),
        "rule: the SecretKey is kept only in the keychain, never in the database"
    );
}

#[test]
fn a_malformed_key_comes_back_as_invalid_credentials_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app(dir.path());
    let err = invoke(
        &webview,
        "settings_save",
        form(
            "http://127.0.0.1:9/",
            SANDBOX_SECRET_ID,
            "\u{201c}abc\u{201d}",
        ),
    )
    .unwrap_err();
    assert_eq!(err["code"], json!("invalid_credentials"), "{err}");
    assert_eq!(err["details"]["field"], json!("secretKey"));
}

#[test]
fn forget_key_is_reachable_and_returns_to_the_sandbox() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app(dir.path());
    let url = invoke(&webview, "app_info", json!({})).unwrap()["endpoint"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    invoke(
        &webview,
        "settings_save",
        form(&url, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY),
    )
    .unwrap();
    invoke(&webview, "connection_use_tencent", json!({})).unwrap();
    let view = invoke(&webview, "settings_forget_key", json!({})).unwrap();
    assert_eq!(view["keySaved"], json!(false));
    assert_eq!(
        view["active"],
        json!("sandbox"),
        "never Tencent without a key"
    );
    let err = invoke(
        &webview,
        "settings_test_connection",
        json!({ "connection": "tencent" }),
    )
    .unwrap_err();
    assert_eq!(err["code"], json!("not_configured"), "{err}");
}
