"""An article id never takes a name the tool uses in a translations folder.

An article headed "Report" once got the id ``report``: its files went into ``translations/report/``, the
review site's folder, and from then on ``translate``, ``build`` and ``report`` all exited 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEED
from desk import cli, seed_desk
from workbench import owned, safeio
from workbench.folders import place_articles
from workbench.owned import is_reserved
from workbench.pages import split_page
from workbench.report import site
from workbench.tm import store

SENSETIME_HEADLINE = "SenseTime completes reorg to focus on GenAI"


def _run(*args: str) -> tuple[int, str]:
    result = cli(*args)
    return result.exit_code, result.stderr


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return seed_desk(tmp_path, monkeypatch)


def test_the_report_wedge_no_longer_happens(desk: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert text.startswith("0020.HK\n" + SENSETIME_HEADLINE)
    second = split_page(text, "seed.txt")[1].paragraphs[0].line  # the first article ends above it
    rest = "\n".join(text.split("\n")[second - 1 :])
    (desk / "without-first.txt").write_text(rest, encoding="utf-8")
    (desk / "report-first.txt").write_text(text.replace(SENSETIME_HEADLINE, "Report", 1), encoding="utf-8")

    assert _run("translate", "without-first.txt", "--no-mt")[0] == 0
    assert _run("report")[0] == 0
    code, err = _run("translate", "report-first.txt", "--no-mt")
    assert code == 0, err
    tree = desk / "translations"
    assert not (tree / "report" / "en.po").exists()
    assert (tree / "report-article" / "en.po").is_file()
    assert "X-Workbench-Article: report-article" in (tree / "report-article" / "en.po").read_text("utf-8")
    # Every command goes on working on the folder.
    for command in (["translate", "report-first.txt", "--no-mt"], ["build", "translations"], ["report"]):
        code, err = _run(*command)
        assert code == 0, (command, err)
    assert (tree / "report" / "articles" / "report-article.html").is_file()


@pytest.mark.parametrize("headline", ["Report", "REPORT", "report", "Con", "NUL", "aux", "Com1", "LPT9"])
def test_a_headline_spelling_a_reserved_name_gets_another_id(headline: str) -> None:
    page = f"0020.HK\n{headline}\n\n商湯集團股份有限公司(0020.HK)是中國最早的純人工智能公司之一。\n"
    (article,) = split_page(page, "page.txt")
    assert not is_reserved(article.id)
    assert article.id == f"{headline.lower()}-article"


def test_an_ordinary_headline_keeps_its_slug() -> None:
    page = "0020.HK\nReport card: SenseTime\n\n商湯集團股份有限公司(0020.HK)是中國最早的純人工智能公司之一。"
    assert split_page(page, "page.txt")[0].id == "report-card-sensetime"


def test_ids_from_another_front_end_never_become_a_reserved_or_hidden_folder(tmp_path: Path) -> None:
    placements = place_articles(
        tmp_path, [("report", ["a"]), (".workbench-tm.json", ["b"]), ("..", ["c"]), ("con", ["d"])], {}
    )
    names = [p.folder.name for p in placements]
    assert names == ["report-2", "workbench-tm.json", "article", "con-2"]
    assert all(p.folder.parent == tmp_path for p in placements)


def test_the_reserved_names_are_the_ones_the_tool_writes() -> None:
    assert owned.REPORT_FOLDER == site.REPORT_FOLDER and is_reserved(site.REPORT_FOLDER)
    assert owned.REPORT_MARKER == site.MARKER and owned.REPORT_PAGES == site.ARTICLES
    assert {safeio.LOCK_NAME, store.CACHE_NAME, store.DELTA_NAME, owned.TMX_EXPORT} == owned.TOOL_FILES
    assert all(is_reserved(name) for name in owned.TOOL_FILES)
