//! The words of the import template and of the findings follow the UI's glossary
//! (`ui/src/locales/glossary.json`): one term per idea, never a variant it forbids.

use regex::Regex;
use serde_json::Value;

use crate::finding::Field;
use crate::lang::Lang;
use crate::read::{ReadOptions, read_pasted};
use crate::template::{instructions, template_header};
use crate::validate::{Defaults, HeaderChoice, ValidationOptions};

struct Idea {
    name: String,
    term: String,
    forbidden: Vec<Regex>,
    allowed: Vec<Regex>,
}

fn glossary(lang: Lang) -> Vec<Idea> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/src/locales/glossary.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let key = lang.pick("en", "zh-CN");
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap_or_else(|| panic!("a list in {path}"))
            .iter()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    let ideas = json["ideas"]
        .as_object()
        .unwrap_or_else(|| panic!("ideas in {path}"));
    assert!(ideas.len() > 10, "the glossary has its ideas");
    ideas
        .iter()
        .map(|(name, idea)| Idea {
            name: name.clone(),
            term: idea[key].as_str().unwrap_or_default().to_owned(),
            forbidden: strings(&idea["forbidden"][key])
                .iter()
                .map(|v| Regex::new(&format!("(?i){v}")).unwrap_or_else(|e| panic!("{v}: {e}")))
                .collect(),
            allowed: strings(&idea["allowed"][key])
                .iter()
                .map(|a| {
                    Regex::new(&format!("(?i){}", regex::escape(a)))
                        .unwrap_or_else(|e| panic!("{a}: {e}"))
                })
                .collect(),
        })
        .collect()
}

/// Every text that uses a forbidden variant, named with the variant and the idea.
fn violations(lang: Lang, texts: &[String]) -> Vec<String> {
    let ideas = glossary(lang);
    let mut found = Vec::new();
    for text in texts {
        for idea in &ideas {
            let mut rest = text.clone();
            for a in &idea.allowed {
                rest = a.replace_all(&rest, " ").into_owned();
            }
            for v in &idea.forbidden {
                if v.is_match(&rest) {
                    found.push(format!("{text:?} says /{}/ for {}", v.as_str(), idea.name));
                }
            }
        }
    }
    found
}

fn template_texts(lang: Lang) -> Vec<String> {
    let mut texts = instructions(lang);
    texts.extend(
        Field::ALL
            .iter()
            .map(|f| template_header(*f, lang).to_owned()),
    );
    texts.extend(Field::ALL.iter().map(|f| f.label(lang).to_owned()));
    texts
}

#[test]
fn the_template_uses_the_glossary_terms() {
    for lang in [Lang::En, Lang::Zh] {
        let texts = template_texts(lang);
        assert_eq!(violations(lang, &texts), Vec::<String>::new(), "{lang:?}");
        let all = texts.join("\n").to_lowercase();
        for idea in [
            "callType",
            "maxCallCount",
            "maxCallPSec",
            "calleeFormat",
            "carrierNumber",
        ] {
            let term = glossary(lang)
                .into_iter()
                .find(|i| i.name == idea)
                .map(|i| i.term.to_lowercase())
                .unwrap_or_else(|| panic!("{idea} is in the glossary"));
            assert!(
                all.contains(&term),
                "{lang:?}: the template's instructions name {idea} as {term:?}"
            );
        }
    }
}

#[test]
fn findings_use_the_glossary_terms() {
    // Rows that raise the field findings: MaxCallPSec above MaxCallCount, an unknown callee
    // format, a pager number, letters in the carrier number, empty required cells.
    let text = "PhoneNumber\tCallType\tMaxCallCount\tMaxCallPSec\tOutboundCalleeFormat\tCarrierPhoneNumber\n\
                02038000101\t2\t2\t5\tE164\tabc\n\
                1272345678\t\t\t\t\t\n";
    let source = read_pasted(text, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    for lang in [Lang::En, Lang::Zh] {
        let options = ValidationOptions {
            country: "CN".parse().ok(),
            lang,
            ..ValidationOptions::default()
        };
        let result = crate::auto_process(
            &source.table,
            HeaderChoice::Detect,
            &Defaults::default(),
            &options,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let messages: Vec<String> = result
            .rows
            .iter()
            .flat_map(|r| r.issues.iter().map(|f| f.message.clone()))
            .collect();
        assert!(messages.len() >= 5, "the rows raise findings: {messages:?}");
        assert_eq!(
            violations(lang, &messages),
            Vec::<String>::new(),
            "{lang:?}"
        );
    }
}
