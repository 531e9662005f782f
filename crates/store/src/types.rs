//! Value types shared by profiles, drafts and applications.

use std::fmt;

use rusqlite::Row;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::StoreError;

pub use numdesk_model::ApplyOptions;

/// The columns of [`ApplyOptions`], in the order [`apply_options_from_row`] reads them.
pub(crate) const APPLY_OPTION_COLUMNS: &str = "prefix, mobile_ndd_prefix, local_number_trim_ac, \
    callee_format_passthrough, caller_format_passthrough, international_number_prefix";

/// Reads the six [`ApplyOptions`] columns starting at `first`.
pub(crate) fn apply_options_from_row(
    row: &Row<'_>,
    first: usize,
) -> rusqlite::Result<ApplyOptions> {
    Ok(ApplyOptions {
        prefix: row.get(first)?,
        mobile_ndd_prefix: row.get(first + 1)?,
        local_number_trim_ac: row.get(first + 2)?,
        callee_format_passthrough: row.get(first + 3)?,
        caller_format_passthrough: row.get(first + 4)?,
        international_number_prefix: row.get(first + 5)?,
    })
}

/// One number of an application, as the API's `OwnNumberApplyDetailItem` has it.
///
/// Stored as JSON with the applications it belongs to: the snake_case keys written before the
/// IPC types went camelCase are still read (the `alias`es).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields)]
pub struct NumberDetail {
    /// `PhoneNumber`.
    #[serde(alias = "phone_number")]
    pub phone_number: String,
    /// `CallType`: 0 inbound, 1 outbound, 2 inbound and outbound.
    #[serde(alias = "call_type")]
    pub call_type: u8,
    /// `MaxCallCount`.
    #[ts(type = "number")]
    #[serde(alias = "max_call_count")]
    pub max_call_count: i64,
    /// `MaxCallPSec`.
    #[ts(type = "number")]
    #[serde(alias = "max_call_p_sec")]
    pub max_call_p_sec: i64,
    /// `OutboundCalleeFormat`: `{+E.164}` or `{E.164}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(alias = "outbound_callee_format")]
    pub outbound_callee_format: Option<String>,
    /// `CarrierPhoneNumber`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(alias = "carrier_phone_number")]
    pub carrier_phone_number: Option<String>,
}

impl NumberDetail {
    /// Checks what the database would otherwise refuse less clearly.
    pub(crate) fn validate(&self) -> Result<(), StoreError> {
        let bad = |field: &'static str, reason: String| Err(StoreError::Invalid { field, reason });
        if self.phone_number.trim().is_empty() {
            return bad("phone_number", "a number must not be empty".into());
        }
        if self.call_type > 2 {
            return bad(
                "call_type",
                format!(
                    "{} for {}: expected 0 (inbound), 1 (outbound) or 2 (both)",
                    self.call_type, self.phone_number
                ),
            );
        }
        if self.max_call_count < 1 {
            return bad(
                "max_call_count",
                format!(
                    "{} for {}: must be at least 1",
                    self.max_call_count, self.phone_number
                ),
            );
        }
        if self.max_call_p_sec < 1 {
            return bad(
                "max_call_p_sec",
                format!(
                    "{} for {}: must be at least 1",
                    self.max_call_p_sec, self.phone_number
                ),
            );
        }
        Ok(())
    }
}

/// Which service an application was sent to (the shared vocabulary's): Sandbox and real
/// submissions never mix; duplicate checks, resumes and reconciliation only look at applications
/// of the same scope.
pub use numdesk_model::EndpointKind;

/// The service applications are sent to: its kind and the Host header used.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct EndpointScope {
    /// Which service.
    pub kind: EndpointKind,
    /// The Host header sent, e.g. `ccc.intl.tencentcloudapi.com` or `127.0.0.1:8080`.
    pub host: String,
}

impl EndpointScope {
    /// A scope of `kind` at `host`.
    pub fn new(kind: EndpointKind, host: impl Into<String>) -> Self {
        Self {
            kind,
            host: host.into(),
        }
    }

    /// Whether an application recorded with `kind` and `host` belongs to this scope.
    pub fn contains(&self, kind: EndpointKind, host: &str) -> bool {
        self.kind == kind && (kind != EndpointKind::Custom || self.host == host)
    }

    /// SQL condition (with `?{kind}` and `?{host}` parameters) matching this scope's
    /// applications in a table aliased `a`.
    pub(crate) fn sql(kind: usize, host: usize) -> String {
        format!(
            "(a.endpoint_kind = ?{kind} AND (a.endpoint_kind <> 'custom' OR a.endpoint_host = ?{host}))"
        )
    }
}

impl fmt::Display for EndpointScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.kind, self.host)
    }
}

/// The SQL expression for "now" in the stored time format.
pub(crate) const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// A `u64` from the API (ApplyId) as SQLite's signed integer.
pub(crate) fn to_sql_u64(field: &'static str, value: u64) -> Result<i64, StoreError> {
    i64::try_from(value).map_err(|_| StoreError::Invalid {
        field,
        reason: format!("{value} is larger than the database can hold"),
    })
}

/// Column `idx` of `row` as `u64` (a negative value means a corrupt row).
pub(crate) fn get_u64(row: &Row<'_>, idx: usize) -> rusqlite::Result<u64> {
    let value: i64 = row.get(idx)?;
    u64::try_from(value).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(idx, value))
}

/// Optional column `idx` of `row` as `u64`.
pub(crate) fn get_opt_u64(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<u64>> {
    let value: Option<i64> = row.get(idx)?;
    value
        .map(|v| u64::try_from(v).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(idx, v)))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::NumberDetail;

    /// A pending modification saved before the IPC types went camelCase is still read.
    #[test]
    fn number_details_saved_in_snake_case_are_still_read() {
        let old = r#"[{"phone_number":"+862038000001","call_type":1,"max_call_count":2,
            "max_call_p_sec":1,"outbound_callee_format":"{+E.164}"}]"#;
        let read: Vec<NumberDetail> = serde_json::from_str(old).unwrap();
        let expected = NumberDetail {
            phone_number: "+862038000001".into(),
            call_type: 1,
            max_call_count: 2,
            max_call_p_sec: 1,
            outbound_callee_format: Some("{+E.164}".into()),
            carrier_phone_number: None,
        };
        assert_eq!(read, std::slice::from_ref(&expected));
        let written = serde_json::to_value(&expected).unwrap();
        assert_eq!(
            written,
            serde_json::json!({ "phoneNumber": "+862038000001", "callType": 1, "maxCallCount": 2,
                                "maxCallPSec": 1, "outboundCalleeFormat": "{+E.164}" })
        );
        let again: NumberDetail = serde_json::from_value(written).unwrap();
        assert_eq!(again, expected);
    }
}
