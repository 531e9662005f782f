#!/usr/bin/env python3
"""Writes the committed corpus files of crates/import/tests/corpus/.

The text files are encoded by Python's own codecs, independently of the Rust code that decodes
them; the .xls files are written by xlwt (PyPI, version 1.3.0), a real BIFF8 writer.

    python3 -m venv /tmp/xlwt-venv && /tmp/xlwt-venv/bin/pip install xlwt==1.3.0
    /tmp/xlwt-venv/bin/python make_corpus.py
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# A carrier list as Chinese Excel saves "CSV (逗号分隔)": GBK/GB18030, no BOM, CRLF, a title row.
gbk_rows = [
    "中国电信广州分公司 线路号码清单,,,",
    "号码（必填）,呼叫类型,最大并发数,每秒并发数,备注",
    "020-3800 0001,双向,30,5,总机",
    "02038000002,呼入,10,2,客服",
    "13800138000,呼出,20,3,外呼",
    "2038000004,呼入呼出,10,2,零丢失",
]
write("gbk_carrier.csv", ("\r\n".join(gbk_rows) + "\r\n").encode("gb18030"))

# Excel "Unicode Text": UTF-16LE with BOM, tab-separated, CRLF.
u16_rows = [
    "号码\t呼叫类型\t最大并发数\t每秒并发数",
    "02038000011\t1\t10\t2",
    "+8613800138011\t2\t10\t2",
]
write("utf16le_unicode_text.txt", b"\xff\xfe" + ("\r\n".join(u16_rows) + "\r\n").encode("utf-16-le"))

# UTF-16BE with BOM (rare, but a BOM says so).
write("utf16be_bom.txt", b"\xfe\xff" + "PhoneNumber\tCallType\n02038000021\tinbound\n".encode("utf-16-be"))

# "CSV UTF-8" from Excel: BOM, English headers with markers.
write(
    "utf8_bom.csv",
    "\ufeff*Phone Number,Call Type,MaxCallCount,MaxCallPSec,OutboundCalleeFormat\r\n"
    "02038000031,Outbound,10,2,{+E.164}\r\n"
    "+8613800138031,BOTH,10,2,{E.164}\r\n".encode("utf-8"),
)

# European Excel: `sep=;` first line, semicolons, LF.
write(
    "sep_semicolon.csv",
    b"sep=;\nPhoneNumber;CallType;MaxCallCount;MaxCallPSec\n02038000041;0;5;1\n02038000042;1;5;1\n",
)

# Pipe-delimited export from a carrier system.
write("pipe.txt", b"PhoneNumber|CallType|MaxCallCount|MaxCallPSec\n02038000051|2|8|2\n02038000052|2|8|2\n")

# Quoted fields: commas and a line break inside a cell, escaped quotes; CR-only, LF and CRLF
# line endings mixed in one file.
write(
    "mixed_line_endings.csv",
    b'PhoneNumber,CallType,MaxCallCount,MaxCallPSec,Note\r\n'
    b'02038000061,1,10,2,"plain"\n'
    b'02038000062,1,10,2,"a, comma"\r'
    b'02038000063,1,10,2,"two\nlines"\r\n'
    b'\r\n'
    b'02038000064,1,10,2,"say ""hi"""\n',
)

# Every Excel trap and value rule, one per row (UTF-8, no BOM). Row numbers are asserted.
traps = [
    "号码,呼叫类型,最大并发数,每秒并发数,外呼被叫格式,运营商号码",  # 1
    "2.01235E+10,1,10,2,,",                                          # 2 scientific notation
    "2038000072,1,10,2,,",                                           # 3 lost leading zero
    "=HYPERLINK(\"x\"),1,10,2,,",                                    # 4 formula
    "+A1,1,10,2,,",                                                  # 5 + formula
    "@SUM(A1),1,10,2,,",                                             # 6 @ formula
    "020-CALL-NOW,1,10,2,,",                                         # 7 letters
    ",1,10,2,,",                                                     # 8 empty number
    "０２０３８００００７９,1,10,2,,",                             # 9 full-width digits (ok)
    "02038000080.0,1,10,2,,",                                        # 10 trailing .0 (ok)
    "020 3800 0081,3,10,2,,",                                        # 11 bad CallType
    "02038000082,inbound,0,2,,",                                     # 12 MaxCallCount 0
    "02038000083,inbound,-5,2,,",                                    # 13 negative
    "02038000084,inbound,2.5,2,,",                                   # 14 decimal
    "02038000085,inbound,ten,2,,",                                   # 15 text
    "02038000086,inbound,2,5,,",                                     # 16 CPS > count (warning)
    "02038000087,inbound,10,2,E.164,",                               # 17 bad callee format
    "020-3800-0080,inbound,10,2,,",                                  # 18 duplicate of row 10
    "+86 20 3800 0080,inbound,10,2,,",                               # 19 duplicate of row 10 (E.164)
    "0203800,inbound,10,2,,",                                        # 20 invalid for CN (warning)
    "02038000090,inbound,10,2,{+E.164},020-3800-0091",               # 21 all fine, carrier cleaned
    "02038000092,inbound,10,2,,abc",                                 # 22 carrier with letters
    "02038000093,,,,,",                                              # 23 missing values (no defaults)
]
write("excel_traps.csv", ("\n".join(traps) + "\n").encode("utf-8"))

write("unterminated_quote.csv", b'PhoneNumber,CallType\n02038000101,1\n"02038000102,1\n02038000103,1\n')
write("header_only.csv", b"PhoneNumber,CallType,MaxCallCount,MaxCallPSec\r\n")
write("empty.csv", b"")
write("whitespace_only.csv", b"  \r\n\t\r\n")
write("no_phone_column.csv", "序号,名称,类型\n1,总机,双向\n".encode("utf-8"))
write("headerless_paste.txt", b"02038000111\n02038000112\n13800138113\n")
write("html_as_xls.xls", b"<html><body><table><tr><td>02038000121</td></tr></table></body></html>")

try:
    import xlwt
except ImportError:
    raise SystemExit("xlwt is needed for the .xls files (see the docstring)")

# A legacy .xls: numbers typed into General cells (Excel stores them as numbers, so the leading
# zero is gone), numbers typed as text, a second sheet.
book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("号码")
sheet.write(0, 0, "号码")
sheet.write(0, 1, "呼叫类型")
sheet.write(0, 2, "最大并发数")
sheet.write(0, 3, "每秒并发数")
sheet.write(1, 0, 2038000131)        # number: lost its 0
sheet.write(1, 1, 2)
sheet.write(1, 2, 10)
sheet.write(1, 3, 2)
sheet.write(2, 0, "02038000132")     # text: kept
sheet.write(2, 1, "呼出")
sheet.write(2, 2, 10)
sheet.write(2, 3, 2)
sheet.write(3, 0, 13800138133)       # mobile as number: fine
sheet.write(3, 1, 1)
sheet.write(3, 2, 10.0)
sheet.write(3, 3, 2)
other = book.add_sheet("Notes")
other.write(0, 0, "nothing here")
path = os.path.join(HERE, "legacy.xls")
book.save(path)

# The same kind of file, with its DIMENSIONS record patched to declare 1,048,576 rows × 256
# columns: calamine would reserve memory for all of them before reading a cell.
with open(path, "rb") as f:
    data = bytearray(f.read())
# BIFF8 DIMENSIONS: type 0x0200, length 14, rwMic u32, rwMac u32, colMic u16, colMac u16, 0.
needle = struct.pack("<HHIIHHH", 0x0200, 14, 0, 4, 0, 4, 0)
at = data.find(needle)
if at < 0:
    raise SystemExit("DIMENSIONS record of the first sheet not found")
data[at : at + len(needle)] = struct.pack("<HHIIHHH", 0x0200, 14, 0, 1048576, 0, 256, 0)
write("huge_declared_dimensions.xls", bytes(data))
