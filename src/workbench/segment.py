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


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (non-breaking and ideographic spaces included) to one space."""
    return _WS.sub(" ", text).strip()


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
