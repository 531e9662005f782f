//! The form Tencent lists a number in, which is also how it tells two spellings of one number
//! apart: `0086` + the Chinese national number (landlines with their trunk `0`), as in the
//! official examples `"0086075512345678"` (International) and `"008617308248432"` (China).
//!
//! This is the sandbox's own, deliberately small reading of Chinese numbers. It does not use
//! `phonenumber` or any numdesk crate: the app's canonicalisation is tested *against* it, so
//! the two must stay independent.
//!
//! The rule, in order:
//! 1. Drop separators: whitespace, `-`, `.`, `(`, `)`, `[`, `]`.
//! 2. What is left must be digits with at most a leading `+`; anything else (letters, `*`,
//!    ...) is listed as it is after step 1, so distinct texts never merge.
//! 3. A leading `+86`, `0086` or `86` is dropped when what remains is a plausible Chinese
//!    national number (step 4); without such a prefix the digits themselves are tried.
//! 4. A plausible national number is:
//!    - a mobile: 11 digits starting with `1` (a trunk `0` in front of one is dropped);
//!    - a 400/800 service number: 10 digits starting with `400` or `800` (no trunk `0`);
//!    - a landline: area code + local number, 10 or 11 digits starting with `2`–`9`, or 10
//!      digits starting with `10` (Beijing), written with or without its trunk `0`; it is
//!      listed **with** the trunk `0`.
//! 5. Plausible national numbers are listed `0086` + national form. Other digit strings are
//!    listed as digits, with `00` in place of a leading `+` (`+44 20 7946 0958` ->
//!    `00442079460958`).

/// Characters dropped before anything else.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')' | '[' | ']')
}

/// The form DescribeNumbers lists `submitted` in, and the key duplicate checks compare.
pub(crate) fn listing_form(submitted: &str) -> String {
    let cleaned: String = submitted.chars().filter(|c| !is_separator(*c)).collect();
    let (plus, digits) = match cleaned.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return cleaned;
    }
    let national = if plus {
        digits.strip_prefix("86").and_then(china_national)
    } else {
        digits
            .strip_prefix("0086")
            .and_then(china_national)
            .or_else(|| digits.strip_prefix("86").and_then(china_national))
            .or_else(|| china_national(digits))
    };
    match national {
        Some(national) => format!("0086{national}"),
        None if plus => format!("00{digits}"),
        None => digits.to_owned(),
    }
}

/// `digits` read as a Chinese national number, in listing form (landlines with trunk `0`,
/// mobiles and service numbers without), or `None` if it is not plausibly one.
fn china_national(digits: &str) -> Option<String> {
    if is_mobile(digits) || is_service(digits) {
        return Some(digits.to_owned());
    }
    match digits.strip_prefix('0') {
        Some(rest) if is_mobile(rest) => Some(rest.to_owned()),
        Some(rest) if is_landline(rest) => Some(digits.to_owned()),
        Some(_) => None,
        None if is_landline(digits) => Some(format!("0{digits}")),
        None => None,
    }
}

/// 11 digits starting with `1`.
fn is_mobile(digits: &str) -> bool {
    digits.len() == 11 && digits.starts_with('1')
}

/// 10 digits starting with `400` or `800`.
fn is_service(digits: &str) -> bool {
    digits.len() == 10 && (digits.starts_with("400") || digits.starts_with("800"))
}

/// Area code + local number without the trunk `0`: 10 or 11 digits starting with `2`–`9`, or
/// 10 digits starting with `10` (Beijing).
fn is_landline(digits: &str) -> bool {
    match digits.as_bytes().first() {
        Some(b'2'..=b'9') => matches!(digits.len(), 10 | 11),
        Some(b'1') => digits.len() == 10 && digits.starts_with("10"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guangzhou_landline_is_listed_one_way_however_it_was_spelled() {
        for spelling in [
            "02038001234",
            "020 3800 1234",
            "020-3800-1234",
            "(020) 3800.1234",
            "+86 20 3800 1234",
            "+862038001234",
            "+86 020 3800 1234",
            "0086 20 38001234",
            "862038001234",
            "2038001234",
        ] {
            assert_eq!(
                listing_form(spelling),
                "008602038001234",
                "landlines are listed 0086 + trunk 0 + national number: {spelling}"
            );
        }
    }

    #[test]
    fn official_examples_round_trip() {
        assert_eq!(listing_form("0086075512345678"), "0086075512345678");
        assert_eq!(listing_form("075512345678"), "0086075512345678");
        assert_eq!(listing_form("+86 755 1234 5678"), "0086075512345678");
        assert_eq!(listing_form("008617308248432"), "008617308248432");
        for mobile in [
            "17308248432",
            "+8617308248432",
            "8617308248432",
            "173 0824 8432",
            "0086-173-0824-8432",
            "017308248432",
        ] {
            assert_eq!(
                listing_form(mobile),
                "008617308248432",
                "mobiles are listed 0086 + 11 digits, no trunk 0: {mobile}"
            );
        }
    }

    #[test]
    fn beijing_service_and_foreign_numbers() {
        assert_eq!(listing_form("010 1234 5678"), "008601012345678");
        assert_eq!(listing_form("+86 10 1234 5678"), "008601012345678");
        assert_eq!(listing_form("1012345678"), "008601012345678");
        assert_eq!(listing_form("400 800 0001"), "00864008000001");
        assert_eq!(listing_form("+86 400 800 0001"), "00864008000001");
        assert_eq!(
            listing_form("+44 20 7946 0958"),
            "00442079460958",
            "a foreign number keeps its digits, `+` becomes 00"
        );
        assert_eq!(listing_form("00442079460958"), "00442079460958");
    }

    #[test]
    fn implausible_text_is_never_merged() {
        assert_eq!(
            listing_form("1"),
            "1",
            "too short to be Chinese: digits only"
        );
        assert_eq!(listing_form("+861"), "00861");
        assert_eq!(listing_form("020A"), "020A");
        assert_ne!(
            listing_form("020A"),
            listing_form("020B"),
            "letters are kept, so different texts stay different numbers"
        );
        assert_eq!(listing_form("  "), "");
        assert_eq!(listing_form("+"), "+");
    }
}
