"""Each glossary export read by the consumer it is for, with that consumer's own reader.

Done means: every entry read, with its English as the target, and no forbidden rendering offered as a
translation; the forbidden renderings reach the reader as a note it shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GLOSSARY
from interop import (
    Toolkit,
    current_toolkit,
    omegat_glossary,
    omegat_project,
    omegat_version,
    weblate_toolkit,
)
from workbench.glossary import load_glossary
from workbench.glossary.core import has_cjk
from workbench.glossary.export import export_glossary
from workbench.model import GlossaryEntry
from workbench.simplified import to_simplified

ENTRIES = load_glossary(GLOSSARY).entries
FORBIDDEN = {name for entry in ENTRIES for name in entry.forbidden}


def _chinese_names(entry: GlossaryEntry) -> list[str]:
    return [entry.traditional, *(a for a in entry.aliases if has_cjk(a))]


def _simplified_names(entry: GlossaryEntry) -> list[str]:
    """The zh-Hans terms of the entry: its Simplified name and its Chinese short forms converted."""
    return [entry.simplified or entry.traditional, *(to_simplified(a) for a in entry.aliases if has_cjk(a))]


@pytest.fixture(scope="module", params=["current", "weblate"])
def toolkit(request: pytest.FixtureRequest) -> Toolkit:
    return current_toolkit() if request.param == "current" else weblate_toolkit()


def _write(tmp_path: Path, fmt: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(export_glossary(load_glossary(GLOSSARY), fmt), encoding="utf-8")
    return path


def test_weblate_keeps_every_entry_with_english_as_target_and_forbidden_in_its_notes(
    toolkit: Toolkit, tmp_path: Path
) -> None:
    read = toolkit.read("csv", _write(tmp_path, "weblate", "glossary.csv"))
    units = read["weblate"]
    # One unit per Chinese name (full name and short forms), each with the entry's English.
    expected = [(name, entry.english) for entry in ENTRIES for name in dict.fromkeys(_chinese_names(entry))]
    assert [(u["source"], u["target"]) for u in units] == expected
    assert {u["source"] for u in units} >= {e.traditional for e in ENTRIES}
    assert not FORBIDDEN & {u["target"] for u in units}
    sensetime = next(u for u in units if u["source"] == "商湯集團股份有限公司")
    assert "forbidden: Shang Tang, Shangtang" in sensetime["notes"]
    assert sensetime["context"] == "0020.HK"


def test_tbx_2008_is_read_whole_with_english_targets_by_translate_toolkit_and_weblate(
    toolkit: Toolkit, tmp_path: Path
) -> None:
    read = toolkit.read("tbx", _write(tmp_path, "tbx-2008", "glossary.tbx"))
    # Every entry, none dropped as obsolete: a deprecated term would make Weblate drop the whole entry.
    assert len(read["toolkit"]) == len(ENTRIES)
    assert not any(u["obsolete"] for u in read["toolkit"])
    units = read["weblate"]
    assert [(u["source"], u["target"]) for u in units] == [(e.traditional, e.english) for e in ENTRIES]
    assert not any(u["forbidden"] for u in units)
    # The forbidden renderings are a note of their entry (translate-toolkit's getnotes), never a term.
    for entry, unit in zip(ENTRIES, read["toolkit"], strict=True):
        if entry.forbidden:
            assert f"forbidden: {', '.join(entry.forbidden)}" in unit["notes"]


def test_translate_toolkit_does_not_read_tbx_v3(toolkit: Toolkit, tmp_path: Path) -> None:
    """What the README says: TBX v3 is for tools that read it, and translate-toolkit (so Weblate) does not."""
    path = _write(tmp_path, "tbx", "glossary.tbx")
    with pytest.raises(AssertionError, match="AssertionError"):
        toolkit.read("tbx", path)


def test_omegat_reads_every_name_with_english_and_the_forbidden_renderings_as_comments(
    tmp_path: Path,
) -> None:
    omegat_version()
    glossaries = {
        # OmegaT reads .utf8 as UTF-8 whatever the system's encoding; .txt and .tab are guessed.
        "workbench.utf8": export_glossary(load_glossary(GLOSSARY), "omegat").encode("utf-8"),
        "workbench.tbx": export_glossary(load_glossary(GLOSSARY), "tbx-2008").encode("utf-8"),
    }
    project = omegat_project(
        tmp_path / "project", sources={"empty.txt": "公司公告。\n"}, glossaries=glossaries
    )
    read = omegat_glossary(project)
    tsv = [r for r in read if r["file"] == "workbench.utf8"]
    tbx = [r for r in read if r["file"] == "workbench.tbx"]

    expected = [(name, entry.english) for entry in ENTRIES for name in dict.fromkeys(_chinese_names(entry))]
    assert [(r["source"], r["target"]) for r in tsv] == expected
    sensetime = next(r for r in tsv if r["source"] == "商湯")
    assert "forbidden: Shang Tang, Shangtang" in sensetime["comment"]

    # The TBX reader pairs every Chinese term (Traditional and Simplified: OmegaT compares the language
    # only, zh) with every English term of the entry: the name and its accepted English variants.
    glossary = load_glossary(GLOSSARY)
    # One pair per term of each Chinese language set (a name the same in both scripts counts twice).
    pairs = sum(
        (len(dict.fromkeys(_chinese_names(e))) + len(dict.fromkeys(_simplified_names(e))))
        * len(glossary.english_forms(e))
        for e in ENTRIES
    )
    assert len(tbx) == pairs
    assert {r["source"] for r in tbx} >= {e.traditional for e in ENTRIES} | {e.simplified for e in ENTRIES}
    offered = {(r["source"], r["target"]) for r in tbx}
    assert ("商湯", "SenseTime") in offered and ("商汤", "SenseTime Group") in offered
    assert next(r for r in tbx if r["source"] == "商湯")["comment"].count("forbidden: Shang Tang") == 1

    # Not one forbidden rendering is offered as a translation.
    assert not FORBIDDEN & {r["target"] for r in read}


def test_omegat_does_not_read_tbx_v3(tmp_path: Path) -> None:
    omegat_version()
    data = export_glossary(load_glossary(GLOSSARY), "tbx").encode("utf-8")
    project = omegat_project(
        tmp_path / "project", sources={"empty.txt": "公司公告。\n"}, glossaries={"v3.tbx": data}
    )
    with pytest.raises(AssertionError, match="reportUnexpectedChildElement"):
        omegat_glossary(project)
