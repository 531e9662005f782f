/// Every command the UI may call. Each needs an `allow-…` permission in `capabilities/`,
/// so a command added here is unreachable until a capability grants it.
const COMMANDS: &[&str] = &[
    "app_info",
    // the native open and save dialogs, opened from Rust so only chosen paths are used
    "dialog_open_import",
    "dialog_save",
    "preferences_get",
    "preferences_set_language",
    "preferences_dismiss_welcome",
    "preferences_set_theme",
    // the Overview (first screen once there is history) and the sidebar's attention count
    "overview_get",
    "settings_get",
    "settings_save",
    "settings_test_connection",
    "settings_forget_key",
    "connection_use_sandbox",
    "connection_use_tencent",
    // import wizard, review grid, drafts
    "import_open_path",
    "import_open_text",
    "import_reread",
    "import_columns",
    "import_process",
    "import_rows_page",
    "drafts_list",
    "draft_open",
    "draft_edit_row",
    "draft_bulk_set",
    "draft_write_numbers",
    "draft_delete_rows",
    "draft_export",
    "draft_rename",
    "draft_duplicate",
    "draft_delete",
    // applications list
    "applications_list",
    "application_detail",
    "applications_refresh",
    "application_modify",
    "application_resolve",
    "application_mark_not_created",
    "applications_draft_from_failed",
    "applications_export",
    "template_save",
    // submit and the outbox
    "submit_preview",
    "submit_start",
    "outbox_pause",
    "outbox_resume",
    "outbox_cancel",
    "outbox_send_queued",
    "outbox_resend_unknown",
    "outbox_status",
    "sandbox_faults_get",
    "sandbox_faults_set",
    "sandbox_approval_get",
    "sandbox_approval_set",
    "watch_settings_get",
    "watch_settings_set",
    "watch_status",
    "watch_check_now",
    "live_numbers_read",
    "live_numbers_list",
    "support_bundle_save",
    // Settings → About → "Check for updates" and "Install and restart"
    "updates_check",
    "updates_install",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|err| panic!("tauri build configuration is invalid: {err:#}"));
}
