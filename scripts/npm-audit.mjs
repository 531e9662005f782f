// `npm audit --omit=dev --json` in the current directory: exits 1 when any production
// dependency has a known vulnerability. When the audit endpoint itself fails (no network, a
// registry mirror without the audit API) it warns and exits 0, unless REQUIRE_ADVISORIES=1.
import { spawnSync } from "node:child_process";

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], {
  encoding: "utf8",
});
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = {
    error: { summary: run.stderr.trim() || "no JSON from npm audit" },
  };
}
const required = process.env.REQUIRE_ADVISORIES === "1";
// npm reports an endpoint failure as {error: {...}} or as the HTTP answer ({message, statusCode}).
if (report.error || report.metadata === undefined) {
  const why =
    report.message ??
    (report.error?.summary || report.error?.code || "unknown error");
  if (required) {
    console.error(`audit: the npm advisory endpoint failed: ${why}`);
    process.exit(1);
  }
  console.log(`audit: WARNING npm advisories NOT checked: ${why}`);
  process.exit(0);
}
const counts = report.metadata?.vulnerabilities ?? {};
const total = counts.total ?? 0;
if (total > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    console.error(`audit: ${name} ${v.severity}: ${v.range ?? ""}`);
  }
  console.error(
    `audit: ${total} known vulnerabilities in production dependencies`,
  );
  process.exit(1);
}
console.log(
  `audit: no known vulnerabilities in ${report.metadata?.dependencies?.prod ?? "the"} production dependencies`,
);
