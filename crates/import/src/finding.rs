//! Findings: what is wrong (or worth a look) in a row or in the whole file.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::lang::Lang;

/// How serious a finding is. Rows with an error are not submitted; warnings are shown only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the row (or the whole file).
    Error,
    /// Shown to the user; does not block.
    Warning,
}

/// A column of `OwnNumberApplyDetailItem`, named as the API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub enum Field {
    /// `PhoneNumber`
    PhoneNumber,
    /// `CallType`
    CallType,
    /// `MaxCallCount`
    MaxCallCount,
    /// `MaxCallPSec`
    MaxCallPSec,
    /// `OutboundCalleeFormat`
    OutboundCalleeFormat,
    /// `CarrierPhoneNumber`
    CarrierPhoneNumber,
}

impl Field {
    /// Every field, in template order.
    pub const ALL: [Field; 6] = [
        Field::PhoneNumber,
        Field::CallType,
        Field::MaxCallCount,
        Field::MaxCallPSec,
        Field::OutboundCalleeFormat,
        Field::CarrierPhoneNumber,
    ];

    /// The API name (`PhoneNumber`, `MaxCallPSec`, …).
    pub fn api_name(self) -> &'static str {
        match self {
            Self::PhoneNumber => "PhoneNumber",
            Self::CallType => "CallType",
            Self::MaxCallCount => "MaxCallCount",
            Self::MaxCallPSec => "MaxCallPSec",
            Self::OutboundCalleeFormat => "OutboundCalleeFormat",
            Self::CarrierPhoneNumber => "CarrierPhoneNumber",
        }
    }

    /// The name shown to the user in `lang` (Chinese names carry the API name too, so the two
    /// languages can be matched up).
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (f, Lang::En) => f.api_name(),
            (Self::PhoneNumber, Lang::Zh) => "号码 (PhoneNumber)",
            (Self::CallType, Lang::Zh) => "呼叫类型 (CallType)",
            (Self::MaxCallCount, Lang::Zh) => "最大并发数 (MaxCallCount)",
            (Self::MaxCallPSec, Lang::Zh) => "每秒并发数 (MaxCallPSec)",
            (Self::OutboundCalleeFormat, Lang::Zh) => "外呼被叫格式 (OutboundCalleeFormat)",
            (Self::CarrierPhoneNumber, Lang::Zh) => "运营商号码 (CarrierPhoneNumber)",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_name())
    }
}

/// Stable machine-readable code of a finding. The UI switches on these; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    // ---- whole file
    /// No BOM and not UTF-8: the encoding was guessed.
    EncodingGuessed,
    /// Some bytes are not valid in the encoding used and were replaced with U+FFFD.
    DecodingReplaced,
    /// No row looked like a header; the first column that looks like phone numbers is used.
    HeaderNotFound,
    /// A column is not used (its header matches no field).
    UnmappedColumn,
    /// Two columns match the same field; the first is used.
    DuplicateColumn,
    /// No column holds phone numbers.
    NoPhoneColumn,
    /// Nothing below the header row.
    NoDataRows,
    /// The header row asked for is not in the file.
    HeaderRowOutOfRange,
    // ---- a row
    /// A required value is empty and no default was given.
    MissingValue,
    /// A number shown in scientific notation (`2.01235E+10`): digits are lost.
    ScientificNotation,
    /// A formula (`=…`, `@…`, `+…` that is not a number).
    Formula,
    /// Letters in a phone number.
    LettersInNumber,
    /// Characters other than digits, a leading `+` and separators in a phone number.
    InvalidCharacters,
    /// Fewer than 3 digits.
    NumberTooShort,
    /// More than 20 digits.
    NumberTooLong,
    /// A numeric spreadsheet cell with more than 15 significant digits: Excel kept only 15.
    PrecisionLost,
    /// A number that looks like it lost its leading `0` (proposed fix in the message).
    LeadingZeroLost,
    /// Not a valid number for the country (short codes and new ranges exist, so only a warning).
    InvalidForCountry,
    /// A valid number of a type that is rarely an own number (premium rate, pager, voicemail).
    UnusualNumberType,
    /// A cell formatted as a date.
    DateCell,
    /// A spreadsheet error value such as `#N/A`.
    CellError,
    /// The same number appears earlier in the file.
    DuplicateInFile,
    /// The number is already in a draft or submitted application.
    DuplicateExisting,
    /// The number is already live in the contact centre (DescribeNumbers listed it).
    AlreadyLive,
    /// The number is also in another saved draft (a warning: only one of them should be sent).
    DuplicateInDraft,
    /// CallType is not 0/1/2, inbound/outbound/both, 呼入/呼出/双向.
    InvalidCallType,
    /// Not a positive whole number.
    NotPositiveInteger,
    /// A whole number too large to be meant (over 2,147,483,647).
    ValueTooLarge,
    /// MaxCallPSec is larger than MaxCallCount.
    CpsExceedsConcurrency,
    /// OutboundCalleeFormat is not `{+E.164}` or `{E.164}`.
    InvalidCalleeFormat,
}

impl Code {
    /// The snake_case code, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EncodingGuessed => "encoding_guessed",
            Self::DecodingReplaced => "decoding_replaced",
            Self::HeaderNotFound => "header_not_found",
            Self::UnmappedColumn => "unmapped_column",
            Self::DuplicateColumn => "duplicate_column",
            Self::NoPhoneColumn => "no_phone_column",
            Self::NoDataRows => "no_data_rows",
            Self::HeaderRowOutOfRange => "header_row_out_of_range",
            Self::MissingValue => "missing_value",
            Self::ScientificNotation => "scientific_notation",
            Self::Formula => "formula",
            Self::LettersInNumber => "letters_in_number",
            Self::InvalidCharacters => "invalid_characters",
            Self::NumberTooShort => "number_too_short",
            Self::NumberTooLong => "number_too_long",
            Self::PrecisionLost => "precision_lost",
            Self::LeadingZeroLost => "leading_zero_lost",
            Self::InvalidForCountry => "invalid_for_country",
            Self::UnusualNumberType => "unusual_number_type",
            Self::DateCell => "date_cell",
            Self::CellError => "cell_error",
            Self::DuplicateInFile => "duplicate_in_file",
            Self::DuplicateExisting => "duplicate_existing",
            Self::AlreadyLive => "already_live",
            Self::DuplicateInDraft => "duplicate_in_draft",
            Self::InvalidCallType => "invalid_call_type",
            Self::NotPositiveInteger => "not_positive_integer",
            Self::ValueTooLarge => "value_too_large",
            Self::CpsExceedsConcurrency => "cps_exceeds_concurrency",
            Self::InvalidCalleeFormat => "invalid_callee_format",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: `{severity, code, field, message}`. `field` is `null` when the finding is not
/// about one field. The row it belongs to is the row that holds it (`ImportedRow::line`); the
/// message names the row and column as the user sees them as well.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// The field concerned, if any.
    pub field: Option<Field>,
    /// What is wrong and what to do, in the requested language.
    pub message: String,
}

impl Finding {
    /// An error.
    pub fn error(code: Code, field: Option<Field>, message: String) -> Self {
        Self {
            severity: Severity::Error,
            code,
            field,
            message,
        }
    }

    /// A warning.
    pub fn warning(code: Code, field: Option<Field>, message: String) -> Self {
        Self {
            severity: Severity::Warning,
            code,
            field,
            message,
        }
    }

    /// Whether this finding blocks.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
