"""The workbook reader reads what openpyxl reads: every value of the first sheet, in every layout a
workbook stores text in (inline, shared, rich text runs), with numbers, booleans, formulas' cached values
and gaps as openpyxl gives them. Hostile workbooks are in ``tests/hostile/test_workbook_limits.py``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from workbench.errors import InputError
from workbench.glossary.xlsx import Limits, all_sheet_rows, column_name, sheet_rows

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
import hostile_xlsx as hx  # noqa: E402

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def openpyxl_rows(path: Path) -> list[tuple[Any, ...]]:
    """openpyxl's rows, trimmed as the reader gives them (openpyxl pads every row to the sheet's width)."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    trimmed = []
    for row in rows:
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        trimmed.append(tuple(values))
    return trimmed


def write(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    second = book.create_sheet("Second")
    second.append(["not read"])
    book.save(path)
    return path


ROWS: list[list[Any]] = [
    ["List of Securities"],
    [],
    ["Stock Code", "Name of Securities", "Category", None, "Board Lot", "Flag", "Ratio"],
    ["00001", "CKH HOLDINGS", "Equity", None, 500, True, 0.25],
    [700, "騰訊控股", "股本", "", 100, False, -1.5e-7],
    ["  spaced  ", "line\nbreak", "tab\there", None, None, None, 12345678901234],
    [None, None, None, None, None, None, "=SUM(E4:E5)"],
]


def test_inline_text_numbers_booleans_and_gaps_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    path = write(tmp_path / "book.xlsx", ROWS)
    assert list(sheet_rows(path)) == openpyxl_rows(path)
    assert list(sheet_rows(path))[4] == (700, "騰訊控股", "股本", None, 100, False, -1.5e-7)


def test_shared_strings_as_excel_saves_them_read_alike(tmp_path: Path) -> None:
    path = write(tmp_path / "book.xlsx", ROWS)
    hx.to_shared_strings(path)
    assert b't="s"' in hx.member(path, hx.SHEET)
    assert list(sheet_rows(path)) == openpyxl_rows(path)


def test_rich_text_runs_join_and_phonetic_readings_are_left_out(tmp_path: Path) -> None:
    path = write(tmp_path / "book.xlsx", [["Stock Code", "Name"], ["00005", "HSBC"]])
    hx.to_shared_strings(path)
    strings = hx.member(path, hx.STRINGS).replace(
        b"<si><t>HSBC</t></si>",
        b"<si><r><rPr><b/></rPr><t>HSBC </t></r><r><t>HOLDINGS</t></r>"
        b"<rPh sb='0' eb='1'><t>reading</t></rPh></si>",
    )
    hx.rewrite(path, {hx.STRINGS: strings})
    assert list(sheet_rows(path))[1] == ("00005", "HSBC HOLDINGS")
    assert openpyxl_rows(path)[1] == ("00005", "HSBC HOLDINGS")


def test_prefixed_names_and_cells_without_references_read_alike(tmp_path: Path) -> None:
    """Some writers prefix every element (``x:row``) and leave out ``r`` on rows and cells."""
    path = write(tmp_path / "book.xlsx", [["a"]])
    sheet = (
        f'<x:worksheet xmlns:x="{MAIN}"><x:dimension ref="A1:XFD9"/><x:sheetData>'
        '<x:row><x:c t="inlineStr"><x:is><x:t>Stock Code</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>'
        '<x:row r="4"><x:c r="C4" t="str"><x:f>A1</x:f><x:v>cached</x:v></x:c><x:c><x:v>1.5</x:v></x:c>'
        '<x:c t="b"><x:v>1</x:v></x:c><x:c r="H4" s="3"/></x:row>'
        "</x:sheetData></x:worksheet>"
    ).encode()
    hx.rewrite(path, {hx.SHEET: sheet})
    assert list(sheet_rows(path)) == [("Stock Code", 2), (), (), (None, None, "cached", 1.5, True)]
    assert list(sheet_rows(path)) == openpyxl_rows(path)


def test_the_first_sheet_is_found_through_the_workbooks_relationships(tmp_path: Path) -> None:
    """Excel names the sheet part relative to the workbook (worksheets/sheet1.xml), openpyxl absolutely."""
    path = write(tmp_path / "book.xlsx", [["first"]])
    rels = hx.member(path, "xl/_rels/workbook.xml.rels").replace(
        b'Target="/xl/worksheets/sheet1.xml"', b'Target="worksheets/sheet1.xml"'
    )
    hx.rewrite(path, {"xl/_rels/workbook.xml.rels": rels})
    assert list(sheet_rows(path)) == [("first",)]


def test_every_sheet_in_tab_order_when_asked(tmp_path: Path) -> None:
    path = write(tmp_path / "book.xlsx", [["first"], [1, 2]])
    sheets = [list(rows) for rows in all_sheet_rows(path)]
    assert sheets == [[("first",), (1, 2)], [("not read",)]]
    assert sheets[0] == openpyxl_rows(path)


@pytest.mark.parametrize(("index", "name"), [(1, "A"), (26, "Z"), (27, "AA"), (256, "IV"), (16384, "XFD")])
def test_column_names(index: int, name: str) -> None:
    assert column_name(index) == name


def test_a_limit_can_be_set_lower_and_names_itself(tmp_path: Path) -> None:
    path = write(tmp_path / "book.xlsx", ROWS)
    where = r"book\.xlsx \(xl/worksheets/sheet1\.xml\): "
    with pytest.raises(
        InputError, match=where + "cell A1 holds more than 5 characters, the limit for one cell"
    ):
        list(sheet_rows(path, Limits(cell_chars=5)))
    with pytest.raises(InputError, match="cell E3 has a value past column D"):
        list(sheet_rows(path, Limits(columns=4)))


def test_a_file_that_is_no_workbook_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"book\.xlsx: cannot be read as an \.xlsx workbook"):
        list(sheet_rows(path))
