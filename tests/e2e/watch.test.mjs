// The approval watch through the real webview: three applications submitted to the built-in
// sandbox (its review set to 5 seconds in Settings) are seen approved without any click — the
// Applications section gets a badge while the user is elsewhere, and the list shows them
// approved with the watch's status and recent changes. Screenshots in English and 简体中文 at
// 1024×700: target/e2e/watch-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { byTestId, screenshot, startApp } from './lib/app.mjs';
import {
  bothLanguages as both,
  importToGrid,
  pastedList,
  setField,
  setSandboxReview,
  textOf,
} from './lib/ui.mjs';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-watch-'));
const NUMBERS = ['02038006001', '02038006002', '13800136003'];

let app;
after(async () => {
  await app?.stop();
});

async function step(name, body) {
  try {
    await body();
  } catch (err) {
    if (app !== undefined) await screenshot(app.browser, `watch-failed-${name}`).catch(() => {});
    throw err;
  }
}

test('submitted applications are seen approved without a click: badge, list, status', () =>
  step('flow', async () => {
    app = await startApp({ dataDir });
    const { browser } = app;
    await browser.setWindowSize(1024, 700).catch(() => {});

    await setSandboxReview(browser, 5);
    const watchSettings = await byTestId(browser, 'watch-settings');
    await watchSettings.scrollIntoView({ block: 'center' });
    assert.equal(
      await (await byTestId(browser, 'watch-enabled')).isSelected(),
      true,
      'on by default',
    );
    await both(browser, 'watch-settings', async () =>
      /审核跟踪/.test(await textOf(browser, 'watch-settings')),
    );

    // Three numbers, one application each.
    await importToGrid(browser, { text: pastedList(NUMBERS) });
    await (await byTestId(browser, 'draft-submit')).click();
    await byTestId(browser, 'submit-screen', 30_000);
    await setField(browser, 'submit-sip-trunk-id', '10001');
    await setField(browser, 'submit-batch-size', '1');
    await (await byTestId(browser, 'submit-apply')).click();
    await browser.waitUntil(async () => (await textOf(browser, 'submit-batches')) === '3', {
      timeout: 15_000,
      timeoutMsg: 'the summary never showed 3 applications',
    });
    await (await byTestId(browser, 'submit-send')).click();
    await byTestId(browser, 'submit-confirm');
    await (await byTestId(browser, 'submit-confirm-send')).click();
    await byTestId(browser, 'submit-done', 60_000);

    // Elsewhere in the app, without a click, the watch finds them approved: a badge.
    await (await byTestId(browser, 'nav-drafts')).click();
    const badge = await byTestId(browser, 'nav-badge-applications', 60_000);
    await browser.waitUntil(async () => (await badge.getText()).trim() === '3', {
      timeout: 30_000,
      timeoutMsg: 'the badge never counted the 3 approved applications',
    });
    await both(browser, 'watch-badge', async () =>
      /草稿/.test(await textOf(browser, 'nav-drafts')),
    );

    // Applications: all three approved, with the approval time and the watch's report.
    await (await byTestId(browser, 'nav-applications')).click();
    const table = await byTestId(browser, 'applications-list', 15_000);
    await browser.waitUntil(
      async () => {
        const rows = await table.$$('tbody tr');
        if (rows.length !== 3) return false;
        for (const r of rows) if ((await r.getAttribute('data-state')) !== 'approved') return false;
        return true;
      },
      { timeout: 15_000, timeoutMsg: 'the list never showed 3 approved applications' },
    );
    assert.equal(
      await (await browser.$('[data-testid="nav-badge-applications"]')).isExisting(),
      false,
      'opening Applications clears the badge',
    );
    assert.match(await textOf(browser, 'watch-recent'), /Application #\d approved/);
    assert.match(await textOf(browser, 'watch-status'), /No application is waiting for approval/);
    await byTestId(browser, 'application-approved-at-1');
    await both(browser, 'watch-applications', async () =>
      /没有等待审核的申请/.test(await textOf(browser, 'watch-status')),
    );
  }));
