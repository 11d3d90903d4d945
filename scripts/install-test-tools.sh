#!/usr/bin/env bash
# Installs the programs the .NET suites drive as a user would: Debian's neovim (another LSP editor, headless) and tmux
# (a real terminal for `decklsp study`), when missing.
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" neovim tmux
