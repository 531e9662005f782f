// Cold start and idle memory of the RELEASE app (`make startup-figures`; not part of `make test`:
// figures are printed, never asserted). Each run starts the app on a fresh data directory through
// tauri-driver + WebKitWebDriver under Xvfb and measures, from the moment the app process was
// spawned:
//   - "shown (page)": until the import screen was on display, by the page's own clock
//     (performance mark `numdesk:import-shown`, set when the screen first renders) — no driver
//     overhead;
//   - "heading (WebDriver)": until WebDriver saw the import heading displayed — includes the
//     driver's session set-up after launch and its polling (an upper bound);
// and, after 10 s idle on that screen, RSS and PSS summed over numdesk-app and its WebKit web and
// network processes (/proc/<pid>/smaps_rollup; PSS shares libraries fairly between them).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { remote } from 'webdriverio';

const RUNS = Number(process.env.STARTUP_RUNS ?? 5);
const IDLE_MS = Number(process.env.STARTUP_IDLE_MS ?? 10_000);
const application = process.env.APP_BINARY;
const driverBinary = process.env.TAURI_DRIVER;
if (!application || !driverBinary) {
  throw new Error(
    'APP_BINARY (the release binary) and TAURI_DRIVER must be set: run `make startup-figures`',
  );
}

const CLK_TCK = 100; // USER_HZ on Linux; /proc/<pid>/stat start times are in these ticks.

/** Wall-clock time (ms since the epoch) at which process `pid` started. */
function processStartEpochMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const startTicks = Number(fields[19]); // field 22 overall: starttime
  const uptimeS = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  const bootEpochMs = Date.now() - uptimeS * 1000;
  return bootEpochMs + (startTicks / CLK_TCK) * 1000;
}

function children() {
  const byParent = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!byParent.has(ppid)) byParent.set(ppid, []);
      byParent.get(ppid).push({ pid: Number(entry), comm });
    } catch {
      // the process ended while we looked
    }
  }
  return byParent;
}

function descendants(root) {
  const byParent = children();
  const out = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop();
    for (const child of byParent.get(pid) ?? []) {
      out.push(child);
      stack.push(child.pid);
    }
  }
  return out;
}

function rollup(pid) {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return { rss: kb('Rss'), pss: kb('Pss') };
}

async function freePort() {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

async function oneRun() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'numdesk-startup-'));
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn(
    driverBinary,
    ['--port', String(port), '--native-port', String(nativePort)],
    {
      env: { ...process.env, NUMDESK_DATA_DIR: dataDir },
      stdio: 'ignore',
      detached: true,
    },
  );
  try {
    await waitForPort(port, 20_000);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      capabilities: { 'tauri:options': { application } },
    });
    try {
      const heading = await browser.$('[data-testid="section-heading-import"]');
      await heading.waitForDisplayed({ timeout: 30_000, interval: 10 });
      const seenAt = Date.now();
      const app = descendants(driver.pid).find((p) => p.comm === 'numdesk-app');
      if (!app) throw new Error('numdesk-app is not among the driver’s processes');
      const spawnedAt = processStartEpochMs(app.pid);
      const shownAt = await browser.execute(() => {
        const mark = performance.getEntriesByName('numdesk:import-shown')[0];
        return mark ? performance.timeOrigin + mark.startTime : null;
      });
      await new Promise((r) => setTimeout(r, IDLE_MS));
      const procs = [app, ...descendants(app.pid)];
      let rss = 0;
      let pss = 0;
      for (const p of procs) {
        const m = rollup(p.pid);
        rss += m.rss;
        pss += m.pss;
      }
      return {
        heading: seenAt - spawnedAt,
        shown: shownAt === null ? NaN : shownAt - spawnedAt,
        rssMiB: rss / 1024,
        pssMiB: pss / 1024,
        processes: procs.map((p) => p.comm).join(', '),
      };
    } finally {
      await browser.deleteSession().catch(() => undefined);
    }
  } finally {
    try {
      process.kill(-driver.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { min: v[0], median, max: v[v.length - 1] };
}

const results = [];
for (let i = 1; i <= RUNS; i++) {
  const r = await oneRun();
  results.push(r);
  console.log(
    `run ${i}: shown ${r.shown.toFixed(0)} ms (page), heading ${r.heading.toFixed(0)} ms (WebDriver), ` +
      `RSS ${r.rssMiB.toFixed(1)} MiB, PSS ${r.pssMiB.toFixed(1)} MiB [${r.processes}]`,
  );
}
const row = (label, key, unit, digits) => {
  const s = stats(results.map((r) => r[key]));
  console.log(
    `${label.padEnd(38)} min ${s.min.toFixed(digits)} ${unit}  median ${s.median.toFixed(digits)} ${unit}  max ${s.max.toFixed(digits)} ${unit}`,
  );
};
console.log(`\nNumber Desk release build, ${RUNS} cold starts on fresh data directories (Xvfb):`);
row('spawn → import screen shown (page)', 'shown', 'ms', 0);
row('spawn → heading seen by WebDriver', 'heading', 'ms', 0);
row(`idle RSS after ${IDLE_MS / 1000} s (app + WebKit)`, 'rssMiB', 'MiB', 1);
row(`idle PSS after ${IDLE_MS / 1000} s (app + WebKit)`, 'pssMiB', 'MiB', 1);
