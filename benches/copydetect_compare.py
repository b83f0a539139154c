"""Runs fairlint and copydetect on every labelled original/rewrite pair and compares them.

copydetect fingerprints characters (k-character noise threshold, winnowing); it is built for
source code, so its code filter is switched off and it sees the raw text. fairlint is run as a
user would, through the binary, with the original given by --original and JSON output; its
copy findings (copy-verbatim, copy-near-verbatim, copy-paraphrase) are the flagged spans.
Scores are character-level against the labels (precision over flagged characters, recall over
labelled characters), and agreement is the Jaccard index of the two tools' flagged characters.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

import yaml
from copydetect import CodeFingerprint, compare_files

COPY_RULES = {"copy-verbatim", "copy-near-verbatim", "copy-paraphrase"}


def char_set(ranges):
    out = set()
    for start, end in ranges:
        out.update(range(start, end))
    return out


def main(binary, folder):
    pairs = sorted(glob.glob(os.path.join(folder, "*.yaml")))
    stats = {name: {"tp": 0, "flagged": 0, "time": 0.0} for name in ("fairlint", "copydetect")}
    labelled = 0
    jaccards = []
    alarms = {"fairlint": 0, "copydetect": 0}
    independent = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in pairs:
            pair = yaml.safe_load(open(path, encoding="utf-8"))
            original = os.path.join(tmp, "original.txt")
            rewrite = os.path.join(tmp, "rewrite.md")
            open(original, "w", encoding="utf-8").write(pair["original"])
            open(rewrite, "w", encoding="utf-8").write(pair["rewrite"])
            text = pair["rewrite"]
            truth = set()
            for span in pair["spans"]:
                at = text.index(span["rewrite"])
                truth.update(range(at, at + len(span["rewrite"])))
            labelled += len(truth)

            start = time.perf_counter()
            out = subprocess.run(
                [binary, "check", "--format", "json", "--fail-on", "never", "--allow-outside-root",
                 "--original", f"Wire={original}", rewrite],
                capture_output=True, text=True, check=True)
            stats["fairlint"]["time"] += time.perf_counter() - start
            report = json.loads(out.stdout)
            ours = char_set(
                (d["char_start"], d["char_end"])
                for f in report["files"] for d in f["diagnostics"] if d["rule"] in COPY_RULES)

            start = time.perf_counter()
            fp_original = CodeFingerprint(original, 25, 1, filter=False)
            fp_rewrite = CodeFingerprint(rewrite, 25, 1, filter=False)
            _, _, slices = compare_files(fp_rewrite, fp_original)
            stats["copydetect"]["time"] += time.perf_counter() - start
            theirs = char_set(zip(slices[0][0], slices[0][1])) if len(slices[0]) else set()

            for name, flagged_chars in (("fairlint", ours), ("copydetect", theirs)):
                stats[name]["tp"] += len(flagged_chars & truth)
                stats[name]["flagged"] += len(flagged_chars)
                if pair["kind"] == "independent" and flagged_chars:
                    alarms[name] += 1
            if pair["kind"] == "independent":
                independent += 1
            union = ours | theirs
            if union:
                jaccards.append(len(ours & theirs) / len(union))
    print(f"{len(pairs)} pairs, {labelled} labelled characters")
    print(f"{'tool':<11} {'precision':>9} {'recall':>7} {'seconds':>8} {'alarms on independent':>22}")
    for name, s in stats.items():
        precision = s["tp"] / s["flagged"] if s["flagged"] else 1.0
        recall = s["tp"] / labelled if labelled else 1.0
        print(f"{name:<11} {precision:>9.3f} {recall:>7.3f} {s['time']:>8.2f} {alarms[name]:>12} of {independent}")
    if jaccards:
        print(f"agreement (Jaccard of flagged characters, pairs where either flags): "
              f"mean {sum(jaccards) / len(jaccards):.3f} over {len(jaccards)} pairs")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
