//! Settings → About → "Check for updates" through Tauri's IPC on the mock runtime, against a local
//! HTTP server on 127.0.0.1 that serves `latest.json` and a signed update the way a GitHub release
//! does. The app's real updater set-up is used (plugin, commands, capabilities, and the shipped
//! `plugins.updater` settings such as `requireSignedVersion`); only the address and the public key
//! are the test's (`tests/fixtures/updater/`, a TEST-ONLY key pair, see its README).
//!
//! Installing is left to the Windows and macOS runners; on Linux one test shows a correctly signed
//! download gets past the signature check to the installer, which refuses the fixture (it is not
//! an AppImage) before touching anything.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;

use crate::common::{Window, invoke, real_context, window};
use serde_json::{Value, json};
use tauri::test::{MockRuntime, mock_builder};

const TEST_PUBKEY: &str = include_str!("../fixtures/updater/test-only.pub");
const PAYLOAD: &[u8] = include_bytes!("../fixtures/updater/update-99.0.0.bin");
/// Signed with the test key for version 99.0.0 (`tauri signer sign --app-version 99.0.0`).
const SIGNATURE: &str = include_str!("../fixtures/updater/update-99.0.0.bin.sig");
/// The same file signed with another key.
const OTHER_KEY_SIGNATURE: &str =
    include_str!("../fixtures/updater/update-99.0.0.bin.other-key.sig");
/// The same file signed with the test key, but for version 98.0.0.
const SIGNED_FOR_98: &str =
    include_str!("../fixtures/updater/update-99.0.0.bin.signed-for-98.0.0.sig");
const NEW_VERSION: &str = "99.0.0";
const NOTES: &str = "- Faster import\n- 修复了一个错误";

/// One answer of the local server.
#[derive(Clone)]
struct Reply {
    status: u16,
    body: Vec<u8>,
}

/// A tiny HTTP/1.1 server on 127.0.0.1 answering GETs from a fixed table (404 otherwise). Bound
/// first, so the table can name its own address.
struct Server {
    listener: TcpListener,
    base: String,
}

impl Server {
    fn bind() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        Self { listener, base }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Serves `routes` until the test process ends; returns the address of `/latest.json`.
    fn serve(self, routes: HashMap<&'static str, Reply>) -> String {
        let latest = self.url("/latest.json");
        let routes = Arc::new(routes);
        std::thread::spawn(move || {
            for stream in self.listener.incoming().flatten() {
                let routes = Arc::clone(&routes);
                std::thread::spawn(move || serve(stream, &routes));
            }
        });
        latest
    }
}

fn serve(mut stream: TcpStream, routes: &HashMap<&'static str, Reply>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Skip the headers.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let reply = routes.get(path).cloned().unwrap_or(Reply {
        status: 404,
        body: b"not found".to_vec(),
    });
    let head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nContent-Type: application/octet-stream\r\n\
         Connection: close\r\n\r\n",
        reply.status,
        reply.body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&reply.body);
}

/// `latest.json` as tauri-action writes it, announcing `version` for this system (`linux-x86_64`,
/// `windows-x86_64`, `darwin-aarch64`, …) with the download at `url`.
fn manifest(version: &str, url: &str, signature: &str) -> Reply {
    let target = tauri_plugin_updater::target().unwrap();
    Reply {
        status: 200,
        body: serde_json::to_vec(&json!({
            "version": version,
            "notes": NOTES,
            "pub_date": "2026-12-01T08:00:00Z",
            "platforms": { target: { "url": url, "signature": signature.trim() } },
        }))
        .unwrap(),
    }
}

/// A release of 99.0.0 whose download is `payload`, announced with `signature`; returns the
/// address of its `latest.json`.
fn release(payload: &[u8], signature: &str) -> String {
    let server = Server::bind();
    let download = server.url("/download/update-99.0.0.bin");
    server.serve(HashMap::from([
        ("/latest.json", manifest(NEW_VERSION, &download, signature)),
        (
            "/download/update-99.0.0.bin",
            Reply {
                status: 200,
                body: payload.to_vec(),
            },
        ),
    ]))
}

/// A server answering `/latest.json` with `reply`; returns its address.
fn latest_json(reply: Reply) -> String {
    Server::bind().serve(HashMap::from([("/latest.json", reply)]))
}

/// The app with its shipped updater settings, pointed at `endpoint` with the test key.
fn app_checking(endpoint: &str) -> (tauri::App<MockRuntime>, Window) {
    let mut context = real_context();
    let plugins = &mut context.config_mut().plugins.0;
    let mut updater = plugins["updater"].clone();
    updater["endpoints"] = json!([endpoint]);
    updater["pubkey"] = json!(TEST_PUBKEY.trim());
    // Plain http is for this loopback server only; the shipped endpoint is https.
    updater["dangerousInsecureTransportProtocol"] = json!(true);
    plugins.insert("updater".into(), updater);
    let dir = tempfile::tempdir().unwrap();
    let app = numdesk_app_lib::build(mock_builder(), Some(dir.path().to_path_buf()))
        .build(context)
        .unwrap();
    let webview = window(&app, "main");
    (app, webview)
}

fn reason(err: &Value) -> &str {
    err["details"]["reason"].as_str().unwrap_or("")
}

fn check_finds_99(webview: &Window) {
    let found = invoke(webview, "updates_check", json!({})).unwrap();
    assert_eq!(
        found,
        json!({
            "status": "available",
            "currentVersion": env!("CARGO_PKG_VERSION"),
            "version": NEW_VERSION,
            "notes": NOTES,
        }),
        "rule: a newer release is reported with its version and notes; nothing is downloaded"
    );
}

#[test]
fn a_newer_release_is_found_with_its_notes() {
    let (_app, webview) = app_checking(&release(PAYLOAD, SIGNATURE));
    check_finds_99(&webview);
}

#[test]
fn the_announced_download_verifies_with_the_key_it_was_signed_with() {
    // The positive control for the refusals below: the fixture's signature holds with the
    // test key, through the same updater the commands use.
    use tauri_plugin_updater::UpdaterExt;
    let (app, _webview) = app_checking(&release(PAYLOAD, SIGNATURE));
    let bytes = tauri::async_runtime::block_on(async {
        let update = app.updater().unwrap().check().await.unwrap().unwrap();
        assert_eq!(update.version, NEW_VERSION);
        update.download(|_, _| {}, || {}).await
    })
    .expect("the download signed with the test key verifies");
    assert_eq!(bytes, PAYLOAD);
}

#[test]
fn the_same_version_says_you_have_the_latest() {
    let current = env!("CARGO_PKG_VERSION");
    let (_app, webview) = app_checking(&latest_json(manifest(
        current,
        "https://example.invalid/x",
        SIGNATURE,
    )));
    assert_eq!(
        invoke(&webview, "updates_check", json!({})).unwrap(),
        json!({ "status": "upToDate", "currentVersion": current })
    );
    let err = invoke(&webview, "updates_install", json!({ "version": current })).unwrap_err();
    assert_eq!(
        reason(&err),
        "nothing_to_install",
        "rule: install only what a check found: {err}"
    );
}

/// Checks (finding 99.0.0) against `endpoint`, then installs, which must be refused.
fn install_refused(endpoint: &str) -> Value {
    let (_app, webview) = app_checking(endpoint);
    check_finds_99(&webview);
    invoke(
        &webview,
        "updates_install",
        json!({ "version": NEW_VERSION }),
    )
    .unwrap_err()
}

#[test]
fn a_tampered_download_is_refused() {
    let mut tampered = PAYLOAD.to_vec();
    tampered[0] ^= 1;
    let err = install_refused(&release(&tampered, SIGNATURE));
    assert_eq!(
        (err["code"].as_str(), reason(&err)),
        (Some("network"), "bad_signature"),
        "rule: an update whose bytes do not match the signature is never installed: {err}"
    );
}

#[test]
fn a_download_signed_with_another_key_is_refused() {
    let err = install_refused(&release(PAYLOAD, OTHER_KEY_SIGNATURE));
    assert_eq!(
        reason(&err),
        "bad_signature",
        "rule: only the release key's signature is accepted: {err}"
    );
}

#[test]
fn a_download_signed_for_another_version_is_refused() {
    // A manifest that pairs a new version number with an older (genuinely signed) release.
    let err = install_refused(&release(PAYLOAD, SIGNED_FOR_98));
    assert_eq!(
        reason(&err),
        "bad_signature",
        "rule: requireSignedVersion — the signature must be for the announced version: {err}"
    );
    assert!(err["message"].as_str().unwrap().contains("98.0.0"), "{err}");
}

#[test]
fn offline_says_so() {
    // A port that was just free: the connection is refused.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (_app, webview) = app_checking(&format!("http://127.0.0.1:{port}/latest.json"));
    let started = std::time::Instant::now();
    let err = invoke(&webview, "updates_check", json!({})).unwrap_err();
    assert_eq!(
        (err["code"].as_str(), reason(&err)),
        (Some("network"), "offline"),
        "rule: an unreachable update server reads as offline: {err}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "a refused connection answers at once"
    );
}

#[test]
fn no_published_release_and_no_build_for_this_system_are_told_apart() {
    let (_app, webview) = app_checking(&Server::bind().serve(HashMap::new()));
    let err = invoke(&webview, "updates_check", json!({})).unwrap_err();
    assert_eq!(reason(&err), "no_release", "404 for latest.json: {err}");

    let mut other_system: Value =
        serde_json::from_slice(&manifest(NEW_VERSION, "https://example.invalid/x", SIGNATURE).body)
            .unwrap();
    other_system["platforms"] = json!({ "plan9-mips": other_system["platforms"]
        .as_object().unwrap().values().next().unwrap().clone() });
    let (_app, webview) = app_checking(&latest_json(Reply {
        status: 200,
        body: serde_json::to_vec(&other_system).unwrap(),
    }));
    let err = invoke(&webview, "updates_check", json!({})).unwrap_err();
    assert_eq!(reason(&err), "no_build_for_this_system", "{err}");

    let (_app, webview) = app_checking(&latest_json(Reply {
        status: 200,
        body: b"<html>captive portal</html>".to_vec(),
    }));
    let err = invoke(&webview, "updates_check", json!({})).unwrap_err();
    assert_eq!(reason(&err), "bad_release", "{err}");
}

#[test]
fn install_takes_only_the_version_the_user_was_shown() {
    let (_app, webview) = app_checking(&release(PAYLOAD, SIGNATURE));
    let err = invoke(
        &webview,
        "updates_install",
        json!({ "version": NEW_VERSION }),
    )
    .unwrap_err();
    assert_eq!(reason(&err), "nothing_to_install", "no check yet: {err}");
    check_finds_99(&webview);
    let err = invoke(&webview, "updates_install", json!({ "version": "100.0.0" })).unwrap_err();
    assert_eq!(reason(&err), "nothing_to_install", "another version: {err}");
}

/// Linux: a correctly signed download passes the check and reaches the installer, which refuses
/// the fixture because it is not an AppImage, before it touches the running executable.
#[cfg(target_os = "linux")]
#[test]
fn a_correctly_signed_download_reaches_the_installer() {
    let (_app, webview) = app_checking(&release(PAYLOAD, SIGNATURE));
    check_finds_99(&webview);
    let exe = std::env::current_exe().unwrap();
    let before = std::fs::read(&exe).unwrap();
    let err = invoke(
        &webview,
        "updates_install",
        json!({ "version": NEW_VERSION }),
    )
    .unwrap_err();
    assert_eq!(
        (err["code"].as_str(), reason(&err)),
        (Some("io"), "install_failed"),
        "past the signature check, the installer refuses a file that is not an AppImage: {err}"
    );
    assert_eq!(std::fs::read(&exe).unwrap(), before, "nothing was replaced");
}

#[test]
fn the_webview_cannot_call_the_updater_plugin_directly() {
    let (_app, webview) = app_checking(&release(PAYLOAD, SIGNATURE));
    for command in [
        "plugin:updater|check",
        "plugin:updater|download_and_install",
    ] {
        let err = invoke(&webview, command, json!({})).unwrap_err();
        assert!(
            err.to_string().contains("not allowed"),
            "rule: only the app's own update commands are granted ({command}): {err}"
        );
    }
}

#[test]
fn the_shipped_updater_settings_hold_only_a_public_key() {
    let context = real_context();
    let updater = &context.config().plugins.0["updater"];
    let pubkey = base64_decode(updater["pubkey"].as_str().unwrap());
    assert!(
        pubkey.starts_with("untrusted comment: minisign public key: "),
        "rule: tauri.conf.json holds the PUBLIC key (the private key is a release secret): \
         {pubkey}"
    );
    assert_eq!(updater["requireSignedVersion"], json!(true));
    assert!(
        updater["dangerousInsecureTransportProtocol"].is_null(),
        "rule: updates only over https"
    );
    for endpoint in updater["endpoints"].as_array().unwrap() {
        let endpoint = endpoint.as_str().unwrap();
        assert!(
            endpoint.starts_with("https://") && endpoint.ends_with("/latest.json"),
            "{endpoint}"
        );
    }
    // Bundle settings are not embedded in the app; read them from the file.
    let conf: Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    assert_eq!(
        conf["bundle"]["createUpdaterArtifacts"],
        json!(true),
        "tauri-action writes latest.json from the signed updater artifacts"
    );
}

/// Standard base64 (the key file format), without a dependency.
fn base64_decode(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.bytes().filter(|c| *c != b'=') {
        let value = ALPHABET.iter().position(|a| *a == c).unwrap() as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    String::from_utf8(out).unwrap()
}
