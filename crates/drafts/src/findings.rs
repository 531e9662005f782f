//! A row's findings and its stored form: what a fresh check keeps of the saved findings, the
//! warning about other drafts holding the same number, and the row as the store keeps it.

use std::collections::HashMap;

use numdesk_import::{
    Cell, Code, Field, Finding, ImportedRow, Lang, Mapping, RowInput, Severity, TableRow, Validator,
};
use numdesk_model::CallType;
use numdesk_store::{DraftHeader, DraftRow, RowFinding, Store, StoreError};

use crate::RowFilter;

/// Each field in its own column, in `Field::ALL` order: how the draft's rows are re-checked.
pub(crate) const IDENTITY: Mapping = Mapping {
    phone_number: Some(0),
    call_type: Some(1),
    max_call_count: Some(2),
    max_call_psec: Some(3),
    outbound_callee_format: Some(4),
    carrier_phone_number: Some(5),
};

/// The source file's columns of a draft (for the names in its findings), when it kept them.
pub(crate) fn source_mapping(header: &DraftHeader) -> Option<Mapping> {
    let columns = header.source_columns.as_ref()?;
    let mut mapping = Mapping::default();
    for (field, column) in Field::ALL.iter().zip(columns) {
        mapping.set(*field, column.map(|c| c as usize));
    }
    Some(mapping)
}

/// Findings that depend on what is held or live now, not on the row: re-done at every open.
pub(crate) fn is_taken(code: Code) -> bool {
    matches!(code, Code::DuplicateExisting | Code::AlreadyLive)
}

/// The numbers of every saved draft except `except`, by the key duplicates are found by, each
/// with the names of the drafts holding it.
pub(crate) fn other_drafts(
    store: &Store,
    validator: &mut Validator,
    except: Option<i64>,
) -> Result<HashMap<String, Vec<String>>, StoreError> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for draft in store.drafts()? {
        if Some(draft.id) == except {
            continue;
        }
        for row in store.draft_rows(draft.id)? {
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
pub(crate) fn mark_other_drafts(
    row: &mut ImportedRow,
    others: &HashMap<String, Vec<String>>,
    lang: Lang,
) {
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
    row.add_phone_finding(Finding::warning(
        Code::DuplicateInDraft,
        Some(Field::PhoneNumber),
        message,
    ));
}

/// What a row's findings say, without the words: compared to tell whether a fresh check found
/// the same as the saved one.
pub(crate) fn finding_codes(findings: &[Finding]) -> Vec<(Code, Option<Field>, Severity)> {
    let mut out: Vec<_> = findings
        .iter()
        .filter(|f| f.code != Code::DuplicateInDraft)
        .map(|f| (f.code, f.field, f.severity))
        .collect();
    out.sort_unstable();
    out
}

/// The row as the store keeps it.
pub(crate) fn to_draft_row(row: &ImportedRow) -> DraftRow {
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

/// The saved row at position `i`, values only (its findings come from the check).
pub(crate) fn from_draft_row(i: usize, r: &DraftRow) -> ImportedRow {
    let line = r
        .source_line
        .and_then(|l| u32::try_from(l).ok())
        .unwrap_or_else(|| crate::to_u32(i + 1));
    ImportedRow {
        line,
        phone_number: r.phone_number.clone(),
        call_type: r.call_type.and_then(|c| CallType::from_code(i64::from(c))),
        max_call_count: r.max_call_count,
        max_call_psec: r.max_call_p_sec,
        outbound_callee_format: r.outbound_callee_format.clone(),
        carrier_phone_number: r.carrier_phone_number.clone(),
        issues: Vec::new(),
        normalized: None,
    }
}

pub(crate) fn text(v: Option<String>) -> Cell {
    Cell::text(v.unwrap_or_default())
}

/// The row's values as the checker reads them, one cell per field.
pub(crate) fn input_of(row: &ImportedRow) -> RowInput {
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

/// The cells of `input` in [`IDENTITY`] order.
pub(crate) fn table_row(input: &RowInput) -> TableRow {
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

pub(crate) fn is_warning_row(row: &ImportedRow) -> bool {
    !row.has_errors() && row.issues.iter().any(|f| f.severity == Severity::Warning)
}

pub(crate) fn matches(filter: RowFilter, row: &ImportedRow) -> bool {
    match filter {
        RowFilter::All => true,
        RowFilter::Errors => row.has_errors(),
        RowFilter::Warnings => is_warning_row(row),
    }
}
