"""``glossary find``: fuzzy search over every name, alias and ticker, in any script.

Editors type what they remember: ``sensetime``, ``商汤`` (Simplified), ``20.HK`` or ``0020``. A query that
reads as a ticker is looked up exactly first; everything else is scored with rapidfuzz against each
entry's names in Traditional, Simplified (OpenCC) and English, and an entry ranks by its best name.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench import tickers as tk
from workbench.glossary.core import Glossary, has_cjk, names_of
from workbench.model import GlossaryEntry


@dataclass(frozen=True)
class Found:
    entry: GlossaryEntry
    score: float  # 0-100
    matched: str  # the name or ticker that scored best


def search_keys(entry: GlossaryEntry) -> list[str]:
    """Everything a person might search ``entry`` by."""
    from workbench.simplified import to_simplified

    keys: dict[str, None] = {}
    for form in (*names_of(entry), entry.english):
        if form:
            keys.setdefault(form, None)
            if has_cjk(form):
                keys.setdefault(to_simplified(form), None)
    for ticker in entry.tickers:
        keys.setdefault(ticker, None)
        keys.setdefault(ticker.split(".")[0], None)
    return list(keys)


def find(glossary: Glossary, query: str, limit: int = 10, cutoff: float = 60.0) -> list[Found]:
    """Entries that look like ``query``, best first."""
    from rapidfuzz import fuzz, process, utils

    query = query.strip()
    if not query:
        return []
    best: dict[int, Found] = {}
    ticker = tk.normalise(query)
    if ticker is not None:
        exact = glossary.by_ticker(ticker)
        if exact is not None:
            best[id(exact)] = Found(exact, 100.0, ticker)
    queries = [query]
    if has_cjk(query):
        from workbench.simplified import to_simplified

        queries.append(to_simplified(query))
    choices: list[str] = []
    owners: list[GlossaryEntry] = []
    for entry in glossary.entries:
        for key in search_keys(entry):
            choices.append(key)
            owners.append(entry)
    for q in dict.fromkeys(queries):
        for key, score, index in process.extract(
            q, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=None, score_cutoff=cutoff
        ):
            entry = owners[index]
            current = best.get(id(entry))
            if current is None or score > current.score:
                best[id(entry)] = Found(entry, float(score), key)
    ranked = sorted(best.values(), key=lambda f: (-f.score, f.entry.row))
    return ranked[:limit]
