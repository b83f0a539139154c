#!/usr/bin/env bash
# Doubling check: one article of 1, 2, 4, 8 and 16 MB (10^6 bytes; fairlint's file limit is
# 16 MiB), checked by one `fairlint check` process each, REPS times. Prints CPU seconds
# (user + sys), CPU seconds per MB, peak RSS (`/usr/bin/time -v`, "Maximum resident set size")
# and the cost ratios 2x/1x, 4x/1x and 16x/1x (linear would be 2, 4 and 16).
#
#   benches/doubling.sh                 # REPS=3, both series
#   REPS=5 SERIES=longform benches/doubling.sh
#
# Two series of generated text (benches/gen_compare.py big), because fairlint analyses at most
# 20,000 claims (quotes and figures) per file and refuses the rest of a file over that:
#   longform  one claim per 16 sentences (~700 claims/MB): every size is analysed in full;
#   news      one claim per 2.5 sentences (~4,800 claims/MB, like the news corpus): from 8 MB
#             on, the file is over the claim budget and fairlint stops after counting claims;
#   pointing  sources named only by pointing back ("the mayor said", "the report said") with
#             nobody named for them to point to (`SERIES=pointing`; not in the default run);
#   runon     one run-on sentence of capitalised words and reporting verbs, no punctuation
#             (`SERIES=runon`; not in the default run).
# Files go to benches/.doubling-data/ (gitignored; regenerated when the generator changes);
# every run is in benches/.doubling-data/results.tsv, the table in results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-3}
SIZES=${SIZES:-"1 2 4 8 16"}
SERIES=${SERIES:-"longform news"}
DATA=benches/.doubling-data
cargo build --release -q
mkdir -p "$DATA"
cp target/release/fairlint "$DATA/fairlint"
BIN=$DATA/fairlint

stamp=$(sha256sum benches/gen_compare.py | cut -c1-16)
if [ "$(cat "$DATA/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -f "$DATA"/*.md
  echo "$stamp" > "$DATA/stamp"
fi
every() { case $1 in longform) echo 16 ;; news) echo 2.5 ;; *) echo "unknown series $1" >&2; exit 2 ;; esac; }
for s in $SERIES; do
  for mb in $SIZES; do
    f=$DATA/$s-${mb}mb.md
    if [ "$s" = pointing ] || [ "$s" = runon ]; then
      [ -s "$f" ] || python3 benches/gen_compare.py "$s" "$f" --mb "$mb"
      continue
    fi
    [ -s "$f" ] || python3 benches/gen_compare.py big "$f" --mb "$mb" --claim-every "$(every "$s")"
  done
done

OUT=$DATA/results.tsv
: > "$OUT"
echo "fairlint $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+dirty'), REPS=$REPS, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq 1 "$REPS"); do
  for s in $SERIES; do
    for mb in $SIZES; do
      f=$DATA/$s-${mb}mb.md
      rc=0
      /usr/bin/time -v -o "$DATA/time.txt" "$BIN" check --format json --fail-on never "$f" \
        > "$DATA/out.json" || rc=$?
      python3 benches/cputime.py timev "$s" "$mb" "$rep" "$rc" "$f" "$DATA/time.txt" "$DATA/out.json" \
        | tee -a "$OUT" | awk -F'\t' '{printf "  %-8s %2s MB rep %s: %7.2f s CPU, peak RSS %6.1f MB, claims %s, %s\n", $1, $2, $3, $5, $7/1024, $8, $9}'
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 benches/cputime.py doubling "$OUT" | tee "$DATA/results.md"
