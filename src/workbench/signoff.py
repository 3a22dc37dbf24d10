"""Where an article stands for the desk editor, and the editor's sign-off.

An article is **ready** to sign off when every English and every Simplified entry is reviewed (neither
fuzzy nor empty) and the checks that ``workbench check`` runs find no error in its English as it is now.
``sign_off`` records who signed it off and when in the article's folder (``.workbench-signoff.json``), with
a digest of what was signed off: the text and review state of every live entry of both PO files. A later
edit to either file changes that digest, and the sign-off then shows as "changed since"; a re-run that only
refreshes comments, references or dates leaves it alone. The record lives in the article's folder, so the
folder-by-content matching of ``translate`` carries it along with the reviewed entries.

The record is the tool's own file: written atomically, never through a symlink, and read as hostile (a
size limit, a strict shape, no link followed); one that cannot be read is reported, never trusted.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import InputError, WorkbenchError
from workbench.model import Finding, Severity
from workbench.textio import write_text_atomic

if TYPE_CHECKING:
    import polib

    from workbench.glossary import Glossary
    from workbench.po.keys import Key

SIGNOFF_NAME = ".workbench-signoff.json"
SIGNOFF_VERSION = 1
MAX_RECORD_BYTES = 16 * 1024
MAX_NAME = 120


class SignOffUnreadable(WorkbenchError):
    """An article's sign-off record exists but cannot be trusted; it is shown as such, never as signed."""


class NotReady(InputError):
    """An article that is not ready was to be signed off without ``force``."""


@dataclass(frozen=True)
class SignOff:
    """Who signed an article off, when, and the digest of its PO files' entries at that moment."""

    by: str
    at: str  # ISO 8601 with the offset, to the second
    content: str
    forced: bool = False  # signed off although not ready (``--force``)
    unready: str = ""  # what was not ready then, for a forced sign-off

    @property
    def when(self) -> str:
        """``2026-01-27 14:03``: the time as the editor's clock showed it."""
        return self.at[:16].replace("T", " ")


@dataclass(frozen=True)
class Assessment:
    """An article's review state as its PO files stand now, with this run's findings per entry key."""

    sentences: int
    en_unreviewed: int
    zh_unreviewed: int
    errors: int
    warnings: int
    content: str  # the digest a sign-off records
    findings: dict[Key, tuple[Finding, ...]] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        return self.sentences > 0 and not (self.en_unreviewed or self.zh_unreviewed or self.errors)

    def why_not(self) -> str:
        """What stands between the article and being ready, in words; empty when it is ready."""
        parts = []
        if self.sentences == 0:
            parts.append("no sentences")
        if self.en_unreviewed:
            parts.append(f"{_count(self.en_unreviewed, 'English sentence')} unreviewed")
        if self.zh_unreviewed:
            parts.append(f"{_count(self.zh_unreviewed, 'Simplified sentence')} unreviewed")
        if self.errors:
            parts.append(f"{_count(self.errors, 'QA error')}")
        return ", ".join(parts)


def assess(en: polib.POFile, zh: polib.POFile | None, glossary: Glossary | None) -> Assessment:
    """The review state of an article's catalogs, checked the way ``workbench check`` checks them."""
    from workbench.checks import check_entries
    from workbench.po import entry_key, is_reviewed, live_entries

    findings = {entry_key(entry): found for entry, found in check_entries(en, glossary)}
    english = [e for e in live_entries(en) if e.msgid]
    simplified = [e for e in live_entries(zh) if e.msgid] if zh is not None else []
    every = [f for found in findings.values() for f in found]
    errors = sum(f.severity is Severity.ERROR for f in every)
    return Assessment(
        sentences=len(english),
        en_unreviewed=sum(not is_reviewed(e) for e in english),
        # A Simplified file that is missing has nothing reviewed: every English sentence still needs it.
        zh_unreviewed=sum(not is_reviewed(e) for e in simplified) if zh is not None else len(english),
        errors=errors,
        warnings=sum(f.severity is Severity.WARNING for f in every),
        content=content_digest(en, zh),
        findings=findings,
    )


def assess_folder(folder: Path, glossary: Glossary | None) -> Assessment:
    """``assess`` of the catalogs in an article folder; a PO file that cannot be read raises POFileError."""
    from workbench.po import load_po, load_po_if_present

    folder = Path(folder)
    return assess(load_po(folder / "en.po"), load_po_if_present(folder / "zh_Hans.po"), glossary)


def content_digest(en: polib.POFile, zh: polib.POFile | None) -> str:
    """A digest of what a sign-off covers: each live entry's key, translation and whether it is reviewed."""
    from workbench.po import entry_key, is_reviewed, live_entries

    digest = hashlib.sha256()
    for language, catalog in (("en", en), ("zh_Hans", zh)):
        rows = [] if catalog is None else live_entries(catalog)
        for entry in rows:
            context, msgid = entry_key(entry)
            row = [language, context, msgid, entry.msgstr, is_reviewed(entry)]
            digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
    return digest.hexdigest()[:32]


def check_name(name: str) -> str:
    """The editor's name as given to ``--by``, or InputError: one line of printable text."""
    name = name.strip()
    if not name:
        raise InputError("--by: give the name of the editor signing off (e.g. --by 'Chan Tai Man')")
    if len(name) > MAX_NAME or any(unicodedata.category(c)[0] == "C" for c in name):
        raise InputError(
            f"--by: give a name of at most {MAX_NAME} printable characters, without tabs or line breaks"
        )
    return name


def sign_off(
    folder: Path,
    by: str,
    glossary: Glossary | None,
    *,
    force: bool = False,
    now: datetime | None = None,
) -> tuple[SignOff, Assessment]:
    """Record that ``by`` signs off the article in ``folder``; NotReady when it is not ready (or ``force``).

    Signing off again replaces the record (the latest editor and time count).
    """
    by = check_name(by)
    state = assess_folder(folder, glossary)
    if not state.ready and not force:
        raise NotReady(f"{folder}: not ready to sign off ({state.why_not()})")
    moment = (now or datetime.now().astimezone()).replace(microsecond=0)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    record = SignOff(
        by=by,
        at=moment.isoformat(),
        content=state.content,
        forced=not state.ready,
        unready=state.why_not(),
    )
    write_signoff(folder, record)
    return record, state


def write_signoff(folder: Path, record: SignOff) -> None:
    """Write the record atomically; a symlink planted in its place is replaced, never written through."""
    path = Path(folder) / SIGNOFF_NAME
    data = {
        "note": "Made by `workbench signoff`: who signed this article off, and a digest of what they signed.",
        "version": SIGNOFF_VERSION,
        "by": record.by,
        "at": record.at,
        "content": record.content,
        "forced": record.forced,
        "unready": record.unready,
    }
    if os.path.islink(path):
        path.unlink()
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def read_signoff(folder: Path) -> SignOff | None:
    """The article's sign-off, None when it has none; SignOffUnreadable when the record cannot be trusted."""
    path = Path(folder) / SIGNOFF_NAME
    shown = f"{path}: the sign-off record"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)  # a FIFO must not block the open
    except FileNotFoundError:
        return None
    except OSError as err:
        why = (
            "is a symlink, not the tool's file"
            if err.errno == errno.ELOOP
            else f"cannot be read ({err.strerror})"
        )
        raise SignOffUnreadable(f"{shown} {why}; sign the article off again") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_RECORD_BYTES:
            raise SignOffUnreadable(
                f"{shown} is not a file of at most {MAX_RECORD_BYTES} bytes; sign the article off again"
            )
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        raw = handle.read(MAX_RECORD_BYTES)  # a file that grew since is cut, and so is damaged
    try:
        return _record(json.loads(raw.decode("utf-8")))
    except (ValueError, TypeError, KeyError, RecursionError, UnicodeDecodeError, InputError):
        # InputError: a name ``--by`` would refuse (empty, too long, a control character).
        raise SignOffUnreadable(f"{shown} is damaged; sign the article off again") from None


def _record(data: Any) -> SignOff:
    if not isinstance(data, dict) or data.get("version") != SIGNOFF_VERSION:
        raise ValueError("not a sign-off record of this version")
    record = SignOff(
        by=check_name(_text(data["by"])),
        at=_text(data["at"]),
        content=_text(data["content"]),
        forced=_flag(data.get("forced", False)),
        unready=_text(data.get("unready", "")),
    )
    datetime.fromisoformat(record.at)  # ValueError when it is not a time
    if len(record.content) != 32 or any(c not in "0123456789abcdef" for c in record.content):
        raise ValueError("not a digest")
    return record


def _text(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 500:
        raise TypeError("expected a short text")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


@dataclass(frozen=True)
class Standing:
    """An article's sign-off as it stands: the record, whether its text changed since, or why it is unread."""

    record: SignOff | None
    changed: bool = False
    problem: str = ""

    @property
    def holds(self) -> bool:
        return self.record is not None and not self.changed and not self.problem

    def describe(self) -> str:
        """One line for people: ``signed off by X, 2026-01-27 14:03``, ``...; changed since``, or empty."""
        if self.problem:
            return f"sign-off record unreadable: {self.problem}"
        if self.record is None:
            return ""
        line = f"signed off by {self.record.by}, {self.record.when}"
        if self.record.forced:
            line += f" (not ready then: {self.record.unready})"
        if self.changed:
            line += "; changed since"
        return line


def standing(folder: Path, content: str) -> Standing:
    """The sign-off of the article in ``folder`` against ``content``, its PO files' digest now."""
    try:
        record = read_signoff(folder)
    except SignOffUnreadable as err:
        return Standing(None, problem=str(err))
    if record is None:
        return Standing(None)
    return Standing(record, changed=record.content != content)


def folder_standing(folder: Path) -> Standing:
    """``standing`` with the digest read from the folder's PO files (no checks are run)."""
    from workbench.po import load_po, load_po_if_present

    en = load_po(Path(folder) / "en.po")
    zh = load_po_if_present(Path(folder) / "zh_Hans.po")
    return standing(folder, content_digest(en, zh))
