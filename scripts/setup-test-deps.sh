#!/usr/bin/env bash
# Installs and starts what the end-to-end tests need beyond cargo:
# - Neovim, the real LSP client that tests/neovim.rs drives;
# - PostgreSQL, the shared archive store that tests/archive.rs checks against a real server
#   (started on loopback by scripts/pg-test-server.sh, with a data folder of its own).
# Debian's packages; run as root (CI is). Safe to run again: it skips what is there.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

install_neovim() {
  if command -v nvim >/dev/null 2>&1; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-test-deps: no apt-get here; install Neovim (>= 0.7) yourself to run tests/neovim.rs" >&2
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq neovim >/dev/null
  nvim --version | head -1
}

install_neovim
# Installs Debian's postgresql package if needed, then starts the test server.
echo "setup-test-deps: PostgreSQL test server at $(bash "$HERE/pg-test-server.sh" start)"
