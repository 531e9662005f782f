//! Connection profiles: the site, the SecretId (never the SecretKey) and defaults for drafts.

use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::{ApplyOptions, NOW, apply_options_from_row, get_opt_u64, to_sql_u64};
use crate::{Store, StoreError};

/// What the user edits. There is deliberately no field for the SecretKey: it lives in the OS
/// keychain, never in this file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(optional_fields)]
pub struct ProfileInput {
    /// Shown in the profile list; unique.
    pub name: String,
    /// `intl`, `china` or a URL.
    pub endpoint: String,
    /// The API key's SecretId (public half).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_id: Option<String>,
    /// Default SdkAppId.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub sdk_app_id: Option<u64>,
    /// Default SipTrunkId.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub sip_trunk_id: Option<i64>,
    /// Default optional fields (Prefix, …).
    #[serde(default)]
    pub options: ApplyOptions,
    /// Default CallType (0, 1, 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_type: Option<u8>,
    /// Default MaxCallCount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub max_call_count: Option<i64>,
    /// Default MaxCallPSec.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub max_call_p_sec: Option<i64>,
    /// Default OutboundCalleeFormat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_callee_format: Option<String>,
    /// Default country for national-format numbers (ISO 3166-1 alpha-2, e.g. `CN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A stored profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Profile {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// The editable fields.
    #[serde(flatten)]
    pub input: ProfileInput,
    /// UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`.
    pub created_at: String,
    /// UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`.
    pub updated_at: String,
}

impl ProfileInput {
    fn validate(&self) -> Result<(), StoreError> {
        let bad = |field: &'static str, reason: &str| {
            Err(StoreError::Invalid {
                field,
                reason: reason.to_owned(),
            })
        };
        if self.name.trim().is_empty() {
            return bad("profile name", "a profile needs a name");
        }
        if self.endpoint.trim().is_empty() {
            return bad("endpoint", "expected `intl`, `china` or a URL");
        }
        if let Some(id) = &self.secret_id
            && (id.trim() != id || id.is_empty())
        {
            return bad(
                "SecretId",
                "it is empty or has spaces around it (pasted whitespace?)",
            );
        }
        if self.call_type.is_some_and(|c| c > 2) {
            return bad("CallType", "expected 0 (inbound), 1 (outbound) or 2 (both)");
        }
        if self.max_call_count.is_some_and(|n| n < 1) {
            return bad("MaxCallCount", "must be at least 1");
        }
        if self.max_call_p_sec.is_some_and(|n| n < 1) {
            return bad("MaxCallPSec", "must be at least 1");
        }
        if let Some(f) = &self.outbound_callee_format
            && f != "{+E.164}"
            && f != "{E.164}"
        {
            return bad(
                "OutboundCalleeFormat",
                "must be literally {+E.164} or {E.164}",
            );
        }
        if self.sdk_app_id == Some(0) {
            return bad("SdkAppId", "must be a positive number");
        }
        Ok(())
    }
}

const COLUMNS: &str = "id, name, endpoint, secret_id, sdk_app_id, sip_trunk_id, prefix, \
    mobile_ndd_prefix, local_number_trim_ac, callee_format_passthrough, caller_format_passthrough, \
    international_number_prefix, call_type, max_call_count, max_call_p_sec, \
    outbound_callee_format, country, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Profile> {
    Ok(Profile {
        id: row.get(0)?,
        input: ProfileInput {
            name: row.get(1)?,
            endpoint: row.get(2)?,
            secret_id: row.get(3)?,
            sdk_app_id: get_opt_u64(row, 4)?,
            sip_trunk_id: row.get(5)?,
            options: apply_options_from_row(row, 6)?,
            call_type: row.get(12)?,
            max_call_count: row.get(13)?,
            max_call_p_sec: row.get(14)?,
            outbound_callee_format: row.get(15)?,
            country: row.get(16)?,
        },
        created_at: row.get(17)?,
        updated_at: row.get(18)?,
    })
}

impl Store {
    /// Adds a profile.
    pub fn create_profile(&self, input: &ProfileInput) -> Result<Profile, StoreError> {
        input.validate()?;
        let sdk_app_id = input
            .sdk_app_id
            .map(|v| to_sql_u64("SdkAppId", v))
            .transpose()?;
        let id = self.write(|tx| {
            let o = &input.options;
            tx.execute(
                "INSERT INTO profiles (name, endpoint, secret_id, sdk_app_id, sip_trunk_id, \
                 prefix, mobile_ndd_prefix, local_number_trim_ac, callee_format_passthrough, \
                 caller_format_passthrough, international_number_prefix, call_type, \
                 max_call_count, max_call_p_sec, outbound_callee_format, country) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                params![
                    input.name.trim(),
                    input.endpoint.trim(),
                    input.secret_id,
                    sdk_app_id,
                    input.sip_trunk_id,
                    o.prefix,
                    o.mobile_ndd_prefix,
                    o.local_number_trim_ac,
                    o.callee_format_passthrough,
                    o.caller_format_passthrough,
                    o.international_number_prefix,
                    input.call_type,
                    input.max_call_count,
                    input.max_call_p_sec,
                    input.outbound_callee_format,
                    input.country,
                ],
            )
            .map_err(|e| name_taken(e, &input.name))?;
            Ok(tx.last_insert_rowid())
        })?;
        self.profile(id)?.ok_or(StoreError::NotFound {
            what: "profile",
            id,
        })
    }

    /// Replaces every field of profile `id`.
    pub fn update_profile(&self, id: i64, input: &ProfileInput) -> Result<Profile, StoreError> {
        input.validate()?;
        let sdk_app_id = input
            .sdk_app_id
            .map(|v| to_sql_u64("SdkAppId", v))
            .transpose()?;
        let changed = self.write(|tx| {
            let o = &input.options;
            tx.execute(
                &format!(
                    "UPDATE profiles SET name = ?2, endpoint = ?3, secret_id = ?4, \
                     sdk_app_id = ?5, sip_trunk_id = ?6, prefix = ?7, mobile_ndd_prefix = ?8, \
                     local_number_trim_ac = ?9, callee_format_passthrough = ?10, \
                     caller_format_passthrough = ?11, international_number_prefix = ?12, \
                     call_type = ?13, max_call_count = ?14, max_call_p_sec = ?15, \
                     outbound_callee_format = ?16, country = ?17, updated_at = {NOW} \
                     WHERE id = ?1"
                ),
                params![
                    id,
                    input.name.trim(),
                    input.endpoint.trim(),
                    input.secret_id,
                    sdk_app_id,
                    input.sip_trunk_id,
                    o.prefix,
                    o.mobile_ndd_prefix,
                    o.local_number_trim_ac,
                    o.callee_format_passthrough,
                    o.caller_format_passthrough,
                    o.international_number_prefix,
                    input.call_type,
                    input.max_call_count,
                    input.max_call_p_sec,
                    input.outbound_callee_format,
                    input.country,
                ],
            )
            .map_err(|e| name_taken(e, &input.name))
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "profile",
                id,
            });
        }
        self.profile(id)?.ok_or(StoreError::NotFound {
            what: "profile",
            id,
        })
    }

    /// Profile `id`, if it exists.
    pub fn profile(&self, id: i64) -> Result<Option<Profile>, StoreError> {
        self.with_conn(|c| {
            Ok(c.query_row(
                &format!("SELECT {COLUMNS} FROM profiles WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?)
        })
    }

    /// Every profile, by name.
    pub fn profiles(&self) -> Result<Vec<Profile>, StoreError> {
        self.with_conn(|c| {
            let mut stmt = c.prepare(&format!("SELECT {COLUMNS} FROM profiles ORDER BY name"))?;
            let rows = stmt.query_map([], from_row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Deletes profile `id` (drafts made with it keep their own copy of the fields). Returns
    /// whether it existed.
    pub fn delete_profile(&self, id: i64) -> Result<bool, StoreError> {
        self.write(|tx| Ok(tx.execute("DELETE FROM profiles WHERE id = ?1", [id])? > 0))
    }
}

fn name_taken(e: rusqlite::Error, name: &str) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, Some(msg))
            if f.code == rusqlite::ErrorCode::ConstraintViolation
                && msg.contains("profiles.name") =>
        {
            StoreError::Invalid {
                field: "profile name",
                reason: format!("a profile named `{}` already exists", name.trim()),
            }
        }
        _ => StoreError::Sqlite(e),
    }
}
