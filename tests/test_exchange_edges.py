"""TMX and XLIFF details a CAT tool reads: declarations, contexts, the file's name, review states, and
articles that lack a Simplified file; on article folders written as ``workbench translate`` leaves them."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import polib
from lxml import etree

from review_fixtures import Row, write_article
from workbench.exchange import XLIFF12_NS, XLIFF_NS, simplified_memory, tmx_bytes, xliff_bytes
from workbench.po.export import fingerprint
from workbench.tm import TMEntry

DECLARATION = b"<?xml version='1.0' encoding='utf-8'?>\n"
ROWS = [
    Row("p1.s1", "商湯完成重組。", "SenseTime completed its reorganisation."),
    Row("p2.s1", "公司股價升5%。", "Shares rose 5%.", fuzzy=True),
    Row("p3.s1", "成交額增加。", "Turnover rose.", fuzzy=True),
    Row("p4.s1", "收市。", ""),
]


def _article(tmp_path: Path, name: str = "sensetime", *, source: str | None = "seeds/page.txt") -> Path:
    """An article with a reviewed sentence, an untouched machine draft, a memory draft and an empty one."""
    folder = write_article(tmp_path, name, ROWS)
    po = polib.pofile(str(folder / "en.po"), wrapwidth=0)
    po[1].comment += f"\nmt: score -0.42 (test engine) draft:{fingerprint(po[1].msgstr)}"
    po[2].comment += f"\ntm: 0.92 from other-article draft:{fingerprint(po[2].msgstr)}"
    if source is None:
        del po.metadata["X-Workbench-Source"]
    po.save(str(folder / "en.po"))
    return folder


def test_tmx_declares_its_encoding_and_gives_a_context_only_where_there_is_one() -> None:
    entries = [
        TMEntry("公司公告。", "The company announced.", "", "a"),
        TMEntry("公司公告。", "The company said.", "a:p2.s1", "a"),
    ]
    data, count = tmx_bytes(entries, now=datetime(2025, 1, 8, tzinfo=timezone.utc))
    assert count == 2 and data.startswith(DECLARATION)
    units = etree.fromstring(data).findall(".//tu")
    assert [[(p.get("type"), p.text) for p in unit.findall("prop")] for unit in units] == [
        [("x-workbench-article", "a")],
        [("x-context", "a:p2.s1"), ("x-workbench-article", "a")],
    ]


def test_the_simplified_memory_skips_an_article_without_its_file_and_keeps_contexts(tmp_path: Path) -> None:
    tree = tmp_path / "translations"
    rows = [
        Row("p1.s1", "商湯完成重組。", "SenseTime completed its reorganisation.", simplified="商汤完成重组。")
    ]
    write_article(tree, "a-english-only", rows, simplified=False)
    folder = write_article(tree, "b-sensetime", rows)
    zh = polib.pofile(str(folder / "zh_Hans.po"), wrapwidth=0)
    zh[0].msgctxt = "商湯"
    zh.save(str(folder / "zh_Hans.po"))
    assert simplified_memory(tree) == [TMEntry("商湯完成重組。", "商汤完成重组。", "商湯", "b-sensetime")]


def test_xliff_20_names_the_page_and_the_article_and_declares_its_encoding(tmp_path: Path) -> None:
    data, article, count = xliff_bytes(_article(tmp_path))
    assert (article, count) == ("sensetime", 4) and data.startswith(DECLARATION)
    file_el = etree.fromstring(data).find(f"{{{XLIFF_NS}}}file")
    assert file_el is not None
    assert (file_el.get("id"), file_el.get("original")) == ("sensetime", "seeds/page.txt")
    without, _, _ = xliff_bytes(_article(tmp_path / "other", source=None))
    file_el = etree.fromstring(without).find(f"{{{XLIFF_NS}}}file")
    assert file_el is not None and "original" not in file_el.attrib


def test_xliff_12_states_say_whose_draft_each_target_is(tmp_path: Path) -> None:
    data, _, _ = xliff_bytes(_article(tmp_path), version="1.2")
    assert data.startswith(DECLARATION)
    root = etree.fromstring(data)
    file_el = root.find(f"{{{XLIFF12_NS}}}file")
    assert file_el is not None and file_el.get("original") == "seeds/page.txt"
    units = root.findall(f".//{{{XLIFF12_NS}}}trans-unit")
    states = []
    for unit in units:
        target = unit.find(f"{{{XLIFF12_NS}}}target")
        states.append(
            (
                unit.get("approved"),
                None if target is None else (target.get("state"), target.get("state-qualifier")),
            )
        )
    assert states == [
        ("yes", ("translated", None)),
        ("no", ("needs-translation", "mt-suggestion")),
        ("no", ("needs-translation", "tm-suggestion")),
        ("no", None),
    ]


def test_xliff_12_without_a_page_names_the_article_as_its_original(tmp_path: Path) -> None:
    data, _, _ = xliff_bytes(_article(tmp_path, source=None), version="1.2")
    file_el = etree.fromstring(data).find(f"{{{XLIFF12_NS}}}file")
    assert file_el is not None and file_el.get("original") == "sensetime"


def test_tmx_holds_one_unit_per_distinct_pair_and_none_without_a_translation() -> None:
    entries = [
        TMEntry("公司公告。", "The company announced.", "", "a"),
        TMEntry("公司公告。", "The company announced.", "", "b"),  # the same pair in another article
        TMEntry("公司公告。", "", "", "c"),
        TMEntry("公司公告。", "The company said.", "", "d"),
    ]
    data, count = tmx_bytes(entries, now=datetime(2025, 1, 8, tzinfo=timezone.utc))
    units = etree.fromstring(data).findall(".//tu")
    assert count == len(units) == 2
    assert [unit.findall("tuv")[1].findtext("seg") for unit in units] == [
        "The company announced.",
        "The company said.",
    ]
