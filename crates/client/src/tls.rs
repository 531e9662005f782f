//! The one TLS crypto provider of the process.
//!
//! reqwest is built with `rustls-no-provider`: it takes the process-wide rustls provider, so
//! one must be installed before the first `reqwest::Client` is built. Number Desk uses ring
//! (tauri-plugin-updater installs the same one), not aws-lc-rs, reqwest's default, whose C
//! build costs minutes on every clean build.

/// Installs ring as the process's rustls provider unless one is installed already. Safe to
/// call any number of times from any thread.
pub fn install_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race to another thread installing the same provider is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}
