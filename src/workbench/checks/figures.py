"""Every number of the draft accounted for: a figure the source does not give is the worst error a desk
can print.

The other number checks start from the source (is each fact of the source in the draft?); this one starts
from the draft. Each number written in digits (an amount, price, change, percentage, multiple, share count,
index level, year, day or count) must be a value the source states or implies
(``workbench.facts.zh_numbers``): 3.08億 accounts for "308 million" and "3.08 billion" alike, 三成 for
"30%", 升1倍 for "100%", 2024年 for "2024". A number the source's facts are aligned with is left to the
checks that report that alignment (a wrong amount is ``amount-wrong``, not also invented), and so are the
digits of tickers and of the glossary's names. A figure rounded to the precision it is written in counts
when it keeps two significant digits or says it is approximate ("about 1.3 billion" for 12.78億).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from decimal import Decimal

from workbench.checks.base import Context, Problem, check
from workbench.checks.names import name_matches
from workbench.checks.quantities import kind_matches, numeric_matches
from workbench.checks.ticker import written_tickers
from workbench.facts.english import Number, find_numbers
from workbench.facts.zh_numbers import implied_values
from workbench.model import FactKind, Severity

_HEDGE = re.compile(
    r"\b(?:about|around|roughly|nearly|almost|approximately|some|over|more than|less than|under|close to)\s+"
    r"(?:HK\$|US\$|RMB|\$)?$",
    re.IGNORECASE,
)


def accounted_values(context: Context) -> tuple[Decimal, ...]:
    """Every value the source gives, sorted: its numerals with what they imply, and its facts."""

    def compute() -> tuple[Decimal, ...]:
        values = set(implied_values(context.source))
        for fact in context.facts:
            for value in (fact.value, fact.upper):
                if value is None:
                    continue
                values.add(value)
                if fact.kind is FactKind.MULTIPLE:
                    values.update((value * 100, value + 1))
        return tuple(sorted(values))

    return context.shared("accounted", compute)


def _claimed(context: Context) -> list[tuple[int, int]]:
    """Spans of the draft another check answers for: numbers paired with a fact, tickers, names."""
    spans = [(s, e) for _, s, e in written_tickers(context)]
    matches = [
        *numeric_matches(context),
        *kind_matches(context, FactKind.PERCENT),
        *kind_matches(context, FactKind.MULTIPLE),
    ]
    spans += [(t.start, t.end) for m in matches for t in m.targets]
    spans += [span for m in name_matches(context) for span in m.spans]
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted and merged where they overlap, so one bisection tells whether a span is covered."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _significant(text: str) -> int:
    digits = text.replace(",", "")
    whole, _, fraction = digits.partition(".")
    if fraction:
        return len((whole + fraction).lstrip("0"))
    return len(whole.strip("0"))


def _accounted(number: Number, values: tuple[Decimal, ...], rounded: bool) -> bool:
    for value, step in number.values:
        at = bisect.bisect_left(values, value)
        if at < len(values) and values[at] == value:
            return True
        if rounded:
            half = step / 2
            low = bisect.bisect_left(values, value - half)
            if low < len(values) and values[low] <= value + half:
                return True
    return False


def invented_numbers(context: Context) -> list[Number]:
    """The numbers of the draft that no value of the source accounts for."""
    values = accounted_values(context)
    claimed = _merged(_claimed(context))
    starts = [s for s, _ in claimed]
    out = []
    for number in find_numbers(context.target):
        at = bisect.bisect_left(starts, number.end) - 1  # the last claimed span starting before its end
        if at >= 0 and claimed[at][1] > number.start:
            continue
        # The hedge must end right before the number; the window only bounds the search.
        near = max(0, number.start - 24)  # pragma: no mutate (the longest hedge and currency fit in 17)
        hedged = bool(_HEDGE.search(context.target[near : number.start]))
        if not _accounted(number, values, rounded=hedged or _significant(number.text) >= 2):
            out.append(number)
    return out


@check("figure-invented", Severity.ERROR)
def figure_invented(context: Context) -> Iterator[Problem]:
    """The draft states a number that no figure of the source gives."""
    for number in invented_numbers(context):
        yield Problem(
            f"{number.shown} is not a figure of the source; check it against the Chinese or remove it",
            target_span=number.shown,
        )
