"""The review site in a real headless Chromium: Debian's ``chromium`` driven by Playwright.

Skipped on a developer's machine without chromium, Playwright or axe-core; in CI (``CI`` set) a missing one
fails. axe-core is the npm package, pinned, installed by ``.ci/run`` into ``.node/`` (``npm install
--prefix .node axe-core@4.14.1``) and injected into each page.
"""

from __future__ import annotations

import json
import os
import re
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
    FINISHED,
    IMAGE,
    ROOT,
    SCRIPT,
    VARIED,
    checked,
    counted,
    glossary,
    launch_chromium,
    plant_hostile,
    seed_tree,
    site,
    vary,
)
from review_fixtures import write_article
from workbench.report.site import PAGE_SIZE
from workbench.signoff import sign_off

pytestmark = pytest.mark.browser

AXE = ROOT / ".node" / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
READY = "results-due-friday"
SIGNED = "buyback-approved"


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
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page
    context.close()
    # Everything the site needs is in its own files: nothing from the network was ever asked for.
    assert all(url.startswith(("file://", "http://127.0.0.1:")) for url in requests), requests
    # No script error and no Content-Security-Policy refusal on any page the test opened.
    assert problems == []


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The worked example with every review state, an article ready to sign off and one signed off."""
    tree = seed_tree(tmp_path_factory.mktemp("newsroom"))
    vary(tree)
    write_article(tree, READY, FINISHED, english_title="Results due on Friday")
    write_article(tree, SIGNED, FINISHED, english_title="Buyback approved")
    sign_off(tree / SIGNED, "Chan Tai Man", glossary())
    site(tree)
    return tree


def article_counts(page: Any, article: str) -> dict[str, int]:
    cells = page.locator(f'tr[data-article="{article}"] td[data-count]')
    return {
        cells.nth(i).get_attribute("data-count"): int(cells.nth(i).inner_text()) for i in range(cells.count())
    }


def index_of(tree: Path) -> str:
    return (tree / "report" / "index.html").as_uri()


def article_of(tree: Path, article: str) -> str:
    return (tree / "report" / "articles" / f"{article}.html").as_uri()


def until(page: Any, condition: str) -> None:
    """Wait until ``condition`` holds in the page. Polled from here, since the pages' policy forbids the
    string evaluation that Playwright's ``wait_for_function`` does inside them."""
    deadline = time.monotonic() + 10
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"timed out waiting for {condition}"
        time.sleep(0.02)


def search(page: Any, query: str) -> None:
    """Type ``query`` into the index's search and wait until it is applied (after a short pause)."""
    page.locator("#q").fill(query)
    wanted = json.dumps(query)
    until(page, f"(new URLSearchParams(location.hash.slice(1)).get('q') || '') === {wanted}")


def shown_articles(page: Any) -> list[str]:
    return page.locator("#rows tr.article:visible").evaluate_all("rows => rows.map(r => r.dataset.article)")


def visible_rows(page: Any) -> list[dict[str, str]]:
    return page.locator("#sentences > li:visible").evaluate_all("rows => rows.map(r => ({...r.dataset}))")


# --- counts, filters and orders ---------------------------------------------------------------------------


def test_index_counts_and_the_errors_filter(page: Any, newsroom: Path) -> None:
    page.goto(index_of(newsroom))
    folders = sorted(p for p in newsroom.iterdir() if (p / "en.po").is_file())
    assert page.locator("tr.article").count() == len(folders)
    for folder in folders:
        assert article_counts(page, folder.name) == counted(folder)
    total = sum(counted(f)["sentences"] for f in folders)
    assert page.locator("#total-sentences").inner_text() == str(total)

    page.locator(f'tr[data-article="{VARIED}"] a.title-en').click()
    expected = counted(newsroom / VARIED)
    assert page.locator("#sentences > li").count() == expected["sentences"]
    page.locator("#show").select_option("errors")
    visible = page.locator("#sentences > li:visible")
    with_errors = sum(1 for row in visible_rows(page) if row["errors"] != "0")
    assert visible.count() == with_errors > 0
    assert page.locator("#sentences li.finding.error:visible").count() == checked(newsroom / VARIED)["errors"]
    assert (
        page.locator("#shown-count").inner_text()
        == f"{with_errors} of {expected['sentences']} sentences shown"
    )
    assert page.url.endswith("#show=errors")


def test_unreviewed_filter_and_least_confident_first(page: Any, newsroom: Path) -> None:
    page.goto(article_of(newsroom, VARIED))
    page.locator("#show").select_option("unreviewed")
    states = [row["state"] for row in visible_rows(page)]
    assert "reviewed" not in states and len(states) == counted(newsroom / VARIED)["sentences"] - 2
    page.locator("#show").select_option("")
    page.locator("#order").select_option("score")
    scores = page.locator("#sentences > li").evaluate_all(
        "rows => rows.map(r => r.dataset.score === undefined ? null : parseFloat(r.dataset.score))"
    )
    known = [s for s in scores if s is not None]
    assert known == sorted(known) and len(known) >= 5
    assert scores[: len(known)] == known  # drafts without a score (reviewed, memory) come last
    assert page.url.endswith("#order=score")
    page.locator("#order").select_option("article")
    assert page.locator("#sentences > li").first.get_attribute("data-order") == "0"


def test_count_cells_open_the_matching_sentences(page: Any, newsroom: Path) -> None:
    page.goto(index_of(newsroom))
    row = page.locator(f'tr[data-article="{VARIED}"]')
    counts = article_counts(page, VARIED)
    for state in ("machine", "errors", "simplified", "memory"):
        page.goto(index_of(newsroom))
        row.locator(f'td[data-count="{state}"] a').click()
        shown = visible_rows(page)
        if state == "errors":
            assert all(r["errors"] != "0" for r in shown)
            assert page.locator("#sentences li.finding.error:visible").count() == counts["errors"]
        elif state == "simplified":
            assert len(shown) == counts["simplified"] and all(r["zh"] == "reviewed" for r in shown)
        else:
            assert len(shown) == counts[state] > 0 and all(r["state"] == state for r in shown)
    page.goto(index_of(newsroom))
    assert article_counts(page, READY)["empty"] == 0
    assert (
        page.locator(f'tr[data-article="{READY}"] td[data-count="empty"] a').count() == 0
    )  # nothing to open


def test_a_sentence_permalink_opens_its_sentence(page: Any, newsroom: Path) -> None:
    page.goto(article_of(newsroom, VARIED) + "#show=errors")
    anchor = page.locator("#sentences > li").nth(7).get_attribute("id")
    assert re.fullmatch(r"s[0-9a-f]{12}", anchor or "")
    page.goto(article_of(newsroom, VARIED) + f"#{anchor}")
    target = page.locator(f"#{anchor}")
    assert target.is_visible() and target.evaluate("el => el.matches(':target')")
    assert len(visible_rows(page)) == counted(newsroom / VARIED)["sentences"]  # a permalink filters nothing
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < DESKTOP["height"]
    assert target.locator("a.permalink").get_attribute("href") == f"#{anchor}"


# --- triage on the index ----------------------------------------------------------------------------------


def test_triage_search_filter_and_sort_kept_in_a_link_that_can_be_shared(
    browser: Any, page: Any, newsroom: Path
) -> None:
    page.goto(index_of(newsroom))
    for query, wanted in (
        ("xiaomian", [VARIED]),
        ("遇見小麵", [VARIED]),  # the Chinese title
        ("9863-hk", ["9863-hk-c7c975"]),  # the id
        ("0020.hk", ["sensetime-completes-reorg-to-focus-on-genai"]),  # a ticker
        ("2408", [VARIED]),  # a stock code as desks say it
        ("friday", [READY]),
    ):
        search(page, query)
        assert shown_articles(page) == wanted, query
    search(page, "")
    page.locator("#status").select_option("signed")
    assert shown_articles(page) == [SIGNED]
    assert "signed off by Chan Tai Man" in page.locator(f'tr[data-article="{SIGNED}"] .signoff').inner_text()
    page.locator("#status").select_option("ready")
    assert shown_articles(page) == [READY]
    page.locator("#status").select_option("attention")
    assert len(shown_articles(page)) == 5 and READY not in shown_articles(page)

    page.locator("#status").select_option("")
    for order, key, descending in (("errors", "errors", True), ("unreviewed", "unreviewed", True)):
        page.locator("#sort").select_option(order)
        values = [
            counted(newsroom / a)[key] if key == "errors" else unreviewed(newsroom, a)
            for a in shown_articles(page)
        ]
        assert values == sorted(values, reverse=descending), order
    page.locator("#sort").select_option("progress")
    progress = [
        1 - unreviewed(newsroom, a) / counted(newsroom / a)["sentences"] for a in shown_articles(page)
    ]
    assert progress == sorted(progress)

    search(page, "hk")
    page.locator("#status").select_option("attention")
    page.locator("#sort").select_option("errors")
    shared = page.url
    assert "status=attention" in shared and "sort=errors" in shared
    expected = shown_articles(page)
    other = browser.new_context(viewport=DESKTOP).new_page()
    other.goto(shared)
    assert shown_articles(other) == expected
    assert other.locator("#q").input_value() == "hk" and other.locator("#sort").input_value() == "errors"
    other.context.close()


def unreviewed(tree: Path, article: str) -> int:
    counts = counted(tree / article)
    return counts["sentences"] - counts["reviewed"]


def test_a_big_index_comes_in_pages_with_and_without_scripts(browser: Any, page: Any, tmp_path: Path) -> None:
    tree = tmp_path / "translations"
    source = ROOT / "translations" / "9863-hk-c7c975"
    articles = 2 * PAGE_SIZE + 5
    for n in range(articles):
        folder = tree / f"leapmotor-{n:04d}"
        folder.mkdir(parents=True)
        for name in ("en.po", "zh_Hans.po"):
            text = (source / name).read_text(encoding="utf-8").replace(source.name, folder.name)
            (folder / name).write_text(text, encoding="utf-8")
    site(tree)
    page.goto(index_of(tree))
    assert len(shown_articles(page)) == PAGE_SIZE
    assert page.locator("#page-of").inner_text() == "page 1 of 3"
    page.locator("#next").click()
    assert shown_articles(page)[0] == f"leapmotor-{PAGE_SIZE:04d}" and "page=2" in page.url
    search(page, "leapmotor-0203")
    assert shown_articles(page) == ["leapmotor-0203"] and page.locator("#pager").is_hidden()

    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(index_of(tree))
    assert len(shown_articles(plain)) == PAGE_SIZE and not plain.locator("#triage").is_visible()
    plain.locator("#pages a", has_text="3").click()
    assert shown_articles(plain) == [f"leapmotor-{n:04d}" for n in range(2 * PAGE_SIZE, articles)]
    context.close()


# --- without scripts, hostile text, elsewhere ---------------------------------------------------------------


def test_pages_read_without_scripts(browser: Any, newsroom: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(article_of(newsroom, VARIED))
    assert page.locator("#sentences > li:visible").count() == counted(newsroom / VARIED)["sentences"]
    assert not page.locator("#controls").is_visible()  # controls that could not work are not offered
    page.goto(index_of(newsroom))
    assert len(shown_articles(page)) == 7 and not page.locator("#triage").is_visible()
    assert article_counts(page, VARIED) == counted(newsroom / VARIED)
    context.close()


def test_hostile_text_shows_as_text_and_nothing_runs(page: Any, tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    plant_hostile(tree)
    site(tree)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for target in (index_of(tree), article_of(tree, VARIED)):
        page.goto(target)
        assert page.evaluate("window.pwned") is None
        assert page.title() != "pwned"
        assert page.locator("main img").count() == 0
    assert page.locator("#sentences > li").first.is_visible()  # the page's own script did run
    assert page.locator("#controls").is_visible()
    texts = page.locator("#sentences .cell").all_inner_texts()
    assert any(t.endswith(f"遇見小麵{SCRIPT}") for t in texts)
    assert any(t.endswith(f"Yujian Xiaomian {IMAGE}") for t in texts)
    assert f"reviewer: reviewer says {SCRIPT} and {IMAGE}" in page.locator("li.comment").all_inner_texts()
    assert f"Buyback {IMAGE}" in page.locator("h1 .title-en").inner_text()
    page.goto(index_of(tree))
    search(page, "buyback")  # rows drawn by the index's script from its data: text still
    assert f"Buyback {IMAGE}" in page.locator("#rows a.title-en").inner_text()
    assert page.evaluate("window.pwned") is None and dialogs == []


def test_index_of_a_moved_copy_still_works(page: Any, tmp_path: Path) -> None:
    """The site is self-contained: copied elsewhere (as to a web server's folder), its links still work."""
    tree = seed_tree(tmp_path)
    site(tree)
    moved = tmp_path / "served"
    shutil.copytree(tree / "report", moved)
    shutil.rmtree(tree)
    page.goto((moved / "index.html").as_uri())
    page.locator("nav a", has_text="Glossary").click()
    assert page.locator("table#terms tr.term").count() > 0
    page.locator("table#terms td.t-uses a").first.click()
    assert page.locator("#sentences > li").count() > 0


def test_served_by_a_web_server(page: Any, newsroom: Path) -> None:
    """The same files over http:// (Python's own server in a separate process) work as from disk."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(newsroom)],
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
        page.goto(base + "report/index.html")
        assert article_counts(page, VARIED) == counted(newsroom / VARIED)
        page.locator(f'tr[data-article="{VARIED}"] td[data-count="errors"] a').click()
        assert (
            page.locator("#sentences li.finding.error:visible").count()
            == checked(newsroom / VARIED)["errors"]
        )
        for link in ("en.po", "zh_Hans.po", "XLIFF"):
            href = page.locator("p.files a", has_text=link).first.evaluate("a => a.href")
            assert href.startswith(base) and page.request.get(href).status == 200, href
        assert all(url.startswith(base) for url in served), served
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_who_and_when_and_the_article_files(page: Any, newsroom: Path) -> None:
    page.goto(article_of(newsroom, SIGNED))
    assert page.locator("#status").inner_text() == "signed off"
    assert page.locator("#signoff").inner_text().startswith("signed off by Chan Tai Man, ")
    assert "revised 2025-01-08 10:00+0800" in page.locator("dl.who").inner_text()
    links = page.locator("p.files a")
    assert links.all_inner_texts() == ["en.po", "zh_Hans.po", "XLIFF"]  # no en.md was built for it
    for i in range(links.count()):
        href = links.nth(i).evaluate("a => a.href")
        assert Path(href.removeprefix("file://")).is_file(), href


# --- phones, accessibility, fonts ---------------------------------------------------------------------------


def test_at_phone_width_every_state_shows_without_scrolling_sideways(browser: Any, newsroom: Path) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    for target in (
        index_of(newsroom),
        article_of(newsroom, VARIED),
        (newsroom / "report" / "glossary.html").as_uri(),
    ):
        page.goto(target)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], target
    page.goto(index_of(newsroom))
    row = page.locator(f'tr[data-article="{VARIED}"]')
    cells = row.locator("td[data-count], td.status")
    assert cells.count() == 10
    for i in range(cells.count()):
        box = cells.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    labels = row.locator("td[data-count]").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels == [
        '"sentences"', '"reviewed"', '"machine draft"', '"memory match"', '"other fuzzy"', '"empty"',
        '"Simplified reviewed"', '"QA errors"', '"QA warnings"',
    ]  # fmt: skip
    assert row.locator("td.status").inner_text() == "needs attention"
    page.goto(article_of(newsroom, VARIED))
    first = page.locator("#sentences > li").first
    labels = first.locator(".cell").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels == ['"Traditional source"', '"English draft"', '"Simplified"']
    bullet = page.locator("#sentences > li.kind-bullet .cell.en")
    if bullet.count():
        assert bullet.first.evaluate("c => getComputedStyle(c, '::before').content") == '"English draft"'
    context.close()


def axe_violations(page: Any, source: str) -> list[str]:
    """The serious and critical violations axe-core finds in the page as it is now."""
    page.evaluate(source)
    result = page.evaluate("async () => (await axe.run(document)).violations")
    found = [v for v in result if v["impact"] in ("serious", "critical")]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in found]


def test_axe_core_finds_no_serious_or_critical_violation_on_any_page(browser: Any, newsroom: Path) -> None:
    if not AXE.is_file():
        _missing(f"axe-core is not installed: npm install --prefix .node axe-core@{AXE_VERSION}")
    source = AXE.read_text(encoding="utf-8")
    pages = (
        index_of(newsroom),
        article_of(newsroom, VARIED),
        (newsroom / "report" / "glossary.html").as_uri(),
    )
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for target in pages:
            page.goto(target)
            assert axe_violations(page, source) == [], (viewport["width"], target)
            assert page.evaluate("axe.version") == AXE_VERSION
        page.goto(article_of(newsroom, VARIED))
        page.locator("#show").select_option("errors")  # and with a filter applied
        assert axe_violations(page, source) == []
        context.close()


def test_a_skip_link_leads_past_the_navigation(page: Any, newsroom: Path) -> None:
    for target in (
        index_of(newsroom),
        article_of(newsroom, VARIED),
        (newsroom / "report" / "glossary.html").as_uri(),
    ):
        page.goto(target)
        page.keyboard.press("Tab")
        skip = page.locator("a.skip")
        assert page.evaluate("document.activeElement.className") == "skip"
        box = skip.bounding_box()
        assert box is not None and box["y"] >= 0  # shown once it has the focus
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"


GLYPHS = "商湯遇見小麵"


def test_chinese_glyphs_render_in_the_pages_own_font(page: Any, newsroom: Path) -> None:
    """Each Chinese character drawn in the font the page gives Chinese text must come out as its own glyph.
    Without a CJK font (apt-get install fonts-noto-cjk) every one is the same empty box, so the drawings
    are all alike and equal to that of a code point no font has."""
    page.goto(article_of(newsroom, VARIED))
    drawings = page.locator("#sentences .cell.zt").first.evaluate(
        """(cell, text) => {
            const font = getComputedStyle(cell).font;
            const draw = (ch) => {
                const canvas = document.createElement("canvas");
                canvas.width = 64; canvas.height = 64;
                const g = canvas.getContext("2d");
                g.font = font.replace(/\\d+(\\.\\d+)?px/, "40px");
                g.fillStyle = "#000"; g.textBaseline = "top";
                g.fillText(ch, 4, 4);
                return Array.from(g.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3)).join(",");
            };
            return {glyphs: Array.from(text).map(draw), tofu: draw(String.fromCodePoint(0x10FFFD))};
        }""",
        GLYPHS,
    )
    glyphs, tofu = drawings["glyphs"], drawings["tofu"]
    distinct = len(set(glyphs))
    assert distinct == len(GLYPHS), "Chinese characters are drawn alike: no CJK font (fonts-noto-cjk)"
    assert tofu not in glyphs
    assert all(any(v != "0" for v in g.split(",")) for g in glyphs)
