//! What each client result means for an application, and the attempts log entries.

use numdesk_client::{
    AttemptRecord, ClientError, CreateOwnNumberApplyResponse, ErrorClass, NextStep,
};
use numdesk_store::{AttemptInput, Outcome};

use crate::progress::{PauseKind, PauseReason};

/// The store outcome of a `CreateOwnNumberApply` result, and whether the whole queue must stop.
pub(crate) fn create_outcome(
    result: &Result<CreateOwnNumberApplyResponse, ClientError>,
    application_id: i64,
) -> (Outcome, Option<PauseReason>) {
    let e = match result {
        Ok(r) => {
            return (
                Outcome::Submitted {
                    apply_id: r.apply_id,
                    request_id: r.request_id.clone(),
                },
                None,
            );
        }
        Err(e) => e,
    };
    let code = e.api_code().map(str::to_owned);
    let message = match e.as_api() {
        Some(api) => api.message.clone(),
        None => e.to_string(),
    };
    let request_id = e.request_id().map(str::to_owned);
    let kind = e.network_failure();
    // Codes Tencent documents for ModifyOwnNumberApply only: answered to a Create, they are as
    // undocumented as any other, and no proof that nothing was created.
    if matches!(
        e.class(),
        ErrorClass::ApplyNotFound | ErrorClass::ApplyNotEditable
    ) {
        return (
            Outcome::Unknown {
                message: format!(
                    "Tencent answered {}, a code it documents only for changing an existing \
                     application, to this new application ({message}). Whether the application \
                     was created is unknown: look for it in the Tencent Cloud console.",
                    code.as_deref().unwrap_or("an error")
                ),
                code,
                request_id,
                kind,
            },
            None,
        );
    }
    if e.may_have_taken_effect() {
        return (
            Outcome::Unknown {
                code: Some(code.unwrap_or_else(|| class_name(e.class()).to_owned())),
                message,
                request_id,
                kind,
            },
            None,
        );
    }
    if let Some(pause) = queue_wide(e.class()) {
        let reason = PauseReason {
            kind: pause,
            code: code.clone(),
            message: pause_message(pause, e),
            application_id: Some(application_id),
            clock_offset_secs: None,
            network_kind: kind,
        };
        return (
            Outcome::Requeued {
                code: Some(code.unwrap_or_else(|| class_name(e.class()).to_owned())),
                message,
                kind,
            },
            Some(reason),
        );
    }
    (
        Outcome::Failed {
            code: code.unwrap_or_else(|| class_name(e.class()).to_owned()),
            message,
            request_id,
            kind,
        },
        None,
    )
}

/// Problems that concern every application alike: certainly nothing was created, and sending
/// the others would fail the same way. The application goes back to the queue and the queue
/// stops with a reason.
pub(crate) fn queue_wide(class: ErrorClass) -> Option<PauseKind> {
    match class {
        ErrorClass::WaitingApprovalOverflow => Some(PauseKind::WaitingApprovalOverflow),
        ErrorClass::NotSent => Some(PauseKind::Network),
        ErrorClass::Auth => Some(PauseKind::Credentials),
        ErrorClass::Permission => Some(PauseKind::Permission),
        ErrorClass::ClockSkew => Some(PauseKind::Clock),
        ErrorClass::RateLimited => Some(PauseKind::RateLimited),
        ErrorClass::Local => Some(PauseKind::Local),
        _ => None,
    }
}

fn pause_message(kind: PauseKind, e: &ClientError) -> String {
    let what = match kind {
        PauseKind::WaitingApprovalOverflow => {
            "Tencent has too many applications of this SdkAppId waiting for review. The queue is \
             paused and nothing was lost: resume once some applications have been reviewed."
        }
        PauseKind::Network => {
            "Requests could not be sent (no connection, DNS, proxy or certificate problem). \
             Nothing reached Tencent; resume when the connection works."
        }
        PauseKind::Credentials => {
            "Tencent refused the API key. Check the SecretId/SecretKey (no spaces pasted) and the \
             site: a key of the China site does not work on the International site and vice \
             versa."
        }
        PauseKind::Permission => {
            "The API key lacks the CAM permission ccc:CreateOwnNumberApply. Ask the account \
             administrator to grant it, then resume."
        }
        PauseKind::Clock => {
            "This computer's clock is more than 5 minutes off. Synchronise the clock, then resume."
        }
        PauseKind::RateLimited => {
            "Tencent kept answering RequestLimitExceeded after every retry (another tool may be \
             using the same account). Resume in a minute."
        }
        PauseKind::Local | PauseKind::Storage => "A local problem stopped sending.",
    };
    format!("{what} ({e})")
}

/// A stable name of an error class, used as the code of errors without a Tencent code.
pub(crate) fn class_name(class: ErrorClass) -> &'static str {
    match class {
        ErrorClass::RateLimited => "RateLimited",
        ErrorClass::ClockSkew => "ClockSkew",
        ErrorClass::Auth => "Auth",
        ErrorClass::Permission => "Permission",
        ErrorClass::InstanceNotFound => "InstanceNotFound",
        ErrorClass::SipTrunkNotFound => "SipTrunkNotFound",
        ErrorClass::InvalidPhoneNumber => "InvalidPhoneNumber",
        ErrorClass::WaitingApprovalOverflow => "WaitingApprovalOverflow",
        ErrorClass::ApplyNotFound => "ApplyNotFound",
        ErrorClass::ApplyNotEditable => "ApplyNotEditable",
        ErrorClass::ServerFault => "ServerFault",
        ErrorClass::BadRequest => "BadRequest",
        ErrorClass::NotSent => "NotSent",
        ErrorClass::OutcomeUnknown => "OutcomeUnknown",
        ErrorClass::UnexpectedResponse => "UnexpectedResponse",
        ErrorClass::OtherApi => "OtherApi",
        ErrorClass::Local => "Local",
    }
}

/// A client attempt record as an attempts-log row (no secret or signature is in either).
pub(crate) fn attempt_input(r: &AttemptRecord) -> AttemptInput {
    AttemptInput {
        started_at_unix_ms: r.started_at_unix_ms,
        action: r.action.clone(),
        attempt: r.attempt,
        request_id: r.request_id.clone(),
        error_class: r.error_class.map(|c| class_name(c).to_owned()),
        error_code: r.error_code.clone(),
        error_message: r.error_message.clone(),
        latency_ms: r.latency_ms,
        rate_limit_wait_ms: r.rate_limit_wait_ms,
        next_step: match r.next {
            NextStep::Done => "done",
            NextStep::RetryAfterBackoff { .. } => "retry_after_backoff",
            NextStep::RetryWithClockCorrection { .. } => "retry_with_clock_correction",
        }
        .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use numdesk_client::{ApiError, NetworkKind};

    use super::*;

    fn api(code: &str) -> Result<CreateOwnNumberApplyResponse, ClientError> {
        Err(ClientError::Api(ApiError {
            code: code.into(),
            message: "m".into(),
            request_id: "r".into(),
        }))
    }

    #[test]
    fn each_error_row_maps_to_the_right_state() {
        let (o, p) = create_outcome(&api("InternalError"), 1);
        assert!(
            matches!(o, Outcome::Unknown { .. }),
            "rule: InternalError may have created it"
        );
        assert!(p.is_none());
        let (o, p) = create_outcome(&api("InvalidParameterValue.WaitingApprovalOverflow"), 1);
        assert!(
            matches!(o, Outcome::Requeued { .. }),
            "overflow keeps the batch queued"
        );
        assert_eq!(
            p.unwrap().kind,
            PauseKind::WaitingApprovalOverflow,
            "and pauses the queue"
        );
        let (o, p) = create_outcome(&api("InvalidParameter.DuplicatePhoneNumber"), 1);
        assert!(
            matches!(o, Outcome::Failed { .. }),
            "a permanent error fails this batch only"
        );
        assert!(
            p.is_none(),
            "rule: a permanent error on one batch does not stop the others"
        );
        let (o, p) = create_outcome(&api("AuthFailure.SecretIdNotFound"), 1);
        assert!(matches!(o, Outcome::Requeued { .. }));
        assert_eq!(p.unwrap().kind, PauseKind::Credentials);
        let dropped = Err(ClientError::OutcomeUnknown {
            kind: numdesk_client::UnknownOutcomeKind::ConnectionDropped,
            detail: "eof".into(),
        });
        let (o, _) = create_outcome(&dropped, 1);
        assert!(
            matches!(&o, Outcome::Unknown { code: Some(c), .. } if c == "OutcomeUnknown"),
            "rule: a dropped response is unknown, never failed or queued: {o:?}"
        );
        assert!(
            matches!(
                &o,
                Outcome::Unknown {
                    kind: Some(NetworkKind::ConnectionDropped),
                    ..
                }
            ),
            "which network failure is kept by name: {o:?}"
        );
        let not_sent = Err(ClientError::NotSent {
            kind: numdesk_client::NetworkErrorKind::Certificate,
            detail: "invalid peer certificate".into(),
        });
        let (o, p) = create_outcome(&not_sent, 1);
        assert!(
            matches!(
                o,
                Outcome::Requeued {
                    kind: Some(NetworkKind::Certificate),
                    ..
                }
            ),
            "nothing reached Tencent: send later: {o:?}"
        );
        let p = p.unwrap();
        assert_eq!(
            (p.kind, p.network_kind),
            (PauseKind::Network, Some(NetworkKind::Certificate))
        );
    }
}
