"""Loading the translation memory after a day's work: the incremental update against a full rebuild.

Builds an archive of reviewed articles in the PO layout (default 1,000), as ``workbench translate`` and a
reviewer leave them: the seed page's articles, each copy with its figures changed, exported with the
workbench's own comments and every sentence reviewed, plus ``zh_Hans.po``. Then times, each the best of
``--repeat`` runs, loading the memory and answering one lookup (which builds the index):

- full rebuild: no cache, every PO file parsed (what every load cost before the cache, and what the
  first load of an archive costs);
- unchanged: the cache as the last load left it;
- ten articles added (``--added``): the cache of the archive before they came.

    .venv/bin/python benchmarks/tm_update.py [--articles 1000] [--added 10] [--repeat 3]

The last line is ``speedup <full rebuild / update after adding>``.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from workbench import __version__
from workbench.glossary import load_glossary
from workbench.model import Article, Origin, Segment
from workbench.pipeline import analyse
from workbench.po import export_catalog, render_po
from workbench.textio import read_page
from workbench.tm import CACHE_NAME, TranslationMemory
from workbench.tm.store import DELTA_NAME

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
QUERY = "商湯集團股份有限公司周二宣布回購股份,涉資約3.5億港元。"


class Archive:
    """Article folders made from the seed page's articles, numbered, each with its own figures."""

    def __init__(self, root: Path) -> None:
        self.root = root
        glossary = load_glossary(ROOT / "glossary.csv")
        self.articles = analyse(read_page(SEED), glossary)

    def write(self, number: int) -> Path:
        rng = random.Random(number)
        article, segments = self.articles[number % len(self.articles)]
        new_id = f"{article.id}-{number:05d}"
        copy: Article = replace(article, id=new_id)
        reviewed: list[Segment] = []
        for seg in segments:
            text = _FIGURE.sub(lambda _: f"{rng.randint(1, 9999) / 100:g}", seg.text)
            reviewed.append(
                replace(
                    seg,
                    article_id=new_id,
                    text=text,
                    simplified=text,
                    draft=f"Reviewed English of {new_id} p{seg.paragraph}.s{seg.sentence}.",
                    origin=Origin.REVIEWER,
                )
            )
        folder = self.root / new_id
        folder.mkdir(parents=True, exist_ok=True)
        for language in ("en", "zh_Hans"):
            po = export_catalog(copy, reviewed, language, __version__)
            if language == "zh_Hans":
                for entry in po:
                    entry.flags = []  # a reviewer confirmed the Simplified text too
            (folder / f"{language}.po").write_text(render_po(po), encoding="utf-8")
        return folder


def timed(action: Callable[[], object], repeat: int, before: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def load_and_look_up(tree: Path) -> int:
    memory = TranslationMemory.load(tree)
    memory.lookup(QUERY)
    return len(memory)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--added", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="tm-update-") as scratch:
        tree = Path(scratch) / "translations"
        archive = Archive(tree)
        started = time.perf_counter()
        for number in range(args.articles):
            archive.write(number)
        stored = load_and_look_up(tree)
        print(
            f"archive: {args.articles} articles, {stored} reviewed sentences "
            f"(written in {time.perf_counter() - started:.1f} s)"
        )
        cache = tree / CACHE_NAME
        warm = cache.read_bytes()

        def no_cache() -> None:
            cache.unlink(missing_ok=True)

        def warm_cache() -> None:
            for folder in tree.iterdir():
                if folder.is_dir() and int(folder.name.rsplit("-", 1)[1]) >= args.articles:
                    shutil.rmtree(folder)
            cache.write_bytes(warm)
            (tree / DELTA_NAME).unlink(missing_ok=True)

        def add_articles() -> None:
            warm_cache()
            for number in range(args.articles, args.articles + args.added):
                archive.write(number)

        full = timed(lambda: load_and_look_up(tree), args.repeat, no_cache)
        unchanged = timed(lambda: load_and_look_up(tree), args.repeat, warm_cache)
        update = timed(lambda: load_and_look_up(tree), args.repeat, add_articles)

    print(f"full rebuild (no cache): {full:.2f} s")
    print(f"unchanged archive:       {unchanged:.3f} s ({unchanged / full:.1%} of a rebuild)")
    print(f"{args.added} articles added:      {update:.3f} s ({update / full:.1%} of a rebuild)")
    print(f"speedup {full / update:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
