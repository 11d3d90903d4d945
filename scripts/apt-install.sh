#!/usr/bin/env bash
# Installs the Debian packages named as arguments that are not installed yet (as root, or through sudo).
# --no-install-recommends first leaves out what they only recommend (emacs-nox would bring a mail server).
set -euo pipefail
options=()
if [ "${1:-}" = "--no-install-recommends" ]; then options+=("$1"); shift; fi
missing=()
for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    echo "apt: installing ${missing[*]}"
    sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_=sudo
    $sudo_ apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${options[@]}" "${missing[@]}" >/dev/null
fi
