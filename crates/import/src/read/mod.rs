//! Reading a file, bytes or pasted text into a [`Source`]: what was detected plus the raw table.

mod sheet;
mod text;

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ImportError, too_large};
use crate::finding::{Code, Finding};
use crate::lang::Lang;
use crate::limits::MAX_FILE_BYTES;
use crate::table::Table;

/// Options for reading. All optional: by default everything is detected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(optional_fields)]
pub struct ReadOptions {
    /// Encoding label to use instead of detection (`GB18030`, `UTF-16LE`, `windows-1252`, …;
    /// WHATWG labels). Text files only.
    pub encoding: Option<String>,
    /// Worksheet to read (default: the first visible worksheet). Spreadsheets only.
    pub sheet: Option<String>,
    /// Delimiter to use instead of sniffing. Text only.
    pub delimiter: Option<char>,
}

/// What kind of source was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Delimited text (CSV, TSV, TXT).
    Csv,
    /// Excel 2007+ workbook.
    Xlsx,
    /// Excel 97–2003 workbook.
    Xls,
    /// Text pasted from Excel (tab-separated).
    Pasted,
}

/// How the encoding of a text file was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EncodingDetection {
    /// A byte-order mark.
    Bom,
    /// UTF-16 recognised by its zero bytes (no BOM).
    ZeroBytes,
    /// Valid UTF-8.
    Utf8,
    /// Guessed from the bytes (chardetng); the user should check the preview.
    Guessed,
    /// Chosen by the user.
    Override,
}

/// The encoding used for a text file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EncodingInfo {
    /// WHATWG name (`UTF-8`, `gb18030`, `UTF-16LE`, …).
    pub name: String,
    /// How it was found.
    pub detection: EncodingDetection,
}

/// A file read into a raw table, with what was detected on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Source {
    /// What kind of source it was.
    pub format: SourceFormat,
    /// Text only: the encoding used.
    pub encoding: Option<EncodingInfo>,
    /// Text only: the delimiter used.
    pub delimiter: Option<char>,
    /// Spreadsheets only: the worksheets, in order.
    pub sheets: Vec<String>,
    /// Spreadsheets only: the worksheet read.
    pub sheet: Option<String>,
    /// The rows.
    pub table: Table,
    /// Warnings about reading (encoding guessed, bytes replaced).
    pub issues: Vec<Finding>,
}

/// Reads a file. The format is recognised by content, not by the file name.
pub fn read_path(path: &Path, options: &ReadOptions, lang: Lang) -> Result<Source, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // The file may grow while read: never read more than the limit allows.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    read_bytes(&bytes, options, lang)
}

/// Reads the content of a file.
pub fn read_bytes(bytes: &[u8], options: &ReadOptions, lang: Lang) -> Result<Source, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    match sniff(bytes)? {
        Kind::Xlsx => {
            let read = sheet::read_xlsx(bytes, options.sheet.as_deref())?;
            Ok(from_sheet(SourceFormat::Xlsx, read))
        }
        Kind::Xls => {
            let read = sheet::read_xls(bytes, options.sheet.as_deref())?;
            Ok(from_sheet(SourceFormat::Xls, read))
        }
        Kind::Text => {
            let decoded = text::decode(bytes, options.encoding.as_deref())?;
            let mut issues = Vec::new();
            if decoded.encoding.detection == EncodingDetection::Guessed {
                issues.push(Finding::warning(
                    Code::EncodingGuessed,
                    None,
                    lang.pick(
                        format!(
                            "The file has no byte-order mark and is not UTF-8, so its encoding was \
                             guessed as {}. If the preview shows garbled text, choose the encoding \
                             (Chinese Excel usually saves CSV as GB18030/GBK).",
                            decoded.encoding.name
                        ),
                        format!(
                            "文件没有 BOM 且不是 UTF-8，编码被推测为 {}。如果预览中出现乱码，请手动选择编码\
                             （中文版 Excel 保存的 CSV 通常是 GB18030/GBK）。",
                            decoded.encoding.name
                        ),
                    ),
                ));
            }
            if decoded.replaced {
                issues.push(Finding::warning(
                    Code::DecodingReplaced,
                    None,
                    lang.pick(
                        format!(
                            "Some bytes are not valid {} and were shown as �. Choose another \
                             encoding, or save the file again as CSV UTF-8.",
                            decoded.encoding.name
                        ),
                        format!(
                            "部分字节不是有效的 {} 编码，显示为 �。请选择其他编码，或将文件重新保存为\
                             “CSV UTF-8”。",
                            decoded.encoding.name
                        ),
                    ),
                ));
            }
            check_text_content(&decoded.text)?;
            let mut source = parse_text(decoded.text, options.delimiter, SourceFormat::Csv)?;
            source.encoding = Some(decoded.encoding);
            source.issues.splice(0..0, issues);
            Ok(source)
        }
    }
}

/// Reads text pasted from Excel (tab-separated; other delimiters are sniffed as for files).
pub fn read_pasted(text: &str, options: &ReadOptions) -> Result<Source, ImportError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(text.len() as u64));
    }
    check_text_content(text)?;
    parse_text(text.to_owned(), options.delimiter, SourceFormat::Pasted)
}

fn from_sheet(format: SourceFormat, read: sheet::SheetRead) -> Source {
    Source {
        format,
        encoding: None,
        delimiter: None,
        sheets: read.sheets,
        sheet: Some(read.sheet),
        table: read.table,
        issues: Vec::new(),
    }
}

fn parse_text(
    text: String,
    delimiter: Option<char>,
    format: SourceFormat,
) -> Result<Source, ImportError> {
    let text = text::normalize_newlines(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let (body, delim) = match text::excel_sep_line(&text) {
        Some((d, skip)) => (&text[skip..], delimiter.map_or(d, ascii_delim)),
        None => (
            &text[..],
            delimiter.map_or_else(|| text::sniff_delimiter(&text), ascii_delim),
        ),
    };
    let table = text::parse_delimited(body, delim)?;
    Ok(Source {
        format,
        encoding: None,
        delimiter: Some(char::from(delim)),
        sheets: Vec::new(),
        sheet: None,
        table,
        issues: Vec::new(),
    })
}

fn ascii_delim(c: char) -> u8 {
    u8::try_from(c).ok().filter(u8::is_ascii).unwrap_or(b',')
}

enum Kind {
    Text,
    Xlsx,
    Xls,
}

/// Recognises the format by its first bytes.
fn sniff(bytes: &[u8]) -> Result<Kind, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(200)];
        if memchr::memmem::find(head, b"application/vnd.oasis.opendocument").is_some() {
            return Err(ImportError::UnsupportedFormat {
                what: "OpenDocument spreadsheet (.ods)",
            });
        }
        if memchr::memmem::find(bytes, b"xl/workbook.bin").is_some() {
            return Err(ImportError::UnsupportedFormat {
                what: "Excel binary workbook (.xlsb)",
            });
        }
        return Ok(Kind::Xlsx);
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(Kind::Xls);
    }
    const BINARY: [(&[u8], &str); 9] = [
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"\x7FELF", "a program"),
        (b"PK\x05\x06", "an empty ZIP archive"),
    ];
    if let Some((_, what)) = BINARY.iter().find(|(magic, _)| starts(magic)) {
        return Err(ImportError::Binary { what });
    }
    Ok(Kind::Text)
}

/// Decoded text that is really something else: control characters (a binary file decoded as
/// text), or a web page / XML spreadsheet saved under a spreadsheet name.
fn check_text_content(text: &str) -> Result<(), ImportError> {
    let sample: &str = match text.char_indices().nth(65_536) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let mut total = 0usize;
    let mut control = 0usize;
    for c in sample.chars() {
        total += 1;
        if c == '\0' {
            return Err(ImportError::Binary {
                what: "binary data",
            });
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1a') {
            control += 1;
        }
    }
    if control * 100 > total {
        return Err(ImportError::Binary {
            what: "binary data",
        });
    }
    let head: String = sample
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(64)
        .collect::<String>();
    let head = head.to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<table")
    {
        return Err(ImportError::UnsupportedFormat {
            what: "a web page (HTML) saved with a spreadsheet name",
        });
    }
    if head.starts_with("<?xml") {
        return Err(ImportError::UnsupportedFormat {
            what: "an XML file (Excel 2003 XML?)",
        });
    }
    Ok(())
}
