//! Reconcile: DescribeNumbers (every page) tells which numbers are live.

use std::collections::HashSet;

use numdesk_client::{AttemptLog, Client, DescribeNumbersRequest};
use numdesk_model::PhoneChecker;
use numdesk_store::ListedNumber;
use serde::Serialize;
use ts_rs::TS;

use crate::classify::attempt_input;
use crate::{Outbox, OutboxError, blocking};

/// Page size used for DescribeNumbers.
pub const RECONCILE_PAGE_SIZE: u64 = 100;
/// A safety stop for a server that never stops paging.
const MAX_PAGES: u64 = 100_000;

/// What [`Outbox::reconcile`] found and changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReconcileReport {
    /// `SdkAppId` reconciled.
    #[ts(type = "number")]
    pub sdk_app_id: u64,
    /// DescribeNumbers pages read.
    pub pages: u32,
    /// Numbers listed in all (bought and own).
    #[ts(type = "number")]
    pub numbers_listed: u64,
    /// Numbers that may be own numbers: every listed number on the International site (its
    /// DescribeNumbers has no CostType), CostType 1 on the China site.
    #[ts(type = "number")]
    pub own_numbers: u64,
    /// Numbers of our applications newly marked live.
    #[ts(type = "number")]
    pub numbers_marked: u64,
    /// Applications newly marked approved (all their numbers live).
    #[ts(type = "Array<number>")]
    pub approved: Vec<i64>,
}

impl Outbox {
    /// Reads every page of `DescribeNumbers` for `sdk_app_id`, marks the numbers of submitted
    /// (and unknown) applications that are now listed, and marks submitted applications whose
    /// numbers are all live as approved.
    ///
    /// Per site: the China site says CostType 1 for an own number (0: bought from Tencent) and
    /// a number with CostType 0 is not ours; the International site has no CostType, so a listed
    /// number is live. Both list `0086…`, not the form submitted: numbers are matched by their
    /// canonical key ([`numdesk_model::number_key`]), never as text.
    ///
    /// The whole listing is kept too ([`numdesk_store::Store::live_numbers`]): what is already
    /// live there, whoever applied for it.
    pub async fn reconcile(
        &self,
        client: &Client,
        sdk_app_id: u64,
    ) -> Result<ReconcileReport, OutboxError> {
        self.reconcile_paced(client, sdk_app_id, || async {}).await
    }

    /// [`Outbox::reconcile`], awaiting `gate` before every page (the approval watch keeps to
    /// its call budget this way).
    pub async fn reconcile_paced<F, Fut>(
        &self,
        client: &Client,
        sdk_app_id: u64,
        mut gate: F,
    ) -> Result<ReconcileReport, OutboxError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = ()>,
    {
        let log = AttemptLog::new();
        let observed = client.with_observer(log.clone());
        let mut live = HashSet::new();
        let mut listing: Vec<ListedNumber> = Vec::new();
        // Listed numbers are international (`0086…`); one listed nationally is read for the
        // import's country.
        let country = blocking(&self.store, |s| s.import_country()).await?;
        let mut checker = PhoneChecker::new(country);
        let mut listed = 0u64;
        let mut page = 0u64;
        let result = loop {
            if page >= MAX_PAGES {
                break Ok(());
            }
            gate().await;
            let request = DescribeNumbersRequest::page(sdk_app_id, page, RECONCILE_PAGE_SIZE);
            let response = match observed.describe_numbers(&request).await {
                Ok(r) => r,
                Err(e) => break Err(e),
            };
            page += 1;
            let count = response.numbers.len() as u64;
            listed += count;
            for n in response.numbers {
                let key = checker.key(&n.number);
                if n.may_be_own_number() {
                    live.insert(key.clone());
                }
                listing.push(ListedNumber {
                    number: n.number,
                    number_key: key,
                    cost_type: n.cost_type,
                });
            }
            let total = response.total_count.unwrap_or(0);
            if count == 0 || listed >= total {
                break Ok(());
            }
        };
        let attempts: Vec<_> = log.records().iter().map(attempt_input).collect();
        blocking(&self.store, move |s| s.log_attempts(&attempts)).await?;
        result?;
        let own = live.len() as u64;
        let scope = crate::endpoint_scope(client);
        let marks = blocking(&self.store, move |s| {
            s.save_listing(&scope, sdk_app_id, &listing)?;
            s.mark_live(&scope, sdk_app_id, &live)
        })
        .await?;
        Ok(ReconcileReport {
            sdk_app_id,
            pages: u32::try_from(page).unwrap_or(u32::MAX),
            numbers_listed: listed,
            own_numbers: own,
            numbers_marked: marks.numbers_marked,
            approved: marks.approved,
        })
    }
}
