//! Step 2: the UTC date of the request timestamp.

use crate::SignError;

/// Smallest timestamp accepted: 1970-01-01T00:00:00Z.
pub const MIN_TIMESTAMP: i64 = 0;
/// Largest timestamp accepted: 9999-12-31T23:59:59Z (the date must have four digits).
pub const MAX_TIMESTAMP: i64 = 253_402_300_799;

const SECONDS_PER_DAY: i64 = 86_400;

/// The **UTC** calendar date (`YYYY-MM-DD`) of a Unix timestamp in seconds.
///
/// Never the local date: in China (UTC+8) the local date is one day ahead between 00:00 and
/// 08:00, and a signature scoped to it is rejected.
pub fn utc_date(timestamp: i64) -> Result<String, SignError> {
    if !(MIN_TIMESTAMP..=MAX_TIMESTAMP).contains(&timestamp) {
        return Err(SignError::TimestampOutOfRange { timestamp });
    }
    let (year, month, day) = civil_from_days(timestamp.div_euclid(SECONDS_PER_DAY));
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`,
/// <https://howardhinnant.github.io/date_algorithms.html#civil_from_days>).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March-based
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both values are in small ranges stated above, so the casts cannot truncate.
    (year, month as u32, day as u32)
}
