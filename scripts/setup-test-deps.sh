#!/usr/bin/env bash
# Installs what the end-to-end tests need beyond cargo: Neovim, the real LSP client the editor
# test drives. Debian's package; run as root (CI is). Safe to run again: it skips what is there.
set -euo pipefail
if command -v nvim >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-test-deps: no apt-get here; install Neovim (>= 0.7) yourself to run tests/neovim.rs" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq neovim >/dev/null
nvim --version | head -1
