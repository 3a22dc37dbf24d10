"""A translations folder is a new or empty folder, or one this tool made; anything else is refused at once.

``--out /`` once scanned the whole disk for en.po files, stopped on another user's file and left
``/.workbench.lock``. Every command that takes a translations folder refuses someone else's folder in one
line, before it reads, scans or locks anything, and a fresh clone's committed folder is still accepted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from conftest import ROOT
from desk import PAGE, cli, seed_desk
from tree_snapshot import snapshot


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return seed_desk(tmp_path, monkeypatch)


@pytest.fixture
def someone_elses(tmp_path: Path) -> Path:
    """Another project's folder: notes, and gettext catalogs of its own, en.po among them."""
    folder = tmp_path / "their-project"
    (folder / "po" / "en").mkdir(parents=True)
    (folder / "docs").mkdir()
    (folder / "notes.txt").write_text("meeting notes\n", encoding="utf-8")
    (folder / "docs" / "important.html").write_text("<p>keep me</p>\n", encoding="utf-8")
    for where in (folder / "po" / "en" / "en.po", folder / "docs" / "en.po"):
        po = polib.POFile(wrapwidth=0)
        po.metadata = {
            "Project-Id-Version": "their-app 2.1",
            "Language": "en",
            "Content-Type": "text/plain; charset=UTF-8",
            "X-Generator": "Poedit 3.4.2",
        }
        po.append(polib.POEntry(msgid="Hello", msgstr="Hello"))
        po.save(str(where))
    return folder


def _run(*args: str) -> tuple[int, str]:
    result = cli(*args)
    return result.exit_code, result.stderr


def _refused(code: int, err: str, folder: Path) -> None:
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1, err
    assert lines[0].startswith(f"workbench: {folder}: not a translations folder")
    assert "a new or empty folder, or one this tool made" in lines[0]


@pytest.mark.parametrize(
    "command",
    [
        ["translate", PAGE, "--no-mt", "--out", "{}"],
        ["build", "{}"],
        ["report", "{}"],
        ["check", "{}"],
        ["export", "--format", "tmx", "{}"],
        ["export", "--format", "xliff", "{}"],
    ],
    ids=lambda c: " ".join(c[:3]),
)
def test_someone_elses_folder_is_refused_and_left_as_it_was(
    desk: Path, someone_elses: Path, command: list[str]
) -> None:
    before = snapshot(someone_elses)
    code, err = _run(*(someone_elses.as_posix() if part == "{}" else part for part in command))
    _refused(code, err, someone_elses)
    assert snapshot(someone_elses) == before
    assert not (someone_elses / ".workbench.lock").exists()


def test_out_root_is_refused_before_the_page_is_even_read(desk: Path) -> None:
    lock = Path("/.workbench.lock")
    had_lock = lock.exists()
    # The page does not exist: a refusal that names / shows nothing else was looked at first.
    code, err = _run("translate", "no-such-page.txt", "--no-mt", "--out", "/")
    _refused(code, err, Path("/"))
    assert lock.exists() == had_lock
    code, err = _run("translate", PAGE, "--no-mt", "--out", "/")
    _refused(code, err, Path("/"))
    assert lock.exists() == had_lock


def test_a_fresh_clones_committed_translations_folder_is_accepted_by_every_command(desk: Path) -> None:
    # As a clone has it: the article folders' PO files and drafts, none of the git-ignored state files.
    committed = ROOT / "translations"
    shutil.copytree(committed, desk / "translations", ignore=shutil.ignore_patterns("report", ".*"))
    assert not list((desk / "translations").rglob(".workbench*"))
    for command in (
        ["check", "translations"],
        ["build", "translations"],
        ["report", "translations"],
        ["export", "--format", "tmx", "translations"],
        ["translate", PAGE, "--no-mt"],
    ):
        code, err = _run(*command)
        assert code in (0, 1), (command, err)  # 1: check found QA errors in the test model's drafts
        assert "not a translations folder" not in err


def test_a_new_or_empty_folder_is_a_translations_folder(desk: Path) -> None:
    (desk / "empty").mkdir()
    for out in ("empty", "new/nested"):
        code, err = _run("translate", PAGE, "--no-mt", "--out", out)
        assert code == 0, err
        assert len([p for p in (desk / out).iterdir() if (p / "en.po").is_file()]) == 5


def test_a_folder_the_tool_made_stays_one_with_a_reviewers_editor_header_and_files_beside(desk: Path) -> None:
    assert _run("translate", PAGE, "--no-mt")[0] == 0
    for state in (desk / "translations").rglob(".workbench*"):
        state.unlink()
    for en in (desk / "translations").glob("*/en.po"):
        # Poedit writes its own X-Generator on save and keeps the workbench's other header fields.
        en.write_text(
            en.read_text(encoding="utf-8").replace("X-Generator: workbench", "X-Generator: Poedit 3.4.2"),
            encoding="utf-8",
        )
    (desk / "translations" / "README.md").write_text("the desk's notes\n", encoding="utf-8")
    code, err = _run("translate", PAGE, "--no-mt")
    assert code == 0, err
