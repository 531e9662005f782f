//! The draft open for review ([`OpenDraft`]): the rows of one saved draft in memory, checked
//! again when it opens (against the numbers applications hold and the numbers already live at
//! the destination), edited one row at a time or in bulk, and saved to the store at every change.
//! The review grid reads it in pages.
//!
//! No Tauri, no IPC: `numdesk-commands` keeps the one open draft and maps [`DraftError`] to what
//! the UI reads.

mod edit;
mod findings;
mod open;

use numdesk_import::{Finding, ImportError, ImportedRow, NumberForm, WrittenForm};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use open::{OpenDraft, Taken};

/// Most rows one page may hold.
pub const MAX_PAGE_ROWS: u32 = 1000;

/// What can go wrong with the open draft.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// The store failed (reading the draft or saving a change).
    #[error(transparent)]
    Store(#[from] numdesk_store::StoreError),
    /// Checking or exporting the rows failed; the message is in the draft's language.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A row position past the end of the draft.
    #[error("the draft has no row {index} (it has {rows})")]
    NoRow { index: u32, rows: usize },
}

/// Which rows a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowFilter {
    #[default]
    All,
    /// Rows with at least one error.
    Errors,
    /// Rows with a warning and no error.
    Warnings,
}

/// Counts and whole-file findings of the open draft.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenDraftSummary {
    pub draft_id: i64,
    pub name: String,
    pub total_rows: u32,
    pub error_rows: u32,
    pub warning_rows: u32,
    /// Findings about the whole file, from the import (not kept with the draft).
    pub file_issues: Vec<Finding>,
    /// How the rows write their numbers (forms in use only): more than one is a mix the
    /// grid warns about, with "write all numbers the same way".
    pub number_forms: Vec<FormCount>,
    /// The form the draft's numbers are sent in, once chosen.
    pub number_form: Option<NumberForm>,
}

/// How many rows write their number in `form`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct FormCount {
    pub form: WrittenForm,
    pub rows: u32,
}

/// One row of the grid: its position in the draft and its values with findings.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GridRow {
    pub index: u32,
    pub row: ImportedRow,
}

/// A page of the grid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RowsPage {
    pub summary: OpenDraftSummary,
    /// Rows matching the filter.
    pub matching: u32,
    /// Offset into the matching rows.
    pub offset: u32,
    pub rows: Vec<GridRow>,
}

/// The values of an edited row, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields)]
pub struct RowEdit {
    pub phone_number: String,
    pub call_type: String,
    pub max_call_count: String,
    pub max_call_psec: String,
    pub outbound_callee_format: Option<String>,
    pub carrier_phone_number: Option<String>,
}

/// Values set on every selected row; `None` leaves the field alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields)]
pub struct BulkSet {
    pub call_type: Option<String>,
    #[ts(optional, type = "number")]
    pub max_call_count: Option<i64>,
    #[ts(optional, type = "number")]
    pub max_call_psec: Option<i64>,
    /// `OutboundCalleeFormat` as typed (`{+E.164}` or `{E.164}`); `""` clears it.
    pub outbound_callee_format: Option<String>,
    /// `CarrierPhoneNumber` as typed; `""` clears it.
    pub carrier_phone_number: Option<String>,
}

/// File format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
