"""The contract every QA check follows, and the one entry point that runs them.

A check is a plain function over a ``Context`` (the Chinese source, the English draft, the facts and
glossary hits of the source, the glossary) that yields ``Problem`` records. It is registered once, under a
kebab-case name and a default severity, with ``@check("ticker-missing", Severity.ERROR)``; the name is what a
reviewer sees in ``QA: error ticker-missing: ...`` and what ``only``/``skip`` select. Adding a check is one
function in one file of this package and nothing else.

Severity policy, so that exit codes and fuzzy flags mean the same thing everywhere:

- **error**: the draft states something false or leaves something out that a reader would rely on: a wrong,
  mis-scaled or missing amount, percentage or multiple; a missing or altered ticker; a missing, forbidden or
  invented company name; Chinese left in the English; an empty draft. An entry with an error keeps ``fuzzy``
  and ``workbench check`` exits 1.
- **warning**: the draft is suspicious but may be right: a draft identical to its source, a repetition loop,
  a length far from what the source suggests, an amount whose currency was dropped, a glossary *term*
  (生成式人工智能 → generative AI) paraphrased rather than used.

Findings come back errors first, then in registration order (text, numbers, tickers, names).

Derived views that several checks share (the numbers and tickers found in the draft, the alignment of
facts to them) are computed once per context and cached on it, so running every check stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Protocol, TypeVar

from workbench.model import Fact, Finding, GlossaryEntry, Severity, TermHit

if TYPE_CHECKING:
    from workbench.facts import Quantity


class GlossaryLike(Protocol):
    """The part of ``workbench.glossary.Glossary`` the checks rely on."""

    @property
    def entries(self) -> tuple[GlossaryEntry, ...]: ...

    def english_forms(self, entry: GlossaryEntry) -> tuple[str, ...]: ...

    def by_ticker(self, ticker: str) -> GlossaryEntry | None: ...


@dataclass(frozen=True)
class Problem:
    """What a check reports; ``run_checks`` turns it into a ``Finding`` under the check's name."""

    message: str
    source_span: str | None = None
    target_span: str | None = None
    severity: Severity | None = None  # None: the check's registered severity


CheckFunction = Callable[["Context"], Iterable[Problem]]
T = TypeVar("T")


@dataclass(frozen=True)
class Check:
    name: str
    severity: Severity
    function: CheckFunction
    needs_target: bool = True  # skipped on an empty draft, where the ``empty`` check says all there is
    description: str = ""

    def run(self, context: Context) -> Iterator[Finding]:
        for problem in self.function(context):
            yield Finding(
                check=self.name,
                severity=problem.severity or self.severity,
                message=problem.message,
                source_span=problem.source_span,
                target_span=problem.target_span,
            )


REGISTRY: dict[str, Check] = {}


def check(
    name: str, severity: Severity, *, needs_target: bool = True
) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as the check ``name`` with default ``severity``."""

    def register(function: CheckFunction) -> CheckFunction:
        if name in REGISTRY:
            raise ValueError(f"check {name!r} is registered twice")
        if name != name.lower() or " " in name or "_" in name:
            raise ValueError(f"check names are kebab-case: {name!r}")
        doc = (function.__doc__ or "").strip().splitlines()
        REGISTRY[name] = Check(name, severity, function, needs_target, doc[0] if doc else "")
        return function

    return register


class Context:
    """One source sentence and one draft of it, with the views of the draft that checks share."""

    def __init__(
        self,
        source: str,
        target: str,
        facts: Sequence[Fact] = (),
        hits: Sequence[TermHit] = (),
        glossary: GlossaryLike | None = None,
    ) -> None:
        self.source = source
        self.target = target
        self.facts = tuple(facts)
        self.hits = tuple(hits)
        self.glossary = glossary
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
) -> tuple[Finding, ...]:
    """Every finding of the registered checks on ``target`` as a draft of ``source``.

    ``only`` and ``skip`` select checks by name; an unknown name is a ``ValueError`` so a typo in a
    configuration cannot silently turn a check off.
    """
    selected = select(only, skip)
    context = Context(source, target, facts, hits, glossary)
    blank = not target.strip()
    findings: list[Finding] = []
    for item in selected:
        if blank and item.needs_target:
            continue
        findings.extend(item.run(context))
    # Errors first, so the line a reviewer reads first is the one that blocks publication.
    return tuple(sorted(findings, key=lambda f: f.severity is not Severity.ERROR))


def select(only: Iterable[str] | None = None, skip: Iterable[str] = ()) -> list[Check]:
    names = list(REGISTRY) if only is None else list(only)
    skipped = set(skip)
    unknown = [n for n in [*names, *skipped] if n not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown check {unknown[0]!r}; known checks: {', '.join(sorted(REGISTRY))}")
    return [REGISTRY[n] for n in names if n not in skipped]
