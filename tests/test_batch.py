"""The unit of work over a batch of articles: what it counts as a QA error."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from workbench.cli import _register, app
from workbench.mt import Translation
from workbench.pipeline import TranslateOptions, translate_page

# One brief with nothing a name or figure check could object to.
PAGE = "簡訊:市場觀察\n\n市場反應冷淡,投資者繼續觀望後市走勢。\n"
LOOP = "The market reaction was muted, muted, muted, muted."

_register()


class LoopingEngine:
    """Drafts that loop (a repetition warning) and say nothing wrong (no error)."""

    wants_simplified = False

    def describe(self) -> str:
        return "looping-engine 1.0 (cpu)"

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        return [Translation(LOOP, -0.5) for _ in texts]


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief.txt").write_text(PAGE, encoding="utf-8")
    return tmp_path / "brief.txt"


def test_a_sentence_with_only_warnings_is_not_a_qa_error(page: Path, tmp_path: Path) -> None:
    options = TranslateOptions(out_dir=tmp_path / "translations")
    report = translate_page(page, options, engine=LoopingEngine())
    en = polib.pofile(str(report.articles[0].folder / "en.po"))
    warned = [e for e in en if "QA: warning repetition" in e.comment]
    assert len(warned) == 2 and not any("QA: error" in e.comment for e in en)
    assert report.qa_errors == 0
    # The skipped re-run reports what the folder's state recorded: still none.
    again = translate_page(page, options, engine=LoopingEngine())
    assert again.articles[0].skipped and again.qa_errors == 0


def test_strict_passes_on_warnings_alone(page: Path, tmp_path: Path) -> None:
    translate_page(page, TranslateOptions(out_dir=tmp_path / "translations"), engine=LoopingEngine())
    # The CLI's re-run finds the folder as the engine left it and judges the same findings.
    result = CliRunner().invoke(app, ["translate", str(page), "--no-mt", "--strict"])
    assert result.exit_code == 0, result.output
    assert ", 0 with QA errors" in result.stderr
