"""A translation memory that learns from reviewers; see ``memory`` for what it promises.

The package keeps one job per module: ``entry`` (the records), ``memory`` (the lookup API), ``substitute``
(new figures, tickers and names into reviewed English), ``index`` (exact dictionary and bigram index) and
``store`` (reading the tree, and the cache that spares re-parsing its PO files).
"""

from workbench.tm.entry import TMEntry, TMMatch, masked, normalise
from workbench.tm.memory import DEFAULT_THRESHOLD, Extractor, TermMatcher, TranslationMemory
from workbench.tm.store import CACHE_NAME, read_tree
from workbench.tm.substitute import substitute

__all__ = [
    "CACHE_NAME",
    "DEFAULT_THRESHOLD",
    "Extractor",
    "TMEntry",
    "TMMatch",
    "TermMatcher",
    "TranslationMemory",
    "masked",
    "normalise",
    "read_tree",
    "substitute",
]
