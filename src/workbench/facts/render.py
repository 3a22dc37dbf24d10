"""House-style English for facts: 3.08億元 → 308 million yuan, 1,390億港元 → HK$139 billion.

Every significant digit of the source is kept (12.78億 → 1.278 billion): rounding is an editor's decision,
and a draft that rounds silently cannot be checked against its source. Numbers are ``Decimal`` throughout.
"""

from __future__ import annotations

from decimal import Decimal

from workbench.facts.numerals import group_digits, plain
from workbench.facts.style import DEFAULT_STYLE, Style

_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))
_ABBREVIATED = {"trillion": "tn", "billion": "bn", "million": "m"}

# Currencies other than the three house ones: (prefix, suffix word)
_OTHER_CURRENCIES: dict[str, tuple[str, str]] = {
    "EUR": ("€", ""),
    "GBP": ("£", ""),
    "JPY": ("", "yen"),
    "TWD": ("NT$", ""),
    "AUD": ("A$", ""),
    "CAD": ("C$", ""),
    "SGD": ("S$", ""),
}

UNIT_WORDS: dict[str, tuple[str, str]] = {
    # unit: (singular, plural)
    "shares": ("share", "shares"),
    "people": ("person", "people"),
    "sqm": ("square metre", "square metres"),
    "sqft": ("square foot", "square feet"),
    "sqkm": ("square kilometre", "square kilometres"),
    "points": ("point", "points"),
    "pp": ("percentage point", "percentage points"),
    "bp": ("basis point", "basis points"),
}

QUALIFIERS: dict[str, str] = {
    "約": "about",
    "大約": "about",
    "約為": "about",
    "左右": "about",
    "逾": "more than",
    "超過": "more than",
    "超逾": "more than",
    "多於": "more than",
    "高於": "more than",
    "多": "more than",
    "餘": "more than",
    "余": "more than",
    "以上": "more than",
    "近": "nearly",
    "接近": "nearly",
    "將近": "nearly",
    "不足": "less than",
    "不少於": "at least",
    "不少于": "at least",
    "不低於": "at least",
    "不低于": "at least",
    "少於": "less than",
    "低於": "less than",
    "至少": "at least",
    "最少": "at least",
    "最多": "up to",
    "不超過": "no more than",
    "不多於": "no more than",
}


def number(value: Decimal, style: Style = DEFAULT_STYLE) -> str:
    """A quantity in words for the large scales: 1278000000 → 1.278 billion, 23209 → 23,209."""
    magnitude = abs(value)
    for size, word in _SCALES:
        if magnitude >= size:
            digits = group_digits(value / size, style.thousands)
            return f"{digits}{_ABBREVIATED[word]}" if style.abbreviated_scale else f"{digits} {word}"
    return group_digits(value, style.thousands)


def money(value: Decimal, currency: str, style: Style = DEFAULT_STYLE) -> str:
    """308000000 CNY → 308 million yuan; 139000000000 HKD → HK$139 billion; 7.87 HKD → HK$7.87."""
    amount = number(value, style)
    if currency == "CNY":
        return f"{style.rmb_prefix}{amount}" if style.yuan_prefix else f"{amount} {style.yuan_word}"
    if currency == "HKD":
        return f"{style.hkd_prefix}{amount}"
    if currency == "USD":
        return f"{style.usd_prefix}{amount}"
    prefix, suffix = _OTHER_CURRENCIES.get(currency, ("", currency))
    return f"{prefix}{amount}" + (f" {suffix}" if suffix else "")


def _scaled(value: Decimal) -> bool:
    return abs(value) >= _SCALES[-1][0]


def money_range(low: Decimal, high: Decimal, currency: str, style: Style = DEFAULT_STYLE) -> str:
    """78億至117億元 → 7.8 billion to 11.7 billion yuan; a prefixed currency is repeated: HK$3 to HK$4.

    The unit is written once only when both ends carry a scale word: "1 to 1 million yuan" would read as
    one million to one million.
    """
    if currency == "CNY" and not style.yuan_prefix and _scaled(low) == _scaled(high):
        return f"{number(low, style)} to {number(high, style)} {style.yuan_word}"
    return f"{money(low, currency, style)} to {money(high, currency, style)}"


def quantity(value: Decimal, unit: str, style: Style = DEFAULT_STYLE) -> str:
    """A non-money quantity with its unit: 59960000 shares → 59.96 million shares, 14 % → 14%."""
    if unit == "%":
        return f"{plain(value)}{style.percent_sign}"
    if unit == "x":
        return f"{plain(value)} {style.multiple_word}"
    text = number(value, style)
    if unit in UNIT_WORDS:
        singular, plural = UNIT_WORDS[unit]
        return f"{text} {singular if value == 1 else plural}"
    return text


def quantity_range(low: Decimal, high: Decimal, unit: str, style: Style = DEFAULT_STYLE) -> str:
    """3%至4% → 3% to 4%; 2至3倍 → 2 to 3 times; 5,000至6,000人 → 5,000 to 6,000 people."""
    if unit == "x":
        return f"{plain(low)} to {plain(high)} {style.multiple_word}"
    if unit == "%" or _scaled(low) != _scaled(high):
        return f"{quantity(low, unit, style)} to {quantity(high, unit, style)}"
    return f"{number(low, style)} to {quantity(high, unit, style)}"


def qualified(text: str, qualifier: str) -> str:
    """``about US$44 million`` for 約4,400萬美元: the hedge is part of the fact."""
    word = QUALIFIERS.get(qualifier, "")
    return f"{word} {text}" if word else text


def tickers(codes: tuple[str, ...] | list[str], style: Style = DEFAULT_STYLE) -> str:
    """Normalised tickers as the house writes them: (0020.HK), (QFIN.US; 3660.HK)."""
    shown = [style.hk_code(c) if c.endswith(".HK") else c for c in codes]
    return f"{style.ticker_open}{style.ticker_separator.join(shown)}{style.ticker_close}"


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def month_day(month: int, day: int, style: Style = DEFAULT_STYLE) -> str:
    """12月5日 → December 5 (or 5 December)."""
    name = MONTHS[month - 1]
    return f"{day} {name}" if style.day_first else f"{name} {day}"
