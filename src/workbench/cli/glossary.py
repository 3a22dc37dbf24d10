"""``workbench glossary``: check, add, find, suggest and export the company-name glossary."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Protocol, runtime_checkable

import typer

from workbench.cli import glossary_import
from workbench.cli._common import EXIT_FINDINGS, guarded, print_json, report_line
from workbench.cli._glossary_options import GlossaryPath, JsonFlag

if TYPE_CHECKING:
    from workbench.glossary.suggest import Translate

glossary_app = typer.Typer(
    name="glossary",
    help="Keep the company-name glossary (glossary.csv) correct: import, check, add, find, suggest, export.",
    no_args_is_help=True,
)
glossary_import.register(glossary_app)


def _table(rows: list[list[str]], header: list[str]) -> None:
    """Print aligned columns; width counts a Chinese character as two cells, as terminals show it."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    table = [header, *rows]
    widths = [max(width(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        cells = [cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)]
        typer.echo("  ".join(cells).rstrip())


@glossary_app.command("check")
@guarded
def check_command(glossary: GlossaryPath = Path("glossary.csv"), as_json: JsonFlag = False) -> None:
    """Report duplicate names, shared or malformed tickers, missing English names, values a spreadsheet
    would run as formulas, Simplified names that differ from OpenCC, ambiguous aliases, and (for
    information) names that start another company's name. Exits 1 when there is an error (warnings alone
    pass)."""
    from workbench.glossary import check_glossary, load_glossary
    from workbench.glossary.check import finding_dict
    from workbench.model import Severity

    g = load_glossary(glossary)
    problems = check_glossary(g)
    errors = sum(p.severity == Severity.ERROR for p in problems)
    warnings = sum(p.severity == Severity.WARNING for p in problems)
    if as_json:
        print_json(
            {
                "glossary": str(glossary),
                "entries": len(g),
                "errors": errors,
                "warnings": warnings,
                "information": len(problems) - errors - warnings,
                "problems": [finding_dict(p) for p in problems],
            }
        )
    else:
        if problems:
            _table(
                [[str(p.row or ""), p.severity.value, p.check, p.message] for p in problems],
                ["row", "severity", "check", "message"],
            )
        information = len(problems) - errors - warnings
        report_line(
            f"{glossary}: {len(g)} entries, {errors} errors, {warnings} warnings"
            + (f", {information} for information" if information else "")
        )
    if errors:
        raise typer.Exit(EXIT_FINDINGS)


@glossary_app.command("add")
@guarded
def add_command(
    traditional: Annotated[
        str, typer.Argument(help="The name in Traditional Chinese, as articles write it.")
    ],
    english: Annotated[str, typer.Option("--english", "-e", help="The English name the press uses.")],
    simplified: Annotated[
        str | None, typer.Option(help="The official Simplified name [default: OpenCC hk2s conversion].")
    ] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", "-a", help="A short form or accepted English variant (repeat)."),
    ] = None,
    ticker: Annotated[
        list[str] | None, typer.Option("--ticker", "-t", help="A listing, e.g. 0020.HK (repeat).")
    ] = None,
    type_: Annotated[
        str, typer.Option("--type", help="company, person, organisation, exchange or term.")
    ] = "company",
    forbidden: Annotated[
        list[str] | None,
        typer.Option("--forbidden", help="An English rendering drafts must not use (repeat)."),
    ] = None,
    notes: Annotated[str, typer.Option(help="A note for translators.")] = "",
    glossary: GlossaryPath = Path("glossary.csv"),
) -> None:
    """Append one entry; the rest of the file stays byte-for-byte as it was. Refuses a name or ticker the
    glossary already has."""
    from workbench.glossary import add_entry, new_entry

    entry = new_entry(
        traditional,
        english,
        simplified=simplified,
        aliases=alias or (),
        tickers=ticker or (),
        type=type_,
        forbidden=forbidden or (),
        notes=notes,
    )
    added = add_entry(glossary, entry)
    tickers = f" ({', '.join(added.tickers)})" if added.tickers else ""
    names = f"{added.traditional} / {added.simplified}"
    report_line(f"{glossary}: added row {added.row}: {names} → {added.english}{tickers}")


@glossary_app.command("find")
@guarded
def find_command(
    text: Annotated[
        str, typer.Argument(help="A name, alias or ticker in any script: sensetime, 商汤, 20.HK.")
    ],
    limit: Annotated[int, typer.Option(help="Most entries to show.")] = 10,
    glossary: GlossaryPath = Path("glossary.csv"),
    as_json: JsonFlag = False,
) -> None:
    """Fuzzy search across all names, aliases and tickers. Exits 1 when nothing looks alike."""
    from workbench.glossary import find, load_glossary

    found = find(load_glossary(glossary), text, limit=limit)
    if as_json:
        print_json(
            [
                {
                    "score": round(f.score, 1),
                    "matched": f.matched,
                    "row": f.entry.row,
                    "traditional": f.entry.traditional,
                    "simplified": f.entry.simplified,
                    "english": f.entry.english,
                    "tickers": list(f.entry.tickers),
                    "type": f.entry.type,
                }
                for f in found
            ]
        )
    elif found:
        _table(
            [
                [
                    f"{f.score:.0f}",
                    str(f.entry.row),
                    f.entry.traditional,
                    f.entry.english,
                    ";".join(f.entry.tickers),
                    f.matched,
                ]
                for f in found
            ],
            ["score", "row", "traditional", "english", "tickers", "matched"],
        )
    else:
        typer.echo(f"nothing in {glossary} looks like {text!r}", err=True)
    if not found:
        raise typer.Exit(EXIT_FINDINGS)


@runtime_checkable
class _EngineLike(Protocol):
    @property
    def wants_simplified(self) -> bool: ...

    def translate(self, texts: Sequence[str]) -> Sequence[Any]: ...


def _model_translator(model: str | None) -> Translate:
    """A translate function that loads the engine on first use, so no model is loaded when nothing needs
    an English name; without a usable model it says so once and proposes no English."""
    state: dict[str, object] = {}

    def translate(names: list[str]) -> list[str]:
        from workbench.errors import ModelError

        if "engine" not in state:
            try:
                from workbench.mt import load_engine

                state["engine"] = load_engine(model)
            except ModelError as err:
                typer.echo(f"workbench: no English proposals: {err}", err=True)
                state["engine"] = None
        engine = state["engine"]
        if engine is None:
            return ["" for _ in names]
        assert isinstance(engine, _EngineLike)
        texts = names
        if engine.wants_simplified:
            from workbench.simplified import to_simplified

            texts = [to_simplified(n) for n in names]
        return [t.text for t in engine.translate(texts)]

    return translate


@glossary_app.command("suggest")
@guarded
def suggest_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Pages of articles, reviewed PO files, or folders of them (e.g. translations/)."),
    ],
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            help="A model for English proposals, as for translate [default: the installed one].",
        ),
    ] = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="Propose no English from a model.")] = False,
    reviewed: Annotated[
        Path,
        typer.Option(
            "--reviewed",
            help="Folder of PO files whose reviewed entries are read too (skipped when missing).",
        ),
    ] = Path("translations"),
    no_reviewed: Annotated[
        bool, typer.Option("--no-reviewed", help="Do not read reviewed PO files.")
    ] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print glossary rows (no header) ready to append after review.")
    ] = False,
    glossary: GlossaryPath = Path("glossary.csv"),
    as_json: JsonFlag = False,
) -> None:
    """Names the glossary lacks: names before a ticker in brackets, names ending in company suffixes and
    their later short forms, and names reviewers translate consistently in reviewed PO entries."""
    from workbench.glossary import format_rows, load_glossary, suggest_from_paths

    translate = None if no_model else _model_translator(model)
    sources = list(paths)
    if not no_reviewed and reviewed.is_dir() and reviewed not in sources:
        sources.append(reviewed)
    suggestions = suggest_from_paths(load_glossary(glossary), sources, translate=translate)
    if as_csv:
        rows = [s.as_entry() for s in suggestions if s.alias_of is None]
        sys.stdout.write(format_rows(rows))
        for s in suggestions:
            if s.alias_of is not None:
                typer.echo(
                    f"workbench: {s.traditional} ({', '.join(s.tickers)}) is another name of row "
                    f"{s.alias_of.row} ({s.alias_of.traditional}); add it there as an alias",
                    err=True,
                )
        return
    if as_json:
        print_json([s.as_dict() for s in suggestions])
        return
    if not suggestions:
        report_line(f"no names missing from {glossary}")
        return
    table: list[list[str]] = []
    for s in suggestions:
        english = f"{s.english} ({s.english_from})" if s.english else ""
        forms = ", ".join(f"{form}×{n}" for form, n in s.short_forms)
        note = f"alias of row {s.alias_of.row}" if s.alias_of is not None else s.reason
        table.append([s.traditional, str(s.count), ";".join(s.tickers), s.simplified, english, forms, note])
    _table(table, ["name", "count", "tickers", "simplified", "english", "short forms", "found by"])


@glossary_app.command("export")
@guarded
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="tbx, tbx-2008, omegat, weblate or deepl.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write [default: standard output].")
    ] = None,
    glossary: GlossaryPath = Path("glossary.csv"),
) -> None:
    """Write the glossary for translators' tools: TBX-Basic, OmegaT, a Weblate glossary CSV or DeepL."""
    from workbench.glossary import export_glossary, load_glossary
    from workbench.textio import write_text_atomic

    text = export_glossary(load_glossary(glossary), fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(output, text)
        report_line(f"wrote {output}")


def register(app: typer.Typer) -> None:
    app.add_typer(glossary_app, name="glossary")


__all__ = ["glossary_app", "register"]
