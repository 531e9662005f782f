//! `ui/src/generated/licenses.json`, the licences About lists, must match the dependency tree:
//! this test regenerates it from `cargo metadata` and `ui/package-lock.json` and fails while the
//! committed file is stale. `make licenses` (UPDATE_LICENSES=1) rewrites it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::path::Path;
use std::process::Command;

use numdesk_support::licenses::{Licenses, npm_licenses, rust_licenses};

#[test]
fn the_generated_licence_list_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let lock: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("ui/package-lock.json")).unwrap())
            .unwrap();
    let licenses = Licenses {
        rust: rust_licenses(&metadata, "numdesk-app"),
        npm: npm_licenses(&lock),
    };
    assert!(
        licenses.rust.iter().any(|p| p.name == "tauri"),
        "the app's dependencies are listed"
    );
    assert!(licenses.npm.iter().any(|p| p.name == "react"));
    assert!(
        !licenses.npm.iter().any(|p| p.name == "vite"),
        "build tools are not shipped"
    );
    let text = licenses.to_json();
    let path = root.join("ui/src/generated/licenses.json");
    if std::env::var_os("UPDATE_LICENSES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "rule: About lists the licences of what ships — ui/src/generated/licenses.json is stale; \
         run `make licenses`"
    );
}
