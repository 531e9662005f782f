// Start-up as the user meets it, on the real binary under Xvfb (no WebDriver: these launches
// must be plain ones). A start-up failure is a native dialog, not a line on stderr nobody sees;
// a second launch hands over to the running window instead of failing on the outbox lock.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";

const app = process.env.APP_BINARY;

// Unref'd: a timer that lost a race must not keep the test process alive.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms).unref());

/** Window ids whose title is exactly `title` (xdotool; empty when none). */
function windows(title) {
  try {
    return execFileSync(
      "xdotool",
      ["search", "--onlyvisible", "--name", `^${title}$`],
      {
        encoding: "utf8",
      },
    )
      .split("\n")
      .filter(Boolean);
  } catch {
    return [];
  }
}

async function until(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function launch(dataDir, env = {}) {
  const child = spawn(app, [], {
    env: { ...process.env, NUMDESK_DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderrText = "";
  child.stderr.on("data", (d) => (child.stderrText += d));
  child.exited = new Promise((resolve) =>
    child.on("exit", (code) => resolve(code)),
  );
  // The app's helper processes may keep the pipe open a while after a kill: don't wait for them.
  child.stop = () => {
    child.kill("SIGKILL");
    child.stderr.destroy();
    child.unref();
  };
  return child;
}

function logText(dataDir) {
  const dir = path.join(dataDir, "logs");
  if (!existsSync(dir)) return "";
  return readdirSync(dir)
    .map((f) => readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
}

test("a database written by a newer version is shown in a native dialog, logged, and exits 1", async (t) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "numdesk-startup-"));
  // A database of a schema this version does not know (as a newer Number Desk leaves it).
  execFileSync("python3", [
    "-c",
    'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version=999"); c.commit()',
    path.join(dataDir, "numdesk.sqlite3"),
  ]);
  const child = launch(dataDir);
  t.after(() => child.stop());
  const [dialog] = await until("the start-up failure dialog", () => {
    const found = windows("Number Desk could not start");
    return found.length > 0 && found;
  });
  assert.equal(
    windows("Number Desk").length,
    0,
    "the empty main window is hidden",
  );
  // The log is written in the background: give it a moment.
  const log = await until("the failure in the log", () => {
    const text = logText(dataDir);
    return /could not start/.test(text) && text;
  });
  assert.match(log, /newer/i, "the log says why");
  // No window manager under Xvfb: give the dialog the keyboard focus, then press Enter (OK);
  // again each second while the dialog is still coming up.
  let code = "still running";
  for (let i = 0; i < 15 && code === "still running"; i++) {
    if (windows("Number Desk could not start").length > 0)
      execFileSync("xdotool", [
        "windowfocus",
        "--sync",
        dialog,
        "key",
        "Return",
      ]);
    code = await Promise.race([
      child.exited,
      sleep(1000).then(() => "still running"),
    ]);
  }
  assert.equal(
    code,
    1,
    `closing the dialog ends the app with 1 (stderr: ${child.stderrText})`,
  );
});

test("a second launch hands over to the running window and exits 0", async (t) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "numdesk-second-"));
  // The instance is found on a D-Bus session bus, as on a desktop.
  const bus = spawn(
    "dbus-daemon",
    ["--session", "--nofork", "--print-address=1"],
    {
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  t.after(() => {
    bus.kill();
    bus.stdout.destroy();
    bus.unref();
  });
  const address = await new Promise((resolve) =>
    bus.stdout.once("data", (d) => resolve(String(d).trim())),
  );
  const env = { DBUS_SESSION_BUS_ADDRESS: address };
  const first = launch(dataDir, env);
  t.after(() => first.stop());
  await until("the first window", () => {
    if (first.exitCode !== null)
      throw new Error(`the first launch exited: ${first.stderrText}`);
    return windows("Number Desk").length > 0;
  });
  // The first instance holds the outbox lock from here on.
  await until("the first start-up to finish", () =>
    logText(dataDir).includes("CCC sandbox listening"),
  );

  const second = launch(dataDir, env);
  t.after(() => second.stop());
  const code = await Promise.race([
    second.exited,
    sleep(20_000).then(() => "still running"),
  ]);
  assert.equal(
    code,
    0,
    `the second launch exits 0 (stderr: ${second.stderrText})`,
  );
  assert.equal(
    windows("Number Desk could not start").length,
    0,
    "no failure dialog",
  );
  assert.equal(first.exitCode, null, "the first instance still runs");
  await until("the first instance to be told", () =>
    logText(dataDir).includes("another launch of Number Desk"),
  );
  assert.equal(windows("Number Desk").length, 1, "one window");
});
