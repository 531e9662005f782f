//! Opening a draft: a new one from an import, or a saved one checked again; its summary and pages.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use numdesk_import::{
    Code, Country, Defaults, Finding, HeldNumber, ImportedRow, KnownLive, Lang, Table,
    ValidationOptions, Validator, WrittenForm,
};
use numdesk_store::{Draft, DraftHeader, DraftRow, Store};

use crate::findings::{
    IDENTITY, finding_codes, from_draft_row, input_of, is_taken, is_warning_row, mark_other_drafts,
    matches, other_drafts, source_mapping, table_row, to_draft_row,
};
use crate::{
    DraftError, FormCount, GridRow, MAX_PAGE_ROWS, OpenDraftSummary, RowFilter, RowsPage, to_u32,
};

/// What the destination already has, as the caller read it for the draft's SdkAppId: numbers
/// earlier applications hold (an error on a row), and numbers DescribeNumbers listed as live.
#[derive(Debug, Clone, Default)]
pub struct Taken {
    pub held: Vec<HeldNumber>,
    pub live: Vec<KnownLive>,
}

/// The draft open in the review grid.
#[derive(Debug)]
pub struct OpenDraft {
    pub(crate) draft_id: i64,
    pub(crate) header: DraftHeader,
    pub(crate) rows: Vec<ImportedRow>,
    pub(crate) validator: Validator,
    pub(crate) lang: Lang,
    file_issues: Vec<Finding>,
    /// Numbers of the other saved drafts (by duplicate key) with those drafts' names, collected
    /// when this draft opens: a row holding one gets a warning naming the draft.
    pub(crate) other_drafts: HashMap<String, Vec<String>>,
    /// The country national numbers are read for.
    pub(crate) country: Option<Country>,
}

impl OpenDraft {
    /// The checker for edited rows, built once when the draft opens (compiling the country's
    /// number patterns and collecting the numbers earlier applications hold is not per edit).
    fn validator(
        country: Option<Country>,
        taken: Taken,
        header: &DraftHeader,
        lang: Lang,
    ) -> Result<Validator, DraftError> {
        Ok(Validator::new(
            &IDENTITY,
            &Defaults::default(),
            &options(country, taken, header, lang),
        )?)
    }

    /// Saves `rows` as a new draft (numbers already in other drafts marked) and opens it.
    pub fn create(
        store: &Store,
        header: DraftHeader,
        mut rows: Vec<ImportedRow>,
        country: Option<Country>,
        taken: Taken,
        lang: Lang,
        file_issues: Vec<Finding>,
    ) -> Result<Self, DraftError> {
        let mut validator = Self::validator(country, taken, &header, lang)?;
        let others = other_drafts(store, &mut validator, None)?;
        for row in &mut rows {
            mark_other_drafts(row, &others, lang);
        }
        let stored: Vec<DraftRow> = rows.iter().map(to_draft_row).collect();
        let draft_id = store.create_draft(&header, &stored)?;
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

    /// Opens the saved `draft` with findings in `lang`. The rows are checked again: where the
    /// check finds what was saved (same codes), its findings replace the saved ones, so they
    /// read in the language the UI shows now; where it does not (what only the import could see,
    /// such as a numeric cell's lost digits), the saved findings stand. Whether an application
    /// holds a number or it is live is today's answer (`taken`), whatever was saved; warnings
    /// about other drafts follow the drafts saved now.
    pub fn reopen(
        store: &Store,
        draft: Draft,
        country: Option<Country>,
        taken: Taken,
        lang: Lang,
    ) -> Result<Self, DraftError> {
        let header = draft.summary.header;
        let mut validator = Self::validator(country, taken.clone(), &header, lang)?;
        let others = other_drafts(store, &mut validator, Some(draft.summary.id))?;
        let inputs: Vec<_> = draft
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| input_of(&from_draft_row(i, r)))
            .collect();
        let table = Table {
            rows: inputs.iter().map(table_row).collect(),
        };
        let checked = numdesk_import::process(
            &table,
            None,
            &IDENTITY,
            &Defaults::default(),
            &options(country, taken, &header, lang),
        )?;
        let mut rows = if checked.rows.len() == inputs.len() {
            checked.rows
        } else {
            // Some rows are entirely blank (process skips those): check one by one.
            let mut v = validator.clone();
            inputs.iter().map(|i| v.validate_row(i)).collect()
        };
        for (row, stored) in rows.iter_mut().zip(&draft.rows) {
            keep_what_only_the_import_saw(row, stored);
            // Values as saved (a re-check of a cleaned value gives the same value).
            row.phone_number.clone_from(&stored.phone_number);
            mark_other_drafts(row, &others, lang);
        }
        Ok(Self {
            draft_id: draft.summary.id,
            header,
            rows,
            validator,
            lang,
            file_issues: Vec::new(),
            other_drafts: others,
            country,
        })
    }

    /// The draft's id in the store.
    pub fn id(&self) -> i64 {
        self.draft_id
    }

    /// The language its findings are written in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Counts, whole-file findings and number forms.
    pub fn summary(&self) -> OpenDraftSummary {
        OpenDraftSummary {
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

    /// `limit` (at most [`MAX_PAGE_ROWS`]) rows matching `filter`, from `offset`, with counts.
    pub fn page(&self, offset: u32, limit: u32, filter: RowFilter) -> RowsPage {
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

    pub(crate) fn check_index(&self, index: u32) -> Result<usize, DraftError> {
        let i = index as usize;
        if i >= self.rows.len() {
            return Err(DraftError::NoRow {
                index,
                rows: self.rows.len(),
            });
        }
        Ok(i)
    }

    pub(crate) fn duplicate_rows(&self) -> BTreeSet<usize> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.issues.iter().any(|f| f.code == Code::DuplicateInFile))
            .map(|(i, _)| i)
            .collect()
    }

    pub(crate) fn save_all(&self, store: &Store) -> Result<(), DraftError> {
        let stored: Vec<DraftRow> = self.rows.iter().map(to_draft_row).collect();
        store.replace_draft_rows(self.draft_id, &stored)?;
        Ok(())
    }
}

fn options(
    country: Option<Country>,
    taken: Taken,
    header: &DraftHeader,
    lang: Lang,
) -> ValidationOptions {
    ValidationOptions {
        country,
        held_numbers: taken.held,
        live_numbers: taken.live,
        source_columns: source_mapping(header),
        lang,
    }
}

/// After a fresh check of a saved row: when it found other codes than were saved (what only
/// the import could see), the saved findings stand, with today's held/live findings among them.
fn keep_what_only_the_import_saw(row: &mut ImportedRow, stored: &DraftRow) {
    let saved: Option<Vec<Finding>> = stored
        .findings
        .iter()
        .map(|f| {
            serde_json::to_value(f)
                .ok()
                .and_then(|v| serde_json::from_value(v).ok())
        })
        .collect();
    let Some(mut saved) = saved else {
        return;
    };
    let held: Vec<Finding> = row
        .issues
        .iter()
        .filter(|f| is_taken(f.code))
        .cloned()
        .collect();
    saved.retain(|f| !is_taken(f.code));
    let fresh: Vec<Finding> = row
        .issues
        .iter()
        .filter(|f| !is_taken(f.code))
        .cloned()
        .collect();
    if finding_codes(&saved) != finding_codes(&fresh) {
        row.issues = saved;
        let at = row.phone_findings_end();
        row.issues.splice(at..at, held);
    }
}
