//! Drafts: an application header plus number rows with their findings, autosaved.

use numdesk_model::NumberForm;
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::{ApplyOptions, NOW, apply_options_from_row, get_opt_u64, to_sql_u64};
use crate::{Store, StoreError};

/// How serious a finding is. A row with an error is never sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the row.
    Error,
    /// Shown; does not block.
    Warning,
}

/// Something the checks found in a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(optional_fields)]
pub struct RowFinding {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code the UI can translate, e.g. `scientific_notation`.
    pub code: String,
    /// The API field concerned (`PhoneNumber`, …), if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong, for people.
    pub message: String,
}

/// One row of a draft. Values the checks could not read are `None` (and come with an error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(optional_fields)]
pub struct DraftRow {
    /// Line or row in the source file (1-based), if the row came from a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub source_line: Option<u64>,
    /// `PhoneNumber` as it will be sent (or as read, if it could not be normalised).
    pub phone_number: String,
    /// `CallType` (0, 1, 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_type: Option<u8>,
    /// `MaxCallCount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub max_call_count: Option<i64>,
    /// `MaxCallPSec`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub max_call_p_sec: Option<i64>,
    /// `OutboundCalleeFormat`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_callee_format: Option<String>,
    /// `CarrierPhoneNumber`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier_phone_number: Option<String>,
    /// What the checks found.
    #[serde(default)]
    pub findings: Vec<RowFinding>,
}

impl DraftRow {
    /// True when a finding blocks the row.
    pub fn has_error(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// The application header of a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields)]
pub struct DraftHeader {
    /// Shown in the draft list.
    pub name: String,
    /// The profile it was started from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub profile_id: Option<i64>,
    /// `SdkAppId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub sdk_app_id: Option<u64>,
    /// `SipTrunkId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub sip_trunk_id: Option<i64>,
    /// The optional fields.
    #[serde(default)]
    pub options: ApplyOptions,
    /// Where the rows came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The draft whose failed rows this one was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub origin_draft_id: Option<i64>,
    /// The country its national numbers are read for (ISO code, e.g. `CN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The form its numbers are sent in; `None`: not chosen yet (national, as Tencent's
    /// examples, is offered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_form: Option<NumberForm>,
    /// The source file's column (0-based) of each field, in the order PhoneNumber, CallType,
    /// MaxCallCount, MaxCallPSec, OutboundCalleeFormat, CarrierPhoneNumber: findings name them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_columns: Option<Vec<Option<u32>>>,
}

/// A draft without its rows, with counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftSummary {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// Header fields.
    pub header: DraftHeader,
    /// Rows in all.
    #[ts(type = "number")]
    pub rows: u64,
    /// Rows with at least one error.
    #[ts(type = "number")]
    pub error_rows: u64,
    /// UTC time.
    pub created_at: String,
    /// UTC time of the last save.
    pub updated_at: String,
}

/// A draft with its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Draft {
    /// Header and counts.
    pub summary: DraftSummary,
    /// Rows in order.
    pub rows: Vec<DraftRow>,
}

const HEADER_COLUMNS: &str = "d.id, d.name, d.profile_id, d.sdk_app_id, d.sip_trunk_id, \
    d.prefix, d.mobile_ndd_prefix, d.local_number_trim_ac, d.callee_format_passthrough, \
    d.caller_format_passthrough, d.international_number_prefix, d.source, d.origin_draft_id, \
    d.created_at, d.updated_at, \
    (SELECT count(*) FROM draft_rows r WHERE r.draft_id = d.id), \
    (SELECT count(*) FROM draft_rows r WHERE r.draft_id = d.id AND r.has_error = 1), \
    d.country, d.number_form, d.source_columns";

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<DraftSummary> {
    Ok(DraftSummary {
        id: row.get(0)?,
        header: DraftHeader {
            name: row.get(1)?,
            profile_id: row.get(2)?,
            sdk_app_id: get_opt_u64(row, 3)?,
            sip_trunk_id: row.get(4)?,
            options: apply_options_from_row(row, 5)?,
            source: row.get(11)?,
            origin_draft_id: row.get(12)?,
            country: row.get(17)?,
            number_form: row
                .get::<_, Option<String>>(18)?
                .map(|f| f.parse::<NumberForm>())
                .transpose()
                .map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        18,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?,
            source_columns: row
                .get::<_, Option<String>>(19)?
                .map(|j| serde_json::from_str(&j))
                .transpose()
                .map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        19,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?,
        },
        created_at: row.get(13)?,
        updated_at: row.get(14)?,
        rows: get_opt_u64(row, 15)?.unwrap_or(0),
        error_rows: get_opt_u64(row, 16)?.unwrap_or(0),
    })
}

impl DraftHeader {
    fn validate(&self) -> Result<Option<i64>, StoreError> {
        if self.name.trim().is_empty() {
            return Err(StoreError::Invalid {
                field: "draft name",
                reason: "a draft needs a name".into(),
            });
        }
        self.sdk_app_id
            .map(|v| to_sql_u64("SdkAppId", v))
            .transpose()
    }
}

fn columns_json(header: &DraftHeader) -> Result<Option<String>, StoreError> {
    header
        .source_columns
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("source columns could not be encoded: {e}")))
}

pub(crate) fn insert_draft(tx: &Transaction<'_>, header: &DraftHeader) -> Result<i64, StoreError> {
    let sdk_app_id = header.validate()?;
    let o = &header.options;
    tx.execute(
        "INSERT INTO drafts (name, profile_id, sdk_app_id, sip_trunk_id, prefix, \
         mobile_ndd_prefix, local_number_trim_ac, callee_format_passthrough, \
         caller_format_passthrough, international_number_prefix, source, origin_draft_id, \
         country, number_form, source_columns) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            header.name.trim(),
            header.profile_id,
            sdk_app_id,
            header.sip_trunk_id,
            o.prefix,
            o.mobile_ndd_prefix,
            o.local_number_trim_ac,
            o.callee_format_passthrough,
            o.caller_format_passthrough,
            o.international_number_prefix,
            header.source,
            header.origin_draft_id,
            header.country,
            header.number_form.map(NumberForm::as_str),
            columns_json(header)?,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Inserts `rows` at positions `first..`, one prepared statement for all.
pub(crate) fn insert_rows(
    tx: &Transaction<'_>,
    draft_id: i64,
    first: usize,
    rows: &[DraftRow],
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO draft_rows (draft_id, position, source_line, phone_number, call_type, \
         max_call_count, max_call_p_sec, outbound_callee_format, carrier_phone_number, findings, \
         has_error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, row) in rows.iter().enumerate() {
        let findings = serde_json::to_string(&row.findings)
            .map_err(|e| StoreError::Corrupt(format!("findings could not be encoded: {e}")))?;
        let source_line = row
            .source_line
            .map(|v| to_sql_u64("source line", v))
            .transpose()?;
        let position = i64::try_from(first + i).unwrap_or(i64::MAX);
        stmt.execute(params![
            draft_id,
            position,
            source_line,
            row.phone_number,
            row.call_type,
            row.max_call_count,
            row.max_call_p_sec,
            row.outbound_callee_format,
            row.carrier_phone_number,
            findings,
            row.has_error(),
        ])?;
    }
    Ok(())
}

fn row_from_sql(row: &Row<'_>) -> rusqlite::Result<(DraftRow, String)> {
    Ok((
        DraftRow {
            source_line: get_opt_u64(row, 0)?,
            phone_number: row.get(1)?,
            call_type: row.get(2)?,
            max_call_count: row.get(3)?,
            max_call_p_sec: row.get(4)?,
            outbound_callee_format: row.get(5)?,
            carrier_phone_number: row.get(6)?,
            findings: Vec::new(),
        },
        row.get(7)?,
    ))
}

fn touch(tx: &Transaction<'_>, id: i64) -> Result<(), StoreError> {
    let n = tx.execute(
        &format!("UPDATE drafts SET updated_at = {NOW} WHERE id = ?1"),
        [id],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound { what: "draft", id });
    }
    Ok(())
}

impl Store {
    /// Creates a draft with `rows`, all in one transaction (a 100,000-row import is one commit).
    pub fn create_draft(&self, header: &DraftHeader, rows: &[DraftRow]) -> Result<i64, StoreError> {
        self.write(|tx| {
            let id = insert_draft(tx, header)?;
            insert_rows(tx, id, 0, rows)?;
            Ok(id)
        })
    }

    /// Saves the header of draft `id` (autosave).
    pub fn update_draft_header(&self, id: i64, header: &DraftHeader) -> Result<(), StoreError> {
        let sdk_app_id = header.validate()?;
        self.write(|tx| {
            let o = &header.options;
            let n = tx.execute(
                &format!(
                    "UPDATE drafts SET name = ?2, profile_id = ?3, sdk_app_id = ?4, \
                     sip_trunk_id = ?5, prefix = ?6, mobile_ndd_prefix = ?7, \
                     local_number_trim_ac = ?8, callee_format_passthrough = ?9, \
                     caller_format_passthrough = ?10, international_number_prefix = ?11, \
                     source = ?12, origin_draft_id = ?13, country = ?14, number_form = ?15, \
                     source_columns = ?16, updated_at = {NOW} WHERE id = ?1"
                ),
                params![
                    id,
                    header.name.trim(),
                    header.profile_id,
                    sdk_app_id,
                    header.sip_trunk_id,
                    o.prefix,
                    o.mobile_ndd_prefix,
                    o.local_number_trim_ac,
                    o.callee_format_passthrough,
                    o.caller_format_passthrough,
                    o.international_number_prefix,
                    header.source,
                    header.origin_draft_id,
                    header.country,
                    header.number_form.map(NumberForm::as_str),
                    columns_json(header)?,
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound { what: "draft", id });
            }
            Ok(())
        })
    }

    /// Replaces every row of draft `id` in one transaction (autosave of the whole table).
    pub fn replace_draft_rows(&self, id: i64, rows: &[DraftRow]) -> Result<(), StoreError> {
        self.write(|tx| {
            touch(tx, id)?;
            tx.execute("DELETE FROM draft_rows WHERE draft_id = ?1", [id])?;
            insert_rows(tx, id, 0, rows)
        })
    }

    /// Saves one edited row (autosave of a single cell edit). `position` must exist.
    pub fn update_draft_row(
        &self,
        id: i64,
        position: u64,
        row: &DraftRow,
    ) -> Result<(), StoreError> {
        let pos = to_sql_u64("row position", position)?;
        self.write(|tx| {
            touch(tx, id)?;
            let n = tx.execute(
                "DELETE FROM draft_rows WHERE draft_id = ?1 AND position = ?2",
                params![id, pos],
            )?;
            if n == 0 {
                return Err(StoreError::Invalid {
                    field: "row position",
                    reason: format!("draft {id} has no row {position}"),
                });
            }
            insert_rows(
                tx,
                id,
                usize::try_from(position).unwrap_or(usize::MAX),
                std::slice::from_ref(row),
            )
        })
    }

    /// Draft `id` with its rows.
    pub fn draft(&self, id: i64) -> Result<Option<Draft>, StoreError> {
        let Some(summary) = self.with_conn(|c| {
            Ok(c.query_row(
                &format!("SELECT {HEADER_COLUMNS} FROM drafts d WHERE d.id = ?1"),
                [id],
                summary_from_row,
            )
            .optional()?)
        })?
        else {
            return Ok(None);
        };
        let rows = self.draft_rows(id)?;
        Ok(Some(Draft { summary, rows }))
    }

    /// The rows of draft `id`, in order.
    pub fn draft_rows(&self, id: i64) -> Result<Vec<DraftRow>, StoreError> {
        self.with_conn(|c| {
            let mut stmt = c.prepare(
                "SELECT source_line, phone_number, call_type, max_call_count, max_call_p_sec, \
                 outbound_callee_format, carrier_phone_number, findings FROM draft_rows \
                 WHERE draft_id = ?1 ORDER BY position",
            )?;
            let rows = stmt.query_map([id], row_from_sql)?;
            let mut out = Vec::new();
            for r in rows {
                let (mut row, findings) = r?;
                if findings != "[]" {
                    row.findings = serde_json::from_str(&findings).map_err(|e| {
                        StoreError::Corrupt(format!("findings of a row of draft {id}: {e}"))
                    })?;
                }
                out.push(row);
            }
            Ok(out)
        })
    }

    /// Every draft, newest first, without rows.
    pub fn drafts(&self) -> Result<Vec<DraftSummary>, StoreError> {
        self.with_conn(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {HEADER_COLUMNS} FROM drafts d ORDER BY d.updated_at DESC, d.id DESC"
            ))?;
            let rows = stmt.query_map([], summary_from_row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Deletes draft `id` and its rows (applications made from it stay). Returns whether it
    /// existed.
    pub fn delete_draft(&self, id: i64) -> Result<bool, StoreError> {
        self.write(|tx| Ok(tx.execute("DELETE FROM drafts WHERE id = ?1", [id])? > 0))
    }
}
