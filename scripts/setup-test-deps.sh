#!/usr/bin/env bash
# Installs and starts what the end-to-end tests need beyond cargo:
# - Neovim, the real LSP client that tests/neovim.rs drives;
# - Chromium, the real (headless) browser that tests/html_report.rs renders the HTML report in;
# - tmux, the real terminal tests/terminal.rs reads human output from;
# - pre-commit, which tests/pre_commit.rs runs the hook definition under;
# - PostgreSQL, the shared archive store that tests/archive.rs checks against a real server
#   (started on loopback by scripts/pg-test-server.sh, with a data folder of its own).
# Debian's packages; run as root (CI is). Safe to run again: it skips what is there.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Installs Debian package $2 unless command $1 is there; says what to do where apt-get is not.
install_package() {
  local command="$1" package="$2" test="$3"
  if command -v "$command" >/dev/null 2>&1; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-test-deps: no apt-get here; install $package yourself to run $test" >&2
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "$package" >/dev/null
  "$command" --version 2>/dev/null | head -1 || true
}

install_package nvim neovim "tests/neovim.rs (Neovim >= 0.7)"
# Debian's chromium has no sandbox helper setuid in containers: the test passes --no-sandbox.
install_package chromium chromium tests/html_report.rs
install_package tmux tmux tests/terminal.rs
install_package pre-commit pre-commit tests/pre_commit.rs
# Installs Debian's postgresql package if needed, then starts the test server.
echo "setup-test-deps: PostgreSQL test server at $(bash "$HERE/pg-test-server.sh" start)"
