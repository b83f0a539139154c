"""CPU-time helpers for benches/compare.sh. Every figure is whole-process CPU time (user + system)
of the measured processes and all the processes they waited for, from getrusage(RUSAGE_CHILDREN);
this script's own CPU time is never counted.

    cputime.py run -- CMD ARG...          # one run of CMD; prints "cpu wall peak_rss_kb rc"
    cputime.py fairlint-pairs BIN DIR     # one `fairlint check --original` process per pair
    cputime.py copydetect-pairs DIR       # copydetect over every pair, in this one process
    cputime.py extract YAML_DIR OUT_DIR   # tests/copy/*.yaml -> OUT_DIR/NNN/{original.txt,rewrite.md}
    cputime.py summary RESULTS.tsv        # medians, spread and ratios
    cputime.py timev ... / doubling RESULTS.tsv   # benches/doubling.sh's rows and table

A pair folder DIR/NNN holds original.txt and rewrite.md. `copydetect-pairs` is measured from
outside with `run` (interpreter start and import included) and only does the work.
"""
import glob
import os
import resource
import statistics
import subprocess
import sys
import time


def children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime, r.ru_maxrss


def run(cmd):
    before, _ = children()
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        rc = subprocess.call(cmd, stdout=null)
    wall = time.perf_counter() - start
    after, rss = children()
    print(f"{after - before:.3f} {wall:.3f} {rss} {rc}")


def pair_dirs(folder):
    return sorted(d for d in glob.glob(os.path.join(folder, "*")) if os.path.isdir(d))


def fairlint_pairs(binary, folder):
    before, _ = children()
    start = time.perf_counter()
    bad = 0
    with open(os.devnull, "wb") as null:
        for d in pair_dirs(folder):
            rc = subprocess.call(
                [binary, "check", "--format", "json", "--fail-on", "never", "--allow-outside-root",
                 "--original", f"Wire={d}/original.txt", f"{d}/rewrite.md"], stdout=null)
            bad += rc != 0
    wall = time.perf_counter() - start
    after, rss = children()
    if bad:
        print(f"fairlint failed on {bad} pairs", file=sys.stderr)
    print(f"{after - before:.3f} {wall:.3f} {rss} {bad}")


def copydetect_pairs(folder):
    from copydetect import CodeFingerprint, compare_files
    flagged = 0
    for d in pair_dirs(folder):
        original = CodeFingerprint(f"{d}/original.txt", 25, 1, filter=False)
        rewrite = CodeFingerprint(f"{d}/rewrite.md", 25, 1, filter=False)
        _, _, slices = compare_files(rewrite, original)
        flagged += len(slices[0][0]) > 0
    print(f"copydetect: {flagged} pairs with a match", file=sys.stderr)


def extract(src, out):
    import yaml
    for i, path in enumerate(sorted(glob.glob(os.path.join(src, "*.yaml")))):
        pair = yaml.safe_load(open(path, encoding="utf-8"))
        d = os.path.join(out, f"{i:03}")
        os.makedirs(d, exist_ok=True)
        for name, key in (("original.txt", "original"), ("rewrite.md", "rewrite")):
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(pair[key])


def summary(path):
    """RESULTS.tsv lines: case tool rep cpu wall rss. Prints a Markdown table."""
    rows = {}
    order = []
    for line in open(path):
        case, tool, _rep, cpu, wall, rss = line.split("\t")
        if (case, tool) not in rows:
            rows[(case, tool)] = []
            order.append((case, tool))
        rows[(case, tool)].append((float(cpu), float(wall), int(rss)))

    def med(xs):
        return statistics.median(xs)

    print("| work | fairlint CPU s, median (min–max) | peer | peer CPU s, median (min–max) "
          "| ratio peer/fairlint (median; min–max over runs) | wall s fairlint / peer | n |")
    print("|---|---|---|---|---|---|---|")
    cases = []
    for case, _ in order:
        if case not in cases:
            cases.append(case)
    for case in cases:
        tools = [t for c, t in order if c == case]
        ours = rows[(case, "fairlint")]
        peer = [t for t in tools if t != "fairlint"][0]
        theirs = rows[(case, peer)]
        oc = [x[0] for x in ours]
        tc = [x[0] for x in theirs]
        per_run = [t / o for o, t in zip(oc, tc) if o > 0]
        print(f"| {case} | {med(oc):.2f} ({min(oc):.2f}–{max(oc):.2f}) | {peer} "
              f"| {med(tc):.2f} ({min(tc):.2f}–{max(tc):.2f}) "
              f"| **{med(tc) / med(oc):.1f}×** ({min(per_run):.1f}–{max(per_run):.1f}) "
              f"| {med([x[1] for x in ours]):.2f} / {med([x[1] for x in theirs]):.2f} "
              f"| {len(oc)} |")


def timev(series, mb, rep, rc, article, timefile, jsonfile):
    """One doubling.sh run: a results.tsv line from `/usr/bin/time -v` and fairlint's JSON."""
    import json
    t = {}
    for line in open(timefile):
        key, _, value = line.strip().rpartition(": ")
        t[key] = value
    cpu = float(t["User time (seconds)"]) + float(t["System time (seconds)"])
    report = json.load(open(jsonfile))
    s = report["summary"]
    errors = [e["message"] for f in report["files"] for e in f["errors"]]
    claims = s["quotes"] + s["figures"]
    note = f"rc {rc}: " + "; ".join(errors) if errors or rc != "0" else "analysed"
    print("\t".join(map(str, (series, mb, rep, os.path.getsize(article), f"{cpu:.2f}",
                               t["Elapsed (wall clock) time (h:mm:ss or m:ss)"],
                               t["Maximum resident set size (kbytes)"], claims, note))))


def doubling(path):
    rows = {}
    for line in open(path):
        series, mb, _rep, size, cpu, wall, rss, claims, note = line.rstrip("\n").split("\t")
        r = rows.setdefault((series, int(mb)), {"size": int(size), "cpu": [], "rss": [],
                                                 "claims": claims, "note": note})
        r["cpu"].append(float(cpu))
        r["rss"].append(int(rss))
    print("| series | size (bytes) | claims analysed | CPU s, median (min–max) | CPU s per MB "
          "| × cost of 1 MB | peak RSS MiB (median) | RSS / input | n | note |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (series, mb), r in sorted(rows.items()):
        cpu = statistics.median(r["cpu"])
        base = rows.get((series, 1))
        rel = f"{cpu / statistics.median(base['cpu']):.1f}" if base else "–"
        rss = statistics.median(r["rss"]) / 1024
        print(f"| {series} | {r['size']:,} | {r['claims']} | {cpu:.2f} ({min(r['cpu']):.2f}–"
              f"{max(r['cpu']):.2f}) | {cpu / (r['size'] / 1e6):.3f} | {rel} | {rss:.0f} "
              f"| {rss / (r['size'] / 2**20):.1f}× | {len(r['cpu'])} | {r['note']} |")
    for series in sorted({s for s, _ in rows}):
        if (series, 1) in rows and (series, 4) in rows:
            one = statistics.median(rows[(series, 1)]["cpu"])
            four = statistics.median(rows[(series, 4)]["cpu"])
            print(f"\n{series}: 4 MB / 1 MB CPU = {four / one:.2f} (linear: 4; issue goal ≤ 4.8)")


def main():
    cmd = sys.argv[1]
    if cmd == "run":
        run(sys.argv[sys.argv.index("--") + 1:])
    elif cmd == "fairlint-pairs":
        fairlint_pairs(sys.argv[2], sys.argv[3])
    elif cmd == "copydetect-pairs":
        copydetect_pairs(sys.argv[2])
    elif cmd == "extract":
        extract(sys.argv[2], sys.argv[3])
    elif cmd == "timev":
        timev(*sys.argv[2:9])
    elif cmd == "doubling":
        doubling(sys.argv[2])
    elif cmd == "summary":
        summary(sys.argv[2])
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
