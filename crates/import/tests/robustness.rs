//! Stable-toolchain fuzzing that runs in every `cargo test`: random bytes and randomly damaged
//! real files (every corpus file, plus a real .xlsx) go through the reader and the whole
//! pipeline. The rule: a bad file is an error or findings, never a panic. (The libFuzzer target
//! in `fuzz/` does the same, coverage-guided, on nightly.)

use numdesk_import::{
    Defaults, HeaderChoice, ImportError, Lang, ReadOptions, ValidationOptions, auto_process,
    limits, read_bytes, template_xlsx,
};
use proptest::prelude::*;

#[path = "support/hostile.rs"]
mod hostile;

fn pipeline(bytes: &[u8]) {
    let options = ValidationOptions {
        country: "CN".parse().ok(),
        ..Default::default()
    };
    if let Ok(source) = read_bytes(bytes, &ReadOptions::default(), Lang::En) {
        let _ = auto_process(
            &source.table,
            HeaderChoice::Detect,
            &Defaults::default(),
            &options,
        );
    }
}

static SEEDS: std::sync::LazyLock<Vec<Vec<u8>>> = std::sync::LazyLock::new(seeds);

fn seeds() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x != "py" && x != "md"))
                .filter_map(|e| std::fs::read(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    out.push(template_xlsx(Lang::Zh).unwrap_or_default());
    assert!(
        out.len() >= 15,
        "the corpus seeds are found ({})",
        out.len()
    );
    out
}

#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::Flip(at, mask) => {
                if let Some(b) = bytes.get_mut(at % len) {
                    *b ^= mask | 1;
                }
            }
            Edit::Insert(at, data) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, data.iter().copied());
            }
            Edit::Truncate(at) => bytes.truncate(at % len),
            Edit::Duplicate(at, n) => {
                let at = at % len;
                let end = (at + n % 64).min(bytes.len());
                let piece = bytes[at.min(end)..end].to_vec();
                bytes.splice(at.min(bytes.len())..at.min(bytes.len()), piece);
            }
        }
    }
    bytes
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, m)| Edit::Flip(a, m)),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..16)
        )
            .prop_map(|(a, d)| Edit::Insert(a, d)),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, n)| Edit::Duplicate(a, n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        pipeline(&bytes);
    }

    #[test]
    fn random_text_never_panics(text in "[\\x00-\\x7f\"',;|\\t\\r\\n０-９号码呼入=+@E.-]{0,400}") {
        pipeline(text.as_bytes());
    }

    #[test]
    fn damaged_real_files_never_panic(
        seed in any::<prop::sample::Index>(),
        edits in proptest::collection::vec(edit(), 1..8),
    ) {
        let original = SEEDS[seed.index(SEEDS.len())].clone();
        pipeline(&apply(original, &edits));
    }
}

fn refusal(bytes: &[u8]) -> ImportError {
    match read_bytes(bytes, &ReadOptions::default(), Lang::En) {
        Ok(source) => panic!(
            "rule: a hostile workbook is refused, not read ({} rows)",
            source.table.rows.len()
        ),
        Err(e) => e,
    }
}

#[test]
fn every_cell_pointing_at_one_long_shared_string_is_refused_by_the_total_text_limit() {
    // 3,000 cells × 32,000 characters = 96 MB of text from a file of a few KB.
    for (what, bytes) in [
        ("xlsx", hostile::shared_string_bomb_xlsx(3_000)),
        ("xls", hostile::shared_string_bomb_xls(3_000)),
    ] {
        assert!(bytes.len() < 200_000, "{what}: the hostile file is small");
        let e = refusal(&bytes);
        assert_eq!(
            e.code(),
            "too_much_text",
            "rule: decoded text in all is bounded ({what}): {e}"
        );
        let en = e.message(Lang::En);
        let zh = e.message(Lang::Zh);
        let mb = (limits::MAX_DECODED_BYTES / (1024 * 1024)).to_string();
        assert!(
            en.contains(&mb) && en.contains("text"),
            "rule: the message names the limit ({what}): {en}"
        );
        assert!(
            zh.contains(&mb) && zh.contains("文本"),
            "rule: the Chinese message names the limit ({what}): {zh}"
        );
    }
    // Just under the limit the same shape is read: the limit is on the total, not the shape.
    let fits = (limits::MAX_DECODED_BYTES as usize / hostile::LONG) - 10;
    for (what, bytes) in [
        ("xlsx", hostile::shared_string_bomb_xlsx(fits)),
        ("xls", hostile::shared_string_bomb_xls(fits)),
    ] {
        let source = read_bytes(&bytes, &ReadOptions::default(), Lang::En)
            .unwrap_or_else(|e| panic!("{what}: {fits} long cells fit under the limit: {e}"));
        let cells: usize = source.table.rows.iter().map(|r| r.cells.len()).sum();
        assert_eq!(cells, fits, "{what}: every cell is read");
    }
}

#[test]
fn a_zip_part_that_inflates_past_its_declared_size_is_refused() {
    let bytes = hostile::part_larger_than_declared_xlsx(1_000);
    let e = refusal(&bytes);
    assert_eq!(
        e.code(),
        "unpacks_too_large",
        "rule: a ZIP part larger than it declares is refused: {e}"
    );
    let en = e.message(Lang::En);
    assert!(
        en.contains("xl/worksheets/sheet1.xml") && en.contains("1000 bytes it declares"),
        "rule: the message names the part and its declared size: {en}"
    );
    assert!(
        e.message(Lang::Zh).contains("1000 字节"),
        "the Chinese message too"
    );
}

/// The committed copies (for the CLI test and the libFuzzer corpus) are what the generator
/// writes. `NUMDESK_WRITE_HOSTILE=1 cargo test -p numdesk-import --test robustness hostile`
/// rewrites them.
#[test]
fn hostile_fixtures_are_up_to_date() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("tests/corpus/hostile"),
        root.join("fuzz/corpus/read_bytes"),
    ];
    let write = std::env::var_os("NUMDESK_WRITE_HOSTILE").is_some();
    for (name, bytes) in hostile::fixtures() {
        for dir in &dirs {
            let path = dir.join(name);
            if write {
                std::fs::create_dir_all(dir).unwrap();
                std::fs::write(&path, &bytes).unwrap();
            }
            let committed = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (NUMDESK_WRITE_HOSTILE=1)", path.display()));
            assert!(
                committed == bytes,
                "{} is what hostile.rs generates (NUMDESK_WRITE_HOSTILE=1 rewrites it)",
                path.display()
            );
            pipeline(&committed);
        }
    }
}
