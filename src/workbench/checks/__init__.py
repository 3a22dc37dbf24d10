"""QA checks on English drafts, machine or reviewer-written, against the facts of their Chinese source.

One check per small function, registered by name in ``base.REGISTRY``; ``run_checks`` runs them all.
Importing this package registers every check.
"""

# Import order is report order within an entry: the draft as text, then numbers, tickers, names.
from workbench.checks import text, quantities, figures, directions, ticker, names  # noqa: I001
from workbench.checks.entries import check_entries
from workbench.checks.base import REGISTRY, Check, Context, GlossaryLike, Problem, check, run_checks, select

__all__ = [
    "REGISTRY",
    "Check",
    "Context",
    "GlossaryLike",
    "Problem",
    "check",
    "check_entries",
    "directions",
    "figures",
    "names",
    "quantities",
    "run_checks",
    "select",
    "text",
    "ticker",
]
