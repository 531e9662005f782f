// Writes the Tauri configuration overlay of a release build (merged over src-tauri/tauri.conf.json
// with `tauri build --config <file>`) and prints its absolute path; in GitHub Actions also as the
// step output `path`.
//
// - plugins.updater.endpoints: this repository's latest.json
//   (https://github.com/<owner>/<repo>/releases/latest/download/latest.json, from
//   GITHUB_REPOSITORY), which tauri.conf.json cannot know;
// - bundle.createUpdaterArtifacts: only when TAURI_SIGNING_PRIVATE_KEY is set, so a build without
//   that secret still succeeds (without update files: Tauri refuses to build them unsigned);
// - bundle.windows.certificateThumbprint: when the certificate from the WINDOWS_CERTIFICATE secret
//   was imported (WINDOWS_CERTIFICATE_THUMBPRINT), with a timestamp server.
//
// Secrets are never written to the file: only whether the key is present, and the thumbprint
// (a public hash of the certificate).
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const TIMESTAMP_URL = "http://timestamp.digicert.com";

/** The overlay for `env` (process.env in the workflow). */
export function releaseConfig(env) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    throw new Error(`GITHUB_REPOSITORY must be <owner>/<repo>, got "${repository}"`);
  }
  const config = {
    bundle: { createUpdaterArtifacts: (env.TAURI_SIGNING_PRIVATE_KEY ?? "") !== "" },
    plugins: {
      updater: {
        endpoints: [`https://github.com/${repository}/releases/latest/download/latest.json`],
      },
    },
  };
  const thumbprint = env.WINDOWS_CERTIFICATE_THUMBPRINT ?? "";
  if (thumbprint !== "") {
    config.bundle.windows = { certificateThumbprint: thumbprint, timestampUrl: TIMESTAMP_URL };
  }
  return config;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const out = resolve(root, process.argv[2] ?? "target/release.conf.json");
  const config = releaseConfig(process.env);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(config, null, 2)}\n`);
  console.log(out);
  console.error(
    `release config: updater artifacts ${config.bundle.createUpdaterArtifacts ? "signed" : "OFF (no TAURI_SIGNING_PRIVATE_KEY)"}, ` +
      `Windows code signing ${config.bundle.windows ? "ON" : "off"}, endpoint ${config.plugins.updater.endpoints[0]}`,
  );
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `path=${out}\n`);
}
