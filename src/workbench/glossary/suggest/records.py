"""What ``glossary suggest`` reads and what it proposes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench.model import GlossaryEntry

# Proposes English for Chinese names (a translation model); returns one string per name, "" for none.
Translate = Callable[[list[str]], list[str]]

_ORIGINS = {"reviewed": "reviewed translations", "glossary": "the glossary row of its code"}


@dataclass(frozen=True)
class Suggestion:
    traditional: str
    count: int  # mentions of the full name in the texts read
    tickers: tuple[str, ...]
    simplified: str
    english: str = ""  # proposed English name; "" when there is no evidence and no model
    # "reviewed" (reviewers' consistent rendering), "glossary" (the row listing its code), "model", or ""
    english_from: str = ""
    short_forms: tuple[tuple[str, int], ...] = ()  # later short forms and their counts
    reason: str = "suffix"  # "ticker", "suffix" or "reviewed": the evidence that found the name
    sources: tuple[str, ...] = ()
    alias_of: GlossaryEntry | None = None  # the glossary already lists this ticker under another name

    def as_entry(self) -> GlossaryEntry:
        """The glossary row to append after review."""
        where = ", ".join(Path(s).name for s in self.sources[:3])
        note = f"suggested: {self.count} mention{'s' if self.count != 1 else ''} in {where}"
        if self.english_from:
            note += f"; English from {_ORIGINS.get(self.english_from, self.english_from)}"
        return GlossaryEntry(
            traditional=self.traditional,
            simplified=self.simplified,
            english=self.english,
            aliases=tuple(form for form, _ in self.short_forms),
            tickers=self.tickers,
            type="company",
            notes=note,
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "traditional": self.traditional,
            "simplified": self.simplified,
            "english": self.english,
            "english_from": self.english_from,
            "count": self.count,
            "tickers": list(self.tickers),
            "short_forms": [{"name": form, "count": n} for form, n in self.short_forms],
            "reason": self.reason,
            "sources": list(self.sources),
            "alias_of": None
            if self.alias_of is None
            else {"row": self.alias_of.row, "traditional": self.alias_of.traditional},
        }


@dataclass(frozen=True)
class Reviewed:
    """One reviewed PO entry: the Traditional sentence and the English a reviewer approved."""

    source: str
    english: str
    where: str = ""
