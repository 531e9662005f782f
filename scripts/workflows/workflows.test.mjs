// The rules of .github/workflows (run by `make lint-workflows`, with actionlint):
// the release builds every system we ship for, secrets are read only as ${{ secrets.NAME }}, every
// secret is documented, and the release notes and configuration come out as intended.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { parse } from "yaml";
import { notesFor } from "./release-notes.mjs";
import { releaseConfig } from "./release-config.mjs";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
const workflowFiles = readdirSync(new URL(".github/workflows/", root)).filter((f) =>
  /\.ya?ml$/.test(f),
);
const workflows = Object.fromEntries(
  workflowFiles.map((f) => {
    const text = read(`.github/workflows/${f}`);
    return [f, { text, doc: parse(text) }];
  }),
);

/** The secrets the release may use, each documented in the README. */
const SECRET_NAMES = [
  "GITHUB_TOKEN",
  "TAURI_SIGNING_PRIVATE_KEY",
  "TAURI_SIGNING_PRIVATE_KEY_PASSWORD",
  "WINDOWS_CERTIFICATE",
  "WINDOWS_CERTIFICATE_PASSWORD",
  "APPLE_CERTIFICATE",
  "APPLE_CERTIFICATE_PASSWORD",
  "APPLE_SIGNING_IDENTITY",
  "APPLE_ID",
  "APPLE_PASSWORD",
  "APPLE_TEAM_ID",
];

function releaseMatrix() {
  const build = workflows["release.yml"].doc.jobs.build;
  return build.strategy.matrix.include;
}

test("the release runs on a v* tag only and publishes a draft", () => {
  const { doc } = workflows["release.yml"];
  assert.deepEqual(doc.on, { push: { tags: ["v*"] } }, "rule: releases come from v* tags only");
  const action = doc.jobs.build.steps.find((s) => String(s.uses).startsWith("tauri-apps/tauri-action@"));
  assert.ok(action, "rule: the installers are built with tauri-apps/tauri-action");
  assert.equal(action.with.releaseDraft, true, "rule: a draft release, published by a maintainer");
  assert.equal(action.with.includeUpdaterJson, true, "rule: latest.json for the in-app updater");
  assert.match(action.with.releaseBody, /needs\.prepare\.outputs\.notes/, "notes from CHANGELOG.md");
});

test("the release matrix covers Windows, macOS and Linux with every installer", () => {
  const matrix = releaseMatrix();
  const on = (prefix) => matrix.filter((m) => m.runner.startsWith(prefix));
  const [windows] = on("windows-");
  const [macos] = on("macos-");
  const [linux] = on("ubuntu-");
  assert.ok(windows && macos && linux, `rule: Windows, macOS and Linux are built: ${JSON.stringify(matrix)}`);
  assert.match(windows.args, /--bundles msi,nsis\b/, "Windows: MSI and NSIS");
  assert.match(macos.args, /--target universal-apple-darwin\b/, "macOS: one universal app");
  assert.match(macos.args, /\bdmg\b/, "macOS: a DMG");
  assert.match(macos["rust-targets"], /aarch64-apple-darwin/);
  assert.match(macos["rust-targets"], /x86_64-apple-darwin/);
  assert.match(linux.args, /--bundles deb,appimage\b/, "Linux: .deb and AppImage");
  const build = workflows["release.yml"].doc.jobs.build;
  const testsBeforeAction = build.steps.findIndex((s) => /cargo test --workspace/.test(s.run ?? ""));
  const actionAt = build.steps.findIndex((s) => String(s.uses).startsWith("tauri-apps/tauri-action@"));
  assert.ok(
    testsBeforeAction !== -1 && testsBeforeAction < actionAt,
    "rule: each system's tests pass before its installers are built",
  );
});

test("the per-user NSIS install and the update key are configured in tauri.conf.json", () => {
  const conf = JSON.parse(read("src-tauri/tauri.conf.json"));
  assert.equal(conf.bundle.windows.nsis.installMode, "currentUser");
  assert.equal(conf.bundle.createUpdaterArtifacts, true);
  const pubkey = Buffer.from(conf.plugins.updater.pubkey, "base64").toString("utf8");
  assert.match(pubkey, /^untrusted comment: minisign public key/, "rule: only the PUBLIC key is in git");
});

test("SHA-256 checksums of every release file are uploaded", () => {
  const { doc } = workflows["release.yml"];
  const run = doc.jobs.checksums.steps.map((s) => s.run ?? "").join("\n");
  assert.deepEqual([doc.jobs.checksums.needs].flat(), ["build"]);
  assert.match(run, /sha256sum/);
  assert.match(run, /gh release upload .*SHA256SUMS\.txt/);
});

test("CI runs make test on Ubuntu and the tests and installers on Windows and macOS", () => {
  const { doc } = workflows["ci.yml"];
  assert.deepEqual(Object.keys(doc.on).sort(), ["pull_request", "push"]);
  const linuxRuns = doc.jobs.linux.steps.map((s) => s.run ?? "").join("\n");
  assert.match(linuxRuns, /\.ci\/run|make test/, "rule: CI on Ubuntu is exactly make test");
  const runners = doc.jobs.native.strategy.matrix.include.map((m) => m.runner);
  assert.deepEqual(runners.sort(), ["macos-latest", "windows-latest"]);
  const nativeRuns = doc.jobs.native.steps.map((s) => s.run ?? "").join("\n");
  for (const needed of [/cargo test --workspace/, /--test os_native .*--ignored/, /npm test/, /npm run typecheck/, /npm run lint/, /tauri -- build/]) {
    assert.match(nativeRuns, needed);
  }
  assert.ok(!/secrets\./.test(workflows["ci.yml"].text), "CI (pull requests) reads no secret");
});

test("secrets are read only as ${{ secrets.NAME }}, never written into a workflow", () => {
  for (const [file, { text }] of Object.entries(workflows)) {
    const expressions = [...text.matchAll(/\$\{\{(.*?)\}\}/gs)].map((m) => m[1]);
    const reading = expressions.filter((e) => /\bsecrets\b/.test(e));
    assert.ok(reading.length > 0 || file === "ci.yml", `${file} reads its secrets`);
    for (const expr of reading) {
      const plain = /^ secrets\.([A-Z][A-Z0-9_]*) $/.exec(expr);
      assert.ok(
        plain,
        `rule: ${file} reads secrets only as \${{ secrets.NAME }} — not \${{${expr}}} ` +
          "(no toJSON(secrets), secrets[...], or secrets inside a larger expression)",
      );
      assert.ok(SECRET_NAMES.includes(plain[1]), `${file}: secret ${plain[1]} is not one of the documented names`);
    }
    const outside = text
      .replace(/\$\{\{.*?\}\}/gs, "")
      .split("\n")
      .filter((line) => !/^\s*#/.test(line))
      .join("\n");
    assert.doesNotMatch(outside, /\bsecrets\s*[.[]/, `rule: ${file} uses secrets only inside \${{ }}`);
    assert.doesNotMatch(text, /-----BEGIN|PRIVATE KEY-----|rsign encrypted secret key/i, `${file}: no key material`);
    // A long base64 run would be a pasted key or certificate.
    assert.doesNotMatch(text, /[A-Za-z0-9+/]{80,}={0,2}/, `${file}: no pasted key or certificate`);
  }
});

test("a variable named like a secret always holds that secret, never a literal", () => {
  const check = (file, where, env) => {
    for (const [key, value] of Object.entries(env ?? {})) {
      const secret = key === "GH_TOKEN" ? "GITHUB_TOKEN" : key;
      if (SECRET_NAMES.includes(secret)) {
        assert.equal(value, `\${{ secrets.${secret} }}`, `rule: ${file} ${where}: ${key} comes from secrets.${secret}`);
      }
    }
  };
  for (const [file, { doc }] of Object.entries(workflows)) {
    check(file, "env", doc.env);
    for (const [jobName, job] of Object.entries(doc.jobs)) {
      check(file, `${jobName}.env`, job.env);
      for (const [i, step] of (job.steps ?? []).entries()) {
        check(file, `${jobName}.steps[${i}].env`, step.env);
        check(file, `${jobName}.steps[${i}].with`, step.with);
      }
    }
  }
});

test("every secret the workflows use is documented in the README", () => {
  const readme = read("README.md");
  const used = new Set(
    Object.values(workflows).flatMap(({ text }) =>
      [...text.matchAll(/\$\{\{ secrets\.([A-Z0-9_]+) \}\}/g)].map((m) => m[1]),
    ),
  );
  used.delete("GITHUB_TOKEN"); // provided by GitHub
  assert.ok(used.size >= 10, `the release reads its signing secrets: ${[...used]}`);
  for (const name of used) {
    assert.ok(readme.includes(`\`${name}\``), `rule: the README names the secret ${name}`);
  }
});

test("the release notes are the version's CHANGELOG.md section", () => {
  const changelog = "# Changelog\n\n## 0.2.0\n\n- New\n\n## [0.1.0] - 2026-12-01\n\nFirst.\n";
  assert.equal(notesFor(changelog, "v0.2.0"), "- New");
  assert.equal(notesFor(changelog, "0.1.0"), "First.");
  assert.equal(notesFor(changelog, "0.3.0"), null);
  const version = /^version = "(.+)"/m.exec(read("Cargo.toml"))[1];
  assert.ok(
    notesFor(read("CHANGELOG.md"), version),
    `rule: CHANGELOG.md has notes for the current version ${version} (the release needs them)`,
  );
});

test("the release configuration signs updates only with the key, and never copies a secret", () => {
  const base = { GITHUB_REPOSITORY: "acme/number-desk" };
  const unsigned = releaseConfig(base);
  assert.equal(unsigned.bundle.createUpdaterArtifacts, false, "no key: no update files, build still succeeds");
  assert.equal(unsigned.bundle.windows, undefined);
  assert.deepEqual(unsigned.plugins.updater.endpoints, [
    "https://github.com/acme/number-desk/releases/latest/download/latest.json",
  ]);
  const key = "dW50cnVzdGVkIGNvbW1lbnQ6IHJzaWduIGVuY3J5cHRlZCBzZWNyZXQga2V5Cg==";
  const signed = releaseConfig({ ...base, TAURI_SIGNING_PRIVATE_KEY: key, WINDOWS_CERTIFICATE_THUMBPRINT: "AB12" });
  assert.equal(signed.bundle.createUpdaterArtifacts, true);
  assert.equal(signed.bundle.windows.certificateThumbprint, "AB12");
  assert.ok(!JSON.stringify(signed).includes(key), "rule: the private key never reaches a file");
  assert.throws(() => releaseConfig({}), /GITHUB_REPOSITORY/);
});
