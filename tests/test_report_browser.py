"""The review site in a real headless Chromium: Debian's ``chromium`` driven by Playwright.

Skipped on a developer's machine without chromium or Playwright; in CI (``CI`` set) a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from report_fixtures import (
    CHROMIUM,
    IMAGE,
    SCRIPT,
    VARIED,
    counted,
    launch_chromium,
    plant_hostile,
    seed_tree,
    vary,
)
from workbench.report import write_report

pytestmark = pytest.mark.browser


def _missing(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{why}; CI must run the browser tests (.ci/run installs them)")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.is_file():
        _missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    yield page
    context.close()
    # Everything the site needs is in its own files: nothing from the network was ever asked for.
    assert all(url.startswith(("file://", "http://127.0.0.1:")) for url in requests), requests


def article_counts(page: Any, article: str) -> dict[str, int]:
    cells = page.locator(f'tr[data-article="{article}"] td[data-count]')
    return {
        cells.nth(i).get_attribute("data-count"): int(cells.nth(i).inner_text()) for i in range(cells.count())
    }


def test_index_counts_and_the_errors_only_filter(page: Any, tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    vary(tree)
    write_report(tree)
    page.goto((tree / "report" / "index.html").as_uri())
    folders = sorted(p for p in tree.iterdir() if (p / "en.po").is_file())
    assert page.locator("tr.article").count() == len(folders)
    for folder in folders:
        assert article_counts(page, folder.name) == counted(folder)
    total = sum(counted(f)["sentences"] for f in folders)
    assert page.locator("#total-sentences").inner_text() == str(total)
    page.screenshot(path=str(tmp_path / "index.png"), full_page=True)

    page.locator(f'tr[data-article="{VARIED}"] a').click()
    rows = page.locator("#sentences > li")
    expected = counted(tree / VARIED)
    assert rows.count() == expected["sentences"]
    page.locator("#errors-only").check()
    visible = page.locator("#sentences > li:visible")
    with_errors = len([e for e in _en_blocks(tree / VARIED) if "# QA: error " in e])
    assert visible.count() == with_errors > 0
    for i in range(visible.count()):
        assert visible.nth(i).locator("li.finding.error").count() >= 1
    shown = page.locator("#shown-count").inner_text()
    assert shown == f"{with_errors} of {expected['sentences']} sentences shown"
    page.screenshot(path=str(tmp_path / "article-errors.png"), full_page=True)
    assert (tmp_path / "article-errors.png").stat().st_size > 10_000


def test_unreviewed_filter_and_least_confident_first(page: Any, tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    vary(tree)
    write_report(tree)
    page.goto((tree / "report" / "articles" / f"{VARIED}.html").as_uri())
    page.locator("#unreviewed-only").check()
    states = page.locator("#sentences > li:visible").evaluate_all("rows => rows.map(r => r.dataset.state)")
    assert "reviewed" not in states and len(states) == counted(tree / VARIED)["sentences"] - 2
    page.locator("#unreviewed-only").uncheck()
    page.locator("#order").select_option("score")
    scores = page.locator("#sentences > li").evaluate_all(
        "rows => rows.map(r => r.dataset.score === undefined ? null : parseFloat(r.dataset.score))"
    )
    known = [s for s in scores if s is not None]
    assert known == sorted(known) and len(known) >= 5
    assert scores[: len(known)] == known  # drafts without a score (reviewed, memory) come last
    page.locator("#order").select_option("article")
    first = page.locator("#sentences > li").first
    assert first.get_attribute("data-order") == "0"


def test_article_page_reads_without_scripts(browser: Any, tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    write_report(tree)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((tree / "report" / "articles" / f"{VARIED}.html").as_uri())
    assert page.locator("#sentences > li:visible").count() == counted(tree / VARIED)["sentences"]
    assert not page.locator("#controls").is_visible()  # controls that could not work are not offered
    context.close()


def test_hostile_text_shows_as_text_and_nothing_runs(page: Any, tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    plant_hostile(tree)
    write_report(tree)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for target in (tree / "report" / "index.html", tree / "report" / "articles" / f"{VARIED}.html"):
        page.goto(target.as_uri())
        assert page.evaluate("window.pwned") is None
        assert page.title() != "pwned"
        assert page.locator("main img").count() == 0
    assert page.locator("#sentences > li").first.is_visible()  # the page's own script did run
    assert page.locator("#controls").is_visible()
    texts = page.locator("#sentences .cell").all_inner_texts()
    assert f"遇見小麵{SCRIPT}" in texts
    assert f"Yujian Xiaomian {IMAGE}" in texts
    assert f"reviewer: reviewer says {SCRIPT} and {IMAGE}" in page.locator("li.comment").all_inner_texts()
    assert f"Buyback {IMAGE}" in page.locator("h1 .title-en").inner_text()
    assert dialogs == []


def test_index_of_a_moved_copy_still_works(page: Any, tmp_path: Path) -> None:
    """The site is self-contained: copied elsewhere (as to a web server's folder), its links still work."""
    tree = seed_tree(tmp_path)
    write_report(tree)
    moved = tmp_path / "served"
    shutil.copytree(tree / "report", moved)
    shutil.rmtree(tree)
    page.goto((moved / "index.html").as_uri())
    page.locator("nav a", has_text="Glossary").click()
    assert page.locator("table#terms tr.term").count() > 0
    page.locator("table#terms a").first.click()
    assert page.locator("#sentences > li").count() > 0


def test_served_by_a_web_server(page: Any, tmp_path: Path) -> None:
    """The same files over http:// (Python's own server in a separate process) work as from disk."""
    tree = seed_tree(tmp_path)
    vary(tree)
    write_report(tree)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(tree / "report")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        served: list[str] = []
        page.on("request", lambda r: served.append(r.url))
        page.goto(base + "index.html")
        assert article_counts(page, VARIED) == counted(tree / VARIED)
        page.locator(f'tr[data-article="{VARIED}"] a').click()
        page.locator("#errors-only").check()
        with_errors = len([e for e in _en_blocks(tree / VARIED) if "# QA: error " in e])
        assert page.locator("#sentences > li:visible").count() == with_errors
        assert all(url.startswith(base) for url in served), served
    finally:
        server.terminate()
        server.wait(timeout=10)


def _en_blocks(folder: Path) -> list[str]:
    text = (folder / "en.po").read_text(encoding="utf-8")
    return [b for b in text.split("\n\n")[1:] if "msgid" in b and "#~" not in b]
