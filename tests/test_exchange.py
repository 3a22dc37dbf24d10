from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import polib
import pytest
from lxml import etree
from translate.storage import tmx, xliff, xliff2

from conftest import ROOT
from review_fixtures import SENSETIME, Row, write_article
from workbench.errors import InputError
from workbench.exchange import XLIFF12_NS, XLIFF_NS, tmx_bytes, write_tmx, write_xliff, xliff_bytes
from workbench.tm import TMEntry, TranslationMemory
from xml_schemas import validate_tmx, validate_xliff, validate_xliff12


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "translations"
    write_article(root, "sensetime", SENSETIME)
    return root


def test_tmx_of_the_reviewed_memory_loads_in_translate_toolkit(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "memory.tmx"
    assert write_tmx(tree, out) == 9
    store = tmx.tmxfile.parsefile(str(out))
    units = {u.source: u for u in store.units}
    assert len(units) == 9
    unit = units["該股在上周五的交易中飆升了14%。"]
    assert unit.target == "The stock jumped 14% in trading last Friday."
    # Two variants a unit, so every CAT tool uses it (OmegaT ignores a unit with a third).
    assert all(len(u.getlanguageNodes()) == 2 for u in store.units)
    assert store.translate("該股在上周五的交易中飆升了14%。", "zh-Hant-HK", "en") == (
        "The stock jumped 14% in trading last Friday."
    )
    # Machine output nobody accepted is not part of the memory.
    by_source = {row.source for row in SENSETIME if row.fuzzy or not row.english}
    assert by_source and not by_source & set(units)
    assert validate_tmx(out.read_bytes()) == []


def test_the_simplified_memory_is_its_own_tmx_of_what_a_reviewer_confirmed(
    tree: Path, tmp_path: Path
) -> None:
    zh_path = tree / "sensetime" / "zh_Hans.po"
    zh = polib.pofile(str(zh_path), wrapwidth=0)
    unconfirmed = next(e for e in zh if e.msgid == "該股在上周五的交易中飆升了14%。")
    unconfirmed.flags.append("fuzzy")  # OpenCC's conversion, not yet looked at
    zh.save(str(zh_path))
    out = tmp_path / "simplified.tmx"
    # Every confirmed Simplified sentence, the ones whose English is not reviewed yet too.
    assert write_tmx(tree, out, simplified=True) == 11
    store = tmx.tmxfile.parsefile(str(out))
    units = {u.source: u for u in store.units}
    assert "該股在上周五的交易中飆升了14%。" not in units
    assert units["成立十年後，商湯仍在虧損。"].target == "成立十年后，商汤仍在亏损。"
    assert all(len(u.getlanguageNodes()) == 2 for u in store.units)
    assert store.translate("肖林", "zh-Hant-HK", "zh-Hans") == "肖林"
    assert b'xml:lang="en"' not in out.read_bytes()
    assert validate_tmx(out.read_bytes()) == []


def test_tmx_header_and_languages(tree: Path) -> None:
    entries = [
        TMEntry("公司虧損<擴大>&收窄。", "Loss <widened> & narrowed.", "a:p1.s1", "a"),
        TMEntry("公司虧損<擴大>&收窄。", "Loss <widened> & narrowed.", "b:p1.s1", "b"),  # same pair: one unit
    ]
    data, count = tmx_bytes(entries, now=datetime(2025, 1, 8, tzinfo=timezone.utc))
    text = data.decode("utf-8")
    assert count == 1
    assert '<tmx version="1.4">' in text
    assert 'srclang="zh-Hant-HK"' in text and 'creationdate="20250108T000000Z"' in text
    store = tmx.tmxfile.parsestring(data)
    assert [(u.source, u.target) for u in store.units] == [
        ("公司虧損<擴大>&收窄。", "Loss <widened> & narrowed.")
    ]
    assert validate_tmx(data) == []


def test_the_tmx_dtd_check_catches_a_broken_document() -> None:
    data, _ = tmx_bytes([TMEntry("公司公告。", "The company announced.", "", "a")])
    broken = data.replace(b' xml:lang="en"', b"")  # a variant that does not say its language
    assert any("xml:lang" in error for error in validate_tmx(broken))


def test_xliff_of_an_article_carries_review_state_and_loads_as_xliff_2(tree: Path) -> None:
    path, count = write_xliff(tree / "sensetime")
    assert path == tree / "sensetime" / "en.xlf"
    assert count == 12
    # translate-toolkit's factory maps .xlf to its XLIFF 1.2 reader; 2.0 is read by xliff2.Xliff2File.
    store = xliff2.Xliff2File.parsefile(str(path))
    assert store.getsourcelanguage() == "zh-Hant-HK" and store.gettargetlanguage() == "en"
    units = {u.source: u for u in store.units}
    reviewed, machine, empty = (units[row.source] for row in (SENSETIME[7], SENSETIME[4], SENSETIME[11]))
    assert reviewed.source == "該股在上周五的交易中飆升了14%。"
    assert reviewed.target == "The stock jumped 14% in trading last Friday."
    assert reviewed.isapproved() and not reviewed.isfuzzy()
    assert machine.isfuzzy() and not machine.isapproved()
    assert machine.xmlelement.get("state") == "initial"
    assert empty.xmlelement.get("state") == "initial" and not empty.target
    # Notes sit on the unit, where XLIFF 2.0 puts them (translate-toolkit's getnotes looks in the segment).
    notes = machine.getunitelement().findall(f"{{{xliff2.Xliff2Unit.namespace}}}notes/*")
    assert [(n.get("category"), n.text) for n in notes] == [
        ("workbench", "position: p5.s1"),
        ("workbench", "kind: bullet"),
    ]
    assert validate_xliff(path.read_bytes()) == []


def test_qa_findings_are_the_tools_notes_on_the_target_and_a_reviewers_stay_theirs(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "qa", [Row("p1.s1", "公司股價升5%。", "Shares rose 3%.")])
    path = folder / "en.po"
    po = polib.pofile(str(path), wrapwidth=0)
    po[0].comment += (
        "\nQA: error percent-mismatch: percentage 5% is missing from the translation"
        "\nQA: warning length: the translation is short"
    )
    po[0].tcomment = "Checked with the desk"
    po.save(str(path))
    data, _, _ = xliff_bytes(folder)
    assert validate_xliff(data) == []
    namespace = {"x": XLIFF_NS}
    notes = etree.fromstring(data).findall(".//x:unit/x:notes/x:note", namespace)
    assert [(n.get("category"), n.get("appliesTo"), n.get("priority"), n.text) for n in notes] == [
        ("workbench", None, None, "position: p1.s1"),
        (
            "workbench-qa",
            "target",
            "1",
            "error percent-mismatch: percentage 5% is missing from the translation",
        ),
        ("workbench-qa", "target", "5", "warning length: the translation is short"),
        ("reviewer", None, None, "Checked with the desk"),
    ]


def test_xliff_12_carries_review_state_and_every_note_where_translate_toolkit_reads_them(
    tmp_path: Path,
) -> None:
    folder = write_article(tmp_path, "sensetime", SENSETIME)
    po = polib.pofile(str(folder / "en.po"), wrapwidth=0)
    po[4].tcomment = "QA: error percent-mismatch: percentage 5% is missing from the translation\nAsk the desk"
    po.save(str(folder / "en.po"))
    path, count = write_xliff(folder, version="1.2")
    assert (path, count) == (folder / "en.xliff", 12)
    assert validate_xliff12(path.read_bytes()) == []
    store = xliff.xlifffile.parsefile(str(path))
    assert store.getsourcelanguage() == "zh-Hant-HK" and store.gettargetlanguage() == "en"
    units = {u.source: u for u in store.units}
    reviewed, machine, empty = (units[row.source] for row in (SENSETIME[7], SENSETIME[4], SENSETIME[11]))
    assert reviewed.target == "The stock jumped 14% in trading last Friday."
    assert reviewed.isapproved() and not reviewed.isfuzzy()
    assert machine.isfuzzy() and not machine.isapproved()
    assert not empty.target and not empty.istranslated()
    # The workbench's notes are the developer's (PO extracted comments), the reviewer's the translator's.
    assert machine.getnotes("developer").splitlines() == [
        "position: p5.s1",
        "kind: bullet",
        "QA: error percent-mismatch: percentage 5% is missing from the translation",
    ]
    assert machine.getnotes("translator") == "Ask the desk"
    finding = machine.xmlelement.findall(f"{{{XLIFF12_NS}}}note")[2]
    assert (finding.get("priority"), finding.get("annotates")) == ("1", "target")


def test_both_xliff_versions_of_an_article_have_files_of_their_own(tree: Path, tmp_path: Path) -> None:
    for version in ("2.0", "1.2"):
        write_xliff(tree / "sensetime", tmp_path / "out", version)
        write_xliff(tree / "sensetime", version=version)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["sensetime.xlf", "sensetime.xliff"]
    assert b"document:2.0" in (tree / "sensetime" / "en.xlf").read_bytes()
    assert b"document:1.2" in (tree / "sensetime" / "en.xliff").read_bytes()


def test_the_xliff_12_schema_check_catches_a_broken_document(tree: Path) -> None:
    data, _, _ = xliff_bytes(tree / "sensetime", "1.2")
    broken = data.replace(b'state="needs-translation"', b'state="fuzzy"', 1)
    assert any("state" in error for error in validate_xliff12(broken))


def test_the_xliff_schema_check_catches_a_broken_document(tree: Path) -> None:
    data, _, _ = xliff_bytes(tree / "sensetime")
    broken = data.replace(b'state="initial"', b'state="fuzzy"')  # not a state XLIFF 2.0 knows
    assert any("state" in error for error in validate_xliff(broken))


def test_an_article_with_only_obsolete_entries_is_refused_not_written_as_bad_xliff(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "gone", [], obsolete=(Row("p1.s1", "刪除了。", "Removed."),))
    with pytest.raises(InputError, match="no sentences"):
        xliff_bytes(folder)


def test_xliff_to_an_output_folder_is_named_by_article(tree: Path, tmp_path: Path) -> None:
    write_article(
        tree, "renaissance", [Row("p1.s1", "華興資本試水不良貸款。", "China Renaissance tests bad loans.")]
    )
    for folder in (tree / "sensetime", tree / "renaissance"):
        write_xliff(folder, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["renaissance.xlf", "sensetime.xlf"]
    data, article, count = xliff_bytes(tree / "renaissance")
    assert article == "renaissance" and count == 1
    assert b'state="reviewed"' in data


def test_control_characters_cannot_break_the_xml(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "odd", [Row("p1.s1", "公司\x07公告。", "The company\x0b announced.")])
    data, _, _ = xliff_bytes(folder)
    unit = xliff2.Xliff2File.parsestring(data).units[0]
    assert (unit.source, unit.target) == ("公司公告。", "The company announced.")


def test_xliff_of_a_folder_without_en_po_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no en.po here"):
        xliff_bytes(tmp_path)


def test_the_worked_example_exports_schema_valid_xliff_and_tmx(tmp_path: Path) -> None:
    """The files the tool wrote for the sample page, with some sentences confirmed by a reviewer."""
    tree = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", tree, ignore=shutil.ignore_patterns(".*"))
    folders = sorted(p for p in tree.iterdir() if (p / "en.po").is_file())
    assert len(folders) == 5
    for folder in folders:
        for name in ("en.po", "zh_Hans.po"):
            po = polib.pofile(str(folder / name), wrapwidth=0)
            for entry in po[::2]:
                entry.flags = [f for f in entry.flags if f != "fuzzy"]
            po.save(str(folder / name))
        data, _, count = xliff_bytes(folder)
        assert count > 0 and validate_xliff(data) == []
        data, _, count = xliff_bytes(folder, "1.2")
        assert count > 0 and validate_xliff12(data) == []
    data, count = tmx_bytes(TranslationMemory.load(tree, cache=False).entries)
    assert count > 10 and validate_tmx(data) == []
    assert write_tmx(tree, tmp_path / "zh.tmx", simplified=True) > 10
    assert validate_tmx((tmp_path / "zh.tmx").read_bytes()) == []
