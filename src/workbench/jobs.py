"""What a run of the main job is made of: its options, the articles planned, what a worker holds, reports.

These records cross process boundaries in a distributed run (a job is planned on one machine and
written on another), so they are plain frozen dataclasses of paths, strings and numbers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from workbench import __version__
from workbench.errors import ModelError
from workbench.glossary import Glossary
from workbench.model import Article, GlossaryEntry, Segment
from workbench.mt import Engine, Model, find_model
from workbench.tm import TranslationMemory
from workbench.tm.store import Written

if TYPE_CHECKING:
    from types import TracebackType

    from workbench.facts.style import Style


@dataclass(frozen=True)
class TranslateOptions:
    out_dir: Path = Path("translations")
    glossary: Path | None = None  # None: glossary.csv in the working folder, when there is one
    style: Path | None = None  # None: house-style.toml beside the glossary, when there is one
    model: str | None = None  # None: the installed zh/zt→en model (`workbench model list` marks it)
    device: str = "auto"
    threads: tuple[int, int] | None = None  # CTranslate2 (workers, threads each); None: from the cores
    compute_type: str | None = None  # CTranslate2's; None: the package's own, else the device's fastest
    use_mt: bool = True
    use_tm: bool = True
    tm_threshold: float = 75.0
    refresh_mt: bool = False  # re-translate machine drafts nobody has edited (a better model came)
    marker: str | None = None  # how the English draft marks unreviewed sentences; None: the default
    batch_sentences: int = 4000  # sentences per engine call; peak memory follows it, not the archive
    wait: bool = True  # when another run holds the folder: wait for it (else stop with one line)


@dataclass(frozen=True)
class ArticleJob:
    """One article to write, as planned: where it goes and the digest of what its output depends on."""

    article: Article
    folder: Path
    inputs: str
    page: int = 0  # index of the page in the run, for the per-page summary
    sentences: int = 0


@dataclass(frozen=True)
class ArticleReport:
    article: Article
    folder: Path
    page: int = 0
    sentences: int = 0
    from_mt: int = 0
    from_tm: int = 0
    kept: int = 0  # sentences whose existing translation was kept
    errors: int = 0  # entries with QA errors in en.po as written (or as left, when skipped)
    skipped: bool = False  # nothing changed since the last run: no file was read or written
    failure: str | None = None  # why the article was not written (its files were left as they were)
    files: tuple[Path, ...] = ()


class Progress(Protocol):
    def begin(self, articles: int, sentences: int) -> None: ...
    def advance(self, *, articles: int = 0, sentences: int = 0) -> None: ...
    def note(self, line: str) -> None: ...


class Quiet:
    def begin(self, articles: int, sentences: int) -> None:
        pass

    def advance(self, *, articles: int = 0, sentences: int = 0) -> None:
        pass

    def note(self, line: str) -> None:
        pass


class Runner(Protocol):
    """Where a run's planned articles are translated and written: in this process
    (``pipeline.LocalRunner``), or by the workers of a cluster (``workbench.cluster.RayRunner``).

    Entered before the run takes the translations folder's lock (a runner connects to its workers there,
    so a cluster that cannot be reached is reported before anything is written), left after the lock is
    released. ``translate`` gets every job of the run at once and yields their reports a batch at a time,
    one per job, failures included; it advances ``context.progress`` and leaves in ``context`` what a local
    run leaves there (``written``, ``engine_name``, ``mt_calls``).
    """

    def __enter__(self) -> Runner: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...

    def translate(self, jobs: Sequence[ArticleJob], context: RunContext) -> Iterator[list[ArticleReport]]: ...


class RunContext:
    """What a worker loads once and every batch shares: options, glossary, engine and memory.

    The model is found (and a missing or wrong one reported) when the context is made, before anything is
    written; it is loaded only when a batch has a sentence to translate.
    """

    def __init__(
        self,
        options: TranslateOptions,
        glossary: Glossary,
        engine: Engine | None = None,
        progress: Progress | None = None,
        memory: TranslationMemory | None = None,
        style: Style | None = None,
    ) -> None:
        from workbench.facts.style import style_for

        self.options = options
        self.glossary = glossary
        # Read once per run; a distributed runner hands its workers the driver's, read once there.
        if style is None:
            style = style_for(options.style, glossary.source or options.glossary)
        self.style = style
        self.progress: Progress = progress or Quiet()
        self.model_missing: str | None = None
        self.engine_name: str | None = None
        self.mt_calls = 0
        self._engine = engine
        self._model: Model | None = None
        # A distributed runner loads the memory once and hands every worker the same read-only copy.
        self._memory = memory
        self._entries: dict[GlossaryEntry, str] = {}
        self.written: list[Written] = []  # for the memory's cache, so the next run does not parse them
        model = "none"
        if engine is not None:
            model = engine.describe()
        elif options.use_mt:
            try:
                self._model = find_model(options.model)
                model = f"{self._model.name} {self._model.version}"
            except ModelError as err:
                if options.model is not None:
                    raise
                self.model_missing = str(err)
        # Everything besides the article that changes what a run writes.
        settings = [__version__, model, options.use_tm, options.tm_threshold, options.marker]
        settings.append(repr(self.style))  # the house style: how every figure is written
        self.settings = json.dumps(settings)

    def engine(self) -> Engine | None:
        if self._engine is None and self._model is not None:
            from workbench.mt.engine import Ct2Engine

            workers, threads = self.options.threads or (None, None)
            self._engine = Ct2Engine(
                self._model,
                device=self.options.device,
                compute_type=self.options.compute_type,
                inter_threads=workers,
                intra_threads=threads,
            )
        return self._engine

    def memory(self) -> TranslationMemory | None:
        if not self.options.use_tm or not self.options.out_dir.is_dir():
            return None
        if self._memory is None:
            self._memory = TranslationMemory.load(
                self.options.out_dir,
                threshold=self.options.tm_threshold,
                glossary=self.glossary,
                skip_unreadable=True,
            )
        return self._memory

    def notes(self) -> list[str]:
        """What the run should tell its user about what it loaded: PO files the memory left out."""
        return list(self._memory.skipped) if self._memory is not None else []

    def content_digest(self, article: Article, segments: Sequence[Segment]) -> str:
        """The digest of what an article's output depends on besides its id (see ``workbench.folders``)."""
        rows: list[object] = [self.settings, article.title, article.english_title]
        rows += [list(article.tickers), article.source]
        for seg in segments:
            entries = sorted({self._entry_json(entry) for entry in self.glossary.entries_in(seg.text)})
            rows.append([seg.paragraph, seg.sentence, seg.kind.value, seg.line, seg.text, entries])
        return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()

    def _entry_json(self, entry: GlossaryEntry) -> str:
        # Thousands of sentences name the same few entries: each is serialised once per run.
        text = self._entries.get(entry)
        if text is None:
            text = self._entries[entry] = json.dumps(_entry_fields(entry), ensure_ascii=False)
        return text


def inputs_digest(article_id: str, content: str) -> str:
    """What a folder's state records: the article's id (its entries' keys) and its content digest."""
    return hashlib.sha256(f"{article_id}\n{content}".encode()).hexdigest()


def _entry_fields(entry: GlossaryEntry) -> dict[str, object]:
    # The CSV row number moves when a line is added above; it changes nothing an article shows.
    fields = asdict(entry)
    fields.pop("row", None)
    return {key: list(value) if isinstance(value, tuple) else value for key, value in fields.items()}
