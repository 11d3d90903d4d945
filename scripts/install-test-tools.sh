#!/usr/bin/env bash
# Installs the programs the .NET suites drive as a user would: Debian's neovim (another LSP editor, headless) and tmux
# (a real terminal for `decklsp study`), when missing.
set -euo pipefail
packages=(neovim tmux)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    echo "apt: installing ${missing[*]}"
    sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_=sudo
    $sudo_ apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null
fi
