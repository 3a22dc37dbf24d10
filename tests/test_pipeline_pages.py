"""Which files of a folder of pages a run translates."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.pipeline import TranslateOptions, page_paths, translate_pages

BRIEF = "簡訊:零跑汽車再度發行內資股\n\n公司股價周三低開,至中午休市報49.24港元,跌2.5%。\n"
# An editor's backup of an older version of the page, hidden beside it.
BACKUP = "簡訊:華興資本收購資產包\n\n華興資本表示,將以3.08億元向奇富科技收購兩個不良個人貸款資產包。\n"


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "brief.txt").write_text(BRIEF, encoding="utf-8")
    (folder / ".brief.txt").write_text(BACKUP, encoding="utf-8")
    (folder / ".~brief.txt").write_text(BACKUP, encoding="utf-8")
    return folder


def test_hidden_pages_in_a_folder_are_never_translated(pages: Path, tmp_path: Path) -> None:
    assert page_paths([pages]) == [pages / "brief.txt"]
    assert page_paths([f"{pages}/*.txt"]) == [pages / "brief.txt"]
    report = translate_pages([pages], TranslateOptions(out_dir=tmp_path / "translations", use_mt=False))
    assert [p.page.path for p in report.pages] == [str(pages / "brief.txt")]
    written = [a.folder for a in report.articles]
    assert len(written) == 1
    sources = "".join((folder / "en.po").read_text(encoding="utf-8") for folder in written)
    assert "零跑汽車" in sources and "華興資本" not in sources


def test_a_hidden_page_named_on_its_own_is_translated(pages: Path) -> None:
    # Named by the user, it is what they asked for.
    assert page_paths([pages / ".brief.txt"]) == [pages / ".brief.txt"]
