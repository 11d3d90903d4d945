#!/usr/bin/env bash
# Builds the VS Code extension: publishes the server (framework-dependent .NET 10) into client/server, type-checks and
# bundles the client, and packages client/decklsp.vsix.
set -euo pipefail
client="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(dirname "$client")"
cd "$client"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
fi

rm -rf server
dotnet publish "$repo/src/DeckLsp.Server" -c Release -o server -v quiet --nologo
npx tsc --noEmit -p .
node esbuild.mjs --production
npx vsce package --no-dependencies --skip-license --allow-missing-repository --out decklsp.vsix
echo "client: built $client/decklsp.vsix"
