"""Options every ``workbench glossary`` command shares, in a module of their own so that the command
modules (``glossary``, ``glossary_import``) each import them without importing one another."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

GlossaryPath = Annotated[
    Path, typer.Option("--glossary", "-g", help="The glossary CSV file.", show_default=True)
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
