"""The run's summary line says where every sentence's English came from, for a newcomer too.

A fresh clone holds the worked example's files but none of the state files (they are git-ignored), so the
README's test-model command runs every article in full and keeps every draft it finds: the line must say
so rather than report "0 machine drafts" as if nothing had been translated.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from conftest import GLOSSARY, ROOT, SEED, TEST_MODEL
from workbench.cli import _register, app

_register()
runner = CliRunner()


@pytest.fixture
def clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed page, the glossary and the committed worked example, as a fresh clone has them."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    shutil.copytree(
        ROOT / "translations", tmp_path / "translations", ignore=shutil.ignore_patterns("report", ".*")
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def _entries(tree: Path) -> int:
    return sum(len([e for e in polib.pofile(str(p)) if not e.obsolete]) for p in tree.glob("*/en.po"))


def test_the_readme_command_on_a_fresh_clone_says_the_drafts_were_kept(clone: Path) -> None:
    sentences = _entries(clone / "translations")
    result = runner.invoke(app, ["translate", f"seeds/{SEED.name}", "--model", str(TEST_MODEL)])
    assert result.exit_code == 0, result.output
    run_line = result.stderr.strip().splitlines()[-1]
    assert f"{sentences} sentences written" in run_line
    assert "0 machine drafts" in run_line and f"{sentences} kept from earlier runs" in run_line


def test_a_changed_sentence_is_drafted_and_the_rest_are_counted_as_kept(clone: Path) -> None:
    sentences = _entries(clone / "translations")
    page = clone / "seeds" / SEED.name
    text = page.read_text(encoding="utf-8")
    old = "商湯的股價在公告後的兩天基本保持不變。"
    assert old in text
    page.write_text(text.replace(old, "商湯的股價在公告後的三天基本保持不變。"), encoding="utf-8")
    result = runner.invoke(app, ["translate", f"seeds/{SEED.name}", "--model", str(TEST_MODEL), "--json"])
    assert result.exit_code == 0, result.output
    articles = json.loads(result.stdout)["articles"]
    assert sum(a["machine"] for a in articles) == 1
    assert sum(a["kept"] for a in articles) == sentences - 1
