//! Changes to the open draft: each is checked again (duplicates in the draft included) and saved
//! at once.

use std::collections::BTreeSet;

use numdesk_import::{
    Cell, NumberForm, PhoneChecker, RowInput, export_csv, export_xlsx, mark_duplicates,
};
use numdesk_store::Store;

use crate::findings::{input_of, mark_other_drafts, text, to_draft_row};
use crate::{BulkSet, DraftError, ExportFormat, GridRow, OpenDraft, OpenDraftSummary, RowEdit};

impl OpenDraft {
    /// Replaces row `index` with `edit`, checks it again and saves the rows whose findings
    /// changed. Returns the row as checked.
    pub fn edit_row(
        &mut self,
        store: &Store,
        index: u32,
        edit: &RowEdit,
    ) -> Result<GridRow, DraftError> {
        let i = self.check_index(index)?;
        let opt = |v: &Option<String>| Some(text(v.clone()));
        let input = RowInput {
            line: self.rows[i].line,
            phone_number: Some(Cell::text(edit.phone_number.clone())),
            call_type: Some(Cell::text(edit.call_type.clone())),
            max_call_count: Some(Cell::text(edit.max_call_count.clone())),
            max_call_psec: Some(Cell::text(edit.max_call_psec.clone())),
            outbound_callee_format: opt(&edit.outbound_callee_format),
            carrier_phone_number: opt(&edit.carrier_phone_number),
        };
        let before = self.duplicate_rows();
        self.rows[i] = self.validator.validate_row(&input);
        mark_other_drafts(&mut self.rows[i], &self.other_drafts, self.lang);
        mark_duplicates(&mut self.rows, self.lang);
        let mut changed = self.duplicate_rows();
        changed.extend(before);
        changed.insert(i);
        for c in changed {
            store.update_draft_row(self.draft_id, c as u64, &to_draft_row(&self.rows[c]))?;
        }
        Ok(GridRow {
            index,
            row: self.rows[i].clone(),
        })
    }

    fn selected(&self, indices: &[u32]) -> Result<BTreeSet<usize>, DraftError> {
        indices.iter().map(|&i| self.check_index(i)).collect()
    }

    /// Sets CallType, MaxCallCount, MaxCallPSec, OutboundCalleeFormat and CarrierPhoneNumber
    /// (each when given) on the rows at `indices`, checks them again and saves the draft.
    pub fn bulk_set(
        &mut self,
        store: &Store,
        indices: &[u32],
        set: &BulkSet,
    ) -> Result<OpenDraftSummary, DraftError> {
        for i in self.selected(indices)? {
            let mut input = input_of(&self.rows[i]);
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
            self.rows[i] = self.validator.validate_row(&input);
            mark_other_drafts(&mut self.rows[i], &self.other_drafts, self.lang);
        }
        mark_duplicates(&mut self.rows, self.lang);
        self.save_all(store)?;
        Ok(self.summary())
    }

    /// "Write all numbers the same way": every number valid for the draft's country is
    /// rewritten in `form` (national `02038001234` or `+862038001234`) and checked again; `form`
    /// becomes the draft's sending form. The rest stay as written.
    pub fn write_numbers(
        &mut self,
        store: &Store,
        form: NumberForm,
    ) -> Result<OpenDraftSummary, DraftError> {
        let mut checker = PhoneChecker::new(self.country);
        for i in 0..self.rows.len() {
            let Some(written) = checker.format(&self.rows[i].phone_number, form) else {
                continue;
            };
            if written == self.rows[i].phone_number {
                continue;
            }
            let mut input = input_of(&self.rows[i]);
            input.phone_number = Some(Cell::text(written));
            self.rows[i] = self.validator.validate_row(&input);
            mark_other_drafts(&mut self.rows[i], &self.other_drafts, self.lang);
        }
        mark_duplicates(&mut self.rows, self.lang);
        self.save_all(store)?;
        self.header.number_form = Some(form);
        store.update_draft_header(self.draft_id, &self.header)?;
        Ok(self.summary())
    }

    /// Removes the rows at `indices` and saves the draft.
    pub fn delete_rows(
        &mut self,
        store: &Store,
        indices: &[u32],
    ) -> Result<OpenDraftSummary, DraftError> {
        let rows = self.selected(indices)?;
        let mut i = 0usize;
        self.rows.retain(|_| {
            let keep = !rows.contains(&i);
            i += 1;
            keep
        });
        mark_duplicates(&mut self.rows, self.lang);
        self.save_all(store)?;
        Ok(self.summary())
    }

    /// The rows with their findings as a CSV or XLSX file, and how many rows it holds.
    pub fn export(&self, format: ExportFormat) -> Result<(Vec<u8>, u32), DraftError> {
        let bytes = match format {
            ExportFormat::Csv => export_csv(&self.rows, self.lang),
            ExportFormat::Xlsx => export_xlsx(&self.rows, self.lang),
        }?;
        Ok((bytes, crate::to_u32(self.rows.len())))
    }

    /// The draft was renamed in the store: the summary follows.
    pub fn renamed(&mut self, name: &str) {
        name.clone_into(&mut self.header.name);
    }
}
