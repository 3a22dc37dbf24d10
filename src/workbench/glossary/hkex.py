"""The exchange's own list of securities: an English and a Chinese workbook, keyed by stock code.

HKEX publishes ``ListOfSecurities.xlsx`` and its Chinese twin (``ListOfSecurities_c.xlsx``) in one layout:
a title row, an ``Updated as at DD/MM/YYYY`` row, then a header row (``Stock Code``, ``Name of
Securities``, ``Category``, ``Sub-Category``, ``Board Lot`` …; in Chinese ``股份代號``, ``股份名稱``,
``分類`` …) and one row per security. Columns are found by header name, never by position, so a column
added or moved next year changes nothing; a workbook without the headers is refused with the header it
lacks. Only the English workbook's Category is read: the Chinese one is matched to it by code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from workbench.errors import GlossaryError
from workbench.glossary.formulas import formula_like, why
from workbench.glossary.listing_names import strip_marker
from workbench.glossary.merge import CompanyList, Listing, file_date, normalise_code

SOURCE = "HKEX list of securities"
EN_CODE, EN_NAME, EN_CATEGORY = "Stock Code", "Name of Securities", "Category"
ZH_CODE, ZH_NAME = "股份代號", "股份名稱"
DEFAULT_CATEGORIES = ("Equity",)
_HEADER_ROWS = 10  # the header row is the third; a few more allow for a notice row above it
_UPDATED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def read_hkex(
    english: Path,
    chinese: Path | None,
    categories: Sequence[str] = DEFAULT_CATEGORIES,
    chinese_names: Mapping[str, str] | None = None,
) -> CompanyList:
    """The companies of the workbooks in ``categories`` (Equity unless told), one listing per company.

    A company with a second counter (TENCENT and TENCENT-R, 騰訊控股 and 騰訊控股－Ｒ) becomes one listing
    with both codes, since both name the same company in a story. Without the Chinese workbook, the
    Chinese names come from ``chinese_names`` (by code: another list, or the glossary's own rows); a code
    with none is left out and listed as unnamed, for the editor.
    """
    en_rows, date = _rows(english, (EN_CODE, EN_NAME, EN_CATEGORY))
    zh_names: dict[str, str] = dict(chinese_names or {})
    if chinese is not None:
        zh_rows, _ = _rows(chinese, (ZH_CODE, ZH_NAME))
        zh_names.update((code, name) for code, name, _ in zh_rows)
    wanted = {c.casefold() for c in categories}
    present = sorted({category for _, _, category in en_rows if category})
    if not any(c.casefold() in wanted for c in present):
        raise GlossaryError(
            f"{english}: no securities in category {', '.join(categories)}; "
            f"its categories are: {', '.join(present)}"
        )
    by_name: dict[tuple[str, str], list[str]] = {}
    unnamed: list[str] = []
    for code, name, category in en_rows:
        if category.casefold() not in wanted:
            continue
        zh = zh_names.get(code)
        if not zh or not name:
            unnamed.append(code)  # an older Chinese workbook than the English one, most likely
            continue
        by_name.setdefault((name, zh), []).append(code)
    grouped: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    for (name, zh), codes in by_name.items():
        key = (strip_marker(name), strip_marker(zh))
        if key in grouped:
            grouped[key][2].extend(codes)
        else:
            grouped[key] = (name, zh, list(codes))
    listings = tuple(
        Listing(tuple(sorted(codes, key=_code_order)), name, zh) for name, zh, codes in grouped.values()
    )
    return CompanyList(
        source=SOURCE,
        date=date or file_date(english),
        listings=tuple(sorted(listings, key=lambda item: _code_order(item.codes[0]))),
        all_codes=frozenset(code for code, _, _ in en_rows),
        complete=True,
        unnamed=tuple(unnamed),
        short_names=True,
    )


def _code_order(code: str) -> int:
    return int(code.split(".")[0])


def _rows(path: Path, headers: tuple[str, ...]) -> tuple[list[tuple[str, str, str]], str]:
    """(code, name, category) of every row with a stock code, and the list's date (ISO) when it says."""
    rows = _open(path)
    date = ""
    for index, row in enumerate(rows, start=1):
        cells = [("" if v is None else str(v)).strip() for v in row]
        if headers[0] not in cells:
            found = _UPDATED.search(" ".join(cells))
            if found and not date:
                day, month, year = found.groups()
                date = f"{year}-{int(month):02d}-{int(day):02d}"
            if index >= _HEADER_ROWS:
                break
            continue
        missing = [h for h in headers if h not in cells]
        if missing:
            raise GlossaryError(
                f"{path}: row {index} has no {missing[0]!r} column; expected the exchange's list of "
                f"securities with the headers {', '.join(headers)}"
            )
        at = [cells.index(h) for h in headers]
        return list(_records(rows, at, _Cells(path, index, at, headers))), date
    raise GlossaryError(
        f"{path}: no {headers[0]!r} header in its first {_HEADER_ROWS} rows; expected the exchange's "
        f"list of securities (headers {', '.join(headers)}), the English workbook first, then the Chinese"
    )


def _records(rows: Iterator[tuple[Any, ...]], at: list[int], cells: _Cells) -> Iterator[tuple[str, str, str]]:
    for row in rows:
        values = [row[i] if i < len(row) else None for i in at]
        cells.row += 1
        if values[0] is None:
            continue  # blank rows and the notes under the table
        code = normalise_code(values[0])
        if code is None:
            continue
        cells.refuse_formulas(values)
        name = "" if values[1] is None else " ".join(str(values[1]).split())
        category = "" if len(values) < 3 or values[2] is None else str(values[2]).strip()
        yield code, name, category


class _Cells:
    """Where the rows being read are, to name a cell: a name the exchange would never write (one a
    spreadsheet runs as a formula) is refused, not imported."""

    def __init__(self, path: Path, header_row: int, at: list[int], headers: tuple[str, ...]) -> None:
        self.path, self.row, self.at, self.headers = path, header_row, at, headers

    def refuse_formulas(self, values: list[Any]) -> None:
        for column, header, value in zip(self.at[1:], self.headers[1:], values[1:], strict=True):
            if isinstance(value, str) and formula_like(value.strip()):
                from workbench.glossary.xlsx import column_name

                raise GlossaryError(
                    f"{self.path}: cell {column_name(column + 1)}{self.row} ({header}) {why(value.strip())}; "
                    "nothing imported: no listed name starts so, so check where the workbook came from"
                )


def _open(path: Path) -> Iterator[tuple[Any, ...]]:
    from workbench.glossary.xlsx import sheet_rows

    if not path.is_file():
        raise GlossaryError(f"{path}: no such workbook; pass the .xlsx files the exchange publishes")
    return sheet_rows(path)
