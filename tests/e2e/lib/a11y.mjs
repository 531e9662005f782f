// Accessibility checks in the real webview, shared by the end-to-end tests: axe-core (the same
// version the Vitest checks use) is injected into the page over WebDriver and run on the whole
// document; any violation of impact "serious" or "critical" fails the test with a readable list
// (rule, element, what is wrong). Unlike jsdom, the webview lays the page out, so colour contrast
// is checked too. `a11y(browser, name)` checks the screen as it is (and saves a screenshot
// target/e2e/a11y-<name>.png); with `languages: ['en', 'zh-CN']` it also switches to 简体中文,
// checks and screenshots again (a11y-<name>-zh-CN.png) and switches back.
//
// Themes: the app paints light or dark by `data-theme` on <html> (ui/src/theme.ts), from
// Settings → Appearance or, by default, the system's setting, which WebKitGTK takes from GTK: an
// app started with GTK_THEME=Adwaita:dark (startApp's `dark`) really starts dark. Every check
// also looks at the other theme, set the way Appearance sets it; there only axe's colour-contrast
// rule runs — every other rule reads the document, which the theme does not change.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { byTestId, screenshot } from './app.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const FAILING = new Set(['serious', 'critical']);

/** 'dark' or 'light': the theme the page is painted in. */
export async function theme(browser) {
  const painted = await browser.execute(() => document.documentElement.dataset.theme);
  return painted === 'dark' ? 'dark' : 'light';
}

/** Paints the page in `mode` as Settings → Appearance does (until the next choice or start). */
async function setTheme(browser, mode) {
  await browser.execute((m) => {
    document.documentElement.dataset.theme = m;
  }, mode);
}

/** Lets the webview paint the last change (two animation frames). */
async function painted(browser) {
  await browser.execute(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/**
 * Runs axe-core on the document (only `rules`, when given); the serious and critical
 * violations, one line per element.
 */
export async function axeViolations(browser, rules) {
  await painted(browser);
  if (!(await browser.execute(() => window.axe !== undefined))) {
    // Once per page (the app is a single page, kept for the whole session). Sent as the script
    // itself: the app's CSP refuses inline <script> elements, WebDriver's own scripts pass.
    await browser.execute(`${AXE_SOURCE}\nreturn typeof window.axe;`);
  }
  const result = await browser.execute(async (only) => {
    const options = { resultTypes: ['violations'] };
    if (only !== null) options.runOnly = { type: 'rule', values: only };
    const r = await window.axe.run(document, options);
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        impact: n.impact,
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
  }, rules ?? null);
  const lines = [];
  for (const v of result) {
    for (const n of v.nodes) {
      const impact = n.impact ?? v.impact;
      if (!FAILING.has(impact)) continue;
      const summary = n.summary.length > 400 ? `${n.summary.slice(0, 400)}…` : n.summary;
      lines.push(`${v.id} (${impact}): ${v.help}\n      at ${n.target}\n      ${summary}`);
    }
  }
  return lines;
}

/** Switches the language with the header's switch and waits until the page says so. */
async function switchLanguage(browser, language) {
  await (await byTestId(browser, `language-option-${language}`)).click();
  await browser.waitUntil(
    async () => (await browser.execute(() => document.documentElement.lang)) === language,
    { timeout: 15_000, timeoutMsg: `the page never switched to ${language}` },
  );
}

/**
 * The accessibility check of one screen: axe-core on the whole document in the language shown,
 * and — unless `zh: false` — again in 简体中文 (then back to English). `ready(language)`
 * (optional) is awaited before each check and after switching back, for screens that re-read data in the new language. Screenshots:
 * a11y-<name>[-dark].png and a11y-<name>[-dark]-zh-CN.png. Fails with every serious or critical
 * violation found, named by screen, language and theme.
 */
export async function a11y(browser, name, { zh = true, ready } = {}) {
  const mode = await theme(browser);
  const base = `a11y-${name}${mode === 'dark' ? '-dark' : ''}`;
  const found = [];
  const check = async (language, file) => {
    if (ready !== undefined) await ready(language);
    const lines = await axeViolations(browser);
    await screenshot(browser, file);
    if (lines.length > 0) found.push(`${name} (${language}, ${mode}):\n  ${lines.join('\n  ')}`);
  };
  // The other theme, colours only (see the top of this file), in the language shown.
  const other = mode === 'dark' ? 'light' : 'dark';
  const contrast = async (language) => {
    await setTheme(browser, other);
    try {
      const lines = await axeViolations(browser, ['color-contrast']);
      if (lines.length > 0) found.push(`${name} (${language}, ${other}):\n  ${lines.join('\n  ')}`);
    } finally {
      await setTheme(browser, mode);
    }
  };
  const language = await browser.execute(() => document.documentElement.lang);
  await check(language, language === 'zh-CN' ? `${base}-zh-CN` : base);
  await contrast(language);
  if (zh && language !== 'zh-CN') {
    await switchLanguage(browser, 'zh-CN');
    try {
      await check('zh-CN', `${base}-zh-CN`);
      await contrast('zh-CN');
    } finally {
      await switchLanguage(browser, 'en');
      if (ready !== undefined) await ready('en');
    }
  }
  if (found.length > 0) {
    throw new Error(`axe: serious or critical accessibility violations\n${found.join('\n')}`);
  }
}
