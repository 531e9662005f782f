// What the end-to-end tests do in the window, shared by the test files: read an element's text
// (also what is clipped), fill a field, paste as Excel does, and take a screen in both languages.
import { a11y } from './a11y.mjs';
import { byTestId, screenshot } from './app.mjs';

/**
 * `step(name, body)` for a test file whose app is `currentApp()`: runs `body`; on failure keeps
 * a screenshot of the window as it was (<prefix>-failed-<name>.png), then fails.
 */
export function stepsOf(prefix, currentApp) {
  return async (name, body) => {
    try {
      await body();
    } catch (err) {
      const app = currentApp();
      if (app !== undefined)
        await screenshot(app.browser, `${prefix}-failed-${name}`).catch(() => {});
      throw err;
    }
  };
}

/** All the text of an element, also what is clipped (WebDriver's getText gives only what shows). */
export async function textOf(browser, id) {
  const el = await byTestId(browser, id);
  return (await browser.execute((e) => e.textContent, el)).trim();
}

export async function setField(browser, id, value) {
  const el = await byTestId(browser, id);
  await el.clearValue();
  await el.setValue(value);
}

/** Puts `text` into a text field the way a paste does: one input event with the whole text. */
export async function paste(browser, id, text) {
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

/**
 * Screenshot `<name>` in English, then `<name>-zh-CN` once `zhReady` holds after switching to
 * 简体中文, then back to English; the axe check (lib/a11y.mjs) runs in both languages.
 */
export async function bothLanguages(browser, name, zhReady) {
  await screenshot(browser, name);
  await a11y(browser, name, { zh: false });
  await (await byTestId(browser, 'language-option-zh-CN')).click();
  await browser.waitUntil(zhReady, { timeout: 15_000, timeoutMsg: `${name}: never in Chinese` });
  await screenshot(browser, `${name}-zh-CN`);
  await a11y(browser, name, { zh: false });
  await (await byTestId(browser, 'language-option-en')).click();
  await browser.waitUntil(async () => !(await zhReady()), {
    timeout: 15_000,
    timeoutMsg: `${name}: never back in English`,
  });
}

/** The text of a pasted list: the header, then each number with CallType 1, MaxCallCount 10, MaxCallPSec 2. */
export function pastedList(numbers) {
  return [
    'PhoneNumber\tCallType\tMaxCallCount\tMaxCallPSec',
    ...numbers.map((n) => `${n}\t1\t10\t2`),
  ].join('\n');
}

/**
 * Opens Import (the welcome card dismissed), reads pasted `text` or the file at `path`, and goes
 * through the header and mapping steps (naming the draft `name` when given) to the review grid.
 * Comes from another section first when `fresh`, so Import starts a new wizard.
 */
export async function importToGrid(browser, { text, path, name, fresh = false }) {
  if (fresh) await (await byTestId(browser, 'nav-drafts')).click();
  await (await byTestId(browser, 'nav-import')).click();
  const dismiss = await browser.$('[data-testid="welcome-dismiss"]');
  if (await dismiss.isExisting()) await dismiss.click();
  if (text !== undefined) {
    // As a paste from Excel arrives: the whole text at once (typing it would turn each tab into
    // a focus change).
    await paste(browser, 'import-paste-input', text);
    await (await byTestId(browser, 'import-open-text')).click();
  } else {
    await setField(browser, 'import-path-input', path);
    await (await byTestId(browser, 'import-open-path')).click();
  }
  await byTestId(browser, 'step-header', 20_000);
  await (await byTestId(browser, 'header-next')).click();
  await byTestId(browser, 'step-mapping');
  if (name !== undefined) await setField(browser, 'draft-name-input', name);
  await (await byTestId(browser, 'mapping-process')).click();
  await byTestId(browser, 'review-grid', 30_000);
}

/** Settings → the Sandbox's review takes `seconds`; waits until that is saved. */
export async function setSandboxReview(browser, seconds) {
  await (await byTestId(browser, 'nav-settings')).click();
  const approval = await byTestId(browser, 'sandbox-approval-select');
  await approval.scrollIntoView({ block: 'center' });
  await approval.selectByAttribute('value', String(seconds));
  await browser.waitUntil(async () => (await textOf(browser, 'sandbox-approval-status')) !== '', {
    timeout: 10_000,
    timeoutMsg: 'the review delay was never saved',
  });
}
