"""The ``workbench`` command line: parses arguments, calls the library, prints.

Each command family lives in its own module and registers itself here.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="workbench",
    help="Translate and localise Hong Kong financial news: Traditional Chinese to English drafts, "
    "Simplified Chinese, glossary checks and PO files for review.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help text: rich formatting costs more start-up time than the whole rest of the command line.
    rich_markup_mode=None,
)


def _register() -> None:
    from workbench.cli import check, glossary, model, report, review, translate

    for module in (translate, model, check, glossary, review, report):
        module.register(app)


def main() -> None:
    _register()
    app()
