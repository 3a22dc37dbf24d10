"""The progress bar of long runs: on stderr, and only when stderr is a terminal someone is watching.

rich is imported only when a bar is shown, so scripts, pipes and ``--help`` never pay for it.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

import typer

from workbench.jobs import Quiet


class _Lines(Quiet):
    """No bar: notes (waiting for another run's lock) still reach stderr as lines."""

    def note(self, line: str) -> None:
        typer.echo(line, err=True)


class _Bar:
    def __init__(self, progress: Any) -> None:
        self._progress = progress
        self._articles: Any = None
        self._sentences: Any = None

    def begin(self, articles: int, sentences: int) -> None:
        self._articles = self._progress.add_task("articles written", total=articles)
        self._sentences = self._progress.add_task("sentences translated", total=None)

    def advance(self, *, articles: int = 0, sentences: int = 0) -> None:
        if self._articles is not None and articles:
            self._progress.advance(self._articles, articles)
        if self._sentences is not None and sentences:
            self._progress.advance(self._sentences, sentences)

    def note(self, line: str) -> None:
        self._progress.console.print(line, markup=False, highlight=False)


@contextlib.contextmanager
def progress_for_terminal() -> Iterator[_Lines | _Bar]:
    if not sys.stderr.isatty():
        yield _Lines()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        yield _Bar(progress)
