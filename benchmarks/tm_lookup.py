"""Translation-memory lookups: the index against a naive scan of every stored segment.

Stores 100,000 synthetic reviewed segments built from the seed pages (real sentences with their figures
changed, words swapped and clauses spliced together), then looks up 1,000 sentences: a third stored
verbatim, a third stored ones with new figures and an edit or two, a third new text. The index answers all
of them, reading the matched stored sentence's facts and substituting them included. The naive baseline
is what any sane memory does without an index: an exact-match dictionary first, then rapidfuzz
``extractOne`` over every stored source (the best a scan can do); it answers a sample, and its time per
lookup is scaled to the same 1,000. Both use the same scorer and threshold; the agreement line says how
often the index found a match where the scan did, and one as good as the scan's best.

Building each side is timed too (the memory: its rows, exact dictionary and bigram index; the baseline:
its dictionary and masked keys), and two ratios are printed: lookups alone, then build and lookups
together. A load pays the build once per run, so the second is what a run of 1,000 new sentences sees.

    .venv/bin/python benchmarks/tm_lookup.py [--segments 100000] [--lookups 1000] [--naive-sample 40]

The last line is ``speedup <ratio>``, build included.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from workbench.facts import extract
from workbench.tm import DEFAULT_THRESHOLD, TMEntry, TranslationMemory, masked, normalise

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def seed_sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    found = [s.strip() for s in _SENTENCE.findall(text)]
    return [s for s in found if len(s) >= 12 and _CJK.search(s)]


class Generator:
    def __init__(self, sentences: list[str], seed: int = 6) -> None:
        self.rng = random.Random(seed)
        self.sentences = sentences
        self.pool = sorted({ch for s in sentences for ch in s if _CJK.match(ch)})

    def figures(self, text: str) -> str:
        return re.sub(r"\d+(?:[.,]\d+)*", lambda _: f"{self.rng.randint(1, 9999) / 100:g}", text)

    def edit(self, text: str, edits: int) -> str:
        for _ in range(edits):
            at = self.rng.randrange(max(1, len(text) - 3))
            span = self.rng.randint(1, 3)
            new = "".join(self.rng.choice(self.pool) for _ in range(self.rng.randint(0, 3)))
            text = text[:at] + new + text[at + span :]
        return text

    def chimera(self) -> str:
        parts = []
        for _ in range(self.rng.randint(2, 4)):
            s = self.rng.choice(self.sentences)
            at = self.rng.randrange(max(1, len(s) - 8))
            parts.append(s[at : at + self.rng.randint(6, 24)])
        return "，".join(parts) + "。"

    def stored(self) -> str:
        if self.rng.random() < 0.4:
            return self.edit(self.figures(self.rng.choice(self.sentences)), self.rng.randint(0, 4))
        return self.chimera()


def build(segments: int, lookups: int) -> tuple[list[TMEntry], list[str]]:
    gen = Generator(seed_sentences())
    sources: dict[str, None] = {}
    while len(sources) < segments:
        sources[gen.stored()] = None
    stored = list(sources)
    entries = [
        TMEntry(
            source=s,
            target=f"English of segment {i}",
            ctx=f"a{i // 40}:p{i % 40 + 1}.s1",
            article=f"a{i // 40}",
        )
        for i, s in enumerate(stored)
    ]
    queries = []
    for i in range(lookups):
        base = gen.rng.choice(stored)
        if i % 3 == 0:
            queries.append(base)
        elif i % 3 == 1:
            queries.append(gen.edit(gen.figures(base), gen.rng.randint(1, 2)))
        else:
            queries.append(gen.chimera())
    return entries, queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=1000)
    parser.add_argument("--naive-sample", type=int, default=40)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    entries, queries = build(args.segments, args.lookups)
    elapsed = time.perf_counter() - started
    print(f"data: {len(entries)} stored segments, {len(queries)} lookups ({elapsed:.1f} s)")

    started = time.perf_counter()
    tm = TranslationMemory(entries, threshold=DEFAULT_THRESHOLD)
    # The first lookup builds the exact dictionary and the bigram index (and imports the fact reader).
    tm.lookup(entries[0].source[:-1] + "，並補充說明。")
    index_build = time.perf_counter() - started
    # The pipeline has read each new sentence's facts before it asks the memory, so the timed lookups get
    # them too; reading the stored sentence's facts and substituting are part of the time.
    facts = [extract(q) for q in queries]
    started, cpu = time.perf_counter(), time.process_time()
    found = [tm.lookup(q, facts=f) for q, f in zip(queries, facts, strict=True)]
    index_time, index_cpu = time.perf_counter() - started, time.process_time() - cpu
    hits = sum(m is not None for m in found)
    exact = sum(m is not None and m.exact for m in found)
    print(f"index: built in {index_build:.2f} s on first use")
    print(f"index: {len(queries)} lookups in {index_time:.3f} s ({index_cpu:.3f} s CPU)")
    print(f"index: {exact} exact and {hits - exact} near matches, {len(queries) - hits} left for the engine")

    started = time.perf_counter()
    exact = {normalise(e.source): e.target for e in entries}
    keys = [masked(key) for key in exact]
    naive_build = time.perf_counter() - started
    print(f"naive scan: built in {naive_build:.2f} s (exact dictionary and masked keys)")

    def scan(query: str) -> tuple[str, float] | None:
        key = normalise(query)
        if key in exact:
            return exact[key], 100.0
        best = process.extractOne(masked(key), keys, scorer=fuzz.ratio, score_cutoff=DEFAULT_THRESHOLD)
        # The memory reports a near match as at most 99, so the scan's best is read the same way.
        return None if best is None else (best[0], min(float(best[1]), 99.0))

    # The sample keeps the mix of the lookups (a third of them exact), so scaling its time is fair.
    sample = queries[: args.naive_sample]
    started = time.perf_counter()
    naive = [scan(q) for q in sample]
    naive_time = (time.perf_counter() - started) / len(sample) * len(queries)
    print(f"naive scan: {len(sample)} lookups timed, {naive_time:.1f} s for {len(queries)}")

    found_too = same = 0
    for q, scanned in zip(sample, naive, strict=True):
        best = 0.0 if scanned is None else scanned[1]
        mine = tm.lookup(q)
        got = 0.0 if mine is None else mine.score
        found_too += (mine is not None) == (scanned is not None)
        same += got >= best
    print(
        f"agreement on {len(sample)} sampled lookups: a match where the scan found one {found_too}, "
        f"the scan's best score {same}"
    )
    print(f"lookups alone: index {naive_time / index_time:.0f}x faster than the naive scan")
    with_build = (naive_build + naive_time) / (index_build + index_time)
    print(f"speedup {with_build:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
