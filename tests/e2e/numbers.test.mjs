// One number, one application, through the real webview against the built-in sandbox (which
// answers like Tencent's International site: numbers listed 0086…, no CostType). A carrier file
// mixing +86, 0086 and national numbers gets a warning; "Write all numbers the same way" makes
// them national; the submit summary shows that form and the first number as sent; after the
// Sandbox's review (5 seconds, set in Settings) Refresh status sees every number live and the
// application approved. Screenshots in English and 简体中文 at 1024×700: target/e2e/numbers-*.png.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { byTestId, startApp } from './lib/app.mjs';
import {
  bothLanguages as both,
  importToGrid,
  setField,
  setSandboxReview,
  textOf,
  stepsOf,
} from './lib/ui.mjs';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-numbers-'));
const fileDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-numbers-files-'));
const csvPath = path.join(fileDir, 'carrier-mixed.csv');
writeFileSync(
  csvPath,
  [
    'PhoneNumber,CallType,MaxCallCount,MaxCallPSec',
    '+86 20 3800 1234,1,10,2',
    '0086 20 3800 5678,1,10,2',
    '020 3800 9012,1,10,2',
    '138 0013 8000,1,10,2',
  ].join('\n') + '\n',
);
const SENT = ['02038001234', '02038005678', '02038009012', '13800138000'];

let app;
after(async () => {
  await app?.stop();
});

// A failing step leaves numbers-failed-<step>.png.
const step = stepsOf('numbers', () => app);

function sandboxApplications() {
  const file = path.join(dataDir, 'sandbox-state.json');
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')).applications;
}

test('a file mixing +86, 0086 and national numbers is written one way, submitted and seen approved', () =>
  step('flow', async () => {
    app = await startApp({ dataDir });
    const { browser } = app;
    await browser.setWindowSize(1024, 700).catch(() => {});

    // The Sandbox's review takes 5 seconds.
    await setSandboxReview(browser, 5);
    await both(browser, 'numbers-settings-review-delay', async () =>
      /沙盒中的审核/.test(await textOf(browser, 'sandbox-approval')),
    );

    // The carrier's file, read by path.
    await importToGrid(browser, { path: csvPath });

    // Three ways of writing numbers: a warning, and one click writes them all nationally.
    const notice = await textOf(browser, 'number-forms-text');
    assert.match(notice, /2 written nationally/, notice);
    assert.match(notice, /1 with \+86/, notice);
    assert.match(notice, /1 with 0086/, notice);
    await both(browser, 'numbers-grid-mixed', async () =>
      /写法不一致/.test(await textOf(browser, 'number-forms-text')),
    );
    await (await byTestId(browser, 'number-forms-form')).selectByAttribute('value', 'national');
    await (await byTestId(browser, 'number-forms-write')).click();
    await browser.waitUntil(
      async () => !(await (await browser.$('[data-testid="number-forms"]')).isExisting()),
      {
        timeout: 15_000,
        timeoutMsg: 'the warning stayed after writing all numbers the same way',
      },
    );
    const grid = await textOf(browser, 'review-grid');
    for (const n of SENT) assert.ok(grid.includes(n), `the grid shows ${n}: ${grid}`);
    await both(browser, 'numbers-grid-written', async () =>
      /全部/.test(await textOf(browser, 'filter-all')),
    );

    // Submit: the form is shown with the first number as it goes out.
    await (await byTestId(browser, 'draft-submit')).click();
    await byTestId(browser, 'submit-screen', 30_000);
    await setField(browser, 'submit-sip-trunk-id', '10001');
    await (await byTestId(browser, 'submit-apply')).click();
    await browser.waitUntil(async () => (await textOf(browser, 'submit-numbers')) === '4', {
      timeout: 15_000,
      timeoutMsg: 'the summary never showed 4 numbers',
    });
    const national = await byTestId(browser, 'submit-number-form-national');
    assert.equal(await national.isSelected(), true, 'sent nationally, as chosen in the grid');
    assert.match(await textOf(browser, 'submit-number-example'), /02038001234/);
    const form = await byTestId(browser, 'submit-number-form');
    await form.scrollIntoView({ block: 'center' });
    await both(browser, 'numbers-submit-form', async () =>
      /号码发送格式/.test(await textOf(browser, 'submit-number-form')),
    );
    await (await byTestId(browser, 'submit-send')).click();
    await byTestId(browser, 'submit-confirm');
    await (await byTestId(browser, 'submit-confirm-send')).click();
    const done = await byTestId(browser, 'submit-done', 60_000);
    assert.notEqual(await done.getAttribute('data-phase'), 'error', await done.getText());
    const created = sandboxApplications();
    assert.equal(created.length, 1, 'one application');
    assert.deepEqual(
      created[0].numbers,
      SENT,
      'rule: every number goes out in the one form chosen',
    );

    // After the Sandbox's review, Refresh status sees the numbers live (listed 0086…).
    await (await byTestId(browser, 'nav-applications')).click();
    const table = await byTestId(browser, 'applications-list', 15_000);
    await new Promise((r) => setTimeout(r, 6_000));
    await (await byTestId(browser, 'applications-refresh')).click();
    await browser.waitUntil(
      async () => {
        const rows = await table.$$('tbody tr');
        return rows.length === 1 && (await rows[0].getAttribute('data-state')) === 'approved';
      },
      { timeout: 30_000, timeoutMsg: 'the application was never seen approved' },
    );
    await both(browser, 'numbers-applications-approved', async () =>
      /刷新/.test(await textOf(browser, 'applications-refresh')),
    );
    const row = (await table.$$('tbody tr'))[0];
    await (await row.$('[data-testid^="application-open-"]')).click();
    await byTestId(browser, 'application-detail');
    await both(browser, 'numbers-application-approved-detail', async () =>
      /号码/.test(await textOf(browser, 'application-detail')),
    );
  }));
