"""Reading JSON that may be hostile: bounded in size and in nesting, refused in one line.

A package's ``metadata.json`` comes from the internet, and even the tool's own state files can be edited or
damaged by hand. ``json`` reads them fast but fails badly on a few shapes: a file of gigabytes is read into
memory whole, and arrays nested a hundred thousand deep raise ``RecursionError``, a traceback rather than a
message. Here the size is capped while reading (a file that grows, or ``/dev/zero`` behind a link, is never
read past the cap), ``RecursionError`` becomes the refusal it should be, and anything nested deeper than the
caller allows is refused too, so code that walks the result recursively is safe.

Every refusal is an ``InputError`` whose message names the file (``where``) and the limit; a caller adds
what to do about it (get a package again, rebuild a state file).
"""

from __future__ import annotations

import json
import os

from workbench.errors import InputError


def read_json(path: str | os.PathLike[str], *, max_bytes: int, max_depth: int) -> object:
    """The JSON value in the file at ``path``, or ``InputError`` naming the file and what is wrong.

    At most ``max_bytes`` bytes are read; a longer file is refused. A UTF-8 byte-order mark is allowed.
    ``OSError`` (no such file, no permission) is left to the caller, which knows whether a missing file
    is normal.
    """
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
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
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(f"{where}: is not valid JSON ({reason[:200]})") from None
    if _depth_over(value, max_depth):
        raise _too_deep(where, max_depth)
    return value


def _too_deep(where: str, max_depth: int) -> InputError:
    return InputError(f"{where}: its JSON is nested more than {max_depth} levels deep, the most allowed")


def _depth_over(value: object, max_depth: int) -> bool:
    """Whether arrays and objects nest more than ``max_depth`` deep; iterative, so depth costs no stack."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > max_depth:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False
