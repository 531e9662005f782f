//! The open draft on a real SQLite file: every change is saved at once and found again when the
//! draft reopens; what applications hold now is checked at every open.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use numdesk_drafts::{BulkSet, DraftError, OpenDraft, RowEdit, RowFilter, Taken};
use numdesk_import::{
    Cell, Code, Country, Defaults, HeldNumber, ImportedRow, Lang, Mapping, Table, TableRow,
    ValidationOptions,
};
use numdesk_store::{DraftHeader, Store};

fn rows(numbers: &[&str]) -> Vec<ImportedRow> {
    let table = Table {
        rows: numbers
            .iter()
            .enumerate()
            .map(|(i, n)| TableRow {
                line: u32::try_from(i + 1).unwrap(),
                cells: vec![
                    Cell::text(*n),
                    Cell::text("2"),
                    Cell::text("10"),
                    Cell::text("2"),
                ],
            })
            .collect(),
    };
    let mapping = Mapping {
        phone_number: Some(0),
        call_type: Some(1),
        max_call_count: Some(2),
        max_call_psec: Some(3),
        ..Mapping::default()
    };
    let options = ValidationOptions {
        country: Some(cn()),
        lang: Lang::En,
        ..ValidationOptions::default()
    };
    numdesk_import::process(&table, None, &mapping, &Defaults::default(), &options)
        .unwrap()
        .rows
}

fn cn() -> Country {
    "CN".parse().unwrap()
}

fn header(name: &str) -> DraftHeader {
    DraftHeader {
        name: name.to_owned(),
        country: Some("CN".to_owned()),
        ..DraftHeader::default()
    }
}

fn codes(draft: &OpenDraft, index: usize) -> Vec<Code> {
    let page = draft.page(0, 1000, RowFilter::All);
    page.rows[index].row.issues.iter().map(|f| f.code).collect()
}

fn edit(number: &str) -> RowEdit {
    RowEdit {
        phone_number: number.to_owned(),
        call_type: "2".to_owned(),
        max_call_count: "10".to_owned(),
        max_call_psec: "2".to_owned(),
        ..RowEdit::default()
    }
}

/// A new draft named `name` with `numbers`, on a fresh database file.
fn create(name: &str, numbers: &[&str]) -> (tempfile::TempDir, Store, OpenDraft) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("numdesk.sqlite3")).unwrap();
    let draft = OpenDraft::create(
        &store,
        header(name),
        rows(numbers),
        Some(cn()),
        Taken::default(),
        Lang::En,
        Vec::new(),
    )
    .unwrap();
    (dir, store, draft)
}

fn reopen(store: &Store, id: i64, taken: Taken) -> OpenDraft {
    let saved = store.draft(id).unwrap().unwrap();
    OpenDraft::reopen(store, saved, Some(cn()), taken, Lang::En).unwrap()
}

#[test]
fn an_edit_is_saved_at_once_and_its_duplicate_found_again_on_reopen() {
    let (_dir, store, mut draft) = create("carrier list", &["02038001234", "02038001235"]);
    assert_eq!(draft.summary().error_rows, 0);

    // The second row becomes the first number written another way: a duplicate of row 1.
    let row = draft
        .edit_row(&store, 1, &edit("+86 20 3800 1234"))
        .unwrap();
    let message = &row.row.issues[0].message;
    assert_eq!(row.row.issues[0].code, Code::DuplicateInFile);
    assert!(message.contains("row 1"), "{message}");
    assert_eq!(draft.summary().error_rows, 1);

    let again = reopen(&store, draft.id(), Taken::default());
    assert_eq!(again.summary().total_rows, 2);
    assert_eq!(codes(&again, 0), []);
    assert!(codes(&again, 1).contains(&Code::DuplicateInFile));
    assert_eq!(
        again.page(0, 10, RowFilter::All).rows[1].row.phone_number,
        row.row.phone_number,
        "the cleaned value is what was saved (+862038001234)"
    );
}

#[test]
fn a_number_an_application_holds_now_is_an_error_at_the_next_open() {
    let (_dir, store, draft) = create("first", &["02038001234", "02038001235"]);
    let held = Taken {
        held: vec![HeldNumber {
            number: "+862038001235".to_owned(),
            application_id: 12,
            destination: "Tencent International".to_owned(),
            sdk_app_id: 1_400_000_001,
        }],
        live: Vec::new(),
    };
    let again = reopen(&store, draft.id(), held);
    assert_eq!(again.summary().error_rows, 1);
    let page = again.page(0, 10, RowFilter::Errors);
    assert_eq!(page.rows[0].index, 1);
    let message = &page.rows[0].row.issues[0].message;
    assert!(
        message.contains("#12") && message.contains("1400000001"),
        "{message}"
    );

    // Released again (say the application was refused): the error goes with it.
    let free = reopen(&store, draft.id(), Taken::default());
    assert_eq!(free.summary().error_rows, 0);
}

#[test]
fn bulk_changes_and_deletions_are_saved_and_a_missing_row_is_named() {
    let (_dir, store, mut draft) = create("bulk", &["02038001234", "02038001235", "02038001236"]);
    let set = BulkSet {
        max_call_count: Some(0),
        ..BulkSet::default()
    };
    let summary = draft.bulk_set(&store, &[0, 2], &set).unwrap();
    assert_eq!(
        summary.error_rows, 2,
        "MaxCallCount 0 is refused on both rows"
    );
    let summary = draft.delete_rows(&store, &[0]).unwrap();
    assert_eq!((summary.total_rows, summary.error_rows), (2, 1));

    let err = draft.edit_row(&store, 2, &edit("02038001237")).unwrap_err();
    assert!(
        matches!(err, DraftError::NoRow { index: 2, rows: 2 }),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "the draft has no row 2 (it has 2)");

    let again = reopen(&store, draft.id(), Taken::default());
    let page = again.page(0, 10, RowFilter::All);
    let numbers: Vec<_> = page
        .rows
        .iter()
        .map(|r| r.row.phone_number.as_str())
        .collect();
    assert_eq!(numbers, ["02038001235", "02038001236"]);
    assert_eq!(again.summary().error_rows, 1);
}
