"""Screenshots of the review site of the worked example, for the README: docs/report-index.png and
docs/report-article.png.

Needs Debian's chromium and Playwright (``pip install -e ".[dev]"``), and a CJK font for the Chinese text
(``apt-get install fonts-noto-cjk``).

    python scripts/report_screenshots.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from workbench.glossary import load_glossary
from workbench.report import write_report

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "sensetime-completes-reorg-to-focus-on-genai"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        glossary = load_glossary(ROOT / "glossary.csv")
        site = write_report(ROOT / "translations", Path(work) / "report", glossary)
        page_of = {a.id: a.page for a in site.articles}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto((site.out / "index.html").as_uri())
            page.screenshot(path=str(ROOT / "docs" / "report-index.png"), full_page=True)
            page.set_viewport_size({"width": 1400, "height": 1300})
            page.goto((site.out / page_of[ARTICLE]).as_uri())
            page.screenshot(path=str(ROOT / "docs" / "report-article.png"))
            browser.close()


if __name__ == "__main__":
    main()
