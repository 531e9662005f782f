//! What the first application of a submission would send, before anything is queued: the
//! submit screen shows this request (signed, secrets redacted) so the user sees exactly what
//! will leave.

use std::collections::HashSet;

use numdesk_client::CreateOwnNumberApplyRequest;
use numdesk_store::{EndpointScope, QueuedApplication};

use crate::plan::{self, Plan, SubmitSettings};
use crate::{Outbox, OutboxError};

impl Outbox {
    /// [`plan`](Self::plan), plus the `CreateOwnNumberApply` request of the first application
    /// [`enqueue_draft`](Self::enqueue_draft) would queue with the same settings: the same
    /// numbers left out (repeats, and numbers held by other applications unless
    /// `include_duplicates`), the same split, the same request building as sending. `None`
    /// when nothing would be sent (every number taken, or rows that block sending).
    pub fn preview(
        &self,
        draft_id: i64,
        settings: &SubmitSettings,
        scope: &EndpointScope,
    ) -> Result<(Plan, Option<CreateOwnNumberApplyRequest>), OutboxError> {
        let plan = self.plan(draft_id, settings, scope)?;
        if !plan.can_send() {
            return Ok((plan, None));
        }
        let draft = self.store.draft(draft_id)?.ok_or(OutboxError::NotFound {
            what: "draft",
            id: draft_id,
        })?;
        let r = plan::resolve(&draft, settings, self.store.import_country()?)?;
        let (numbers, _) = plan::numbers_of(&draft, &r);
        let mut checker = numdesk_model::PhoneChecker::new(r.country);
        let taken: HashSet<&str> = plan
            .duplicates
            .iter()
            .filter(|d| d.application_id.is_some() && !d.included)
            .map(|d| d.phone_number.as_str())
            .collect();
        let mut seen = HashSet::new();
        let details: Vec<_> = numbers
            .iter()
            .filter(|n| seen.insert(checker.key(&n.detail.phone_number)))
            .filter(|n| !taken.contains(n.detail.phone_number.as_str()))
            .take(r.numbers_per_application)
            .map(|n| n.detail.clone())
            .collect();
        if details.is_empty() {
            return Ok((plan, None));
        }
        let first = QueuedApplication {
            id: 0,
            scope: scope.clone(),
            sdk_app_id: r.sdk_app_id,
            sip_trunk_id: r.sip_trunk_id,
            options: r.options,
            details,
        };
        let request =
            crate::run::request_of(&first).map_err(|reason| OutboxError::InvalidSetting {
                field: "DetailList",
                reason,
            })?;
        Ok((plan, Some(request)))
    }
}
