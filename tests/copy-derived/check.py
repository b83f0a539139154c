#!/usr/bin/env python3
"""Validate the copy-derived corpus (see README.md).

Usage:
  python3 tests/copy-derived/check.py            # validate, print counts, exit 1 on error
  python3 tests/copy-derived/check.py --audit    # plus per-pair overlap statistics
  python3 tests/copy-derived/check.py --wrap FILE [--rewrite]
      hard-wrap the original (and with --rewrite also the rewrite) of FILE at 70
      columns, set wrapped: true and drop span annotation (spans may not cross a
      line break; wrapped derived pairs rely on their level label).
"""
import os
import re
import sys
import textwrap

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ("wholly", "partially", "not")
SPAN_KINDS = ("verbatim", "light-edit", "heavy-edit", "paraphrase")
NAME_RE = re.compile(r"^(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$")


def words(s):
    return len(s.split())


def is_hard_wrapped(text):
    """True when some paragraph is spread over several lines of <= 80 chars."""
    for para in text.split("\n\n"):
        lines = [l for l in para.split("\n") if l.strip()]
        if len(lines) >= 3 and all(len(l) <= 80 for l in lines):
            return True
    return False


def check_file(path, errors):
    rel = os.path.relpath(path, HERE)
    def err(msg):
        errors.append(f"{rel}: {msg}")
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except Exception as e:  # noqa
        err(f"YAML parse error: {e}")
        return None
    if not isinstance(doc, dict):
        err("top level is not a mapping")
        return None
    level = doc.get("level")
    if level not in LEVELS:
        err(f"bad level {level!r}")
    wrapped = doc.get("wrapped")
    if not isinstance(wrapped, bool):
        err("wrapped must be true or false")
    orig, rew = doc.get("original"), doc.get("rewrite")
    if not isinstance(orig, str) or not isinstance(rew, str):
        err("original and rewrite must be strings")
        return None
    for name, text, lo, hi in (("original", orig, 200, 450), ("rewrite", rew, 180, 450)):
        n = words(text)
        if not lo <= n <= hi:
            err(f"{name} has {n} words (want {lo}-{hi})")
        if not text.endswith("\n") or text.endswith("\n\n"):
            err(f"{name} must end in exactly one newline")
    hw = is_hard_wrapped(orig) or is_hard_wrapped(rew)
    if wrapped is True and not hw:
        err("wrapped: true but neither text looks hard-wrapped")
    if wrapped is False and hw:
        err("wrapped: false but a text looks hard-wrapped")
    spans = doc.get("spans", None)
    if level == "not" and spans != []:
        err("a 'not' pair must have spans: []")
    if spans is None:
        if not wrapped:
            err("unwrapped derived pair without spans")
        return doc
    if not isinstance(spans, list):
        err("spans must be a list")
        return doc
    if level in ("wholly", "partially") and not spans:
        err(f"a {level} pair has spans: [] (omit the key to leave it unannotated)")
    r_iv, o_iv = [], []
    for i, sp in enumerate(spans):
        if not isinstance(sp, dict):
            err(f"span {i} not a mapping")
            continue
        if sp.get("kind") not in SPAN_KINDS:
            err(f"span {i} bad kind {sp.get('kind')!r}")
        for side, text, iv in (("rewrite", rew, r_iv), ("original", orig, o_iv)):
            s = sp.get(side)
            if not isinstance(s, str) or not s:
                err(f"span {i} missing {side}")
                continue
            if "\n" in s:
                err(f"span {i} {side} crosses a line break")
            c = text.count(s)
            if c != 1:
                err(f"span {i} {side} occurs {c} times: {s[:60]!r}")
                continue
            a = text.index(s)
            iv.append((a, a + len(s), i))
    for side, iv in (("rewrite", r_iv), ("original", o_iv)):
        iv.sort()
        for (a1, b1, i1), (a2, b2, i2) in zip(iv, iv[1:]):
            if a2 < b1:
                err(f"spans {i1} and {i2} overlap in {side}")
    return doc


def validate():
    errors = []
    counts = {}
    total_wrapped = 0
    for folder in ("holdout", "tuned"):
        d = os.path.join(HERE, folder)
        if not os.path.isdir(d):
            continue
        names = sorted(f for f in os.listdir(d) if f.endswith(".yaml"))
        nums = []
        for n in names:
            m = NAME_RE.match(n)
            if not m:
                errors.append(f"{folder}/{n}: bad file name")
                continue
            nums.append(int(m.group(1)))
            doc = check_file(os.path.join(d, n), errors)
            if doc:
                key = (folder, doc.get("level"))
                counts[key] = counts.get(key, 0) + 1
                if doc.get("wrapped") is True:
                    total_wrapped += 1
                    counts[(folder, "wrapped")] = counts.get((folder, "wrapped"), 0) + 1
        if nums and nums != list(range(1, len(nums) + 1)):
            errors.append(f"{folder}: file numbers not contiguous from 01")
    for folder in ("holdout", "tuned"):
        parts = [f"{lv}={counts.get((folder, lv), 0)}" for lv in LEVELS]
        parts.append(f"wrapped={counts.get((folder, 'wrapped'), 0)}")
        print(f"{folder}: " + " ".join(parts))
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


# ---- wrapping helper -------------------------------------------------------

def wrap_text(text, width=70):
    out = []
    for para in text.rstrip("\n").split("\n\n"):
        if para.startswith("#") or para.startswith("- ") or para.startswith("* "):
            out.append(para)  # keep Markdown headings and lists as they are
        else:
            out.append(textwrap.fill(para, width=width, break_long_words=False,
                                     break_on_hyphens=False))
    return "\n\n".join(out) + "\n"


def block(text):
    return "\n".join(("  " + l) if l else "" for l in text.rstrip("\n").split("\n"))


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit(doc, note):
    lines = ["# level: wholly | partially | not", f"level: {doc['level']}",
             f"wrapped: {'true' if doc['wrapped'] else 'false'}"]
    if note:
        lines.append(f"# {note}")
    lines += ["original: |", block(doc["original"]), "rewrite: |", block(doc["rewrite"])]
    if "spans" in doc:
        if not doc["spans"]:
            lines.append("spans: []")
        else:
            lines.append("spans:")
            for sp in doc["spans"]:
                lines.append(f"  - rewrite: {q(sp['rewrite'])}")
                lines.append(f"    original: {q(sp['original'])}")
                lines.append(f"    kind: {sp['kind']}")
    else:
        lines.append("# spans not annotated: the hard-wrapped text breaks derived passages "
                     "across lines; rely on the level")
    return "\n".join(lines) + "\n"


def wrap_file(path, also_rewrite):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    doc["original"] = wrap_text(doc["original"])
    which = "original"
    if also_rewrite:
        doc["rewrite"] = wrap_text(doc["rewrite"])
        which = "original and rewrite"
    doc["wrapped"] = True
    if doc["level"] != "not":
        doc.pop("spans", None)
    else:
        doc["spans"] = []
    with open(path, "w", encoding="utf-8") as f:
        f.write(emit(doc, f"hard-wrapped at 70 columns: {which}"))


# ---- audit -----------------------------------------------------------------

QUOTE_RE = re.compile(r'"(?:[^"\n]|\n(?!\n))*"|\u201c[^\u201d]*?\u201d')


def norm_words(text):
    return re.findall(r"[a-z0-9\u00a3$%.,'|]+", text.lower().replace("\n", " "))


def unquoted(text):
    return QUOTE_RE.sub(" | ", text)


def longest_shared_run(a_words, b_words):
    """Length and text of the longest word run of a_words that occurs in b_words."""
    best, best_i = 0, 0
    b_set = {}
    for n in (3,):
        pass
    # dynamic programming over common substrings (small texts)
    prev = [0] * (len(b_words) + 1)
    for i in range(1, len(a_words) + 1):
        cur = [0] * (len(b_words) + 1)
        ai = a_words[i - 1]
        for j in range(1, len(b_words) + 1):
            if ai == b_words[j - 1] and ai != "|":
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, best_i = cur[j], i
        prev = cur
    return best, " ".join(a_words[best_i - best:best_i])


def shingle_share(a_words, b_words, n=5):
    grams = lambda w: {tuple(w[i:i + n]) for i in range(len(w) - n + 1) if "|" not in w[i:i + n]}
    a, b = grams(a_words), grams(b_words)
    return len(a & b) / max(1, len(a))


def audit():
    rows = []
    for folder in ("holdout", "tuned"):
        d = os.path.join(HERE, folder)
        for n in sorted(os.listdir(d)):
            if not n.endswith(".yaml"):
                continue
            with open(os.path.join(d, n), encoding="utf-8") as f:
                doc = yaml.safe_load(f)
            o = norm_words(unquoted(doc["original"]))
            r = norm_words(unquoted(doc["rewrite"]))
            run, txt = longest_shared_run(r, o)
            share = shingle_share(r, o)
            cov = ""
            if doc.get("spans"):
                rew = doc["rewrite"]
                chars = sum(len(s["rewrite"]) for s in doc["spans"])
                cov = f"{chars / len(rew):.2f}"
            rows.append((folder, n, doc["level"], doc.get("wrapped"), share, run, cov, txt))
    print(f"{'file':44} {'level':9} {'5gram':>5} {'run':>3} {'cov':>4}")
    for folder, n, lv, w, share, run, cov, txt in rows:
        flag = ""
        if lv == "not" and run >= 6:
            flag = "  <-- check: " + txt
        print(f"{folder + '/' + n:44.44} {lv:9} {share:5.2f} {run:3d} {cov:>4}{' W' if w else ''}{flag}")
    for lv in LEVELS:
        xs = sorted(r[4] for r in rows if r[2] == lv)
        if xs:
            print(f"{lv:9} 5-gram share outside quotes: min {xs[0]:.2f} median {xs[len(xs)//2]:.2f} max {xs[-1]:.2f}")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--wrap":
        wrap_file(sys.argv[2], "--rewrite" in sys.argv[3:])
    elif len(sys.argv) >= 2 and sys.argv[1] == "--audit":
        rc = validate()
        audit()
        sys.exit(rc)
    else:
        sys.exit(validate())
