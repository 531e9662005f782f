//! Reading a request body from a file or standard input, byte for byte.

use std::io::Read;
use std::path::Path;

use crate::error::CliError;

/// The exact bytes of `path`, or of standard input for `-`.
pub fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    let err = |source| CliError::ReadBody {
        path: path.to_owned(),
        source,
    };
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(err)?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(err)
    }
}

/// Check that `bytes` is JSON (the bytes themselves are sent unchanged).
pub fn check_json(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
        .map(|_| ())
        .map_err(|source| CliError::BodyNotJson {
            path: path.to_owned(),
            source,
        })
}
