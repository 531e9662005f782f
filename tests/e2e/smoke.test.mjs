// Smoke test through the real webview: the app starts, every section opens, the language switches
// at run time, and Settings → About shows facts that came over IPC from Rust.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { a11y } from './lib/a11y.mjs';
import { byTestId, screenshot, startApp } from './lib/app.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.stop();
});

const SECTIONS = ['import', 'drafts', 'applications', 'settings'];

test('every section of the sidebar opens its own page', async () => {
  const { browser } = app;
  for (const id of SECTIONS) {
    await (await byTestId(browser, `nav-${id}`)).click();
    const heading = await byTestId(browser, `section-heading-${id}`);
    assert.ok((await heading.getText()).trim().length > 0, `section ${id} has a visible heading`);
    const current = await (await byTestId(browser, `nav-${id}`)).getAttribute('aria-current');
    assert.equal(current, 'page', `nav-${id} is marked as the current page`);
    await screenshot(browser, `smoke-${id}`);
    // The empty Drafts and Applications (the other screens are checked where they have data).
    if (id === 'drafts' || id === 'applications') await a11y(browser, `${id}-empty`);
  }
});

test('the header always shows the active endpoint', async () => {
  const badge = await byTestId(app.browser, 'endpoint-badge');
  assert.match(await badge.getText(), /Sandbox/, 'first run talks to the built-in sandbox');
});

test('Settings → About shows the version and SQLite version read over IPC', async () => {
  const { browser } = app;
  await (await byTestId(browser, 'nav-settings')).click();
  const version = await byTestId(browser, 'about-version');
  await browser.waitUntil(async () => /^\d+\.\d+\.\d+/.test((await version.getText()).trim()), {
    timeout: 15_000,
    timeoutMsg: 'About never showed a version from app_info',
  });
  const sqlite = await byTestId(browser, 'about-sqlite-version');
  assert.match(await sqlite.getText(), /^3\.\d+\.\d+/, 'SQLite version comes from the bundled library');
  const dataDir = await byTestId(browser, 'about-data-dir');
  assert.equal((await dataDir.getText()).trim(), app.dataDir, 'the data directory is the one in use');
  await screenshot(browser, 'smoke-about');
  const about = await byTestId(browser, 'about-version');
  await about.scrollIntoView({ block: 'center' });
  // In 简体中文 with the rest of Settings (submit-screens, keyboard.test.mjs).
  await a11y(browser, 'about', { zh: false });
});

test('the language switches to 简体中文 and back at run time', async () => {
  const { browser } = app;
  await (await byTestId(browser, 'nav-drafts')).click();
  const heading = await byTestId(browser, 'section-heading-drafts');
  const english = (await heading.getText()).trim();
  await (await byTestId(browser, 'language-option-zh-CN')).click();
  await browser.waitUntil(async () => /[\u4e00-\u9fff]/.test(await heading.getText()), {
    timeout: 10_000,
    timeoutMsg: 'the Drafts heading never turned into Chinese',
  });
  await screenshot(browser, 'smoke-zh-CN');
  await (await byTestId(browser, 'language-option-en')).click();
  await browser.waitUntil(async () => (await heading.getText()).trim() === english, {
    timeout: 10_000,
    timeoutMsg: 'the Drafts heading did not return to English',
  });
});
