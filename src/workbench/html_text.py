"""A page saved from a browser as HTML, read as the text a reader sees.

A page saved as HTML and read as text gave msgids full of ``<p>`` and sentences of scripts and menus. Such
a page is read through the standard library's HTML parser instead: the text of each block element (a
paragraph, a heading, a list item, a table cell) becomes one line, inline markup (links, bold, ``<span>``)
joins its text, and entities become characters. What a reader does not see as the article is dropped:
scripts, styles, the head (except its ``<title>``), navigation, forms, asides, and the site's own header and
footer. When the page marks its articles (``<article>`` or ``<main>``), only their text is kept. The
document's ``<title>`` is kept as the headline of a page that marks no articles and has no ``<h1>``;
otherwise it is the site's name for the page, and the articles carry their own headlines.

Each line is placed at the line of the HTML where its block starts, as far as the order allows, so the
``#:`` references of the PO files point into the HTML file as saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose content is never article text.
_SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "head", "nav", "aside", "form", "button", "select",
        "textarea", "svg", "math", "iframe", "object", "canvas", "dialog", "menu",
    }
)  # fmt: skip
# The site's header and footer; inside an article they hold its headline or byline and are kept.
_SITE_PARTS = frozenset({"header", "footer"})
_CONTAINERS = frozenset({"article", "main"})
# Elements that start a new line of text.
_BLOCKS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "figcaption",
        "caption", "tr", "td", "th", "table", "ul", "ol", "dl", "section", "address", "figure", "hr", "br",
        "body", "html", *_CONTAINERS, *_SITE_PARTS,
    }
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "area", "base", "col", "source"})
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# A line break of the HTML source beside a Chinese character is no space: browsers join Chinese characters
# across it (CSS Text 3), and Chinese copy puts no space after its commas; a space there would read as a
# paragraph boundary to the page splitter.
# HTML's white space (a no-break space is text, kept as the page has it).
_WS = "[ \\t\\n\\r\\f]"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \\t]*\\n{_WS}*|[ \\t]*\\n{_WS}*(?=[{_CJK}])")
_SPACE = re.compile(f"{_WS}+")
_START = re.compile(
    r"<(?:!doctype\s*html|html|head|body|meta|title|p|div|article|h[1-6]|br)\b", re.IGNORECASE
)
_CLOSING_PARAGRAPH = re.compile(r"</p\s*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether a decoded page is HTML: it opens with a tag of an HTML document, or it closes paragraphs
    (``</p>`` never occurs in prose)."""
    head = text.lstrip()[:4096]
    return bool(head.startswith("<") and _START.search(head)) or len(_CLOSING_PARAGRAPH.findall(text)) >= 2


@dataclass
class _Block:
    line: int
    inside: bool  # within an <article> or <main>
    text: list[str] = field(default_factory=list)
    bullet: bool = False


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.title: _Block | None = None
        self.has_h1 = False
        self._skipping: list[str] = []  # open elements whose content is dropped
        self._containers = 0
        self._open_title: _Block | None = None  # the title while its text comes
        self._current: _Block | None = None
        self._bullet = False  # a list item has begun and its text has not come yet

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID and tag not in _BLOCKS:
            return
        if tag == "title" and self.title is None:
            # The one part of the head a reader sees, in the window's title bar.
            self.title = self._open_title = _Block(self.getpos()[0], inside=False)
            return
        if self._skipping:
            if tag in _SKIP or tag in _SITE_PARTS:
                self._skipping.append(tag)
            return
        if tag in _SKIP or (tag in _SITE_PARTS and not self._containers):
            self._end_block()
            if tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag in _CONTAINERS:
            self._containers += 1
        if tag in _BLOCKS:
            self._end_block()
            self._bullet = tag == "li" or (self._bullet and tag not in ("br", "hr"))
        if tag == "h1":
            self.has_h1 = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS and not self._skipping:
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._open_title = None
            return
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            elif tag in self._skipping:
                # A missing end tag inside: close back to the element that ends here.
                del self._skipping[self._skipping.index(tag) :]
            return
        if tag in _BLOCKS:
            self._end_block()
        if tag in _CONTAINERS and self._containers:
            self._containers -= 1

    def handle_data(self, data: str) -> None:
        if self._open_title is not None:
            self._open_title.text.append(data)
            return
        if self._skipping:
            return
        if self._current is None:
            if not data.strip():
                return
            # The line where the block's text begins, past the whitespace that opens this piece.
            line = self.getpos()[0] + data.count("\n", 0, len(data) - len(data.lstrip()))
            self._current = _Block(line, self._containers > 0, bullet=self._bullet)
            self._bullet = False
        self._current.text.append(data)

    def _end_block(self) -> None:
        if self._current is not None:  # a block begins with text that is more than white space
            self.blocks.append(self._current)
        self._current = None

    def close(self) -> None:
        super().close()
        self._end_block()


def html_text(html: str) -> str:
    """The text of an HTML page, one block a line, at the lines of the HTML its blocks start on."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    blocks = reader.blocks
    if reader.title is not None and not reader.has_h1 and _clean(reader.title.text):
        # A page of one article with no headline in its body: the window's title is the headline.
        blocks = [reader.title, *blocks]
    if any(b.inside for b in blocks):
        # The articles the page marks carry their own headlines; the title is the site's name for the page.
        blocks = [b for b in blocks if b.inside]
    lines: list[str] = []
    for block in blocks:
        text = _clean(block.text)  # never empty: a block begins with text, a title is kept with text
        if block.bullet:
            text = f"• {text}"
        # Blank lines up to the block's own line; two blocks on one line of HTML take the next lines.
        lines.extend([""] * (block.line - 1 - len(lines)))
        lines.append(text)
    return "\n".join(lines) + "\n"


def _clean(parts: list[str]) -> str:
    text = _CJK_BREAK.sub("", "".join(parts))
    return _SPACE.sub(" ", text).strip()
