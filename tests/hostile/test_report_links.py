"""A link planted in a folder the workbench owns is refused, never followed.

Replacing ``t/report/articles`` with a link to another folder once made the next ``report`` (and any
``translate`` into ``t``, which rebuilds the site) delete that folder's HTML files and write article pages
there. Each command now refuses such a link in one line naming it, before it writes anything: the folder
outside and the translations folder stay byte for byte as they were.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SEED
from desk import PAGE, cli, seed_desk
from tree_snapshot import snapshot

SENSETIME = "sensetime-completes-reorg-to-focus-on-genai"
CHANGED = ("商湯的股價在公告後的兩天基本保持不變。", "商湯的股價在公告後的三天基本保持不變。")


def _run(*args: str) -> tuple[int, str]:
    result = cli(*args)
    return result.exit_code, result.stderr


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``t``: the seed page translated, its review site made; ``outside``: someone's folder of pages."""
    seed_desk(tmp_path, monkeypatch)
    assert _run("translate", PAGE, "--no-mt", "--out", "t")[0] == 0
    assert _run("report", "t")[0] == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "important.html").write_text("<p>the only copy</p>\n", encoding="utf-8")
    (outside / "index.html").write_text("<p>their index</p>\n", encoding="utf-8")
    return tmp_path


def _plant(desk: Path, where: str) -> Path:
    """Replace ``t/<where>`` with a link: to the outside folder, or to its important.html for a file."""
    link = desk / "t" / where
    outside = desk / "outside"
    if where == SENSETIME:
        # The article's own files go along, so the link looks like the article folder it replaced.
        for item in link.iterdir():
            shutil.copy2(item, outside / item.name)
    if where == "report":
        # The outside folder even passes for a site: it holds the site's marker.
        shutil.copy(link / ".workbench-report", outside / ".workbench-report")
    if link.is_dir():
        shutil.rmtree(link)
    else:
        link.unlink(missing_ok=True)
    folder = where in ("report", "report/articles", SENSETIME)
    link.symlink_to(outside if folder else outside / "important.html")
    return link


SITE = ["report", "report/articles", "report/index.html", "report/.workbench-report", "report/glossary.html"]
OWN_FILES = [".workbench.lock", ".workbench-tm.json", f"{SENSETIME}/.workbench-state.json", SENSETIME]


@pytest.mark.parametrize(
    ("command", "where"),
    [
        *(("report", where) for where in SITE),
        *(("translate", where) for where in ["report", "report/articles", "report/index.html", *OWN_FILES]),
        *(("build", where) for where in ["report/articles", ".workbench.lock", *OWN_FILES[2:]]),
    ],
)
def test_a_planted_link_is_refused_and_nothing_is_written(desk: Path, command: str, where: str) -> None:
    link = _plant(desk, where)
    page = desk / "seeds" / SEED.name
    # A changed sentence, so a translate run has an article to write if it went ahead.
    page.write_text(page.read_text(encoding="utf-8").replace(*CHANGED), encoding="utf-8")
    before = snapshot(desk / "outside"), snapshot(desk / "t")
    args = {
        "report": ["report", "t"],
        "translate": ["translate", PAGE, "--no-mt", "--out", "t"],
        "build": ["build", "t"],
    }[command]
    code, err = _run(*args)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1, err
    assert lines[0].startswith(f"workbench: {link.relative_to(desk)}: is a symbolic link"), err
    assert (snapshot(desk / "outside"), snapshot(desk / "t")) == before
    assert (desk / "outside" / "important.html").read_text(encoding="utf-8") == "<p>the only copy</p>\n"


def test_a_site_written_elsewhere_with_o_may_be_reached_through_a_link_the_user_named(desk: Path) -> None:
    # -o names the folder; only the links inside it are the tool's business.
    (desk / "sites").mkdir()
    (desk / "published").symlink_to(desk / "sites")
    code, err = _run("report", "t", "-o", "published")
    assert code == 0, err
    assert (desk / "sites" / "index.html").is_file()
