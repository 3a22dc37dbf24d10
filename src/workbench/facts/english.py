"""Numbers and tickers in an English draft, read to exact values so a check can compare them with the source.

translate-toolkit compares digit strings, so 3.08億 → "308 million" looks wrong to it and "3.08 billion" looks
right. Here "308 million yuan", "RMB308m", "HK$139 billion", "59.96 million shares", "14 percent" and
"2.2x" all become a kind, an exact ``Decimal`` value and a unit, in the same conventions as ``Fact``.
Years, days of the month and the digits of tickers are not quantities and are left out.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from workbench import tickers as ticker_forms
from workbench.facts.numerals import exact, too_long
from workbench.model import FactKind


@dataclass(frozen=True)
class Quantity:
    """A number found in English text; ``value`` and ``unit`` follow the conventions of ``Fact``."""

    kind: FactKind
    value: Decimal
    upper: Decimal | None
    unit: str
    start: int
    end: int
    text: str


_PREFIX = {
    "HK$": "HKD", "HKD": "HKD", "US$": "USD", "USD": "USD", "RMB": "CNY", "Rmb": "CNY", "CNY": "CNY",
    "¥": "CNY", "NT$": "TWD", "S$": "SGD", "A$": "AUD", "C$": "CAD", "EUR": "EUR", "€": "EUR", "£": "GBP",
    "$": "",
}  # fmt: skip
_SCALE_WORDS = {
    "thousand": 10**3, "k": 10**3, "K": 10**3, "million": 10**6, "m": 10**6, "M": 10**6, "mn": 10**6,
    "mln": 10**6, "billion": 10**9, "b": 10**9, "B": 10**9, "bn": 10**9, "bln": 10**9, "trillion": 10**12,
    "tn": 10**12, "trn": 10**12,
}  # fmt: skip
_CURRENCY_WORDS = (
    (r"yuan renminbi|yuan|renminbi|RMB|Rmb|CNY", "CNY"),
    (r"Hong Kong dollars?|HK dollars?|HKD", "HKD"),
    (r"US dollars?|U\.S\. dollars?|American dollars?|USD", "USD"),
    (r"euros?|EUR", "EUR"),
    (r"yen", "JPY"),
    (r"pounds sterling|pounds?", "GBP"),
    (r"dollars?", ""),
)

_NUMBER = re.compile(
    r"(?P<pre>HK\$|US\$|NT\$|S\$|A\$|C\$|HKD|USD|RMB|Rmb|CNY|EUR|€|£|¥|\$)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:-odd)?"
    r"(?:(?P<att>bn|mn|mln|bln|tn|trn|[mbkMBK])(?![A-Za-z])"
    r"|[\s-](?P<word>(?i:trillion|billion|million|thousand))\b"
    r"|\s(?P<abbr>bn|mn|mln|bln|tn|trn)\b)?"
)
_TAIL = re.compile(
    r"(?P<cur>[\s-](?:" + "|".join(p for p, _ in _CURRENCY_WORDS) + r"))\b"
    r"|(?P<pct>\s?(?:%|(?i:per\s?cent|percent|pct)\b))"
    r"|(?P<pp>\s(?i:percentage[\s-]points?|ppts?|pp)\b)"
    r"|(?P<bp>\s?(?i:basis[\s-]points?|bps?)\b)"
    r"|(?P<mult>\s?(?:x\b|(?i:-?fold)\b)|\s(?i:times)\b)"
    r"|(?P<pts>\s(?i:points?|pts)\b)"
    r"|(?P<sqm>\s(?i:square[\s-]met(?:re|er)s?|sq\.?\s?m|sqm|m2|m²)(?![A-Za-z]))"
    r"|(?P<sqft>\s(?i:square[\s-]f(?:ee|oo)t|sq\.?\s?ft|sqft)\b)"
    r"|(?P<sqkm>\s(?i:square[\s-]kilomet(?:re|er)s?|sq\.?\s?km)\b)"
    r"|(?P<shares>(?:\s(?:new|old|existing|domestic|[HAB]|ordinary|common|treasury|unlisted|listed|"
    r"more|additional|placing|subscription))*\s(?i:shares?)\b)"
    r"|(?P<people>\s(?i:people|persons?|employees?|staff|workers?|individuals?)\b)"
)
_PER_SHARE = re.compile(r"\s(?:per|a|each)\s(?:share|unit)\b|\s(?:each)\b")
_MULT_WORDS = re.compile(
    r"\b(?:(?P<two>twice|doubled?|doubles|doubling)|(?P<three>tripled?|triples|tripling|threefold|three-fold)"
    r"|(?P<n>two|three|four|five|six|seven|eight|nine|ten)[\s-](?:times|fold))\b",
    re.IGNORECASE,
)
_WORD_VALUES = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_AFTER_MONTH = re.compile(rf"\b{_MONTH}\s$")
_DAY_BEFORE_MONTH = re.compile(rf"(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}\b")
_CONNECTOR = re.compile(r"\s?(?:to|-|–|—)\s?|\sand\s")

_TICKERS = re.compile(
    r"(?<![A-Za-z0-9.$])(?:\d{1,5}\.(?i:HK)|\d{6}\.(?:SH|SZ|SS)|[A-Z]{1,6}\.(?:US|N|O|OQ))(?![A-Za-z0-9])"
    r"|\b(?:HK|HKEX|SEHK|NASDAQ|Nasdaq|NYSE)\s?:\s?[0-9A-Z]{1,6}\b"
)
_TICKER_CODE = re.compile(
    r"\((?P<label>\s*(?:(?i:stock\s+code|code|HKEX|SEHK|HK)\s*[:\s]\s*))?(?P<code>\d{1,5})\s*\)"
    r"|(?i:stock\s+code)\s*:?\s*(?P<code2>\d{1,5})\b"
)


def find_tickers(english: str) -> list[tuple[str, int, int]]:
    """The tickers of an English text, normalised, with their spans: ``(0020.HK)`` → ("0020.HK", 1, 8).

    A bare number in brackets counts when it is labelled (stock code: 20) or written as a code (00020,
    0020); a year such as (2024) does not.
    """
    found: list[tuple[str, int, int]] = []
    for m in _TICKERS.finditer(english):
        code = ticker_forms.normalise(m.group().replace(" ", ""))
        if code:
            found.append((code, m.start(), m.end()))
    for m in _TICKER_CODE.finditer(english):
        group = "code" if m.group("code") else "code2"
        digits = m.group(group)
        labelled = group == "code2" or bool(m.group("label"))
        looks_like_code = len(digits) == 5 or (len(digits) == 4 and digits.startswith("0"))
        if not (labelled or looks_like_code):
            continue
        code = ticker_forms.normalise(digits)
        if code:
            found.append((code, m.start(group), m.end(group)))
    found.sort(key=lambda item: item[1])
    out: list[tuple[str, int, int]] = []
    for item in found:
        if not out or item[1] >= out[-1][2]:
            out.append(item)
    return out


@dataclass(frozen=True)
class _Raw:
    quantity: Quantity
    factor: int  # 10**6 for million ...; 1 without a scale word
    currency_prefix: bool
    suffixed: bool  # carried a unit word or sign after the number
    bare: bool  # no unit, currency or scale at all
    unitless: bool  # no unit or currency (a scale word is allowed): the 7.8 billion of "7.8 billion to ..."


def find_quantities(english: str) -> list[Quantity]:
    """Every amount, count, percentage, multiple, price, area and point figure of an English text.

    Ranges written as "7.8 billion to 11.7 billion yuan", "HK$3 to HK$4", "3-4%" or "between 3 and 4
    billion" are one quantity with ``upper``; in "from 3 to 4 billion yuan" the two figures stay separate
    but the first borrows the scale and currency of the second.
    """
    ticker_spans = [(s, e) for _, s, e in find_tickers(english)]
    raws: list[_Raw] = []
    for m in _NUMBER.finditer(english):
        raw = _read(english, m, ticker_spans)
        if raw is not None:
            raws.append(raw)
    for m in _MULT_WORDS.finditer(english):
        value = 2 if m.group("two") else 3 if m.group("three") else _WORD_VALUES[m.group("n").lower()]
        q = Quantity(FactKind.MULTIPLE, Decimal(value), None, "x", m.start(), m.end(), m.group())
        raws.append(_Raw(q, 1, False, True, False, False))
    raws.sort(key=lambda r: r.quantity.start)
    return [q for q in _combine(english, raws) if q is not None]


def _read(text: str, m: re.Match[str], ticker_spans: list[tuple[int, int]]) -> _Raw | None:
    num_start, num_end = m.start("num"), m.end("num")
    # Ticker spans are disjoint and in order: the one a number may sit in is found by bisection.
    at = bisect.bisect_right(ticker_spans, (num_start, len(text) + 1)) - 1
    if at >= 0 and ticker_spans[at][0] <= num_start < ticker_spans[at][1]:
        return None
    pre = m.group("pre") or ""
    lead = m.start("pre") if pre else num_start
    before = text[lead - 1] if lead else ""
    if (
        before.isalnum()
        or (before and before in "._")
        or (before == "-" and lead >= 2 and text[lead - 2].isalpha())
    ):
        return None  # H1, Q3, COVID-19, a version 3.0.1
    if too_long(m.group("num")):
        return None  # a runaway string of digits is no figure; the fact it should carry counts as missing
    scale_text = m.group("att") or m.group("word") or m.group("abbr") or ""
    scale = _SCALE_WORDS[scale_text.lower() if m.group("word") else scale_text] if scale_text else 1
    value = exact(Decimal(m.group("num").replace(",", "")) * scale)
    end = m.end()
    kind, unit, suffixed = FactKind.COUNT, "", False
    tail = _TAIL.match(text, end)
    currency = _PREFIX.get(pre) if pre else None
    if tail:
        group = tail.lastgroup or ""
        if group == "cur":
            if currency is None or currency == "":
                word = tail.group("cur").strip()
                currency = next(code for pattern, code in _CURRENCY_WORDS if re.fullmatch(pattern, word))
            end, suffixed = tail.end(), True
        elif currency is None:
            kind, unit = {
                "pct": (FactKind.PERCENT, "%"),
                "pp": (FactKind.PERCENT, "pp"),
                "bp": (FactKind.PERCENT, "bp"),
                "mult": (FactKind.MULTIPLE, "x"),
                "pts": (FactKind.POINTS, "points"),
                "sqm": (FactKind.AREA, "sqm"),
                "sqft": (FactKind.AREA, "sqft"),
                "sqkm": (FactKind.AREA, "sqkm"),
                "shares": (FactKind.SHARES, "shares"),
                "people": (FactKind.COUNT, "people"),
            }[group]
            end, suffixed = tail.end(), True
    if currency is not None:
        kind, unit = FactKind.AMOUNT, currency
        if scale == 1 and _PER_SHARE.match(text, end):
            kind = FactKind.PRICE
    elif not suffixed and not scale_text:
        after = text[num_end : num_end + 1]
        if after.isalpha() or (after == ":" and text[num_end + 1 : num_end + 2].isdigit()):
            return None  # 1990s, 21st, 5G, 10:30
        if before == ":" or _is_calendar(text, m, value):
            return None
    start = lead
    q = Quantity(kind, value, None, unit, start, end, text[start:end])
    unitless = currency is None and not suffixed
    return _Raw(q, scale, bool(pre), suffixed, unitless and not scale_text, unitless)


def _is_calendar(text: str, m: re.Match[str], value: Decimal) -> bool:
    """Years and days of the month are dates, not quantities."""
    raw = m.group("num")
    if raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2100:
        return True
    if raw.isdigit() and 1 <= value <= 31:
        head = text[max(0, m.start("num") - 12) : m.start("num")]
        return bool(_DAY_AFTER_MONTH.search(head) or _DAY_BEFORE_MONTH.match(text, m.end("num")))
    return False


def _combine(text: str, raws: list[_Raw]) -> list[Quantity]:
    out: list[Quantity] = []
    i = 0
    while i < len(raws):
        low = raws[i]
        high = raws[i + 1] if i + 1 < len(raws) else None
        if high is not None and _CONNECTOR.fullmatch(text[low.quantity.end : high.quantity.start]):
            joined = text[low.quantity.end : high.quantity.start].strip()
            opener = text[max(0, low.quantity.start - 8) : low.quantity.start].lower()
            between = opener.rstrip().endswith("between")
            from_ = opener.rstrip().endswith("from")
            compatible = low.unitless or (
                (low.quantity.kind, low.quantity.unit) == (high.quantity.kind, high.quantity.unit)
            )
            if compatible and (joined != "and" or between):
                lq = _borrow(low, high, dashed=joined in ("-", "–", "—"))
                if from_:
                    out.extend([lq, high.quantity])
                else:
                    hq = high.quantity
                    out.append(
                        Quantity(
                            hq.kind, lq.value, hq.value, hq.unit, lq.start, hq.end, text[lq.start : hq.end]
                        )
                    )
                i += 2
                continue
        out.append(low.quantity)
        i += 1
    return out


def _borrow(low: _Raw, high: _Raw, dashed: bool) -> Quantity:
    """The lower figure of "3 to 4 billion yuan" or "HK$3-4 billion" takes the scale the upper one carries.

    A lower figure with its own unit keeps its value: "1 yuan to 1 million yuan", "HK$3 to HK$4 million".
    """
    q = low.quantity
    borrows = low.factor == 1 and (low.unitless or dashed)
    value = exact(q.value * high.factor) if borrows else q.value
    return replace(q, kind=high.quantity.kind, unit=high.quantity.unit, value=value)


@dataclass(frozen=True)
class Number:
    """A number written in digits in English text, with the values it may stand for.

    ``values`` holds the number as written and, inside a quantity, the quantity's value (308 of "308
    million yuan" stands for 308,000,000 too); ``step`` is what its last digit is worth in each, so a check
    can accept a figure rounded to the precision written.
    """

    start: int
    end: int
    text: str
    values: tuple[tuple[Decimal, Decimal], ...]  # (value, step)
    shown: str = ""  # the quantity the number is part of, as written (200 million yuan), or the number


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_SCALE_AFTER = re.compile(r"(?:bn|mn|mln|bln|tn|trn|[mbkMBK])(?![A-Za-z])")
_RANK_BEFORE = re.compile(r"\b(?:No|no|Number|number)\.?\s?$")


def find_numbers(english: str) -> list[Number]:
    """Every number a reader takes for a figure, date or count in ``english``: not the digits of a name or
    a code glued to letters (5G, H1, Q3, COVID-19, A380, 3SBio), and not a rank (No. 1)."""
    # Quantities are disjoint and in text order, so the one a number sits in is found by bisection: a
    # sentence of thousands of figures costs time linear in them.
    quantities = sorted(find_quantities(english), key=lambda q: q.start)
    starts = [q.start for q in quantities]
    out: list[Number] = []
    for m in _DIGITS.finditer(english):
        start, end = m.start(), m.end()
        raw = m.group().rstrip(",")
        end = start + len(raw)
        before = english[start - 1] if start else ""
        if (
            before.isalpha()
            or before == "_"
            or (before == "-" and start >= 2 and english[start - 2].isalpha())
        ):
            continue
        if before == "." and start >= 2 and english[start - 2].isdigit():
            continue  # the tail of a version, 3.0.1
        after = english[end : end + 3]
        if after[:1].isalpha() and not _ORDINAL.match(after) and not _SCALE_AFTER.match(after):
            continue
        glued = after[:1] == "-" and english[end + 1 : end + 2].isalpha()
        if glued and not _is_hyphenated_unit(english, end):
            continue  # 20-F, 3-D
        if _RANK_BEFORE.search(english[max(0, start - 8) : start]):
            continue
        try:
            value = Decimal(raw.replace(",", ""))
        except ArithmeticError:
            continue
        if too_long(raw):
            continue
        decimals = len(raw.partition(".")[2])
        step = Decimal(1).scaleb(-decimals)
        values = [(exact(value), step)]
        shown = raw
        at = bisect.bisect_right(starts, start) - 1
        for q in quantities[at : at + 1] if at >= 0 else ():
            if q.start <= start < q.end:
                shown = q.text
            if q.start <= start < q.end and value:
                # The first number of a range stands for its lower bound, a later one for its upper.
                scaled = q.value if q.upper is None or start == _first_digit(q) else q.upper
                if scaled != value:
                    values.append((scaled, step * (abs(scaled) / value).normalize()))
        out.append(Number(start, end, raw, tuple(values), shown))
    return out


def _first_digit(q: Quantity) -> int:
    m = _DIGITS.search(q.text)
    return q.start + (m.start() if m else 0)


def _is_hyphenated_unit(text: str, end: int) -> bool:
    """30-day, 5-year, 2-for-1, 10-fold: a number with its unit hyphenated is still a figure."""
    return bool(re.match(r"-(?:[a-z]+)\b", text[end:])) and not text[end + 1].isupper()
