"""The review site at newsroom scale: 5,000 articles' folders, one index, used in a real browser.

Builds the article folders by copying the worked example's five articles (ids, and which sentences a
reviewer has accepted, varied per copy), writes the report (every article read and checked, as
``workbench check`` checks it), and opens its index in headless Chromium (Debian's ``/usr/bin/chromium``
through Playwright). It times, from navigation start, until the index is interactive (its script has
wired search, filters, order and pages: the ``index-ready`` mark) and until the load event; then a search
typed into the box, a filter and an order, each until the table shows the result. The baseline is the
worked example's own index (5 articles), timed the same way in the same run.

    python benchmarks/report_scale.py [--articles 5000] [--loads 5]

Goal: the index of 5,000 articles interactive in under 1 s. The last line is
``interactive_s <seconds until the index of N articles is interactive>``; the line before it gives the
ratio to the seed's index.
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


def load_ms(page: Any, index: Path, loads: int) -> tuple[float, float]:
    """Median milliseconds from navigation start until ``index`` is interactive, and until its load event."""
    ready, loaded = [], []
    for _ in range(loads):
        page.goto("about:blank")
        page.goto(index.as_uri(), wait_until="load")
        until(page, "document.documentElement.dataset.ready === '1'")
        ready.append(page.evaluate("performance.getEntriesByName('index-ready')[0].startTime"))
        loaded.append(
            page.evaluate(
                "() => { const t = performance.getEntriesByType('navigation')[0]; "
                "return t.loadEventEnd - t.startTime; }"
            )
        )
    return float(statistics.median(ready)), float(statistics.median(loaded))


def until(page: Any, condition: str) -> None:
    """Wait until ``condition`` holds in the page. Polled from here: the page's policy forbids the string
    evaluation ``wait_for_function`` would do inside it."""
    deadline = time.perf_counter() + 60
    while not page.evaluate(condition):
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out waiting for {condition}")
        time.sleep(0.002)


def interaction_ms(page: Any, action: Any, done: str) -> float:
    """Milliseconds from ``action`` until ``done`` (a script expression) holds, painted."""
    started = time.perf_counter()
    action()
    until(page, done)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return 1000 * (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument(
        "--keep",
        type=Path,
        help="Build the folders (and the report) in this folder and keep them; an existing one is reused.",
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary:
        work = args.keep or Path(temporary)
        seed = Path(work) / "seed"
        if not seed.exists():
            shutil.copytree(EXAMPLE, seed, ignore=shutil.ignore_patterns("report", ".workbench-*"))
        big = Path(work) / "newsroom"
        if not big.exists():
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
            f"{big_write:.2f} s; first index page {index.stat().st_size / 1e6:.1f} MB (every row as data), "
            f"{len(list(big_site.out.glob('index*.html')))} index pages"
        )
        print(f"rebuilt with no PO file changed (as after translate) in {rebuild:.2f} s, {rebuilt.read} read")

        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            load_ms(page, small_site.out / "index.html", 1)  # start-up costs of the first page
            seed_ready, seed_load = load_ms(page, small_site.out / "index.html", args.loads)
            big_ready, big_load = load_ms(page, index, args.loads)
            rows = page.evaluate("JSON.parse(document.getElementById('index-data').textContent).length")
            visible = page.locator("tr.article:visible").count()
            search = interaction_ms(
                page,
                lambda: page.locator("#q").fill("xiaomian 2408"),
                f"!document.getElementById('shown').textContent.startsWith('{rows} of')",
            )
            status = interaction_ms(
                page,
                lambda: page.locator("#status").select_option("attention"),
                "document.getElementById('shown').textContent.includes(' of ')",
            )
            order = interaction_ms(
                page,
                lambda: page.locator("#sort").select_option("errors"),
                "location.hash.includes('sort=errors')",
            )
            browser.close()
        if rows != len(big_site.articles):
            raise SystemExit(f"the index holds {rows} articles, not {len(big_site.articles)}")
        seed_count = len(small_site.articles)
        seed = f"seed index ({seed_count} articles)"
        print(f"{seed}: interactive in {seed_ready:.0f} ms, loaded in {seed_load:.0f} ms")
        print(
            f"index of {rows} articles: interactive in {big_ready:.0f} ms, loaded in {big_load:.0f} ms "
            f"(median of {args.loads}); {visible} rows shown a page at a time"
        )
        print(f"search typed: {search:.0f} ms; a filter: {status:.0f} ms; an order: {order:.0f} ms")
        print(f"ratio {big_ready / seed_ready:.2f}")
        print(f"interactive_s {big_ready / 1000:.3f}")


if __name__ == "__main__":
    main()
