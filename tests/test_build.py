from __future__ import annotations

from pathlib import Path

import pytest

from review_fixtures import SENSETIME, Row, review, write_article
from workbench.build import DEFAULT_MARKER, article_folders, build_article
from workbench.errors import InputError, POFileError


def test_english_draft_reads_as_an_article_in_source_order(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "sensetime", SENSETIME)
    result = build_article(folder)
    text = (folder / "en.md").read_text(encoding="utf-8")
    assert text == (
        "# SenseTime completes reorg to focus on GenAI\n\n"
        "The company, once a leader in traditional AI, has formally reorganised.\n\n"
        "**Highlights**\n\n"
        "- SenseTime has completed a strategic reorganisation.\n"
        "- ⟦MT⟧ The company is shifting to a mass market with more potential.\n\n"
        "By Xiao Lin\n\n"
        "SenseTime Group Inc. (0020.HK) is one of China's first pure AI companies. "
        "The stock jumped 14% in trading last Friday.\n\n"
        "## A crowded field\n\n"
        "Its loss narrowed to 2.5 billion yuan in the first half from 3.1 billion yuan a year earlier. "
        "⟦MT⟧ The company is expected to remain loss-making until at least 2026. "
        "⟦MT⟧ 成立十年後，商湯仍在虧損。\n"
    )
    assert result.marked == 3
    assert result.written == (folder / "en.md", folder / "zh_Hans.txt")
    assert not result.refused


def test_simplified_article_is_written_from_zh_hans_po(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "sensetime", SENSETIME)
    build_article(folder)
    text = (folder / "zh_Hans.txt").read_text(encoding="utf-8")
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0] == "商汤完成重组专注生成式人工智能"
    assert blocks[3] == "• 商汤已完成战略重组。\n• 这家公司正转向一个市场潜力更大的大众领域。"
    assert blocks[-1] == (
        "今年上半年，其亏损为25亿元，较去年同期的31亿元亏损有所减少。"
        "预计公司至少到2026年仍将维持亏损状态。成立十年后，商汤仍在亏损。"
    )
    assert "商湯" not in text


def test_english_title_from_the_page_replaces_the_drafted_title(tmp_path: Path) -> None:
    rows = [
        Row("p1.s1", "商湯完成重組", "SenseTime finishes restructuring", fuzzy=True, kind="title"),
        *SENSETIME[1:],
    ]
    folder = write_article(
        tmp_path, "sensetime", rows, english_title="SenseTime completes reorg to focus on GenAI"
    )
    build_article(folder)
    first = (folder / "en.md").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# SenseTime completes reorg to focus on GenAI"


def test_paragraph_order_follows_the_position_comment_not_file_order(tmp_path: Path) -> None:
    rows = [
        Row("p10.s1", "第十段。", "Paragraph ten."),
        Row("p2.s2", "第二段第二句。", "Second sentence."),
        Row("p2.s1", "第二段第一句。", "First sentence."),
    ]
    folder = write_article(tmp_path, "order", rows, obsolete=(Row("p3.s1", "刪除了。", "Removed."),))
    build_article(folder)
    assert (folder / "en.md").read_text(
        encoding="utf-8"
    ) == "First sentence. Second sentence.\n\nParagraph ten.\n"


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        ("[MT: {}]", "[MT: The stock jumped 14% in trading last Friday.]"),
        ("TODO-REVIEW ", "TODO-REVIEW The stock jumped 14% in trading last Friday."),
    ],
)
def test_marker_is_configurable(tmp_path: Path, marker: str, expected: str) -> None:
    folder = write_article(
        tmp_path, "a", [Row("p1.s1", "該股在上周五的交易中飆升了14%。", SENSETIME[7].english, fuzzy=True)]
    )
    result = build_article(folder, marker=marker)
    assert (folder / "en.md").read_text(encoding="utf-8") == expected + "\n"
    assert result.marked == 1


def test_reviewed_only_refuses_and_lists_every_unreviewed_entry(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "sensetime", SENSETIME)
    result = build_article(folder, reviewed_only=True)
    assert result.refused
    assert result.written == ()
    assert not (folder / "en.md").exists()
    assert [(u.position, u.reason) for u in result.unreviewed] == [
        ("p5.s1", "fuzzy"),
        ("p9.s2", "fuzzy"),
        ("p9.s3", "empty"),
    ]
    assert "成立十年後" in str(result.unreviewed[-1])


def test_reviewed_only_writes_a_clean_draft_once_everything_is_reviewed(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "sensetime", SENSETIME)
    review(folder, {"p9.s3": "Ten years after its founding, SenseTime is still losing money."})
    result = build_article(folder, reviewed_only=True)
    text = (folder / "en.md").read_text(encoding="utf-8")
    assert not result.refused and result.unreviewed == ()
    assert DEFAULT_MARKER.strip() not in text
    assert text.rstrip().endswith("Ten years after its founding, SenseTime is still losing money.")


def test_rebuild_reflects_the_po_files_as_they_are_now(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "sensetime", SENSETIME)
    build_article(folder)
    assert "⟦MT⟧ The company is expected" in (folder / "en.md").read_text(encoding="utf-8")
    review(folder, {"p9.s2": "SenseTime expects to keep losing money until at least 2026."})
    build_article(folder)
    text = (folder / "en.md").read_text(encoding="utf-8")
    assert "SenseTime expects to keep losing money until at least 2026." in text
    assert "The company is expected" not in text


def test_missing_zh_hans_po_writes_only_the_english(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "a", SENSETIME, simplified=False)
    result = build_article(folder)
    assert result.written == (folder / "en.md",)
    assert not (folder / "zh_Hans.txt").exists()


def test_article_folders_accepts_a_tree_or_folders(tmp_path: Path) -> None:
    a = write_article(tmp_path / "translations", "b-second", SENSETIME[:2])
    b = write_article(tmp_path / "translations", "a-first", SENSETIME[:2])
    assert article_folders([tmp_path / "translations"]) == [b, a]
    assert article_folders([a, tmp_path / "translations"]) == [a, b]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no en.po found"):
        article_folders([tmp_path / "empty"])
    with pytest.raises(InputError, match="no such folder"):
        article_folders([tmp_path / "missing"])


def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no en.po here"):
        build_article(tmp_path)
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "en.po").write_text('msgid "unterminated\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(POFileError, match=r"broken/en.po:1: ") as err:
        build_article(folder)
    assert "\n" not in str(err.value)
    assert not (folder / "en.md").exists()
    half = write_article(tmp_path, "half", SENSETIME[:1])
    (half / "zh_Hans.po").write_text('msgid "open\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(POFileError, match=r"half/zh_Hans.po:1: "):
        build_article(half)
    assert not (half / "en.md").exists()
    good = write_article(tmp_path, "good", SENSETIME[:1])
    with pytest.raises(InputError, match="marker is empty"):
        build_article(good, marker="  ")
