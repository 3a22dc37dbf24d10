from __future__ import annotations

import re

from workbench.model import ParagraphKind
from workbench.pages import split_page


def test_seed_page_holds_five_articles_with_stable_ids(seed_text: str) -> None:
    articles = split_page(seed_text, "seed.txt")
    assert [a.title for a in articles] == [
        "SenseTime completes reorg to focus on GenAI",
        "簡訊:上市月餘股價勁挫 遇見小麵急回購挺股價",
        "簡訊:零跑汽車引入地方國資 發行內資股集資30億元",
        "富貴險中求 華興資本試水不良貸款",
        "簡訊:毛戈平減持毛戈平",
    ]
    ids = [a.id for a in articles]
    assert ids == [a.id for a in split_page(seed_text, "elsewhere.txt")]
    assert len(set(ids)) == 5
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)
    assert ids[0] == "sensetime-completes-reorg-to-focus-on-genai"
    assert ids[1].startswith("2408-hk-")


def test_metadata_lines_are_not_paragraphs(seed_text: str) -> None:
    articles = split_page(seed_text, "seed.txt")
    texts = [p.text for a in articles for p in a.paragraphs]
    assert articles[0].tickers == ("0020.HK",)
    assert articles[3].english_title == "China Renaissance is a financial company"
    assert "0020.HK" not in texts
    assert not any("SenseTime completes" in t or "China Renaissance is" in t for t in texts)
    assert "新聞" not in texts  # a section label, not an article
    assert not any("欲訂閱" in t for t in texts)  # the footer is dropped


def test_collapsed_feature_comes_out_in_paragraphs(seed_text: str) -> None:
    feature = split_page(seed_text, "seed.txt")[3]
    kinds = [p.kind for p in feature.paragraphs]
    assert kinds[:6] == [
        ParagraphKind.TITLE,
        ParagraphKind.STANDFIRST,
        ParagraphKind.HIGHLIGHTS,
        ParagraphKind.BULLET,
        ParagraphKind.BULLET,
        ParagraphKind.BYLINE,
    ]
    assert feature.paragraphs[5].text == "梁武仁"
    assert feature.paragraphs[6].text.startswith("隨著中國借款人財務壓力上升")
    headings = [p.text for p in feature.paragraphs if p.kind is ParagraphKind.HEADING]
    assert headings == ["不良債務堆積"]
    assert sum(p.kind is ParagraphKind.BODY for p in feature.paragraphs) == 15


def test_feature_layout_with_bullets_and_byline(seed_text: str) -> None:
    sensetime = split_page(seed_text, "seed.txt")[0]
    first = sensetime.paragraphs[:5]
    assert [p.kind for p in first] == [
        ParagraphKind.STANDFIRST,
        ParagraphKind.HIGHLIGHTS,
        ParagraphKind.BULLET,
        ParagraphKind.BULLET,
        ParagraphKind.BYLINE,
    ]
    assert first[2].text == "商湯已完成戰略重組,將生成式人工智能作為主要增長動力"
    assert (first[4].text, first[4].line) == ("肖林", 13)
    assert [p.text for p in sensetime.paragraphs if p.kind is ParagraphKind.HEADING] == ["競爭激烈的領域"]


def test_brief_bylines_are_split_from_the_footer(seed_text: str) -> None:
    articles = split_page(seed_text, "seed.txt")
    bylines = [[p.text for p in a.paragraphs if p.kind is ParagraphKind.BYLINE] for a in articles]
    assert bylines == [["肖林"], ["陽歌"], ["李世達"], ["梁武仁"], ["劉智恒"]]


def test_english_inside_chinese_does_not_cut_paragraphs() -> None:
    page = "簡訊:測試標題\n\n公司應對AI 2.0時代的機遇。投資Web 3.0的計劃。 公司股價上升。\n"
    article = split_page(page, "p.txt")[0]
    assert [p.text for p in article.paragraphs] == [
        "簡訊:測試標題",
        "公司應對AI 2.0時代的機遇。投資Web 3.0的計劃。",
        "公司股價上升。",
    ]


def test_page_without_any_marker_is_one_article() -> None:
    page = "公司股價周三低開,至中午休市報49.24港元,跌2.5%。\n\n市場反應平淡。\n"
    articles = split_page(page, "p.txt")
    assert len(articles) == 1
    assert articles[0].paragraphs[0].kind is ParagraphKind.BODY
