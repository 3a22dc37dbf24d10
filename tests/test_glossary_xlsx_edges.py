"""The workbook reader at its edges: each value type as a workbook stores it, the layouts writers other than
Excel and openpyxl produce, and every limit at the value it names and one past it.

The workbooks are written here part by part with ``zipfile``, as small as an .xlsx can be, so that each test
states the XML it reads. ``tests/test_glossary_xlsx.py`` holds the comparisons with openpyxl.
"""

from __future__ import annotations

import gc
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

from workbench.errors import InputError
from workbench.glossary.xlsx import Limits, all_sheet_rows, sheet_rows

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
MiB = 1 << 20


def relationships(*rels: tuple[str, str, str] | tuple[str, str, str, str]) -> str:
    """A .rels part: (id, type's last word, target[, target mode])."""
    body = "".join(
        f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"'
        + (f' TargetMode="{mode[0]}"' if mode else "")
        + "/>"
        for rid, kind, target, *mode in rels
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{PKG}">{body}</Relationships>'


def sheet(rows: str, *, before: str = "") -> str:
    return f'<worksheet xmlns="{MAIN}">{before}<sheetData>{rows}</sheetData></worksheet>'


def shared(*strings: str) -> str:
    return f'<sst xmlns="{MAIN}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>"


def book(
    path: Path,
    *sheets: str,
    strings: str | None = None,
    workbook_at: str = "xl/workbook.xml",
    extra: dict[str, str | bytes] | None = None,
    rels: str | None = None,
) -> Path:
    """An .xlsx at ``path`` of the given sheet parts (tab order), shared strings part and extra members."""
    folder = workbook_at.rpartition("/")[0]
    tabs = "".join(f'<sheet name="S{n}" sheetId="{n}" r:id="rId{n}"/>' for n in range(1, len(sheets) + 1))
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": relationships(
            ("rIdCore", "metadata/core-properties", "docProps/core.xml"),
            ("rIdBook", "officeDocument", workbook_at),
        ),
        "docProps/core.xml": "<coreProperties/>",
        workbook_at: f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{tabs}</sheets></workbook>',
    }
    own = [(f"rId{n}", "worksheet", f"worksheets/sheet{n}.xml") for n in range(1, len(sheets) + 1)]
    if strings is not None:
        own.append(("rIdStrings", "sharedStrings", "sharedStrings.xml"))
        parts[f"{folder}/sharedStrings.xml"] = strings
    parts[f"{folder}/_rels/{workbook_at.rpartition('/')[2]}.rels"] = (
        relationships(*own) if rels is None else rels
    )
    for n, xml in enumerate(sheets, start=1):
        parts[f"{folder}/worksheets/sheet{n}.xml"] = xml
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    return path


def rows(path: Path, limits: Limits | None = None) -> list[tuple[Any, ...]]:
    return list(sheet_rows(path) if limits is None else sheet_rows(path, limits))


def refused(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as caught:
        rows(path, limits)
    return str(caught.value)


# -- values ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ('<c r="A1" t="s"><v>0</v></c>', "first"),
        ('<c r="A1" t="s"><v>2</v></c>', "last"),
        ('<c r="A1" t="s"><v> 1 </v></c>', "second"),
        ('<c r="A1" t="str"><f>B1</f><v>cached text</v></c>', "cached text"),
        ('<c r="A1" t="e"><v>#N/A</v></c>', "#N/A"),
        ('<c r="A1" t="d"><v>2026-01-27T00:00:00</v></c>', "2026-01-27T00:00:00"),
        ('<c r="A1" t="b"><v>1</v></c>', True),
        ('<c r="A1" t="b"><v>0</v></c>', False),
        ('<c r="A1"><v>42</v></c>', 42),
        ('<c r="A1"><v>-7</v></c>', -7),
        ('<c r="A1"><v>+7</v></c>', 7),
        ('<c r="A1"><v>1.5</v></c>', 1.5),
        ('<c r="A1"><v>1E3</v></c>', 1000.0),
        ('<c r="A1" t="n"><v>-0.25</v></c>', -0.25),
        ('<c r="A1" t="inlineStr"><is><t>inline</t></is></c>', "inline"),
    ],
)
def test_each_type_of_value_reads_as_excel_stored_it(tmp_path: Path, cell: str, value: object) -> None:
    path = book(
        tmp_path / "b.xlsx", sheet(f'<row r="1">{cell}</row>'), strings=shared("first", "second", "last")
    )
    (row,) = rows(path)
    assert row == (value,)
    assert type(row[0]) is type(value)


@pytest.mark.parametrize(
    "cell",
    ['<c r="A1"><v></v></c>', '<c r="A1"><v> </v></c>', '<c r="A1" t="inlineStr"/>', '<c r="A1" t="s"/>'],
)
def test_a_cell_without_a_value_is_empty(tmp_path: Path, cell: str) -> None:
    path = book(
        tmp_path / "b.xlsx", sheet(f'<row r="1">{cell}<c r="B1"><v>1</v></c></row>'), strings=shared("x")
    )
    assert rows(path) == [(None, 1)]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('<c r="C2" t="s"><v>3</v></c>', "cell C2 refers to shared string '3', which the workbook lacks"),
        ('<c r="C2" t="s"><v>-1</v></c>', "cell C2 refers to shared string '-1', which the workbook lacks"),
        ('<c r="C2" t="s"><v>one</v></c>', "cell C2 refers to shared string 'one', which the workbook lacks"),
        ('<c r="C2"><v>12abc</v></c>', "cell C2 holds '12abc', which is not a number"),
        ('<c r="C2"><v>-</v></c>', "cell C2 holds '-', which is not a number"),
    ],
)
def test_a_value_that_cannot_be_what_its_type_says_is_refused_naming_the_cell(
    tmp_path: Path, cell: str, message: str
) -> None:
    path = book(tmp_path / "b.xlsx", sheet(f'<row r="2">{cell}</row>'), strings=shared("a", "b", "c"))
    assert refused(path) == f"{path} (xl/worksheets/sheet1.xml): {message}"


def test_a_workbook_without_shared_strings_reads_its_inline_text(tmp_path: Path) -> None:
    path = book(
        tmp_path / "b.xlsx", sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>only</t></is></c></row>')
    )
    assert rows(path) == [("only",)]


# -- layout ----------------------------------------------------------------------------------------------


def test_rows_and_cells_without_references_follow_the_last_ones_and_gaps_are_empty_rows(
    tmp_path: Path,
) -> None:
    xml = sheet(
        '<row r="2"><c r="B2"><v>1</v></c><c><v>2</v></c></row>'
        '<row><c><v>3</v></c><c r="AA3"><v>27</v></c><c><v>28</v></c><c r="D3"><v>4</v></c></row>'
        '<row r="6"><c r="IV6"><v>256</v></c></row>'
        '<row r="7"/>'
        '<row r="8"><c r="C8"/><c r="A8" t="str"><v>first</v></c></row>'
    )
    got = rows(book(tmp_path / "b.xlsx", xml))
    assert got[:2] == [(), (None, 1, 2)]
    assert got[2] == (3, None, None, 4) + (None,) * 22 + (27, 28)
    assert got[3:5] == [(), ()]
    assert got[5] == (None,) * 255 + (256,)
    assert got[6:] == [(), ("first",)]


def test_prefixed_shared_strings_and_sheet_read_like_plain_ones(tmp_path: Path) -> None:
    strings = f'<x:sst xmlns:x="{MAIN}"><x:si><x:t>HSBC</x:t></x:si><x:si><x:t>CKH</x:t></x:si></x:sst>'
    xml = f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="B1" t="s"><x:v>1</x:v></x:c>'
    xml += '<x:c t="inlineStr"><x:is><x:t>in</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>'
    assert rows(book(tmp_path / "b.xlsx", xml, strings=strings)) == [(None, "CKH", "in")]


def test_pretty_printed_xml_adds_no_white_space_to_any_value(tmp_path: Path) -> None:
    """Some writers indent every element: the line ends between them belong to no value."""
    strings = (
        f'<sst xmlns="{MAIN}">\n  <si>\n    <r><t>HSBC </t></r>\n    <r><t>HOLDINGS</t></r>\n  </si>\n'
        "  <si><t>CKH</t>\n  </si>\n</sst>"
    )
    xml = sheet(
        '\n  <row r="1">\n    <c r="A1" t="s">\n      <v>0</v>\n    </c>\n'
        '    <c r="B1" t="str">\n      <f>A1</f>\n      <v>cached</v>\n    </c>\n'
        '    <c r="C1" t="inlineStr">\n      <is>\n        <r><t>ab</t></r>\n        <r><t>cd</t></r>\n'
        "      </is>\n    </c>\n"
        '    <c r="D1" t="s">\n      <v>1</v>\n    </c>\n  </row>\n'
    )
    assert rows(book(tmp_path / "b.xlsx", xml, strings=strings)) == [
        ("HSBC HOLDINGS", "cached", "abcd", "CKH")
    ]


def test_phonetic_readings_are_left_out_of_their_cell_and_of_every_cell_after(tmp_path: Path) -> None:
    reading = "<rPh sb='0' eb='2'><t>カブ</t></rPh><phoneticPr fontId='1'/>"
    strings = f'<sst xmlns="{MAIN}"><si><t>株式</t>{reading}</si><si><t>next</t></si></sst>'
    xml = sheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        f'<c r="C1" t="inlineStr"><is><r><t>会社</t></r><r><t>名</t></r>{reading}</is></c>'
        '<c r="D1" t="inlineStr"><is><t>after</t></is></c></row>'
    )
    assert rows(book(tmp_path / "b.xlsx", xml, strings=strings)) == [("株式", "next", "会社名", "after")]


def test_the_workbook_part_is_found_wherever_the_package_relationships_put_it(tmp_path: Path) -> None:
    xml = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    path = book(tmp_path / "b.xlsx", xml, strings=shared("found"), workbook_at="book/main.xml")
    assert rows(path) == [("found",)]


def test_a_chart_sheet_before_the_first_worksheet_is_passed_over(tmp_path: Path) -> None:
    tabs = '<sheet name="Chart" sheetId="1" r:id="rIdChart"/><sheet name="List" sheetId="2" r:id="rIdList"/>'
    rels = relationships(
        ("rIdChart", "chartsheet", "chartsheets/sheet1.xml"),
        ("rIdList", "worksheet", "/xl/worksheets/sheet1.xml"),
    )
    path = book(
        tmp_path / "b.xlsx",
        sheet('<row r="1"><c r="A1"><v>1</v></c></row>'),
        rels=rels,
        extra={
            "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{tabs}</sheets></workbook>',
            "xl/chartsheets/sheet1.xml": sheet('<row r="1"><c r="A1"><v>2</v></c></row>'),
        },
    )
    assert rows(path) == [(1,)]
    assert [list(s) for s in all_sheet_rows(path)] == [[(1,)]]


def test_a_relationship_to_a_target_outside_the_package_is_never_followed(tmp_path: Path) -> None:
    rels = relationships(("rId1", "worksheet", "/xl/worksheets/sheet1.xml", "External"))
    path = book(tmp_path / "b.xlsx", sheet('<row r="1"><c r="A1"><v>1</v></c></row>'), rels=rels)
    assert refused(path) == f"{path}: has no worksheet; save the list as an .xlsx workbook"


def test_a_zip_without_a_workbook_part_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("word/document.xml", "<document/>")
    assert refused(path) == f"{path}: has no workbook part; it is not an .xlsx workbook (save it as .xlsx)"


def test_a_part_cut_short_is_refused_as_not_well_formed(tmp_path: Path) -> None:
    xml = sheet('<row r="1"><c r="A1"><v>1</v></c></row>')
    path = book(tmp_path / "b.xlsx", xml[: -len("</sheetData></worksheet>")])
    assert refused(path) == (
        f"{path} (xl/worksheets/sheet1.xml): is not well-formed XML (no element found, line 1); "
        "save the workbook again as .xlsx"
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('<row r="3"/><row r="2"/>', "row 2 comes after row 3; save the workbook again"),
        ('<row r="3"/><row r="3"/>', "row 3 comes after row 3; save the workbook again"),
        ('<row r="x1"/>', "row number 'x1' is not a number"),
        ('<row r="1"><c r="1A"><v>1</v></c></row>', "cell reference '1A' is not one"),
    ],
)
def test_rows_and_cells_out_of_order_or_misnamed_are_refused(tmp_path: Path, row: str, message: str) -> None:
    path = book(tmp_path / "b.xlsx", sheet(row))
    assert refused(path) == f"{path} (xl/worksheets/sheet1.xml): {message}"


def test_reading_or_refusing_a_workbook_leaves_no_file_open(tmp_path: Path) -> None:
    """Every file the reader opens it closes itself, whether it reads the workbook or refuses it on
    opening: none is left for the garbage collector to find (and warn of) in a long-running process."""
    path = book(tmp_path / "b.xlsx", sheet('<row r="1"><c r="A1"><v>1</v></c></row>'), strings=shared("x"))
    not_zip = tmp_path / "not.xlsx"
    not_zip.write_bytes(b"PK\x03\x04 not a zip")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert rows(path) == [(1,)]
        assert [list(s) for s in all_sheet_rows(path)] == [[(1,)]]
        assert "its zip lists" in refused(path, Limits(members=1))
        assert "is 0 MiB, more than" in refused(path, Limits(workbook_bytes=1))
        assert "cannot be read as an .xlsx workbook" in refused(not_zip)
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


# -- limits ----------------------------------------------------------------------------------------------

ONE_ROW = sheet('<row r="1"><c r="A1"><v>1</v></c></row>')


def members(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return len(z.infolist())


def test_the_workbook_file_limit_is_its_size_in_bytes(tmp_path: Path) -> None:
    path = book(tmp_path / "b.xlsx", ONE_ROW)
    size = path.stat().st_size
    assert rows(path, Limits(workbook_bytes=size)) == [(1,)]
    assert refused(path, Limits(workbook_bytes=size - 1)).startswith(f"{path}: is 0 MiB, more than the 0 MiB")


def test_the_default_file_limit_is_64_mib(tmp_path: Path) -> None:
    """A sparse file: its size is what the limit looks at, before a byte of it is read as a zip."""
    path = tmp_path / "big.xlsx"
    with path.open("wb") as out:
        out.truncate(64 * MiB)
    assert refused(path).startswith(f"{path}: cannot be read as an .xlsx workbook")
    with path.open("ab") as out:
        out.write(b"\0")
    assert refused(path) == (
        f"{path}: is 64 MiB, more than the 64 MiB a workbook may have (the exchange's full list is 1–2 MB)"
    )


def test_the_zip_entries_are_counted_from_its_directory_before_it_is_opened(tmp_path: Path) -> None:
    path = book(tmp_path / "b.xlsx", ONE_ROW)
    count = members(path)
    assert rows(path, Limits(members=count)) == [(1,)]
    assert refused(path, Limits(members=count - 1)) == (
        f"{path}: its zip lists {count:,} entries, more than the {count - 1:,} a workbook may have "
        "(a workbook has about ten)"
    )


def test_the_zip_entries_are_counted_behind_the_longest_zip_comment(tmp_path: Path) -> None:
    path = book(tmp_path / "b.xlsx", ONE_ROW)
    with zipfile.ZipFile(path, "a") as z:
        z.comment = b"PK" * (65_535 // 2) + b"!"
    count = members(path)
    assert rows(path, Limits(members=count)) == [(1,)]
    assert f"its zip lists {count} entries, more than the {count - 1} " in refused(
        path, Limits(members=count - 1)
    )


def test_a_directory_end_cut_short_is_left_to_the_zip_reader(tmp_path: Path) -> None:
    path = book(tmp_path / "b.xlsx", ONE_ROW)
    path.write_bytes(path.read_bytes()[:-1])
    assert refused(path, Limits(members=1)).startswith(f"{path}: cannot be read as an .xlsx workbook")


def test_a_bare_directory_end_claiming_many_entries_is_refused_for_them(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    entries = (60_000).to_bytes(2, "little")
    path.write_bytes(b"PK\x05\x06" + bytes(4) + entries + entries + bytes(10))
    assert refused(path) == (
        f"{path}: its zip lists 60,000 entries, more than the 10,000 a workbook may have "
        "(a workbook has about ten)"
    )


def test_a_part_is_limited_in_its_uncompressed_bytes(tmp_path: Path) -> None:
    path = book(tmp_path / "b.xlsx", ONE_ROW + " " * 200_000)
    size = len(ONE_ROW) + 200_000
    assert rows(path, Limits(part_bytes=size)) == [(1,)]
    assert refused(path, Limits(part_bytes=size - 1)) == (
        f"{path} (xl/worksheets/sheet1.xml): is more than 0 MiB uncompressed, the limit for one part "
        "of a workbook"
    )


@pytest.mark.parametrize(
    "cell", ['<c r="A1" t="inlineStr"><is><t>{}</t></is></c>', '<c r="A1" t="str"><v>{}</v></c>']
)
def test_a_cells_text_may_hold_the_limit_and_not_one_character_more(tmp_path: Path, cell: str) -> None:
    fits = book(tmp_path / "fits.xlsx", sheet(f'<row r="1">{cell.format("x" * 32_767)}</row>'))
    assert rows(fits) == [("x" * 32_767,)]
    over = book(tmp_path / "over.xlsx", sheet(f'<row r="1">{cell.format("x" * 32_768)}</row>'))
    assert refused(over) == (
        f"{over} (xl/worksheets/sheet1.xml): cell A1 holds more than 32,767 characters, the limit "
        "for one cell"
    )


def test_a_cell_past_the_limit_without_a_reference_is_named_by_its_place(tmp_path: Path) -> None:
    path = book(tmp_path / "b.xlsx", sheet('<row r="3"><c><v>1</v></c><c t="str"><v>abcdef</v></c></row>'))
    assert refused(path, Limits(cell_chars=5)).endswith(
        "cell B3 holds more than 5 characters, the limit for one cell"
    )


def test_a_shared_string_may_hold_the_cell_limit_and_not_one_character_more(tmp_path: Path) -> None:
    xml = sheet('<row r="1"><c r="A1" t="s"><v>1</v></c></row>')
    fits = book(tmp_path / "fits.xlsx", xml, strings=shared("a", "x" * 32_767))
    assert rows(fits) == [("x" * 32_767,)]
    over = book(tmp_path / "over.xlsx", xml, strings=shared("a", "x" * 32_768))
    assert refused(over) == (
        f"{over} (xl/sharedStrings.xml): shared string 2 holds more than 32,767 characters, the limit "
        "for one cell"
    )


def test_the_shared_strings_are_limited_in_number_and_in_characters_all_together(tmp_path: Path) -> None:
    xml = sheet('<row r="1"><c r="A1" t="s"><v>1</v></c></row>')
    two = book(tmp_path / "two.xlsx", xml, strings=shared("abcde", "fghij"))
    assert rows(two, Limits(shared_strings=2, shared_chars=10)) == [("fghij",)]
    three = book(tmp_path / "three.xlsx", xml, strings=shared("abcde", "fghij", "k"))
    assert refused(three, Limits(shared_strings=2)) == (
        f"{three} (xl/sharedStrings.xml): holds more than 2 shared strings, the limit"
    )
    assert refused(three, Limits(shared_chars=10)) == (
        f"{three} (xl/sharedStrings.xml): holds more than 10 characters of shared strings, the limit"
    )


def test_rows_end_at_the_last_row_number(tmp_path: Path) -> None:
    numbered = book(
        tmp_path / "n.xlsx", sheet('<row r="4"/><row r="5"><c r="A5"><v>5</v></c></row><row r="6"/>')
    )
    assert rows(numbered, Limits(rows=6)) == [(), (), (), (), (5,), ()]
    assert refused(numbered, Limits(rows=5)) == (
        f"{numbered} (xl/worksheets/sheet1.xml): row 6 is past row 5, the last a sheet has"
    )
    unnumbered = book(tmp_path / "u.xlsx", sheet('<row r="5"/><row/>'))
    assert refused(unnumbered, Limits(rows=5)).endswith("row 6 is past row 5, the last a sheet has")
    assert rows(book(tmp_path / "last.xlsx", sheet('<row r="1048576"/>')))[-1:] == [()]
    assert refused(book(tmp_path / "past.xlsx", sheet('<row r="1048577"/>'))).endswith(
        "row 1,048,577 is past row 1,048,576, the last a sheet has"
    )


def test_columns_end_at_the_last_column_read_and_only_a_value_past_it_is_refused(tmp_path: Path) -> None:
    path = book(tmp_path / "b.xlsx", sheet('<row r="1"><c r="C1"><v>3</v></c><c r="D1" s="1"/></row>'))
    assert rows(path, Limits(columns=3)) == [(None, None, 3)]
    past = book(tmp_path / "past.xlsx", sheet('<row r="1"><c r="C1"><v>3</v></c><c><v>4</v></c></row>'))
    assert refused(past, Limits(columns=3)) == (
        f"{past} (xl/worksheets/sheet1.xml): cell D1 has a value past column C (3), the last this "
        "reader reads"
    )


def test_markup_is_limited_by_what_stays_open_between_reads_of_64_kib(tmp_path: Path) -> None:
    """A comment open over the sheet's whole first read of 64 KiB: at the limit it is read past."""
    xml = "<!--" + "c" * 100_000 + "-->" + ONE_ROW
    path = book(tmp_path / "b.xlsx", xml)
    assert rows(path, Limits(markup_bytes=64 * 1024)) == [(1,)]
    assert refused(path, Limits(markup_bytes=64 * 1024 - 1)) == (
        f"{path} (xl/worksheets/sheet1.xml): has a tag, comment or instruction longer than 0 MiB, the limit "
        "for one piece of markup"
    )


@pytest.mark.parametrize(
    "padding",
    [
        " \n" * 150_000,
        "<!-- note -->" * 30_000,
        "<?note here?>" * 30_000,
        "<x>" * 50_000 + "</x>" * 50_000,
        "<x a='1'/>" * 30_000,
    ],
    ids=["text", "comments", "instructions", "nested", "empty-elements"],
)
def test_much_complete_markup_is_never_taken_for_one_open_piece(tmp_path: Path, padding: str) -> None:
    """Whatever fills the reads (text, many comments, elements), only markup left open counts."""
    strings = f'<sst xmlns="{MAIN}">{padding}<si><t>x</t></si></sst>'
    path = book(
        tmp_path / "b.xlsx",
        sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', before=padding),
        strings=strings,
    )
    assert rows(path, Limits(markup_bytes=1024)) == [("x",)]


def test_the_default_markup_limit_is_one_mib(tmp_path: Path) -> None:
    under = book(tmp_path / "under.xlsx", "<!--" + "c" * (MiB - 100 * 1024) + "-->" + ONE_ROW)
    assert rows(under) == [(1,)]
    over = book(tmp_path / "over.xlsx", "<!--" + "c" * (MiB + 100 * 1024) + "-->" + ONE_ROW)
    assert refused(over).endswith("longer than 1 MiB, the limit for one piece of markup")


def test_the_default_shared_table_holds_32_mi_characters_and_not_one_more(tmp_path: Path) -> None:
    """1,024 strings of Excel's longest and one of 1,024 characters: 32 Mi exactly (about two seconds)."""
    longest = "<si><t>" + "x" * 32_767 + "</t></si>"

    def table(last: int) -> str:
        return f'<sst xmlns="{MAIN}">' + longest * 1024 + f"<si><t>{'y' * last}</t></si></sst>"

    xml = sheet('<row r="1"><c r="A1" t="s"><v>1024</v></c></row>')
    assert rows(book(tmp_path / "fits.xlsx", xml, strings=table(1024))) == [("y" * 1024,)]
    over = book(tmp_path / "over.xlsx", xml, strings=table(1025))
    assert refused(over) == (
        f"{over} (xl/sharedStrings.xml): holds more than 33,554,432 characters of shared strings, the limit"
    )


def test_relationships_and_workbook_written_with_prefixes_are_followed(tmp_path: Path) -> None:
    """Package parts whose elements carry a prefix (``<p:Relationship>``, ``<x:sheet>``) as some writers
    give them, down to the sheet and its shared strings."""

    def prefixed(*rels: tuple[str, str, str]) -> str:
        body = "".join(f'<p:Relationship Id="{i}" Type="{REL}/{k}" Target="{t}"/>' for i, k, t in rels)
        return f'<p:Relationships xmlns:p="{PKG}">{body}</p:Relationships>'

    workbook = f'<x:workbook xmlns:x="{MAIN}" xmlns:rel="{REL}"><x:sheets>'
    workbook += '<x:sheet name="List" sheetId="1" rel:id="rIdList"/></x:sheets></x:workbook>'
    path = book(
        tmp_path / "b.xlsx",
        sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
        strings=shared("through prefixes"),
        workbook_at="xl/main.xml",
        rels=prefixed(
            ("rIdList", "worksheet", "worksheets/sheet1.xml"), ("rIdS", "sharedStrings", "sharedStrings.xml")
        ),
        extra={
            "_rels/.rels": prefixed(("rIdBook", "officeDocument", "xl/main.xml")),
            "xl/main.xml": workbook,
        },
    )
    assert rows(path) == [("through prefixes",)]
