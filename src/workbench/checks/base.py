"""The checks of a draft: their registry, what they look at (``Context``) and the one entry point that
runs them. The framework itself (``Problem``, ``Check``, registries) is ``workbench.checkbase``.

A check is a plain function over a ``Context`` (the Chinese source, the English draft, the facts and
glossary hits of the source, the glossary) that yields ``Problem`` records. It is registered once, under a
kebab-case name and a default severity, with ``@check("ticker-missing", Severity.ERROR)``; the name is what a
reviewer sees in ``QA: error ticker-missing: ...`` and what ``only``/``skip`` select. Adding a check is one
function in one file of this package and nothing else. ``glossary check`` uses the same mechanism over the
whole glossary, in its own registry (``register_in``).

Severity policy, so that exit codes and fuzzy flags mean the same thing everywhere:

- **error**: the draft states something false or leaves something out that a reader would rely on: a wrong,
  mis-scaled or missing amount, percentage or multiple; a missing or altered ticker; a missing, forbidden or
  invented company name; Chinese left in the English (the source copied unchanged included); an empty
  draft; a check that failed on the draft. An entry with an error keeps ``fuzzy`` and ``workbench check``
  exits 1.
- **warning**: the draft is suspicious but may be right: a repetition loop, a length far from what the
  source suggests, an amount whose currency was dropped, a glossary *term*
  (生成式人工智能 → generative AI) paraphrased rather than used.

Findings come back errors first, then in registration order (text, numbers, tickers, names).

Two rules keep one bad sentence or one bad check from drowning the rest (translate-toolkit's ``run_filters``
and its preconditions do the same):

- A check that raises does not end the run: its exception becomes an **error** finding under the check's
  name that names the sentence, the other checks still run, and the entry stays fuzzy until someone looks.
- A check registered with ``silences`` names the checks its finding makes redundant: when it fires, those
  are not run on that draft. A draft that is its source copied is ``unchanged`` and nothing else, rather
  than also leftover Chinese, a short length and every figure and name missing.

Derived views that several checks share (the numbers and tickers found in the draft, the alignment of
facts to them) are computed once per context and cached on it, so running every check stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Protocol, TypeVar

from workbench.checkbase import EVERY_OTHER, FAILED, Check, CheckFunction, Problem, register_in
from workbench.model import Fact, Finding, GlossaryEntry, Severity, TermHit

if TYPE_CHECKING:
    from workbench.facts import Quantity
    from workbench.facts.style import Style

# The framework's names are re-exported: a check module imports everything it needs from here.
__all__ = ["EVERY_OTHER", "FAILED", "REGISTRY", "Check", "CheckFunction", "Context", "GlossaryLike"]
__all__ += ["Problem", "check", "register_in", "run_checks", "select"]


class GlossaryLike(Protocol):
    """The part of ``workbench.glossary.Glossary`` the checks rely on."""

    @property
    def entries(self) -> tuple[GlossaryEntry, ...]: ...

    def english_forms(self, entry: GlossaryEntry) -> tuple[str, ...]: ...

    def by_ticker(self, ticker: str) -> GlossaryEntry | None: ...

    def index(self, name: str, build: Callable[[], T]) -> T: ...


T = TypeVar("T")
REGISTRY: dict[str, Check[Context]] = {}


def check(
    name: str, severity: Severity, *, needs_target: bool = True, silences: Iterable[str] = ()
) -> Callable[[CheckFunction[Context]], CheckFunction[Context]]:
    """Register the decorated function as the check ``name`` with default ``severity``.

    ``silences``: names of checks (or ``EVERY_OTHER``) that are not run on a draft this check fires on.
    """
    return register_in(REGISTRY, name, severity, needs_target=needs_target, silences=silences)


class Context:
    """One source sentence and one draft of it, with the views of the draft that checks share."""

    def __init__(
        self,
        source: str,
        target: str,
        facts: Sequence[Fact] = (),
        hits: Sequence[TermHit] = (),
        glossary: GlossaryLike | None = None,
        style: Style | None = None,
    ) -> None:
        from workbench.facts.style import DEFAULT_STYLE

        self.source = source
        self.target = target
        self.facts = tuple(facts)
        self.hits = tuple(hits)
        self.glossary = glossary
        self.style = style or DEFAULT_STYLE  # the desk's house style (ticker form, currency forms)
        self._shared: dict[str, object] = {}

    def shared(self, key: str, compute: Callable[[], T]) -> T:
        """A view of the draft that several checks use (an alignment, say), computed once."""
        if key not in self._shared:
            self._shared[key] = compute()
        return self._shared[key]  # type: ignore[return-value]

    @cached_property
    def quantities(self) -> tuple[Quantity, ...]:
        from workbench.facts import find_quantities

        return tuple(find_quantities(self.target))

    @cached_property
    def tickers(self) -> tuple[tuple[str, int, int], ...]:
        from workbench.facts import find_tickers

        return tuple(find_tickers(self.target))

    def english_forms(self, entry: GlossaryEntry) -> tuple[str, ...]:
        """The renderings of ``entry`` accepted in a draft."""
        if self.glossary is not None:
            forms = self.glossary.english_forms(entry)
        else:
            forms = (entry.english, *(a for a in entry.aliases if a.isascii()))
        return tuple(dict.fromkeys(f for f in forms if f.strip()))


def run_checks(
    source: str,
    target: str,
    facts: Sequence[Fact] = (),
    hits: Sequence[TermHit] = (),
    glossary: GlossaryLike | None = None,
    *,
    only: Iterable[str] | None = None,
    skip: Iterable[str] = (),
    style: Style | None = None,
) -> tuple[Finding, ...]:
    """Every finding of the registered checks on ``target`` as a draft of ``source``.

    ``only`` and ``skip`` select checks by name; an unknown name is a ``ValueError`` so a typo in a
    configuration cannot silently turn a check off. A check that raises gives an error finding instead of
    ending the run; a check that fires silences the checks it names in ``silences``.
    """
    selected = select(only, skip)
    context = Context(source, target, facts, hits, glossary, style)
    blank = not target.strip()
    where = f"「{' '.join(source.split())}」"
    found: dict[str, list[Finding]] = {}
    fired: list[Check[Context]] = []
    # Checks that can silence others run first, so a silenced check is never run at all.
    for item in sorted(selected, key=lambda c: not c.silences):
        if (blank and item.needs_target) or any(f.silenced(item) for f in fired):
            continue
        found[item.name] = list(item.run(context, where))
        if item.silences and any(not _is_failure(f) for f in found[item.name]):
            fired.append(item)
    # One finding per problem: a check that meets the same problem twice (a name written twice) says it once.
    findings = list(dict.fromkeys(f for item in selected for f in found.get(item.name, ())))
    # Errors first, so the line a reviewer reads first is the one that blocks publication.
    return tuple(sorted(findings, key=lambda f: f.severity is not Severity.ERROR))


def _is_failure(finding: Finding) -> bool:
    return finding.message.startswith(FAILED)


def select(only: Iterable[str] | None = None, skip: Iterable[str] = ()) -> list[Check[Context]]:
    names = list(REGISTRY) if only is None else list(only)
    skipped = set(skip)
    unknown = [n for n in [*names, *skipped] if n not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown check {unknown[0]!r}; known checks: {', '.join(sorted(REGISTRY))}")
    return [REGISTRY[n] for n in names if n not in skipped]
