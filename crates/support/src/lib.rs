//! Support for the people who run and help run Number Desk: logs and the support bundle.
//!
//! - [`redact`]: scrubs the `Authorization` header (`Credential=…`, `Signature=…`), `X-TC-Token`
//!   values and every secret the app [registered](Redactor::register) from text, and masks the
//!   digits of phone numbers for copies that leave the machine.
//! - [`logging`]: structured (JSON lines) `tracing` logs in a directory, one file per day, the
//!   oldest deleted beyond a limit, user-only permissions; every line passes the redactor before it
//!   is written.
//! - [`bundle`]: the support bundle, a zip of logs, database statistics, versions and settings
//!   without secrets, phone numbers masked unless the user asked for them.
//!
//! Nothing here knows about Tauri; the shell calls [`logging::init`] with its log directory.

pub mod bundle;
mod error;
pub mod licenses;
pub mod logging;
mod perms;
pub mod redact;
mod system;

pub use bundle::{BundleInput, BundleReport, write_bundle};
pub use error::SupportError;
pub use logging::{LogConfig, LogHandle, LogWriter};
pub use perms::{create_private_dir, restrict_to_user, write_private};
pub use redact::{Redactor, mask_phone_numbers};
pub use system::os_version;
