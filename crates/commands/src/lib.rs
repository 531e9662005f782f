//! What the desktop app can do, as plain Rust functions over the other crates.
//!
//! `src-tauri` wraps each function here in a `#[tauri::command]` of a few lines; nothing in this
//! crate knows about Tauri, so every command is testable against a temporary database. Every
//! error crosses the IPC boundary as [`IpcError`] (`{code, message, details}`).

mod app_info;
mod applications;
mod client_setup;
mod connection;
mod connection_test;
mod context;
mod drafts;
mod error;
mod error_details;
mod import;
mod known_codes;
mod overview;
mod paths;
mod preferences;
mod rehearsal;
mod secrets;
mod settings;
mod submit;
mod support;
mod template;
mod updates;
mod watch;

pub use app_info::{ActiveEndpoint, AppInfo, EndpointKind, app_info};
pub use applications::{
    ApplicationActions, ApplicationChanges, ApplicationDetail, ApplicationsListPage,
    DEFAULT_DETAIL_NUMBERS, MAX_DETAIL_NUMBERS, ModifyReport, ModifyResult, ReconcileReport,
    RefreshReport, active_connection, application_detail, application_mark_not_created,
    application_modify, application_resolve, applications_draft_from_failed, applications_export,
    applications_list, applications_refresh,
};
pub use client_setup::{client_config, message_language, message_language_named, proxy_named};
pub use connection::{
    ConnectionPlan, active_connection_plan, connection_plan, connection_use_sandbox,
    connection_use_tencent,
};
pub use connection_test::{SdkAppSummary, TestConnectionResult, run_test_connection};
pub use context::{
    AppContext, DATABASE_FILE, SANDBOX_APPROVE_AFTER, SANDBOX_STATE_FILE, ShellInfo,
    data_dir_override,
};
pub use drafts::{
    BulkSet, ExportFormat, FormCount, GridRow, MAX_PAGE_ROWS, OpenDraftSummary, RowEdit, RowFilter,
    RowsPage, draft_bulk_set, draft_delete, draft_delete_rows, draft_duplicate, draft_edit_row,
    draft_export, draft_open, draft_rename, draft_write_numbers, drafts_list, import_rows_page,
};
pub use error::client_error;
pub use error::{ErrorCode, IpcError};
pub use error_details::{
    ErrorDetails, FieldDetails, ImportDetails, KeychainDetails, Missing, MissingDetails,
    NetworkDetails, PathDetails, PathProblem, Refusal, TencentDetails, UpdateDetails,
    VersionDetails,
};
pub use import::{
    ColumnInfo, ColumnsPreview, ImportPreview, ImportProgress, ProcessRequest, RawRow, WizardState,
    import_columns, import_open_path, import_open_text, import_process, import_reread,
};
pub use numdesk_outbox::{ProgressEvent, SendReport};
pub use overview::{
    LIVE_WINDOW, LONG_REVIEW_WAIT, OVERVIEW_LIST_LIMIT, Overview, StoppedQueue, overview_at,
    overview_get,
};
pub use paths::{IMPORT_EXTENSIONS, PathGrants};
pub use preferences::{
    Language, Preferences, Theme, preferences_dismiss_welcome, preferences_get,
    preferences_set_language, preferences_set_theme,
};
pub use rehearsal::{
    MAX_APPROVE_AFTER_SECS, SandboxApproval, sandbox_approval_get, sandbox_approval_set,
};
pub use secrets::Secrets;
pub use settings::{
    ConnectionDefaults, ConnectionKind, MAX_NUMBERS_PER_APPLICATION, PROXY_ACCOUNT, ProxyMode,
    SaveResult, SettingsInput, SettingsView, Site, TENCENT_PROFILE_NAME, settings_forget_key,
    settings_get, settings_save,
};
pub use submit::{
    ClaimedSend, OutboxStatus, PreparedSubmit, SUBMIT_LIST_LIMIT, SandboxFaults, SendingKind,
    SendingSlot, SubmitInput, SubmitPreview, SubmitState, claim_resend_unknown, claim_send_queued,
    claim_submit_start, outbox_cancel, outbox_pause, outbox_resume, outbox_status,
    sandbox_faults_get, sandbox_faults_set, send_claimed, submit_prepare, submit_preview,
};
pub use support::{
    MAX_BUNDLE_NUMBERS, SupportBundleSaved, database_statistics, support_bundle_save,
};
pub use template::{TemplateFormat, template_save};
pub use updates::{UpdateCheck, UpdateFailure};
pub use watch::{
    BUNDLE_OVER, LiveNumbersRead, MAX_WATCH_INTERVAL_MIN, WatchNotice, WatchNotifier,
    WatchSettings, WatchState, WatchStatus, live_numbers_list, live_numbers_read, notices,
    watch_loop, watch_once, watch_settings_get, watch_settings_set, watch_status,
};

/// The TypeScript declarations of every type the UI receives (`ui/src/bindings/`).
pub mod bindings {
    use std::path::Path;

    use ts_rs::{Config, ExportError, TS};

    /// Writes the declaration of every type crossing IPC, with its dependencies, into `dir`.
    ///
    /// Integers are plain `number`s: every id the API uses (SdkAppId ~1.4e9, ApplyId) is far
    /// below 2^53.
    pub fn export_all(dir: &Path) -> Result<(), ExportError> {
        let cfg = Config::new().with_large_int("number").with_out_dir(dir);
        super::AppInfo::export_all(&cfg)?;
        super::IpcError::export_all(&cfg)?;
        super::Preferences::export_all(&cfg)?;
        super::SettingsInput::export_all(&cfg)?;
        super::SaveResult::export_all(&cfg)?;
        super::TestConnectionResult::export_all(&cfg)?;
        super::ConnectionKind::export_all(&cfg)?;
        super::ImportPreview::export_all(&cfg)?;
        super::ColumnsPreview::export_all(&cfg)?;
        super::ProcessRequest::export_all(&cfg)?;
        super::ImportProgress::export_all(&cfg)?;
        super::RowsPage::export_all(&cfg)?;
        super::RowEdit::export_all(&cfg)?;
        super::BulkSet::export_all(&cfg)?;
        super::ExportFormat::export_all(&cfg)?;
        super::RowFilter::export_all(&cfg)?;
        super::TemplateFormat::export_all(&cfg)?;
        super::SupportBundleSaved::export_all(&cfg)?;
        numdesk_store::DraftSummary::export_all(&cfg)?;
        numdesk_store::ApplicationQuery::export_all(&cfg)?;
        super::ApplicationsListPage::export_all(&cfg)?;
        super::ApplicationDetail::export_all(&cfg)?;
        super::ApplicationChanges::export_all(&cfg)?;
        super::RefreshReport::export_all(&cfg)?;
        super::ModifyReport::export_all(&cfg)?;
        numdesk_import::ReadOptions::export_all(&cfg)?;
        numdesk_outbox::PauseReason::export_all(&cfg)?;
        super::SubmitInput::export_all(&cfg)?;
        super::SubmitPreview::export_all(&cfg)?;
        super::OutboxStatus::export_all(&cfg)?;
        super::SandboxFaults::export_all(&cfg)?;
        super::SandboxApproval::export_all(&cfg)?;
        super::WatchSettings::export_all(&cfg)?;
        super::WatchStatus::export_all(&cfg)?;
        super::WatchNotice::export_all(&cfg)?;
        super::LiveNumbersRead::export_all(&cfg)?;
        super::Overview::export_all(&cfg)?;
        numdesk_store::LiveNumber::export_all(&cfg)?;
        numdesk_outbox::ProgressEvent::export_all(&cfg)?;
        numdesk_outbox::SendReport::export_all(&cfg)?;
        super::UpdateCheck::export_all(&cfg)?;
        super::UpdateFailure::export_all(&cfg)?;
        super::known_codes::export(dir)?;
        Ok(())
    }
}
