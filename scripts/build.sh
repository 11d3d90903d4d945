#!/usr/bin/env bash
# The README's build command: builds everything in Release and runs the main job, `decklsp check samples/`.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build DeckLsp.sln -c Release -v quiet --nologo
dotnet src/DeckLsp.Server/bin/Release/net10.0/DeckLsp.Server.dll check samples/

# The VS Code extension, with the published server inside: client/decklsp.vsix.
bash client/scripts/build.sh
