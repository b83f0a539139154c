#!/usr/bin/env python3
"""Synthetic news archive for `benches/archive.sh`: Python 3 standard library only, deterministic
for a given seed and set of parameters (the output does not depend on --jobs).

Writes into OUT:

  texts/NNN/NNNNNN.md   N archived texts (default 100,000, ~600 words each), front matter
                        `source:` (one of 40 invented outlets) and `date:` (2015–2025), a title,
                        a dateline paragraph, body paragraphs and the outlet's boilerplate
                        footer; --per-dir texts per subfolder
  probes/probe-NN.md    --probes articles of ~1,500 words ending with a `Sources:` line; the
                        odd-numbered half copy 2–4 passages of 30–60 words, each from a
                        different archived text, the other half copy nothing
  manifest.json         which archived file (relative to texts/) each copying probe copies
  params.json           the parameters, written last: present means the data set is complete

The prose is word salad with the statistics a word-level fingerprinting engine sees in news:
~135 common English function words (about 40 % of tokens) and a Zipf-distributed content
vocabulary (~230 real news words ahead of --vocab invented ones), invented people and places,
numbers, quotes with "said NAME". What makes fingerprints common across texts is there too:
per-outlet datelines and copyright lines, wire-style "Reporting by …; Editing by …" footers from
small pools of reporters and editors, and ~3 % of texts that re-run 1–3 paragraphs of an earlier
text (an updated wire story). Probe passages are never taken from a re-run paragraph or from
its donor, so each copied passage has exactly one right archived text.

    python3 benches/gen_archive.py --out benches/.archive-data/n100000 --texts 100000
"""

import argparse
import bisect
import itertools
import json
import multiprocessing
import os
import random
import sys
import time

FUNCTION_WORDS = """the of to and a in that for on is was with as by at from said it has have
be were will its their an this but not had are which who after more than about they he she his
her been also would could up over into last new one two three first other some when while
before against under during between if what all there out no so only most can just may because
we our year years such them those these any where how both each many since through then back
still off down while where until per despite among amid around without within across toward
very even much well now later early next another several week month percent told says did do
does should might must own same whether than according people officials""".split()

NEWS_WORDS = """government minister police court city council company market country president
report state plan law election party vote public health school water workers union strike
price prices budget tax bank money million billion spokesman spokeswoman statement meeting
talks deal agreement project region district village town port bridge road railway airport
hospital doctors patients police officers investigation inquiry trial judge prosecutors
lawyers evidence witnesses border military troops forces attack fire storm flood drought
harvest farmers fishermen factory plant energy power gas oil coal wind solar emissions climate
weather season team match league coach players fans stadium museum festival film music
students teachers parents children families residents community neighbours housing rent
homes land property developers construction contract jobs wages pay pension benefits rate
inflation growth economy exports imports trade tariffs shares investors profit losses sales
customers service services data internet network phone online social media newspaper
television broadcast radio news journalists editor director chief executive chairman board
members committee agency ministry department office authority regulator commission
parliament opposition coalition leader candidate campaign voters poll results support
protest protesters crowd demonstration rally march strike ceasefire negotiations mediators
refugees migrants aid food shortage supply demand cost costs funding grant scheme programme
reform policy rules safety risk warning crisis emergency response recovery damage victims
injured killed died dead arrested charged accused denied confirmed announced reported
expected planned approved rejected proposed warned urged called added noted""".split()

OUTLET_FIRST = """Harbour Valley Northgate Coastal Capital Metro Lakeside Highland Riverside
Prairie Summit Granite Meridian Baltic Atlas Pioneer Frontier Beacon Union Evening""".split()
OUTLET_SECOND = """Wire Courier Ledger Gazette Post Herald Tribune Chronicle Dispatch Observer
Times Record Bulletin Sentinel Mirror Express Journal Standard Press Monitor""".split()

MONTHS = """January February March April May June July August September October November
December""".split()

ONSETS = ["b", "br", "c", "ch", "cr", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l",
          "m", "n", "p", "pl", "pr", "r", "s", "sh", "st", "t", "tr", "v", "w", "z", "", "", ""]
NUCLEI = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou", "io", "ee"]
CODAS = ["", "", "", "n", "r", "s", "l", "t", "m", "nd", "st", "ck", "rn", "ng"]


def zipf_cum(n, s=1.0, q=2.7):
    """Cumulative Zipf–Mandelbrot weights 1/(rank+q)^s for ranks 0..n-1."""
    return list(itertools.accumulate(1.0 / (r + q) ** s for r in range(n)))


class Vocab:
    """Everything texts are built from; built once from the seed, shared by the workers."""

    def __init__(self, seed, vocab_size):
        rng = random.Random(f"{seed}-vocab")
        taken = set(FUNCTION_WORDS) | set(NEWS_WORDS)

        def invent(syllables):
            for attempt in itertools.count():
                # Short words run out: after a few collisions, try one syllable more.
                n = syllables + attempt // 8
                w = "".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS)
                            for _ in range(n))
                if len(w) >= 3 and w not in taken:
                    taken.add(w)
                    return w

        invented = [invent(rng.choices((1, 2, 3, 4), (3, 6, 3, 1))[0]) for _ in range(vocab_size)]
        # As in real languages, the frequent words are the short ones.
        invented.sort(key=lambda w: (len(w), rng.random()))
        self.function = list(dict.fromkeys(FUNCTION_WORDS))
        self.function_cum = zipf_cum(len(self.function), s=1.1, q=1.5)
        self.content = list(dict.fromkeys(NEWS_WORDS)) + invented
        self.content_cum = zipf_cum(len(self.content), s=1.0, q=2.7)
        self.first_names = [invent(rng.choice((2, 2, 3))).capitalize() for _ in range(600)]
        self.surnames = [invent(rng.choice((2, 3, 3))).capitalize() for _ in range(4000)]
        self.surname_cum = zipf_cum(len(self.surnames), s=0.9)
        self.places = [invent(rng.choice((2, 3))).capitalize() for _ in range(1500)]
        self.place_cum = zipf_cum(len(self.places), s=1.0)
        outlets = [f"{a} {b}" for a in OUTLET_FIRST for b in OUTLET_SECOND]
        rng.shuffle(outlets)
        self.outlets = []
        for i, name in enumerate(outlets[:40]):
            wire = i < 10
            self.outlets.append({
                "name": name,
                "wire": wire,
                "city": rng.choice(self.places).upper(),
                "reporters": [self.person(rng) for _ in range(30)],
                "editors": [self.person(rng) for _ in range(6)],
                "footer": rng.choice([
                    "© {year} {name}. All rights reserved. This material may not be published, "
                    "broadcast, rewritten or redistributed without permission.",
                    "Follow {name} for the latest updates on this story and others from the "
                    "region, and sign up for our free morning newsletter.",
                    "This story was produced by the {name} newsroom. To report an error or "
                    "suggest a correction, write to the standards desk.",
                    "{name} is an independent news organisation. Our journalism is funded by "
                    "readers; consider supporting us with a subscription today.",
                ]),
            })
        # Wires publish more: the first outlets get most of the archive.
        self.outlet_cum = zipf_cum(len(self.outlets), s=0.8, q=3.0)

    def person(self, rng):
        i = bisect.bisect(self.surname_cum, rng.random() * self.surname_cum[-1])
        return f"{rng.choice(self.first_names)} {self.surnames[min(i, len(self.surnames) - 1)]}"


# Sentence shapes: F = function word, C = content word, chunked the way noun and prepositional
# phrases chunk, so that function words do not pile up.
CHUNKS = [("F", "C"), ("F", "C", "C"), ("C",), ("F", "F", "C"), ("C", "F", "C"), ("F", "C"),
          ("C", "C"), ("F", "C", "F", "C")]


class Writer:
    def __init__(self, vocab, rng):
        self.v = vocab
        self.rng = rng

    def words(self, cum, population, k):
        r = self.rng.random
        total = cum[-1]
        hi = len(population) - 1
        return [population[bisect.bisect(cum, r() * total, 0, hi)] for _ in range(k)]

    def sentence(self):
        rng = self.rng
        v = self.v
        target = rng.randint(9, 30)
        shape = []
        while len(shape) < target:
            shape.extend(rng.choice(CHUNKS))
        n_f = shape.count("F")
        fw = iter(self.words(v.function_cum, v.function, n_f))
        cw = iter(self.words(v.content_cum, v.content, len(shape) - n_f))
        toks = [next(fw) if s == "F" else next(cw) for s in shape]
        roll = rng.random()
        if roll < 0.15:
            toks.insert(rng.randrange(len(toks)), self.place())
        elif roll < 0.30:
            toks.insert(rng.randrange(len(toks)), self.number())
        elif roll < 0.36:
            toks.insert(rng.randrange(len(toks)), rng.choice(MONTHS))
        if rng.random() < 0.1:
            toks[rng.randrange(len(toks) - 1)] += ","
        toks[0] = toks[0].capitalize()
        body = " ".join(toks)
        roll = rng.random()
        if roll < 0.10:
            return f"“{body},” said {v.person(rng)}."
        if roll < 0.16:
            return f"{body}, {v.person(rng)} told reporters."
        if roll < 0.22:
            return f"{body}, according to {self.place()} officials."
        return body + "."

    def place(self):
        v = self.v
        i = bisect.bisect(v.place_cum, self.rng.random() * v.place_cum[-1])
        return v.places[min(i, len(v.places) - 1)]

    def number(self):
        rng = self.rng
        n = rng.choice((rng.randint(2, 99), rng.randint(100, 9999), rng.randint(2015, 2025)))
        return rng.choice((str(n), f"{n} percent", f"${n} million", f"{n:,}", f"{n / 10:.1f}"))

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))

    def title(self):
        toks = self.words(self.v.content_cum, self.v.content, self.rng.randint(5, 9))
        return " ".join(t.capitalize() if i == 0 else t for i, t in enumerate(toks))


def count(text):
    return len(text.split())


def text_length(rng, mean):
    """Words in one text: gamma-distributed around the mean, 120 at least."""
    return max(120, int(rng.gammavariate(4.0, mean / 4.0)))


def gen_shard(job):
    """Texts [start, end) of one subfolder; returns the picked texts' body paragraphs."""
    (out, shard, start, end, seed, mean_words, picks) = job
    v = VOCAB
    rng = random.Random(f"{seed}-shard-{shard}")
    w = Writer(v, rng)
    folder = os.path.join(out, "texts", f"{shard:03d}")
    os.makedirs(folder, exist_ok=True)
    recent = []  # body paragraphs of recent texts that may be re-run
    picked = {}
    stats = {"texts": 0, "words": 0, "bytes": 0, "reruns": 0}
    for i in range(start, end):
        o = v.outlets[min(bisect.bisect(v.outlet_cum, rng.random() * v.outlet_cum[-1]),
                          len(v.outlets) - 1)]
        year = rng.randint(2015, 2025)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        # The title, dateline, footer and the last paragraph's overshoot add ~50 words.
        target = text_length(rng, mean_words - 50)
        paras = []
        n = 0
        dateline = (f"{o['city']}, {MONTHS[month - 1]} {day} ({o['name']}) - "
                    if o["wire"] else f"{o['city']} - ")
        first = w.paragraph()
        n += count(first)
        if i not in picks and recent and rng.random() < 0.03:
            donor = rng.choice(recent)
            k = rng.randint(1, min(3, len(donor)))
            at = rng.randrange(len(donor) - k + 1)
            paras.extend(donor[at:at + k])
            n += sum(count(p) for p in donor[at:at + k])
            stats["reruns"] += 1
        while n < target:
            p = w.paragraph()
            paras.append(p)
            n += count(p)
        if i in picks:
            picked[i] = [first] + paras
        else:
            recent.append([first] + paras)
            if len(recent) > 50:
                recent.pop(0)
        footer = []
        if o["wire"]:
            line = f"Reporting by {rng.choice(o['reporters'])}"
            if rng.random() < 0.3:
                line += f"; Additional reporting by {rng.choice(o['reporters'])}"
            footer.append(line + f"; Editing by {rng.choice(o['editors'])}")
        footer.append(o["footer"].format(year=year, name=o["name"]))
        doc = (f"---\nsource: {o['name']}\ndate: {year}-{month:02d}-{day:02d}\n---\n\n"
               f"# {w.title()}\n\n{dateline}{first}\n\n" + "\n\n".join(paras) + "\n\n"
               + "\n\n".join(footer) + "\n")
        data = doc.encode()
        with open(os.path.join(folder, f"{i:06d}.md"), "wb") as f:
            f.write(data)
        stats["texts"] += 1
        stats["words"] += count(doc)
        stats["bytes"] += len(data)
    return shard, picked, stats


VOCAB = None


def probe_sources(rng):
    names = ["Example Outlet", "City Desk Notes", "Morning Briefing Service", "Open Data Portal",
             "Regional Statistics Office"]
    return rng.sample(names, rng.randint(1, 3))


def write_probes(args, picks_by_probe, picked, rel):
    rng = random.Random(f"{args.seed}-probes")
    w = Writer(VOCAB, rng)
    os.makedirs(os.path.join(args.out, "probes"), exist_ok=True)
    manifest = []
    for p in range(args.probes):
        copies = []
        inserts = []
        for i in picks_by_probe.get(p, []):
            words = " ".join(picked[i]).split()
            length = rng.randint(30, 60)
            at = rng.randrange(len(words) - length)
            passage = " ".join(words[at:at + length])
            inserts.append(passage)
            copies.append({"archived": rel(i), "words": length, "passage": passage})
        paras = []
        n = 0
        target = rng.randint(1400, 1600) - sum(c["words"] for c in copies)
        while n < target:
            para = w.paragraph()
            paras.append(para)
            n += count(para)
        # Spread the copied passages through the article, each its own paragraph.
        slots = sorted(rng.sample(range(1, len(paras)), len(inserts)), reverse=True)
        for slot, passage in zip(slots, inserts):
            paras.insert(slot, passage)
        doc = (f"# {w.title()}\n\n" + "\n\n".join(paras)
               + f"\n\nSources: {', '.join(probe_sources(rng))}\n")
        name = f"probes/probe-{p + 1:02d}.md"
        with open(os.path.join(args.out, name), "w") as f:
            f.write(doc)
        manifest.append({"file": name, "words": count(doc), "copies": copies})
    return manifest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="folder to write (created)")
    ap.add_argument("--texts", type=int, default=100_000, help="archived texts (100000)")
    ap.add_argument("--words", type=int, default=600, help="mean words per text (600)")
    ap.add_argument("--vocab", type=int, default=40_000, help="invented content words (40000)")
    ap.add_argument("--per-dir", type=int, default=1000, help="texts per subfolder (1000)")
    ap.add_argument("--probes", type=int, default=20, help="probe articles (20)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (1)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    args = ap.parse_args()
    if args.texts < 100:
        sys.exit("gen_archive: --texts must be at least 100")
    started = time.time()
    global VOCAB
    VOCAB = Vocab(args.seed, args.vocab)
    params = {k: getattr(args, k) for k in ("texts", "words", "vocab", "per_dir", "probes", "seed")}
    params["generator"] = 1

    # Which archived texts the copying probes (odd-numbered: 1, 3, …) copy from.
    rng = random.Random(f"{args.seed}-picks")
    copying = [p for p in range(args.probes) if p % 2 == 0]
    counts = {p: rng.randint(2, 4) for p in copying}
    chosen = rng.sample(range(args.texts), sum(counts.values()))
    picks_by_probe = {}
    it = iter(chosen)
    for p in copying:
        picks_by_probe[p] = [next(it) for _ in range(counts[p])]
    picks = frozenset(chosen)

    def rel(i):
        return f"{i // args.per_dir:03d}/{i:06d}.md"

    os.makedirs(args.out, exist_ok=True)
    params_path = os.path.join(args.out, "params.json")
    if os.path.exists(params_path):
        os.remove(params_path)
    jobs = [(args.out, s, s * args.per_dir, min(args.texts, (s + 1) * args.per_dir), args.seed,
             args.words, picks) for s in range((args.texts + args.per_dir - 1) // args.per_dir)]
    picked = {}
    totals = {"texts": 0, "words": 0, "bytes": 0, "reruns": 0}
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(max(1, args.jobs)) as pool:
        for done, (shard, got, stats) in enumerate(pool.imap_unordered(gen_shard, jobs), 1):
            picked.update(got)
            for k in totals:
                totals[k] += stats[k]
            if done % 10 == 0 or done == len(jobs):
                print(f"  {done}/{len(jobs)} folders, {totals['texts']} texts, "
                      f"{totals['words'] / 1e6:.1f}M words, {totals['bytes'] / 1e6:.0f} MB, "
                      f"{time.time() - started:.0f} s", file=sys.stderr, flush=True)
    manifest = write_probes(args, picks_by_probe, picked, rel)
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump({"params": params, "totals": totals, "probes": manifest}, f, indent=1)
    with open(params_path, "w") as f:
        json.dump(params, f, sort_keys=True)
    print(f"gen_archive: {totals['texts']} texts, {totals['words']:,} words "
          f"(whitespace-separated), {totals['bytes'] / 1e6:.1f} MB, {totals['reruns']} re-run "
          f"paragraph sets, {args.probes} probes, in {time.time() - started:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
