"""Which folder an article is written to, and whether the last run's output there is still current.

An article's folder is found by content, the way ``msgmerge`` pairs entries: the existing folder that
shares the most sentences with it (more than half of the smaller of the two) is its folder, whatever its
headline says now. So a retitled article, or one whose slug twin left the page (``…`` and ``…-2``), keeps
the folder its reviewers have been working in. An article that matches no folder gets a new one named by
its id, or ``<id>-2``, ``<id>-3``… when that name is already taken by another article's folder.

Each folder holds ``.workbench-state.json``: the digest of everything the last run's output depended on
(the article's sentences and places, the glossary entries they use, the model, the workbench version and
the options that change output), the sentences themselves as short digests (for the matching above), and
the digest of every file the run left. A re-run whose inputs have the same digest, in a folder whose files
are still byte for byte as left, has nothing to do there and skips the article without parsing its PO
files; any edit to any of those files makes the article run in full.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench import jsonfile
from workbench.safeio import file_digest
from workbench.segment import fold_space
from workbench.textio import write_text_atomic

STATE_NAME = ".workbench-state.json"
STATE_VERSION = 1
# An article's state is a few kilobytes (a short digest per sentence); these leave room for any article.
STATE_MAX_BYTES = 16 << 20
STATE_MAX_DEPTH = 16
OUTPUT_FILES = ("en.po", "zh_Hans.po", "en.md", "zh_Hans.txt")

_MSGID = re.compile(r'^msgid "(.*)"$', re.MULTILINE)
_ESCAPES = {'\\"': '"', "\\\\": "\\", "\\n": "\n", "\\t": "\t"}
_ESCAPE = re.compile(r'\\[\\"nt]')


def sentence_key(text: str) -> str:
    """A short digest of a sentence's text: enough to tell an article's sentences apart from another's.

    Spaces count by position, not kind (``fold_space``), so a folder written when a no-break space was read
    as a plain one is still found by its sentences."""
    return hashlib.blake2b(fold_space(text).encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True)
class FolderState:
    """What ``.workbench-state.json`` records about the last run's output in one folder."""

    inputs: str  # digest of everything the output depended on
    sentences: tuple[str, ...]  # sentence_key of each sentence, in article order
    files: dict[str, str]  # output file name -> digest as left by the run
    errors: int = 0  # entries of en.po with QA errors, as left by the run


def read_state(folder: Path) -> FolderState | None:
    """The folder's state, or ``None`` when it has none or it cannot be trusted (then the article runs).

    One that cannot be read or has the wrong shape is removed with a note (``jsonfile``); one of another
    version is simply not used."""
    path = folder / STATE_NAME
    data = jsonfile.read_state(path, max_bytes=STATE_MAX_BYTES, max_depth=STATE_MAX_DEPTH)
    if data is None:
        return None
    try:
        if data.get("version") != STATE_VERSION:
            return None
        sentences, files = data["sentences"], data["files"]
        if not (isinstance(sentences, list) and all(isinstance(s, str) for s in sentences)):
            raise TypeError("sentences")
        if not (isinstance(files, dict) and all(isinstance(d, str) for d in files.values())):
            raise TypeError("files")
        return FolderState(str(data["inputs"]), tuple(sentences), dict(files), int(data.get("errors", 0)))
    except (ValueError, KeyError, TypeError, AttributeError):
        jsonfile.set_aside(path, "is not a state file of this shape")
        return None


def write_state(folder: Path, state: FolderState) -> None:
    data = {
        "version": STATE_VERSION,
        "inputs": state.inputs,
        "files": dict(sorted(state.files.items())),
        "errors": state.errors,
        "sentences": list(state.sentences),
    }
    write_text_atomic(folder / STATE_NAME, json.dumps(data, ensure_ascii=False, indent=0) + "\n")


def forget_state(folder: Path) -> None:
    """Drop the folder's state, so the next run does the article in full whatever it finds."""
    (folder / STATE_NAME).unlink(missing_ok=True)


def is_current(folder: Path, state: FolderState | None, inputs: str) -> bool:
    """True when the last run's output in ``folder`` is what a run with ``inputs`` would leave there."""
    if state is None or state.inputs != inputs:
        return False
    return all(file_digest(folder / name) == state.files.get(name) for name in OUTPUT_FILES)


def folder_sentences(folder: Path, state: FolderState | None) -> set[str]:
    """The sentence keys of the article in ``folder``: from its state, else read off its ``en.po``.

    The fallback (folders written before states existed) scans msgid lines instead of parsing the file:
    matching only needs to recognise sentences, and the file may still be parsed once for the merge.
    """
    if state is not None:
        return set(state.sentences)
    try:
        text = (folder / "en.po").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    found = (_ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], m.group(1)) for m in _MSGID.finditer(text))
    return {sentence_key(msgid) for msgid in found if msgid}


@dataclass(frozen=True)
class Placement:
    """Where one article of the run goes: an existing folder it continues, or a new one."""

    folder: Path
    existing: bool


def place_articles(
    out_dir: Path, articles: Sequence[tuple[str, Sequence[str]]], states: dict[str, FolderState | None]
) -> list[Placement]:
    """The folder of each ``(article id, sentence keys)`` under ``out_dir``, in the same order.

    ``states`` maps the name of every existing article folder to its state (or ``None``).
    """
    known = {name: folder_sentences(out_dir / name, state) for name, state in states.items()}
    holders: dict[str, list[str]] = {}
    for name, keys in known.items():
        for key in keys:
            holders.setdefault(key, []).append(name)

    # Every (article, folder) pair that shares enough sentences, best first; ties go to the folder that
    # already bears the article's id, then to page order.
    pairs: list[tuple[int, bool, int, str]] = []
    for index, (article_id, article_keys) in enumerate(articles):
        mine = set(article_keys)
        shared = Counter(name for key in mine for name in holders.get(key, ()))
        for name, count in shared.items():
            if 2 * count > min(len(mine), len(known[name])):
                pairs.append((count, name == article_id, index, name))
    pairs.sort(key=lambda p: (-p[0], not p[1], p[2], p[3]))
    chosen: dict[int, str] = {}
    taken: set[str] = set()
    for _, _, index, name in pairs:
        if index not in chosen and name not in taken:
            chosen[index] = name
            taken.add(name)

    placements: list[Placement] = []
    for index, (article_id, _) in enumerate(articles):
        if index in chosen:
            placements.append(Placement(out_dir / chosen[index], existing=True))
            continue
        name = _free_name(out_dir, article_id, taken, known)
        taken.add(name)
        placements.append(Placement(out_dir / name, existing=False))
    return placements


def _free_name(out_dir: Path, article_id: str, taken: set[str], known: dict[str, set[str]]) -> str:
    """``article_id``, or the first ``<id>-N`` that no article folder of the run or on disk holds, and
    that is not a name the tool uses itself (``report``: ids from other front ends are not trusted).

    A file in the way is not skipped over: the article then fails with one line naming it.
    """
    from workbench.owned import is_reserved

    article_id = article_id.lstrip(".") or "article"  # a hidden name would stay hidden with any -N
    number = 1
    while True:
        name = article_id if number == 1 else f"{article_id}-{number}"
        if name not in taken and (name not in known or not known[name]) and not is_reserved(name):
            return name
        number += 1


def existing_folders(out_dir: Path) -> Iterable[Path]:
    """The article folders under ``out_dir``: subfolders holding an ``en.po`` or a state file."""
    if not out_dir.is_dir():
        return []
    return sorted(
        p for p in out_dir.iterdir() if p.is_dir() and ((p / "en.po").is_file() or (p / STATE_NAME).is_file())
    )
