"""A translation memory that learns from reviewers.

Every reviewed entry (non-fuzzy, non-empty, not obsolete) of every ``en.po`` under a translations tree is
a stored segment. A new sentence that was reviewed before comes back with its reviewed English; a sentence
that is close to one reviewed before comes back with that English, its numbers, tickers and names swapped
for the new sentence's own, so the engine is asked only about sentences nobody has translated yet.

Both kinds of match are machine output in the PO layout: the caller writes them ``fuzzy`` with the
``tm:`` comment from ``TMMatch.comments``. An exact match stays fuzzy on purpose: the same Chinese
sentence can need different English in another article (a pronoun, a tense, a date that moved), and a
reviewer confirms it with one keystroke (Poedit "needs work" toggle, Weblate "needs editing"), while
an unconfirmed reuse could otherwise slip into a published draft unread.

Lookups go through an in-memory index that is built on first use: exact matches through a dictionary,
near matches through a character-bigram inverted index (numpy postings) that picks a few dozen candidates
sharing the rarest bigrams of the sentence, scored by rapidfuzz. Parsing PO files is the slow part of a
load, so the parsed segments are cached under the tree in ``.workbench-tm.json`` and only the files that
changed since are parsed again (``store``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

from workbench.errors import InputError
from workbench.model import Fact, FactKind, TermHit
from workbench.tm.entry import StoredRow, TMEntry, TMMatch, mask_normalised, normalise
from workbench.tm.index import Index
from workbench.tm.store import read_rows
from workbench.tm.substitute import substitute

DEFAULT_THRESHOLD = 75.0


class TermMatcher(Protocol):
    """What the memory needs from a glossary: the names in a sentence (``Glossary`` conforms)."""

    def match(self, text: str) -> Sequence[TermHit]: ...


Extractor = Callable[[str, Sequence[TermHit]], Sequence[Fact]]


class TranslationMemory:
    """Reviewed segments and the index that finds them; see the module docstring."""

    def __init__(
        self,
        entries: Iterable[TMEntry] = (),
        *,
        threshold: float = DEFAULT_THRESHOLD,
        glossary: TermMatcher | None = None,
        extractor: Extractor | None = None,
    ) -> None:
        if not 0 < threshold <= 100:
            raise InputError(f"TM threshold {threshold} is out of range; give a score between 1 and 100")
        self.threshold = float(threshold)
        self.glossary = glossary
        self._extractor = extractor
        self._rows: list[StoredRow] | None = [StoredRow.of(e) for e in entries]
        self._entries: tuple[TMEntry, ...] | None = None
        self._tree: Path | None = None
        self._use_cache = True
        self._index: Index | None = None
        self._facts_cache: dict[str, tuple[tuple[TermHit, ...], tuple[Fact, ...]]] = {}
        self._skip_unreadable = False
        self.skipped: list[str] = []  # with skip_unreadable, a line for each PO file left out

    @classmethod
    def load(
        cls,
        tree: Path,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        glossary: TermMatcher | None = None,
        extractor: Extractor | None = None,
        cache: bool = True,
        skip_unreadable: bool = False,
    ) -> TranslationMemory:
        """The memory of every reviewed entry under ``tree``; nothing is read until the first lookup.

        A PO file that cannot be read stops the load with ``POFileError`` (an export must not silently
        lack a reviewer's work), unless ``skip_unreadable``: then it is left out and named in ``skipped``
        (a translation run goes on with the other articles).
        """
        tm = cls(threshold=threshold, glossary=glossary, extractor=extractor)
        tm._skip_unreadable = skip_unreadable
        tm._rows = None
        tm._tree = Path(tree)
        tm._use_cache = cache
        return tm

    @property
    def entries(self) -> tuple[TMEntry, ...]:
        if self._entries is None:
            self._entries = tuple(row.entry() for row in self._stored())
        return self._entries

    def __len__(self) -> int:
        return len(self._stored())

    def _stored(self) -> list[StoredRow]:
        if self._rows is None:
            assert self._tree is not None
            skipped = self.skipped if self._skip_unreadable else None
            self._rows = read_rows(self._tree, cache=self._use_cache, skipped=skipped)
        return self._rows

    def lookup(
        self,
        source: str,
        facts: Sequence[Fact] | None = None,
        hits: Sequence[TermHit] | None = None,
    ) -> TMMatch | None:
        """The best reviewed draft for ``source``, or None when nothing scores above the threshold.

        ``facts`` and ``hits`` are the new sentence's, when the caller has them already; otherwise they
        are read here with the fact layer (and the glossary, when the memory was given one).
        """
        index = self._ensure_index()
        key = normalise(source)
        if not key:
            return None
        exact = index.exact.get(key)
        if exact is not None:
            entry, variants = exact
            return TMMatch(
                draft=entry.target,
                score=100.0,
                exact=True,
                origin_ctx=entry.position or entry.ctx,
                origin_article=entry.article,
                origin_source=entry.source,
                origin_target=entry.target,
                variants=variants,
            )
        found = index.near(mask_normalised(key), self.threshold)
        if found is None:
            return None
        (entry, variants), score = found
        new_hits = tuple(hits) if hits is not None else self._hits(source)
        new_facts = tuple(facts) if facts is not None else tuple(self._extract(source, new_hits))
        old_hits, old_facts = self._stored_facts(entry.source)
        if self.glossary is None:
            # Without a glossary the stored sentence's names cannot be read, so the caller's name facts
            # would all look new; names are then left to the caller's checks.
            new_facts = tuple(f for f in new_facts if f.kind is not FactKind.NAME)
        draft, notes = substitute(entry.target, old_facts, new_facts, old_hits, new_hits)
        return TMMatch(
            draft=draft,
            score=min(score, 99.0),
            exact=False,
            origin_ctx=entry.position or entry.ctx,
            origin_article=entry.article,
            origin_source=entry.source,
            origin_target=entry.target,
            notes=tuple(notes),
            variants=variants,
        )

    def lookup_many(self, sources: Sequence[str]) -> list[TMMatch | None]:
        """``lookup`` for each sentence, in order; the sentences left None are the ones for the engine."""
        return [self.lookup(source) for source in sources]

    def read_now(self) -> TranslationMemory:
        """Read every entry and build the index now rather than at the first lookup: before the memory is
        handed to workers, which would otherwise each read the tree and build the index again."""
        self._ensure_index().build()
        return self

    def _ensure_index(self) -> Index:
        if self._index is None:
            self._index = Index(self._stored())
        return self._index

    def _stored_facts(self, source: str) -> tuple[tuple[TermHit, ...], tuple[Fact, ...]]:
        """Hits and facts of a stored source, read once: boilerplate sentences match again and again."""
        known = self._facts_cache.get(source)
        if known is None:
            hits = self._hits(source)
            known = self._facts_cache[source] = (hits, tuple(self._extract(source, hits)))
        return known

    def _hits(self, text: str) -> tuple[TermHit, ...]:
        return tuple(self.glossary.match(text)) if self.glossary is not None else ()

    def _extract(self, text: str, hits: Sequence[TermHit]) -> Sequence[Fact]:
        if self._extractor is None:
            from workbench.facts import extract

            self._extractor = extract
        return self._extractor(text, hits)
