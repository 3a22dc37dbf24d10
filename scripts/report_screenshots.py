"""Screenshots of the review site of the worked example, for the README: docs/report-index.png and
docs/report-article.png.

Needs Debian's chromium and Playwright (``pip install -e ".[dev]"``), and a CJK font for the Chinese text
(``apt-get install fonts-noto-cjk``).

    python scripts/report_screenshots.py
"""

from __future__ import annotations

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


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        glossary = load_glossary(ROOT / "glossary.csv")
        site = write_report(ROOT / "translations", Path(work) / "report", glossary)
        page_of = {a.id: a.page for a in site.articles}
        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto((site.out / "index.html").as_uri())
            page.screenshot(path=str(ROOT / "docs" / "report-index.png"), full_page=True)
            page.set_viewport_size({"width": 1400, "height": 1300})
            page.goto((site.out / page_of[ARTICLE]).as_uri())
            page.screenshot(path=str(ROOT / "docs" / "report-article.png"))
            browser.close()


if __name__ == "__main__":
    main()
