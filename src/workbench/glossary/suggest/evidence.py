"""English evidence for a Chinese name from reviewed translations: the rendering reviewers chose.

A rendering anchored by a ticker (``China Renaissance (1911.HK)``) counts for the name written before
that ticker in the source; otherwise the capitalised phrases every reviewed sentence with the name shares
are the candidates, and only a single, consistent one is proposed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from workbench import tickers as tk
from workbench.glossary.core import Glossary
from workbench.glossary.suggest.names import names_with_tickers
from workbench.glossary.suggest.records import Reviewed
from workbench.glossary.suggest.words import NOT_NAMES

_CAPITALISED = re.compile(
    r"[A-Z][A-Za-z0-9&'’\-]*(?:\.[A-Za-z]+)*(?:\s+(?:(?:of|and|the|de|&)\s+)?[A-Z][A-Za-z0-9&'’\-]*(?:\.[A-Za-z]+)*)*"
)
_LEADING = re.compile(r"^(?:The|A|An|In|On|At|As|But|And|However|Last|Meanwhile|Also)\s+")


def _phrases(english: str) -> set[str]:
    out: set[str] = set()
    for m in _CAPITALISED.finditer(english):
        phrase = _LEADING.sub("", m.group(0)).removesuffix("'s").removesuffix("’s").strip()
        if phrase and phrase not in NOT_NAMES and not phrase.startswith(("HK$", "US$")):
            out.add(phrase)
    return out


def _anchored(english: str, ticker: str) -> str | None:
    """The capitalised phrase written right before ``(ticker)`` in an English sentence."""
    for m in re.finditer(r"[(（]\s*([^()（）]{1,30}?)\s*[)）]", english):
        parts = [tk.normalise(p) for p in tk.split_list(m.group(1))]
        if ticker not in parts:
            continue
        before = english[: m.start()].rstrip()
        words = list(_CAPITALISED.finditer(before))
        if words and words[-1].end() == len(before):
            phrase = _LEADING.sub("", words[-1].group(0)).removesuffix("'s").strip()
            if phrase:
                return phrase
    return None


class Evidence:
    """Renderings reviewers chose for each Chinese name, to tell a consistent one from a guess."""

    def __init__(self) -> None:
        self.anchored: dict[str, Counter[str]] = defaultdict(Counter)
        self.free: dict[str, list[set[str]]] = defaultdict(list)

    def english_for(self, name: str) -> str | None:
        anchored = self.anchored.get(name)
        if anchored:
            rendering, votes = anchored.most_common(1)[0]
            if votes * 3 >= sum(anchored.values()) * 2:
                return rendering
            return None
        sets = self.free.get(name, [])
        if len(sets) < 2:
            return None
        common = set.intersection(*sets)
        # Keep only the most specific phrases: "China Renaissance Holdings" over "China Renaissance".
        common = {p for p in common if not any(p != q and p in q for q in common)}
        return next(iter(common)) if len(common) == 1 else None


def gather(glossary: Glossary, reviewed: Sequence[Reviewed], names: Iterable[str]) -> Evidence:
    evidence = Evidence()
    wanted = sorted(set(names), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in wanted)) if wanted else None
    for item in reviewed:
        tickers_of: dict[str, tuple[str, ...]] = {n: t for n, t, _ in names_with_tickers(item.source)}
        explained = {
            form for hit in glossary.match(item.source) for form in glossary.english_forms(hit.entry)
        }
        free = {p for p in _phrases(item.english) if not any(p in form or form in p for form in explained)}
        mentioned = set(m.group(0) for m in pattern.finditer(item.source)) if pattern else set()
        for name in mentioned:
            anchored = None
            for ticker in tickers_of.get(name, ()):
                anchored = _anchored(item.english, ticker)
                if anchored:
                    break
            if anchored:
                evidence.anchored[name][anchored] += 1
            elif free:
                evidence.free[name].append(free)
    return evidence
