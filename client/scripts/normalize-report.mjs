// Makes a vitest JSON report count what went wrong outside a test: `node normalize-report.mjs REPORT EXIT_CODE`.
// Skipped tests and failed hooks or files (which vitest counts apart) become failed tests, and a run that exited
// non-zero without a report, or with nothing failed in it, counts one failure. Exits 1 when anything failed.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const [report, exitCode] = process.argv.slice(2);
const result = existsSync(report) ? JSON.parse(readFileSync(report, "utf8")) : { numPassedTests: 0, numFailedTests: 0 };
let failed = (result.numFailedTests ?? 0) + (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
const brokenFiles = (result.testResults ?? []).filter((file) => file.status === "failed" && (file.assertionResults ?? []).every((test) => test.status !== "failed"));
failed += brokenFiles.length;
if (failed === 0 && (Number(exitCode) !== 0 || result.success === false)) {
  failed = 1;
}
result.numFailedTests = failed;
writeFileSync(report, JSON.stringify(result));
console.log(`${report}: ${result.numPassedTests ?? 0} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
