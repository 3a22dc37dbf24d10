"""What every command shares: turning library errors into one line and a trustworthy exit code.

Exit codes: 0 success, 1 the job ran and found errors (QA errors, unreviewed entries), 2 bad input.
Heavy libraries are imported inside commands, never here, so ``workbench --help`` starts fast.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from workbench.errors import WorkbenchError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print ``message`` as one line on stderr and return the exit to raise."""
    typer.echo(f"workbench: {message}", err=True)
    return typer.Exit(code)


def guarded(func: F) -> F:
    """Run a command so that a ``WorkbenchError`` becomes one line on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except WorkbenchError as err:
            raise fail(str(err)) from None
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as command-line tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_OK) from None
        except OSError as err:
            # A full disk, a read-only folder, a file where a folder should be: say which path and why.
            where = err.filename if err.filename is not None else "a file"
            raise fail(f"{where}: {err.strerror or err}; check the path and its permissions") from None
        except KeyboardInterrupt:
            raise fail(
                "interrupted; files already written are complete, nothing is half-written", 130
            ) from None

    return wrapper  # type: ignore[return-value]


def report_line(line: str) -> None:
    """A line for the person at the terminal (what was written, counts, notes): stderr, never mixed
    into the data a command prints on stdout."""
    typer.echo(line, err=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
