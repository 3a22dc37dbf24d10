"""Reading and writing ``glossary.csv``.

The file is kept by hand, often in Excel, so loading tolerates what Excel writes (a UTF-8 BOM, CRLF line
ends or CR alone from old Mac Excel, quoted fields holding commas, blank rows at the end) and everything
else that is wrong stops the load with the row number, so the person editing the file can find it.
"""

from __future__ import annotations

import csv
import io
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench import tickers as tk
from workbench.errors import GlossaryError
from workbench.glossary.core import CANONICAL_HK, Glossary, bulk
from workbench.glossary.formulas import formula_cells, why
from workbench.model import GlossaryEntry

COLUMNS = ("traditional", "simplified", "english", "aliases", "tickers", "type", "forbidden", "notes")
REQUIRED = ("traditional", "english")
LIST_FIELDS = ("aliases", "tickers", "forbidden")
LIST_SEPARATOR = ";"
TYPES = ("company", "person", "organisation", "exchange", "term")
DEFAULT_PATH = Path("glossary.csv")
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class RawFile:
    """The bytes of a glossary file and the layout details an edit must keep."""

    data: bytes
    text: str  # decoded, BOM removed, line ends as in the file
    bom: bool
    newline: str  # "\r\n", "\r" or "\n", as the file's first line ends
    header: tuple[str, ...]  # column names in file order


def read_raw(path: Path) -> RawFile:
    """Read and decode ``path``; a file that is not UTF-8 is refused with the row of the first bad byte."""
    shown = str(path)
    if not path.exists():
        raise GlossaryError(f"{shown}: no such glossary file; pass --glossary PATH or create glossary.csv")
    if path.is_dir():
        raise GlossaryError(f"{shown}: is a folder; pass the path of the glossary CSV file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GlossaryError(f"{shown}: cannot be read ({err.strerror}); check its permissions") from None
    bom = data.startswith(BOM)
    body = data[len(BOM) :] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        row = body[: err.start].count(b"\n") + 1
        raise GlossaryError(
            f"{shown}: row {row} is not UTF-8 text; save the file as 'CSV UTF-8' and try again"
        ) from None
    header = _header(text, shown)
    return RawFile(data=data, text=text, bom=bom, newline=newline_of(text), header=header)


def newline_of(text: str) -> str:
    """How the file's first line ends: ``\r\n`` (Windows Excel), ``\r`` (old Mac Excel) or ``\n``."""
    found = re.search(r"\r\n|\r|\n", text)
    return found.group() if found else "\n"


def _header(text: str, shown: str) -> tuple[str, ...]:
    if not text.strip():
        raise GlossaryError(f"{shown}: the file is empty; it needs a header row: {','.join(COLUMNS)}")
    first = next(csv.reader(io.StringIO(text, newline="")), [])
    header = tuple(name.strip().lower() for name in first)
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise GlossaryError(
            f"{shown}: row 1 has unknown column {unknown[0]!r}; the header must use: {','.join(COLUMNS)}"
        )
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise GlossaryError(
            f"{shown}: row 1 lacks the {missing[0]!r} column; the header is: {','.join(COLUMNS)}"
        )
    repeated = [name for name in header if header.count(name) > 1]
    if repeated:
        raise GlossaryError(f"{shown}: row 1 has the {repeated[0]!r} column twice; keep one")
    return header


def load_glossary(path: str | Path = DEFAULT_PATH) -> Glossary:
    """Load a glossary file, or raise ``GlossaryError`` naming the row that cannot be read."""
    from workbench.glossary.cache import load_cached

    p = Path(path)
    return load_cached(p, lambda: parse_rows(read_raw(p), str(p)))


def parse_text(text: str, shown: str = "glossary.csv") -> Glossary:
    """A glossary from CSV text (what ``load_glossary`` does after reading the file)."""
    text = text.removeprefix("\ufeff")
    raw = RawFile(data=b"", text=text, bom=False, newline=newline_of(text), header=_header(text, shown))
    return Glossary(parse_rows(raw, shown))


def parse_rows(raw: RawFile, shown: str) -> tuple[GlossaryEntry, ...]:
    with bulk():
        return _parse_rows(raw, shown)


def _parse_rows(raw: RawFile, shown: str) -> tuple[GlossaryEntry, ...]:
    reader = csv.reader(io.StringIO(raw.text, newline=""), strict=True)
    entries: list[GlossaryEntry] = []
    width = len(raw.header)
    # Each column's place in a row; a column the header lacks reads the "" appended after the last field.
    pick = operator.itemgetter(*(raw.header.index(c) if c in raw.header else width for c in COLUMNS))
    row_start = 1
    try:
        for fields in reader:
            row = row_start
            row_start = reader.line_num + 1
            values = [f.strip() for f in fields]
            joined = "".join(values)
            if row == 1 or not joined:
                continue  # the header, or a blank row (Excel leaves these after deleted rows)
            if len(fields) != width:
                raise GlossaryError(
                    f"{shown}: row {row} has {len(fields)} fields, the header has {width}; "
                    "a comma inside a value needs the value in double quotes"
                )
            values.append("")
            traditional, simplified, english, aliases, tickers, kind, forbidden, notes = pick(values)
            if not traditional or "\n" in joined or "\r" in joined:
                _refuse(dict(zip(raw.header, fields, strict=True)), row, shown)
            # Positional and without a per-row dict: a 20,000-row glossary is loaded on every check.
            entries.append(
                GlossaryEntry(
                    traditional,
                    simplified,
                    english,
                    split_field(aliases),
                    _tickers(tickers),
                    kind.lower() or "company",
                    split_field(forbidden),
                    notes,
                    row,
                )
            )
    except csv.Error as err:
        raise GlossaryError(
            f"{shown}: row {row_start} cannot be read as CSV ({err}); check its double quotes"
        ) from None
    return tuple(entries)


def _refuse(record: dict[str, str], row: int, shown: str) -> None:
    """Raise the error for a row whose values span lines or that has no traditional name."""
    for name in COLUMNS:
        text = record.get(name, "").strip()
        if "\n" in text or "\r" in text:
            raise GlossaryError(
                f"{shown}: row {row}: the {name} value spans lines; keep each value on one line"
            )
    if not record.get("traditional", "").strip():
        raise GlossaryError(f"{shown}: row {row} has no traditional name; fill it in or delete the row")


def _tickers(text: str) -> tuple[str, ...]:
    """The tickers of a row, normalised; most rows hold one already written as ``normalise`` would."""
    if CANONICAL_HK.fullmatch(text):
        return (text,)
    return tuple(t if CANONICAL_HK.fullmatch(t) else (tk.normalise(t) or t) for t in split_field(text))


def split_field(text: str) -> tuple[str, ...]:
    """Values of a multi-valued field; ``;`` separates them (a full-width ``；`` typed in Chinese too)."""
    if not text:
        return ()
    if LIST_SEPARATOR not in text and "；" not in text:
        stripped = text.strip()
        return (stripped,) if stripped else ()
    parts = (part.strip() for part in text.replace("；", LIST_SEPARATOR).split(LIST_SEPARATOR))
    return tuple(dict.fromkeys(part for part in parts if part))


def entry_fields(entry: GlossaryEntry) -> dict[str, str]:
    """The column values of ``entry`` as they are written to the file."""
    return {
        "traditional": entry.traditional,
        "simplified": entry.simplified,
        "english": entry.english,
        "aliases": LIST_SEPARATOR.join(entry.aliases),
        "tickers": LIST_SEPARATOR.join(entry.tickers),
        "type": entry.type,
        "forbidden": LIST_SEPARATOR.join(entry.forbidden),
        "notes": entry.notes,
    }


def format_rows(
    entries: Sequence[GlossaryEntry],
    columns: Sequence[str] = COLUMNS,
    newline: str = "\n",
    quote_all: bool = False,
    header: bool = False,
) -> str:
    """CSV lines for ``entries`` in the column order given, each ended with ``newline``."""
    out = io.StringIO()
    writer = csv.writer(
        out, lineterminator=newline, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    if header:
        writer.writerow(columns)
    for entry in entries:
        for column, value in formula_cells(entry):
            # Every importer and ``glossary add`` refuse such text first, naming where it came from.
            raise GlossaryError(f"{entry.traditional}: the {column} value {why(value)}; not written")
        fields = entry_fields(entry)
        writer.writerow([fields[name] for name in columns])
    return out.getvalue()
