#!/usr/bin/env bash
# fairlint against proselint 0.16.0 and copydetect 0.5.0 (PyPI), side by side in one run:
# whole-process CPU seconds (user + sys), REPS repetitions, medians and ratios (peer / fairlint).
#
#   benches/compare.sh              # REPS=5
#   REPS=3 benches/compare.sh
#
# Installs both tools into benches/.venv (the only network use), builds fairlint in release mode
# and copies the binary into benches/.compare-data/ (a rebuild during the run cannot swap it).
# Generated inputs live in benches/.compare-data/ (gitignored), rebuilt when gen_compare.py changes.
# Results: benches/.compare-data/results.tsv (every run) and results.md (the table).
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-5}
WIKINEWS=${WIKINEWS:-../shared/data/wikinews}
DATA=benches/.compare-data
PY=benches/.venv/bin/python

if [ ! -x "$PY" ] || ! "$PY" -c 'import proselint, copydetect, yaml' 2>/dev/null; then
  python3 -m venv benches/.venv
  benches/.venv/bin/pip install -q --disable-pip-version-check \
    proselint==0.16.0 copydetect==0.5.0 pyyaml
fi
cargo build --release -q
mkdir -p "$DATA"
cp target/release/fairlint "$DATA/fairlint"
BIN=$DATA/fairlint

# Inputs, regenerated only when the generator (or tests/copy) changes.
stamp=$(cat benches/gen_compare.py benches/cputime.py tests/copy/*.yaml | sha256sum | cut -c1-16)
if [ "$(cat "$DATA/stamp")" != "$stamp" ]; then
  rm -rf "$DATA/corpus" "$DATA/pairs" "$DATA/labelled-pairs"
  python3 benches/gen_compare.py corpus "$DATA/corpus" --mb 5.2
  python3 benches/gen_compare.py pairs "$DATA/pairs" --n 500
  "$PY" benches/cputime.py extract tests/copy "$DATA/labelled-pairs"
  echo "$stamp" > "$DATA/stamp"
fi
shopt -s nullglob
wikinews=("$WIKINEWS"/*.md)
corpus=("$DATA"/corpus/*.md)
[ ${#wikinews[@]} -gt 0 ] || { echo "no articles in $WIKINEWS" >&2; exit 1; }
bytes() { cat "$@" | wc -c; }
npairs() { find "$1" -mindepth 1 -maxdepth 1 -type d | wc -l; }
pairbytes() { cat "$1"/*/original.txt "$1"/*/rewrite.md | wc -c; }
W_CASE="${#wikinews[@]} wikinews articles ($(bytes "${wikinews[@]}") B), one process"
C_CASE="${#corpus[@]} generated articles ($(bytes "${corpus[@]}") B), one process"
L_CASE="$(npairs "$DATA/labelled-pairs") labelled pairs tests/copy ($(pairbytes "$DATA/labelled-pairs") B)"
P_CASE="$(npairs "$DATA/pairs") generated pairs ($(pairbytes "$DATA/pairs") B)"

OUT=$DATA/results.tsv
: > "$OUT"
record() {  # case tool rep -- "cpu wall rss rc"
  local case=$1 tool=$2 rep=$3 line=$4
  read -r cpu wall rss rc <<<"$line"
  if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then echo "$tool on $case: exit/failures $rc" >&2; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$tool" "$rep" "$cpu" "$wall" "$rss" >> "$OUT"
  printf '  %-62s %-11s rep %s: %6.2f s CPU, %6.2f s wall\n' "$case" "$tool" "$rep" "$cpu" "$wall"
}
run() { "$PY" benches/cputime.py run -- "$@"; }

echo "fairlint $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+dirty'), REPS=$REPS, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq 1 "$REPS"); do
  # The tools alternate within each repetition, so both see the same load.
  record "$W_CASE" fairlint "$rep" "$(run "$BIN" check --format json --fail-on never "${wikinews[@]}")"
  record "$W_CASE" proselint "$rep" "$(run benches/.venv/bin/proselint check -o json "${wikinews[@]}")"
  record "$C_CASE" fairlint "$rep" "$(run "$BIN" check --format json --fail-on never "${corpus[@]}")"
  record "$C_CASE" proselint "$rep" "$(run benches/.venv/bin/proselint check -o json "${corpus[@]}")"
  record "$L_CASE" fairlint "$rep" "$("$PY" benches/cputime.py fairlint-pairs "$BIN" "$DATA/labelled-pairs")"
  record "$L_CASE" copydetect "$rep" "$(run "$PY" benches/cputime.py copydetect-pairs "$DATA/labelled-pairs")"
  record "$P_CASE" fairlint "$rep" "$("$PY" benches/cputime.py fairlint-pairs "$BIN" "$DATA/pairs")"
  record "$P_CASE" copydetect "$rep" "$(run "$PY" benches/cputime.py copydetect-pairs "$DATA/pairs")"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$PY" benches/cputime.py summary "$OUT" | tee "$DATA/results.md"
