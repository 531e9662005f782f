//! Own-number applications the sandbox has accepted, and their optional persistence.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::error::SandboxError;

/// Review state of an own-number application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApplicationState {
    /// Waiting for review; ModifyOwnNumberApply is allowed.
    Pending,
    /// Approved: its numbers are listed by DescribeNumbers; it can no longer be modified.
    Approved,
    /// Rejected by the reviewer; ModifyOwnNumberApply re-submits it (back to Pending).
    Rejected,
}

/// One `OwnNumberApplyDetailItem` as the sandbox received it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberDetail {
    /// 0 inbound, 1 outbound, 2 both.
    pub call_type: i64,
    pub phone_number: String,
    pub max_call_count: i64,
    pub max_call_p_sec: i64,
    pub outbound_callee_format: Option<String>,
    pub carrier_phone_number: Option<String>,
}

/// The optional prefix/format fields of Create/ModifyOwnNumberApply as received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyOptions {
    pub prefix: Option<String>,
    pub mobile_ndd_prefix: Option<String>,
    pub local_number_trim_ac: Option<bool>,
    pub callee_format_passthrough: Option<bool>,
    pub caller_format_passthrough: Option<bool>,
    pub international_number_prefix: Option<String>,
}

/// An own-number application, for inspection by tests and the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxApplication {
    pub apply_id: u64,
    pub sdk_app_id: u64,
    pub sip_trunk_id: i64,
    /// The PhoneNumbers of `details`, in order.
    pub numbers: Vec<String>,
    pub details: Vec<NumberDetail>,
    pub options: ApplyOptions,
    pub state: ApplicationState,
    pub created_at: SystemTime,
    /// Last CreateOwnNumberApply/ModifyOwnNumberApply; review time counts from here.
    pub submitted_at: SystemTime,
    /// How many times ModifyOwnNumberApply changed it.
    pub modify_count: u32,
    pub approved_at: Option<SystemTime>,
}

/// All applications plus the id counter; the persisted part of the sandbox.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Applications {
    pub next_apply_id: u64,
    pub by_id: BTreeMap<u64, SandboxApplication>,
}

/// First ApplyId handed out by a fresh sandbox.
pub(crate) const FIRST_APPLY_ID: u64 = 100_001;

impl Default for Applications {
    fn default() -> Self {
        Self {
            next_apply_id: FIRST_APPLY_ID,
            by_id: BTreeMap::new(),
        }
    }
}

impl Applications {
    /// Move pending applications whose review time has passed to Approved.
    pub fn promote(&mut self, now: SystemTime, approve_after: Option<Duration>) {
        let Some(after) = approve_after else { return };
        for app in self.by_id.values_mut() {
            let due = app.submitted_at.checked_add(after);
            if app.state == ApplicationState::Pending && due.is_some_and(|due| due <= now) {
                app.state = ApplicationState::Approved;
                app.approved_at = due;
            }
        }
    }

    /// Pending applications of one SdkAppId.
    pub fn pending_count(&self, sdk_app_id: u64) -> usize {
        self.by_id
            .values()
            .filter(|a| a.sdk_app_id == sdk_app_id && a.state == ApplicationState::Pending)
            .count()
    }

    /// Numbers held by a pending or approved application of `sdk_app_id`, except `skip`.
    pub fn numbers_in_use(&self, sdk_app_id: u64, skip: Option<u64>) -> BTreeMap<&str, u64> {
        let mut used = BTreeMap::new();
        for app in self.by_id.values() {
            if app.sdk_app_id != sdk_app_id
                || app.state == ApplicationState::Rejected
                || Some(app.apply_id) == skip
            {
                continue;
            }
            for n in &app.numbers {
                used.insert(n.as_str(), app.apply_id);
            }
        }
        used
    }
}

/// Version of the state file layout.
const STATE_FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct StateFile {
    format: u32,
    next_apply_id: u64,
    applications: Vec<SandboxApplication>,
}

#[derive(Deserialize)]
struct FormatOnly {
    format: u32,
}

/// Read the state file; a missing file is an empty sandbox.
pub(crate) fn load(path: &Path) -> Result<Applications, SandboxError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Applications::default()),
        Err(source) => {
            return Err(SandboxError::StateRead {
                path: path.to_owned(),
                source,
            });
        }
    };
    let parse_err = |source| SandboxError::StateParse {
        path: path.to_owned(),
        source,
    };
    let format: FormatOnly = serde_json::from_slice(&bytes).map_err(parse_err)?;
    if format.format != STATE_FORMAT {
        return Err(SandboxError::StateFormat {
            path: path.to_owned(),
            found: format.format,
            expected: STATE_FORMAT,
        });
    }
    let file: StateFile = serde_json::from_slice(&bytes).map_err(parse_err)?;
    let by_id = file
        .applications
        .into_iter()
        .map(|a| (a.apply_id, a))
        .collect();
    Ok(Applications {
        next_apply_id: file.next_apply_id,
        by_id,
    })
}

pub(crate) fn encode(applications: &Applications) -> Result<Vec<u8>, serde_json::Error> {
    serde_json::to_vec_pretty(&StateFile {
        format: STATE_FORMAT,
        next_apply_id: applications.next_apply_id,
        applications: applications.by_id.values().cloned().collect(),
    })
}

/// Write `bytes` to `path` atomically: a temp file in the same directory, fsync, rename.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SandboxError> {
    let err = |source| SandboxError::StateWrite {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        file_name.as_deref().unwrap_or("sandbox-state"),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable where the platform allows opening a directory.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(apply_id: u64, state: ApplicationState, numbers: &[&str]) -> SandboxApplication {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        SandboxApplication {
            apply_id,
            sdk_app_id: 1,
            sip_trunk_id: 2,
            numbers: numbers.iter().map(|n| (*n).to_owned()).collect(),
            details: Vec::new(),
            options: ApplyOptions::default(),
            state,
            created_at: t,
            submitted_at: t,
            modify_count: 0,
            approved_at: None,
        }
    }

    #[test]
    fn rejected_applications_do_not_hold_their_numbers() {
        let mut apps = Applications::default();
        apps.by_id
            .insert(1, app(1, ApplicationState::Pending, &["a"]));
        apps.by_id
            .insert(2, app(2, ApplicationState::Rejected, &["b"]));
        apps.by_id
            .insert(3, app(3, ApplicationState::Approved, &["c"]));
        let used = apps.numbers_in_use(1, None);
        assert_eq!(used.keys().copied().collect::<Vec<_>>(), ["a", "c"]);
        assert!(
            !apps.numbers_in_use(1, Some(1)).contains_key("a"),
            "Modify skips itself"
        );
    }

    #[test]
    fn promote_uses_the_submission_time() {
        let mut apps = Applications::default();
        apps.by_id
            .insert(1, app(1, ApplicationState::Pending, &["a"]));
        let submitted = apps.by_id[&1].submitted_at;
        apps.promote(
            submitted + Duration::from_secs(9),
            Some(Duration::from_secs(10)),
        );
        assert_eq!(
            apps.by_id[&1].state,
            ApplicationState::Pending,
            "not yet due"
        );
        apps.promote(
            submitted + Duration::from_secs(10),
            Some(Duration::from_secs(10)),
        );
        assert_eq!(
            apps.by_id[&1].state,
            ApplicationState::Approved,
            "due exactly at the delay"
        );
        assert_eq!(
            apps.by_id[&1].approved_at,
            Some(submitted + Duration::from_secs(10))
        );
    }

    #[test]
    fn state_file_round_trips_and_rejects_other_formats() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert_eq!(
            load(&path).unwrap().next_apply_id,
            FIRST_APPLY_ID,
            "missing file = empty"
        );
        let mut apps = Applications::default();
        apps.by_id
            .insert(7, app(7, ApplicationState::Rejected, &["x"]));
        apps.next_apply_id = 8;
        write_atomic(&path, &encode(&apps).unwrap()).unwrap();
        let back = load(&path).unwrap();
        assert_eq!(back.next_apply_id, 8);
        assert_eq!(back.by_id, apps.by_id);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "the temp file must be renamed away");

        std::fs::write(&path, br#"{"format": 99}"#).unwrap();
        assert!(matches!(
            load(&path),
            Err(SandboxError::StateFormat { found: 99, .. })
        ));
        std::fs::write(&path, b"not json").unwrap();
        assert!(matches!(load(&path), Err(SandboxError::StateParse { .. })));
    }
}
