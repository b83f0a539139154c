"""Deterministic synthetic inputs for benches/compare.sh and benches/doubling.sh.

Standard library only. Every sentence is assembled from the invented word lists below (no text
is taken from anywhere else), so the output depends on the seed alone.

    python3 gen_compare.py corpus DIR [--mb 5.2] [--seed 1]   # Markdown articles, ~1,000 words each
    python3 gen_compare.py pairs DIR [--n 500] [--seed 2]     # DIR/NNN/original.txt + rewrite.md
    python3 gen_compare.py big FILE --mb 4 [--claim-every 12] [--seed 3]  # one long article

A "claim" here is what fairlint counts as one: a quotation or a figure. News articles carry one
every 2-3 sentences (the corpus and the pairs); `big` writes long-form prose with one claim per
`--claim-every` sentences (default 12), so that a 16 MB article stays under fairlint's per-file
budget of 20,000 claims.
"""
import argparse
import os
import random

FIRST = ("Alder Brisa Corwin Dalia Emrys Fenna Galen Hollis Ilsa Joren Kestrel Liora Marek Nerys "
         "Oswin Perrin Quilla Rowan Sabine Tobias Ulla Vesna Wendell Yara Zeno Anselm Bettina "
         "Caspian Delphine Evander Florin Greta Hamish Isolde Jasper Katya Leander Mirela Niall "
         "Orla Piet Rosalind Stellan Tamsin Ulrik Verity Wilhelmina").split()
LAST = ("Ashgrove Brannock Cullane Dervish Elsworth Fairburn Gaskell Hawthorne Ingleby Jessop "
        "Kinsella Larchmont Mabry Nettleford Oakhurst Pemberton Quarrie Rathbone Selwick Thorne "
        "Underhill Varley Whitcombe Yelland Zabrisky Abernethy Blackmore Cordell Dunmore Everard "
        "Fenwick Greaves Halloran Ives Jardine Kilbride Lockhart Marchetti Nolan Ormsby Prentice "
        "Redfern Strachan Tillotson Upfield Vickers Wainwright").split()
PLACES = ("Harrowmere Castlebrook Dunvale Elmsworth Fallowby Greystoke Hollinmouth Ivybridge "
          "Kettleford Lamberhurst Millbrae Northwick Oldcastle Pennbury Quarrydale Redhaven "
          "Saltmarsh Thornbury Upperton Westerleigh Yarmouth-on-Teal Ashcombe Brackenfield "
          "Coldharbour Drayford Edgecliff Foxhollow Glenmorrow").split()
ORGS = ("the Harbour Authority", "the regional water board", "the county council",
        "the Ministry of Transport", "the national statistics office", "the teachers' union",
        "the chamber of commerce", "the rail operator", "the health trust", "the fire service",
        "the environment agency", "the housing association", "the energy regulator",
        "the university hospital", "the farmers' cooperative", "the port workers' guild")
ROLES = ("a spokesperson for", "the chief executive of", "a senior official at", "the chair of",
         "a director at", "an engineer with", "a lawyer representing", "an economist at",
         "a campaigner with", "the deputy head of")
TOPICS = ("the new ferry terminal", "the flood barrier", "the school funding formula",
          "the bypass extension", "the water price review", "the hospital merger",
          "the bus network redesign", "the harbour dredging plan", "the district heating scheme",
          "the library closures", "the wind farm consultation", "the housing targets",
          "the market hall restoration", "the tram line", "the recycling contract")
NOUNS = ("residents", "commuters", "traders", "parents", "councillors", "engineers", "farmers",
         "nurses", "students", "shopkeepers", "fishermen", "drivers", "pensioners", "volunteers")
VERBS = ("approved", "delayed", "criticised", "defended", "reviewed", "postponed", "welcomed",
         "questioned", "scaled back", "extended", "revised", "announced", "rejected", "backed")
ADJ = ("cautious", "lengthy", "unexpected", "contested", "modest", "detailed", "overdue",
       "ambitious", "narrow", "costly", "provisional", "sweeping", "quiet", "heated")
TIMES = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week",
         "earlier this month", "over the weekend", "late on Sunday", "this morning")
UNITS = ("million pounds", "per cent", "homes", "jobs", "kilometres", "tonnes", "households",
         "passengers a day", "beds", "hectares")
SAY = ("said", "told reporters", "said in a statement", "told the meeting", "wrote in a letter",
       "said at a briefing", "added")

PLAIN = (
    "{Org} {verb} {topic} {time} after a {adj} debate that ran late into the evening.",
    "The decision leaves {nouns} in {place} waiting for a clearer timetable.",
    "Work on {topic} began before the current council took office and has changed hands twice.",
    "Several {nouns} gathered outside the offices in {place} while the meeting went on.",
    "{Org} has not said when the next review of {topic} will take place.",
    "Critics argue that {topic} was planned with too little attention to {nouns} in {place}.",
    "Supporters of {topic} say the delay only adds to the final bill.",
    "The plans were first drawn up when {place} and {place2} still shared a single council.",
    "A {adj} report published {time} set out three options, none of them cheap.",
    "Neither side expects the matter to be settled before the summer recess.",
    "In {place}, the mood among {nouns} was described as {adj} rather than angry.",
    "{Org} {verb} an earlier version of the proposal, citing the cost to {nouns}.",
    "Much of the argument has turned on who should pay for {topic}.",
    "The road through {place} was closed for part of the day while crews checked the site.",
    "Officials in {place2} are watching the outcome closely because they face a similar choice.",
    "The timetable has slipped several times, most recently when the tender process was reopened.",
)
QUOTES = (
    "\"We have listened to {nouns} and we will keep listening,\" {name} {say}.",
    "\"Nobody in {place} wants this to drag on for another year,\" {name}, {role} {org}, {say}.",
    "{name} {say} that the plan was \"{adj} but workable\" and urged {nouns} to be patient.",
    "\"The numbers simply do not add up for {topic},\" {say_first} {name}.",
    "According to {name}, {role} {org}, the work \"could start within months if the money is found\".",
    "\"It is a {adj} step, not the end of the road,\" {name} {say}.",
)
FIGURES = (
    "The scheme is expected to cost about {n} {unit}, up from an estimate of {m} two years ago.",
    "Around {n} {unit} would be affected, according to figures from {org}.",
    "Turnout at the consultation reached {pct} per cent, the highest since {year}.",
    "The budget for {topic} was cut by {pct} per cent in {year}.",
)


class Writer:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def name(self):
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def fill(self, template):
        r = self.r
        place, place2 = r.sample(PLACES, 2)
        org = r.choice(ORGS)
        return template.format(
            Org=org[0].upper() + org[1:], org=org, verb=r.choice(VERBS), topic=r.choice(TOPICS),
            time=r.choice(TIMES), adj=r.choice(ADJ), nouns=r.choice(NOUNS), place=place,
            place2=place2, name=self.name(), role=r.choice(ROLES), say=r.choice(SAY),
            say_first=r.choice(("said", "said", "added")), unit=r.choice(UNITS),
            n=r.randint(2, 950), m=r.randint(2, 950), pct=r.randint(2, 60),
            year=r.randint(1990, 2024))

    def sentence(self, claim_share):
        r = self.r
        if r.random() < claim_share:
            return self.fill(r.choice(QUOTES if r.random() < 0.6 else FIGURES))
        return self.fill(r.choice(PLAIN))

    def paragraph(self, claim_share):
        return " ".join(self.sentence(claim_share) for _ in range(self.r.randint(2, 5)))

    def title(self):
        return self.fill("{Org} {verb} {topic} in {place}")

    def sources(self, outlets):
        return "## Sources\n\n" + "".join(f"- {o}: {self.title()}\n" for o in outlets)

    def article(self, words, claim_share=0.4):
        paras, count = [], 0
        while count < words:
            p = self.paragraph(claim_share)
            paras.append(p)
            count += len(p.split())
        outlets = self.r.sample(OUTLETS, self.r.randint(1, 4))
        return f"# {self.title()}\n\n" + "\n\n".join(paras) + "\n\n" + self.sources(outlets)


OUTLETS = ("Harbour Gazette", "Northwick Courier", "Valley Post", "The Dunvale Standard",
           "Castlebrook Herald", "Coastal Wire", "Midland Ledger", "Evening Lantern")


def corpus(args):
    w = Writer(args.seed)
    os.makedirs(args.dir, exist_ok=True)
    total, i = 0, 0
    while total < args.mb * 1_000_000:
        text = w.article(int(w.r.gammavariate(4, 250)) + 150)
        path = os.path.join(args.dir, f"article-{i:04}.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode())
        i += 1
    print(f"{i} articles, {total} bytes in {args.dir}")


def edit(w, para):
    """Light edit: swap a few words for others from the lists, drop a clause."""
    words = para.split()
    for _ in range(max(1, len(words) // 12)):
        k = w.r.randrange(len(words))
        if words[k].isalpha() and words[k].islower():
            words[k] = w.r.choice(ADJ + NOUNS)
    return " ".join(words)


def pairs(args):
    w = Writer(args.seed)
    total = 0
    for i in range(args.n):
        folder = os.path.join(args.dir, f"{i:03}")
        os.makedirs(folder, exist_ok=True)
        paras, count = [], 0
        while count < 1_600:
            p = w.paragraph(0.45)
            paras.append(p)
            count += len(p.split())
        original = f"{w.r.choice(PLACES).upper()} (Wire) -- " + "\n\n".join(paras) + "\n"
        copy_share = w.r.choice((0.0, 0.1, 0.3, 0.5, 0.8))
        out = []
        for p in paras:
            x = w.r.random()
            if x < copy_share:
                out.append(p if w.r.random() < 0.5 else edit(w, p))
            elif x < copy_share + 0.5:
                out.append(w.paragraph(0.45))
        rewrite = f"# {w.title()}\n\n" + "\n\n".join(out) + "\n\n" + w.sources(["Wire"])
        for name, text in (("original.txt", original), ("rewrite.md", rewrite)):
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(text)
            total += len(text.encode())
    print(f"{args.n} pairs, {total} bytes in {args.dir}")


def big(args):
    w = Writer(args.seed)
    target = int(args.mb * 1_000_000)
    share = 1.0 / args.claim_every
    parts = [f"# {w.title()}\n\n"]
    size, k = len(parts[0]), 0
    tail = "\n" + w.sources(w.r.sample(OUTLETS, 3))
    while size < target - len(tail) - 2_000:
        if k % 12 == 11:
            block = f"## {w.title()}\n\n"
        else:
            block = w.paragraph(share) + "\n\n"
        parts.append(block)
        size += len(block.encode())
        k += 1
    text = "".join(parts) + tail
    with open(args.file, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{len(text.encode())} bytes in {args.file}")


# Sentences that name their source only by pointing back ("the mayor", "the report", "the
# union", "it"), with nobody named for them to point to: each one used to search the whole text
# before it, which made such a file cost the square of its length.
POINTING = [
    "The mayor said the plan for the depot was good.",
    "The report said the works were late, and the newspaper said so too.",
    "The union said nothing about the jobs.",
    "It said the budget would not change.",
]


def pointing(args):
    r = random.Random(args.seed)
    target = int(args.mb * 1_000_000)
    parts = ["# Council notes\n\n"]
    size = len(parts[0])
    while size < target - 200:
        block = " ".join(r.sample(POINTING, len(POINTING))) + "\n\n"
        parts.append(block)
        size += len(block.encode())
    text = "".join(parts) + "Sources: Kessa Tribune\n"
    with open(args.file, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{len(text.encode())} bytes in {args.file}")


# One run-on sentence: a long run of capitalised words, then reporting verbs with no comma or
# full stop between them. Every verb used to look back to the sentence's start for a quote mark
# and forward for a comma, which made such a sentence cost the square of its length.
def runon(args):
    target = int(args.mb * 1_000_000)
    capitals = "Kessa " * (target * 5 // 7 // 6)
    verbs = "said " * (target * 2 // 7 // 5)
    text = capitals + verbs + "40 people.\n\nSources: Kessa Tribune\n"
    with open(args.file, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{len(text.encode())} bytes in {args.file}")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("dir")
    c.add_argument("--mb", type=float, default=5.2)
    c.add_argument("--seed", type=int, default=1)
    c.set_defaults(run=corpus)
    q = sub.add_parser("pairs")
    q.add_argument("dir")
    q.add_argument("--n", type=int, default=500)
    q.add_argument("--seed", type=int, default=2)
    q.set_defaults(run=pairs)
    t = sub.add_parser("pointing")
    t.add_argument("file")
    t.add_argument("--mb", type=float, default=1.0)
    t.add_argument("--seed", type=int, default=1)
    t.set_defaults(run=pointing)
    r = sub.add_parser("runon")
    r.add_argument("file")
    r.add_argument("--mb", type=float, default=1.0)
    r.set_defaults(run=runon)
    b = sub.add_parser("big")
    b.add_argument("file")
    b.add_argument("--mb", type=float, required=True)
    b.add_argument("--claim-every", type=float, default=12)
    b.add_argument("--seed", type=int, default=3)
    b.set_defaults(run=big)
    args = p.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
