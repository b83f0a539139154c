#!/usr/bin/env bash
# Side by side with copydetect (PyPI) on the labelled pairs in tests/copy/: time, character
# precision/recall against the labels, and agreement of the two tools' flagged spans.
# Installs copydetect into benches/.venv; builds fairlint in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv benches/.venv
benches/.venv/bin/pip install -q --disable-pip-version-check copydetect==0.5.0 pyyaml
cargo build --release -q
benches/.venv/bin/python benches/copydetect_compare.py target/release/fairlint tests/copy
