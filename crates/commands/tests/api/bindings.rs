//! The TypeScript types in `ui/src/bindings/` are generated from Rust, never edited by hand.
//! This test fails when they are stale; `UPDATE_BINDINGS=1 cargo test -p numdesk-commands
//! --test api bindings` (or `make bindings`) rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn read_tree(root: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "ts") {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

#[test]
fn generated_typescript_bindings_are_up_to_date() {
    let committed_dir: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
    let fresh = tempfile::tempdir().unwrap();
    numdesk_commands::bindings::export_all(fresh.path()).unwrap();
    let fresh_files = read_tree(fresh.path());
    assert!(
        fresh_files.contains_key("AppInfo.ts"),
        "export wrote {:?}",
        fresh_files.keys()
    );

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        for (rel, text) in &fresh_files {
            let target = committed_dir.join(rel);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, text).unwrap();
        }
        return;
    }
    let committed = read_tree(&committed_dir);
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh_files.keys().collect::<Vec<_>>(),
        "rule: ui/src/bindings holds exactly the generated types; run `make bindings`"
    );
    for (rel, text) in &fresh_files {
        assert_eq!(
            committed.get(rel),
            Some(text),
            "rule: ui/src/bindings/{rel} is stale; run `make bindings` and commit the result"
        );
    }
}
