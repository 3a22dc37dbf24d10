"""The main job, one pass in one direction: page → articles → sentences → facts → drafts → checks → files.

Only this module and the exporters touch the disk. The engine is loaded once per run and every sentence that
needs machine translation, across all articles of the page, goes to it in one call. Sentences that already
have a translation in the article's ``en.po`` (a reviewer's, or an earlier draft) and sentences the
translation memory can serve are never sent to the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench import __version__
from workbench.errors import ModelError, POFileError
from workbench.model import Article, Origin, ParagraphKind, Segment, Severity
from workbench.pages import split_page
from workbench.segment import split_sentences
from workbench.simplified import to_simplified
from workbench.textio import Page, read_page

if TYPE_CHECKING:
    from workbench.glossary import Glossary
    from workbench.po.keys import Key

# Paragraphs that are translated whole, never split into sentences.
WHOLE = frozenset(
    {
        ParagraphKind.TITLE,
        ParagraphKind.HEADING,
        ParagraphKind.HIGHLIGHTS,
        ParagraphKind.BULLET,
        ParagraphKind.BYLINE,
    }
)


@dataclass(frozen=True)
class TranslateOptions:
    out_dir: Path = Path("translations")
    glossary: Path | None = None  # None: glossary.csv in the working folder, when there is one
    model: str | None = None  # None: the installed zh/zt→en argos package
    device: str = "auto"
    use_mt: bool = True
    use_tm: bool = True
    tm_threshold: float = 75.0
    refresh_mt: bool = False  # re-translate machine drafts nobody has edited (a better model came)
    marker: str | None = None  # how the English draft marks unreviewed sentences; None: the default


@dataclass
class ArticleReport:
    article: Article
    folder: Path
    sentences: int = 0
    from_mt: int = 0
    from_tm: int = 0
    kept: int = 0  # sentences whose existing translation was kept
    errors: int = 0  # QA errors in the written en.po
    files: list[Path] = field(default_factory=list)


@dataclass
class RunReport:
    page: Page
    articles: list[ArticleReport] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one line per article that could not be written
    engine: str | None = None
    model_missing: str | None = None  # why no machine drafts were made
    mt_calls: int = 0
    notes: list[str] = field(default_factory=list)


def load_glossary_for(path: Path | None) -> Glossary:
    """The glossary to use: the given file, else ./glossary.csv, else an empty one."""
    from workbench.glossary import Glossary, load_glossary

    if path is not None:
        return load_glossary(path)
    default = Path("glossary.csv")
    return load_glossary(default) if default.exists() else Glossary.from_entries(())


def article_segments(article: Article, glossary: Glossary) -> list[Segment]:
    """The sentences of an article with their Simplified text, glossary hits and facts."""
    from workbench.facts import extract

    segments: list[Segment] = []
    for seg in sentences_of(article):
        hits = glossary.match(seg.text)
        segments.append(
            replace(seg, simplified=to_simplified(seg.text, hits), hits=hits, facts=extract(seg.text, hits))
        )
    return segments


def sentences_of(article: Article) -> Iterator[Segment]:
    """The bare sentences of an article; titles, headings, bullets and bylines stay whole."""
    for p_index, paragraph in enumerate(article.paragraphs, start=1):
        sentences = [paragraph.text] if paragraph.kind in WHOLE else split_sentences(paragraph.text)
        for s_index, sentence in enumerate(sentences, start=1):
            yield Segment(article.id, p_index, s_index, sentence, paragraph.line, paragraph.kind)


def analyse(page: Page, glossary: Glossary) -> list[tuple[Article, list[Segment]]]:
    return [(article, article_segments(article, glossary)) for article in split_page(page.text, page.path)]


@dataclass
class _Plan:
    article: Article
    segments: list[Segment]
    folder: Path
    existing_en: Any  # polib.POFile | None
    existing_zh: Any


def translate_page(
    path: str | Path,
    options: TranslateOptions = TranslateOptions(),
    engine: Any = None,
    progress: Callable[[str], None] = lambda _line: None,
) -> RunReport:
    """Pre-translate a page and write, per article, en.po, zh_Hans.po, zh_Hans.txt and en.md.

    ``engine`` may be given (tests, other front ends); otherwise it is loaded from ``options`` only when some
    sentence needs a machine draft.
    """
    from workbench.po import load_po_if_present

    page = read_page(path)
    glossary = load_glossary_for(options.glossary)
    report = RunReport(page=page)
    if page.encoding != "utf-8":
        report.notes.append(f"{page.path}: read as {page.encoding}")
    if not glossary.entries:
        report.notes.append("no glossary (glossary.csv here, or --glossary PATH): no name hints or checks")

    plans: list[_Plan] = []
    for article, segments in analyse(page, glossary):
        folder = options.out_dir / article.id
        try:
            existing_en = load_po_if_present(folder / "en.po")
            existing_zh = load_po_if_present(folder / "zh_Hans.po")
        except POFileError as err:
            report.failures.append(str(err))
            continue
        plans.append(_Plan(article, segments, folder, existing_en, existing_zh))

    todo = _needing_drafts(plans, options.refresh_mt)
    if options.use_tm and todo:
        todo = _fill_from_memory(plans, todo, options, glossary)
    if options.use_mt and todo:
        _fill_from_engine(plans, todo, options, glossary, report, engine, progress)

    for plan in plans:
        try:
            report.articles.append(_write(plan, glossary, options, report))
        except POFileError as err:
            report.failures.append(str(err))
    return report


def _needing_drafts(plans: list[_Plan], refresh_mt: bool) -> list[tuple[int, int]]:
    """(plan, segment) indexes of sentences with no translation in the article's en.po yet.

    With ``refresh_mt``, machine drafts that are still exactly as the engine wrote them count as missing.
    """
    from workbench.po import untouched_machine_draft

    todo: list[tuple[int, int]] = []
    for p_index, plan in enumerate(plans):
        known: set[str] = set()
        if plan.existing_en is not None:
            # Obsolete entries count: the merge revives them when their sentence comes back.
            known = {
                e.msgid
                for e in plan.existing_en
                if e.msgstr and not (refresh_mt and not e.obsolete and untouched_machine_draft(e))
            }
        todo.extend((p_index, s_index) for s_index, seg in enumerate(plan.segments) if seg.text not in known)
    return todo


def _fill_from_memory(
    plans: list[_Plan], todo: list[tuple[int, int]], options: TranslateOptions, glossary: Glossary
) -> list[tuple[int, int]]:
    from workbench.tm import TranslationMemory

    if not options.out_dir.exists():
        return todo
    memory = TranslationMemory.load(options.out_dir, threshold=options.tm_threshold, glossary=glossary)
    rest: list[tuple[int, int]] = []
    for p_index, s_index in todo:
        seg = plans[p_index].segments[s_index]
        match = memory.lookup(seg.text, facts=seg.facts, hits=seg.hits)
        if match is None:
            rest.append((p_index, s_index))
            continue
        plans[p_index].segments[s_index] = replace(
            seg,
            draft=match.draft,
            score=float(match.score),
            origin=Origin.TM_EXACT if match.exact else Origin.TM_FUZZY,
            notes=(*seg.notes, *match.comments),
        )
    return rest


def _fill_from_engine(
    plans: list[_Plan],
    todo: list[tuple[int, int]],
    options: TranslateOptions,
    glossary: Glossary,
    report: RunReport,
    engine: Any,
    progress: Callable[[str], None],
) -> None:
    from workbench.carry import carry_facts

    if engine is None:
        from workbench.mt import load_engine

        try:
            engine = load_engine(options.model, device=options.device)
        except ModelError as err:
            if options.model is not None:
                raise
            report.model_missing = str(err)
            return
    report.engine = engine.describe()
    segments = [plans[p].segments[s] for p, s in todo]
    texts = [seg.simplified if engine.wants_simplified else seg.text for seg in segments]
    progress(f"translating {len(texts)} sentences with {report.engine} ...")
    translations = engine.translate(texts)
    report.mt_calls += 1
    for (p_index, s_index), seg, translation in zip(todo, segments, translations, strict=True):
        draft, _ = carry_facts(seg.text, translation, seg.facts, seg.hits, glossary)
        notes = ["mt: repetitive output"] if translation.repetitive else []
        plans[p_index].segments[s_index] = replace(
            seg,
            draft=draft,
            score=translation.score,
            alternatives=tuple(text for text, _ in translation.alternatives),
            origin=Origin.MT,
            notes=(*seg.notes, *notes),
        )


def _write(plan: _Plan, glossary: Glossary, options: TranslateOptions, report: RunReport) -> ArticleReport:
    from workbench.build import DEFAULT_MARKER, build_article
    from workbench.po import export_catalog, keyed_segments, merge_catalog, save_po
    from workbench.po.export import clean_text
    from workbench.po.merge import keep_creation_date_if_unchanged

    article_report = ArticleReport(article=plan.article, folder=plan.folder, sentences=len(plan.segments))
    article_report.from_mt = sum(s.origin is Origin.MT for s in plan.segments)
    article_report.from_tm = sum(s.origin in (Origin.TM_EXACT, Origin.TM_FUZZY) for s in plan.segments)
    article_report.kept = sum(s.origin is Origin.NONE for s in plan.segments) if plan.existing_en else 0

    fresh_en = export_catalog(plan.article, plan.segments, "en", __version__, engine=report.engine)
    en = merge_catalog(plan.existing_en, fresh_en)
    article_report.errors = apply_checks(en, keyed_segments(plan.segments, clean_text), glossary)
    if plan.existing_en is not None:
        # The checks rewrote QA lines after the merge compared the files; same lines, same date.
        keep_creation_date_if_unchanged(plan.existing_en, en)
    fresh_zh = export_catalog(plan.article, plan.segments, "zh_Hans", __version__)
    zh = merge_catalog(plan.existing_zh, fresh_zh)

    en_path, zh_path = plan.folder / "en.po", plan.folder / "zh_Hans.po"
    save_po(en, en_path)
    save_po(zh, zh_path)
    article_report.files += [en_path, zh_path]
    built = build_article(plan.folder, marker=options.marker or DEFAULT_MARKER)
    article_report.files += list(built.files)
    return article_report


def apply_checks(catalog: Any, segments: Mapping[Key, Segment], glossary: Glossary) -> int:
    """Re-check every translated entry as it now stands (a reviewer's text included); rewrite its QA lines.

    Returns the number of entries with errors. Untranslated entries get no QA lines: there is nothing to
    check yet, and ``workbench check`` reports them as empty.
    """
    from workbench.checks import check_entries
    from workbench.po import set_findings

    errors = 0
    for entry, findings in check_entries(catalog, glossary, segments):
        kept = findings if entry.msgstr else ()
        set_findings(entry, kept)
        errors += any(f.severity is Severity.ERROR for f in kept)
    return errors
