"""Ticker normalisation shared by the glossary and the fact reader.

0020.HK, 00020, (20), 20.HK and HK:0020 are the same HKEX listing and normalise to ``0020.HK``.
Other markets keep their own form: QFIN.US, 601995.SH, 000001.SZ.
"""

from __future__ import annotations

import re

_HK_SUFFIX = re.compile(r"^0*(\d{1,5})\.HK$")
_HK_PREFIX = re.compile(r"^(?:HK|HKEX|SEHK)\s*:\s*0*(\d{1,5})$")
_BARE = re.compile(r"^0*(\d{1,5})$")
_CN = re.compile(r"^(\d{6})\.(SH|SZ|SS)$")
_US = re.compile(r"^([A-Z][A-Z.\-]{0,5}?)\.(US|N|O|OQ)$")
_US_PREFIX = re.compile(r"^(?:NASDAQ|NYSE|US)\s*:\s*([A-Z][A-Z.\-]{0,5})$")


def hk(code: int | str) -> str:
    """The canonical form of an HKEX stock code: at least four digits, ``.HK``."""
    number = int(code)
    if not 0 < number <= 99999:
        raise ValueError(f"not an HKEX stock code: {code!r}")
    return f"{number:04d}.HK"


def normalise(raw: str) -> str | None:
    """The canonical ticker for ``raw``, or None when it is not a ticker this tool knows.

    A bare number (``00020``, ``(20)``) is taken as an HKEX code: in Hong Kong market text a code in
    brackets after a company name is one.
    """
    text = raw.strip().strip("()（）").strip().upper().replace("\u3000", " ")
    text = text.translate(_FULLWIDTH)
    for pattern in (_HK_SUFFIX, _HK_PREFIX, _BARE):
        m = pattern.match(text)
        if m:
            return hk(m.group(1)) if int(m.group(1)) else None
    m = _CN.match(text)
    if m:
        market = "SH" if m.group(2) == "SS" else m.group(2)
        return f"{m.group(1)}.{market}"
    m = _US.match(text) or _US_PREFIX.match(text)
    if m:
        return f"{m.group(1)}.US"
    return None


def is_valid(ticker: str) -> bool:
    """True when ``ticker`` is already in canonical form."""
    return normalise(ticker) == ticker


def split_list(raw: str) -> list[str]:
    """Split a list of tickers as written: ``QFIN.US;3660.HK``, ``3908.HK,601995.SH``."""
    return [part.strip() for part in re.split(r"[;；,，/、|]", raw) if part.strip()]


_FULLWIDTH = str.maketrans("０１２３４５６７８９．：", "0123456789.:")
