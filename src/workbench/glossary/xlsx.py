"""The sheets of an .xlsx workbook from outside, read safely: streamed, bounded, in linear time.

An .xlsx file is a zip of XML parts. This reader opens only what a list needs: the package's
relationships, the workbook part (to find its sheets), the shared strings and the sheets asked for. Styles,
themes, the sheet's declared ``<dimension>`` and everything else are never read, so nothing a file
declares about itself decides what is allocated. Each part is decompressed as a stream, counted as it
comes (the sizes the zip's directory states are not trusted) and parsed by expat as it arrives; a part,
a cell, a row number, a column or the shared strings past their limit (``Limits``) stop the read at once
with one line naming the limit. No part may declare a DOCTYPE: a workbook never has one, and refusing it
means no entity is ever expanded or fetched (an XXE or "billion laughs" file stops there).

The time is linear in the size of what is read. expat before 2.6 (Python 3.11 bundles 2.5) scans a
token that spans two feeds again from its start on every feed, and pyexpat feeds at most 1 MiB at a
time, so a long comment or tag costs the square of its length (a 64 MiB comment: minutes). Text is
delivered as it comes and a cell's is bounded anyway; markup still open after a feed (of 64 KiB) and
longer than ``Limits.markup_bytes`` is refused, which keeps every re-scan short. What is open is what
expat has not completed: the bytes fed past the end of its last token.

Values are what Excel stored: text as text, numbers as ``int`` (no decimal point or exponent) or
``float``, booleans as ``bool``, a formula's cached result (never the formula); an empty cell is
``None``. Rows come in sheet order, an empty tuple for a row without values, each as wide as its last
value.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NoReturn
from xml.parsers import expat

from workbench.errors import InputError

MiB = 1 << 20
Value = str | int | float | bool | None


@dataclass(frozen=True)
class Limits:
    """What a workbook may hold. The exchange's full list (about 17,000 securities, 20 columns) is a
    1–2 MB file whose sheet is under 20 MB of XML, far inside every one of these."""

    workbook_bytes: int = 64 * MiB  # the .xlsx file itself
    members: int = 10_000  # entries in its zip directory (a workbook has about ten)
    part_bytes: int = 128 * MiB  # one XML part, uncompressed, counted while it is read
    cell_chars: int = 32_767  # a cell's text: Excel's own limit
    rows: int = 1_048_576  # the last row number: Excel's own limit
    columns: int = 256  # the last column with a value (IV); the exchange's lists have about 20
    shared_strings: int = 1_000_000  # strings in the shared table
    shared_chars: int = 32 * MiB  # characters in the shared table, all strings together
    markup_bytes: int = 1 * MiB  # one tag, comment or processing instruction


LIMITS = Limits()

_FEED = 64 * 1024
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_DIGITS = re.compile(r"[0-9]{1,7}")
_EOCD = b"PK\x05\x06"  # the signature of the zip directory's end record
_EOCD_BYTES = 22  # its size, a zip comment left out


def sheet_rows(path: Path, limits: Limits = LIMITS) -> Iterator[tuple[Value, ...]]:
    """The rows of the first worksheet of the workbook at ``path``, as they are read.

    Raises ``InputError`` (one line naming the file, the part or cell, and the limit) for a file that is
    not a workbook, is malformed, declares a DOCTYPE, or passes a limit.
    """
    with _Workbook(Path(path), limits) as book:
        yield from book.rows(book.worksheets()[0])


def all_sheet_rows(path: Path, limits: Limits = LIMITS) -> Iterator[Iterator[tuple[Value, ...]]]:
    """The rows of every worksheet of the workbook at ``path``, a sheet at a time in tab order, each read
    as it is consumed (consume one before taking the next); limits and refusals as for ``sheet_rows``."""
    with _Workbook(Path(path), limits) as book:
        for sheet in book.worksheets():
            yield book.rows(sheet)


def column_name(index: int) -> str:
    """The spreadsheet name of the 1-based column ``index``: 1 → A, 27 → AA."""
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


class _Workbook:
    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self._file: IO[bytes] | None = None
        self._zip: zipfile.ZipFile | None = None
        self._names: dict[str, str] = {}
        self.shared: list[str] = []

    # -- the zip --------------------------------------------------------------------------------------

    def __enter__(self) -> _Workbook:
        try:
            self._file = self.path.open("rb")
        except OSError as err:
            raise InputError(f"{self.path}: cannot be read ({err.strerror}); check the path") from None
        try:
            self._open(os.fstat(self._file.fileno()).st_size)
        except BaseException:
            self.__exit__()  # a workbook refused leaves no file open either
            raise
        return self

    def _open(self, size: int) -> None:
        assert self._file is not None
        if size > self.limits.workbook_bytes:
            self.refuse(
                f"is {size / MiB:.0f} MiB, more than the {self.limits.workbook_bytes // MiB} MiB a workbook "
                "may have (the exchange's full list is 1–2 MB)"
            )
        self._count_members(size)
        try:
            self._zip = zipfile.ZipFile(self._file)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
            self.refuse(f"cannot be read as an .xlsx workbook ({err}); save it as .xlsx")
        # Part names are case-insensitive in a workbook's package.
        self._names = {info.filename.lower(): info.filename for info in self._zip.infolist()}

    def __exit__(self, *exc: object) -> None:
        if self._zip is not None:
            self._zip.close()
        if self._file is not None:
            self._file.close()

    def _count_members(self, size: int) -> None:
        """Refuse a zip directory of more entries than a workbook has, before ``zipfile`` reads it all."""
        assert self._file is not None
        # The directory's end record, after a zip comment of up to 65,535 bytes (zipfile seeks for itself).
        self._file.seek(max(0, size - _EOCD_BYTES - 65_535))
        tail = self._file.read()
        at = tail.rfind(_EOCD)
        if at < 0 or at + _EOCD_BYTES > len(tail):
            return  # zipfile says what is wrong
        entries = int.from_bytes(tail[at + 10 : at + 12], "little")
        if entries > self.limits.members:
            self.refuse(
                f"its zip lists {entries:,} entries, more than the {self.limits.members:,} a workbook may "
                "have (a workbook has about ten)"
            )

    def refuse(self, why: str, part: str | None = None) -> NoReturn:
        where = f"{self.path}" + (f" ({part})" if part else "")
        raise InputError(f"{where}: {why}")

    def part(self, name: str) -> str | None:
        return self._names.get(name.lower())

    # -- parts ----------------------------------------------------------------------------------------

    def parse(self, name: str, handler: _Handler) -> Iterator[None]:
        """Feed part ``name`` to ``handler``'s parser as it is decompressed; yields after every feed so a
        caller can take what the handler made so far."""
        assert self._zip is not None
        parser = expat.ParserCreate(namespace_separator=" " if handler.namespaces else None)
        parser.StartDoctypeDeclHandler = lambda *_: self.refuse(
            "declares a DOCTYPE, which no workbook has; its entities are neither expanded nor fetched",
            name,
        )
        # Text in pieces of up to 8 KiB rather than one call per line: a part of nothing but line ends
        # would otherwise cost a call per byte.
        parser.buffer_text = True  # pragma: no mutate: only the number of calls changes, not the text
        parser.StartElementHandler = handler.start
        parser.EndElementHandler = handler.end
        parser.CharacterDataHandler = handler.text
        total = 0
        try:
            with self._zip.open(name) as stream:
                while True:
                    chunk = stream.read(_FEED)
                    total += len(chunk)
                    if total > self.limits.part_bytes:
                        self.refuse(
                            f"is more than {self.limits.part_bytes // MiB} MiB uncompressed, the limit for "
                            "one part of a workbook",
                            name,
                        )
                    parser.Parse(chunk, not chunk)
                    yield
                    if not chunk:
                        return
                    # Bytes fed since the end of the last thing expat completed (a tag, a comment, an
                    # instruction, a piece of text: with or without a handler): the length of the markup
                    # still open, which expat re-scans on every feed.
                    open_markup = total - parser.CurrentByteIndex
                    if open_markup > self.limits.markup_bytes:
                        self.refuse(
                            "has a tag, comment or instruction longer than "
                            f"{self.limits.markup_bytes // MiB} MiB, the limit for one piece of markup",
                            name,
                        )
        except expat.ExpatError as err:
            self.refuse(
                f"is not well-formed XML ({expat.errors.messages[err.code]}, line {err.lineno}); "
                "save the workbook again as .xlsx",
                name,
            )
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as err:
            # A bad checksum or length, a compression zipfile lacks, an encrypted member.
            self.refuse(f"cannot be read ({err}); save the workbook again as .xlsx", name)

    def read_part(self, name: str, handler: _Handler) -> None:
        for _ in self.parse(name, handler):
            pass

    def relationships(self, of: str) -> dict[str, tuple[str, str]]:
        """The relationships of part ``of`` ("" for the package): id → (type's last word, part name)."""
        folder, base = posixpath.split(of)
        rels = self.part(posixpath.join(folder, "_rels", base + ".rels"))
        if rels is None:
            return {}
        handler = _Relationships(self, folder)
        self.read_part(rels, handler)
        return handler.found

    # -- the sheet ------------------------------------------------------------------------------------

    def worksheets(self) -> list[str]:
        """The part names of the workbook's worksheets, in tab order; the shared strings read."""
        package = self.relationships("")
        workbook = next((target for kind, target in package.values() if kind == "officeDocument"), None)
        workbook = self.part(workbook or "xl/workbook.xml")
        if workbook is None:
            self.refuse("has no workbook part; it is not an .xlsx workbook (save it as .xlsx)")
        related = self.relationships(workbook)
        sheets = _Sheets(self)
        self.read_part(workbook, sheets)
        found = [
            name
            for rid in sheets.ids
            if rid in related and related[rid][0] == "worksheet" and (name := self.part(related[rid][1]))
        ]
        if not found:
            self.refuse("has no worksheet; save the list as an .xlsx workbook")
        strings = next((target for kind, target in related.values() if kind == "sharedStrings"), None)
        if strings is not None and (name := self.part(strings)) is not None:
            self.read_part(name, _SharedStrings(self, name, self.shared))
        return found

    def rows(self, sheet: str) -> Iterator[tuple[Value, ...]]:
        reader = _SheetReader(self, sheet, self.shared)
        for _ in self.parse(sheet, reader):
            for gap, row in reader.done:
                for _ in range(gap):
                    yield ()
                yield row
            reader.done.clear()


def _local(name: str) -> str:
    """An element's name without its namespace prefix: x:row as row."""
    return name.rpartition(":")[2]


class _Handler:
    """What a part's parser calls; a handler overrides what it needs."""

    namespaces = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        pass

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


class _Relationships(_Handler):
    namespaces = True

    def __init__(self, book: _Workbook, folder: str) -> None:
        self.folder = folder
        self.found: dict[str, tuple[str, str]] = {}

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name.rpartition(" ")[2] != "Relationship" or attrs.get("TargetMode") == "External":
            return
        target = attrs.get("Target", "")
        target = target[1:] if target.startswith("/") else posixpath.join(self.folder, target)
        kind = attrs.get("Type", "").rpartition("/")[2]
        self.found[attrs.get("Id", "")] = (kind, posixpath.normpath(target))


class _Sheets(_Handler):
    """The relationship ids of the workbook's sheets, in tab order."""

    namespaces = True

    def __init__(self, book: _Workbook) -> None:
        self.ids: list[str] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name.rpartition(" ")[2] == "sheet":
            # r:id, whatever the prefix: the id attribute in the relationships namespace.
            self.ids += [value for key, value in attrs.items() if key.endswith("relationships id")]


class _SharedStrings(_Handler):
    def __init__(self, book: _Workbook, part: str, into: list[str]) -> None:
        self.book = book
        self.part = part
        self.strings = into
        self.pieces: list[str] | None = None
        self.capture = False
        self.phonetic = 0
        self.chars: int  # of the string being read: set as each <si> opens
        self.total = 0
        self.limits = book.limits

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = _local(name)
        if name == "si":
            if len(self.strings) >= self.limits.shared_strings:
                self.book.refuse(
                    f"holds more than {self.limits.shared_strings:,} shared strings, the limit", self.part
                )
            self.pieces, self.chars = [], 0
        elif name == "t":
            self.capture = self.pieces is not None and not self.phonetic
        elif name == "rPh":
            self.phonetic += 1  # a reading aid under Japanese text, not part of the value

    def end(self, name: str) -> None:
        name = _local(name)
        if name == "t":
            self.capture = False
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "si" and self.pieces is not None:
            self.total += self.chars
            if self.total > self.limits.shared_chars:
                self.book.refuse(
                    f"holds more than {self.limits.shared_chars:,} characters of shared strings, the limit",
                    self.part,
                )
            self.strings.append("".join(self.pieces))
            self.pieces = None

    def text(self, data: str) -> None:
        if self.capture:
            assert self.pieces is not None
            self.pieces.append(data)
            self.chars += len(data)
            if self.chars > self.limits.cell_chars:
                self.book.refuse(
                    f"shared string {len(self.strings) + 1:,} holds more than {self.limits.cell_chars:,} "
                    "characters, the limit for one cell",
                    self.part,
                )


class _SheetReader(_Handler):
    """The rows of a sheet. It is by far the largest part (about 20 elements a cell, 20 cells a row), so
    its handlers test the common names first and keep work per element small."""

    def __init__(self, book: _Workbook, part: str, shared: list[str]) -> None:
        self.book = book
        self.part = part
        self.shared = shared
        self.limits = book.limits
        self.done: list[tuple[int, tuple[Value, ...]]] = []  # (empty rows before it, the row)
        self.row = self.column = 0  # number of the row being read (or last read), of the cell in it
        self.gap: int  # empty rows between the last row read and this one: set as each row opens
        self.cells: dict[int, Value] = {}
        self.kind = "n"
        self.ref: str | None = None
        self.value: list[str] | None = None  # the <v> text of the cell being read
        self.inline: list[str] | None = None  # the <is> text of an inline-string cell
        self.capture: list[str] | None = None  # where text goes now
        self.chars: int  # of the cell's text: set as its <v> or <is> opens
        self.phonetic = 0
        self.columns: dict[str, int] = {}  # column letters seen → index

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = _local(name)
        if name == "c":
            ref = attrs.get("r")
            if ref is None:
                self.column += 1
            else:
                letters = ref.rstrip("0123456789")
                column = self.columns.get(letters)
                if column is None:
                    column = self.columns[letters] = self._new_column(ref)
                self.column = column
            self.ref = ref
            self.kind = attrs.get("t", "n")
            self.value = self.inline = None
        elif name == "t":
            if self.inline is not None and not self.phonetic:
                self.capture = self.inline
        elif name == "is":
            self.inline = []
            self.chars = 0
        elif name == "v":
            self.value = self.capture = []
            self.chars = 0
        elif name == "row":
            self._row(attrs.get("r"))
        elif name == "rPh":
            self.phonetic += 1  # a reading aid under Japanese text, not part of the value

    def _new_column(self, ref: str) -> int:
        found = _CELL_REF.fullmatch(ref)
        if found is None:
            self.book.refuse(f"cell reference {ref[:20]!r} is not one", self.part)
        return _column_index(found.group(1))

    def _row(self, number: str | None) -> None:
        if number is None:
            row = self.row + 1
        elif _DIGITS.fullmatch(number):
            row = int(number)
        else:
            self.book.refuse(f"row number {number[:20]!r} is not a number", self.part)
        if row > self.limits.rows:
            self.book.refuse(f"row {row:,} is past row {self.limits.rows:,}, the last a sheet has", self.part)
        if row <= self.row:
            self.book.refuse(f"row {row} comes after row {self.row}; save the workbook again", self.part)
        self.gap = row - self.row - 1
        self.row = row
        self.cells = {}
        self.column = 0

    def end(self, name: str) -> None:
        name = _local(name)
        if name == "c":
            value = self._value()
            if value is not None:
                if self.column > self.limits.columns:
                    self.book.refuse(
                        f"cell {self._where()} has a value past column {column_name(self.limits.columns)} "
                        f"({self.limits.columns}), the last this reader reads",
                        self.part,
                    )
                self.cells[self.column] = value
        elif name == "t" or name == "v":
            self.capture = None
        elif name == "row":
            if self.cells:
                values: list[Value] = [None] * max(self.cells)
                for column, value in self.cells.items():
                    values[column - 1] = value
                self.done.append((self.gap, tuple(values)))
            else:
                self.done.append((self.gap, ()))
        elif name == "rPh":
            self.phonetic -= 1

    def text(self, data: str) -> None:
        if self.capture is not None:
            self.capture.append(data)
            self.chars += len(data)
            if self.chars > self.limits.cell_chars:
                self.book.refuse(
                    f"cell {self._where()} holds more than {self.limits.cell_chars:,} characters, the limit "
                    "for one cell",
                    self.part,
                )

    def _where(self) -> str:
        return self.ref or f"{column_name(self.column)}{self.row}"

    def _value(self) -> Value:
        kind = self.kind
        if kind == "inlineStr":
            return None if self.inline is None else "".join(self.inline)
        if self.value is None:
            return None
        text = "".join(self.value)
        if kind == "s":
            index = text.strip()
            if not _DIGITS.fullmatch(index) or int(index) >= len(self.shared):
                self.book.refuse(
                    f"cell {self._where()} refers to shared string {text[:20]!r}, which the workbook lacks",
                    self.part,
                )
            return self.shared[int(index)]
        if kind == "str" or kind == "e" or kind == "d":
            return text
        if kind == "b":
            return text.strip() == "1"
        if not text.strip():
            return None
        try:
            return int(text)  # no decimal point or exponent
        except ValueError:
            pass
        try:
            return float(text)
        except ValueError:
            self.book.refuse(f"cell {self._where()} holds {text[:20]!r}, which is not a number", self.part)
