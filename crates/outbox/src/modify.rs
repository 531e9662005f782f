//! `ModifyOwnNumberApply`: change the numbers of a submitted application.

use numdesk_client::{
    AttemptLog, CallType, Client, ErrorClass, ModifyOwnNumberApplyRequest, OwnNumberApplyDetailItem,
};
use numdesk_store::{ApplicationSummary, ModifyOutcome, NumberDetail};
use serde::Serialize;
use ts_rs::TS;

use crate::classify::{attempt_input, class_name};
use crate::{Outbox, OutboxError, blocking};

/// How a change ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ModifyResult {
    /// Tencent accepted the new list; the application is pending review again.
    Applied,
    /// Tencent refused it (or it could not be sent); the old numbers stay.
    Refused,
    /// No answer: the new list may be in force. Sending the same change again is harmless.
    Unknown,
}

/// The result of [`Outbox::modify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ModifyReport {
    /// How it ended.
    pub result: ModifyResult,
    /// The application afterwards.
    pub application: ApplicationSummary,
    /// What a refusal or unknown outcome means, for people.
    pub explanation: Option<String>,
}

/// What `ErrorApplyStatus` means.
pub(crate) fn not_editable_explanation(apply_id: u64) -> String {
    format!(
        "Tencent no longer accepts changes to application {apply_id}: only applications that are \
         still waiting for review or were rejected can be modified, and this one has most likely \
         been approved already (run a reconcile to see which numbers are live). Submit the \
         changed numbers as a new application instead."
    )
}

impl Outbox {
    /// Replaces the numbers of submitted application `id` with `details` by sending
    /// `ModifyOwnNumberApply` (the optional fields it was created with are sent again, since
    /// Modify replaces them). The change is committed as `sending` before the request leaves;
    /// the numbers change locally only once Tencent accepted it. `ErrorApplyStatus` comes back
    /// as [`OutboxError::NotEditable`] with an explanation.
    pub async fn modify(
        &self,
        client: &Client,
        id: i64,
        details: Vec<NumberDetail>,
    ) -> Result<ModifyReport, OutboxError> {
        self.same_scope(id, &crate::endpoint_scope(client))?;
        let items = details
            .iter()
            .map(|d| {
                let call_type = CallType::from_code(i64::from(d.call_type)).ok_or_else(|| {
                    OutboxError::InvalidSetting {
                        field: "CallType",
                        reason: format!(
                            "{} for {}: expected 0 (inbound), 1 (outbound) or 2 (both)",
                            d.call_type, d.phone_number
                        ),
                    }
                })?;
                Ok(OwnNumberApplyDetailItem {
                    call_type,
                    phone_number: d.phone_number.clone(),
                    max_call_count: d.max_call_count,
                    max_call_p_sec: d.max_call_p_sec,
                    outbound_callee_format: d.outbound_callee_format.clone(),
                    carrier_phone_number: d.carrier_phone_number.clone(),
                })
            })
            .collect::<Result<Vec<_>, OutboxError>>()?;
        let target = blocking(&self.store, move |s| s.begin_modify(id, &details)).await?;
        let o = &target.options;
        let mut request =
            ModifyOwnNumberApplyRequest::new(target.sdk_app_id, target.apply_id, items);
        request.prefix = o.prefix.clone();
        request.mobile_ndd_prefix = o.mobile_ndd_prefix.clone();
        request.local_number_trim_ac = o.local_number_trim_ac;
        request.callee_format_passthrough = o.callee_format_passthrough;
        request.caller_format_passthrough = o.caller_format_passthrough;
        request.international_number_prefix = o.international_number_prefix.clone();

        let log = AttemptLog::new();
        let result = client
            .with_observer(log.clone())
            .modify_own_number_apply(&request)
            .await;
        let attempts: Vec<_> = log.records().iter().map(attempt_input).collect();
        let (outcome, report, error) = match result {
            Ok(_) => (ModifyOutcome::Applied, ModifyResult::Applied, None),
            Err(e) => {
                let code = e
                    .api_code()
                    .map(str::to_owned)
                    .unwrap_or_else(|| class_name(e.class()).to_owned());
                let tencent = match e.as_api() {
                    Some(api) => api.message.clone(),
                    None => e.to_string(),
                };
                if e.may_have_taken_effect() {
                    let message = format!(
                        "No answer came, so the change may or may not be in force ({tencent}). \
                         Sending the same change again is harmless."
                    );
                    (
                        ModifyOutcome::Unknown {
                            code: Some(code),
                            message,
                        },
                        ModifyResult::Unknown,
                        None,
                    )
                } else if e.class() == ErrorClass::ApplyNotEditable {
                    let explanation = not_editable_explanation(target.apply_id);
                    let message = format!("{explanation} (Tencent: {tencent})");
                    (
                        ModifyOutcome::Refused { code, message },
                        ModifyResult::Refused,
                        Some(OutboxError::NotEditable {
                            id,
                            apply_id: target.apply_id,
                            explanation,
                            source: e,
                        }),
                    )
                } else {
                    (
                        ModifyOutcome::Refused {
                            code,
                            message: tencent,
                        },
                        ModifyResult::Refused,
                        None,
                    )
                }
            }
        };
        let recorded = outcome.clone();
        blocking(&self.store, move |s| {
            s.finish_modify(id, &recorded, &attempts)
        })
        .await?;
        if let Some(error) = error {
            return Err(error);
        }
        let explanation = match &outcome {
            ModifyOutcome::Applied => None,
            ModifyOutcome::Refused { message, .. } | ModifyOutcome::Unknown { message, .. } => {
                Some(message.clone())
            }
        };
        Ok(ModifyReport {
            result: report,
            application: self.application(id)?,
            explanation,
        })
    }
}
