"""``workbench translate`` (the main job) and ``workbench segment`` (see how a page is cut up)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.cli._common import EXIT_BAD_INPUT, guarded, print_json
from workbench.cli.report import refresh_report

GlossaryOption = Annotated[
    Path | None,
    typer.Option("--glossary", "-g", help="Glossary CSV [default: ./glossary.csv when present]."),
]


@guarded
def translate(
    page: Annotated[
        Path, typer.Argument(help="A page of Traditional-Chinese articles (UTF-8, Big5 or GB18030).")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder of per-article translations.")] = Path(
        "translations"
    ),
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            help="An argos package: a .argosmodel file or a package folder "
            "[default: the installed zh/zt→en package].",
        ),
    ] = None,
    device: Annotated[str, typer.Option(help="auto, cpu or cuda.")] = "auto",
    glossary: GlossaryOption = None,
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
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Pre-translate every article of PAGE and write en.po, zh_Hans.po, zh_Hans.txt and en.md per article.

    Re-running keeps every translation a reviewer made; changed sentences keep their old translation as
    fuzzy, removed ones become obsolete.
    """
    from workbench.pipeline import TranslateOptions, translate_page

    if device not in ("auto", "cpu", "cuda"):
        raise typer.BadParameter("use auto, cpu or cuda", param_hint="--device")
    options = TranslateOptions(
        out_dir=out,
        glossary=glossary,
        model=model,
        device=device,
        use_mt=not no_mt,
        use_tm=not no_tm,
        tm_threshold=tm_threshold,
        refresh_mt=refresh_mt,
        marker=marker,
    )
    report = translate_page(page, options, progress=lambda line: typer.echo(line, err=True))
    if as_json:
        print_json(
            {
                "page": report.page.path,
                "encoding": report.page.encoding,
                "engine": report.engine,
                "model_missing": report.model_missing,
                "articles": [
                    {
                        "id": a.article.id,
                        "folder": str(a.folder),
                        "sentences": a.sentences,
                        "machine": a.from_mt,
                        "memory": a.from_tm,
                        "qa_errors": a.errors,
                        "files": [str(f) for f in a.files],
                    }
                    for a in report.articles
                ],
                "failures": report.failures,
            }
        )
    else:
        for note in report.notes:
            typer.echo(note, err=True)
        for a in report.articles:
            typer.echo(
                f"{a.folder}: {a.sentences} sentences, {a.from_mt} machine drafts, {a.from_tm} from memory, "
                f"{a.errors} with QA errors"
            )
        if report.model_missing:
            typer.echo(f"no machine drafts: {report.model_missing}", err=True)
    refresh_report(out, glossary)
    for failure in report.failures:
        typer.echo(f"workbench: {failure}", err=True)
    if report.failures:
        raise typer.Exit(EXIT_BAD_INPUT)


@guarded
def segment(
    page: Annotated[Path, typer.Argument(help="A page of Traditional-Chinese articles.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """List the articles of PAGE with their ids, titles and sentences."""
    from workbench.pages import split_page
    from workbench.pipeline import sentences_of
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
