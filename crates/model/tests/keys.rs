//! The canonical key: one number, however it is spelled, is one key.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failure

use numdesk_model::{Country, NumberForm, PhoneChecker, WrittenForm, callee_format, number_key};

fn cn() -> Option<Country> {
    Some("CN".parse().expect("CN is a country"))
}

#[test]
fn four_spellings_of_one_landline_are_one_key() {
    let mut checker = PhoneChecker::new(cn());
    for spelling in [
        "02038001234",
        "+862038001234",
        "00862038001234",
        "862038001234",
        "+86 20 3800 1234",
        "020-3800-1234",
        "0086 20 38001234",
    ] {
        assert_eq!(
            checker.key(spelling),
            "+862038001234",
            "rule: {spelling} is the Guangzhou landline 020 3800 1234"
        );
    }
}

#[test]
fn describe_numbers_listing_forms_meet_the_submitted_ones() {
    // API.md: both sites list `0086…`, the International example with the trunk 0 kept.
    let mut checker = PhoneChecker::new(cn());
    assert_eq!(checker.key("0086075512345678"), checker.key("075512345678"));
    assert_eq!(checker.key("008602038001234"), "+862038001234");
    assert_eq!(checker.key("008617308248432"), checker.key("17308248432"));
    assert_eq!(checker.key("008617308248432"), "+8617308248432");
    // The listing form needs no default country.
    let mut none = PhoneChecker::new(None);
    assert_eq!(
        none.key("0086075512345678"),
        "+86755".to_owned() + "12345678"
    );
    assert_eq!(none.key("008617308248432"), "+8617308248432");
}

#[test]
fn unparseable_numbers_key_by_their_digits() {
    let mut none = PhoneChecker::new(None);
    assert_eq!(
        none.key("020 3800 1234"),
        "02038001234",
        "no country: digits"
    );
    let mut checker = PhoneChecker::new(cn());
    assert_eq!(
        checker.key("+999 123"),
        "999123",
        "rule: what cannot parse keys by its digits"
    );
    assert_eq!(number_key("+86 20 3800 1234", None), "+862038001234");
}

#[test]
fn forms_numbers_are_sent_in() {
    let mut checker = PhoneChecker::new(cn());
    for spelling in [
        "+86 20 3800 1234",
        "0086 20 38001234",
        "020-3800-1234",
        "862038001234",
    ] {
        assert_eq!(
            checker.format(spelling, NumberForm::National).as_deref(),
            Some("02038001234"),
            "national form keeps the trunk 0 as Tencent's examples do"
        );
        assert_eq!(
            checker
                .format(spelling, NumberForm::International)
                .as_deref(),
            Some("+862038001234")
        );
    }
    assert_eq!(
        checker
            .format("+8613800138000", NumberForm::National)
            .as_deref(),
        Some("13800138000"),
        "a mobile has no trunk prefix"
    );
    assert_eq!(
        checker
            .format("+85291234567", NumberForm::National)
            .as_deref(),
        Some("+85291234567"),
        "another country's number keeps its country code"
    );
    assert_eq!(checker.format("12", NumberForm::National), None);
}

#[test]
fn written_forms() {
    let mut checker = PhoneChecker::new(cn());
    assert_eq!(checker.written_form("02038001234"), WrittenForm::National);
    assert_eq!(checker.written_form("13800138000"), WrittenForm::National);
    assert_eq!(checker.written_form("+862038001234"), WrittenForm::Plus);
    assert_eq!(
        checker.written_form("00862038001234"),
        WrittenForm::InternationalPrefix
    );
    assert_eq!(
        checker.written_form("862038001234"),
        WrittenForm::CountryCode
    );
}

#[test]
fn callee_format_in_any_case_is_sent_in_the_sdk_case() {
    assert_eq!(callee_format("{+e.164}"), Some("{+E.164}"));
    assert_eq!(callee_format(" {e.164} "), Some("{E.164}"));
    assert_eq!(callee_format("{+E.164}"), Some("{+E.164}"));
    assert_eq!(callee_format("E.164"), None);
}

#[test]
fn a_listed_number_meets_its_key_even_when_not_valid() {
    // Test data and new ranges may not be valid for the metadata: the listing form must still
    // meet the submitted one.
    let mut c = PhoneChecker::new(cn());
    let mut none = PhoneChecker::new(None);
    for listed in ["0086020900000", "+86020900000", "+86 20 900 000"] {
        assert_eq!(none.key(listed), c.key("020900000"), "{listed}");
    }
}
