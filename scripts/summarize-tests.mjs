// Sums every suite's results (xunit .trx files, vitest/node JSON reports) into the closing line "N passed, N failed".
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
for (const file of readdirSync(dir)) {
  if (!statSync(join(dir, file)).isFile()) {
    continue;
  }
  const text = readFileSync(join(dir, file), "utf8");
  let p = 0;
  let f = 0;
  if (file.endsWith(".trx")) {
    const counters = /<Counters\b[^>]*>/.exec(text)?.[0] ?? "";
    const count = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(counters)?.[1] ?? 0);
    p = count("passed");
    f = count("failed") + count("error") + count("timeout") + count("aborted");
  } else if (file.endsWith(".json")) {
    const report = JSON.parse(text);
    p = report.numPassedTests ?? 0;
    f = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  } else {
    continue;
  }
  console.log(`${file}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
