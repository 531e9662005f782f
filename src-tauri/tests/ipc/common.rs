//! What every IPC test needs: the app on Tauri's mock runtime with its real capabilities, a memory
//! keychain (tests never touch the OS keychain), and `invoke` as the webview would call it.

#![allow(dead_code)] // each test file uses its own subset

use std::path::Path;

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, noop_assets};
use tauri::webview::InvokeRequest;

pub type Window = tauri::WebviewWindow<MockRuntime>;

/// Calls `cmd` from `webview` through the real IPC layer; `Err` is the rejection's JSON.
pub fn invoke(webview: &Window, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|body| body.deserialize::<Value>().unwrap())
}

/// Like [`invoke`], for calls that must succeed.
pub fn ok(webview: &Window, cmd: &str, args: Value) -> Value {
    invoke(webview, cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
}

/// The app's real context: its capabilities decide which commands a window may call.
pub fn real_context() -> tauri::Context<MockRuntime> {
    let mut context: tauri::Context<MockRuntime> = tauri::generate_context!();
    context.set_assets(Box::new(noop_assets()));
    context
}

/// The app with its data in `dir`, started as at launch, and its main window.
pub fn app(dir: &Path) -> (tauri::App<MockRuntime>, Window) {
    let app = numdesk_app_lib::build(mock_builder(), Some(dir.to_path_buf()))
        .build(real_context())
        .unwrap();
    let secrets = numdesk_commands::Secrets::memory();
    numdesk_app_lib::start_with_secrets(app.handle(), Some(dir.to_path_buf()), secrets).unwrap();
    let webview = window(&app, "main");
    (app, webview)
}

/// What the native save dialog does when the user picks `path` (the mock runtime shows none).
pub fn chose_save(webview: &Window, path: &Path) {
    use tauri::Manager;
    webview
        .state::<numdesk_commands::PathGrants>()
        .grant_save(path);
}

/// What the native open dialog (or a drop on the window) does with `path`.
pub fn chose_open(webview: &Window, path: &Path) {
    use tauri::Manager;
    webview
        .state::<numdesk_commands::PathGrants>()
        .grant_open(path);
}

/// Another webview window with `label`.
pub fn window(app: &tauri::App<MockRuntime>, label: &str) -> Window {
    tauri::WebviewWindowBuilder::new(app, label, Default::default())
        .build()
        .unwrap()
}

/// Shuts the app down as quitting would: its context (the database, the outbox's one-sender
/// lock, the sandbox) is dropped, so the same data dir can be opened again in this process. On
/// the mock runtime the windows keep the app alive through a reference cycle, so dropping `app`
/// alone would keep the lock held. Call it with no `State` borrowed.
pub fn stop(app: tauri::App<MockRuntime>) {
    use tauri::Manager;
    // Deprecated because a `State` obtained earlier would dangle; callers hold none.
    #[allow(deprecated)]
    let context = app.unmanage::<numdesk_commands::AppContext>();
    drop(context);
    drop(app);
}
