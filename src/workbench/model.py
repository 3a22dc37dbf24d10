"""The small data model every stage shares.

Stages are plain functions over these frozen records; only the ends of the pipeline touch the disk.
A PO entry is built from a ``Segment`` at the export edge and never passed around inside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class ParagraphKind(str, Enum):
    """What a block of an article is, so exporters and the English draft can lay it out."""

    TITLE = "title"
    STANDFIRST = "standfirst"
    HEADING = "heading"  # a section heading inside the body (競爭激烈的領域)
    HIGHLIGHTS = "highlights"  # the 重點 label itself
    BULLET = "bullet"  # one highlight under 重點
    BYLINE = "byline"
    BODY = "body"


@dataclass(frozen=True)
class Paragraph:
    kind: ParagraphKind
    text: str
    line: int  # 1-based line of the page the paragraph starts on


@dataclass(frozen=True)
class Article:
    id: str  # a slug, stable across runs and safe as a folder name
    title: str
    source: str  # the page path as the user gave it
    paragraphs: tuple[Paragraph, ...]  # in page order; the Chinese title, when there is one, first
    english_title: str | None = None  # an English headline or caption printed with the article
    tickers: tuple[str, ...] = ()  # a ticker tag line above the article (0020.HK), normalised


@dataclass(frozen=True)
class GlossaryEntry:
    traditional: str
    simplified: str
    english: str
    aliases: tuple[str, ...] = ()  # short forms in Chinese, and English variants accepted in drafts
    tickers: tuple[str, ...] = ()  # normalised (see workbench.tickers)
    type: str = "company"  # company, person, organisation, exchange, term
    forbidden: tuple[str, ...] = ()  # English renderings that must not appear
    notes: str = ""
    row: int = 0  # line of the CSV file the entry came from (header is line 1)


@dataclass(frozen=True)
class TermHit:
    """A glossary name found in a source sentence."""

    entry: GlossaryEntry
    start: int
    end: int
    text: str  # the matched span, which may be an alias


class FactKind(str, Enum):
    AMOUNT = "amount"  # money: 3.08億元
    SHARES = "shares"  # 5,996萬股
    COUNT = "count"  # a bare quantity: 1,720萬, 6,114人
    AREA = "area"  # square metres
    PERCENT = "percent"
    MULTIPLE = "multiple"  # 2.2倍
    POINTS = "points"  # index points
    PRICE = "price"  # 報7.87元
    DATE = "date"
    TICKER = "ticker"
    NAME = "name"  # a glossary name


@dataclass(frozen=True)
class Fact:
    """One checkable fact of a source sentence, with its English rendering."""

    kind: FactKind
    text: str  # the source span
    start: int
    end: int
    english: str  # house-style English rendering, e.g. "308 million yuan", "(0020.HK)"
    value: Decimal | None = None  # exact value in base units (yuan, shares, percent points ...)
    upper: Decimal | None = None  # upper bound of a range (78億至117億元)
    unit: str = ""  # currency or unit code: CNY, HKD, USD, shares, people, sqm, % ...
    tickers: tuple[str, ...] = ()  # normalised tickers, for TICKER and NAME facts
    # Other units the source may mean: a plain 元 whose sentence does not say HK$ or yuan. ``unit`` is the
    # likelier reading; a draft with one of these is accepted with a warning, never an error.
    alternatives: tuple[str, ...] = ()


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # worth knowing, never wrong by itself (one company's name starting another's)


@dataclass(frozen=True)
class Finding:
    check: str  # the name the check is registered under
    severity: Severity
    message: str  # one line a reviewer can act on
    source_span: str | None = None
    target_span: str | None = None
    row: int | None = None  # the glossary row at fault, for findings of ``glossary check``


class Origin(str, Enum):
    """Where a draft came from."""

    NONE = "none"
    MT = "mt"
    TM_EXACT = "tm-exact"
    TM_FUZZY = "tm-fuzzy"
    REVIEWER = "reviewer"


@dataclass(frozen=True)
class Segment:
    """One sentence of an article, and everything the pipeline learns about it."""

    article_id: str
    paragraph: int  # 1-based index into Article.paragraphs (the title, when present, is p1)
    sentence: int  # 1-based within the paragraph
    text: str  # Traditional Chinese source
    line: int  # 1-based line of the page
    kind: ParagraphKind = ParagraphKind.BODY
    simplified: str = ""
    draft: str = ""
    score: float | None = None  # MT log-probability per token, or TM match score (0-100)
    alternatives: tuple[str, ...] = ()
    origin: Origin = Origin.NONE
    hits: tuple[TermHit, ...] = ()
    facts: tuple[Fact, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = field(default=())  # extra reviewer hints (TM source, repetition, ...)

    @property
    def ctx(self) -> str:
        """A readable id of the sentence for listings: ``<article-id>:p3.s2``.

        It names the place, so it is not the PO key; ``workbench.po.keys`` makes the keys.
        """
        return f"{self.article_id}:p{self.paragraph}.s{self.sentence}"
