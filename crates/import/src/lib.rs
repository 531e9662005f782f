//! Turns carrier number lists — CSV in any encoding, XLSX/XLS, text pasted from Excel — into
//! clean [`OwnNumberApplyDetailItem`](numdesk_model::OwnNumberApplyDetailItem) rows, or says
//! precisely what is wrong and how to fix it. Nothing is silently dropped or changed.
//!
//! The steps, each callable on its own (the desktop wizard calls them one by one):
//! 1. [`read_path`] / [`read_bytes`] / [`read_pasted`] → [`Source`]: detected encoding,
//!    delimiter and sheets, and the raw [`Table`].
//! 2. [`detect_header`] → the header row; [`auto_map`] → the [`Mapping`] of columns to fields.
//! 3. [`process`] → [`ImportResult`]: one [`ImportedRow`] per data row with its [`Finding`]s,
//!    and the whole-file findings. [`Validator::validate_row`] re-checks one edited row,
//!    [`mark_duplicates`] re-checks duplicates across rows.
//!
//! Also: [`template_xlsx`] / [`template_csv`] write the import template; [`export_csv`] /
//! [`export_xlsx`] write rows with their findings, escaped against formula injection.
//! Limits are in [`limits`]; exceeding one is an [`ImportError`], never a panic or a hang.

mod clean;
mod error;
mod export;
mod finding;
#[cfg(test)]
mod glossary_tests;
mod lang;
pub mod limits;
mod mapping;
mod process;
mod read;
mod report;
mod table;
mod template;
mod validate;

pub use clean::parse_call_type;
pub use error::ImportError;
pub use export::{ExportTable, escape_formula, export_csv, export_xlsx, table_csv, table_xlsx};
pub use finding::{Code, Field, Finding, Severity};
pub use lang::Lang;
pub use mapping::{
    Mapping, auto_map, detect_header, field_for_header, guess_phone_column, normalize_header,
};
pub use numdesk_model::{CallType, Country, NumberForm, PhoneChecker, WrittenForm};
pub use process::{auto_process, mark_duplicates, process};
pub use read::{
    EncodingDetection, EncodingInfo, ReadOptions, Source, SourceFormat, read_bytes, read_pasted,
    read_path,
};
pub use report::{Detected, ImportReport, MappedColumn, import_path};
pub use table::{Cell, CellKind, Table, TableRow, column_letter};
pub use template::{template_csv, template_xlsx};
pub use validate::{
    Defaults, HeaderChoice, HeldNumber, ImportResult, ImportedRow, KnownLive, RowInput,
    ValidationOptions, Validator,
};
