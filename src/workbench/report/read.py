"""What the review site shows, read from the article folders' PO files (never written here).

Each ``en.po`` entry becomes one ``Sentence`` with its review state, QA findings, hints and MT score, and the
Simplified text and state of the matching ``zh_Hans.po`` entry beside it. The state is read the way
reviewers and the other commands read it: reviewed is a live entry that is neither fuzzy nor empty; a fuzzy
entry whose provenance comment is ``tm:`` is a memory match, one with ``mt:`` a machine draft.

The findings are never read from the file's comments, which describe the draft as the last ``translate``
left it: they are computed from the PO files as they are now, by ``workbench.signoff.assess``, which runs the
checks through the same call ``workbench check`` makes. So the page and ``workbench check`` always agree,
however the files were edited since.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import WorkbenchError
from workbench.po import (
    article_of,
    entry_key,
    entry_position,
    is_reviewed,
    load_po,
    load_po_if_present,
    reviewer_lines,
    tool_notes,
    unit_id,
    wrap_width,
)
from workbench.po.export import qa_line
from workbench.signoff import Standing, assess, standing
from workbench.tickers import normalise

if TYPE_CHECKING:
    import polib

    from workbench.glossary import Glossary
    from workbench.model import Finding as CheckFinding

ENGLISH_TITLE = "X-Workbench-English-Title"

_KIND = re.compile(r"^kind:\s*(\S+)\s*$")
_MT_SCORE = re.compile(r"^mt: score (-?\d+(?:\.\d+)?)")
# `glossary: 商湯 → SenseTime (0020.HK)`: the tickers are the last bracket, when it holds only tickers.
_GLOSSARY = re.compile(r"^glossary: (?P<text>.+?) → (?P<english>.+?)(?: \((?P<tickers>[A-Z0-9.:, ]+)\))?$")
# Tickers as they are written in sources and hints: 0020.HK, 601995.SH, QFIN.US.
_TICKER = re.compile(r"(?<![\w.])(?:\d{1,5}\.HK|\d{6}\.S[HZ]|[A-Z]{1,5}\.US)(?![\w])")
_HINT_PREFIXES = ("glossary:", "fact:", "tm:")
_LAST = 1 << 30


class State(str, Enum):
    """The review state of an entry, in the order the index and the chart show them."""

    REVIEWED = "reviewed"
    MACHINE = "machine"  # fuzzy machine draft
    MEMORY = "memory"  # fuzzy translation-memory match
    FUZZY = "fuzzy"  # fuzzy for another reason: a reviewer's text QA objects to, an old translation kept
    EMPTY = "empty"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def short(self) -> str:
        """The label without "(fuzzy)", for a row whose state badge sits beside other state facts."""
        return _LABELS[self].replace(" (fuzzy)", "")


_LABELS = {
    State.REVIEWED: "reviewed",
    State.MACHINE: "machine draft (fuzzy)",
    State.MEMORY: "memory match (fuzzy)",
    State.FUZZY: "other fuzzy",
    State.EMPTY: "empty",
}


class Status(str, Enum):
    """Where an article stands for the desk editor; the index filters on it."""

    ATTENTION = "attention"  # QA errors, files that cannot be read, or text changed since its sign-off
    REVIEW = "review"  # in review: sentences unreviewed, no error
    READY = "ready"  # ready to sign off
    SIGNED = "signed"  # signed off, unchanged since

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.ATTENTION: "needs attention",
    Status.REVIEW: "in review",
    Status.READY: "ready to sign off",
    Status.SIGNED: "signed off",
}


@dataclass(frozen=True)
class Finding:
    severity: str  # "error", "warning" or "info"
    check: str
    message: str

    @classmethod
    def of(cls, finding: CheckFinding) -> Finding:
        return cls(finding.severity.value, finding.check, finding.message)


@dataclass(frozen=True)
class Term:
    """A glossary hint of a sentence: the Chinese as found, its English and its listings."""

    text: str
    english: str
    tickers: tuple[str, ...]


@dataclass(frozen=True)
class Sentence:
    anchor: str  # the sentence's permalink id: derived from its entry key, so it survives edits elsewhere
    paragraph: int
    number: int  # within the paragraph
    kind: str  # title, standfirst, highlights, bullet, byline, heading, body
    source: str  # Traditional Chinese
    english: str
    simplified: str
    simplified_state: State  # REVIEWED, FUZZY (a conversion nobody confirmed) or EMPTY
    state: State
    findings: tuple[Finding, ...]
    comments: tuple[str, ...]  # the reviewer's own translator comments
    hints: tuple[str, ...]  # glossary, fact and memory lines, as the PO editor shows them
    terms: tuple[Term, ...]
    score: float | None  # MT log-probability per token; lower is less confident

    @property
    def simplified_reviewed(self) -> bool:
        return self.simplified_state is State.REVIEWED

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


@dataclass(frozen=True)
class Revision:
    """Who last worked on one of an article's PO files and when, as its header says."""

    file: str  # en.po or zh_Hans.po
    translator: str  # Last-Translator, "" when nobody has set it
    date: str  # PO-Revision-Date as written


@dataclass(frozen=True)
class ArticleReport:
    id: str
    folder: Path
    page: str  # file name of the article's page in the site
    title_zh: str
    title_en: str
    source: str  # the page the article came from
    sentences: tuple[Sentence, ...]
    problem: str = ""  # why the article's PO files could not be read; then there are no sentences
    revisions: tuple[Revision, ...] = ()
    signoff: Standing = field(default_factory=lambda: Standing(None))
    ready: bool = False  # pragma: no mutate (an article whose files cannot be read needs attention anyway)
    not_ready: str = ""  # what stands between the article and being ready, in words

    def count(self, state: State) -> int:
        return sum(s.state is state for s in self.sentences)

    @property
    def counts(self) -> dict[State, int]:
        return {state: self.count(state) for state in State}

    @property
    def simplified_reviewed(self) -> int:
        return sum(s.simplified_reviewed for s in self.sentences)

    @property
    def errors(self) -> int:
        return sum(s.errors for s in self.sentences)

    @property
    def warnings(self) -> int:
        return sum(s.warnings for s in self.sentences)

    @property
    def status(self) -> Status:
        return status_of(self.problem, self.errors, self.signoff, self.ready)

    @property
    def tickers(self) -> tuple[str, ...]:
        found = [t for s in self.sentences for term in s.terms for t in term.tickers]
        for s in self.sentences:
            found += [t for line in (s.source, *s.hints) for t in _TICKER.findall(line)]
        return tuple(dict.fromkeys(normalise(t) or t for t in found))

    @property
    def last_revision(self) -> Revision | None:
        return latest(self.revisions)


def status_of(problem: str, errors: int, signoff: Standing, ready: bool) -> Status:
    """One rule for every page: a sign-off that holds wins; errors, unread files and changes need a look."""
    if signoff.holds and not problem:
        return Status.SIGNED
    if problem or errors or signoff.changed or signoff.problem:
        return Status.ATTENTION
    return Status.READY if ready else Status.REVIEW


def latest(revisions: Sequence[Revision]) -> Revision | None:
    """The most recent revision by its date; one whose date cannot be read counts as oldest."""
    if not revisions:
        return None
    return max(revisions, key=lambda r: _moment(r.date))


def _moment(date: str) -> float:
    try:
        return datetime.strptime(date.strip(), "%Y-%m-%d %H:%M%z").timestamp()
    except ValueError:
        return float("-inf")


@dataclass(frozen=True)
class ArticleSummary:
    """What the index and the glossary page need of an article; kept between runs for unchanged folders."""

    id: str
    page: str
    folder: str
    title_zh: str
    title_en: str
    title_zh_hans: str  # the title's Simplified text, so a search in Simplified finds it too
    sentences: int
    counts: dict[State, int]
    simplified_reviewed: int
    errors: int
    warnings: int
    terms: tuple[Term, ...]  # each glossary term its sentences name, once
    tickers: tuple[str, ...]
    translator: str  # of the most recently revised PO file
    revised: str
    status: Status
    signoff: str  # "signed off by X, 2026-01-27 14:03" (with "; changed since"), or ""
    not_ready: str
    problem: str = ""

    def count(self, state: State) -> int:
        return self.counts[state]

    @property
    def unreviewed(self) -> int:
        return self.sentences - self.counts[State.REVIEWED]

    @property
    def progress(self) -> float:
        """The share of English sentences reviewed, 0 to 1 (0 for an article without sentences)."""
        return self.counts[State.REVIEWED] / self.sentences if self.sentences else 0.0

    @property
    def search_text(self) -> str:
        """What a search on the index looks in: titles (English, Traditional, Simplified), id, tickers, and
        the English names of the glossary terms its sentences name."""
        forms = [f"{t} {t.split('.')[0]}" for t in self.tickers]
        names = dict.fromkeys(term.english for term in self.terms)
        words = [self.title_en, self.title_zh, self.title_zh_hans, self.id, *forms, *names]
        return " ".join(" ".join(words).split()).lower()

    @classmethod
    def of(cls, article: ArticleReport) -> ArticleSummary:
        terms = dict.fromkeys(t for s in article.sentences for t in s.terms)
        last = article.last_revision
        title = next((s for s in article.sentences if s.kind == "title"), None)
        return cls(
            id=article.id,
            page=article.page,
            folder=str(article.folder),
            title_zh=article.title_zh,
            title_en=article.title_en,
            title_zh_hans=title.simplified if title else "",
            sentences=len(article.sentences),
            counts=article.counts,
            simplified_reviewed=article.simplified_reviewed,
            errors=article.errors,
            warnings=article.warnings,
            terms=tuple(terms),
            tickers=article.tickers,
            translator=last.translator if last else "",
            revised=last.date if last else "",
            status=article.status,
            signoff=article.signoff.describe(),
            not_ready=article.not_ready,
            problem=article.problem,
        )

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name) for name in _SUMMARY_FIELDS}
        data["counts"] = {state.value: n for state, n in self.counts.items()}
        data["status"] = self.status.value
        data["terms"] = [
            {"text": t.text, "english": t.english, "tickers": list(t.tickers)} for t in self.terms
        ]
        data["tickers"] = list(self.tickers)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleSummary:
        """The summary saved by ``as_json``; raises KeyError, TypeError or ValueError on anything else."""
        counts = {State(k): _number(v) for k, v in data["counts"].items()}
        if set(counts) != set(State):
            raise ValueError("counts of another version")
        return cls(
            id=_text(data["id"]),
            page=_text(data["page"]),
            folder=_text(data["folder"]),
            title_zh=_text(data["title_zh"]),
            title_en=_text(data["title_en"]),
            title_zh_hans=_text(data["title_zh_hans"]),
            sentences=_number(data["sentences"]),
            counts=counts,
            simplified_reviewed=_number(data["simplified_reviewed"]),
            errors=_number(data["errors"]),
            warnings=_number(data["warnings"]),
            terms=tuple(
                Term(_text(t["text"]), _text(t["english"]), tuple(map(_text, t["tickers"])))
                for t in data["terms"]
            ),
            tickers=tuple(map(_text, data["tickers"])),
            translator=_text(data["translator"]),
            revised=_text(data["revised"]),
            status=Status(data["status"]),
            signoff=_text(data["signoff"]),
            not_ready=_text(data["not_ready"]),
            problem=_text(data["problem"]),
        )


_SUMMARY_FIELDS = tuple(f.name for f in fields(ArticleSummary))


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, not {type(value).__name__}")
    return value


def _number(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError("expected a count")
    return value


def read_article(folder: Path, page: str, glossary: Glossary | None = None) -> ArticleReport:
    """The report of one article folder, checked now against ``glossary`` as ``workbench check`` does.

    A PO file that cannot be read becomes the article's ``problem``.
    """
    en_path = folder / "en.po"
    try:
        en = load_po(en_path)
        zh = load_po_if_present(folder / "zh_Hans.po")
    except WorkbenchError as err:
        return ArticleReport(folder.name, folder, page, "", "", "", (), problem=str(err))
    state = assess(en, zh, glossary)
    simplified = {entry_key(e): e for e in zh or () if not e.obsolete}
    # Findings an older run wrote as translator comments are told from a reviewer's lines as the next run
    # tells them, which needs the file as written when an editor may have wrapped it.
    legacy = any("QA: " in (e.tcomment or "") for e in en)
    text = en_path.read_text(encoding="utf-8", errors="replace") if legacy else None
    sentences = tuple(_sentences(en, simplified, state.findings, text))
    title = next((s for s in sentences if s.kind == "title"), None)
    title_en = str(en.metadata.get(ENGLISH_TITLE, "")).strip() or (title.english if title else "")
    return ArticleReport(
        id=article_of(en, en_path),
        folder=folder,
        page=page,
        title_zh=title.source if title else "",
        title_en=title_en,
        source=str(en.metadata.get("X-Workbench-Source", "")),
        sentences=sentences,
        revisions=tuple(_revision(name, po) for name, po in (("en.po", en), ("zh_Hans.po", zh)) if po),
        signoff=standing(folder, state.content),
        ready=state.ready,
        not_ready=state.why_not(),
    )


def _revision(name: str, po: polib.POFile) -> Revision:
    return Revision(
        name,
        str(po.metadata.get("Last-Translator", "")).strip(),
        str(po.metadata.get("PO-Revision-Date", "")).strip(),
    )


def state_of(entry: Any) -> State:
    if is_reviewed(entry):
        return State.REVIEWED
    if not entry.msgstr.strip():
        return State.EMPTY
    provenance = {note[:3] for note in tool_notes(entry)}
    if "tm:" in provenance:
        return State.MEMORY
    if "mt:" in provenance:
        return State.MACHINE
    return State.FUZZY


def simplified_state_of(entry: Any) -> State:
    """A Simplified entry is reviewed only when a reviewer confirmed it: a fuzzy conversion is not."""
    if entry is None or not entry.msgstr.strip():
        return State.EMPTY
    return State.REVIEWED if is_reviewed(entry) else State.FUZZY


def _sentences(
    en: Any,
    simplified: dict[tuple[str, str], Any],
    findings: dict[tuple[str, str], tuple[CheckFinding, ...]],
    text: str | None,
) -> Iterable[Sentence]:
    current = {
        key: [qa_line(f.severity, f.check, f.message) for f in found] for key, found in findings.items()
    }
    width = wrap_width(en, current, text) if text is not None else None
    keyed: list[tuple[int, int, int, Sentence]] = []  # by place; ``order`` is unique, so never by Sentence
    for order, entry in enumerate(e for e in en if not e.obsolete and e.msgid):
        key = entry_key(entry)
        place = entry_position(entry)
        paragraph, number = (place.paragraph, place.sentence) if place is not None else (_LAST, order)
        notes = tool_notes(entry)
        kind = next((m.group(1) for m in map(_KIND.match, notes) if m), "body")
        score = next((float(m.group(1)) for m in map(_MT_SCORE.match, notes) if m), None)
        zh = simplified.get(key)
        # What the next run keeps of the translator comments: an old-layout finding and its tails go.
        own = tuple(
            line.strip() for line in reviewer_lines(entry, current.get(key, ()), width) if line.strip()
        )
        hints = tuple(note for note in notes if note.startswith(_HINT_PREFIXES))
        sentence = Sentence(
            anchor=unit_id(key),
            paragraph=paragraph,
            number=number,
            kind=kind,
            source=entry.msgid,
            english=entry.msgstr,
            simplified=zh.msgstr if zh is not None else "",
            simplified_state=simplified_state_of(zh),
            state=state_of(entry),
            findings=tuple(Finding.of(f) for f in findings.get(key, ())),
            comments=own,
            hints=hints,
            terms=_terms(hints),
            score=score,
        )
        keyed.append((paragraph, number, order, sentence))
    return (s for *_, s in sorted(keyed))


def _terms(hints: Sequence[str]) -> tuple[Term, ...]:
    terms = []
    for line in hints:
        match = _GLOSSARY.match(line)
        if match:
            tickers = tuple(t.strip() for t in (match["tickers"] or "").split(",") if t.strip())
            terms.append(Term(match["text"], match["english"], tickers))
    return tuple(terms)
