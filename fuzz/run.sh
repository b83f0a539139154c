#!/usr/bin/env bash
# Usage: fuzz/run.sh TARGET SECONDS [extra libFuzzer args...]
# Copies the kept seeds (and, for `article`, the example articles)
# into the gitignored corpus, then runs one libFuzzer process on the stable toolchain
# (RUSTC_BOOTSTRAP=1, no sanitizer, debug assertions and overflow checks on).
set -euo pipefail
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
target=$1; secs=$2; shift 2
mkdir -p "$fuzz/corpus/$target"
cp -n "$fuzz/seeds/$target"/* "$fuzz/corpus/$target/"
extra=()
if [ "$target" = article ]; then
  cp -n "$root"/examples/*.md "$root"/examples/*.txt "$fuzz/corpus/article/" 2>/dev/null || true
  extra=(-dict="$fuzz/article.dict")
fi
cd "$fuzz"
RUSTC_BOOTSTRAP=1 exec cargo fuzz run -s none -a "$target" -- \
  -max_total_time="$secs" -max_len=4096 -timeout=10 -print_final_stats=1 "${extra[@]}" "$@"
