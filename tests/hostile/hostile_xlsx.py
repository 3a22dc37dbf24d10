"""Hostile workbooks, made by editing a real .xlsx at the XML level.

Each starts from a workbook openpyxl writes in the exchange's layout (``hkex_lists.write_list``) and
replaces one member of its zip with edited XML, streamed through the compressor, so a member of gigabytes
costs seconds and no memory to build. What each edit does is what a crafted file from outside would do.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from hkex_lists import MARKET, write_list

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
CHUNK = 1 << 20

Content = bytes | Iterable[bytes]


def base(path: Path, *, chinese: bool = False) -> Path:
    """A real workbook of the exchange's layout holding ``hkex_lists.MARKET``."""
    return write_list(path, MARKET, chinese=chinese)


def member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as book:
        return book.read(name)


def rewrite(path: Path, replacements: dict[str, Content], *, level: int = 6) -> Path:
    """Replace (or add) members of the workbook at ``path`` in place; content may be a stream of chunks."""
    tmp = path.with_name(path.name + ".edit")
    with (
        zipfile.ZipFile(path) as src,
        zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as dst,
    ):
        for info in src.infolist():
            if info.filename not in replacements:
                dst.writestr(info, src.read(info.filename))
        for name, content in replacements.items():
            with dst.open(name, "w", force_zip64=True) as out:
                for chunk in [content] if isinstance(content, bytes) else content:
                    out.write(chunk)
    tmp.replace(path)
    return path


def edit_sheet(path: Path, edit: Callable[[bytes], Content], *, level: int = 6) -> Path:
    """Replace the sheet with ``edit(its XML)``."""
    return rewrite(path, {SHEET: edit(member(path, SHEET))}, level=level)


def repeated(unit: bytes, size: int) -> Iterator[bytes]:
    """``size`` bytes of ``unit`` over and over, in chunks."""
    block = unit * max(1, CHUNK // len(unit))
    left = size
    while left > 0:
        piece = block[: min(left, len(block))]
        left -= len(piece)
        yield piece


def split_at(xml: bytes, marker: bytes) -> tuple[bytes, bytes]:
    head, found, tail = xml.partition(marker)
    assert found, f"{marker!r} not in the sheet"
    return head, tail


# -- the edits -----------------------------------------------------------------------------------------


def declare_dimension(ref: str) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        head, tail = split_at(xml, b"<dimension ref=")
        return head + f'<dimension ref="{ref}"'.encode() + tail[tail.index(b"/>") :]

    return edit


def append_rows(rows: Callable[[int], Iterable[bytes]]) -> Callable[[bytes], Iterator[bytes]]:
    """Rows after the last one openpyxl wrote; ``rows`` gets the first free row number."""

    def edit(xml: bytes) -> Iterator[bytes]:
        head, tail = split_at(xml, b"</sheetData>")
        first = head.count(b"<row ") + 1
        yield head
        yield from rows(first)
        yield b"</sheetData>" + tail

    return edit


def one_cell_rows(count: int) -> Callable[[int], Iterator[bytes]]:
    """``count`` rows of one short text cell each (a note under the table, as far as a reader knows)."""

    def rows(first: int) -> Iterator[bytes]:
        batch: list[bytes] = []
        for n in range(first, first + count):
            cell = f'<c r="A{n}" t="inlineStr"><is><t>note {n}</t></is></c>'
            batch.append(f'<row r="{n}">{cell}</row>'.encode())
            if len(batch) == 1000:
                yield b"".join(batch)
                batch.clear()
        yield b"".join(batch)

    return rows


def comment_before_sheet_data(size: int) -> Callable[[bytes], Iterator[bytes]]:
    def edit(xml: bytes) -> Iterator[bytes]:
        head, tail = split_at(xml, b"<sheetData>")
        yield head + b"<!--"
        yield from repeated(b"comment ", size)
        yield b"-->" + b"<sheetData>" + tail

    return edit


def huge_text(text: bytes, size: int) -> Callable[[bytes], Iterator[bytes]]:
    """The cell whose text is ``text`` holds ``size`` bytes of letters instead."""

    def edit(xml: bytes) -> Iterator[bytes]:
        head, tail = split_at(xml, b"<t>" + text + b"</t>")
        yield head + b"<t>"
        yield from repeated(b"x", size)
        yield b"</t>" + tail

    return edit


def replace_text(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        head, tail = split_at(xml, b"<t>" + old + b"</t>")
        return head + b"<t>" + new + b"</t>" + tail

    return edit


def with_doctype(doctype: bytes) -> Callable[[bytes], bytes]:
    """The sheet with ``doctype`` (entity declarations) before its root, and ``&e;`` in a cell."""

    def edit(xml: bytes) -> bytes:
        start = xml.index(b"<worksheet")
        body = xml[start:].replace(b"<t>CKH HOLDINGS</t>", b"<t>&e;</t>", 1)
        return xml[:start] + doctype + body

    return edit


def xxe(target: Path) -> bytes:
    return f'<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file://{target}">]>'.encode()


def billion_laughs() -> bytes:
    lines = ['<!ENTITY e0 "lol">']
    lines += [f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)]
    lines.append('<!ENTITY e "&e9;">')
    return ("<!DOCTYPE worksheet [" + "".join(lines) + "]>").encode()


# -- other parts ---------------------------------------------------------------------------------------

_INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t>(.*?)</t></is></c>')
_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def to_shared_strings(path: Path) -> Path:
    """Move the sheet's text into a shared-strings part, as Excel saves it (openpyxl writes inline text)."""
    sheet = member(path, SHEET)
    strings: dict[bytes, int] = {}

    def shared(m: re.Match[bytes]) -> bytes:
        index = strings.setdefault(m.group(2), len(strings))
        return b'<c r="' + m.group(1) + b'" t="s"><v>' + str(index).encode() + b"</v></c>"

    sheet = _INLINE.sub(shared, sheet)
    table = b"".join(b"<si><t>" + text + b"</t></si>" for text in strings)
    rels = member(path, "xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    types = member(path, "[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    count = str(len(strings)).encode()
    return rewrite(
        path,
        {
            SHEET: sheet,
            STRINGS: b'<sst xmlns="'
            + _MAIN
            + b'" count="'
            + count
            + b'" uniqueCount="'
            + count
            + b'">'
            + table
            + b"</sst>",
            "xl/_rels/workbook.xml.rels": rels,
            "[Content_Types].xml": types,
        },
    )


def understate_size(path: Path, name: str, size: int) -> Path:
    """Make the zip's directory and local header say that member ``name`` is ``size`` bytes uncompressed."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as book:
        info = book.getinfo(name)
    encoded = name.encode()
    local = info.header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    data[local + 22 : local + 26] = size.to_bytes(4, "little")
    at = 0
    while True:
        at = data.index(b"PK\x01\x02", at)
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_length] == encoded:
            break
        at += 4
    data[at + 24 : at + 28] = size.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path
