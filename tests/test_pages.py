from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEED
from workbench.cli import _register, app
from workbench.errors import InputError
from workbench.model import ParagraphKind
from workbench.pages import split_page

_register()


def test_seed_page_holds_five_articles_with_stable_ids(seed_text: str) -> None:
    articles = split_page(seed_text, "seed.txt")
    assert [a.title for a in articles] == [
        "SenseTime completes reorg to focus on GenAI",
        # The page's no-break spaces stay in the titles, as a CAT tool segmenting the page sees them.
        "簡訊:上市月餘股價勁挫\u00a0遇見小麵急回購挺股價",
        "簡訊:零跑汽車引入地方國資 發行內資股集資30億元",
        "富貴險中求\u00a0華興資本試水不良貸款",
        "簡訊:毛戈平減持毛戈平",
    ]
    ids = [a.id for a in articles]
    assert ids[1:] == [
        "2408-hk-423d51",
        "9863-hk-c7c975",
        "china-renaissance-is-a-financial-company",
        "1318-hk-cfd858",
    ]
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


# Each boundary rule alone: the control page lacks only the marker, so nothing else can make the cut.
A = "騰訊控股周二公布業績,收入按年增長14%。"
B = "美團股價周三低開,至中午休市報149.2港元。"
FOOTER_LINE = "欲訂閱咏竹坊每周免費通訊,請點擊這裏"


@pytest.mark.parametrize(
    ("marked", "unmarked", "second_starts_with"),
    [
        (f"{A}\n3690.HK\n{B}\n", f"{A}\n{B}\n", B),  # a ticker tag line starts an article
        (f"{A}\nMeituan shares open lower\n{B}\n", f"{A}\n{B}\n", B),  # an English headline starts one
        (
            f"{A}\n簡訊:美團低開\n{B}\n",
            f"{A}\n美團低開\n{B}\n",
            "簡訊:美團低開",
        ),  # a brief's title starts one
        (f"{A}{FOOTER_LINE}\n{B}\n", f"{A}\n{B}\n", B),  # the subscription footer ends one
    ],
    ids=["ticker-tag", "english-headline", "brief-title", "footer"],
)
def test_each_boundary_rule_alone_cuts_the_page(marked: str, unmarked: str, second_starts_with: str) -> None:
    first, second = split_page(marked, "p.txt")
    assert [p.text for p in first.paragraphs] == [A]
    assert second.paragraphs[0].text == second_starts_with
    (whole,) = split_page(unmarked, "p.txt")
    assert len(whole.paragraphs) >= 2


def test_tag_and_headline_lines_become_the_metadata_of_the_article_they_start() -> None:
    _, tagged = split_page(f"{A}\n3690.HK\n{B}\n", "p.txt")
    _, headed = split_page(f"{A}\nMeituan shares open lower\n{B}\n", "p.txt")
    assert tagged.tickers == ("3690.HK",) and tagged.id.startswith("3690-hk-")
    assert headed.english_title == "Meituan shares open lower" and headed.id == "meituan-shares-open-lower"


@pytest.mark.parametrize("page", ["中\n", f"{FOOTER_LINE}\n", "0020.HK\n新聞\n"])
def test_a_page_that_yields_no_article_is_refused_with_one_line(page: str) -> None:
    with pytest.raises(InputError) as err:
        split_page(page, "p.txt")
    message = str(err.value)
    assert message.startswith("p.txt: no article found") and "\n" not in message


@pytest.mark.parametrize("command", ["translate", "segment"])
@pytest.mark.parametrize("page", ["中\n", f"{FOOTER_LINE}\n"])
def test_translate_and_segment_exit_2_on_a_page_without_articles_and_write_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, page: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    result = CliRunner().invoke(app, [command, "page.txt"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "workbench: page.txt: no article found (only section labels, tags or the subscription footer); "
        "give a page with at least one Chinese article"
    ]
    # Not even the translations folder or its lock file: the page is refused before the run starts.
    assert [p.name for p in tmp_path.rglob("*")] == ["page.txt"]


def test_a_page_without_articles_among_good_ones_stops_the_run_before_any_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, tmp_path / "good.txt")
    (tmp_path / "junk.txt").write_text(f"{FOOTER_LINE}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", "good.txt", "junk.txt", "--no-mt"])
    assert result.exit_code == 2
    assert "junk.txt: no article found" in result.stderr
    assert not (tmp_path / "translations").exists()
