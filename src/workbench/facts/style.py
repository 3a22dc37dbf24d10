"""The desk's house style: how figures are written in English, as data the desk edits.

One small TOML file, ``house-style.toml`` (the repository's own is the documented example and holds the
defaults), read once per run by ``load_style`` and passed as a ``Style`` to the fact reader and renderer
(``workbench.facts``) and to the checks. Nothing in ``facts/`` hard-codes a currency form, a ticker form or a
scale word; they all come from here.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from workbench.errors import InputError

STYLE_FILE = "house-style.toml"


@dataclass(frozen=True)
class Style:
    """How facts are read and written; one per newsroom. The defaults are the sample page's conventions.

    ``bare_yuan`` is the currency of a plain 元 neither the sentence nor its article pins down (the other one
    is accepted with a warning); ``bare_yuan_price`` that of a quoted share price in plain 元 (報7.87元 is HK$
    in Hong Kong market text).
    """

    yuan_prefix: bool = False  # True: RMB308 million; False: 308 million yuan
    yuan_word: str = "yuan"
    rmb_prefix: str = "RMB"
    hkd_prefix: str = "HK$"
    usd_prefix: str = "US$"
    percent_sign: str = "%"  # or " per cent"
    multiple_word: str = "times"
    thousands: str = ","
    abbreviated_scale: bool = False  # True: HK$1.2bn, 308m; False: HK$1.2 billion, 308 million
    day_first: bool = False  # False: December 5; True: 5 December
    hk_ticker: str = "0700.HK"  # a Hong Kong code as the house writes it, shown with Tencent's
    ticker_open: str = "("
    ticker_close: str = ")"
    ticker_separator: str = "; "
    bare_yuan: str = "CNY"
    bare_yuan_price: str = "HKD"

    def hk_code(self, code: str) -> str:
        """A normalised Hong Kong ticker (0700.HK) in the house form (0700.HK, 00700, 700)."""
        m = _EXAMPLE.fullmatch(self.hk_ticker)
        digits = code.partition(".")[0].lstrip("0") or "0"
        if m is None:
            return code
        if m.group("digits").startswith("0"):  # the house pads codes to the example's width
            digits = digits.zfill(len(m.group("digits")))
        return f"{m.group('prefix')}{digits}{m.group('suffix')}"


DEFAULT_STYLE = Style()

_EXAMPLE = re.compile(r"(?P<prefix>[^\d]*)(?P<digits>0*700)(?P<suffix>[^\d]*)")

# (section, key) -> (what it sets on Style, the values it takes and what each means)
_CHOICES: dict[tuple[str, str], dict[Any, dict[str, Any]]] = {
    ("currency", "yuan"): {"yuan": {"yuan_prefix": False}, "RMB": {"yuan_prefix": True}},
    ("currency", "plain_yuan"): {"CNY": {"bare_yuan": "CNY"}, "HKD": {"bare_yuan": "HKD"}},
    ("numbers", "scale"): {"billion": {"abbreviated_scale": False}, "bn": {"abbreviated_scale": True}},
    ("numbers", "percent"): {
        "%": {"percent_sign": "%"},
        "per cent": {"percent_sign": " per cent"},
        "percent": {"percent_sign": " percent"},
    },
    ("dates", "day_first"): {False: {"day_first": False}, True: {"day_first": True}},
}
_TEXTS: dict[tuple[str, str], str] = {
    ("currency", "hkd"): "hkd_prefix",
    ("currency", "usd"): "usd_prefix",
    ("numbers", "thousands"): "thousands",
    ("numbers", "multiple"): "multiple_word",
}


def load_style(path: Path) -> Style:
    """The house style in ``path``; a file that cannot be read or holds an unknown key or value is an
    ``InputError`` naming the file and the key to fix."""
    try:
        data = _parse_toml(path.read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise InputError(f"{path}: cannot read the house style ({err.strerror or err})") from err
    except ValueError as err:
        raise InputError(f"{path}: not a TOML file ({err}); see the repository's house-style.toml") from err
    changes: dict[str, Any] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            raise InputError(f"{path}: {section} must be a [section]; see the repository's house-style.toml")
        for name, value in table.items():
            where = (section, name)
            if where in _CHOICES:
                if value not in _CHOICES[where]:
                    known = ", ".join(repr(v) for v in _CHOICES[where])
                    raise InputError(f"{path}: {section}.{name} = {value!r}; use one of {known}")
                changes.update(_CHOICES[where][value])
            elif where in _TEXTS and isinstance(value, str):
                changes[_TEXTS[where]] = value
            elif where == ("tickers", "hk") and isinstance(value, str) and _EXAMPLE.fullmatch(value):
                changes["hk_ticker"] = value
            elif where == ("tickers", "brackets") and isinstance(value, str) and len(value) == 2:
                changes.update(ticker_open=value[0], ticker_close=value[1])
            else:
                raise InputError(
                    f"{path}: {section}.{name} = {value!r} is not a house-style setting; "
                    "see the repository's house-style.toml for the keys and their values"
                )
    return replace(DEFAULT_STYLE, **changes)


def style_for(style: Path | None, glossary: Path | None) -> Style:
    """The style of a run: the file given, else ``house-style.toml`` beside the glossary (or in the working
    folder), else the defaults."""
    if style is not None:
        return load_style(style)
    folder = glossary.parent if glossary is not None else Path(".")
    beside = folder / STYLE_FILE
    return load_style(beside) if beside.is_file() else DEFAULT_STYLE


def _parse_toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):  # pragma: no mutate - the one interpreter a test runs takes one side
        import tomllib
    else:  # Python 3.10: the same parser, published as tomli
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(str(err)) from err
