"""Every name feature with the whole market in the glossary: 20,000 entries against the seed's 39.

Builds a glossary of the committed 39 rows plus synthetic listed companies (exchange-style names turned
into rows by the importer's own code) up to ``--entries``, then times, in this one run and with both
glossaries:

- loading the big glossary: from its CSV (a new or edited glossary) and from the cache a load writes
  beside it (``workbench.glossary.cache``: the rows and the indexes a check builds);
- the whole check of the seed page inside this process (load the glossary file, read the seed's English
  PO files, re-read every source sentence's names and facts, run every check), where the fixed cost of
  loading 20,000 rows weighs against a page of 137 sentences with nothing else to share it; the first
  check after the glossary changed, which reads the CSV and writes the cache, is shown apart;
- the same as a desk runs it, ``workbench check translations/`` in its own process, where the
  interpreter's start and imports add the same to both sides;
- ``glossary check``, ``glossary find`` and ``glossary suggest`` (the seed page and ``translations/``);
- importing ``--companies`` companies from workbooks in the exchange's layout, and importing them again.

The last line is ``slowdown <in-process whole check with the big glossary / with the 39-row one>``; the
goal is < 3.

    .venv/bin/python benchmarks/glossary_scale.py [--entries 20000] [--companies 2600] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the workbook builder the tests use: the published layout

from hkex_lists import synthetic_market, write_pair  # noqa: E402
from workbench.checks import check_entries  # noqa: E402
from workbench.glossary import (  # noqa: E402
    Glossary,
    check_glossary,
    find,
    format_rows,
    load_glossary,
    suggest_from_paths,
)
from workbench.glossary.cache import cache_path  # noqa: E402
from workbench.glossary.csvfile import parse_rows, read_raw  # noqa: E402
from workbench.glossary.hkex import read_hkex  # noqa: E402
from workbench.glossary.merge import Listing, listed_entry, merge_list  # noqa: E402
from workbench.po import load_po  # noqa: E402

SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"
TRANSLATIONS = ROOT / "translations"


def big_glossary(path: Path, entries: int) -> None:
    """The committed glossary with synthetic listed companies appended up to ``entries`` rows."""
    base = (ROOT / "glossary.csv").read_text(encoding="utf-8")
    have = {t for e in load_glossary(ROOT / "glossary.csv").entries for t in e.tickers}
    seed = SEED.read_text(encoding="utf-8")
    market = synthetic_market(entries * 2, seed=5)
    rows = []
    for code, english, chinese, _ in market:
        ticker = f"{code:04d}.HK"
        # A made-up name that happens to spell part of the seed would change the findings, not the cost.
        if ticker in have or chinese in base or chinese in seed:
            continue
        rows.append(
            listed_entry(Listing((ticker,), english, chinese), "HKEX list of securities", "2026-11-30")
        )
        if len(rows) + 39 >= entries:
            break
    path.write_text(base.rstrip("\n") + "\n" + format_rows(rows), encoding="utf-8")


def whole_check_cli(glossary_path: Path) -> int:
    """``workbench check translations/`` as a desk runs it, in its own process; the findings counted."""
    command = [str(Path(sys.executable).parent / "workbench"), "check", str(TRANSLATIONS), "--glossary",
               str(glossary_path), "--json"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"workbench check failed: {done.stderr.strip()}")
    return len(json.loads(done.stdout))


def whole_check(glossary_path: Path) -> int:
    """The same in this process (no interpreter start or imports): load, read, check."""
    return checks_only(load_glossary(glossary_path))


def checks_only(glossary: Glossary) -> int:
    """Reading the seed's PO files and checking every entry with a glossary already loaded and indexed."""
    findings = 0
    for po_path in sorted(TRANSLATIONS.rglob("en.po")):
        for _, found in check_entries(load_po(po_path), glossary):
            findings += len(found)
    return findings


def best_of(rounds: int, job: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(rounds):
        started = time.perf_counter()
        result = job()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--companies", type=int, default=2_600)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = ROOT / "glossary.csv"
        big = folder / "big.csv"
        big_glossary(big, args.entries)
        print(f"glossaries          {len(load_glossary(small))} and {len(load_glossary(big))} entries")

        en, zh = write_pair(folder / "list", synthetic_market(args.companies, seed=7))
        imported = folder / "imported.csv"
        started = time.perf_counter()
        first = merge_list(imported, read_hkex(en, zh))
        import_s = time.perf_counter() - started
        started = time.perf_counter()
        again = merge_list(imported, read_hkex(en, zh))
        reimport_s = time.perf_counter() - started
        assert len(first.added) == args.companies and not again.written
        print(f"import-hkex         {args.companies} companies in {import_s:.2f} s")
        print(f"import-hkex again   {reimport_s:.2f} s (no change, nothing written)")

        for label, path in (("39 rows", small), (f"{args.entries} rows", big)):
            g = load_glossary(path)
            check_s, _ = best_of(args.rounds, lambda g=g: check_glossary(g))  # type: ignore[misc]
            find_s, _ = best_of(args.rounds, lambda g=g: find(g, "sensetime"))  # type: ignore[misc]
            suggest_s, _ = best_of(1, lambda g=g: suggest_from_paths(g, [SEED, TRANSLATIONS]))  # type: ignore[misc]
            print(
                f"glossary {label:<10} check {check_s:.3f} s, find {find_s:.3f} s, suggest {suggest_s:.3f} s"
            )

        csv_s, _ = best_of(args.rounds, lambda: parse_rows(read_raw(big), str(big)))
        cached_s, _ = best_of(args.rounds, lambda: load_glossary(big))
        print(f"load {args.entries} rows  {csv_s:.3f} s from the CSV, {cached_s:.3f} s from its cache")

        cache_path(big).unlink()
        started = time.perf_counter()
        first_findings = whole_check(big)  # reads the CSV, builds every index, writes the cache
        first_s = time.perf_counter() - started
        small_in, small_findings = best_of(args.rounds, lambda: whole_check(small))
        big_in, big_findings = best_of(args.rounds, lambda: whole_check(big))
        assert first_findings == big_findings
        if small_findings != big_findings:
            print(f"note: {small_findings} findings with 39 rows, {big_findings} with the big glossary")
        loaded = [load_glossary(path) for path in (small, big)]
        for glossary in loaded:
            checks_only(glossary)  # builds the name indexes once
        small_ready, _ = best_of(args.rounds, lambda: checks_only(loaded[0]))
        big_ready, _ = best_of(args.rounds, lambda: checks_only(loaded[1]))
        print(f"checks alone        {small_ready:.3f} s and {big_ready:.3f} s (glossary loaded and indexed)")
        print(f"first check, big    {first_s:.3f} s (CSV read, indexes built, cache written)")
        small_s, small_cli = best_of(args.rounds, lambda: whole_check_cli(small))
        big_s, big_cli = best_of(args.rounds, lambda: whole_check_cli(big))
        assert small_cli == small_findings and big_cli == big_findings
        print(f"workbench check     {small_s:.3f} s and {big_s:.3f} s; slowdown {big_s / small_s:.2f}")
        print(f"in process, 39      {small_in:.3f} s ({small_findings} findings)")
        print(f"in process, big     {big_in:.3f} s (glossary load included)")
        print(f"slowdown {big_in / small_in:.2f}")


if __name__ == "__main__":
    main()
