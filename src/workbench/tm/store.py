"""Reading the reviewed entries of a translations tree, and the cache that spares re-parsing its PO files."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.po import article_of, entry_key, entry_label, is_reviewed, load_po, load_po_if_present
from workbench.textio import write_text_atomic
from workbench.tm.entry import TMEntry

CACHE_NAME = ".workbench-tm.json"
_CACHE_VERSION = 2


def read_tree(tree: Path, *, cache: bool = True) -> list[TMEntry]:
    """Every reviewed entry of every ``en.po`` under ``tree``, using and refreshing the cache."""
    tree = Path(tree)
    if not tree.is_dir():
        raise InputError(f"{tree}: not a folder; give the translations folder (or one article folder)")
    cache_path = tree / CACHE_NAME
    old = _read_cache(cache_path) if cache else {}
    fresh: dict[str, Any] = {}
    entries: list[TMEntry] = []
    for po_path in sorted(tree.rglob("en.po")):
        rel = po_path.relative_to(tree).as_posix()
        stamp = _stamp(po_path)
        cached = old.get(rel)
        if cached is not None and cached.get("stamp") == stamp:
            rows = cached["entries"]
        else:
            rows = [
                [e.source, e.target, e.ctx, e.article, e.simplified, e.position]
                for e in _read_article(po_path)
            ]
        fresh[rel] = {"stamp": stamp, "entries": rows}
        modified = stamp[0][0]
        entries.extend(
            TMEntry(
                source=r[0],
                target=r[1],
                ctx=r[2],
                article=r[3],
                simplified=r[4],
                position=r[5],
                path=rel,
                modified=modified,
            )
            for r in rows
        )
    if cache and fresh != old:
        _write_cache(cache_path, fresh)
    return entries


def _stamp(po_path: Path) -> list[list[int]]:
    """What the cache is keyed by: mtime and size of en.po and of zh_Hans.po beside it."""
    stamp = []
    for path in (po_path, po_path.with_name("zh_Hans.po")):
        try:
            st = path.stat()
            stamp.append([st.st_mtime_ns, st.st_size])
        except FileNotFoundError:
            stamp.append([0, -1])
    return stamp


def _read_cache(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _CACHE_VERSION:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _write_cache(path: Path, files: dict[str, Any]) -> None:
    # The cache only saves time: a read-only or full disk must not stop a translation run.
    with contextlib.suppress(OSError):
        write_text_atomic(path, json.dumps({"version": _CACHE_VERSION, "files": files}, ensure_ascii=False))


def _read_article(po_path: Path) -> list[TMEntry]:
    po = load_po(po_path)
    article = article_of(po, po_path)
    simplified: dict[tuple[str, str], str] = {}
    zh = load_po_if_present(po_path.with_name("zh_Hans.po"))
    for e in zh if zh is not None else ():
        # Only Simplified a reviewer confirmed: the memory and its TMX are what reviewers stand behind.
        if is_reviewed(e):
            simplified[entry_key(e)] = e.msgstr
    return [
        TMEntry(
            source=e.msgid,
            target=e.msgstr,
            ctx=e.msgctxt or "",
            article=article,
            simplified=simplified.get(entry_key(e), ""),
            position=entry_label(e),
        )
        for e in po
        if is_reviewed(e) and e.msgid.strip()
    ]
