//! Own-number applications the sandbox has accepted, and their optional persistence.
//!
//! Over 500 lines because the indexes (pending per SdkAppId, numbers in use) must change with every
//! state change in one place, the state file stores that same data, and a third is tests.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::error::SandboxError;
use crate::number::listing_form;

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
///
/// ModifyOwnNumberApply replaces `details` and `options` with exactly what it sends (optional
/// fields it omits become `None`) and puts the application back to Pending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxApplication {
    pub apply_id: u64,
    pub sdk_app_id: u64,
    pub sip_trunk_id: i64,
    /// The PhoneNumbers of `details`, in order, exactly as submitted (DescribeNumbers lists
    /// them in Tencent's `0086…` form instead).
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

/// All applications plus the id counter (the persisted part of the sandbox), with indexes so
/// duplicate and pending-cap checks do not scan every application on each request.
#[derive(Debug, Clone)]
pub(crate) struct Applications {
    next_apply_id: u64,
    by_id: BTreeMap<u64, SandboxApplication>,
    /// SdkAppId -> ids of its Pending applications.
    pending: HashMap<u64, BTreeSet<u64>>,
    /// SdkAppId -> number in listing form -> ApplyId, for numbers of Pending or Approved
    /// applications (one number however it was spelled).
    in_use: HashMap<u64, HashMap<String, u64>>,
}

/// First ApplyId handed out by a fresh sandbox.
pub(crate) const FIRST_APPLY_ID: u64 = 100_001;

impl Default for Applications {
    fn default() -> Self {
        Self::from_parts(FIRST_APPLY_ID, Vec::new())
    }
}

impl Applications {
    /// Rebuild from stored applications (the indexes are derived).
    pub fn from_parts(next_apply_id: u64, apps: Vec<SandboxApplication>) -> Self {
        let mut this = Self {
            next_apply_id,
            by_id: BTreeMap::new(),
            pending: HashMap::new(),
            in_use: HashMap::new(),
        };
        for app in apps {
            this.next_apply_id = this.next_apply_id.max(app.apply_id + 1);
            this.index(&app);
            this.by_id.insert(app.apply_id, app);
        }
        this
    }

    fn index(&mut self, app: &SandboxApplication) {
        if app.state == ApplicationState::Pending {
            self.pending
                .entry(app.sdk_app_id)
                .or_default()
                .insert(app.apply_id);
        }
        if app.state != ApplicationState::Rejected {
            let numbers = self.in_use.entry(app.sdk_app_id).or_default();
            for n in &app.numbers {
                numbers.insert(listing_form(n), app.apply_id);
            }
        }
    }

    fn unindex(&mut self, app: &SandboxApplication) {
        if let Some(ids) = self.pending.get_mut(&app.sdk_app_id) {
            ids.remove(&app.apply_id);
        }
        if let Some(numbers) = self.in_use.get_mut(&app.sdk_app_id) {
            for n in &app.numbers {
                let key = listing_form(n);
                if numbers.get(&key) == Some(&app.apply_id) {
                    numbers.remove(&key);
                }
            }
        }
    }

    /// Change one application through `change`, keeping the indexes right.
    fn update(&mut self, apply_id: u64, change: impl FnOnce(&mut SandboxApplication)) -> bool {
        let Some(mut app) = self.by_id.remove(&apply_id) else {
            return false;
        };
        self.unindex(&app);
        change(&mut app);
        self.index(&app);
        self.by_id.insert(apply_id, app);
        true
    }

    #[cfg(test)]
    pub fn next_apply_id(&self) -> u64 {
        self.next_apply_id
    }

    pub fn get(&self, apply_id: u64) -> Option<&SandboxApplication> {
        self.by_id.get(&apply_id)
    }

    /// All applications, by ApplyId.
    pub fn iter(&self) -> impl Iterator<Item = &SandboxApplication> {
        self.by_id.values()
    }

    /// Add a new Pending application; returns its ApplyId.
    pub fn insert_new(&mut self, make: impl FnOnce(u64) -> SandboxApplication) -> u64 {
        let apply_id = self.next_apply_id;
        self.next_apply_id += 1;
        let app = make(apply_id);
        self.index(&app);
        self.by_id.insert(apply_id, app);
        apply_id
    }

    /// Replace details and options and put the application back to Pending.
    pub fn resubmit(
        &mut self,
        apply_id: u64,
        details: Vec<NumberDetail>,
        options: ApplyOptions,
        now: SystemTime,
    ) -> bool {
        self.update(apply_id, |app| {
            app.numbers = details.iter().map(|d| d.phone_number.clone()).collect();
            app.details = details;
            app.options = options;
            app.state = ApplicationState::Pending;
            app.submitted_at = now;
            app.modify_count += 1;
            app.approved_at = None;
        })
    }

    /// Set the review state (and when it was approved).
    pub fn set_state(
        &mut self,
        apply_id: u64,
        state: ApplicationState,
        approved_at: Option<SystemTime>,
    ) -> bool {
        self.update(apply_id, |app| {
            app.state = state;
            app.approved_at = approved_at;
        })
    }

    /// Move pending applications whose review time has passed to Approved.
    #[cfg(test)]
    pub fn promote(&mut self, now: SystemTime, approve_after: Option<Duration>) {
        self.review(now, approve_after, false);
    }

    /// Decide pending applications whose review time has passed: Approved, or Rejected when
    /// `reject` (a rehearsal of a refusal).
    pub fn review(&mut self, now: SystemTime, after: Option<Duration>, reject: bool) {
        let Some(after) = after else { return };
        let due: Vec<(u64, SystemTime)> = self
            .pending
            .values()
            .flatten()
            .filter_map(|id| self.by_id.get(id))
            .filter_map(|app| {
                let due = app.submitted_at.checked_add(after)?;
                (due <= now).then_some((app.apply_id, due))
            })
            .collect();
        for (apply_id, due) in due {
            if reject {
                self.set_state(apply_id, ApplicationState::Rejected, None);
            } else {
                self.set_state(apply_id, ApplicationState::Approved, Some(due));
            }
        }
    }

    /// Pending applications of one SdkAppId.
    pub fn pending_count(&self, sdk_app_id: u64) -> usize {
        self.pending.get(&sdk_app_id).map_or(0, BTreeSet::len)
    }

    /// The pending or approved application of `sdk_app_id` that holds `number`, however
    /// either side spelled it (compared in listing form).
    pub fn holder(&self, sdk_app_id: u64, number: &str) -> Option<u64> {
        self.in_use
            .get(&sdk_app_id)?
            .get(&listing_form(number))
            .copied()
    }
}

/// Version of the state file layout.
const STATE_FORMAT: u32 = 1;

/// The state file as read (`format` is checked first through [`FormatOnly`]).
#[derive(Deserialize)]
struct StateFile {
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
    Ok(Applications::from_parts(
        file.next_apply_id,
        file.applications,
    ))
}

/// [`StateFile`] borrowing the applications, so a snapshot does not clone them.
#[derive(Serialize)]
struct StateFileRef<'a> {
    format: u32,
    next_apply_id: u64,
    applications: Vec<&'a SandboxApplication>,
}

pub(crate) fn encode(applications: &Applications) -> Result<Vec<u8>, serde_json::Error> {
    serde_json::to_vec_pretty(&StateFileRef {
        format: STATE_FORMAT,
        next_apply_id: applications.next_apply_id,
        applications: applications.iter().collect(),
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
    fn indexes_follow_every_state_change() {
        let mut apps = Applications::from_parts(
            FIRST_APPLY_ID,
            vec![
                app(1, ApplicationState::Pending, &["a"]),
                app(2, ApplicationState::Rejected, &["b"]),
                app(3, ApplicationState::Approved, &["c"]),
            ],
        );
        assert_eq!(
            apps.holder(1, "a"),
            Some(1),
            "pending applications hold their numbers"
        );
        assert_eq!(
            apps.holder(1, "b"),
            None,
            "rejected applications free their numbers"
        );
        assert_eq!(
            apps.holder(1, "c"),
            Some(3),
            "approved applications hold their numbers"
        );
        assert_eq!(apps.holder(2, "a"), None, "numbers are per SdkAppId");
        assert_eq!(apps.pending_count(1), 1);
        assert_eq!(apps.next_apply_id(), FIRST_APPLY_ID);

        apps.set_state(1, ApplicationState::Rejected, None);
        assert_eq!(apps.holder(1, "a"), None, "rejecting frees the numbers");
        assert_eq!(apps.pending_count(1), 0);
        let now = SystemTime::UNIX_EPOCH;
        apps.resubmit(2, vec![detail("d")], ApplyOptions::default(), now);
        assert_eq!(
            apps.holder(1, "b"),
            None,
            "resubmitting replaces the numbers"
        );
        assert_eq!(apps.holder(1, "d"), Some(2));
        assert_eq!(
            apps.pending_count(1),
            1,
            "a resubmitted application is pending again"
        );
        assert_eq!(apps.get(2).map(|a| a.modify_count), Some(1));
        let id = apps.insert_new(|id| app(id, ApplicationState::Pending, &["e"]));
        assert_eq!(id, FIRST_APPLY_ID);
        assert_eq!(apps.holder(1, "e"), Some(id));
        assert_eq!(
            apps.next_apply_id(),
            FIRST_APPLY_ID + 1,
            "ApplyIds increase"
        );
    }

    #[test]
    fn holder_sees_one_number_however_it_is_spelled() {
        let mut apps = Applications::from_parts(
            FIRST_APPLY_ID,
            vec![app(1, ApplicationState::Pending, &["020 3800 1234"])],
        );
        for spelling in ["02038001234", "+86 20 3800 1234", "008602038001234"] {
            assert_eq!(
                apps.holder(1, spelling),
                Some(1),
                "the holder lookup compares listing forms: {spelling}"
            );
        }
        apps.resubmit(
            1,
            vec![detail("+8617308248432")],
            ApplyOptions::default(),
            SystemTime::UNIX_EPOCH,
        );
        assert_eq!(
            apps.holder(1, "02038001234"),
            None,
            "a replaced number is freed in every spelling"
        );
        assert_eq!(apps.holder(1, "173 0824 8432"), Some(1));
        assert_eq!(
            apps.get(1).map(|a| a.numbers.clone()),
            Some(vec!["+8617308248432".to_owned()]),
            "the application keeps the number as submitted"
        );
    }

    #[test]
    fn from_parts_never_reuses_an_apply_id() {
        let apps = Applications::from_parts(5, vec![app(9, ApplicationState::Pending, &["a"])]);
        assert_eq!(
            apps.next_apply_id(),
            10,
            "the counter moves past stored ids"
        );
    }

    fn detail(number: &str) -> NumberDetail {
        NumberDetail {
            call_type: 1,
            phone_number: number.to_owned(),
            max_call_count: 1,
            max_call_p_sec: 1,
            outbound_callee_format: None,
            carrier_phone_number: None,
        }
    }

    #[test]
    fn a_rehearsed_refusal_rejects_when_the_review_is_due() {
        let mut apps = Applications::from_parts(1, vec![app(1, ApplicationState::Pending, &["a"])]);
        let submitted = apps.get(1).unwrap().submitted_at;
        let after = Some(Duration::from_secs(10));
        apps.review(submitted + Duration::from_secs(10), after, true);
        let reviewed = apps.get(1).unwrap();
        assert_eq!(
            (reviewed.state, reviewed.approved_at),
            (ApplicationState::Rejected, None),
            "rule: with reject on, a due review refuses the application"
        );
        assert_eq!(apps.pending_count(1), 0);
    }

    #[test]
    fn promote_uses_the_submission_time() {
        let mut apps = Applications::from_parts(1, vec![app(1, ApplicationState::Pending, &["a"])]);
        let submitted = apps.get(1).unwrap().submitted_at;
        let after = Some(Duration::from_secs(10));
        apps.promote(submitted + Duration::from_secs(9), after);
        assert_eq!(
            apps.get(1).unwrap().state,
            ApplicationState::Pending,
            "not yet due"
        );
        apps.promote(submitted + Duration::from_secs(10), after);
        let promoted = apps.get(1).unwrap();
        assert_eq!(
            promoted.state,
            ApplicationState::Approved,
            "due exactly at the delay"
        );
        assert_eq!(
            promoted.approved_at,
            Some(submitted + Duration::from_secs(10))
        );
        assert_eq!(apps.pending_count(1), 0);
        assert_eq!(apps.holder(1, "a"), Some(1), "approved numbers stay in use");
    }

    #[test]
    fn state_file_round_trips_and_rejects_other_formats() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let empty = load(&path).unwrap();
        assert_eq!(
            empty.next_apply_id(),
            FIRST_APPLY_ID,
            "missing file = empty"
        );
        let apps = Applications::from_parts(8, vec![app(7, ApplicationState::Rejected, &["x"])]);
        write_atomic(&path, &encode(&apps).unwrap()).unwrap();
        let back = load(&path).unwrap();
        assert_eq!(back.next_apply_id(), 8);
        assert_eq!(
            back.iter().collect::<Vec<_>>(),
            apps.iter().collect::<Vec<_>>()
        );
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
