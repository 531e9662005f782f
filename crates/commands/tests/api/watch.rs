//! The approval watch in the app: passes over the built-in sandbox tell a notifier (the shell's
//! OS notifications in the app; a fake here) what went live, bundled when many change at once;
//! numbers already live in the contact centre, read with "Bring in", are flagged at import.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{import, open, runtime};
use numdesk_client::{
    CallType, Client, ClientConfig, CreateOwnNumberApplyRequest, Credentials, Endpoint,
    OwnNumberApplyDetailItem,
};
use numdesk_commands::{
    AppContext, RowFilter, WatchNotice, WatchNotifier, WizardState, active_connection_plan,
    import_rows_page, live_numbers_list, live_numbers_read, watch_once, watch_settings_get,
    watch_settings_set, watch_status,
};
use numdesk_import::Code;
use numdesk_outbox::{NoProgress, Selection, SendControl, SubmitSettings, endpoint_scope};
use numdesk_sandbox::{
    DEFAULT_SDK_APP_ID, DEFAULT_SIP_TRUNK_ID, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY,
};

#[derive(Default)]
struct Fake(Mutex<Vec<WatchNotice>>);

impl WatchNotifier for Fake {
    fn notify(&self, notice: &WatchNotice) {
        self.0.lock().unwrap().push(notice.clone());
    }
}

/// Sends draft `id` to the built-in sandbox through the outbox, as Submit does.
fn submit(ctx: &AppContext, id: i64) {
    let plan = active_connection_plan(ctx).unwrap();
    let client = Client::new(plan.config, plan.limiter, plan.credentials).unwrap();
    let scope = endpoint_scope(&client);
    let settings = SubmitSettings {
        sdk_app_id: Some(DEFAULT_SDK_APP_ID),
        sip_trunk_id: Some(DEFAULT_SIP_TRUNK_ID),
        ..SubmitSettings::default()
    };
    ctx.outbox().enqueue_draft(id, &settings, &scope).unwrap();
    runtime()
        .block_on(ctx.outbox().run(
            &client,
            &Selection::All,
            &SendControl::new(),
            Arc::new(NoProgress),
        ))
        .unwrap();
}

#[test]
fn approvals_are_told_one_by_one_or_bundled_when_many_change_at_once() {
    let data = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let wiz = WizardState::default();
    ctx.sandbox()
        .set_approve_after(Some(Duration::from_millis(500)));
    for i in 0..3 {
        let id = import(
            &ctx,
            &wiz,
            &format!("d{i}"),
            &[&format!("020 3800 30{i:02}")],
        );
        submit(&ctx, id);
    }
    std::thread::sleep(Duration::from_millis(800));
    let fake = Fake::default();
    let pass = runtime()
        .block_on(watch_once(
            &ctx,
            active_connection_plan(&ctx).unwrap(),
            &fake,
            true,
        ))
        .unwrap();
    assert_eq!(pass.changes.len(), 3, "{pass:?}");
    let said = fake.0.lock().unwrap().clone();
    assert_eq!(said.len(), 3, "rule: up to 3 changes are told one by one");
    assert_eq!(said[0].title, "Application #1 approved");
    assert_eq!(
        said[0].application_id,
        Some(1),
        "the notice opens its application"
    );
    let status = watch_status(&ctx);
    assert_eq!(status.watching, 0);
    assert!(
        status.last_checked_at.is_some() && status.last_error.is_none(),
        "{status:?}"
    );

    for i in 0..5 {
        let id = import(
            &ctx,
            &wiz,
            &format!("e{i}"),
            &[&format!("020 3800 31{i:02}")],
        );
        submit(&ctx, id);
    }
    std::thread::sleep(Duration::from_millis(800));
    let bundle = Fake::default();
    runtime()
        .block_on(watch_once(
            &ctx,
            active_connection_plan(&ctx).unwrap(),
            &bundle,
            true,
        ))
        .unwrap();
    let said = bundle.0.lock().unwrap().clone();
    assert_eq!(
        said.len(),
        1,
        "rule: many changes at once are one notification: {said:?}"
    );
    assert_eq!(said[0].title, "5 applications changed");
    assert_eq!(said[0].changes.len(), 5);
    assert_eq!(said[0].application_id, None);
}

#[test]
fn watch_settings_are_saved_and_checked() {
    let data = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let defaults = watch_settings_get(&ctx).unwrap();
    assert!(
        defaults.enabled && defaults.max_interval_minutes == 60,
        "{defaults:?}"
    );
    let mut off = defaults;
    off.enabled = false;
    off.max_interval_minutes = 240;
    assert_eq!(watch_settings_set(&ctx, &off).unwrap(), off);
    assert_eq!(watch_settings_get(&ctx).unwrap(), off, "saved");
    off.max_interval_minutes = 0;
    assert!(
        watch_settings_set(&ctx, &off).is_err(),
        "0 minutes is refused"
    );
}

#[test]
fn a_number_already_live_in_the_contact_centre_is_flagged_at_import() {
    let data = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let wiz = WizardState::default();
    // Someone else (the console, another computer) applied for a number, and it was approved.
    let client = Client::new(
        ClientConfig::new(ctx.sandbox().url().parse::<Endpoint>().unwrap()),
        ctx.limiter().clone(),
        Credentials::new(SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY),
    )
    .unwrap();
    let request = CreateOwnNumberApplyRequest::new(
        DEFAULT_SDK_APP_ID,
        DEFAULT_SIP_TRUNK_ID,
        vec![OwnNumberApplyDetailItem::new(
            CallType::Outbound,
            "02038004001",
            5,
            1,
        )],
    );
    let created = runtime()
        .block_on(client.create_own_number_apply(&request))
        .unwrap();
    ctx.sandbox().approve(created.apply_id).unwrap();

    // "Bring in the numbers already in this contact centre".
    let plan = active_connection_plan(&ctx).unwrap();
    let read = runtime()
        .block_on(live_numbers_read(&ctx, plan, DEFAULT_SDK_APP_ID))
        .unwrap();
    assert_eq!((read.listed, read.not_applied_here), (1, 1), "{read:?}");
    assert!(read.read_at.is_some());
    let apart = live_numbers_list(&ctx).unwrap();
    assert_eq!(
        apart.len(),
        1,
        "listed apart: live, not applied for from this computer"
    );
    assert_eq!(apart[0].number, "008602038004001", "as Tencent lists it");

    import(
        &ctx,
        &wiz,
        "Carrier list",
        &["+86 20 3800 4001", "020 3800 4002"],
    );
    let rows = import_rows_page(&wiz, 0, 10, RowFilter::All).unwrap().rows;
    let live: Vec<&str> = rows[0]
        .row
        .issues
        .iter()
        .filter(|f| f.code == Code::AlreadyLive)
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        live.len() == 1 && live[0].contains("already live in SdkAppId 1400000001 (read just now)"),
        "rule: a number already live is an error naming where and when it was read: {live:?}"
    );
    assert!(rows[1].row.issues.is_empty(), "{:?}", rows[1].row.issues);
}

/// A memory keychain that counts reads.
#[derive(Debug, Default)]
struct CountingKeys {
    inner: numdesk_keychain::MemoryStore,
    loads: std::sync::atomic::AtomicUsize,
}

impl numdesk_keychain::SecretStore for CountingKeys {
    fn save(
        &self,
        profile: &str,
        secret: &numdesk_keychain::StoredSecret,
    ) -> Result<(), numdesk_keychain::KeychainError> {
        self.inner.save(profile, secret)
    }
    fn load(
        &self,
        profile: &str,
    ) -> Result<Option<numdesk_keychain::StoredSecret>, numdesk_keychain::KeychainError> {
        self.loads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.inner.load(profile)
    }
    fn delete(&self, profile: &str) -> Result<(), numdesk_keychain::KeychainError> {
        self.inner.delete(profile)
    }
    fn kind(&self) -> numdesk_keychain::StoreKind {
        self.inner.kind()
    }
}

#[test]
fn a_watch_pass_never_reads_the_keychain_on_an_async_thread() {
    let data = tempfile::tempdir().unwrap();
    let keys = Arc::new(CountingKeys::default());
    let ctx = runtime()
        .block_on(numdesk_commands::AppContext::start_with_secrets(
            data.path(),
            crate::common::shell(),
            numdesk_commands::Secrets::with_store(keys.clone(), None),
        ))
        .unwrap();
    // Tencent is the built-in sandbox here, reached with a key from the keychain.
    numdesk_commands::settings_save(
        &ctx,
        &numdesk_commands::SettingsInput {
            site: numdesk_commands::Site::Custom,
            custom_url: Some(ctx.sandbox().url()),
            secret_id: numdesk_sandbox::SANDBOX_SECRET_ID.into(),
            secret_key: Some(numdesk_sandbox::SANDBOX_SECRET_KEY.into()),
            token: None,
            clear_token: false,
            defaults: Default::default(),
            proxy_mode: numdesk_commands::ProxyMode::System,
            proxy_url: None,
        },
    )
    .unwrap();
    numdesk_commands::connection_use_tencent(&ctx).unwrap();
    // What the shell does on the blocking pool.
    let plan = active_connection_plan(&ctx).unwrap();
    let before = keys.loads.load(std::sync::atomic::Ordering::SeqCst);
    assert!(before > 0, "the plan read the key from the keychain");
    runtime()
        .block_on(watch_once(&ctx, plan, &Fake::default(), true))
        .unwrap();
    assert_eq!(
        keys.loads.load(std::sync::atomic::Ordering::SeqCst),
        before,
        "rule: the watch's async pass never reads the keychain (blocking) on an async worker"
    );
}
