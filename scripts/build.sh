#!/usr/bin/env bash
# The README's build command: builds everything in Release and runs the main job, `decklsp check samples/`, with the
# framework-dependent build and with the native one.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build DeckLsp.sln -c Release -v quiet --nologo
dotnet src/DeckLsp.Server/bin/Release/net10.0/DeckLsp.Server.dll check samples/

# The native executable, no .NET needed: artifacts/decklsp-linux-x64/decklsp (zero trim/AOT warnings, or it fails).
bash scripts/publish-native.sh linux-x64
artifacts/decklsp-linux-x64/decklsp check samples/

# decklsp as a .NET tool: artifacts/decklsp.<version>.nupkg (`dotnet tool install --global decklsp --add-source artifacts`).
dotnet pack src/DeckLsp.Server/DeckLsp.Server.csproj -c Release --no-build -o artifacts -v quiet --nologo

# The VS Code extension: client/decklsp.vsix (any platform, .NET 10 runtime) and client/decklsp-linux-x64.vsix (native).
bash client/scripts/build.sh
