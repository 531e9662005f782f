//! The installers' configuration (`src-tauri/tauri.conf.json`): every platform's bundles, the
//! app's metadata, the version from one place, and no signing secret in the repository. `make deb`
//! proves on Linux that Tauri accepts it; Windows and macOS bundles are built on those systems.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

#[test]
fn the_version_comes_from_the_workspace_cargo_toml_only() {
    let conf = json("src-tauri/tauri.conf.json");
    assert!(
        conf.get("version").is_none(),
        "rule: version from one place — tauri.conf.json has none, so Tauri takes the crate's \
         (workspace) version"
    );
    // This crate uses `version.workspace = true` like every other.
    let workspace = env!("CARGO_PKG_VERSION");
    assert_eq!(
        json("ui/package.json")["version"],
        workspace,
        "rule: ui/package.json states the workspace version (bump both together)"
    );
}

#[test]
fn every_platform_has_its_installers_and_metadata() {
    let conf = json("src-tauri/tauri.conf.json");
    assert_eq!(conf["productName"], "Number Desk");
    assert_eq!(conf["identifier"], "com.numberdesk.desktop");
    assert!(
        !conf["identifier"].as_str().unwrap().ends_with(".app"),
        "rule: a bundle identifier ending in .app clashes with the macOS bundle extension"
    );
    let bundle = &conf["bundle"];
    assert_eq!(bundle["active"], true);
    let targets: Vec<&str> = bundle["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for needed in ["msi", "nsis", "dmg", "app", "deb", "appimage"] {
        assert!(
            targets.contains(&needed),
            "rule: Windows (MSI, NSIS), macOS (DMG, app) and Linux (deb, AppImage) are bundled \
             — {needed} is missing"
        );
    }
    for key in [
        "publisher",
        "copyright",
        "category",
        "shortDescription",
        "longDescription",
    ] {
        assert!(
            bundle[key].as_str().is_some_and(|v| !v.trim().is_empty()),
            "app metadata: bundle.{key} is set"
        );
    }
    assert_eq!(
        bundle["category"], "Business",
        "macOS: public.app-category.business"
    );
    assert!(
        bundle["macOS"]["minimumSystemVersion"]
            .as_str()
            .is_some_and(|v| v.parse::<f32>().is_ok()),
        "macOS: a minimum system version"
    );
    for icon in bundle["icon"].as_array().unwrap() {
        let icon = root().join("src-tauri").join(icon.as_str().unwrap());
        assert!(icon.is_file(), "icon {} exists", icon.display());
    }
}

#[test]
fn no_signing_secret_is_in_the_repository() {
    let conf = json("src-tauri/tauri.conf.json");
    let bundle = &conf["bundle"];
    for (platform, key) in [
        ("windows", "certificateThumbprint"),
        ("macOS", "signingIdentity"),
        ("macOS", "providerShortName"),
    ] {
        assert!(
            bundle[platform][key].is_null(),
            "rule: signing settings are placeholders (null) in git; CI or the release machine \
             fills them in ({platform}.{key})"
        );
    }
    let text = std::fs::read_to_string(root().join("src-tauri/tauri.conf.json")).unwrap();
    for secret_like in ["PRIVATE KEY", "password", "APPLE_ID", "-----BEGIN"] {
        assert!(
            !text.contains(secret_like),
            "no {secret_like} in tauri.conf.json"
        );
    }
}
