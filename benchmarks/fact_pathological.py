"""Fact reading and carrying on pathological sentences: time per character at 20,000 vs 2,000 characters.

Pages pasted from spreadsheets and engines that loop produce sentences no reporter writes: a run of 20,000
Chinese numerals, ``1%`` twenty thousand times, a wall of tickers. Each case is read (``extract``) and, where
it has a draft, carried into it (``carry_facts``), at the short and the long size in the same run. A ratio
of about 1 means linear time; quadratic work would show as about 10 (ten times the characters, a hundred
times the time). The last line is the worst ratio.

    python benchmarks/fact_pathological.py [--short 2000] [--long 20000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from workbench.carry import carry_facts
from workbench.facts import extract
from workbench.mt.base import Translation


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# name: (source of a given length, its draft or None)
Case = tuple[Callable[[int], str], Callable[[int], str] | None]
CASES: dict[str, Case] = {
    "chinese numeral run": (lambda n: "收入" + "三" * n + "億元", None),
    "numerals and units": (lambda n: repeat("一二三四五六七八九十百千萬億", n) + "元", None),
    "market talk": (lambda n: repeat("三千萬", n) + "元", None),
    "digit run": (lambda n: "1" * n + "億元", None),
    "grouped digits": (lambda n: repeat("1,000", n) + "億元", None),
    "1% repeated": (lambda n: repeat("1%", n), lambda n: repeat("1% ", n)),
    "amounts mis-scaled": (lambda n: repeat("1億元,", n), lambda n: repeat("1 billion yuan, ", n * 2)),
    "amounts missing": (lambda n: repeat("1億元,", n), lambda n: repeat("7 shares, ", n * 2)),
    "ranges": (lambda n: repeat("3至4元,", n), lambda n: repeat("3 to 4 yuan, ", n * 2)),
    "dates": (lambda n: repeat("2024年1月1日", n), None),
    "tickers": (lambda n: repeat("(0020.HK)", n), lambda n: repeat("(0020.HK) ", n)),
    "percent words": (lambda n: repeat("百分之五", n), None),
}


def per_char(case: Case, size: int, repeats: int) -> float:
    make_source, make_draft = case
    source = make_source(size)
    draft = make_draft(size) if make_draft else None
    best = float("inf")
    runs = 0
    spent = 0.0
    # Cheap cases take milliseconds, where a shared machine's noise dominates: repeat them for a while.
    while runs < repeats or spent < 0.5:
        start = time.perf_counter()
        facts = extract(source)
        if draft is not None:
            carry_facts(source, Translation(draft, 0.0), facts)
        took = time.perf_counter() - start
        best, runs, spent = min(best, took), runs + 1, spent + took
    return best / size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=int, default=2000)
    parser.add_argument("--long", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    worst = 0.0
    print(f"{'case':<28} {'us/char short':>14} {'us/char long':>13} {'ratio':>6}")
    for name, case in CASES.items():
        short = per_char(case, args.short, args.repeat)
        long = per_char(case, args.long, args.repeat)
        ratio = long / short
        worst = max(worst, ratio)
        print(f"{name:<28} {short * 1e6:>14.2f} {long * 1e6:>13.2f} {ratio:>6.2f}", flush=True)
    print(f"worst ratio {worst:.2f} (1 is linear, {args.long / args.short:.0f} would be quadratic)")


if __name__ == "__main__":
    main()
