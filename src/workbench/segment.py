"""Splitting paragraphs into sentences.

A sentence ends after 。！？!? or … (runs of them count as one end, ！？ and …… included), together with the
closing quotes and brackets that follow (」』”’）)》〉】), so a quotation stays with the sentence it closes.
Nothing else ends a sentence: the ASCII full stop never does, so 3.08, 0020.HK, QFIN.US, 1,390, dates and
English phrases inside Chinese text can never be split. The semicolon (；/;) does not end a sentence either:
in Chinese financial copy it joins clauses that belong together (其中70%用於研發投入;餘額撥作補充營運資金。),
and a clause on its own translates worse and reads as a fragment in review.

A terminator inside an open quotation or bracket does not end the sentence, unless the brackets of the
paragraph never balance, in which case they are ignored. An ASCII ! or ? right after a Latin letter is part
of a name (Yahoo!公司今日公布業績。 is one sentence, so is 節目Jeopardy!的收視); after Chinese text or a
figure it ends the sentence as the full-width marks do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.model import Article, ParagraphKind, Segment

TERMINATORS = frozenset("。！？!?…")
OPENERS = "「『“‘（(《〈【"
CLOSERS = "」』”’）)》〉】"
# Paragraphs that are translated whole, never split into sentences.
WHOLE = frozenset(
    {
        ParagraphKind.TITLE,
        ParagraphKind.HEADING,
        ParagraphKind.HIGHLIGHTS,
        ParagraphKind.BULLET,
        ParagraphKind.BYLINE,
    }
)
_WS = re.compile(r"[\s\u00a0\u3000\u2000-\u200b\u202f\u205f\ufeff]+")
# Space characters a page chooses on purpose (Unicode Zs other than the plain space): a no-break space
# between a headline's two halves, an ideographic space. One of them alone is kept as the page has it.
_KEPT_SPACES = frozenset(
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)


def normalise_space(text: str) -> str:
    """The line as the page has it, its edges trimmed and its runs of white space made one.

    A single space character inside the line is kept as it is (a no-break space stays a no-break space),
    so a sentence is the page's own text and a CAT tool that segments the page finds it in exchange files
    and memories; a run of white space, a tab or another control character, and a zero-width space
    become one plain space, as before.
    """
    return _WS.sub(_one_space, text).strip()


def fold_space(text: str) -> str:
    """``text`` with every run of white space as one plain space, whatever its kind: what tells whether two
    sentences differ only in their spaces (the same sentence, read before and after the page's spaces
    were kept) when entries and folders are paired."""
    return _WS.sub(" ", text).strip()


def _one_space(match: re.Match[str]) -> str:
    run = match.group()
    return run if run in _KEPT_SPACES else " "


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, in order; none is empty.

    Joined together they give back the paragraph as ``normalise_space`` leaves it, less the spaces that
    stood between two sentences.
    """
    text = normalise_space(paragraph)
    if not text:
        return []
    ends = _sentence_ends(text, respect_brackets=True)
    if ends is None:
        ends = _sentence_ends(text, respect_brackets=False) or []
    sentences: list[str] = []
    start = 0
    for end in [*ends, len(text)]:
        piece = text[start:end].strip()
        if piece:
            sentences.append(piece)
        start = end
    return sentences


def _sentence_ends(text: str, respect_brackets: bool) -> list[int] | None:
    """Offsets just after each sentence end; None when brackets are unbalanced and must be ignored."""
    ends: list[int] = []
    depth = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif ch in TERMINATORS and _ends_here(text, i):
            j = i
            while j < n and text[j] in TERMINATORS:
                j += 1
            while j < n and text[j] in CLOSERS:
                depth = max(0, depth - 1)
                j += 1
            if depth == 0 or not respect_brackets:
                ends.append(j)
            i = j
            continue
        i += 1
    if respect_brackets and depth > 0:
        return None
    return ends


def _ends_here(text: str, i: int) -> bool:
    """Whether the terminator at ``i`` ends a sentence.

    An ASCII ! or ? right after a Latin letter belongs to a name (Yahoo!公司, Jeopardy!), and one glued to
    Latin letters or digits after it is part of a token (a URL query); neither ends a sentence. After
    Chinese text or a figure (股價報3.08元!) it does.
    """
    if text[i] not in "!?":
        return True
    j = i
    while j > 0 and text[j - 1] in "!?":
        j -= 1  # Yahoo!! is still the name's mark
    before = text[j - 1] if j > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before.isascii() and before.isalpha():
        return False
    return not (after.isascii() and after.isalnum())


def sentences_of(article: Article) -> Iterator[Segment]:
    """The bare sentences of an article; titles, headings, bullets and bylines stay whole."""
    for p_index, paragraph in enumerate(article.paragraphs, start=1):
        sentences = [paragraph.text] if paragraph.kind in WHOLE else split_sentences(paragraph.text)
        for s_index, sentence in enumerate(sentences, start=1):
            yield Segment(article.id, p_index, s_index, sentence, paragraph.line, paragraph.kind)
