"""Fact accuracy of machine drafts before and after ``workbench.carry.carry_facts``.

Every sentence of the seed page (as ``workbench translate`` cuts it) is translated once by the engine; the
facts of each sentence (amounts, share counts, percentages, multiples, tickers, glossary names; dates are
not checked) are then looked for in the engine's best draft as it came out ("before") and in the draft
``carry_facts`` returns ("after"). Prints the fraction right overall and per kind, and how many sentences
still carry an error finding.

    .venv/bin/python benchmarks/fact_accuracy.py [--model PATH] [--device cpu|cuda|auto] [--seed PAGE]
        [--glossary CSV] [--show N]

``--show N`` prints N sentences whose facts changed, before and after, for a reviewer's eye.
``--protect`` measures pre-translation protection instead of plain input: each amount, price, share count
and count of the source is replaced by its English form before the engine sees it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.model import Fact

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = ROOT / "models" / "translate-zt_en-finance_test-1_0.argosmodel"
DEFAULT_SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"
DEFAULT_GLOSSARY = ROOT / "glossary.csv"


def protected(text: str, facts: Sequence[Fact]) -> str:
    """``text`` with its numbers already in English (Simplified text keeps the Traditional offsets)."""
    numeric = {"amount", "price", "shares", "count"}
    for fact in sorted((f for f in facts if f.kind.value in numeric), key=lambda f: f.start, reverse=True):
        text = f"{text[: fact.start]} {fact.english} {text[fact.end :]}"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--device", default="auto")
    parser.add_argument("--seed", default=str(DEFAULT_SEED))
    parser.add_argument("--glossary", default=str(DEFAULT_GLOSSARY))
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--protect", action="store_true")
    args = parser.parse_args()

    from workbench.carry import carry_facts, fact_status
    from workbench.glossary import load_glossary
    from workbench.model import Severity
    from workbench.mt import load_engine
    from workbench.pipeline import analyse
    from workbench.textio import read_page

    glossary = load_glossary(args.glossary)
    segments = [seg for _, segs in analyse(read_page(args.seed), glossary) for seg in segs]
    engine = load_engine(args.model, device=args.device)
    started = time.perf_counter()
    inputs = [s.simplified if engine.wants_simplified else s.text for s in segments]
    if args.protect:
        inputs = [protected(text, seg.facts) for text, seg in zip(inputs, segments, strict=True)]
    translations = engine.translate(inputs)
    translated = time.perf_counter() - started

    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    total: Counter[str] = Counter()
    errors_left = 0
    changed = []
    started = time.perf_counter()
    for seg, translation in zip(segments, translations, strict=True):
        raw = fact_status(translation.text, seg.facts, seg.hits, glossary, seg.text)
        text, findings = carry_facts(seg.text, translation, seg.facts, seg.hits, glossary)
        carried = fact_status(text, seg.facts, seg.hits, glossary, seg.text)
        for (fact, ok_before), (_, ok_after) in zip(raw, carried, strict=True):
            total[fact.kind.value] += 1
            before[fact.kind.value] += ok_before
            after[fact.kind.value] += ok_after
        errors_left += any(f.severity is Severity.ERROR for f in findings)
        if text != translation.text:
            changed.append((seg.text, translation.text, text, [f.message for f in findings]))
    carrying = time.perf_counter() - started

    print(f"engine: {engine.describe()}; {len(segments)} sentences translated in {translated:.1f} s")
    print(f"carry_facts: {carrying * 1000 / max(1, len(segments)):.1f} ms per sentence")
    print(f"{'kind':<10} {'facts':>6} {'before':>8} {'after':>8}")
    for kind in sorted(total):
        share_before, share_after = before[kind] / total[kind], after[kind] / total[kind]
        print(f"{kind:<10} {total[kind]:>6} {share_before:>8.1%} {share_after:>8.1%}")
    all_facts = sum(total.values())
    print(
        f"{'all':<10} {all_facts:>6} {sum(before.values()) / max(1, all_facts):>8.1%} "
        f"{sum(after.values()) / max(1, all_facts):>8.1%}"
    )
    print(f"drafts changed by carry_facts: {len(changed)}; sentences left with an error: {errors_left}")
    for source, raw_text, text, messages in changed[: args.show]:
        print(f"\n  zh:     {source}\n  before: {raw_text}\n  after:  {text}")
        for message in messages:
            print(f"    QA: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
