// What is already live: a number someone applied for elsewhere (the console, another computer)
// is live in the Sandbox's contact centre. "Bring in the numbers already in this contact
// centre" reads it (listed 0086…) and lists it apart as "live, not applied for from this
// computer"; a file with that number, written another way, then gets an error on its row.
// Screenshots in English and 简体中文 at 1024×700: target/e2e/live-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { byTestId, startApp } from './lib/app.mjs';
import {
  bothLanguages as both,
  importToGrid,
  pastedList,
  setField,
  textOf,
  stepsOf,
} from './lib/ui.mjs';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-live-'));
const now = { secs_since_epoch: Math.floor(Date.now() / 1000) - 3600, nanos_since_epoch: 0 };
// The Sandbox's own state file, as it keeps it across restarts: one approved application made
// elsewhere for the fixture contact centre.
writeFileSync(
  path.join(dataDir, 'sandbox-state.json'),
  JSON.stringify({
    format: 1,
    next_apply_id: 200002,
    applications: [
      {
        apply_id: 200001,
        sdk_app_id: 1400000001,
        sip_trunk_id: 10001,
        numbers: ['02038007001'],
        details: [
          {
            call_type: 1,
            phone_number: '02038007001',
            max_call_count: 10,
            max_call_p_sec: 2,
            outbound_callee_format: null,
            carrier_phone_number: null,
          },
        ],
        options: {
          prefix: null,
          mobile_ndd_prefix: null,
          local_number_trim_ac: null,
          callee_format_passthrough: null,
          caller_format_passthrough: null,
          international_number_prefix: null,
        },
        state: 'Approved',
        created_at: now,
        submitted_at: now,
        modify_count: 0,
        approved_at: now,
      },
    ],
  }),
);

let app;
after(async () => {
  await app?.stop();
});

// A failing step leaves live-failed-<step>.png.
const step = stepsOf('live', () => app);

test('a number already live in the contact centre is brought in, listed apart and flagged at import', () =>
  step('flow', async () => {
    app = await startApp({ dataDir });
    const { browser } = app;
    await browser.setWindowSize(1024, 700).catch(() => {});

    await (await byTestId(browser, 'nav-applications')).click();
    await byTestId(browser, 'watch-panel', 15_000);
    await setField(browser, 'watch-sdk-app-id', '1400000001');
    await (await byTestId(browser, 'watch-bring-in')).click();
    await browser.waitUntil(
      async () => /1 numbers listed; 1 of them/.test(await textOf(browser, 'watch-message')),
      {
        timeout: 20_000,
        timeoutMsg: 'Bring in never reported the live number',
      },
    );
    const apart = await byTestId(browser, 'watch-live-apart');
    await (await apart.$('summary')).click();
    assert.match(
      await textOf(browser, 'watch-live-apart'),
      /008602038007001 · SdkAppId 1400000001/,
    );
    await both(browser, 'live-brought-in', async () =>
      /已生效、非本机申请的号码/.test(await textOf(browser, 'watch-live-apart')),
    );

    // A carrier list with that number, written with +86: an error on its row.
    await importToGrid(browser, { text: pastedList(['+86 20 3800 7001', '020 3800 7002']) });
    await browser.waitUntil(async () => (await textOf(browser, 'count-errors')) === '1', {
      timeout: 15_000,
      timeoutMsg: 'the already-live number was not an error',
    });
    await (await byTestId(browser, 'filter-errors')).click();
    await (await byTestId(browser, 'grid-row-0')).click();
    await browser.waitUntil(
      async () =>
        /already live in SdkAppId 1400000001 \(read (just now|\d+ minutes? ago)\)/.test(
          await textOf(browser, 'review-grid-panel'),
        ),
      {
        timeout: 15_000,
        timeoutMsg: 'the row does not say where and when the number was seen live',
      },
    );
    await both(browser, 'live-flagged', async () =>
      /已在 SdkAppId 1400000001 中生效/.test(await textOf(browser, 'review-grid-panel')),
    );
  }));
