#!/usr/bin/env bash
# Installs what the browser tests need: Debian's chromium (and the packages code-server builds with) when missing, and
# code-server 4.100.3 (VS Code 1.100.3 in the browser) into .tools/code-server unless that version is there already.
# Its native modules are built here: npm's install scripts are skipped, since some download from GitHub.
set -euo pipefail
version=4.100.3
repo="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${CODE_SERVER_DIR:-$repo/.tools/code-server}"
stamp="$dir/.installed-$version"

bash "$repo/scripts/apt-install.sh" libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential ripgrep chromium

[ -f "$stamp" ] && { echo "code-server $version: already installed in $dir"; exit 0; }

rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
echo '{ "name": "decklsp-code-server", "private": true }' > package.json
npm install --no-save --no-audit --no-fund --ignore-scripts "code-server@$version"
npm_config_yes=true npm rebuild argon2

cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund
npm_config_yes=true npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid
# @vscode/ripgrep's postinstall downloads rg from GitHub; Debian's will do.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund)

touch "$stamp"
echo "code-server $version: installed in $dir"
