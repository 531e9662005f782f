//! What `--json` prints that comes from the app's crates: the CLI's own types, so its public
//! output keeps its keys whatever the app's IPC types are named or cased (`import` → the report
//! and its rows, `submit`/`resume` → `stop_reason`, `refresh` → `reconciled`, `watch` → each
//! change).

use numdesk_client::NetworkKind;
use numdesk_import::{CallType, Detected, Finding, ImportReport, ImportedRow};
use numdesk_outbox::{PauseKind, PauseReason, ReconcileReport, WatchChange};
use serde::Serialize;

/// `import --json`: rows, whole-file findings and what was detected (snake_case, as it first
/// shipped).
#[derive(Debug, Serialize)]
pub struct ImportReportJson<'a> {
    pub rows: Vec<ImportedRowJson<'a>>,
    pub file_issues: &'a [Finding],
    pub detected: &'a Detected,
}

impl<'a> From<&'a ImportReport> for ImportReportJson<'a> {
    fn from(r: &'a ImportReport) -> Self {
        Self {
            rows: r.rows.iter().map(ImportedRowJson::from).collect(),
            file_issues: &r.file_issues,
            detected: &r.detected,
        }
    }
}

/// One imported row of `import --json`.
#[derive(Debug, Serialize)]
pub struct ImportedRowJson<'a> {
    pub line: u32,
    pub phone_number: &'a str,
    pub call_type: Option<CallType>,
    pub max_call_count: Option<i64>,
    pub max_call_psec: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outbound_callee_format: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_phone_number: Option<&'a str>,
    pub issues: &'a [Finding],
}

impl<'a> From<&'a ImportedRow> for ImportedRowJson<'a> {
    fn from(r: &'a ImportedRow) -> Self {
        Self {
            line: r.line,
            phone_number: &r.phone_number,
            call_type: r.call_type,
            max_call_count: r.max_call_count,
            max_call_psec: r.max_call_psec,
            outbound_callee_format: r.outbound_callee_format.as_deref(),
            carrier_phone_number: r.carrier_phone_number.as_deref(),
            issues: &r.issues,
        }
    }
}

/// Why sending stopped (`stop_reason`).
#[derive(Debug, Serialize)]
pub struct StopReasonJson<'a> {
    pub kind: PauseKind,
    pub code: Option<&'a str>,
    pub message: &'a str,
    pub application_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clock_offset_secs: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_kind: Option<NetworkKind>,
}

impl<'a> From<&'a PauseReason> for StopReasonJson<'a> {
    fn from(r: &'a PauseReason) -> Self {
        Self {
            kind: r.kind,
            code: r.code.as_deref(),
            message: &r.message,
            application_id: r.application_id,
            clock_offset_secs: r.clock_offset_secs,
            network_kind: r.network_kind,
        }
    }
}

/// One SdkAppId's DescribeNumbers reconciliation (`reconciled`).
#[derive(Debug, Serialize)]
pub struct ReconciledJson<'a> {
    pub sdk_app_id: u64,
    pub pages: u32,
    pub numbers_listed: u64,
    pub own_numbers: u64,
    pub numbers_marked: u64,
    pub approved: &'a [i64],
}

impl<'a> From<&'a ReconcileReport> for ReconciledJson<'a> {
    fn from(r: &'a ReconcileReport) -> Self {
        Self {
            sdk_app_id: r.sdk_app_id,
            pages: r.pages,
            numbers_listed: r.numbers_listed,
            own_numbers: r.own_numbers,
            numbers_marked: r.numbers_marked,
            approved: &r.approved,
        }
    }
}

/// One application's change as `watch --json` prints it (camelCase, as it first shipped).
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WatchChangeJson<'a> {
    pub application_id: i64,
    pub sdk_app_id: u64,
    pub live_numbers: u32,
    pub live_before: u32,
    pub numbers: u32,
    pub approved_at: Option<&'a str>,
}

impl<'a> From<&'a WatchChange> for WatchChangeJson<'a> {
    fn from(c: &'a WatchChange) -> Self {
        Self {
            application_id: c.application_id,
            sdk_app_id: c.sdk_app_id,
            live_numbers: c.live_numbers,
            live_before: c.live_before,
            numbers: c.numbers,
            approved_at: c.approved_at.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(value: &impl Serialize) -> Vec<String> {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
            other => panic!("not an object: {other:?}"),
        }
    }

    /// The keys scripts read, pinned: a rename in the app's types must not reach them.
    #[test]
    fn the_printed_keys_are_pinned() {
        let row = ImportedRow {
            line: 2,
            phone_number: "02038000001".into(),
            call_type: Some(CallType::Outbound),
            max_call_count: Some(2),
            max_call_psec: Some(1),
            outbound_callee_format: Some("{+E.164}".into()),
            carrier_phone_number: Some("02038000002".into()),
            issues: Vec::new(),
            normalized: None,
        };
        assert_eq!(
            keys(&ImportedRowJson::from(&row)),
            [
                "call_type",
                "carrier_phone_number",
                "issues",
                "line",
                "max_call_count",
                "max_call_psec",
                "outbound_callee_format",
                "phone_number"
            ]
        );
        let reason = PauseReason {
            kind: PauseKind::Network,
            code: Some("NotSent".into()),
            message: "m".into(),
            application_id: Some(3),
            clock_offset_secs: None,
            network_kind: Some(NetworkKind::Dns),
        };
        assert_eq!(
            keys(&StopReasonJson::from(&reason)),
            ["application_id", "code", "kind", "message", "network_kind"]
        );
        let report = ReconcileReport {
            sdk_app_id: 1,
            pages: 1,
            numbers_listed: 2,
            own_numbers: 2,
            numbers_marked: 1,
            approved: vec![3],
        };
        assert_eq!(
            keys(&ReconciledJson::from(&report)),
            [
                "approved",
                "numbers_listed",
                "numbers_marked",
                "own_numbers",
                "pages",
                "sdk_app_id"
            ]
        );
        let change = WatchChange {
            application_id: 3,
            sdk_app_id: 1,
            live_numbers: 2,
            live_before: 1,
            numbers: 2,
            approved_at: None,
        };
        assert_eq!(
            keys(&WatchChangeJson::from(&change)),
            [
                "applicationId",
                "approvedAt",
                "liveBefore",
                "liveNumbers",
                "numbers",
                "sdkAppId"
            ]
        );
    }
}
