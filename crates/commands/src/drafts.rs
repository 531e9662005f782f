//! Drafts and the review grid: the draft open for review is kept in memory (a [`Workbench`]);
//! the grid reads it in pages, every change is saved to the store at once (autosave).
//!
//! Over 500 lines: the draft open for review (`Workbench`) lives here with the grid's commands; it
//! is to move below `commands` (issue #17), which will halve this file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use numdesk_client::CallType;
use numdesk_import::{
    Cell, Code, Country, Defaults, Field, Finding, HeldNumber, ImportedRow, KnownLive, Lang,
    Mapping, RowInput, Severity, TableRow, ValidationOptions, Validator, export_csv, export_xlsx,
    mark_duplicates,
};
use numdesk_import::{NumberForm, PhoneChecker, WrittenForm};
use numdesk_store::{
    DraftHeader, DraftRow, DraftSummary, EndpointKind as StoreEndpointKind, EndpointScope,
    RowFinding,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::import::{WizardState, import_error, lang_or_saved, lock};
use crate::{AppContext, ErrorCode, IpcError, Language};

/// Most rows one page may hold.
pub const MAX_PAGE_ROWS: u32 = 1000;

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
pub struct WorkbenchSummary {
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
    pub summary: WorkbenchSummary,
    /// Rows matching the filter.
    pub matching: u32,
    /// Offset into the matching rows.
    pub offset: u32,
    pub rows: Vec<GridRow>,
}

/// The values of an edited row, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
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

/// Each field in its own column, in `Field::ALL` order: how the grid's rows are re-checked.
const IDENTITY: Mapping = Mapping {
    phone_number: Some(0),
    call_type: Some(1),
    max_call_count: Some(2),
    max_call_psec: Some(3),
    outbound_callee_format: Some(4),
    carrier_phone_number: Some(5),
};

/// The draft open in the review grid.
#[derive(Debug)]
pub struct Workbench {
    draft_id: i64,
    header: DraftHeader,
    rows: Vec<ImportedRow>,
    validator: Validator,
    lang: Lang,
    file_issues: Vec<Finding>,
    /// Numbers of the other saved drafts (by duplicate key) with those drafts' names, collected
    /// when this draft opens: a row holding one gets a warning naming the draft.
    other_drafts: HashMap<String, Vec<String>>,
    /// The country national numbers are read for.
    country: Option<Country>,
}

pub(crate) fn parse_country(text: Option<&str>, lang: Lang) -> Result<Option<Country>, IpcError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|e| {
            import_error(&numdesk_import::ImportError::from(e), lang)
                .with_details(serde_json::json!({ "field": "country" }))
        }),
    }
}

/// Numbers held (queued, sending, submitted or unknown) by applications of the destination the
/// app sends to now: the same site or endpoint, and `sdk_app_id` (the draft's, else the one new
/// drafts go to). A Sandbox rehearsal never blocks a Tencent submission, nor the reverse.
pub(crate) fn held_numbers(
    ctx: &AppContext,
    sdk_app_id: Option<u64>,
    lang: Lang,
) -> Result<Vec<HeldNumber>, IpcError> {
    let scope = crate::submit::active_scope(ctx)?;
    let sdk = match sdk_app_id {
        Some(s) => Some(s),
        None => crate::settings::default_sdk_app_id(ctx)?,
    };
    let destination = destination_name(&scope, lang);
    Ok(ctx
        .store()
        .held_numbers(&scope, sdk)?
        .into_iter()
        .map(|h| HeldNumber {
            number: h.number,
            application_id: h.application_id,
            destination: destination.clone(),
            sdk_app_id: h.sdk_app_id,
        })
        .collect())
}

/// Numbers DescribeNumbers last listed as live at the destination the app sends to now (for
/// `sdk_app_id`, else the one new drafts go to), each with how long ago it was read.
pub(crate) fn known_live(
    ctx: &AppContext,
    sdk_app_id: Option<u64>,
    lang: Lang,
) -> Result<Vec<KnownLive>, IpcError> {
    let scope = crate::submit::active_scope(ctx)?;
    let sdk = match sdk_app_id {
        Some(s) => Some(s),
        None => crate::settings::default_sdk_app_id(ctx)?,
    };
    let now = numdesk_outbox::now_unix_ms();
    Ok(ctx
        .store()
        .live_numbers(&scope, sdk, false)?
        .into_iter()
        .map(|n| KnownLive {
            read: ago(&n.read_at, now, lang),
            number: n.number,
            sdk_app_id: n.sdk_app_id,
        })
        .collect())
}

/// "5 minutes ago" / "5 分钟前" for a stored UTC time.
pub(crate) fn ago(utc: &str, now_ms: u64, lang: Lang) -> String {
    let Some(then) = numdesk_outbox::parse_utc_ms(utc) else {
        return utc.to_owned();
    };
    let minutes = now_ms.saturating_sub(then) / 60_000;
    let (n, en, zh) = match minutes {
        0 => return lang.pick("just now".to_owned(), "刚刚".to_owned()),
        m if m < 60 => (m, "minute", "分钟"),
        m if m < 48 * 60 => (m / 60, "hour", "小时"),
        m => (m / (24 * 60), "day", "天"),
    };
    lang.pick(
        format!("{n} {en}{} ago", if n == 1 { "" } else { "s" }),
        format!("{n} {zh}前"),
    )
}

/// The import mapping as a draft keeps it: each field's column, in `Field::ALL` order.
pub(crate) fn columns_of(mapping: &Mapping) -> Vec<Option<u32>> {
    Field::ALL
        .iter()
        .map(|&f| mapping.get(f).and_then(|c| u32::try_from(c).ok()))
        .collect()
}

/// The source file's columns of a draft (for the names in its findings), when it kept them.
fn source_mapping(header: &DraftHeader) -> Option<Mapping> {
    let columns = header.source_columns.as_ref()?;
    let mut mapping = Mapping::default();
    for (field, column) in Field::ALL.iter().zip(columns) {
        mapping.set(*field, column.map(|c| c as usize));
    }
    Some(mapping)
}

/// Findings that depend on what is held or live now, not on the row: re-done at every open.
fn is_taken(code: Code) -> bool {
    matches!(code, Code::DuplicateExisting | Code::AlreadyLive)
}

/// Where applications of `scope` go, as the messages name it.
pub(crate) fn destination_name(scope: &EndpointScope, lang: Lang) -> String {
    let (en, zh) = match scope.kind {
        StoreEndpointKind::International => ("Tencent International", "腾讯云国际站"),
        StoreEndpointKind::China => ("Tencent China", "腾讯云中国站"),
        StoreEndpointKind::Sandbox => ("Sandbox", "沙盒"),
        StoreEndpointKind::Custom => return scope.host.clone(),
    };
    lang.pick(en.to_owned(), zh.to_owned())
}

/// The numbers of every saved draft except `except`, by the key duplicates are found by, each
/// with the names of the drafts holding it.
fn other_drafts(
    ctx: &AppContext,
    validator: &mut Validator,
    except: Option<i64>,
) -> Result<HashMap<String, Vec<String>>, IpcError> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for draft in ctx.store().drafts()? {
        if Some(draft.id) == except {
            continue;
        }
        for row in ctx.store().draft_rows(draft.id)? {
            let Some(key) = validator.number_key(&row.phone_number) else {
                continue;
            };
            let names = out.entry(key).or_default();
            if !names.contains(&draft.header.name) {
                names.push(draft.header.name.clone());
            }
        }
    }
    Ok(out)
}

/// Replaces `row`'s finding about other drafts: a warning naming the drafts that hold its
/// number too, after the row's other PhoneNumber findings.
fn mark_other_drafts(row: &mut ImportedRow, others: &HashMap<String, Vec<String>>, lang: Lang) {
    row.issues.retain(|f| f.code != Code::DuplicateInDraft);
    let Some(names) = row.normalized.as_ref().and_then(|k| others.get(k)) else {
        return;
    };
    let message = lang.pick(
        format!(
            "Row {}, PhoneNumber: \"{}\" is also in the draft{} \"{}\". Submit it from one draft only.",
            row.line,
            row.phone_number,
            if names.len() > 1 { "s" } else { "" },
            names.join("\", \""),
        ),
        format!(
            "第 {} 行，号码 (PhoneNumber)：“{}”也在草稿“{}”中。请只从其中一个草稿提交。",
            row.line,
            row.phone_number,
            names.join("”、“"),
        ),
    );
    let pos = row
        .issues
        .iter()
        .position(|f| f.field != Some(Field::PhoneNumber))
        .unwrap_or(row.issues.len());
    row.issues.insert(
        pos,
        Finding::warning(Code::DuplicateInDraft, Some(Field::PhoneNumber), message),
    );
}

/// What a row's findings say, without the words: compared to tell whether a fresh check found
/// the same as the saved one.
fn finding_codes(findings: &[Finding]) -> Vec<(Code, Option<Field>, Severity)> {
    let mut out: Vec<_> = findings
        .iter()
        .filter(|f| f.code != Code::DuplicateInDraft)
        .map(|f| (f.code, f.field, f.severity))
        .collect();
    out.sort_unstable();
    out
}

fn to_draft_row(row: &ImportedRow) -> DraftRow {
    let findings = row
        .issues
        .iter()
        .filter_map(|f| serde_json::to_value(f).ok())
        .filter_map(|v| serde_json::from_value::<RowFinding>(v).ok())
        .collect();
    DraftRow {
        source_line: Some(u64::from(row.line)),
        phone_number: row.phone_number.clone(),
        call_type: row.call_type.map(CallType::code),
        max_call_count: row.max_call_count,
        max_call_p_sec: row.max_call_psec,
        outbound_callee_format: row.outbound_callee_format.clone(),
        carrier_phone_number: row.carrier_phone_number.clone(),
        findings,
    }
}

fn text(v: Option<String>) -> Cell {
    Cell::text(v.unwrap_or_default())
}

fn input_of(row: &ImportedRow) -> RowInput {
    RowInput {
        line: row.line,
        phone_number: Some(Cell::text(row.phone_number.clone())),
        call_type: Some(text(row.call_type.map(|c| c.code().to_string()))),
        max_call_count: Some(text(row.max_call_count.map(|n| n.to_string()))),
        max_call_psec: Some(text(row.max_call_psec.map(|n| n.to_string()))),
        outbound_callee_format: Some(text(row.outbound_callee_format.clone())),
        carrier_phone_number: Some(text(row.carrier_phone_number.clone())),
    }
}

fn table_row(input: &RowInput) -> TableRow {
    let cells = [
        &input.phone_number,
        &input.call_type,
        &input.max_call_count,
        &input.max_call_psec,
        &input.outbound_callee_format,
        &input.carrier_phone_number,
    ]
    .into_iter()
    .map(|c| c.clone().unwrap_or_default())
    .collect();
    TableRow {
        line: input.line,
        cells,
    }
}

fn is_warning_row(row: &ImportedRow) -> bool {
    !row.has_errors() && row.issues.iter().any(|f| f.severity == Severity::Warning)
}

fn matches(filter: RowFilter, row: &ImportedRow) -> bool {
    match filter {
        RowFilter::All => true,
        RowFilter::Errors => row.has_errors(),
        RowFilter::Warnings => is_warning_row(row),
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Workbench {
    /// The checker for edited rows, built once when the draft opens (compiling the country's
    /// number patterns and collecting the numbers earlier applications hold is not per edit).
    fn build_validator(
        country: Option<Country>,
        (held, live): (Vec<HeldNumber>, Vec<KnownLive>),
        header: &DraftHeader,
        lang: Lang,
    ) -> Result<Validator, IpcError> {
        let options = ValidationOptions {
            country,
            held_numbers: held,
            live_numbers: live,
            source_columns: source_mapping(header),
            lang,
        };
        Validator::new(&IDENTITY, &Defaults::default(), &options)
            .map_err(|e| import_error(&e, lang))
    }

    /// Saves `rows` as a new draft (numbers already in other drafts marked) and opens it.
    pub(crate) fn create(
        ctx: &AppContext,
        header: DraftHeader,
        mut rows: Vec<ImportedRow>,
        country: Option<Country>,
        lang: Lang,
        file_issues: Vec<Finding>,
    ) -> Result<Self, IpcError> {
        let taken = (
            held_numbers(ctx, header.sdk_app_id, lang)?,
            known_live(ctx, header.sdk_app_id, lang)?,
        );
        let mut validator = Self::build_validator(country, taken, &header, lang)?;
        let others = other_drafts(ctx, &mut validator, None)?;
        for row in &mut rows {
            mark_other_drafts(row, &others, lang);
        }
        let stored: Vec<DraftRow> = rows.iter().map(to_draft_row).collect();
        let draft_id = ctx.store().create_draft(&header, &stored)?;
        Ok(Self {
            draft_id,
            header,
            rows,
            validator,
            lang,
            file_issues,
            other_drafts: others,
            country,
        })
    }

    /// Loads draft `id` with findings in `lang`. The rows are checked again: where the check
    /// finds what was saved (same codes), its findings replace the saved ones, so they read in
    /// the language the UI shows now; where it does not (what only the import could see, such as
    /// a numeric cell's lost digits, or an application holding the number), the saved findings
    /// stand. Warnings about other drafts follow the drafts saved now.
    fn open(ctx: &AppContext, id: i64, lang: Lang) -> Result<Self, IpcError> {
        let draft = ctx.store().draft(id)?.ok_or_else(|| not_found(id))?;
        // The draft's own country; drafts saved before it was kept use the import's last one.
        let saved = match draft.summary.header.country.clone() {
            Some(c) => Some(c),
            None => ctx.store().preference("import.country")?,
        };
        let country = parse_country(saved.as_deref().or(Some("CN")), lang)?;
        let sdk = draft.summary.header.sdk_app_id;
        let taken = (held_numbers(ctx, sdk, lang)?, known_live(ctx, sdk, lang)?);
        let mut bench = Self {
            draft_id: id,
            header: draft.summary.header.clone(),
            rows: Vec::new(),
            validator: Self::build_validator(country, taken.clone(), &draft.summary.header, lang)?,
            lang,
            file_issues: Vec::new(),
            other_drafts: HashMap::new(),
            country,
        };
        bench.other_drafts = other_drafts(ctx, &mut bench.validator, Some(id))?;
        let inputs: Vec<(RowInput, &DraftRow)> = draft
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let line = r
                    .source_line
                    .and_then(|l| u32::try_from(l).ok())
                    .unwrap_or_else(|| to_u32(i + 1));
                let imported = ImportedRow {
                    line,
                    phone_number: r.phone_number.clone(),
                    call_type: r.call_type.and_then(|c| CallType::from_code(i64::from(c))),
                    max_call_count: r.max_call_count,
                    max_call_psec: r.max_call_p_sec,
                    outbound_callee_format: r.outbound_callee_format.clone(),
                    carrier_phone_number: r.carrier_phone_number.clone(),
                    issues: Vec::new(),
                    normalized: None,
                };
                (input_of(&imported), r)
            })
            .collect();
        let table = numdesk_import::Table {
            rows: inputs.iter().map(|(i, _)| table_row(i)).collect(),
        };
        let options = ValidationOptions {
            country,
            held_numbers: taken.0,
            live_numbers: taken.1,
            source_columns: source_mapping(&draft.summary.header),
            lang,
        };
        let checked =
            numdesk_import::process(&table, None, &IDENTITY, &Defaults::default(), &options)
                .map_err(|e| import_error(&e, lang))?;
        let mut checked_rows = if checked.rows.len() == inputs.len() {
            checked.rows
        } else {
            // Some rows are entirely blank (process skips those): check one by one.
            let mut v = bench.validator.clone();
            inputs.iter().map(|(i, _)| v.validate_row(i)).collect()
        };
        for (row, (_, stored)) in checked_rows.iter_mut().zip(&inputs) {
            let saved: Option<Vec<Finding>> = stored
                .findings
                .iter()
                .map(|f| {
                    serde_json::to_value(f)
                        .ok()
                        .and_then(|v| serde_json::from_value(v).ok())
                })
                .collect();
            // Whether an application holds the number is today's answer, for the destination
            // the app sends to now: taken from the fresh check, whatever was saved.
            let held: Vec<Finding> = row
                .issues
                .iter()
                .filter(|f| is_taken(f.code))
                .cloned()
                .collect();
            if let Some(mut saved) = saved {
                saved.retain(|f| !is_taken(f.code));
                let fresh: Vec<Finding> = row
                    .issues
                    .iter()
                    .filter(|f| !is_taken(f.code))
                    .cloned()
                    .collect();
                if finding_codes(&saved) != finding_codes(&fresh) {
                    row.issues = saved;
                    let at = row
                        .issues
                        .iter()
                        .position(|f| f.field != Some(Field::PhoneNumber))
                        .unwrap_or(row.issues.len());
                    row.issues.splice(at..at, held);
                }
            }
            // Values as saved (a re-check of a cleaned value gives the same value).
            row.phone_number.clone_from(&stored.phone_number);
            mark_other_drafts(row, &bench.other_drafts, lang);
        }
        bench.rows = checked_rows;
        Ok(bench)
    }

    pub(crate) fn summary(&self) -> WorkbenchSummary {
        WorkbenchSummary {
            draft_id: self.draft_id,
            name: self.header.name.clone(),
            total_rows: to_u32(self.rows.len()),
            error_rows: to_u32(self.rows.iter().filter(|r| r.has_errors()).count()),
            warning_rows: to_u32(self.rows.iter().filter(|r| is_warning_row(r)).count()),
            file_issues: self.file_issues.clone(),
            number_forms: self.number_forms(),
            number_form: self.header.number_form,
        }
    }

    /// Rows per written form, for the numbers that parse (their key is `+…`).
    fn number_forms(&self) -> Vec<FormCount> {
        let mut counts: BTreeMap<WrittenForm, u32> = BTreeMap::new();
        for row in &self.rows {
            if let Some(key) = row.normalized.as_deref().filter(|k| k.starts_with('+')) {
                *counts
                    .entry(WrittenForm::of(&row.phone_number, key))
                    .or_default() += 1;
            }
        }
        counts
            .into_iter()
            .map(|(form, rows)| FormCount { form, rows })
            .collect()
    }

    fn page(&self, offset: u32, limit: u32, filter: RowFilter) -> RowsPage {
        let limit = limit.min(MAX_PAGE_ROWS) as usize;
        let mut matching = 0usize;
        let mut rows = Vec::with_capacity(limit);
        for (i, row) in self.rows.iter().enumerate() {
            if !matches(filter, row) {
                continue;
            }
            if matching >= offset as usize && rows.len() < limit {
                rows.push(GridRow {
                    index: to_u32(i),
                    row: row.clone(),
                });
            }
            matching += 1;
        }
        RowsPage {
            summary: self.summary(),
            matching: to_u32(matching),
            offset,
            rows,
        }
    }

    fn check_index(&self, index: u32) -> Result<usize, IpcError> {
        let i = index as usize;
        if i >= self.rows.len() {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                format!("the draft has no row {index} (it has {})", self.rows.len()),
            )
            .with_details(serde_json::json!({ "field": "index" })));
        }
        Ok(i)
    }

    fn duplicate_rows(&self) -> BTreeSet<usize> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.issues.iter().any(|f| f.code == Code::DuplicateInFile))
            .map(|(i, _)| i)
            .collect()
    }

    fn save_all(&self, ctx: &AppContext) -> Result<(), IpcError> {
        let stored: Vec<DraftRow> = self.rows.iter().map(to_draft_row).collect();
        ctx.store().replace_draft_rows(self.draft_id, &stored)?;
        Ok(())
    }
}

fn not_found(id: i64) -> IpcError {
    IpcError::new(
        ErrorCode::NotFound,
        format!("draft {id} does not exist (any more)"),
    )
    .with_details(serde_json::json!({ "draft_id": id }))
}

fn no_draft() -> IpcError {
    IpcError::new(ErrorCode::NotFound, "no draft is open in the review grid")
}

fn with_bench<T>(
    wiz: &WizardState,
    f: impl FnOnce(&mut Workbench) -> Result<T, IpcError>,
) -> Result<T, IpcError> {
    let mut guard = lock(&wiz.workbench)?;
    let bench = guard.as_mut().ok_or_else(no_draft)?;
    f(bench)
}

/// `drafts_list`: every draft, newest first, with row and error counts.
pub fn drafts_list(ctx: &AppContext) -> Result<Vec<DraftSummary>, IpcError> {
    Ok(ctx.store().drafts()?)
}

/// `draft_open`: opens draft `id` in the review grid, its findings in `lang` (default: the saved
/// UI language). Opening the open draft again in another language translates its findings.
pub fn draft_open(
    ctx: &AppContext,
    wiz: &WizardState,
    id: i64,
    lang: Option<Language>,
) -> Result<WorkbenchSummary, IpcError> {
    let lang = lang_or_saved(ctx, lang)?;
    let bench = Workbench::open(ctx, id, lang)?;
    let summary = bench.summary();
    *lock(&wiz.workbench)? = Some(bench);
    Ok(summary)
}

/// `import_rows_page`: `limit` (at most [`MAX_PAGE_ROWS`]) rows of the open draft matching
/// `filter`, from `offset`, with counts.
pub fn import_rows_page(
    wiz: &WizardState,
    offset: u32,
    limit: u32,
    filter: RowFilter,
) -> Result<RowsPage, IpcError> {
    with_bench(wiz, |b| Ok(b.page(offset, limit, filter)))
}

/// `draft_edit_row`: replaces row `index` with `edit`, checks it again (duplicates included)
/// and saves. Returns the row as checked.
pub fn draft_edit_row(
    ctx: &AppContext,
    wiz: &WizardState,
    index: u32,
    edit: &RowEdit,
) -> Result<GridRow, IpcError> {
    with_bench(wiz, |b| {
        let i = b.check_index(index)?;
        let opt = |v: &Option<String>| Some(text(v.clone()));
        let input = RowInput {
            line: b.rows[i].line,
            phone_number: Some(Cell::text(edit.phone_number.clone())),
            call_type: Some(Cell::text(edit.call_type.clone())),
            max_call_count: Some(Cell::text(edit.max_call_count.clone())),
            max_call_psec: Some(Cell::text(edit.max_call_psec.clone())),
            outbound_callee_format: opt(&edit.outbound_callee_format),
            carrier_phone_number: opt(&edit.carrier_phone_number),
        };
        let before = b.duplicate_rows();
        b.rows[i] = b.validator.validate_row(&input);
        mark_other_drafts(&mut b.rows[i], &b.other_drafts, b.lang);
        mark_duplicates(&mut b.rows, b.lang);
        let mut changed = b.duplicate_rows();
        changed.extend(before);
        changed.insert(i);
        for c in changed {
            ctx.store()
                .update_draft_row(b.draft_id, c as u64, &to_draft_row(&b.rows[c]))?;
        }
        Ok(GridRow {
            index,
            row: b.rows[i].clone(),
        })
    })
}

fn selected(b: &Workbench, indices: &[u32]) -> Result<BTreeSet<usize>, IpcError> {
    indices.iter().map(|&i| b.check_index(i)).collect()
}

/// `draft_bulk_set`: sets CallType, MaxCallCount, MaxCallPSec, OutboundCalleeFormat and
/// CarrierPhoneNumber (each when given) on the rows at `indices`, checks them again and saves
/// the draft.
pub fn draft_bulk_set(
    ctx: &AppContext,
    wiz: &WizardState,
    indices: &[u32],
    set: &BulkSet,
) -> Result<WorkbenchSummary, IpcError> {
    with_bench(wiz, |b| {
        let rows = selected(b, indices)?;
        for i in rows {
            let mut input = input_of(&b.rows[i]);
            if let Some(v) = &set.call_type {
                input.call_type = Some(Cell::text(v.clone()));
            }
            if let Some(v) = set.max_call_count {
                input.max_call_count = Some(Cell::text(v.to_string()));
            }
            if let Some(v) = set.max_call_psec {
                input.max_call_psec = Some(Cell::text(v.to_string()));
            }
            if let Some(v) = &set.outbound_callee_format {
                input.outbound_callee_format = Some(Cell::text(v.clone()));
            }
            if let Some(v) = &set.carrier_phone_number {
                input.carrier_phone_number = Some(Cell::text(v.clone()));
            }
            b.rows[i] = b.validator.validate_row(&input);
            mark_other_drafts(&mut b.rows[i], &b.other_drafts, b.lang);
        }
        mark_duplicates(&mut b.rows, b.lang);
        b.save_all(ctx)?;
        Ok(b.summary())
    })
}

/// `draft_write_numbers`: "write all numbers the same way" — every number that is valid for
/// the draft's country is rewritten in `form` (national `02038001234` or `+862038001234`) and
/// checked again; `form` becomes the draft's sending form. The rest stay as written.
pub fn draft_write_numbers(
    ctx: &AppContext,
    wiz: &WizardState,
    form: NumberForm,
) -> Result<WorkbenchSummary, IpcError> {
    with_bench(wiz, |b| {
        let mut checker = PhoneChecker::new(b.country);
        for i in 0..b.rows.len() {
            let Some(written) = checker.format(&b.rows[i].phone_number, form) else {
                continue;
            };
            if written == b.rows[i].phone_number {
                continue;
            }
            let mut input = input_of(&b.rows[i]);
            input.phone_number = Some(Cell::text(written));
            b.rows[i] = b.validator.validate_row(&input);
            mark_other_drafts(&mut b.rows[i], &b.other_drafts, b.lang);
        }
        mark_duplicates(&mut b.rows, b.lang);
        b.save_all(ctx)?;
        b.header.number_form = Some(form);
        ctx.store().update_draft_header(b.draft_id, &b.header)?;
        Ok(b.summary())
    })
}

/// `draft_delete_rows`: removes the rows at `indices` and saves the draft.
pub fn draft_delete_rows(
    ctx: &AppContext,
    wiz: &WizardState,
    indices: &[u32],
) -> Result<WorkbenchSummary, IpcError> {
    with_bench(wiz, |b| {
        let rows = selected(b, indices)?;
        let mut i = 0usize;
        b.rows.retain(|_| {
            let keep = !rows.contains(&i);
            i += 1;
            keep
        });
        mark_duplicates(&mut b.rows, b.lang);
        b.save_all(ctx)?;
        Ok(b.summary())
    })
}

/// `draft_export`: writes the open draft's rows with their findings to `path` (user-only
/// permissions).
pub fn draft_export(wiz: &WizardState, path: &Path, format: ExportFormat) -> Result<u32, IpcError> {
    with_bench(wiz, |b| {
        let bytes = match format {
            ExportFormat::Csv => export_csv(&b.rows, b.lang),
            ExportFormat::Xlsx => export_xlsx(&b.rows, b.lang),
        }
        .map_err(|e| import_error(&e, b.lang))?;
        crate::template::write_private(path, &bytes)?;
        Ok(to_u32(b.rows.len()))
    })
}

fn summary_of(ctx: &AppContext, id: i64) -> Result<DraftSummary, IpcError> {
    ctx.store()
        .drafts()?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| not_found(id))
}

/// `draft_rename`: gives draft `id` a new name.
pub fn draft_rename(
    ctx: &AppContext,
    wiz: &WizardState,
    id: i64,
    name: &str,
) -> Result<DraftSummary, IpcError> {
    let mut header = summary_of(ctx, id)?.header;
    header.name = name.trim().to_owned();
    ctx.store().update_draft_header(id, &header)?;
    if let Some(b) = lock(&wiz.workbench)?.as_mut()
        && b.draft_id == id
    {
        b.header.name.clone_from(&header.name);
    }
    summary_of(ctx, id)
}

/// `draft_duplicate`: copies draft `id` (header and rows) into a new draft.
pub fn draft_duplicate(ctx: &AppContext, id: i64, name: &str) -> Result<DraftSummary, IpcError> {
    let draft = ctx.store().draft(id)?.ok_or_else(|| not_found(id))?;
    let mut header = draft.summary.header;
    header.name = name.trim().to_owned();
    let new_id = ctx.store().create_draft(&header, &draft.rows)?;
    summary_of(ctx, new_id)
}

/// `draft_delete`: deletes draft `id` (the UI asks for confirmation first).
pub fn draft_delete(ctx: &AppContext, wiz: &WizardState, id: i64) -> Result<(), IpcError> {
    if !ctx.store().delete_draft(id)? {
        return Err(not_found(id));
    }
    let mut guard = lock(&wiz.workbench)?;
    if guard.as_ref().is_some_and(|b| b.draft_id == id) {
        *guard = None;
    }
    Ok(())
}
