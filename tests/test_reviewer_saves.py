"""A reviewer's save, as their tools write it, survives the next run: real files, the real command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import GLOSSARY, SEED, TEST_MODEL

BRIEF = "1318-hk-cfd858"


def translate(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "translate", SEED.name, "--model", str(TEST_MODEL)],
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
