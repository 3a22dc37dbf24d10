"""The main job, one pass in one direction: pages → articles → sentences → facts → drafts → checks → files.

A run takes any number of pages. Everything that can be checked for the whole run is checked before the
first write: every page is read and decoded, the glossary loaded, the model found, the translations folder
locked (``workbench.safeio``). Then every article is planned: its folder found by content
(``workbench.folders``), and the digest of its inputs compared with the one its folder records, so an
unchanged article is skipped without a PO file being parsed. The rest go to ``translate_articles`` in
batches of about ``batch_sentences`` sentences (one engine call each, all pages mixed) and are written as
each batch finishes, so memory follows the batch, not the archive.

Where the batches run is the ``Runner``'s affair: this process (``LocalRunner``), or the workers of a Ray
cluster (``workbench.cluster``). Everything above stays on this machine either way: reading, planning,
skipping and the lock.
"""

from __future__ import annotations

import glob
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.batch import analyse_article, apply_checks, translate_articles
from workbench.errors import InputError
from workbench.folders import existing_folders, is_current, place_articles, read_state, sentence_key
from workbench.glossary import Glossary, load_glossary
from workbench.jobs import (
    ArticleJob,
    ArticleReport,
    Progress,
    Quiet,
    RunContext,
    Runner,
    TranslateOptions,
    inputs_digest,
)
from workbench.model import Article, Segment
from workbench.mt import Engine
from workbench.owned import refuse_links, require_translations_folder
from workbench.pages import split_page
from workbench.safeio import folder_lock
from workbench.segment import sentences_of
from workbench.simplified import script_of
from workbench.textio import Page, read_page
from workbench.tm.store import remember

__all__ = [
    "ArticleJob",
    "ArticleReport",
    "LocalRunner",
    "analyse",
    "PageReport",
    "Progress",
    "RunContext",
    "RunReport",
    "Runner",
    "TranslateOptions",
    "apply_checks",
    "page_paths",
    "translate_articles",
    "translate_page",
    "translate_pages",
]

PAGE_PATTERN = "*.txt"


@dataclass
class PageReport:
    page: Page
    articles: list[ArticleReport] = field(default_factory=list)  # failed ones included, in page order


@dataclass
class RunReport:
    pages: list[PageReport] = field(default_factory=list)
    engine: str | None = None
    model_missing: str | None = None  # why no machine drafts were made
    mt_calls: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def page(self) -> Page:
        return self.pages[0].page

    @property
    def articles(self) -> list[ArticleReport]:
        """The articles written or found unchanged, in run order."""
        return [a for p in self.pages for a in p.articles if a.failure is None]

    @property
    def failed(self) -> list[ArticleReport]:
        return [a for p in self.pages for a in p.articles if a.failure is not None]

    @property
    def failures(self) -> list[str]:
        return [a.failure for a in self.failed if a.failure is not None]

    @property
    def qa_errors(self) -> int:
        return sum(a.errors for a in self.articles)


def load_glossary_for(path: Path | None) -> Glossary:
    """The glossary to use: the given file, else ./glossary.csv, else an empty one."""
    if path is not None:
        return load_glossary(path)
    default = Path("glossary.csv")
    return load_glossary(default) if default.exists() else Glossary.from_entries(())


def page_notes(page: Page) -> list[str]:
    """What the run should say about how a page was read: its encoding, HTML, a page in Simplified."""
    notes: list[str] = []
    if page.encoding != "utf-8":
        notes.append(f"{page.path}: read as {page.encoding}")
    if page.html:
        notes.append(
            f"{page.path}: read as HTML: the text a browser shows (scripts, styles, menus and the site's "
            "header and footer left out)"
        )
    script = script_of(page.text)
    if script.looks_simplified:
        notes.append(
            f"{page.path}: looks like Simplified Chinese ({script.simplified} of {script.chinese} characters "
            "in Simplified forms); it is translated as it is: glossary names match only by the Simplified "
            "forms the glossary gives (its simplified column, its aliases converted), and zh_Hans.po and "
            "zh_Hans.txt repeat the page's own text; translate the Traditional page instead if there is one"
        )
    return notes


def analyse(page: Page, glossary: Glossary) -> list[tuple[Article, list[Segment]]]:
    """The articles of a page with their analysed sentences (Simplified text, glossary hits, facts)."""
    return [(article, analyse_article(article, glossary)) for article in split_page(page.text, page.path)]


def page_paths(paths: Sequence[str | Path]) -> list[Path]:
    """The pages named by ``paths``: files, folders (their ``*.txt`` files) and glob patterns, each once."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            pages = sorted(p for p in path.glob(PAGE_PATTERN) if p.is_file() and not p.name.startswith("."))
            if not pages:
                raise InputError(
                    f"{given}: no {PAGE_PATTERN} pages in this folder; name the pages or a folder"
                )
        elif not path.exists() and glob.has_magic(str(given)):
            pages = sorted(Path(p) for p in glob.glob(str(given)) if Path(p).is_file())
            if not pages:
                raise InputError(f"{given}: no page matches this pattern; check the pattern and the folder")
        else:
            pages = [path]
        found.extend(p for p in pages if p not in found)
    if not found:
        raise InputError("no page given; name page files, folders of pages or patterns")
    return found


def translate_page(
    path: str | Path,
    options: TranslateOptions | None = None,
    engine: Engine | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """``translate_pages`` for one page."""
    return translate_pages([path], options, engine=engine, progress=progress)


def translate_pages(
    paths: Sequence[str | Path],
    options: TranslateOptions | None = None,
    engine: Engine | None = None,
    progress: Progress | None = None,
    runner: Runner | None = None,
) -> RunReport:
    """Pre-translate pages and write, per article, en.po, zh_Hans.po, zh_Hans.txt and en.md.

    ``engine`` may be given (tests, other front ends); otherwise it is loaded from ``options`` only when some
    sentence needs a machine draft. ``runner`` translates the planned batches (default: in this process,
    ``LocalRunner``). Raises ``WorkbenchError`` for problems of the whole run, before anything
    is written; a problem of one article is reported in its ``ArticleReport.failure``.
    """
    options = options or TranslateOptions()
    progress = progress or Quiet()
    # Before anything is read or written: --out / must not send a run scanning and locking the disk.
    require_translations_folder(options.out_dir)
    pages = [read_page(p) for p in page_paths(paths)]
    # Split before the lock: a page with no article is refused before the folder is created or locked.
    articles = [split_page(page.text, page.path) for page in pages]
    glossary = load_glossary_for(options.glossary)
    context = RunContext(options, glossary, engine=engine, progress=progress)
    report = RunReport(pages=[PageReport(page) for page in pages], model_missing=context.model_missing)
    for page in pages:
        report.notes.extend(page_notes(page))
    if not glossary.entries:
        report.notes.append("no glossary (glossary.csv here, or --glossary PATH): no name hints or checks")

    refuse_links(options.out_dir)
    runner = runner or LocalRunner()
    with runner as run, folder_lock(options.out_dir, wait=options.wait, on_wait=progress.note):
        jobs, settled = plan(articles, context)
        for done in settled:
            report.pages[done.page].articles.append(done)
        progress.begin(len(jobs) + len(settled), sum(j.sentences for j in jobs))
        progress.advance(articles=len(settled))
        for reports in run.translate(jobs, context):
            for article_report in reports:
                report.pages[article_report.page].articles.append(article_report)
        remember(options.out_dir, context.written)
    report.notes.extend(context.notes())
    for page_report in report.pages:
        page_report.articles.sort(key=lambda a: a.article.paragraphs[0].line if a.article.paragraphs else 0)
    report.engine, report.mt_calls = context.engine_name, context.mt_calls
    return report


class LocalRunner:
    """The batches of a run translated one after another in this process, with one engine."""

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *_exc: object) -> None:
        pass

    def translate(self, jobs: Sequence[ArticleJob], context: RunContext) -> Iterator[list[ArticleReport]]:
        for batch in batches(jobs, context.options.batch_sentences):
            yield translate_articles(batch, context)


def plan(
    pages: Sequence[Sequence[Article]], context: RunContext
) -> tuple[list[ArticleJob], list[ArticleReport]]:
    """The articles of each page with their folders: those to write, and the reports of the others
    (unchanged since the last run, or with a file where their folder belongs)."""
    out_dir = context.options.out_dir
    found: list[tuple[int, Article, list[str], str]] = []
    for index, page_articles in enumerate(pages):
        for article in page_articles:
            segments = list(sentences_of(article))
            keys = [sentence_key(s.text) for s in segments]
            found.append((index, article, keys, context.content_digest(article, segments)))
    states = {folder.name: read_state(folder) for folder in existing_folders(out_dir)}
    placements = place_articles(out_dir, [(a.id, keys) for _, a, keys, _ in found], states)

    jobs: list[ArticleJob] = []
    unchanged: list[ArticleReport] = []
    for (index, article, keys, content), placement in zip(found, placements, strict=True):
        # The folder's name is the article's id from now on, so its entries keep their keys.
        article = replace(article, id=placement.folder.name)
        inputs = inputs_digest(article.id, content)
        state = states.get(placement.folder.name)
        fresh = placement.existing and not context.options.refresh_mt
        if placement.folder.exists() and not placement.folder.is_dir():
            # Found before anything is written; the other articles go ahead.
            reason = f"{placement.folder}: a file is where the folder of this article belongs; move it away"
            unchanged.append(ArticleReport(article, placement.folder, index, len(keys), failure=reason))
        elif fresh and state is not None and is_current(placement.folder, state, inputs):
            unchanged.append(
                ArticleReport(article, placement.folder, index, len(keys), errors=state.errors, skipped=True)
            )
        else:
            jobs.append(ArticleJob(article, placement.folder, inputs, page=index, sentences=len(keys)))
    return jobs, unchanged


def batches(jobs: Sequence[ArticleJob], size: int) -> Iterator[list[ArticleJob]]:
    """Consecutive runs of whole articles holding about ``size`` sentences each."""
    batch: list[ArticleJob] = []
    sentences = 0
    for job in jobs:
        batch.append(job)
        sentences += job.sentences
        if sentences >= size:
            yield batch
            batch, sentences = [], 0
    if batch:
        yield batch
