//! Cleaning single values: phone numbers, CallType, positive integers, callee format.

use std::borrow::Cow;

use numdesk_model::CallType;
use unicode_normalization::UnicodeNormalization;

use crate::table::{Cell, CellKind};

/// Why a phone number cannot be used as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NumberProblem {
    Empty,
    Formula,
    Scientific,
    Letters,
    InvalidCharacter(char),
    TooShort(usize),
    TooLong(usize),
    PrecisionLost(usize),
    Date,
    CellError,
}

/// NFKC (full-width digits, `＋`, `（）` become ASCII), only when there is anything non-ASCII.
pub(crate) fn nfkc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfkc().collect())
    }
}

/// Whether a value is a spreadsheet formula (or would become one when opened in Excel).
pub(crate) fn is_formula(s: &str) -> bool {
    s.starts_with('=') || s.starts_with('@')
}

/// `2.01235E+10`, `2,01235e10`, `1E+11`: what Excel shows for a long number in a narrow
/// General-format column, and writes to CSV as such.
fn is_scientific(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let Some(e) = s.find(['e', 'E']) else {
        return false;
    };
    let (mantissa, exp) = (&s[..e], &s[e + 1..]);
    let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
    let mut parts = mantissa.splitn(2, ['.', ',']);
    let int = parts.next().unwrap_or("");
    let frac = parts.next().unwrap_or("0");
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !exp.is_empty()
        && exp.bytes().all(|b| b.is_ascii_digit())
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '.' | '(' | ')' | '[' | ']' | '‐' | '‑' | '‒' | '–' | '—' | '−'
        )
}

/// Cleans a phone number: spaces, dashes, dots and brackets removed, full-width digits made
/// ASCII, a trailing `.0` (from a number cell) and a leading `'` (Excel's text mark) removed;
/// a leading `+` or `0` kept.
pub(crate) fn clean_number(cell: &Cell) -> Result<String, NumberProblem> {
    match cell.kind {
        CellKind::Date => return Err(NumberProblem::Date),
        CellKind::Error => return Err(NumberProblem::CellError),
        _ => {}
    }
    let raw = cell.text.trim();
    if raw.is_empty() {
        return Err(NumberProblem::Empty);
    }
    let s = nfkc(raw);
    // A leading `'` is Excel's "this is text" mark (and how exports escape formulas).
    let s = s.trim().strip_prefix('\'').unwrap_or(s.trim()).trim();
    if is_formula(s) {
        return Err(NumberProblem::Formula);
    }
    if s.contains(['e', 'E']) {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if is_scientific(&compact) {
            return Err(NumberProblem::Scientific);
        }
    }
    // A number cell: Excel keeps 15 significant digits, anything beyond is already lost.
    if cell.kind == CellKind::Number {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let digits = compact
            .trim_start_matches(['+', '-'])
            .trim_start_matches('0');
        let significant = digits.bytes().filter(u8::is_ascii_digit).count();
        if significant > 15 {
            return Err(NumberProblem::PrecisionLost(significant));
        }
    }
    // `2012345678.0`: a number written by a program that printed a float.
    let s = match s.strip_suffix(".0").or_else(|| s.strip_suffix(".00")) {
        Some(head)
            if head
                .trim_start_matches('+')
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
        {
            head
        }
        _ => s,
    };
    let (plus, body) = match s.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut out = String::with_capacity(s.len());
    if plus {
        out.push('+');
    }
    for c in body.chars() {
        if c.is_ascii_digit() {
            out.push(c);
        } else if is_separator(c) {
            continue;
        } else if plus && (c.is_alphabetic() || "+*/^&!$\",;".contains(c)) {
            // `+A1`, `+SUM(…)`: Excel reads a leading + as a formula.
            return Err(NumberProblem::Formula);
        } else if c.is_alphabetic() {
            return Err(NumberProblem::Letters);
        } else {
            return Err(NumberProblem::InvalidCharacter(c));
        }
    }
    let digits = out.len() - usize::from(plus);
    if digits < 3 {
        return Err(NumberProblem::TooShort(digits));
    }
    if digits > 20 {
        return Err(NumberProblem::TooLong(digits));
    }
    Ok(out)
}

/// Reads a CallType: `0`/`1`/`2`, `inbound`/`outbound`/`both` (any case), `呼入`/`呼出`/`双向`/
/// `呼入呼出` and a few spellings of "inbound and outbound".
pub fn parse_call_type(value: &str) -> Option<CallType> {
    // The common spellings first, without allocating.
    match value.trim() {
        "0" => return Some(CallType::Inbound),
        "1" => return Some(CallType::Outbound),
        "2" | "双向" => return Some(CallType::InboundAndOutbound),
        _ => {}
    }
    let n: String = nfkc(value.trim())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    match n.as_str() {
        "0" | "inbound" | "in" | "呼入" => Some(CallType::Inbound),
        "1" | "outbound" | "out" | "呼出" => Some(CallType::Outbound),
        "2" | "both" | "inboundandoutbound" | "inbound&outbound" | "inbound+outbound"
        | "inbound/outbound" | "in/out" | "双向" | "呼入呼出" | "呼入和呼出" | "呼入/呼出"
        | "呼入及呼出" | "呼入+呼出" | "呼入、呼出" => {
            Some(CallType::InboundAndOutbound)
        }
        _ => None,
    }
}

/// Why a count is not usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CountProblem {
    NotPositive,
    TooLarge,
}

/// Largest count accepted (`i32::MAX`): anything above is a typo.
pub(crate) const MAX_COUNT: i64 = i32::MAX as i64;

/// A positive whole number: `0`, negatives, decimals (`2.5`, also `10.0` typed as text) and
/// text are rejected. A number cell holding a whole number arrives as `10` already.
pub(crate) fn parse_count(cell: &Cell) -> Result<i64, CountProblem> {
    let s = nfkc(cell.text.trim());
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || cell.kind == CellKind::Date {
        return Err(CountProblem::NotPositive);
    }
    let digits = s.trim_start_matches('0');
    if digits.is_empty() {
        return Err(CountProblem::NotPositive);
    }
    if digits.len() > 10 {
        return Err(CountProblem::TooLarge);
    }
    let n: i64 = digits.parse().map_err(|_| CountProblem::NotPositive)?;
    if n > MAX_COUNT {
        Err(CountProblem::TooLarge)
    } else {
        Ok(n)
    }
}

pub(crate) use numdesk_model::CALLEE_FORMATS;

/// `{+E.164}` or `{E.164}` in any case (the International pages print `{+e.164}`), as it is
/// sent: in the SDK's case (full-width braces are made ASCII first).
pub(crate) fn parse_callee_format(value: &str) -> Option<&'static str> {
    numdesk_model::callee_format(&nfkc(value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> Result<String, NumberProblem> {
        clean_number(&Cell::text(s))
    }

    #[test]
    fn separators_removed_prefixes_kept() {
        assert_eq!(
            clean(" 020-1234 5678 "),
            Ok("02012345678".into()),
            "dashes, spaces"
        );
        assert_eq!(
            clean("+86 (20) 1234.5678"),
            Ok("+862012345678".into()),
            "+ kept, brackets"
        );
        assert_eq!(
            clean("０２０１２３４５６７８"),
            Ok("02012345678".into()),
            "full-width digits"
        );
        assert_eq!(
            clean("＋８６１３８１２３４５６７８"),
            Ok("+8613812345678".into()),
            "full-width +"
        );
        assert_eq!(
            clean("2012345678.0"),
            Ok("2012345678".into()),
            "trailing .0 removed"
        );
        assert_eq!(
            clean("020\u{3000}1234\u{a0}5678"),
            Ok("02012345678".into()),
            "wide spaces"
        );
    }

    #[test]
    fn unusable_numbers_rejected() {
        assert_eq!(
            clean("2.01235E+10"),
            Err(NumberProblem::Scientific),
            "scientific notation"
        );
        assert_eq!(
            clean("8.61381E+12"),
            Err(NumberProblem::Scientific),
            "scientific notation"
        );
        assert_eq!(clean("=A1"), Err(NumberProblem::Formula), "= formula");
        assert_eq!(clean("@SUM(A1)"), Err(NumberProblem::Formula), "@ formula");
        assert_eq!(clean("+A1"), Err(NumberProblem::Formula), "+ formula");
        assert_eq!(
            clean("+SUM(A1:A2)"),
            Err(NumberProblem::Formula),
            "+ function"
        );
        assert_eq!(
            clean("020-1234 ext 5"),
            Err(NumberProblem::Letters),
            "letters"
        );
        assert_eq!(
            clean("020#1234"),
            Err(NumberProblem::InvalidCharacter('#')),
            "#"
        );
        assert_eq!(clean("12"), Err(NumberProblem::TooShort(2)), "too short");
        assert_eq!(
            clean(&"1".repeat(21)),
            Err(NumberProblem::TooLong(21)),
            "too long"
        );
        assert_eq!(clean("   "), Err(NumberProblem::Empty), "blank");
        let precise = Cell {
            text: "8613812345678901".into(),
            kind: CellKind::Number,
        };
        assert_eq!(
            clean_number(&precise),
            Err(NumberProblem::PrecisionLost(16)),
            "16 digits"
        );
    }

    #[test]
    fn call_types() {
        for (v, want) in [
            ("0", CallType::Inbound),
            ("Inbound", CallType::Inbound),
            ("呼入", CallType::Inbound),
            ("1", CallType::Outbound),
            ("OUTBOUND", CallType::Outbound),
            ("呼出", CallType::Outbound),
            ("2", CallType::InboundAndOutbound),
            ("both", CallType::InboundAndOutbound),
            ("双向", CallType::InboundAndOutbound),
            ("呼入呼出", CallType::InboundAndOutbound),
            ("２", CallType::InboundAndOutbound),
        ] {
            assert_eq!(
                parse_call_type(v),
                Some(want),
                "CallType {v:?} must be accepted"
            );
        }
        for v in ["3", "-1", "1.5", "inout", "", "呼"] {
            assert_eq!(parse_call_type(v), None, "CallType {v:?} must be rejected");
        }
    }

    #[test]
    fn counts_are_positive_integers() {
        let c = |s: &str| parse_count(&Cell::text(s));
        assert_eq!(c("10"), Ok(10), "plain integer");
        assert_eq!(c(" ３０ "), Ok(30), "full-width digits");
        assert_eq!(c("0"), Err(CountProblem::NotPositive), "zero rejected");
        assert_eq!(c("-5"), Err(CountProblem::NotPositive), "negative rejected");
        assert_eq!(c("2.5"), Err(CountProblem::NotPositive), "decimal rejected");
        assert_eq!(
            c("10.0"),
            Err(CountProblem::NotPositive),
            "decimal text rejected"
        );
        assert_eq!(c("ten"), Err(CountProblem::NotPositive), "text rejected");
        assert_eq!(
            c("99999999999"),
            Err(CountProblem::TooLarge),
            "absurdly large rejected"
        );
    }

    #[test]
    fn callee_formats() {
        assert_eq!(
            parse_callee_format("{+E.164}"),
            Some("{+E.164}"),
            "with plus"
        );
        assert_eq!(parse_callee_format(" {E.164} "), Some("{E.164}"), "trimmed");
        assert_eq!(
            parse_callee_format("｛+E.164｝"),
            Some("{+E.164}"),
            "full-width braces"
        );
        assert_eq!(
            parse_callee_format("E.164"),
            None,
            "without braces rejected"
        );
        assert_eq!(
            parse_callee_format("{+e.164}"),
            Some("{+E.164}"),
            "rule: the International pages' lower case is accepted, sent in the SDK's case"
        );
    }
}
