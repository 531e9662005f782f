//! Text files: encoding detection and decoding, delimiter sniffing, CSV parsing with row numbers
//! as Excel shows them.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::ImportError;
use crate::limits::{MAX_CELL_BYTES, MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use crate::read::{EncodingDetection, EncodingInfo};
use crate::table::{Cell, Table, TableRow, column_letter};

/// Text decoded from bytes, with how its encoding was found.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: EncodingInfo,
    /// Some bytes were invalid in the encoding and became U+FFFD.
    pub replaced: bool,
}

/// Decodes `bytes`: the user's encoding if given; else a BOM (UTF-8, UTF-16LE/BE); else UTF-16
/// recognised by its zero bytes; else strict UTF-8; else chardetng's guess (GBK is read as its
/// superset GB18030, which is what Chinese Excel writes).
pub(crate) fn decode(bytes: &[u8], encoding: Option<&str>) -> Result<Decoded, ImportError> {
    if let Some(label) = encoding {
        let enc = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            ImportError::UnknownEncoding {
                label: label.to_owned(),
            }
        })?;
        // A BOM of the chosen encoding is dropped; any other bytes are decoded as asked.
        let (text, replaced) = enc.decode_with_bom_removal(bytes);
        return Ok(done(text, enc, EncodingDetection::Override, replaced));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, replaced) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(done(text, enc, EncodingDetection::Bom, replaced));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, replaced) = enc.decode_without_bom_handling(bytes);
        return Ok(done(text, enc, EncodingDetection::ZeroBytes, replaced));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: info(UTF_8, EncodingDetection::Utf8),
            replaced: false,
        });
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut enc = detector.guess(None, Utf8Detection::Deny);
    if enc == GBK {
        enc = GB18030;
    }
    let (text, replaced) = enc.decode_without_bom_handling(bytes);
    Ok(done(text, enc, EncodingDetection::Guessed, replaced))
}

fn done(
    text: Cow<'_, str>,
    enc: &'static Encoding,
    detection: EncodingDetection,
    replaced: bool,
) -> Decoded {
    Decoded {
        text: text.into_owned(),
        encoding: info(enc, detection),
        replaced,
    }
}

fn info(enc: &'static Encoding, detection: EncodingDetection) -> EncodingInfo {
    EncodingInfo {
        name: enc.name().to_owned(),
        detection,
    }
}

/// UTF-16 without a BOM: mostly-ASCII text has a zero in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_zero += usize::from(pair[0] == 0);
        odd_zero += usize::from(pair[1] == 0);
    }
    if odd_zero * 10 >= pairs * 4 && even_zero * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 4 && odd_zero * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Line endings made `\n` (CRLF and lone CR alike), so rows can be counted.
pub(crate) fn normalize_newlines(text: String) -> String {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    // `\r` is ASCII, so every position memchr finds is a char boundary.
    while let Some(i) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// An Excel `sep=X` first line: the delimiter and the length of that line (with its newline).
pub(crate) fn excel_sep_line(text: &str) -> Option<(u8, usize)> {
    let end = text.find('\n').unwrap_or(text.len());
    let line = text[..end].trim().trim_matches('"');
    let rest = line.get(..4)?;
    if !rest.eq_ignore_ascii_case("sep=") {
        return None;
    }
    let delim = line[4..].trim_end();
    let mut chars = delim.chars();
    let c = chars.next()?;
    if chars.next().is_some() || !c.is_ascii() || c == '"' {
        return None;
    }
    Some((c as u8, (end + 1).min(text.len())))
}

/// Candidate delimiters, in order of preference on a tie.
const CANDIDATES: [u8; 4] = [b'\t', b',', b';', b'|'];

/// The delimiter among tab, comma, semicolon and pipe that splits the first lines most
/// consistently (outside quotes). A file with none of them is one column (comma).
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    let mut best = (0usize, b',');
    for &cand in &CANDIDATES {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, cand))
            .collect();
        // The most common non-zero count, and how many lines have it.
        let mut tally: Vec<(usize, usize)> = Vec::new();
        for &n in counts.iter().filter(|n| **n > 0) {
            match tally.iter_mut().find(|(k, _)| *k == n) {
                Some((_, t)) => *t += 1,
                None => tally.push((n, 1)),
            }
        }
        let score = tally.iter().map(|(_, t)| *t).max().unwrap_or(0);
        if score > best.0 {
            best = (score, cand);
        }
    }
    best.1
}

fn count_outside_quotes(line: &str, delim: u8) -> usize {
    let mut in_quotes = false;
    let mut n = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if b == delim && !in_quotes {
            n += 1;
        }
    }
    n
}

/// Byte offset of a quote that opens a field and is never closed, read the way the `csv` crate
/// reads (a quote opens a field only at its start; `""` inside is an escaped quote).
fn unterminated_quote(bytes: &[u8], delim: u8) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        Start,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = S::Start;
    let mut opened = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        state = match state {
            S::Start if b == b'"' => {
                opened = i;
                S::Quoted
            }
            S::Start | S::Unquoted | S::QuoteInQuoted if b == delim || b == b'\n' => S::Start,
            S::Start | S::Unquoted => S::Unquoted,
            S::Quoted => match memchr::memchr(b'"', &bytes[i..]) {
                Some(off) => {
                    i += off;
                    S::QuoteInQuoted
                }
                None => return Some(opened),
            },
            S::QuoteInQuoted if b == b'"' => S::Quoted,
            S::QuoteInQuoted => S::Unquoted,
        };
        i += 1;
    }
    (state == S::Quoted).then_some(opened)
}

/// Parses delimited text (newlines already `\n`, any Excel `sep=` line already cut off: Excel
/// does not show it as a row) into rows numbered as Excel numbers them.
pub(crate) fn parse_delimited(text: &str, delim: u8) -> Result<Table, ImportError> {
    let bytes = text.as_bytes();
    let open_quote = unterminated_quote(bytes, delim);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut rows: Vec<TableRow> = Vec::new();
    let mut line: u32 = 0;
    let mut cells_total: u64 = 0;
    loop {
        let start = reader.position().byte() as usize;
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| ImportError::Spreadsheet {
                reason: e.to_string(),
            })?;
        if !more {
            break;
        }
        // Blank lines before the record are rows in Excel; the csv crate skips them.
        let blank = bytes
            .get(start..)
            .map_or(0, |s| s.iter().take_while(|b| **b == b'\n').count());
        line = line
            .saturating_add(1)
            .saturating_add(u32::try_from(blank).unwrap_or(u32::MAX));
        if rows.len() >= MAX_ROWS {
            return Err(ImportError::TooManyRows { limit: MAX_ROWS });
        }
        if record.len() > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                line,
                columns: record.len(),
                limit: MAX_COLUMNS,
            });
        }
        cells_total += record.len() as u64;
        if cells_total > MAX_CELLS {
            return Err(ImportError::TooManyCells { limit: MAX_CELLS });
        }
        let mut cells = Vec::with_capacity(record.len());
        for (col, field) in record.iter().enumerate() {
            if field.len() > MAX_CELL_BYTES {
                if open_quote.is_some() {
                    return Err(ImportError::UnterminatedQuote { line });
                }
                return Err(ImportError::CellTooLarge {
                    line,
                    column: column_letter(col),
                    bytes: field.len(),
                    limit: MAX_CELL_BYTES,
                });
            }
            // Fields are split at ASCII bytes of valid UTF-8, so this never replaces anything.
            cells.push(Cell::text(String::from_utf8_lossy(field).into_owned()));
        }
        rows.push(TableRow { line, cells });
    }
    if open_quote.is_some() {
        // The unclosed quote swallows the rest of the file, so it is in the last row.
        return Err(ImportError::UnterminatedQuote { line: line.max(1) });
    }
    Ok(Table { rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &Table) -> Vec<u32> {
        t.rows.iter().map(|r| r.line).collect()
    }

    #[test]
    fn rows_are_numbered_as_excel_shows_them() {
        let t = parse_delimited("a,b\n\nc,d\n\"x\ny\",z\ne,f\n", b',').unwrap_or_default();
        assert_eq!(
            lines(&t),
            vec![1, 3, 4, 5],
            "a blank line is a row; a quoted cell spanning two lines is one row"
        );
        assert_eq!(
            t.rows[2].cells[0].text, "x\ny",
            "embedded newline kept in the cell"
        );
    }

    #[test]
    fn leading_blank_lines_count() {
        let t = parse_delimited("\n\na,b\n", b',').unwrap_or_default();
        assert_eq!(
            lines(&t),
            vec![3],
            "two blank lines above make the first record row 3"
        );
    }

    #[test]
    fn newlines_normalised() {
        assert_eq!(
            normalize_newlines("a\r\nb\rc\n".into()),
            "a\nb\nc\n",
            "CRLF and CR become LF"
        );
    }

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3\n"), b';', "semicolon file");
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t', "tab file");
        assert_eq!(sniff_delimiter("a|b\n1|2\n"), b'|', "pipe file");
        assert_eq!(
            sniff_delimiter("\"a,1\";b\n\"c,2\";d\n"),
            b';',
            "commas inside quotes ignored"
        );
        assert_eq!(
            sniff_delimiter("0201234\n0201235\n"),
            b',',
            "one column defaults to comma"
        );
    }

    #[test]
    fn excel_sep_line_recognised() {
        assert_eq!(
            excel_sep_line("sep=;\na;b\n"),
            Some((b';', 6)),
            "sep=; line"
        );
        assert_eq!(
            excel_sep_line("\"sep=|\"\n"),
            Some((b'|', 8)),
            "quoted sep= line"
        );
        assert_eq!(excel_sep_line("separator;x\n"), None, "not a sep= line");
    }

    #[test]
    fn unterminated_quote_found() {
        assert_eq!(
            unterminated_quote(b"a,\"b\nc", b','),
            Some(2),
            "quote never closed"
        );
        assert_eq!(
            unterminated_quote(b"a,\"b\"\"c\"\n", b','),
            None,
            "escaped quote is fine"
        );
        assert_eq!(
            unterminated_quote(b"a,b\"c\n", b','),
            None,
            "quote inside a field is literal"
        );
    }
}
