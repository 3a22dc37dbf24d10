"""``workbench glossary import-hkex`` and ``import``: every listed company into the glossary, kept current."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli._common import guarded, print_json, report_line
from workbench.cli._glossary_options import GlossaryPath, JsonFlag

if TYPE_CHECKING:
    from workbench.glossary.merge import MergeReport


def _report_import(merged: MergeReport, as_json: bool) -> None:
    if as_json:
        print_json(merged.as_dict())
        return
    for old, new in merged.updated:
        report_line(
            f"updated row {old.row} ({', '.join(new.tickers)}): {old.english} / {old.traditional} → "
            f"{new.english} / {new.traditional}"
        )
    for conflict in merged.conflicts:
        report_line(f"conflict: {conflict.message}")
    for entry in merged.delisted:
        report_line(
            f"delisted: row {entry.row} {entry.traditional} ({entry.english}, {', '.join(entry.tickers)}) "
            "is not in the list; kept, delete the row when it should go"
        )
    if merged.unnamed:
        shown = ", ".join(merged.unnamed[:5]) + (
            f" and {len(merged.unnamed) - 5} more" if len(merged.unnamed) > 5 else ""
        )
        report_line(
            f"not imported: {shown} lack an English or a Chinese name; import the Chinese workbook of the "
            "same day (or the hyperlinks list, glossary import) and import again"
        )
    short_named = f"{len(merged.short_named)} given the exchange's short name, " if merged.short_named else ""
    report_line(
        f"{merged.path}: {merged.read} companies read from {merged.source} ({merged.date}): "
        f"{len(merged.added)} added, {len(merged.updated)} updated, {short_named}"
        f"{merged.kept} kept as the desk wrote them, {len(merged.conflicts)} conflicts, "
        f"{len(merged.delisted)} delisted" + ("" if merged.written else "; nothing to write")
    )


@guarded
def import_hkex_command(
    english: Annotated[Path, typer.Argument(help="The exchange's English list (ListOfSecurities.xlsx).")],
    chinese: Annotated[
        Path | None,
        typer.Argument(
            help="The Chinese list of the same securities (.xlsx) [default: Chinese names from the glossary]."
        ),
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option("--category", help="A Category of the list to import (repeat) [default: Equity]."),
    ] = None,
    glossary: GlossaryPath = Path("glossary.csv"),
    as_json: JsonFlag = False,
) -> None:
    """Import every listed company from the exchange's list of securities: reader names (SENSETIME-W →
    SenseTime), Simplified by OpenCC, tickers as 0700.HK. Re-importing a newer list adds new listings,
    updates rows nobody edited, never overwrites an edited row, and reports conflicts and delisted codes.
    With the English workbook alone, a code the glossary already has keeps its row's Chinese name, and a
    new code without one is listed as not imported, for the editor."""
    from workbench.glossary.hkex import DEFAULT_CATEGORIES, read_hkex
    from workbench.glossary.merge import merge_list

    names = None if chinese is not None else _chinese_names(glossary)
    companies = read_hkex(english, chinese, tuple(category or DEFAULT_CATEGORIES), chinese_names=names)
    _report_import(merge_list(glossary, companies), as_json)


def _chinese_names(glossary: Path) -> dict[str, str]:
    """Each code's Chinese name as the glossary's row has it (none when there is no glossary yet)."""
    from workbench.glossary import load_glossary

    if not glossary.exists():
        return {}
    return {
        ticker: entry.traditional
        for entry in load_glossary(glossary).entries
        for ticker in entry.tickers
        if entry.traditional
    }


@guarded
def import_command(
    list_file: Annotated[
        Path,
        typer.Argument(
            help="The exchange's Hyperlinks-to-Listed-Co.xlsx (or its JSON mirror), or a vendor's CSV."
        ),
    ],
    code_column: Annotated[str, typer.Option(help="A CSV's column holding the stock code.")] = "code",
    english_column: Annotated[str, typer.Option(help="A CSV's column holding the English name.")] = "english",
    chinese_column: Annotated[
        str, typer.Option(help="A CSV's column holding the Traditional Chinese name.")
    ] = "chinese",
    source: Annotated[
        str | None, typer.Option(help="A CSV list's name in the rows' notes [default: the file's name].")
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="The list's date, YYYY-MM-DD [default: the file's modification date].")
    ] = None,
    glossary: GlossaryPath = Path("glossary.csv"),
    as_json: JsonFlag = False,
) -> None:
    """Import a list of companies with the same rules as import-hkex: the exchange's "Hyperlinks to Listed
    Companies" workbook as it is downloaded (every listed company with its English and Chinese legal
    names), its JSON mirror, or a vendor's CSV (code, English and Chinese name columns). Codes missing from
    such a list are reported only for rows that list imported."""
    from workbench.errors import InputError
    from workbench.glossary.merge import merge_list

    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise InputError(f"--date {date!r}: write the list's date as YYYY-MM-DD")
    if list_file.suffix.lower() in (".xlsx", ".json"):
        from workbench.glossary.hyperlinks import read_hyperlinks

        companies = read_hyperlinks(list_file, date)
    else:
        from workbench.glossary.vendor import read_vendor_csv

        companies = read_vendor_csv(
            list_file,
            code_column=code_column,
            english_column=english_column,
            chinese_column=chinese_column,
            source=source,
            date=date,
        )
    _report_import(merge_list(glossary, companies), as_json)


def register(app: typer.Typer) -> None:
    app.command("import-hkex")(import_hkex_command)
    app.command("import")(import_command)
