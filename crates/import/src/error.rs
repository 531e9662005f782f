//! The one error type of this crate: the file (or an option) could not be used at all.
//!
//! Row problems are never errors of this type; they are [`Finding`](crate::Finding)s on the row.

use std::path::PathBuf;

use crate::lang::Lang;
use crate::limits;

/// Why a file could not be read, or an option is unusable. `Display` is English;
/// [`ImportError::message`] gives either language, [`ImportError::code`] a stable code.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file could not be opened or read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Larger than [`limits::MAX_FILE_BYTES`].
    #[error("the file is {bytes} bytes; the limit is {limit} bytes")]
    FileTooLarge {
        /// Size of the file.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// Zero bytes, or only whitespace.
    #[error("the file is empty")]
    Empty,
    /// Not text and not a spreadsheet.
    #[error("the file is not text or a spreadsheet ({what})")]
    Binary {
        /// What it looks like.
        what: &'static str,
    },
    /// A format this crate does not read (ODS, XLSB, HTML saved as .xls, …).
    #[error("unsupported file format: {what}")]
    UnsupportedFormat {
        /// What it is.
        what: &'static str,
    },
    /// The encoding named by the user is not known.
    #[error("unknown encoding {label:?}")]
    UnknownEncoding {
        /// What the user typed.
        label: String,
    },
    /// The spreadsheet reader rejected the file.
    #[error("the spreadsheet cannot be read: {reason}")]
    Spreadsheet {
        /// The reader's reason.
        reason: String,
    },
    /// The workbook has no worksheet.
    #[error("the workbook has no worksheet")]
    NoSheets,
    /// The sheet asked for does not exist.
    #[error("there is no sheet {name:?}; the sheets are: {}", available.join(", "))]
    SheetNotFound {
        /// The name asked for.
        name: String,
        /// The sheets there are.
        available: Vec<String>,
    },
    /// A spreadsheet declares or uses an area larger than [`limits::MAX_CELLS`].
    #[error("the sheet declares {rows} rows × {columns} columns, more than {limit} cells")]
    SheetTooLarge {
        /// Rows declared.
        rows: u64,
        /// Columns declared.
        columns: u64,
        /// The limit.
        limit: u64,
    },
    /// More cells in all than [`limits::MAX_CELLS`].
    #[error("the file has more than {limit} cells")]
    TooManyCells {
        /// The limit.
        limit: u64,
    },
    /// The cells of a workbook decode to more text, all together, than
    /// [`limits::MAX_DECODED_BYTES`] (typically many cells pointing at one long shared string).
    #[error("the cells of the workbook hold more than {limit} bytes of text in all")]
    TooMuchText {
        /// The limit.
        limit: u64,
    },
    /// A part of an .xlsx (a ZIP entry) unpacks to more than it declares, or the parts together
    /// to more than [`limits::MAX_XLSX_UNPACKED_BYTES`].
    #[error("part {part} of the workbook unpacks to more than {limit} bytes")]
    UnpacksTooLarge {
        /// The ZIP entry.
        part: String,
        /// What it (or the workbook) may unpack to.
        limit: u64,
        /// `true` when `limit` is the size the part itself declares.
        declared: bool,
    },
    /// More rows than [`limits::MAX_ROWS`].
    #[error("the file has more than {limit} rows")]
    TooManyRows {
        /// The limit.
        limit: usize,
    },
    /// A row with more columns than [`limits::MAX_COLUMNS`].
    #[error("row {line} has {columns} or more columns; the limit is {limit}")]
    TooManyColumns {
        /// The row.
        line: u32,
        /// Columns seen (at least).
        columns: usize,
        /// The limit.
        limit: usize,
    },
    /// A cell larger than [`limits::MAX_CELL_BYTES`].
    #[error("row {line}, column {column}: a cell of {bytes} bytes; the limit is {limit}")]
    CellTooLarge {
        /// The row.
        line: u32,
        /// Column letter.
        column: String,
        /// Size of the cell.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A quoted field that is never closed.
    #[error("row {line}: a quote (\") opens a cell that is never closed")]
    UnterminatedQuote {
        /// The row where the quote opens.
        line: u32,
    },
    /// An option value is not usable (country, language, header row, default values).
    #[error("invalid {option} {value:?}: expected {expected}")]
    InvalidOption {
        /// The option.
        option: &'static str,
        /// What was given.
        value: String,
        /// What is accepted.
        expected: &'static str,
    },
    /// Writing a template or an export failed.
    #[error("cannot write the spreadsheet: {reason}")]
    Write {
        /// The writer's reason.
        reason: String,
    },
}

impl From<numdesk_model::ModelError> for ImportError {
    fn from(e: numdesk_model::ModelError) -> Self {
        match e {
            numdesk_model::ModelError::InvalidNumberForm { value } => Self::InvalidOption {
                option: "number form",
                value,
                expected: "national or international",
            },
            numdesk_model::ModelError::InvalidCountry { value } => Self::InvalidOption {
                option: "country",
                value,
                expected: "a two-letter ISO country code such as CN, HK, SG or US",
            },
        }
    }
}

impl ImportError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Io { .. } => "io",
            Self::FileTooLarge { .. } => "file_too_large",
            Self::Empty => "empty_file",
            Self::Binary { .. } => "binary_file",
            Self::UnsupportedFormat { .. } => "unsupported_format",
            Self::UnknownEncoding { .. } => "unknown_encoding",
            Self::Spreadsheet { .. } => "spreadsheet_unreadable",
            Self::NoSheets => "no_sheets",
            Self::SheetNotFound { .. } => "sheet_not_found",
            Self::SheetTooLarge { .. } => "sheet_too_large",
            Self::TooManyCells { .. } => "too_many_cells",
            Self::TooMuchText { .. } => "too_much_text",
            Self::UnpacksTooLarge { .. } => "unpacks_too_large",
            Self::TooManyRows { .. } => "too_many_rows",
            Self::TooManyColumns { .. } => "too_many_columns",
            Self::CellTooLarge { .. } => "cell_too_large",
            Self::UnterminatedQuote { .. } => "unterminated_quote",
            Self::InvalidOption { .. } => "invalid_option",
            Self::Write { .. } => "write_failed",
        }
    }

    /// What went wrong and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Io { path, source }, Lang::En) => {
                format!(
                    "Cannot read {}: {source}. Check the path and that the file is not open \
                         in another program.",
                    path.display()
                )
            }
            (Self::Io { path, source }, Lang::Zh) => {
                format!(
                    "无法读取 {}：{source}。请检查路径，并确认文件没有被其他程序占用。",
                    path.display()
                )
            }
            (Self::FileTooLarge { bytes, limit }, Lang::En) => format!(
                "The file is {} MB; at most {} MB can be imported. Split it into smaller files.",
                bytes / (1024 * 1024),
                limit / (1024 * 1024)
            ),
            (Self::FileTooLarge { bytes, limit }, Lang::Zh) => format!(
                "文件大小为 {} MB，最多只能导入 {} MB。请拆分成多个较小的文件。",
                bytes / (1024 * 1024),
                limit / (1024 * 1024)
            ),
            (Self::Empty, Lang::En) => {
                "The file is empty. Choose the file that holds the number list.".into()
            }
            (Self::Empty, Lang::Zh) => "文件是空的。请选择包含号码列表的文件。".into(),
            (Self::Binary { what }, Lang::En) => format!(
                "This is not a text file or an Excel workbook (it looks like {what}). Import a \
                 .csv, .txt, .xlsx or .xls file."
            ),
            (Self::Binary { what }, Lang::Zh) => format!(
                "这不是文本文件或 Excel 工作簿（看起来是 {what}）。请导入 .csv、.txt、.xlsx 或 \
                 .xls 文件。"
            ),
            (Self::UnsupportedFormat { what }, Lang::En) => format!(
                "This file format cannot be imported ({what}). Open it in Excel and save it as \
                 .xlsx or as CSV UTF-8."
            ),
            (Self::UnsupportedFormat { what }, Lang::Zh) => format!(
                "无法导入此文件格式（{what}）。请用 Excel 打开，另存为 .xlsx 或“CSV UTF-8”格式。"
            ),
            (Self::UnknownEncoding { label }, Lang::En) => format!(
                "Unknown encoding \"{label}\". Use a name such as UTF-8, GB18030, GBK, Big5, \
                 UTF-16LE or windows-1252."
            ),
            (Self::UnknownEncoding { label }, Lang::Zh) => format!(
                "未知的编码“{label}”。请使用 UTF-8、GB18030、GBK、Big5、UTF-16LE 或 \
                 windows-1252 等名称。"
            ),
            (Self::Spreadsheet { reason }, Lang::En) => format!(
                "The spreadsheet cannot be read ({reason}). It may be damaged or protected by a \
                 password: open it in Excel and save it again as .xlsx."
            ),
            (Self::Spreadsheet { reason }, Lang::Zh) => format!(
                "无法读取该表格（{reason}）。文件可能已损坏或设置了密码：请用 Excel 打开后重新另存为 \
                 .xlsx。"
            ),
            (Self::NoSheets, Lang::En) => "The workbook has no worksheet.".into(),
            (Self::NoSheets, Lang::Zh) => "该工作簿中没有工作表。".into(),
            (Self::SheetNotFound { name, available }, Lang::En) => format!(
                "There is no sheet \"{name}\". The sheets are: {}.",
                available.join(", ")
            ),
            (Self::SheetNotFound { name, available }, Lang::Zh) => {
                format!(
                    "没有名为“{name}”的工作表。现有工作表：{}。",
                    available.join("、")
                )
            }
            (
                Self::SheetTooLarge {
                    rows,
                    columns,
                    limit,
                },
                Lang::En,
            ) => format!(
                "The sheet declares {rows} rows × {columns} columns, more than the {limit} cells \
                 that can be imported. Copy the number list to a new workbook and import that."
            ),
            (
                Self::SheetTooLarge {
                    rows,
                    columns,
                    limit,
                },
                Lang::Zh,
            ) => format!(
                "该工作表声明了 {rows} 行 × {columns} 列，超过可导入的 {limit} 个单元格。请把号码列表复制\
                 到新的工作簿后再导入。"
            ),
            (Self::TooManyCells { limit }, Lang::En) => format!(
                "The file has more than {limit} cells in all. Delete the columns that are not \
                 needed, or split the file."
            ),
            (Self::TooManyCells { limit }, Lang::Zh) => {
                format!("文件的单元格总数超过 {limit} 个。请删除不需要的列，或拆分文件。")
            }
            (Self::TooMuchText { limit }, Lang::En) => format!(
                "The cells of this workbook hold more than {} MB of text in all, the most that can \
                 be imported (often one long text repeated in many cells). Copy the number list \
                 to a new workbook, or save it as CSV UTF-8, and import that.",
                limit / (1024 * 1024)
            ),
            (Self::TooMuchText { limit }, Lang::Zh) => format!(
                "该工作簿的单元格文本合计超过 {} MB，超出可导入的上限（常见原因是很多单元格重复同一段长文本）。\
                 请把号码列表复制到新的工作簿，或另存为“CSV UTF-8”后再导入。",
                limit / (1024 * 1024)
            ),
            (
                Self::UnpacksTooLarge {
                    part,
                    limit,
                    declared: true,
                },
                Lang::En,
            ) => format!(
                "Part {part} of this workbook unpacks to more than the {limit} bytes it declares: \
                 the file is damaged or built to exhaust memory. Open it in Excel and save it \
                 again as .xlsx."
            ),
            (
                Self::UnpacksTooLarge {
                    part,
                    limit,
                    declared: true,
                },
                Lang::Zh,
            ) => format!(
                "该工作簿的部件 {part} 解压后超过其声明的 {limit} 字节：文件已损坏或被构造成耗尽内存。\
                 请用 Excel 打开后重新另存为 .xlsx。"
            ),
            (
                Self::UnpacksTooLarge {
                    part,
                    limit,
                    declared: false,
                },
                Lang::En,
            ) => format!(
                "This workbook unpacks to more than {} MB (at part {part}), the most that can be \
                 imported. Copy the number list to a new workbook and import that.",
                limit / (1024 * 1024)
            ),
            (
                Self::UnpacksTooLarge {
                    part,
                    limit,
                    declared: false,
                },
                Lang::Zh,
            ) => format!(
                "该工作簿解压后超过 {} MB（在部件 {part} 处），超出可导入的上限。请把号码列表复制到新的工作簿后再导入。",
                limit / (1024 * 1024)
            ),
            (Self::TooManyRows { limit }, Lang::En) => format!(
                "The file has more than {limit} rows. Split it into files of at most {limit} rows."
            ),
            (Self::TooManyRows { limit }, Lang::Zh) => {
                format!("文件超过 {limit} 行。请拆分为每个不超过 {limit} 行的文件。")
            }
            (
                Self::TooManyColumns {
                    line,
                    columns,
                    limit,
                },
                Lang::En,
            ) => format!(
                "Row {line} has {columns} or more columns; at most {limit} can be imported. Check \
                 that this is the number list, or delete the extra columns."
            ),
            (
                Self::TooManyColumns {
                    line,
                    columns,
                    limit,
                },
                Lang::Zh,
            ) => format!(
                "第 {line} 行有 {columns} 列或更多，最多只能导入 {limit} 列。请确认这是号码列表，或删除多余的列。"
            ),
            (
                Self::CellTooLarge {
                    line,
                    column,
                    bytes,
                    limit,
                },
                Lang::En,
            ) => format!(
                "Row {line}, column {column} holds {bytes} bytes; a cell may hold at most {limit}. \
                 This is usually a missing line break or a stray quote: check that row."
            ),
            (
                Self::CellTooLarge {
                    line,
                    column,
                    bytes,
                    limit,
                },
                Lang::Zh,
            ) => format!(
                "第 {line} 行 {column} 列有 {bytes} 字节，单个单元格最多 {limit} 字节。通常是缺少换行或多了\
                 一个引号：请检查这一行。"
            ),
            (Self::UnterminatedQuote { line }, Lang::En) => format!(
                "Row {line}: a cell starts with a quote (\") that is never closed, so the rest of \
                 the file would be read as one cell. Add the closing quote or remove the opening one."
            ),
            (Self::UnterminatedQuote { line }, Lang::Zh) => format!(
                "第 {line} 行：某个单元格以引号（\"）开头但没有闭合，文件其余部分会被当作一个单元格。\
                 请补上结尾的引号，或删除开头的引号。"
            ),
            (
                Self::InvalidOption {
                    option,
                    value,
                    expected,
                },
                Lang::En,
            ) => {
                format!("Invalid {option} \"{value}\": expected {expected}.")
            }
            (
                Self::InvalidOption {
                    option,
                    value,
                    expected,
                },
                Lang::Zh,
            ) => {
                format!("{option} 的值“{value}”无效：应为 {expected}。")
            }
            (Self::Write { reason }, Lang::En) => format!("Cannot write the file: {reason}."),
            (Self::Write { reason }, Lang::Zh) => format!("无法写入文件：{reason}。"),
        }
    }
}

/// Convenience: the size limit error for `bytes`.
pub(crate) fn too_large(bytes: u64) -> ImportError {
    ImportError::FileTooLarge {
        bytes,
        limit: limits::MAX_FILE_BYTES,
    }
}
