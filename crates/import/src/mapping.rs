//! Which column holds which field: header aliases in English and Chinese, header row detection.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

use crate::finding::Field;
use crate::limits::HEADER_SCAN_ROWS;
use crate::table::{Cell, Table};

/// Column (0-based) of each field; `None` when the file has no such column (the caller's
/// default applies). Serialised as `{"PhoneNumber": 0, "CallType": 2, …}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
#[ts(optional_fields)]
pub struct Mapping {
    /// `PhoneNumber` column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<usize>,
    /// `CallType` column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_type: Option<usize>,
    /// `MaxCallCount` column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_call_count: Option<usize>,
    /// `MaxCallPSec` column.
    #[serde(
        rename = "MaxCallPSec",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_call_psec: Option<usize>,
    /// `OutboundCalleeFormat` column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_callee_format: Option<usize>,
    /// `CarrierPhoneNumber` column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier_phone_number: Option<usize>,
}

impl Mapping {
    /// The column of `field`.
    pub fn get(&self, field: Field) -> Option<usize> {
        match field {
            Field::PhoneNumber => self.phone_number,
            Field::CallType => self.call_type,
            Field::MaxCallCount => self.max_call_count,
            Field::MaxCallPSec => self.max_call_psec,
            Field::OutboundCalleeFormat => self.outbound_callee_format,
            Field::CarrierPhoneNumber => self.carrier_phone_number,
        }
    }

    /// Sets the column of `field`.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        let slot = match field {
            Field::PhoneNumber => &mut self.phone_number,
            Field::CallType => &mut self.call_type,
            Field::MaxCallCount => &mut self.max_call_count,
            Field::MaxCallPSec => &mut self.max_call_psec,
            Field::OutboundCalleeFormat => &mut self.outbound_callee_format,
            Field::CarrierPhoneNumber => &mut self.carrier_phone_number,
        };
        *slot = column;
    }

    /// The field mapped to `column`, if any.
    pub fn field_of(&self, column: usize) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| self.get(*f) == Some(column))
    }
}

/// Header text reduced for matching: NFKC (full-width letters, digits and brackets become
/// ASCII), lower case, without spaces, `*`, `_`, `-`, `.`, `:`, and without a required/optional
/// marker such as `（必填）` or `(required)`.
pub fn normalize_header(header: &str) -> String {
    let mut s: String = header.nfkc().collect::<String>().to_lowercase();
    for marker in [
        "(必填)",
        "(选填)",
        "(可选)",
        "(非必填)",
        "(required)",
        "(optional)",
        "[必填]",
    ] {
        s = s.replace(marker, "");
    }
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '_' | '-' | '.' | ':' | '：'))
        .collect()
}

/// Known header texts (already normalised) for each field.
const ALIASES: [(Field, &[&str]); 6] = [
    (
        Field::PhoneNumber,
        &[
            "phonenumber",
            "phone",
            "number",
            "phoneno",
            "telephone",
            "tel",
            "linenumber",
            "line",
            "did",
            "号码",
            "线路号码",
            "电话号码",
            "电话",
            "手机号码",
            "手机号",
            "固话号码",
            "中继号码",
            "号码(phonenumber)",
        ],
    ),
    (
        Field::CallType,
        &[
            "calltype",
            "type",
            "direction",
            "呼叫类型",
            "号码类型",
            "类型",
            "呼叫方向",
            "通话类型",
            "呼叫类型(calltype)",
        ],
    ),
    (
        Field::MaxCallCount,
        &[
            "maxcallcount",
            "maxconcurrent",
            "maxconcurrency",
            "concurrency",
            "concurrentcalls",
            "maxcalls",
            "channels",
            "最大并发",
            "最大并发数",
            "并发",
            "并发数",
            "最大通话数",
            "最大并发数(maxcallcount)",
        ],
    ),
    (
        Field::MaxCallPSec,
        &[
            "maxcallpsec",
            "cps",
            "maxcps",
            "callspersecond",
            "maxcallspersecond",
            "每秒并发",
            "每秒并发数",
            "每秒呼叫数",
            "最大每秒呼叫数",
            "每秒最大呼叫数",
            "每秒并发数(maxcallpsec)",
        ],
    ),
    (
        Field::OutboundCalleeFormat,
        &[
            "outboundcalleeformat",
            "calleeformat",
            "被叫格式",
            "外呼被叫格式",
            "被叫号码格式",
            "外呼被叫格式(outboundcalleeformat)",
        ],
    ),
    (
        Field::CarrierPhoneNumber,
        &[
            "carrierphonenumber",
            "carriernumber",
            "carrier",
            "运营商号码",
            "运营商侧号码",
            "运营商电话号码",
            "运营商号码(carrierphonenumber)",
        ],
    ),
];

/// The field a header names, if it is a known alias.
pub fn field_for_header(header: &str) -> Option<Field> {
    let n = normalize_header(header);
    if n.is_empty() {
        return None;
    }
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&n.as_str()))
        .map(|(f, _)| *f)
}

/// Maps header cells to fields. The first column naming a field wins; later ones stay unmapped
/// (and [`crate::process`] reports them).
pub fn auto_map(headers: &[Cell]) -> Mapping {
    let mut mapping = Mapping::default();
    for (col, cell) in headers.iter().enumerate() {
        if let Some(field) = field_for_header(&cell.text)
            && mapping.get(field).is_none()
        {
            mapping.set(field, Some(col));
        }
    }
    mapping
}

/// Index (into `table.rows`) of the header row: among the first rows, the one whose cells name
/// the most fields (a `PhoneNumber` header counts double). Title rows above it are skipped.
/// `None` when no row names any field.
pub fn detect_header(table: &Table) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in table.rows.iter().take(HEADER_SCAN_ROWS).enumerate() {
        let m = auto_map(&row.cells);
        let score = Field::ALL.iter().filter(|f| m.get(**f).is_some()).count()
            + usize::from(m.phone_number.is_some());
        if score > 0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// For a table without a header row: the first column whose first values mostly look like phone
/// numbers (digits with separators, 5 to 20 digits).
pub fn guess_phone_column(table: &Table) -> Option<usize> {
    let width = table.width().min(crate::limits::MAX_COLUMNS);
    (0..width).find(|&col| {
        let values: Vec<&Cell> = table
            .rows
            .iter()
            .filter_map(|r| r.cell(col))
            .filter(|c| !c.is_blank())
            .take(20)
            .collect();
        let phoneish = values.iter().filter(|c| looks_like_phone(&c.text)).count();
        !values.is_empty() && phoneish * 2 > values.len()
    })
}

fn looks_like_phone(s: &str) -> bool {
    let s = s.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (5..=20).contains(&digits)
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        && !s.contains('E')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalised_before_matching() {
        assert_eq!(
            field_for_header("号码（必填）"),
            Some(Field::PhoneNumber),
            "（必填） stripped"
        );
        assert_eq!(
            field_for_header("*Phone Number"),
            Some(Field::PhoneNumber),
            "* and space"
        );
        assert_eq!(
            field_for_header("ＣＰＳ"),
            Some(Field::MaxCallPSec),
            "full-width letters"
        );
        assert_eq!(
            field_for_header("最大并发数"),
            Some(Field::MaxCallCount),
            "Chinese alias"
        );
        assert_eq!(
            field_for_header("Max_Call_PSec"),
            Some(Field::MaxCallPSec),
            "underscores"
        );
        assert_eq!(
            field_for_header("呼叫类型 *"),
            Some(Field::CallType),
            "trailing star"
        );
        assert_eq!(
            field_for_header("备注"),
            None,
            "unknown header is not guessed"
        );
        assert_eq!(field_for_header(""), None, "blank header");
    }
}
