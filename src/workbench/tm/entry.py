"""The records of the memory: a stored reviewed sentence, a match served from it, and the forms compared."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from workbench.model import Origin

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class TMEntry:
    """One reviewed sentence: the Traditional source and the English a reviewer accepted."""

    source: str
    target: str
    ctx: str  # the entry's msgctxt ("" for the first occurrence of a text in its article)
    article: str
    simplified: str = ""  # from zh_Hans.po of the same article, when a reviewer confirmed it
    position: str = ""  # p3.s2, where the sentence was in its article
    path: str = ""  # the en.po it came from, relative to the tree
    modified: int = 0  # mtime (ns) of that file; the newest reviewer's choice wins a tie


class StoredRow(NamedTuple):
    """A ``TMEntry`` as the index holds it, field for field.

    A load builds one per reviewed sentence of the archive, tens of thousands at a time; a frozen dataclass
    costs several times more to build than a tuple, so entries are made only for the rows asked for.
    """

    source: str
    target: str
    ctx: str
    article: str
    simplified: str
    position: str
    path: str
    modified: int

    def entry(self) -> TMEntry:
        return TMEntry(*self)

    @classmethod
    def of(cls, entry: TMEntry) -> StoredRow:
        return cls(
            entry.source,
            entry.target,
            entry.ctx,
            entry.article,
            entry.simplified,
            entry.position,
            entry.path,
            entry.modified,
        )


@dataclass(frozen=True)
class TMMatch:
    """A draft served from the memory instead of the engine."""

    draft: str
    score: float  # 100 for an exact match; rapidfuzz ratio (0-100, capped at 99) for a near one
    exact: bool
    origin_ctx: str  # where the reused sentence is: p3.s2 (its position in origin_article)
    origin_article: str
    origin_source: str
    origin_target: str
    notes: tuple[str, ...] = ()  # ``tm:`` lines on substitutions a reviewer should look at
    variants: int = 1  # distinct reviewed translations of the matched source

    @property
    def origin(self) -> Origin:
        return Origin.TM_EXACT if self.exact else Origin.TM_FUZZY

    @property
    def comment(self) -> str:
        """The ``#.`` line of the PO layout: ``tm: 92% match of p3.s2 in <article-id>``."""
        how = "exact" if self.exact else f"{self.score:.0f}%"
        return f"tm: {how} match of {self.origin_ctx} in {self.origin_article}"

    @property
    def comments(self) -> tuple[str, ...]:
        """Every ``#.`` line the caller writes for this match, the match line first."""
        extra = (f"tm: {self.variants} different reviewed translations; the most used one is shown",)
        return (self.comment, *(extra if self.variants > 1 else ()), *self.notes)


def normalise(text: str) -> str:
    """The form two sources are compared in for an exact match: whitespace runs collapsed."""
    return " ".join(text.split())


def masked(text: str) -> str:
    """The form near matches are scored in: every number one placeholder.

    A sentence that differs from a reviewed one only in its figures is the best kind of near match,
    because the figures are exactly what substitution repairs; scoring raw text would rank it below a
    sentence with different words.
    """
    return _NUMBER.sub("#", normalise(text))


def mask_normalised(key: str) -> str:
    """``masked`` of a source that is already ``normalise``d."""
    return _NUMBER.sub("#", key)
