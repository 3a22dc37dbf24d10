"""The ``workbench`` command line: parses arguments, calls the library, prints.

Each command family lives in its own module and registers itself here. Every command writes its data
(tables, JSON, exported text) to stdout and its report lines (what was written, counts, notes) to
stderr, so ``> file`` and ``| jq`` get the data alone. ``python -m workbench`` runs the same command line.
"""

from __future__ import annotations

from typing import Annotated

import typer

from workbench import __version__

PROG_NAME = "workbench"

app = typer.Typer(
    name=PROG_NAME,
    help="Translate and localise Hong Kong financial news: Traditional Chinese to English drafts, "
    "Simplified Chinese, glossary checks and PO files for review.",
    no_args_is_help=True,
    # typer's own --install-completion / --show-completion for bash, zsh, fish and PowerShell.
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain help text: rich formatting costs more start-up time than the whole rest of the command line.
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG_NAME} {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", is_eager=True, callback=_print_version),
    ] = False,
) -> None:
    # The options of ``workbench`` itself; the help text is the app's.
    del version


def _register() -> None:
    from workbench.cli import check, glossary, model, report, review, signoff, translate

    for module in (translate, model, check, glossary, review, report, signoff):
        module.register(app)


def main() -> None:
    _register()
    app(prog_name=PROG_NAME)
