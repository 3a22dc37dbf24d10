"""The exchange's "Hyperlinks to Listed Companies" read directly: which rows of the workbook are companies,
which column is which, how share classes and repeated codes become listings, and what the JSON mirror may
hold. The import command over the real list is tested in ``tests/test_press_names.py``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from test_glossary_xlsx_edges import book, sheet
from workbench.errors import GlossaryError
from workbench.glossary.hyperlinks import SOURCE, read_hyperlinks
from workbench.glossary.merge import Listing

HSBC = ("HSBC Holdings plc", "匯豐控股有限公司")
CKH = ("CK Hutchison Holdings Limited", "長江和記實業有限公司")
BEA = ("The Bank of East Asia, Limited", "東亞銀行有限公司")


def cell(value: Any) -> str:
    if value is None:
        return "<c/>"
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, str):
        return f'<c t="inlineStr"><is><t>{value}</t></is></c>'
    return f"<c><v>{value}</v></c>"


def workbook(path: Path, *sheets: list[list[Any]]) -> Path:
    """A workbook of the given sheets, each a list of rows of values (None: an empty cell)."""
    parts = [
        sheet("".join("<row>" + "".join(cell(v) for v in row) + "</row>" for row in rows)) for rows in sheets
    ]
    return book(path, *parts)


def mirror(path: Path, records: Any) -> Path:
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def record(symbol: Any, english: Any, chinese: Any, **more: Any) -> dict[str, Any]:
    return {"symbol": symbol, "engName": english, "zhName": chinese, **more}


def listings(path: Path) -> list[tuple[tuple[str, ...], str, str]]:
    return [(item.codes, item.english, item.chinese) for item in read_hyperlinks(path, "2026-01-27").listings]


# -- the workbook -------------------------------------------------------------------------------------------


def test_columns_are_told_apart_by_what_they_hold_wherever_the_table_starts(tmp_path: Path) -> None:
    """Codes in the second column, the Chinese names before the website and the English after it, a
    listing whose Chinese the exchange gives in English, notes and blank rows about the table."""
    path = workbook(
        tmp_path / "Hyperlinks-to-Listed-Co.xlsx",
        [
            ["Hyperlinks to Listed Companies' Websites"],
            [],
            [None, "Updated: 27/01/2026"],
            [None, "Stock Code", "上市公司名稱", "Website 網址", "Name of Listed Company"],
            [None, 5, HSBC[1], "http://www.hsbc.com", HSBC[0]],
            [None, "00001", CKH[1], "http://www.ckh.com.hk", CKH[0]],
            [None, " ", " "],
            [None, 150, "Hypebeast Limited", "http://hypebeast.com", "Hypebeast Limited"],
            [None, 23.0, BEA[1], "http://www.hkbea.com", BEA[0]],
            [None, 2513, "智譜"],
            [None, True, "是", "", "Yes"],
            [None, "5A", "甲", "", "A"],
            [None, 700],
            [None, "Total: 6", "", "", "companies"],
        ],
    )
    assert listings(path) == [
        (("0001.HK",), *CKH),
        (("0005.HK",), *HSBC),
        (("0023.HK",), *BEA),
        (("0150.HK",), "Hypebeast Limited", "Hypebeast Limited"),
    ]
    assert read_hyperlinks(path, "2026-01-27").unnamed == ("2513.HK",)


def test_every_sheet_is_read_and_a_sheet_without_chinese_or_english_names_gives_no_listing(
    tmp_path: Path,
) -> None:
    path = workbook(
        tmp_path / "list.xlsx",
        [["Stock Code", "Name", "名稱"], [5, *HSBC]],
        [["GEM"], [8001, "東方匯財證券國際控股有限公司", "Orient Securities International"]],
        [["Codes and English alone"], [8002, "Only English Limited"], [8003, "Another Limited"]],
        [["Codes and Chinese alone"], [8004, "只有中文有限公司"]],
    )
    assert listings(path) == [
        (("0005.HK",), *HSBC),
        (("8001.HK",), "Orient Securities International", "東方匯財證券國際控股有限公司"),
    ]


def test_a_workbook_without_a_company_row_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", [["Stock Code", "Name"], ["Updated", "27/01/2026"]])
    with pytest.raises(GlossaryError) as caught:
        read_hyperlinks(path)
    assert str(caught.value) == (
        f"{path}: no rows of stock code, English and Chinese name; expected the exchange's "
        "Hyperlinks-to-Listed-Co.xlsx"
    )


@pytest.mark.parametrize(
    ("english", "chinese", "column", "shown"),
    [
        (
            '=HYPERLINK("http://x","HSBC")',
            HSBC[1],
            "English",
            "'=HYPERLINK(\"http://x\",\"HSBC\")' starts with '='",
        ),
        (HSBC[0], "  @SUM(A1)", "Chinese", "'@SUM(A1)' starts with '@'"),
    ],
)
def test_a_name_a_spreadsheet_would_run_is_refused_naming_the_code_and_column(
    tmp_path: Path, english: str, chinese: str, column: str, shown: str
) -> None:
    path = workbook(
        tmp_path / "list.xlsx", [[5, english, chinese], [700, "Tencent Holdings Limited", "騰訊控股有限公司"]]
    )
    with pytest.raises(GlossaryError) as caught:
        read_hyperlinks(path)
    assert str(caught.value) == (
        f"{path}: the {column} name of 0005.HK {shown}, which a spreadsheet runs as a formula (glossary.csv "
        "is opened in Excel); nothing imported: no listed company's name starts so"
    )


# -- listings -----------------------------------------------------------------------------------------------


def test_share_classes_and_counters_are_one_listing_and_listings_follow_their_first_code(
    tmp_path: Path,
) -> None:
    path = mirror(
        tmp_path / "hyperlinks.JSON",
        [
            record(87, "Swire Pacific Limited 'B'", "太古股份有限公司'B'"),
            record(23, *BEA),
            record(19, "Swire  Pacific Limited ‘A’ ", "太古股份有限公司’A’"),
            record(89988, "Alibaba Group Holding Limited", "阿里巴巴集團控股有限公司"),
            record(9988, "Alibaba Group Holding Limited", "阿里巴巴集團控股有限公司"),
            record(87001, "Hui Xian Real Estate Investment Trust", "匯賢產業信託"),
            record(5, *HSBC),
        ],
    )
    assert listings(path) == [
        (("0005.HK",), *HSBC),
        (("0019.HK", "0087.HK"), "Swire Pacific Limited", "太古股份有限公司"),
        (("0023.HK",), *BEA),
        (("9988.HK", "89988.HK"), "Alibaba Group Holding Limited", "阿里巴巴集團控股有限公司"),
        (("87001.HK",), "Hui Xian Real Estate Investment Trust", "匯賢產業信託"),
    ]


def test_a_code_listed_twice_keeps_its_first_names_and_a_code_without_both_names_is_named(
    tmp_path: Path,
) -> None:
    path = mirror(
        tmp_path / "hyperlinks.json",
        [
            record(5, *HSBC),
            record(5, "HSBC Again", "匯豐再次"),
            record(2513, "Knowledge Atlas Technology Joint Stock Company Limited", None),
            record(2514, None, "只有中文"),
            record(2515, "  ", "   "),
            record("NASDAQ:AAPL", "Apple Inc.", "蘋果公司"),
            record(1, *CKH),
        ],
    )
    found = read_hyperlinks(path, "2026-01-27")
    assert [(item.codes, item.english, item.chinese) for item in found.listings] == [
        (("0001.HK",), *CKH),
        (("0005.HK",), *HSBC),
        (("AAPL.US",), "Apple Inc.", "蘋果公司"),
    ]
    assert found.unnamed == ("2513.HK", "2514.HK", "2515.HK")
    assert found.all_codes == {"0001.HK", "0005.HK", "2513.HK", "2514.HK", "2515.HK", "AAPL.US"}
    assert (found.source, found.date, found.complete) == (SOURCE, "2026-01-27", False)


def test_the_lists_date_is_the_one_given_or_else_the_day_the_file_was_saved(tmp_path: Path) -> None:
    path = mirror(tmp_path / "hyperlinks.json", [record(5, *HSBC)])
    os.utime(path, (1_769_472_000, 1_769_472_000))  # 2026-01-27 00:00 UTC
    assert read_hyperlinks(path).date == "2026-01-27"
    assert read_hyperlinks(path, "2026-02-01").date == "2026-02-01"
    assert read_hyperlinks(path).listings == (Listing(("0005.HK",), *HSBC),)


# -- what the files may be ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ({"companies": []}, "expected a JSON list of companies with symbol, engName and zhName"),
        (
            [record(5, *HSBC), ["5", "HSBC"]],
            "item 2 lacks symbol, engName or zhName; is this the list's mirror?",
        ),
        (
            [{"symbol": 5, "engName": HSBC[0]}],
            "item 1 lacks symbol, engName or zhName; is this the list's mirror?",
        ),
        ([record(5, *HSBC), record("HSBC", *HSBC)], "item 2: 'HSBC' is not a stock code"),
        (
            [record(5, *HSBC, more={"a": {"b": [1]}})],
            "its JSON is nested more than 4 levels deep, the most allowed; pass the .xlsx the exchange "
            "publishes",
        ),
    ],
)
def test_a_mirror_of_another_shape_is_refused_in_one_line(tmp_path: Path, records: Any, message: str) -> None:
    path = mirror(tmp_path / "hyperlinks.json", records)
    with pytest.raises(GlossaryError) as caught:
        read_hyperlinks(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_mirror_record_may_carry_other_fields_nested_up_to_the_limit(tmp_path: Path) -> None:
    path = mirror(
        tmp_path / "hyperlinks.json", [record(5, *HSBC, url="https://www.hsbc.com", more={"a": [1]})]
    )
    assert listings(path) == [(("0005.HK",), *HSBC)]


def test_a_file_missing_or_far_larger_than_the_list_is_refused_before_it_is_read(tmp_path: Path) -> None:
    missing = tmp_path / "Hyperlinks-to-Listed-Co.xlsx"
    with pytest.raises(GlossaryError, match="no such file; pass the exchange's Hyperlinks-to-Listed-Co.xlsx"):
        read_hyperlinks(missing)
    path = tmp_path / "hyperlinks.json"
    with path.open("wb") as out:
        out.truncate(64 << 20)
    with pytest.raises(GlossaryError, match="is not valid JSON"):
        read_hyperlinks(path)
    with path.open("ab") as out:
        out.write(b" ")
    with pytest.raises(GlossaryError) as caught:
        read_hyperlinks(path)
    assert str(caught.value) == f"{path}: 67108865 bytes is far more than the exchange's list; check the file"
