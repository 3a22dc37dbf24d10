"""``glossary add``: one new row, and nothing else in the file touched.

People keep the glossary in Excel and review changes as diffs, so an edit appends one line in the file's
own dialect (BOM, line ends, quoting, column order) and leaves every existing byte where it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from workbench import tickers as tk
from workbench.errors import GlossaryError
from workbench.glossary.core import Glossary, names_of
from workbench.glossary.csvfile import BOM, COLUMNS, TYPES, RawFile, format_rows, parse_rows, read_raw
from workbench.glossary.formulas import formula_cells, why
from workbench.model import GlossaryEntry
from workbench.safeio import Seen, digest, replace_unless_changed


def new_entry(
    traditional: str,
    english: str,
    *,
    simplified: str | None = None,
    aliases: Sequence[str] = (),
    tickers: Sequence[str] = (),
    type: str = "company",
    forbidden: Sequence[str] = (),
    notes: str = "",
) -> GlossaryEntry:
    """A validated entry; the Simplified name defaults to OpenCC's ``hk2s`` conversion."""
    from workbench.simplified import to_simplified

    traditional = traditional.strip()
    english = english.strip()
    if not traditional:
        raise GlossaryError(
            "the Traditional name is empty; give the company's name as written in the articles"
        )
    if not english:
        raise GlossaryError(f"{traditional}: give the English name with --english")
    if type not in TYPES:
        raise GlossaryError(f"type {type!r} is not one of: {', '.join(TYPES)}")
    normalised: list[str] = []
    for raw in tickers:
        for part in tk.split_list(raw):
            ticker = tk.normalise(part)
            if ticker is None:
                raise GlossaryError(
                    f"{part!r} is not a ticker: write HK codes as 0020.HK, US symbols as QFIN.US, "
                    "mainland codes as 601995.SH"
                )
            normalised.append(ticker)
    values = [traditional, english, simplified or "", notes, *aliases, *forbidden]
    if any("\n" in v or "\r" in v for v in values):
        raise GlossaryError(f"{traditional}: values must stay on one line")
    if any(";" in v for v in (*aliases, *forbidden)):
        raise GlossaryError(f"{traditional}: give each alias or forbidden name separately, not joined by ';'")
    entry = GlossaryEntry(
        traditional=traditional,
        simplified=(simplified or "").strip() or to_simplified(traditional),
        english=english,
        aliases=tuple(dict.fromkeys(a.strip() for a in aliases if a.strip())),
        tickers=tuple(dict.fromkeys(normalised)),
        type=type,
        forbidden=tuple(dict.fromkeys(f.strip() for f in forbidden if f.strip())),
        notes=notes.strip(),
    )
    for column, value in formula_cells(entry):
        raise GlossaryError(f"not added: the {column} value {why(value)}; no name or note starts so")
    return entry


def conflicts(glossary: Glossary, entry: GlossaryEntry) -> list[str]:
    """Why ``entry`` cannot join ``glossary``: names or tickers another row already holds."""
    reasons: list[str] = []
    for form in names_of(entry):
        other = glossary.by_name(form)
        if other is not None:
            reasons.append(f"{form} is already in row {other.row} ({other.traditional}, {other.english})")
    for ticker in entry.tickers:
        other = glossary.by_ticker(ticker)
        if other is not None:
            reasons.append(f"{ticker} is already the ticker of row {other.row} ({other.traditional})")
    return reasons


def add_entry(path: str | Path, entry: GlossaryEntry) -> GlossaryEntry:
    """Append ``entry`` to the glossary file at ``path`` (created with a header when missing).

    Refuses, with ``GlossaryError``, a name or ticker the glossary already has: that row should be edited
    instead, or the two companies told apart first.
    """
    p = Path(path)
    if not p.exists():
        text = format_rows([entry], header=True)
        replace_unless_changed(text.encode("utf-8"), Seen(p, None))
        return _with_row(entry, 2)
    raw = read_raw(p)
    glossary = Glossary(parse_rows(raw, str(p)), source=p)
    reasons = conflicts(glossary, entry)
    if reasons:
        raise GlossaryError(f"{p}: not added: {'; '.join(reasons)}; edit that row instead")
    new_text = appended(raw, format_like(raw, [entry]))
    data = (BOM if raw.bom else b"") + new_text.encode("utf-8")
    replace_unless_changed(data, seen_as_read(p, raw))
    row = raw.text.rstrip("\r\n").count(raw.newline) + 2
    return _with_row(entry, row)


def seen_as_read(path: Path, raw: RawFile) -> Seen:
    """The glossary file as this command read it: a save in Excel meanwhile is never written over."""
    return Seen(path, digest(raw.data))


def format_like(raw: RawFile, entries: Sequence[GlossaryEntry]) -> str:
    """CSV lines for ``entries`` in the file's own dialect: its column order, line ends and quoting."""
    columns = [name for name in raw.header if name in COLUMNS]
    quote_all = _quotes_everything(raw.text)
    return format_rows(entries, columns=columns, newline=raw.newline, quote_all=quote_all)


def appended(raw: RawFile, lines: str) -> str:
    """The file's text with ``lines`` added after its last row with content, so blank lines Excel left
    at the end stay at the end."""
    body = raw.text
    stripped = body.rstrip("\r\n")
    tail = body[len(stripped) :]
    if tail:
        first_break = (
            raw.newline if tail.startswith(raw.newline) else tail[: 2 if tail.startswith("\r\n") else 1]
        )
        return stripped + first_break + lines + tail[len(first_break) :]
    return stripped + raw.newline + lines


def _quotes_everything(text: str) -> bool:
    """True when the header has every field quoted, as some exporters write all cells."""
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    return bool(first) and re.fullmatch(r'"[^"]*"(,"[^"]*")*', first) is not None


def _with_row(entry: GlossaryEntry, row: int) -> GlossaryEntry:
    return replace(entry, row=row)
