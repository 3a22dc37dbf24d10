"""The PO layout: what a reviewer sees in Poedit and what the other stages read back."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from translate.lang.data import languages as ttk_languages
from translate.storage import po as ttk_po

from workbench.model import (
    Article,
    Fact,
    FactKind,
    Finding,
    GlossaryEntry,
    Origin,
    Paragraph,
    ParagraphKind,
    Segment,
    Severity,
    TermHit,
)
from workbench.po import entry_position, export_catalog, render_po, save_po, untouched_machine_draft
from workbench.po.export import fingerprint

GOLDEN = Path(__file__).parent / "golden" / "po"
HKT = timezone(timedelta(hours=8))
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=HKT)
ENGINE = "translate-zt_en-finance-test 1.0 (cpu)"
ARTICLE_ID = "sensetime-reorg"
SOURCE = "seeds/000_2f4e0c1cd83e9657.txt"

SENSETIME = GlossaryEntry(
    traditional="商湯集團股份有限公司",
    simplified="商汤集团股份有限公司",
    english="SenseTime Group Inc.",
    aliases=("商湯", "SenseTime"),
    tickers=("0020.HK",),
)
HKEX = GlossaryEntry(
    traditional="香港交易所", simplified="香港交易所", english="HKEX", type="exchange", tickers=()
)
XU_LI = GlossaryEntry(traditional="徐立", simplified="徐立", english="Xu Li", type="person")

FIRST = "商湯集團股份有限公司(0020.HK)是中國最早的純人工智能(AI)公司之一,在人臉識別領域享有盛名。"
# Quotes, a backslash, a tab and per-cent signs: every one of them must survive msgfmt and a reload.
TRICKY_SOURCE = '公司稱「1+X」架構佔收入14%,路徑為 C:\\data\\ai\t"雲"。'
TRICKY_DRAFT = 'The "1+X" structure is 14% of revenue (%d, %s), path C:\\data\\ai\t"cloud".'


def article() -> Article:
    return Article(
        id=ARTICLE_ID,
        title="商湯完成重組專注生成式AI",
        source=SOURCE,
        paragraphs=(
            Paragraph(ParagraphKind.TITLE, "商湯完成重組專注生成式AI", 2),
            Paragraph(ParagraphKind.BULLET, "商湯已完成戰略重組。", 8),
            Paragraph(ParagraphKind.BYLINE, "肖林", 14),
            Paragraph(ParagraphKind.BODY, FIRST, 16),
            Paragraph(ParagraphKind.BODY, TRICKY_SOURCE, 20),
        ),
        english_title="SenseTime completes reorg to focus on GenAI",
        tickers=("0020.HK",),
    )


def segments() -> list[Segment]:
    return [
        Segment(
            ARTICLE_ID,
            1,
            1,
            "商湯完成重組專注生成式AI",
            2,
            kind=ParagraphKind.TITLE,
            simplified="商汤完成重组专注生成式AI",
            draft="SenseTime completes reorganisation to focus on generative AI",
            score=-0.318,
            origin=Origin.MT,
            hits=(TermHit(SENSETIME, 0, 2, "商湯"),),
        ),
        Segment(
            ARTICLE_ID,
            2,
            1,
            "商湯已完成戰略重組。",
            8,
            kind=ParagraphKind.BULLET,
            simplified="商汤已完成战略重组。",
            draft="SenseTime has completed its strategic reorganisation.",
            score=-0.25,
            origin=Origin.MT,
            hits=(TermHit(SENSETIME, 0, 2, "商湯"),),
        ),
        Segment(ARTICLE_ID, 3, 1, "肖林", 14, kind=ParagraphKind.BYLINE, simplified="肖林"),
        Segment(
            ARTICLE_ID,
            4,
            1,
            FIRST,
            16,
            simplified="商汤集团股份有限公司(0020.HK)是中国最早的纯人工智能(AI)公司之一,在人脸识别领域享有盛名。",
            draft="SenseTime is one of China's earliest pure AI companies, famous for face recognition.",
            score=-0.4212,
            origin=Origin.MT,
            hits=(TermHit(SENSETIME, 0, 10, "商湯集團股份有限公司"),),
            facts=(
                Fact(FactKind.NAME, "商湯集團股份有限公司", 0, 10, "SenseTime Group Inc."),
                Fact(FactKind.TICKER, "0020.HK", 11, 18, "(0020.HK)", tickers=("0020.HK",)),
            ),
            findings=(
                Finding("ticker-missing", Severity.ERROR, "(0020.HK) is missing from the translation"),
                Finding("name-variant", Severity.WARNING, "write SenseTime Group Inc. on first mention"),
            ),
            notes=("mt: repetitive output",),
        ),
        Segment(
            ARTICLE_ID,
            4,
            2,
            "徐立在周二的內部信中表示重組已完成,並向香港交易所提交文件。",
            16,
            simplified="徐立在周二的内部信中表示重组已完成,并向香港交易所提交文件。",
            draft="Xu Li said in an internal letter on Tuesday that the reorganisation was complete.",
            score=12.0,
            origin=Origin.TM_FUZZY,
            hits=(TermHit(XU_LI, 0, 2, "徐立"), TermHit(HKEX, 22, 27, "香港交易所")),
            notes=("tm: 92% match of p2.s1 in other",),
        ),
        Segment(
            ARTICLE_ID,
            5,
            1,
            TRICKY_SOURCE,
            20,
            simplified='公司称「1+X」架构占收入14%,路径为 C:\\data\\ai\t"云"。',
            draft=TRICKY_DRAFT,
            score=-0.9,
            origin=Origin.MT,
            facts=(Fact(FactKind.PERCENT, "14%", 14, 17, "14%", value=Decimal(14), unit="%"),),
        ),
    ]


def build(language: str, segs: list[Segment] | None = None) -> polib.POFile:
    fresh = segments() if segs is None else segs
    return export_catalog(article(), fresh, language, "0.1.0", engine=ENGINE, now=NOW)


def by_place(po: polib.POFile) -> dict[str, polib.POEntry]:
    """Live entries by their sentence's position in the article (p4.s1)."""
    return {str(entry_position(e)): e for e in po if not e.obsolete}


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext (msgfmt) is not installed; apt-get install gettext")
    return subprocess.run(
        [msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_export_matches_the_golden_file(language: str) -> None:
    golden = GOLDEN / f"{language}.po"
    text = render_po(build(language))
    if os.environ.get("WORKBENCH_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_golden_files_pass_msgfmt_check_without_warnings(language: str) -> None:
    result = msgfmt_check(GOLDEN / f"{language}.po")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_written_file_loads_the_same_in_polib_and_translate_toolkit(language: str, tmp_path: Path) -> None:
    path = tmp_path / f"{language}.po"
    fresh = build(language)
    save_po(fresh, path)
    assert msgfmt_check(path).returncode == 0

    reloaded = polib.pofile(str(path))
    assert [(e.msgctxt, e.msgid, e.msgstr, e.fuzzy) for e in reloaded] == [
        (e.msgctxt, e.msgid, e.msgstr, e.fuzzy) for e in fresh
    ]
    store = ttk_po.pofile.parsefile(str(path))
    units = [u for u in store.units if not u.isheader()]
    assert [(u.getcontext(), u.source, u.target, u.isfuzzy()) for u in units] == [
        (e.msgctxt or "", e.msgid, e.msgstr, e.fuzzy) for e in fresh
    ]


def test_quotes_backslashes_tabs_and_percent_survive_a_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "en.po"
    save_po(build("en"), path)
    entry = by_place(polib.pofile(str(path)))["p5.s1"]
    assert entry.msgid == TRICKY_SOURCE
    assert entry.msgstr == TRICKY_DRAFT
    raw = path.read_text(encoding="utf-8")
    assert r'msgstr "The \"1+X\" structure is 14% of revenue (%d, %s), path C:\\data\\ai\t\"cloud\"."' in raw


def test_percent_signs_never_get_a_c_format_flag(tmp_path: Path) -> None:
    """msgfmt checks printf directives only when an entry says c-format; polib must not add it."""
    fresh = build("en")
    assert all("c-format" not in e.flags for e in fresh)
    path = tmp_path / "en.po"
    save_po(fresh, path)
    assert "format" not in path.read_text(encoding="utf-8")
    # A page can hold text that reads as a printf directive (%d), and a reviewed draft need not repeat
    # it; msgfmt skips fuzzy entries, so the entry is saved as a reviewer would leave it.
    seg = Segment(
        ARTICLE_ID, 1, 1, "佔比達 %d 成。", 1, draft="The share reached 30%.", origin=Origin.REVIEWER
    )
    reviewed = build("en", [seg])
    assert reviewed[0].flags == []
    save_po(reviewed, path)
    assert msgfmt_check(path).returncode == 0
    # The same entry flagged c-format is refused: that is the check a stray flag would switch on.
    reviewed[0].flags = ["c-format"]
    save_po(reviewed, path)
    result = msgfmt_check(path)
    assert result.returncode != 0
    assert "C format" in result.stderr


def test_one_entry_per_sentence_with_position_reference_and_source() -> None:
    po = build("en")
    # The key holds no position: inserting a sentence elsewhere must not rename this one.
    assert [e.msgctxt for e in po] == [None] * 6
    assert [e.comment.split("\n")[0] for e in po] == [
        "position: p1.s1",
        "position: p2.s1",
        "position: p3.s1",
        "position: p4.s1",
        "position: p4.s2",
        "position: p5.s1",
    ]
    first = by_place(po)["p4.s1"]
    assert first.msgid == FIRST
    assert first.occurrences == [(SOURCE, "16")]


def test_entries_follow_paragraph_and_sentence_order_whatever_the_input_order() -> None:
    assert [str(entry_position(e)) for e in build("en", list(reversed(segments())))] == [
        str(entry_position(e)) for e in build("en")
    ]


def test_english_comments_carry_glossary_facts_score_and_notes() -> None:
    entry = by_place(build("en"))["p4.s1"]
    assert entry.comment.split("\n") == [
        "position: p4.s1",
        "glossary: 商湯集團股份有限公司 → SenseTime Group Inc. (0020.HK)",
        "fact: 0020.HK = (0020.HK)",
        f"mt: score -0.42 ({ENGINE}) draft:{fingerprint(entry.msgstr)}",
        "mt: repetitive output",
        "QA: error ticker-missing: (0020.HK) is missing from the translation",
        "QA: warning name-variant: write SenseTime Group Inc. on first mention",
    ]
    assert entry.tcomment == ""  # the reviewer's
    assert untouched_machine_draft(entry)
    entry.msgstr += " Edited."
    assert not untouched_machine_draft(entry)


def test_kind_is_named_except_for_body_text() -> None:
    entries = by_place(build("en"))
    assert "kind: title" in entries["p1.s1"].comment.split("\n")
    assert "kind: bullet" in entries["p2.s1"].comment.split("\n")
    assert "kind: byline" in entries["p3.s1"].comment.split("\n")
    assert "kind:" not in entries["p4.s1"].comment


def test_translation_memory_drafts_show_their_note_not_an_mt_score() -> None:
    entry = by_place(build("en"))["p4.s2"]
    lines = entry.comment.split("\n")
    assert lines == [
        "position: p4.s2",
        "glossary: 徐立 → Xu Li",
        "glossary: 香港交易所 → HKEX",
        "tm: 92% match of p2.s1 in other",
    ]
    assert entry.fuzzy


def test_machine_drafts_are_fuzzy_and_missing_drafts_are_empty_and_not_fuzzy() -> None:
    entries = by_place(build("en"))
    title = entries["p1.s1"]
    assert title.msgstr == "SenseTime completes reorganisation to focus on generative AI"
    assert title.flags == ["fuzzy"]
    byline = entries["p3.s1"]
    assert byline.msgstr == ""
    assert byline.flags == []


def test_a_reviewers_draft_is_not_fuzzy_unless_qa_reports_an_error() -> None:
    reviewed = Segment(ARTICLE_ID, 1, 1, "肖林", 3, draft="Xiao Lin", origin=Origin.REVIEWER)
    assert build("en", [reviewed])[0].flags == []
    error = Finding("name-missing", Severity.ERROR, "Xiao Lin is missing")
    with_error = Segment(ARTICLE_ID, 1, 1, "肖林", 3, draft="Lin", origin=Origin.REVIEWER, findings=(error,))
    assert build("en", [with_error])[0].flags == ["fuzzy"]


def test_simplified_catalog_is_fuzzy_conversion_without_english_notes() -> None:
    entries = by_place(build("zh_Hans"))
    first = entries["p4.s1"]
    assert first.msgid == FIRST
    assert first.msgstr.startswith("商汤集团股份有限公司")
    assert first.flags == ["fuzzy"]
    assert first.comment.split("\n") == [
        "position: p4.s1",
        "glossary: 商湯集團股份有限公司 → SenseTime Group Inc. (0020.HK)",
        f"opencc: hk2s draft:{fingerprint(first.msgstr)}",
    ]
    assert untouched_machine_draft(first)
    assert first.tcomment == ""
    assert all(e.fuzzy for e in entries.values())


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_header_has_every_field_of_the_layout(language: str) -> None:
    metadata = build(language).metadata
    assert metadata["Language"] == language
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert metadata["Content-Transfer-Encoding"] == "8bit"
    assert metadata["MIME-Version"] == "1.0"
    # translate-toolkit's table of gettext plural rules: Chinese has one form, English two.
    _, nplurals, rule = ttk_languages["zh_CN" if language == "zh_Hans" else language]
    assert metadata["Plural-Forms"] == f"nplurals={nplurals}; plural={rule};"
    assert metadata["X-Generator"] == "workbench 0.1.0"
    assert metadata["X-Workbench-Article"] == ARTICLE_ID
    assert metadata["X-Workbench-Source"] == SOURCE
    assert metadata["X-Workbench-English-Title"] == "SenseTime completes reorg to focus on GenAI"
    assert metadata["POT-Creation-Date"] == "2024-05-01 12:00+0800"
    assert metadata["PO-Revision-Date"] == "2024-05-01 12:00+0800"
    assert metadata["Project-Id-Version"]


def test_no_english_title_header_without_an_english_title() -> None:
    plain = Article(ARTICLE_ID, "標題", SOURCE, ())
    po = export_catalog(plain, segments(), "en", "0.1.0", now=NOW)
    assert "X-Workbench-English-Title" not in po.metadata


def test_newlines_in_findings_and_notes_cannot_split_a_comment_line() -> None:
    finding = Finding("odd", Severity.WARNING, "first line\nsecond line")
    seg = Segment(
        ARTICLE_ID,
        1,
        1,
        "句子。",
        1,
        draft="A sentence.",
        origin=Origin.MT,
        findings=(finding,),
        notes=("tm: one\ntwo",),
    )
    entry = build("en", [seg])[0]
    assert entry.comment.split("\n") == [
        "position: p1.s1",
        "tm: one two",
        "QA: warning odd: first line second line",
    ]


def test_line_separators_in_text_become_spaces_so_every_tool_reads_the_same(tmp_path: Path) -> None:
    seg = Segment(ARTICLE_ID, 1, 1, "甲\u2028乙\x0b丙。", 1, draft="A\u2029B.", origin=Origin.MT)
    path = tmp_path / "en.po"
    save_po(build("en", [seg]), path)
    assert msgfmt_check(path).returncode == 0
    entry = polib.pofile(str(path))[0]
    assert (entry.msgid, entry.msgstr) == ("甲 乙 丙。", "A B.")
    unit = [u for u in ttk_po.pofile.parsefile(str(path)).units if not u.isheader()][0]
    assert (unit.source, unit.target) == ("甲 乙 丙。", "A B.")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="zh_Hant"):
        build("zh_Hant")
