//! What the support bundle may say about the database: counts and health, never a row's
//! contents — and, only when the user asks for them, the numbers of the newest applications.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::{Store, StoreError};

/// Columns whose values are counted per table (`rowsPerValue`): states and kinds, not contents.
const GROUPED: [&str; 4] = ["state", "endpoint_kind", "modify_state", "has_error"];

/// Sizes, journal mode, `PRAGMA integrity_check`, rows per table and per state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseStatistics {
    pub page_size: i64,
    pub page_count: i64,
    pub freelist_count: i64,
    pub journal_mode: String,
    pub integrity_check: Vec<String>,
    /// Rows of every table.
    pub rows_per_table: BTreeMap<String, i64>,
    /// `table.column` → value → rows, for the columns in [`GROUPED`].
    pub rows_per_value: BTreeMap<String, BTreeMap<String, i64>>,
}

/// One number of an application, for the bundle's `numbers.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleNumber {
    pub application: i64,
    pub state: String,
    pub apply_id: Option<i64>,
    pub endpoint: String,
    pub number: String,
}

impl Store {
    /// The database's statistics (see [`DatabaseStatistics`]). Blocking.
    pub fn statistics(&self) -> Result<DatabaseStatistics, StoreError> {
        let c = self.lock();
        let pragma = |name: &str| -> Result<i64, rusqlite::Error> {
            c.pragma_query_value(None, name, |r| r.get(0))
        };
        let mut integrity = Vec::new();
        c.pragma_query(None, "integrity_check", |r| {
            integrity.push(r.get::<_, String>(0)?);
            Ok(())
        })?;
        let names: Vec<String> = c
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut rows_per_table = BTreeMap::new();
        let mut rows_per_value = BTreeMap::new();
        for name in &names {
            let quoted = name.replace('"', "\"\"");
            let count: i64 =
                c.query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| {
                    r.get(0)
                })?;
            rows_per_table.insert(name.clone(), count);
            for col in grouped_columns(&c, &quoted)? {
                rows_per_value.insert(format!("{name}.{col}"), per_value(&c, &quoted, col)?);
            }
        }
        Ok(DatabaseStatistics {
            page_size: pragma("page_size")?,
            page_count: pragma("page_count")?,
            freelist_count: pragma("freelist_count")?,
            journal_mode: c.pragma_query_value(None, "journal_mode", |r| r.get(0))?,
            integrity_check: integrity,
            rows_per_table,
            rows_per_value,
        })
    }

    /// The numbers of the newest applications first, at most `limit`. Blocking.
    pub fn bundle_numbers(&self, limit: usize) -> Result<Vec<BundleNumber>, StoreError> {
        let c = self.lock();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = c
            .prepare(
                "SELECT a.id, a.state, a.apply_id, a.endpoint_kind, n.phone_number \
                 FROM applications a JOIN application_numbers n ON n.application_id = a.id \
                 ORDER BY a.id DESC, n.position LIMIT ?1",
            )?
            .query_map([limit], |r| {
                Ok(BundleNumber {
                    application: r.get(0)?,
                    state: r.get(1)?,
                    apply_id: r.get(2)?,
                    endpoint: r.get(3)?,
                    number: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

/// Which of [`GROUPED`] table `quoted` has.
fn grouped_columns(c: &Connection, quoted: &str) -> Result<Vec<&'static str>, StoreError> {
    let columns: Vec<String> = c
        .prepare(&format!("PRAGMA table_info(\"{quoted}\")"))?
        .query_map([], |r| r.get(1))?
        .collect::<Result<_, _>>()?;
    Ok(GROUPED
        .into_iter()
        .filter(|g| columns.iter().any(|c| c == g))
        .collect())
}

/// Rows of table `quoted` per value of `col` (`null` for NULL).
fn per_value(c: &Connection, quoted: &str, col: &str) -> Result<BTreeMap<String, i64>, StoreError> {
    let rows = c
        .prepare(&format!(
            "SELECT coalesce(CAST(\"{col}\" AS TEXT), 'null'), count(*) \
             FROM \"{quoted}\" GROUP BY 1 ORDER BY 1"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
