"""Glossary matching at newsroom scale: 10,000 entries scanned over 1,000 sentences.

Compares ``Glossary.match`` (one index of every name, by the first two characters) with the obvious loop
over every entry's names for each sentence, on the same synthetic data in the same run, and checks both
find the same names. The index is built once per glossary, so it is timed apart and two ratios are
printed: the scan alone, and last the line ``speedup <ratio>`` with the build counted in, as a run over
these sentences pays it.

    python benchmarks/glossary_scan.py [--entries 10000] [--sentences 1000]
"""

from __future__ import annotations

import argparse
import random
import time

from workbench.glossary import Glossary
from workbench.glossary.core import match_keys
from workbench.model import GlossaryEntry, TermHit

# Characters company names are made of, and filler for the sentences around them.
NAME_CHARS = (
    "華興資本控股商湯集團科技零跑汽車奇富中金國際金融毛戈平美妝遇見小麵明基醫院印象大紅袍鼎一投資福州網絡貸款"
)
SUFFIXES = ("股份有限公司", "控股有限公司", "集團", "科技", "銀行", "")
FILLER = "公司表示今年上半年收入按年增長股價周二收市報港元市場預期業績將改善投資者"


def synthetic_glossary(size: int, rng: random.Random) -> list[GlossaryEntry]:
    names: set[str] = set()
    while len(names) < size:
        names.add("".join(rng.choice(NAME_CHARS) for _ in range(rng.randint(2, 5))) + rng.choice(SUFFIXES))
    entries = []
    for row, name in enumerate(sorted(names), start=2):
        short = name[:3] if len(name) > 5 else ""
        entries.append(
            GlossaryEntry(
                traditional=name,
                simplified=name,
                english=f"Company {row}",
                aliases=(short,) if short else (),
                tickers=(f"{row:04d}.HK",),
                row=row,
            )
        )
    return entries


def synthetic_sentences(entries: list[GlossaryEntry], count: int, rng: random.Random) -> list[str]:
    sentences = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(2, 4)):
            parts.append("".join(rng.choice(FILLER) for _ in range(rng.randint(5, 15))))
            parts.append(rng.choice(entries).traditional)
        sentences.append("".join(parts) + "。")
    return sentences


def naive_match(keys: list[tuple[str, GlossaryEntry]], text: str) -> tuple[TermHit, ...]:
    """Every name of every entry searched one after another, then longest-first, left to right."""
    longest: dict[int, tuple[int, GlossaryEntry]] = {}
    for key, entry in keys:
        start = text.find(key)
        while start >= 0:
            best = longest.get(start)
            if best is None or len(key) > best[0]:
                longest[start] = (len(key), entry)
            start = text.find(key, start + 1)
    hits = []
    position = 0
    for start in sorted(longest):
        if start < position:
            continue
        length, entry = longest[start]
        hits.append(TermHit(entry, start, start + length, text[start : start + length]))
        position = start + length
    return tuple(hits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--sentences", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    entries = synthetic_glossary(args.entries, rng)
    sentences = synthetic_sentences(entries, args.sentences, rng)
    glossary = Glossary.from_entries(entries)

    started = time.perf_counter()
    glossary.match("")  # nothing to build for an empty text; the first real call builds the index
    glossary.match(sentences[0])
    build = time.perf_counter() - started

    started = time.perf_counter()
    fast = [glossary.match(s) for s in sentences]
    indexed = time.perf_counter() - started

    keys: list[tuple[str, GlossaryEntry]] = []
    claimed: set[str] = set()
    for entry in entries:
        for key in match_keys(entry):
            if key not in claimed:
                claimed.add(key)
                keys.append((key, entry))
    started = time.perf_counter()
    slow = [naive_match(keys, s) for s in sentences]
    naive = time.perf_counter() - started

    if [[(h.start, h.end, h.entry.row) for h in s] for s in fast] != [
        [(h.start, h.end, h.entry.row) for h in s] for s in slow
    ]:
        raise SystemExit("the index and the naive scan disagree; the benchmark result is void")
    hits = sum(len(s) for s in fast)
    print(f"glossary entries    {len(entries)} ({len(keys)} names)")
    print(f"sentences           {len(sentences)} ({hits} hits)")
    print(f"index build         {build:.3f} s (once per glossary)")
    print(f"Glossary.match      {indexed:.3f} s")
    print(f"naive per-entry     {naive:.3f} s")
    print(f"speedup without build {naive / indexed:.1f}")
    print(f"speedup {naive / (indexed + build):.1f}")


if __name__ == "__main__":
    main()
