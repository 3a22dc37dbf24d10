"""``glossary check``: the mistakes that would spread from the glossary into every draft.

Each check is one small function over the whole glossary, registered in ``CHECKS``. Errors (exit 1) are
problems that make matching or fact checks wrong; warnings are things a person should look at but which
can be right (an official Simplified name that differs from OpenCC's conversion).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from workbench import tickers as tk
from workbench.glossary.core import Glossary, has_cjk, name_key, names_of
from workbench.glossary.csvfile import TYPES
from workbench.model import GlossaryEntry, Severity


@dataclass(frozen=True)
class Problem:
    row: int  # CSV line of the entry at fault (header is line 1)
    check: str
    severity: Severity
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "row": self.row,
            "check": self.check,
            "severity": self.severity.value,
            "message": self.message,
        }


CheckFunc = Callable[[Glossary], Iterator[Problem]]
CHECKS: dict[str, CheckFunc] = {}


def check(name: str) -> Callable[[CheckFunc], CheckFunc]:
    def register(func: CheckFunc) -> CheckFunc:
        CHECKS[name] = func
        return func

    return register


def check_glossary(glossary: Glossary) -> list[Problem]:
    """Every problem of ``glossary``, errors first, then by row."""
    problems = [p for func in CHECKS.values() for p in func(glossary)]
    return sorted(problems, key=lambda p: (p.severity != Severity.ERROR, p.row, p.check))


def _label(entry: GlossaryEntry) -> str:
    return f"{entry.traditional} (row {entry.row})"


@check("duplicate-name")
def duplicate_names(glossary: Glossary) -> Iterator[Problem]:
    owners: dict[str, GlossaryEntry] = {}
    for entry in glossary.entries:
        for form in names_of(entry):
            key = name_key(form)
            first = owners.setdefault(key, entry)
            if first is not entry:
                yield Problem(
                    entry.row,
                    "duplicate-name",
                    Severity.ERROR,
                    f"{form} is already a name of {_label(first)}; merge the rows or drop the name from one",
                )


@check("duplicate-ticker")
def duplicate_tickers(glossary: Glossary) -> Iterator[Problem]:
    owners: dict[str, GlossaryEntry] = {}
    for entry in glossary.entries:
        for ticker in entry.tickers:
            first = owners.setdefault(ticker, entry)
            if first is not entry:
                yield Problem(
                    entry.row,
                    "duplicate-ticker",
                    Severity.ERROR,
                    f"{ticker} is already the ticker of {_label(first)}; one listing belongs to one company",
                )


@check("bad-ticker")
def bad_tickers(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        for ticker in entry.tickers:
            if not tk.is_valid(ticker):
                yield Problem(
                    entry.row,
                    "bad-ticker",
                    Severity.ERROR,
                    f"{ticker!r} is not a ticker: write HK codes as 0020.HK (1-5 digits), US symbols as "
                    "QFIN.US, mainland codes as 601995.SH or 000001.SZ",
                )


@check("missing-english")
def missing_english(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        if not entry.english:
            yield Problem(
                entry.row,
                "missing-english",
                Severity.ERROR,
                f"{entry.traditional} has no English name; drafts cannot be checked against it",
            )


@check("unknown-type")
def unknown_type(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        if entry.type not in TYPES:
            yield Problem(
                entry.row,
                "unknown-type",
                Severity.ERROR,
                f"type {entry.type!r} of {entry.traditional} is not one of: {', '.join(TYPES)}",
            )


@check("forbidden-is-allowed")
def forbidden_allowed(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        allowed = {name_key(form) for form in glossary.english_forms(entry)}
        for bad in entry.forbidden:
            if name_key(bad) in allowed:
                yield Problem(
                    entry.row,
                    "forbidden-is-allowed",
                    Severity.ERROR,
                    f"{bad!r} is both an accepted and a forbidden English name of {entry.traditional}",
                )


@check("simplified-differs")
def simplified_differs(glossary: Glossary) -> Iterator[Problem]:
    from workbench.simplified import to_simplified

    for entry in glossary.entries:
        if not has_cjk(entry.traditional):
            continue
        expected = to_simplified(entry.traditional)
        if not entry.simplified:
            yield Problem(
                entry.row,
                "simplified-differs",
                Severity.WARNING,
                f"{entry.traditional} has no Simplified name; OpenCC gives {expected}",
            )
        elif entry.simplified != expected:
            yield Problem(
                entry.row,
                "simplified-differs",
                Severity.WARNING,
                f"Simplified {entry.simplified} differs from OpenCC's {expected}; "
                "keep it only if it is the official name",
            )


@check("ambiguous-alias")
def ambiguous_aliases(glossary: Glossary) -> Iterator[Problem]:
    # A Chinese alias inside another company's name means text mentioning that company alone may be
    # read as this one wherever the longer name is written differently. Substring search over every
    # name is quadratic, so the names are indexed by character first.
    names: list[tuple[str, GlossaryEntry]] = [
        (form, entry) for entry in glossary.entries for form in names_of(entry) if has_cjk(form)
    ]
    by_char: dict[str, set[int]] = defaultdict(set)
    for index, (form, _) in enumerate(names):
        for ch in set(form):
            by_char[ch].add(index)
    for entry in glossary.entries:
        for alias in entry.aliases:
            if not has_cjk(alias):
                continue
            candidates = set.intersection(*(by_char[ch] for ch in set(alias)))
            for index in sorted(candidates):
                form, other = names[index]
                if other is not entry and alias != form and alias in form:
                    yield Problem(
                        entry.row,
                        "ambiguous-alias",
                        Severity.WARNING,
                        f"alias {alias} of {entry.traditional} is part of {form}, a name of {_label(other)}",
                    )
                    break
