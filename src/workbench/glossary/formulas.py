"""Text a spreadsheet would run as a formula: refused wherever it would enter the glossary, never written.

``glossary.csv`` is edited in Excel, and its CSV and tab-separated exports (Weblate, OmegaT, DeepL) are
opened in spreadsheets, which take a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return before one) as a formula: ``=HYPERLINK("http://…","…")`` or ``=cmd|' /C calc'!A0`` run
when the file is opened ("CSV injection"). No company name, alias, ticker, type or note starts that way,
so the glossary has one rule, applied everywhere: such text is refused where it would come in (``glossary
add``, every import, naming the row or cell and the column), ``glossary check`` reports it in a file
edited by hand, no export is written from a glossary that holds it, and nothing the workbench writes to
``glossary.csv`` can carry it. A number with its sign (``-5``, ``+3.5%``, ``-1,200``) is a number to a
spreadsheet, not a formula, and is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from workbench.errors import GlossaryError
from workbench.model import GlossaryEntry

if TYPE_CHECKING:
    from workbench.glossary.core import Glossary

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[-+](?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?")


def formula_like(text: str) -> bool:
    """True when a spreadsheet would take ``text``, as a cell, for a formula."""
    return text.startswith(TRIGGERS) and _SIGNED_NUMBER.fullmatch(text) is None


def why(text: str) -> str:
    """The reason given for refusing ``text``: what it starts with, and what a spreadsheet does with it."""
    return (
        f"{text[:40]!r} starts with {text[0]!r}, which a spreadsheet runs as a formula "
        "(glossary.csv is opened in Excel)"
    )


def formula_cells(entry: GlossaryEntry) -> Iterator[tuple[str, str]]:
    """(column, value) of every value of ``entry`` a spreadsheet would run as a formula; a list column's
    values one by one, since each becomes a cell of its own in the exports."""
    columns: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("traditional", (entry.traditional,)),
        ("simplified", (entry.simplified,)),
        ("english", (entry.english,)),
        ("aliases", entry.aliases),
        ("tickers", entry.tickers),
        ("type", (entry.type,)),
        ("forbidden", entry.forbidden),
        ("notes", (entry.notes,)),
    )
    for column, values in columns:
        for value in values:
            if formula_like(value):
                yield column, value


def refuse_formulas(glossary: Glossary) -> None:
    """Refuse to export ``glossary`` while a row holds such text (an edit made by hand in the file)."""
    for entry in glossary.entries:
        for column, value in formula_cells(entry):
            where = f"{glossary.source}: row {entry.row}" if glossary.source else f"row {entry.row}"
            raise GlossaryError(
                f"{where}: the {column} value {why(value)}; nothing exported: correct the row "
                "(glossary check lists every such value) and export again"
            )
