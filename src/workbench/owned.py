"""The folders the workbench owns, what it may write there, and the links it never follows.

A translations folder is a new or empty folder, or one this tool made: it holds an article folder whose
``en.po`` the workbench wrote (its header names the article in ``X-Workbench-Article``, or the workbench as
``X-Generator``; a reviewer's editor keeps the first when it rewrites the second), or one with a run's state
file, or nothing but the tool's own files. A fresh clone of a repository that commits its translations
folder has the PO files but none of the git-ignored state files, and is one; a folder of someone else's
files (``/``, a home folder, another project's PO files) is not, and every command that takes a
translations folder refuses it before it reads, scans or locks anything there.

Inside a folder it owns (the translations folder, its article folders, the review site's folders) the
workbench never follows a symbolic link to a folder, nor one standing where its own files go (state files,
the lock, the memory's cache, the site's pages): a planted link could make a run write, or delete, files
outside the project. Such a link is refused in one line naming it, before anything is written. A reviewer's
own files (``en.po``, ``zh_Hans.po``) may be links; their targets are rewritten as ``textio`` promises.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from workbench.errors import InputError
from workbench.folders import STATE_NAME
from workbench.safeio import LOCK_NAME

# What the workbench writes in a translations folder besides its article folders (``tm.store``,
# ``report.site`` and ``cli.review`` name them too; a test keeps the lists together).
MEMORY_CACHE = ".workbench-tm.json"
MEMORY_DELTA = ".workbench-tm.delta.json"
TMX_EXPORT = "workbench.tmx"
REPORT_FOLDER = "report"
REPORT_MARKER = ".workbench-report"
REPORT_PAGES = "articles"
TOOL_FILES = frozenset({LOCK_NAME, MEMORY_CACHE, MEMORY_DELTA, TMX_EXPORT})
# Names no article folder may take: the tool's own, and device names Windows will not create as folders.
RESERVED_NAMES = frozenset(
    {REPORT_FOLDER, *TOOL_FILES, "con", "prn", "aux", "nul"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(10)}
)

_HEADER_MARKS = (b"X-Workbench-Article:", b"X-Generator: workbench")
_HEADER_BYTES = 65536
# A temporary file of ``textio``'s atomic write of one of the tool's files, left by a killed run.
_LEFTOVER = re.compile(r"^\.(?:" + "|".join(map(re.escape, TOOL_FILES)) + r")\.(?:\d+-)?[a-z0-9_]{8}\.tmp$")

WHAT_IT_IS = "a new or empty folder, or one this tool made"


def is_reserved(name: str) -> bool:
    """Whether an article folder may not be called ``name``: a hidden name, or one the tool uses."""
    return name.startswith(".") or name.lower() in RESERVED_NAMES


def is_translations_folder(path: Path) -> bool:
    """Whether ``path`` may be written as a translations folder: missing, empty, or made by this tool.

    Reads only the folder's own listing and, at most, the head of each subfolder's ``en.po`` until one
    shows the workbench's header.
    """
    try:
        with os.scandir(path) as listing:
            entries = list(listing)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if all(_tool_entry(entry) for entry in entries):
        return True
    folders = (Path(e.path) for e in entries if e.is_dir(follow_symlinks=False))
    return any(is_article_folder(folder) for folder in folders)


def is_article_folder(folder: Path) -> bool:
    """Whether the workbench wrote ``folder``: it holds a state file, or an ``en.po`` with its header."""
    if (folder / STATE_NAME).is_file():
        return True
    try:
        with open(folder / "en.po", "rb") as handle:
            head = handle.read(_HEADER_BYTES)
    except OSError:
        return False
    return any(mark in head for mark in _HEADER_MARKS)


def require_translations_folder(path: Path, option: str = "--out") -> None:
    """Refuse, in one line, to write into ``path`` unless it is a translations folder."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: is a file, not a folder; give another {option} or move the file away")
    if not is_translations_folder(path):
        raise InputError(
            f"{path}: not a translations folder ({WHAT_IT_IS}: article folders with its en.po files); "
            f"give {option} a new folder, or the folder `workbench translate` wrote"
        )


def require_article_or_translations_folder(path: Path, pattern: str = "en.po") -> None:
    """Refuse a folder given to a command that reads article folders unless it is one (it holds files
    matching ``pattern`` itself), or holds them as a translations folder does; a missing path is left for
    the command to report."""
    path = Path(path)
    if not path.is_dir() or any(p.is_file() for p in path.glob(pattern)):
        return
    if not is_translations_folder(path):
        raise InputError(
            f"{path}: not a translations folder ({WHAT_IT_IS}: article folders with its en.po files); "
            "give the folder `workbench translate` wrote, or an article folder in it"
        )


def refuse_links(tree: Path) -> None:
    """Refuse a translations folder holding a link the workbench would follow when writing there.

    Looked for before a run takes the lock: links to folders directly in it (an article folder or the
    review site), links where the tool's own files go, the state file of each article folder, and every
    link in the review site's folders.
    """
    tree = Path(tree)
    try:
        with os.scandir(tree) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_symlink():
            if entry.name in TOOL_FILES or entry.name == REPORT_FOLDER or path.is_dir():
                raise _link_error(path)
        elif entry.name == REPORT_FOLDER:
            refuse_links_in_site(path)
        elif (path / STATE_NAME).is_symlink():  # false for a file: nothing is under it
            raise _link_error(path / STATE_NAME)


def refuse_links_in_site(out: Path, itself: bool = True) -> None:
    """Refuse a review-site folder holding any link: the site's files and pages folder are all the tool's.

    ``itself``: the folder may not be a link either (at its default place in the translations folder).
    """
    out = Path(out)
    for folder in (out, out / REPORT_PAGES):
        if folder.is_symlink() and (itself or folder != out):
            raise _link_error(folder)
        try:
            with os.scandir(folder) as listing:
                links = sorted(Path(e.path) for e in listing if e.is_symlink())
        except OSError:
            continue
        if links:
            raise _link_error(links[0])


def _tool_entry(entry: os.DirEntry[str]) -> bool:
    name = entry.name
    if name in TOOL_FILES or _LEFTOVER.match(name):
        return True
    return (
        name == REPORT_FOLDER
        and entry.is_dir(follow_symlinks=False)
        and (Path(entry.path) / REPORT_MARKER).is_file()
    )


def _link_error(link: Path) -> InputError:
    try:
        target = os.readlink(link)
    except OSError:
        target = "?"
    return InputError(
        f"{link}: is a symbolic link (to {target}); workbench never writes through a link in a folder it "
        "owns, so nothing was changed; remove the link (rm, not rm -r) and run again"
    )
