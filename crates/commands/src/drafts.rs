//! Drafts and the review grid: the draft open for review (a [`numdesk_drafts::OpenDraft`]) is
//! kept in memory; the grid reads it in pages, every change is saved to the store at once
//! (autosave). What the draft is checked against — the numbers applications hold and the numbers
//! live at the destination the app sends to now — is read here, from the app's settings.

use numdesk_drafts::{DraftError, OpenDraft, Taken};
use numdesk_import::{Country, Field, HeldNumber, KnownLive, Lang, Mapping};
use numdesk_store::{DraftSummary, EndpointKind as StoreEndpointKind, EndpointScope};

pub use numdesk_drafts::{
    BulkSet, ExportFormat, FormCount, GridRow, MAX_PAGE_ROWS, OpenDraftSummary, RowEdit, RowFilter,
    RowsPage,
};

use std::path::Path;

use numdesk_import::NumberForm;

use crate::error_details::{ErrorDetails, Missing};
use crate::import::{WizardState, import_error, lang_or_saved, lock};
use crate::{AppContext, ErrorCode, IpcError, Language};

pub(crate) fn parse_country(text: Option<&str>, lang: Lang) -> Result<Option<Country>, IpcError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|e| {
            import_error(&numdesk_import::ImportError::from(e), lang)
                .with_details(ErrorDetails::field("country"))
        }),
    }
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

/// What the destination the app sends to now already has, for `sdk_app_id` (else the SdkAppId
/// new drafts go to): the numbers its applications hold (queued, sending, submitted or unknown;
/// a Sandbox rehearsal never blocks a Tencent submission, nor the reverse), and the numbers
/// DescribeNumbers last listed as live there, each with how long ago it was read.
pub(crate) fn taken(
    ctx: &AppContext,
    sdk_app_id: Option<u64>,
    lang: Lang,
) -> Result<Taken, IpcError> {
    let scope = crate::submit::active_destination(ctx)?;
    let sdk = match sdk_app_id {
        Some(s) => Some(s),
        None => crate::settings::default_sdk_app_id(ctx)?,
    };
    let destination = destination_name(&scope, lang);
    let held = ctx
        .store()
        .held_numbers(&scope, sdk)?
        .into_iter()
        .map(|h| HeldNumber {
            number: h.number,
            application_id: h.application_id,
            destination: destination.clone(),
            sdk_app_id: h.sdk_app_id,
        })
        .collect();
    let now = numdesk_outbox::now_unix_ms();
    let live = ctx
        .store()
        .live_numbers(&scope, sdk, false)?
        .into_iter()
        .map(|n| KnownLive {
            read: ago(&n.read_at, now, lang),
            number: n.number,
            sdk_app_id: n.sdk_app_id,
        })
        .collect();
    Ok(Taken { held, live })
}

/// The open draft's errors as the UI reads them, in the draft's language.
pub(crate) fn draft_error(err: DraftError, lang: Lang) -> IpcError {
    match err {
        DraftError::Store(e) => e.into(),
        DraftError::Import(e) => import_error(&e, lang),
        DraftError::NoRow { .. } => IpcError::new(ErrorCode::InvalidInput, err.to_string())
            .with_details(ErrorDetails::field("index")),
    }
}

fn not_found(id: i64) -> IpcError {
    IpcError::new(
        ErrorCode::NotFound,
        format!("draft {id} does not exist (any more)"),
    )
    .with_details(ErrorDetails::missing(Missing::Draft, id))
}

fn no_draft() -> IpcError {
    IpcError::new(ErrorCode::NotFound, "no draft is open in the review grid")
}

/// Runs `f` on the open draft, its errors in the draft's language.
fn with_open<T>(
    wiz: &WizardState,
    f: impl FnOnce(&mut OpenDraft) -> Result<T, DraftError>,
) -> Result<T, IpcError> {
    let mut guard = lock(&wiz.open_draft)?;
    let draft = guard.as_mut().ok_or_else(no_draft)?;
    let lang = draft.lang();
    f(draft).map_err(|e| draft_error(e, lang))
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
) -> Result<OpenDraftSummary, IpcError> {
    let lang = lang_or_saved(ctx, lang)?;
    // Held while the draft is read and checked: an edit of the open draft (the user writing all
    // numbers one way while a language switch re-opens it) waits, or is read here, never lost.
    let mut slot = lock(&wiz.open_draft)?;
    let draft = ctx.store().draft(id)?.ok_or_else(|| not_found(id))?;
    // The draft's own country; drafts saved before it was kept use the import's last one.
    let saved = match draft.summary.header.country.clone() {
        Some(c) => Some(c),
        None => ctx.store().preference("import.country")?,
    };
    let country = parse_country(saved.as_deref().or(Some("CN")), lang)?;
    let taken = taken(ctx, draft.summary.header.sdk_app_id, lang)?;
    let open = OpenDraft::reopen(ctx.store(), draft, country, taken, lang)
        .map_err(|e| draft_error(e, lang))?;
    let summary = open.summary();
    *slot = Some(open);
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
    with_open(wiz, |d| Ok(d.page(offset, limit, filter)))
}

/// `draft_edit_row`: replaces row `index` with `edit`, checks it again (duplicates included)
/// and saves. Returns the row as checked.
pub fn draft_edit_row(
    ctx: &AppContext,
    wiz: &WizardState,
    index: u32,
    edit: &RowEdit,
) -> Result<GridRow, IpcError> {
    with_open(wiz, |d| d.edit_row(ctx.store(), index, edit))
}

/// `draft_bulk_set`: sets CallType, MaxCallCount, MaxCallPSec, OutboundCalleeFormat and
/// CarrierPhoneNumber (each when given) on the rows at `indices`, checks them again and saves
/// the draft.
pub fn draft_bulk_set(
    ctx: &AppContext,
    wiz: &WizardState,
    indices: &[u32],
    set: &BulkSet,
) -> Result<OpenDraftSummary, IpcError> {
    with_open(wiz, |d| d.bulk_set(ctx.store(), indices, set))
}

/// `draft_write_numbers`: "write all numbers the same way" — every number that is valid for
/// the draft's country is rewritten in `form` (national `02038001234` or `+862038001234`) and
/// checked again; `form` becomes the draft's sending form. The rest stay as written.
pub fn draft_write_numbers(
    ctx: &AppContext,
    wiz: &WizardState,
    form: NumberForm,
) -> Result<OpenDraftSummary, IpcError> {
    with_open(wiz, |d| d.write_numbers(ctx.store(), form))
}

/// `draft_delete_rows`: removes the rows at `indices` and saves the draft.
pub fn draft_delete_rows(
    ctx: &AppContext,
    wiz: &WizardState,
    indices: &[u32],
) -> Result<OpenDraftSummary, IpcError> {
    with_open(wiz, |d| d.delete_rows(ctx.store(), indices))
}

/// `draft_export`: writes the open draft's rows with their findings to `path` (user-only
/// permissions).
pub fn draft_export(wiz: &WizardState, path: &Path, format: ExportFormat) -> Result<u32, IpcError> {
    let (bytes, rows) = with_open(wiz, |d| d.export(format))?;
    crate::template::write_private(path, &bytes)?;
    Ok(rows)
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
    if let Some(open) = lock(&wiz.open_draft)?.as_mut()
        && open.id() == id
    {
        open.renamed(&header.name);
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
    let mut guard = lock(&wiz.open_draft)?;
    if guard.as_ref().is_some_and(|d| d.id() == id) {
        *guard = None;
    }
    Ok(())
}
