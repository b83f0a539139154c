#!/usr/bin/env python3
"""Validate the copy-detection corpus in this folder and print its statistics.

    python3 tests/copy/check.py           # structural checks + counts (exit 1 on any error)
    python3 tests/copy/check.py --audit   # also per-span edit statistics and unlabelled overlap

Needs PyYAML. See README.md for the format and the labelling conventions.
"""
import collections
import difflib
import glob
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
PAIR_KINDS = {"verbatim", "light-edit", "heavy-edit", "paraphrase", "independent", "mixed"}
SPAN_KINDS = {"verbatim", "light-edit", "heavy-edit", "paraphrase"}
QUOTE_MARKS = "\"“”«»„‹›「」"
FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
TOKEN = re.compile(r"\w+(?:['\-.,]\w+)*")


def tokens(text):
    """Normalised word tokens with their character offsets."""
    return [(m.group(0).lower(), m.start(), m.end()) for m in TOKEN.finditer(text.translate(FOLD))]


def words(text):
    return [t for t, _, _ in tokens(text)]


def quoted_ranges(text):
    """Character ranges inside quotation marks (curly pairs, or straight pairs per paragraph)."""
    ranges = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”|«[^»]*»", text)]
    offset = 0
    for para in text.split("\n"):
        ranges += [(offset + m.start(), offset + m.end()) for m in re.finditer(r'"[^"\n]*"', para)]
        offset += len(para) + 1
    return ranges


def longest_common_run(a, b):
    """Length and start (in a) of the longest run of equal tokens; None entries in a never match."""
    best, best_i = 0, 0
    prev = [0] * (len(b) + 1)
    for i, x in enumerate(a):
        cur = [0] * (len(b) + 1)
        if x is not None:
            for j, y in enumerate(b):
                if x == y:
                    cur[j + 1] = prev[j] + 1
                    if cur[j + 1] > best:
                        best, best_i = cur[j + 1], i - cur[j + 1] + 1
        prev = cur
    return best, best_i


def main():
    audit = "--audit" in sys.argv
    errors = []
    pair_kinds = collections.Counter()
    span_kinds = collections.Counter()
    span_chars = collections.Counter()
    files = sorted(glob.glob(os.path.join(HERE, "*.yaml")))
    for path in files:
        name = os.path.basename(path)

        def err(msg):
            errors.append(f"{name}: {msg}")

        if not re.fullmatch(r"\d\d-[a-z0-9-]+\.yaml", name):
            err("file name is not NN-short-name.yaml")
        try:
            with open(path, encoding="utf-8") as f:
                doc = yaml.safe_load(f)
        except yaml.YAMLError as e:
            err(f"does not parse: {e}")
            continue
        if not isinstance(doc, dict) or set(doc) != {"kind", "original", "rewrite", "spans"}:
            err("top level must have exactly kind, original, rewrite, spans")
            continue
        kind, original, rewrite, spans = doc["kind"], doc["original"], doc["rewrite"], doc["spans"]
        if kind not in PAIR_KINDS:
            err(f"unknown pair kind {kind!r}")
        pair_kinds[kind] += 1
        for label, text in (("original", original), ("rewrite", rewrite)):
            n = len(words(text))
            if not 150 <= n <= 400:
                err(f"{label} has {n} words (want 150-400)")
        if not isinstance(spans, list):
            err("spans must be a list")
            continue
        placed = []
        sources = []
        kinds_here = set()
        for s in spans:
            if not isinstance(s, dict) or set(s) != {"rewrite", "original", "kind"}:
                err(f"span must have exactly rewrite, original, kind: {s!r}")
                continue
            r, o, k = s["rewrite"], s["original"], s["kind"]
            if k not in SPAN_KINDS:
                err(f"unknown span kind {k!r}")
            kinds_here.add(k)
            n = rewrite.count(r)
            if n != 1:
                err(f"span occurs {n} times in rewrite (want exactly 1): {r[:60]!r}")
                continue
            n = original.count(o)
            if n != 1:
                err(f"span source occurs {n} times in original (want exactly 1): {o[:60]!r}")
            else:
                ostart = original.index(o)
                sources.append((ostart, ostart + len(o), o))
            for text, side in ((r, "rewrite"), (o, "original")):
                if not (text[0].isalnum() or text[0] in "£$€") or not (text[-1].isalnum() or text[-1] in "%)"):
                    err(f"{side} span must start and end on a word: {text[:60]!r}")
            if "\n" in r or "\n" in o:
                err(f"span crosses a line break: {r[:60]!r}")
            if any(q in r for q in QUOTE_MARKS):
                err(f"span contains a quotation mark (quotes are not spans): {r[:60]!r}")
            start = rewrite.index(r)
            placed.append((start, start + len(r), k, r, o))
            span_kinds[k] += 1
            span_chars[k] += len(r)
        placed.sort()
        for a, b in zip(placed, placed[1:]):
            if b[0] < a[1]:
                err(f"spans overlap: {a[3][:40]!r} / {b[3][:40]!r}")
        sources.sort()
        for a, b in zip(sources, sources[1:]):
            if b[0] < a[1]:
                err(f"span sources overlap in original: {a[2][:40]!r} / {b[2][:40]!r}")
        if kind == "independent" and spans:
            err("independent pair must have spans: []")
        elif kind == "mixed" and len(kinds_here) < 2:
            err("mixed pair needs spans of at least two kinds")
        elif kind in SPAN_KINDS and (not spans or kinds_here != {kind}):
            err(f"{kind} pair needs spans, all of kind {kind}")

        if audit:
            rt = tokens(rewrite)
            masked = set()
            for a, b, *_ in placed:
                masked.update(i for i, (_, ts, te) in enumerate(rt) if ts < b and te > a)
            for a, b in quoted_ranges(rewrite):
                masked.update(i for i, (_, ts, te) in enumerate(rt) if ts < b and te > a)
            seq = [None if i in masked else t for i, (t, _, _) in enumerate(rt)]
            run, at = longest_common_run(seq, words(original))
            flag = "  <-- check" if run >= 6 else ""
            print(f"{name} [{kind}] words {len(words(original))}/{len(rt)}, "
                  f"longest unlabelled shared run {run}: {' '.join(seq[at:at + run])!r}{flag}")
            # unlabelled sentences that follow one original sentence closely (word-sequence similarity)
            o_sents = [words(x) for x in re.split(r"(?<=[.!?])\s+|\n+", original) if words(x)]
            masks = [(x, y) for x, y, *_ in placed] + quoted_ranges(rewrite)
            pos = 0
            for sent in re.split(r"((?<=[.!?])\s+|\n+)", rewrite):
                a, pos = pos, pos + len(sent)
                keep = "".join(" " if any(x <= a + i < y for x, y in masks) else ch for i, ch in enumerate(sent))
                w = words(keep)
                if len(w) < 6:
                    continue
                best = max(difflib.SequenceMatcher(None, o, w, autojunk=False).ratio() for o in o_sents)
                if best >= 0.5:
                    print(f"    unlabelled sentence, similarity {best:.2f} to an original sentence: "
                          f"{' '.join(keep.split())[:70]!r}  <-- review")
            for _, _, k, r, o in placed:
                rw, ow = words(r), words(o)
                sm = difflib.SequenceMatcher(None, ow, rw, autojunk=False)
                edits = sum(1 for op in sm.get_opcodes() if op[0] != "equal")
                lcr, _ = longest_common_run(rw, ow)
                ends = ""
                ot = tokens(original)
                ostart = original.index(o)
                rstart = rewrite.index(r)

                def near(toks, text, a, b, left):
                    # the adjacent token, if only spaces/commas separate it from the span
                    cand = [(t, ts, te) for t, ts, te in toks if (te <= a if left else ts >= b)]
                    if not cand:
                        return []
                    t, ts, te = cand[-1] if left else cand[0]
                    gap = text[te:a] if left else text[b:ts]
                    return [] if re.search(r"[.!?;:\n\"“”]", gap) else [t]

                before_r = near(rt, rewrite, rstart, rstart + len(r), True)
                before_o = near(ot, original, ostart, ostart + len(o), True)
                after_r = near(rt, rewrite, rstart, rstart + len(r), False)
                after_o = near(ot, original, ostart, ostart + len(o), False)
                if before_r and before_r == before_o:
                    ends += "  <-- could extend left"
                if after_r and after_r == after_o:
                    ends += "  <-- could extend right"
                print(f"    {k:10} {len(rw):3}w  ratio {sm.ratio():.2f}  edits {edits:2}  "
                      f"edits/20w {20 * edits / max(len(rw), 1):4.1f}  longest exact {lcr:2}  {r[:50]!r}{ends}")

    for e in errors:
        print("ERROR", e)
    print(f"{len(files)} pairs: " + ", ".join(f"{k} {pair_kinds[k]}" for k in sorted(pair_kinds)))
    print(f"{sum(span_kinds.values())} spans: " + ", ".join(f"{k} {span_kinds[k]}" for k in sorted(span_kinds)))
    print(f"{sum(span_chars.values())} characters in spans: "
          + ", ".join(f"{k} {span_chars[k]}" for k in sorted(span_chars)))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
