"""Numbers as Chinese financial copy writes them, read into exact decimals and written back.

Copy mixes Arabic digits (half- or full-width, with thousands separators and 萬/億 multipliers: 1,390億,
3億5千萬) with Chinese numerals (三千零八萬, and market talk such as 二萬三 for 23,000). Everything here works
in ``Decimal``: a float would turn 3.08億 into 307999999.99999994 and a check would then call a correct
draft wrong.

``fold`` maps full-width forms to ASCII one character for one character, so offsets found in the folded
text are offsets in the original.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, getcontext

# One character in, one character out: spans found on folded text index the original.
_FOLD_FROM = "０１２３４５６７８９．﹒％（）：；＄～－，"
_FOLD_TO = "0123456789..%():;$~-，"
_FOLD = str.maketrans(
    _FOLD_FROM
    + "".join(chr(c) for c in range(0xFF21, 0xFF3B))
    + "".join(chr(c) for c in range(0xFF41, 0xFF5B)),
    _FOLD_TO + "".join(chr(c) for c in range(0x41, 0x5B)) + "".join(chr(c) for c in range(0x61, 0x7B)),
)
_FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")

CHINESE_DIGITS: dict[str, int] = {
    ch: value
    for value, chars in enumerate(
        ("〇零", "一壹", "二貳贰兩两", "三參叁", "四肆", "五伍", "六陸陆", "七柒", "八捌", "九玖")
    )
    for ch in chars
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8, "兆": 10**12}

DIGIT_CHARS = "".join(CHINESE_DIGITS)
SMALL_CHARS = "".join(SMALL_UNITS)
BIG_CHARS = "".join(BIG_UNITS)

# The default decimal context holds 28 significant digits. A numeral with more digit characters cannot be
# read exactly, and none is a figure of the news (a 萬億 is 13 digits): it is a code, a typo or a model's
# runaway output. Readers skip such numerals rather than rounding them; a draft that holds one then lacks the
# source's figure and is flagged for it, instead of ending the run.
MAX_DIGITS = 28

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_TOKEN = re.compile(
    rf"(?P<ar>{ARABIC})|(?P<zero>[〇零])|(?P<digit>[{DIGIT_CHARS}])|(?P<small>[{SMALL_CHARS}])|(?P<big>[{BIG_CHARS}])"
)


def fold(text: str) -> str:
    """Full-width digits, letters and punctuation as ASCII, keeping every offset.

    A full-width comma becomes a thousands separator only between full-width digits (１，３９０); elsewhere
    it is the clause separator and stays as it is.
    """
    out = list(text.translate(_FOLD))
    for i, ch in enumerate(text):
        if (
            ch == "，"
            and 0 < i < len(text) - 1
            and text[i - 1] in _FULLWIDTH_DIGITS
            and text[i + 1] in _FULLWIDTH_DIGITS
        ):
            out[i] = ","
    return "".join(out)


def parse_arabic(text: str) -> Decimal:
    """``1,390`` → 1390, ``７．８７`` → 7.87 (exact)."""
    folded = fold(text).replace(",", "").replace("，", "")
    if not re.fullmatch(r"\d+(?:\.\d+)?", folded):
        raise ValueError(f"not an Arabic number: {text!r}")
    _refuse_long(folded)
    return Decimal(folded)


def too_long(digits: str) -> bool:
    """Whether a numeral has more than ``MAX_DIGITS`` significant digits (punctuation and units ignored)."""
    count = sum(ch.isdigit() or ch in CHINESE_DIGITS for ch in digits.lstrip("0〇零"))
    return count > MAX_DIGITS


def _refuse_long(digits: str) -> None:
    if too_long(digits):
        raise ValueError(f"more than {MAX_DIGITS} digits, too long to be one figure")


def multiplier(units: str) -> int:
    """The factor of a run of unit characters after a number: 億 → 10**8, 千萬 → 10**7, 萬億 → 10**12."""
    if not units:
        return 1
    factor = 1
    for ch in units:
        if ch in SMALL_UNITS:
            factor *= SMALL_UNITS[ch]
        elif ch in BIG_UNITS:
            factor *= BIG_UNITS[ch]
        else:
            raise ValueError(f"not a unit: {ch!r}")
    return factor


def parse_numeral(text: str) -> Decimal:
    """The value of a numeral in any mix of Arabic and Chinese digits and units.

    ``3.08億`` → 308000000, ``1,390億`` → 139000000000, ``三千零八萬`` → 30080000, ``3億5千萬`` → 350000000,
    ``1.2萬億`` → 1.2 * 10**12, ``二〇二四`` → 2024, ``三點五`` → 3.5. A single digit after a unit with no
    零 between stands for the next unit down, as traders say it: 二萬三 → 23000, 三千五 → 3500.
    Raises ``ValueError`` for text that is not one numeral.
    """
    text = fold(text).strip()
    if not text:
        raise ValueError("empty numeral")
    _refuse_long(text)
    whole, point, fraction = text.partition("點")
    value = _parse_integer_part(whole)
    if point:
        if not fraction or any(ch not in CHINESE_DIGITS for ch in fraction):
            raise ValueError(f"not a numeral: {text!r}")
        digits = "".join(str(CHINESE_DIGITS[ch]) for ch in fraction)
        value += Decimal("0." + digits)
    return value


def _parse_integer_part(text: str) -> Decimal:
    tokens = [(m.lastgroup or "", m.group()) for m in _TOKEN.finditer(text)]
    if "".join(tok for _, tok in tokens) != text or not tokens:
        raise ValueError(f"not a numeral: {text!r}")
    kinds = {kind for kind, _ in tokens}
    if kinds <= {"digit", "zero"} and len(tokens) > 1:
        # 二〇二四: digits read one by one, as years are written
        return Decimal("".join(str(CHINESE_DIGITS[tok]) for _, tok in tokens))

    total = Decimal(0)  # everything above the current big unit group
    section = Decimal(0)  # the group being built below the next big unit
    pending: Decimal | None = None  # a number not yet multiplied by a unit
    last_unit = 0
    zero_since_unit = False
    biggest = 0
    for kind, tok in tokens:
        if kind in ("ar", "digit"):
            if pending is not None:
                raise ValueError(f"two numbers in a row in {text!r}")
            pending = Decimal(tok.replace(",", "")) if kind == "ar" else Decimal(CHINESE_DIGITS[tok])
        elif kind == "zero":
            if pending is not None:
                raise ValueError(f"misplaced zero in {text!r}")
            zero_since_unit = True
        elif kind == "small":
            unit = SMALL_UNITS[tok]
            if last_unit and unit >= last_unit and last_unit < 10**4:
                raise ValueError(f"units out of order in {text!r}")
            section += (pending if pending is not None else Decimal(1)) * unit
            pending, last_unit, zero_since_unit = None, unit, False
        else:
            unit = BIG_UNITS[tok]
            group = section + (pending or 0)
            if group == 0 and total == 0:
                raise ValueError(f"a unit without a number in {text!r}")
            if unit > biggest:
                # 萬億 and 億 after 萬: the unit scales everything read so far
                total = (total + group) * unit
                biggest = unit
            else:
                total += group * unit
            section, pending, last_unit, zero_since_unit = Decimal(0), None, unit, False
    if pending is not None:
        if last_unit >= 100 and not zero_since_unit and pending < 10 and pending == pending.to_integral():
            pending *= last_unit // 10
        section += pending
    return total + section


_SMALL_ORDER = ((1000, "千"), (100, "百"), (10, "十"))
_BIG_ORDER = ((10**12, "萬億"), (10**8, "億"), (10**4, "萬"))
_DIGIT_OUT = "零一二三四五六七八九"


def to_chinese(value: int) -> str:
    """A non-negative integer in standard Chinese numerals: 30080000 → 三千零八萬, 12 → 十二.

    The inverse of ``parse_numeral`` for whole numbers below 10**16; used to test the reader.
    """
    if value < 0 or value >= 10**16:
        raise ValueError(f"out of range: {value}")
    if value == 0:
        return "零"
    groups: list[tuple[int, str]] = []
    rest = value
    for size, name in _BIG_ORDER:
        groups.append((rest // size, name))
        rest %= size
    groups.append((rest, ""))
    out: list[str] = []
    need_zero = False
    for group, name in groups:
        if group == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or group < 1000):
            out.append("零")
        out.append(_group_to_chinese(group))
        out.append(name)
        need_zero = False
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def _group_to_chinese(group: int) -> str:
    out: list[str] = []
    zero = False
    for size, name in _SMALL_ORDER:
        digit = group // size
        group %= size
        if digit:
            if zero:
                out.append("零")
            out.append(_DIGIT_OUT[digit] + name)
            zero = False
        elif out:
            zero = True
    if group:
        if zero:
            out.append("零")
        out.append(_DIGIT_OUT[group])
    return "".join(out)


def to_arabic_units(value: Decimal) -> str:
    """A value as copy writes it with the largest fitting unit: 308000000 → 3.08億, 59960000 → 5,996萬."""
    if value < 0:
        raise ValueError(f"negative value: {value}")
    for size, name in _BIG_ORDER:
        if value >= size:
            return group_digits(value.scaleb(-len(str(size)) + 1)) + name
    return group_digits(value)


def exact(value: Decimal) -> Decimal:
    """A value without spurious trailing zeros or exponent: 168000000.00 → 168000000, 2.50 → 2.5."""
    if value == value.to_integral_value():
        # quantize needs a context holding every digit of the result; 1E+29 has 30 of them
        digits = max(value.adjusted() + 1, getcontext().prec)
        return value.quantize(Decimal(1), context=Context(prec=digits))
    return value.normalize()


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: Decimal('1.390E+2') → '139'."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def group_digits(value: Decimal, separator: str = ",") -> str:
    """``plain`` with thousands separators in the whole part: 23209 → 23,209."""
    text = plain(value)
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, dot, fraction = text.partition(".")
    parts: list[str] = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    return sign + separator.join(parts) + dot + fraction
