"""``workbench translate`` (the main job) and ``workbench segment`` (see how a page is cut up)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli._common import EXIT_BAD_INPUT, EXIT_FINDINGS, guarded, print_json
from workbench.cli.report import refresh_report

if TYPE_CHECKING:
    from workbench.jobs import ArticleReport

GlossaryOption = Annotated[
    Path | None,
    typer.Option("--glossary", "-g", help="Glossary CSV [default: ./glossary.csv when present]."),
]


@guarded
def translate(
    pages: Annotated[
        list[str],
        typer.Argument(
            help="Pages of Traditional-Chinese articles (UTF-8, Big5 or GB18030), folders of pages (their "
            "*.txt files) or patterns ('pages/2026-*.txt').",
            show_default=False,
            metavar="PATH",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder of per-article translations.")] = Path(
        "translations"
    ),
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            help="A model: a .argosmodel file, an argos package folder, a folder converted by "
            "ct2-transformers-converter (Marian, NLLB-200, M2M-100) or an installed model's name "
            "[default: the one `workbench model list` marks].",
        ),
    ] = None,
    device: Annotated[str, typer.Option(help="auto, cpu or cuda.")] = "auto",
    threads: Annotated[
        str | None,
        typer.Option(
            help="CPU threads for the engine: N cores, or WxT (W parallel workers of T threads each) "
            "[default: from the cores present].",
        ),
    ] = None,
    compute_type: Annotated[
        str | None,
        typer.Option(
            "--compute-type",
            help="CTranslate2 compute type (int8, float32, ...): float32 gives the same drafts on any CPU, "
            "more slowly [default: the package's own, else the fastest for the device].",
        ),
    ] = None,
    glossary: GlossaryOption = None,
    style: Annotated[
        Path | None,
        typer.Option(
            "--style", help="House-style file [default: house-style.toml beside the glossary when present]."
        ),
    ] = None,
    no_mt: Annotated[bool, typer.Option("--no-mt", help="Write files without machine drafts.")] = False,
    no_tm: Annotated[
        bool, typer.Option("--no-tm", help="Do not pre-fill from reviewed translations.")
    ] = False,
    tm_threshold: Annotated[
        float, typer.Option(help="Lowest similarity (0-100) for a translation-memory match.")
    ] = 75.0,
    refresh_mt: Annotated[
        bool,
        typer.Option(
            "--refresh-mt",
            help="Re-translate machine drafts nobody has edited yet (after installing a better model).",
        ),
    ] = False,
    marker: Annotated[str | None, typer.Option(help="Marker for unreviewed sentences in en.md.")] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when the written drafts have QA errors.")
    ] = False,
    no_wait: Annotated[
        bool,
        typer.Option("--no-wait", help="If another run is writing to --out, stop (exit 2) rather than wait."),
    ] = False,
    ray: Annotated[
        str | None,
        typer.Option(
            "--ray",
            metavar="ADDRESS",
            help="Translate on a Ray cluster: auto (the cluster this machine belongs to), ray://HOST:10001, "
            "HOST:PORT, or local (a private one on this machine's cores). --out must be a folder every node "
            'sees at the same path. Needs pip install "hk-newsroom-workbench[ray]".',
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Pre-translate every article of the pages in PATH...; write en.po, zh_Hans.po, zh_Hans.txt and en.md.

    Re-running keeps every translation a reviewer made; changed sentences keep their old translation as
    fuzzy, removed ones become obsolete; articles with nothing new are skipped. Exit 2 when an article
    could not be written (each is named), 1 with --strict when drafts have QA errors.
    """
    import time

    from workbench.cli._progress import progress_for_terminal
    from workbench.pipeline import TranslateOptions, translate_pages

    if device not in ("auto", "cpu", "cuda"):
        raise typer.BadParameter("use auto, cpu or cuda", param_hint="--device")
    options = TranslateOptions(
        out_dir=out,
        glossary=glossary,
        style=style,
        model=model,
        device=device,
        threads=parse_threads(threads),
        compute_type=compute_type,
        use_mt=not no_mt,
        use_tm=not no_tm,
        tm_threshold=tm_threshold,
        refresh_mt=refresh_mt,
        marker=marker,
        wait=not no_wait,
    )
    runner = None
    if ray is not None:
        from workbench.cluster import RayRunner, import_ray

        import_ray()  # one line on how to install it, before anything is read
        runner = RayRunner(ray)
    started = time.monotonic()
    with progress_for_terminal() as progress:
        report = translate_pages(pages, options, progress=progress, runner=runner)
    seconds = time.monotonic() - started
    # Notes (a page read as Big5, a PO file the memory left out) are for the person, with --json too.
    for note in report.notes:
        typer.echo(note, err=True)
    if as_json:
        print_json(
            {
                "pages": [
                    {
                        "page": p.page.path,
                        "encoding": p.page.encoding,
                        "articles": [_article_json(a) for a in p.articles],
                    }
                    for p in report.pages
                ],
                "engine": report.engine,
                "model_missing": report.model_missing,
                "articles": [_article_json(a) for a in report.articles],
                "failures": report.failures,
                "notes": report.notes,
                "seconds": round(seconds, 3),
                **({"ray": runner.stats.as_json()} if runner is not None else {}),
            }
        )
    else:
        for page_report in report.pages:
            typer.echo(f"{page_report.page.path}: {summary(page_report.articles)}", err=True)
        run = summary(report.articles + report.failed)
        typer.echo(
            f"{len(report.pages)} page{'s' if len(report.pages) != 1 else ''}: {run} in {seconds:.1f} s",
            err=True,
        )
        if report.model_missing:
            typer.echo(f"no machine drafts: {report.model_missing}", err=True)
    refresh_report(out, glossary)
    for failure in report.failures:
        typer.echo(f"workbench: {failure}", err=True)
    if report.failed:
        names = ", ".join(a.article.id for a in report.failed)
        typer.echo(f"workbench: not written: {names}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    if strict and report.qa_errors:
        raise typer.Exit(EXIT_FINDINGS)


def summary(articles: Sequence[ArticleReport]) -> str:
    """One line: articles written, unchanged and failed, sentences, where drafts came from, QA errors."""
    written = [a for a in articles if a.failure is None and not a.skipped]
    unchanged = sum(a.skipped for a in articles)
    failed = sum(a.failure is not None for a in articles)
    plural = "s" if len(articles) != 1 else ""
    parts = [f"{len(articles)} article{plural} ({len(written)} written, {unchanged} unchanged"]
    parts[0] += f", {failed} not written)" if failed else ")"
    parts.append(f"{sum(a.sentences for a in written)} sentences written")
    parts.append(f"{sum(a.from_mt for a in written)} machine drafts")
    parts.append(f"{sum(a.from_tm for a in written)} from memory")
    # A re-run, or a first run over a folder that came with its files, keeps the translations it finds.
    parts.append(f"{sum(a.kept for a in written)} kept from earlier runs")
    parts.append(f"{sum(a.errors for a in articles if a.failure is None)} with QA errors")
    return ", ".join(parts)


def parse_threads(value: str | None) -> tuple[int, int] | None:
    """``--threads`` as (workers, threads each): ``N`` cores split as the engine would, or ``WxT``."""
    from workbench.mt.threads import cpu_threads

    if value is None:
        return None
    text = value.strip().lower()
    try:
        if "x" in text:
            workers, each = (int(part) for part in text.split("x", 1))
        else:
            workers, each = cpu_threads(int(text))
    except ValueError:
        raise typer.BadParameter(
            "give a number of cores (4) or workers x threads (2x2)", param_hint="--threads"
        ) from None
    if workers < 1 or each < 1:
        raise typer.BadParameter("give at least one worker and one thread", param_hint="--threads")
    return workers, each


def _article_json(a: ArticleReport) -> dict[str, object]:
    return {
        "id": a.article.id,
        "folder": str(a.folder),
        "sentences": a.sentences,
        "machine": a.from_mt,
        "memory": a.from_tm,
        "kept": a.kept,
        "qa_errors": a.errors,
        "skipped": a.skipped,
        "failure": a.failure,
        "files": [str(f) for f in a.files],
    }


@guarded
def segment(
    page: Annotated[Path, typer.Argument(help="A page of Traditional-Chinese articles.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """List the articles of PAGE with their ids, titles and sentences."""
    from workbench.pages import split_page
    from workbench.segment import sentences_of
    from workbench.textio import read_page

    read = read_page(page)
    articles = split_page(read.text, read.path)
    data = []
    for article in articles:
        sentences = [
            {"id": seg.ctx, "kind": seg.kind.value, "line": seg.line, "text": seg.text}
            for seg in sentences_of(article)
        ]
        data.append(
            {
                "id": article.id,
                "title": article.title,
                "english_title": article.english_title,
                "tickers": list(article.tickers),
                "sentences": sentences,
            }
        )
    if as_json:
        print_json(data)
        return
    for article in articles:
        typer.echo(f"{article.id}  {article.title}")
        for seg in sentences_of(article):
            typer.echo(f"  {seg.ctx:<40} {seg.text}")


def register(app: typer.Typer) -> None:
    app.command()(translate)
    app.command()(segment)
