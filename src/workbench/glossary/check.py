"""``glossary check``: the mistakes that would spread from the glossary into every draft.

Each check is one small function over the whole glossary, registered with the same mechanism as the
checks of a draft (``workbench.checkbase``) in a registry of its own, ``CHECKS``, and reporting the same
``Finding`` records with the glossary row at fault. Errors (exit 1) are problems that make matching or
fact checks wrong; warnings are things a person should look at but which can be right (an official
Simplified name that differs from OpenCC's conversion); information is what an editor should know when
reading hits (one company's name is the start of another's).

Every check is linear or n log n in the number of entries, so a glossary of every listed company (20,000
rows) is checked in about a second.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from workbench import tickers as tk
from workbench.checkbase import Check, CheckFunction, Problem, register_in
from workbench.glossary.core import Glossary, has_cjk, name_key
from workbench.glossary.csvfile import TYPES
from workbench.glossary.formulas import formula_cells, why
from workbench.model import Finding, GlossaryEntry, Severity

CHECKS: dict[str, Check[Glossary]] = {}


def check(name: str, severity: Severity) -> Callable[[CheckFunction[Glossary]], CheckFunction[Glossary]]:
    return register_in(CHECKS, name, severity, needs_target=False)


_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def check_glossary(glossary: Glossary) -> list[Finding]:
    """Every finding on ``glossary``: errors, then warnings, then information, each by row."""
    findings = [f for item in CHECKS.values() for f in item.run(glossary)]
    return sorted(findings, key=lambda f: (_ORDER[f.severity], f.row or 0, f.check))


def finding_dict(finding: Finding) -> dict[str, object]:
    """A finding of ``glossary check`` as ``--json`` prints it."""
    return {
        "row": finding.row,
        "check": finding.check,
        "severity": finding.severity.value,
        "message": finding.message,
    }


def _label(entry: GlossaryEntry) -> str:
    return f"{entry.traditional} (row {entry.row})"


@check("duplicate-name", Severity.ERROR)
def duplicate_names(glossary: Glossary) -> Iterator[Problem]:
    """A company's own name (Traditional or Simplified) that another row also has, as its name or alias:
    the matcher gives it to the first row, so the second is never found by it."""
    owners: dict[str, GlossaryEntry] = {}
    for entry in glossary.entries:
        for form in _own_names(entry):
            first = owners.setdefault(name_key(form), entry)
            if first is not entry:
                yield Problem(
                    f"{form} is already a name of {_label(first)}; merge the rows or drop the name from one",
                    row=entry.row,
                )
    for entry in glossary.entries:
        for alias in entry.aliases:
            holder = owners.get(name_key(alias))
            if holder is not None and holder is not entry:
                yield Problem(
                    f"alias {alias} is the name of {_label(holder)}; drop it here or merge the rows",
                    row=entry.row,
                )


def _own_names(entry: GlossaryEntry) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for f in (entry.traditional, entry.simplified) if f))


@check("shared-alias", Severity.WARNING)
def shared_aliases(glossary: Glossary) -> Iterator[Problem]:
    """A short name two companies have as an alias (華潤 for every China Resources company): the matcher
    takes it only with one of their codes after it, never alone."""
    own = {name_key(form) for entry in glossary.entries for form in _own_names(entry)}
    holders: dict[str, list[GlossaryEntry]] = defaultdict(list)
    for entry in glossary.entries:
        for alias in dict.fromkeys(name_key(a) for a in entry.aliases):
            if alias not in own:
                holders[alias].append(entry)
    for entry in glossary.entries:
        for alias in entry.aliases:
            sharing = holders.get(name_key(alias), [])
            if len(sharing) > 1 and sharing[0] is not entry:
                yield Problem(
                    f"alias {alias} is also an alias of {_label(sharing[0])}: it is matched only with one of "
                    "their codes after it; drop it from the row it does not name in the press",
                    row=entry.row,
                )


@check("no-chinese-name", Severity.WARNING)
def no_chinese_name(glossary: Glossary) -> Iterator[Problem]:
    """An imported row whose Chinese name is English: the list repeated the English in its Chinese column
    (Hypebeast Limited), so Chinese copy never names the company that way."""
    from workbench.glossary.merge import imported_from

    for entry in glossary.entries:
        if not has_cjk(entry.traditional) and imported_from(entry) is not None:
            yield Problem(
                f"{entry.traditional} has no Chinese name (the list repeats the English there); "
                "write the name the Chinese press uses in traditional and keep the English as an alias",
                row=entry.row,
            )


@check("duplicate-ticker", Severity.ERROR)
def duplicate_tickers(glossary: Glossary) -> Iterator[Problem]:
    owners: dict[str, GlossaryEntry] = {}
    for entry in glossary.entries:
        for ticker in entry.tickers:
            first = owners.setdefault(ticker, entry)
            if first is not entry:
                yield Problem(
                    f"{ticker} is already the ticker of {_label(first)}; one listing belongs to one company",
                    row=entry.row,
                )


@check("bad-ticker", Severity.ERROR)
def bad_tickers(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        for ticker in entry.tickers:
            if not tk.is_valid(ticker):
                yield Problem(
                    f"{ticker!r} is not a ticker: write HK codes as 0020.HK (1-5 digits), US symbols as "
                    "QFIN.US, mainland codes as 601995.SH or 000001.SZ",
                    row=entry.row,
                )


@check("missing-english", Severity.ERROR)
def missing_english(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        if not entry.english:
            yield Problem(
                f"{entry.traditional} has no English name; drafts cannot be checked against it",
                row=entry.row,
            )


@check("unknown-type", Severity.ERROR)
def unknown_type(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        if entry.type not in TYPES:
            yield Problem(
                f"type {entry.type!r} of {entry.traditional} is not one of: {', '.join(TYPES)}",
                row=entry.row,
            )


@check("formula", Severity.ERROR)
def formulas(glossary: Glossary) -> Iterator[Problem]:
    """A value Excel would run as a formula when it opens glossary.csv (see ``formulas``): a hand edit,
    since nothing the workbench writes can hold one."""
    for entry in glossary.entries:
        for column, value in formula_cells(entry):
            yield Problem(f"the {column} value {why(value)}; remove the {value[0]!r}", row=entry.row)


@check("forbidden-is-allowed", Severity.ERROR)
def forbidden_allowed(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        allowed = {name_key(form) for form in glossary.english_forms(entry)}
        for bad in entry.forbidden:
            if name_key(bad) in allowed:
                yield Problem(
                    f"{bad!r} is both an accepted and a forbidden English name of {entry.traditional}",
                    row=entry.row,
                )


@check("simplified-differs", Severity.WARNING)
def simplified_differs(glossary: Glossary) -> Iterator[Problem]:
    from workbench.simplified import to_simplified_lines

    chinese = [entry for entry in glossary.entries if has_cjk(entry.traditional)]
    converted = to_simplified_lines([entry.traditional for entry in chinese])
    for entry, expected in zip(chinese, converted, strict=True):
        if not entry.simplified:
            yield Problem(
                f"{entry.traditional} has no Simplified name; OpenCC gives {expected}",
                row=entry.row,
            )
        elif entry.simplified != expected:
            yield Problem(
                f"Simplified {entry.simplified} differs from OpenCC's {expected}; "
                "keep it only if it is the official name",
                row=entry.row,
            )


@check("ambiguous-alias", Severity.WARNING)
def ambiguous_aliases(glossary: Glossary) -> Iterator[Problem]:
    """A Chinese alias inside another company's name, where that company has no alias holding it
    (新鴻基 of Sun Hung Kai Properties inside 新鴻基有限公司, which has none): text that shortens the other
    company's name (新鴻基公司) is read as this row.

    Where the other company has such a short name (太古 inside 太古地產有限公司, whose alias is 太古地產),
    the matcher already reads it as that company, the longest name winning; an alias two rows share is
    ``shared-alias``'s to report. So once an import has given every company its press names, only the
    pairs worth an editor's look are left: 6 on the exchange's list of 2026-01-27, not 265.
    """
    # Each company's own names are read once, not searched for every alias (quadratic): at each position
    # only the lengths of the aliases that begin with the two characters there are looked up, as the
    # matcher does.
    aliases = {alias for entry in glossary.entries for alias in entry.aliases if has_cjk(alias)}
    if not aliases:
        return
    by_start: dict[str, set[int]] = defaultdict(set)
    for alias in aliases:
        by_start[alias[:2]].add(len(alias))
    lengths = {pair: tuple(sorted(sizes)) for pair, sizes in by_start.items() if len(pair) == 2}
    single = {alias for alias in aliases if len(alias) == 1}
    starting = lengths.get
    # Each alias with the first name it is part of (not the whole of it) of a company that has no alias
    # holding it: neither the same alias (the alias is shared, or the name is its own row's) nor a longer.
    inside: dict[str, tuple[str, GlossaryEntry]] = {}
    for entry in glossary.entries:
        for form in _own_names(entry):
            size = len(form)
            if size < 2 or not has_cjk(form):
                continue
            found: set[str] = set()
            for at in range(size - 1):
                sizes = starting(form[at : at + 2])
                if sizes is None:
                    continue
                for length in sizes:
                    if at + length > size:
                        break
                    if length < size and (part := form[at : at + length]) in aliases:
                        found.add(part)
            if single:
                found.update(single.intersection(form))
            for part in found:
                if part not in inside and not any(part in alias for alias in entry.aliases):
                    inside[part] = (form, entry)
    for entry in glossary.entries:
        for alias in entry.aliases:
            if alias in inside:
                form, other = inside[alias]
                yield Problem(
                    f"alias {alias} of {entry.traditional} is part of {form}, a name of {_label(other)}, "
                    "which has no short name with it: text shortening that name is read as this row; "
                    f"give row {other.row} the name the press writes, or drop the alias here",
                    row=entry.row,
                )


@check("name-prefix", Severity.INFO)
def name_prefixes(glossary: Glossary) -> Iterator[Problem]:
    """A Chinese name is the start of another entry's (周大福 and 周大福珠寶): both are right, and the
    matcher takes the longest name, but an editor reading hits should know the two are different rows."""
    # Sorted, every name that starts with a given one follows it directly, so one pass finds them all.
    names = sorted({(e.traditional, e.row): e for e in glossary.entries if has_cjk(e.traditional)}.items())
    for index, ((name, _), entry) in enumerate(names):
        longer: list[GlossaryEntry] = []
        following = index + 1
        while following < len(names) and names[following][0][0].startswith(name):
            if names[following][0][0] != name:
                longer.append(names[following][1])
            following += 1
        if longer:
            shown = ", ".join(_label(e) for e in longer[:3]) + (
                f" and {len(longer) - 3} more" if len(longer) > 3 else ""
            )
            yield Problem(
                f"{name} is the start of {shown}; text naming those is read as them, not as {name}",
                row=entry.row,
            )
