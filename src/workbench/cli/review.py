"""``workbench build`` (drafts from the PO files as reviewed so far) and ``workbench export`` (TMX, XLIFF)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from workbench.cli._common import EXIT_FINDINGS, guarded, print_json, report_line
from workbench.cli.report import refresh_report

# Kept here rather than imported from workbench.build so `workbench --help` never loads the library.
DEFAULT_MARKER = "⟦MT⟧ "


class ExportFormat(str, Enum):
    tmx = "tmx"
    xliff = "xliff"
    xliff12 = "xliff-1.2"


@guarded
def build(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Article folders, or the translations folder for every article in it."),
    ],
    reviewed_only: Annotated[
        bool,
        typer.Option(
            "--reviewed-only",
            help="Refuse (exit 1, listing them) while any sentence is fuzzy or empty; write nothing for "
            "such an article.",
        ),
    ] = False,
    marker: Annotated[
        str,
        typer.Option(
            help="Put before each unreviewed sentence in en.md; '{}' in it wraps the sentence instead."
        ),
    ] = DEFAULT_MARKER,
    signed_off: Annotated[
        bool,
        typer.Option(
            "--signed-off",
            help="Build only the articles an editor signed off (`workbench signoff`) and that have not "
            "changed since; name the others as left out.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Write en.md and zh_Hans.txt of each article from its en.po and zh_Hans.po as they are now."""
    import contextlib

    from workbench.build import article_folders, build_article
    from workbench.owned import refuse_links, require_translations_folder
    from workbench.safeio import folder_lock

    folders = article_folders(paths)
    roots = sorted({folder.parent for folder in folders})
    for root in roots:
        # The lock goes into the folder above each article: it must be a translations folder.
        require_translations_folder(root, "PATH")
        refuse_links(root)
    left_out: list[tuple[Path, str]] = []
    with contextlib.ExitStack() as locks:
        # The translations folders these articles live in, locked in one order so two commands never
        # wait for each other: a translate run writing there finishes before en.md is rebuilt.
        for root in roots:
            locks.enter_context(folder_lock(root, on_wait=lambda line: typer.echo(line, err=True)))
        if signed_off:
            folders, left_out = _signed_off(folders)
        results = [build_article(folder, marker=marker, reviewed_only=reviewed_only) for folder in folders]
    if as_json:
        print_json(
            [
                {
                    "folder": str(r.folder),
                    "article": r.article_id,
                    "written": [str(p) for p in r.written],
                    "marked": r.marked,
                    "refused": r.refused,
                    "unreviewed": [
                        {"id": u.position, "reason": u.reason, "source": u.source} for u in r.unreviewed
                    ],
                }
                for r in results
            ]
            + [{"folder": str(folder), "left_out": why} for folder, why in left_out]
        )
    else:
        for r in results:
            if r.refused:
                report_line(f"{r.folder}: not built, {len(r.unreviewed)} sentences not reviewed:")
                for u in r.unreviewed:
                    typer.echo(f"  {u.position}  {u.reason}  {u.source}")
            else:
                names = ", ".join(p.name for p in r.written)
                report_line(f"{r.folder}: {names} written, {r.marked} sentences marked as unreviewed")
        for folder, why in left_out:
            report_line(f"{folder}: left out, {why}")
        if signed_off:
            built = len(results)
            report_line(f"{built} signed-off article{'s' * (built != 1)} built, {len(left_out)} left out")
    for tree in dict.fromkeys([*paths, *(folder.parent for folder in folders)]):
        refresh_report(tree)
    if any(r.refused for r in results):
        raise typer.Exit(EXIT_FINDINGS)


def _signed_off(folders: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The folders whose sign-off still holds, and the others with the reason each is left out."""
    from workbench.errors import WorkbenchError
    from workbench.signoff import folder_standing

    kept: list[Path] = []
    left: list[tuple[Path, str]] = []
    for folder in folders:
        try:
            standing = folder_standing(folder)
        except WorkbenchError as err:
            left.append((folder, str(err)))
            continue
        if standing.holds:
            kept.append(folder)
        elif standing.problem:
            left.append((folder, standing.problem))
        elif standing.record is None:
            left.append((folder, "not signed off"))
        else:
            left.append((folder, f"{standing.describe()} (sign it off again once reviewed)"))
    return kept, left


@guarded
def export(
    path: Annotated[
        Path, typer.Argument(help="The translations folder (tmx), or it or article folders' parent (xliff).")
    ],
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="tmx, xliff (XLIFF 2.0) or xliff-1.2 (XLIFF 1.2: what translate-toolkit and Weblate read).",
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="tmx: the file [default: PATH/workbench.tmx, PATH/workbench.zh-Hans.tmx with --simplified]. "
            "xliff: a folder for <article>.xlf files (<article>.xliff for 1.2) [default: en.xlf (en.xliff) "
            "in each article folder].",
        ),
    ] = None,
    simplified: Annotated[
        bool,
        typer.Option(
            "--simplified",
            help="tmx: the Simplified memory (zh-Hant-HK → zh-Hans: every sentence whose Simplified a "
            "reviewer confirmed) instead of the English one.",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the files written and their unit counts as JSON.")
    ] = False,
) -> None:
    """Export reviewed translations as TMX 1.4b, or each article as XLIFF (2.0 or 1.2) with its review state.

    A TMX unit holds two variants, the Traditional source and one target: English by default, Simplified
    Chinese with --simplified."""
    from workbench.build import article_folders
    from workbench.errors import InputError
    from workbench.exchange import write_tmx, write_xliff
    from workbench.languages import ENGLISH, SIMPLIFIED
    from workbench.owned import TMX_EXPORT, refuse_links, require_article_or_translations_folder

    if simplified and format is not ExportFormat.tmx:
        raise InputError("--simplified is for --format tmx (the Simplified memory); leave it out for XLIFF")
    written: list[dict[str, object]] = []
    if format is ExportFormat.tmx:
        require_article_or_translations_folder(path)
        default = "workbench.zh-Hans.tmx" if simplified else TMX_EXPORT
        if out is None:
            refuse_links(path)
        target = out if out is not None else path / default
        units = write_tmx(path, target, simplified=simplified)
        written.append(
            {"file": str(target), "target_language": SIMPLIFIED if simplified else ENGLISH, "units": units}
        )
    else:
        version = "1.2" if format is ExportFormat.xliff12 else "2.0"
        for folder in article_folders([path]):
            file, count = write_xliff(folder, out, version)
            written.append({"file": str(file), "article_folder": str(folder), "units": count})
    if as_json:
        print_json({"format": format.value, "files": written})
        return
    for item in written:
        what = "reviewed translation units" if format is ExportFormat.tmx else "units"
        report_line(f"{item['file']}: {item['units']} {what}")


def register(app: typer.Typer) -> None:
    app.command()(build)
    app.command()(export)
