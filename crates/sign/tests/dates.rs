//! The credential-scope date is the UTC date of the timestamp.

// Test helpers outside #[test] fns: clippy's allow-expect-in-tests does not cover them.
#![allow(clippy::expect_used)]

use numdesk_sign::{Credentials, SignError, SigningParams, sign, utc_date};
use time::OffsetDateTime;
use time::macros::format_description;

fn date(ts: i64) -> String {
    utc_date(ts).expect("timestamp in range")
}

#[test]
fn utc_midnight_boundaries() {
    assert_eq!(date(0), "1970-01-01", "Unix epoch");
    assert_eq!(
        date(1735689599),
        "2024-12-31",
        "23:59:59 UTC is still the old day"
    );
    assert_eq!(
        date(1735689600),
        "2025-01-01",
        "00:00:00 UTC is the new day"
    );
    assert_eq!(date(1709164800), "2024-02-29", "leap day 2024");
    assert_eq!(date(1709251199), "2024-02-29", "last second of leap day");
    assert_eq!(date(1709251200), "2024-03-01", "day after leap day");
    assert_eq!(
        date(951782400),
        "2000-02-29",
        "2000 is a leap year (divisible by 400)"
    );
    assert_eq!(
        date(4107542400),
        "2100-03-01",
        "2100 is not a leap year: 02-28 is followed by 03-01"
    );
    assert_eq!(
        date(253402300799),
        "9999-12-31",
        "largest accepted timestamp"
    );
}

#[test]
fn a_timestamp_that_is_the_next_day_in_china_uses_the_utc_date() {
    // 2025-01-01T03:00:00+08:00 = 2024-12-31T19:00:00Z: the local date in China is a day ahead.
    let ts = 1735671600;
    assert_eq!(
        date(ts),
        "2024-12-31",
        "scope date must be UTC, not UTC+8 (2025-01-01)"
    );
    let signed = sign(
        &Credentials::new("AKIDexample", "secretexample"),
        &SigningParams::ccc("ccc.tencentcloudapi.com", "DescribeNumbers", ts),
        b"{}",
    )
    .expect("signs");
    assert_eq!(
        signed.credential_scope, "2024-12-31/ccc/tc3_request",
        "credential scope must carry the UTC date even when it is already tomorrow in UTC+8"
    );
    assert!(
        signed
            .authorization
            .contains("/2024-12-31/ccc/tc3_request,"),
        "Authorization must carry the same UTC-dated scope"
    );
}

#[test]
fn agrees_with_the_time_crate_across_four_centuries() {
    let fmt = format_description!("[year]-[month]-[day]");
    // Every day boundary (first and last second of the day, and noon) over 1970..2400, stepping
    // 7 days plus one extra day each iteration so every weekday and month position is hit.
    let mut ts: i64 = 0;
    let mut checked = 0;
    while ts < 13_569_465_600 {
        for t in [ts, ts + 43_200, ts + 86_399] {
            let expected = OffsetDateTime::from_unix_timestamp(t)
                .expect("in range for time")
                .format(fmt)
                .expect("formats");
            assert_eq!(
                date(t),
                expected,
                "utc_date({t}) must agree with the time crate"
            );
            checked += 1;
        }
        ts += 8 * 86_400;
    }
    assert!(checked > 50_000, "sweep covered {checked} timestamps");
}

#[test]
fn out_of_range_timestamps_are_rejected_with_advice() {
    for ts in [-1, i64::MIN, 253402300800, i64::MAX] {
        let err = utc_date(ts).expect_err("out of range");
        assert_eq!(
            err,
            SignError::TimestampOutOfRange { timestamp: ts },
            "timestamp {ts}"
        );
        let msg = err.to_string();
        assert!(
            msg.contains(&ts.to_string()) && msg.contains("check the system clock"),
            "message names the value and says what to do: {msg}"
        );
    }
    let err = sign(
        &Credentials::new("AKIDexample", "secretexample"),
        &SigningParams::ccc("ccc.tencentcloudapi.com", "DescribeNumbers", -5),
        b"{}",
    )
    .expect_err("sign rejects a negative timestamp");
    assert_eq!(
        err,
        SignError::TimestampOutOfRange { timestamp: -5 },
        "sign checks the timestamp"
    );
}
