"""The check framework shared by every family of checks: ``Problem``, ``Check`` and registries.

A check is a plain function over a subject (a draft's ``workbench.checks.Context``, or a whole ``Glossary``
for ``glossary check``) that yields ``Problem`` records. It is registered once, under a kebab-case name and a
default severity; the name is what a reviewer sees in ``QA: error ticker-missing: ...``. Each family keeps
its own registry (``register_in``), so the drafts' checks and the glossary's never mix.

This module sits below every family that registers checks (``checks/`` and ``glossary/`` both import it,
and it imports neither), so no family depends on another one to exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

from workbench.model import Finding, Severity


@dataclass(frozen=True)
class Problem:
    """What a check reports; its ``Check`` turns it into a ``Finding`` under the check's name."""

    message: str
    source_span: str | None = None
    target_span: str | None = None
    severity: Severity | None = None  # None: the check's registered severity
    row: int | None = None  # the glossary row at fault, for checks over the whole glossary


# What a check looks at: a ``Context`` for checks of a draft, a ``Glossary`` for ``glossary check``.
Subject = TypeVar("Subject")
CheckFunction = Callable[[Subject], Iterable[Problem]]

EVERY_OTHER: Final = "*"  # ``silences`` value: when this check fires, it is the only finding of the draft
FAILED = "the check failed"  # how the finding of a check that raised begins
_SHOWN_ERROR = 160  # characters of an exception's message kept in a finding, which is one comment line


@dataclass(frozen=True)
class Check(Generic[Subject]):
    name: str
    severity: Severity
    function: CheckFunction[Subject]
    needs_target: bool = True  # skipped on an empty draft, where the ``empty`` check says all there is
    description: str = ""
    silences: tuple[str, ...] = ()  # checks not run on a draft this check fires on

    def run(self, context: Subject, where: str = "") -> Iterator[Finding]:
        """The check's findings; if it raises, one error finding says so, naming ``where`` (the sentence).

        Findings the check yielded before it raised are kept.
        """
        try:
            for problem in self.function(context):
                yield Finding(
                    check=self.name,
                    severity=problem.severity or self.severity,
                    message=problem.message,
                    source_span=problem.source_span,
                    target_span=problem.target_span,
                    row=problem.row,
                )
        except Exception as err:  # whatever went wrong in one check, the others and the run go on
            yield self.failure(err, where)

    def failure(self, err: Exception, where: str = "") -> Finding:
        """The finding that stands for this check having raised ``err``."""
        detail = " ".join(f"{type(err).__name__}: {err}".split())
        if len(detail) > _SHOWN_ERROR:
            detail = detail[: _SHOWN_ERROR - 1] + "…"
        on = f" on {where}" if where else ""
        return Finding(
            check=self.name,
            severity=Severity.ERROR,
            message=f"{FAILED}{on} ({detail}); this draft is not checked for it, report the sentence",
        )

    def silenced(self, other: Check[Subject]) -> bool:
        """Whether a finding of this check makes ``other`` redundant on the same draft."""
        return other.name != self.name and (EVERY_OTHER in self.silences or other.name in self.silences)


def register_in(
    registry: dict[str, Check[Subject]],
    name: str,
    severity: Severity,
    *,
    needs_target: bool = True,
    silences: Iterable[str] = (),
) -> Callable[[CheckFunction[Subject]], CheckFunction[Subject]]:
    """Register the decorated function in ``registry`` as the check ``name`` with default ``severity``.

    ``silences``: names of checks (or ``EVERY_OTHER``) that are not run on a subject this check fires on.
    """

    def register(function: CheckFunction[Subject]) -> CheckFunction[Subject]:
        if name in registry:
            raise ValueError(f"check {name!r} is registered twice")
        if name != name.lower() or " " in name or "_" in name:
            raise ValueError(f"check names are kebab-case: {name!r}")
        doc = (function.__doc__ or "").strip().splitlines()
        registry[name] = Check(name, severity, function, needs_target, doc[0] if doc else "", tuple(silences))
        return function

    return register
