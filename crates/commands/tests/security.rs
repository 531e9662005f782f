//! The security review, one test per point, through the same functions the desktop commands call:
//!
//! 1. after a full import-and-submit flow the SecretKey, the token and a proxy password are found
//!    0 times in the database, its WAL, the logs, the support bundle, the exports and every other
//!    file the app wrote;
//! 2. `https://` only to Tencent, `http://` only to loopback;
//! 3. the CSP in `src-tauri/tauri.conf.json` forbids remote scripts;
//! 4. the capabilities allow only what the screens use;
//! 5. the database, logs, exports and bundle are written user-only (Unix);
//! 6. a CSV/XLSX export cannot carry a formula.
//!
//! Over 500 lines: one test per point of the security review, each self-contained so that it reads
//! as the review's point.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

#[path = "api/common.rs"]
mod common;

use common::{open, runtime};

use std::collections::BTreeSet;
use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use numdesk_client::{Client, Endpoint};
use numdesk_commands::{
    AppContext, ConnectionDefaults, ConnectionKind, DATABASE_FILE, ErrorCode, ExportFormat,
    ProcessRequest, ProxyMode, SettingsInput, Site, WizardState, active_connection_plan,
    connection_plan, connection_use_tencent, draft_export, import_open_text, import_process,
    run_test_connection, settings_save, support_bundle_save,
};
use numdesk_outbox::{NoProgress, Selection, SendControl, SubmitSettings};
use numdesk_sandbox::{DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID, Sandbox, SandboxConfig};
use numdesk_support::logging::{self, LogConfig};

const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
/// A session token (the sandbox refuses tokens, so it is used for one connection test).
const TOKEN: &str = "tokenZ9y8x7w6v5u4t3s2r1q0SESSIONTOKENEXAMPLE";

/// A manual proxy's credentials (`http://user:password@host:port`): kept in the keychain only.
const PROXY_USER: &str = "proxyUserEXAMPLE";
const PROXY_PASSWORD: &str = "Pr0xyPassw0rdEXAMPLE";

const NUMBERS: [&str; 3] = ["+8613812340001", "+8613812340002", "+8613812340003"];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn settings(url: String, key: Option<&str>, token: Option<&str>) -> SettingsInput {
    SettingsInput {
        site: Site::Custom,
        custom_url: Some(url),
        secret_id: ID.into(),
        secret_key: key.map(str::to_owned),
        token: token.map(str::to_owned),
        clear_token: token.is_none(),
        defaults: ConnectionDefaults {
            sdk_app_id: Some(DEFAULT_SDK_APP_ID),
            sip_trunk_id: Some(DEFAULT_SIP_TRUNK_ID),
            ..ConnectionDefaults::default()
        },
        proxy_mode: ProxyMode::System,
        proxy_url: None,
    }
}

/// Pastes `text`, maps it as the preview suggests, and saves it as a draft (left open).
fn import(ctx: &AppContext, wiz: &WizardState, text: &str) -> i64 {
    let preview = import_open_text(ctx, wiz, text).unwrap();
    let request = ProcessRequest {
        header_row: preview.header_row,
        mapping: preview.mapping,
        ..ProcessRequest::default()
    };
    import_process(ctx, wiz, &request, &mut |_| {})
        .unwrap()
        .draft_id
}

fn numbers_csv() -> String {
    let mut text = String::from("PhoneNumber,CallType,MaxCallCount,MaxCallPSec\n");
    for n in NUMBERS {
        text.push_str(&format!("{n},1,10,2\n"));
    }
    text
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The entries of a zip (a bundle, an XLSX), decompressed.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

fn count(haystack: &[u8], needle: &str) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle.as_bytes())
        .count()
}

/// Point 1, and the bundle written after a flow: the one test in this file that logs (the
/// `tracing` subscriber is per process).
#[test]
fn after_import_and_submit_the_secret_key_and_token_are_found_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let logs = data.join("logs");
    let out = dir.path().join("Documents");
    std::fs::create_dir_all(&out).unwrap();
    // Everything at trace level: the most a log could ever hold.
    logging::init(&LogConfig {
        filter: Some("trace".into()),
        ..LogConfig::new(&logs)
    })
    .unwrap();

    // "Tencent" is a second sandbox on loopback that accepts only this key.
    let tencent = runtime()
        .block_on(Sandbox::start(
            SandboxConfig {
                secrets: vec![(ID.into(), KEY.into())],
                ..SandboxConfig::default()
            },
            SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        ))
        .unwrap();
    let ctx = open(&data);
    let wiz = WizardState::default();

    // The key with a token: the connection test sends both (the sandbox refuses the token).
    settings_save(&ctx, &settings(tencent.url(), Some(KEY), Some(TOKEN))).unwrap();
    let plan = connection_plan(&ctx, ConnectionKind::Tencent).unwrap();
    let refused = runtime().block_on(run_test_connection(plan)).unwrap_err();
    assert_eq!(refused.code, ErrorCode::AuthFailed, "{refused:?}");
    // The token cleared; the key stays in the keychain.
    settings_save(&ctx, &settings(tencent.url(), None, None)).unwrap();
    connection_use_tencent(&ctx).unwrap();

    // Import to a draft, then submit it through the outbox on the active connection.
    let draft_id = import(&ctx, &wiz, &numbers_csv());
    let plan = active_connection_plan(&ctx).unwrap();
    let client = Client::new(plan.config, plan.limiter, plan.credentials).unwrap();
    let scope = numdesk_outbox::endpoint_scope(&client);
    ctx.outbox()
        .enqueue_draft(
            draft_id,
            &SubmitSettings {
                sdk_app_id: Some(DEFAULT_SDK_APP_ID),
                sip_trunk_id: Some(DEFAULT_SIP_TRUNK_ID),
                ..SubmitSettings::default()
            },
            &scope,
        )
        .unwrap();
    let report = runtime()
        .block_on(ctx.outbox().run(
            &client,
            &Selection::Draft(draft_id),
            &SendControl::new(),
            Arc::new(NoProgress),
        ))
        .unwrap();
    assert_eq!(
        report.submitted.len(),
        1,
        "the flow really submitted with the key: {report:?}"
    );

    // A manual proxy with a password: saved, shown, used (and refused, nothing listens there),
    // logged carelessly. The password may reach the keychain only.
    let dead_port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let proxy_url = format!("http://{PROXY_USER}:{PROXY_PASSWORD}@127.0.0.1:{dead_port}");
    let mut with_proxy = settings(tencent.url(), None, None);
    with_proxy.proxy_mode = ProxyMode::Manual;
    with_proxy.proxy_url = Some(proxy_url.clone());
    let view = settings_save(&ctx, &with_proxy).unwrap().settings;
    assert!(
        !format!("{view:?}").contains(PROXY_PASSWORD),
        "rule: Settings never shows the proxy password: {view:?}"
    );
    let plan = connection_plan(&ctx, ConnectionKind::Tencent).unwrap();
    match &plan.config.proxy {
        numdesk_client::ProxySetting::Manual(url) => assert_eq!(
            url.password(),
            Some(PROXY_PASSWORD),
            "the saved proxy password is used for requests"
        ),
        other => panic!("the manual proxy is used: {other:?}"),
    }
    assert!(
        !format!("{plan:?}").contains(PROXY_PASSWORD),
        "rule: Debug never prints the proxy password"
    );
    let refused = runtime().block_on(run_test_connection(plan)).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Proxy, "{refused:?}");
    assert!(
        !format!("{refused:?}").contains(PROXY_PASSWORD),
        "rule: error messages never carry the proxy password: {refused:?}"
    );
    tracing::warn!(target: "numdesk_commands", proxy = %proxy_url, "careless log of {proxy_url}");
    tracing::warn!(target: "numdesk_commands", "another proxy http://someone:hunter2hunter@10.1.1.1:3128 failed");

    // Exports and support bundles (with and without numbers).
    let csv = out.join("draft.csv");
    let xlsx = out.join("draft.xlsx");
    draft_export(&wiz, &csv, ExportFormat::Csv).unwrap();
    draft_export(&wiz, &xlsx, ExportFormat::Xlsx).unwrap();
    let bundle = out.join("support.zip");
    let saved = support_bundle_save(&ctx, &bundle, false, Some(&logs)).unwrap();
    let with_numbers = out.join("support-with-numbers.zip");
    support_bundle_save(&ctx, &with_numbers, true, Some(&logs)).unwrap();
    // `NUMDESK_KEEP_BUNDLE=<dir>` keeps both bundles for a person to open and check.
    if let Some(keep) = std::env::var_os("NUMDESK_KEEP_BUNDLE") {
        std::fs::create_dir_all(&keep).unwrap();
        for b in [&bundle, &with_numbers] {
            std::fs::copy(b, Path::new(&keep).join(b.file_name().unwrap())).unwrap();
        }
    }

    // Every byte the app wrote, zips also decompressed. The database is still open, so its WAL
    // is there too.
    let mut written: Vec<(String, Vec<u8>)> = Vec::new();
    for path in files_under(&data).into_iter().chain(files_under(&out)) {
        let bytes = std::fs::read(&path).unwrap();
        if bytes.starts_with(b"PK") {
            for (name, inner) in unzip(&path) {
                written.push((format!("{}!{name}", path.display()), inner));
            }
        }
        written.push((path.display().to_string(), bytes));
    }
    let names: BTreeSet<String> = files_under(&data)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [DATABASE_FILE, &format!("{DATABASE_FILE}-wal")] {
        assert!(
            names.contains(expected),
            "the check covers {expected}: {names:?}"
        );
    }
    let log_text: String = logging::log_files(&logs)
        .unwrap()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(
        log_text.contains("CCC attempt") && log_text.contains("CreateOwnNumberApply"),
        "the logs saw the requests (else this test proves nothing)"
    );
    assert!(
        !log_text.contains("hunter2hunter"),
        "rule: URL userinfo is redacted in logs even when the app never saw the password"
    );
    for (what, secret) in [
        ("SecretKey", KEY),
        ("token", TOKEN),
        ("proxy password", PROXY_PASSWORD),
    ] {
        for (path, bytes) in &written {
            assert_eq!(
                count(bytes, secret),
                0,
                "rule: the {what} is found 0 times in the DB, WAL, logs, bundle, exports and \
                 config files — found in {path}"
            );
        }
    }

    // The bundle: the entries promised, numbers only when asked for.
    assert_eq!(
        &saved.entries[..4],
        ["README.txt", "app.json", "database.json", "settings.json"]
    );
    assert!(
        saved.entries.iter().any(|e| e.starts_with("logs/numdesk.")),
        "{:?}",
        saved.entries
    );
    assert!(!saved.entries.iter().any(|e| e == "numbers.json"));
    for (name, bytes) in unzip(&bundle) {
        for n in NUMBERS {
            assert_eq!(
                count(&bytes, &n[1..]),
                0,
                "rule: no phone numbers in a bundle unless the user ticks the box ({name})"
            );
        }
    }
    let entries = unzip(&bundle);
    for (name, bytes) in &entries {
        assert_eq!(
            count(bytes, ID),
            0,
            "rule: the bundle names the key by a masked SecretId only ({name})"
        );
    }
    let settings: serde_json::Value = serde_json::from_slice(
        &entries
            .iter()
            .find(|(n, _)| n == "settings.json")
            .unwrap()
            .1,
    )
    .unwrap();
    assert_eq!(settings["settings"]["secretId"], "AKIDz8***MPLE");
    let database: serde_json::Value = serde_json::from_slice(
        &entries
            .iter()
            .find(|(n, _)| n == "database.json")
            .unwrap()
            .1,
    )
    .unwrap();
    assert_eq!(database["integrityCheck"], serde_json::json!(["ok"]));
    assert_eq!(
        database["rowsPerValue"]["applications.state"]["submitted"],
        1
    );
    assert_eq!(database["rowsPerTable"]["application_numbers"], 3);
    let with = unzip(&with_numbers);
    let listed = &with.iter().find(|(n, _)| n == "numbers.json").unwrap().1;
    for n in NUMBERS {
        // Sent (and so listed) in the draft's form: national by default.
        let national = n.trim_start_matches("+86");
        assert_eq!(
            count(listed, national),
            1,
            "ticked: numbers.json lists {national}"
        );
    }
}

/// Point 2.
#[test]
fn tencent_is_reached_over_https_and_plain_http_only_on_loopback() {
    assert!(
        Endpoint::International
            .url()
            .as_str()
            .starts_with("https://")
    );
    assert!(Endpoint::China.url().as_str().starts_with("https://"));
    for ok in [
        "https://ccc.example.com/",
        "http://127.0.0.1:8080/",
        "http://127.9.9.9/",
        "http://[::1]:9/",
        "http://localhost:1420/",
    ] {
        assert!(ok.parse::<Endpoint>().is_ok(), "{ok} is allowed");
    }
    for refused in [
        "http://ccc.tencentcloudapi.com/",
        "http://10.0.0.1/",
        "http://127.0.0.1.example.com/",
        "http://[::ffff:8.8.8.8]/",
        "ftp://127.0.0.1/",
        "ws://127.0.0.1/",
    ] {
        assert!(
            refused.parse::<Endpoint>().is_err(),
            "rule: plain http only to loopback, https to everything else ({refused})"
        );
    }
    // Through the settings command too: nothing is saved.
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let err = settings_save(
        &ctx,
        &settings("http://192.168.1.10/".into(), Some(KEY), None),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(
        err.details_json(),
        serde_json::json!({ "field": "customUrl" })
    );
}

/// Point 3.
#[test]
fn the_csp_forbids_remote_scripts() {
    let conf: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("src-tauri/tauri.conf.json")).unwrap(),
    )
    .unwrap();
    let csp = &conf["app"]["security"]["csp"];
    assert!(csp.is_object(), "rule: a CSP is set: {csp}");
    let sources = |directive: &str| -> Vec<String> {
        csp[directive]
            .as_str()
            .unwrap_or_else(|| panic!("rule: the CSP sets {directive}"))
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(sources("default-src"), ["'self'"]);
    assert_eq!(
        sources("script-src"),
        ["'self'"],
        "rule: scripts come only from the app itself (no remote host, no inline, no eval)"
    );
    assert_eq!(sources("object-src"), ["'none'"]);
    for directive in ["connect-src", "img-src", "font-src", "style-src"] {
        for source in sources(directive) {
            let remote = source == "*"
                || source.starts_with("https:")
                || (source.starts_with("http:") && source != "http://ipc.localhost");
            assert!(
                !remote,
                "rule: no remote sources in the CSP ({directive} {source})"
            );
        }
    }
    assert_eq!(
        conf["app"]["security"]["dangerousDisableAssetCspModification"],
        serde_json::Value::Null
    );
    assert_eq!(conf["app"]["withGlobalTauri"], serde_json::Value::Null);
}

/// UI sources (not tests, not generated bindings), concatenated.
fn ui_sources() -> String {
    let mut text = String::new();
    for path in files_under(&repo_root().join("ui/src")) {
        let name = path.to_string_lossy().into_owned();
        let is_source = name.ends_with(".ts") || name.ends_with(".tsx");
        let is_test = name.contains(".test.") || name.contains("/test/");
        if is_source && !is_test && !name.contains("/bindings/") {
            text.push_str(&without_comments(&std::fs::read_to_string(&path).unwrap()));
        }
    }
    text
}

/// TypeScript source with its `//` and `/* */` comments removed (strings kept as written), so
/// that a command named only in a comment does not count as used.
fn without_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' | '`' => {
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn comments_do_not_count_as_uses() {
    let src =
        "// call(\"a_cmd\")\n/* \"b_cmd\" */ call(\"c_cmd\"); const u = \"http://x\"; // \"d_cmd\"";
    let code = without_comments(src);
    assert!(!code.contains("a_cmd") && !code.contains("b_cmd") && !code.contains("d_cmd"));
    assert!(
        code.contains("\"c_cmd\"") && code.contains("\"http://x\""),
        "{code}"
    );
}

/// Point 4.
#[test]
fn capabilities_allow_only_what_the_screens_use() {
    let cap: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("src-tauri/capabilities/main.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(
        cap["remote"].is_null(),
        "rule: no remote origin may call the app"
    );
    let ui = ui_sources();
    // Plugin and core permissions: each with the UI call that needs it.
    let plugin_uses: &[(&str, &str)] = &[
        // Files dropped on the window arrive through the webview's drag-and-drop event, which
        // `onDragDropEvent` subscribes to (and unsubscribes from) with the event plugin.
        ("core:event:allow-listen", "onDragDropEvent("),
        ("core:event:allow-unlisten", "onDragDropEvent("),
    ];
    for permission in cap["permissions"].as_array().unwrap() {
        let permission = permission
            .as_str()
            .expect("rule: permissions are plain names, no inline scopes");
        assert!(
            !permission.contains('*') && !permission.ends_with(":default"),
            "rule: no wildcard or default permission sets ({permission})"
        );
        if let Some(kebab) = permission.strip_prefix("allow-") {
            let command = kebab.replace('-', "_");
            assert!(
                ui.contains(&format!("\"{command}\"")),
                "rule: capabilities allow only what the screens use — {permission}, but no \
                 screen calls {command}"
            );
        } else {
            let Some((_, needle)) = plugin_uses.iter().find(|(p, _)| *p == permission) else {
                panic!("rule: {permission} is not a permission any screen needs");
            };
            assert!(
                ui.contains(needle),
                "rule: capabilities allow only what the screens use — {permission} is granted \
                 but the UI never uses {needle}"
            );
        }
    }
}

/// Point 5.
#[cfg(unix)]
#[test]
fn database_logs_exports_and_bundle_are_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ctx = open(&data);
    let wiz = WizardState::default();
    import(&ctx, &wiz, &numbers_csv());
    // A log writer like the app's (the process-wide subscriber belongs to the test above).
    let logs = data.join("logs");
    let writer = numdesk_support::LogWriter::open(
        &LogConfig::new(&logs),
        numdesk_support::Redactor::global(),
    )
    .unwrap();
    writer
        .write_on(time_today(), b"{\"message\":\"hello\"}\n")
        .unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // An export replacing a world-readable file is tightened too.
    let csv = out.join("draft.csv");
    std::fs::write(&csv, "old").unwrap();
    std::fs::set_permissions(&csv, std::fs::Permissions::from_mode(0o644)).unwrap();
    draft_export(&wiz, &csv, ExportFormat::Csv).unwrap();
    let xlsx = out.join("draft.xlsx");
    draft_export(&wiz, &xlsx, ExportFormat::Xlsx).unwrap();
    let bundle = out.join("bundle.zip");
    support_bundle_save(&ctx, &bundle, true, Some(&logs)).unwrap();

    assert_eq!(mode(&data), 0o700, "rule: the data directory is user-only");
    assert_eq!(mode(&logs), 0o700, "rule: the log directory is user-only");
    for file in [
        data.join(DATABASE_FILE),
        data.join(format!("{DATABASE_FILE}-wal")),
        logging::log_files(&logs).unwrap()[0].clone(),
        csv,
        xlsx,
        bundle,
    ] {
        assert_eq!(
            mode(&file),
            0o600,
            "rule: the DB, logs, exports and bundle are written user-only ({})",
            file.display()
        );
    }
}

fn time_today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Point 6.
#[test]
fn an_export_cannot_carry_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(&dir.path().join("data"));
    let wiz = WizardState::default();
    let hostile = [
        "=HYPERLINK(\"http://x.invalid\",\"hi\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
    ];
    let mut text =
        String::from("PhoneNumber,CallType,MaxCallCount,MaxCallPSec,CarrierPhoneNumber\n");
    for (i, h) in hostile.iter().enumerate() {
        let cell = format!("\"{}\"", h.replace('"', "\"\""));
        text.push_str(&format!("{cell},1,10,2,{cell}\n"));
        text.push_str(&format!("+861381234000{i},1,10,2,{cell}\n"));
    }
    import(&ctx, &wiz, &text);

    let csv_path = dir.path().join("export.csv");
    draft_export(&wiz, &csv_path, ExportFormat::Csv).unwrap();
    let bytes = std::fs::read(&csv_path).unwrap();
    let body = String::from_utf8(bytes).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "rule: a CSV export cannot carry a formula ({cell:?})"
            );
        }
    }
    assert!(cells > 0);
    for h in hostile {
        assert!(
            body.contains(&format!("'{}", h.replace('"', "\"\""))),
            "{h} kept, escaped"
        );
    }

    let xlsx_path = dir.path().join("export.xlsx");
    draft_export(&wiz, &xlsx_path, ExportFormat::Xlsx).unwrap();
    let entries = unzip(&xlsx_path);
    let sheets: Vec<&(String, Vec<u8>)> = entries
        .iter()
        .filter(|(n, _)| n.starts_with("xl/worksheets/sheet"))
        .collect();
    assert_eq!(sheets.len(), 1);
    let sheet = String::from_utf8(sheets[0].1.clone()).unwrap();
    assert!(
        !sheet.contains("<f>") && !sheet.contains("<f "),
        "rule: an XLSX export holds no formula cells"
    );
    let cells = sheet.matches("<c ").count();
    let text_cells = sheet.matches(" t=\"s\"").count() + sheet.matches(" t=\"inlineStr\"").count();
    assert_eq!(
        cells, text_cells,
        "rule: every XLSX cell is text, so nothing can be evaluated"
    );
    let styles = String::from_utf8(
        entries
            .iter()
            .find(|(n, _)| n == "xl/styles.xml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert!(
        styles.contains("quotePrefix=\"1\""),
        "cells that look like formulas carry Excel's quote prefix"
    );
}
