"""``glossary find``: fuzzy search over every name, alias and ticker, in any script.

Editors type what they remember: ``sensetime``, ``商汤`` (Simplified), ``20.HK`` or ``0020``. A query that
reads as a ticker is looked up exactly first; everything else is scored with rapidfuzz against each
entry's names in Traditional, Simplified (OpenCC) and English, and an entry ranks by its best name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench import tickers as tk
from workbench.glossary.core import Glossary, has_cjk, names_of
from workbench.model import GlossaryEntry


@dataclass(frozen=True)
class Found:
    entry: GlossaryEntry
    score: float  # 0-100
    matched: str  # the name or ticker that scored best


def _search_keys(entries: Sequence[GlossaryEntry]) -> list[list[str]]:
    """Everything a person might search each entry by: names in both scripts, English, tickers."""
    from workbench.simplified import to_simplified_lines

    forms = [[f for f in dict.fromkeys((*names_of(entry), entry.english)) if f] for entry in entries]
    chinese = [f for entry_forms in forms for f in entry_forms if has_cjk(f)]
    simplified = dict(zip(chinese, to_simplified_lines(chinese), strict=True))  # one OpenCC call for all
    out: list[list[str]] = []
    for entry, entry_forms in zip(entries, forms, strict=True):
        keys: dict[str, None] = {}
        for form in entry_forms:
            keys.setdefault(form, None)
            if form in simplified:
                keys.setdefault(simplified[form], None)
        for ticker in entry.tickers:
            keys.setdefault(ticker, None)
            keys.setdefault(ticker.split(".")[0], None)
        out.append(list(keys))
    return out


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
    for entry, keys in zip(glossary.entries, _search_keys(glossary.entries), strict=True):
        for key in keys:
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
