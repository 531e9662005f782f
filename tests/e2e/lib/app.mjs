// Starts the real Number Desk binary inside WebKitWebDriver through tauri-driver, and hands the
// test a WebdriverIO session. Everything is torn down by `stop()`, even after a failure.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const screenshotDir = path.join(repoRoot, 'target', 'e2e');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with \`make e2e\``);
  return value;
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

async function waitForPort(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port} within ${timeoutMs} ms`);
}

/**
 * Launches the app with its own data directory (kept between launches when `dataDir` is passed,
 * so a test can restart the app and find its data).
 */
export async function startApp({ dataDir } = {}) {
  const application = required('APP_BINARY');
  const driverBinary = required('TAURI_DRIVER');
  const dir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'numdesk-e2e-'));
  mkdirSync(screenshotDir, { recursive: true });

  const port = await freePort();
  const nativePort = await freePort();
  // The driver, WebKitWebDriver and the app run in their own process group, writing to a log
  // file: teardown kills the whole group, and nothing left behind can hold the runner's output.
  const log = openSync(path.join(screenshotDir, 'tauri-driver.log'), 'a');
  const driver = spawn(
    driverBinary,
    ['--port', String(port), '--native-port', String(nativePort)],
    {
      // The webview keeps its own storage (localStorage: the dismissed welcome) under
      // XDG_DATA_HOME: inside the data directory, a fresh directory is a real first run and the
      // same directory a real restart, and no run leaves state behind for the next.
      env: { ...process.env, NUMDESK_DATA_DIR: dir, XDG_DATA_HOME: path.join(dir, 'webview') },
      stdio: ['ignore', log, log],
      detached: true,
    },
  );
  const killGroup = () => {
    try {
      process.kill(-driver.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    await waitForPort(port, driver, 20_000);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'warn',
      connectionRetryTimeout: 60_000,
      capabilities: { 'tauri:options': { application } },
    });
    const stop = async () => {
      try {
        await browser.deleteSession();
      } finally {
        killGroup();
      }
    };
    return { browser, dataDir: dir, stop };
  } catch (err) {
    killGroup();
    throw err;
  }
}

/** Waits for an element by `data-testid` and returns it. */
export async function byTestId(browser, id, timeout = 15_000) {
  const el = await browser.$(`[data-testid="${id}"]`);
  await el.waitForDisplayed({ timeout, timeoutMsg: `[data-testid="${id}"] never appeared` });
  return el;
}

export async function screenshot(browser, name) {
  const file = path.join(screenshotDir, `${name}.png`);
  await browser.saveScreenshot(file);
  return file;
}
