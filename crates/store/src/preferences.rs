//! Non-secret user preferences as text key/value pairs.

use rusqlite::OptionalExtension;

use crate::{Store, StoreError};

impl Store {
    /// The stored value of preference `key`, if it was ever set.
    pub fn preference(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.with_conn(|c| {
            Ok(
                c.query_row("SELECT value FROM preferences WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })
    }

    /// Stores `value` for preference `key`, replacing any earlier value.
    pub fn set_preference(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.with_conn(|c| {
            c.execute(
                "INSERT INTO preferences (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value,
                     updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                [key, value],
            )?;
            Ok(())
        })
    }
}
