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

# The native (AOT) executable: for the second run below, and inside the platform-specific .vsix the client suites install.
native="$PWD/artifacts/decklsp-linux-x64/decklsp"
if ! bash scripts/publish-native.sh linux-x64; then
    echo '{ "numPassedTests": 0, "numFailedTests": 1, "error": "the Native AOT publish failed" }' > "$results/native-publish.json"
    status=1
fi

# Neovim, Emacs with Eglot and tmux, which the editor and terminal tests drive (a failed install shows as those tests failing).
bash scripts/install-test-tools.sh || echo "neovim, emacs or tmux could not be installed"

for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" -c Release --no-build --nologo -v quiet \
        --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# The protocol, process and CLI tests again, each driving the native executable (with no .NET on its PATH): a
# reflection or trimming bug that only the AOT build has fails here. Tests that inject services run in-process only.
if [ -x "$native" ]; then
    DECKLSP_TEST_SERVER="$native" dotnet test tests/DeckLsp.Server.Tests/DeckLsp.Server.Tests.csproj -c Release --no-build \
        --nologo -v quiet --logger "trx;LogFileName=DeckLsp.Server.Tests.native.trx" --results-directory "$results" \
        --filter "(FullyQualifiedName~.Protocol.|FullyQualifiedName~.Executable.|FullyQualifiedName~.Cli.|FullyQualifiedName~.Interop.)&Server!=InProcess" \
        || status=1
fi

# The client: unit tests, the study panel in headless Chromium, end-to-end in code-server (installs what it needs).
bash client/scripts/test.sh "$results" || status=1

node scripts/summarize-tests.mjs "$results" || status=1
exit $status
