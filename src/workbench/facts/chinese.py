"""The facts of a Chinese sentence: amounts, shares, counts, percentages, prices, dates, tickers and names.

The reader follows the conventions of Hong Kong financial copy rather than any one paper's sentences:
multipliers (萬, 億, 萬億, 兆) and currencies (元, 港元, 美元, 人民幣 ...) before or after the number,
ranges that share their unit (78億至117億元, 3至4元), hedges that belong to the fact (約, 逾, 多), tickers in
every bracketed and bare form, and Chinese numerals where they stand for a quantity. A span is claimed by
the first reader that wants it, in this order: glossary names, tickers, dates, quantities, so 58同城 as a
name is never read as 58 of something, and (2408.HK) is never read as an amount.

Each reader lives in its own module with the patterns only it uses (``zh_tickers``, ``zh_dates``,
``zh_quantities``); this one blanks out the names and keeps the order in which the readers claim spans.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from workbench.facts.article import NO_ARTICLE, ArticleContext, named_companies
from workbench.facts.numerals import fold
from workbench.facts.style import DEFAULT_STYLE, Style
from workbench.facts.zh_dates import date_facts
from workbench.facts.zh_quantities import quantity_facts
from workbench.facts.zh_tickers import ticker_facts
from workbench.model import Fact, FactKind, TermHit


def extract(
    text: str,
    hits: Sequence[TermHit] = (),
    style: Style = DEFAULT_STYLE,
    companies: Sequence[str] = (),
    article: ArticleContext = NO_ARTICLE,
) -> tuple[Fact, ...]:
    """Every fact of a Chinese sentence, ordered by position, spans non-overlapping.

    ``hits`` are the glossary names found in ``text``; each becomes a NAME fact carrying the entry's English
    and tickers, and no number inside a name is read. ``companies``: the Chinese names of companies the
    sentence names otherwise (by a code, known to the glossary or not; ``article.named_companies``), which
    with the hits' decide the currency of results;
    ``article``: what the sentences before this one in its article said (``workbench.facts.article``), which
    decides a plain 元 the sentence alone leaves open.
    """
    folded = _masked(fold(text), hits)
    # Claimed spans, kept sorted and disjoint, so a claim tests its two neighbours only: a sentence with
    # thousands of figures costs time linear in them.
    starts: list[int] = []
    ends: list[int] = []
    facts: list[Fact] = []

    def claim(fact: Fact) -> None:
        if fact.start >= fact.end:
            return
        at = bisect.bisect_right(starts, fact.start)
        if (at > 0 and ends[at - 1] > fact.start) or (at < len(starts) and starts[at] < fact.end):
            return
        starts.insert(at, fact.start)
        ends.insert(at, fact.end)
        facts.append(fact)

    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        claim(
            Fact(
                kind=FactKind.NAME,
                text=text[hit.start : hit.end],
                start=hit.start,
                end=hit.end,
                english=hit.entry.english,
                tickers=hit.entry.tickers,
            )
        )
    name_ends = {hit.end for hit in hits}
    for fact in ticker_facts(text, folded, name_ends, style):
        claim(fact)
    for fact in date_facts(text, folded, style):
        claim(fact)
    named = [*(h.entry.traditional for h in hits if h.entry.type == "company"), *companies]
    for fact in quantity_facts(text, folded, style, named, article):
        claim(fact)
    return tuple(sorted(facts, key=lambda f: f.start))


def in_context(
    text: str,
    hits: Sequence[TermHit],
    facts: tuple[Fact, ...],
    style: Style = DEFAULT_STYLE,
    article: ArticleContext = NO_ARTICLE,
    code_hits: Sequence[TermHit] = (),
) -> tuple[Fact, ...]:
    """``facts``, as ``extract(text, hits, style)`` read them, read again where a plain 元 was left open and
    the companies the sentence names (``hits``, ``code_hits`` for names by code alone, and codes the
    glossary lacks) or its ``article`` can decide it. Only such an amount can change, so a sentence without
    one is not read twice."""
    if not any(fact.alternatives for fact in facts):
        return facts
    companies = named_companies(text, (*hits, *code_hits), facts)
    if not companies and not article:
        return facts
    return extract(text, hits, style, companies, article)


def _masked(folded: str, hits: Sequence[TermHit]) -> str:
    """``folded`` with the glossary names blanked out, so no reader sees a name's characters: the 周六 of
    周六福 is no Saturday and the 十月 of 十月稻田 no October, even where a pattern would start before the
    name or run past it. The blank is no digit, letter or Chinese character, and keeps every offset."""
    if not hits:
        return folded
    chars = list(folded)
    for hit in hits:
        chars[hit.start : hit.end] = _MASK * (hit.end - hit.start)
    return "".join(chars)


_MASK = "\ufffc"
