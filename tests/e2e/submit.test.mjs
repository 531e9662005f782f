// Submit and Applications through the real webview, against the app's built-in sandbox over
// loopback: numbers pasted into the import wizard become a draft; the sandbox's fault switch
// drops half of the answers after the application was created; the draft is submitted (summary,
// exact request with secrets redacted, confirmation naming count and destination, progress) and
// the batch list shows ApplyIds and "Outcome unknown" batches. In Applications the unknown one is
// found, and resolved with the ApplyId the sandbox really issued (read from the sandbox's own
// state file in the data directory, as the user would read it in the console). After a restart
// on the same data directory everything is still there. Screenshots: target/e2e/submit-flow-*.png
// and target/e2e/applications-*.png.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { a11y } from './lib/a11y.mjs';
import { byTestId, screenshot, startApp } from './lib/app.mjs';
import { stepsOf } from './lib/ui.mjs';

const SDK_APP_ID = '1400000001'; // the sandbox's fixture account
const SIP_TRUNK_ID = '10001';
const COUNT = 20; // one number per batch: 20 applications, half of their answers dropped
// Written nationally, the form they are sent in by default (as Tencent's examples).
const NUMBERS = Array.from({ length: COUNT }, (_, i) => `020380${String(71000 + i)}`);
const DRAFT_NAME = 'e2e submit';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-submit-'));
let app;
after(async () => {
  await app?.stop();
});

// A failing step leaves submit-flow-failed-<step>.png.
const step = stepsOf('submit-flow', () => app);

async function textOf(browser, id) {
  return (await (await byTestId(browser, id)).getText()).trim();
}

async function setField(browser, id, value) {
  const el = await byTestId(browser, id);
  await el.clearValue();
  await el.setValue(value);
}

/** Puts `text` into a text field the way a paste does: one input event with the whole text. */
async function paste(browser, id, text) {
  await byTestId(browser, id);
  await browser.execute(
    (testId, value) => {
      const el = document.querySelector(`[data-testid="${testId}"]`);
      const proto = Object.getPrototypeOf(el);
      Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    id,
    text,
  );
}

/** Applications the sandbox created: its state file, as the console would list them. */
function sandboxApplications() {
  const file = path.join(dataDir, 'sandbox-state.json');
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')).applications;
}

let resolvedId;
let resolvedApplyId;
let unknownBefore;

test('a pasted list is submitted to the sandbox with dropped answers: ApplyIds and Outcome unknown', () =>
  step('submit', async () => {
  app = await startApp({ dataDir });
  const { browser } = app;

  // The fault switch: drop 50% of the answers after the sandbox created the application.
  await (await byTestId(browser, 'nav-settings')).click();
  const faults = await byTestId(browser, 'sandbox-faults');
  await faults.scrollIntoView({ block: 'center' });
  await setField(browser, 'sandbox-fault-drop', '50');
  await (await byTestId(browser, 'sandbox-fault-apply')).click();
  await byTestId(browser, 'sandbox-fault-status');
  assert.equal(
    await (await byTestId(browser, 'sandbox-fault-drop')).getValue(),
    '50',
    'the switch shows the share of answers dropped',
  );
  await screenshot(browser, 'submit-flow-01-fault-switch');

  // A draft from pasted rows.
  await (await byTestId(browser, 'nav-import')).click();
  const dismiss = await browser.$('[data-testid="welcome-dismiss"]');
  if (await dismiss.isExisting()) await dismiss.click();
  const lines = ['PhoneNumber\tCallType\tMaxCallCount\tMaxCallPSec', ...NUMBERS.map((n) => `${n}\t1\t10\t2`)];
  // As a paste from Excel arrives: the whole text at once (typing it would turn each tab into
  // a focus change).
  await paste(browser, 'import-paste-input', lines.join('\n'));
  await (await byTestId(browser, 'import-open-text')).click();
  await byTestId(browser, 'step-header');
  await (await byTestId(browser, 'header-next')).click();
  await byTestId(browser, 'step-mapping');
  await setField(browser, 'draft-name-input', DRAFT_NAME);
  await (await byTestId(browser, 'mapping-process')).click();
  await byTestId(browser, 'review-grid', 30_000);
  await browser.waitUntil(async () => (await textOf(browser, 'count-all')) === String(COUNT), {
    timeout: 15_000,
    timeoutMsg: `the draft never showed ${COUNT} rows`,
  });
  assert.equal(await textOf(browser, 'count-errors'), '0', 'the pasted rows are clean');

  // Submit: summary, exact request (secrets redacted), confirmation.
  await (await byTestId(browser, 'draft-submit')).click();
  await byTestId(browser, 'submit-screen', 30_000);
  await setField(browser, 'submit-sip-trunk-id', SIP_TRUNK_ID);
  const sdk = await byTestId(browser, 'submit-sdk-app-id');
  if ((await sdk.getTagName()) === 'select') await sdk.selectByAttribute('value', SDK_APP_ID);
  else await setField(browser, 'submit-sdk-app-id', SDK_APP_ID);
  await setField(browser, 'submit-batch-size', '1');
  await (await byTestId(browser, 'submit-apply')).click();
  await byTestId(browser, 'submit-summary');
  await browser.waitUntil(
    async () =>
      (await textOf(browser, 'submit-numbers')) === String(COUNT) &&
      (await textOf(browser, 'submit-batches')) === String(COUNT),
    {
      timeout: 15_000,
      timeoutMsg: `the summary never showed ${COUNT} numbers in ${COUNT} applications of one`,
    },
  );
  const preview = await byTestId(browser, 'submit-request-preview');
  await (await preview.$('summary')).click();
  const request = await textOf(browser, 'submit-request-text');
  assert.match(request, /CreateOwnNumberApply/, 'the preview is the Create request');
  assert.match(request, /TC3-HMAC-SHA256/, 'with its signed Authorization header');
  assert.ok(
    !request.includes('NumberDeskSandboxKeyNotASecret0000'),
    'rule: the preview never shows the SecretKey',
  );
  assert.match(request, new RegExp(NUMBERS[0].replace('+', '\\+')), 'the first batch\'s number');
  await screenshot(browser, 'submit-flow-02-summary');
  await preview.scrollIntoView({ block: 'center' });
  await screenshot(browser, 'submit-flow-03-request-preview');

  await (await byTestId(browser, 'submit-send')).click();
  const confirm = await byTestId(browser, 'submit-confirm');
  const confirmText = await confirm.getText();
  assert.match(confirmText, new RegExp(`\\b${COUNT}\\b`), 'the confirmation names the count');
  assert.match(confirmText, /[Ss]andbox/, 'and the destination');
  await screenshot(browser, 'submit-flow-04-confirm');
  await (await byTestId(browser, 'submit-confirm-send')).click();

  // Progress, then the batch list.
  await byTestId(browser, 'submit-progress', 15_000);
  await byTestId(browser, 'submit-progress-bar');
  await screenshot(browser, 'submit-flow-05-progress');
  const done = await byTestId(browser, 'submit-done', 60_000);
  await screenshot(browser, 'submit-flow-06-done');
  assert.notEqual(await done.getAttribute('data-phase'), 'error', await done.getText());
  const list = await byTestId(browser, 'submit-batch-list');
  const batches = await list.$$('[data-testid^="submit-batch-"]');
  const states = [];
  for (const b of batches) states.push(await b.getAttribute('data-state'));
  assert.equal(batches.length, COUNT, `one batch per number: ${states.join(',')}`);
  assert.ok(states.includes('submitted'), `some answers arrived: ${states.join(',')}`);
  assert.ok(states.includes('unknown'), `some answers were dropped: ${states.join(',')}`);
  unknownBefore = states.filter((s) => s === 'unknown').length;
  const submittedBatch = batches[states.indexOf('submitted')];
  assert.match(await submittedBatch.getText(), /\d{3,}/, 'a submitted batch shows its ApplyId');
  await list.scrollIntoView({ block: 'start' });
  await screenshot(browser, 'submit-flow-07-batch-list');
  const created = sandboxApplications();
  assert.equal(created.length, COUNT, 'rule: the sandbox created every application exactly once');
}));

test('in Applications the unknown one is found and resolved with the ApplyId the sandbox issued', () =>
  step('applications', async () => {
  const { browser } = app;
  // The smallest window the app supports: the list must still fit.
  await browser.setWindowSize(1024, 700).catch(() => {});
  await (await byTestId(browser, 'nav-applications')).click();
  const table = await byTestId(browser, 'applications-list', 15_000);
  await browser.waitUntil(async () => (await table.$$('tbody tr')).length === COUNT, {
    timeout: 15_000,
    timeoutMsg: `the list never showed the ${COUNT} applications`,
  });
  assert.equal(
    await textOf(browser, 'applications-count-unknown'),
    String(unknownBefore),
    'the Outcome unknown chip counts the dropped answers',
  );
  assert.match(await textOf(browser, 'applications-filter-unknown'), /Outcome unknown/);
  assert.match(
    await textOf(browser, 'applications-filter-submitted'),
    /Submitted – awaiting Tencent review/,
  );
  await screenshot(browser, 'applications-list');
  // In 简体中文: keyboard.test.mjs (dark), numbers and watch.
  await a11y(browser, 'applications-list', { zh: false });

  // Filter to the unknown ones, and sort by ApplyId.
  await (await byTestId(browser, 'applications-filter-unknown')).click();
  await browser.waitUntil(async () => (await table.$$('tbody tr')).length === unknownBefore, {
    timeout: 15_000,
    timeoutMsg: 'the filter did not narrow the list to the unknown ones',
  });
  const rows = await table.$$('tbody tr');
  for (const r of rows) assert.equal(await r.getAttribute('data-state'), 'unknown');
  await screenshot(browser, 'applications-filter-unknown');
  const rowId = (await rows[0].getAttribute('data-testid')).replace('application-row-', '');
  resolvedId = rowId;

  // Search by a number finds its application.
  await (await byTestId(browser, 'applications-filter-unknown')).click();
  await paste(browser, 'applications-search', NUMBERS[COUNT - 1].slice(-6));
  await browser.waitUntil(async () => (await table.$$('tbody tr')).length === 1, {
    timeout: 15_000,
    timeoutMsg: 'searching by a number did not find its one application',
  });
  await screenshot(browser, 'applications-search');
  await paste(browser, 'applications-search', '');
  const applySort = await byTestId(browser, 'applications-sort-apply_id');
  await applySort.click();
  await browser.waitUntil(
    async () => (await (await applySort.parentElement()).getAttribute('aria-sort')) !== 'none',
    { timeout: 10_000, timeoutMsg: 'the ApplyId header did not say it sorts' },
  );

  // The unknown application's detail: its number, then the ApplyId the sandbox issued for it.
  await (await byTestId(browser, `application-open-${rowId}`)).click();
  const detail = await byTestId(browser, 'application-detail');
  assert.equal(await detail.getAttribute('data-state'), 'unknown');
  const numbers = await byTestId(browser, 'application-numbers');
  const number = (await (await numbers.$('tbody tr td:nth-child(2)')).getText()).trim();
  assert.ok(NUMBERS.includes(number), `the detail lists the application's number (${number})`);
  await byTestId(browser, 'application-attempts');
  await screenshot(browser, 'applications-detail-unknown');
  await a11y(browser, 'application-detail-unknown', { zh: false }); // zh: keyboard.test.mjs

  // "Resend" first shows the warning that a second application may be created; cancel it.
  const resend = await byTestId(browser, 'application-resend');
  await resend.scrollIntoView({ block: 'center' });
  await resend.click();
  const warning = await byTestId(browser, 'application-resend-dialog');
  assert.match(await warning.getText(), /second application/);
  await warning.scrollIntoView({ block: 'center' });
  await screenshot(browser, 'applications-resend-warning');
  await a11y(browser, 'application-resend-warning');
  const cancel = await warning.$('button=Cancel');
  await cancel.scrollIntoView({ block: 'center' });
  await cancel.click();

  const issued = sandboxApplications().find((a) => a.numbers.includes(number));
  assert.ok(issued, `the sandbox did create the application holding ${number}`);
  resolvedApplyId = String(issued.apply_id);
  await setField(browser, 'application-resolve-apply-id-input', resolvedApplyId);
  await screenshot(browser, 'applications-resolve');
  await (await byTestId(browser, 'application-resolve-apply-id-save')).click();
  await browser.waitUntil(async () => (await detail.getAttribute('data-state')) === 'submitted', {
    timeout: 15_000,
    timeoutMsg: 'resolving did not make the application submitted',
  });
  assert.equal(await textOf(browser, 'application-detail-apply-id'), resolvedApplyId);
  assert.match(await textOf(browser, 'application-status'), new RegExp(resolvedApplyId));
  await screenshot(browser, 'applications-resolved');
  await a11y(browser, 'application-resolved', { zh: false });
  // The Modify form of the now submitted application.
  await (await byTestId(browser, 'application-modify')).click();
  const modifyNumbers = await byTestId(browser, 'application-modify-numbers');
  await browser.waitUntil(async () => (await modifyNumbers.getValue()) !== '', {
    timeout: 15_000,
    timeoutMsg: 'the Modify form never showed the numbers',
  });
  await a11y(browser, 'application-modify');
  await (await byTestId(browser, 'application-modify')).click();

  // Back in the list: one unknown fewer; Refresh status asks DescribeNumbers.
  await (await byTestId(browser, 'application-back')).click();
  await browser.waitUntil(
    async () => (await textOf(browser, 'applications-count-unknown')) === String(unknownBefore - 1),
    { timeout: 15_000, timeoutMsg: 'the unknown count did not drop by one' },
  );
  await (await byTestId(browser, 'applications-refresh')).click();
  await browser.waitUntil(async () => /Checked \d+ applications/.test(await textOf(browser, 'applications-status')), {
    timeout: 30_000,
    timeoutMsg: 'Refresh status never reported',
  });
  await screenshot(browser, 'applications-refreshed');
}));

test('after a restart on the same data directory everything is still there', () =>
  step('restart', async () => {
  // Quit (whatever the earlier tests left open), then start again on the same data directory.
  await app?.stop();
  app = undefined;
  // And this time with a dark system theme.
  process.env.GTK_THEME = 'Adwaita:dark';
  try {
    app = await startApp({ dataDir });
  } finally {
    delete process.env.GTK_THEME;
  }
  const { browser } = app;
  await (await byTestId(browser, 'nav-applications')).click();
  const table = await byTestId(browser, 'applications-list', 15_000);
  await browser.waitUntil(async () => (await table.$$('tbody tr')).length === COUNT, {
    timeout: 15_000,
    timeoutMsg: `after the restart the list did not show the ${COUNT} applications`,
  });
  assert.equal(await textOf(browser, 'applications-count-unknown'), String(unknownBefore - 1));
  const row = await byTestId(browser, `application-row-${resolvedId}`);
  assert.notEqual(await row.getAttribute('data-state'), 'unknown', 'the resolution was kept');
  assert.equal(await textOf(browser, `application-apply-id-${resolvedId}`), resolvedApplyId);
  await screenshot(browser, 'applications-after-restart-dark');
  await a11y(browser, 'applications-list', { zh: false });
  await (await byTestId(browser, `application-open-${resolvedId}`)).click();
  await byTestId(browser, 'application-detail');
  await screenshot(browser, 'applications-detail-dark');
  await a11y(browser, 'application-detail', { zh: false });
  await (await byTestId(browser, 'application-back')).click();

  await (await byTestId(browser, 'nav-drafts')).click();
  const drafts = await byTestId(browser, 'drafts-table');
  assert.match(await drafts.getText(), new RegExp(DRAFT_NAME), 'the draft is still there');
  await a11y(browser, 'drafts', { zh: false });

  await (await byTestId(browser, 'nav-applications')).click();
  await byTestId(browser, 'applications-list');
  await (await byTestId(browser, 'language-option-zh-CN')).click();
  await browser.waitUntil(async () => /结果未知/.test(await textOf(browser, 'applications-filter-unknown')), {
    timeout: 10_000,
    timeoutMsg: 'the Applications screen never turned into Chinese',
  });
  await screenshot(browser, 'applications-zh-CN');
  await (await byTestId(browser, 'language-option-en')).click();
}));
