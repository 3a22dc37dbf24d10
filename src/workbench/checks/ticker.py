"""Tickers: every listing code of the source in the draft, and none the source does not name.

Tickers are compared in normalised form (``workbench.tickers``), so a draft may write 0020.HK where the
source wrote (00020). A code in the draft that the source does not carry is allowed when it belongs to a
glossary entry the source names (a reviewer may add SenseTime's ticker); otherwise it was altered (07000.HK
for 0700.HK) or invented. A missing code and a foreign code in the same draft are reported as one altered
ticker, since that is what a reader sees.

A source's code written in another form than the house style's (``Tencent (0700)`` or ``(700)`` where the
house writes 0700.HK) is there all the same: a ``ticker-style`` warning, never "missing".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from workbench import tickers as ticker_forms
from workbench.checks.base import Context, Problem, check
from workbench.model import Fact, FactKind, Severity


@dataclass(frozen=True)
class TickerMatch:
    ticker: str  # normalised ticker of the source
    fact: Fact
    found: bool
    replaced_by: tuple[str, int, int] | None = None  # the draft's ticker standing in its place


@dataclass(frozen=True)
class TickerAlignment:
    matches: tuple[TickerMatch, ...]
    foreign: tuple[tuple[str, int, int], ...]  # draft tickers the source has no claim to, unpaired


def source_tickers(context: Context) -> list[tuple[str, Fact]]:
    seen: dict[str, Fact] = {}
    for fact in context.facts:
        if fact.kind is FactKind.TICKER:
            for ticker in fact.tickers:
                seen.setdefault(ticker, fact)
    return list(seen.items())


_BARE_CODE = re.compile(r"\(\s*(\d{1,5})\s*\)")


def written_tickers(context: Context) -> tuple[tuple[str, int, int], ...]:
    """The draft's tickers, and a source's Hong Kong code written as a bare number in brackets ((700))."""

    def compute() -> tuple[tuple[str, int, int], ...]:
        found = list(context.tickers)
        wanted = {t for t, _ in source_tickers(context) if t.endswith(".HK")}
        for m in _BARE_CODE.finditer(context.target):
            code = ticker_forms.normalise(m.group(1))
            if code in wanted and not any(s < m.end() and m.start() < e for _, s, e in found):
                found.append((code, m.start(1), m.end(1)))
        return tuple(sorted(found, key=lambda t: t[1]))

    return context.shared("written-tickers", compute)


def align_tickers(context: Context) -> TickerAlignment:
    def compute() -> TickerAlignment:
        wanted = source_tickers(context)
        written = written_tickers(context)
        present = {t for t, _, _ in written}
        allowed = {t for t, _ in wanted}
        for hit in context.hits:
            allowed.update(hit.entry.tickers)
        foreign = [occ for occ in written if occ[0] not in allowed]
        missing = [(t, f) for t, f in wanted if t not in present]
        # A draft that lost one code and gained another has one code altered; pair them in order.
        paired = len(missing) if len(missing) == len(foreign) else 0
        matches = []
        replaced = dict(zip((t for t, _ in missing[:paired]), foreign[:paired], strict=True))
        for ticker, fact in wanted:
            matches.append(TickerMatch(ticker, fact, ticker in present, replaced.get(ticker)))
        return TickerAlignment(tuple(matches), tuple(foreign[paired:]))

    return context.shared("tickers", compute)


def _shown(context: Context, occurrence: tuple[str, int, int]) -> str:
    return context.target[occurrence[1] : occurrence[2]]


@check("ticker-missing", Severity.ERROR)
def ticker_missing(context: Context) -> Iterator[Problem]:
    """A ticker of the source is not in the draft."""
    for m in align_tickers(context).matches:
        if not m.found and m.replaced_by is None:
            yield Problem(f"ticker ({m.ticker}) is missing from the translation", source_span=m.fact.text)


@check("ticker-altered", Severity.ERROR)
def ticker_altered(context: Context) -> Iterator[Problem]:
    """The draft has a ticker the source does not: a code altered in translation or invented."""
    alignment = align_tickers(context)
    for m in alignment.matches:
        if m.replaced_by is not None:
            shown = _shown(context, m.replaced_by)
            yield Problem(
                f"ticker ({m.ticker}) should be ({m.ticker}); the translation has {shown}",
                source_span=m.fact.text,
                target_span=shown,
            )
    for occurrence in alignment.foreign:
        shown = _shown(context, occurrence)
        owner = context.glossary.by_ticker(occurrence[0]) if context.glossary is not None else None
        whose = f" (the ticker of {owner.english})" if owner is not None else ""
        yield Problem(f"ticker {shown}{whose} is not in the source", target_span=shown)


@check("ticker-style", Severity.WARNING)
def ticker_style(context: Context) -> Iterator[Problem]:
    """A ticker of the source is in the draft, written otherwise than the house style (0700 for 0700.HK)."""
    wanted = {t for t, _ in source_tickers(context)}
    for code, start, end in written_tickers(context):
        shown = context.target[start:end]
        house = context.style.hk_code(code) if code.endswith(".HK") else code
        if code in wanted and shown.replace(" ", "").upper() != house.upper():
            yield Problem(
                f"ticker ({shown}) is written {house} in the house style",
                source_span=house,
                target_span=shown,
            )
