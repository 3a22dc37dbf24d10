"""Any vendor's list of companies as a CSV file: a code, an English and a Chinese name per row.

Data vendors and a desk's own spreadsheets name their columns differently, so the caller says which
column holds what; everything else (reader names, Simplified, tickers, merging) is as for the exchange's
list. The file may be UTF-8 (with or without BOM), UTF-16, Big5 or GB18030, as Excel saves it in Hong Kong.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workbench.errors import GlossaryError
from workbench.glossary.formulas import formula_like, why
from workbench.glossary.listing_names import strip_marker
from workbench.glossary.merge import CompanyList, Listing, file_date, normalise_code


def read_vendor_csv(
    path: Path,
    *,
    code_column: str = "code",
    english_column: str = "english",
    chinese_column: str = "chinese",
    source: str | None = None,
    date: str | None = None,
) -> CompanyList:
    """The companies of a vendor CSV; ``source`` defaults to the file's name, ``date`` to its
    modification date. A row without a code or a name is skipped; a code that is no ticker stops the
    import with its row number."""
    from workbench.textio import decode

    if not path.is_file():
        raise GlossaryError(f"{path}: no such file; pass the vendor's CSV list")
    text, _ = decode(path.read_bytes(), str(path))
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [name.strip() for name in next(reader, [])]
    wanted = {
        "--code-column": code_column,
        "--english-column": english_column,
        "--chinese-column": chinese_column,
    }
    for flag, column in wanted.items():
        if column not in header:
            raise GlossaryError(
                f"{path}: no column {column!r}; its columns are: {', '.join(header)}; name the right one "
                f"with {flag}"
            )
    at = [header.index(column) for column in wanted.values()]
    # One company listed in several markets (奇富科技: 3660.HK and QFIN.US) is one row with every code.
    by_name: dict[str, tuple[str, str, list[str]]] = {}
    seen: set[str] = set()
    for row_number, row in enumerate(reader, start=2):
        cells = [row[i].strip() if i < len(row) else "" for i in at]
        if not all(cells):
            continue
        code = normalise_code(cells[0])
        if code is None:
            raise GlossaryError(
                f"{path}: row {row_number}: {cells[0]!r} is not a stock code; write HK codes as 700, "
                "00700 or 0700.HK, other markets as QFIN.US or 601995.SH"
            )
        for column, value in zip((english_column, chinese_column), cells[1:], strict=True):
            if formula_like(value):
                raise GlossaryError(
                    f"{path}: row {row_number}, column {column!r}: {why(value)}; nothing imported: no "
                    "company's name starts so"
                )
        if code in seen:
            continue
        seen.add(code)
        english, chinese = " ".join(cells[1].split()), cells[2]
        by_name.setdefault(strip_marker(chinese), (english, chinese, []))[2].append(code)
    listings = [Listing(tuple(codes), english, chinese) for english, chinese, codes in by_name.values()]
    return CompanyList(
        source=source or path.name,
        date=date or file_date(path),
        listings=tuple(listings),
        all_codes=frozenset(seen),
        complete=False,
    )
