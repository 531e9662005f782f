// The import wizard, review grid and drafts through the real webview: a GBK-encoded carrier CSV
// with a title row, a Chinese header and bad rows is read by path, mapped, checked; one bad row is
// fixed inline (the error count drops); the draft is autosaved; after a restart on the same data
// directory the draft is intact; in 简体中文 the same screen is translated. Screenshots of every
// screen at 1024×700 (the smallest supported window) go to target/e2e/import-*.png.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { a11y } from './lib/a11y.mjs';
import { byTestId, screenshot, startApp } from './lib/app.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DRAFT_NAME = '运营商 11月 号码';
const FIXED_NUMBER = '02038000502';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-import-'));
const fileDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-files-'));
const csvPath = path.join(fileDir, '运营商号码.csv');
copyFileSync(path.join(here, 'fixtures', 'carrier-gbk.csv'), csvPath);

let failures = 0;

/** Runs `body` against the app started on the shared data directory; always stops it. */
async function withApp(body, env = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let app;
  try {
    app = await startApp({ dataDir });
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
  try {
    await smallWindow(app.browser);
    await body(app.browser);
  } catch (err) {
    // What the window showed when the test failed, next to the other screenshots.
    await screenshot(app.browser, `import-failed-${String(++failures)}`).catch(() => undefined);
    throw err;
  } finally {
    await app.stop();
  }
}

/** The smallest window the app supports: every screenshot shows the layout at that size. */
async function smallWindow(browser) {
  try {
    await browser.setWindowSize(1024, 700);
  } catch {
    // Some drivers cannot resize; the screenshots are then at the default size.
  }
}

async function textOf(browser, id) {
  return (await domText(browser, id)).trim();
}

/** The text of an element, also what is clipped (WebDriver's getText gives only what shows). */
async function text(browser, el) {
  return (await browser.execute((e) => e.textContent, el)).trim();
}

/** All the text of an element, also what is clipped (WebDriver's getText gives only what shows). */
async function domText(browser, id) {
  const el = await byTestId(browser, id);
  return await browser.execute((e) => e.textContent, el);
}

async function waitForText(browser, id, expected, timeoutMsg) {
  await browser.waitUntil(async () => (await textOf(browser, id)) === expected, {
    timeout: 15_000,
    timeoutMsg: `${timeoutMsg} (last: ${await textOf(browser, id).catch(() => '?')})`,
  });
}

test('a GBK carrier file goes through the wizard into the grid, is fixed and autosaved', () =>
  withApp(async (browser) => {
    await byTestId(browser, 'section-heading-import');
    await byTestId(browser, 'welcome-panel');
    assert.ok(
      await (await byTestId(browser, 'welcome-template-xlsx')).isDisplayed(),
      'the welcome offers the template download',
    );
    await screenshot(browser, 'import-welcome');
    const choose = await byTestId(browser, 'import-choose-file');
    await choose.scrollIntoView({ block: 'start' });
    await screenshot(browser, 'import-step-source');
    await a11y(browser, 'import-source');

    await (await byTestId(browser, 'import-path-input')).setValue(csvPath);
    await (await byTestId(browser, 'import-open-path')).click();
    await byTestId(browser, 'step-header');
    await screenshot(browser, 'import-step-header');
    await a11y(browser, 'import-header');
    assert.equal(await textOf(browser, 'source-name'), '运营商号码.csv');
    const encoding = await (await byTestId(browser, 'encoding-select')).getValue();
    assert.match(
      encoding,
      /^(gb18030|GBK)$/i,
      `a GBK file is read as GBK/GB18030, not ${encoding}`,
    );
    assert.match(
      await textOf(browser, 'encoding-detection'),
      /guessed/,
      'the guess is said to be one',
    );
    assert.match(
      await domText(browser, 'raw-row-2'),
      /号码.*呼叫类型.*最大并发数/,
      'the Chinese header is decoded, not mojibake',
    );
    assert.equal(
      await (await byTestId(browser, 'header-row-2')).isSelected(),
      true,
      'the header below the title row is detected',
    );

    await (await byTestId(browser, 'header-next')).click();
    await byTestId(browser, 'step-mapping');
    for (const [field, column] of [
      ['PhoneNumber', '0'],
      ['CallType', '1'],
      ['MaxCallCount', '2'],
      ['MaxCallPSec', '3'],
      ['CarrierPhoneNumber', '4'],
    ]) {
      assert.equal(
        await (await byTestId(browser, `map-${field}`)).getValue(),
        column,
        `${field} is mapped from its Chinese header`,
      );
    }
    assert.match(
      await textOf(browser, 'samples-PhoneNumber'),
      /020-3800-0501/,
      'samples are shown',
    );
    const name = await byTestId(browser, 'draft-name-input');
    await name.clearValue();
    await name.setValue(DRAFT_NAME);
    await screenshot(browser, 'import-step-mapping');
    await a11y(browser, 'import-mapping');

    await (await byTestId(browser, 'mapping-process')).click();
    await byTestId(browser, 'review-grid', 30_000);
    assert.equal(await textOf(browser, 'review-name'), DRAFT_NAME);
    await waitForText(browser, 'count-all', '6', 'six data rows');
    // Scientific notation (row 4), "abc" as a count (row 5), row 3's number again (row 6).
    await waitForText(browser, 'count-errors', '3', 'three rows with errors');
    await byTestId(browser, 'grid-row-5');
    await screenshot(browser, 'import-grid');
    await a11y(browser, 'import-grid');

    await (await byTestId(browser, 'filter-errors')).click();
    await browser.waitUntil(
      async () => !(await (await browser.$('[data-testid="grid-row-0"]')).isExisting()),
      { timeout: 10_000, timeoutMsg: 'the errors filter still shows a clean row' },
    );
    assert.match(
      await domText(browser, 'grid-row-1'),
      /2\.01235E\+10/,
      'the scientific-notation row is an error row',
    );
    await (await byTestId(browser, 'grid-findings-1')).click();
    assert.match(
      await domText(browser, 'row-detail'),
      /Row 4.*scientific/is,
      "the row's findings are shown in full below the grid",
    );
    await screenshot(browser, 'import-grid-errors');
    await a11y(browser, 'import-grid-errors');

    await (await byTestId(browser, 'grid-edit-1')).click();
    const phone = await byTestId(browser, 'edit-phone');
    await phone.clearValue();
    await phone.setValue(FIXED_NUMBER);
    await screenshot(browser, 'import-grid-editing');
    await a11y(browser, 'import-grid-editing', { zh: false });
    await (await byTestId(browser, 'edit-save')).click();
    await waitForText(browser, 'count-errors', '2', 'fixing one row drops the error count to 2');
    assert.match(await textOf(browser, 'review-status'), /saved automatically.*no errors left/i);
    await screenshot(browser, 'import-grid-fixed');
  }));

test('after a restart the draft is intact, and in 简体中文 the same screen is translated', () =>
  withApp(async (browser) => {
    await (await byTestId(browser, 'nav-drafts')).click();
    const table = await byTestId(browser, 'drafts-table');
    const rows = await table.$$('tbody tr');
    assert.equal(rows.length, 1, 'one draft was saved');
    const row = rows[0];
    assert.equal(await text(browser, await row.$('[data-testid="draft-name"]')), DRAFT_NAME);
    assert.equal(await text(browser, await row.$('[data-testid="draft-rows"]')), '6');
    assert.equal(
      await text(browser, await row.$('[data-testid="draft-errors"]')),
      '2',
      'the fix survived the restart',
    );
    await screenshot(browser, 'import-drafts');
    await a11y(browser, 'import-drafts');

    await (await row.$('[data-testid^="draft-open-"]')).click();
    await byTestId(browser, 'review-grid');
    await waitForText(browser, 'count-errors', '2', 'the reopened draft has two error rows');
    const fixed = await byTestId(browser, 'grid-row-1');
    assert.equal(
      await text(browser, await fixed.$('[data-testid="cell-phone"]')),
      FIXED_NUMBER,
      'the fixed row is saved with the fixed number',
    );
    assert.equal(await text(browser, await fixed.$('[data-testid="cell-findings"]')), 'OK');
    await screenshot(browser, 'import-draft-reopened');

    await (await byTestId(browser, 'language-option-zh-CN')).click();
    await browser.waitUntil(
      async () => (await textOf(browser, 'filter-errors')).startsWith('错误'),
      {
        timeout: 10_000,
        timeoutMsg: 'the grid never turned into Chinese',
      },
    );
    // Row 6 repeats row 3's number: the re-check finds the same, so it reads in Chinese now. (Row
    // 5's "abc" was not kept — only readable values are saved — so its finding stays as written.)
    const bad = await byTestId(browser, 'grid-row-3');
    await browser.waitUntil(
      async () => /第 6 行/.test(await text(browser, await bad.$('[data-testid="cell-findings"]'))),
      { timeout: 15_000, timeoutMsg: 'the findings were not translated into Chinese' },
    );
    assert.equal(await textOf(browser, 'count-errors'), '2', 'the same counts in Chinese');
    assert.equal(await textOf(browser, 'review-name'), DRAFT_NAME);
    await screenshot(browser, 'import-grid-zh-CN');

    await (await byTestId(browser, 'filter-errors')).click();
    await screenshot(browser, 'import-grid-errors-zh-CN');
    await (await byTestId(browser, 'language-option-en')).click();
  }));

test('the grid follows a dark system theme', (t) =>
  withApp(
    async (browser) => {
      const dark = await browser.execute(
        () => window.matchMedia('(prefers-color-scheme: dark)').matches,
      );
      await (await byTestId(browser, 'nav-drafts')).click();
      const open = await browser.$('[data-testid^="draft-open-"]');
      await open.waitForDisplayed({ timeout: 15_000 });
      await a11y(browser, 'import-drafts', { zh: false });
      await open.click();
      await byTestId(browser, 'review-grid');
      await byTestId(browser, 'grid-row-5');
      await screenshot(browser, 'import-grid-dark');
      await a11y(browser, 'import-grid', { zh: false });
      if (!dark) {
        // WebKitGTK decides from the GTK settings; where GTK_THEME does not reach it, say so.
        t.diagnostic('WebKitGTK did not report prefers-color-scheme: dark under GTK_THEME');
      }
    },
    { GTK_THEME: 'Adwaita:dark' },
  ));
