//! Fault test: 10% dropped responses (after the sandbox committed), 10% InternalError (before it
//! committed) and a sandbox rate limit below the client's, so `RequestLimitExceeded` happens.
//! The guarantees must hold throughout, and once the user has settled every unknown application
//! each number is in exactly one application on both sides.

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use common::*;
use numdesk_client::RateLimiter;
use numdesk_outbox::{
    NoProgress, Selection, SendControl, SendOutcome, SubmitSettings, endpoint_scope,
};
use numdesk_sandbox::{Faults, SandboxConfig};
use numdesk_store::{ApplicationFilter, ApplicationState};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_responses_internal_errors_and_rate_limits_never_duplicate_or_lose_a_number() {
    let sb = sandbox(SandboxConfig {
        // The client allows 20 per second; the server only 10: RequestLimitExceeded follows.
        rate_limit_per_sec: 10,
        faults: Faults {
            drop_after_commit_rate: 0.10,
            internal_error_rate: 0.10,
            ..Faults::default()
        },
        ..sandbox_config()
    })
    .await;
    let env = Env::new();
    let outbox = env.outbox();
    let client = client_for(&sb.url(), RateLimiter::default());
    let scope = endpoint_scope(&client);
    let all = numbers("0301", 1000);
    let d = draft(outbox.store(), "faults", &all);
    let settings = SubmitSettings {
        numbers_per_application: Some(10),
        ..SubmitSettings::default()
    };
    let queued = outbox.enqueue_draft(d, &settings, &scope).unwrap();
    assert_eq!(queued.application_ids.len(), 100);

    let mut rate_limited = 0;
    let mut stops = 0;
    for round in 0.. {
        assert!(round < 30, "the queue empties eventually");
        let report = outbox
            .run(
                &client,
                &Selection::All,
                &SendControl::new(),
                Arc::new(NoProgress),
            )
            .await
            .unwrap();
        rate_limited += report.rate_limited_attempts;
        // The guarantees hold after every round, not only at the end.
        check_agreement(&sb.applications(), outbox.store());
        match report.outcome {
            SendOutcome::Finished => break,
            SendOutcome::Stopped { reason } => {
                assert_eq!(
                    reason.kind,
                    numdesk_outbox::PauseKind::RateLimited,
                    "{reason:?}"
                );
                stops += 1;
            }
            SendOutcome::Cancelled => panic!("nobody cancelled"),
        }
    }
    let a = check_agreement(&sb.applications(), outbox.store());
    eprintln!(
        "fault test: {} sandbox applications, {} submitted, {} unknown ({} created by the \
         sandbox, {} not), {rate_limited} RequestLimitExceeded answers, {stops} rate-limit stops",
        a.sandbox_applications,
        a.local_submitted,
        a.local_unknown,
        a.unknown_created,
        a.unknown_not_created
    );
    assert!(
        a.unknown_created > 0,
        "dropped responses happened and became unknown: {a:?}"
    );
    assert!(
        a.unknown_not_created > 0,
        "InternalErrors happened and became unknown: {a:?}"
    );
    assert!(
        rate_limited > 0,
        "RequestLimitExceeded happened (and was retried)"
    );

    // The user settles every unknown: ApplyId from the console, or a confirmed resend.
    for round in 0.. {
        assert!(round < 30, "every unknown gets settled");
        let (resolve, resend) = unknown_resolutions(&sb.applications(), outbox.store());
        if resolve.is_empty() && resend.is_empty() {
            break;
        }
        for (id, apply_id) in resolve {
            outbox.resolve_with_apply_id(id, apply_id).unwrap();
        }
        for id in resend {
            outbox
                .resend_unknown(&client, id, &SendControl::new(), Arc::new(NoProgress))
                .await
                .unwrap();
        }
        // Rate-limit stops may leave resends queued.
        outbox
            .run(
                &client,
                &Selection::All,
                &SendControl::new(),
                Arc::new(NoProgress),
            )
            .await
            .unwrap();
        check_agreement(&sb.applications(), outbox.store());
    }
    let local = outbox
        .store()
        .applications(&ApplicationFilter::all())
        .unwrap();
    assert!(
        local.iter().all(|a| a.state == ApplicationState::Submitted),
        "all settled"
    );
    let mut count: HashMap<&str, usize> = HashMap::new();
    let sandbox_apps = sb.applications();
    for app in &sandbox_apps {
        for n in &app.numbers {
            *count.entry(n.as_str()).or_default() += 1;
        }
    }
    for n in &all {
        assert_eq!(
            count.get(n.as_str()),
            Some(&1),
            "rule: every number submitted exactly once — {n}"
        );
    }
    assert_eq!(sandbox_apps.len(), local.len());
}
