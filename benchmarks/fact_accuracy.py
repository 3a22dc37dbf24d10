"""Fact accuracy of machine drafts before and after ``workbench.carry.carry_facts``, judged independently.

Every sentence of the seed page (as ``workbench translate`` cuts it) is translated once by the engine. The
facts a reader relies on (amounts, prices, share counts, percentages, multiples, tickers, names and glossary
terms) are not read by the workbench's fact reader or judged by its checker here: ``data/seed_facts.csv``
lists them, written and checked by hand from the Chinese, each with the English renderings an editor accepts
("308 million yuan" or "RMB308 million"; "more than 60%" but not "60%"). It includes facts the fact reader
does not extract (五分之一, 逾半, 30家). A fact counts as right when one accepted rendering appears in the
draft as words (case aside; "14%" never inside "114%").

The baseline is the engine's best draft as it came out ("before"); the candidate is the draft
``carry_facts`` returns ("after"). For comparison the checker's own verdict (what ``carry_facts``
optimises for) is printed too, on the facts it reads.

    .venv/bin/python benchmarks/fact_accuracy.py [--model PATH] [--device cpu|cuda|auto] [--show N]
        [--protect]

``--show N`` prints N sentences whose facts changed, before and after, for a reviewer's eye.
``--protect`` measures pre-translation protection instead of plain input: each amount, price, share count
and count of the source is replaced by its English form before the engine sees it.

The last line is ``accuracy_ratio <facts right after / facts right before>``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.model import Fact, Segment

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = ROOT / "models" / "translate-zt_en-finance_test-1_0.argosmodel"
SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"
GLOSSARY = ROOT / "glossary.csv"
EXPECTED = Path(__file__).resolve().parent / "data" / "seed_facts.csv"
NAME_KINDS = ("name", "term")


@dataclass(frozen=True)
class Expected:
    """One fact of one sentence and the English renderings that state it correctly."""

    kind: str
    fact: str  # the Chinese, as the reader sees it
    accepted: tuple[str, ...]


def read_expected(path: Path, sentences: Sequence[str]) -> dict[int, list[Expected]]:
    """The hand-written facts of each sentence, by sentence index.

    A figure's row names a snippet (``where``) found in exactly one sentence; a name's row applies to every
    sentence that writes the name, except where it is part of a longer listed name (商湯 in
    商湯集團股份有限公司).
    """
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_sentence: dict[int, list[Expected]] = {}
    names = [r for r in rows if r["kind"] in NAME_KINDS]
    for row in rows:
        expected = Expected(row["kind"], row["fact"], tuple(a.strip() for a in row["accepted"].split("|")))
        if row["kind"] in NAME_KINDS:
            continue
        found = [i for i, s in enumerate(sentences) if row["where"] in s]
        if len(found) != 1 or row["fact"] not in sentences[found[0]]:
            sys.exit(
                f"{path}: {row['where']!r} is in {len(found)} sentences of the seed, not one; fix the row"
            )
        by_sentence.setdefault(found[0], []).append(expected)
    for index, sentence in enumerate(sentences):
        covered: list[tuple[int, int]] = []
        for row in sorted(names, key=lambda r: -len(r["fact"])):
            spans = [(m.start(), m.end()) for m in re.finditer(re.escape(row["fact"]), sentence)]
            free = [(a, b) for a, b in spans if not any(a >= c and b <= d for c, d in covered)]
            covered += spans
            if free:
                accepted = tuple(a.strip() for a in row["accepted"].split("|"))
                by_sentence.setdefault(index, []).append(Expected(row["kind"], row["fact"], accepted))
    return by_sentence


def stated(draft: str, expected: Expected) -> bool:
    """Whether the draft states the fact in one of its accepted renderings."""
    text = " ".join(draft.replace("\u2019", "'").split())
    for form in expected.accepted:
        left = r"(?<![0-9A-Za-z.$])" if form[0].isalnum() else ""
        right = r"(?![0-9%]|\.[0-9])" if form[-1].isdigit() else ""
        if expected.kind not in NAME_KINDS and form[-1].isalpha():
            right = r"(?![A-Za-z])"
        if re.search(left + re.escape(form) + right, text, re.IGNORECASE):
            return True
    return False


def protected(text: str, facts: Sequence[Fact]) -> str:
    """``text`` with its numbers already in English (Simplified text keeps the Traditional offsets)."""
    numeric = {"amount", "price", "shares", "count"}
    for fact in sorted((f for f in facts if f.kind.value in numeric), key=lambda f: f.start, reverse=True):
        text = f"{text[: fact.start]} {fact.english} {text[fact.end :]}"
    return text


def share(right: int, total: int) -> str:
    return f"{right / max(1, total):>8.1%}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--device", default="auto")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--protect", action="store_true")
    args = parser.parse_args()

    from workbench.carry import carry_facts, fact_status
    from workbench.glossary import load_glossary
    from workbench.mt import load_engine
    from workbench.pipeline import analyse
    from workbench.textio import read_page

    glossary = load_glossary(GLOSSARY)
    segments: list[Segment] = [seg for _, segs in analyse(read_page(SEED), glossary) for seg in segs]
    expected = read_expected(EXPECTED, [s.text for s in segments])
    engine = load_engine(args.model, device=args.device)
    started = time.perf_counter()
    inputs = [s.simplified if engine.wants_simplified else s.text for s in segments]
    if args.protect:
        inputs = [protected(text, seg.facts) for text, seg in zip(inputs, segments, strict=True)]
    translations = engine.translate(inputs)
    translated = time.perf_counter() - started

    total: Counter[str] = Counter()
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    checker_total = checker_before = checker_after = 0
    changed = []
    started = time.perf_counter()
    for index, (seg, translation) in enumerate(zip(segments, translations, strict=True)):
        text, findings = carry_facts(seg.text, translation, seg.facts, seg.hits, glossary)
        for fact in expected.get(index, ()):
            total[fact.kind] += 1
            before[fact.kind] += stated(translation.text, fact)
            after[fact.kind] += stated(text, fact)
        checked_before = fact_status(translation.text, seg.facts, seg.hits, glossary, seg.text)
        checked_after = fact_status(text, seg.facts, seg.hits, glossary, seg.text)
        checker_total += len(checked_before)
        checker_before += sum(ok for _, ok in checked_before)
        checker_after += sum(ok for _, ok in checked_after)
        if text != translation.text:
            changed.append((seg.text, translation.text, text, [f.message for f in findings]))
    carrying = time.perf_counter() - started

    print(f"engine: {engine.describe()}; {len(segments)} sentences translated in {translated:.1f} s")
    print(f"carry_facts: {carrying * 1000 / max(1, len(segments)):.1f} ms per sentence, checks included")
    print(f"facts judged by {EXPECTED.relative_to(ROOT)} (written by hand):")
    print(f"{'kind':<10} {'facts':>6} {'before':>8} {'after':>8}")
    for kind in sorted(total):
        right = f"{share(before[kind], total[kind])} {share(after[kind], total[kind])}"
        print(f"{kind:<10} {total[kind]:>6} {right}")
    facts, right_before, right_after = sum(total.values()), sum(before.values()), sum(after.values())
    print(f"{'all':<10} {facts:>6} {share(right_before, facts)} {share(right_after, facts)}")
    verdict = [share(n, checker_total).strip() for n in (checker_before, checker_after)]
    print(
        f"the checker's own verdict on the {checker_total} facts it reads: {' before, '.join(verdict)} after"
    )
    print(f"drafts changed by carry_facts: {len(changed)}")
    for source, raw_text, text, messages in changed[: args.show]:
        print(f"\n  zh:     {source}\n  before: {raw_text}\n  after:  {text}")
        for message in messages:
            print(f"    QA: {message}")
    print(f"accuracy_ratio {right_after / max(1, right_before):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
