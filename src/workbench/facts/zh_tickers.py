"""Stock codes in a Chinese sentence, in every form Hong Kong copy writes them.

A code is bracketed after a company, (2408.HK), (股份代號:2408), (0700, 9988), or bare, HK:2408, 600519.SH.
A bracket counts only when all it holds reads as codes, so (GenAI), (2024) or (4.3億美元) stay for the other
readers; a bracket of bare numbers counts only where it follows a name, not a date or a list marker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from workbench import tickers as ticker_forms
from workbench.company_suffixes import COMPANY_ENDINGS
from workbench.facts import render
from workbench.facts.style import Style
from workbench.model import Fact, FactKind

_TICKER_BRACKET = re.compile(r"\(\s*([^()\n]{1,60}?)\s*\)")
_TICKER_LABEL = re.compile(
    r"^(?:(?:股票|股份|港股|證券|证券)?(?:代號|代号|代碼|代码|編號|编号)|港交所|聯交所|联交所|香港交易所|上交所|深交所)"
    r"\s*:?\s*"
)
_TICKER_BARE = re.compile(
    r"(?<![A-Za-z0-9.])(?:(?:HK|HKEX|SEHK)\s?:\s?\d{1,5}|\d{1,5}\.HK|\d{6}\.(?:SH|SZ|SS)|[A-Z]{1,6}\.(?:US|N|O|OQ))"
    r"(?![A-Za-z0-9])"
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z]")


def ticker_facts(text: str, folded: str, name_ends: set[int], style: Style) -> Iterator[Fact]:
    # Bracket spans in page order and disjoint, so a bare code finds the one it may sit in by bisection.
    starts: list[int] = []
    ends: list[int] = []
    for m in _TICKER_BRACKET.finditer(folded):
        codes = _bracket_codes(m.group(1), folded, m.start(), name_ends)
        if codes:
            starts.append(m.start())
            ends.append(m.end())
            yield _ticker_fact(text, m.start(), m.end(), codes, style)
    for m in _TICKER_BARE.finditer(folded):
        at = bisect.bisect_right(starts, m.start()) - 1
        if at >= 0 and m.start() < ends[at]:
            continue
        code = ticker_forms.normalise(m.group())
        if code:
            yield _ticker_fact(text, m.start(), m.end(), (code,), style)


def _bracket_codes(content: str, folded: str, start: int, name_ends: set[int]) -> tuple[str, ...]:
    """The tickers a bracket holds, or () when it holds anything else: (GenAI), (2024), (4.3億美元)."""
    label = _TICKER_LABEL.match(content)
    body = content[label.end() :] if label else content
    parts = ticker_forms.split_list(body)
    if not parts:
        return ()
    codes = []
    for part in parts:
        code = ticker_forms.normalise(part)
        if code is None:
            return ()
        codes.append(code)
    if (
        not label
        and all(part.isdigit() for part in parts)
        and not _after_company(parts, folded, start, name_ends)
    ):
        return ()
    return tuple(codes)


def _after_company(parts: list[str], folded: str, start: int, name_ends: set[int]) -> bool:
    """Whether bare numbers in brackets are an HKEX code: they follow a name, not a date or a list marker.

    碧桂園(2007) is Country Garden's code even though 2007 could be a year: Chinese copy writes a year with
    年, so a bare number right after a name is a code. After 年, a digit or punctuation it is not.
    """
    before = folded[:start].rstrip()
    if len(before) in name_ends or start in name_ends or before.endswith(COMPANY_ENDINGS):
        return True
    if not before or not _CJK.match(before[-1]) or before[-1] in "年月日號号":
        return False
    return all(len(p) >= 2 for p in parts)


def _ticker_fact(text: str, start: int, end: int, codes: tuple[str, ...], style: Style) -> Fact:
    return Fact(
        kind=FactKind.TICKER,
        text=text[start:end],
        start=start,
        end=end,
        english=render.tickers(codes, style),
        tickers=codes,
    )
