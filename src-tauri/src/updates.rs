//! Settings → About → "Check for updates", only when the user asks: the app never checks,
//! downloads or installs by itself.
//!
//! Tauri's updater plugin reads `plugins.updater` in `tauri.conf.json`: the release's
//! `latest.json` address and the public key. `updates_check` fetches `latest.json` and keeps the
//! update it announces; `updates_install` (the "Install and restart" button) downloads that update,
//! which the plugin refuses unless its signature was made by the release key for that version,
//! installs it and restarts.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use numdesk_commands::{IpcError, UpdateCheck, UpdateFailure};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_updater::{Error, Update, UpdaterExt};

/// How long one request to the update server may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The update the last check found, kept until the user presses "Install and restart".
#[derive(Default)]
pub struct PendingUpdate(Mutex<Option<Update>>);

impl std::fmt::Debug for PendingUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let guard = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let version = guard.as_ref().map(|u| u.version.clone());
        f.debug_tuple("PendingUpdate").field(&version).finish()
    }
}

#[tauri::command]
pub async fn updates_check<R: Runtime>(
    app: AppHandle<R>,
    pending: State<'_, PendingUpdate>,
) -> Result<UpdateCheck, IpcError> {
    let current_version = app.package_info().version.to_string();
    let updater = app
        .updater_builder()
        .timeout(TIMEOUT)
        .build()
        .map_err(update_error)?;
    let found = updater.check().await.map_err(update_error)?;
    let answer = match &found {
        Some(update) => UpdateCheck::Available {
            current_version,
            version: update.version.clone(),
            notes: update.body.clone(),
        },
        None => UpdateCheck::UpToDate { current_version },
    };
    *pending.0.lock().unwrap_or_else(PoisonError::into_inner) = found;
    Ok(answer)
}

/// Installs the update `updates_check` found, if it is still `version`, then restarts. The
/// download is verified against the public key before anything is installed.
#[tauri::command]
pub async fn updates_install<R: Runtime>(
    app: AppHandle<R>,
    pending: State<'_, PendingUpdate>,
    version: String,
) -> Result<(), IpcError> {
    let update = pending
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .filter(|update| update.version == version)
        .ok_or_else(|| {
            UpdateFailure::NothingToInstall.error(format!(
                "no checked update to version {version}; check for updates first"
            ))
        })?;
    let bytes = update
        .download(|_, _| {}, || {})
        .await
        .map_err(update_error)?;
    // On Windows the installer takes over and the app exits here.
    update.install(bytes).map_err(update_error)?;
    app.restart()
}

/// The plugin's error as `{code, message, details: {reason}}`.
pub fn update_error(err: Error) -> IpcError {
    let reason = match &err {
        Error::Reqwest(e) if e.is_decode() => UpdateFailure::BadRelease,
        // Connect (refused, DNS, TLS), timeout and request errors: nothing usable came back.
        Error::Reqwest(_) => UpdateFailure::Offline,
        Error::ReleaseNotFound => UpdateFailure::NoRelease,
        Error::Serialization(_) | Error::Semver(_) | Error::UrlParse(_) => {
            UpdateFailure::BadRelease
        }
        Error::TargetNotFound(_)
        | Error::TargetsNotFound(_)
        | Error::UnsupportedOs
        | Error::UnsupportedArch => UpdateFailure::NoBuildForThisSystem,
        Error::Network(_) => UpdateFailure::DownloadFailed,
        Error::Minisign(_)
        | Error::Base64(_)
        | Error::SignatureUtf8(_)
        | Error::SignedVersionMismatch { .. }
        | Error::MissingSignedVersion => UpdateFailure::BadSignature,
        Error::EmptyEndpoints | Error::InsecureTransportProtocol => UpdateFailure::NotConfigured,
        Error::Io(_)
        | Error::InvalidUpdaterFormat
        | Error::BinaryNotFoundInArchive
        | Error::TempDirNotFound
        | Error::TempDirNotOnSameMountPoint
        | Error::PreviousAppNotRestored(_)
        | Error::AuthenticationFailed
        | Error::DebInstallFailed
        | Error::PackageInstallFailed => UpdateFailure::InstallFailed,
        _ => UpdateFailure::Other,
    };
    reason.error(err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_failures_read_as_a_refused_update() {
        for err in [
            Error::MissingSignedVersion,
            Error::SignedVersionMismatch {
                signed: "0.1.0".into(),
                announced: "0.2.0".into(),
            },
        ] {
            let ipc = update_error(err);
            assert_eq!(
                ipc.details_json(),
                serde_json::json!({ "reason": "bad_signature" }),
                "rule: an update whose signature does not hold is reported as refused"
            );
        }
    }

    #[test]
    fn a_release_without_this_system_says_so() {
        let ipc = update_error(Error::TargetsNotFound(vec!["linux-x86_64".into()]));
        assert_eq!(
            ipc.details_json(),
            serde_json::json!({ "reason": "no_build_for_this_system" })
        );
        assert!(ipc.message.contains("linux-x86_64"), "{}", ipc.message);
        let none = update_error(Error::ReleaseNotFound);
        assert_eq!(
            none.details_json(),
            serde_json::json!({ "reason": "no_release" })
        );
    }
}
