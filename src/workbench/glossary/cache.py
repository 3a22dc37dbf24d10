"""A big glossary's parsed rows and indexes, kept beside its CSV so the next run does not rebuild them.

Reading 20,000 rows and building the indexes a check needs (names to match, tickers, English forms) cost
three times as long as checking a page with them. So a glossary of ``MIN_ROWS`` rows or more keeps its
rows, and each index as it is first built, in ``.<name>.index`` beside the CSV (``.glossary.csv.index``),
and a later load reads them back instead.

The cache is never wrong: it is keyed by the SHA-256 of the CSV's bytes and of the workbench's own code
(and the OpenCC build that converts aliases), so an edited glossary or an upgraded tool reads the CSV
again and replaces the cache. It is written atomically, and a folder that cannot be written simply goes
without one; deleting it at any time only costs the next run its load time. marshal is the format: it
reads back twice as fast as JSON, and unlike pickle it cannot run code. The rows and each index are
marshalled once, apart, and the cache is written whole from those pieces each time an index is added, so
the first check of a new glossary does not marshal its 20,000 rows four times over.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import os
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.glossary.core import Glossary, bulk
from workbench.model import GlossaryEntry
from workbench.textio import write_bytes_atomic

MIN_ROWS = 2_000  # a smaller glossary parses in a few milliseconds; a cache would only add a file
_FORMAT = b"workbench glossary cache 2"


def cache_path(csv_path: Path) -> Path:
    return csv_path.with_name(f".{csv_path.name}.index")


def load_cached(path: Path, parse: Callable[[], tuple[GlossaryEntry, ...]]) -> Glossary:
    """The glossary in ``path`` from its cache when the cache was made from these very bytes, else from
    ``parse`` (which reads and checks the CSV); a big glossary read afresh writes its cache."""
    try:
        data = path.read_bytes()
    except OSError:
        return Glossary(parse(), source=path)  # ``parse`` names what is wrong with the path
    code = _code_key()
    if code is None:
        return Glossary(parse(), source=path)
    key = hashlib.sha256(code + hashlib.sha256(data).digest()).digest()
    stored = _read(cache_path(path), key)
    if stored is not None:
        (columns, indexes), pieces = stored
        with bulk():
            entries = tuple(map(GlossaryEntry, *columns))
        glossary = Glossary(entries, source=path)
    else:
        entries = parse()
        glossary = Glossary(entries, source=path)
        if len(entries) < MIN_ROWS:
            return glossary
        columns = tuple(zip(*(_fields(e) for e in entries), strict=True)) if entries else ()
        indexes = {}
        pieces = (_marshal(columns), {})
    rows, marshalled = pieces

    def write(built: dict[str, object]) -> None:
        for name, index in built.items():
            if name not in marshalled:
                marshalled[name] = _marshal(index)
        _write(cache_path(path), key, rows, marshalled)

    glossary.keep_indexes(indexes, write)
    if stored is None:
        _write(cache_path(path), key, rows, marshalled)
    return glossary


def _fields(entry: GlossaryEntry) -> tuple[object, ...]:
    return (
        entry.traditional,
        entry.simplified,
        entry.english,
        entry.aliases,
        entry.tickers,
        entry.type,
        entry.forbidden,
        entry.notes,
        entry.row,
    )


def code_key() -> bytes | None:
    """A digest of the workbench's code (every module), OpenCC and Python; None where it cannot be told.

    What derived files computed by the code (this cache, the review page's checked summaries) are kept
    under, so a changed check or reader is never served from an old result.
    """
    return _code_key()


@lru_cache(maxsize=1)
def _code_key() -> bytes | None:
    """What the cached rows and indexes were computed by: this Python, the workbench's version and every
    module and shipped word list of it (a change to how a row is read or an index built must not be served
    from an old cache), OpenCC. None, and no cache, where the code cannot be read to tell."""
    import workbench

    digest = hashlib.sha256(_FORMAT + sys.version.encode() + workbench.__version__.encode())
    package = Path(workbench.__file__).parent
    try:
        # The shipped word lists shape the match index as much as the code does.
        modules = sorted([*package.rglob("*.py"), *package.glob("glossary/data/*")])
        for module in modules:
            digest.update(module.relative_to(package).as_posix().encode() + b"\0" + module.read_bytes())
        spec = importlib.util.find_spec("opencc")
        if spec is None or not spec.origin:
            return None
        stat = os.stat(spec.origin)
    except OSError:
        return None
    if not modules:
        return None  # run from a zip archive: nothing to tell one build from another
    digest.update(f"{spec.origin} {stat.st_mtime_ns} {stat.st_size}".encode())
    return digest.digest()


_Stored = tuple[tuple[tuple[tuple[object, ...], ...], dict[str, object]], tuple[bytes, dict[str, bytes]]]


def _read(path: Path, key: bytes) -> _Stored | None:
    """The rows and indexes kept in ``path`` for ``key``, and the marshalled pieces they were read from."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(key):
        return None  # another glossary's, another version's, or none
    try:
        with bulk():
            rows, marshalled = marshal.loads(memoryview(data)[len(key) :])
            if not isinstance(rows, bytes) or not isinstance(marshalled, dict):
                return None
            columns = marshal.loads(rows)
            indexes = {name: marshal.loads(piece) for name, piece in marshalled.items()}
    except (ValueError, EOFError, TypeError):
        return None  # cut short or damaged: read the CSV
    if not isinstance(columns, tuple) or len(columns) != 9:
        return None
    return (columns, indexes), (rows, marshalled)


def _marshal(data: Any) -> bytes:
    """``data`` (plain str, int, bool, tuple, dict: rows and indexes) as marshal writes it."""
    return marshal.dumps(data)


def _write(path: Path, key: bytes, rows: bytes, marshalled: dict[str, bytes]) -> None:
    with contextlib.suppress(OSError):  # a read-only folder, a full disk: the next run parses again
        write_bytes_atomic(path, key + marshal.dumps((rows, marshalled)))
