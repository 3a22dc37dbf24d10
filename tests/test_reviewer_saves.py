"""A reviewer's save, as their tools write it, survives the next run: real files, the real command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import GLOSSARY, SEED, TEST_MODEL
from workbench.po import with_qa_lines

BRIEF = "1318-hk-cfd858"


def translate(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "translate", SEED.name, "--model", str(TEST_MODEL), *options],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    """A newsroom folder after a first run on the seed page."""
    shutil.copy(SEED, tmp_path / SEED.name)
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    first = translate(tmp_path)
    assert first.returncode == 0, first.stderr
    return tmp_path


def test_a_reviewer_comment_that_starts_with_qa_is_kept(translated: Path) -> None:
    path = translated / "translations" / BRIEF / "en.po"
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if not e.obsolete)
    own = ["QA: checked the figure with the desk", "QA:done", "QA: error-free, says the desk"]
    entry.tcomment = "\n".join([*own, *entry.tcomment.split("\n")]) if entry.tcomment else "\n".join(own)
    entry.msgstr = "Brief: Mao Geping founders to sell HK$1.4 billion of shares"
    entry.flags = []
    po.save(str(path))

    rerun = translate(translated)

    assert rerun.returncode == 0, rerun.stderr
    kept = next(e for e in polib.pofile(str(path)) if e.msgid == entry.msgid and not e.obsolete)
    assert kept.msgstr == entry.msgstr and not kept.fuzzy
    assert kept.tcomment.split("\n")[: len(own)] == own


def test_qa_lines_an_editor_wrapped_leave_nothing_behind(translated: Path) -> None:
    """polib (and scripts built on it) wrap long comments at 78 columns; the next run must not take the
    tail of a wrapped finding for a reviewer's comment and keep it, one more stray line per save."""
    folder = translated / "translations"
    as_written = {path: comments(path) for path in folder.glob("*/en.po")}
    wrapped = [line for lines in as_written.values() for line in lines if line.startswith("# QA: ")]
    assert any(len(line) > 78 and "-" in line[70:] for line in wrapped)  # breaks at a hyphen too
    for _ in range(2):
        for path in as_written:
            polib.pofile(str(path)).save(str(path))  # polib's default wrapwidth: 78
        rerun = translate(translated)
        assert rerun.returncode == 0, rerun.stderr
    assert {path: comments(path) for path in as_written} == as_written


def comments(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]


def test_only_the_tail_of_a_finding_that_still_holds_is_taken_for_ours() -> None:
    finding = (
        "QA: error amount-missing: amount 約7.52億元 (about 752 million yuan) is missing from the translation"
    )
    saved = "\n".join(
        [
            "Ask the desk",
            "QA: error amount-missing: amount 約7.52億元 (about 752 million yuan) is missing",
            "from the translation",
            "QA: error old-check: a finding that no",
            "longer holds",
            "from the translation",  # the reviewer's own line, equal to a tail by chance
        ]
    )
    assert with_qa_lines(saved, [finding]).split("\n") == [
        "Ask the desk",
        "longer holds",
        "from the translation",
        finding,
    ]


def test_machine_drafts_saved_by_a_narrow_editor_are_still_known_as_untouched(translated: Path) -> None:
    """Wrapped at 40 columns, the ``mt:`` note's draft fingerprint lands on a line of its own; the note must
    come back whole, and the drafts nobody edited must still give way to ``--refresh-mt``."""
    folder = translated / "translations"
    as_written = {path: comments(path) for path in folder.glob("*/en.po")}
    for path in as_written:
        po = polib.pofile(str(path))
        po.wrapwidth = 40
        po.save(str(path))
    assert any(line.startswith("#. draft:") for path in as_written for line in comments(path))

    refreshed = translate(translated, "--refresh-mt")

    assert refreshed.returncode == 0, refreshed.stderr
    assert {path: comments(path) for path in as_written} == as_written
    drafts = sum(line.startswith("#. mt: score ") for lines in as_written.values() for line in lines)
    assert f"{drafts} machine drafts" in refreshed.stderr
