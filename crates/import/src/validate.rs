//! Mapping rows to fields, cleaning and validating them, and finding duplicates.
//!
//! Over 500 lines because the row types and the one Validator pass sit together, with every finding
//! written in English and Chinese beside the check that raises it.

use std::collections::HashMap;
use std::sync::Arc;

use numdesk_model::NumberType as Type;
use numdesk_model::{CallType, OwnNumberApplyDetailItem};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clean::{
    CALLEE_FORMATS, CountProblem, MAX_COUNT, NumberProblem, clean_number, is_formula, nfkc,
    parse_call_type, parse_callee_format, parse_count,
};
use crate::error::ImportError;
use crate::finding::{Code, Field, Finding};
use crate::lang::Lang;
use crate::mapping::Mapping;
use crate::table::{Cell, TableRow, column_letter};
use numdesk_model::{Country, PhoneChecker};

/// Values for columns the file does not have (or leaves blank): the "apply to all" values of
/// the form. A required value with neither a cell nor a default is an error on the row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields)]
pub struct Defaults {
    /// Default CallType.
    pub call_type: Option<CallType>,
    /// Default MaxCallCount (positive).
    #[ts(optional, type = "number")]
    pub max_call_count: Option<i64>,
    /// Default MaxCallPSec (positive).
    #[ts(optional, type = "number")]
    pub max_call_psec: Option<i64>,
    /// Default OutboundCalleeFormat (`{+E.164}` or `{E.164}`).
    pub outbound_callee_format: Option<String>,
    /// Default CarrierPhoneNumber: the carrier's number for rows that leave it empty.
    #[serde(default)]
    pub carrier_phone_number: Option<String>,
}

/// How rows are checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(optional_fields)]
pub struct ValidationOptions {
    /// Country for numbers written without `+`. Without one, only `+` numbers are checked.
    pub country: Option<Country>,
    /// Numbers applications of the same destination already hold (any spelling: compared by
    /// their canonical key).
    #[serde(default)]
    pub held_numbers: Vec<HeldNumber>,
    /// Numbers already live in the destination's contact centre (read with DescribeNumbers).
    #[serde(default)]
    pub live_numbers: Vec<KnownLive>,
    /// The columns of the source file the values came from, as messages name them ("column
    /// B"); `None`: the mapping read. A draft opened again is read column by column, but its
    /// findings still name the file's columns.
    #[serde(default)]
    pub source_columns: Option<Mapping>,
    /// Language of the messages.
    #[serde(default)]
    pub lang: Lang,
}

/// A number an application already holds, and where: a row with the same number (by its
/// canonical key, however either is spelled) is an error naming that application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HeldNumber {
    /// The number as the application has it.
    pub number: String,
    /// The local application number (`#12`).
    #[ts(type = "number")]
    pub application_id: i64,
    /// Where it was sent, in the language of the messages (`Tencent International`).
    pub destination: String,
    /// Its `SdkAppId`.
    #[ts(type = "number")]
    pub sdk_app_id: u64,
}

/// A number DescribeNumbers listed as live: a row with it is an error (Tencent refuses a number
/// already in use).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KnownLive {
    /// As Tencent listed it.
    pub number: String,
    /// The SdkAppId it is live in.
    #[ts(type = "number")]
    pub sdk_app_id: u64,
    /// When the listing was read, in the language of the messages ("5 minutes ago").
    pub read: String,
}

/// The raw values of one row, by field (`None`: the field has no column). The wizard builds one
/// from an edited row and passes it to [`Validator::validate_row`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(optional_fields)]
pub struct RowInput {
    /// Row number as the user sees it.
    pub line: u32,
    /// `PhoneNumber` cell.
    pub phone_number: Option<Cell>,
    /// `CallType` cell.
    pub call_type: Option<Cell>,
    /// `MaxCallCount` cell.
    pub max_call_count: Option<Cell>,
    /// `MaxCallPSec` cell.
    pub max_call_psec: Option<Cell>,
    /// `OutboundCalleeFormat` cell.
    pub outbound_callee_format: Option<Cell>,
    /// `CarrierPhoneNumber` cell.
    pub carrier_phone_number: Option<Cell>,
}

impl RowInput {
    /// The mapped cells of a table row (a mapped column the row is too short for is blank).
    pub fn from_row(row: &TableRow, mapping: &Mapping) -> Self {
        let get = |f: Field| {
            mapping
                .get(f)
                .map(|c| row.cell(c).cloned().unwrap_or_default())
        };
        Self {
            line: row.line,
            phone_number: get(Field::PhoneNumber),
            call_type: get(Field::CallType),
            max_call_count: get(Field::MaxCallCount),
            max_call_psec: get(Field::MaxCallPSec),
            outbound_callee_format: get(Field::OutboundCalleeFormat),
            carrier_phone_number: get(Field::CarrierPhoneNumber),
        }
    }

    fn view(&self) -> RowView<'_> {
        RowView {
            line: self.line,
            cells: [
                self.phone_number.as_ref(),
                self.call_type.as_ref(),
                self.max_call_count.as_ref(),
                self.max_call_psec.as_ref(),
                self.outbound_callee_format.as_ref(),
                self.carrier_phone_number.as_ref(),
            ],
        }
    }
}

/// Borrowed cells of one row, in [`Field::ALL`] order (no copies on the bulk path).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowView<'a> {
    line: u32,
    cells: [Option<&'a Cell>; 6],
}

impl<'a> RowView<'a> {
    pub(crate) fn of(row: &'a TableRow, mapping: &Mapping) -> Self {
        let mut cells = [None; 6];
        for (slot, field) in cells.iter_mut().zip(Field::ALL) {
            *slot = mapping.get(field).and_then(|c| row.cell(c));
        }
        Self {
            line: row.line,
            cells,
        }
    }

    fn cell(&self, field: Field) -> Option<&'a Cell> {
        self.cells[field as usize]
    }
}

/// One data row, cleaned, with its findings. Values that could not be read are `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportedRow {
    /// Row number as the user sees it in the file or sheet (1-based).
    pub line: u32,
    /// The number that would be sent (cleaned; as written when it could not be cleaned).
    pub phone_number: String,
    /// 0 inbound, 1 outbound, 2 both.
    pub call_type: Option<CallType>,
    /// Maximum concurrent calls.
    #[ts(type = "number | null")]
    pub max_call_count: Option<i64>,
    /// Maximum new calls per second.
    #[ts(type = "number | null")]
    pub max_call_psec: Option<i64>,
    /// `{+E.164}` or `{E.164}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub outbound_callee_format: Option<String>,
    /// The carrier-side number (cleaned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub carrier_phone_number: Option<String>,
    /// Errors and warnings, in field order.
    pub issues: Vec<Finding>,
    /// The number normalised for duplicate detection (E.164 when it parses).
    #[serde(skip)]
    #[ts(skip)]
    pub normalized: Option<String>,
}

impl ImportedRow {
    /// Where the row's PhoneNumber findings end (they come first, in field order).
    pub fn phone_findings_end(&self) -> usize {
        self.issues
            .iter()
            .position(|f| f.field != Some(Field::PhoneNumber))
            .unwrap_or(self.issues.len())
    }

    /// Adds a PhoneNumber finding after the row's other PhoneNumber findings.
    pub fn add_phone_finding(&mut self, finding: Finding) {
        let at = self.phone_findings_end();
        self.issues.insert(at, finding);
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(Finding::is_error)
    }

    /// The item to submit, when the row has no error.
    pub fn to_item(&self) -> Option<OwnNumberApplyDetailItem> {
        if self.has_errors() {
            return None;
        }
        let mut item = OwnNumberApplyDetailItem::new(
            self.call_type?,
            self.phone_number.clone(),
            self.max_call_count?,
            self.max_call_psec?,
        );
        item.outbound_callee_format = self.outbound_callee_format.clone();
        item.carrier_phone_number = self.carrier_phone_number.clone();
        Some(item)
    }
}

/// Everything [`process`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportResult {
    /// One per non-blank data row, in file order.
    pub rows: Vec<ImportedRow>,
    /// Findings about the whole file.
    pub file_issues: Vec<Finding>,
    /// The header row used (row number as the user sees it), if any.
    pub header_row: Option<u32>,
    /// The mapping used.
    pub mapping: Mapping,
}

impl ImportResult {
    /// Whether a whole-file error means nothing can be imported.
    pub fn has_file_errors(&self) -> bool {
        self.file_issues.iter().any(Finding::is_error)
    }

    /// The items of the rows without errors.
    pub fn items(&self) -> Vec<OwnNumberApplyDetailItem> {
        self.rows.iter().filter_map(ImportedRow::to_item).collect()
    }
}

/// Which row is the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind", content = "line")]
pub enum HeaderChoice {
    /// Detect it ([`detect_header`]); without one, guess the phone column from the values.
    #[default]
    Detect,
    /// This row (as the user sees it, 1-based).
    Line(u32),
    /// There is no header row: every row is data, the phone column is guessed from the values.
    None,
}

/// Checks rows one by one. Build it once per file (it compiles the country's number patterns).
#[derive(Debug, Clone)]
pub struct Validator {
    mapping: Mapping,
    /// The source file's columns, as messages name them.
    named: Mapping,
    defaults: Defaults,
    lang: Lang,
    country: Option<Country>,
    pub(crate) phone: PhoneChecker,
    existing: Arc<HashMap<String, HeldNumber>>,
    live: Arc<HashMap<String, KnownLive>>,
}

impl Validator {
    /// A validator for rows mapped by `mapping`. Fails when a default value is not valid
    /// (a count of 0, an unknown callee format).
    pub fn new(
        mapping: &Mapping,
        defaults: &Defaults,
        options: &ValidationOptions,
    ) -> Result<Self, ImportError> {
        for (name, v) in [
            ("default MaxCallCount", defaults.max_call_count),
            ("default MaxCallPSec", defaults.max_call_psec),
        ] {
            if let Some(v) = v
                && !(1..=MAX_COUNT).contains(&v)
            {
                return Err(ImportError::InvalidOption {
                    option: name,
                    value: v.to_string(),
                    expected: "a whole number from 1 to 2147483647",
                });
            }
        }
        let mut defaults = defaults.clone();
        if let Some(f) = defaults.outbound_callee_format.take() {
            let Some(sent) = parse_callee_format(&f) else {
                return Err(ImportError::InvalidOption {
                    option: "default OutboundCalleeFormat",
                    value: f,
                    expected: "{+E.164} or {E.164}",
                });
            };
            defaults.outbound_callee_format = Some(sent.to_owned());
        }
        if let Some(n) = defaults.carrier_phone_number.take() {
            let Ok(clean) = clean_number(&Cell::text(n.as_str())) else {
                return Err(ImportError::InvalidOption {
                    option: "default CarrierPhoneNumber",
                    value: n,
                    expected: "a phone number: digits, with an optional leading +",
                });
            };
            defaults.carrier_phone_number = Some(clean);
        }
        let mut phone = PhoneChecker::new(options.country);
        let mut existing = HashMap::with_capacity(options.held_numbers.len());
        for held in &options.held_numbers {
            let key = match clean_number(&Cell::text(held.number.as_str())) {
                Ok(c) => phone.key(&c),
                Err(_) => held.number.trim().to_owned(),
            };
            existing.entry(key).or_insert_with(|| held.clone());
        }
        let mut live = HashMap::with_capacity(options.live_numbers.len());
        for l in &options.live_numbers {
            live.entry(phone.key(&l.number))
                .or_insert_with(|| l.clone());
        }
        Ok(Self {
            mapping: *mapping,
            named: options.source_columns.unwrap_or(*mapping),
            defaults,
            lang: options.lang,
            country: options.country,
            phone,
            existing: Arc::new(existing),
            live: Arc::new(live),
        })
    }

    /// `Row 5, PhoneNumber (column B)` / `第 5 行，号码 (PhoneNumber)（B 列）`.
    fn at(&self, line: u32, field: Field) -> String {
        let col = self.named.get(field).map(column_letter);
        match (self.lang, col) {
            (Lang::En, Some(c)) => format!("Row {line}, {} (column {c})", field.label(Lang::En)),
            (Lang::En, None) => format!("Row {line}, {}", field.label(Lang::En)),
            (Lang::Zh, Some(c)) => format!("第 {line} 行，{}（{c} 列）", field.label(Lang::Zh)),
            (Lang::Zh, None) => format!("第 {line} 行，{}", field.label(Lang::Zh)),
        }
    }

    fn err(&self, code: Code, field: Field, line: u32, en: String, zh: String) -> Finding {
        let at = self.at(line, field);
        let sep = self.lang.pick(": ", "：");
        Finding::error(
            code,
            Some(field),
            format!("{at}{sep}{}", self.lang.pick(en, zh)),
        )
    }

    fn warn(&self, code: Code, field: Field, line: u32, en: String, zh: String) -> Finding {
        let at = self.at(line, field);
        let sep = self.lang.pick(": ", "：");
        Finding::warning(
            code,
            Some(field),
            format!("{at}{sep}{}", self.lang.pick(en, zh)),
        )
    }

    fn missing(&self, field: Field, line: u32) -> Finding {
        let has_column = self.mapping.get(field).is_some();
        let (en, zh) = if has_column {
            (
                "the cell is empty and no default value was given. Fill it in, or set a value \
                 for all rows."
                    .to_owned(),
                "单元格为空，且没有设置默认值。请填写，或为所有行设置统一的值。".to_owned(),
            )
        } else {
            (
                "the file has no such column and no default value was given. Add the column, or \
                 set a value for all rows."
                    .to_owned(),
                "文件中没有这一列，且没有设置默认值。请添加该列，或为所有行设置统一的值。"
                    .to_owned(),
            )
        };
        self.err(Code::MissingValue, field, line, en, zh)
    }

    fn number_problem(&self, field: Field, line: u32, raw: &str, p: &NumberProblem) -> Finding {
        let raw = raw.trim();
        let (code, en, zh) = match p {
            NumberProblem::Empty => return self.missing(field, line),
            NumberProblem::Formula => (
                Code::Formula,
                format!(
                    "\"{raw}\" is a formula, not a number. Replace it with the number itself (in \
                     Excel: copy the column, then Paste Special → Values)."
                ),
                format!("“{raw}”是公式而不是号码。请替换为号码本身（在 Excel 中复制该列后“选择性粘贴 → 数值”）。"),
            ),
            NumberProblem::Scientific => (
                Code::ScientificNotation,
                format!(
                    "\"{raw}\" is in scientific notation: Excel has already lost digits of this \
                     number. In Excel, format the column as Text (Format Cells → Text), type or \
                     paste the full numbers again, and save."
                ),
                format!(
                    "“{raw}”是科学计数法，Excel 已经丢失了这个号码的部分数字。请在 Excel 中把该列设置为\
                     “文本”格式（设置单元格格式 → 文本），重新输入或粘贴完整号码后保存。"
                ),
            ),
            NumberProblem::Letters => (
                Code::LettersInNumber,
                format!("\"{raw}\" contains letters. Keep only the digits (and a leading +)."),
                format!("“{raw}”包含字母。请只保留数字（以及开头的 +）。"),
            ),
            NumberProblem::InvalidCharacter(c) => (
                Code::InvalidCharacters,
                format!(
                    "\"{raw}\" contains \"{c}\". Keep only the digits (and a leading +); spaces, \
                     dashes, dots and brackets are removed automatically."
                ),
                format!("“{raw}”包含“{c}”。请只保留数字（以及开头的 +）；空格、短横线、点和括号会被自动去除。"),
            ),
            NumberProblem::TooShort(n) => (
                Code::NumberTooShort,
                format!("\"{raw}\" has only {n} digits. Check the number."),
                format!("“{raw}”只有 {n} 位数字。请检查号码。"),
            ),
            NumberProblem::TooLong(n) => (
                Code::NumberTooLong,
                format!(
                    "\"{raw}\" has {n} digits, more than any phone number (at most 20). Check \
                     that two numbers were not joined."
                ),
                format!("“{raw}”有 {n} 位数字，超过任何电话号码的长度（最多 20 位）。请检查是否把两个号码连在了一起。"),
            ),
            NumberProblem::PrecisionLost(n) => (
                Code::PrecisionLost,
                format!(
                    "\"{raw}\" is stored as a number with {n} digits; Excel keeps only 15, so the \
                     last digits are already wrong. Format the column as Text, type the numbers \
                     again and save."
                ),
                format!(
                    "“{raw}”以数值形式保存，共 {n} 位；Excel 只保留 15 位有效数字，末尾几位已经不对了。请把该列\
                     设置为“文本”格式，重新输入号码后保存。"
                ),
            ),
            NumberProblem::Date => (
                Code::DateCell,
                "the cell is formatted as a date, so it does not hold the number as typed. \
                 Format the column as Text and type the number again."
                    .to_owned(),
                "单元格被设置为日期格式，保存的不是输入的号码。请把该列设置为“文本”格式后重新输入号码。"
                    .to_owned(),
            ),
            NumberProblem::CellError => (
                Code::CellError,
                format!("the cell shows the error {raw}. Replace it with the number."),
                format!("单元格显示错误 {raw}。请替换为号码。"),
            ),
        };
        self.err(code, field, line, en, zh)
    }

    /// A required, formula-checked value: the cell if not blank, else the default.
    fn value<'a>(&self, input: &RowView<'a>, field: Field) -> Option<&'a Cell> {
        input.cell(field).filter(|c| !c.is_blank())
    }

    fn formula(&self, field: Field, line: u32, raw: &str) -> Finding {
        let raw = raw.trim();
        self.err(
            Code::Formula,
            field,
            line,
            format!("\"{raw}\" is a formula. Replace it with the value itself."),
            format!("“{raw}”是公式。请替换为值本身。"),
        )
    }

    fn count(
        &self,
        input: &RowView<'_>,
        field: Field,
        default: Option<i64>,
        issues: &mut Vec<Finding>,
    ) -> Option<i64> {
        let line = input.line;
        let Some(cell) = self.value(input, field) else {
            if default.is_none() {
                issues.push(self.missing(field, line));
            }
            return default;
        };
        let raw = cell.text.trim();
        if is_formula(&nfkc(raw)) {
            issues.push(self.formula(field, line, raw));
            return None;
        }
        match parse_count(cell) {
            Ok(n) => Some(n),
            Err(CountProblem::NotPositive) => {
                issues.push(self.err(
                    Code::NotPositiveInteger,
                    field,
                    line,
                    format!("\"{raw}\" is not a positive whole number. Enter a number such as 10 (no 0, sign, decimals or units)."),
                    format!("“{raw}”不是正整数。请输入如 10 这样的数字（不能是 0、负数、小数或带单位）。"),
                ));
                None
            }
            Err(CountProblem::TooLarge) => {
                issues.push(self.err(
                    Code::ValueTooLarge,
                    field,
                    line,
                    format!("\"{raw}\" is larger than 2147483647. Check the value."),
                    format!("“{raw}”大于 2147483647。请检查数值。"),
                ));
                None
            }
        }
    }

    /// Cleans and checks one row (everything except duplicates within the file: see
    /// [`mark_duplicates`]).
    pub fn validate_row(&mut self, input: &RowInput) -> ImportedRow {
        self.validate(&input.view())
    }

    /// The key a number is compared by for duplicates, as [`ImportedRow::normalized`] holds it
    /// for a row: E.164 when it parses (for the country, or with `+`), else the cleaned text.
    /// `None` when the text is not a phone number at all.
    pub fn number_key(&mut self, text: &str) -> Option<String> {
        let cleaned = clean_number(&Cell::text(text)).ok()?;
        Some(self.phone.key(&cleaned))
    }

    pub(crate) fn validate(&mut self, input: &RowView<'_>) -> ImportedRow {
        let line = input.line;
        let mut issues = Vec::new();

        // PhoneNumber
        let mut phone_number = String::new();
        let mut normalized = None;
        match input.cell(Field::PhoneNumber) {
            None => issues.push(self.missing(Field::PhoneNumber, line)),
            Some(cell) if cell.is_blank() => issues.push(self.missing(Field::PhoneNumber, line)),
            Some(cell) => match clean_number(cell) {
                Err(p) => {
                    phone_number = cell.text.trim().to_owned();
                    issues.push(self.number_problem(Field::PhoneNumber, line, &cell.text, &p));
                }
                Ok(cleaned) => {
                    self.check_phone(line, &cleaned, &mut issues, &mut normalized);
                    phone_number = cleaned;
                }
            },
        }

        // CallType
        let call_type = match self.value(input, Field::CallType) {
            None => {
                if self.defaults.call_type.is_none() {
                    issues.push(self.missing(Field::CallType, line));
                }
                self.defaults.call_type
            }
            Some(cell) => {
                let parsed = parse_call_type(&cell.text);
                if parsed.is_none() {
                    let raw = cell.text.trim();
                    issues.push(self.err(
                        Code::InvalidCallType,
                        Field::CallType,
                        line,
                        format!("\"{raw}\" is not a call type. Use 0 (inbound), 1 (outbound) or 2 (both); inbound/outbound/both and 呼入/呼出/双向 are accepted too."),
                        format!("“{raw}”不是有效的呼叫类型。请填写 0（呼入）、1（呼出）或 2（双向）；也可以填写 呼入/呼出/双向 或 inbound/outbound/both。"),
                    ));
                }
                parsed
            }
        };

        let max_call_count = self.count(
            input,
            Field::MaxCallCount,
            self.defaults.max_call_count,
            &mut issues,
        );
        let max_call_psec = self.count(
            input,
            Field::MaxCallPSec,
            self.defaults.max_call_psec,
            &mut issues,
        );
        if let (Some(count), Some(psec)) = (max_call_count, max_call_psec)
            && psec > count
        {
            issues.push(self.warn(
                Code::CpsExceedsConcurrency,
                Field::MaxCallPSec,
                line,
                format!("{psec} max calls per second (MaxCallPSec) is more than the {count} max concurrent calls (MaxCallCount). Check both values."),
                format!("每秒并发数 {psec} 大于最大并发数 {count}（MaxCallCount）。请检查这两个值。"),
            ));
        }

        // OutboundCalleeFormat (optional)
        let outbound_callee_format = match self.value(input, Field::OutboundCalleeFormat) {
            None => self.defaults.outbound_callee_format.clone(),
            Some(cell) => {
                match parse_callee_format(&cell.text) {
                    Some(f) => Some(f.to_owned()),
                    None => {
                        let raw = cell.text.trim();
                        issues.push(self.err(
                        Code::InvalidCalleeFormat,
                        Field::OutboundCalleeFormat,
                        line,
                        format!("\"{raw}\" is not accepted. Write exactly {} or {}, or leave it empty.", CALLEE_FORMATS[0], CALLEE_FORMATS[1]),
                        format!("不接受“{raw}”。请准确填写 {} 或 {}，或留空。", CALLEE_FORMATS[0], CALLEE_FORMATS[1]),
                    ));
                        None
                    }
                }
            }
        };

        // CarrierPhoneNumber (optional)
        let carrier_phone_number = match self.value(input, Field::CarrierPhoneNumber) {
            None => self.defaults.carrier_phone_number.clone(),
            Some(cell) => match clean_number(cell) {
                Ok(c) => Some(c),
                Err(p) => {
                    issues.push(self.number_problem(
                        Field::CarrierPhoneNumber,
                        line,
                        &cell.text,
                        &p,
                    ));
                    Some(cell.text.trim().to_owned())
                }
            },
        };

        ImportedRow {
            line,
            phone_number,
            call_type,
            max_call_count,
            max_call_psec,
            outbound_callee_format,
            carrier_phone_number,
            issues,
            normalized,
        }
    }

    fn check_phone(
        &mut self,
        line: u32,
        cleaned: &str,
        issues: &mut Vec<Finding>,
        normalized: &mut Option<String>,
    ) {
        let field = Field::PhoneNumber;
        let checkable = self.country.is_some() || cleaned.starts_with('+');
        if !checkable {
            *normalized = Some(self.phone.key(cleaned));
            self.check_held(line, cleaned, normalized.as_deref(), issues);
            return;
        }
        let info = self.phone.check(cleaned);
        *normalized = Some(self.phone.key_with(cleaned, &info));
        let country = self
            .country
            .map_or_else(|| "+".to_owned(), |c| c.to_string());
        if let Some(fix) = &info.leading_zero_fix {
            issues.push(self.warn(
                Code::LeadingZeroLost,
                field,
                line,
                format!("\"{cleaned}\" looks like it lost its leading 0 (Excel drops leading zeros from numbers); it is probably \"{fix}\". Correct it here or in the file (format the column as Text and type the 0)."),
                format!("“{cleaned}”看起来丢失了开头的 0（Excel 会去掉数字开头的 0），应该是“{fix}”。请在这里或在文件中改正（把该列设置为“文本”格式后补上 0）。"),
            ));
        } else if !info.valid {
            issues.push(self.warn(
                Code::InvalidForCountry,
                field,
                line,
                format!("\"{cleaned}\" is not a valid number for {country}. Check the digits; it is only a warning because short codes and newly issued ranges can be reported wrongly."),
                format!("“{cleaned}”不是 {country} 的有效号码。请核对数字；由于短号码和新号段可能被误判，这只是警告。"),
            ));
        } else if matches!(info.kind, Type::PremiumRate | Type::Pager | Type::Voicemail) {
            let kind = match (info.kind, self.lang) {
                (Type::PremiumRate, Lang::En) => "a premium-rate number",
                (Type::Pager, Lang::En) => "a pager number",
                (_, Lang::En) => "a voicemail number",
                (Type::PremiumRate, Lang::Zh) => "增值收费号码",
                (Type::Pager, Lang::Zh) => "寻呼号码",
                (_, Lang::Zh) => "语音信箱号码",
            };
            issues.push(self.warn(
                Code::UnusualNumberType,
                field,
                line,
                format!("\"{cleaned}\" is {kind}, which is rarely a contact-centre line. Check that this is the right number."),
                format!("“{cleaned}”是{kind}，很少用作联络中心线路。请确认号码无误。"),
            ));
        }
        self.check_held(line, cleaned, normalized.as_deref(), issues);
    }

    /// An error when an application of the same destination already holds the number.
    fn check_held(&self, line: u32, cleaned: &str, key: Option<&str>, issues: &mut Vec<Finding>) {
        let Some(held) = key.and_then(|k| self.existing.get(k)) else {
            if let Some(live) = key.and_then(|k| self.live.get(k)) {
                let (sdk, read) = (live.sdk_app_id, &live.read);
                issues.push(self.err(
                    Code::AlreadyLive,
                    Field::PhoneNumber,
                    line,
                    format!("\"{cleaned}\" is already live in SdkAppId {sdk} (read {read}). Tencent refuses a number that is already in use: remove this row."),
                    format!("“{cleaned}”已在 SdkAppId {sdk} 中生效（{read}读取）。腾讯云会拒绝已在使用的号码：请删除这一行。"),
                ));
            }
            return;
        };
        let (id, place, sdk) = (held.application_id, &held.destination, held.sdk_app_id);
        let same = if held.number == cleaned {
            String::new()
        } else {
            format!(" as \"{}\"", held.number)
        };
        let same_zh = if held.number == cleaned {
            String::new()
        } else {
            format!("（写作“{}”）", held.number)
        };
        issues.push(self.err(
            Code::DuplicateExisting,
            Field::PhoneNumber,
            line,
            format!("\"{cleaned}\" is already in application #{id}{same} ({place}, SdkAppId {sdk}). Remove this row, or remove the number from that application first."),
            format!("“{cleaned}”已在申请 #{id}{same_zh}（{place}，SdkAppId {sdk}）中。请删除这一行，或先从该申请中移除该号码。"),
        ));
    }
}
