//! Stable-toolchain fuzzing that runs in every `cargo test`: random bytes and randomly damaged
//! real files (every corpus file, plus a real .xlsx) go through the reader and the whole
//! pipeline. The rule: a bad file is an error or findings, never a panic. (The libFuzzer target
//! in `fuzz/` does the same, coverage-guided, on nightly.)

use numdesk_import::{
    Defaults, HeaderChoice, Lang, ReadOptions, ValidationOptions, auto_process, read_bytes,
    template_xlsx,
};
use proptest::prelude::*;

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
