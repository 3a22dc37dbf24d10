"""Reading the reviewed entries of a translations tree, and the cache that spares re-parsing its PO files.

Parsing PO files is by far the slowest part of loading the memory, so the entries read from each article
are kept in ``.workbench-tm.json`` under the tree, with each file's stamp (modification time and size of
``en.po`` and of ``zh_Hans.po`` beside it) and a digest of their bytes. A load re-parses only what changed:

- a file whose stamp is as recorded is not opened at all;
- a file whose stamp moved but whose bytes are the same (touched, copied, checked out again) is read and
  hashed but not parsed;
- new files are parsed, and files that are gone are dropped from the cache.

Adding ten articles to an archive of a thousand therefore parses twenty files, not two thousand
(``benchmarks/tm_update.py`` measures it). The cache only ever saves time: a missing, corrupt or unwritable
one means the tree is read in full.

A PO file that cannot be read (a charset its bytes do not match, a duplicate entry, no header) is left out
of the memory and named, rather than stopping the load: one article a reviewer broke must not cost a run
its other articles. Its record is dropped from the cache, so the next load tries it again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import polib

from workbench import jsonfile
from workbench.errors import InputError, POFileError
from workbench.po import (
    article_of,
    entry_key,
    entry_label,
    is_reviewed,
    live_entries,
    load_po,
    load_po_if_present,
)
from workbench.textio import write_text_atomic
from workbench.tm.entry import StoredRow, TMEntry

CACHE_NAME = ".workbench-tm.json"
DELTA_NAME = ".workbench-tm.delta.json"  # records changed since CACHE_NAME was written
# The delta is folded into a new base once it holds more than this many records and this share of them.
_DELTA_MIN = 50
_DELTA_SHARE = 10
_CACHE_VERSION = 3
# About 0.5 KB a reviewed sentence: 512 MiB is an archive of some 40,000 reviewed articles.
CACHE_MAX_BYTES = 512 << 20
CACHE_MAX_DEPTH = 16
_ENGLISH = "en.po"
_SIMPLIFIED = "zh_Hans.po"

Stamp = tuple[tuple[int, int], tuple[int, int]]
# source, target, ctx, simplified, position: a tuple when parsed, a list when read from the cache
Row = Sequence[str]


@dataclass(frozen=True)
class _Cached:
    """What the cache knows of one article: the files' stamp and digest, and the reviewed rows read."""

    stamp: Stamp
    digest: str
    article: str
    rows: Sequence[Row]


def read_tree(tree: Path, *, cache: bool = True) -> list[TMEntry]:
    """Every reviewed entry of every ``en.po`` under ``tree``, using and refreshing the cache."""
    return [row.entry() for row in read_rows(tree, cache=cache)]


def read_rows(tree: Path, *, cache: bool = True, skipped: list[str] | None = None) -> list[StoredRow]:
    """``read_tree`` as the index holds it.

    A PO file that cannot be read raises ``POFileError``, unless ``skipped`` is given: then it is left out
    and a line naming it is added there.
    """
    tree = Path(tree)
    if not tree.is_dir():
        raise InputError(f"{tree}: not a folder; give the translations folder (or one article folder)")
    base_path, delta_path = tree / CACHE_NAME, tree / DELTA_NAME
    base = _read_cache(base_path) if cache else {}
    delta = _read_cache(delta_path) if cache else {}
    old = {rel: c for rel, c in {**base, **delta}.items() if c is not None}
    fresh: dict[str, _Cached] = {}
    rows: list[StoredRow] = []
    for rel in _english_files(tree):
        po_path = tree / rel
        try:
            known = _refresh(po_path, old.get(rel))
        except (POFileError, OSError) as err:
            if skipped is None:
                raise
            reason = str(err) if isinstance(err, POFileError) else f"{po_path}: {err.strerror or err}"
            skipped.append(f"left out of the translation memory: {reason}")
            continue
        fresh[rel] = known
        modified = known.stamp[0][0]
        article = known.article
        rows.extend(StoredRow(s, t, c, article, z, p, rel, modified) for s, t, c, z, p in known.rows)
    if cache and fresh != old:
        _save(base_path, delta_path, base, fresh)
    return rows


def _save(
    base_path: Path, delta_path: Path, base: dict[str, _Cached | None], fresh: dict[str, _Cached]
) -> None:
    """Write what changed since the base cache as the delta; fold it into a new base once it has grown.

    Rewriting the whole cache for ten new articles would cost as much as reading it; the delta keeps an
    update in proportion to the change. Every record is checked against the files on the next load anyway,
    so a crash between the two writes costs a re-read, never a wrong entry.
    """
    changed: dict[str, _Cached | None] = {rel: c for rel, c in fresh.items() if base.get(rel) != c}
    changed.update((rel, None) for rel in base if rel not in fresh)
    if base and len(changed) <= max(_DELTA_MIN, len(fresh) // _DELTA_SHARE):
        _write_cache(delta_path, changed)
        return
    _write_cache(base_path, dict(fresh))
    with contextlib.suppress(OSError):
        delta_path.unlink(missing_ok=True)


def _english_files(tree: Path) -> list[str]:
    """Every ``en.po`` under ``tree``, relative and in path order (parent folders compare first)."""
    found = [rel for rel in _walk(str(tree), "")]
    return sorted(found, key=lambda rel: rel.split("/"))


def _walk(folder: str, prefix: str) -> Iterator[str]:
    # os.scandir rather than Path.rglob: a thousand article folders are listed several times faster.
    try:
        with os.scandir(folder) as listing:
            items = list(listing)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return  # as Path.rglob does: a folder that vanished or cannot be listed holds no memory
    for item in items:
        if item.is_dir(follow_symlinks=False):
            yield from _walk(item.path, f"{prefix}{item.name}/")
        elif item.name == _ENGLISH and item.is_file():
            yield f"{prefix}{item.name}"


def _refresh(po_path: Path, cached: _Cached | None) -> _Cached:
    """The cache record of one article, re-read only as far as its files changed."""
    stamp = _stamp(po_path)
    if cached is not None and cached.stamp == stamp:
        return cached
    digest = _digest(po_path)
    if cached is not None and cached.digest == digest:
        return _Cached(stamp, digest, cached.article, cached.rows)
    article, rows = _read_article(po_path)
    return _Cached(stamp, digest, article, rows)


def _stamp(po_path: Path) -> Stamp:
    """What says a file may have changed: mtime and size of en.po and of zh_Hans.po beside it."""
    return (_file_stamp(str(po_path)), _file_stamp(str(po_path.with_name(_SIMPLIFIED))))


def _file_stamp(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return (0, -1)
    return (st.st_mtime_ns, st.st_size)


def _digest(po_path: Path) -> str:
    """What says whether a file did change: a hash of the bytes of both catalogs."""
    parts: list[bytes] = []
    for path in (po_path, po_path.with_name(_SIMPLIFIED)):
        try:
            parts.append(path.read_bytes())
        except FileNotFoundError:
            parts.append(b"")
    return written_digest(parts[0], parts[1])


def _read_article(po_path: Path) -> tuple[str, Sequence[Row]]:
    po = load_po(po_path)
    return article_of(po, po_path), article_rows(po, load_po_if_present(po_path.with_name(_SIMPLIFIED)))


def article_rows(po: polib.POFile, zh: polib.POFile | None) -> tuple[Row, ...]:
    """The memory's rows of one article: its reviewed English entries, with reviewed Simplified beside."""
    simplified: dict[tuple[str, str], str] = {}
    for e in live_entries(zh) if zh is not None else ():
        # Only Simplified a reviewer confirmed: the memory and its TMX are what reviewers stand behind.
        if is_reviewed(e):
            simplified[entry_key(e)] = e.msgstr
    return tuple(
        (e.msgid, e.msgstr, e.msgctxt or "", simplified.get(entry_key(e), ""), entry_label(e))
        for e in po
        if is_reviewed(e) and e.msgid.strip()
    )


@dataclass(frozen=True)
class Written:
    """An article a run has just written, as the cache would read it back from its files."""

    en_path: Path
    article: str
    rows: Sequence[Row]
    digest: str  # ``written_digest`` of the bytes written


def written_digest(en: bytes, zh: bytes | None) -> str:
    """The digest ``_digest`` gives files holding these bytes (``None``: no zh_Hans.po)."""
    digest = hashlib.sha1()
    for data in (en, zh or b""):
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def remember(tree: Path, written: Sequence[Written]) -> None:
    """Record articles a run has just written, so the next load need not parse them again.

    The writer knows their rows already; without this, the first load after a large run would parse every
    file the run wrote. A file that changed since it was written (a reviewer saved) is left for the next
    load to read.
    """
    if not written:
        return
    tree = Path(tree)
    base_path, delta_path = tree / CACHE_NAME, tree / DELTA_NAME
    base, delta = _read_cache(base_path), _read_cache(delta_path)
    fresh = {rel: c for rel, c in {**base, **delta}.items() if c is not None}
    for item in written:
        stamp = _stamp(item.en_path)
        if _digest(item.en_path) != item.digest:
            continue
        fresh[item.en_path.relative_to(tree).as_posix()] = _Cached(
            stamp, item.digest, item.article, item.rows
        )
    _save(base_path, delta_path, base, fresh)


def _read_cache(path: Path) -> dict[str, _Cached | None]:
    """The records of a cache file; None marks a file that is gone (in the delta). A file that cannot be
    read, or is not a cache, is removed with a note (``jsonfile``): the load reads the PO files instead."""
    data = jsonfile.read_state(path, max_bytes=CACHE_MAX_BYTES, max_depth=CACHE_MAX_DEPTH)
    if data is None:
        return {}
    if not isinstance(data, dict):
        jsonfile.set_aside(path, "is not a translation-memory cache")
        return {}
    if data.get("version") != _CACHE_VERSION:
        return {}  # written by another version of the workbench: replaced on this load
    files = data.get("files")
    if not isinstance(files, dict):
        jsonfile.set_aside(path, "is not a translation-memory cache")
        return {}
    known: dict[str, _Cached | None] = {}
    for rel, record in files.items():
        if record is None:
            known[rel] = None
            continue
        # A record of another shape (a hand edit, a bad write) only means that file is read again.
        with contextlib.suppress(TypeError, ValueError, KeyError):
            (en_time, en_size), (zh_time, zh_size) = record["stamp"]
            stamp = ((int(en_time), int(en_size)), (int(zh_time), int(zh_size)))
            rows = record["rows"]
            # join refuses anything but text, and is the fastest way to look at every field.
            "".join(chain.from_iterable(rows))
            if type(rows) is list and all(type(row) is list and len(row) == 5 for row in rows):
                known[rel] = _Cached(stamp, str(record["digest"]), str(record["article"]), rows)
    return known


def _write_cache(path: Path, files: dict[str, _Cached | None]) -> None:
    data = {
        "version": _CACHE_VERSION,
        "files": {
            rel: None
            if c is None
            else {"stamp": c.stamp, "digest": c.digest, "article": c.article, "rows": c.rows}
            for rel, c in sorted(files.items())
        },
    }
    # The cache only saves time: a read-only or full disk must not stop a translation run.
    with contextlib.suppress(OSError):
        write_text_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
