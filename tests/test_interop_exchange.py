"""Memories and XLIFF files of the worked example read by their consumers, with the consumers' own readers.

The worked example is brought up to date as a desk would (``workbench translate --no-mt`` on the copy, so
its titles take the page's no-break spaces), then every other sentence of both files is confirmed, as a
reviewer would, and one gets a reviewer's comment. Done means: every reviewed sentence is read with its
intended target, and the review state and the notes reach the reader.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from conftest import ROOT, SEED
from interop import (
    Toolkit,
    current_toolkit,
    omegat_project,
    omegat_translate,
    omegat_version,
    weblate_toolkit,
)
from workbench.cli import _register, app
from workbench.exchange import write_tmx, write_xliff
from workbench.po import qa_lines

_register()
ARTICLES = sorted(p.name for p in (ROOT / "translations").iterdir() if (p / "en.po").is_file())
TITLES = ("簡訊:上市月餘股價勁挫\u00a0遇見小麵急回購挺股價", "富貴險中求\u00a0華興資本試水不良貸款")
COMMENT = "Checked the figure with the desk"


@dataclass(frozen=True)
class Desk:
    tree: Path
    page: Path
    english: dict[str, str]  # reviewed English by source
    simplified: dict[str, str]  # confirmed Simplified by source
    tmx: Path
    tmx_simplified: Path


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    root = tmp_path_factory.mktemp("desk")
    tree = root / "translations"
    shutil.copytree(ROOT / "translations", tree, ignore=shutil.ignore_patterns("report"))
    page = root / "page.txt"
    shutil.copy(SEED, page)
    result = CliRunner().invoke(app, ["translate", str(page), "--no-mt", "--out", str(tree)])
    assert result.exit_code == 0, result.output
    english: dict[str, str] = {}
    simplified: dict[str, str] = {}
    for article in ARTICLES:
        for name, reviewed in (("en.po", english), ("zh_Hans.po", simplified)):
            path = tree / article / name
            po = polib.pofile(str(path), wrapwidth=0)
            for index, entry in enumerate(e for e in po if not e.obsolete):
                if index % 2 == 0 and entry.msgstr:
                    entry.flags = [f for f in entry.flags if f != "fuzzy"]
                    reviewed[entry.msgid] = entry.msgstr
                if name == "en.po" and index == 1:
                    entry.tcomment = COMMENT
            po.save(str(path))
    assert set(TITLES) <= set(english)
    write_tmx(tree, root / "workbench.tmx")
    write_tmx(tree, root / "workbench.zh-Hans.tmx", simplified=True)
    return Desk(tree, page, english, simplified, root / "workbench.tmx", root / "workbench.zh-Hans.tmx")


@pytest.fixture(scope="module", params=["current", "weblate"])
def toolkit(request: pytest.FixtureRequest) -> Toolkit:
    return current_toolkit() if request.param == "current" else weblate_toolkit()


# -- TMX -----------------------------------------------------------------------------------------------------


def test_translate_toolkit_reads_each_reviewed_sentence_with_its_english(
    desk: Desk, toolkit: Toolkit
) -> None:
    units = toolkit.read("tmx", desk.tmx)["toolkit"]
    assert {u["source"]: u["target"] for u in units} == desk.english
    assert all(set(u["variants"]) == {"zh-Hant-HK", "en"} for u in units)


def test_translate_toolkit_reads_the_simplified_memory(desk: Desk, toolkit: Toolkit) -> None:
    units = toolkit.read("tmx", desk.tmx_simplified)["toolkit"]
    assert {u["source"]: u["target"] for u in units} == desk.simplified
    assert all(set(u["variants"]) == {"zh-Hant-HK", "zh-Hans"} for u in units)


def test_omegat_fills_every_reviewed_sentence_from_the_memory(desk: Desk, tmp_path: Path) -> None:
    omegat_version()
    sources = list(desk.english)
    project = omegat_project(
        tmp_path / "en",
        sources={"sentences.txt": "\n\n".join(sources) + "\n"},
        memories={"workbench.tmx": desk.tmx.read_bytes()},
    )
    filled = omegat_translate(project)["sentences.txt"].rstrip("\n").split("\n\n")
    assert filled == [desk.english[source] for source in sources]


def test_omegat_36_cannot_use_the_simplified_memory(desk: Desk, tmp_path: Path) -> None:
    """What the README says, so that it stays true: OmegaT 3.6 matches a variant by its language and the
    two letters after it, so zh-Hant-HK and zh-Hans are both "zh, another region" to it and it cannot
    tell the source from the target; the Simplified memory is for tools that read script subtags."""
    omegat_version()
    project = omegat_project(
        tmp_path / "zh",
        sources={"sentences.txt": "\n\n".join(desk.simplified) + "\n"},
        memories={"workbench.zh-Hans.tmx": desk.tmx_simplified.read_bytes()},
        languages=("zh-HK", "zh-CN"),
    )
    filled = omegat_translate(project)["sentences.txt"].rstrip("\n").split("\n\n")
    assert filled == list(desk.simplified)  # every segment left as its source


def test_omegat_segmenting_the_page_itself_finds_the_memory_in_the_titles(desk: Desk, tmp_path: Path) -> None:
    """The page as published, no-break spaces and all, segmented by OmegaT's own rules."""
    omegat_version()
    project = omegat_project(
        tmp_path / "page",
        sources={"page.txt": desk.page.read_text(encoding="utf-8")},
        memories={"workbench.tmx": desk.tmx.read_bytes()},
    )
    translated = omegat_translate(project)["page.txt"]
    for title in TITLES:
        assert desk.english[title] in translated
    used = [source for source, english in desk.english.items() if english in translated]
    # OmegaT segments a few lines otherwise than the workbench: two bylines on one line, a sentence
    # ending in an ASCII question mark after Chinese, a clause the page runs into its footer. Those are no
    # segments of its own and no memory can fill them; every other reviewed sentence is filled (59 of 67
    # when last run).
    assert len(used) >= 0.8 * len(desk.english)


# -- XLIFF ---------------------------------------------------------------------------------------------------


def _entries(desk: Desk, article: str) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(desk.tree / article / "en.po"), wrapwidth=0) if not e.obsolete]


@pytest.mark.parametrize("article", ARTICLES)
def test_xliff_12_is_read_unit_for_unit_with_review_state_and_notes(
    desk: Desk, toolkit: Toolkit, article: str, tmp_path: Path
) -> None:
    path, count = write_xliff(desk.tree / article, tmp_path, "1.2")
    entries = _entries(desk, article)
    assert count == len(entries)
    read = toolkit.read("xliff", path)

    for view in (read["toolkit"], read["weblate"]):
        assert [(u["source"], u["target"] or "") for u in view] == [(e.msgid, e.msgstr) for e in entries]
        assert [u["approved"] for u in view] == [not e.fuzzy and bool(e.msgstr) for e in entries]
        assert [u["fuzzy"] for u in view] == [e.fuzzy for e in entries]
    for unit, entry in zip(read["toolkit"], entries, strict=True):
        notes = unit["developer_notes"].splitlines()
        assert notes[0].startswith("position: p")
        # The workbench's findings are notes too, as they are comments in the PO file (each once: the
        # readers drop a repeated note).
        assert [n for n in notes if n.startswith("QA: ")] == list(dict.fromkeys(qa_lines(entry)))
    reviewers = [u["translator_notes"] for u in read["toolkit"] if u["translator_notes"]]
    assert reviewers == [COMMENT]
    assert all("position: p" in u["notes"] for u in read["weblate"])

    # translate-toolkit's converter gives the PO file back: every unit, its state and its comments.
    po = toolkit.read("xliff2po", path)["toolkit"]
    assert [(u["source"], u["target"], u["fuzzy"]) for u in po] == [
        (e.msgid, e.msgstr, e.fuzzy) for e in entries
    ]
    assert sum(u["translator_notes"] == COMMENT for u in po) == 1
    assert all(u["developer_notes"].startswith("position: p") for u in po)


def test_xliff_2_is_not_read_whole_by_translate_toolkit_nor_weblate(
    desk: Desk, toolkit: Toolkit, tmp_path: Path
) -> None:
    """What the README says of XLIFF 2.0, so that it stays true: XLIFF 1.2 is the file for these readers."""
    path, count = write_xliff(desk.tree / ARTICLES[0], tmp_path, "2.0")
    read = toolkit.read("xliff2", path)
    if "toolkit" in read:  # translate-toolkit's XLIFF 2.0 storage sees the units but none of the notes
        assert len(read["toolkit"]) == count and not any(u["notes"] for u in read["toolkit"])
    else:
        assert "no XLIFF 2.0 storage" in read["toolkit_error"]
    assert not read.get("weblate")  # Weblate's loader: no unit (or an error)
    assert toolkit.read("xliff2po", path)["bytes"] == 0
