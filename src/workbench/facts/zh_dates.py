"""Dates in a Chinese sentence: years, months, days, parts of them, decades and weekdays.

2024年上半年, 3月15日, 十月初, 2010年代末 and 下周三 each become one DATE fact in the house style. A
reading that is no calendar date (13月, 32日) is dropped rather than guessed, and a count of weeks (兩周) is
no weekday.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.facts import render
from workbench.facts.numerals import DIGIT_CHARS, parse_numeral
from workbench.facts.style import Style
from workbench.model import Fact, FactKind

_CN_DIGIT_RUN = "[一二三四五六七八九十〇零]{1,3}"
_YEAR = r"(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}"
_DATE = re.compile(
    rf"(?<![\d.,])(?:"
    rf"(?P<decade>{_YEAR})年代(?P<dpart>初|中|末)?"
    rf"|(?:(?P<y1>{_YEAR})年)?(?P<m>\d{{1,2}}|{_CN_DIGIT_RUN})月"
    rf"(?:(?P<d>\d{{1,2}}|{_CN_DIGIT_RUN})[日號号]|(?P<mpart>初|底|末|上旬|中旬|下旬))?"
    rf"|(?P<y2>{_YEAR})年(?!代)(?P<ypart>上半年|下半年|初|底|末|首季|第[一二三四1-4]季度?)?"
    rf")(?!\d)"
)
_WEEKDAY = re.compile(r"(?P<rel>上|下|本|今|這|这|每)?(?:周|週|星期|禮拜|礼拜)(?P<wd>[一二三四五六日天])")


def date_facts(text: str, folded: str, style: Style) -> Iterator[Fact]:
    for m in _DATE.finditer(folded):
        english = _date_english(m, style)
        if english:
            yield Fact(FactKind.DATE, text[m.start() : m.end()], m.start(), m.end(), english, unit="date")
    for m in _WEEKDAY.finditer(folded):
        if not m.group("rel") and m.start() > 0 and folded[m.start() - 1] in DIGIT_CHARS + "0123456789十":
            continue  # 兩周 is two weeks, not a weekday
        day = render.WEEKDAYS["一二三四五六日天".index(m.group("wd")) if m.group("wd") != "天" else 6]
        rel = {
            "上": "last ",
            "下": "next ",
            "本": "this ",
            "今": "this ",
            "這": "this ",
            "这": "this ",
            "每": "every ",
        }
        english = rel.get(m.group("rel") or "", "") + day
        yield Fact(FactKind.DATE, text[m.start() : m.end()], m.start(), m.end(), english, unit="date")


def _small_int(raw: str) -> int:
    return int(parse_numeral(raw))


def _date_english(m: re.Match[str], style: Style) -> str | None:
    try:
        if m.group("decade"):
            year = _small_int(m.group("decade"))
            part = {"初": "the early ", "中": "the mid-", "末": "the late "}.get(
                m.group("dpart") or "", "the "
            )
            return f"{part}{year}s"
        if m.group("m"):
            month = _small_int(m.group("m"))
            if not 1 <= month <= 12:
                return None
            year_text = f"{_small_int(m.group('y1'))}" if m.group("y1") else ""
            name = render.MONTHS[month - 1]
            if m.group("d"):
                day = _small_int(m.group("d"))
                if not 1 <= day <= 31:
                    return None
                out = render.month_day(month, day, style)
                if year_text:
                    out = f"{out} {year_text}" if style.day_first else f"{out}, {year_text}"
                return out
            suffix = f" {year_text}" if year_text else ""
            part = m.group("mpart")
            if part in ("底", "末"):
                return f"the end of {name}{suffix}"
            if part in ("初", "上旬"):
                return f"early {name}{suffix}"
            if part == "中旬":
                return f"mid-{name}{suffix}"
            if part == "下旬":
                return f"late {name}{suffix}"
            return f"{name}{suffix}"
        year = _small_int(m.group("y2"))
        part = m.group("ypart") or ""
        if part in ("底", "末"):
            return f"the end of {year}"
        if part == "初":
            return f"early {year}"
        if part in ("上半年", "下半年"):
            return f"the {'first' if part == '上半年' else 'second'} half of {year}"
        if part:
            quarter = 1 if part == "首季" else _small_int(part[1])
            return f"the {('first', 'second', 'third', 'fourth')[quarter - 1]} quarter of {year}"
        return str(year)
    except (ValueError, IndexError):
        return None
