"""Text a spreadsheet would run as a formula never reaches glossary.csv or an export.

``glossary add 測試公司 -e '=HYPERLINK("http://x","y")'`` once stored the formula as is in glossary.csv,
which desks open in Excel, and the Weblate, OmegaT and DeepL exports wrote it unquoted; a workbook cell
``=cmd|…`` was imported as is. Now such text is refused on add and on every import (one line naming the
row or cell and the column, exit 2, nothing written), ``glossary check`` reports one written into the file
by hand, and no export is made while it is there. A signed number is not a formula and stays allowed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import hostile_xlsx as hx
import pytest
from typer.testing import CliRunner, Result

from conftest import GLOSSARY
from workbench.cli import _register, app
from workbench.errors import GlossaryError
from workbench.glossary import format_rows
from workbench.glossary.formulas import formula_like
from workbench.glossary.merge import CompanyList, Listing, merge_list
from workbench.model import GlossaryEntry

_register()
runner = CliRunner()

HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"
SUM = "@SUM(1+1)"
MINUS_DDE = "-2+3+cmd|' /C calc'!A0"


def workbench(*args: str) -> Result:
    return runner.invoke(app, list(args))


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def refused(result: Result, *words: str) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert "runs as a formula" in lines[0]
    return lines[0]


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- glossary add ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "column"),
    [
        (["-e", HYPERLINK], "english"),
        (["-e", "Test Co", "--notes", DDE], "notes"),
        (["-e", "Test Co", "-a", SUM], "aliases"),
        (["-e", "Test Co", "--forbidden", MINUS_DDE], "forbidden"),
        (["-e", "Test Co", "--simplified", "=1+1"], "simplified"),
        (["-e", "Test Co", "--notes", "\t=1+1"], "notes"),  # a tab in front is trimmed, the = stays
        (["-e", "Test Co", "--notes", "-"], "notes"),
    ],
)
def test_glossary_add_refuses_formula_text_naming_the_column(
    desk: Path, options: list[str], column: str
) -> None:
    before = snapshot(desk)
    refused(
        workbench("glossary", "add", "測試公司", "-t", "9998.HK", *options), f"not added: the {column} value"
    )
    assert snapshot(desk) == before


def test_glossary_add_refuses_a_traditional_name_that_is_a_formula(desk: Path) -> None:
    before = snapshot(desk)
    refused(workbench("glossary", "add", "=1+1", "-e", "Test Co"), "not added: the traditional value '=1+1'")
    assert snapshot(desk) == before


@pytest.mark.parametrize("note", ["-5%", "+3.5%", "-1,200", "profit -5% on the year", "a + b"])
def test_signed_numbers_and_signs_inside_text_are_not_formulas(desk: Path, note: str) -> None:
    result = workbench("glossary", "add", "測試公司", "-e", "Test Co", "-t", "9998.HK", "--notes", note)
    assert result.exit_code == 0, result.output
    assert note in (desk / "glossary.csv").read_text(encoding="utf-8")
    assert workbench("glossary", "check").exit_code == 0


# -- imports -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("workbook", "old", "cell", "header"),
    [
        ("ListOfSecurities.xlsx", b"CKH HOLDINGS", "B4", "Name of Securities"),
        ("ListOfSecurities.xlsx", b"SENSETIME-W", "B6", "Name of Securities"),
        ("ListOfSecurities_c.xlsx", "騰訊控股".encode("ascii", "xmlcharrefreplace"), "B7", "股份名稱"),
    ],
)
@pytest.mark.parametrize("payload", [HYPERLINK, DDE, SUM, MINUS_DDE])
def test_import_hkex_refuses_a_formula_cell_naming_it(
    desk: Path, workbook: str, old: bytes, cell: str, header: str, payload: str
) -> None:
    hx.base(desk / "ListOfSecurities.xlsx")
    hx.base(desk / "ListOfSecurities_c.xlsx", chinese=True)
    escaped = payload.replace("&", "&amp;").replace('"', "&quot;").encode()
    hx.edit_sheet(desk / workbook, hx.replace_text(old, escaped))
    before = snapshot(desk)
    line = refused(
        workbench("glossary", "import-hkex", "ListOfSecurities.xlsx", "ListOfSecurities_c.xlsx"),
        f"{workbook}: cell {cell} ({header})",
    )
    assert payload[:40] in line
    assert snapshot(desk) == before


def test_import_hkex_refuses_a_formula_held_in_the_shared_strings(desk: Path) -> None:
    hx.base(desk / "ListOfSecurities.xlsx")
    hx.base(desk / "ListOfSecurities_c.xlsx", chinese=True)
    hx.edit_sheet(desk / "ListOfSecurities.xlsx", hx.replace_text(b"TENCENT", b"=cmd|' /C calc'!A0"))
    hx.to_shared_strings(desk / "ListOfSecurities.xlsx")
    before = snapshot(desk)
    refused(
        workbench("glossary", "import-hkex", "ListOfSecurities.xlsx", "ListOfSecurities_c.xlsx"),
        "cell B7 (Name of Securities) \"=cmd|' /C calc'!A0\"",
    )
    assert snapshot(desk) == before


def test_a_note_under_the_table_that_starts_with_a_dash_is_no_listing_and_no_reason_to_refuse(
    desk: Path,
) -> None:
    hx.base(desk / "ListOfSecurities.xlsx")
    hx.base(desk / "ListOfSecurities_c.xlsx", chinese=True)
    note = hx.one_cell_rows(1)
    hx.edit_sheet(
        desk / "ListOfSecurities.xlsx",
        hx.append_rows(lambda first: [b"".join(note(first)).replace(b"note ", b"- end of list - ")]),
    )
    result = workbench("glossary", "import-hkex", "ListOfSecurities.xlsx", "ListOfSecurities_c.xlsx")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("row", "column", "cells"),
    [
        (3, "name_en", ("00700", HYPERLINK, "騰訊控股")),
        (3, "name_tc", ("00700", "Tencent", SUM)),
        (3, "name_en", ("00700", "\t=1+1", "騰訊控股")),
    ],
)
def test_vendor_import_refuses_a_formula_cell_naming_row_and_column(
    desk: Path, row: int, column: str, cells: tuple[str, str, str]
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([["ric", "name_en", "name_tc"], ["00005", "HSBC Holdings", "滙豐控股"], list(cells)])
    (desk / "vendor.csv").write_text(out.getvalue(), encoding="utf-8")
    before = snapshot(desk)
    result = workbench(
        "glossary", "import", "vendor.csv",
        "--code-column", "ric", "--english-column", "name_en", "--chinese-column", "name_tc",
    )  # fmt: skip
    refused(result, f"vendor.csv: row {row}, column {column!r}")
    assert snapshot(desk) == before


@pytest.mark.parametrize(("column", "field"), [("English", "engName"), ("Chinese", "zhName")])
def test_the_hyperlinks_import_refuses_a_formula_name_naming_the_code(
    desk: Path, column: str, field: str
) -> None:
    mirror = [
        {"symbol": 5, "engName": "HSBC Holdings plc", "zhName": "匯豐控股有限公司", "url": ""},
        {"symbol": 700, "engName": "Tencent Holdings Limited", "zhName": "騰訊控股有限公司", "url": ""},
    ]
    mirror[1][field] = DDE
    (desk / "hyperlinks.json").write_text(json.dumps(mirror, ensure_ascii=False), encoding="utf-8")
    before = snapshot(desk)
    refused(workbench("glossary", "import", "hyperlinks.json"), f"the {column} name of 0700.HK")
    assert snapshot(desk) == before


def test_an_importer_that_forgot_to_check_still_cannot_write_a_formula(desk: Path) -> None:
    """The last line of defence: nothing the workbench writes to glossary.csv can hold one."""
    before = snapshot(desk)
    listing = Listing(("9998.HK",), HYPERLINK, "測試公司")
    companies = CompanyList("a list", "2026-12-01", (listing,), frozenset({"9998.HK"}), complete=False)
    with pytest.raises(GlossaryError, match="runs as a formula"):
        merge_list(desk / "glossary.csv", companies)
    assert snapshot(desk) == before
    with pytest.raises(GlossaryError, match="the notes value"):
        format_rows([GlossaryEntry("測試公司", "测试公司", "Test", notes="@x")])


# -- a glossary.csv edited by hand: check and export ---------------------------------------------------


def hand_edited(desk: Path) -> Path:
    """The desk's glossary with rows typed in Excel-less editors: formulas in several columns."""
    with (desk / "glossary.csv").open("a", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["測試甲", "测试甲", HYPERLINK, "", "9998.HK", "company", "", ""])
        writer.writerow(["測試乙", "测试乙", "Test B", SUM, "9997.HK", "company", "", DDE])
    return desk / "glossary.csv"


def test_glossary_check_reports_each_formula_cell_with_row_and_column(desk: Path) -> None:
    path = hand_edited(desk)
    rows = len(path.read_text(encoding="utf-8").splitlines())
    result = workbench("glossary", "check", "--json")
    assert result.exit_code == 1

    found = [(p["row"], p["message"].split(" value ")[0]) for p in json.loads(result.stdout)["problems"]]
    formulas = [
        f
        for f, p in zip(found, json.loads(result.stdout)["problems"], strict=True)
        if p["check"] == "formula"
    ]
    assert formulas == [(rows - 1, "the english"), (rows, "the aliases"), (rows, "the notes")]


def test_glossary_check_is_silent_on_the_desks_own_glossary(desk: Path) -> None:
    result = workbench("glossary", "check", "--json")
    assert '"check": "formula"' not in result.stdout


@pytest.mark.parametrize("fmt", ["weblate", "omegat", "deepl", "tbx", "tbx-2008"])
def test_no_export_is_written_from_a_glossary_holding_a_formula(desk: Path, fmt: str) -> None:
    path = hand_edited(desk)
    rows = len(path.read_text(encoding="utf-8").splitlines())
    before = snapshot(desk)
    result = workbench("glossary", "export", "--format", fmt, "--output", "export.out")
    refused(result, f"glossary.csv: row {rows - 1}: the english value", "nothing exported")
    assert result.stdout == ""
    assert snapshot(desk) == before


@pytest.mark.parametrize("fmt", ["weblate", "omegat", "deepl"])
def test_spreadsheet_exports_of_a_clean_glossary_hold_no_formula_cell(desk: Path, fmt: str) -> None:
    added = workbench("glossary", "add", "測試公司", "-e", "Test Co", "-a", "測試", "--notes", "-5%")
    assert added.exit_code == 0, added.output
    result = workbench("glossary", "export", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "weblate":
        cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    else:
        cells = [cell for line in result.stdout.splitlines() for cell in line.split("\t")]
    assert "測試公司" in cells
    assert not [cell for cell in cells if formula_like(cell)]
