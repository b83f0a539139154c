#!/usr/bin/env bash
# The archive at scale: generates a synthetic archive (benches/gen_archive.py), loads it into a
# fresh SQLite file and a fresh PostgreSQL database with `fairlint archive add`, and measures
#   - add: wall time, MB/s of text, texts/s as the archive grows, fairlint's CPU time, peak RSS
#     and disk writes, the machine's CPU use, and for PostgreSQL the WAL written and the CPU
#     time of the server process that took the load;
#   - size: `archive stats` size per MB of text, and the fingerprint table alone;
#   - check: p50/p90/p99 wall time of `fairlint check --archive LOC probe.md` (one process per
#     check, cycling over the ~1,500-word probes), each run followed by the same check without
#     --archive, so the archive's cost shows as a ratio measured under the same load;
#   - detection: copying probes whose every copied passage gets a source-undeclared finding
#     naming the right archived file; independent probes with any copy finding.
#
#   benches/archive.sh                      # 100,000 texts (~60M words); ~7 min on 2 cores, plus
#                                         # ~1 min to generate the texts the first time
#   N_TEXTS=5000 benches/archive.sh         # quick run (~2 minutes once built)
#
# Environment: N_TEXTS (100000), SEED (1), RUNS (checks per backend, 200), BATCH_SIZE (5000),
# BACKENDS ("sqlite postgres"), BATCH_COMPARE (1: first time --batch-size 500 and 5000, twice
# each, on the first 20 folders = 20,000 texts at most; 0 skips it), DATA_ROOT
# (benches/.archive-data, gitignored), PG_URL (a superuser URL; default: the throwaway server of
# scripts/pg-test-server.sh, started if needed). Generated texts are kept and reused while their
# parameters match. Results, logs and the fairlint binary measured go to
# $DATA_ROOT/results-n$N_TEXTS/ (results.md is the summary).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
N_TEXTS="${N_TEXTS:-100000}"
SEED="${SEED:-1}"
RUNS="${RUNS:-200}"
BATCH_SIZE="${BATCH_SIZE:-5000}"
BACKENDS="${BACKENDS:-sqlite postgres}"
DATA_ROOT="${DATA_ROOT:-benches/.archive-data}"
BATCH_COMPARE="${BATCH_COMPARE:-1}"
DATA="$DATA_ROOT/n$N_TEXTS-s$SEED"
OUT="$DATA_ROOT/results-n$N_TEXTS"
DB_NAME=fairlint_bench
N_PROBES=20
PG_LOG="${FAIRLINT_PG_DIR:-/tmp/fairlint-pg}/server.log"

log() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)" >&2; }

log "build"
cargo build --release -q
mkdir -p "$DATA_ROOT" "$OUT"
rm -f "$OUT"/*
# A copy, so that a rebuild during the run does not swap binaries half way.
cp target/release/fairlint "$OUT/fairlint"
BIN="$(cd "$OUT" && pwd)/fairlint"
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml || echo '+uncommitted')"
date -u '+%Y-%m-%d %H:%M UTC' >"$OUT/started"

want="{\"generator\": 1, \"per_dir\": 1000, \"probes\": $N_PROBES, \"seed\": $SEED, \"texts\": $N_TEXTS, \"vocab\": 40000, \"words\": 600}"
if [ -f "$DATA/params.json" ] && [ "$(cat "$DATA/params.json")" = "$want" ]; then
  log "data: reusing $DATA"
else
  log "data: generating $N_TEXTS texts into $DATA"
  rm -rf "$DATA"
  python3 benches/gen_archive.py --out "$DATA" --texts "$N_TEXTS" --seed "$SEED" --probes "$N_PROBES"
fi
du -sh "$DATA/texts" >&2
df -h "$ROOT" /tmp >&2

if [[ " $BACKENDS " == *" postgres "* ]]; then
  PG_URL="${PG_URL:-$(scripts/pg-test-server.sh start)}"
  PG_BASE="${PG_URL%/*}"
  psql "$PG_URL" -qAtX -F ', ' -c "SELECT split_part(version(), ' on ', 1),
      'shared_buffers ' || current_setting('shared_buffers'),
      'max_wal_size ' || current_setting('max_wal_size'),
      'synchronous_commit ' || current_setting('synchronous_commit')" >"$OUT/pg-server.txt"
fi

# A fresh archive for backend $1 (named $2): prints its location.
fresh() {
  case "$1" in
    sqlite)
      rm -f "$DATA_ROOT/$2.db" "$DATA_ROOT/$2.db-wal" "$DATA_ROOT/$2.db-shm"
      echo "$DATA_ROOT/$2.db"
      ;;
    postgres)
      psql "$PG_URL" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2" >&2 2>/dev/null
      echo "$PG_BASE/$2"
      ;;
  esac
}

drop() {
  case "$1" in
    sqlite) rm -f "$DATA_ROOT/$2.db" "$DATA_ROOT/$2.db-wal" "$DATA_ROOT/$2.db-shm" ;;
    postgres) psql "$PG_URL" -qX -c "DROP DATABASE IF EXISTS $2" >&2 ;;
  esac
}

pg_wal() { psql "$PG_URL" -qAtX -F ' ' -c "SELECT wal_bytes, wal_fpi FROM pg_stat_wal"; }

# Every 5 s while an add runs: "elapsed_s texts [server_cpu_ticks]"; for PostgreSQL the CPU
# time so far of the server process serving the add (the one client of the database).
sampler() {
  local loc="$1" t0 n ticks pid
  t0="$(date +%s.%N)"
  while sleep 5; do
    ticks=""
    case "$loc" in
      postgres://*)
        n="$(psql "$loc" -qAtX -c 'SELECT count(*) FROM fairlint_texts' 2>/dev/null || true)"
        pid="$(psql "$loc" -qAtX -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' LIMIT 1" 2>/dev/null || true)"
        if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
          ticks="$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true)"
        fi
        ;;
      *)
        n="$(python3 -c 'import sqlite3,sys; c=sqlite3.connect("file:"+sys.argv[1]+"?mode=ro", uri=True, timeout=5); print(c.execute("SELECT count(*) FROM fairlint_texts").fetchone()[0])' "$loc" 2>/dev/null || true)"
        ;;
    esac
    echo "$(python3 -c "import time; print(round(time.time() - $t0, 1))") ${n:-?} $ticks"
  done
}

# `archive add --archive $1 --batch-size $2` of the paths after $3 (default: all texts) under
# /usr/bin/time -v, with the sampler running; everything into $3.json.
timed_add() {
  local loc="$1" batch="$2" prefix="$3"
  shift 3
  local paths=("$@")
  [ ${#paths[@]} -gt 0 ] || paths=("$DATA/texts")
  local wal0="" wal1="" cpu0 cpu1 load start end sampler_pid
  [[ "$loc" == postgres://* ]] && wal0="$(pg_wal)"
  cpu0="$(head -1 /proc/stat)"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  sampler "$loc" >"$prefix.progress" 2>/dev/null &
  sampler_pid=$!
  start="$(date +%s.%N)"
  local timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -v -o "$prefix.time")
  "${timer[@]}" "$BIN" archive add --archive "$loc" --batch-size "$batch" "${paths[@]}" \
    >"$prefix.out" 2>"$prefix.err"
  end="$(date +%s.%N)"
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  cpu1="$(head -1 /proc/stat)"
  [[ "$loc" == postgres://* ]] && wal1="$(pg_wal)"
  cat "$prefix.out" >&2
  python3 - "$prefix" "$start" "$end" "$cpu0" "$cpu1" "$load" "$wal0" "$wal1" "$batch" <<'EOF'
import json, os, re, sys
prefix, start, end, c0, c1, load, wal0, wal1, batch = sys.argv[1:]
c0 = [int(x) for x in c0.split()[1:]]
c1 = [int(x) for x in c1.split()[1:]]
total = sum(c1) - sum(c0)
idle = (c1[3] + c1[4]) - (c0[3] + c0[4])
r = {"wall_s": float(end) - float(start), "batch_size": int(batch), "load_before": load,
     "machine_cpu_pct": 100 * (total - idle) / max(total, 1) * os.cpu_count()}
m = re.search(r"added (\d+) texts? \((\d+) already", open(prefix + ".out").read())
r["added"], r["duplicates"] = (int(m.group(1)), int(m.group(2))) if m else (None, None)
try:
    t = open(prefix + ".time").read()
    get = lambda label: float(re.search(re.escape(label) + r": ([0-9.]+)", t).group(1))
    r |= {"user_s": get("User time (seconds)"), "sys_s": get("System time (seconds)"),
          "rss_mb": get("Maximum resident set size (kbytes)") / 1024,
          "fs_written_mb": get("File system outputs") * 512 / 1e6}
except (OSError, AttributeError):
    pass
if wal0 and wal1:
    (b0, f0), (b1, f1) = (map(float, w.split()) for w in (wal0, wal1))
    r |= {"wal_mb": (b1 - b0) / 1e6, "wal_full_page_images": int(f1 - f0)}
samples = []
for line in open(prefix + ".progress"):
    parts = line.split()
    if len(parts) >= 2 and parts[1].isdigit():
        samples.append([float(parts[0]), int(parts[1])] + ([int(parts[2])] if len(parts) > 2 else []))
r["samples"] = samples
ticks = [s[2] for s in samples if len(s) > 2]
if ticks:
    r["server_cpu_s"] = max(ticks) / os.sysconf("SC_CLK_TCK")  # lower bound: last sample
json.dump(r, open(prefix + ".json", "w"), indent=1)
EOF
}

# Bytes of the fingerprint table with its index, and of the texts table with its indexes.
table_sizes() {
  case "$1" in
    postgres://*)
      psql "$1" -qAtX -F ' ' -c "SELECT pg_total_relation_size('fairlint_fingerprints'), pg_total_relation_size('fairlint_texts')"
      ;;
    *)
      python3 - "$1" <<'EOF'
import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
sizes = dict(c.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
fp = sizes.get("fairlint_fingerprints", 0)
texts = sum(v for k, v in sizes.items() if k.startswith("fairlint_texts") or k == "sqlite_autoindex_fairlint_texts_1")
print(fp, texts)
EOF
      ;;
  esac
}

# $1 runs of `check --archive $2` cycling over the probes, each followed by the same check
# without --archive; timings and, for the first cycle, detection verdicts into $3 (JSON).
timed_checks() {
  python3 - "$BIN" "$2" "$DATA" "$1" "$3" <<'EOF'
import json, os, subprocess, sys, time
binary, loc, data, runs, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
probes = json.load(open(os.path.join(data, "manifest.json")))["probes"]

def cpu():
    v = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return sum(v), v[3] + v[4]

def check(path, archive):
    cmd = [binary, "check", "--format", "json", "--color", "never"]
    if archive:
        cmd += ["--archive", loc]
    t0 = time.perf_counter()
    p = subprocess.run(cmd + [path], capture_output=True, text=True)
    took = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        sys.exit(f"check failed ({p.returncode}): {' '.join(cmd)} {path}\n{p.stderr}")
    return took, json.loads(p.stdout)

def copy_rule(rule):
    return rule.startswith("copy-") or rule == "source-undeclared"

load = open("/proc/loadavg").read().split()[:3]
cpu0 = cpu()
times = {"archive": [], "baseline": [], "copying": [], "independent": []}
first = None
verdicts = []
for i in range(runs):
    probe = probes[i % len(probes)]
    path = os.path.join(data, probe["file"])
    took, report = check(path, True)
    first = took if first is None else first
    times["archive"].append(took)
    times["copying" if probe["copies"] else "independent"].append(took)
    times["baseline"].append(check(path, False)[0])
    if i >= len(probes):
        continue
    files = report["files"]
    diags = [d for f in files for d in f["diagnostics"]]
    undeclared = [r["path"] for d in diags if d["rule"] == "source-undeclared" for r in d["related"]]
    copies = probe["copies"]
    named = [c["archived"] for c in copies if any(c["archived"] in p for p in undeclared)]
    wrong = [p for p in undeclared if not any(c["archived"] in p for c in copies)]
    verdicts.append({
        "probe": probe["file"], "copies": len(copies), "named": len(named), "wrong": wrong,
        "copy_findings": sum(copy_rule(d["rule"]) for d in diags),
        "rules": sorted({d["rule"] for d in diags}),
        "errors": [e["message"] for f in files for e in f["errors"]],
    })
cpu1 = cpu()

def pct(xs, p):
    xs = sorted(xs)
    return xs[max(0, -(-len(xs) * p // 100) - 1)]  # nearest rank

def summary(xs):
    return {"p50": pct(xs, 50), "p90": pct(xs, 90), "p99": pct(xs, 99), "max": max(xs),
            "mean": sum(xs) / len(xs), "n": len(xs)} if xs else None

copying = [v for v in verdicts if v["copies"]]
independent = [v for v in verdicts if not v["copies"]]
result = {
    "runs": runs, "first_s": first, "load_before": " ".join(load),
    "machine_cpu_pct": 100 * (1 - (cpu1[1] - cpu0[1]) / max(1, cpu1[0] - cpu0[0])) * os.cpu_count(),
    **{k: summary(v) for k, v in times.items()},
    "copying_probes": len(copying),
    "copying_found": sum(v["named"] == v["copies"] for v in copying),
    "passages": sum(v["copies"] for v in copying),
    "passages_named": sum(v["named"] for v in copying),
    "wrong_texts_named": sum(len(v["wrong"]) for v in verdicts),
    "independent_probes": len(independent),
    "independent_with_copy_finding": sum(v["copy_findings"] > 0 for v in independent),
    "errors": sum(len(v["errors"]) for v in verdicts),
    "verdicts": verdicts,
}
json.dump(result, open(out, "w"), indent=1)
a, b = result["archive"], result["baseline"]
print(f"check: p50 {a['p50'] * 1e3:.1f} ms, p99 {a['p99'] * 1e3:.1f} ms (first {first * 1e3:.0f} ms); "
      f"without archive p50 {b['p50'] * 1e3:.1f} ms; copying probes found "
      f"{result['copying_found']}/{len(copying)} ({result['passages_named']}/{result['passages']} passages), "
      f"independent probes with a copy finding {result['independent_with_copy_finding']}/{len(independent)}, "
      f"wrong texts named {result['wrong_texts_named']}, errors {result['errors']}", file=sys.stderr)
EOF
}

# With the throwaway server's log readable: server-side durations of every statement of one
# check per probe (log_min_duration_statement on the bench database), summed per check into
# $2.json, and the plans (auto_explain) of two checks into $2-plans.log.
pg_queries() {
  local loc="$1" dest="$2" from
  [ -r "$PG_LOG" ] || return 0
  from=$(($(wc -l <"$PG_LOG") + 1))
  psql "$PG_URL" -qX -c "ALTER DATABASE $DB_NAME SET log_min_duration_statement = 0" >&2
  for p in $(seq 1 "$N_PROBES"); do
    "$BIN" check --archive "$loc" "$DATA/probes/probe-$(printf %02d "$p").md" >/dev/null || true
  done
  psql "$PG_URL" -qX -c "ALTER DATABASE $DB_NAME SET session_preload_libraries = 'auto_explain'" \
    -c "ALTER DATABASE $DB_NAME SET auto_explain.log_min_duration = 0" \
    -c "ALTER DATABASE $DB_NAME SET auto_explain.log_analyze = on" \
    -c "ALTER DATABASE $DB_NAME SET auto_explain.log_buffers = on" >&2
  local mid
  sleep 0.5
  mid=$(($(wc -l <"$PG_LOG") + 1))
  for p in 01 02; do
    "$BIN" check --archive "$loc" "$DATA/probes/probe-$p.md" >/dev/null || true
  done
  psql "$PG_URL" -qX -c "ALTER DATABASE $DB_NAME RESET ALL" >&2
  sleep 0.5
  sed -n "$mid,\$p" "$PG_LOG" | grep -v 'DETAIL:  parameters' | cut -c1-300 >"$dest-plans.log"
  sed -n "$from,$((mid - 1))p" "$PG_LOG" | python3 -c '
import json, re, sys
records = re.split(r"\n(?=\d{4}-\d\d-\d\d )", sys.stdin.read())
sessions, order = {}, []
for rec in records:
    m = re.match(r"\S+ \S+ \S+ \[(\d+)\] (?:LOG|DETAIL):  (.*)", rec, re.S)
    if not m:
        continue
    pid, msg = m.groups()
    if pid not in sessions:
        order.append(pid)
        sessions[pid] = {"fingerprints_ms": 0.0, "texts_ms": 0.0, "other_ms": 0.0, "texts_loaded": 0}
    s = sessions[pid]
    d = re.match(r"duration: ([0-9.]+) ms", msg)
    if d:
        key = ("fingerprints_ms" if "fairlint_fingerprints" in msg else
               "texts_ms" if "FROM fairlint_texts WHERE id" in msg else "other_ms")
        s[key] += float(d.group(1))
        s["last"] = key
    p = re.match(r"parameters: \$1 = .\{([0-9,]*)\}.", msg)
    if p and s.get("last") == "texts_ms":
        s["texts_loaded"] = len(p.group(1).split(","))
checks = [sessions[p] for p in order if sessions[p]["fingerprints_ms"] > 0]
json.dump(checks, sys.stdout, indent=1)
' >"$dest.json"
  python3 - "$dest.json" <<'EOF'
import json, statistics, sys
c = json.load(open(sys.argv[1]))
if c:
    med = lambda k: statistics.median(x[k] for x in c)
    loaded = [x["texts_loaded"] for x in c]
    print(f"server time per check (median of {len(c)}): fingerprint queries {med('fingerprints_ms'):.1f} ms, "
          f"texts {med('texts_ms'):.1f} ms, other statements {med('other_ms'):.1f} ms; "
          f"texts loaded {min(loaded)}-{max(loaded)}", file=sys.stderr)
EOF
}

if [ "$BATCH_COMPARE" = 1 ]; then
  mapfile -t folders < <(find "$DATA/texts" -mindepth 1 -maxdepth 1 -type d | sort | head -20)
  log "batch size: 500 against 5000, ${#folders[@]} folders"
  for backend in $BACKENDS; do
    run=0
    for batch in 500 5000 500 5000; do
      run=$((run + 1))
      loc="$(fresh "$backend" "${DB_NAME}_batch")"
      timed_add "$loc" "$batch" "$OUT/batch-$backend-$run" "${folders[@]}"
    done
    drop "$backend" "${DB_NAME}_batch"
  done
fi

for backend in $BACKENDS; do
  log "$backend: archive add --batch-size $BATCH_SIZE"
  loc="$(fresh "$backend" "$DB_NAME")"
  timed_add "$loc" "$BATCH_SIZE" "$OUT/add-$backend"
  log "$backend: stats"
  s0="$(date +%s.%N)"
  "$BIN" archive stats --archive "$loc" --format json >"$OUT/stats-$backend.json"
  s1="$(date +%s.%N)"
  echo "$s0 $s1" >"$OUT/stats-$backend.wall"
  table_sizes "$loc" >"$OUT/tables-$backend.txt"
  if [ "$backend" = postgres ]; then
    psql "$loc" -qAtX -c "SELECT relname, n_live_tup, last_autovacuum, last_autoanalyze FROM pg_stat_user_tables" \
      | tee "$OUT/pg-tables-after-add.txt" >&2 || true
  fi
  log "$backend: $N_PROBES checks as added"
  timed_checks "$N_PROBES" "$loc" "$OUT/check-$backend-as-added.json"
  if [ "$backend" = postgres ]; then
    pg_queries "$loc" "$OUT/pg-queries-as-added"
    log "$backend: ANALYZE"
    a0="$(date +%s.%N)"
    psql "$loc" -qX -c "ANALYZE" >&2
    a1="$(date +%s.%N)"
    echo "$a0 $a1" >"$OUT/analyze-$backend.wall"
  fi
  log "$backend: $RUNS checks"
  timed_checks "$RUNS" "$loc" "$OUT/check-$backend.json"
  [ "$backend" = postgres ] && pg_queries "$loc" "$OUT/pg-queries"
done

log "results"
python3 - "$OUT" "$N_TEXTS" "$BATCH_SIZE" "$BACKENDS" "$COMMIT" <<'EOF' | tee "$OUT/results.md"
import glob, json, os, sys
out, n_texts, batch, backends, commit = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4].split(), sys.argv[5]
ms = lambda s: f"{s * 1e3:.0f} ms"

def growth(add):
    """texts/s while the first and the last fifth of the texts were added, from the 5 s samples
    of the committed count (the end of the add counts as a sample)."""
    n = add["added"] or 0
    pts = [(0.0, 0)] + [(t, c) for t, c, *_ in add["samples"]] + [(add["wall_s"], n)]
    if len(pts) < 8 or n == 0:
        return "–"
    first = next(p for p in pts if p[1] >= n / 5)
    last = [p for p in pts if p[1] <= n * 4 / 5][-1]
    return f"{first[1] / first[0]:.0f} → {(n - last[1]) / (add['wall_s'] - last[0]):.0f}"

cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"\nfairlint {commit}, run started {open(f'{out}/started').read().strip()}; {n_texts:,} texts; "
      f"{os.cpu_count()} cores ({cpu_model}); `archive add --batch-size {batch}`\n")
print("| backend | texts | words | text MB | add wall | add MB/s | texts/s, first → last fifth "
      "| fairlint CPU (user + sys) | peak RSS | written | archive size | size / MB of text | fingerprint table / MB of text |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for b in backends:
    st = json.load(open(f"{out}/stats-{b}.json"))
    a = json.load(open(f"{out}/add-{b}.json"))
    fp, _ = map(int, open(f"{out}/tables-{b}.txt").read().split())
    mb = st["text_bytes"] / 1e6
    cpu = f"{a['user_s']:.0f} + {a['sys_s']:.0f} s" if "user_s" in a else "?"
    if "wal_mb" in a:
        written = f"{a['wal_mb']:,.0f} MB WAL (server)"
    elif "fs_written_mb" in a:
        written = f"{a['fs_written_mb']:,.0f} MB (fairlint's writes)"
    else:
        written = "?"
    print(f"| {b} | {st['texts']:,} | {st['words'] / 1e6:.1f}M | {mb:.0f} | {a['wall_s']:.0f} s "
          f"| {mb / a['wall_s']:.2f} | {growth(a)} | {cpu} | {a.get('rss_mb', 0):.0f} MB "
          f"| {written} | {st['size_bytes'] / 1e6:,.0f} MB | {st['size_bytes'] / st['text_bytes']:.2f} "
          f"| {fp / st['text_bytes']:.2f} |")

print("\n| backend | check p50 | p90 | p99 | max | p50 copying / independent probes "
      "| first 20 checks after add: p50 / max | no archive p50 / p99 | p50 ratio "
      "| copying probes found | independent probes with a copy finding |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for b in backends:
    c = json.load(open(f"{out}/check-{b}.json"))
    f = json.load(open(f"{out}/check-{b}-as-added.json"))["archive"]
    a, z = c["archive"], c["baseline"]
    print(f"| {b} | {ms(a['p50'])} | {ms(a['p90'])} | {ms(a['p99'])} | {ms(a['max'])} "
          f"| {ms(c['copying']['p50'])} / {ms(c['independent']['p50'])} "
          f"| {ms(f['p50'])} / {ms(f['max'])} | {ms(z['p50'])} / {ms(z['p99'])} | {a['p50'] / z['p50']:.1f}× "
          f"| {c['copying_found']}/{c['copying_probes']} ({c['passages_named']}/{c['passages']} passages, "
          f"{c['wrong_texts_named']} wrong texts named, {c['errors']} errors) "
          f"| {c['independent_with_copy_finding']}/{c['independent_probes']} |")

print()
for b in backends:
    st = json.load(open(f"{out}/stats-{b}.json"))
    a = json.load(open(f"{out}/add-{b}.json"))
    c = json.load(open(f"{out}/check-{b}.json"))
    fp, texts = map(int, open(f"{out}/tables-{b}.txt").read().split())
    s0, s1 = map(float, open(f"{out}/stats-{b}.wall").read().split())
    notes = [f"machine CPU during add {a['machine_cpu_pct']:.0f} % of 200 %, load average before it {a['load_before']}"]
    if "server_cpu_s" in a:
        notes.append(f"server process serving the add: ≥ {a['server_cpu_s']:.0f} s CPU")
    if "wal_full_page_images" in a:
        notes.append(f"{a['wal_full_page_images']:,} full-page images in the WAL")
    notes.append(f"`archive stats` {s1 - s0:.1f} s")
    if os.path.exists(f"{out}/analyze-{b}.wall"):
        a0, a1 = map(float, open(f"{out}/analyze-{b}.wall").read().split())
        notes.append(f"ANALYZE {a1 - a0:.1f} s before the main checks")
    notes.append(f"{st['fingerprints']:,} fingerprints ({st['fingerprints'] / st['words']:.3f} per word, "
                 f"{fp / st['fingerprints']:.0f} bytes each with the index); fingerprint table {fp / 1e6:,.0f} MB, "
                 f"texts table {texts / 1e6:,.0f} MB")
    notes.append(f"checks ran at {c['machine_cpu_pct']:.0f} % machine CPU, load average before {c['load_before']}")
    for name in ("pg-queries-as-added", "pg-queries"):
        if b == "postgres" and os.path.exists(f"{out}/{name}.json"):
            q = json.load(open(f"{out}/{name}.json"))
            if q:
                med = lambda k: sorted(x[k] for x in q)[len(q) // 2]
                when = "right after add" if name.endswith("added") else "after ANALYZE"
                notes.append(f"server time per check {when} (median of {len(q)}): fingerprint queries "
                             f"{med('fingerprints_ms'):.1f} ms, texts {med('texts_ms'):.1f} ms, other "
                             f"{med('other_ms'):.1f} ms; {min(x['texts_loaded'] for x in q)}–"
                             f"{max(x['texts_loaded'] for x in q)} texts loaded per check")
    print(f"- {b}: " + "; ".join(notes))

batch_runs = sorted(glob.glob(f"{out}/batch-*.json"))
if batch_runs:
    print("\n`--batch-size` on the first texts (fresh archive each run):\n")
    for path in batch_runs:
        r = json.load(open(path))
        b = os.path.basename(path).split("-")[1]
        written = (f"{r['wal_mb']:,.0f} MB WAL" if "wal_mb" in r else
                   f"{r.get('fs_written_mb', 0):,.0f} MB written")
        print(f"- {b}, --batch-size {r['batch_size']}: {r['added']:,} texts in {r['wall_s']:.1f} s, "
              f"{written}, machine CPU {r['machine_cpu_pct']:.0f} %")
if os.path.exists(f"{out}/pg-server.txt") and "postgres" in backends:
    print(f"\nPostgreSQL: {open(f'{out}/pg-server.txt').read().strip()}, same machine, over loopback TCP.")
print(f"\nSizes: `archive stats` size_bytes (the SQLite file; both PostgreSQL tables with their indexes "
      f"and TOAST) over text_bytes (bodies without front matter); MB = 10^6 bytes. Checks: "
      f"{c['runs']} one-process runs per backend cycling over {len(c['verdicts'])} probes of ~1,500 "
      f"words, each followed by the same check without --archive.")
EOF
