"""What an entry or a file in the workbench's PO layout says: decided here, never by the caller.

Whether a sentence is reviewed decides what the memory learns, what XLIFF calls ``reviewed``, what ``en.md``
marks and what the merge may refresh; if each reader deduced it for itself, one of them would one day
disagree (translate-toolkit's ``istranslated`` keeps the same rule in one place for the same reason). The
same goes for which article a file belongs to, whether a catalog is the English one, and which translator
comments are the workbench's QA lines and which are a reviewer's own.

Every PO file is opened with ``load_po``: strictly, so a broken file a reviewer left is refused with its
line number by every command alike, never read leniently by one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from workbench.model import Severity
from workbench.po.export import DRAFT_MARK, PROVENANCE, QA_PREFIX, fingerprint, qa_line
from workbench.po.files import load_po
from workbench.po.keys import POSITION_NOTE

if TYPE_CHECKING:
    from workbench.model import Finding

FUZZY = "fuzzy"
ARTICLE_FIELD = "X-Workbench-Article"

# How every extracted comment (``#.``) the workbench writes begins.
_EXTRACTED_HEADS = (POSITION_NOTE, "kind:", "glossary:", "fact:", *PROVENANCE)

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
    """The notes of where the msgstr came from (``mt:``, ``tm:``, ``opencc:``), whole.

    An editor that wraps comments (polib) moves the end of a long note, with its draft fingerprint, to a
    line of its own; read line by line, the note would be cut short for good and the draft taken for a
    reviewer's. Every extracted comment the workbench writes starts with a known word, so any other line
    continues the one before it.
    """
    notes: list[str] = []
    for line in comment_lines(comment):
        if notes and not line.startswith(_EXTRACTED_HEADS):
            # Wrapping drops the space at the break, or breaks after a hyphen inside a word.
            joint = "" if len(notes[-1]) > 1 and notes[-1][-1] == "-" and notes[-1][-2].isalnum() else " "
            notes[-1] = f"{notes[-1]}{joint}{line}"
        else:
            notes.append(line)
    return [note for note in notes if note.startswith(PROVENANCE)]


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


def reviewer_lines(tcomment: str | None) -> list[str]:
    """The translator comments a reviewer wrote: every line that is not a workbench QA line, blanks kept."""
    return [line for line in comment_lines(tcomment) if not is_qa_line(line)]


def qa_lines(tcomment: str | None) -> list[str]:
    """The workbench's QA lines among the translator comments."""
    return [line for line in comment_lines(tcomment) if is_qa_line(line)]


def is_qa_line(line: str) -> bool:
    """Whether a translator-comment line is one of the workbench's QA findings, not a reviewer's words."""
    return _QA_LINE.match(line) is not None


def with_qa_lines(tcomment: str | None, qa: Iterable[str]) -> str:
    """``tcomment`` with its QA lines replaced by ``qa``; the reviewer's own lines stay first, unchanged.

    An editor that wraps comments (polib at 78 columns) splits a long QA line in two or more; the tail
    lines no longer look like QA and would be kept as a reviewer's, one more stray line per save. A tail
    is recognised when the lines joined back give one of ``qa`` exactly: the finding still holds, so the
    same text is being written again. A finding that changed leaves its tail, as a reviewer's line would be
    left, since nothing tells the two apart.
    """
    new = list(qa)
    lines = comment_lines(tcomment)
    ours = set(_wrapped_qa_tails(lines, {_unspaced(line) for line in new}))
    kept = [line for index, line in enumerate(lines) if index not in ours and not is_qa_line(line)]
    return "\n".join([*kept, *new])


def _wrapped_qa_tails(lines: Sequence[str], qa: set[str]) -> Iterator[int]:
    """The indexes of lines that continue a QA line an editor wrapped into a line of ``qa`` (unspaced)."""
    for head, line in enumerate(lines):
        joined = _unspaced(line)
        if not is_qa_line(line) or joined in qa:
            continue
        for tail in range(head + 1, len(lines)):
            if not lines[tail] or is_qa_line(lines[tail]):
                break
            joined += _unspaced(lines[tail])
            if joined in qa:
                yield from range(head + 1, tail + 1)
                break


def _unspaced(text: str) -> str:
    # Wrapping drops the space at a break, or breaks after a hyphen with none ("non-" / "performing").
    return "".join(text.split())


def set_findings(entry: polib.POEntry, findings: Sequence[Finding]) -> None:
    """Replace the entry's QA translator comments with ``findings``, keeping the reviewer's own comments."""
    qa = (qa_line(f.severity, f.check, f.message) for f in findings)
    entry.tcomment = with_qa_lines(entry.tcomment, qa)


def comment_lines(comment: str | None) -> list[str]:
    """The lines of a comment field; an absent or empty comment has none."""
    return comment.split("\n") if comment else []
