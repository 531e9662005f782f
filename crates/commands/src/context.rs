//! What every command runs against: the store and facts about the running app.

use std::path::{Path, PathBuf};

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use std::sync::{Arc, PoisonError, RwLock};

use numdesk_client::RateLimiter;
use numdesk_outbox::{Outbox, OutboxConfig};
use numdesk_sandbox::{Sandbox, SandboxConfig, SandboxError};
use numdesk_store::Store;

use crate::{ActiveEndpoint, ErrorCode, IpcError, Secrets};

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "numdesk.sqlite3";

/// Where the built-in sandbox keeps its applications, so they survive a restart like Tencent's.
pub const SANDBOX_STATE_FILE: &str = "sandbox-state.json";

/// How long the built-in sandbox takes to "approve" an application, so a new user sees the whole
/// life of an application in a minute (Settings → Sandbox changes it).
pub const SANDBOX_APPROVE_AFTER: Duration = Duration::from_secs(60);

/// Facts only the desktop shell knows, handed in at start-up.
#[derive(Debug, Clone)]
pub struct ShellInfo {
    pub app_name: String,
    pub version: String,
    pub tauri_version: String,
}

/// Shared state of the running app. The shell builds one and `manage()`s it.
#[derive(Debug)]
pub struct AppContext {
    store: Arc<Store>,
    /// The outbox of this database: holds the one-sender lock for as long as the app runs and
    /// has already turned applications left `sending` by a crash into `unknown`.
    outbox: Outbox,
    data_dir: PathBuf,
    shell: ShellInfo,
    /// Where requests go now; changed only by the explicit Sandbox ↔ Tencent switch.
    endpoint: RwLock<ActiveEndpoint>,
    /// The built-in sandbox, listening on 127.0.0.1 while the app runs.
    sandbox: Sandbox,
    /// SecretKeys and tokens: the OS keychain, or memory for this session only.
    secrets: Secrets,
    /// The one rate limiter every Tencent call of the process shares.
    limiter: RateLimiter,
    /// The approval watch's schedule and status.
    watch: crate::watch::WatchState,
}

impl AppContext {
    /// Opens (or creates) the database in `data_dir` and starts the built-in sandbox on an
    /// ephemeral loopback port, and opens the OS keychain once (in a blocking task; memory for
    /// this session when it does not work). Must run inside a Tokio runtime, which keeps serving
    /// the sandbox.
    pub async fn start(data_dir: &Path, shell: ShellInfo) -> Result<Self, IpcError> {
        let secrets = tokio::task::spawn_blocking(Secrets::open_os)
            .await
            .map_err(|err| {
                IpcError::new(
                    ErrorCode::Keychain,
                    format!("opening the keychain failed: {err}"),
                )
            })?;
        Self::start_with_secrets(data_dir, shell, secrets).await
    }

    /// [`AppContext::start`] with a given credential store (tests use [`Secrets::memory`], so
    /// they never touch the OS keychain).
    pub async fn start_with_secrets(
        data_dir: &Path,
        shell: ShellInfo,
        secrets: Secrets,
    ) -> Result<Self, IpcError> {
        // The app's own data directory: private (0700). Store::open leaves folders alone.
        numdesk_store::private_app_dir(data_dir)?;
        let store = Arc::new(Store::open(&data_dir.join(DATABASE_FILE))?);
        let outbox = Outbox::open(Arc::clone(&store), OutboxConfig::default())?;
        let sandbox = start_sandbox(&data_dir.join(SANDBOX_STATE_FILE)).await?;
        let endpoint = ActiveEndpoint::sandbox(sandbox.url());
        let ctx = Self {
            store,
            outbox,
            data_dir: data_dir.to_path_buf(),
            shell,
            endpoint: RwLock::new(endpoint),
            sandbox,
            secrets,
            limiter: RateLimiter::default(),
            watch: crate::watch::WatchState::default(),
        };
        // The connection chosen last time (Sandbox unless the user switched explicitly).
        let active = crate::settings::restored_endpoint(&ctx)?;
        ctx.set_endpoint(active);
        crate::settings::sync_sandbox_site(&ctx)?;
        ctx.sandbox()
            .set_approve_after(crate::rehearsal::saved_approve_after(&ctx)?);
        ctx.sandbox()
            .set_reject(crate::rehearsal::saved_reject(&ctx)?);
        Ok(ctx)
    }

    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, shared (for blocking tasks that outlive a borrow).
    pub fn store_arc(&self) -> &Arc<Store> {
        &self.store
    }

    /// The outbox: queue, send, resolve. What start-up recovery changed is in
    /// [`Outbox::recovered`].
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn shell(&self) -> &ShellInfo {
        &self.shell
    }

    /// The endpoint in use now (a copy: the switch may change it at any time).
    pub fn endpoint(&self) -> ActiveEndpoint {
        self.endpoint
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn set_endpoint(&self, endpoint: ActiveEndpoint) {
        *self
            .endpoint
            .write()
            .unwrap_or_else(PoisonError::into_inner) = endpoint;
    }

    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    /// The approval watch's state.
    pub fn watch_state(&self) -> &crate::watch::WatchState {
        &self.watch
    }

    /// The process-wide rate limiter; clone it into every client.
    pub fn limiter(&self) -> &RateLimiter {
        &self.limiter
    }
}

/// Starts the built-in sandbox over its state file. A state file this version cannot read
/// (corrupt, or of another format) is set aside as `sandbox-state.json.corrupt-<unix seconds>`
/// and the sandbox starts empty: rehearsal data is not worth refusing to start for.
async fn start_sandbox(state_path: &Path) -> Result<Sandbox, IpcError> {
    let config = SandboxConfig {
        approve_after: Some(SANDBOX_APPROVE_AFTER),
        state_path: Some(state_path.to_path_buf()),
        ..SandboxConfig::default()
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let failed = |err: SandboxError| {
        IpcError::new(
            ErrorCode::Internal,
            format!("the built-in sandbox did not start: {err}"),
        )
    };
    match Sandbox::start(config.clone(), addr).await {
        Err(err @ (SandboxError::StateParse { .. } | SandboxError::StateFormat { .. })) => {
            let backup = set_aside(state_path).map_err(|io| {
                IpcError::new(
                    ErrorCode::Io,
                    format!(
                        "{err}; it could not be set aside ({io}): move {} away and start again",
                        state_path.display()
                    ),
                )
            })?;
            tracing::warn!(
                error = %err,
                backup = %backup.display(),
                "the built-in sandbox's state could not be read; set aside, starting empty"
            );
            Sandbox::start(config, addr).await.map_err(failed)
        }
        other => other.map_err(failed),
    }
}

/// Renames `path` to `<name>.corrupt-<unix seconds>` (a free name) and returns the new path.
fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| SANDBOX_STATE_FILE.to_owned());
    let mut n = 0u32;
    loop {
        let suffix = if n == 0 {
            format!("{name}.corrupt-{secs}")
        } else {
            format!("{name}.corrupt-{secs}-{n}")
        };
        let backup = path.with_file_name(suffix);
        if !backup.exists() {
            std::fs::rename(path, &backup)?;
            return Ok(backup);
        }
        n += 1;
    }
}

/// `NUMDESK_DATA_DIR`, when set and not empty, replaces the OS app-data directory (tests, support,
/// portable installs).
pub fn data_dir_override() -> Option<PathBuf> {
    std::env::var_os("NUMDESK_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}
