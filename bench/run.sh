#!/usr/bin/env bash
# The benchmark (docs/performance.md): builds the solution in Release, publishes the server with ReadyToRun for the
# cold start and with Native AOT (scripts/publish-native.sh) for the native rows, packages the .vsix files when they do
# not carry that native executable (their sizes are reported), installs the npm peers (bench/peer,
# `npm ci`), runs every scenario and prints the table.
# Options go to the bench: --quick (a few samples), --verify (check every edit against a full parse), --no-micro,
# --no-peer, --only-native (only the native executable against the framework-dependent build), --out FILE (also write
# the table there).
# Issue 12's rows alone: --only-keystroke, --only-requests, --only-open, --only-memory, --only-workspace (with
# --compare-with PATH for another server build in the same run); see docs/performance.md.
# --only-review: only the review row (deck/rate → next card).
set -euo pipefail
cd "$(dirname "$0")/.."

# --help prints the options above and runs nothing (the whole run takes about 15 minutes).
if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 0
fi

if [[ " $* " != *" --no-peer "* ]]; then
    (cd bench/peer && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
dotnet build DeckLsp.sln -c Release -v quiet --nologo >&2
# ReadyToRun only for this publish, into bench/.out: the normal build is left as it is.
dotnet publish src/DeckLsp.Server/DeckLsp.Server.csproj -c Release --use-current-runtime --self-contained false \
    -p:PublishReadyToRun=true -o bench/.out/server-r2r -v quiet --nologo >&2
bash scripts/publish-native.sh linux-x64 >&2
# The packages are rebuilt when they do not carry this native executable.
if ! unzip -p client/decklsp-linux-x64.vsix extension/server/decklsp 2>/dev/null | cmp -s - artifacts/decklsp-linux-x64/decklsp; then
    bash client/scripts/build.sh >&2
fi
exec dotnet bench/DeckLsp.Bench/bin/Release/net10.0/DeckLsp.Bench.dll "$@"
