#!/usr/bin/env bash
# Builds the VS Code extension twice, from one bundle of the client:
#   client/decklsp.vsix              universal: the framework-dependent server (needs the .NET 10 runtime)
#   client/decklsp-TARGET.vsix       platform-specific (`vsce package --target`): the native server, no .NET needed
# TARGET follows the runtime of the native server, DECKLSP_RID (default linux-x64, this machine): artifacts/decklsp-RID/,
# published by scripts/publish-native.sh when it is not there yet. docs/packaging.md builds the other platforms'.
set -euo pipefail
client="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(dirname "$client")"
cd "$client"
rid="${DECKLSP_RID:-linux-x64}"
case "$rid" in
    linux-x64) target=linux-x64 ;;
    linux-arm64) target=linux-arm64 ;;
    osx-arm64) target=darwin-arm64 ;;
    osx-x64) target=darwin-x64 ;;
    win-x64) target=win32-x64 ;;
    win-arm64) target=win32-arm64 ;;
    *) echo "client build: no VS Code target for the runtime $rid" >&2; exit 2 ;;
esac

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
fi

npx tsc --noEmit -p .
node esbuild.mjs --production
package() { npx vsce package --no-dependencies --skip-license --allow-missing-repository "$@"; }

rm -rf server
dotnet publish "$repo/src/DeckLsp.Server" -c Release -o server -v quiet --nologo
package --out decklsp.vsix
echo "client: built $client/decklsp.vsix"

# vsce packages server/ as it stands: the native files go there for this package only, and the framework-dependent
# server comes back afterwards (the unit tests run it).
native="$repo/artifacts/decklsp-$rid"
[ -d "$native" ] || bash "$repo/scripts/publish-native.sh" "$rid"
rm -rf server-universal && mv server server-universal
mkdir server && cp "$native"/* server/
package --target "$target" --out "decklsp-$target.vsix" || status=$?
rm -rf server && mv server-universal server
[ "${status:-0}" -eq 0 ] || exit "$status"
echo "client: built $client/decklsp-$target.vsix"
