"""Carrying the facts of a Chinese sentence into its machine draft.

Small translation models drop tickers, turn 3.08億 into "3.08 billion" and spell company names their own
way. Whatever the model, the engine gives an n-best list, and the facts of the source say exactly what the
English must contain, so the draft is made right in two moves that need nothing from the model itself:

1. **Repair** each candidate (the best hypothesis and the engine's alternatives) where a fact can be put
   right without guessing: a mis-scaled, mis-valued or mis-denominated number replaced by the fact's
   house-style English when the alignment pairs it unambiguously by kind and order; an altered ticker
   replaced, a dropped ticker put back after the company name it follows in the source; a forbidden or
   misspelt company name, or an invented company standing where the source's one should be, replaced by
   the glossary's English.
2. **Choose** the candidate that states nothing the source does not (no invented figure, company, ticker
   or direction, no doubled word), then the one with the most facts right after repair, then the fewest
   errors and warnings, then the one the model preferred. A missing figure is plain to a reviewer; an
   invented one reads as news.

A repair never writes a word twice: an edit that would leave "Limited Limited" or "yuan yuan" where the
draft had none is not made.

What still cannot be made right (a missing amount has no place to go) stays a finding on the entry, so a
reviewer sees it; a draft is never silently wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.checks import run_checks
from workbench.checks.base import Context, GlossaryLike
from workbench.checks.names import find_key, key, name_matches, tokens
from workbench.checks.quantities import MONEY, NUMERIC, Status, kind_matches, numeric_matches
from workbench.checks.text import doubled_words
from workbench.checks.ticker import align_tickers
from workbench.model import Fact, FactKind, Finding, Severity, TermHit

if TYPE_CHECKING:
    from workbench.facts.style import Style
    from workbench.mt import Translation

CHECKED_KINDS = frozenset({*NUMERIC, FactKind.PERCENT, FactKind.MULTIPLE, FactKind.TICKER, FactKind.NAME})
# Findings that say the draft states something the source does not: the worst a candidate can do.
INVENTING = frozenset(
    {"figure-invented", "hallucinated-entity", "ticker-altered", "direction-contradicts", "repeated-word"}
)
REPAIR_NEAR_MISS = 85.0

_QUALIFIER = re.compile(
    r"^(?:about|around|approximately|nearly|almost|over|more than|less than|no more than|up to|at least|"
    r"under|some)\s+",
    re.IGNORECASE,
)
_SYMBOL = re.compile(r"^(?:[A-Z]{1,2}\$|\$|RMB\s?|CNY\s?|HKD\s?|USD\s?|¥|￥)")
_NUMBER = re.compile(
    r"(?:[A-Z]{1,2}\$|\$|RMB\s?|CNY\s?|HKD\s?|USD\s?|¥|￥)?\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:thousand|million|billion|trillion|mn|bn)\b)?",
    re.IGNORECASE,
)
_SCALE_WORDS = frozenset({"thousand", "million", "billion", "trillion", "mn", "bn", "m", "b"})
_CURRENCY_BEFORE = re.compile(r"(?:RMB|CNY|HKD|USD|HK\$|US\$|\$|¥|￥)\s*$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(
    r"^\s*(?:yuan|renminbi|rmb|(?:hong kong |hk |us |u\.s\. )?dollars?)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str
    money: bool = False  # the replacement carries its own currency
    number: bool = False  # the replacement ends with its own unit (yuan, shares, times)


def carry_facts(
    source: str,
    translation: Translation,
    facts: Sequence[Fact],
    hits: Sequence[TermHit] = (),
    glossary: GlossaryLike | None = None,
    style: Style | None = None,
) -> tuple[str, tuple[Finding, ...]]:
    """The best draft of ``source`` with its facts carried in, and the findings that remain on it."""
    candidates = [translation.text, *(text for text, _ in translation.alternatives)]
    seen: set[str] = set()
    best: tuple[tuple[int, int, int, int, int], str, tuple[Finding, ...]] | None = None
    for rank, candidate in enumerate(candidates):
        if candidate in seen:
            continue
        seen.add(candidate)
        try:
            repaired = repair(source, candidate, facts, hits, glossary)
            findings = run_checks(source, repaired, facts, hits, glossary, style=style)
            right, _ = count_right(repaired, facts, hits, glossary, source)
        except Exception as err:  # one odd draft must cost that draft, never the run
            unchecked = Finding(
                "facts-unchecked",
                Severity.ERROR,
                f"the draft's facts could not be checked ({type(err).__name__}); check every figure by hand",
            )
            repaired, findings, right = candidate, (unchecked,), -1
        errors = sum(f.severity is Severity.ERROR for f in findings)
        warnings = len(findings) - errors
        invented = sum(f.check in INVENTING for f in findings)
        score = (-invented, right, -errors, -warnings, -rank)
        if best is None or score > best[0]:
            best = (score, repaired, findings)
    if best is None:  # no candidates at all: an empty draft, reported as such
        return "", run_checks(source, "", facts, hits, glossary, style=style)
    _, text, findings = best
    if (
        translation.repetitive
        and text == translation.text
        and not any(f.check == "repetition" for f in findings)
    ):
        findings += (Finding("repetition", Severity.WARNING, "the engine marked this draft as repetitive"),)
    return text, findings


def repair(
    source: str,
    draft: str,
    facts: Sequence[Fact],
    hits: Sequence[TermHit] = (),
    glossary: GlossaryLike | None = None,
) -> str:
    """``draft`` with every fact that can be put right unambiguously put right; the rest left as it is."""
    text = draft
    # Names first: a ticker is put back after the company name, so the name must be right before.
    for step in (_name_edits, _ticker_edits, _number_edits):
        context = Context(source, text, facts, hits, glossary)
        text = _apply(text, step(context))
    return text


_AROUND = 80  # characters either side of an edit in which it must not have made a word doubled


def _apply(text: str, edits: Sequence[_Edit]) -> str:
    taken: list[tuple[int, int]] = []
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        if any(edit.start < e and s < edit.end for s, e in taken) or any(
            edit.start == edit.end == s for s, _ in taken
        ):
            continue
        before, after = text[: edit.start], text[edit.end :]
        if edit.money:
            before = _CURRENCY_BEFORE.sub("", before) if _CURRENCY_BEFORE.search(before) else before
            after = _CURRENCY_AFTER.sub("", after, count=1)
        last = edit.text.split()[-1] if edit.text.split() else ""
        if edit.number and last.isalpha() and last.lower() not in _SCALE_WORDS:
            after = re.sub(rf"^\s*{re.escape(last)}\b", "", after, count=1, flags=re.IGNORECASE)
        if before and (before[-1].isalnum() or before[-1] in ".,") and edit.text[:1].isalnum():
            before += " "
        low = max(0, len(before) - _AROUND)
        old = set(doubled_words(text[low : edit.end + _AROUND]))
        new = set(doubled_words((before + edit.text + after)[low : len(before) + len(edit.text) + _AROUND]))
        if new - old:
            continue  # the edit would write a word twice ("Limited Limited"); the finding stays instead
        text = before + edit.text + after
        taken.append((edit.start, edit.end))
    return text


def _number_edits(context: Context) -> list[_Edit]:
    edits: list[_Edit] = []
    matches = [*numeric_matches(context)]
    matches += kind_matches(context, FactKind.PERCENT)
    matches += kind_matches(context, FactKind.MULTIPLE)
    for m in matches:
        if m.right or m.status is Status.MISSING or not m.unambiguous or not m.targets:
            continue
        start, end = m.targets[0].start, m.targets[-1].end
        shown = context.target[start:end]
        if not any(ch.isdigit() for ch in shown):
            continue  # "tripled" for 2倍: no number to put right without rewriting the sentence
        bare = _QUALIFIER.sub("", m.fact.english)
        if m.status in (Status.SCALE, Status.VALUE) and len(m.targets) == 1:
            # Only the number changes; the draft's own wording around it ("domestic shares") stays.
            old, new = _NUMBER.search(shown), _NUMBER.search(bare)
            if old is not None and new is not None:
                number = new.group()
                if not _SYMBOL.match(old.group()):
                    number = _SYMBOL.sub("", number)
                edits.append(_Edit(start + old.start(), start + old.end(), number))
                continue
        money = m.fact.kind in MONEY and bool(m.fact.unit)
        edits.append(_Edit(start, end, bare, money=money, number=True))
    return edits


def _ticker_edits(context: Context) -> list[_Edit]:
    edits: list[_Edit] = []
    alignment = align_tickers(context)
    for m in alignment.matches:
        if m.found:
            continue
        if m.replaced_by is not None:
            _, start, end = m.replaced_by
            shown = context.target[start:end]
            bracketed = shown.startswith("(") and shown.endswith(")")
            edits.append(_Edit(start, end, f"({m.ticker})" if bracketed else m.ticker))
            continue
        # A dropped code goes back after the company it follows in the source, if the draft names it once.
        owner = next(
            (h for h in context.hits if 0 <= m.fact.start - h.end <= 1 and m.fact.start >= h.end), None
        )
        if owner is None:
            continue
        name = next((n for n in name_matches(context) if n.entry == owner.entry and len(n.spans) >= 1), None)
        if name is None:
            continue
        end = name.spans[0][1]
        if context.target[end : end + 3].lstrip().startswith("("):
            continue
        missing = [t for t in m.fact.tickers if t not in {occ[0] for occ in context.tickers}]
        shown = m.fact.english if len(missing) == len(m.fact.tickers) else f"({'; '.join(missing)})"
        if not shown.startswith("("):
            shown = f"({shown})"
        edits.append(_Edit(end, end, " " + shown))
    return edits


def _name_edits(context: Context) -> list[_Edit]:
    from workbench.checks.names import forbidden_rendering, hallucinated_entity

    edits: list[_Edit] = []
    missing = [m for m in name_matches(context) if not m.found]
    if not missing:
        return edits
    forbidden = list(forbidden_rendering(context))
    invented = list(hallucinated_entity(context))
    for m in missing:
        preferred = _preferred(m.facts, m.english)
        wrong = [
            p.target_span for p in forbidden if p.source_span == (m.entry.traditional if m.entry else None)
        ]
        span = _locate(context.target, wrong[0]) if wrong and wrong[0] else None
        replacement = preferred
        if span is None and m.near is not None and m.near[3] >= REPAIR_NEAR_MISS:
            span = (m.near[1], m.near[2])
            replacement = _closest_form(m.forms, m.near[0], preferred)
        if span is None and len(missing) == 1 and len(invented) == 1 and invented[0].target_span:
            span = _locate(context.target, invented[0].target_span)
        if span is not None:
            edits.append(_Edit(span[0], span[1], replacement))
    return edits


def _preferred(facts: Sequence[Fact], english: str) -> str:
    return facts[0].english if facts and facts[0].english else english


def _closest_form(forms: Sequence[str], near: str, default: str) -> str:
    from rapidfuzz import fuzz, process

    pool = [*forms]
    for form in forms:  # the short form too, when the draft misspelt the short form
        words = form.split()
        while len(words) > 1 and key(words[-1]) in {"inc", "ltd", "limited", "group", "holdings", "co"}:
            words.pop()
        pool.append(" ".join(words).rstrip(",."))
    found = process.extractOne(near, pool, scorer=fuzz.ratio)
    return str(found[0]) if found else default


def _locate(text: str, fragment: str) -> tuple[int, int] | None:
    spans = find_key(tokens(text), key(fragment))
    if spans:
        return spans[0]
    at = text.find(fragment)
    return (at, at + len(fragment)) if at >= 0 else None


def fact_status(
    draft: str,
    facts: Sequence[Fact],
    hits: Sequence[TermHit] = (),
    glossary: GlossaryLike | None = None,
    source: str = "",
) -> tuple[tuple[Fact, bool], ...]:
    """Each checkable fact of the source with whether ``draft`` renders it correctly.

    Dates are not checked (their English forms vary too much) and are left out.
    """
    context = Context(source, draft, facts, hits, glossary)
    right: dict[int, bool] = {}
    for m in (*numeric_matches(context), *kind_matches(context, FactKind.PERCENT)):
        right[id(m.fact)] = m.right
    for m in kind_matches(context, FactKind.MULTIPLE):
        right[id(m.fact)] = m.right
    present = {t for t, _, _ in context.tickers}
    for fact in facts:
        if fact.kind is FactKind.TICKER:
            right[id(fact)] = bool(fact.tickers) and all(t in present for t in fact.tickers)
    for n in name_matches(context):
        for fact in n.facts:
            right[id(fact)] = n.found
    return tuple((f, right.get(id(f), False)) for f in facts if f.kind in CHECKED_KINDS)


def count_right(
    draft: str,
    facts: Sequence[Fact],
    hits: Sequence[TermHit] = (),
    glossary: GlossaryLike | None = None,
    source: str = "",
) -> tuple[int, int]:
    """(facts rendered correctly, checkable facts) of ``draft``."""
    status = fact_status(draft, facts, hits, glossary, source)
    return sum(ok for _, ok in status), len(status)


def fact_accuracy(
    draft: str,
    facts: Sequence[Fact],
    hits: Sequence[TermHit] = (),
    glossary: GlossaryLike | None = None,
    source: str = "",
) -> float:
    """The fraction of the source's checkable facts that ``draft`` renders correctly (1.0 with none)."""
    right, total = count_right(draft, facts, hits, glossary, source)
    return right / total if total else 1.0
