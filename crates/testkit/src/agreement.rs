//! The outbox's guarantees, checked between the sandbox's applications and the local ones.

use std::collections::{BTreeSet, HashMap, HashSet};

use numdesk_sandbox::SandboxApplication;
use numdesk_store::{ApplicationFilter, ApplicationState, ApplicationSummary, Store};

fn set(numbers: &[String]) -> BTreeSet<String> {
    numbers.iter().cloned().collect()
}

/// What [`check_agreement`] found.
#[derive(Debug, Default, Clone, Copy)]
pub struct Agreement {
    pub sandbox_applications: usize,
    pub local_submitted: usize,
    pub local_unknown: usize,
    /// Unknown applications that the sandbox did create (the request had arrived).
    pub unknown_created: usize,
    /// Unknown applications the sandbox never saw.
    pub unknown_not_created: usize,
}

/// The guarantees: no number in two applications (on either side), every ApplyId the sandbox
/// issued is known locally with the same numbers or its batch is `unknown`, every local ApplyId
/// exists in the sandbox with the same numbers, nothing is left `sending`, and
/// `PRAGMA integrity_check` is ok. Panics naming the rule broken.
pub fn check_agreement(sandbox: &[SandboxApplication], store: &Store) -> Agreement {
    let local = store.applications(&ApplicationFilter::all()).unwrap();
    assert!(
        local.iter().all(|a| a.state != ApplicationState::Sending),
        "rule: nothing is left `sending` once the outbox has been reopened"
    );
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for app in sandbox {
        for n in &app.numbers {
            if let Some(other) = seen.insert(n, app.apply_id) {
                panic!(
                    "rule: no number in two applications — {n} is in {other} and {}",
                    app.apply_id
                );
            }
        }
    }
    let mut held: HashMap<&str, i64> = HashMap::new();
    for app in local.iter().filter(|a| a.state != ApplicationState::Failed) {
        for n in &app.numbers {
            if let Some(other) = held.insert(n, app.id) {
                panic!(
                    "rule: no number in two local applications — {n} in {other} and {}",
                    app.id
                );
            }
        }
    }
    let by_apply: HashMap<u64, &ApplicationSummary> = local
        .iter()
        .filter_map(|a| a.apply_id.map(|id| (id, a)))
        .collect();
    let unknown_sets: HashMap<BTreeSet<String>, &ApplicationSummary> = local
        .iter()
        .filter(|a| a.state == ApplicationState::Unknown)
        .map(|a| (set(&a.numbers), a))
        .collect();
    let mut created_unknown = HashSet::new();
    for app in sandbox {
        match by_apply.get(&app.apply_id) {
            Some(l) => assert_eq!(
                set(&l.numbers),
                set(&app.numbers),
                "ApplyId {} has the same numbers on both sides",
                app.apply_id
            ),
            None => {
                let l = unknown_sets.get(&set(&app.numbers)).unwrap_or_else(|| {
                    panic!(
                        "rule: every ApplyId the sandbox issued is known locally or its batch is \
                         unknown — ApplyId {} ({} numbers, first {:?}) is neither",
                        app.apply_id,
                        app.numbers.len(),
                        app.numbers.first()
                    )
                });
                created_unknown.insert(l.id);
            }
        }
    }
    let sandbox_ids: HashSet<u64> = sandbox.iter().map(|a| a.apply_id).collect();
    for l in local
        .iter()
        .filter(|a| a.state == ApplicationState::Submitted)
    {
        let id = l.apply_id.unwrap();
        assert!(
            sandbox_ids.contains(&id),
            "local ApplyId {id} exists in the sandbox"
        );
    }
    assert_eq!(
        store.integrity_check().unwrap(),
        ["ok"],
        "rule: PRAGMA integrity_check is ok"
    );
    Agreement {
        sandbox_applications: sandbox.len(),
        local_submitted: local
            .iter()
            .filter(|a| a.state == ApplicationState::Submitted)
            .count(),
        local_unknown: unknown_sets.len(),
        unknown_created: created_unknown.len(),
        unknown_not_created: unknown_sets.len() - created_unknown.len(),
    }
}

/// For each unknown application (oldest first): the sandbox's ApplyId with the same numbers —
/// what the user finds in the console — or `None` (it is not there: resend).
pub fn unknown_lookup(sandbox: &[SandboxApplication], store: &Store) -> Vec<(i64, Option<u64>)> {
    let local = store.applications(&ApplicationFilter::all()).unwrap();
    let known: HashSet<u64> = local.iter().filter_map(|a| a.apply_id).collect();
    let by_set: HashMap<BTreeSet<String>, u64> = sandbox
        .iter()
        .filter(|a| !known.contains(&a.apply_id))
        .map(|a| (set(&a.numbers), a.apply_id))
        .collect();
    local
        .iter()
        .filter(|a| a.state == ApplicationState::Unknown)
        .map(|a| (a.id, by_set.get(&set(&a.numbers)).copied()))
        .collect()
}

/// Plays the user for every unknown application: the ApplyId from the console when the sandbox
/// has it, otherwise a confirmed resend. Returns (resolved by ApplyId, resent).
pub fn unknown_resolutions(
    sandbox: &[SandboxApplication],
    store: &Store,
) -> (Vec<(i64, u64)>, Vec<i64>) {
    let mut resolve = Vec::new();
    let mut resend = Vec::new();
    for (id, found) in unknown_lookup(sandbox, store) {
        match found {
            Some(apply_id) => resolve.push((id, apply_id)),
            None => resend.push(id),
        }
    }
    (resolve, resend)
}
