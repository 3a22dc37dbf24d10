"""Screenshots of the review site of the worked example, for the README, at desktop and phone width:
docs/report-index.png, docs/report-article.png (1,400 px), docs/report-index-phone.png and
docs/report-article-phone.png (390 px).

Needs Debian's chromium and Playwright (``pip install -e ".[dev]"``), and a CJK font for the Chinese text
(``apt-get install fonts-noto-cjk``).

    python scripts/report_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser the review-site tests use

from report_fixtures import launch_chromium  # noqa: E402
from workbench.glossary import load_glossary  # noqa: E402
from workbench.report import write_report  # noqa: E402

ARTICLE = "sensetime-completes-reorg-to-focus-on-genai"
DOCS = ROOT / "docs"


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        glossary = load_glossary(ROOT / "glossary.csv")
        os.chdir(ROOT)  # the index names the folder as a user would give it: translations
        site = write_report(Path("translations"), Path(work) / "report", glossary)
        page_of = {a.id: a.page for a in site.articles}
        index, article = site.out / "index.html", site.out / page_of[ARTICLE]
        with sync_playwright() as p:
            browser = launch_chromium(p)
            desktop = browser.new_page(viewport={"width": 1400, "height": 900})
            desktop.goto(index.as_uri())
            desktop.screenshot(path=str(DOCS / "report-index.png"), full_page=True)
            desktop.set_viewport_size({"width": 1400, "height": 1300})
            desktop.goto(article.as_uri())
            desktop.screenshot(path=str(DOCS / "report-article.png"))
            phone = browser.new_page(
                viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2
            )
            phone.goto(index.as_uri())
            # The chart, the search and the first articles' cards.
            clip = {"x": 0, "y": 0, "width": 390, "height": 1250}
            phone.screenshot(path=str(DOCS / "report-index-phone.png"), full_page=True, clip=clip)
            phone.goto(article.as_uri() + "#show=errors")
            phone.evaluate("document.getElementById('controls').scrollIntoView()")
            phone.screenshot(path=str(DOCS / "report-article-phone.png"))
            browser.close()


if __name__ == "__main__":
    main()
