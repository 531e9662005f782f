//! The operating system's version, for the support bundle. Platform code stays here, behind `cfg`.

/// A human-readable OS name and version, when the platform tells it cheaply.
///
/// Linux: `PRETTY_NAME` of `/etc/os-release` and the kernel release. macOS: `ProductVersion` of
/// `SystemVersion.plist`. Windows: not collected (`None`); `app.json` still has OS and arch.
pub fn os_version() -> Option<String> {
    imp()
}

#[cfg(target_os = "linux")]
fn imp() -> Option<String> {
    let release = std::fs::read_to_string("/etc/os-release").ok();
    let pretty = release.as_deref().and_then(|text| {
        text.lines()
            .find_map(|l| l.strip_prefix("PRETTY_NAME="))
            .map(|v| v.trim_matches('"').to_owned())
    });
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .ok()
        .map(|k| k.trim().to_owned());
    match (pretty, kernel) {
        (Some(p), Some(k)) => Some(format!("{p} (kernel {k})")),
        (p, k) => p.or(k.map(|k| format!("Linux kernel {k}"))),
    }
}

#[cfg(target_os = "macos")]
fn imp() -> Option<String> {
    let plist = std::fs::read_to_string("/System/Library/CoreServices/SystemVersion.plist").ok()?;
    let after = plist.split("<key>ProductVersion</key>").nth(1)?;
    let value = after.split("<string>").nth(1)?.split("</string>").next()?;
    Some(format!("macOS {value}"))
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn imp() -> Option<String> {
    None
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn linux_reports_its_kernel() {
        let v = super::os_version().unwrap();
        assert!(v.contains("kernel"), "{v}");
    }
}
