//! The Applications screen's commands through Tauri's IPC on the mock runtime, against the app's
//! built-in sandbox over loopback and a real database: list, detail, resolve, refresh, modify,
//! draft from failed, export; permissions; everything still there after a restart.

use std::sync::Arc;

use numdesk_commands::AppContext;
use numdesk_outbox::{NoProgress, Selection, SendControl, SubmitSettings};
use numdesk_sandbox::{DEFAULT_SIP_TRUNK_ID, Faults};
use numdesk_store::DraftRow;
use serde_json::{Value, json};
use tauri::Manager;

use crate::common::{Window, app, invoke, ok, window};

/// Sends `numbers` for `trunk` to the app's sandbox in batches of 2, as the submit screen does.
fn submit(ctx: &AppContext, numbers: &[&str], trunk: i64) {
    let header = numdesk_testkit::app_header("ipc", trunk);
    let rows: Vec<DraftRow> = numbers
        .iter()
        .map(|n| numdesk_testkit::app_row(n, 1))
        .collect();
    let draft = ctx.store().create_draft(&header, &rows).unwrap();
    let plan = numdesk_commands::active_connection_plan(ctx).unwrap();
    let client = numdesk_client::Client::new(plan.config, plan.limiter, plan.credentials).unwrap();
    let scope = numdesk_outbox::endpoint_scope(&client);
    let settings = SubmitSettings {
        numbers_per_application: Some(2),
        ..SubmitSettings::default()
    };
    ctx.outbox()
        .enqueue_draft(draft, &settings, &scope)
        .unwrap();
    tauri::async_runtime::block_on(ctx.outbox().run(
        &client,
        &Selection::Draft(draft),
        &SendControl::new(),
        Arc::new(NoProgress),
    ))
    .unwrap();
}

fn rows(w: &Window, query: Value) -> Vec<Value> {
    ok(w, "applications_list", json!({ "query": query }))["page"]["rows"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn applications_are_listed_resolved_refreshed_and_still_there_after_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let unknown_apply_id;
    {
        let (app, w) = app(data.path());
        let ctx = app.state::<AppContext>();
        submit(
            &ctx,
            &["+862038000001", "+862038000002"],
            DEFAULT_SIP_TRUNK_ID,
        );
        ctx.sandbox().set_faults(Faults {
            drop_next_after_commit: 1,
            ..Faults::default()
        });
        submit(&ctx, &["+862038000003"], DEFAULT_SIP_TRUNK_ID);
        submit(&ctx, &["+862038000004"], 99_999);

        let page = ok(&w, "applications_list", json!({ "query": {} }));
        assert_eq!(
            page["scope"], "sandbox",
            "rule: the active connection's list"
        );
        assert_eq!(page["page"]["total"], 3);
        let counts: Vec<(String, u64)> = page["page"]["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["status"].as_str().unwrap().to_owned(),
                    c["count"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            counts,
            [
                ("queued", 0),
                ("sending", 0),
                ("submitted", 1),
                ("approved", 0),
                ("failed", 1),
                ("unknown", 1)
            ]
            .map(|(s, n)| (s.to_owned(), n))
            .to_vec(),
            "every chip, in life order"
        );
        let found = rows(&w, json!({ "search": "038000003" }));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0]["status"], "unknown");
        let unknown_id = found[0]["id"].as_i64().unwrap();
        let sorted = rows(&w, json!({ "sort": "numbers", "descending": true }));
        assert_eq!(sorted[0]["numberCount"], 2, "sort through IPC");

        let detail = ok(
            &w,
            "application_detail",
            json!({ "id": unknown_id, "numbersOffset": 0, "numbersLimit": 10 }),
        );
        assert_eq!(detail["status"], "unknown");
        assert_eq!(detail["actions"]["resolve"], true);
        assert_eq!(detail["attempts"][0]["action"], "CreateOwnNumberApply");

        let bad = invoke(
            &w,
            "application_resolve",
            json!({ "id": unknown_id, "applyId": "x1" }),
        )
        .unwrap_err();
        assert_eq!(bad["code"], "invalid_input");
        assert_eq!(bad["details"]["field"], "applyId", "the UI marks the field");
        unknown_apply_id = ctx
            .sandbox()
            .applications()
            .into_iter()
            .find(|a| a.numbers == ["+862038000003"])
            .unwrap()
            .apply_id;
        let resolved = ok(
            &w,
            "application_resolve",
            json!({ "id": unknown_id, "applyId": unknown_apply_id.to_string() }),
        );
        assert_eq!(resolved["state"], "submitted");

        // The sandbox approves it; Refresh status reads DescribeNumbers and shows it live.
        ctx.sandbox().approve(unknown_apply_id).unwrap();
        let report = ok(&w, "applications_refresh", json!({ "ids": null }));
        assert_eq!(report["approved"], json!([unknown_id]));
        let approved = rows(&w, json!({ "statuses": ["approved"] }));
        assert_eq!(approved.len(), 1, "rule: Approved/live after a refresh");

        // Modify the pending one through IPC.
        let pending = rows(&w, json!({ "statuses": ["submitted"] }))[0]["id"]
            .as_i64()
            .unwrap();
        let modified = ok(
            &w,
            "application_modify",
            json!({ "id": pending, "changes": { "phoneNumbers": ["+862038000001"] } }),
        );
        assert_eq!(modified["result"], "applied");
        let refused = invoke(
            &w,
            "application_modify",
            json!({ "id": unknown_id, "changes": { "phoneNumbers": ["+862038000003"] } }),
        )
        .unwrap_err();
        assert_eq!(refused["details"]["reason"], "not_editable");

        let failed = rows(&w, json!({ "statuses": ["failed"] }))[0]["id"]
            .as_i64()
            .unwrap();
        let draft = ok(
            &w,
            "applications_draft_from_failed",
            json!({ "ids": [failed] }),
        );
        assert!(
            draft.as_i64().unwrap() > 0,
            "a new draft id to open in the grid"
        );

        let path = out.path().join("applications.csv");
        crate::common::chose_save(&w, &path);
        let written = ok(
            &w,
            "applications_export",
            json!({ "path": path, "format": "csv", "query": {} }),
        );
        assert_eq!(written, 3);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("'+862038000003")
        );

        // A window without the capability cannot call any of them.
        let other = window(&app, "other");
        let denied = invoke(&other, "applications_list", json!({ "query": {} })).unwrap_err();
        assert!(
            denied.to_string().contains("not allowed"),
            "rule: only the main window's capability grants the command: {denied}"
        );
        crate::common::stop(app);
    }
    // Restart on the same data dir: everything is still there.
    let (_app, w) = app(data.path());
    let all = rows(&w, json!({ "sort": "created" }));
    let statuses: Vec<&str> = all.iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(
        statuses,
        ["submitted", "approved", "failed"],
        "rule: applications survive a restart"
    );
    assert_eq!(
        all[1]["applyId"], unknown_apply_id,
        "the ApplyId entered is kept"
    );
    assert!(
        all[2]["redraftedTo"].is_i64(),
        "the copy to a new draft is remembered"
    );
}
