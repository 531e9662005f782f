//! The benchmark input: a carrier-style CSV (Chinese headers, a title row above the header) of
//! `rows` data rows, half Guangzhou landlines, half mobile numbers, all distinct and valid for CN.

/// CSV bytes, UTF-8 without BOM, CRLF line endings as Excel writes them.
pub fn carrier_csv(rows: usize) -> Vec<u8> {
    let mut out = String::with_capacity(rows * 40 + 100);
    out.push_str("中国移动 线路号码清单,,,\r\n");
    out.push_str("号码,呼叫类型,最大并发数,每秒并发数\r\n");
    for i in 0..rows {
        if i % 2 == 0 {
            // 020 + 8 digits starting with 3: a Guangzhou landline.
            out.push_str(&format!("020-3{:07},双向,30,5\r\n", i));
        } else {
            out.push_str(&format!("138{:08},1,10,2\r\n", i));
        }
    }
    out.into_bytes()
}
