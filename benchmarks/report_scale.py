"""The review site at newsroom scale: 1,000 articles' folders, one index page, loaded in a real browser.

Builds the article folders by copying the worked example's five articles (ids, and which sentences a
reviewer has accepted, varied per copy), writes the report, and loads its index in headless Chromium
(Debian's ``/usr/bin/chromium`` through Playwright), timing the load from navigation start to the load
event. The baseline is the worked example's own index (5 articles), loaded in the same run.

    python benchmarks/report_scale.py [--articles 1000] [--loads 5]

The last line is ``ratio <index load at scale / seed index load>``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser the review-site tests use

from report_fixtures import launch_chromium  # noqa: E402
from workbench.report import write_report  # noqa: E402

EXAMPLE = ROOT / "translations"


def example_articles() -> list[tuple[str, dict[str, str]]]:
    articles = []
    for folder in sorted(p for p in EXAMPLE.iterdir() if (p / "en.po").is_file()):
        files = {name: (folder / name).read_text(encoding="utf-8") for name in ("en.po", "zh_Hans.po")}
        articles.append((folder.name, files))
    return articles


def reviewed_some(po_text: str, share: float, rng: random.Random) -> str:
    """The catalog with about ``share`` of its fuzzy entries accepted (the fuzzy flag dropped)."""
    blocks = po_text.split("\n\n")
    for i, block in enumerate(blocks[1:], start=1):
        if "#, fuzzy\n" in block and rng.random() < share:
            blocks[i] = block.replace("#, fuzzy\n", "", 1)
    return "\n\n".join(blocks)


def build_tree(tree: Path, count: int, rng: random.Random) -> None:
    sources = example_articles()
    for n in range(count):
        original, files = sources[n % len(sources)]
        article = f"{original}-{n:04d}"
        folder = tree / article
        folder.mkdir(parents=True)
        share = rng.random()
        for name, text in files.items():
            text = text.replace(original, article)
            if name == "en.po":
                text = reviewed_some(text, share, rng)
            (folder / name).write_text(text, encoding="utf-8")


def load_ms(page: Any, index: Path, loads: int) -> float:
    """Median milliseconds from navigation start to the load event of ``index``."""
    times = []
    for _ in range(loads):
        page.goto("about:blank")
        page.goto(index.as_uri(), wait_until="load")
        times.append(
            page.evaluate(
                "() => { const t = performance.getEntriesByType('navigation')[0]; "
                "return t.loadEventEnd - t.startTime; }"
            )
        )
    return float(statistics.median(times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work:
        seed = Path(work) / "seed"
        shutil.copytree(EXAMPLE, seed, ignore=shutil.ignore_patterns("report", ".workbench-*"))
        big = Path(work) / "newsroom"
        started = time.perf_counter()
        build_tree(big, args.articles, random.Random(20261201))
        print(f"built {args.articles} article folders in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        small_site = write_report(seed)
        seed_write = time.perf_counter() - started
        started = time.perf_counter()
        big_site = write_report(big)
        big_write = time.perf_counter() - started
        started = time.perf_counter()
        rebuilt = write_report(big)
        rebuild = time.perf_counter() - started
        index = big_site.out / "index.html"
        sentences = sum(a.sentences for a in big_site.articles)
        print(f"report of the seed ({len(small_site.articles)} articles) written in {seed_write:.2f} s")
        print(
            f"report of {len(big_site.articles)} articles ({sentences} sentences) written in "
            f"{big_write:.2f} s; index {index.stat().st_size / 1e6:.1f} MB, one page"
        )
        print(f"rebuilt with no PO file changed (as after translate) in {rebuild:.2f} s, {rebuilt.read} read")

        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page()
            load_ms(page, small_site.out / "index.html", 1)  # start-up costs of the first page
            seed_ms = load_ms(page, small_site.out / "index.html", args.loads)
            big_ms = load_ms(page, index, args.loads)
            rows = page.locator("tr.article").count()
            browser.close()
        if rows != len(big_site.articles):
            raise SystemExit(f"the index shows {rows} articles, not {len(big_site.articles)}")
        seed_count = len(small_site.articles)
        print(f"seed index ({seed_count} articles) loads in {seed_ms:.0f} ms (median of {args.loads})")
        print(f"index of {rows} articles loads in {big_ms:.0f} ms (median of {args.loads})")
        print(f"ratio {big_ms / seed_ms:.2f}")


if __name__ == "__main__":
    main()
