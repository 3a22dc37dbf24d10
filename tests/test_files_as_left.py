"""Files as the user left them: modes, symlinks, read-only files and leftovers of killed runs, via the CLI."""

from __future__ import annotations

import os
import shutil
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import GLOSSARY, TEST_MODEL
from workbench.cli import _register, app

SENSETIME = "sensetime-completes-reorg-to-focus-on-genai"
# Two short articles keep the real engine's work to a few sentences.
PAGE = """0020.HK
SenseTime completes reorg to focus on GenAI

商湯集團股份有限公司(0020.HK)是中國最早的純人工智能(AI)公司之一,在人臉識別領域享有盛名。

9863.HK
Leapmotor issues domestic shares

公司股價周三低開,至中午休市報49.24港元,跌2.5%。
"""
LEAPMOTOR = "leapmotor-issues-domestic-shares"

_register()
runner = CliRunner()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-packages"))
    previous = os.umask(0o002)  # a desk sharing files through a group
    try:
        yield tmp_path
    finally:
        os.umask(previous)


def translate(*extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["translate", "page.txt", *extra])
    return result.exit_code, result.stderr


def with_model() -> tuple[int, str]:
    return translate("--model", str(TEST_MODEL), "--device", "cpu")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_files_get_the_umask_mode_and_rewritten_files_keep_theirs(workdir: Path) -> None:
    assert translate("--no-mt")[0] == 0
    written = [p for p in (workdir / "translations").rglob("*") if p.is_file()]
    assert written and {mode(p) for p in written} == {0o664}

    en = workdir / "translations" / SENSETIME / "en.po"
    en.chmod(0o640)  # a reviewer keeps this one from the rest of the building
    before = en.read_bytes()
    assert with_model()[0] == 0
    assert en.read_bytes() != before and mode(en) == 0o640


def test_a_symlinked_po_file_stays_a_link_and_its_target_gets_the_drafts(workdir: Path) -> None:
    assert translate("--no-mt")[0] == 0
    folder = workdir / "translations" / LEAPMOTOR
    shared = workdir / "shared" / "leapmotor-en.po"
    shared.parent.mkdir()
    (folder / "en.po").rename(shared)
    (folder / "en.po").symlink_to(shared)

    assert with_model()[0] == 0
    assert (folder / "en.po").is_symlink()
    assert "mt: score" in shared.read_text(encoding="utf-8")
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_po_file_is_refused_with_one_line_and_left_as_it_was(workdir: Path) -> None:
    assert translate("--no-mt")[0] == 0
    en = workdir / "translations" / SENSETIME / "en.po"
    en.chmod(0o444)
    before = en.read_bytes()
    code, stderr = with_model()
    assert code == 2
    (line,) = [line for line in stderr.splitlines() if "read-only" in line]
    assert line.startswith(f"workbench: {Path('translations') / SENSETIME / 'en.po'}: is read-only")
    assert en.read_bytes() == before and mode(en) == 0o444


def test_a_read_only_glossary_is_refused_by_glossary_add(workdir: Path) -> None:
    glossary = workdir / "glossary.csv"
    glossary.chmod(0o444)
    before = glossary.read_bytes()
    result = runner.invoke(app, ["glossary", "add", "測試控股有限公司", "--english", "Test Holdings"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "workbench: glossary.csv: is read-only, so it was not replaced; make it writable (chmod u+w) or move "
        "it away"
    )
    assert glossary.read_bytes() == before


def test_the_next_run_removes_what_a_killed_run_left_even_when_nothing_changes(workdir: Path) -> None:
    assert translate("--no-mt")[0] == 0
    folder = workdir / "translations" / SENSETIME
    dead_run = folder / ".en.po.999999999-x1y2z3w4.tmp"  # no process has that id
    old_style = folder / ".zh_Hans.po.k2j4x8q1.tmp"  # named before process ids were added, hours ago
    yours = folder / "notes.tmp"
    for leftover in (dead_run, old_style, yours):
        leftover.touch()
    os.utime(old_style, (time.time() - 2 * 3600,) * 2)
    unchanged = (folder / "en.po").read_bytes()

    assert translate("--no-mt")[0] == 0
    assert (folder / "en.po").read_bytes() == unchanged
    assert not dead_run.exists() and not old_style.exists()
    assert yours.exists()
