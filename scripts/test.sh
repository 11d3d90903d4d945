#!/usr/bin/env bash
# The README's test command: builds what it needs, runs every suite, and ends with "N passed, N failed" over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
results="$PWD/.test-results"
rm -rf "$results" && mkdir -p "$results"
status=0

# No test may touch the user's own review history, whatever it forgets to pass.
export XDG_DATA_HOME="$results/xdg-data"

dotnet build DeckLsp.sln -c Release -v quiet --nologo || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" -c Release --no-build --nologo -v quiet \
        --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# The client: unit tests, the study panel in headless Chromium, end-to-end in code-server (installs what it needs).
bash client/scripts/test.sh "$results" || status=1

node scripts/summarize-tests.mjs "$results" || status=1
exit $status
