// The Overview through the real webview. On a fresh install the app opens on Import. Then real
// history is made against the built-in sandbox: 3 applications approved (review 5 s), 1 whose
// answer is dropped (outcome unknown), 1 refused (unknown SIP trunk), and 52 more sent with the
// review off until the sandbox says too many wait for review, which stops the queue with the
// rest still queued. Two of the waiting applications are then moved 5 days into the past in
// the database (time cannot be waited for here), and the app is started again: it opens on the
// Overview, the sidebar counts what needs attention, and each item's button does its job.
// Screenshots at 1024×700 in English and 简体中文 (light theme): target/e2e/overview-*.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { byTestId, startApp } from './lib/app.mjs';
import {
  bothLanguages as both,
  importToGrid,
  pastedList,
  setField,
  textOf,
  stepsOf,
} from './lib/ui.mjs';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-overview-'));
const numbers = (block, count) =>
  Array.from({ length: count }, (_, i) => `020381${block}${String(i).padStart(3, '0')}`);

let app;
after(async () => {
  await app?.stop();
});

// A failing step leaves overview-failed-<step>.png.
const step = stepsOf('overview', () => app);

async function settings(browser, body) {
  await (await byTestId(browser, 'nav-settings')).click();
  await body();
}

async function reviewAfter(browser, value) {
  const approval = await byTestId(browser, 'sandbox-approval-select');
  await approval.scrollIntoView({ block: 'center' });
  await approval.selectByAttribute('value', value);
  await browser.waitUntil(async () => (await textOf(browser, 'sandbox-approval-status')) !== '', {
    timeout: 10_000,
    timeoutMsg: 'the review delay was never saved',
  });
}

async function dropAnswers(browser, percent) {
  const faults = await byTestId(browser, 'sandbox-faults');
  await faults.scrollIntoView({ block: 'center' });
  await setField(browser, 'sandbox-fault-drop', String(percent));
  await (await byTestId(browser, 'sandbox-fault-apply')).click();
  await byTestId(browser, 'sandbox-fault-status');
}

/** Pastes `list` into a new import, and sends it in batches of one to SIP trunk `trunk`. */
async function submit(browser, list, trunk = '10001') {
  // Through another section, so Import starts a new wizard.
  await importToGrid(browser, { text: pastedList(list), fresh: true });
  await (await byTestId(browser, 'draft-submit')).click();
  await byTestId(browser, 'submit-screen', 30_000);
  await setField(browser, 'submit-sip-trunk-id', trunk);
  await setField(browser, 'submit-batch-size', '1');
  await (await byTestId(browser, 'submit-apply')).click();
  await browser.waitUntil(
    async () =>
      (await textOf(browser, 'submit-batches')) === String(list.length) &&
      (await textOf(browser, 'submit-sip-trunk')).includes(trunk),
    {
      timeout: 15_000,
      timeoutMsg: `the summary never showed ${list.length} applications to trunk ${trunk}`,
    },
  );
  const send = await byTestId(browser, 'submit-send');
  await send.waitForEnabled({ timeout: 15_000 });
  await send.click();
  await byTestId(browser, 'submit-confirm');
  await (await byTestId(browser, 'submit-confirm-send')).click();
  await byTestId(browser, 'submit-done', 90_000);
}

test('a fresh install opens on Import; after real history the Overview says what needs doing', () =>
  step('flow', async () => {
    app = await startApp({ dataDir });
    let { browser } = app;
    await browser.setWindowSize(1024, 700).catch(() => {});

    // Fresh install: Import first, no count; the Overview says nothing was sent yet.
    await byTestId(browser, 'section-heading-import');
    assert.equal(await (await browser.$('[data-testid="nav-badge-overview"]')).isExisting(), false);
    await (await byTestId(browser, 'nav-overview')).click();
    await byTestId(browser, 'overview-empty');
    await both(browser, 'overview-fresh', async () =>
      /还没有发往沙盒的申请/.test(await textOf(browser, 'overview-empty')),
    );

    // Approved: review after 5 s, and the watch sees it (the Applications badge).
    await settings(browser, () => reviewAfter(browser, '5'));
    await submit(browser, numbers(1, 3));
    await (await byTestId(browser, 'nav-drafts')).click();
    const badge = await byTestId(browser, 'nav-badge-applications', 60_000);
    await browser.waitUntil(async () => (await badge.getText()).trim() === '3', {
      timeout: 30_000,
      timeoutMsg: 'the watch never saw the 3 applications approved',
    });

    // Outcome unknown (the answer dropped), then refused (a SIP trunk the sandbox does not know).
    await settings(browser, async () => {
      await reviewAfter(browser, '');
      await dropAnswers(browser, 100);
    });
    await submit(browser, numbers(2, 1));
    await settings(browser, () => dropAnswers(browser, 0));
    await submit(browser, numbers(3, 1), '99999');

    // 52 more: the sandbox takes 50 waiting for review, then refuses more — the queue stops.
    await submit(browser, numbers(4, 52));
    assert.equal(
      await (await byTestId(browser, 'submit-done')).getAttribute('data-phase'),
      'stopped',
      'the run stopped with work still queued',
    );
    await app.stop();
    app = undefined;

    // Two applications under review were sent 5 days ago (the threshold is 3 days).
    execFileSync('sqlite3', [
      path.join(dataDir, 'numdesk.sqlite3'),
      "UPDATE applications SET sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-5 days') " +
        "WHERE id IN (SELECT id FROM applications WHERE state = 'submitted' " +
        'AND approved_at IS NULL ORDER BY id LIMIT 2);',
    ]);

    // Started again: the Overview is the first screen, with the count on the sidebar.
    app = await startApp({ dataDir });
    browser = app.browser;
    await browser.setWindowSize(1024, 700).catch(() => {});
    await byTestId(browser, 'section-heading-overview', 20_000);
    await byTestId(browser, 'overview-attention');
    const queuedText = await textOf(browser, 'overview-attention-queued');
    const queued = Number(/^(\d+) applications? queued/.exec(queuedText)?.[1]);
    assert.ok(queued >= 1, `work is queued after the stop: ${queuedText}`);
    assert.match(
      await textOf(browser, 'overview-attention-unknown'),
      /^1 application with an unknown outcome/,
    );
    assert.match(
      await textOf(browser, 'overview-attention-failed'),
      /InvalidParameter\.SipTrunkNotFound/,
    );
    assert.match(
      await textOf(browser, 'overview-attention-waiting'),
      /^2 applications waiting over 3 days for review/,
    );
    assert.equal(
      await textOf(browser, 'nav-badge-overview'),
      String(1 + 1 + queued + 2),
      'the sidebar counts every application that needs attention',
    );
    assert.match(
      await textOf(browser, 'overview-live-summary'),
      /^3 numbers went live in the last 7 days/,
    );
    assert.equal(await (await byTestId(browser, 'overview-bar-approved')).isExisting(), true);
    await both(browser, 'overview', async () =>
      /需要您处理/.test(await textOf(browser, 'overview-attention')),
    );
    const live = await byTestId(browser, 'overview-live');
    await browser.execute((el) => el.scrollIntoView({ block: 'end', behavior: 'instant' }), live);
    // Let the webview paint the scrolled frame before the screenshot.
    await browser.pause(500);
    await both(browser, 'overview-live', async () =>
      /本周生效/.test(await textOf(browser, 'overview-live')),
    );

    // Check now asks the sandbox again (its review is off: nothing changes, and it says so).
    await (await byTestId(browser, 'overview-check-now')).click();
    await browser.waitUntil(
      async () => /^Checked \d+ applications/.test(await textOf(browser, 'overview-checked')),
      {
        timeout: 20_000,
        timeoutMsg: 'Check now never reported',
      },
    );

    // Resolve opens the application with the unknown outcome, where its resolve actions are.
    const resolve = await browser.$('[data-testid^="overview-resolve-"]');
    await resolve.click();
    const detail = await byTestId(browser, 'application-detail');
    assert.equal(await detail.getAttribute('data-state'), 'unknown');
    assert.equal(
      await (await byTestId(browser, 'nav-overview')).getAttribute('aria-current'),
      null,
    );

    // Resume sending: the queued work goes out again and the run shows (the sandbox still
    // refuses more waiting applications, so it stops again, with the reason).
    await (await byTestId(browser, 'nav-overview')).click();
    await (await byTestId(browser, 'overview-resume')).click();
    await byTestId(browser, 'submit-done', 60_000);
    assert.match(
      await textOf(browser, 'submit-stop-reason'),
      /too many of your applications waiting for review/,
    );
  }));
