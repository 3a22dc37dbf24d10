"""Merge a fresh catalog into the one a reviewer has been editing, the way ``msgmerge`` does.

A re-run on the same or an edited page must never lose a reviewer's work: translations they wrote stay,
a sentence whose source changed keeps its old translation for them to adjust (fuzzy, with the previous
source as ``#|``), and a sentence that vanished is kept as obsolete (``#~``) rather than deleted.
The fresh catalog contributes what the workbench owns: references, extracted comments, QA lines, drafts
for sentences nobody has translated yet, and the header fields it writes.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

import polib
from rapidfuzz import fuzz

from workbench.po.entries import (
    FUZZY,
    provenance_lines,
    qa_lines,
    tool_notes,
    untouched_machine_draft,
    without_legacy_findings,
)
from workbench.po.export import OUR_HEADER_FIELDS, PROVENANCE, TEAM_HEADER_FIELDS, match_edges, render_po
from workbench.po.keys import Key, entry_key, entry_position, free_context, is_legacy_context
from workbench.segment import fold_space

# A changed sentence at the same position is the same sentence edited, unless almost nothing is left of
# it: then the old translation would mislead more than a fresh draft helps (it stays, obsolete).
SAME_PLACE_MIN_SIMILARITY = 40.0
# Elsewhere in the article only a close match is trusted to be the same sentence, moved and edited.
ELSEWHERE_MIN_SIMILARITY = 75.0
# Between two equally good candidates, the one at the same place wins.
SAME_PLACE_BONUS = 15.0


@dataclass(frozen=True)
class _Pair:
    old: polib.POEntry
    changed: bool  # the source text differs: keep the translation but make a reviewer look again


def merge_catalog(existing: polib.POFile | None, fresh: polib.POFile) -> polib.POFile:
    """The catalog to write: ``fresh`` with everything a reviewer put into ``existing`` carried over.

    ``existing`` is what is on disk (``None`` when there is no file yet); it must not define the same
    msgctxt and msgid twice (``load_po`` refuses such files, as ``msgfmt`` does). Neither argument is
    modified.
    """
    if existing is None:
        merged = copy.deepcopy(fresh)
        merged.wrapwidth = 0
        return merged

    fresh_entries = [e for e in fresh if not e.obsolete]
    old_active = [e for e in existing if not e.obsolete and not e.msgid_plural]
    old_obsolete = [e for e in existing if e.obsolete and not e.msgid_plural]
    pairs = _pair(fresh_entries, old_active, old_obsolete)

    merged = polib.POFile(wrapwidth=0, encoding="utf-8")
    merged.header = existing.header if existing.header.strip() else fresh.header
    merged.metadata = _merge_metadata(existing.metadata, fresh.metadata)
    merged.metadata_is_fuzzy = fresh.metadata_is_fuzzy

    used: set[int] = set()
    for index, new in enumerate(fresh_entries):
        pair = pairs.get(index)
        if pair is None:
            merged.append(copy.deepcopy(new))
        else:
            used.add(id(pair.old))
            merged.append(_carry(pair.old, new, changed=pair.changed))
    # Obsolete entries go last, as msgmerge writes them: the ones already there, then the newly vanished.
    # Plural entries never come from a page; whoever added one keeps it exactly as it is.
    plural = [e for e in existing if e.msgid_plural]
    taken: set[Key] = {entry_key(e) for e in merged} | {entry_key(e) for e in plural}
    for old in old_obsolete:
        if id(old) not in used:
            merged.append(_rekeyed(copy.deepcopy(old), taken))
    merged.extend(copy.deepcopy(old) for old in plural)
    for old in old_active:
        if id(old) not in used:
            merged.append(_rekeyed(_obsolete(old), taken))

    keep_creation_date_if_unchanged(existing, merged)
    return merged


def _pair(
    fresh: list[polib.POEntry], active: list[polib.POEntry], obsolete: list[polib.POEntry]
) -> dict[int, _Pair]:
    """Which old entry each fresh entry continues, keyed by the fresh entry's index."""
    pairs: dict[int, _Pair] = {}
    taken: set[int] = set()
    candidates = active + obsolete  # a live entry is preferred over an obsolete one with the same text

    # Unchanged sentences, aligned in page order the way a diff aligns lines: sentences inserted or
    # removed before them shift their position (and, in files of the old layout, their msgctxt), and a
    # sentence repeated on the page keeps its own translation rather than swapping with its twin.
    # Texts are compared with their spaces folded: a sentence whose no-break space an older run read as a
    # plain one is the same sentence, and its entry takes the page's text with its translation and state.
    matcher = SequenceMatcher(
        None, [fold_space(e.msgid) for e in active], [fold_space(e.msgid) for e in fresh], autojunk=False
    )
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            old = active[block.a + offset]
            pairs[block.b + offset] = _Pair(old, changed=False)
            taken.add(id(old))

    # The same sentence elsewhere (a paragraph moved) or back after being dropped (obsolete): its
    # translation follows it, preferably from the entry with the same key, else the same position.
    by_msgid: dict[str, list[polib.POEntry]] = {}
    for old in candidates:
        by_msgid.setdefault(fold_space(old.msgid), []).append(old)
    for index, new in enumerate(fresh):
        if index in pairs:
            continue
        free = [old for old in by_msgid.get(fold_space(new.msgid), ()) if id(old) not in taken]
        if free:
            old = next(
                (o for o in free if o.msgctxt == new.msgctxt),
                next((o for o in free if _same_place(o, new)), free[0]),
            )
            pairs[index] = _Pair(old, changed=False)
            taken.add(id(old))

    # Edited sentences: the closest remaining live entry, best matches first. Obsolete entries are not
    # considered here: a sentence dropped long ago is revived only when it comes back word for word.
    scored: list[tuple[float, int, int, polib.POEntry]] = []
    for index, new in enumerate(fresh):
        if index in pairs:
            continue
        for position, old in enumerate(active):
            if id(old) in taken:
                continue
            similarity = fuzz.ratio(new.msgid, old.msgid)
            same_place = _same_place(old, new)
            if similarity < (SAME_PLACE_MIN_SIMILARITY if same_place else ELSEWHERE_MIN_SIMILARITY):
                continue
            scored.append((similarity + (SAME_PLACE_BONUS if same_place else 0.0), index, position, old))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    for _, index, _, old in scored:
        if index in pairs or id(old) in taken:
            continue
        pairs[index] = _Pair(old, changed=True)
        taken.add(id(old))
    return pairs


def _carry(old: polib.POEntry, new: polib.POEntry, *, changed: bool) -> polib.POEntry:
    """``new`` (fresh references, comments and QA lines) with the reviewer's part of ``old``."""
    # A machine draft nobody has touched gives way to a fresh one: for a changed sentence, a draft of the new
    # text beats a draft of the old one; for the same sentence, a newer model's (--refresh-mt). Anything a
    # reviewer typed, or any entry they confirmed, stays.
    refresh = bool(new.msgstr) and untouched_machine_draft(old)
    entry = polib.POEntry(
        msgctxt=new.msgctxt,
        msgid=new.msgid,
        comment=_comment(old, new, kept_draft=bool(old.msgstr) and not refresh),
        occurrences=list(new.occurrences),
        tcomment=_translator_comments(old, new),
    )
    old_fuzzy = FUZZY in old.flags
    if old.msgstr and not refresh:
        if changed:
            entry.msgstr = match_edges(new.msgid, old.msgstr)
            fuzzy = True
            if old_fuzzy and old.previous_msgid is not None:
                # Still unreviewed: the translation belongs to the source it was made for, not to old.msgid.
                previous_id, previous_ctx = old.previous_msgid, old.previous_msgctxt or old.msgctxt
            else:
                previous_id, previous_ctx = old.msgid, old.msgctxt
            entry.previous_msgid = previous_id
            if is_legacy_context(previous_ctx):
                # A key of the old layout names a position, not a context the text ever had.
                previous_ctx = None
            if previous_ctx != new.msgctxt:
                entry.previous_msgctxt = previous_ctx
        else:
            # Reviewed or not, the existing translation is the reviewer's to change; its state too.
            entry.msgstr = old.msgstr
            fuzzy = old_fuzzy
            if fuzzy:
                entry.previous_msgid = old.previous_msgid
                if not is_legacy_context(old.previous_msgctxt):
                    entry.previous_msgctxt = old.previous_msgctxt
    else:
        entry.msgstr = new.msgstr
        fuzzy = FUZZY in new.flags
    others = _unique(flag for flag in old.flags + new.flags if flag != FUZZY)
    entry.flags = ([FUZZY] if fuzzy else []) + others
    return entry


def _translator_comments(old: polib.POEntry, new: polib.POEntry) -> str:
    """The reviewer's comments of ``old``, byte for byte; findings of the older layout taken out of them.

    A fresh catalog without findings has not been checked yet: old-layout findings stay for the checks
    that run after the merge to move, since only with the new findings at hand is one that an editor
    wrapped recognised whole.
    """
    fresh = qa_lines(new)
    return without_legacy_findings(old.tcomment, fresh) if fresh else str(old.tcomment or "")


def _comment(old: polib.POEntry, new: polib.POEntry, *, kept_draft: bool) -> str:
    """The fresh extracted comments; a kept old translation keeps the note of where it came from."""
    if not kept_draft:
        return str(new.comment)
    notes = [note for note in tool_notes(new) if not note.startswith(PROVENANCE)]
    kept = provenance_lines(old.comment)
    return "\n".join([*notes, *kept, *qa_lines(new)])


def _same_place(old: polib.POEntry, new: polib.POEntry) -> bool:
    position = entry_position(old)
    return position is not None and position == entry_position(new)


def _rekeyed(entry: polib.POEntry, taken: set[Key]) -> polib.POEntry:
    """``entry`` with a key no other entry of the file has, an old positional msgctxt replaced.

    A sentence that was repeated and lost one occurrence leaves an obsolete twin with the live one's key;
    gettext tools and ``load_po`` refuse a file that defines a key twice, and the twin's translation is a
    reviewer's work that must stay, so it moves to the next free ``repeat N``.
    """
    if is_legacy_context(entry.msgctxt) or entry_key(entry) in taken:
        entry.msgctxt = free_context(entry.msgid, taken)
    if is_legacy_context(entry.previous_msgctxt):
        entry.previous_msgctxt = None
    taken.add(entry_key(entry))
    return entry


def _obsolete(old: polib.POEntry) -> polib.POEntry:
    entry = copy.deepcopy(old)
    entry.obsolete = True
    # Findings describe the last run's draft of a sentence that is no longer on the page (and obsolete
    # entries carry no extracted comments at all).
    entry.tcomment = without_legacy_findings(old.tcomment)
    return entry


def _merge_metadata(existing: dict[str, str], fresh: dict[str, str]) -> dict[str, str]:
    merged = dict(fresh)
    for key, value in existing.items():
        if key in OUR_HEADER_FIELDS or (key in TEAM_HEADER_FIELDS and not value.strip()):
            continue
        merged[key] = value
    return merged


def keep_creation_date_if_unchanged(existing: polib.POFile, merged: polib.POFile) -> None:
    """A re-run that changes nothing leaves the file byte for byte as it was, so diffs stay quiet.

    Whoever changes ``merged`` after the merge (the QA lines of the checks) calls this again.
    """
    old_stamp = existing.metadata.get("POT-Creation-Date")
    new_stamp = merged.metadata.get("POT-Creation-Date")
    if old_stamp is None or new_stamp is None or old_stamp == new_stamp:
        return
    merged.metadata["POT-Creation-Date"] = old_stamp
    if render_po(merged) != render_po(existing):
        merged.metadata["POT-Creation-Date"] = new_stamp


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
