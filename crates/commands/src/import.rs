//! The import wizard: read a file by path (or pasted text), choose sheet, header row and column
//! mapping, then process the rows into a new draft that opens in the review grid.
//!
//! The session (what was read and detected) lives in [`WizardState`] inside the
//! [`AppContext`]; rows never cross IPC in one message: the grid reads pages
//! ([`crate::drafts::import_rows_page`]).
//!
//! Over 500 lines (barely): the wizard's session and every step that reads or changes it, kept
//! with the one lock they share.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use numdesk_import::{
    Cell, Defaults, EncodingInfo, Finding, ImportError, Lang, Mapping, ReadOptions, Source,
    SourceFormat, auto_map, column_letter, detect_header, read_pasted, read_path,
};
use numdesk_store::DraftHeader;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::drafts::OpenDraftSummary;
use crate::error_details::ErrorDetails;
use crate::{AppContext, ErrorCode, IpcError, Language};
use numdesk_drafts::OpenDraft;

/// Rows of the raw preview the header-row step shows.
pub const PREVIEW_ROWS: usize = 30;
/// Sample values shown per column in the mapping step.
pub const SAMPLE_VALUES: usize = 3;
const LAST_MAPPING_KEY: &str = "import.last_mapping";
const COUNTRY_KEY: &str = "import.country";

/// Where the rows of the session came from.
#[derive(Debug, Clone)]
enum Origin {
    Path(PathBuf),
    Pasted(String),
}

#[derive(Debug)]
struct Session {
    origin: Origin,
    source: Source,
}

/// The wizard's session and the draft open in the review grid. Managed next to the [`AppContext`].
#[derive(Debug, Default)]
pub struct WizardState {
    session: Mutex<Option<Session>>,
    pub(crate) open_draft: Mutex<Option<OpenDraft>>,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> Result<MutexGuard<'_, T>, IpcError> {
    m.lock()
        .map_err(|_| IpcError::new(ErrorCode::Internal, "an earlier command panicked"))
}

/// The language findings are written in: the UI's language.
pub(crate) fn lang_of(ctx: &AppContext) -> Result<Lang, IpcError> {
    let prefs = crate::preferences_get(ctx)?;
    Ok(match prefs.language {
        Some(Language::SimplifiedChinese) => Lang::Zh,
        _ => Lang::En,
    })
}

/// `lang` when the UI gave one, else the saved UI language.
pub(crate) fn lang_or_saved(ctx: &AppContext, lang: Option<Language>) -> Result<Lang, IpcError> {
    match lang {
        Some(Language::SimplifiedChinese) => Ok(Lang::Zh),
        Some(Language::English) => Ok(Lang::En),
        None => lang_of(ctx),
    }
}

pub(crate) fn import_error(err: &ImportError, lang: Lang) -> IpcError {
    let code = match err {
        ImportError::Io { .. } | ImportError::Write { .. } => ErrorCode::Io,
        _ => ErrorCode::InvalidInput,
    };
    IpcError::new(code, err.message(lang)).with_details(ErrorDetails::import(err.code()))
}

/// One raw row of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RawRow {
    /// Row number as the user sees it (1-based).
    pub line: u32,
    /// Cell texts, column A first.
    pub cells: Vec<String>,
}

/// A column offered in the mapping step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ColumnInfo {
    /// 0-based index (what [`Mapping`] holds).
    pub index: u32,
    /// Excel letter.
    pub letter: String,
    /// Header text ("" without a header row).
    pub header: String,
    /// The first non-blank values below the header.
    pub samples: Vec<String>,
}

/// What the wizard shows after reading (and after every re-read).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// File name, or "pasted".
    pub source_name: String,
    pub format: SourceFormat,
    /// Text files: the encoding used and how it was found.
    pub encoding: Option<EncodingInfo>,
    /// Text files: the delimiter used.
    pub delimiter: Option<String>,
    /// Spreadsheets: the worksheets; `sheet` is the one read.
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    /// The first rows, raw, for choosing the header row.
    pub rows: Vec<RawRow>,
    /// Rows in the file or sheet.
    pub total_rows: u32,
    /// The detected header row (1-based), if one was recognised.
    pub header_row: Option<u32>,
    /// Columns below that header, with samples.
    pub columns: Vec<ColumnInfo>,
    /// The mapping proposed for that header (aliases, then the last mapping used).
    pub mapping: Mapping,
    /// Warnings about reading (encoding guessed, bytes replaced).
    pub issues: Vec<Finding>,
    /// The country numbers without `+` are checked for, last used (default CN).
    pub country: String,
}

/// The columns and proposed mapping for a chosen header row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnsPreview {
    pub header_row: Option<u32>,
    pub columns: Vec<ColumnInfo>,
    pub mapping: Mapping,
}

/// How to turn the session into a draft.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields)]
pub struct ProcessRequest {
    /// Header row (1-based); `None`: no header, every row is data.
    pub header_row: Option<u32>,
    pub mapping: Mapping,
    /// Values for columns the file does not have.
    #[serde(default)]
    pub defaults: Defaults,
    /// ISO country for numbers without `+` (e.g. `CN`); empty: only `+` numbers are checked.
    pub country: Option<String>,
    /// Draft name; default: the source name.
    pub name: Option<String>,
    /// Language of the findings; default: the saved UI language (the UI passes the language it
    /// shows, which may be the system's when none was saved).
    pub lang: Option<Language>,
}

/// A step of processing, sent over the progress channel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(
    tag = "phase",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum ImportProgress {
    /// Cleaning and validating `rows` rows.
    Validating { rows: u32 },
    /// Saving the draft.
    Saving { rows: u32 },
    /// Done: the draft is open.
    Done { draft_id: i64, rows: u32 },
}

/// Mapping remembered by header text, so the next file with the same headers maps the same way.
#[derive(Debug, Default, Serialize, Deserialize)]
struct RememberedMapping(Vec<(String, String)>);

fn file_name(origin: &Origin) -> String {
    match origin {
        Origin::Path(p) => p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string()),
        Origin::Pasted(_) => "pasted".to_owned(),
    }
}

fn header_index(source: &Source, header_row: Option<u32>) -> Result<Option<usize>, IpcError> {
    header_row
        .map(|line| {
            source.table.index_of_line(line).ok_or_else(|| {
                IpcError::new(
                    ErrorCode::InvalidInput,
                    format!("row {line} is not a row of the file; choose a row that has content"),
                )
                .with_details(ErrorDetails::field("headerRow"))
            })
        })
        .transpose()
}

fn columns(source: &Source, header: Option<usize>) -> Vec<ColumnInfo> {
    let table = &source.table;
    let data = &table.rows[header.map_or(0, |h| h + 1)..];
    (0..table.width())
        .map(|col| {
            let header_text = header
                .and_then(|h| table.rows[h].cell(col))
                .map(|c| c.text.trim().to_owned())
                .unwrap_or_default();
            let samples = data
                .iter()
                .filter_map(|r| r.cell(col))
                .filter(|c| !c.is_blank())
                .take(SAMPLE_VALUES)
                .map(|c| c.text.trim().to_owned())
                .collect();
            ColumnInfo {
                index: u32::try_from(col).unwrap_or(u32::MAX),
                letter: column_letter(col),
                header: header_text,
                samples,
            }
        })
        .collect()
}

fn remembered(ctx: &AppContext) -> RememberedMapping {
    ctx.store()
        .preference(LAST_MAPPING_KEY)
        .ok()
        .flatten()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Aliases first; a field the aliases leave unmapped takes the column whose header the user
/// mapped to it last time.
fn proposed_mapping(ctx: &AppContext, cols: &[ColumnInfo], header: Option<usize>) -> Mapping {
    if header.is_none() {
        return Mapping::default();
    }
    let cells: Vec<Cell> = cols.iter().map(|c| Cell::text(c.header.clone())).collect();
    let mut mapping = auto_map(&cells);
    for (field_name, header_text) in remembered(ctx).0 {
        let Some(field) = numdesk_import::Field::ALL
            .into_iter()
            .find(|f| f.api_name() == field_name)
        else {
            continue;
        };
        if mapping.get(field).is_some() {
            continue;
        }
        if let Some(col) = cols
            .iter()
            .find(|c| !c.header.is_empty() && c.header == header_text)
            && mapping.field_of(col.index as usize).is_none()
        {
            mapping.set(field, Some(col.index as usize));
        }
    }
    mapping
}

fn remember_mapping(ctx: &AppContext, cols: &[ColumnInfo], mapping: &Mapping) {
    let pairs = numdesk_import::Field::ALL
        .into_iter()
        .filter_map(|f| {
            let col = cols.get(mapping.get(f)?)?;
            (!col.header.is_empty()).then(|| (f.api_name().to_owned(), col.header.clone()))
        })
        .collect();
    if let Ok(json) = serde_json::to_string(&RememberedMapping(pairs)) {
        // Remembering is a convenience: a failure to save it must not fail the import.
        let _ = ctx.store().set_preference(LAST_MAPPING_KEY, &json);
    }
}

fn preview(ctx: &AppContext, session: &Session) -> ImportPreview {
    let source = &session.source;
    let header = detect_header(&source.table);
    let cols = columns(source, header);
    let mapping = proposed_mapping(ctx, &cols, header);
    ImportPreview {
        source_name: file_name(&session.origin),
        format: source.format,
        encoding: source.encoding.clone(),
        delimiter: source.delimiter.map(String::from),
        sheets: source.sheets.clone(),
        sheet: source.sheet.clone(),
        rows: source
            .table
            .rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|r| RawRow {
                line: r.line,
                cells: r.cells.iter().map(|c| c.text.clone()).collect(),
            })
            .collect(),
        total_rows: u32::try_from(source.table.rows.len()).unwrap_or(u32::MAX),
        header_row: header.map(|h| source.table.rows[h].line),
        columns: cols,
        mapping,
        issues: source.issues.clone(),
        country: ctx
            .store()
            .preference(COUNTRY_KEY)
            .ok()
            .flatten()
            .unwrap_or_else(|| "CN".to_owned()),
    }
}

fn start(
    ctx: &AppContext,
    wiz: &WizardState,
    origin: Origin,
    read: &ReadOptions,
) -> Result<ImportPreview, IpcError> {
    let lang = lang_of(ctx)?;
    let source = match &origin {
        Origin::Path(p) => read_path(p, read, lang),
        Origin::Pasted(text) => read_pasted(text, read),
    }
    .map_err(|e| import_error(&e, lang))?;
    let session = Session { origin, source };
    let out = preview(ctx, &session);
    *lock(&wiz.session)? = Some(session);
    Ok(out)
}

/// `import_open_path`: reads the file at `path` (CSV/TSV/TXT/XLSX/XLS, recognised by content).
pub fn import_open_path(
    ctx: &AppContext,
    wiz: &WizardState,
    path: &Path,
    read: &ReadOptions,
) -> Result<ImportPreview, IpcError> {
    if path.as_os_str().is_empty() {
        return Err(
            IpcError::new(ErrorCode::InvalidInput, "choose a file to import")
                .with_details(ErrorDetails::field("path")),
        );
    }
    start(ctx, wiz, Origin::Path(path.to_path_buf()), read)
}

/// `import_open_text`: reads text pasted from Excel (tab-separated).
pub fn import_open_text(
    ctx: &AppContext,
    wiz: &WizardState,
    text: &str,
) -> Result<ImportPreview, IpcError> {
    if text.trim().is_empty() {
        return Err(
            IpcError::new(ErrorCode::InvalidInput, "paste the rows to import first")
                .with_details(ErrorDetails::field("text")),
        );
    }
    start(
        ctx,
        wiz,
        Origin::Pasted(text.to_owned()),
        &ReadOptions::default(),
    )
}

/// `import_reread`: reads the session's source again with another encoding or sheet.
pub fn import_reread(
    ctx: &AppContext,
    wiz: &WizardState,
    read: &ReadOptions,
) -> Result<ImportPreview, IpcError> {
    let origin = lock(&wiz.session)?
        .as_ref()
        .map(|s| s.origin.clone())
        .ok_or_else(no_session)?;
    start(ctx, wiz, origin, read)
}

fn no_session() -> IpcError {
    IpcError::new(
        ErrorCode::NotFound,
        "no file is open in the import wizard; open a file or paste rows first",
    )
}

/// `import_columns`: the columns and proposed mapping when `header_row` is the header.
pub fn import_columns(
    ctx: &AppContext,
    wiz: &WizardState,
    header_row: Option<u32>,
) -> Result<ColumnsPreview, IpcError> {
    let guard = lock(&wiz.session)?;
    let session = guard.as_ref().ok_or_else(no_session)?;
    let header = header_index(&session.source, header_row)?;
    let cols = columns(&session.source, header);
    let mapping = proposed_mapping(ctx, &cols, header);
    Ok(ColumnsPreview {
        header_row,
        columns: cols,
        mapping,
    })
}

/// `import_process`: maps, cleans and validates every row, saves them as a new draft (one
/// transaction) and opens it in the review grid. Reports each phase to `progress`.
pub fn import_process(
    ctx: &AppContext,
    wiz: &WizardState,
    request: &ProcessRequest,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<OpenDraftSummary, IpcError> {
    let lang = lang_or_saved(ctx, request.lang)?;
    let country = crate::drafts::parse_country(request.country.as_deref(), lang)?;
    let guard = lock(&wiz.session)?;
    let session = guard.as_ref().ok_or_else(no_session)?;
    let source = &session.source;
    let header = header_index(source, request.header_row)?;
    let data_rows = source.table.rows.len() - header.map_or(0, |h| h + 1);
    let rows_u32 = u32::try_from(data_rows).unwrap_or(u32::MAX);
    progress(ImportProgress::Validating { rows: rows_u32 });
    let taken = crate::drafts::taken(ctx, None, lang)?;
    let options = numdesk_import::ValidationOptions {
        country,
        held_numbers: taken.held.clone(),
        live_numbers: taken.live.clone(),
        // The file's own columns: the mapping read names them.
        source_columns: None,
        lang,
    };
    let result = numdesk_import::process(
        &source.table,
        header,
        &request.mapping,
        &request.defaults,
        &options,
    )
    .map_err(|e| import_error(&e, lang))?;
    if let Some(f) = result.file_issues.iter().find(|f| f.is_error()) {
        return Err(IpcError::new(ErrorCode::InvalidInput, f.message.clone())
            .with_details(ErrorDetails::import(f.code.as_str())));
    }
    remember_mapping(ctx, &columns(source, header), &request.mapping);
    if let Some(c) = request.country.as_deref() {
        let _ = ctx.store().set_preference(COUNTRY_KEY, c.trim());
    }
    let name = request
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map_or_else(|| file_name(&session.origin), str::to_owned);
    let header_fields = DraftHeader {
        name,
        source: Some(match &session.origin {
            Origin::Path(p) => p.display().to_string(),
            Origin::Pasted(_) => "pasted".to_owned(),
        }),
        country: country.map(|c| c.iso().to_owned()),
        source_columns: Some(crate::drafts::columns_of(&request.mapping)),
        ..DraftHeader::default()
    };
    let rows = u32::try_from(result.rows.len()).unwrap_or(u32::MAX);
    progress(ImportProgress::Saving { rows });
    let mut file_issues = source.issues.clone();
    file_issues.extend(result.file_issues);
    drop(guard);
    let open = OpenDraft::create(
        ctx.store(),
        header_fields,
        result.rows,
        country,
        taken,
        lang,
        file_issues,
    )
    .map_err(|e| crate::drafts::draft_error(e, lang))?;
    let summary = open.summary();
    progress(ImportProgress::Done {
        draft_id: summary.draft_id,
        rows,
    });
    *lock(&wiz.open_draft)? = Some(open);
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_json_is_tagged_by_phase() {
        let v = serde_json::to_value(ImportProgress::Done {
            draft_id: 3,
            rows: 10,
        })
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"phase": "done", "draftId": 3, "rows": 10}),
            "rule: the UI switches on `phase`"
        );
    }
}
