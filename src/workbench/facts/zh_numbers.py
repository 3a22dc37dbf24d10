"""Every value a Chinese sentence states or implies, for accounting for the numbers of an English draft.

The fact readers (``zh_quantities``, ``zh_dates``) read what is checkable and nothing doubtful; this reader is
generous instead, because a number it misses becomes a false ``figure-invented`` error on correct English.
It takes every numeral (Arabic or Chinese, with its multipliers: 3.08億 gives 308,000,000 and 3.08) and what
a desk writes for it in English: a tenth as a percentage (三成: 30%), a multiple as a percentage or one more
time (升1倍: up 100%, doubled: 2), a fraction as a percentage (五分之一: 20%), half as 50 and half a year as
six months.
"""

from __future__ import annotations

import re
from decimal import Decimal

from workbench.facts.numerals import (
    ARABIC,
    BIG_CHARS,
    DIGIT_CHARS,
    SMALL_CHARS,
    fold,
    multiplier,
    parse_numeral,
)

_MULTIPLIERS = rf"[十百千]?(?:萬億|万亿|[{BIG_CHARS}])|[百千]"
_NUMERAL = re.compile(
    rf"(?P<ar>{ARABIC})(?P<mu>(?:{_MULTIPLIERS})*)"
    rf"|(?P<cn>[{DIGIT_CHARS}{SMALL_CHARS}{BIG_CHARS}]+(?:點[{DIGIT_CHARS}]+)?)"
)
_PART = rf"{ARABIC}|[{DIGIT_CHARS}{SMALL_CHARS}]+"
_FRACTION = re.compile(rf"(?P<q>{_PART})分之(?P<p>{_PART})")
_HUNDRED = Decimal(100)
_ODD = re.compile(rf"(?P<n>{ARABIC}|[{DIGIT_CHARS}{SMALL_CHARS}]+)[幾几多餘余](?P<mu>{_MULTIPLIERS})")
_NUMERAL_CHARS = rf"\d{DIGIT_CHARS}{SMALL_CHARS}{BIG_CHARS}"
_BARE_MULTIPLIER = re.compile(rf"(?<![{_NUMERAL_CHARS}])(?:[百千]?(?:萬億|万亿|[萬万億亿]))")


def implied_values(text: str) -> frozenset[Decimal]:
    """The values ``text`` states, and those a faithful English rendering of them may write."""
    folded = fold(text)
    values: set[Decimal] = set()
    for m in _NUMERAL.finditer(folded):
        found = _read(m)
        if not found:
            continue
        values.update(found)
        after = folded[m.end() : m.end() + 1]
        value = max(found)
        if after == "成":
            values.add(value * 10)
        elif after == "倍":
            values.update((value * _HUNDRED, value + 1))
        elif after == "年" and folded[m.end() + 1 : m.end() + 2] == "半":
            values.add(value * 12 + 6)  # 一年半: 18 months
    for m in _FRACTION.finditer(folded):
        try:
            whole, part = parse_numeral(m.group("q")), parse_numeral(m.group("p"))
        except ValueError:
            continue
        if whole:
            values.add((part / whole * _HUNDRED).normalize())
    if "半" in folded:
        values.add(Decimal(50))
        if "半年" in folded:
            values.add(Decimal(6))
        if "半成" in folded:
            values.add(Decimal(5))  # half of a tenth
    for m in _ODD.finditer(folded):
        # 400幾億: 40-odd billion, the number before 幾 at the multiplier after it
        try:
            values.add(parse_numeral(m.group("n")) * multiplier(m.group("mu")))
        except ValueError:
            continue
    for m in _BARE_MULTIPLIER.finditer(folded):
        # 逾億港元: more than HK$100 million, a multiplier standing for itself
        values.add(Decimal(multiplier(m.group())))
    return frozenset(values)


def _read(m: re.Match[str]) -> set[Decimal]:
    try:
        if m.group("ar") is not None:
            # 3.08億 is 308,000,000 and never "3.08" alone in English.
            return {parse_numeral(m.group("ar") + m.group("mu"))}
        return {parse_numeral(m.group("cn"))}
    except ValueError:
        return set()
