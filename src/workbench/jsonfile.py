"""Reading JSON that may be hostile: bounded in size and in nesting, refused in one line.

A package's ``metadata.json`` comes from the internet, and even the tool's own state files can be edited or
damaged by hand. ``json`` reads them fast but fails badly on a few shapes: a file of gigabytes is read into
memory whole, and arrays nested a hundred thousand deep raise ``RecursionError``, a traceback rather than a
message. Here the size is capped while reading (a file that grows, or ``/dev/zero`` behind a link, is never
read past the cap), ``RecursionError`` becomes the refusal it should be, and anything nested deeper than the
caller allows is refused too, so code that walks the result recursively is safe.

Every refusal is an ``InputError`` whose message names the file (``where``) and the limit; a caller adds
what to do about it (get a package again, rebuild a state file).

The workbench's own state files (``.workbench-state.json`` in each article folder, the memory's
``.workbench-tm.json`` and its delta, the review site's ``.workbench-report``) are derived and only save
time: ``read_state`` returns ``None`` for a missing one and sets aside one that cannot be read (or, through
``set_aside``, one of the wrong shape): it is removed, one note says so on stderr, and the run goes on and
writes it afresh. No copy is kept, since these files sit in folders reviewers work in and commit.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from itertools import accumulate
from pathlib import Path
from typing import Any

from workbench.errors import InputError

# What the depth of valid JSON text is read from: quotes and brackets (see ``_depth``).
_NOT_SYNTAX = bytes(b for b in range(256) if b not in b'"[]{}')
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def read_json(path: str | os.PathLike[str], *, max_bytes: int, max_depth: int) -> object:
    """The JSON value in the file at ``path``, or ``InputError`` naming the file and what is wrong.

    At most ``max_bytes`` bytes are read; a longer file is refused. A UTF-8 byte-order mark is allowed.
    ``OSError`` (no such file, no permission) is left to the caller, which knows whether a missing file
    is normal.
    """
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)  # pragma: no mutate - any count past the cap tells a longer file
    if len(data) > max_bytes:
        raise InputError(f"{path}: is larger than the {max_bytes:,} bytes such a file may have")
    return parse_json(data, str(path), max_depth=max_depth)


def parse_json(data: bytes | str, where: str, *, max_depth: int) -> object:
    """The JSON value in ``data`` (read from ``where``), nested at most ``max_depth`` arrays and objects
    deep; otherwise ``InputError`` naming ``where``."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        value = json.loads(text)
    except RecursionError:
        raise _too_deep(where, max_depth) from None
    except (UnicodeDecodeError, ValueError) as err:
        reason = str(err).partition("\n")[0] or type(err).__name__
        raise InputError(f"{where}: is not valid JSON ({reason[:200]})") from None
    if _depth(data.encode("utf-8") if isinstance(data, str) else data) > max_depth:
        raise _too_deep(where, max_depth)
    return value


def _too_deep(where: str, max_depth: int) -> InputError:
    return InputError(f"{where}: its JSON is nested more than {max_depth} levels deep, the most allowed")


def _depth(data: bytes) -> int:
    """How deep arrays and objects nest in ``data``, which ``json`` has just read as valid JSON.

    At the speed of bytes operations rather than a walk over every value (the memory's cache holds hundreds
    of thousands): escaped backslashes and quotes go first (in valid JSON they pair from the left), so the
    quotes left delimit strings; the brackets outside them are the nesting.
    """
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(data.translate(None, _NOT_SYNTAX).split(b'"')[::2])
    return max(accumulate(map(_STEP.__getitem__, outside), initial=0))


def read_state(path: Path, *, max_bytes: int, max_depth: int, remove: bool = True) -> Any:
    """A derived state file's JSON value, or ``None`` when there is none or it cannot be read.

    One that cannot be read (or is not a regular file: a FIFO would block, a device never end) is set aside
    (``set_aside``) and the caller goes on without it. ``remove=False`` leaves it for its writer to replace.
    """
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            set_aside(path, "is not a regular file", remove=remove)
            return None
        return read_json(path, max_bytes=max_bytes, max_depth=max_depth)
    except FileNotFoundError:
        return None
    except OSError as err:
        set_aside(path, f"cannot be read ({err.strerror})", remove=remove)
    except InputError as err:
        set_aside(path, str(err).removeprefix(f"{path}: "), remove=remove)
    return None


def set_aside(path: Path, why: str, *, remove: bool = True) -> None:
    """Say on stderr that the derived state file ``path`` is not used because ``why``, and remove it."""
    done = "not used; it is written afresh"
    if remove:
        try:
            Path(path).unlink()
            done = "removed; it is written afresh"
        except FileNotFoundError:
            pass
        except OSError as err:
            done = f"not used, and cannot be removed ({err.strerror})"
    print(f"workbench: note: {path}: {why}; {done}", file=sys.stderr)
