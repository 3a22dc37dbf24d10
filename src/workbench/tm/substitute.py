"""Substitution of a new sentence's facts into the reviewed English of a near match.

The stored English was written for a sentence that differs from the new one mostly in its figures, tickers and
names; each of those is found in the English and replaced by the new sentence's, and whatever cannot be placed
becomes a ``tm:`` note for the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.model import Fact, FactKind, GlossaryEntry, TermHit

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_APPROX_WORDS = r"(?:about|around|approximately|roughly|nearly|almost|some|over|more than|less than|up to)"
_APPROX_BEFORE = re.compile(rf"\b{_APPROX_WORDS}\s+$", re.IGNORECASE)
_APPROX_AFTER = re.compile(rf"^{_APPROX_WORDS}\s+", re.IGNORECASE)
# The figure of a rendered quantity: "HK$139 billion" of "HK$139 billion", "59.96 million" of "about
# 59.96 million shares".
_CORE = re.compile(r"(?:[A-Z]{0,3}\$)?\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion|trillion))?")
_LATIN = re.compile(r"[A-Za-z]")

_QUANTITY_KINDS = {
    FactKind.AMOUNT,
    FactKind.SHARES,
    FactKind.COUNT,
    FactKind.AREA,
    FactKind.PERCENT,
    FactKind.MULTIPLE,
    FactKind.POINTS,
    FactKind.PRICE,
}
# The fact reader and an English reader may disagree on whether 7.87 yuan a share is an amount or a price.
_KIND_GROUP = {FactKind.PRICE: FactKind.AMOUNT}


def substitute(
    english: str,
    old_facts: Sequence[Fact],
    new_facts: Sequence[Fact],
    old_hits: Sequence[TermHit] = (),
    new_hits: Sequence[TermHit] = (),
) -> tuple[str, list[str]]:
    """Put the new sentence's facts where the old sentence's facts are in its reviewed English.

    Facts are paired kind by kind in source order. A pair that reads the same needs nothing; otherwise the
    old fact is found in the English (its house-style rendering, else a number, ticker or glossary name of
    the same value) and replaced by the new fact's rendering. What cannot be placed is reported as a
    ``tm:`` note, and the caller's checks flag the draft.
    """
    notes: list[str] = []
    edits: list[tuple[int, int, str]] = []
    used: list[tuple[int, int]] = []
    for old, new in _pair(old_facts, new_facts):
        if old is None and new is not None:
            notes.append(f"tm: {new.text} ({new.english}) is new in this sentence; add it to the draft")
            continue
        if new is None and old is not None:
            notes.append(f"tm: {old.text} ({old.english}) is not in this sentence; remove it from the draft")
            continue
        assert old is not None and new is not None
        if _same(old, new):
            continue
        placed = _place(english, old, new, old_hits, new_hits, used)
        if placed is None:
            notes.append(
                f"tm: could not find {old.english} for {old.text} in the reviewed English; "
                f"write {new.english} for {new.text}"
            )
            continue
        start, end, replacement = placed
        used.append((start, end))
        edits.append(placed)
        notes.append(f"tm: {old.text} → {new.text}: {english[start:end]} replaced by {replacement}")
    for start, end, replacement in sorted(edits, reverse=True):
        english = english[:start] + replacement + english[end:]
    return english, notes


def _group(kind: FactKind) -> FactKind:
    return _KIND_GROUP.get(kind, kind)


def _pair(old: Sequence[Fact], new: Sequence[Fact]) -> list[tuple[Fact | None, Fact | None]]:
    """Pair facts of one kind in source order; when one side has more, equal facts pair up first.

    Same count: the sentences differ in figures, and the n-th figure of one is the n-th of the other
    ("fell to 2.5 from 3.1" → "fell to 3.1 from 4"). Different count: a figure was added or dropped,
    and the unchanged ones are recognised by value before the rest are paired in order.
    """
    pairs: list[tuple[Fact | None, Fact | None]] = []
    kinds = dict.fromkeys(_group(f.kind) for f in (*old, *new))
    for kind in kinds:
        olds = sorted((f for f in old if _group(f.kind) == kind), key=lambda f: f.start)
        news = sorted((f for f in new if _group(f.kind) == kind), key=lambda f: f.start)
        for o in list(olds) if len(olds) != len(news) else ():
            twin = next((n for n in news if _same(o, n)), None)
            if twin is not None:
                olds.remove(o)
                news.remove(twin)
                pairs.append((o, twin))
        for i in range(max(len(olds), len(news))):
            pairs.append((olds[i] if i < len(olds) else None, news[i] if i < len(news) else None))
    return pairs


def _same(old: Fact, new: Fact) -> bool:
    if old.kind in (FactKind.NAME, FactKind.TICKER):
        return old.english == new.english and old.tickers == new.tickers
    if old.value is not None and new.value is not None:
        return (old.value, old.upper, old.unit, old.english) == (new.value, new.upper, new.unit, new.english)
    return old.english == new.english


def _free(start: int, end: int, used: Sequence[tuple[int, int]]) -> bool:
    return all(end <= a or start >= b for a, b in used)


def _literal(text: str, needle: str, used: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    if not needle:
        return None
    # Word-ish boundaries keep "14%" from matching inside "114%" and "Sense" inside "SenseTime".
    left = r"(?<![0-9A-Za-z])" if needle[0].isalnum() else ""
    right = r"(?![0-9A-Za-z])" if needle[-1].isalnum() else ""
    for m in re.finditer(left + re.escape(needle) + right, text):
        if _free(m.start(), m.end(), used):
            return m.start(), m.end()
    return None


def _entry_at(fact: Fact, hits: Sequence[TermHit]) -> GlossaryEntry | None:
    for hit in hits:
        if hit.start == fact.start and hit.end == fact.end:
            return hit.entry
    for hit in hits:
        if hit.text == fact.text:
            return hit.entry
    return None


def _english_forms(entry: GlossaryEntry | None, fallback: str) -> list[str]:
    forms = [fallback]
    if entry is not None:
        forms += [entry.english, *(a for a in entry.aliases if _LATIN.search(a))]
    unique = [f for f in dict.fromkeys(forms) if f]
    return sorted(unique, key=len, reverse=True)


def _requantify(english: str, start: int, found: str, old: Fact, new: Fact) -> str:
    """The reviewer's wording of a quantity with the new figure in it.

    "RMB2.5 billion" becomes "RMB1.2 billion", not the house-style "1.2 billion yuan", so a sentence that
    names two amounts keeps one style; a change of currency or unit takes the house style whole.
    """
    old_core, new_core = _CORE.search(old.english), _CORE.search(new.english)
    if old_core and new_core and old.unit == new.unit:
        pattern = rf"(?<![\d.,]){re.escape(old_core.group())}(?![\d])"
        if len(re.findall(pattern, found)) == 1:
            return re.sub(pattern, lambda _: new_core.group(), found)
    replacement = new.english
    # "some 59.96 million shares" keeps the reviewer's "some" rather than gaining an "about".
    if _APPROX_BEFORE.search(english[:start]):
        replacement = _APPROX_AFTER.sub("", replacement, count=1)
    return replacement


def _place(
    english: str,
    old: Fact,
    new: Fact,
    old_hits: Sequence[TermHit],
    new_hits: Sequence[TermHit],
    used: Sequence[tuple[int, int]],
) -> tuple[int, int, str] | None:
    if old.kind == FactKind.NAME:
        old_entry = _entry_at(old, old_hits)
        new_entry = _entry_at(new, new_hits)
        for form in _english_forms(old_entry, old.english):
            span = _literal(english, form, used)
            if span is None:
                continue
            # A reviewer who wrote the short name gets the new company's short name, not its legal name.
            full = form in (old.english, old_entry.english if old_entry else None)
            short = [a for a in new_entry.aliases if _LATIN.search(a)] if new_entry else []
            replacement = new.english if full or not short else min(short, key=len)
            return span[0], span[1], replacement
        return None
    span = _literal(english, old.english, used)
    if span is not None:
        return span[0], span[1], new.english
    if old.kind == FactKind.TICKER:
        from workbench.facts import find_tickers

        for ticker, start, end in find_tickers(english):
            if ticker in old.tickers and _free(start, end, used):
                bracketed = english[start:end].startswith("(")
                replacement = new.english if bracketed or not new.tickers else new.tickers[0]
                return start, end, replacement
        return None
    if old.kind in _QUANTITY_KINDS and old.value is not None:
        from workbench.facts import find_quantities

        for q in find_quantities(english):
            same_unit = q.unit == old.unit or not q.unit or not old.unit
            if q.value == old.value and q.upper == old.upper and same_unit and _free(q.start, q.end, used):
                return q.start, q.end, _requantify(english, q.start, q.text, old, new)
    return None
