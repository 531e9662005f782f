//! The licences of what ships inside the app, for About: Rust crates from `cargo metadata` (the
//! normal dependencies of the app crate, on every platform) and npm production packages from
//! `ui/package-lock.json`. The result is written to `ui/src/generated/licenses.json` by
//! `make licenses`; a test fails while that file is stale.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;
use serde_json::Value;

/// One third-party package.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PackageLicense {
    pub name: String,
    pub version: String,
    /// SPDX expression as the package declares it.
    pub license: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
}

/// Everything About lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Licenses {
    pub rust: Vec<PackageLicense>,
    pub npm: Vec<PackageLicense>,
}

impl Licenses {
    /// The file's text: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// Crates the package named `root` depends on at run time (normal dependencies, transitively,
/// every platform), without the workspace's own crates.
pub fn rust_licenses(metadata: &Value, root: &str) -> Vec<PackageLicense> {
    let empty = Vec::new();
    let packages = metadata["packages"].as_array().unwrap_or(&empty);
    let by_id: BTreeMap<&str, &Value> = packages
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?, p)))
        .collect();
    let members: BTreeSet<&str> = metadata["workspace_members"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();
    let Some(start) = packages
        .iter()
        .find(|p| p["name"] == root && members.contains(p["id"].as_str().unwrap_or_default()))
        .and_then(|p| p["id"].as_str())
    else {
        return Vec::new();
    };
    let mut seen = BTreeSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(id) = queue.pop_front() {
        let Some(node) = nodes.get(id) else { continue };
        for dep in node["deps"].as_array().unwrap_or(&empty) {
            let normal = dep["dep_kinds"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .any(|k| k["kind"].is_null());
            if let Some(pkg) = dep["pkg"].as_str()
                && normal
                && seen.insert(pkg)
            {
                queue.push_back(pkg);
            }
        }
    }
    let mut out: Vec<PackageLicense> = seen
        .into_iter()
        .filter(|id| !members.contains(id))
        .filter_map(|id| by_id.get(id))
        .map(|p| PackageLicense {
            name: text(p, "name").unwrap_or_default(),
            version: text(p, "version").unwrap_or_default(),
            license: text(p, "license")
                .or_else(|| text(p, "license_file").map(|f| format!("see {f}")))
                .unwrap_or_else(|| "unknown".into()),
            repository: text(p, "repository"),
        })
        .collect();
    out.sort();
    out
}

/// The production (non-dev) packages of an npm `package-lock.json` (lockfile v2/v3).
pub fn npm_licenses(lock: &Value) -> Vec<PackageLicense> {
    let Some(packages) = lock["packages"].as_object() else {
        return Vec::new();
    };
    let mut out: Vec<PackageLicense> = packages
        .iter()
        .filter(|(path, p)| {
            path.contains("node_modules/")
                && p["dev"] != Value::Bool(true)
                && p["devOptional"] != Value::Bool(true)
        })
        .map(|(path, p)| {
            let name = path
                .rsplit_once("node_modules/")
                .map_or(path.as_str(), |(_, n)| n);
            PackageLicense {
                name: name.to_owned(),
                version: text(p, "version").unwrap_or_default(),
                license: text(p, "license").unwrap_or_else(|| "unknown".into()),
                repository: None,
            }
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_runtime_dependencies_of_the_root_outside_the_workspace() {
        let metadata = json!({
            "packages": [
                { "id": "app", "name": "app", "version": "0.1.0", "license": "MIT" },
                { "id": "lib", "name": "lib", "version": "0.1.0", "license": "MIT" },
                { "id": "a", "name": "a", "version": "1.0.0", "license": "MIT OR Apache-2.0",
                  "repository": "https://example.invalid/a" },
                { "id": "b", "name": "b", "version": "2.0.0", "license": null,
                  "license_file": "LICENSE" },
                { "id": "dev", "name": "dev", "version": "1.0.0", "license": "GPL-3.0" },
                { "id": "build", "name": "build", "version": "1.0.0", "license": "GPL-3.0" }
            ],
            "workspace_members": ["app", "lib"],
            "resolve": { "nodes": [
                { "id": "app", "deps": [
                    { "pkg": "lib", "dep_kinds": [{ "kind": null }] },
                    { "pkg": "dev", "dep_kinds": [{ "kind": "dev" }] },
                    { "pkg": "build", "dep_kinds": [{ "kind": "build" }] }
                ]},
                { "id": "lib", "deps": [{ "pkg": "a", "dep_kinds": [{ "kind": null }] }] },
                { "id": "a", "deps": [{ "pkg": "b", "dep_kinds": [{ "kind": null, "target": "cfg(windows)" }] }] },
                { "id": "b", "deps": [] }
            ]}
        });
        let names: Vec<(String, String)> = rust_licenses(&metadata, "app")
            .into_iter()
            .map(|p| (p.name, p.license))
            .collect();
        assert_eq!(
            names,
            [
                ("a".to_owned(), "MIT OR Apache-2.0".to_owned()),
                ("b".to_owned(), "see LICENSE".to_owned())
            ]
        );
    }

    #[test]
    fn npm_dev_packages_are_left_out() {
        let lock = json!({ "lockfileVersion": 3, "packages": {
            "": { "name": "ui" },
            "node_modules/react": { "version": "19.0.0", "license": "MIT" },
            "node_modules/@scope/x": { "version": "1.0.0", "license": "ISC" },
            "node_modules/a/node_modules/@scope/x": { "version": "0.9.0", "license": "ISC" },
            "node_modules/vite": { "version": "8.0.0", "license": "MIT", "dev": true },
            "node_modules/fsevents": { "version": "2.0.0", "devOptional": true }
        }});
        let list: Vec<String> = npm_licenses(&lock)
            .into_iter()
            .map(|p| format!("{}@{}", p.name, p.version))
            .collect();
        assert_eq!(list, ["@scope/x@0.9.0", "@scope/x@1.0.0", "react@19.0.0"]);
    }
}
