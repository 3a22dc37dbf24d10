"""A page saved as HTML, read as the text a reader sees: each rule of ``html_text`` on a small real page.

The text is compared whole, blank lines included: each line sits at the line of the HTML where its block
starts, so the ``#:`` references of the PO files point into the file as saved, and a block placed one line
off is a wrong reference an editor follows.
"""

from __future__ import annotations

import pytest

from workbench.html_text import html_text, looks_like_html

HEADLINE = "商湯完成重組"
LEAD = "商湯集團股份有限公司(0020.HK)周二宣布重組已完成。"
SECOND = "公司股價上升3%。"


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html>\n<link rel='stylesheet' href='site.css'>\n<span>商湯</span>\n", True),
        ("<!doctypehtml><span>商湯</span>", True),  # browsers read a doctype without its space alike
        ("<HTML><span>商湯</span></HTML>", True),
        ("  \n<p>商湯重組</p>\n", True),
        ("<研究報告>\n商湯重組完成。\n", False),  # a bracketed title in prose opens with "<" too
        ("商湯重組完成。網頁中的<p>標籤將改寫。\n", False),  # a tag named in prose is not a page of tags
        ("商湯重組完成。</p>\n", False),  # one closing paragraph tag may be a quotation
        ("商湯重組完成。</p>\n公司股價上升。</p>\n", True),  # a fragment copied out of a page's source
        ("商湯重組完成。</p >\n公司股價上升。</P>\n", True),
        ("商湯。</p>\n股價。</p>\n成交。</p>\n", True),
        (f"{HEADLINE}\n\n{LEAD}\n", False),
    ],
)
def test_what_is_taken_for_html(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html


@pytest.mark.parametrize(
    ("html", "text"),
    [
        # Blocks at their own lines; inline markup joins its text, entities become characters.
        (f"<p>{LEAD}</p>\n<p>公司股價<b>上升</b>3%。</p>\n", f"{LEAD}\n{SECOND}\n"),
        ("<p>A&amp;B Holdings &lt;0001&gt;</p>", "A&B Holdings <0001>\n"),
        # A break starts a line, written either way; an image inside a sentence does not.
        ("<p>上升<br>3%</p>", "上升\n3%\n"),
        ("<p>上升<br/>3%</p>", "上升\n3%\n"),
        ("<p>Shares <img src='up.png'/>rose 3%.</p>", "Shares rose 3%.\n"),
        # A block whose text starts on a later line of the HTML is placed there.
        (f"<p>\n{LEAD}</p>", f"\n{LEAD}\n"),
        (f"<p>\n\n{LEAD}</p>", f"\n\n{LEAD}\n"),
        # Lines within one block do not move it; two blocks on one HTML line take the next lines.
        (
            f"\n<p>Shares rose\n3%.</p><p>{SECOND}</p>\n<p>{LEAD}</p>",
            f"\nShares rose 3%.\n{SECOND}\n{LEAD}\n",
        ),
        # Scripts, styles and menus are not article text, nested or left unclosed.
        (f"<script>var x = 1;</script><p>{LEAD}</p>", f"{LEAD}\n"),
        (f"<nav><a href='/'>首頁</a> <a href='/hk'>港股</a></nav>\n<p>{LEAD}</p>", f"\n{LEAD}\n"),
        (f"<nav><form>搜尋</nav>\n<p>{LEAD}</p>", f"\n{LEAD}\n"),
        (f"<nav><nav>首頁</nav>港股頻道</nav>\n<p>{LEAD}</p>", f"\n{LEAD}\n"),
        (f"<nav>首頁<br/>港股</nav>\n<p>{LEAD}</p>", f"\n{LEAD}\n"),
        # The site's header and footer go, nested too; inside an article they are its own.
        (
            f"<header><header>咏竹坊</header><p>財經新聞</p></header>\n<p>{LEAD}</p>\n<footer>版權所有</footer>",
            f"\n{LEAD}\n",
        ),
        (
            f"<nav>首頁</nav>\n<article><header><h1>{HEADLINE}</h1></header>\n<p>{LEAD}</p></article>\n"
            "<p>相關文章</p>",
            f"\n{HEADLINE}\n{LEAD}\n",
        ),
        # Each article marked on the page, and only what is in one.
        (
            f"<p>港股收市</p>\n<article><p>{LEAD}</p></article>\n<p>熱門</p>\n"
            f"<main><p>{SECOND}</p></main>\n<p>版權所有</p>",
            f"\n{LEAD}\n\n{SECOND}\n",
        ),
        (
            f"<main><article><p>{LEAD}</p></article>\n<p>{SECOND}</p></main>\n<p>熱門</p>",
            f"{LEAD}\n{SECOND}\n",
        ),
        # List items are bulleted, also when their text sits in a paragraph; a rule or a break first is not.
        (
            "<ul>\n<li>收入上升</li>\n<li><p>純利上升</p></li>\n</ul>\n<p>完</p>",
            "\n• 收入上升\n• 純利上升\n\n完\n",
        ),
        ("<ul><li><br>收入上升</li></ul>", "收入上升\n"),
        ("<ul><li><hr>收入上升</li></ul>", "收入上升\n"),
    ],
)
def test_the_text_of_a_page(html: str, text: str) -> None:
    assert html_text(html) == text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        # No article marked and no <h1>: the window's title is the headline, at its own line.
        (
            f"<html>\n<head>\n  <title>{HEADLINE}</title>\n<style>p {{}}</style></head>\n<body><p>{LEAD}</p>",
            f"\n\n{HEADLINE}\n\n{LEAD}\n",
        ),
        # With an <h1> the title is the site's name for the page.
        (
            f"<head><title>咏竹坊 | {HEADLINE}</title></head>\n<body><h1>{HEADLINE}</h1>\n<p>{LEAD}</p>",
            f"\n{HEADLINE}\n{LEAD}\n",
        ),
        # With articles marked, the articles carry their own headlines.
        (
            f"<head><title>咏竹坊 | {HEADLINE}</title></head>\n<body>\n<article><p>{LEAD}</p></article>",
            f"\n\n{LEAD}\n",
        ),
        # An empty title is no headline; a page without one is read all the same.
        (f"<head><title> </title></head>\n<p>{LEAD}</p>", f"\n{LEAD}\n"),
        (f"<p>{LEAD}</p>", f"{LEAD}\n"),
    ],
)
def test_the_window_title_is_the_headline_only_of_a_page_that_has_none(html: str, text: str) -> None:
    assert html_text(html) == text
