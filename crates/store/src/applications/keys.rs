//! Canonical number keys: every duplicate check and reconcile compares
//! [`numdesk_model::number_key`]s, kept in `application_numbers.number_key` (indexed).

use std::collections::HashMap;

use numdesk_model::{Country, PhoneChecker};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// The country an application's national numbers are read for when none was recorded (rows
/// written before migration 0003): the import's last country, else China.
pub(crate) fn fallback_country(conn: &Connection) -> rusqlite::Result<Option<Country>> {
    let saved: Option<String> = conn
        .query_row(
            "SELECT value FROM preferences WHERE key = 'import.country'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(parse_country(saved.as_deref()).or_else(|| "CN".parse().ok()))
}

/// A stored country code, `None` when absent or unknown.
pub(crate) fn parse_country(text: Option<&str>) -> Option<Country> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .and_then(|t| t.parse().ok())
}

/// The country application `id`'s national numbers are read for.
pub(crate) fn country_of_application(
    conn: &Connection,
    id: i64,
) -> rusqlite::Result<Option<Country>> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT country FROM applications WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    match parse_country(stored.as_deref()) {
        Some(c) => Ok(Some(c)),
        None => fallback_country(conn),
    }
}

/// Phone checkers by country, each compiled once.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    checkers: HashMap<Option<Country>, PhoneChecker>,
}

impl Keys {
    /// The key of `number` read for `country`.
    pub(crate) fn key(&mut self, number: &str, country: Option<Country>) -> String {
        self.checkers
            .entry(country)
            .or_insert_with(|| PhoneChecker::new(country))
            .key(number)
    }
}

/// Migration 0003's step: the key of every number already stored.
pub(crate) fn backfill_number_keys(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let fallback = fallback_country(tx)?;
    let rows: Vec<(i64, i64, String, Option<String>)> = {
        let mut stmt = tx.prepare(
            "SELECT n.application_id, n.position, n.phone_number, a.country \
             FROM application_numbers n JOIN applications a ON a.id = n.application_id",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?
    };
    let mut keys = Keys::default();
    let mut update = tx.prepare(
        "UPDATE application_numbers SET number_key = ?3 WHERE application_id = ?1 AND position = ?2",
    )?;
    for (app, position, number, country) in rows {
        let country = parse_country(country.as_deref()).or(fallback);
        update.execute(params![app, position, keys.key(&number, country)])?;
    }
    Ok(())
}
