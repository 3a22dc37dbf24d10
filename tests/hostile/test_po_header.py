"""A PO header's values a team set are kept on every re-run, not rewritten.

``Language: en_US`` was rewritten to ``en`` by the next run. Only the fields that say what the file is
(UTF-8, which tool made it from which page, when its template was made) are the workbench's; a team's
language code, project name, plural formula, its own fields and the header comment stay as they set them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from conftest import SEED
from desk import PAGE, cli, seed_desk

SENSETIME = "sensetime-completes-reorg-to-focus-on-genai"
OLD, NEW = "商湯的股價在公告後的兩天基本保持不變。", "商湯的股價在公告後的三天基本保持不變。"

TEAM_EN = {
    "Language": "en_US",
    "Project-Id-Version": "HK desk wire 2026",
    "Plural-Forms": "nplurals=2; plural=n != 1;",
    "Language-Team": "HK desk <desk@example.com>",
    "Last-Translator": "Mei Chan <mei@example.com>",
    "X-Desk-Batch": "B-17",
}
TEAM_ZH = {"Language": "zh_CN", "X-Desk-Batch": "B-17"}


def _run(*args: str) -> tuple[int, str]:
    result = cli(*args)
    return result.exit_code, result.stderr


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    seed_desk(tmp_path, monkeypatch)
    assert _run("translate", PAGE, "--no-mt")[0] == 0
    return tmp_path


def _set_header(path: Path, values: dict[str, str], comment: str) -> None:
    po = polib.pofile(str(path), wrapwidth=0)
    po.metadata.update(values)
    po.header = comment
    po.save(str(path))


def _edit_page(desk: Path) -> None:
    page = desk / "seeds" / SEED.name
    page.write_text(page.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")


def test_a_teams_header_values_are_kept_when_the_file_is_written_again(desk: Path) -> None:
    folder = desk / "translations" / SENSETIME
    _set_header(folder / "en.po", TEAM_EN, "Reviewed by the HK desk")
    _set_header(folder / "zh_Hans.po", TEAM_ZH, "Simplified for the mainland edition")
    _edit_page(desk)  # a changed sentence: both files are merged and written again
    code, err = _run("translate", PAGE, "--no-mt")
    assert code == 0, err

    en = polib.pofile(str(folder / "en.po"))
    assert NEW in {e.msgid for e in en}, "the file was written again"
    assert {key: en.metadata.get(key) for key in TEAM_EN} == TEAM_EN
    assert en.header == "Reviewed by the HK desk"
    # What says what the file is stays the workbench's.
    assert en.metadata["X-Generator"].startswith("workbench ")
    assert en.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert en.metadata["X-Workbench-Article"] == SENSETIME
    zh = polib.pofile(str(folder / "zh_Hans.po"))
    assert {key: zh.metadata.get(key) for key in TEAM_ZH} == TEAM_ZH
    if shutil.which("msgfmt"):
        for po in (folder / "en.po", folder / "zh_Hans.po"):
            command = ["msgfmt", "-c", "-o", "/dev/null", str(po)]
            check = subprocess.run(command, capture_output=True, text=True)
            assert check.returncode == 0, check.stderr
    # An en_US file is still English to the checks.
    code, err = _run("check", str(folder / "en.po"))
    assert "no English PO files" not in err


def test_a_blank_language_is_filled_in(desk: Path) -> None:
    en_path = desk / "translations" / SENSETIME / "en.po"
    _set_header(en_path, {"Language": "", "Plural-Forms": " "}, "English drafts")
    _edit_page(desk)
    assert _run("translate", PAGE, "--no-mt")[0] == 0
    en = polib.pofile(str(en_path))
    assert en.metadata["Language"] == "en"
    assert en.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
