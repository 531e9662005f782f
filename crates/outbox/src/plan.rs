//! From a draft to queued applications: checks, duplicates, batches.

use std::collections::HashSet;

use numdesk_model::{Country, NumberForm, PhoneChecker};
use numdesk_store::{
    ApplyOptions, Draft, DraftRow, DuplicateNumber, EndpointScope, NumberDetail, Severity,
    SubmissionNumber,
};
use serde::Serialize;
use ts_rs::TS;

use crate::error::RowProblem;
use crate::{DEFAULT_NUMBERS_PER_APPLICATION, OutboxError};

/// How to submit a draft. Fields left `None` come from the draft's header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubmitSettings {
    /// `SdkAppId`.
    pub sdk_app_id: Option<u64>,
    /// `SipTrunkId`.
    pub sip_trunk_id: Option<i64>,
    /// The optional fields (replace the draft's when given).
    pub options: Option<ApplyOptions>,
    /// Numbers per application; default 100.
    pub numbers_per_application: Option<usize>,
    /// Queue numbers that a submitted/unknown application already holds (the user insisted).
    pub include_duplicates: bool,
    /// The form the numbers are sent in (replaces the draft's when given; default national).
    pub number_form: Option<NumberForm>,
    /// The country national numbers are read for (replaces the draft's when given).
    pub country: Option<Country>,
}

/// What submitting a draft would do; nothing is queued by [`Outbox::plan`](crate::Outbox::plan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Plan {
    /// The draft.
    #[ts(type = "number")]
    pub draft_id: i64,
    /// Where it would go.
    pub scope: EndpointScope,
    /// `SdkAppId`.
    #[ts(type = "number")]
    pub sdk_app_id: u64,
    /// `SipTrunkId`.
    #[ts(type = "number")]
    pub sip_trunk_id: i64,
    /// Optional fields.
    pub options: ApplyOptions,
    /// Rows in the draft.
    pub rows: u32,
    /// Rows that block sending (errors, missing values).
    pub blocked: Vec<RowProblem>,
    /// Numbers already taken (or repeated in the draft).
    pub duplicates: Vec<DuplicateNumber>,
    /// Numbers that would be queued.
    pub numbers_to_send: u32,
    /// Applications that would be created.
    pub application_count: u32,
    /// Numbers per application.
    pub numbers_per_application: u32,
    /// The form every number is sent in.
    pub number_form: NumberForm,
    /// The country national numbers are read for (ISO code).
    pub country: Option<String>,
    /// The first number to send, as it will be sent (shows the form).
    pub example_number: Option<String>,
    /// A digest of everything this plan would send and where: destination, SdkAppId,
    /// SipTrunkId, optional fields, form, numbers per application and every row as it would leave. Two plans
    /// with the same fingerprint send the same requests; a confirmation is bound to it.
    pub fingerprint: String,
}

impl Plan {
    /// True when nothing blocks sending.
    pub fn can_send(&self) -> bool {
        self.blocked.is_empty() && self.numbers_to_send > 0
    }
}

pub(crate) struct Resolved {
    pub sdk_app_id: u64,
    pub sip_trunk_id: i64,
    pub options: ApplyOptions,
    pub numbers_per_application: usize,
    pub number_form: NumberForm,
    pub country: Option<Country>,
}

/// The settings for `draft`: `settings` first, then the draft's header; national numbers are
/// read for `fallback_country` when neither names a country.
pub(crate) fn resolve(
    draft: &Draft,
    settings: &SubmitSettings,
    fallback_country: Option<Country>,
) -> Result<Resolved, OutboxError> {
    let header = &draft.summary.header;
    let sdk_app_id = settings.sdk_app_id.or(header.sdk_app_id).ok_or(OutboxError::MissingSetting {
        field: "SdkAppId",
        hint: "give the CCC application id (e.g. --sdk-app-id 1400000000) or set it on the draft",
    })?;
    let sip_trunk_id =
        settings
            .sip_trunk_id
            .or(header.sip_trunk_id)
            .ok_or(OutboxError::MissingSetting {
                field: "SipTrunkId",
                hint: "give the SIP trunk id (e.g. --sip-trunk-id 77) or set it on the draft",
            })?;
    if sdk_app_id == 0 {
        return Err(OutboxError::InvalidSetting {
            field: "SdkAppId",
            reason: "must be a positive number such as 1400000000".into(),
        });
    }
    let numbers_per_application = settings
        .numbers_per_application
        .unwrap_or(DEFAULT_NUMBERS_PER_APPLICATION);
    if numbers_per_application == 0 {
        return Err(OutboxError::InvalidSetting {
            field: "numbers per application",
            reason: "at least 1 number per application".into(),
        });
    }
    Ok(Resolved {
        sdk_app_id,
        sip_trunk_id,
        options: settings
            .options
            .clone()
            .unwrap_or_else(|| header.options.clone()),
        numbers_per_application,
        number_form: settings
            .number_form
            .or(header.number_form)
            .unwrap_or_default(),
        country: settings
            .country
            .or_else(|| header.country.as_deref().and_then(|c| c.parse().ok()))
            .or(fallback_country),
    })
}

/// The number to send for `row` (written in `form`), or why it cannot be sent.
fn detail_of(
    row: &DraftRow,
    checker: &mut PhoneChecker,
    form: NumberForm,
) -> Result<NumberDetail, String> {
    if let Some(e) = row.findings.iter().find(|f| f.severity == Severity::Error) {
        return Err(e.message.clone());
    }
    let missing = |field: &str| format!("{field} is missing");
    let call_type = row.call_type.ok_or_else(|| missing("CallType"))?;
    if call_type > 2 {
        return Err(format!("CallType {call_type} is not 0, 1 or 2"));
    }
    let max_call_count = row.max_call_count.ok_or_else(|| missing("MaxCallCount"))?;
    let max_call_p_sec = row.max_call_p_sec.ok_or_else(|| missing("MaxCallPSec"))?;
    if max_call_count < 1 || max_call_p_sec < 1 {
        return Err("MaxCallCount and MaxCallPSec must be at least 1".into());
    }
    if row.phone_number.trim().is_empty() {
        return Err(missing("PhoneNumber"));
    }
    let outbound_callee_format = match row.outbound_callee_format.as_deref() {
        None => None,
        Some(f) => Some(
            numdesk_model::callee_format(f)
                .ok_or_else(|| {
                    format!("OutboundCalleeFormat \"{f}\" is not {{+E.164}} or {{E.164}}")
                })?
                .to_owned(),
        ),
    };
    Ok(NumberDetail {
        phone_number: checker
            .format(&row.phone_number, form)
            .unwrap_or_else(|| row.phone_number.clone()),
        call_type,
        max_call_count,
        max_call_p_sec,
        outbound_callee_format,
        carrier_phone_number: row.carrier_phone_number.clone(),
    })
}

/// The rows as numbers to queue (each written in `r`'s form), and the rows that block.
pub(crate) fn numbers_of(draft: &Draft, r: &Resolved) -> (Vec<SubmissionNumber>, Vec<RowProblem>) {
    let mut numbers = Vec::with_capacity(draft.rows.len());
    let mut blocked = Vec::new();
    let mut checker = PhoneChecker::new(r.country);
    for (i, row) in draft.rows.iter().enumerate() {
        match detail_of(row, &mut checker, r.number_form) {
            Ok(detail) => numbers.push(SubmissionNumber {
                draft_position: Some(i as u64),
                detail,
            }),
            Err(message) => blocked.push(RowProblem {
                position: u32::try_from(i).unwrap_or(u32::MAX),
                source_line: row.source_line,
                phone_number: row.phone_number.clone(),
                message,
            }),
        }
    }
    (numbers, blocked)
}

/// What [`Plan::fingerprint`] digests, in this order (serialised as JSON, then SHA-256).
#[derive(Serialize)]
struct Bound<'a> {
    scope: &'a EndpointScope,
    sdk_app_id: u64,
    sip_trunk_id: i64,
    options: &'a ApplyOptions,
    numbers_per_application: usize,
    number_form: NumberForm,
    country: Option<&'a str>,
    include_duplicates: bool,
    numbers: Vec<(Option<u64>, &'a NumberDetail)>,
    duplicates: &'a [DuplicateNumber],
    blocked: &'a [RowProblem],
}

/// The fingerprint of a plan (see [`Plan::fingerprint`]).
pub(crate) fn fingerprint(
    scope: &EndpointScope,
    r: &Resolved,
    include_duplicates: bool,
    numbers: &[SubmissionNumber],
    duplicates: &[DuplicateNumber],
    blocked: &[RowProblem],
) -> String {
    use sha2::Digest;
    let bound = Bound {
        scope,
        sdk_app_id: r.sdk_app_id,
        sip_trunk_id: r.sip_trunk_id,
        options: &r.options,
        numbers_per_application: r.numbers_per_application,
        number_form: r.number_form,
        country: r.country.as_ref().map(|c| c.iso()),
        include_duplicates,
        numbers: numbers
            .iter()
            .map(|n| (n.draft_position, &n.detail))
            .collect(),
        duplicates,
        blocked,
    };
    // Plain data of serialisable types: serialising cannot fail.
    let json = serde_json::to_vec(&bound).unwrap_or_default();
    hex::encode(sha2::Sha256::digest(&json))
}

/// Numbers repeated within the draft, by canonical key (every copy after the first).
pub(crate) fn repeats(
    numbers: &[SubmissionNumber],
    country: Option<Country>,
) -> Vec<DuplicateNumber> {
    let mut seen = HashSet::new();
    let mut checker = PhoneChecker::new(country);
    numbers
        .iter()
        .filter(|n| !seen.insert(checker.key(&n.detail.phone_number)))
        .map(|n| DuplicateNumber {
            phone_number: n.detail.phone_number.clone(),
            draft_position: n.draft_position,
            application_id: None,
            state: None,
            apply_id: None,
            included: false,
            held_as: None,
            sdk_app_id: None,
        })
        .collect()
}
