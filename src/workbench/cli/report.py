"""``workbench report``: the static review site, and its refresh after ``translate`` and ``build``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli._common import EXIT_BAD_INPUT, guarded, print_json

if TYPE_CHECKING:
    from workbench.glossary import Glossary
    from workbench.report import SiteResult


@guarded
def report(
    path: Annotated[
        Path, typer.Argument(help="The translations folder (or one article folder) to report on.")
    ] = Path("translations"),
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder for the site [default: PATH/report].")
    ] = None,
    glossary: Annotated[
        Path | None,
        typer.Option("--glossary", "-g", help="Glossary CSV [default: ./glossary.csv when present]."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Write a static review site: every article's review state, QA findings and drafts side by side.

    Open OUT/index.html in a browser (from disk or any web server; nothing is fetched from the network).
    A report at the default place is rebuilt by every later `translate` and `build`.
    """
    from workbench.report import State, write_report

    result = write_report(path, out, load_default_glossary(glossary))
    if as_json:
        print_json(
            {
                "index": str(result.out / "index.html"),
                "written": result.written,
                "articles": [
                    {
                        "id": a.id,
                        "page": str(result.out / a.page),
                        "sentences": a.sentences,
                        **{state.value: a.count(state) for state in State},
                        "simplified_reviewed": a.simplified_reviewed,
                        "qa_errors": a.errors,
                        "qa_warnings": a.warnings,
                        "status": a.status.value,
                        "signoff": a.signoff or None,
                        "problem": a.problem or None,
                    }
                    for a in result.articles
                ],
            }
        )
    else:
        typer.echo(_summary(result), err=True)
        typer.echo(f"open {(result.out / 'index.html').resolve().as_uri()}", err=True)
    for problem in result.problems:
        typer.echo(f"workbench: {problem}", err=True)
    if result.problems:
        raise typer.Exit(EXIT_BAD_INPUT)


def refresh_report(tree: Path, glossary: Path | None = None) -> None:
    """Rebuild the report under ``tree`` when one was made there, so it never shows a stale state."""
    from workbench.report import rebuild_if_present

    if not (tree / "report").is_dir():
        # Without a report there is nothing to refresh: skip loading the glossary and jinja2.
        return
    result = rebuild_if_present(tree, load_default_glossary(glossary))
    if result is not None:
        typer.echo(f"{_summary(result)} (review page rebuilt)", err=True)


def _summary(result: SiteResult) -> str:
    from workbench.report import State

    sentences = sum(a.sentences for a in result.articles)
    reviewed = sum(a.count(State.REVIEWED) for a in result.articles)
    return (
        f"{result.out / 'index.html'}: {len(result.articles)} articles, {reviewed} of {sentences} sentences "
        "reviewed"
    )


def load_default_glossary(path: Path | None) -> Glossary | None:
    """The glossary given, else ./glossary.csv when present: what ``workbench check`` checks against."""
    from workbench.glossary import load_glossary

    if path is not None:
        return load_glossary(path)
    return load_glossary("glossary.csv") if Path("glossary.csv").is_file() else None


def register(app: typer.Typer) -> None:
    app.command()(report)
