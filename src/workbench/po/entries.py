"""What an entry or a file in the workbench's PO layout says: decided here, never by the caller.

Whether a sentence is reviewed decides what the memory learns, what XLIFF calls ``reviewed``, what ``en.md``
marks and what the merge may refresh; if each reader deduced it for itself, one of them would one day
disagree (translate-toolkit's ``istranslated`` keeps the same rule in one place for the same reason). The
same goes for which article a file belongs to, whether a catalog is the English one, and where the
workbench's QA findings are: extracted comments (``#. QA: error amount-scale: ...``), the tool's own and
rewritten by every run, while translator comments (``#``) are the reviewer's and kept byte for byte. Code
that reads findings or a reviewer's comments (the review page, exchange files) calls ``qa_lines`` and
``reviewer_lines`` and never looks at the comment fields itself.

Every PO file is opened with ``load_po``: strictly, so a broken file a reviewer left is refused with its
line number by every command alike, never read leniently by one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from workbench.model import Severity
from workbench.po.export import DRAFT_MARK, PROVENANCE, QA_PREFIX, fingerprint, qa_line
from workbench.po.files import load_po
from workbench.po.keys import POSITION_NOTE, Key, entry_key

if TYPE_CHECKING:
    from workbench.model import Finding

FUZZY = "fuzzy"
ARTICLE_FIELD = "X-Workbench-Article"

# How every extracted comment (``#.``) the workbench writes begins.
_EXTRACTED_HEADS = (POSITION_NOTE, "kind:", "glossary:", "fact:", *PROVENANCE, QA_PREFIX.strip())

# What ``qa_line`` writes: ``QA: error amount-wrong: ...``. The prefix alone is not enough: a reviewer's
# own "QA: checked with the desk" is theirs and must survive every run.
_QA_LINE = re.compile(
    rf"^{re.escape(QA_PREFIX)}(?:{'|'.join(re.escape(s.value) for s in Severity)}) [\w-]+:(?: |$)"
)


def is_reviewed(entry: polib.POEntry) -> bool:
    """Reviewed in the PO layout: not obsolete, not fuzzy, with a translation."""
    return not entry.obsolete and FUZZY not in entry.flags and bool(entry.msgstr.strip())


def live_entries(po: polib.POFile) -> Iterator[polib.POEntry]:
    """The entries of the article as it stands, in file order: obsolete ones (``#~``) left out."""
    return (entry for entry in po if not entry.obsolete)


def untouched_machine_draft(entry: polib.POEntry) -> bool:
    """Whether ``entry`` still holds, fuzzy and unedited, the machine output its provenance comment names."""
    if FUZZY not in entry.flags or not entry.msgstr:
        return False
    mark = f"{DRAFT_MARK}{fingerprint(entry.msgstr)}"
    return any(line.endswith(mark) for line in provenance_lines(entry.comment))


def provenance_lines(comment: str | None) -> list[str]:
    """The notes of where the msgstr came from (``mt:``, ``tm:``, ``opencc:``), whole."""
    return [note for note in extracted_notes(comment) if note.startswith(PROVENANCE)]


def extracted_notes(comment: str | None) -> list[str]:
    """The extracted comments (``#.``) the workbench wrote, each whole however an editor wrapped it.

    An editor that wraps comments (polib) moves the end of a long note (an ``mt:`` note's draft
    fingerprint, the end of a finding) to a line of its own; read line by line, the note would be cut
    short for good and its tail taken for a note of its own. Every extracted comment the workbench writes
    starts with a known word, so any other line continues the one before it.
    """
    notes: list[str] = []
    for line in comment_lines(comment):
        if notes and not line.startswith(_EXTRACTED_HEADS):
            # Wrapping drops the space at the break, or breaks after a hyphen inside a word.
            joint = "" if len(notes[-1]) > 1 and notes[-1][-1] == "-" and notes[-1][-2].isalnum() else " "
            notes[-1] = f"{notes[-1]}{joint}{line}"
        else:
            notes.append(line)
    return notes


def article_of(po: polib.POFile, path: Path) -> str:
    """The article a catalog belongs to: its header says so; a file without one is named by its folder."""
    return str(po.metadata.get(ARTICLE_FIELD) or Path(path).parent.name)


def is_english(po: polib.POFile, path: Path) -> bool:
    """Whether a catalog's target language is English: its Language header, else its file name."""
    language = str(po.metadata.get("Language", "")).strip().lower().replace("-", "_")
    if language:
        return language == "en" or language.startswith("en_")
    return not Path(path).stem.lower().startswith("zh")


def load_po_if_present(path: Path) -> polib.POFile | None:
    """The catalog at ``path`` read strictly, or None when there is no file yet."""
    return load_po(path) if Path(path).exists() else None


def reviewer_lines(
    entry: polib.POEntry, current: Sequence[str] = (), wrapped_at: int | None = None
) -> list[str]:
    """The translator comments (``#``) a reviewer wrote, as they are in the file, blanks kept.

    Findings are extracted comments (``#.``); in a file of the older layout, which had them as translator
    comments, those lines and the tails an editor's wrapping made of them are left out (see
    ``without_legacy_findings`` for ``current`` and ``wrapped_at``), so what is shown is what the next run
    keeps.
    """
    return comment_lines(without_legacy_findings(entry.tcomment, current, wrapped_at))


def qa_lines(entry: polib.POEntry) -> list[str]:
    """The entry's QA findings as the last run wrote them (``QA: error amount-scale: ...``), each whole.

    They are extracted comments, read whole however an editor wrapped them; a file of the older layout
    has them as translator comments, and those count until the next run moves them.
    """
    found = [note for note in extracted_notes(entry.comment) if is_qa_line(note)]
    return found + [line for line in comment_lines(entry.tcomment) if is_qa_line(line)]


def tool_notes(entry: polib.POEntry) -> list[str]:
    """The workbench's extracted comments other than findings (position, kind, hints, provenance), whole."""
    return [note for note in extracted_notes(entry.comment) if not is_qa_line(note)]


def is_qa_line(line: str) -> bool:
    """Whether a comment line is one of the workbench's QA findings, not a reviewer's words."""
    return _QA_LINE.match(line) is not None


def set_findings(entry: polib.POEntry, findings: Sequence[Finding], wrapped_at: int | None = None) -> None:
    """Write ``findings`` as the entry's QA extracted comments, replacing the last run's.

    Extracted comments are the workbench's own and rewritten whole, so whatever an editor's wrapping did
    to the old ones leaves nothing behind. The translator comments are the reviewer's and stay byte for
    byte, except that findings of the older layout (translator comments) are taken out of them, with the
    tails an editor's wrapping made of them (``wrapped_at``: see ``wrap_width``).
    """
    qa = _unique(qa_line(f.severity, f.check, f.message) for f in findings)
    entry.comment = "\n".join([*tool_notes(entry), *qa])
    entry.tcomment = without_legacy_findings(entry.tcomment, qa, wrapped_at)


def without_legacy_findings(
    tcomment: str | None, current: Sequence[str] = (), wrapped_at: int | None = None
) -> str:
    """``tcomment`` without the findings an older run wrote there; every other line exactly as it was.

    An editor that wraps comments (polib at 78 columns, or narrower) splits a long finding in two or more
    lines, and the tails no longer look like findings. A tail is recognised when the lines joined back
    give one of ``current`` (the findings of this run: the same text is being written again), or, when the
    file shows it was wrapped at ``wrapped_at`` columns, when every break is where a wrap at that width
    breaks: the line before it is full, so the next word could not have stayed on it. A reviewer's line
    after a short finding is never taken for a tail.
    """
    lines = comment_lines(tcomment)
    heads = [index for index, line in enumerate(lines) if is_qa_line(line)]
    if not heads:
        return str(tcomment or "")
    wanted = {_unspaced(line) for line in current}
    dropped = set(heads)
    for head in heads:
        tails = _joined_tails(lines, head, wanted)
        if wrapped_at is not None:
            # A wrap may have gone on past what joins back into a current finding (the old one said more).
            tails += _wrapped_tails(lines, tails[-1] if tails else head, wrapped_at)
        dropped.update(tails)
    return "\n".join(line for index, line in enumerate(lines) if index not in dropped)


def wrap_width(
    catalog: polib.POFile, current: Mapping[Key, Sequence[str]] | None = None, text: str | None = None
) -> int | None:
    """The width an editor wrapped the comments of ``catalog`` at, when the file shows a wrap; else None.

    The workbench writes every comment and string on one line, so a wrap shows as an extracted comment
    continued on the next line; as a finding of the older layout continued by lines that join back into
    one of ``current`` (this run's findings by entry key); or, in the file's ``text``, as a msgid or msgstr
    an editor broke into lines (long sentences always are). The width is then that of the widest comment
    line of the entries holding a space (a single long word is never broken, so it can be wider; the
    file's own header comment is not wrapped by editors).
    """
    widest, wrapped = 0, False
    if text is not None:
        wrapped = _WRAPPED_STRING.search(text, text.find("\n\n") + 1) is not None
    for entry in catalog:
        translator, extracted = comment_lines(entry.tcomment), comment_lines(entry.comment)
        for line, prefix in [*((t, 2) for t in translator), *((x, 3) for x in extracted)]:
            if " " in line.strip():
                widest = max(widest, len(line) + prefix)
        if wrapped:
            continue
        if any(not line.startswith(_EXTRACTED_HEADS) for line in extracted[1:]):
            wrapped = True
        elif current:
            wanted = {_unspaced(line) for line in current.get(entry_key(entry), ())}
            wrapped = any(
                _joined_tails(translator, index, wanted)
                for index, line in enumerate(translator)
                if is_qa_line(line)
            )
    return widest if wrapped and widest else None


# A string an editor broke into lines: `msgstr ""` followed by its pieces (the header's is left out).
_WRAPPED_STRING = re.compile(r'^(?:msgctxt|msgid|msgstr(?:\[\d+\])?) ""\n"', re.MULTILINE)


def _joined_tails(lines: Sequence[str], head: int, wanted: set[str]) -> list[int]:
    """The lines after ``head`` that, joined to it, give one of ``wanted`` (unspaced); else none."""
    joined = _unspaced(lines[head])
    if joined in wanted:
        return []
    for tail in range(head + 1, len(lines)):
        if not lines[tail].strip() or is_qa_line(lines[tail]):
            break
        joined += _unspaced(lines[tail])
        if joined in wanted:
            return list(range(head + 1, tail + 1))
    return []


_CHUNK = re.compile(r"[^\s-]*-(?=\w)|\S+")


def _wrapped_tails(lines: Sequence[str], head: int, width: int) -> list[int]:
    """The lines after ``head`` that a wrap at ``width`` columns (``# `` included) would have made of it."""
    tails: list[int] = []
    before = lines[head]
    for index in range(head + 1, len(lines)):
        line = lines[index]
        if not line.strip() or is_qa_line(line) or len(line) + 2 > width or len(before) + 2 > width:
            break
        chunk = _CHUNK.match(line.lstrip())
        space = 0 if before.endswith("-") else 1
        if chunk is None or len(before) + 2 + space + len(chunk.group()) <= width:
            break  # the next word would have fit on the line before: not a wrap
        tails.append(index)
        before = line
    return tails


def _unspaced(text: str) -> str:
    # Wrapping drops the space at a break, or breaks after a hyphen with none ("non-" / "performing").
    return "".join(text.split())


def _unique(lines: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(lines))


def comment_lines(comment: str | None) -> list[str]:
    """The lines of a comment field; an absent or empty comment has none."""
    return comment.split("\n") if comment else []


@dataclass(frozen=True)
class EntryNotes:
    """What an entry's comments say, sorted by whose they are: how exchange files (XLIFF notes) read them."""

    tool: tuple[str, ...]  # the workbench's extracted comments (position, kind, hints, provenance)
    findings: tuple[tuple[str, str], ...]  # QA findings: (severity, "check: message")
    reviewer: tuple[str, ...]  # the reviewer's own comment lines, blank ones left out


def entry_notes(entry: polib.POEntry) -> EntryNotes:
    """The entry's notes by kind; a finding is given without the ``QA: `` prefix, split off its severity."""
    findings = []
    for line in qa_lines(entry):
        finding = line[len(QA_PREFIX) :]
        findings.append((finding.split(" ", 1)[0], finding))
    return EntryNotes(
        tool=tuple(line for line in tool_notes(entry) if line.strip()),
        findings=tuple(findings),
        reviewer=tuple(line for line in reviewer_lines(entry) if line.strip()),
    )


def draft_origin(entry: polib.POEntry) -> str | None:
    """``mt``, ``tm`` or ``opencc`` while the msgstr is still, untouched, the output its provenance names."""
    if not untouched_machine_draft(entry):
        return None
    mark = f"{DRAFT_MARK}{fingerprint(entry.msgstr)}"
    for line in provenance_lines(entry.comment):
        if line.endswith(mark):
            return line.split(":", 1)[0]
    return None
