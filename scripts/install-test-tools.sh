#!/usr/bin/env bash
# Installs the programs the .NET suites drive as a user would: Debian's neovim and Emacs with Eglot (other LSP editors,
# headless) and tmux (a real terminal for `decklsp study`), when missing. Recommends are left out: none is used, and
# emacs-nox's would add a mail server.
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" --no-install-recommends neovim tmux emacs-nox elpa-eglot
