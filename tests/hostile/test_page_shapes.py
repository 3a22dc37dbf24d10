"""Pages in the wrong shape: one saved from a browser as HTML, and one written in Simplified Chinese.

An HTML page read as text once gave 61 msgids with ``<p>`` in them; a Simplified page was translated as if
Traditional without a word. ``fixtures/pages/seed-saved-from-browser.html`` is the seed page's articles as
a news site serves them (head with title, style and script, a menu, articles with links and entities, a
related-articles aside, the site's footer), saved from a browser; the Simplified page is the seed page
through OpenCC.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import polib
import pytest

from conftest import SEED
from desk import cli, seed_desk
from workbench.html_text import html_text, looks_like_html
from workbench.simplified import script_of, to_simplified
from workbench.textio import read_page

HTML_PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "seed-saved-from-browser.html"
# Text of the head, the menu, the aside and the footer that no article of the seed page contains.
NOT_ARTICLE_TEXT = [
    *("咏竹坊 |", "showBanner", "dataLayer", "股份代號", "新股", "相關文章", "港股收市", "版權所有"),
    *("聯絡我們", "私隱政策", "廣告", "document.write"),
]


def _run(*args: str) -> tuple[int, str]:
    result = cli(*args)
    return result.exit_code, result.stderr


def _msgids(tree: Path) -> dict[str, list[str]]:
    """Each article folder's msgids in file order."""
    return {
        folder.name: [e.msgid for e in polib.pofile(str(folder / "en.po")) if not e.obsolete]
        for folder in sorted(tree.iterdir())
        if (folder / "en.po").is_file()
    }


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    seed_desk(tmp_path, monkeypatch)
    shutil.copy(SEED, tmp_path / "seed.txt")
    shutil.copy(HTML_PAGE, tmp_path / "seed.html")
    return tmp_path


def test_an_html_page_gives_the_articles_of_the_text_page_and_no_tag(desk: Path) -> None:
    assert _run("translate", "seed.txt", "--no-mt", "--out", "from-text")[0] == 0
    code, err = _run("translate", "seed.html", "--no-mt", "--out", "from-html")
    assert code == 0, err
    assert "seed.html: read as HTML" in err

    from_html, from_text = _msgids(desk / "from-html"), _msgids(desk / "from-text")
    # The same articles, with the same sentences in the same order: titles and paragraphs all kept.
    assert from_html == from_text
    everything = "\n".join(m for ids in from_html.values() for m in ids)
    assert len(from_html) == 5 and sum(len(ids) for ids in from_html.values()) == 132
    for markup in ("<", ">", "&amp;", "&nbsp;", "href"):
        assert markup not in everything
    for text in NOT_ARTICLE_TEXT:
        assert text in HTML_PAGE.read_text(encoding="utf-8") and text not in everything, text
    # The no-break space the page wrote as &nbsp; stays one, as in the text page.
    assert "簡訊:上市月餘股價勁挫\xa0遇見小麵急回購挺股價" in from_html["2408-hk-423d51"]
    assert "欲訂閱咏竹坊每周免費通訊,請點擊這裏" not in everything
    en = polib.pofile(str(desk / "from-html" / "sensetime-completes-reorg-to-focus-on-genai" / "en.po"))
    assert en.metadata["X-Workbench-English-Title"] == "SenseTime completes reorg to focus on GenAI"


def test_an_html_pages_references_point_at_its_lines(desk: Path) -> None:
    assert _run("translate", "seed.html", "--no-mt")[0] == 0
    html_lines = HTML_PAGE.read_text(encoding="utf-8").split("\n")
    entries = [e for p in (desk / "translations").glob("*/en.po") for e in polib.pofile(str(p))]
    assert len(entries) == 132
    for entry in entries:
        ((page, line),) = entry.occurrences
        assert page == "seed.html"
        # The named line starts the element holding the sentence (a paragraph may wrap onto the next).
        element = "".join(text.strip() for text in html_lines[int(line) - 1 : int(line) + 1])
        element = re.sub(r"<[^>]+>", "", element).replace("&nbsp;", "\xa0")
        assert entry.msgid in element, (line, entry.msgid)


def test_a_page_without_articles_or_headline_keeps_its_window_title_as_its_headline() -> None:
    page = (
        "<html><head><title>商湯完成重組</title></head>\n"
        "<body><style>p{margin:0}</style><nav><a href='/'>首頁</a> <a href='/hk'>港股</a></nav>\n"
        "<script>var 提示 = '請登入';</script>\n"
        "<div class='content'><p>商湯集團股份有限公司(0020.HK)周二宣布重組已完成。</p>\n"
        "<p>公司股價<b>上升</b>3%。</p></div></body></html>\n"
    )
    assert looks_like_html(page)
    lines = ["商湯完成重組", "商湯集團股份有限公司(0020.HK)周二宣布重組已完成。", "公司股價上升3%。"]
    assert html_text(page).split() == lines


def test_a_sidebar_nested_in_a_sidebar_is_left_out_whole() -> None:
    """Sites nest their widgets (an aside of asides, a menu inside a menu): the text after the inner one
    closes is still the outer one's, not the article's."""
    page = (
        "<html><head><title>商湯完成重組</title></head><body>\n"
        "<div class='content'><p>商湯集團股份有限公司(0020.HK)周二宣布重組已完成。</p></div>\n"
        "<aside><aside><p>熱門</p></aside><p>相關文章：港股收市</p></aside>\n"
        "<nav><nav><a href='/'>首頁</a></nav><a href='/hk'>港股頻道</a></nav>\n"
        "</body></html>\n"
    )
    assert html_text(page).split() == ["商湯完成重組", "商湯集團股份有限公司(0020.HK)周二宣布重組已完成。"]


def test_a_text_page_is_not_taken_for_html() -> None:
    assert not read_page(SEED).html
    prose = "簡訊:網頁設計\n\n該公司表示,網頁中的<p>標籤將全部改寫。\n"
    assert not looks_like_html(prose)


def test_a_simplified_page_says_so_in_one_line_and_what_that_does(desk: Path) -> None:
    traditional = SEED.read_text(encoding="utf-8")
    (desk / "simplified.txt").write_text(to_simplified(traditional), encoding="utf-8")
    # One name whose Simplified form the glossary does not give.
    name = "牛津大學"
    with (desk / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows:
        if row[0] == name:
            row[1] = ""
    with (desk / "glossary.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert name in traditional

    code, err = _run("translate", "simplified.txt", "--no-mt", "--out", "simplified")
    assert code == 0, err
    notes = [line for line in err.splitlines() if "Simplified Chinese" in line]
    assert len(notes) == 1 and notes[0].startswith("simplified.txt: looks like Simplified Chinese (")
    assert "glossary names match only by the Simplified forms the glossary gives" in notes[0]
    assert "zh_Hans.po and zh_Hans.txt repeat the page's own text" in notes[0]
    code, err = _run("translate", "seed.txt", "--no-mt", "--out", "traditional")
    assert code == 0 and "Simplified Chinese" not in err

    def hints(tree: str) -> str:
        return "\n".join(p.read_text(encoding="utf-8") for p in (desk / tree).glob("*/en.po"))

    # What the note says: names still match by their Simplified form, except the one the glossary lacks.
    assert "#. glossary: 商汤集团股份有限公司 → SenseTime" in hints("simplified")
    assert f"#. glossary: {name} →" in hints("traditional")
    assert f"#. glossary: {to_simplified(name)} →" not in hints("simplified")
    # And the Simplified files repeat the page's text: every msgstr is its msgid.
    for zh in (desk / "simplified").glob("*/zh_Hans.po"):
        assert all(e.msgstr == e.msgid for e in polib.pofile(str(zh)))
    # Its subscription footers are found in Simplified too: the same articles and sentences as Traditional.
    simplified, traditional_ids = _msgids(desk / "simplified"), _msgids(desk / "traditional")
    assert [len(ids) for ids in simplified.values()] == [len(ids) for ids in traditional_ids.values()]
    assert "欲订阅" not in "".join(m for ids in simplified.values() for m in ids)


def test_the_script_counts_are_silent_on_traditional_with_a_few_simplified_characters() -> None:
    traditional = SEED.read_text(encoding="utf-8")
    assert not script_of(traditional).looks_simplified
    quoted = traditional.replace("市場反應冷淡", "市场反应冷淡")  # a quote from a mainland source
    assert not script_of(quoted).looks_simplified
    assert script_of(to_simplified(traditional)).looks_simplified
