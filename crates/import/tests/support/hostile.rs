//! Hostile workbooks, written byte by byte so they are exactly what an attacker would send:
//! every cell pointing at one long shared string (.xlsx and .xls), and an .xlsx part that
//! inflates past the size it declares. Used by the robustness tests, the CLI test (through the
//! committed files in `tests/corpus/hostile/`, which `hostile_fixtures_are_up_to_date` keeps
//! equal to these) and `examples/peak_memory.rs --hostile`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // test helpers

use std::io::{Cursor, Write};

/// Length of the one shared string: just under the per-cell limit (32 KiB).
pub const LONG: usize = 32_000;

fn column(mut c: usize) -> String {
    let mut s = Vec::new();
    c += 1;
    while c > 0 {
        c -= 1;
        s.push(b'A' + (c % 26) as u8);
        c /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// The parts of an .xlsx whose one sheet has `cells` cells (`columns` to a row), every one
/// pointing at shared string 0, a text of `string_len` characters.
fn bomb_parts(cells: usize, columns: usize, string_len: usize) -> Vec<(&'static str, Vec<u8>)> {
    let content_types = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
    let rels = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let workbook_rels = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
    let mut shared = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{cells}" uniqueCount="1"><si><t>"#
    )
    .into_bytes();
    shared.extend(std::iter::repeat_n(b'9', string_len));
    shared.extend_from_slice(b"</t></si></sst>");
    let mut sheet = Vec::with_capacity(cells * 32 + 512);
    sheet.extend_from_slice(
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let letters: Vec<String> = (0..columns).map(column).collect();
    let rows = cells.div_ceil(columns);
    for r in 0..rows {
        write!(sheet, r#"<row r="{}">"#, r + 1).unwrap();
        for letter in letters.iter().take((cells - r * columns).min(columns)) {
            write!(sheet, r#"<c r="{letter}{}" t="s"><v>0</v></c>"#, r + 1).unwrap();
        }
        sheet.extend_from_slice(b"</row>");
    }
    sheet.extend_from_slice(b"</sheetData></worksheet>");
    vec![
        ("[Content_Types].xml", content_types.to_vec()),
        ("_rels/.rels", rels.to_vec()),
        ("xl/workbook.xml", workbook.to_vec()),
        ("xl/_rels/workbook.xml.rels", workbook_rels.to_vec()),
        ("xl/sharedStrings.xml", shared),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
}

fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default());
    for (name, data) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An .xlsx of `cells` cells, 256 to a row, all pointing at one shared string of
/// [`LONG`] characters: 2,000,000 such cells (about 4 MB) would decode to 64 GB.
pub fn shared_string_bomb_xlsx(cells: usize) -> Vec<u8> {
    zip_of(&bomb_parts(cells, 256, LONG))
}

/// A small, ordinary-looking .xlsx (a header and three numbers) whose sheet part inflates to
/// more than the size its local header and central directory declare (`declared`).
pub fn part_larger_than_declared_xlsx(declared: u32) -> Vec<u8> {
    let mut bytes = zip_of(&bomb_parts(600, 3, 10));
    let name = b"xl/worksheets/sheet1.xml";
    // Local file header: signature, then the uncompressed size at offset 22; name at 30.
    // Central directory header: uncompressed size at offset 24; name at 46.
    for (sig, size_at, name_at) in [(b"PK\x03\x04", 22usize, 30usize), (b"PK\x01\x02", 24, 46)] {
        let mut i = 0;
        let mut patched = false;
        while let Some(p) = bytes[i..].windows(4).position(|w| w == sig) {
            let at = i + p;
            if bytes.get(at + name_at..at + name_at + name.len()) == Some(&name[..]) {
                bytes[at + size_at..at + size_at + 4].copy_from_slice(&declared.to_le_bytes());
                patched = true;
            }
            i = at + 4;
        }
        assert!(patched, "the sheet's header is found and patched");
    }
    bytes
}

fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    out.extend_from_slice(&typ.to_le_bytes());
    out.extend_from_slice(&u16::try_from(data.len()).unwrap().to_le_bytes());
    out.extend_from_slice(data);
}

/// A BIFF8 .xls whose one sheet has `cells` LABELSST cells (200 to a row), all pointing at one
/// shared string of [`LONG`] characters; the string runs on through CONTINUE records, as Excel
/// writes a long string.
pub fn shared_string_bomb_xls(cells: usize) -> Vec<u8> {
    const MAX_RECORD: usize = 8224;
    let columns = 200usize;
    let rows = cells.div_ceil(columns);

    let mut sheet = Vec::new();
    let bof = |dt: u16| {
        let mut b = vec![0u8; 16];
        b[0..2].copy_from_slice(&0x0600u16.to_le_bytes());
        b[2..4].copy_from_slice(&dt.to_le_bytes());
        b
    };
    record(&mut sheet, 0x0809, &bof(0x0010));
    let mut dims = Vec::new();
    dims.extend_from_slice(&0u32.to_le_bytes());
    dims.extend_from_slice(&u32::try_from(rows).unwrap().to_le_bytes());
    dims.extend_from_slice(&0u16.to_le_bytes());
    dims.extend_from_slice(&u16::try_from(columns).unwrap().to_le_bytes());
    dims.extend_from_slice(&0u16.to_le_bytes());
    record(&mut sheet, 0x0200, &dims);
    for i in 0..cells {
        let mut c = Vec::with_capacity(10);
        c.extend_from_slice(&u16::try_from(i / columns).unwrap().to_le_bytes());
        c.extend_from_slice(&u16::try_from(i % columns).unwrap().to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes());
        c.extend_from_slice(&0u32.to_le_bytes());
        record(&mut sheet, 0x00FD, &c);
    }
    record(&mut sheet, 0x000A, &[]);

    // Globals: BOF, BOUNDSHEET8 (needs the sheet's offset, known once the globals are laid
    // out), SST + CONTINUE, EOF.
    let mut sst = Vec::new();
    sst.extend_from_slice(&u32::try_from(cells).unwrap().to_le_bytes());
    sst.extend_from_slice(&1u32.to_le_bytes());
    sst.extend_from_slice(&u16::try_from(LONG).unwrap().to_le_bytes());
    sst.push(0); // compressed (one byte per character)
    let mut sst_records = Vec::new();
    let mut left = LONG;
    let first = (MAX_RECORD - sst.len()).min(left);
    sst.extend(std::iter::repeat_n(b'9', first));
    left -= first;
    record(&mut sst_records, 0x00FC, &sst);
    while left > 0 {
        let n = (MAX_RECORD - 1).min(left);
        let mut c = vec![0u8]; // the flags byte each CONTINUE of a string starts with
        c.extend(std::iter::repeat_n(b'9', n));
        record(&mut sst_records, 0x003C, &c);
        left -= n;
    }
    let boundsheet_len = 4 + 6 + 2 + 6;
    let globals_len = (4 + 16) + boundsheet_len + sst_records.len() + 4;
    let mut stream = Vec::new();
    record(&mut stream, 0x0809, &bof(0x0005));
    let mut bs = Vec::new();
    bs.extend_from_slice(&u32::try_from(globals_len).unwrap().to_le_bytes());
    bs.extend_from_slice(&[0, 0, 6, 0]);
    bs.extend_from_slice(b"Sheet1");
    record(&mut stream, 0x0085, &bs);
    stream.extend_from_slice(&sst_records);
    record(&mut stream, 0x000A, &[]);
    assert_eq!(stream.len(), globals_len, "the sheet offset is right");
    stream.extend_from_slice(&sheet);

    // Version 3 (512-byte sectors), as Excel writes it.
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    file.create_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// The committed hostile files: name and bytes. Small (the limits are reached after about
/// 2,100 cells), so the CLI test and the fuzz corpus can use them.
pub fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("shared_string_bomb.xlsx", shared_string_bomb_xlsx(3_000)),
        ("shared_string_bomb.xls", shared_string_bomb_xls(3_000)),
        (
            "part_larger_than_declared.xlsx",
            part_larger_than_declared_xlsx(1_000),
        ),
    ]
}
