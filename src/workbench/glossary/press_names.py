"""The names the press writes for a listed company, derived from the names its listing gives.

The exchange's lists name companies by their legal names (騰訊控股有限公司, "Tencent Holdings Limited",
"DAHON TECH (SHENZHEN) CO., LTD.") or by 15-character short names (TENCENT, 騰訊控股); a story writes 騰訊,
Tencent, 周六福, Dahon Tech. So an import proposes, as aliases of the row:

- the English without its legal form and jurisdiction brackets, in a reader's casing (Dahon Tech (Shenzhen)
  Co., Ltd. → Dahon Tech (Shenzhen), Dahon Tech), and without Holdings or Group where a name remains
  (HSBC Holdings → HSBC);
- the Chinese without its legal form (騰訊控股有限公司 → 騰訊控股), then without 控股, 集團 or 股份 (騰訊),
  then without a trade word or a leading place (周六福珠寶 → 周六福; 深圳市優必選科技 → 優必選科技), each
  only while what remains is still a name: not a place or a trade alone (中國, 銀行), not an ordinary word
  (不同, from 不同集團);
- the press's own abbreviations that no rule derives (匯控, 港交所, 平保), from the table shipped beside
  this module (``data/press_names.csv``), with the English the press writes for those companies.

The row's English becomes the table's press name where there is one, else the legal name without its
legal form; the legal names stay in the row's notes. Every form here depends only on the listing and the
shipped data, so an import can tell an untouched row from an edited one by deriving it again.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from workbench.glossary.listing_names import reader_name

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# -- English ----------------------------------------------------------------------------------------------

_LEGAL_EN = re.compile(
    r"(?:[\s,]+(?:Co\.?,?\s*(?:Ltd\.?|Limited)|Company,?\s+(?:Ltd\.?|Limited)|Corporation\s+(?:Ltd\.?|Limited)"
    r"|Limited|Ltd\.?|Incorporated|Inc\.?|Corporation|Corp\.?|Company|Co\.?|plc|PLC|S\.p\.A\.?|S\.A\.?"
    r"|N\.V\.?|AG|SE)|\s*'[AB]')\s*$",
    re.IGNORECASE,
)
_BRACKET_EN = re.compile(r"\s*\([^()]*\)")
_LAST_HOLDING_EN = re.compile(r"\s+(?:Holdings?|Group|International|Int'l\.?)\s*$", re.IGNORECASE)
_THE_EN = re.compile(r"^The\s+")
_WORD_EN = re.compile(r"[A-Za-z0-9&']+")
# A name that is only these words names no company: "China", "Hong Kong International".
_GENERIC_EN = frozenset(
    """
    china chinese hong kong hk asia asian pacific international global world new the and of group holdings
    holding greater bay area macau macao shanghai beijing shenzhen guangzhou
    """.split()  # noqa: SIM905 - a word list reads better than quoted strings
)


# An import derives each company's names twice (the row it would write, and the row an untouched one
# should be, to tell it from an edited one): the second time is read back from these caches.
_DERIVED = 4096


@lru_cache(maxsize=_DERIVED)
def english_press_names(legal: str) -> tuple[str, ...]:
    """The English forms a story may write for a company whose legal or listed name is ``legal``, the one
    to propose first: "HSBC Holdings plc" → ("HSBC Holdings", "HSBC"); "The Wharf (Holdings) Limited" →
    ("Wharf", "The Wharf (Holdings)"); "DAHON TECH (SHENZHEN) CO., LTD." → ("Dahon Tech", "Dahon Tech
    (Shenzhen)")."""
    name = " ".join(reader_name(legal.replace("’", "'")).split())
    without_form = _strip_repeatedly(_LEGAL_EN, name)
    plain = _strip_repeatedly(_LEGAL_EN, _BRACKET_EN.sub("", without_form).strip(" ,"))
    plain = _THE_EN.sub("", plain)
    forms = [plain, without_form]
    core = plain
    while (shorter := _LAST_HOLDING_EN.sub("", core).strip(" ,")) != core:  # Kaisa Group Holdings → Kaisa
        core = shorter
        if _names_something(core):
            forms.append(core)
    return tuple(f for f in dict.fromkeys(forms) if f)


def _strip_repeatedly(pattern: re.Pattern[str], text: str) -> str:
    while True:
        shorter = pattern.sub("", text).strip(" ,")
        if shorter == text:
            return text
        text = shorter


def _names_something(name: str) -> bool:
    words = _WORD_EN.findall(name)
    return bool(words) and not all(w.casefold() in _GENERIC_EN for w in words)


# -- Chinese ----------------------------------------------------------------------------------------------

_LEGAL_ZH = re.compile(r"(?:股份有限公司|有限責任公司|有限公司|公司)$")
# A share class: 'A' in a listed name, Ａ (full width, unquoted) in the exchange's short names.
_CLASS_ZH = re.compile(r"\s*['‘’]?[ABＡＢ]['‘’]?\s*$")
_BRACKET_ZH = re.compile(r"\s*[（(][^（）()]*[)）]\s*")
_HOLDING_ZH = re.compile(r"(?:控股|集團|集团|股份)$")


@dataclass(frozen=True)
class Vocabulary:
    """The shipped word lists derivation and matching read (see ``data/``)."""

    common: frozenset[str]  # ordinary words that are also a company's (short) name: 不同, 理想, 周六
    places: frozenset[str]  # places a name may begin with: 深圳市, 上海, 浙江
    trades: frozenset[str]  # trade words a name may end with: 珠寶, 科技, 醫藥
    generic: frozenset[str]  # words that alone name no company: 中國, 香港, 國際, and every place and trade
    # The lengths places and trades come in (longest first): a name's start and end are looked up by
    # length, not tried against all 400 words.
    place_sizes: tuple[int, ...]
    trade_sizes: tuple[int, ...]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    places = frozenset(_words("places.txt"))
    trades = frozenset(_words("trades.txt"))
    return Vocabulary(
        common=frozenset(_words("common_words.txt")),
        places=places,
        trades=trades,
        generic=places | trades | frozenset(_words("generic_words.txt")),
        place_sizes=_longest_first(places),
        trade_sizes=_longest_first(trades),
    )


def _longest_first(words: frozenset[str]) -> tuple[int, ...]:
    return tuple(sorted({len(word) for word in words}, reverse=True))


@lru_cache(maxsize=1)
def common_match_words() -> frozenset[str]:
    """The ordinary words of ``common_words.txt`` in Traditional and in Simplified, as the matcher sees
    names in both scripts."""
    from workbench.simplified import to_simplified_lines

    common = list(vocabulary().common)
    return frozenset([*common, *to_simplified_lines(common)])


@lru_cache(maxsize=1)
def place_words() -> tuple[str, ...]:
    """Places (``places.txt``): a short name right after one is part of a longer name the glossary lacks
    (江蘇宏信 is not 宏信)."""
    return tuple(vocabulary().places)


@lru_cache(maxsize=1)
def not_name_words() -> tuple[str, ...]:
    """The words of ``not_names.txt``: where one runs into a short name, the name is not matched alone."""
    return tuple(dict.fromkeys(_words("not_names.txt")))


def _words(name: str) -> list[str]:
    """The words of a shipped list: one or more a line, separated by spaces; ``#`` starts a comment."""
    text = _data(name)
    return [word for line in text.splitlines() for word in line.partition("#")[0].split()]


def _data(name: str) -> str:
    return resources.files("workbench.glossary").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=_DERIVED)
def chinese_press_names(full: str) -> tuple[str, ...]:
    """The Chinese forms a story may write for a company whose listed name is ``full``, longest first:
    騰訊控股有限公司 → (騰訊控股, 騰訊); 周六福珠寶股份有限公司 → (周六福珠寶, 周六福). ``full`` itself is
    not among them, nor any form that no longer names a company on its own."""
    words = vocabulary()
    name = "".join(_CLASS_ZH.sub("", full).split())
    if not _CJK.search(name):
        return ()
    name = _BRACKET_ZH.sub("", name)
    base = _strip_repeatedly(_LEGAL_ZH, name)
    forms = [base]  # the legal name without its legal form is the company's name, whatever its words
    held = base
    while (shorter := _HOLDING_ZH.sub("", held)) != held:  # 佳兆業集團控股 → 佳兆業集團 → 佳兆業
        held = shorter
        if _distinctive(held, words):
            forms.append(held)
    for form in _shorter(held, words):
        if _distinctive(form, words):
            forms.append(form)
    full_name = "".join(full.split())
    return tuple(f for f in dict.fromkeys(forms) if f != full_name and len(f) >= 2 and f not in words.common)


def _shorter(name: str, words: Vocabulary) -> list[str]:
    """``name`` without a trade word at its end, without a place at its start, and without both."""
    out: list[str] = []
    without_trade = name
    while trade := _longest_end(without_trade, words.trades, words.trade_sizes):
        # 寧德時代新能源科技 → 寧德時代新能源 → 寧德時代
        without_trade = _strip_repeatedly(_HOLDING_ZH, without_trade[: -len(trade)])
        out.append(without_trade)
    place = _longest_start(name, words.places, words.place_sizes)
    if place:
        # Both start with the place (each is a start of ``name``), or what is left is empty and no name.
        out += [name[len(place) :], without_trade[len(place) :]]
    return out


def _longest_end(name: str, words: frozenset[str], sizes: tuple[int, ...]) -> str | None:
    """The longest of ``words`` that ``name`` ends with (``sizes``: their lengths, longest first). Where it
    is the whole name, what is left is empty, and no name."""
    return next((name[-size:] for size in sizes if name[-size:] in words), None)


def _longest_start(name: str, words: frozenset[str], sizes: tuple[int, ...]) -> str | None:
    """The longest of ``words`` that ``name`` starts with."""
    return next((name[:size] for size in sizes if name[:size] in words), None)


def _distinctive(form: str, words: Vocabulary) -> bool:
    """Whether ``form`` names a company on its own: two characters or more, not an ordinary word, and not
    made only of places, trades and words such as 中國 or 國際."""
    if len(form) < 2 or not all(_CJK.match(ch) for ch in form) or form in words.common:
        return False
    return not _only_generic(form, words.generic)


def _only_generic(form: str, generic: frozenset[str]) -> bool:
    """True when ``form`` splits into generic words (中國銀行 = 中國 + 銀行), tried longest first."""
    if not form:
        return True
    for size in range(len(form), 0, -1):
        if form[:size] in generic and _only_generic(form[size:], generic):
            return True
    return False


# -- the table of the press's own abbreviations -----------------------------------------------------------


@dataclass(frozen=True)
class PressEntry:
    code: str  # 0700.HK
    chinese: tuple[str, ...]  # 騰訊
    english: str  # Tencent
    english_aliases: tuple[str, ...]  # Tencent Holdings


@lru_cache(maxsize=1)
def press_table() -> dict[str, PressEntry]:
    """``data/press_names.csv`` by ticker."""
    from workbench import tickers as tk

    text = _data("press_names.csv")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    table: dict[str, PressEntry] = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        code = tk.hk(row["code"])
        table[code] = PressEntry(
            code=code,
            chinese=_split(row["chinese"]),
            english=row["english"].strip(),
            english_aliases=_split(row["english_aliases"]),
        )
    return table


@lru_cache(maxsize=1)
def _table_owners() -> dict[str, str]:
    """Each Chinese short name of the table and the code it belongs to."""
    return {name: code for code, entry in press_table().items() for name in entry.chinese}


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


# -- one listing's names ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PressNames:
    english: str  # the English to propose for the row
    aliases: tuple[str, ...]  # Chinese short forms first, then English forms


def press_names(
    codes: tuple[str, ...], english: str, chinese: str, short_english: str = "", short_chinese: str = ""
) -> PressNames:
    """What an import proposes for a company listed under ``codes`` as ``english`` / ``chinese`` (legal
    or short names, as the list gives them), with the exchange's short names where a securities list gave
    them too."""
    entry = next((e for c in codes if (e := press_table().get(c)) is not None), None)
    english_forms = list(english_press_names(english)) if english else []
    if short_english:
        english_forms.append(reader_name(short_english))
    proposed = entry.english if entry else (english_forms[0] if english_forms else reader_name(english))
    chinese_forms: list[str] = [*(entry.chinese if entry else ())]
    for name in (chinese, short_chinese):
        if name:
            if short_chinese and name == short_chinese and name != chinese:
                chinese_forms.append(_CLASS_ZH.sub("", "".join(name.split())))
            chinese_forms += chinese_press_names(name)
    # A short name the table gives to another company is that company's (比亞迪 is BYD, not BYD Electronic).
    owners = _table_owners()
    own = set(entry.chinese) if entry else set()
    chinese_forms = [f for f in chinese_forms if f in own or f not in owners]
    latin = [*(entry.english_aliases if entry else ()), *english_forms]
    aliases = [f for f in dict.fromkeys([*chinese_forms, *latin]) if f and f != proposed]
    full_name = "".join(chinese.split())
    return PressNames(proposed, tuple(a for a in aliases if a != full_name))
