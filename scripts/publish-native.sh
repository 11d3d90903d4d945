#!/usr/bin/env bash
# Publishes the server with Native AOT for one runtime (default linux-x64, this machine's) into artifacts/decklsp-RID/:
# the executable `decklsp` (`decklsp.exe` on Windows) and the native SQLite library beside it, nothing managed. Every
# trim or AOT warning is an error here. Native AOT compiles only for the OS it runs on: other platforms run this script
# on their own OS (docs/packaging.md).
set -euo pipefail
cd "$(dirname "$0")/.."
rid="${1:-linux-x64}"
staging="artifacts/publish/$rid"
out="artifacts/decklsp-$rid"
exe=decklsp; [[ "$rid" == win-* ]] && exe=decklsp.exe

rm -rf "$staging" "$out"
log="artifacts/publish/$rid.log"
mkdir -p "$(dirname "$log")"
# TrimmerSingleWarn=false: a warning inside a package is reported as itself, not folded into one per assembly.
if ! dotnet publish src/DeckLsp.Server/DeckLsp.Server.csproj -c Release -r "$rid" -o "$staging" --nologo -v minimal \
    -p:PublishAot=true -p:TreatWarningsAsErrors=true -p:IlcTreatWarningsAsErrors=true -p:TrimmerSingleWarn=false \
    -clp:Summary >"$log" 2>&1; then
    grep -E "warning|error" "$log" | sort -u >&2 || cat "$log" >&2
    echo "publish-native: the Native AOT publish for $rid failed (log: $log)" >&2
    exit 1
fi
# MSBuild's own count over the whole publish (compiler, analyzers and the AOT compiler), as its summary prints it.
warnings=$(grep -oE "^ *[0-9]+ Warning\(s\)" "$log" | tail -1 | grep -oE "[0-9]+") || warnings="?"

mkdir -p "$out"
native="$staging/DeckLsp.Server"; [[ "$rid" == win-* ]] && native="$staging/DeckLsp.Server.exe"
cp "$native" "$out/$exe"
# The native SQLite library Microsoft.Data.Sqlite loads at run time (libe_sqlite3.so, .dylib or e_sqlite3.dll).
find "$staging" -maxdepth 1 -type f \( -name '*.so' -o -name '*.dylib' -o -name '*.dll' \) -exec cp {} "$out/" \;
chmod +x "$out/$exe"
echo "publish-native: $out/$exe, $(wc -c <"$out/$exe" | tr -d ' ') bytes; $warnings warnings"
