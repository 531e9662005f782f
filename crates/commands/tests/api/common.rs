//! What every commands test needs: one Tokio runtime, the shell's facts, and the app's context over
//! a real database in a temporary directory with an in-memory keychain (tests never touch the OS
//! keychain).

#![allow(dead_code)] // each test file uses its own subset

use std::path::Path;
use std::sync::{Arc, OnceLock};

use numdesk_commands::{
    AppContext, ProcessRequest, Secrets, ShellInfo, WizardState, import_open_text, import_process,
};
use numdesk_keychain::MemoryStore;

pub fn shell() -> ShellInfo {
    ShellInfo {
        app_name: "Number Desk".into(),
        version: "9.9.9".into(),
        tauri_version: "2.x".into(),
    }
}

pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Runtime::new().unwrap())
}

/// The app started over `dir`, as at launch, with an empty memory keychain.
pub fn open(dir: &Path) -> AppContext {
    open_with(dir, Arc::new(MemoryStore::new()))
}

/// [`open`] with a given memory keychain (to find a saved key again after a restart).
pub fn open_with(dir: &Path, store: Arc<MemoryStore>) -> AppContext {
    let secrets = Secrets::with_store(store, None);
    runtime()
        .block_on(AppContext::start_with_secrets(dir, shell(), secrets))
        .unwrap()
}

/// Pastes `numbers` (tab-separated rows under a Chinese header, CallType 1, MaxCallCount 10,
/// MaxCallPSec 2) and saves them as draft `name`, as the import wizard does.
pub fn import(ctx: &AppContext, wiz: &WizardState, name: &str, numbers: &[&str]) -> i64 {
    let mut text = String::from("号码\t呼叫类型\t最大并发数\t每秒并发数\n");
    for n in numbers {
        text.push_str(&format!("{n}\t1\t10\t2\n"));
    }
    let preview = import_open_text(ctx, wiz, &text).unwrap();
    let request = ProcessRequest {
        header_row: preview.header_row,
        mapping: preview.mapping,
        country: Some("CN".into()),
        name: Some(name.into()),
        ..ProcessRequest::default()
    };
    import_process(ctx, wiz, &request, &mut |_| {})
        .unwrap()
        .draft_id
}

/// Queues draft `draft` for the app's active connection, `batch` numbers per application, and
/// when `send` sends it to the app's sandbox; returns the applications' ids.
pub fn queue_and_send(ctx: &AppContext, draft: i64, batch: usize, send: bool) -> Vec<i64> {
    let plan = numdesk_commands::active_connection_plan(ctx).unwrap();
    let client = numdesk_client::Client::new(plan.config, plan.limiter, plan.credentials).unwrap();
    let scope = numdesk_outbox::endpoint_scope(&client);
    let settings = numdesk_outbox::SubmitSettings {
        numbers_per_application: Some(batch),
        ..numdesk_outbox::SubmitSettings::default()
    };
    let ids = ctx
        .outbox()
        .enqueue_draft(draft, &settings, &scope)
        .unwrap()
        .application_ids;
    if send {
        runtime()
            .block_on(ctx.outbox().run(
                &client,
                &numdesk_outbox::Selection::Draft(draft),
                &numdesk_outbox::SendControl::new(),
                Arc::new(numdesk_outbox::NoProgress),
            ))
            .unwrap();
    }
    ids
}
