"""HKEXnews' "Hyperlinks to Listed Companies": every listed company's code and full legal names.

The exchange publishes it as a workbook (``Hyperlinks-to-Listed-Co.xlsx``, linked from HKEXnews under
"Other Useful Information"): a sheet per board (``Main Board (主板)``, ``GEM``), a dozen rows of title and
notes, then one row per company: the stock code as a number, the English name, the Chinese name and the
company's website. Public mirrors republish it as JSON (``[{"symbol": 1, "engName": ..., "zhName": ...,
"url": ...}]``). Both are read here.

The workbook's notes and headings above the table are not a fixed layout, so its columns are found by what
they hold rather than by their headings: the column of stock codes, the column of Latin names, the column of
Chinese names (the one where most names are Chinese: the exchange repeats the English there for a few dozen
companies). A share class listed twice (太古股份有限公司'A' and 'B') is one company with both codes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from workbench.errors import GlossaryError
from workbench.glossary.formulas import formula_like, why
from workbench.glossary.merge import CompanyList, Listing, file_date, normalise_code

SOURCE = "HKEX hyperlinks to listed companies"
MAX_BYTES = 64 * 1024 * 1024  # the published workbook is under 1 MB; anything this big is not it
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_URL = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
_SHARE_CLASS = re.compile(r"\s*['‘’][AB]['‘’]\s*$")
_SAMPLE = 200  # data rows looked at to tell the columns apart


def read_hyperlinks(path: Path, date: str | None = None) -> CompanyList:
    """The companies of the exchange's hyperlinks list, as the workbook (.xlsx) or its JSON mirror."""
    if not path.is_file():
        raise GlossaryError(f"{path}: no such file; pass the exchange's Hyperlinks-to-Listed-Co.xlsx")
    if path.stat().st_size > MAX_BYTES:
        raise GlossaryError(
            f"{path}: {path.stat().st_size} bytes is far more than the exchange's list; check the file"
        )
    rows = _json_rows(path) if path.suffix.lower() == ".json" else _workbook_rows(path)
    for code, *names in rows:
        for column, name in zip(("English", "Chinese"), names, strict=True):
            if formula_like(name.strip()):
                raise GlossaryError(
                    f"{path}: the {column} name of {code} {why(name.strip())}; nothing imported: no "
                    "listed company's name starts so"
                )
    return companies(rows, date or file_date(path))


def companies(rows: Iterable[tuple[str, str, str]], date: str) -> CompanyList:
    """A ``CompanyList`` from (code, English, Chinese) rows; share classes of one company joined."""
    by_company: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    seen: set[str] = set()
    unnamed: list[str] = []
    for code, english, chinese in rows:
        if code in seen:
            continue
        seen.add(code)
        english, chinese = " ".join(english.split()), " ".join(chinese.split())
        if not english or not chinese:
            unnamed.append(code)
            continue
        key = (_SHARE_CLASS.sub("", english), _SHARE_CLASS.sub("", chinese))
        by_company.setdefault(key, (key[0], key[1], []))[2].append(code)
    listings = tuple(
        Listing(tuple(sorted(codes, key=_order)), english, chinese)
        for english, chinese, codes in by_company.values()
    )
    return CompanyList(
        source=SOURCE,
        date=date,
        listings=tuple(sorted(listings, key=lambda item: _order(item.codes[0]))),
        all_codes=frozenset(seen),
        complete=False,  # companies only: REITs, funds and warrants are not on it
        unnamed=tuple(unnamed),
    )


def _order(code: str) -> float:
    """A code's place: by its number (0005.HK, 600519.SH), a letter ticker (AAPL.US) after every number."""
    number = code.split(".")[0]
    return int(number) if number.isdigit() else math.inf


def _json_rows(path: Path) -> list[tuple[str, str, str]]:
    from workbench.errors import InputError
    from workbench.jsonfile import read_json

    try:
        # A list of flat records: anything nested deeper is not the mirror (and must not crash the read).
        data = read_json(path, max_bytes=MAX_BYTES, max_depth=4)
    except InputError as err:
        raise GlossaryError(f"{err}; pass the .xlsx the exchange publishes") from None
    if not isinstance(data, list):
        raise GlossaryError(f"{path}: expected a JSON list of companies with symbol, engName and zhName")
    rows: list[tuple[str, str, str]] = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not {"symbol", "engName", "zhName"} <= item.keys():
            raise GlossaryError(
                f"{path}: item {index} lacks symbol, engName or zhName; is this the list's mirror?"
            )
        code = normalise_code(item["symbol"])
        if code is None:
            raise GlossaryError(f"{path}: item {index}: {item['symbol']!r} is not a stock code")
        rows.append((code, str(item["engName"] or ""), str(item["zhName"] or "")))
    return rows


def _workbook_rows(path: Path) -> list[tuple[str, str, str]]:
    from workbench.glossary.xlsx import all_sheet_rows

    rows: list[tuple[str, str, str]] = []
    for sheet in all_sheet_rows(path):
        rows += _sheet_rows(sheet)
    if not rows:
        raise GlossaryError(
            f"{path}: no rows of stock code, English and Chinese name; expected the exchange's "
            "Hyperlinks-to-Listed-Co.xlsx"
        )
    return rows


def _sheet_rows(values: Iterator[tuple[Any, ...]]) -> list[tuple[str, str, str]]:
    """(code, English, Chinese) of a sheet's company rows, its columns told apart by their content."""
    data: list[tuple[str, list[str]]] = []
    for row in values:
        cells = ["" if v is None else str(v).strip() for v in row]
        first = next((i for i, cell in enumerate(cells) if cell), None)
        if first is None:
            continue
        code = _code(row[first])
        # Cells are kept where the sheet has them: those before the code are empty and the code has no
        # letters, so only the names count below.
        if code is not None and any(_LATIN.search(c) or _CJK.search(c) for c in cells):
            data.append((code, cells))
    if not data:
        return []
    width = max(len(cells) for _, cells in data)
    chinese: Counter[int] = Counter()  # column → names in it with Chinese
    latin: Counter[int] = Counter()  # column → names in it in Latin letters alone
    for _, cells in data[:_SAMPLE]:  # pragma: no mutate: a sample's size; a row more or less decides alike
        for i, cell in enumerate(cells):
            if _URL.match(cell):
                continue
            if _CJK.search(cell):
                chinese.update((i,))
            elif _LATIN.search(cell):
                latin.update((i,))
    zh = max(range(width), key=lambda i: chinese[i])
    # Every row kept has its code and a name, so there is a column besides the Chinese one.
    en = max((i for i in range(width) if i != zh), key=lambda i: latin[i])
    if not chinese[zh] or not latin[en]:
        return []

    def pick(cells: list[str], at: int) -> str:
        return cells[at] if at < len(cells) else ""

    return [(code, pick(cells, en), pick(cells, zh)) for code, cells in data]


def _code(value: object) -> str | None:
    """A stock code cell: a number, or text of digits alone ("00005"); never "Stock Code" or a note."""
    if isinstance(value, str) and not re.fullmatch(r"\d{1,5}", value.strip()):
        return None
    return normalise_code(value)
