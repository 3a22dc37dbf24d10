"""The unit of work of the main job: a batch of articles in, their folders written out.

``translate_articles(jobs, context)`` parses each article's PO files once, serves what it can from the
existing files and the translation memory, sends every remaining sentence of the batch to the engine in
one call, and merges, checks and writes each article on its own: a failure in one article (a broken PO
file, a file in the way, a save by a reviewer that keeps racing the run) costs that article, never the
batch. A progress bar, a folder of pages and a distributed runner all call this same function; the
``RunContext`` holds what a worker loads once (glossary, engine, memory).

A file that changed on disk after it was read is never replaced: the article's files are read again and
merged again (a reviewer's save is then kept like any other edit), up to ``MERGE_ATTEMPTS`` times.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import polib

from workbench import __version__
from workbench.build import DEFAULT_MARKER, render_article
from workbench.carry import carry_facts
from workbench.checks import check_entries
from workbench.errors import WorkbenchError
from workbench.facts.style import DEFAULT_STYLE, Style
from workbench.folders import FolderState, forget_state, sentence_key, write_state
from workbench.glossary import Glossary
from workbench.glossary.core import read_article
from workbench.jobs import ArticleJob, ArticleReport, RunContext
from workbench.model import Article, Origin, Segment, Severity
from workbench.po import (
    export_catalog,
    keyed_segments,
    load_po_if_present,
    merge_catalog,
    render_po,
    set_findings,
    untouched_machine_draft,
    wrap_width,
)
from workbench.po.export import clean_text, format_date, qa_line
from workbench.po.keys import Key, entry_key
from workbench.safeio import (
    ChangedOnDisk,
    Seen,
    check_unchanged,
    digest,
    file_digest,
    read_seen,
    replace_unless_changed,
)
from workbench.segment import sentences_of
from workbench.simplified import to_simplified
from workbench.textio import write_bytes_atomic
from workbench.tm.store import Written, article_rows, written_digest

MERGE_ATTEMPTS = 3
STAMP = "POT-Creation-Date"


@dataclass
class _Work:
    """An article in flight: its analysed sentences and its catalogs as read."""

    job: ArticleJob
    segments: list[Segment]
    en: polib.POFile | None = None
    zh: polib.POFile | None = None
    en_seen: Seen | None = None
    zh_seen: Seen | None = None
    en_raw: bytes | None = None
    zh_raw: bytes | None = None
    kept: int = 0  # sentences whose translation in en.po (a reviewer's, or an earlier run's draft) stays


def translate_articles(jobs: Sequence[ArticleJob], context: RunContext) -> list[ArticleReport]:
    """Translate and write a batch of articles; one report per job, in order, failures included."""
    reports: dict[int, ArticleReport] = {}
    works: list[tuple[int, _Work]] = []
    for index, job in enumerate(jobs):
        try:
            works.append((index, _prepare(job, context.glossary, context.style)))
        except Exception as err:  # noqa: BLE001 - nothing is written yet; the article alone is left out
            reports[index] = _failed(job, err)

    todo = _needing_drafts([w for _, w in works], context.options.refresh_mt)
    todo = _fill_from_memory([w for _, w in works], todo, context)
    _fill_from_engine([w for _, w in works], todo, context)

    for index, work in works:
        try:
            reports[index] = _write_with_retries(work, context)
        except Exception as err:  # noqa: BLE001 - one article's failure must never cost the others
            if work.job.folder.is_dir():
                forget_state(work.job.folder)
            reports[index] = _failed(work.job, err)
        context.progress.advance(articles=1)
    context.progress.advance(articles=len(jobs) - len(works))
    return [reports[i] for i in range(len(jobs))]


def _failed(job: ArticleJob, err: BaseException) -> ArticleReport:
    if isinstance(err, WorkbenchError):
        reason = str(err)
    elif isinstance(err, OSError):
        reason = f"{err.filename or job.folder}: {err.strerror or err}; check the path and its permissions"
    else:
        reason = f"{job.folder}: stopped by an unexpected {type(err).__name__} ({err}); please report it"
    return ArticleReport(job.article, job.folder, page=job.page, failure=reason)


def _prepare(job: ArticleJob, glossary: Glossary, style: Style = DEFAULT_STYLE) -> _Work:
    """Check the folder, read the article's catalogs (each file once) and analyse its sentences."""
    if job.folder.exists() and not job.folder.is_dir():
        raise WorkbenchError(
            f"{job.folder}: a file is where the folder of article {job.article.id} belongs; move it away"
        )
    work = _Work(job, analyse_article(job.article, glossary, style))
    _read_catalogs(work)
    return work


def _read_catalogs(work: _Work) -> None:
    folder = work.job.folder
    work.en_raw, work.en_seen = read_seen(folder / "en.po")
    work.zh_raw, work.zh_seen = read_seen(folder / "zh_Hans.po")
    # Both files parse before either is written, so a broken one stops its article whole.
    work.en = load_po_if_present(folder / "en.po")
    work.zh = load_po_if_present(folder / "zh_Hans.po")


def analyse_article(article: Article, glossary: Glossary, style: Style = DEFAULT_STYLE) -> list[Segment]:
    """The sentences of an article with their Simplified text, glossary hits and facts (in ``style``, each
    read in the context of the sentences before it)."""
    segments = list(sentences_of(article))
    read = read_article(glossary, (seg.text for seg in segments), style)
    return [
        replace(seg, simplified=to_simplified(seg.text, hits), hits=hits, facts=facts)
        for seg, (hits, facts) in zip(segments, read, strict=True)
    ]


def _needing_drafts(works: Sequence[_Work], refresh_mt: bool) -> list[tuple[int, int]]:
    """(work, segment) indexes of sentences with no translation in the article's en.po yet.

    With ``refresh_mt``, machine drafts that are still exactly as the engine wrote them count as missing.
    """
    todo: list[tuple[int, int]] = []
    for w_index, work in enumerate(works):
        known: set[str] = set()
        if work.en is not None:
            # Obsolete entries count: the merge revives them when their sentence comes back.
            known = {
                e.msgid
                for e in work.en
                if e.msgstr and not (refresh_mt and not e.obsolete and untouched_machine_draft(e))
            }
        missing = [s_index for s_index, seg in enumerate(work.segments) if seg.text not in known]
        work.kept = len(work.segments) - len(missing)
        todo.extend((w_index, s_index) for s_index in missing)
    return todo


def _fill_from_memory(
    works: Sequence[_Work], todo: list[tuple[int, int]], context: RunContext
) -> list[tuple[int, int]]:
    memory = context.memory() if todo else None
    if memory is None:
        return todo
    rest: list[tuple[int, int]] = []
    for w_index, s_index in todo:
        seg = works[w_index].segments[s_index]
        match = memory.lookup(seg.text, facts=seg.facts, hits=seg.hits)
        if match is None:
            rest.append((w_index, s_index))
            continue
        works[w_index].segments[s_index] = replace(
            seg,
            draft=match.draft,
            score=float(match.score),
            origin=Origin.TM_EXACT if match.exact else Origin.TM_FUZZY,
            notes=(*seg.notes, *match.comments),
        )
    return rest


def _fill_from_engine(works: Sequence[_Work], todo: list[tuple[int, int]], context: RunContext) -> None:
    engine = context.engine() if todo and context.options.use_mt else None
    if engine is None:
        return
    context.engine_name = engine.describe()
    segments = [works[w].segments[s] for w, s in todo]
    texts = [seg.simplified if engine.wants_simplified else seg.text for seg in segments]
    translations = engine.translate(texts)
    context.mt_calls += 1
    for (w_index, s_index), seg, translation in zip(todo, segments, translations, strict=True):
        draft, _ = carry_facts(seg.text, translation, seg.facts, seg.hits, context.glossary, context.style)
        notes = ["mt: repetitive output"] if translation.repetitive else []
        works[w_index].segments[s_index] = replace(
            seg,
            draft=draft,
            score=translation.score,
            alternatives=tuple(text for text, _ in translation.alternatives),
            origin=Origin.MT,
            notes=(*seg.notes, *notes),
        )
    context.progress.advance(sentences=len(texts))


def _write_with_retries(work: _Work, context: RunContext) -> ArticleReport:
    for attempt in range(1, MERGE_ATTEMPTS + 1):
        try:
            return _write(work, context)
        except ChangedOnDisk:
            if attempt == MERGE_ATTEMPTS:
                raise
            # A reviewer saved meanwhile: merge into what they saved, not into what was read before.
            _read_catalogs(work)
    raise AssertionError("unreachable")  # pragma: no cover


def _write(work: _Work, context: RunContext) -> ArticleReport:
    job, segments = work.job, work.segments
    fresh_en = export_catalog(job.article, segments, "en", __version__, engine=context.engine_name)
    en = _merged(work.en, fresh_en)
    errors = apply_checks(
        en, keyed_segments(segments, clean_text), context.glossary, work.en, work.en_raw, context.style
    )
    zh = _merged(work.zh, export_catalog(job.article, segments, "zh_Hans", __version__))
    en_data, zh_data = _rendered(en, work.en, work.en_raw), _rendered(zh, work.zh, work.zh_raw)
    assert work.en_seen is not None and work.zh_seen is not None
    # Checked both before writing either, so a save to zh_Hans.po is not found after en.po was replaced.
    check_unchanged(work.en_seen)
    check_unchanged(work.zh_seen)
    replace_unless_changed(en_data, work.en_seen)
    replace_unless_changed(zh_data, work.zh_seen)
    texts, _ = render_article(en, zh, context.options.marker or DEFAULT_MARKER)
    written = {"en.po": en_data, "zh_Hans.po": zh_data}
    for name, text in texts.items():
        # Built from the catalogs on every run: nobody edits these, an editor's change is rebuilt over.
        data = text.encode("utf-8")
        if file_digest(job.folder / name) != digest(data):
            write_bytes_atomic(job.folder / name, data)
        written[name] = data
    keys = tuple(sentence_key(s.text) for s in segments)
    files = {name: digest(data) for name, data in written.items()}
    write_state(job.folder, FolderState(job.inputs, keys, files, errors))
    context.written.append(
        Written(job.folder / "en.po", job.article.id, article_rows(en, zh), written_digest(en_data, zh_data))
    )
    return ArticleReport(
        job.article,
        job.folder,
        page=job.page,
        sentences=len(segments),
        from_mt=sum(s.origin is Origin.MT for s in segments),
        from_tm=sum(s.origin in (Origin.TM_EXACT, Origin.TM_FUZZY) for s in segments),
        kept=work.kept,
        errors=errors,
        files=tuple(job.folder / name for name in written),
    )


def _merged(existing: polib.POFile | None, fresh: polib.POFile) -> polib.POFile:
    # The fresh catalog takes the file's creation date, so the merge and the checks can be compared with
    # the file as a whole; ``_rendered`` gives it a new date only when something else changed.
    if existing is not None and existing.metadata.get(STAMP):
        fresh.metadata[STAMP] = existing.metadata[STAMP]
    return merge_catalog(existing, fresh)


def _rendered(po: polib.POFile, existing: polib.POFile | None, old: bytes | None) -> bytes:
    """The bytes to write: the file as it was, when only the clock would have changed it."""
    data = render_po(po).encode("utf-8")
    if existing is None or old is None or data == old or render_po(existing).encode("utf-8") == data:
        # Unchanged, or changed only in layout (an editor's line wrapping): the creation date stays.
        return data
    po.metadata[STAMP] = format_date(datetime.now().astimezone())
    return render_po(po).encode("utf-8")


def apply_checks(
    catalog: polib.POFile,
    segments: Mapping[Key, Segment],
    glossary: Glossary,
    as_read: polib.POFile | None = None,
    raw: bytes | None = None,
    style: Style = DEFAULT_STYLE,
) -> int:
    """Re-check every translated entry as it now stands (a reviewer's text included); rewrite its QA lines.

    ``as_read`` and ``raw`` are the file as it was on disk (parsed, and its bytes), which tell whether an
    editor wrapped it (see ``wrap_width``): the merged ``catalog`` already holds this run's comments.

    Returns the number of entries with errors. Untranslated entries get no QA lines: there is nothing to
    check yet, and ``workbench check`` reports them as empty.
    """
    checked = [
        (entry, findings if entry.msgstr else ())
        for entry, findings in check_entries(catalog, glossary, segments, style)
    ]
    # Findings an older run wrote as translator comments, wrapped by an editor, are recognised whole.
    current = {
        entry_key(entry): [qa_line(f.severity, f.check, f.message) for f in kept] for entry, kept in checked
    }
    text = raw.decode("utf-8", "replace") if raw is not None else None
    width = wrap_width(as_read, current, text) if as_read is not None else None
    errors = 0
    for entry, kept in checked:
        set_findings(entry, kept, width)
        errors += any(f.severity is Severity.ERROR for f in kept)
    return errors
