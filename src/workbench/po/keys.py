"""What identifies an entry of the PO layout, and where its sentence sits in the article.

An entry's key is msgctxt + msgid, and it must not change when other sentences are inserted, removed or
moved, or GNU msgmerge, Weblate and every CAT tool that stores the key lose review state (po4a's rule). So
msgctxt only keeps repeated sentences apart: absent for the first occurrence of a text in an article,
``repeat 2``, ``repeat 3`` … for the later ones. The sentence's place lives in an extracted comment,
``#. position: p3.s2`` (paragraph 3 of the article, sentence 2), beside the ``#:`` page:line reference.

Files written before this layout used ``<article-id>:p3.s2`` as msgctxt; ``entry_position`` still reads
those, and the merge rewrites them to the keys above on the next run.

Everything that needs an entry's key or position calls these functions; nothing else parses msgctxt.
Entries are read duck-typed (``msgctxt``, ``msgid``, ``comment``), so this module needs no polib.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.model import Segment

REPEAT = "repeat"
POSITION_NOTE = "position:"

_POSITION_LINE = re.compile(rf"^{re.escape(POSITION_NOTE)}\s*p(\d+)\.s(\d+)\s*$", re.MULTILINE)
# The msgctxt of files written before stable keys: "<article-id>:p3.s2".
_LEGACY_CONTEXT = re.compile(r"^.*:p(\d+)\.s(\d+)$")

# (msgctxt, msgid), as gettext identifies a message; "" for an absent msgctxt, which gettext treats as a
# different key from an empty one, but the workbench never writes an empty msgctxt.
Key = tuple[str, str]


@dataclass(frozen=True, order=True)
class Position:
    """A sentence's place in its article: paragraph and sentence, both 1-based."""

    paragraph: int
    sentence: int

    def __str__(self) -> str:
        return f"p{self.paragraph}.s{self.sentence}"


def segment_position(segment: Segment) -> Position:
    return Position(segment.paragraph, segment.sentence)


def position_note(position: Position) -> str:
    """The ``#.`` line that records where the sentence is: ``position: p3.s2``."""
    return f"{POSITION_NOTE} {position}"


def repeat_context(occurrence: int) -> str | None:
    """The msgctxt of the ``occurrence``-th (1-based) sentence with the same text in one article."""
    return None if occurrence <= 1 else f"{REPEAT} {occurrence}"


def contexts_for(msgids: Iterable[str]) -> list[str | None]:
    """The msgctxt of each of an article's msgids, in article order: None, or ``repeat N`` for repeats."""
    seen: dict[str, int] = {}
    contexts: list[str | None] = []
    for msgid in msgids:
        seen[msgid] = seen.get(msgid, 0) + 1
        contexts.append(repeat_context(seen[msgid]))
    return contexts


def segment_keys(segments: Sequence[Segment], msgid_of: Any = None) -> list[Key]:
    """The key of each segment of one article, in the order given (article order).

    ``msgid_of`` turns a segment's text into its msgid (the exporter cleans characters PO tools disagree
    on); by default the text is the msgid.
    """
    msgids = [msgid_of(s.text) if msgid_of is not None else s.text for s in segments]
    return [(context or "", msgid) for context, msgid in zip(contexts_for(msgids), msgids, strict=True)]


def keyed_segments(segments: Sequence[Segment], msgid_of: Any = None) -> dict[Key, Segment]:
    """One article's segments by the key their entry has in the PO files."""
    ordered = sorted(segments, key=lambda s: (s.paragraph, s.sentence))
    return dict(zip(segment_keys(ordered, msgid_of), ordered, strict=True))


def entry_key(entry: Any) -> Key:
    """What tells an entry apart within its catalog, and pairs it with its twin in the other language."""
    return (entry.msgctxt or "", entry.msgid)


def entry_position(entry: Any) -> Position | None:
    """Where the entry's sentence is in its article, from ``#. position:`` or an old positional msgctxt."""
    match = _POSITION_LINE.search(entry.comment or "")
    if match is None:
        match = _LEGACY_CONTEXT.match(entry.msgctxt or "")
    return Position(int(match.group(1)), int(match.group(2))) if match else None


def entry_label(entry: Any) -> str:
    """How reports name an entry: its position (``p3.s2``), else its msgctxt, else nothing."""
    position = entry_position(entry)
    if position is not None:
        return str(position)
    return str(entry.msgctxt or "")


def is_legacy_context(msgctxt: str | None) -> bool:
    """Whether ``msgctxt`` is the positional kind written before stable keys (``<article-id>:p3.s2``)."""
    return msgctxt is not None and _LEGACY_CONTEXT.match(msgctxt) is not None


def free_context(msgid: str, taken: set[Key]) -> str | None:
    """The first msgctxt (none, ``repeat 2``, …) that gives ``msgid`` a key not in ``taken``."""
    occurrence = 1
    while (repeat_context(occurrence) or "", msgid) in taken:
        occurrence += 1
    return repeat_context(occurrence)


def unit_id(key: Key) -> str:
    """An id for exchange files (XLIFF unit, TMX tuid) that depends on the key only, so it survives edits
    elsewhere in the article; an XML NMTOKEN."""
    msgctxt, msgid = key
    # gettext's own separator between context and id in compiled catalogs.
    raw = f"{msgctxt}\x04{msgid}" if msgctxt else msgid
    return "s" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]
