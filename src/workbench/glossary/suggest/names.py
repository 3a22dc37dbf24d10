"""Finding company names in Chinese text: names before a ticker, names ending in a company suffix, and
the shorter forms an article uses after the first mention."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from workbench import tickers as tk
from workbench.company_suffixes import LEGAL_FORMS, NAMING_SUFFIXES
from workbench.glossary.core import Glossary
from workbench.glossary.suggest.words import BOUNDARY_WORDS, GENERIC, PLACES, TRADES

_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TICKER_TOKEN = r"(?:[A-Z]{2,6}\s*:\s*)?[0-9A-Za-z][0-9A-Za-z.\-]{0,11}"
_BRACKETED_TICKERS = re.compile(rf"[（(]\s*({_TICKER_TOKEN}(?:\s*[;；,，、/]\s*{_TICKER_TOKEN})*)\s*[)）]")

# Legal forms end a company name for certain; the naming suffixes also end ordinary words (金融科技,
# 民營資本), so names found only through them pass the generic-word filter below. A bare 公司 is left out
# of the chain: 該公司 and 這家公司 are no names.
FULL_NAME_ENDINGS = LEGAL_FORMS[:3]
_SUFFIX_CHAIN = re.compile(
    "(?:" + "|".join(sorted(NAMING_SUFFIXES, key=len, reverse=True)) + ")*"
    "(?:" + "|".join(FULL_NAME_ENDINGS + NAMING_SUFFIXES) + ")"
)


def _run_before(text: str, end: int) -> str:
    start = end
    while start > 0 and _CJK_CHAR.match(text[start - 1]):
        start -= 1
    return text[start:end]


def trim_description(run: str, keep: int = 2) -> str:
    """The name at the end of a run of Chinese characters, without the description before it.

    The run is cut after the last boundary word that leaves at least ``keep`` characters, unless what is
    left starts with a company suffix (the 銀行 of 建設銀行股份有限公司 is part of the name).
    """
    return run[_cut(run, keep) :]


def _cut(run: str, keep: int) -> int:
    best = 0
    for word in BOUNDARY_WORDS:
        index = run.rfind(word)
        while index >= 0:
            cut = index + len(word)
            if len(run) - cut >= keep and not run[cut:].startswith(LEGAL_FORMS + NAMING_SUFFIXES):
                best = max(best, cut)
                break
            index = run.rfind(word, 0, index)
    return best


def names_with_tickers(text: str) -> list[tuple[str, tuple[str, ...], int]]:
    """(name, tickers, position) for each name written right before a ticker in brackets."""
    found: list[tuple[str, tuple[str, ...], int]] = []
    for m in _BRACKETED_TICKERS.finditer(text):
        parts = tk.split_list(m.group(1))
        normalised = [tk.normalise(p) for p in parts]
        if not parts or any(t is None for t in normalised):
            continue
        name = trim_description(_run_before(text, m.start()))
        if len(name) >= 2:
            found.append((name, tuple(t for t in normalised if t), m.start() - len(name)))
    return found


def names_with_suffixes(text: str) -> list[tuple[str, int]]:
    """(name, position) for each name ending in a company suffix that is more than a description."""
    found: list[tuple[str, int]] = []
    for m in _SUFFIX_CHAIN.finditer(text):
        # Keep 0 characters: a suffix right after a function word (表達對集團, 為集團) is no name at all.
        stem = trim_description(_run_before(text, m.start()), keep=0)
        if len(stem) < 2 or _is_generic(stem):
            continue
        found.append((stem + m.group(0), m.start() - len(stem)))
    return found


def _is_generic(stem: str) -> bool:
    """True for a stem that describes rather than names (國有銀行, 金融科技, 本土投資銀行)."""
    return any(stem.endswith(word) for word in GENERIC)


def short_forms(name: str) -> list[str]:
    """Shorter ways an article may refer to ``name`` after its first mention."""
    forms: list[str] = []
    base = name
    for suffix in ("集團股份有限公司", "控股有限公司", "集團有限公司", *FULL_NAME_ENDINGS):
        if base.endswith(suffix) and len(base) - len(suffix) >= 2:
            base = base[: -len(suffix)]
            break
    forms.append(base)
    for place in PLACES:
        if base.startswith(place) and len(base) - len(place) >= 2:
            base = base[len(place) :]
            forms.append(base)
            break
    core = base
    for trade in TRADES:
        if base.endswith(trade) and len(base) - len(trade) >= 2:
            core = base[: -len(trade)]
            forms.append(core)
            break
    forms += [core + trade for trade in TRADES]
    return [f for f in dict.fromkeys(forms) if f != name and len(f) >= 2]


def count_mentions(text: str, names: Iterable[str]) -> Counter[str]:
    """Non-overlapping mentions of each name, longest first (零跑汽車 is not also a 零跑)."""
    ordered = sorted(set(names), key=len, reverse=True)
    if not ordered:
        return Counter()
    pattern = re.compile("|".join(re.escape(n) for n in ordered))
    return Counter(m.group(0) for m in pattern.finditer(text))


def known(glossary: Glossary, name: str) -> bool:
    if glossary.by_name(name) is not None:
        return True
    hits = glossary.match(name)
    return len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(name)
