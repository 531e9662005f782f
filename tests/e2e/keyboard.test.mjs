// The whole flow with the keyboard alone, in the real webview with a dark system theme: Settings →
// Sandbox drops every answer; a carrier file is imported (path typed, Enter), an invalid row is
// fixed in the review grid, the draft is submitted through the confirmation dialog, and the
// application whose outcome is unknown is resolved with the ApplyId the sandbox issued, then its
// Modify form is opened and closed. Only key presses (Tab, Shift+Tab, Enter, Escape, typing):
// each Tab stop must show a focus indicator (an outline no ancestor cuts off, or a box-shadow),
// focus must move into every dialog and come back to the control that opened it, and no step may
// drop the focus to the top of the window. An axe check runs on every screen on the way (dark;
// some also in 简体中文).
// Screenshots: target/e2e/a11y-*-dark*.png and keyboard-*.png.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Key } from 'webdriverio';
import { a11y, theme } from './lib/a11y.mjs';
import { byTestId, screenshot, startApp } from './lib/app.mjs';
import { textOf, stepsOf } from './lib/ui.mjs';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-keyboard-'));
const fileDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-keyboard-files-'));
const csvPath = path.join(fileDir, 'carrier.csv');
// Row index 2 ("abc") is invalid; it is fixed to FIXED in the grid.
writeFileSync(
  csvPath,
  ['PhoneNumber,CallType,MaxCallCount,MaxCallPSec', '02038008001,1,10,2', '02038008002,1,10,2', 'abc,1,10,2'].join(
    '\n',
  ) + '\n',
);
const FIXED = '02038008003';

let app;
after(async () => {
  await app?.stop();
});

/** What has the focus: its test id (or tag and text) and whether it shows a focus indicator. */
async function focused(browser) {
  return await browser.execute(() => {
    const el = document.activeElement;
    if (el === null || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    // An outline cut off by an ancestor that hides its overflow (a grid cell) is not visible.
    let clippedBy = null;
    if (outline) {
      // How far the outline reaches beyond the element's border (a negative offset draws it inside).
      const grow = Math.max(0, parseFloat(style.outlineWidth) + (parseFloat(style.outlineOffset) || 0));
      const r = el.getBoundingClientRect();
      // (Up to the page's scrolling area: at the window's edge it is a matter of scrolling.)
      for (let p = el.parentElement; p !== null && p !== document.body && clippedBy === null; p = p.parentElement) {
        const ps = getComputedStyle(p);
        const hides = (v) => v === 'hidden' || v === 'clip';
        const pr = p.getBoundingClientRect();
        if (hides(ps.overflowX) && (r.left - grow < pr.left - 0.5 || r.right + grow > pr.right + 0.5)) clippedBy = p;
        if (hides(ps.overflowY) && (r.top - grow < pr.top - 0.5 || r.bottom + grow > pr.bottom + 0.5)) clippedBy = p;
      }
    }
    return {
      testId: el.getAttribute('data-testid'),
      name: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`,
      visible: (outline && clippedBy === null) || shadow,
      clippedBy:
        clippedBy === null ? null : `${clippedBy.tagName.toLowerCase()}.${String(clippedBy.className).replace(/ /g, '.')}`,
      inDialog: el.closest('[role="alertdialog"], [role="dialog"], form.apps-modify') !== null,
    };
  });
}

function describe(f) {
  if (f === null) return '<nothing (body)>';
  const name = f.testId ?? f.name;
  return f.clippedBy === null ? name : `${name} (its outline cut off by ${f.clippedBy})`;
}

async function press(browser, key, { shift = false } = {}) {
  if (shift) {
    await browser.action('key').down(Key.Shift).down(key).up(key).up(Key.Shift).perform();
  } else {
    await browser.action('key').down(key).up(key).perform();
  }
}

/** Types text into whatever has the focus. */
async function type(browser, text) {
  // One key down and up after the other (browser.keys would press repeated characters once).
  const keys = browser.action('key');
  for (const c of text) keys.down(c).up(c);
  await keys.perform();
}

/**
 * Presses Tab (or Shift+Tab) until the element with test id `id` (or one matching the RegExp)
 * has the focus; every stop on the way must show a focus indicator.
 */
async function tabTo(browser, id, { back = false, max = 150 } = {}) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await press(browser, Key.Tab, { shift: back });
    const f = await focused(browser);
    stops.push(describe(f));
    if (f !== null) {
      assert.ok(f.visible, `${describe(f)} has the focus but shows no focus indicator`);
    }
    const hit = f?.testId !== null && f?.testId !== undefined && (id instanceof RegExp ? id.test(f.testId) : f.testId === id);
    if (hit) return f;
  }
  throw new Error(`${String(id)} never got the focus; ${back ? 'Shift+Tab' : 'Tab'} went through: ${stops.join(' → ')}`);
}

async function expectFocus(browser, expected, message) {
  // A dialog may move the focus on its next frame.
  let f = null;
  await browser
    .waitUntil(
      async () => {
        f = await focused(browser);
        return typeof expected === 'function' ? expected(f) : f?.testId === expected;
      },
      { timeout: 5_000, interval: 100 },
    )
    .catch(() => undefined);
  assert.ok(typeof expected === 'function' ? expected(f) : f?.testId === expected, `${message} (focus is on ${describe(f)})`);
  if (f !== null) assert.ok(f.visible, `${describe(f)} has the focus but shows no focus indicator`);
  return f;
}

async function gone(browser, id) {
  await browser.waitUntil(async () => !(await (await browser.$(`[data-testid="${id}"]`)).isExisting()), {
    timeout: 10_000,
    timeoutMsg: `${id} did not close`,
  });
}

function sandboxApplications() {
  const file = path.join(dataDir, 'sandbox-state.json');
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')).applications;
}

// A failing step leaves keyboard-failed-<step>.png.
const step = stepsOf('keyboard', () => app);

test('import → fix a row → submit → resolve, with the keyboard alone, focus visible, in dark', () =>
  step('flow', async () => {
    process.env.GTK_THEME = 'Adwaita:dark';
    try {
      app = await startApp({ dataDir });
    } finally {
      delete process.env.GTK_THEME;
    }
    const { browser } = app;
    await browser.setWindowSize(1024, 700).catch(() => {});
    await byTestId(browser, 'section-heading-import');
    assert.equal(await theme(browser), 'dark', 'GTK_THEME=Adwaita:dark reaches the webview');
    await a11y(browser, 'import-source', { zh: false });

    // Settings → Sandbox: drop every answer, so the application's outcome is unknown.
    await tabTo(browser, 'nav-settings');
    await press(browser, Key.Enter);
    await byTestId(browser, 'settings-account');
    await a11y(browser, 'settings');
    await tabTo(browser, 'sandbox-fault-drop');
    await browser.action('key').down(Key.Ctrl).down('a').up('a').up(Key.Ctrl).perform();
    await type(browser, '100');
    await press(browser, Key.Enter);
    await browser.waitUntil(async () => (await textOf(browser, 'sandbox-fault-status')) !== '', {
      timeout: 10_000,
      timeoutMsg: 'Enter in the fault field did not save it',
    });
    assert.equal(await (await byTestId(browser, 'sandbox-fault-drop')).getValue(), '100');

    // Import: the path typed, Enter; each wizard step takes the focus.
    await tabTo(browser, 'nav-import', { back: true });
    await press(browser, Key.Enter);
    await tabTo(browser, 'import-path-input');
    await type(browser, csvPath);
    await press(browser, Key.Enter);
    await byTestId(browser, 'step-header', 20_000);
    await expectFocus(browser, 'step-header', 'the header step takes the focus');
    await a11y(browser, 'import-header', { zh: false });
    await tabTo(browser, 'header-next');
    await press(browser, Key.Enter);
    await byTestId(browser, 'step-mapping');
    await expectFocus(browser, 'step-mapping', 'the mapping step takes the focus');
    await a11y(browser, 'import-mapping', { zh: false });
    await tabTo(browser, 'mapping-process');
    await press(browser, Key.Enter);
    await byTestId(browser, 'review-grid', 30_000);
    await expectFocus(browser, 'review-name', 'the grid takes the focus on its heading');
    await browser.waitUntil(async () => (await textOf(browser, 'count-errors')) === '1', {
      timeout: 15_000,
      timeoutMsg: 'the invalid row is not counted as an error',
    });
    await a11y(browser, 'grid');

    // Fix the invalid row: Enter on its Edit button puts the focus in the row (value selected),
    // typing replaces it, Enter saves and gives the focus back to the Edit button.
    await tabTo(browser, 'grid-edit-2');
    await press(browser, Key.Enter);
    await expectFocus(browser, 'edit-phone', 'Edit moves the focus into the row');
    await type(browser, FIXED);
    await a11y(browser, 'grid-editing', { zh: false });
    await screenshot(browser, 'keyboard-grid-editing');
    await press(browser, Key.Enter);
    await browser.waitUntil(async () => (await textOf(browser, 'count-errors')) === '0', {
      timeout: 15_000,
      timeoutMsg: 'the fixed row still counts as an error',
    });
    await expectFocus(browser, 'grid-edit-2', 'saving gives the focus back to the row\'s Edit button');
    assert.equal(
      (await browser.execute(() => document.querySelector('[data-testid="grid-row-2"] [data-testid="cell-phone"]')?.textContent)) ?? '',
      FIXED,
    );
    // Escape leaves an edited row unchanged, and also gives the focus back.
    await press(browser, Key.Enter);
    await expectFocus(browser, 'edit-phone', 'Edit moves the focus into the row again');
    await type(browser, '999');
    await press(browser, Key.Escape);
    await expectFocus(browser, 'grid-edit-2', 'Escape gives the focus back to the Edit button');

    // Submit: the summary, then the confirmation dialog.
    await tabTo(browser, 'draft-submit', { back: true });
    await press(browser, Key.Enter);
    await byTestId(browser, 'submit-summary', 30_000);
    await tabTo(browser, 'submit-sip-trunk-id');
    await type(browser, '10001');
    await tabTo(browser, 'submit-apply');
    await press(browser, Key.Enter);
    await browser.waitUntil(async () => (await textOf(browser, 'submit-numbers')) === '3', {
      timeout: 15_000,
      timeoutMsg: 'the summary never showed the 3 numbers',
    });
    await a11y(browser, 'submit-summary');
    await tabTo(browser, 'submit-send');
    await press(browser, Key.Enter);
    await byTestId(browser, 'submit-confirm');
    await expectFocus(browser, 'submit-confirm-cancel', 'the dialog opens with the focus on Cancel');
    await press(browser, Key.Tab);
    await expectFocus(browser, 'submit-confirm-send', 'Tab moves to Send');
    await press(browser, Key.Tab);
    await expectFocus(browser, 'submit-confirm-cancel', 'Tab stays inside the dialog');
    await press(browser, Key.Tab, { shift: true });
    await expectFocus(browser, 'submit-confirm-send', 'Shift+Tab stays inside the dialog');
    await a11y(browser, 'submit-confirm', { zh: false });
    await screenshot(browser, 'keyboard-confirm');
    await press(browser, Key.Escape);
    await gone(browser, 'submit-confirm');
    await expectFocus(browser, 'submit-send', 'Escape closes the dialog and the focus returns to Send');
    assert.equal(sandboxApplications().length, 0, 'nothing was sent without the confirmation');
    await press(browser, Key.Enter);
    await expectFocus(browser, 'submit-confirm-cancel', 'the dialog opens again on Cancel');
    await press(browser, Key.Tab);
    await press(browser, Key.Enter);

    // Progress, then the result: the outcome is unknown (the sandbox dropped the answer).
    const done = await byTestId(browser, 'submit-done', 60_000);
    assert.equal(await done.getAttribute('data-phase'), 'finished', await done.getText());
    await a11y(browser, 'submit-done', { zh: false });
    await tabTo(browser, 'submit-open-applications');
    await press(browser, Key.Enter);
    const table = await byTestId(browser, 'applications-list', 15_000);
    await browser.waitUntil(async () => (await table.$$('tbody tr')).length === 1, {
      timeout: 15_000,
      timeoutMsg: 'the list never showed the application',
    });
    assert.equal(await (await table.$('tbody tr')).getAttribute('data-state'), 'unknown');
    await a11y(browser, 'applications');

    // Its detail: the heading has the focus; Resend's warning takes the focus and gives it back.
    await tabTo(browser, /^application-open-/);
    await press(browser, Key.Enter);
    const detail = await byTestId(browser, 'application-detail');
    await expectFocus(browser, (f) => f?.name.startsWith('h2') === true, 'the detail opens with the focus on its heading');
    await a11y(browser, 'application-detail');
    await tabTo(browser, 'application-resend');
    await press(browser, Key.Enter);
    await byTestId(browser, 'application-resend-dialog');
    await expectFocus(browser, (f) => f?.inDialog === true, 'the warning takes the focus');
    await a11y(browser, 'application-resend-warning', { zh: false });
    await screenshot(browser, 'keyboard-resend-warning');
    await press(browser, Key.Escape);
    await gone(browser, 'application-resend-dialog');
    await expectFocus(browser, 'application-resend', 'Escape closes the warning and the focus returns to Resend');

    // Resolve with the ApplyId the sandbox issued (as read in the console): typed, Enter.
    const issued = sandboxApplications();
    assert.equal(issued.length, 1, 'the sandbox created the application once');
    const applyId = String(issued[0].apply_id);
    await tabTo(browser, 'application-resolve-apply-id-input', { back: true });
    await type(browser, applyId);
    await press(browser, Key.Enter);
    await browser.waitUntil(async () => (await detail.getAttribute('data-state')) === 'submitted', {
      timeout: 15_000,
      timeoutMsg: 'Enter with the ApplyId did not resolve the application',
    });
    assert.equal(await textOf(browser, 'application-detail-apply-id'), applyId);
    await expectFocus(browser, (f) => f !== null, 'the resolved application keeps the focus in the window');

    // Modify: the form takes the focus, Escape closes it and the focus returns to Modify.
    await tabTo(browser, 'application-modify');
    await press(browser, Key.Enter);
    await byTestId(browser, 'application-modify-form');
    await expectFocus(browser, 'application-modify-numbers', 'the form opens with the focus on the numbers');
    await a11y(browser, 'application-modify', { zh: false });
    await screenshot(browser, 'keyboard-modify');
    await press(browser, Key.Escape);
    await gone(browser, 'application-modify-form');
    await expectFocus(browser, 'application-modify', 'Escape closes the form and the focus returns to Modify');
  }));
