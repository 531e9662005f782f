// Prints the CHANGELOG.md section of one version: the release's notes on GitHub and in
// latest.json (what Settings → About shows as "Version X is available: <notes>").
//   node scripts/workflows/release-notes.mjs 0.1.0      (a leading "v" is ignored)
// Exit 1 when CHANGELOG.md has no section for that version, so a release is never published
// without notes.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The body of `## <version>` (also `## [<version>]`, `## v<version> - date`), trimmed. */
export function notesFor(changelog, version) {
  const wanted = version.replace(/^v/, "");
  const lines = changelog.split(/\r?\n/);
  const heading = /^##\s+\[?v?([^\]\s]+)\]?/;
  const start = lines.findIndex((line) => heading.exec(line)?.[1] === wanted);
  if (start === -1) return null;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^##\s/.test(line));
  const body = (end === -1 ? rest : rest.slice(0, end)).join("\n").trim();
  return body === "" ? null : body;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = process.argv[2];
  if (!version) {
    console.error("usage: release-notes.mjs <version>");
    process.exit(2);
  }
  const changelog = readFileSync(new URL("../../CHANGELOG.md", import.meta.url), "utf8");
  const notes = notesFor(changelog, version);
  if (notes === null) {
    console.error(`CHANGELOG.md has no section "## ${version.replace(/^v/, "")}" with notes`);
    process.exit(1);
  }
  process.stdout.write(`${notes}\n`);
}
