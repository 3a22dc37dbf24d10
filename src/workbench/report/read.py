"""What the review site shows, read from the article folders' PO files (never written here).

Each ``en.po`` entry becomes one ``Sentence`` with its review state, QA findings, hints and MT score, and the
Simplified text of the matching ``zh_Hans.po`` entry beside it. The state is read the way reviewers and the
other commands read it: reviewed is a live entry that is neither fuzzy nor empty; a fuzzy entry whose
provenance comment is ``tm:`` is a memory match, one with ``mt:`` a machine draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError
from workbench.po import (
    article_of,
    entry_key,
    entry_position,
    is_reviewed,
    load_po,
    load_po_if_present,
    qa_lines,
    reviewer_lines,
)
from workbench.po.export import QA_PREFIX

ENGLISH_TITLE = "X-Workbench-English-Title"

_KIND = re.compile(r"^kind:\s*(\S+)\s*$", re.MULTILINE)
_MT_SCORE = re.compile(r"^mt: score (-?\d+(?:\.\d+)?)", re.MULTILINE)
_QA = re.compile(rf"^{re.escape(QA_PREFIX)}(\w+) ([\w-]+): (.*)$")
# `glossary: 商湯 → SenseTime (0020.HK)`: the tickers are the last bracket, when it holds only tickers.
_GLOSSARY = re.compile(r"^glossary: (?P<text>.+?) → (?P<english>.+?)(?: \((?P<tickers>[A-Z0-9.:, ]+)\))?$")
_HINT_PREFIXES = ("glossary:", "fact:", "tm:")
_LAST = 1 << 30


class State(str, Enum):
    """The review state of an English entry, in the order the index and the chart show them."""

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


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" or "warning", as written in the `# QA:` line
    check: str
    message: str


@dataclass(frozen=True)
class Term:
    """A glossary hint of a sentence: the Chinese as found, its English and its listings."""

    text: str
    english: str
    tickers: tuple[str, ...]


@dataclass(frozen=True)
class Sentence:
    paragraph: int
    number: int  # within the paragraph
    kind: str  # title, standfirst, highlights, bullet, byline, heading, body
    source: str  # Traditional Chinese
    english: str
    simplified: str
    simplified_reviewed: bool
    state: State
    findings: tuple[Finding, ...]
    comments: tuple[str, ...]  # the reviewer's own translator comments
    hints: tuple[str, ...]  # glossary, fact and memory lines, as the PO editor shows them
    terms: tuple[Term, ...]
    score: float | None  # MT log-probability per token; lower is less confident

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


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

    def count(self, state: State) -> int:
        return sum(s.state is state for s in self.sentences)

    @property
    def counts(self) -> dict[State, int]:
        return {state: self.count(state) for state in State}

    @property
    def errors(self) -> int:
        return sum(s.errors for s in self.sentences)

    @property
    def warnings(self) -> int:
        return sum(s.warnings for s in self.sentences)


@dataclass(frozen=True)
class ArticleSummary:
    """What the index and the glossary page need of an article; kept between runs for unchanged folders."""

    id: str
    page: str
    title_zh: str
    title_en: str
    sentences: int
    counts: dict[State, int]
    errors: int
    warnings: int
    terms: tuple[Term, ...]  # each glossary term its sentences name, once
    problem: str = ""

    def count(self, state: State) -> int:
        return self.counts[state]

    @classmethod
    def of(cls, article: ArticleReport) -> ArticleSummary:
        terms = dict.fromkeys(t for s in article.sentences for t in s.terms)
        return cls(
            article.id,
            article.page,
            article.title_zh,
            article.title_en,
            len(article.sentences),
            article.counts,
            article.errors,
            article.warnings,
            tuple(terms),
            article.problem,
        )

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["counts"] = {state.value: n for state, n in self.counts.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleSummary:
        """The summary saved by ``as_json``; raises KeyError, TypeError or ValueError on anything else."""
        counts = {State(k): int(v) for k, v in data["counts"].items()}
        if set(counts) != set(State):
            raise ValueError("counts of another version")
        return cls(
            id=_text(data["id"]),
            page=_text(data["page"]),
            title_zh=_text(data["title_zh"]),
            title_en=_text(data["title_en"]),
            sentences=int(data["sentences"]),
            counts=counts,
            errors=int(data["errors"]),
            warnings=int(data["warnings"]),
            terms=tuple(
                Term(_text(t["text"]), _text(t["english"]), tuple(map(_text, t["tickers"])))
                for t in data["terms"]
            ),
            problem=_text(data["problem"]),
        )


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, not {type(value).__name__}")
    return value


def read_article(folder: Path, page: str) -> ArticleReport:
    """The report of one article folder; a PO file that cannot be read becomes the article's ``problem``."""
    en_path = folder / "en.po"
    try:
        en = load_po(en_path)
        zh = load_po_if_present(folder / "zh_Hans.po")
    except WorkbenchError as err:
        return ArticleReport(folder.name, folder, page, "", "", "", (), problem=str(err))
    simplified = {entry_key(e): e for e in zh or () if not e.obsolete}
    sentences = tuple(_sentences(en, simplified))
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
    )


def state_of(entry: Any) -> State:
    if is_reviewed(entry):
        return State.REVIEWED
    if not entry.msgstr.strip():
        return State.EMPTY
    provenance = [line for line in _lines(entry.comment) if line.startswith(("mt:", "tm:"))]
    if any(line.startswith("tm:") for line in provenance):
        return State.MEMORY
    if provenance:
        return State.MACHINE
    return State.FUZZY


def _sentences(en: Any, simplified: dict[tuple[str, str], Any]) -> Iterable[Sentence]:
    keyed: list[tuple[tuple[int, int, int], Sentence]] = []
    for order, entry in enumerate(e for e in en if not e.obsolete and e.msgid):
        place = entry_position(entry)
        paragraph, number = (place.paragraph, place.sentence) if place is not None else (_LAST, order)
        kind = _KIND.search(entry.comment or "")
        score = _MT_SCORE.search(entry.comment or "")
        zh = simplified.get(entry_key(entry))
        qa = _findings(qa_lines(entry.tcomment))
        own = tuple(line.strip() for line in reviewer_lines(entry.tcomment) if line.strip())
        hints = tuple(line for line in _lines(entry.comment) if line.startswith(_HINT_PREFIXES))
        sentence = Sentence(
            paragraph=paragraph,
            number=number,
            kind=kind.group(1) if kind else "body",
            source=entry.msgid,
            english=entry.msgstr,
            simplified=zh.msgstr if zh is not None else "",
            simplified_reviewed=zh is not None and is_reviewed(zh),
            state=state_of(entry),
            findings=qa,
            comments=own,
            hints=hints,
            terms=_terms(hints),
            score=float(score.group(1)) if score else None,
        )
        keyed.append(((paragraph, number, order), sentence))
    return (s for _, s in sorted(keyed, key=lambda pair: pair[0]))


def _findings(lines: Iterable[str]) -> tuple[Finding, ...]:
    found = []
    for line in lines:
        match = _QA.match(line.strip())
        if match:
            found.append(Finding(match.group(1), match.group(2), match.group(3)))
        else:
            # A QA line edited by hand still tells the editor something; it is shown, not dropped.
            found.append(Finding("warning", "qa", line.strip()[len(QA_PREFIX) :]))
    return tuple(found)


def _terms(hints: Sequence[str]) -> tuple[Term, ...]:
    terms = []
    for line in hints:
        match = _GLOSSARY.match(line)
        if match:
            tickers = tuple(t.strip() for t in (match["tickers"] or "").split(",") if t.strip())
            terms.append(Term(match["text"], match["english"], tickers))
    return tuple(terms)


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]
