"""How checks are run: a check that raises becomes a finding, and a firing check silences redundant ones."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from conftest import GLOSSARY, SEED, TEST_MODEL
from workbench.checks import REGISTRY, Context, Problem, check, run_checks
from workbench.cli import _register, app
from workbench.model import Severity

SENSETIME = "sensetime-completes-reorg-to-focus-on-genai"
FACE = "商湯集團股份有限公司(0020.HK)是中國最早的純人工智能(AI)公司之一,在人臉識別領域享有盛名。"
EXPLODES = "explodes-on-face-recognition"


@pytest.fixture
def exploding_check() -> Iterator[str]:
    """A real registered check with a bug: it reports a problem, then fails, on one sentence of the seed."""

    @check(EXPLODES, Severity.WARNING)
    def explodes(context: Context) -> Iterator[Problem]:
        """Fails on the sentence about face recognition."""
        if context.source == FACE:
            yield Problem("found before failing")
            raise ZeroDivisionError("division by zero")

    try:
        yield EXPLODES
    finally:
        del REGISTRY[EXPLODES]


def test_a_check_that_raises_is_an_error_finding_naming_it_and_the_sentence(exploding_check: str) -> None:
    findings = run_checks(FACE, "SenseTime is known for face recognition.")
    mine = [f for f in findings if f.check == exploding_check]
    # Errors come first: the failure, then what the check had found before it failed.
    assert [(f.severity, f.message) for f in mine] == [
        (
            Severity.ERROR,
            f"the check failed on 「{FACE}」 (ZeroDivisionError: division by zero); "
            "this draft is not checked for it, report the sentence",
        ),
        (Severity.WARNING, "found before failing"),
    ]
    # The other checks ran as usual: the draft is far too short for its source.
    assert "length-ratio" in {f.check for f in findings}


def test_the_translate_run_finishes_with_the_failure_in_en_po(
    exploding_check: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    _register()
    result = CliRunner().invoke(app, ["translate", SEED.name, "--model", str(TEST_MODEL), "--device", "cpu"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output

    written = sorted(p.parent.name for p in (tmp_path / "translations").glob("*/en.md"))
    assert len(written) == 5
    en = polib.pofile(str(tmp_path / "translations" / SENSETIME / "en.po"))
    failed = [e for e in en if f"QA: error {exploding_check}: the check failed" in e.comment]
    assert [e.msgid for e in failed] == [FACE]
    assert f"on 「{FACE}」 (ZeroDivisionError: division by zero)" in failed[0].comment
    assert "fuzzy" in failed[0].flags
    # The checks after it still ran on that sentence: the glossary term the test model drops is reported.
    assert "QA: warning name-missing: name 人臉識別 should be facial recognition" in failed[0].comment


def test_a_firing_check_silences_only_the_checks_it_names() -> None:
    @check("test-silencer", Severity.WARNING, silences=["leftover-chinese"])
    def silencer(context: Context) -> Iterator[Problem]:
        """Fires on drafts that mention the word 'copy'."""
        if "copy" in context.target:
            yield Problem("a copy")

    try:
        draft = "This copy keeps 商湯 in it and repeats, repeats, repeats itself."
        fired = {f.check for f in run_checks(FACE, draft)}
        assert "test-silencer" in fired and "leftover-chinese" not in fired and "repetition" in fired
        quiet = {f.check for f in run_checks(FACE, draft.replace("copy", "text"))}
        assert "test-silencer" not in quiet and "leftover-chinese" in quiet
    finally:
        del REGISTRY["test-silencer"]


def test_the_glossary_checks_stand_on_the_framework_alone_not_on_the_checks_of_drafts() -> None:
    # ``glossary check`` registers its checks with the shared framework; importing it must not pull in the
    # family of draft checks, a floor above the glossary (which itself imports the glossary).
    import subprocess
    import sys

    code = (
        "import sys, workbench.glossary.check as g; "
        "print(sorted(m for m in sys.modules if m.startswith('workbench.checks')), len(g.CHECKS))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded, count = out.rsplit(" ", 1)
    assert loaded == "[]" and int(count) > 5
