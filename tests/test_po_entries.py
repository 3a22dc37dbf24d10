"""PO facts decided in one place: what is reviewed, which article, QA lines, and strict reading everywhere."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from review_fixtures import Row, write_article
from workbench.cli import _register, app
from workbench.model import Finding, Severity
from workbench.po import (
    article_of,
    is_english,
    is_reviewed,
    load_po,
    qa_lines,
    reviewer_lines,
    set_findings,
    without_legacy_findings,
)

ROOT = Path(__file__).resolve().parents[1]


def entry(msgstr: str = "Shares rose.", *, fuzzy: bool = False, obsolete: bool = False) -> polib.POEntry:
    e = polib.POEntry(msgctxt="a:p1.s1", msgid="股價上升。", msgstr=msgstr, flags=["fuzzy"] if fuzzy else [])
    e.obsolete = obsolete
    return e


def test_reviewed_means_confirmed_translated_and_live() -> None:
    assert is_reviewed(entry())
    assert not is_reviewed(entry(fuzzy=True))
    assert not is_reviewed(entry("  "))
    assert not is_reviewed(entry(obsolete=True))


def test_article_comes_from_the_header_else_the_folder(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "sensetime-results", [Row("p1.s1", "股價上升。", "Shares rose.")])
    po = load_po(folder / "en.po")
    assert article_of(po, folder / "en.po") == "sensetime-results"
    del po.metadata["X-Workbench-Article"]
    assert article_of(po, tmp_path / "renamed" / "en.po") == "renamed"


def test_english_is_read_from_the_language_header_then_the_file_name(tmp_path: Path) -> None:
    po = polib.POFile()
    po.metadata = {"Language": "en_GB"}
    assert is_english(po, tmp_path / "zh_Hans.po")
    po.metadata = {"Language": "zh_Hans"}
    assert not is_english(po, tmp_path / "en.po")
    po.metadata = {}
    assert is_english(po, tmp_path / "en.po") and not is_english(po, tmp_path / "zh_Hans.po")


def test_findings_are_the_tools_extracted_comments_and_a_reviewers_lines_stay_byte_for_byte() -> None:
    e = entry()
    e.comment = "position: p1.s1\nQA: error empty: the translation is empty\nglossary: 商湯 → SenseTime"
    e.tcomment = "checked with the desk\n\n  see filing p.3 \nQA: checked, says the desk"
    unchanged = Finding("unchanged", Severity.WARNING, "the translation is the source text unchanged")
    set_findings(e, [unchanged, unchanged])
    assert e.comment.split("\n") == [
        "position: p1.s1",
        "glossary: 商湯 → SenseTime",
        "QA: warning unchanged: the translation is the source text unchanged",  # once, however often found
    ]
    assert e.tcomment == "checked with the desk\n\n  see filing p.3 \nQA: checked, says the desk"
    assert qa_lines(e) == ["QA: warning unchanged: the translation is the source text unchanged"]
    assert reviewer_lines(e) == [
        "checked with the desk",
        "",
        "  see filing p.3 ",
        "QA: checked, says the desk",
    ]
    set_findings(e, [])
    assert e.comment == "position: p1.s1\nglossary: 商湯 → SenseTime"
    assert without_legacy_findings("", []) == ""


def test_findings_of_the_older_layout_move_out_of_the_reviewers_comments() -> None:
    e = entry()
    e.comment = "position: p1.s1"
    e.tcomment = "checked with the desk\n\nQA: error empty: the translation is empty\nsee filing p.3"
    assert qa_lines(e) == ["QA: error empty: the translation is empty"]  # until the next run moves it
    set_findings(e, [Finding("unchanged", Severity.WARNING, "the translation is the source text unchanged")])
    assert e.tcomment == "checked with the desk\n\nsee filing p.3"
    assert e.comment == "position: p1.s1\nQA: warning unchanged: the translation is the source text unchanged"


def test_a_finding_an_editor_wrapped_is_read_whole() -> None:
    e = entry()
    e.comment = "\n".join(
        [
            "position: p1.s1",
            "QA: error amount-missing: amount 約7.52億元 (about 752 million yuan) is",
            "missing from the translation",
            "mt: score -0.42 (test) draft:1a2b3c4d",
        ]
    )
    assert qa_lines(e) == [
        "QA: error amount-missing: amount 約7.52億元 (about 752 million yuan) is missing from the translation"
    ]
    set_findings(e, [])
    assert e.comment == "position: p1.s1\nmt: score -0.42 (test) draft:1a2b3c4d"


BROKEN = (
    # A file the workbench wrote (its header says so), broken by hand.
    'msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Generator: workbench 0.1.0\\n"\n\n'
    'msgctxt "a:p1.s1"\nmsgid "股價上升。"\nmsgstr "Shares rose.\n'  # the closing quote is missing
)


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{tree}"],
        ["build", "{tree}"],
        ["export", "--format", "tmx", "{tree}"],
        ["export", "--format", "xliff", "{tree}"],
        ["glossary", "suggest", "--no-model", "--glossary", str(ROOT / "glossary.csv"), "{tree}"],
    ],
    ids=["check", "build", "tmx", "xliff", "glossary-suggest"],
)
def test_every_command_refuses_a_broken_po_file_with_its_line(tmp_path: Path, command: list[str]) -> None:
    """A file msgfmt would refuse is refused alike by every reader, never half-read by one of them."""
    tree = tmp_path / "translations"
    (tree / "a").mkdir(parents=True)
    broken = tree / "a" / "en.po"
    broken.write_text(BROKEN, encoding="utf-8")
    _register()
    result = CliRunner().invoke(app, [arg.replace("{tree}", str(tree)) for arg in command])
    assert result.exit_code == 2, result.output
    assert f"{broken}:8: a string is not closed" in result.output
    assert broken.read_text(encoding="utf-8") == BROKEN
