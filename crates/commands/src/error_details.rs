//! What an [`IpcError`](crate::IpcError) says beyond its code: one typed shape per kind of
//! failure, generated for the UI (`ErrorDetails.ts`), camelCase like every IPC type.
//!
//! Which codes carry which shape:
//!
//! | `code` | `details` |
//! |---|---|
//! | `invalid_input`, `not_configured`, `invalid_credentials` | [`Field`](ErrorDetails::Field), [`Refused`](ErrorDetails::Refused), [`Path`](ErrorDetails::Path), [`Import`](ErrorDetails::Import) |
//! | `auth_failed`, `permission_denied`, `clock_skew`, `tencent` | [`Tencent`](ErrorDetails::Tencent) |
//! | `network`, `certificate`, `proxy` | [`Network`](ErrorDetails::Network) (an update failure: [`Update`](ErrorDetails::Update)) |
//! | `not_found` | [`Missing`](ErrorDetails::Missing) |
//! | `io` | [`Path`](ErrorDetails::Path), [`Import`](ErrorDetails::Import), [`Refused`](ErrorDetails::Refused) (`locked`) |
//! | `keychain` | [`Keychain`](ErrorDetails::Keychain) |
//! | `database` | [`Versions`](ErrorDetails::Versions) |
//! | `preview_changed` | [`Refused`](ErrorDetails::Refused) (`changed`, `not_confirmed`) |
//!
//! The shapes are told apart by their keys (`reason`, `apiCode`, `kind`, `field`, …), so the
//! JSON carries no extra tag.

use numdesk_client::NetworkKind;
use numdesk_outbox::RowProblem;
use serde::Serialize;
use ts_rs::TS;

use crate::settings::Site;
use crate::submit::SendingKind;
use crate::updates::UpdateFailure;

/// `details` of an [`IpcError`](crate::IpcError); see the module docs for which code carries
/// which shape.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(untagged)]
pub enum ErrorDetails {
    /// The request was refused for a reason the UI names (`reason`).
    Refused(Refusal),
    /// What Tencent Cloud answered.
    Tencent(TencentDetails),
    /// Which network failure.
    Network(NetworkDetails),
    /// The argument or setting at fault.
    Field(FieldDetails),
    /// A file that could not be used.
    Path(PathDetails),
    /// What does not exist (any more).
    Missing(MissingDetails),
    /// An import failure's stable code (the import crate's `code()`).
    Import(ImportDetails),
    /// The keychain's problem code.
    Keychain(KeychainDetails),
    /// A database written by a newer version of the app.
    Versions(VersionDetails),
    /// Why an update check or install failed.
    Update(UpdateDetails),
}

/// A refusal the UI switches on: `reason` names it, the other keys say what it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(
    tag = "reason",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Refusal {
    /// The application is not in a state that allows this.
    WrongState { id: i64, state: String },
    /// The ApplyId is already recorded for another application.
    ApplyIdInUse { apply_id: u64, application_id: i64 },
    /// These numbers are already held by other applications.
    NumbersInUse { numbers: Vec<String> },
    /// Another Number Desk (process `holder`, when known) is sending from this database.
    Locked { holder: Option<u32> },
    /// The draft still has blocking rows.
    DraftHasErrors {
        draft_id: i64,
        rows: Vec<RowProblem>,
    },
    /// The application was sent to another destination than the one in use.
    EndpointMismatch { id: i64 },
    /// The application belongs to another connection; switch to refresh it.
    OtherScope { id: i64 },
    /// The draft has nothing left to send.
    NothingToSend { draft_id: i64 },
    /// Only an application whose outcome is unknown can be sent again.
    NotUnknown { id: i64, state: String },
    /// The application cannot be modified now (`applyId` when Tencent has one).
    NotEditable {
        id: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        apply_id: Option<u64>,
    },
    /// Something is already being sent.
    AlreadySending { sending: SendingKind },
    /// The summary confirmed no longer matches what would be sent.
    Changed { draft_id: i64 },
    /// The submission was started without confirming its summary.
    NotConfirmed { draft_id: i64 },
}

/// Tencent Cloud's answer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TencentDetails {
    /// Tencent's error code, e.g. `AuthFailure.SignatureExpire`.
    pub api_code: String,
    /// The RequestId to quote to Tencent support.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub request_id: Option<String>,
    /// For a clock error: seconds the server is ahead of this computer (negative when behind).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub clock_offset_seconds: Option<i64>,
    /// For a rejected key in the connection test: the other site (`china`/`international`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub other_site: Option<Site>,
    /// Whether the other site accepts the key (`null` when that could not be checked).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub other_site_accepts: Option<Option<bool>>,
    /// The application concerned, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<i64>,
    /// Its ApplyId.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub apply_id: Option<u64>,
}

impl TencentDetails {
    /// Just the code and the RequestId.
    pub fn answer(api_code: impl Into<String>, request_id: Option<String>) -> Self {
        Self {
            api_code: api_code.into(),
            request_id,
            clock_offset_seconds: None,
            other_site: None,
            other_site_accepts: None,
            id: None,
            apply_id: None,
        }
    }
}

/// A network failure.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NetworkDetails {
    /// Which failure (a stable name).
    pub kind: NetworkKind,
    /// `true` when the request may have arrived: nothing can say whether it was acted on.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub outcome_unknown: bool,
    /// The HTTP status of a non-Tencent answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<u16>,
    /// The RequestId, when one could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub request_id: Option<String>,
}

impl NetworkDetails {
    /// Only the kind.
    pub fn of(kind: NetworkKind) -> Self {
        Self {
            kind,
            outcome_unknown: false,
            status: None,
            request_id: None,
        }
    }
}

/// The argument or setting at fault, by its IPC name (`secretKey`, `path`, `headerRow`, …).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldDetails {
    pub field: String,
    /// A stable code for what is wrong with it (the keychain crate's, for credentials).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<String>,
}

/// Why a path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PathProblem {
    /// Not chosen in a dialog or dropped on the window.
    NotChosen,
    /// A folder, FIFO or device.
    NotAFile,
}

/// A file that could not be used.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PathDetails {
    pub path: String,
    /// Why it was refused; absent when the OS could not open it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<PathProblem>,
}

/// What does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    Draft,
    Application,
}

/// What does not exist (any more).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MissingDetails {
    pub what: Missing,
    pub id: i64,
}

/// An import failure's stable code.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportDetails {
    pub import_code: String,
}

/// The keychain's problem code.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeychainDetails {
    pub problem: String,
}

/// The database's schema version and the newest this app reads.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VersionDetails {
    pub found: u32,
    pub supported: u32,
}

/// Why an update check or install failed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateDetails {
    pub reason: UpdateFailure,
}

macro_rules! details_from {
    ($($shape:ident => $variant:ident),* $(,)?) => {$(
        impl From<$shape> for ErrorDetails {
            fn from(d: $shape) -> Self {
                Self::$variant(d)
            }
        }
    )*};
}

details_from!(
    Refusal => Refused,
    TencentDetails => Tencent,
    NetworkDetails => Network,
    FieldDetails => Field,
    PathDetails => Path,
    MissingDetails => Missing,
    ImportDetails => Import,
    KeychainDetails => Keychain,
    VersionDetails => Versions,
    UpdateDetails => Update,
);

impl ErrorDetails {
    /// `{field}`: the argument or setting at fault.
    pub fn field(field: impl Into<String>) -> Self {
        FieldDetails {
            field: field.into(),
            problem: None,
        }
        .into()
    }

    /// `{what, id}`: what does not exist.
    pub fn missing(what: Missing, id: i64) -> Self {
        MissingDetails { what, id }.into()
    }

    /// `{importCode}`.
    pub fn import(code: impl Into<String>) -> Self {
        ImportDetails {
            import_code: code.into(),
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn json_of(d: impl Into<ErrorDetails>) -> serde_json::Value {
        serde_json::to_value(d.into()).unwrap()
    }

    /// Each shape's JSON, pinned: the UI narrows on these keys.
    #[test]
    fn the_shapes_serialise_flat_and_camel_case() {
        assert_eq!(
            json_of(Refusal::ApplyIdInUse {
                apply_id: 7,
                application_id: 3
            }),
            json!({ "reason": "apply_id_in_use", "applyId": 7, "applicationId": 3 })
        );
        assert_eq!(
            json_of(Refusal::NotEditable {
                id: 3,
                apply_id: None
            }),
            json!({ "reason": "not_editable", "id": 3 })
        );
        assert_eq!(
            json_of(Refusal::Changed { draft_id: 2 }),
            json!({ "reason": "changed", "draftId": 2 })
        );
        assert_eq!(
            json_of(TencentDetails::answer(
                "ResourceNotFound",
                Some("r-1".into())
            )),
            json!({ "apiCode": "ResourceNotFound", "requestId": "r-1" })
        );
        let mut tested = TencentDetails::answer("AuthFailure.SecretIdNotFound", None);
        tested.other_site = Some(Site::China);
        tested.other_site_accepts = Some(None);
        assert_eq!(
            json_of(tested),
            json!({ "apiCode": "AuthFailure.SecretIdNotFound", "otherSite": "china",
                    "otherSiteAccepts": null })
        );
        let dropped = NetworkDetails {
            outcome_unknown: true,
            ..NetworkDetails::of(NetworkKind::ConnectionDropped)
        };
        assert_eq!(
            json_of(dropped),
            json!({ "kind": "ConnectionDropped", "outcomeUnknown": true })
        );
        assert_eq!(
            json_of(ErrorDetails::missing(Missing::Draft, 4)),
            json!({ "what": "draft", "id": 4 })
        );
        assert_eq!(
            json_of(PathDetails {
                path: "/x".into(),
                problem: Some(PathProblem::NotAFile)
            }),
            json!({ "path": "/x", "problem": "not_a_file" })
        );
        assert_eq!(
            json_of(ErrorDetails::import("too_many_rows")),
            json!({ "importCode": "too_many_rows" })
        );
    }
}
