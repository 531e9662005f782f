// Settings through the real webview: the first-run welcome in Sandbox mode, a Tencent connection
// saved (pointed at the app's own built-in sandbox over loopback, with the sandbox's public key),
// Test connection listing the SdkAppIds by name, and the explicit switch moving the header badge.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { a11y } from './lib/a11y.mjs';
import { byTestId, screenshot, startApp } from './lib/app.mjs';

// The built-in sandbox's own credentials (public: they open only the local sandbox).
const SANDBOX_ID = 'AKIDNumberDeskSandbox000000000000000';
const SANDBOX_KEY = 'NumberDeskSandboxKeyNotASecret0000';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.stop();
});

test('first run shows the welcome with the Sandbox promise', async () => {
  const { browser } = app;
  const panel = await byTestId(browser, 'welcome-panel');
  assert.match(await panel.getText(), /Import/);
  const note = await byTestId(browser, 'welcome-sandbox');
  assert.match(await note.getText(), /nothing is sent to Tencent/);
  await screenshot(browser, 'settings-welcome');
  await a11y(browser, 'welcome', { zh: false }); // zh: import.test.mjs (import-source)
});

test('a saved connection is tested, lists apps by name, and the switch moves the badge', async () => {
  const { browser } = app;
  const badge = await byTestId(browser, 'endpoint-badge');
  await browser.waitUntil(async () => (await badge.getAttribute('data-state')) === 'ready', {
    timeout: 15_000,
    timeoutMsg: 'app_info never arrived',
  });
  const sandboxUrl = await badge.getAttribute('title');
  await (await byTestId(browser, 'nav-settings')).click();
  await byTestId(browser, 'settings-account');
  await screenshot(browser, 'settings-first-run');
  await a11y(browser, 'settings', { zh: false }); // zh: submit-screens, keyboard (dark)

  await (await byTestId(browser, 'site-custom')).click();
  await (await byTestId(browser, 'settings-custom-url')).setValue(sandboxUrl);
  await (await byTestId(browser, 'settings-secret-id')).setValue(SANDBOX_ID);
  await (await byTestId(browser, 'settings-secret-key')).setValue(SANDBOX_KEY);
  await (await byTestId(browser, 'default-sipTrunkId')).setValue('77');
  await (await byTestId(browser, 'settings-save')).click();
  await byTestId(browser, 'settings-saved');
  const store = await byTestId(browser, 'settings-key-store');
  assert.match(await store.getText(), /SecretKey is saved/);

  await (await byTestId(browser, 'settings-test')).click();
  const apps = await byTestId(browser, 'settings-test-apps', 30_000);
  assert.match(await apps.getText(), /Sandbox Contact Centre/, 'SdkAppIds are offered by name');
  await apps.scrollIntoView({ block: 'center' });
  await screenshot(browser, 'settings-test-connection');
  await a11y(browser, 'settings-test-connection');

  await (await byTestId(browser, 'connection-tencent')).click();
  await browser.waitUntil(
    async () => (await badge.getAttribute('data-endpoint-kind')) === 'custom',
    {
      timeout: 15_000,
      timeoutMsg: 'the header badge did not follow the switch to Tencent',
    },
  );
  await screenshot(browser, 'settings-tencent-active');
  await (await byTestId(browser, 'connection-sandbox')).click();
  await browser.waitUntil(
    async () => (await badge.getAttribute('data-endpoint-kind')) === 'sandbox',
    {
      timeout: 15_000,
      timeoutMsg: 'the header badge did not return to the Sandbox',
    },
  );
});

test('the Settings screen reads in 简体中文', async () => {
  const { browser } = app;
  await (await byTestId(browser, 'nav-settings')).click();
  await (await byTestId(browser, 'language-option-zh-CN')).click();
  const hint = await byTestId(browser, 'connection-hint');
  await browser.waitUntil(async () => /[\u4e00-\u9fff]/.test(await hint.getText()), {
    timeout: 10_000,
    timeoutMsg: 'the Settings screen never turned into Chinese',
  });
  assert.match(await (await byTestId(browser, 'settings-account')).getText(), /腾讯云账号/);
  await browser.execute(() => window.scrollTo(0, 0));
  await screenshot(browser, 'settings-zh-CN');
  await (await byTestId(browser, 'language-option-en')).click();
});

test('Appearance: Dark is applied at once, kept after a restart, and System follows the system', async () => {
  const { browser } = app;
  const background = () =>
    browser.execute(() => getComputedStyle(document.documentElement).backgroundColor);
  await (await byTestId(browser, 'nav-settings')).click();
  const select = await byTestId(browser, 'theme-select');
  await browser.waitUntil(async () => (await select.isEnabled()) === true, {
    timeout: 10_000,
    timeoutMsg: 'the theme choice never loaded',
  });
  const light = await background();
  await select.selectByAttribute('value', 'dark');
  await browser
    .waitUntil(async () => (await background()) !== light, { timeout: 5_000 })
    .catch(async () => {
      const seen = await browser.execute(() => ({
        theme: document.documentElement.dataset.theme,
        value: document.querySelector('[data-testid="theme-select"]')?.value,
        bg: getComputedStyle(document.documentElement).backgroundColor,
        root: getComputedStyle(document.documentElement).getPropertyValue('--bg'),
      }));
      throw new Error(`choosing Dark did not repaint the window: ${JSON.stringify(seen)}`);
    });
  assert.equal(await background(), 'rgb(18, 21, 25)', 'the dark background');
  await a11y(browser, 'settings-appearance', { zh: false });

  // Kept in the database: a restart on the same data starts dark.
  const dataDir = app.dataDir;
  await app.stop();
  app = await startApp({ dataDir });
  const again = app.browser;
  await (await byTestId(again, 'nav-settings')).click();
  await again.waitUntil(
    async () => (await again.execute(() => document.documentElement.dataset.theme)) === 'dark',
    { timeout: 10_000, timeoutMsg: 'the saved Dark was not applied at start' },
  );
  // System: this Xvfb session's GTK is light.
  await (await byTestId(again, 'theme-select')).selectByAttribute('value', 'system');
  await again.waitUntil(
    async () => (await again.execute(() => document.documentElement.dataset.theme)) === 'light',
    { timeout: 5_000, timeoutMsg: 'System did not follow the (light) system' },
  );
});
