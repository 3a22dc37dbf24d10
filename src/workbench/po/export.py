"""Build the PO catalogs a reviewer works in, one entry per sentence.

The layout (msgctxt, comment prefixes, flags, header fields) is a contract: the checks, the translation
memory and the English build read these files back, and Poedit/Weblate show the comments to reviewers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import datetime

import polib

from workbench.model import Article, FactKind, Origin, ParagraphKind, Segment, Severity
from workbench.po.keys import position_note, segment_keys, segment_position
from workbench.simplified import DEFAULT_CONFIG

LANGUAGES = ("en", "zh_Hans")

# As gettext's and translate-toolkit's language tables give them: Chinese has one form.
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "zh_Hans": "nplurals=1; plural=0;"}

# Header fields the workbench owns and refreshes on every run: what the file is (UTF-8, made by which tool
# from which page); everything else belongs to the reviewer and the team.
OUR_HEADER_FIELDS = (
    "POT-Creation-Date",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "X-Generator",
    "X-Workbench-Article",
    "X-Workbench-Source",
    "X-Workbench-English-Title",
)
# Filled on a new file, and where a team left them blank; a team's value (Language: en_US, its own
# project name or plural formula) is kept on every re-run.
TEAM_HEADER_FIELDS = ("Project-Id-Version", "Language", "Plural-Forms")
# Filled on a new file only; a reviewer's PO editor rewrites them and a re-run keeps theirs, blank or not.
REVIEWER_HEADER_FIELDS = ("PO-Revision-Date", "Last-Translator", "Language-Team")

# How a QA finding's extracted comment begins: ``#. QA: error amount-scale: ...``. Files written before
# findings moved to extracted comments have them as translator comments (``# QA: ...``); see po/entries.py.
QA_PREFIX = "QA: "

# Python's str.splitlines (used by polib) and some PO readers break lines at these, while gettext does
# not; a page that smuggles one in would make the tools disagree about the text, so they become spaces.
_LINE_BREAKERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_WHITESPACE_RUN = re.compile(r"\s+")


def export_catalog(
    article: Article,
    segments: Sequence[Segment],
    language: str,
    generator_version: str,
    *,
    engine: str | None = None,
    now: datetime | None = None,
) -> polib.POFile:
    """The fresh catalog of one article for ``language`` (``en`` or ``zh_Hans``), before any merge.

    ``en`` carries the machine draft (fuzzy) or an empty msgstr; ``zh_Hans`` carries the Simplified
    conversion, fuzzy until a reviewer confirms it. ``engine`` is the MT engine's ``describe()`` for the
    ``mt: score`` comment; ``now`` fixes the header dates (tests, reproducible builds).
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    po = polib.POFile(wrapwidth=0)
    po.header = _one_line(f"{_describe(language)} of {article.title} ({article.id}), from {article.source}")
    po.metadata = _metadata(article, language, generator_version, now)
    # An empty msgid would read back as a second header in some tools.
    ordered = [s for s in sorted(segments, key=lambda s: (s.paragraph, s.sentence)) if s.text.strip()]
    places = [segment_position(s) for s in ordered]
    if len(set(places)) != len(places):
        raise ValueError(f"two segments of {article.id} share a position")
    for segment, (msgctxt, _) in zip(ordered, segment_keys(ordered, clean_text), strict=True):
        po.append(_entry(article, segment, msgctxt or None, language, engine))
    return po


def format_date(moment: datetime) -> str:
    """A date in the form gettext tools write in headers: ``2024-05-01 12:00+0800``."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M%z")


def clean_text(text: str) -> str:
    """``text`` with characters that PO tools read differently replaced by spaces (tab, newline kept)."""
    return _LINE_BREAKERS.sub(" ", text)


DRAFT_MARK = "draft:"
# Comment prefixes that say where a msgstr came from; they describe the msgstr, not the source.
PROVENANCE = ("mt:", "tm:", "opencc:")
CONVERSION_NOTE = f"opencc: {DEFAULT_CONFIG}"


def fingerprint(draft: str) -> str:
    """A short digest of a machine draft, written beside it so a later run can tell it was never edited."""
    return hashlib.sha1(draft.encode("utf-8")).hexdigest()[:8]


def qa_line(severity: Severity, check: str, message: str) -> str:
    return _one_line(f"{QA_PREFIX}{severity.value} {check}: {message}")


def _describe(language: str) -> str:
    return "English drafts" if language == "en" else "Simplified Chinese"


def _metadata(article: Article, language: str, version: str, now: datetime | None) -> dict[str, str]:
    stamp = format_date(now if now is not None else datetime.now().astimezone())
    metadata = {
        "Project-Id-Version": _one_line(article.id),
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[language],
        "X-Generator": _one_line(f"workbench {version}"),
        "X-Workbench-Article": _one_line(article.id),
        "X-Workbench-Source": _one_line(article.source),
    }
    if article.english_title:
        metadata["X-Workbench-English-Title"] = _one_line(article.english_title)
    return metadata


def _entry(
    article: Article, segment: Segment, msgctxt: str | None, language: str, engine: str | None
) -> polib.POEntry:
    if language == "en":
        msgstr = clean_text(segment.draft)
        has_error = any(f.severity is Severity.ERROR for f in segment.findings)
        # Machine output always needs a reviewer; a draft a reviewer wrote only does when QA objects.
        fuzzy = bool(msgstr) and (segment.origin is not Origin.REVIEWER or has_error)
        comments = _en_comments(segment, engine, match_edges(clean_text(segment.text), msgstr))
        # The findings are the tool's own, like every other extracted comment: rewritten by each run.
        comments += [qa_line(f.severity, f.check, f.message) for f in segment.findings]
    else:
        msgstr = clean_text(segment.simplified)
        fuzzy = bool(msgstr)
        converted = match_edges(clean_text(segment.text), msgstr)
        comments = [*_shared_comments(segment), f"{CONVERSION_NOTE} {DRAFT_MARK}{fingerprint(converted)}"]
    msgid = clean_text(segment.text)
    return polib.POEntry(
        msgctxt=msgctxt,
        msgid=msgid,
        msgstr=match_edges(msgid, msgstr),
        comment="\n".join(_unique(comments)),
        occurrences=[(_one_line(article.source), str(segment.line))],
        flags=["fuzzy"] if fuzzy else [],
    )


def _shared_comments(segment: Segment) -> list[str]:
    lines = [position_note(segment_position(segment))]
    if segment.kind is not ParagraphKind.BODY:
        lines.append(f"kind: {segment.kind.value}")
    for hit in segment.hits:
        line = f"glossary: {hit.text} → {hit.entry.english}"
        if hit.entry.tickers:
            line += f" ({', '.join(hit.entry.tickers)})"
        lines.append(_one_line(line))
    return lines


def _en_comments(segment: Segment, engine: str | None, msgstr: str) -> list[str]:
    lines = _shared_comments(segment)
    # A fact already written the house way in the source (0020.HK) tells the reviewer nothing new.
    facts = [f for f in segment.facts if f.kind is not FactKind.NAME and f.english != f.text]
    lines += [_one_line(f"fact: {f.text} = {f.english}") for f in facts]
    if segment.origin is Origin.MT and segment.score is not None:
        line = f"mt: score {segment.score:.2f}"
        if engine:
            line += f" ({engine})"
        line += f" {DRAFT_MARK}{fingerprint(msgstr)}"
        lines.append(_one_line(line))
    lines += [_one_line(note) for note in segment.notes if note.strip()]
    return lines


def match_edges(msgid: str, msgstr: str) -> str:
    """``msgstr`` starting and ending with a newline exactly when ``msgid`` does, as ``msgfmt -c`` demands."""
    if not msgstr:
        return msgstr
    core = msgstr.strip("\n")
    if not core:
        return msgstr
    head = "\n" if msgid.startswith("\n") else ""
    tail = "\n" if msgid.endswith("\n") else ""
    return f"{head}{core}{tail}"


def _one_line(text: str) -> str:
    """Comment lines and header values are single lines; a stray newline would split a QA line in two."""
    return _WHITESPACE_RUN.sub(" ", text).strip()


def _unique(lines: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(lines))


def render_po(po: polib.POFile) -> str:
    """The text of ``po`` as it is written to disk: no line wrapping, whatever ``po.wrapwidth`` says.

    Wrapped lines make every re-run's diff noisy and cut Chinese sentences at arbitrary places.
    """
    width = po.wrapwidth
    po.wrapwidth = 0
    try:
        return str(po)
    finally:
        po.wrapwidth = width
