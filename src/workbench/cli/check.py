"""``workbench check PATH...``: re-check English PO files as they are now, after review too.

Every entry's msgstr is checked against its msgid: facts and glossary hits are recomputed from the Chinese,
so a reviewer's edit is judged by the same rules as a machine draft. Nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.cli._common import EXIT_FINDINGS, EXIT_OK, guarded, print_json

if TYPE_CHECKING:
    import polib

    from workbench.facts.style import Style
    from workbench.glossary import Glossary
    from workbench.model import Finding


@dataclass(frozen=True)
class Row:
    file: str
    position: str  # p3.s2: where the sentence is in its article
    msgctxt: str  # "" for the first occurrence of a text in the article, "repeat 2" ... after
    line: int
    finding: Finding

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "position": self.position,
            "msgctxt": self.msgctxt,
            "line": self.line,
            "check": self.finding.check,
            "severity": self.finding.severity.value,
            "message": self.finding.message,
            "source_span": self.finding.source_span,
            "target_span": self.finding.target_span,
        }


def po_files(paths: Iterable[str]) -> list[Path]:
    """The PO files named, and those under the folders named, in a stable order."""
    from workbench.errors import InputError
    from workbench.owned import require_article_or_translations_folder

    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # A folder of PO files is read as it is; anything else is searched only as a translations folder.
            require_article_or_translations_folder(path, "*.po")
            under = sorted(
                p for p in path.rglob("*.po") if p.is_file() and not any(s.startswith(".") for s in p.parts)
            )
            if not under:
                raise InputError(f"{raw}: no .po files in this folder; give PO files or folders holding them")
            found += under
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{raw}: no such file or folder; give PO files or folders holding them")
    return list(dict.fromkeys(found))


def check_catalog(
    po: polib.POFile, shown: str, glossary: Glossary | None, style: Style | None = None
) -> tuple[list[Row], int]:
    """The findings of every live entry of one English catalog, and how many entries were checked."""
    from workbench.checks import check_entries
    from workbench.po import entry_label

    rows: list[Row] = []
    checked = 0
    for entry, findings in check_entries(po, glossary, style=style):
        checked += 1
        label, line = entry_label(entry), int(entry.linenum or 0)
        rows.extend(Row(shown, label, entry.msgctxt or "", line, f) for f in findings)
    return rows, checked


def print_table(rows: list[Row]) -> None:
    headers = ("file", "position", "severity", "check", "message")
    cells = [(r.file, r.position, r.finding.severity.value, r.finding.check, r.finding.message) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers[:-1])]
    for line in (headers, *cells):
        typer.echo("  ".join([*(v.ljust(w) for v, w in zip(line[:-1], widths, strict=True)), line[-1]]))


@guarded
def check_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="PO files, or folders searched for *.po (only English catalogs are checked)."),
    ],
    glossary_path: Annotated[
        str | None,
        typer.Option("--glossary", "-g", help="Glossary CSV [default: ./glossary.csv when present]."),
    ] = None,
    style_path: Annotated[
        Path | None,
        typer.Option(
            "--style", help="House-style file [default: house-style.toml beside the glossary when present]."
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array of findings for machines.")
    ] = False,
) -> None:
    """Check the English drafts in PO files against the facts and glossary names of their Chinese.

    Reports wrong or missing amounts, tickers and company names, invented companies, Chinese left in the
    English, empty drafts (errors), and repetition, copied source and odd lengths (warnings).
    Exit status: 0 no errors, 1 errors found, 2 bad input.
    """
    from workbench.errors import InputError
    from workbench.facts.style import style_for
    from workbench.glossary import load_glossary
    from workbench.po import is_english, load_po

    files = po_files(paths)
    glossary = None
    if glossary_path is not None:
        glossary = load_glossary(glossary_path)
    elif Path("glossary.csv").is_file():
        glossary = load_glossary("glossary.csv")
    else:
        typer.echo("workbench: no ./glossary.csv; name checks are skipped (give --glossary PATH)", err=True)
    style = style_for(style_path, glossary.source if glossary is not None else None)

    rows: list[Row] = []
    checked = catalogs = 0
    for path in files:
        po = load_po(path)
        if not is_english(po, path):
            continue
        catalogs += 1
        found, count = check_catalog(po, str(path), glossary, style)
        rows += found
        checked += count
    if catalogs == 0:
        raise InputError(
            f"no English PO files among {', '.join(paths)} (Language: en); give en.po files or their folders"
        )

    errors = sum(r.finding.severity.value == "error" for r in rows)
    if as_json:
        print_json([r.as_json() for r in rows])
    else:
        if rows:
            print_table(rows)
        warnings = len(rows) - errors
        entries = len({(r.file, r.line) for r in rows})
        typer.echo(
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} in {entries} "
            f"of {checked} entr{'ies' if checked != 1 else 'y'} ({catalogs} English "
            f"catalog{'s' * (catalogs != 1)})",
            err=True,
        )
    raise typer.Exit(EXIT_FINDINGS if errors else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)
