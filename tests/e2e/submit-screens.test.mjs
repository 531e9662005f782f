// The submit screens through the real webview, against the built-in sandbox: a draft with a bad
// row is refused (the link goes back to the grid filtered to errors), fixed, previewed (summary,
// exact first request), confirmed and sent with the sandbox dropping some answers (outcome
// unknown); a bigger draft hits WaitingApprovalOverflow and stops with the rest queued; after a
// restart the interrupted-work banner offers to resume. Screenshots: target/e2e/submit-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { a11y } from './lib/a11y.mjs';
import { byTestId, screenshot as save, startApp } from './lib/app.mjs';
import { importToGrid } from './lib/ui.mjs';

let app;
after(async () => {
  await app?.stop();
});

async function smallWindow(browser) {
  try {
    await browser.setWindowSize(1024, 700);
  } catch {
    // Some drivers cannot resize; the screenshots are then at the default size.
  }
}

/** A screenshot once the webview has painted the last change (two animation frames). */
async function screenshot(browser, name) {
  await browser.execute(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  return await save(browser, name);
}

async function textOf(browser, id) {
  return (await (await byTestId(browser, id)).getText()).trim();
}

/** A CSV of `count` good numbers starting at `first`, plus the extra raw lines given. */
function csv(dir, name, first, count, extra = []) {
  const lines = ['PhoneNumber,CallType,MaxCallCount,MaxCallPSec'];
  for (let i = 0; i < count; i++) lines.push(`0203800${String(first + i).padStart(4, '0')},2,10,2`);
  lines.push(...extra);
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Import wizard → review grid, with the file read by path. */
async function importFile(browser, file) {
  await importToGrid(browser, { path: file });
}

async function scrollIntoView(browser, id) {
  const el = await byTestId(browser, id);
  await el.scrollIntoView({ block: 'center' });
  return el;
}

const files = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-submit-files-'));

test('a draft is checked, previewed, confirmed and sent; dropped answers show as unknown', async () => {
  app = await startApp();
  const { browser } = app;
  await smallWindow(browser);

  // Simulate problems: the sandbox drops 40 % of the answers after creating the application.
  await (await byTestId(browser, 'nav-settings')).click();
  const drop = await scrollIntoView(browser, 'sandbox-fault-drop');
  await drop.clearValue();
  await drop.setValue('40');
  await (await byTestId(browser, 'sandbox-fault-apply')).click();
  await browser.waitUntil(async () => (await textOf(browser, 'sandbox-fault-status')) !== '', {
    timeout: 10_000,
    timeoutMsg: 'the fault switch was not saved',
  });
  await screenshot(browser, 'submit-sandbox-faults');
  await a11y(browser, 'settings-sandbox-faults');

  await importFile(browser, csv(files, 'march.csv', 1, 24, ['abc,2,10,2']));
  await (await byTestId(browser, 'draft-submit')).click();
  await byTestId(browser, 'submit-screen');
  const blocked = await byTestId(browser, 'submit-blocked', 20_000);
  assert.match(await blocked.getText(), /1 row has an error/);
  assert.equal(
    await (await byTestId(browser, 'submit-send')).isEnabled(),
    false,
    'rows with errors block submission',
  );
  await screenshot(browser, 'submit-blocked');
  await a11y(browser, 'submit-blocked');

  // The link goes back to the grid, filtered to the rows with errors; the bad row is fixed.
  await (await byTestId(browser, 'submit-fix-rows')).click();
  await byTestId(browser, 'review-grid');
  assert.equal(
    await (await byTestId(browser, 'filter-errors')).getAttribute('aria-pressed'),
    'true',
    'the grid opens filtered to errors',
  );
  await (await byTestId(browser, 'grid-edit-24')).click();
  const phone = await byTestId(browser, 'edit-phone');
  await phone.clearValue();
  await phone.setValue('02038009999');
  await (await byTestId(browser, 'edit-save')).click();
  await browser.waitUntil(async () => (await textOf(browser, 'count-errors')) === '0', {
    timeout: 15_000,
    timeoutMsg: 'the fixed row still counts as an error',
  });

  await (await byTestId(browser, 'draft-submit')).click();
  await byTestId(browser, 'submit-summary', 20_000);
  const numbersPerApplication = await byTestId(browser, 'submit-batch-size');
  await numbersPerApplication.clearValue();
  await numbersPerApplication.setValue('5');
  await (await byTestId(browser, 'submit-apply')).click();
  await browser.waitUntil(async () => (await textOf(browser, 'submit-batches')) === '5', {
    timeout: 15_000,
    timeoutMsg: '25 numbers in batches of 5 are not 5 applications',
  });
  assert.equal(await textOf(browser, 'submit-numbers'), '25');
  assert.match(await textOf(browser, 'submit-sdk-app'), /Sandbox Contact Centre/);
  assert.equal(
    await (await byTestId(browser, 'submit-destination')).getAttribute('data-kind'),
    'sandbox',
  );
  await screenshot(browser, 'submit-summary');
  const preview = await scrollIntoView(browser, 'submit-request-preview');
  await (await preview.$('summary')).click();
  const request = await textOf(browser, 'submit-request-text');
  assert.match(request, /^POST http:\/\/127\.0\.0\.1:\d+\//);
  assert.match(request, /Authorization: TC3-HMAC-SHA256 Credential=AKIDNu\*\*\*0000\//);
  assert.match(request, /"PhoneNumber": "02038000001"/);
  await screenshot(browser, 'submit-request-preview');
  await a11y(browser, 'submit-summary');

  await (await scrollIntoView(browser, 'submit-send')).click();
  const confirm = await byTestId(browser, 'submit-confirm');
  assert.equal(
    (await (await byTestId(browser, 'submit-confirm-title')).getText()).trim(),
    'Send 25 numbers in 5 applications to the built-in Sandbox?',
  );
  assert.ok(await confirm.isDisplayed());
  await screenshot(browser, 'submit-confirm');
  // The dialog is modal (the language switch behind it cannot be clicked): checked in English,
  // closed, and opened again in 简体中文.
  await a11y(browser, 'submit-confirm', { zh: false });
  await browser.keys(['Escape']);
  await (await byTestId(browser, 'language-option-zh-CN')).click();
  await browser.waitUntil(
    async () => (await browser.execute(() => document.documentElement.lang)) === 'zh-CN',
    {
      timeout: 10_000,
      timeoutMsg: 'the submit screen never turned into Chinese',
    },
  );
  await (await scrollIntoView(browser, 'submit-send')).click();
  await byTestId(browser, 'submit-confirm');
  await a11y(browser, 'submit-confirm', { zh: false });
  await browser.keys(['Escape']);
  await (await byTestId(browser, 'language-option-en')).click();
  await (await scrollIntoView(browser, 'submit-send')).click();
  await byTestId(browser, 'submit-confirm');
  await (await byTestId(browser, 'submit-confirm-send')).click();

  await byTestId(browser, 'submit-progress');
  const done = await byTestId(browser, 'submit-done', 30_000);
  assert.equal(await done.getAttribute('data-phase'), 'finished');
  const bar = await byTestId(browser, 'submit-progress-bar');
  assert.equal(await bar.getAttribute('aria-valuenow'), '5');
  const items = await (await byTestId(browser, 'submit-batch-list')).$$('li');
  assert.equal(items.length, 5, 'one result per application');
  const states = [];
  for (const item of items) states.push(await item.getAttribute('data-state'));
  assert.ok(
    states.every((s) => s === 'submitted' || s === 'unknown'),
    `every batch is submitted or unknown: ${states}`,
  );
  await screenshot(browser, 'submit-done');
  await a11y(browser, 'submit-done');

  // The same screen in 简体中文.
  await (await byTestId(browser, 'language-option-zh-CN')).click();
  await browser.waitUntil(async () => /完成/.test(await textOf(browser, 'submit-done')), {
    timeout: 10_000,
    timeoutMsg: 'the submit screen never turned into Chinese',
  });
  assert.match(await textOf(browser, 'submit-destination-name'), /内置沙盒/);
  await screenshot(browser, 'submit-done-zh-CN');
  await (await byTestId(browser, 'language-option-en')).click();
  await app.stop();
  app = undefined;
});

const overflowDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-submit-overflow-'));

test('WaitingApprovalOverflow stops the queue; after a restart the banner offers to resume', async () => {
  app = await startApp({ dataDir: overflowDir });
  const { browser } = app;
  await smallWindow(browser);
  // The sandbox keeps 50 applications pending per SdkAppId: 55 batches of one overflow.
  await importFile(browser, csv(files, 'big.csv', 100, 55));
  await (await byTestId(browser, 'draft-submit')).click();
  const numbersPerApplication = await byTestId(browser, 'submit-batch-size', 20_000);
  await numbersPerApplication.clearValue();
  await numbersPerApplication.setValue('1');
  await (await byTestId(browser, 'submit-apply')).click();
  await browser.waitUntil(async () => (await textOf(browser, 'submit-batches')) === '55', {
    timeout: 15_000,
    timeoutMsg: 'batch size 1 did not make 55 applications',
  });
  await (await scrollIntoView(browser, 'submit-send')).click();
  await (await byTestId(browser, 'submit-confirm-send')).click();
  await byTestId(browser, 'submit-progress');
  await screenshot(browser, 'submit-progress');
  await a11y(browser, 'submit-progress', { zh: false });
  const stop = await byTestId(browser, 'submit-stop-reason', 60_000);
  assert.match(await stop.getText(), /too many of your applications waiting for review/);
  assert.equal(
    await (await byTestId(browser, 'submit-done')).getAttribute('data-phase'),
    'stopped',
  );
  await byTestId(browser, 'submit-send-queued');
  await (await scrollIntoView(browser, 'submit-stop-reason')).isDisplayed();
  await screenshot(browser, 'submit-stopped');
  await a11y(browser, 'submit-stopped');
  await app.stop();
  app = undefined;

  process.env.GTK_THEME = 'Adwaita:dark';
  try {
    app = await startApp({ dataDir: overflowDir });
  } finally {
    delete process.env.GTK_THEME;
  }
  await smallWindow(app.browser);
  // With history the app opens on the Overview, which lists the queued work itself; the banner is
  // on the other screens.
  await (await byTestId(app.browser, 'nav-import', 20_000)).click();
  const banner = await byTestId(app.browser, 'interrupted-banner', 20_000);
  assert.match(await banner.getText(), /5 applications are waiting to be sent/);
  await screenshot(app.browser, 'submit-interrupted-banner-dark');
  await a11y(app.browser, 'submit-interrupted-banner');
  await (await byTestId(app.browser, 'interrupted-resume')).click();
  await byTestId(app.browser, 'submit-progress');
  await a11y(app.browser, 'submit-progress', { zh: false });
  await byTestId(app.browser, 'submit-done', 30_000);
  await screenshot(app.browser, 'submit-resumed-dark');
  await a11y(app.browser, 'submit-stopped');
});
