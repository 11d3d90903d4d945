#!/usr/bin/env bash
# Runs the client's three suites and writes one JSON report each into the folder given as $1:
#   client-unit.json  the extension's logic, with the vscode module faked (vitest)
#   client-page.json  the study panel's page in headless Chromium (vitest + playwright-core)
#   client-e2e.json   the packaged .vsix in code-server 4.100.3 (VS Code 1.100.3), driven through Chromium
# Builds the .vsix first (scripts/build.sh); installs chromium and code-server when needed (scripts/install-code-server.sh).
# Exits non-zero when anything failed.
set -uo pipefail
results="$(mkdir -p "${1:?usage: client/scripts/test.sh RESULTS_FOLDER}" && cd "$1" && pwd)"
client="$(cd "$(dirname "$0")/.." && pwd)"
cd "$client"
status=0

fail_suite() { # a suite that could not run counts as one failed test
    echo "{ \"numPassedTests\": 0, \"numFailedTests\": 1, \"error\": \"$2\" }" > "$results/client-$1.json"
    status=1
}

run_suite() {
    local name=$1 report="$results/client-$1.json"
    rm -f "$report"
    npx vitest run --project "$name" --reporter=default --reporter=json --outputFile.json="$report"
    local code=$?
    # A failed hook or a skipped test leaves numFailedTests at 0; make sure the summary still sees a failure.
    node scripts/normalize-report.mjs "$report" "$code" || status=1
}

if ! bash scripts/build.sh; then
    for suite in unit page e2e; do fail_suite "$suite" "the client build failed"; done
    exit 1
fi

run_suite unit
# Installs Debian's chromium (and what code-server builds with) when missing, so it comes before the page suite.
if bash scripts/install-code-server.sh; then
    run_suite page
    run_suite e2e
else
    run_suite page
    fail_suite e2e "code-server could not be installed"
fi
exit $status
