//! Commands run against a real database file in a temporary data directory.

use crate::common::open;

use numdesk_commands::{
    DATABASE_FILE, EndpointKind, Language, Theme, app_info, preferences_get,
    preferences_set_language, preferences_set_theme,
};

#[test]
fn app_info_reports_real_paths_and_sqlite_version() {
    let dir = tempfile::tempdir().unwrap();
    let info = app_info(&open(dir.path())).unwrap();
    assert_eq!(info.version, "9.9.9");
    assert_eq!(info.data_dir, dir.path().display().to_string());
    assert_eq!(
        info.database_path,
        dir.path().join(DATABASE_FILE).display().to_string()
    );
    assert!(
        dir.path().join(DATABASE_FILE).exists(),
        "the database file is created on open"
    );
    assert!(
        info.sqlite_version
            .starts_with(numdesk_store::sqlite_version()),
        "About shows the bundled SQLite version, got {}",
        info.sqlite_version
    );
    assert_eq!(info.endpoint.kind, EndpointKind::Sandbox);
    assert!(
        info.endpoint.url.starts_with("http://127.0.0.1:"),
        "the sandbox listens on loopback only: {}",
        info.endpoint.url
    );
    assert_eq!(info.os, std::env::consts::OS);
}

#[test]
fn app_info_serialises_in_camel_case_for_the_ui() {
    let dir = tempfile::tempdir().unwrap();
    let json = serde_json::to_value(app_info(&open(dir.path())).unwrap()).unwrap();
    for key in ["dataDir", "databasePath", "sqliteVersion", "tauriVersion"] {
        assert!(
            json.get(key).is_some(),
            "AppInfo JSON must have {key}: {json}"
        );
    }
    assert_eq!(json["endpoint"]["kind"], "sandbox");
}

#[test]
fn language_choice_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let ctx = open(dir.path());
        assert_eq!(
            preferences_get(&ctx).unwrap().language,
            None,
            "first run: nothing chosen"
        );
        let prefs = preferences_set_language(&ctx, Language::SimplifiedChinese).unwrap();
        assert_eq!(prefs.language, Some(Language::SimplifiedChinese));
    }
    let ctx = open(dir.path());
    assert_eq!(
        preferences_get(&ctx).unwrap().language,
        Some(Language::SimplifiedChinese)
    );
}

#[test]
fn the_theme_choice_survives_a_restart_and_an_unknown_one_reads_as_the_system() {
    let dir = tempfile::tempdir().unwrap();
    {
        let ctx = open(dir.path());
        assert_eq!(preferences_get(&ctx).unwrap().theme, Theme::System);
        let prefs = preferences_set_theme(&ctx, Theme::Dark).unwrap();
        assert_eq!(prefs.theme, Theme::Dark);
    }
    let ctx = open(dir.path());
    assert_eq!(preferences_get(&ctx).unwrap().theme, Theme::Dark);
    assert_eq!(serde_json::to_value(Theme::Dark).unwrap(), "dark");
    ctx.store().set_preference("theme", "sepia").unwrap();
    assert_eq!(preferences_get(&ctx).unwrap().theme, Theme::System);
}

#[test]
fn an_unknown_stored_language_reads_as_not_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    ctx.store().set_preference("language", "tlh").unwrap();
    assert_eq!(preferences_get(&ctx).unwrap().language, None);
}

#[test]
fn languages_use_the_ui_codes() {
    assert_eq!(serde_json::to_value(Language::English).unwrap(), "en");
    assert_eq!(
        serde_json::to_value(Language::SimplifiedChinese).unwrap(),
        "zh-CN"
    );
    let parsed: Language = serde_json::from_str("\"zh-CN\"").unwrap();
    assert_eq!(parsed, Language::SimplifiedChinese);
}

#[test]
fn the_built_in_sandbox_answers_on_the_advertised_url() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = open(dir.path());
    let url = app_info(&ctx).unwrap().endpoint.url;
    let addr = url.trim_start_matches("http://");
    assert_eq!(
        addr,
        ctx.sandbox().host(),
        "About shows the address the sandbox really uses"
    );
    std::net::TcpStream::connect(addr).expect("the sandbox accepts connections while the app runs");
}

#[test]
fn the_sandbox_review_delay_is_saved_and_applied_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    {
        let ctx = crate::common::open(data.path());
        assert_eq!(
            numdesk_commands::sandbox_approval_get(&ctx).approve_after_secs,
            Some(60),
            "default: one minute"
        );
        let set = numdesk_commands::sandbox_approval_set(
            &ctx,
            &numdesk_commands::SandboxApproval {
                approve_after_secs: Some(5),
                reject: true,
            },
        )
        .unwrap();
        assert_eq!((set.approve_after_secs, set.reject), (Some(5), true));
        assert_eq!(
            ctx.sandbox().approve_after(),
            Some(std::time::Duration::from_secs(5))
        );
        let too_long = numdesk_commands::sandbox_approval_set(
            &ctx,
            &numdesk_commands::SandboxApproval {
                approve_after_secs: Some(86_401),
                reject: false,
            },
        )
        .unwrap_err();
        assert_eq!(too_long.code, numdesk_commands::ErrorCode::InvalidInput);
    }
    let ctx = crate::common::open(data.path());
    assert_eq!(
        ctx.sandbox().approve_after(),
        Some(std::time::Duration::from_secs(5)),
        "rule: the rehearsal delay survives a restart"
    );
    assert!(ctx.sandbox().rejects(), "and so does a rehearsed refusal");
    numdesk_commands::sandbox_approval_set(
        &ctx,
        &numdesk_commands::SandboxApproval {
            approve_after_secs: None,
            reject: false,
        },
    )
    .unwrap();
    assert_eq!(ctx.sandbox().approve_after(), None, "never");
}

#[test]
fn a_corrupt_sandbox_state_file_is_set_aside_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join(numdesk_commands::SANDBOX_STATE_FILE);
    std::fs::write(&state, b"{\"format\": 1, \"next_apply_id\": tru").unwrap();
    // `open` unwraps the start: a corrupt file must not stop the app.
    let ctx = open(dir.path());
    assert!(
        ctx.sandbox().applications().is_empty(),
        "rule: the sandbox starts empty after a corrupt state file"
    );
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("sandbox-state.json.corrupt-"))
        .collect();
    assert_eq!(
        backups.len(),
        1,
        "rule: the corrupt file is kept as a backup beside it: {backups:?}"
    );
    assert_eq!(
        std::fs::read(dir.path().join(&backups[0])).unwrap(),
        b"{\"format\": 1, \"next_apply_id\": tru",
        "the backup holds the corrupt bytes unchanged"
    );
    // A file of a newer format is set aside too (this version cannot read it).
    drop(ctx);
    std::fs::write(&state, br#"{"format": 99}"#).unwrap();
    let _ctx = open(dir.path());
    let count = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("sandbox-state.json.corrupt-")
        })
        .count();
    assert_eq!(count, 2, "each set-aside file gets its own name");
}
